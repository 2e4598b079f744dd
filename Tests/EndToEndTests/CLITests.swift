import Foundation
import TikScoreTestSupport
import XCTest

/// The command line end to end, through the built binary.
final class CLITests: XCTestCase {
    func testATikTokIdentityIsCheckedAndBelongsToOneAccount() throws {
        let cli = try CLIHarness()
        try cli.ok(["account", "create", "leo", "--creator", "--tiktok-id", "6900000000000000001", "--tiktok-handle", "@Leo"])
        for (args, message) in [
            (["account", "create", "ana", "--tiktok-id", "6900000000000000001"], "error: TikTok id 6900000000000000001 already belongs to leo\n"),
            (["account", "create", "ana", "--tiktok-handle", "LEO"], "error: the TikTok handle @LEO already belongs to leo\n"),
            (["account", "create", "ana", "--tiktok-id", "69x"], "error: a TikTok id is 1 to 20 digits (got '69x')\n"),
        ] {
            let refused = try cli.run(args)
            XCTAssertEqual(refused.status, 1)
            XCTAssertEqual(refused.stderr, message)
        }
        XCTAssertEqual(try cli.ok(["account", "list", "--json"]).array().count, 1, "nothing was created")
        let listed = try cli.ok(["account", "list", "--json"]).array().first
        XCTAssertEqual(listed?["tiktok_id"] as? String, "6900000000000000001")
        XCTAssertEqual(listed?["tiktok_handle"] as? String, "Leo", "stored without @")
    }

