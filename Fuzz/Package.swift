// swift-tools-version:6.0
import PackageDescription

/// libFuzzer targets for alipayplus-swift, kept out of the root package's build.
///
/// Build and run them with `Fuzz/run.sh [SECONDS_PER_TARGET]` from the repository root; each target is
/// an executable whose `main` comes from libFuzzer (`-sanitize=fuzzer` plus `-parse-as-library`).
let package = Package(
    name: "alipayplus-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "alipayplus-swift", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(
            name: "FuzzSignatureHeader",
            dependencies: [.product(name: "AlipayPlusSigning", package: "alipayplus-swift"), "FuzzSupport"]
        ),
        .executableTarget(
            name: "FuzzKeyLoading",
            dependencies: [.product(name: "AlipayPlusSigning", package: "alipayplus-swift"), "FuzzSupport"]
        ),
        .executableTarget(
            name: "FuzzModelDecoding",
            dependencies: [.product(name: "AlipayPlusModels", package: "alipayplus-swift"), "FuzzSupport"]
        ),
        .executableTarget(
            name: "FuzzInboundHandler",
            dependencies: [.product(name: "AlipayPlus", package: "alipayplus-swift"), .product(name: "AlipayPlusTesting", package: "alipayplus-swift"), .product(name: "AlipayPlusSigning", package: "alipayplus-swift"), .product(name: "AlipayPlusModels", package: "alipayplus-swift"), .product(name: "AlipayPlusTransport", package: "alipayplus-swift"), "FuzzSupport"]
        ),
        .executableTarget(
            name: "FuzzReportParser",
            dependencies: [.product(name: "AlipayPlusReconciliation", package: "alipayplus-swift"), "FuzzSupport"]
        ),
    ]
)
