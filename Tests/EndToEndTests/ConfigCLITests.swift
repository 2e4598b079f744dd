import Foundation
import XCTest

/// The config file as `tikscore config` reads it: where it is found, what it sets, and bad
/// entries as one warning line each with their defaults applied (exit 0).
final class ConfigCLITests: XCTestCase {
    private func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func testTheDefaultPlaceTheFlagAndTheVariable() throws {
        var cli = try CLIHarness()
        let home = try XCTUnwrap(cli.environment["XDG_CONFIG_HOME"])
        let none = try cli.ok(["config", "--json"]).object()
        XCTAssertEqual(none["path"] as? String, home + "/tikscore/config.toml")
        XCTAssertEqual(none["found"] as? Bool, false)
        XCTAssertEqual(none["theme"] as? String, "dark")
        XCTAssertEqual(try cli.ok(["config"]).stderr, "", "a missing config at the default place is no warning")

        try write("theme = \"high-contrast\"\nmouse = false\naccount = \"leo\"\ncurrency = \"sar\"\n[notifications]\nbig_gift_points = 5000\nbell = true\ndesktop = true\n",
                  to: URL(fileURLWithPath: home + "/tikscore/config.toml"))
        let read = try cli.ok(["config", "--json"]).object()
        XCTAssertEqual(read["found"] as? Bool, true)
        XCTAssertEqual(read["theme"] as? String, "high-contrast")
        XCTAssertEqual(read["mouse"] as? Bool, false)
        XCTAssertEqual(read["account"] as? String, "leo")
        XCTAssertEqual(read["currency"] as? String, "SAR")
        let notifications = try XCTUnwrap(read["notifications"] as? [String: Any])
        XCTAssertEqual(notifications["big_gift_points"] as? Int, 5000)
        XCTAssertEqual(notifications["bell"] as? Bool, true)
        XCTAssertEqual(notifications["desktop"] as? Bool, true)

        // The environment comes before the config; the flag before the variable.
        cli.environment["TIKSCORE_ACCOUNT"] = "mia"
        XCTAssertEqual(try cli.ok(["config", "--json"]).object()["account"] as? String, "mia")
        let other = cli.folder.appendingPathComponent("other.toml")
        try write("theme = \"light\"\n", to: other)
        cli.environment["TIKSCORE_CONFIG"] = other.path
        XCTAssertEqual(try cli.ok(["config", "--json"]).object()["theme"] as? String, "light")
        let flagged = cli.folder.appendingPathComponent("flag.toml")
        try write("theme = \"dark\"\n", to: flagged)
        XCTAssertEqual(try cli.ok(["config", "--config", flagged.path, "--json"]).object()["path"] as? String, flagged.path)
        let missing = try cli.ok(["config", "--config", cli.folder.appendingPathComponent("nope.toml").path])
        XCTAssertTrue(missing.stderr.hasPrefix("warning: config ") && missing.stderr.contains("no such file"), missing.stderr)
    }

    func testEachBadEntryIsOneWarningAndItsDefault() throws {
        let cli = try CLIHarness()
        let bad = cli.folder.appendingPathComponent("bad.toml")
        try write("theme = \"blue\"\nmouse = \"yes\"\ncolour = 3\ncurrency = \"XYZ\"\naccount = \"leo\"\n[notifications]\nbig_gift_points = -4\nvolume = 3\n", to: bad)
        let result = try cli.ok(["config", "--config", bad.path, "--json"])
        let json = try result.object()
        XCTAssertEqual(json["theme"] as? String, "dark")
        XCTAssertEqual(json["mouse"] as? Bool, true)
        XCTAssertTrue(json["currency"] is NSNull)
        XCTAssertEqual(json["account"] as? String, "leo", "the good entries still apply")
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 6, result.stderr)
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("warning: config") }, result.stderr)
        for key in ["'colour'", "mouse", "theme", "big_gift_points", "'notifications.volume'", "'XYZ'"] {
            XCTAssertTrue(lines.contains { $0.contains(key) }, "\(key) is named: \(result.stderr)")
        }
        let broken = cli.folder.appendingPathComponent("broken.toml")
        try write("theme = \"dark\nmouse = \n", to: broken)
        let syntax = try cli.ok(["config", "--config", broken.path])
        XCTAssertEqual(syntax.stderr.split(separator: "\n").count, 1, syntax.stderr)
        XCTAssertTrue(syntax.stderr.hasPrefix("warning: config ") && syntax.stderr.contains("line 1"), syntax.stderr)
        try Data([0xFF, 0xFE, 0x00]).write(to: broken)
        XCTAssertTrue(try cli.ok(["config", "--config", broken.path]).stderr.contains("not UTF-8"))
    }
}