    func testBalanceConvertAndCatalogJSONKeys() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter(points: 50_000)
        try cli.ok(["gift", "mia", "leo", "Lion"])
        let balance = try cli.ok(["balance", "leo", "--json"]).object()
        for key in ["account", "points", "earned", "held", "diamonds", "earned_usd"] { XCTAssertNotNil(balance[key], key) }
        XCTAssertEqual(balance["earned"] as? Double, 14999.5)
        XCTAssertEqual(balance["earned_usd"] as? String, "74.9975")
        let convert = try cli.ok(["convert", "20000", "--json"]).object()
        XCTAssertEqual(convert["diamonds"] as? Int, 2000)
        XCTAssertEqual(convert["usd"] as? String, "100.00")
        let sar = try cli.ok(["convert", "100", "--from", "usd", "--currency", "sar", "--json"]).object()
        XCTAssertEqual(sar["points"] as? Int, 20000)
        XCTAssertEqual(sar["amount"] as? String, "375.00")
        XCTAssertEqual(sar["currency"] as? String, "SAR")
        for (command, priceKey) in [("packages", "price_usd"), ("gifts", "price_usd"), ("cards", "value_usd")] {
            let list = try XCTUnwrap(try cli.ok([command, "--json"]).json() as? [[String: Any]])
            XCTAssertFalse(list.isEmpty)
            for item in list {
                for key in ["id", "name", "points", priceKey] { XCTAssertNotNil(item[key], "\(command) \(key)") }
            }
        }
        let cards = try XCTUnwrap(try cli.ok(["cards", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(cards.first { $0["name"] as? String == "AMC Theaters" }?["value_usd"] as? String, "15.00")
    }

    func testWithdrawPaidAndFailedWithJSON() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter(points: 100_000)
        try cli.ok(["gift", "mia", "leo", "9072", "--count", "1"])   // TikTok Universe: 44,999 → 22,499.5 earned
        let failed = try cli.ok(["withdraw", "leo", "20000", "--paypal", "leo@fail.example", "--json"]).object()
        XCTAssertEqual(failed["status"] as? String, "failed")
        XCTAssertEqual(try cli.ok(["balance", "leo", "--json"]).object()["earned"] as? Double, 22499.5)
        let paid = try cli.ok(["withdraw", "leo", "20000", "--paypal", "leo@example.com", "--json"]).object()
        for key in ["id", "status", "points", "usd"] { XCTAssertNotNil(paid[key], key) }
        XCTAssertEqual(paid["status"] as? String, "paid")
        XCTAssertEqual(paid["usd"] as? String, "100.00")
        XCTAssertEqual(paid["points"] as? Int, 20000)
        let after = try cli.ok(["balance", "leo", "--json"]).object()
        XCTAssertEqual(after["earned"] as? Double, 2499.5)
        XCTAssertEqual(after["held"] as? Int, 0)
        let list = try XCTUnwrap(try cli.ok(["withdrawals", "leo", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(list.map { $0["status"] as? String }, ["paid", "failed"])
        try cli.ok(["verify"])
    }

    func testRefusalsExitOneWithOneLineAndChangeNothing() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter()
        let before = try cli.ok(["export", "--format", "json"]).stdout
        let refused: [[String]] = [
            ["gift", "nobody", "leo", "rose"],
            ["gift", "mia", "leo", "Lion"],                          // 29,999 > 7,000
            ["recharge", "mia", "--points", "700", "--method", "card", "--card", "4000000000000002"],
            ["recharge", "mia", "--points", "700", "--method", "card", "--card", "4242424242424241"],
            ["recharge", "mia", "--points", "700", "--method", "paypal", "--paypal", "not-an-email"],
            ["recharge", "mia", "--points", "700", "--method", "paypal", "--paypal", "mia@fail.example"],
            ["withdraw", "leo", "100", "--paypal", "leo@example.com"],
            ["withdraw", "mia", "20000", "--paypal", "mia@example.com"],
            ["redeem", "leo", "amc"],
            ["account", "create", "LEO"],
        ]
        // A number that is not a positive amount is a usage error (64), found before the wallet opens.
        let usage: [[String]] = [
            ["transfer", "mia", "leo", "0"],
            ["transfer", "mia", "leo", "--", "-5"],
            ["transfer", "mia", "leo", "-5"],
            ["transfer", "mia", "leo", "99999999999999999999999"],
        ]
        for (args, status) in refused.map({ ($0, Int32(1)) }) + usage.map({ ($0, Int32(64)) }) {
            let result = try cli.run(args)
            XCTAssertEqual(result.status, status, "\(args) should be refused: \(result.stdout)")
            XCTAssertTrue(result.stderr.hasPrefix("error: "), "\(args): \(result.stderr)")
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "\(args): one line, got \(result.stderr)")
        }
        XCTAssertEqual(try cli.ok(["export", "--format", "json"]).stdout, before, "a refusal changed the wallet")
    }

    func testWalletOptionsBeforeOrAfterTheSubcommand() throws {
        let cli = try CLIHarness()
        let other = cli.folder.appendingPathComponent("other.sqlite").path
        try cli.ok(["--db", other, "account", "create", "zed"])
        try cli.ok(["--db=\(other)", "account", "create", "yara"])
        try cli.ok(["account", "create", "xavi", "--db", other])
        let names = try XCTUnwrap(try cli.ok(["--db", other, "account", "list", "--json"]).json() as? [[String: Any]]).compactMap { $0["name"] as? String }
        XCTAssertEqual(names, ["zed", "yara", "xavi"])
        // The default wallet was never made (reading commands do not create one).
        XCTAssertEqual(try cli.run(["account", "list", "--json"]).status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.database), "the default wallet is untouched")
    }

    func testVersionNeedsNoWalletAndNoCatalogs() throws {
        var cli = try CLIHarness()
        cli.environment["TIKSCORE_RESOURCES"] = cli.folder.appendingPathComponent("no-such-catalogs").path
        let alone = try cli.run(["--version"])
        XCTAssertEqual(alone.status, 0, alone.stderr)
        XCTAssertEqual(alone.stdout, "0.1.0\n")
        XCTAssertEqual(alone.stderr, "")
        // Through the parser (another argument beside it), the same line.
        let parsed = try cli.run(["balance", "--version"])
        XCTAssertEqual(parsed.stdout, "0.1.0\n", parsed.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.database), "--version made a wallet")
    }

    func testUsageErrorsExit64() throws {
        let cli = try CLIHarness()
        for args in [["bogus"], ["recharge", "mia"], ["gift", "a"], ["convert", "5", "--from", "euros"], ["history", "--limit", "0"]] {
            let result = try cli.run(args)
            XCTAssertEqual(result.status, 64, "\(args): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("error: "), result.stderr)
        }
    }

    func testIdempotencyKeyThroughTheCLI() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter()
        let first = try cli.ok(["transfer", "mia", "leo", "100", "--key", "t-1", "--json"]).object()
        let second = try cli.ok(["transfer", "mia", "leo", "100", "--key", "t-1", "--json"]).object()
        XCTAssertEqual(first["sender_balance"] as? Int, 6900)
        XCTAssertEqual(second["sender_balance"] as? Int, 6900)
        XCTAssertEqual(try cli.ok(["balance", "mia", "--json"]).object()["points"] as? Int, 6900)
        let reused = try cli.run(["transfer", "mia", "leo", "5", "--key", "t-1"])
        XCTAssertEqual(reused.status, 1)
        XCTAssertTrue(reused.stderr.contains("already used"), reused.stderr)
    }

