// swift-tools-version:6.0
import PackageDescription

/// The library's events in swift-log, swift-metrics and swift-distributed-tracing, as a separate
/// package so that the library itself stays free of package dependencies.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "AlipayPlusObservability",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AlipayPlusObservability", targets: ["AlipayPlusObservability"]),
    ],
    dependencies: [
        .package(name: "alipayplus-swift", path: "../.."),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
    ],
    targets: [
        .target(
            name: "AlipayPlusObservability",
            dependencies: [
                .product(name: "AlipayPlus", package: "alipayplus-swift"),
                .product(name: "AlipayPlusModels", package: "alipayplus-swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AlipayPlusObservabilityTests",
            dependencies: [
                "AlipayPlusObservability",
                .product(name: "AlipayPlus", package: "alipayplus-swift"),
                .product(name: "AlipayPlusModels", package: "alipayplus-swift"),
                .product(name: "AlipayPlusSigning", package: "alipayplus-swift"),
                .product(name: "AlipayPlusTesting", package: "alipayplus-swift"),
                .product(name: "AlipayPlusTransport", package: "alipayplus-swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
