import Foundation
import TikScoreCore
import TikScoreTestSupport
import XCTest

/// Bad input of every kind, as a table: each case runs the real binary and must exit with its
/// status (64 usage, 1 refused or failed), print exactly one line on standard error that starts
/// `error:` and says what the case expects, and leave the wallet as it was: byte for byte where
/// nothing may be written, row for row (the same export) where only a key may be recorded.
final class BadInputTests: XCTestCase {
    /// What a case may change.
    private enum Unchanged {
        /// Not a byte of the wallet's files.
        case bytes
        /// Not a balance, transfer, account or withdrawal (a key record may be added).
        case rows
    }

    private struct Case {
        let args: [String]
        let status: Int32
        let says: String
        var unchanged: Unchanged = .bytes
        var env: [String: String] = [:]
        var stdin: String?
    }

    private static func usage(_ args: [String], _ says: String) -> Case { Case(args: args, status: 64, says: says) }
    private static func refused(_ args: [String], _ says: String, _ unchanged: Unchanged = .rows, stdin: String? = nil) -> Case {
        Case(args: args, status: 1, says: says, unchanged: unchanged, stdin: stdin)
    }

    /// Arguments the parser or a command's own checks refuse before any wallet is opened.
    private static let argumentCases: [Case] = [
        usage(["bogus"], "Unexpected argument 'bogus'"),
        usage(["balance"], "Missing expected argument '<name>'"),
        usage(["transfer", "mia"], "Missing expected argument"),
        usage(["transfer", "mia", "leo", "-5"], "points must be positive (got -5)"),
        usage(["transfer", "mia", "leo", "0"], "points must be positive (got 0)"),
        usage(["transfer", "mia", "leo", "-0.5"], "points must be positive"),
        usage(["transfer", "mia", "leo", "1.234"], "more than 2 decimals"),
        usage(["transfer", "mia", "leo", "ten"], "'ten' is not a number of points"),
        usage(["transfer", "mia", "leo", "9223372036854775808"], "amount too large"),
        usage(["transfer", "mia", "leo", "99999999999999999999999"], "amount too large"),
        usage(["transfer", "mia", "leo", "1e999"], "is not a number of points"),
        usage(["transfer", "mia", "leo", "5", "--key", ""], "--key must be 1 to 200 characters"),
        usage(["transfer", "mia", "leo", "5", "--key", String(repeating: "k", count: 201)], "--key must be 1 to 200 characters"),
        usage(["withdraw", "leo", "-5", "--paypal", "leo@example.com"], "points must be positive (got -5)"),
        usage(["withdraw", "leo", "lots", "--paypal", "leo@example.com"], "is not a number of points"),
        usage(["withdraw", "leo", "20000"], "Missing expected argument '--paypal <email>'"),
        usage(["recharge", "mia", "--method", "card", "--card", "4242424242424242"], "give exactly one of --package ID or --points N"),
        usage(["recharge", "mia", "--points", "700", "--package", "p700", "--method", "card", "--card", "4242424242424242"], "give exactly one"),
        usage(["recharge", "mia", "--points", "700", "--method", "card"], "--method card needs --card NUMBER"),
        usage(["recharge", "mia", "--points", "700", "--method", "paypal"], "--method paypal needs --paypal EMAIL"),
        usage(["recharge", "mia", "--points", "700", "--method", "cash"], "The value 'cash' is invalid for '--method <method>'"),
        usage(["recharge", "mia", "--points", "9223372036854775808", "--method", "card", "--card", "4242424242424242"], "is invalid for '--points <points>'"),
        usage(["recharge", "mia", "--points", "lots", "--method", "card", "--card", "4242424242424242"], "is invalid for '--points <points>'"),
        usage(["gift", "mia", "leo", "Rose", "--count", "0"], "--count must be at least 1 (got 0)"),
        usage(["gift", "mia", "leo", "Rose", "--count", "-3"], "--count must be at least 1 (got -3)"),
        usage(["gift", "mia", "leo", "Rose", "--count", "many"], "is invalid for '--count <count>'"),
        usage(["gift", "mia", "leo", "Rose", "--count", "18446744073709551616"], "is invalid for '--count <count>'"),
        usage(["follow", "leo", "--count", "0"], "--count must be at least 1 (got 0)"),
        usage(["battle", "start", "leo", "mia", "--minutes", "0"], "--minutes must be 1 to 1,440 (got 0)"),
        usage(["battle", "start", "leo", "mia", "--minutes", "9223372036854775807"], "--minutes must be 1 to 1,440"),
        usage(["battle", "start", "leo", "mia", "--minutes", "-1"], "--minutes must be 1 to 1,440 (got -1)"),
        usage(["history", "--limit", "0"], "--limit must be at least 1"),
        usage(["history", "--limit", "-4"], "--limit must be at least 1"),
        usage(["history", "--csv", "--json"], "choose --csv or --json, not both"),
        usage(["live", "sessions", "leo", "--limit", "0"], "--limit must be 1 to 10000"),
        usage(["convert", "abc"], "'abc' is not a number"),
        usage(["convert", "-5"], "'-5' is negative"),
        usage(["convert", "5", "--from", "gold"], "The value 'gold' is invalid for '--from <from>'"),
        usage(["export", "--format", "xml"], "The value 'xml' is invalid for '--format <format>'"),
        usage(["export"], "Missing expected argument '--format <format>'"),
        usage(["simulate", "leo", "--rate", "0"], "--rate must be above 0 and at most 10000"),
        usage(["simulate", "leo", "--rate", "nan"], "--rate must be above 0"),
        usage(["simulate", "leo", "--rate", "20000"], "--rate must be above 0 and at most 10000"),
        usage(["simulate", "leo", "--seconds", "0"], "--seconds must be 1 to 86400"),
        usage(["simulate", "leo", "--seed", "-1"], "--seed"),
        usage(["connect", "leo", "ws://localhost:1", "--retries", "-1"], "--retries must be 0"),
        usage(["account", "create", "zed", "--creator", "--supporter"], "choose --creator or --supporter, not both"),
        usage(["account", "create", "zed", "--followers", "-1"], "--followers cannot be negative"),
        usage(["--db", "", "balance", "leo"], "--db needs a path"),
        usage(["balance", "leo", "--economy", ""], "--economy needs a folder"),
        usage(["backup"], "Missing expected argument '--output <file>'"),
        usage(["backup", "-o", ""], "-o needs a file name"),
        usage(["restore"], "Missing expected argument '<file>'"),
        usage(["account", "pin"], "Missing expected argument '<name>'"),
        usage(["balance", "leo", "--pin", "1234"], "Unknown option '--pin'"),
    ]

