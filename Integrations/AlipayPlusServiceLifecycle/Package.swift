// swift-tools-version:6.0
import PackageDescription

/// AlipayPlusServiceLifecycle: the coordinator's background work as a swift-service-lifecycle
/// `Service`. A separate package so that the library itself keeps zero package dependencies.
let package = Package(
    name: "alipayplus-service-lifecycle",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AlipayPlusServiceLifecycle", targets: ["AlipayPlusServiceLifecycle"]),
    ],
    dependencies: [
        .package(name: "alipayplus-swift", path: "../.."),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(
            name: "AlipayPlusServiceLifecycle",
            dependencies: [
                .product(name: "AlipayPlus", package: "alipayplus-swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        ),
        .testTarget(
            name: "AlipayPlusServiceLifecycleTests",
            dependencies: [
                "AlipayPlusServiceLifecycle",
                .product(name: "AlipayPlus", package: "alipayplus-swift"),
                .product(name: "AlipayPlusTesting", package: "alipayplus-swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ]
)