    func testVerifyCatchesATamperedDatabaseFile() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter()
        try cli.ok(["verify"])
        try sqlite(cli.database, "UPDATE balances SET units = units + 100 WHERE account = 'user:2:points'")
        let result = try cli.run(["verify"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("user:2:points"), result.stdout)
    }

    func testDamagedOrForeignFilesGiveOneLine() throws {
        let cli = try CLIHarness()
        try Data("this is not a database, just text\n".utf8).write(to: URL(fileURLWithPath: cli.database))
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.database))
        let result = try cli.run(["account", "list"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("error: ") && result.stderr.contains("not a TikScore wallet"), result.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: cli.database)), before)
    }

    func testBadCatalogFolderNamesFileAndField() throws {
        let cli = try CLIHarness()
        let folder = cli.folder.appendingPathComponent("economy")
        let source = try XCTUnwrap(TestCatalogs.directory)
        try FileManager.default.copyItem(at: source, to: folder)
        let economyFile = folder.appendingPathComponent("economy.json")
        let text = try String(contentsOf: economyFile, encoding: .utf8).replacingOccurrences(of: "\"commission_percent\": \"50\"", with: "\"commission_percent\": \"150\"")
        try text.write(to: economyFile, atomically: true, encoding: .utf8)
        let bad = try cli.run(["packages", "--economy", folder.path])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("economy.json") && bad.stderr.contains("commission_percent"), bad.stderr)
    }

    /// A wallet keeps to the catalogs it was started with: an identical copy elsewhere is the same
    /// economy; a changed one is refused in one line, changing nothing, until `economy adopt`.
    func testAWalletRefusesOtherCatalogsUntilTheyAreAdopted() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter(points: 7000)
        try cli.checkOtherCatalogsAreRefusedUntilAdopted()
    }

    /// `balance --json` forecasts from the last half hour of a recorded timeline: gifts 40 and
    /// 10 minutes ago and a simulated LIVE 5 minutes ago. The rate and the minutes are worked out
    /// here again from `history`, independently of the command.
    func testBalanceForecastsFromTheLastHalfHour() throws {
        var cli = try CLIHarness(now: "2026-11-24T11:20:00Z")
        try cli.seedCreatorAndSupporter(points: 7000)
        try cli.ok(["gift", "mia", "leo", "Rose", "--count", "100"])
        cli.environment["TIKSCORE_NOW"] = "2026-11-24T11:50:00Z"
        try cli.ok(["gift", "mia", "leo", "Rose", "--count", "30"])
        cli.environment["TIKSCORE_NOW"] = "2026-11-24T11:55:00Z"
        try cli.ok(["simulate", "leo", "--seconds", "2", "--rate", "30", "--seed", "11"])
        cli.environment["TIKSCORE_NOW"] = "2026-11-24T12:00:00Z"
        let balance = try cli.ok(["balance", "leo", "--json"]).object()
        let forecast = try XCTUnwrap(balance["forecast"] as? [String: Any], "\(balance)")
        let rate = try XCTUnwrap((forecast["rate_points_per_hour"] as? NSNumber)?.decimalValue)

        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let start = try XCTUnwrap(iso.date(from: "2026-11-24T11:30:00.000Z"))
        var window = Decimal(0)
        for line in try cli.ok(["history", "leo", "--json"]).array() {
            guard ["gift", "feed_gift", "follower"].contains(line["kind"] as? String ?? ""), line["balance"] as? String == "earned",
                  let time = (line["time"] as? String).flatMap(iso.date(from:)), time > start,
                  let change = (line["change"] as? NSNumber)?.decimalValue, change > 0 else { continue }
            window += change
        }
        XCTAssertGreaterThan(window, 0, "the timeline earned in the window")
        XCTAssertEqual(rate, window * 2)
        let earned = try XCTUnwrap((balance["earned"] as? NSNumber)?.decimalValue)
        let rules = try JSONSerialization.jsonObject(with: Data(contentsOf: XCTUnwrap(TestCatalogs.directory).appendingPathComponent("economy.json"))) as? [String: Any]
        let minimum = try XCTUnwrap((rules?["minimum_withdrawal_points"] as? NSNumber)?.decimalValue)
        XCTAssertLessThan(earned, minimum)
        var exact = (minimum - earned) * 60 / rate, minutes = Decimal()
        NSDecimalRound(&minutes, &exact, 0, .up)
        XCTAssertEqual((forecast["minutes_to_minimum"] as? NSNumber)?.decimalValue, minutes)
        XCTAssertTrue(try cli.ok(["balance", "leo"]).stdout.contains("forecast  at this rate you reach the $100 minimum in "))

        // A supporter cannot earn; an hour later the rate is gone.
        let mia = try XCTUnwrap(cli.ok(["balance", "mia", "--json"]).object()["forecast"] as? [String: Any])
        XCTAssertTrue(mia["minutes_to_minimum"] is NSNull, "\(mia)")
        cli.environment["TIKSCORE_NOW"] = "2026-11-24T13:00:00Z"
        let later = try XCTUnwrap(cli.ok(["balance", "leo", "--json"]).object()["forecast"] as? [String: Any])
        XCTAssertEqual((later["rate_points_per_hour"] as? NSNumber)?.intValue, 0)
        XCTAssertTrue(later["minutes_to_minimum"] is NSNull, "\(later)")
    }

    func testConcurrentProcessesLoseNothing() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter(points: 10_000)
        try cli.ok(["account", "create", "omar"])
        let workers = 6, each = 8
        let group = DispatchGroup()
        let failures = Failures()
        for w in 0..<workers {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                for i in 0..<each {
                    do {
                        let r = try cli.run(["transfer", "mia", "omar", "3", "--key", "w\(w)-\(i)"])
                        if r.status != 0 { failures.add(r.stderr) }
                    } catch { failures.add("\(error)") }
                }
            }
        }
        group.wait()
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(try cli.ok(["balance", "omar", "--json"]).object()["points"] as? Int, workers * each * 3)
        XCTAssertEqual(try cli.ok(["balance", "mia", "--json"]).object()["points"] as? Int, 10_000 - workers * each * 3)
        try cli.ok(["verify"])
    }

    /// Exports are written as the transfers are read (issue 10) and created owner-only (0600).
    func testEveryExportStreamsTheWholeLedgerToAFileOnlyItsOwnerCanRead() throws {
        let cli = try CLIHarness()
        try cli.ok(["account", "create", "solo"])
        let empty = try cli.ok(["export", "--format", "json"]).stdout
        XCTAssertTrue(empty.hasSuffix("\"transfers\": []\n}\n"), empty)
        try cli.seedCreatorAndSupporter(points: 50_000)
        for count in 1...40 { try cli.ok(["gift", "mia", "leo", "rose", "--count", String(count)]) }
        try cli.ok(["transfer", "mia", "leo", "25"])
        let transfers = try XCTUnwrap(try cli.ok(["verify", "--json"]).object()["transfers"] as? Int)
        XCTAssertGreaterThan(transfers, 80)
        for format in ["json", "csv", "hledger"] {
            let path = cli.folder.appendingPathComponent("export.\(format)").path
            let written = try cli.ok(["export", "--format", format, "-o", path])
            XCTAssertEqual(written.stderr, "wrote \(transfers) transfers to \(path)\n")
            XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), try cli.ok(["export", "--format", format]).stdout, format)
            let mode = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            XCTAssertEqual(mode & 0o777, 0o600, format)
        }
        let json = try cli.ok(["export", "--format", "json"]).object()
        XCTAssertEqual((json["transfers"] as? [Any])?.count, transfers)
        let csv = try cli.ok(["export", "--format", "csv"]).stdout
        XCTAssertEqual(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count, transfers + 1)
        XCTAssertTrue(csv.hasPrefix("seq,time,id,kind,"), csv)
    }

    /// An export takes its file's name only when it is whole: one that fails half way (a damaged
    /// row) leaves the file that was there, and nothing beside it.
    func testAnExportThatFailsHalfWayLeavesTheFileThatWasThere() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter(points: 50_000)
        for count in 1...30 { try cli.ok(["gift", "mia", "leo", "rose", "--count", String(count)]) }
        let folder = cli.folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("ledger.csv").path
        try cli.ok(["export", "--format", "csv", "-o", path])
        let before = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertGreaterThan(before.count, 1_000)
        try sqlite(cli.database, "PRAGMA ignore_check_constraints = ON; UPDATE transfers SET kind = 'magic' WHERE seq = 40")
        for format in ["csv", "json", "hledger"] {
            let failed = try cli.run(["export", "--format", format, "-o", path])
            XCTAssertEqual(failed.status, 1, format)
            XCTAssertTrue(failed.stderr.hasPrefix("error: the wallet is damaged: transfers row 40 column kind"), failed.stderr)
            XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), before, "\(format): the old export is untouched")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["ledger.csv"], "no partial file is left")
        }
        // A new name that fails is not made at all; a link is followed, not replaced.
        let fresh = folder.appendingPathComponent("new.json").path
        XCTAssertEqual(try cli.run(["export", "--format", "json", "-o", fresh]).status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh))
        try sqlite(cli.database, "PRAGMA ignore_check_constraints = ON; UPDATE transfers SET kind = 'gift' WHERE seq = 40")
        let link = folder.appendingPathComponent("latest.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "ledger.csv")
        try cli.ok(["export", "--format", "csv", "-o", link])
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "ledger.csv")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), try cli.ok(["export", "--format", "csv"]).stdout)
    }

    func testHledgerExportGivesTheSameBalances() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter(points: 50_000)
        try cli.ok(["gift", "mia", "leo", "rose", "--count", "7"])
        try cli.ok(["gift", "mia", "leo", "Lion"])
        let journal = cli.folder.appendingPathComponent("ledger.journal").path
        try cli.ok(["export", "--format", "hledger", "-o", journal])
        let text = try String(contentsOfFile: journal, encoding: .utf8)
        XCTAssertTrue(text.contains("user:leo:earned    3.50 PTS"), text)
        guard let hledger = which("hledger") else {
            throw XCTSkip("hledger is not installed; .ci/run installs it")
        }
        let output = try shell(hledger, ["-f", journal, "balance", "--flat", "--no-total"])
        let json = try cli.ok(["export", "--format", "json"]).object()
        let balances = try XCTUnwrap(json["balances"] as? [String: Any])
        let names = ["user:1:": "user:leo:", "user:2:": "user:mia:"]
        for (code, value) in balances {
            let number = (value as? NSNumber)?.stringValue ?? ""
            let points = try XCTUnwrap(Double(number))
            if points == 0 { continue }
            let account = names.reduce(code) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
            let line = output.split(separator: "\n").first { $0.hasSuffix(" " + account) }
            let amount = try XCTUnwrap(line, "hledger has no \(account): \(output)")
                .split(separator: " ").first.map { String($0).replacingOccurrences(of: ",", with: "") }
            XCTAssertEqual(amount.flatMap(Double.init), points, account)
        }
    }
}