    /// Refusals by the wallet's rules: exit 1, and nothing moves (a key may be recorded).
    private static let ruleCases: [Case] = [
        refused(["balance", "nobody"], "no account called 'nobody'", .bytes),
        refused(["gift", "nobody", "leo", "Rose"], "no account called 'nobody'"),
        refused(["gift", "mia", "leo", "Rsoe"], "unknown gift 'Rsoe'"),
        refused(["gift", "mia", "leo", "Lion"], "mia has"),
        refused(["gift", "mia", "mia", "Rose"], "mia"),
        refused(["gift", "mia", "leo", "Rose", "--count", "9223372036854775807"], "too large"),
        refused(["transfer", "mia", "MIA", "5"], "mia cannot give points to themselves"),
        refused(["transfer", "mia", "leo", "99999"], "mia has"),
        refused(["transfer", "nobody", "leo", "5"], "no account called 'nobody'"),
        refused(["redeem", "leo", "amazonx"], "unknown gift card 'amazonx'"),
        refused(["redeem", "mia", "amc"], "mia"),
        refused(["withdraw", "leo", "100", "--paypal", "leo@example.com"], "minimum"),
        refused(["withdraw", "mia", "20000", "--paypal", "mia@example.com"], "mia"),
        refused(["withdraw", "leo", "20000", "--paypal", "leo@"], "is not an email address"),
        refused(["withdraw", "leo", "20000", "--paypal", "le\no@example.com"], "'le\\no@example.com' is not an email address"),
        refused(["withdraw", "leo", "20000.5", "--paypal", "leo@example.com"], "whole"),
        refused(["recharge", "mia", "--points", "5", "--method", "card", "--card", "4242424242424242"], "a custom recharge is 30 to 2,500,000 points (got 5)"),
        refused(["recharge", "mia", "--points", "31", "--method", "card", "--card", "4242424242424242"], "not whole cents"),
        refused(["recharge", "mia", "--points", "-5", "--method", "card", "--card", "4242424242424242"], "a recharge must be more than 0 points"),
        refused(["recharge", "mia", "--points", "9000000", "--method", "card", "--card", "4242424242424242"], "a custom recharge is 30 to 2,500,000"),
        refused(["recharge", "mia", "--package", "p1", "--method", "card", "--card", "4242424242424242"], "p1"),
        refused(["recharge", "mia", "--points", "700", "--method", "card", "--card", "4242424242424241"], "card"),
        refused(["recharge", "mia", "--points", "700", "--method", "card", "--card", "42"], "card"),
        refused(["recharge", "mia", "--points", "700", "--method", "card", "--card", "4000000000000002"], "payment declined"),
        refused(["recharge", "mia", "--points", "700", "--method", "paypal", "--paypal", "not-an-email"], "is not an email address"),
        refused(["recharge", "mia", "--points", "700", "--method", "paypal", "--paypal", "mia@fail.example"], "payment declined"),
        refused(["recharge", "mia", "--points", "700", "--method", "paypal", "--paypal", "a@b.c\nerror: forged"], "'a@b.c\\nerror: forged' is not an email address"),
        refused(["recharge", "nobody", "--points", "700", "--method", "card", "--card", "4242424242424242"], "no account called 'nobody'"),
        refused(["account", "create", "LEO"], "already exists"),
        refused(["account", "create", ""], "name"),
        refused(["account", "create", "mia\u{200B}x"], "an invisible character (U+200B)"),
        refused(["account", "create", "evil\u{1B}[31m"], "control characters (U+001B)"),
        refused(["account", "create", "rtl\u{202E}"], "U+202E"),
        refused(["account", "create", "zed", "--birthdate", "2999-01-01"], "the birth date 2999-01-01 is in the future"),
        refused(["account", "create", "zed", "--birthdate", "1990-02-30"], "2-30"),
        refused(["account", "create", "zed", "--birthdate", "yesterday"], "yesterday"),
        refused(["account", "update", "mia", "--birthdate", "2030-01-01"], "is in the future"),
        refused(["account", "update", "mia"], "nothing to change"),
        refused(["account", "create", "zed", "--tiktok-id", "abc"], "abc"),
        refused(["follow", "leo"], "leo is not live"),
        refused(["live", "stop", "leo"], "leo is not live"),
        refused(["live", "status", "leo"], "has never been LIVE", .bytes),
        refused(["battle", "start", "leo", "mia"], "both creators must be live to battle"),
        refused(["battle", "end"], "battle"),
        refused(["eligibility", "nobody"], "no account called 'nobody'", .bytes),
        refused(["withdrawals", "nobody"], "no account called 'nobody'"),
        refused(["redemptions", "nobody"], "no account called 'nobody'", .bytes),
        refused(["convert", "5", "--currency", "XXX"], "XXX", .bytes),
        refused(["account", "pin", "nobody"], "no account called 'nobody'"),
        refused(["account", "pin", "mia", "--pin-stdin"], "a PIN is 4 to 12 digits", stdin: "12ab\n"),
        refused(["account", "pin", "mia", "--pin-stdin"], "a PIN is 4 to 12 digits", stdin: "12\n"),
        refused(["account", "pin", "mia", "--remove"], "mia has no PIN"),
        refused(["account", "pin", "mia", "--pin-stdin"], "standard input ended before the PIN", stdin: ""),
    ]

