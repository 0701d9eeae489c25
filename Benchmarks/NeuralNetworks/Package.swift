// swift-tools-version: 6.1
// Release-mode kernel benchmarks; a separate package so benchmark code never reaches users.
import PackageDescription

let package = Package(
    name: "NetworkBenchmark",
    dependencies: [.package(name: "TrustRegion", path: "../..")],
    targets: [
        .target(name: "FMAPeak"),
        .target(name: "ThreadTiming"),
        .executableTarget(
            name: "NetworkBenchmark",
            dependencies: [.product(name: "TrustRegion", package: "TrustRegion"), "FMAPeak"]
        ),
        .executableTarget(
            name: "ConvolutionBenchmark",
            dependencies: [.product(name: "TrustRegion", package: "TrustRegion"), "ThreadTiming"]
        ),
        .executableTarget(
            name: "ByteInputBenchmark",
            dependencies: [.product(name: "TrustRegion", package: "TrustRegion"), "ThreadTiming"]
        ),
    ]
)
