import Foundation
import XCTest

/// `tikscore sessions NAME`: past LIVE sessions with their length, earnings, gifters and battles.
final class SessionsCLITests: XCTestCase {
    func testSessionsListLengthPointsGiftersAndBattlesFromEachSide() throws {
        var cli = try CLIHarness(now: "2026-11-24T10:00:00Z")
        try cli.seedCreatorAndSupporter(points: 7000)
        try cli.ok(["account", "create", "ana", "--creator", "--followers", "200000", "--birthdate", "1992-02-02", "--created", "2025-01-01", "--business", "--creator-next", "--last-upload", "2026-11-20"])
        try cli.ok(["live", "start", "leo"])
        try cli.ok(["gift", "mia", "leo", "Rose", "--count", "8"])
        cli.environment["TIKSCORE_NOW"] = "2026-11-24T10:20:00Z"
        try cli.ok(["live", "stop", "leo"])

        cli.environment["TIKSCORE_NOW"] = "2026-11-24T11:00:00Z"
        try cli.ok(["live", "start", "leo"])
        try cli.ok(["live", "start", "ana"])
        try cli.ok(["battle", "start", "leo", "ana", "--minutes", "5"])
        try cli.ok(["gift", "mia", "leo", "Rose", "--count", "30"])
        try cli.ok(["gift", "mia", "ana", "Rose", "--count", "10"])
        try cli.ok(["follow", "leo", "--count", "4"])
        cli.environment["TIKSCORE_NOW"] = "2026-11-24T11:45:30Z"
        try cli.ok(["live", "stop", "leo"])

        let sessions = try cli.ok(["sessions", "leo", "--json"]).array()
        XCTAssertEqual(sessions.count, 2)
        let (last, first) = (sessions[0], sessions[1])
        XCTAssertEqual(last["started_at"] as? String, "2026-11-24T11:00:00.000Z", "newest first")
        XCTAssertEqual(last["duration_seconds"] as? Int, 45 * 60 + 30)
        XCTAssertEqual(first["duration_seconds"] as? Int, 20 * 60)
        // The session's own figures, as live sessions --json keeps them.
        let kept = try cli.ok(["live", "sessions", "leo", "--json"]).array()
        for (listed, session) in zip(sessions, kept) {
            XCTAssertEqual(listed["id"] as? String, session["id"] as? String)
            XCTAssertEqual((listed["points"] as? NSNumber)?.decimalValue, (session["points"] as? NSNumber)?.decimalValue)
            XCTAssertEqual(listed["followers"] as? Int, session["new_followers"] as? Int)
            XCTAssertEqual(listed["gifts"] as? Int, session["gifts"] as? Int)
        }
        XCTAssertEqual(last["followers"] as? Int, 4)
        XCTAssertEqual(last["gifts"] as? Int, 30)
        let gifters = try XCTUnwrap(last["top_gifters"] as? [[String: Any]])
        XCTAssertEqual(gifters.first?["name"] as? String, "mia")
        XCTAssertEqual((gifters.first?["points"] as? NSNumber)?.intValue, 30)
        XCTAssertEqual((first["battles"] as? [Any])?.count, 0)
        let battle = try XCTUnwrap((last["battles"] as? [[String: Any]])?.first)
        XCTAssertEqual(battle["opponent"] as? String, "ana")
        XCTAssertEqual(battle["result"] as? String, "won")
        XCTAssertEqual((battle["score"] as? NSNumber)?.intValue, 30)
        XCTAssertEqual((battle["opponent_score"] as? NSNumber)?.intValue, 10)

        let ana = try cli.ok(["sessions", "ana", "--json"]).array()
        XCTAssertEqual(ana.count, 1)
        XCTAssertEqual(ana.first?["live"] as? Bool, true)
        XCTAssertEqual(ana.first?["duration_seconds"] as? Int, 45 * 60 + 30, "an open session lasts until now")
        XCTAssertEqual(((ana.first?["battles"] as? [[String: Any]])?.first)?["result"] as? String, "lost")

        let table = try cli.ok(["sessions", "leo"]).stdout
        XCTAssertTrue(table.contains("45 min") && table.contains("1-0-0") && table.contains("mia 30"), table)
        XCTAssertTrue(try cli.ok(["sessions", "mia"]).stdout.contains("has never been LIVE"))
        XCTAssertEqual(try cli.run(["sessions", "leo", "--limit", "0"]).status, 64)
        XCTAssertEqual(try cli.run(["sessions", "nobody"]).status, 1)
    }
}
