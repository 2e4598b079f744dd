import Foundation
import TikScoreTestSupport
import XCTest

/// LIVE sessions, battles and the event feed, end to end through the built binary.
final class LiveFeedTests: XCTestCase {
    private var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    private var sample: String { root.appendingPathComponent("Tests/Fixtures/feed-sample.jsonl").path }
    private var tiktokLiveSample: String { root.appendingPathComponent("Tests/Fixtures/tiktoklive-sample.jsonl").path }

    private func creator(_ cli: CLIHarness, _ name: String = "leo") throws {
        try cli.ok(["account", "create", name, "--creator", "--followers", "150000", "--birthdate", "1990-01-01",
                    "--created", "2025-01-01", "--business", "--creator-next", "--last-upload", "2026-11-20"])
    }

    private func earned(_ cli: CLIHarness, _ name: String = "leo") throws -> Double? {
        try cli.ok(["balance", name, "--json"]).object()["earned"] as? Double
    }

    func testAMissingFeedFileChangesNothing() throws {
        let cli = try CLIHarness()
        try creator(cli)
        let result = try cli.run(["feed", "leo", cli.folder.appendingPathComponent("nope.jsonl").path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("error: cannot read"), result.stderr)
        XCTAssertEqual(try cli.run(["live", "status", "leo"]).status, 1, "no session was opened")
        XCTAssertEqual(try cli.run(["feed", "nobody", "-"], stdin: "").status, 1)
    }

    func testFollowersCountOnlyDuringALiveSession() throws {
        let cli = try CLIHarness()
        try creator(cli)
        let outside = try cli.run(["follow", "leo", "--count", "5"])
        XCTAssertEqual(outside.status, 1)
        XCTAssertTrue(outside.stderr.contains("not live"), outside.stderr)
        try cli.ok(["live", "start", "leo"])
        XCTAssertEqual(try cli.run(["live", "start", "leo"]).status, 1, "only one open session per creator")
        try cli.ok(["follow", "leo", "--count", "5000"])
        try cli.ok(["account", "create", "mia"])
        try cli.ok(["recharge", "mia", "--points", "1000", "--method", "card", "--card", "4242424242424242"])
        try cli.ok(["gift", "mia", "leo", "Confetti", "--count", "2"])
        let status = try cli.ok(["live", "status", "leo", "--json"]).object()
        XCTAssertEqual(status["new_followers"] as? Int, 5000)
        XCTAssertEqual(status["gifts"] as? Int, 2)
        XCTAssertEqual(status["points"] as? Int, 5100)   // 5,000 followers + half of 200
        XCTAssertEqual((status["top_gifters"] as? [[String: Any]])?.first?["name"] as? String, "mia")
        let stopped = try cli.ok(["live", "stop", "leo", "--json"]).object()
        XCTAssertEqual(stopped["live"] as? Bool, false)
        XCTAssertEqual(stopped["points"] as? Int, 5100)
        XCTAssertEqual(try cli.run(["follow", "leo"]).status, 1)
        XCTAssertEqual(try earned(cli), 5100)
    }

    func testRecordedFeedGivesExactTotalsAndAReadAgainChangesNothing() throws {
        let cli = try CLIHarness()
        try creator(cli)
        // The sample's battle names leo's side by the handle @me.
        try cli.ok(["account", "update", "leo", "--tiktok-handle", "@me"])
        let report = try cli.ok(["feed", "leo", sample, "--json"]).object()
        // Gifts 190 points → 95 earned after 50% commission, plus 1 follower point in the first
        // session and 1 for the follow after streamEnd, which opens the next session = 97.
        XCTAssertEqual(report["earned"] as? Double ?? (report["earned"] as? Int).map(Double.init), 97)
        XCTAssertEqual(report["gifts_counted"] as? Int, 21)
        XCTAssertEqual(report["bad_line_count"] as? Int, 6)
        XCTAssertEqual((report["bad_lines"] as? [String: Int])?["notJSON"], 1)
        XCTAssertEqual(report["ignored"] as? [String: Int], ["chat": 1], "an event the wallet does not use is not a bad line")
        XCTAssertEqual(report["sessions_opened"] as? Int, 2)
        XCTAssertEqual(report["learned_tiktok_id"] as? String, "6900000000000000001", "the battle line shows @me with its id")
        XCTAssertEqual(try earned(cli), 97)
        let sessions = try cli.ok(["live", "sessions", "leo", "--json"]).array()
        XCTAssertEqual(sessions.count, 2)
        let first = try XCTUnwrap(sessions.last)
        XCTAssertEqual(first["live"] as? Bool, false, "streamEnd closes the session")
        XCTAssertEqual(first["viewers"] as? Int, 70)
        XCTAssertEqual(first["peak_viewers"] as? Int, 95)
        XCTAssertEqual(first["likes"] as? Int, 20)
        XCTAssertEqual(first["new_followers"] as? Int, 1)
        XCTAssertEqual(sessions.first?["live"] as? Bool, true, "the follow after streamEnd opened the next session")
        XCTAssertEqual(sessions.first?["new_followers"] as? Int, 1)
        let battle = try cli.ok(["battle", "status", "--json"]).object()
        XCTAssertEqual((battle["left"] as? [String: Any])?["score"] as? Int, 215)
        XCTAssertEqual((battle["right"] as? [String: Any])?["score"] as? Int, 190)
        XCTAssertEqual(battle["status"] as? String, "won")
        XCTAssertEqual(battle["result"] as? String, "won")
        XCTAssertNotNil(battle["loser_task"] as? String)
        let account = try cli.ok(["account", "list", "--json"]).array().first
        XCTAssertEqual(account?["tiktok_id"] as? String, "6900000000000000001")
        XCTAssertEqual(account?["tiktok_handle"] as? String, "me")

        let again = try cli.ok(["feed", "leo", sample, "--json"]).object()
        XCTAssertEqual(again["earned"] as? Int, 0)
        XCTAssertEqual(again["applied"] as? [String: Int], [:])
        XCTAssertEqual(again["sessions_opened"] as? Int, 0, "a duplicate never opens a session")
        XCTAssertEqual(try earned(cli), 97, "a feed read twice counts once")
        XCTAssertEqual(try cli.ok(["live", "sessions", "leo", "--json"]).array().count, 2)
        try cli.ok(["verify"])
    }

    func testABattleWhoseSidesMatchNoIdentityEndsUnsettled() throws {
        let cli = try CLIHarness()
        try creator(cli)
        // leo has no TikTok identity, so the handle @leo stands for it: neither host (@me, @rival) is leo.
        try cli.ok(["feed", "leo", sample])
        let battle = try cli.ok(["battle", "status", "--json"]).object()
        XCTAssertEqual(battle["result"] as? String, "unsettled")
        XCTAssertEqual(battle["status"] as? String, "unsettled")
        XCTAssertEqual(battle["side_known"] as? Bool, false)
        XCTAssertTrue(battle["winner"] is NSNull)
        XCTAssertTrue(battle["loser_task"] is NSNull)
        let hosts = try XCTUnwrap(battle["hosts"] as? [[String: Any]])
        XCTAssertEqual(Set(hosts.compactMap { $0["score"] as? Int }), [215, 190])
        let text = try cli.ok(["battle", "status"]).stdout
        XCTAssertTrue(text.contains("side unknown") && text.contains("unsettled"), text)
    }

    func testFollowReadsAGrowingFileUntilTheStreamEnds() throws {
        let cli = try CLIHarness()
        try creator(cli)
        let lines = try String(contentsOfFile: sample, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let cut = lines.firstIndex { $0.contains("Confetti") }.map { $0 + 1 } ?? lines.count / 2
        let end = try XCTUnwrap(lines.firstIndex { $0.contains("streamEnd") }) + 1
        let file = cli.folder.appendingPathComponent("growing.jsonl")
        try (lines[..<cut].joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = CLIHarness.binary
        process.arguments = ["feed", "leo", file.path, "--follow"]
        process.environment = cli.environment
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try earned(cli) ?? 0) < 58 { usleep(50_000) }
        // Before the cut: the Rose streaks of 7 and 7 (7), one follower (1) and the Confetti (50).
        XCTAssertEqual(try earned(cli), 58)
        XCTAssertTrue(process.isRunning, "--follow waits for more lines")
        let handle = try FileHandle(forWritingTo: file)
        handle.seekToEndOfFile()
        handle.write(Data((lines[cut..<end].joined(separator: "\n") + "\n").utf8))
        try handle.close()
        while Date() < deadline, process.isRunning { usleep(50_000) }
        XCTAssertFalse(process.isRunning, "a followed feed ends once the stream has ended and the file stops growing")
        XCTAssertEqual(try earned(cli), 96)
        let session = try cli.ok(["live", "status", "leo", "--json"]).object()
        XCTAssertEqual(session["live"] as? Bool, false)
    }

    func testSessionRecordsBadLinesAndGrowingStreaksForTheDashboard() throws {
        let cli = try CLIHarness()
        try creator(cli)
        let partial = #"{"event":"gift","data":{"msgId":"9001","giftId":5655,"giftName":"Rose","diamondCount":1,"repeatCount":4,"repeatEnd":false,"giftType":1,"uniqueId":"kim","userId":"77"}}"#
        let text = partial + "\nnot json\n" + "{\"event\":\"chat\",\"data\":{}}\n"
        try cli.ok(["live", "start", "leo"])
        let file = cli.folder.appendingPathComponent("streak.jsonl")
        try text.write(to: file, atomically: true, encoding: .utf8)
        // While a feed follows the file, the growing streak is in the session for other processes.
        let process = Process()
        process.executableURL = CLIHarness.binary
        process.arguments = ["feed", "leo", file.path, "--follow"]
        process.environment = cli.environment
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        func session() throws -> [String: Any] {
            let text = try sqliteValue(cli.database, "SELECT record FROM live_sessions WHERE open = 1")
            return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        }
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let now = try session()
            if (now["badLines"] as? [String: Int])?.count == 1, (now["streaks"] as? [Any])?.isEmpty == false { break }
            usleep(50_000)
        }
        let record = try session()
        XCTAssertEqual(record["badLines"] as? [String: Int], ["notJSON": 1], "chat is ignored, not bad")
        let streaks = try XCTUnwrap(record["streaks"] as? [[String: Any]])
        XCTAssertEqual(streaks.first?["count"] as? Int, 4)
        XCTAssertEqual(streaks.first?["giftName"] as? String, "Rose")
        process.terminate()
        process.waitUntilExit()
        // Read again: each distinct bad line is recorded once.
        XCTAssertEqual(try cli.run(["feed", "leo", "-"], stdin: text).status, 0)
        XCTAssertEqual(try session()["badLines"] as? [String: Int], ["notJSON": 1])
    }

    func testTikTokLiveLinesFromStandardInput() throws {
        let cli = try CLIHarness()
        try creator(cli)
        let text = try String(contentsOfFile: tiktokLiveSample, encoding: .utf8)
        let result = try cli.run(["feed", "leo", "-", "--json"], stdin: text)
        XCTAssertEqual(result.status, 0, result.stderr)
        // 30,213 gift points → 15,106.5 earned, plus 1 follower.
        XCTAssertEqual(try result.object()["earned"] as? Double, 15_107.5)
        XCTAssertEqual(try result.object()["bad_line_count"] as? Int, 0)
        XCTAssertEqual(try earned(cli), 15_107.5)
    }

    func testSimulatorIsDeterministicAndItsLinesFeedBackToTheSameTotals() throws {
        let cli = try CLIHarness()
        let a = try cli.ok(["simulate", "leo", "--seconds", "60", "--rate", "15", "--seed", "7", "--battle", "omar", "--jsonl"]).stdout
        let b = try cli.ok(["simulate", "leo", "--seconds", "60", "--rate", "15", "--seed", "7", "--battle", "omar", "--jsonl"]).stdout
        let c = try cli.ok(["simulate", "leo", "--seconds", "60", "--rate", "15", "--seed", "8", "--battle", "omar", "--jsonl"]).stdout
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        XCTAssertGreaterThan(a.split(separator: "\n").count, 300)
        let file = cli.folder.appendingPathComponent("sim.jsonl")
        try a.write(to: file, atomically: true, encoding: .utf8)

        let fed = try CLIHarness()
        try creator(fed)
        try creator(fed, "omar")
        let fromFile = try fed.ok(["feed", "leo", file.path, "--json"]).object()
        let direct = try CLIHarness()
        try creator(direct)
        try creator(direct, "omar")
        let applied = try direct.ok(["simulate", "leo", "--seconds", "60", "--rate", "15", "--seed", "7", "--battle", "omar", "--fast", "--json"]).object()
        XCTAssertEqual(fromFile["earned"] as? Double ?? (fromFile["earned"] as? Int).map(Double.init),
                       applied["earned"] as? Double ?? (applied["earned"] as? Int).map(Double.init))
        XCTAssertEqual(try earned(fed), try earned(direct))
        XCTAssertEqual(try fed.ok(["live", "status", "leo", "--json"]).object()["gifts"] as? Int,
                       try direct.ok(["live", "status", "leo", "--json"]).object()["gifts"] as? Int)
        let battleA = try fed.ok(["battle", "status", "--json"]).object()
        let battleB = try direct.ok(["battle", "status", "--json"]).object()
        XCTAssertEqual((battleA["left"] as? [String: Any])?["score"] as? Int, (battleB["left"] as? [String: Any])?["score"] as? Int)
        XCTAssertEqual(battleA["winner"] as? String, battleB["winner"] as? String)
    }

    func testKilledFeedRunAgainGivesExactTotals() throws {
        let maker = try CLIHarness()
        let lines = try maker.ok(["simulate", "leo", "--seconds", "300", "--rate", "20", "--seed", "11", "--jsonl"]).stdout
        let file = maker.folder.appendingPathComponent("long.jsonl")
        try lines.write(to: file, atomically: true, encoding: .utf8)

        let clean = try CLIHarness()
        try creator(clean)
        try clean.ok(["feed", "leo", file.path])
        let expected = try earned(clean)

        let crashed = try CLIHarness()
        try creator(crashed)
        let process = Process()
        process.executableURL = CLIHarness.binary
        process.arguments = ["feed", "leo", file.path]
        process.environment = crashed.environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        var seen = 0
        while Date() < deadline, process.isRunning {
            seen = try commandCount(crashed.database)
            if seen > 200 { break }
            usleep(20_000)
        }
        XCTAssertTrue(process.isRunning, "the feed finished before it could be killed (\(seen) commands)")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        let partial = try earned(crashed) ?? 0
        XCTAssertLessThan(partial, expected ?? 0, "the kill came part way through")

        try crashed.ok(["feed", "leo", file.path])
        XCTAssertEqual(try earned(crashed), expected)
        try crashed.ok(["verify"])
    }

    // MARK: connect

    private func connect(_ cli: CLIHarness, _ url: String, _ options: [String]) throws -> CLIHarness.Result {
        try cli.run(["connect", "leo", url] + options)
    }

    func testConnectReconnectsAfterADropAndCountsEveryEventOnce() throws {
        let cli = try CLIHarness()
        try creator(cli)
        let server = try ReplayServer(file: sample, plan: "drop:12,whole", folder: cli.folder)
        let result = try connect(cli, "ws://127.0.0.1:\(server.port)/", ["--once", "--retries", "20", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr + server.log)
        XCTAssertTrue(result.stderr.contains("reconnecting"), result.stderr)
        // Rose 14 + Confetti 100 + Finger Heart 15 + Heart Me 1 + Doughnut 60 = 190 → 95, plus one
        // follower; connect stops at the stream's end, so the follow after it is not read.
        XCTAssertEqual(try earned(cli), 96, "the same totals as reading the file once, up to its end")
        XCTAssertGreaterThan(try result.object()["duplicates"] as? Int ?? 0, 0, "the replay after the reconnect overlapped")
        XCTAssertEqual(server.log, "", "the client answered the ping")
        try cli.ok(["verify"])
    }

    func testConnectReconnectsAfterReadErrorsMidStream() throws {
        let cli = try CLIHarness()
        try creator(cli)
        // A dropped connection, a malformed frame, a TCP reset, then the whole feed.
        let server = try ReplayServer(file: sample, plan: "drop:6,garbage:12,reset:18,whole", folder: cli.folder)
        let result = try connect(cli, "ws://127.0.0.1:\(server.port)/", ["--once", "--retries", "5", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr + server.log)
        XCTAssertEqual(result.stderr.components(separatedBy: "connect: connected to").count - 1, 4, result.stderr)
        // The drop and the malformed frame (NIO answers it with a close and hangs up), then the reset.
        let brokeOff = ["the connection broke off without a close frame;", "(a WebSocket protocol error, code 1002);"]
            .map { result.stderr.components(separatedBy: $0).count - 1 }.reduce(0, +)
        XCTAssertEqual(brokeOff, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("the connection failed (a read error such as a reset"), result.stderr)
        // The sample up to its streamEnd: gifts 190 → 95, one follower → 96.
        XCTAssertEqual(try earned(cli), 96, "every event counted once across four connections")
        let report = try result.object()
        XCTAssertEqual(report["gifts_counted"] as? Int, 21)
        XCTAssertGreaterThan(report["duplicates"] as? Int ?? 0, 0)
        XCTAssertEqual(try cli.ok(["live", "status", "leo", "--json"]).object()["live"] as? Bool, false, "streamEnd closed the session")
        try cli.ok(["verify"])
    }

    func testConnectOverTLSVerifiesTheCertificate() throws {
        let cli = try CLIHarness()
        try creator(cli)
        let tls = try ReplayServer.certificate(in: cli.folder, names: "DNS:localhost,IP:127.0.0.1")
        // The first connection is refused by the client (the certificate is not trusted by default).
        let server = try ReplayServer(file: sample, plan: "whole,drop:10,garbage:16,whole,whole", tls: tls, folder: cli.folder)
        let untrusted = try connect(cli, "wss://127.0.0.1:\(server.port)/", ["--retries", "1"])
        XCTAssertEqual(untrusted.status, 1)
        XCTAssertEqual(untrusted.stderr.split(separator: "\n").last.map(String.init),
                       "error: could not connect to wss://127.0.0.1:\(server.port)/ after 1 attempt: the server's certificate is not trusted (TLS certificate verification failed)",
                       untrusted.stderr)
        let status = try cli.run(["live", "status", "leo", "--json"])
        XCTAssertEqual(status.status, 1)
        XCTAssertTrue(status.stderr.contains("has never been LIVE"), status.stderr)

        // Trusted: by its DNS name; a drop and a malformed frame over TLS are survived too.
        let result = try connect(cli, "wss://localhost:\(server.port)/", ["--once", "--retries", "5", "--ca", tls.certificate, "--json"])
        XCTAssertEqual(result.status, 0, result.stderr + server.log)
        XCTAssertEqual(result.stderr.components(separatedBy: "connect: connected to").count - 1, 3, result.stderr)
        XCTAssertGreaterThan(try result.object()["duplicates"] as? Int ?? 0, 0)
        // And by its IP address: the feed read again counts nothing.
        let again = try connect(cli, "wss://127.0.0.1:\(server.port)/", ["--once", "--retries", "2", "--ca", tls.certificate, "--json"])
        XCTAssertEqual(again.status, 0, again.stderr + server.log)
        XCTAssertEqual(try again.object()["applied"] as? [String: Int], [:])
        XCTAssertEqual(try earned(cli), 96)
        try cli.ok(["verify"])

        // A trusted certificate for another name: the host name is verified too.
        let other = try ReplayServer.certificate(in: cli.folder, names: "DNS:feed.example", label: "other")
        let elsewhere = try ReplayServer(file: sample, plan: "whole", tls: other, folder: cli.folder)
        let mismatch = try connect(cli, "wss://127.0.0.1:\(elsewhere.port)/", ["--retries", "1", "--ca", other.certificate])
        XCTAssertEqual(mismatch.status, 1)
        XCTAssertTrue(mismatch.stderr.hasSuffix("after 1 attempt: the server's certificate does not name this host\n"), mismatch.stderr)

        let badCA = try connect(cli, "wss://127.0.0.1:\(elsewhere.port)/", ["--ca", cli.folder.appendingPathComponent("none.pem").path])
        XCTAssertEqual(badCA.status, 1)
        XCTAssertTrue(badCA.stderr.hasPrefix("error: --ca "), badCA.stderr)
        XCTAssertEqual(try connect(cli, "ws://127.0.0.1:1/", ["--ca", tls.certificate]).status, 1, "--ca is for wss:// only")
    }

    func testConnectTakesOneTwentyMegabyteMessageOfManyLines() throws {
        let maker = try CLIHarness()
        let lines = try maker.ok(["simulate", "leo", "--seconds", "40", "--rate", "10", "--seed", "5", "--jsonl"]).stdout
        let file = maker.folder.appendingPathComponent("sim.jsonl")
        try lines.write(to: file, atomically: true, encoding: .utf8)
        let expected = try CLIHarness()
        try creator(expected)
        let fromFile = try expected.ok(["feed", "leo", file.path, "--json"]).object()

        let cli = try CLIHarness()
        try creator(cli)
        let server = try ReplayServer(file: file.path, plan: "big", folder: cli.folder)
        let result = try connect(cli, "ws://127.0.0.1:\(server.port)/", ["--once", "--retries", "3", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr + server.log)
        let sent = server.log.components(separatedBy: "one message of ").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) }
        XCTAssertGreaterThanOrEqual(sent ?? 0, 20_000_000, server.log)
        let report = try result.object()
        XCTAssertEqual(report["applied"] as? [String: Int], fromFile["applied"] as? [String: Int])
        XCTAssertEqual(report["gifts_counted"] as? Int, fromFile["gifts_counted"] as? Int)
        XCTAssertGreaterThan(report["gifts_counted"] as? Int ?? 0, 50)
        XCTAssertEqual(try earned(cli), try earned(expected))
    }

    func testConnectThatNeverConnectsExitsOneAndLeavesNoSession() throws {
        let cli = try CLIHarness()
        try creator(cli)
        let port = try ReplayServer.closedPort()
        let refused = try connect(cli, "ws://127.0.0.1:\(port)/", ["--retries", "2"])
        XCTAssertEqual(refused.status, 1)
        let errors = refused.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
        XCTAssertEqual(errors, ["error: could not connect to ws://127.0.0.1:\(port)/ after 2 attempts: connection refused"], refused.stderr)
        XCTAssertTrue(refused.stderr.contains("connect: cannot connect (connection refused); retrying in 0.25 s"), refused.stderr)
        XCTAssertEqual(refused.stdout, "", "no report: nothing ran")

        // A server that hangs up before the handshake is no connection either.
        let server = try ReplayServer(file: sample, plan: "hangup,hangup", folder: cli.folder)
        let hungUp = try connect(cli, "ws://127.0.0.1:\(server.port)/", ["--retries", "2", "--json"])
        XCTAssertEqual(hungUp.status, 1)
        XCTAssertTrue(hungUp.stderr.hasPrefix("connect: cannot connect ("), hungUp.stderr)
        XCTAssertTrue(hungUp.stderr.contains("error: could not connect to ws://127.0.0.1:\(server.port)/ after 2 attempts: "), hungUp.stderr)

        let status = try cli.run(["live", "status", "leo", "--json"])
        XCTAssertEqual(status.status, 1, status.stdout)
        XCTAssertTrue(status.stderr.hasPrefix("error: leo has never been LIVE"), status.stderr)
        XCTAssertEqual(try sqliteValue(cli.database, "SELECT COUNT(*) FROM live_sessions"), "0")
        XCTAssertEqual(try connect(cli, "http://127.0.0.1:\(port)/", []).status, 1)
    }

    func testConnectThatCannotReconnectReportsAndExitsOne() throws {
        let cli = try CLIHarness()
        try creator(cli)
        // One connection that drops after twelve lines, then nothing listens any more.
        let server = try ReplayServer(file: sample, plan: "drop:12", folder: cli.folder)
        let result = try connect(cli, "ws://127.0.0.1:\(server.port)/", ["--retries", "2", "--json"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasSuffix("error: could not reconnect to ws://127.0.0.1:\(server.port)/ after 2 attempts: connection refused\n"),
                      result.stderr)
        XCTAssertGreaterThan((try result.object()["applied"] as? [String: Int])?.count ?? 0, 0, "the report of what was applied")
        XCTAssertEqual(try cli.ok(["live", "status", "leo", "--json"]).object()["live"] as? Bool, true, "the LIVE goes on")
        try cli.ok(["verify"])
    }

    func testBattleTimerWinLoseDrawAndSettlementAfterARestart() throws {
        // Win: leo gets more gifts; the result is settled by a later process after the end.
        for (leoGift, anaGift, winner) in [("Lion", "Rose", "leo"), ("Rose", "Lion", "ana"), ("Confetti", "Confetti", nil)] as [(String, String, String?)] {
            var cli = try CLIHarness(now: "2026-11-24T12:00:00Z")
            try creator(cli)
            try creator(cli, "ana")
            try cli.ok(["account", "create", "mia"])
            try cli.ok(["recharge", "mia", "--points", "100000", "--method", "card", "--card", "4242424242424242"])
            try cli.ok(["live", "start", "leo"])
            let refused = try cli.run(["battle", "start", "leo", "ana"])
            XCTAssertEqual(refused.status, 1, "ana is not live yet")
            try cli.ok(["live", "start", "ana"])
            try cli.ok(["battle", "start", "leo", "ana", "--minutes", "5"])
            try cli.ok(["gift", "mia", "leo", leoGift])
            try cli.ok(["gift", "mia", "ana", anaGift])
            let running = try cli.ok(["battle", "status", "--json"]).object()
            XCTAssertEqual(running["status"] as? String, "running")
            XCTAssertEqual(running["seconds_left"] as? Int, 300)
            // Six minutes later, a new process: the battle that ended while nothing ran is settled.
            cli.environment["TIKSCORE_NOW"] = "2026-11-24T12:06:00Z"
            try cli.ok(["gift", "mia", "ana", "Lion"])   // after the end: must not count
            let ended = try cli.ok(["battle", "status", "--json"]).object()
            XCTAssertEqual(ended["winner"] as? String, winner)
            XCTAssertEqual(ended["status"] as? String, winner == nil ? "draw" : "won")
            XCTAssertEqual(ended["loser_task"] == nil || ended["loser_task"] is NSNull, winner == nil)
            let anaScore = (ended["right"] as? [String: Any])?["score"] as? Int
            XCTAssertLessThan(anaScore ?? .max, 29_999 * 2, "a gift after the end did not count")
        }
    }
}

private func sqliteValue(_ database: String, _ sql: String) throws -> String {
    guard let tool = which("sqlite3") else { throw XCTSkip("sqlite3 is not installed") }
    return try shell(tool, [database, sql]).trimmingCharacters(in: .whitespacesAndNewlines)
}

private func commandCount(_ database: String) throws -> Int {
    guard let tool = which("sqlite3") else { throw XCTSkip("sqlite3 is not installed") }
    // Events that move no points keep their key in their event row, not in `commands`.
    let out = try shell(tool, [database, "SELECT (SELECT COUNT(*) FROM commands) + (SELECT COUNT(*) FROM live_events)"])
    return Int(out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
}