    /// Files and environment: a missing or wrong file, a clock or catalog folder that is not one.
    private static let environmentCases: [Case] = [
        Case(args: ["balance", "leo"], status: 1, says: "TIKSCORE_NOW='soon' is not an ISO-8601 time", env: ["TIKSCORE_NOW": "soon"]),
        Case(args: ["balance", "leo"], status: 1, says: "catalog", env: ["TIKSCORE_RESOURCES": "/nonexistent/catalogs"]),
        Case(args: ["balance", "leo", "--economy", "/nonexistent/catalogs"], status: 1, says: "catalog"),
        Case(args: ["feed", "leo", "/nonexistent/feed.jsonl"], status: 1, says: "cannot read /nonexistent/feed.jsonl: No such file or directory"),
        Case(args: ["feed", "leo", "/"], status: 1, says: "cannot read /: Is a directory"),
        Case(args: ["feed", "leo", ""], status: 1, says: "cannot read '': no file name"),
        Case(args: ["dashboard"], status: 1, says: "the dashboard needs a terminal"),
        Case(args: ["restore", "/nonexistent/backup.sqlite"], status: 1, says: "/nonexistent/backup.sqlite"),
        Case(args: ["connect", "leo", "http://localhost:1/"], status: 1, says: "ws"),
    ]

