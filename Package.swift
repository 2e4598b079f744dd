// swift-tools-version:6.1
import PackageDescription

/// `TIKSCORE_LIBRARY_TESTS=1` leaves out the executable and its end-to-end tests, with everything
/// only they use (NIO, TLS, WebSocket, PostgreSQL, the argument parser): `.ci/run` builds the library tests
/// that way for its ThreadSanitizer pass, which does not run the end-to-end tests.
let libraryTestsOnly = Context.environment["TIKSCORE_LIBRARY_TESTS"] == "1"

let package = Package(
    name: "TikScore",
    platforms: [.macOS(.v13)],
    products: (libraryTestsOnly ? [] : [.executable(name: "tikscore", targets: ["tikscore"])]) + [
        // For the fuzz package in Fuzz/, which depends on this one by path.
        .library(name: "TikScoreCore", targets: ["TikScoreCore"]),
        .library(name: "TikScoreTUI", targets: ["TikScoreTUI"]),
        .library(name: "TikScoreResources", targets: ["TikScoreResources"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/vapor/websocket-kit", from: "2.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.78.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.24.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNCursesW",
            path: "Sources/CNCursesW",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(
            name: "TikScoreResources",
            path: "Resources",
            exclude: ["README.md"],
            sources: ["TikScoreResources.swift"],
            resources: [.copy("catalogs")]
        ),
        .target(
            name: "TikScoreCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            path: "Sources/TikScoreCore"
        ),
        .target(
            name: "TikScoreStore",
            dependencies: [
                "TikScoreCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own column calls on GRDB's statements, for the long transfer scans.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            path: "Sources/TikScoreStore"
        ),
        .target(
            name: "TikScoreTUI",
            dependencies: ["TikScoreCore", "CNCursesW"],
            path: "Sources/TikScoreTUI"
        ),
        .target(
            name: "TikScoreTestSupport",
            dependencies: ["TikScoreCore"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "TikScoreCoreTests",
            dependencies: ["TikScoreCore", "TikScoreResources", "TikScoreTestSupport"],
            path: "Tests/TikScoreCoreTests"
        ),
        .testTarget(
            name: "TikScoreStoreTests",
            // The PostgreSQL store joins the store contract tests (`#if canImport(TikScorePostgres)`)
            // except in the library-only build.
            dependencies: ["TikScoreCore", "TikScoreStore", "TikScoreResources", "TikScoreTestSupport",
                           .product(name: "GRDB", package: "GRDB.swift")] + (libraryTestsOnly ? [] : ["TikScorePostgres"]),
            path: "Tests/TikScoreStoreTests"
        ),
        .testTarget(
            name: "TikScoreTUITests",
            dependencies: ["TikScoreCore", "TikScoreStore", "TikScoreTUI", "TikScoreResources", "TikScoreTestSupport"],
            path: "Tests/TikScoreTUITests",
            resources: [.copy("Golden")]
        ),
    ] + (libraryTestsOnly ? [] : [
        .target(
            name: "TikScorePostgres",
            dependencies: [
                "TikScoreCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Sources/TikScorePostgres"
        ),
        .executableTarget(
            name: "tikscore",
            dependencies: [
                "TikScoreCore",
                "TikScoreStore",
                "TikScorePostgres",
                "TikScoreTUI",
                "TikScoreResources",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "WebSocketKit", package: "websocket-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            path: "Sources/tikscore",
            linkerSettings: [
                // SwiftPM exports every symbol of an executable on Linux (for testable executables);
                // a release binary has no use for it, and the loader and the runtime's start-up
                // lookups (dladdr) walk that table: --version takes 9 ms with it, 6 ms without.
                .unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["TikScoreCore", "TikScoreStore", "TikScoreResources", "TikScoreTestSupport", "tikscore"],
            path: "Tests/EndToEndTests"
        ),
    ]),
    swiftLanguageModes: [.v6]
)
