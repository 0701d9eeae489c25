// swift-tools-version: 6.1
// libFuzzer targets for TrustRegion's file and text parsers. A separate package, so the sanitizer
// flags never reach users' builds: `scripts/fuzz.sh TARGET SECONDS` builds it with
// `-sanitize=fuzzer,address` (applied to every module, so the parsers themselves are instrumented)
// and runs one target over its committed seed corpus in Corpus/TARGET.
import PackageDescription

/// The fuzz targets (the names `scripts/fuzz.sh` takes) and their executables, each of whose
/// one-input function feeds bytes to one parser.
let targets = [
    ("safetensors", "FuzzSafeTensors"), ("checkpoint", "FuzzCheckpoint"), ("policy", "FuzzPolicy"),
    ("zoo-config", "FuzzZooConfig"), ("python-literal", "FuzzPythonLiteral"), ("finite-mdp", "FuzzFiniteMDP"),
]

let package = Package(
    name: "TrustRegionFuzz",
    dependencies: [.package(name: "TrustRegion", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzerDriver", dependencies: ["CFuzzerDriver"]),
    ] + targets.map { _, module in
        .executableTarget(
            name: module,
            dependencies: ["FuzzerDriver", .product(name: "TrustRegion", package: "TrustRegion")])
    }
)