/// Thread-safe collection of failures.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}

func which(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let path = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

@discardableResult
func shell(_ tool: String, _ args: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = args
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

func sqlite(_ database: String, _ sql: String) throws {
    guard let tool = which("sqlite3") else { throw XCTSkip("sqlite3 is not installed") }
    try shell(tool, [database, sql])
}

/// hledger has no escaping in account names; the export maps names one to one and still balances.
final class HledgerNamesTests: XCTestCase {
    func testNamesWithColonsSemicolonsAndDoubleSpacesStayDistinctAndBalance() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter(points: 1_000)
        for name in ["a:b", "a∶b", "x  y", "semi;colon", "Ana 🎉"] {
            try cli.ok(["account", "create", name])
            try cli.ok(["transfer", "mia", name, "10"])
        }
        let journal = cli.folder.appendingPathComponent("names.journal").path
        try cli.ok(["export", "--format", "hledger", "-o", journal])
        let text = try String(contentsOfFile: journal, encoding: .utf8)
        XCTAssertTrue(text.contains("account user:a∶b:points"), text)
        XCTAssertTrue(text.contains("account user:a∶b #4:points"), "a collision gets the account id: \(text)")
        XCTAssertTrue(text.contains("account user:x ␣y:points"), text)
        XCTAssertTrue(text.contains("account user:semi；colon:points"), text)
        guard let hledger = which("hledger") else { throw XCTSkip("hledger is not installed; .ci/run installs it") }
        let output = try shell(hledger, ["-f", journal, "balance", "--flat", "--no-total", "user"])
        for name in ["user:a∶b:points", "user:a∶b #4:points", "user:x ␣y:points", "user:semi；colon:points", "user:Ana 🎉:points"] {
            XCTAssertTrue(output.split(separator: "\n").contains { $0.hasSuffix(" " + name) && $0.contains("10.00 PTS") }, "\(name) in \(output)")
        }
        let total = try shell(hledger, ["-f", journal, "balance", "--flat"])
        XCTAssertTrue(total.split(separator: "\n").last?.trimmingCharacters(in: .whitespaces) == "0", "the journal balances to zero: \(total)")
    }
}

/// The PIN from the command line: set, asked on every protected command, never taken as an
/// argument, and masked addresses unless `--reveal` with the PIN.
final class PINCommandLineTests: XCTestCase {
    func testAProtectedAccountNeedsItsPINForPayoutsTransfersAndReveal() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter(points: 100_000)
        try cli.ok(["gift", "mia", "leo", "TikTok Universe"])
        XCTAssertEqual(try cli.run(["account", "pin", "leo", "--pin-stdin"], stdin: "4821\n").status, 0)
        let before = try cli.ok(["export", "--format", "json"]).stdout

        let noPIN = try cli.run(["withdraw", "leo", "20000", "--paypal", "leo@example.com"])
        XCTAssertEqual(noPIN.status, 1)
        XCTAssertTrue(noPIN.stderr.contains("pass --pin-stdin"), noPIN.stderr)
        let wrong = try cli.run(["withdraw", "leo", "20000", "--paypal", "leo@example.com", "--pin-stdin"], stdin: "0000\n")
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.hasPrefix("error: wrong PIN for leo; 4 attempts left"), wrong.stderr)
        XCTAssertEqual(try cli.ok(["export", "--format", "json"]).stdout, before, "a wrong PIN moved nothing")

        let paid = try cli.run(["withdraw", "leo", "20000", "--paypal", "leo@example.com", "--pin-stdin", "--key", "w1"], stdin: "4821\n")
        XCTAssertEqual(paid.status, 0, paid.stderr)
        XCTAssertTrue(paid.stdout.contains("l••@example.com") && !paid.stdout.contains("leo@example.com"), paid.stdout)
        // A retry under the key returns the stored payout, charged once.
        let retry = try cli.run(["withdraw", "leo", "20000", "--paypal", "leo@example.com", "--pin-stdin", "--key", "w1"], stdin: "4821\n")
        XCTAssertEqual(retry.stdout, paid.stdout)
        XCTAssertEqual(try cli.ok(["withdrawals", "leo", "--json"]).array().count, 1)

        XCTAssertFalse(try cli.ok(["history", "leo"]).stdout.contains("leo@example.com"))
        XCTAssertEqual(try cli.run(["history", "leo", "--reveal"]).status, 1, "--reveal asks for the PIN")
        let revealed = try cli.run(["history", "leo", "--reveal", "--pin-stdin"], stdin: "4821\n")
        XCTAssertEqual(revealed.status, 0, revealed.stderr)
        XCTAssertTrue(revealed.stdout.contains("leo@example.com"))
        XCTAssertFalse(try cli.ok(["export", "--format", "csv"]).stdout.contains("leo@example.com"))

        // Transfers and gifts out of a protected account, and its profile, need the PIN too; mia has none.
        try cli.ok(["transfer", "mia", "leo", "5"])
        XCTAssertEqual(try cli.run(["account", "update", "leo", "--followers", "1"]).status, 1)
        XCTAssertEqual(try cli.run(["account", "update", "leo", "--followers", "1", "--pin-stdin"], stdin: "4821\n").status, 0)
        // Changing the PIN asks for the old one; removing it too.
        XCTAssertEqual(try cli.run(["account", "pin", "leo", "--pin-stdin"], stdin: "1111\n9999\n").status, 1)
        XCTAssertEqual(try cli.run(["account", "pin", "leo", "--pin-stdin"], stdin: "4821\n9999\n").status, 0)
        XCTAssertEqual(try cli.run(["account", "pin", "leo", "--remove", "--pin-stdin"], stdin: "9999\n").status, 0)
        try cli.ok(["account", "update", "leo", "--followers", "2"])
        try cli.ok(["verify"])
    }
}
