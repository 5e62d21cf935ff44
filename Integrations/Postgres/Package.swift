// swift-tools-version:6.0
import PackageDescription

/// Settings shared by every target: Swift 6 language mode plus the root package's upcoming features.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// The PostgreSQL store for several merchant server instances, as a separate package so that the
/// library itself stays free of package dependencies.
let package = Package(
    name: "AlipayPlusPostgres",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AlipayPlusPostgres", targets: ["AlipayPlusPostgres"]),
        .executable(name: "alipayplus-postgres-bench", targets: ["AlipayPlusPostgresBench"]),
        .executable(name: "alipayplus-postgres-soak-merchant", targets: ["AlipayPlusPostgresSoakMerchant"]),
    ],
    dependencies: [
        .package(name: "alipayplus-swift", path: "../.."),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(
            name: "AlipayPlusPostgres",
            dependencies: [
                .product(name: "AlipayPlus", package: "alipayplus-swift"),
                .product(name: "AlipayPlusModels", package: "alipayplus-swift"),
                .product(name: "AlipayPlusSigning", package: "alipayplus-swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "AlipayPlusPostgresBench",
            dependencies: [
                "AlipayPlusPostgres",
                .product(name: "AlipayPlus", package: "alipayplus-swift"),
                .product(name: "AlipayPlusModels", package: "alipayplus-swift"),
                .product(name: "AlipayPlusSigning", package: "alipayplus-swift"),
                .product(name: "AlipayPlusTesting", package: "alipayplus-swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "AlipayPlusPostgresSoakMerchant",
            dependencies: [
                "AlipayPlusPostgres",
                .product(name: "AlipayPlusTesting", package: "alipayplus-swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AlipayPlusPostgresTests",
            dependencies: [
                "AlipayPlusPostgres",
                .product(name: "AlipayPlus", package: "alipayplus-swift"),
                .product(name: "AlipayPlusModels", package: "alipayplus-swift"),
                .product(name: "AlipayPlusSigning", package: "alipayplus-swift"),
                .product(name: "AlipayPlusTesting", package: "alipayplus-swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
