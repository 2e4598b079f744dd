// swift-tools-version:6.1
import PackageDescription

/// libFuzzer targets for TikScore, kept out of the root package so `swift build` and `swift test`
/// never build them. `scripts/fuzz` builds them with `-sanitize=fuzzer,address` and runs them.
let core = Target.Dependency.product(name: "TikScoreCore", package: "TikScore")
let tui = Target.Dependency.product(name: "TikScoreTUI", package: "TikScore")
let resources = Target.Dependency.product(name: "TikScoreResources", package: "TikScore")

/// A fuzz target: one executable on FuzzSupport's driver.
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"] + dependencies,
                      swiftSettings: [.unsafeFlags(["-parse-as-library"])])
}

let package = Package(
    name: "TikScoreFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "TikScore", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver", core, resources]),
        fuzzTarget("FeedFuzz", [core]),
        fuzzTarget("FeedApplyFuzz", [core]),
        fuzzTarget("CatalogFuzz", [core, resources]),
        fuzzTarget("DashboardFuzz", [core, tui]),
    ],
    swiftLanguageModes: [.v6]
)
