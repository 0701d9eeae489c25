// swift-tools-version: 6.1
// TrustRegion: Trust Region Policy Optimization and its family, in Swift, on Linux CPUs.
import PackageDescription

/// Release-quality code generation for the hot numeric modules even in debug test builds would slow
/// compilation; instead the numeric kernels are `@inlinable` and measured in `-c release`.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// Where `scripts/install-mujoco.sh` puts the MuJoCo C library (headers and libmujoco.so), unless
/// `MUJOCO_PREFIX` names another installation with the same layout (include/, lib/).
let mujocoPrefix = Context.environment["MUJOCO_PREFIX"] ?? "\(Context.packageDirectory)/.mujoco"

/// Compiler and linker flags that find that installation; only used with the `MuJoCo` trait.
/// (SwiftPM drops an rpath given by pkg-config, so the flags are set here, with the library's
/// directory as the rpath so binaries find it without LD_LIBRARY_PATH.)
let mujocoOnly: BuildSettingCondition = .when(traits: ["MuJoCo"])
let mujocoSwiftSettings: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-I\(mujocoPrefix)/include"], mujocoOnly)]
let mujocoLinkerSettings: [LinkerSetting] = [
    .unsafeFlags(["-L\(mujocoPrefix)/lib", "-Xlinker", "-rpath", "-Xlinker", "\(mujocoPrefix)/lib"], mujocoOnly),
]

/// Where `scripts/install-ale.sh` puts the Arcade Learning Environment (include/ale, lib/libale.a,
/// roms/), unless `ALE_PREFIX` names another installation with the same layout. Static, so no rpath.
let alePrefix = Context.environment["ALE_PREFIX"] ?? "\(Context.packageDirectory)/.ale"
let aleOnly: BuildSettingCondition = .when(traits: ["ALE"])

