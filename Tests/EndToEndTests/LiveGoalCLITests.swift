import Foundation
import XCTest

/// `tikscore live goal` and the `goal` of `live status --json`, through the binary.
final class LiveGoalCLITests: XCTestCase {
    private func goal(_ cli: CLIHarness, _ name: String = "leo") throws -> [String: Any]? {
        try cli.ok(["live", "status", name, "--json"]).object()["goal"] as? [String: Any]
    }

    private func number(_ value: Any?) -> Decimal? { (value as? NSNumber)?.decimalValue }

    /// A goal set while not live waits for the next LIVE, counts that session's earned points and
    /// new followers, is marked reached, and does not follow into the session after.
    func testAGoalSetBeforeALiveIsThatLivesAndNotTheNext() throws {
        var cli = try CLIHarness(now: "2026-11-24T11:00:00Z")
        try cli.seedCreatorAndSupporter(points: 7000)
        try cli.ok(["live", "start", "leo"])
        try cli.ok(["live", "stop", "leo"])
        cli.environment["TIKSCORE_NOW"] = "2026-11-24T11:30:00Z"
        let set = try cli.ok(["live", "goal", "leo", "--points", "40", "--followers", "5"])
        XCTAssertTrue(set.stdout.contains("for the next LIVE: 0 / 40 points, 0 / 5 new followers"), set.stdout)
        let waiting = try XCTUnwrap(goal(cli), "a waiting goal shows beside the last session")
        XCTAssertTrue(waiting["session"] is NSNull)
        XCTAssertEqual(number(waiting["points_target"]), 40)
        XCTAssertEqual(number(waiting["points_progress"]), 0)

        cli.environment["TIKSCORE_NOW"] = "2026-11-24T12:00:00Z"
        try cli.ok(["live", "start", "leo"])
        try cli.ok(["gift", "mia", "leo", "Rose", "--count", "61"])   // 30.5 earned after commission
        try cli.ok(["follow", "leo", "--count", "5"])                 // 5 more earned, 5 followers
        let status = try cli.ok(["live", "status", "leo", "--json"]).object()
        let during = try XCTUnwrap(status["goal"] as? [String: Any], "\(status)")
        XCTAssertEqual(during["session"] as? String, status["id"] as? String)
        XCTAssertEqual(number(during["points_progress"]), number(status["points"]), "progress is the session's earned points")
        XCTAssertEqual(number(during["points_progress"]), Decimal(string: "35.5"))
        XCTAssertEqual(number(during["followers_progress"]), 5)
        XCTAssertEqual(during["reached"] as? Bool, false, "35.5 of 40 points")
        try cli.ok(["gift", "mia", "leo", "Rose", "--count", "10"])
        XCTAssertEqual(try goal(cli)?["reached"] as? Bool, true)
        XCTAssertTrue(try cli.ok(["live", "status", "leo"]).stdout.contains("goal 40.5 / 40 points, 5 / 5 new followers (reached)"))
        try cli.ok(["live", "stop", "leo"])
        XCTAssertEqual(try goal(cli)?["reached"] as? Bool, true, "the ended session keeps its goal")

        cli.environment["TIKSCORE_NOW"] = "2026-11-24T13:00:00Z"
        try cli.ok(["live", "start", "leo"])
        XCTAssertNil(try goal(cli), "the goal was the last LIVE's")
        XCTAssertTrue(try cli.ok(["live", "status", "leo", "--json"]).stdout.contains("\"goal\": null"))
    }

    func testAGoalSetDuringALiveIsThatLivesAndClearRemovesIt() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter(points: 7000)
        try cli.ok(["live", "start", "leo"])
        let json = try cli.ok(["live", "goal", "leo", "--followers", "3", "--json"]).object()
        let session = try cli.ok(["live", "status", "leo", "--json"]).object()["id"] as? String
        XCTAssertEqual(json["session"] as? String, session)
        XCTAssertTrue(json["points_target"] is NSNull)
        XCTAssertEqual(number(json["followers_target"]), 3)
        XCTAssertTrue(try cli.ok(["live", "goal", "leo"]).stdout.contains("for this LIVE: 0 / 3 new followers"))
        try cli.ok(["live", "goal", "leo", "--clear"])
        XCTAssertNil(try goal(cli))
        XCTAssertTrue(try cli.ok(["live", "goal", "leo"]).stdout.contains("has no LIVE goal"))
    }

    /// Bad goals are usage errors or one-line refusals, and leave the goal as it was.
    func testBadGoalsChangeNothing() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter(points: 7000)
        try cli.ok(["live", "goal", "leo", "--points", "100"])
        for args in [["--points", "0"], ["--points", "-5"], ["--points", "1.234"], ["--points", "lots"], ["--followers", "0"],
                     ["--clear", "--points", "5"]] {
            let result = try cli.run(["live", "goal", "leo"] + args)
            XCTAssertEqual(result.status, 64, "\(args): \(result.stderr)")
            XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, result.stderr)
        }
        for (args, status) in [(["live", "goal", "mia", "--points", "5"], Int32(1)), (["live", "goal", "nobody", "--points", "5"], 1)] {
            let result = try cli.run(args)
            XCTAssertEqual(result.status, status, "\(args): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("error: "), result.stderr)
        }
        XCTAssertTrue(try cli.ok(["live", "goal", "leo"]).stdout.contains("0 / 100 points"), "the goal is as it was")
    }

    /// A goal damaged in the file is one line that says how to start again, and --clear works.
    func testADamagedGoalIsOneLineAndCanBeCleared() throws {
        guard let sqlite = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("sqlite3 is not installed")
        }
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter(points: 7000)
        try cli.ok(["live", "goal", "leo", "--points", "100"])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite)
        process.arguments = [cli.database, "UPDATE settings SET value = '{\"points_units\": \"x\"' WHERE key LIKE 'live.goal.%'"]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        try cli.ok(["live", "start", "leo"])
        let damaged = try cli.run(["live", "status", "leo"])
        XCTAssertEqual(damaged.status, 1)
        XCTAssertTrue(damaged.stderr.contains("cannot be read") && damaged.stderr.contains("--clear"), damaged.stderr)
        XCTAssertEqual(damaged.stderr.filter { $0 == "\n" }.count, 1, damaged.stderr)
        try cli.ok(["live", "goal", "leo", "--clear"])
        XCTAssertNil(try goal(cli))
    }
}
