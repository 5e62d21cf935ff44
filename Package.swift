// swift-tools-version:6.0
import PackageDescription

/// Settings shared by every Swift target: Swift 6 language mode plus the upcoming features the
/// design notes ask for.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "alipayplus-swift",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AlipayPlus", targets: ["AlipayPlus"]),
        .library(name: "AlipayPlusSigning", targets: ["AlipayPlusSigning"]),
        .library(name: "AlipayPlusModels", targets: ["AlipayPlusModels"]),
        .library(name: "AlipayPlusTransport", targets: ["AlipayPlusTransport"]),
        .library(name: "AlipayPlusTesting", targets: ["AlipayPlusTesting"]),
        .library(name: "AlipayPlusReconciliation", targets: ["AlipayPlusReconciliation"]),
        .executable(name: "alipayplus", targets: ["AlipayPlusCLI"]),
    ],
    targets: [
        .systemLibrary(
            name: "CAlipayPlusOpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "AlipayPlusTime", swiftSettings: strictSettings),
        .target(name: "AlipayPlusSigning", dependencies: ["CAlipayPlusOpenSSL", "AlipayPlusTime"], swiftSettings: strictSettings),
        .target(name: "AlipayPlusModels", dependencies: ["AlipayPlusTime"], swiftSettings: strictSettings),
        .target(name: "AlipayPlusTransport", dependencies: ["AlipayPlusTime"], swiftSettings: strictSettings),
        .target(
            name: "AlipayPlus",
            dependencies: ["AlipayPlusSigning", "AlipayPlusModels", "AlipayPlusTransport"],
            swiftSettings: strictSettings
        ),
        .target(name: "AlipayPlusTesting", dependencies: ["AlipayPlus", "AlipayPlusReconciliation"], swiftSettings: strictSettings),
        .target(name: "AlipayPlusReconciliation", dependencies: ["AlipayPlus", "AlipayPlusModels", "AlipayPlusTime"], swiftSettings: strictSettings),
        .executableTarget(
            name: "AlipayPlusCLI",
            dependencies: ["AlipayPlus", "AlipayPlusTesting", "AlipayPlusReconciliation"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "AlipayPlusTimeTests", dependencies: ["AlipayPlusTime"], swiftSettings: strictSettings),
        .testTarget(name: "AlipayPlusSigningTests", dependencies: ["AlipayPlusSigning"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "AlipayPlusModelsTests", dependencies: ["AlipayPlusModels"], swiftSettings: strictSettings),
        .target(name: "AlipayPlusTestSupport", dependencies: ["AlipayPlusTransport"], path: "Tests/Support", swiftSettings: strictSettings),
        .testTarget(name: "AlipayPlusTransportTests", dependencies: ["AlipayPlusTransport", "AlipayPlusTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "AlipayPlusTests", dependencies: ["AlipayPlus", "AlipayPlusTesting", "AlipayPlusTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "AlipayPlusTestingTests", dependencies: ["AlipayPlusTesting"], resources: [.copy("Cassettes")], swiftSettings: strictSettings),
        .testTarget(name: "AlipayPlusSoakTests", dependencies: ["AlipayPlus", "AlipayPlusTesting"], swiftSettings: strictSettings),
        .testTarget(name: "AlipayPlusReconciliationTests", dependencies: ["AlipayPlusReconciliation", "AlipayPlusModels", "AlipayPlusTesting"], swiftSettings: strictSettings),
    ]
)