let package = Package(
    name: "TrustRegion",
    platforms: [.macOS(.v13)],
    products: [
        .library(
            name: "TrustRegion",
            targets: [
                "DenseLinearAlgebra", "NeuralNetworks", "Environments", "Policies", "Rollouts",
                "PolicyOptimization", "TrainingSettings", "RunArtifacts", "FiniteMDPs", "MuJoCoEnvironments", "GymnasiumBridge",
                "AtariEnvironments", "DistributedTraining",
                "TrustRegion",
            ]
        ),
        .executable(name: "trpo", targets: ["trpo"]),
    ],
    traits: [
        .trait(
            name: "MuJoCo",
            description: "MuJoCo locomotion environments (Hopper-v4, ...); run scripts/install-mujoco.sh first."),
        .trait(
            name: "ALE",
            description: "Atari 2600 games through the Arcade Learning Environment (ALE/Pong-v5, ...; links GPL-2.0 code); run scripts/install-ale.sh first."),
        .trait(
            name: "MPI",
            description: "Distributed training under mpirun on Open MPI (pkg-config ompi-c); run scripts/install-mpi.sh first."),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        // Only for `swift package generate-documentation` (the DocC catalogue in Sources/PolicyOptimization).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: - Layers, bottom up
        .target(name: "CMatrixKernels"),
        .target(
            name: "DenseLinearAlgebra",
            dependencies: ["CMatrixKernels", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: strictSettings),
        .target(name: "NeuralNetworks", dependencies: ["DenseLinearAlgebra"], swiftSettings: strictSettings),
        .target(name: "Environments", dependencies: ["DenseLinearAlgebra"], swiftSettings: strictSettings),
        // The MuJoCo C library, found through the flags above (module map in Sources/CMuJoCo).
        .systemLibrary(name: "CMuJoCo"),
        .target(
            name: "MuJoCoEnvironments",
            dependencies: [
                "DenseLinearAlgebra", "Environments", .target(name: "CMuJoCo", condition: .when(traits: ["MuJoCo"])),
            ],
            resources: [.copy("Models")],
            swiftSettings: strictSettings + mujocoSwiftSettings,
            linkerSettings: mujocoLinkerSettings),
        // Python Gymnasium environments (`gym:ID`) in worker processes; the worker script is a resource.
        .target(
            name: "GymnasiumBridge", dependencies: ["Environments"],
            resources: [.copy("Resources/trpo_gymnasium_worker.py")], swiftSettings: strictSettings),
        // The Arcade Learning Environment: a system library (libale.a and zlib, module map in
        // Sources/CALE), a C++ target exposing ALE's C++ interface as C functions, and the Swift module.
        .systemLibrary(name: "CALE"),
        .target(
            name: "CALEShim",
            dependencies: [.target(name: "CALE", condition: .when(traits: ["ALE"]))],
            cxxSettings: [
                .define("TRUSTREGION_HAS_ALE", aleOnly),
                .define("TRUSTREGION_ALE_ROM_DIRECTORY", to: "\"\(alePrefix)/roms\"", aleOnly),
                .unsafeFlags(["-I\(alePrefix)/include"], aleOnly),
            ],
            // The module map's `link` lines only apply where Swift imports CALE; C++ needs them here.
            linkerSettings: [
                .unsafeFlags(["-L\(alePrefix)/lib"], aleOnly), .linkedLibrary("ale", aleOnly),
                .linkedLibrary("z", aleOnly), .linkedLibrary("pthread", aleOnly),
            ]),
        .target(
            name: "AtariEnvironments",
            dependencies: ["DenseLinearAlgebra", "Environments", "CALEShim"],
            swiftSettings: strictSettings,
            linkerSettings: [.unsafeFlags(["-L\(alePrefix)/lib"], aleOnly)]),
        // Open MPI (module map and inline getters for its macro globals in Sources/CMPI), and the
        // communicator, reduction and distributed vector environment over it (or over one process).
        .systemLibrary(name: "CMPI", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]),
        .target(
            name: "DistributedTraining",
            dependencies: [
                "DenseLinearAlgebra", "Environments", "TrainingSettings",
                .target(name: "CMPI", condition: .when(traits: ["MPI"])),
            ],
            swiftSettings: strictSettings),
        .target(
            name: "Policies",
            dependencies: ["DenseLinearAlgebra", "NeuralNetworks", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: strictSettings),
        .target(
            name: "Rollouts", dependencies: ["DenseLinearAlgebra", "NeuralNetworks", "Environments", "Policies"],
            swiftSettings: strictSettings),
        .target(
            name: "PolicyOptimization",
            dependencies: [
                "DenseLinearAlgebra", "NeuralNetworks", "Environments", "Policies", "Rollouts",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            swiftSettings: strictSettings),
        // The RL Zoo's keys, tables and Python literals over the typed settings, and the one-line agents.
        .target(
            name: "TrainingSettings",
            dependencies: ["DenseLinearAlgebra", "NeuralNetworks", "Environments", "Policies", "Rollouts", "PolicyOptimization"],
            swiftSettings: strictSettings),
        .target(
            name: "RunArtifacts",
            dependencies: [
                "DenseLinearAlgebra", "NeuralNetworks", "Environments", "Policies", "Rollouts", "PolicyOptimization",
                "TrainingSettings", .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings),
        // `import TrustRegion`: every library module at once.
        .target(
            name: "TrustRegion",
            dependencies: [
                "DenseLinearAlgebra", "NeuralNetworks", "Environments", "Policies", "Rollouts", "PolicyOptimization",
                "TrainingSettings", "RunArtifacts",
            ],
            swiftSettings: strictSettings),
        // Exact finite-MDP theory (Schulman et al. 2015, §2–§4): a side branch above DenseLinearAlgebra.
        .target(name: "FiniteMDPs", dependencies: ["DenseLinearAlgebra"], swiftSettings: strictSettings),
        .executableTarget(
            name: "trpo",
            dependencies: [
                "DenseLinearAlgebra", "NeuralNetworks", "Environments", "Policies", "Rollouts",
                "PolicyOptimization", "TrainingSettings", "RunArtifacts", "FiniteMDPs", "GymnasiumBridge",
                .target(name: "MuJoCoEnvironments", condition: .when(traits: ["MuJoCo"])),
                "AtariEnvironments", "DistributedTraining",
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
        .testTarget(
            name: "MuJoCoEnvironmentsTests", dependencies: ["MuJoCoEnvironments", "_TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "AtariEnvironmentsTests", dependencies: ["AtariEnvironments", "_TestSupport"],
            exclude: ["Fixtures/make_atari_fixtures.py", "Fixtures/make_sb3_atari_fixtures.py"],
            resources: [.copy("Fixtures/atari_reference.json"), .copy("Fixtures/sb3_atari_reference.json")]),
        .testTarget(name: "PoliciesTests", dependencies: ["Policies", "_TestSupport"]),
        .testTarget(name: "RolloutsTests", dependencies: ["Rollouts", "_TestSupport"]),
        .testTarget(
            name: "PolicyOptimizationTests", dependencies: ["PolicyOptimization", "TrainingSettings", "Rollouts", "_TestSupport"]),
        .testTarget(
            name: "RunArtifactsTests", dependencies: ["RunArtifacts", "_TestSupport"],
            exclude: ["Fixtures/make_safetensors_fixture.py"], resources: [.copy("Fixtures/python_reference.safetensors")]),
        .testTarget(
            name: "FiniteMDPsTests", dependencies: ["FiniteMDPs", "DenseLinearAlgebra", "_TestSupport"]),
        .testTarget(name: "trpoTests", dependencies: ["trpo", "RunArtifacts", "_TestSupport"]),
        .testTarget(
            name: "DistributedTrainingTests",
            dependencies: ["DistributedTraining", "PolicyOptimization", "TrainingSettings", "Environments", "_TestSupport"]),
        .testTarget(
            name: "GymnasiumBridgeTests", dependencies: ["GymnasiumBridge", "Environments", "_TestSupport"]),
    ]
)
