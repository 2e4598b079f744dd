// swift-tools-version:6.1
import PackageDescription

/// libFuzzer targets for TikScore, kept out of the root package so `swift build` and `swift test`
/// never build them. `scripts/fuzz` builds them with `-sanitize=fuzzer,address` and runs them.
let fuzzTarget: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "TikScoreFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "TikScore", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(
            name: "FuzzSupport",
            dependencies: ["CFuzzerDriver",
                           .product(name: "TikScoreCore", package: "TikScore"),
                           .product(name: "TikScoreResources", package: "TikScore")]
        ),
        .executableTarget(
            name: "FeedFuzz",
            dependencies: ["FuzzSupport",
                           .product(name: "TikScoreCore", package: "TikScore"),
                           .product(name: "TikScoreResources", package: "TikScore")],
            swiftSettings: fuzzTarget
        ),
        .executableTarget(
            name: "FeedApplyFuzz",
            dependencies: ["FuzzSupport", .product(name: "TikScoreCore", package: "TikScore")],
            swiftSettings: fuzzTarget
        ),
        .executableTarget(
            name: "CatalogFuzz",
            dependencies: ["FuzzSupport",
                           .product(name: "TikScoreCore", package: "TikScore"),
                           .product(name: "TikScoreResources", package: "TikScore")],
            swiftSettings: fuzzTarget
        ),
        .executableTarget(
            name: "DashboardFuzz",
            dependencies: ["FuzzSupport",
                           .product(name: "TikScoreCore", package: "TikScore"),
                           .product(name: "TikScoreTUI", package: "TikScore"),
                           .product(name: "TikScoreResources", package: "TikScore")],
            swiftSettings: fuzzTarget
        ),
    ],
    swiftLanguageModes: [.v6]
)
