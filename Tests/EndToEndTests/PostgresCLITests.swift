import Foundation
import TikScoreTestSupport
import XCTest

/// The binary on a PostgreSQL wallet (`--db postgres://…`), when `TIKSCORE_TEST_POSTGRES_URL`
/// names a test server (`.ci/run` starts one); skipped without it, or without `psql`, which makes
/// the test's database.
final class PostgresCLITests: XCTestCase {
    private var dropDatabase: (() -> Void)?

    override func tearDown() {
        dropDatabase?()
        dropDatabase = nil
    }

    /// A harness whose wallet is a fresh database on the test server; `setUp` runs in it first.
    private func harness(setUp: [String] = []) throws -> (CLIHarness, url: String) {
        guard let server = ProcessInfo.processInfo.environment["TIKSCORE_TEST_POSTGRES_URL"], !server.isEmpty else {
            throw XCTSkip("PostgreSQL tests skipped: set TIKSCORE_TEST_POSTGRES_URL (.ci/run starts a server with scripts/pg-cluster)")
        }
        guard let psql = ["/usr/bin/psql", "/usr/local/bin/psql"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("PostgreSQL CLI tests skipped: psql is not installed")
        }
        let name = "tikscore_cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        func psqlRun(_ sql: String, on target: String = server) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: psql)
            process.arguments = [target, "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 { throw CLIHarness.HarnessError("psql failed: \(sql)") }
        }
        try psqlRun("CREATE DATABASE \(name)")
        dropDatabase = { try? psqlRun("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        guard let schemeEnd = server.range(of: "://"), let slash = server[schemeEnd.upperBound...].firstIndex(of: "/") else {
            throw CLIHarness.HarnessError("the test server's URL has no database part")
        }
        let query = server.firstIndex(of: "?").map { String(server[$0...]) } ?? ""
        let url = String(server[..<slash]) + "/" + name + query
        for sql in setUp { try psqlRun(sql, on: url) }
        var cli = try CLIHarness()
        cli.environment["TIKSCORE_DB"] = url
        return (cli, url)
    }

    /// A balance as `balance --json` prints it (a JSON number: earned points may have cents).
    private func points(_ cli: CLIHarness, _ name: String, _ field: String = "points") throws -> Decimal {
        let balance = try cli.ok(["balance", name, "--json"]).object()
        guard let value = (balance[field] as? NSNumber)?.decimalValue else { throw CLIHarness.HarnessError("no \(field) in \(balance)") }
        return value
    }

    func testTheREADMEStepsWorkOnASharedWallet() throws {
        let (cli, url) = try harness()
        let empty = try cli.run(["balance", "mia"])
        XCTAssertEqual(empty.status, 1)
        XCTAssertTrue(empty.stderr.hasPrefix("error: there is no wallet in the PostgreSQL database"), empty.stderr)
        try cli.seedCreatorAndSupporter(points: 7000)
        try cli.ok(["gift", "mia", "leo", "Rose", "--count", "3"])
        XCTAssertEqual(try points(cli, "mia"), 6997)
        try cli.ok(["transfer", "mia", "leo", "100"])
        let verify = try cli.ok(["verify", "--full"])
        XCTAssertTrue(verify.stdout.contains("ok:"), verify.stdout)
        XCTAssertFalse(verify.stdout.contains("@"), "no credentials in output")
        let history = try cli.ok(["history", "mia", "--json"]).array()
        XCTAssertEqual(history.count, 4, "the recharge, the gift and its commission, the transfer")
        let password = URLComponents(string: url)?.password ?? "\u{0}"
        for args in [["balance", "nobody"], ["gift", "mia", "leo", "NoSuchGift"], ["verify"]] {
            let result = try cli.run(args)
            XCTAssertFalse(result.stdout.contains(password) || result.stderr.contains(password), "\(args): the password was shown")
        }
        let csv = try cli.ok(["export", "--format", "csv"])
        XCTAssertEqual(csv.stdout.split(separator: "\r\n").count, 1 + 4, csv.stdout)
    }

    /// The same recorded LIVE (gifts, streaks, follows, likes, a battle) fed into a PostgreSQL
    /// wallet and into a wallet file gives the same sessions, events, transfers and balances;
    /// fed again, it changes nothing on either.
    func testTheSameFeedGivesTheSameWalletOnBothStores() throws {
        let (pg, url) = try harness()
        var file = try CLIHarness()
        file.environment["TIKSCORE_DB"] = file.database
        try file.ok(["demo"])
        try file.ok(["migrate", "--to", url])   // the same start on both (a demo's ids are random)
        let lines = try file.ok(["simulate", "leo", "--seconds", "4", "--rate", "150", "--seed", "11", "--battle", "zoe", "--jsonl"]).stdout
        let feed = file.folder.appendingPathComponent("live.jsonl")
        try lines.write(to: feed, atomically: true, encoding: .utf8)
        let reports = try [pg, file].map { try $0.ok(["feed", "leo", feed.path, "--json"]).object() }
        XCTAssertEqual(reports[0]["applied"] as? [String: Int], reports[1]["applied"] as? [String: Int])
        XCTAssertGreaterThan((reports[1]["applied"] as? [String: Int])?["gift"] ?? 0, 10)
        let sessions = try file.ok(["live", "sessions", "leo", "--json"]).array()
        guard let session = sessions.first?["id"] as? String else { return XCTFail("no session: \(sessions)") }
        for args in [["export", "--format", "csv"], ["live", "sessions", "leo", "--json"], ["live", "events", "leo", "--session", session, "--json"],
                     ["battle", "status", "--json"], ["account", "list", "--json"]] {
            XCTAssertEqual(try pg.ok(args).stdout, try file.ok(args).stdout, "\(args)")
        }
        let again = try pg.ok(["feed", "leo", feed.path, "--json"]).object()
        XCTAssertEqual((again["applied"] as? [String: Int])?.values.reduce(0, +) ?? -1, 0, "\(again)")
        XCTAssertEqual(try pg.ok(["export", "--format", "csv"]).stdout, try file.ok(["export", "--format", "csv"]).stdout)
    }

    /// The economy check is the same on a shared wallet: another host's catalogs are refused in
    /// one line until `economy adopt`.
    func testASharedWalletRefusesOtherCatalogsUntilTheyAreAdopted() throws {
        let (cli, _) = try harness()
        try cli.seedCreatorAndSupporter(points: 7000)
        try cli.checkOtherCatalogsAreRefusedUntilAdopted()
    }

    /// Without `TIKSCORE_NOW` a shared wallet keeps the database server's clock, not the host's:
    /// here the server's `clock_timestamp()` runs three hours ahead (a function earlier on the
    /// database's search path), and what the commands record is three hours ahead too.
    func testASharedWalletKeepsTheServersClock() throws {
        let ahead: TimeInterval = 3 * 3600
        var (cli, _) = try harness(setUp: [
            "CREATE FUNCTION public.clock_timestamp() RETURNS timestamptz LANGUAGE sql AS $$ SELECT pg_catalog.clock_timestamp() + interval '3 hours' $$",
            "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET search_path = public, pg_catalog', current_database()); END $$",
        ])
        cli.environment.removeValue(forKey: "TIKSCORE_NOW")
        let before = Date()
        try cli.seedCreatorAndSupporter(points: 7000)
        try cli.ok(["live", "start", "leo"])
        let after = Date()
        let recharge = try XCTUnwrap(cli.ok(["history", "mia", "--json"]).array().first)
        let time = try XCTUnwrap((recharge["time"] as? String).flatMap(Self.parseTime), "\(recharge)")
        XCTAssertGreaterThanOrEqual(time, before.addingTimeInterval(ahead - 5), "the recharge kept the server's time")
        XCTAssertLessThanOrEqual(time, after.addingTimeInterval(ahead + 5), "the recharge kept the server's time")
        let live = try cli.ok(["live", "status", "leo", "--json"]).object()
        let started = try XCTUnwrap((live["started_at"] as? String).flatMap(Self.parseTime), "\(live)")
        XCTAssertGreaterThanOrEqual(started, before.addingTimeInterval(ahead - 5), "the LIVE started on the server's clock")
        XCTAssertLessThanOrEqual(started, after.addingTimeInterval(ahead + 5))
    }

    private static func parseTime(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return plain.date(from: text) ?? fractional.date(from: text)
    }

    /// Every command records who ran it (`--operator`, else the OS user), and `history` shows it,
    /// on a wallet file and on PostgreSQL alike, feed events included; `migrate` keeps it.
    func testEachCommandRecordsItsOperator() throws {
        let (pg, url) = try harness()
        var file = try CLIHarness()
        file.environment["TIKSCORE_DB"] = file.database
        let me = String(cString: getpwuid(geteuid()).pointee.pw_name)
        try file.seedCreatorAndSupporter(points: 7000)
        try file.ok(["--operator", "alice", "transfer", "mia", "leo", "5"])
        try file.ok(["gift", "mia", "leo", "Rose", "--operator", "bob"])
        try file.ok(["--operator", "feedbot", "simulate", "leo", "--seconds", "1", "--rate", "40", "--seed", "4"])
        try file.ok(["migrate", "--to", url])
        try pg.ok(["--operator", "carol", "transfer", "mia", "leo", "7"])
        for (cli, label) in [(file, "file"), (pg, "postgres")] {
            let lines = try cli.ok(["history", "mia", "--json"]).array()
            let byMemo = Dictionary(lines.map { (($0["memo"] as? String) ?? "", ($0["operator"] as? String) ?? "-") }, uniquingKeysWith: { a, _ in a })
            XCTAssertEqual(byMemo["5 points from mia to leo"], "alice", label)
            XCTAssertEqual(byMemo["Rose from mia to leo"], "bob", "\(label): \(byMemo)")
            XCTAssertEqual(lines.last?["operator"] as? String, me, "\(label): the first command ran as the OS user")
            let feed = try cli.ok(["history", "leo", "--json"]).array().filter { ($0["kind"] as? String) == "feed_gift" }
            XCTAssertFalse(feed.isEmpty, label)
            XCTAssertTrue(feed.allSatisfy { $0["operator"] as? String == "feedbot" }, "\(label): \(feed.prefix(2))")
            XCTAssertTrue(try cli.ok(["history", "mia"]).stdout.split(separator: "\n").first?.contains(" by ") == true, label)
        }
        let carol = try pg.ok(["history", "mia", "--json"]).array().first
        XCTAssertEqual(carol?["operator"] as? String, "carol")
        XCTAssertEqual(try file.run(["--operator", "", "balance", "mia"]).status, 64)
        XCTAssertEqual(try file.run(["--operator", "a\u{1B}[2Jb", "balance", "mia"]).status, 64)
        // An export is the ledger alone: no operators in it.
        XCTAssertFalse(try pg.ok(["export", "--format", "json"]).stdout.contains("\"operator\""))
    }

    /// A wallet with every kind of row goes to PostgreSQL and back to a file, and all three give
    /// the same exports, sessions, events and key answers; a target that is not new is refused.
    func testMigrateRoundTripKeepsEveryRow() throws {
        let (pg, url) = try harness()
        var file = try CLIHarness()
        file.environment["TIKSCORE_DB"] = file.database
        try file.ok(["demo"])
        try file.ok(["simulate", "leo", "--seconds", "3", "--rate", "60", "--seed", "5"])
        try file.ok(["withdraw", "leo", "20000", "--paypal", "leo@example.com", "--key", "w-1"])
        XCTAssertEqual(try file.run(["account", "pin", "mia", "--pin-stdin"], stdin: "4821\n").status, 0)
        XCTAssertEqual(try file.run(["history", "mia", "--reveal", "--pin-stdin"], stdin: "0000\n").status, 1, "a wrong PIN, counted")
        let back = file.folder.appendingPathComponent("back.sqlite").path

        let toPostgres = try file.ok(["migrate", "--to", url])
        XCTAssertTrue(toPostgres.stdout.contains("verify --full ok on both"), toPostgres.stdout)
        XCTAssertFalse(toPostgres.stdout.contains(URLComponents(string: url)?.password ?? "\u{0}"), "the password was shown")
        let again = try file.run(["migrate", "--to", url])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("not empty"), again.stderr)
        try pg.ok(["migrate", "--to", back])
        var returned = file
        returned.environment["TIKSCORE_DB"] = back

        for args in [["export", "--format", "csv"], ["export", "--format", "hledger"], ["export", "--format", "json"],
                     ["account", "list", "--json"], ["live", "sessions", "leo", "--json"], ["withdrawals", "--json"], ["redemptions", "--json"]] {
            let original = try file.ok(args).stdout
            XCTAssertEqual(try pg.ok(args).stdout, original, "postgres: \(args)")
            XCTAssertEqual(try returned.ok(args).stdout, original, "back on a file: \(args)")
        }
        // The same key answers the same everywhere, and changes nothing more.
        let replay = ["withdraw", "leo", "20000", "--paypal", "leo@example.com", "--key", "w-1", "--json"]
        let first = try file.ok(replay).stdout
        XCTAssertEqual(try pg.ok(replay).stdout, first)
        XCTAssertEqual(try returned.ok(replay).stdout, first)
        XCTAssertEqual(try returned.ok(["export", "--format", "csv"]).stdout, try file.ok(["export", "--format", "csv"]).stdout)
        // The PIN and its failed attempt came across: the wrong PIN is still refused, with one attempt fewer left.
        let wrongAgain = try pg.run(["history", "mia", "--reveal", "--pin-stdin"], stdin: "0000\n")
        XCTAssertTrue(wrongAgain.stderr.contains("3 attempts left"), wrongAgain.stderr)
        let existingFile = try pg.run(["migrate", "--to", back])
        XCTAssertEqual(existingFile.status, 1, "a file that exists is not a new wallet")
    }

