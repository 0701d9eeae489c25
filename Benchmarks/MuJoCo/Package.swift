// swift-tools-version: 6.1
// Steps per second of the MuJoCo environments against the bare physics, in release mode:
//   scripts/install-mujoco.sh && swift run -c release --package-path Benchmarks/MuJoCo
// A separate package, so that its dependencies never reach users of TrustRegion.
import PackageDescription

let package = Package(
    name: "MuJoCoBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "TrustRegion", path: "../..", traits: ["MuJoCo"])],
    targets: [
        .executableTarget(
            name: "MuJoCoBenchmark",
            dependencies: [.product(name: "TrustRegion", package: "TrustRegion")]),
    ]
)
