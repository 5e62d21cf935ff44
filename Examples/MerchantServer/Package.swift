// swift-tools-version:6.0
import PackageDescription

/// The example merchant server and the local Alipay+ sandbox, as a separate package so that the
/// library itself stays free of package dependencies. The merchant server uses the PostgreSQL store
/// (Integrations/Postgres) when `DATABASE_URL` is set.
let package = Package(
    name: "MerchantServerExample",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "merchant-server", targets: ["MerchantServer"]),
        .executable(name: "alipayplus-sandbox", targets: ["AlipayPlusSandbox"]),
    ],
    dependencies: [
        .package(name: "alipayplus-swift", path: "../.."),
        .package(path: "../../Integrations/AlipayPlusHummingbird"),
        .package(path: "../../Integrations/AlipayPlusServiceLifecycle"),
        .package(path: "../../Integrations/Postgres"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(
            name: "ExampleHTTP",
            dependencies: [
                .product(name: "AlipayPlus", package: "alipayplus-swift"),
                .product(name: "AlipayPlusTransport", package: "alipayplus-swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "MerchantServerCore",
            dependencies: [
                "ExampleHTTP",
                .product(name: "AlipayPlusHummingbird", package: "AlipayPlusHummingbird"),
                .product(name: "AlipayPlusServiceLifecycle", package: "AlipayPlusServiceLifecycle"),
                .product(name: "AlipayPlusPostgres", package: "Postgres"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AlipayPlus", package: "alipayplus-swift"),
                .product(name: "AlipayPlusSigning", package: "alipayplus-swift"),
                .product(name: "AlipayPlusModels", package: "alipayplus-swift"),
                .product(name: "AlipayPlusTransport", package: "alipayplus-swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "SandboxCore",
            dependencies: [
                "ExampleHTTP",
                .product(name: "AlipayPlusHummingbird", package: "AlipayPlusHummingbird"),
                .product(name: "AlipayPlus", package: "alipayplus-swift"),
                .product(name: "AlipayPlusSigning", package: "alipayplus-swift"),
                .product(name: "AlipayPlusModels", package: "alipayplus-swift"),
                .product(name: "AlipayPlusTesting", package: "alipayplus-swift"),
                .product(name: "AlipayPlusTransport", package: "alipayplus-swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(name: "MerchantServer", dependencies: ["MerchantServerCore", "ExampleHTTP", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log")]),
        .executableTarget(name: "AlipayPlusSandbox", dependencies: ["SandboxCore", "ExampleHTTP", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "MerchantServerCore", "SandboxCore", "ExampleHTTP",
                .product(name: "AlipayPlusModels", package: "alipayplus-swift"),
                .product(name: "AlipayPlus", package: "alipayplus-swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AlipayPlusSigning", package: "alipayplus-swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AlipayPlusTesting", package: "alipayplus-swift"),
                .product(name: "AlipayPlusTransport", package: "alipayplus-swift"),
                .product(name: "AlipayPlusPostgres", package: "Postgres"),
            ]
        ),
    ]
)
