// swift-tools-version: 6.1
// TrustRegion: Trust Region Policy Optimization and its family, in Swift, on Linux CPUs.
import PackageDescription

/// Release-quality code generation for the hot numeric modules even in debug test builds would slow
/// compilation; instead the numeric kernels are `@inlinable` and measured in `-c release`.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "TrustRegion",
    platforms: [.macOS(.v13)],
    products: [
        .library(
            name: "TrustRegion",
            targets: [
                "DenseLinearAlgebra", "NeuralNetworks", "Environments", "Policies", "Rollouts",
                "PolicyOptimization", "RunArtifacts",
            ]
        ),
        .executable(name: "trpo", targets: ["trpo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        // MARK: - Layers, bottom up
        .target(
            name: "DenseLinearAlgebra", dependencies: [.product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: strictSettings),
        .target(name: "NeuralNetworks", dependencies: ["DenseLinearAlgebra"], swiftSettings: strictSettings),
        .target(name: "Environments", dependencies: ["DenseLinearAlgebra"], swiftSettings: strictSettings),
        .target(
            name: "Policies",
            dependencies: ["DenseLinearAlgebra", "NeuralNetworks", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: strictSettings),
        .target(
            name: "Rollouts", dependencies: ["DenseLinearAlgebra", "Environments", "Policies"],
            swiftSettings: strictSettings),
        .target(
            name: "PolicyOptimization",
            dependencies: [
                "DenseLinearAlgebra", "NeuralNetworks", "Environments", "Policies", "Rollouts",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            swiftSettings: strictSettings),
        .target(
            name: "RunArtifacts",
            dependencies: [
                "DenseLinearAlgebra", "NeuralNetworks", "Environments", "Policies", "PolicyOptimization",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings),
        .executableTarget(
            name: "trpo",
            dependencies: [
                "DenseLinearAlgebra", "NeuralNetworks", "Environments", "Policies", "Rollouts",
                "PolicyOptimization", "RunArtifacts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings),

        // MARK: - Tests
        .target(
            name: "_TestSupport", dependencies: ["DenseLinearAlgebra", "NeuralNetworks", "Environments"], path: "Sources/_TestSupport"),
        .testTarget(name: "DenseLinearAlgebraTests", dependencies: ["DenseLinearAlgebra", "_TestSupport"]),
        .testTarget(name: "NeuralNetworksTests", dependencies: ["NeuralNetworks", "_TestSupport"]),
        .testTarget(
            name: "EnvironmentsTests", dependencies: ["Environments", "_TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "PoliciesTests", dependencies: ["Policies", "_TestSupport"]),
        .testTarget(name: "RolloutsTests", dependencies: ["Rollouts", "_TestSupport"]),
        .testTarget(name: "PolicyOptimizationTests", dependencies: ["PolicyOptimization", "_TestSupport"]),
        .testTarget(name: "RunArtifactsTests", dependencies: ["RunArtifacts", "_TestSupport"]),
        .testTarget(name: "trpoTests", dependencies: ["trpo", "_TestSupport"]),
    ]
)
