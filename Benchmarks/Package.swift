// swift-tools-version: 6.1
// Benchmarks for TrustRegion, in their own package so their code never reaches the library's users.
import PackageDescription

let package = Package(
    name: "TrustRegionBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "TrustRegion", path: "..")],
    targets: [
        .executableTarget(
            name: "EnvironmentBenchmarks",
            dependencies: [.product(name: "TrustRegion", package: "TrustRegion")]),
        .executableTarget(
            name: "BridgeBenchmarks",
            dependencies: [.product(name: "TrustRegion", package: "TrustRegion")]),
    ]
)
