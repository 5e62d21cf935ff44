// swift-tools-version:6.0
import PackageDescription

/// AlipayPlusVapor: mounts the coordinator's inbound endpoints (and the binding return route) on a
/// Vapor router. A separate package so that the library itself keeps zero package dependencies.
let package = Package(
    name: "alipayplus-vapor",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AlipayPlusVapor", targets: ["AlipayPlusVapor"]),
    ],
    dependencies: [
        .package(name: "alipayplus-swift", path: "../.."),
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
    ],
    targets: [
        .target(
            name: "AlipayPlusVapor",
            dependencies: [
                .product(name: "AlipayPlus", package: "alipayplus-swift"),
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "AlipayPlusVaporTests",
            dependencies: [
                "AlipayPlusVapor",
                .product(name: "AlipayPlusTesting", package: "alipayplus-swift"),
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ]
)
