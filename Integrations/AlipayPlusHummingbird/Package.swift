// swift-tools-version:6.0
import PackageDescription

/// AlipayPlusHummingbird: mounts the coordinator's inbound endpoints (and the binding return route)
/// on a Hummingbird router. A separate package so that the library itself keeps zero package
/// dependencies.
let package = Package(
    name: "alipayplus-hummingbird",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AlipayPlusHummingbird", targets: ["AlipayPlusHummingbird"]),
    ],
    dependencies: [
        .package(name: "alipayplus-swift", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(
            name: "AlipayPlusHummingbird",
            dependencies: [
                .product(name: "AlipayPlus", package: "alipayplus-swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        ),
        .testTarget(
            name: "AlipayPlusHummingbirdTests",
            dependencies: [
                "AlipayPlusHummingbird",
                .product(name: "AlipayPlusTesting", package: "alipayplus-swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // MemberImportVisibility on: the README example must compile with only
            // `import AlipayPlusHummingbird` and `import Hummingbird`.
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ]
        ),
    ]
)