    func testEveryBadInputIsOneLineWithItsExitCodeAndChangesNothing() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter()
        let cases = Self.argumentCases + Self.ruleCases + Self.environmentCases
        var checked = 0
        for item in cases {
            let before = try WalletImage(cli: cli, rows: item.unchanged == .rows)
            var run = cli
            run.environment.merge(item.env) { $1 }
            let result = try run.run(item.args, stdin: item.stdin)
            let label = item.args.joined(separator: " ")
            XCTAssertEqual(result.status, item.status, "\(label): \(result.stderr)")
            assertOneErrorLine(result.stderr, saying: item.says, label)
            let after = try WalletImage(cli: cli, rows: item.unchanged == .rows)
            switch item.unchanged {
            case .bytes: XCTAssertEqual(after.bytes, before.bytes, "\(label) changed the wallet's bytes")
            case .rows: XCTAssertEqual(after.rows, before.rows, "\(label) changed the wallet's rows")
            }
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 100)
        try cli.ok(["verify"])
    }

    /// Damaged, foreign, newer and missing wallets: refused in one line, and the file (the wallet
    /// or not) is left byte for byte as it was.
    func testDamagedForeignAndNewerWalletsAreRefusedUntouched() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter()
        let folder = cli.folder
        let good = try Data(contentsOf: URL(fileURLWithPath: cli.database))
        func file(_ name: String, _ contents: Data) throws -> String {
            let path = folder.appendingPathComponent(name).path
            try contents.write(to: URL(fileURLWithPath: path))
            return path
        }
        let foreign = folder.appendingPathComponent("foreign.db").path
        try sqlite(foreign, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');")
        let newer = try file("newer.sqlite", good)
        try sqlite(newer, "INSERT INTO grdb_migrations VALUES ('v99-from-the-future');")
        var zeroedHeader = good
        zeroedHeader.replaceSubrange(0..<100, with: Data(count: 100))
        let truncated = good.prefix(good.count / 3)
        let cases: [(path: String, args: [String], says: String)] = [
            (foreign, ["balance", "leo"], "is an SQLite database but not a TikScore wallet"),
            (foreign, ["transfer", "mia", "leo", "5"], "is an SQLite database but not a TikScore wallet"),
            (foreign, ["account", "create", "zed"], "is an SQLite database but not a TikScore wallet"),
            (newer, ["transfer", "mia", "leo", "5"], "this wallet was written by a newer TikScore (schema v99-from-the-future); upgrade"),
            (newer, ["balance", "leo"], "written by a newer TikScore"),
            (newer, ["verify"], "written by a newer TikScore"),
            (try file("junk.sqlite", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })), ["balance", "leo"], "not a TikScore wallet"),
            (try file("header.sqlite", zeroedHeader), ["transfer", "mia", "leo", "5"], "not a TikScore wallet"),
            (try file("truncated.sqlite", truncated), ["verify"], "damaged"),
            (try file("empty.sqlite", Data()), ["balance", "leo"], "is an empty file, not a wallet yet"),
            (folder.appendingPathComponent("missing.sqlite").path, ["balance", "leo"], "there is no wallet at"),
            (folder.path, ["balance", "leo"], "is a folder, not a wallet file"),
        ]
        for item in cases {
            let before = try? Data(contentsOf: URL(fileURLWithPath: item.path))
            let result = try cli.run(["--db", item.path] + item.args)
            XCTAssertEqual(result.status, 1, "\(item.path) \(item.args): \(result.stderr)")
            assertOneErrorLine(result.stderr, saying: item.says, "\(item.path) \(item.args)")
            XCTAssertEqual(try? Data(contentsOf: URL(fileURLWithPath: item.path)), before, "\(item.path) was changed")
            XCTAssertFalse(FileManager.default.fileExists(atPath: item.path + "-wal") && before != nil && item.path == foreign,
                           "the foreign file was switched to WAL")
        }
        // A dangling link is refused, not replaced by a new wallet beside its target.
        let link = folder.appendingPathComponent("link.sqlite").path
        let target = folder.appendingPathComponent("nowhere/wallet.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let dangling = try cli.run(["--db", link, "account", "create", "zed"])
        XCTAssertEqual(dangling.status, 1)
        assertOneErrorLine(dangling.stderr, saying: "is a symbolic link to \(target), which does not exist", "dangling link")
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
    }

    /// Broken catalog files: each stops the command with one line naming the file, before the
    /// wallet is opened.
    func testABrokenCatalogFileStopsEveryCommandThatUsesTheEconomy() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter()
        let source = try XCTUnwrap(TestCatalogs.directory)
        let cases: [(file: String, edit: (String) -> String, says: String)] = [
            ("economy.json", { _ in "{ not json" }, "economy.json"),
            ("economy.json", { $0.replacingOccurrences(of: "\"security\"", with: "\"insecurity\"") }, "security"),
            ("economy.json", { $0.replacingOccurrences(of: "\"pin_hash_rounds\": 210000", with: "\"pin_hash_rounds\": 1000") }, "pin_hash_rounds"),
            ("economy.json", { $0.replacingOccurrences(of: "\"pin_attempts\": 5", with: "\"pin_attempts\": 0") }, "pin_attempts"),
            ("economy.json", { $0.replacingOccurrences(of: "\"commission_percent\": \"50\"", with: "\"commission_percent\": \"150\"") }, "commission_percent"),
            ("economy.json", { $0.replacingOccurrences(of: "\"point_value_usd\": \"0.005\"", with: "\"point_value_usd\": 0.005") }, "point_value_usd"),
            ("economy.json", { $0.replacingOccurrences(of: "\"max_repeat_count\": 10000", with: "\"max_repeat_count\": -1") }, "max_repeat_count"),
            ("packages.json", { $0.replacingOccurrences(of: "\"points\": 70 }", with: "\"points\": \"seventy\" }") }, "packages.json"),
            ("packages.json", { $0.replacingOccurrences(of: "\"points\": 350 }", with: "\"points\": -350 }") }, "packages.json"),
            ("gifts.json", { _ in "[{}]" }, "gifts.json"),
            ("giftcards.json", { _ in "" }, "giftcards.json"),
            ("currencies.json", { _ in "{\"USD\": 1}" }, "currencies.json"),
        ]
        let before = FileManager.default.contents(atPath: cli.database)
        for (index, item) in cases.enumerated() {
            let folder = cli.folder.appendingPathComponent("catalogs-\(index)")
            try FileManager.default.copyItem(at: source, to: folder)
            let target = folder.appendingPathComponent(item.file)
            let original = try String(contentsOf: target, encoding: .utf8)
            let broken = item.edit(original)
            XCTAssertNotEqual(broken, original, "case \(index) changed nothing in \(item.file)")
            try broken.write(to: target, atomically: true, encoding: .utf8)
            for args in [["balance", "leo"], ["transfer", "mia", "leo", "5"], ["gifts"]] {
                let result = try cli.run(args + ["--economy", folder.path])
                XCTAssertEqual(result.status, 1, "\(item.file) #\(index) \(args): \(result.stderr)")
                assertOneErrorLine(result.stderr, saying: item.says, "\(item.file) #\(index) \(args)")
                XCTAssertTrue(result.stderr.hasPrefix("error: catalog "), result.stderr)
            }
        }
        XCTAssertEqual(FileManager.default.contents(atPath: cli.database), before)
    }

    /// Hostile feed lines are counted as bad or refused (the feed goes on, exit 0), credit nothing
    /// but the one well-formed follow among them, and a line's text never reaches the terminal raw.
    func testHostileFeedLinesAreCountedAndCreditNothing() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter()
        try cli.ok(["live", "start", "leo"])
        let lines = [
            "{", "[]", "null", "\"gift\"", "{\"event\":\"gift\"}", "{\"type\":\"gift\",\"giftId\":\"x\"}",
            "{\"event\":\"gift\",\"data\":{\"giftId\":5655,\"repeatCount\":1e99}}",
            "{\"event\":\"gift\",\"data\":{\"giftId\":5655,\"repeatCount\":-4,\"msgId\":\"m1\"}}",
            "{\"event\":\"gift\",\"data\":{\"giftId\":5655,\"repeatCount\":99999999,\"msgId\":\"m2\",\"repeatEnd\":true}}",
            "{\"event\":\"gift\",\"data\":{\"giftId\":99999999,\"diamondCount\":9999999999,\"repeatCount\":1,\"msgId\":\"m3\",\"repeatEnd\":true}}",
            "{\"event\":\"follow\",\"data\":{\"uniqueId\":\"\\u001b[2J\",\"msgId\":\"\\u001b]0;pwned\\u0007\"}}",
            String(repeating: "{\"a\":", count: 5_000) + "1" + String(repeating: "}", count: 5_000),
            "\u{FEFF}\u{0000}garbage\u{7F}",
        ]
        let file = cli.folder.appendingPathComponent("hostile.jsonl")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let before = try cli.ok(["balance", "leo", "--json"]).object()
        let result = try cli.run(["feed", "leo", file.path, "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try result.object()
        let followerPoints = Int(try XCTUnwrap(TestCatalogs.economy).rules.followerPoints.units / Points.unitsPerPoint)
        XCTAssertEqual(report["points_earned"] as? Int ?? (report["earned"] as? Int), followerPoints, "only the follow earns: \(report)")
        XCTAssertEqual((report["refused"] as? [String: Int])?["absurdCount"], 1, "\(report)")
        XCTAssertFalse(result.stdout.contains("\u{1B}") || result.stderr.contains("\u{1B}"), "an escape reached the terminal")
        let after = try cli.ok(["balance", "leo", "--json"]).object()
        XCTAssertEqual(after["earned"] as? Int, (before["earned"] as? Int).map { $0 + followerPoints })
        XCTAssertEqual(try cli.run(["feed", "leo", file.path, "--json"]).status, 0, "a second read is as calm")
        try cli.ok(["verify"])
    }

    // MARK: Helpers

    private func assertOneErrorLine(_ stderr: String, saying expected: String, _ label: String, line: UInt = #line) {
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, 1, "\(label): one line expected, got \(stderr.debugDescription)", line: line)
        XCTAssertTrue(stderr.hasPrefix("error: "), "\(label): \(stderr.debugDescription)", line: line)
        XCTAssertTrue(stderr.contains(expected), "\(label): expected \(expected.debugDescription) in \(stderr.debugDescription)", line: line)
    }

    private func sqlite(_ path: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path, sql]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CLIHarness.HarnessError("sqlite3 failed on \(path)") }
    }
}

/// The wallet as a case may leave it: the hash of its files, and its rows as an export shows them.
private struct WalletImage {
    let bytes: [Data]
    let rows: String

    /// `rows`: also export the wallet (a process more), for the cases that may record a key.
    init(cli: CLIHarness, rows: Bool) throws {
        // Read first (a reading command writes nothing), then the files. A reader may leave an
        // empty -wal beside the wallet, as SQLite's WAL readers do: the same as none.
        self.rows = rows ? try cli.run(["export", "--format", "json", "--reveal"]).stdout : ""
        bytes = ["", "-wal"].map { FileManager.default.contents(atPath: cli.database + $0) ?? Data() }
    }
}
