// swift-tools-version: 6.1
// Steps per second of the Atari environments (raw ALE/Pong-v5, the preprocessed stack, two copies
// on two threads), in release mode; Benchmarks/atari.sh runs it beside gymnasium + ale-py:
//   scripts/install-ale.sh && swift run -c release --package-path Benchmarks/Atari
// A separate package, so that its dependencies never reach users of TrustRegion.
import PackageDescription

let package = Package(
    name: "AtariBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "TrustRegion", path: "../..", traits: ["ALE"])],
    targets: [
        .executableTarget(
            name: "AtariBenchmark",
            dependencies: [.product(name: "TrustRegion", package: "TrustRegion")]),
    ]
)