    /// Eight processes at once, each running a client's mixed commands under its own keys, one of
    /// them killed half way and run again from the start (its keys replay what landed): every
    /// balance is exact, no client saw an error, and the audit is sound.
    func testEightClientsInSeparateProcessesKeepEveryBalanceExact() throws {
        let (cli, _) = try harness()
        let perClient = Int(ProcessInfo.processInfo.environment["TIKSCORE_PG_CLIENT_COMMANDS"] ?? "") ?? 24
        let supporters = ["ana", "bo", "cy", "di"]
        try cli.ok(["account", "create", "leo", "--creator", "--followers", "150000", "--birthdate", "1990-01-01",
                    "--created", "2025-01-01", "--business", "--creator-next", "--last-upload", "2026-11-20"])
        for name in supporters {
            try cli.ok(["account", "create", name, "--birthdate", "1995-05-05"])
            try cli.ok(["recharge", name, "--points", "50000", "--method", "card", "--card", "4242424242424242"])
        }
        // What one Rose does, read from the wallet itself.
        let (anaBefore, leoBefore) = (try points(cli, "ana"), try points(cli, "leo", "earned"))
        try cli.ok(["gift", "ana", "leo", "Rose", "--key", "probe"])
        let (giftCost, giftShare) = (anaBefore - (try points(cli, "ana")), (try points(cli, "leo", "earned")) - leoBefore)

        @Sendable func commands(of client: Int) -> [[String]] {
            (0..<perClient).map { step in
                let from = supporters[(client + step) % supporters.count], to = supporters[(client + step + 1) % supporters.count]
                let key = "c\(client)-s\(step)"
                switch step % 3 {
                case 0: return ["transfer", from, to, String(1 + client), "--key", key]
                case 1: return ["gift", from, "leo", "Rose", "--key", key]
                default: return ["recharge", from, "--points", "70", "--method", "card", "--card", "4242424242424242", "--key", key]
                }
            }
        }
        var expected: [String: Decimal] = Dictionary(uniqueKeysWithValues: supporters.map { ($0, 50_000) })
        expected["ana", default: 0] -= giftCost
        var leoEarned = giftShare
        for client in 0..<8 {
            for command in commands(of: client) {
                switch command[0] {
                case "transfer":
                    expected[command[1], default: 0] -= Decimal(string: command[3]) ?? 0
                    expected[command[2], default: 0] += Decimal(string: command[3]) ?? 0
                case "gift":
                    expected[command[1], default: 0] -= giftCost
                    leoEarned += giftShare
                default:
                    expected[command[1], default: 0] += 70
                }
            }
        }

        let plan = (0..<8).map(commands(of:))
        let failures = LockedList()
        let group = DispatchGroup()
        for client in 0..<8 {
            let thread = Thread {
                defer { group.leave() }
                for command in plan[client] {
                    do {
                        let result = try cli.run(command)
                        if result.status != 0 { failures.append("client \(client) \(command): \(result.stderr)") }
                    } catch {
                        failures.append("client \(client) \(command): \(error)")
                    }
                }
            }
            group.enter()
            thread.start()
        }
        // Meanwhile, client 0's first commands again, each killed a few milliseconds in.
        var killed = 0
        for step in 0..<6 {
            let background = try BackgroundCommand(cli, commands(of: 0)[step % max(1, perClient)])
            usleep(useconds_t(15_000 + 7_000 * step))
            background.kill()
            if background.finish() == .killed { killed += 1 }
        }
        group.wait()
        XCTAssertEqual(failures.items, [], "a client saw an error")
        // The killed commands were client 0's own, under its keys: running them again replays
        // whatever landed, and applies whatever did not.
        for command in commands(of: 0).prefix(6) { try cli.ok(command) }
        for name in supporters { XCTAssertEqual(try points(cli, name), expected[name], name) }
        XCTAssertEqual(try points(cli, "leo", "earned"), leoEarned)
        let verify = try cli.ok(["verify", "--full"])
        XCTAssertTrue(verify.stdout.contains("ok:"), verify.stdout)
        print("postgres: 8 clients × \(perClient) commands at once, \(killed) of 6 commands killed half way; balances exact")
    }
}

/// Failures gathered from several threads.
private final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func append(_ item: String) { lock.withLock { list.append(item) } }
    var items: [String] { lock.withLock { list } }
}
