import Foundation
import TikScoreCore
import TikScoreTestSupport
import XCTest

/// SIGKILL at seeded moments of the built binary's work — a long feed, a burst of keyed
/// recharges, withdrawals between hold and payout — and after each kill: the wallet opens,
/// `verify` passes, every acknowledged command is there exactly once, a retry under the killed
/// command's key finishes it exactly once, and a pending withdrawal is settled by the next writing
/// command. Kill moments wait for a condition seen in the wallet (progress, a key in flight, a hold)
/// where there is one, and are seeded delays otherwise; the seed is printed
/// (`TIKSCORE_CRASH_SEED` replays it).
final class CrashTests: XCTestCase {
    /// Kills per test.
    static let kills = 20
    private static let card = "4242424242424242"

    // MARK: A long feed

    func testSIGKILLDuringALongFeedLosesAndDoublesNothing() async throws {
        var random = SimulationRandom(seed: try CrashSeed.take(for: "feed crash test"))
        let reference = try CLIHarness()
        try createCreator(reference)
        let feed = reference.folder.appendingPathComponent("long.jsonl")
        try reference.ok(["simulate", "leo", "--seconds", "180", "--rate", "10", "--seed", String(random.int(1...1_000_000)), "--jsonl"])
            .stdout.write(to: feed, atomically: true, encoding: .utf8)
        try reference.ok(["feed", "leo", feed.path])
        let expectedEarned = try await WalletWatch(reference).earned(of: "leo")
        let expectedTransfers = try ledgerLines(reference)

        let cli = try CLIHarness()
        try createCreator(cli)
        let watch = try WalletWatch(cli)
        var earnedBefore = Points.zero
        var killed = 0
        // Each kill waits until the wallet has a seeded share of the feed's earnings, later each time.
        let shares = (0..<Self.kills).map { _ in random.int(3...97) }.sorted()
        print("feed crash test: kills at these shares of the feed's earnings (%): \(shares.map(String.init).joined(separator: " "))")
        for percent in shares {
            let target = Points(units: expectedEarned.units * percent / 100)
            let run = try BackgroundCommand(cli, ["feed", "leo", feed.path])
            _ = try await watch.wait(while: run) { try await watch.earned(of: "leo") >= target }
            run.kill()
            let ending = run.finish()
            if ending == .killed { killed += 1 } else { assertAcknowledged(ending, "feed run at \(percent)%") }
            try assertVerifies(cli, "after the kill at \(percent)% of the feed")
            let earned = try await watch.earned(of: "leo")
            XCTAssertLessThanOrEqual(earned, expectedEarned, "a kill at \(percent)% counted events twice")
            XCTAssertGreaterThanOrEqual(earned, earnedBefore, "a kill at \(percent)% lost committed events")
            earnedBefore = earned
        }
        // The feed again, to its end: the same transfers as one clean run, each of them once.
        let last = try cli.ok(["feed", "leo", feed.path, "--json"]).object()
        XCTAssertGreaterThan(last["duplicates"] as? Int ?? 0, 0, "the last run skipped what the killed runs had applied")
        await XCTAssertEqualAsync(try await watch.earned(of: "leo"), expectedEarned)
        XCTAssertEqual(try ledgerLines(cli), expectedTransfers, "the killed and resumed feed made other transfers than one clean run")
        try assertVerifies(cli, "after the feed's last run")
        XCTAssertGreaterThanOrEqual(killed, Self.kills * 3 / 4, "most kills landed while the feed ran")
        print("feed crash test: \(killed) kills survived mid-feed, \(Self.kills - killed) runs finished first; \(expectedTransfers.count) transfers, none lost or doubled")
    }

    // MARK: A burst of keyed recharges

    func testSIGKILLDuringABurstOfKeyedRechargesLosesAndDoublesNothing() async throws {
        var random = SimulationRandom(seed: try CrashSeed.take(for: "recharge crash test"))
        let cli = try CLIHarness()
        try cli.ok(["account", "create", "mia", "--birthdate", "1995-05-05"])
        let watch = try WalletWatch(cli)
        let economy = watch.store.economy
        var next = economy.rules.customRechargeMin
        /// A new amount for each key, so every recharge can be told apart in the history.
        func amount() -> Int64 {
            next += economy.centStep
            return next
        }
        var done: [(key: String, points: Int64, reference: String)] = []
        var lifetime = 0.1
        var inFlight = 0
        var killed = 0
        var moments: [String] = []
        for round in 0..<Self.kills {
            for index in 0..<random.int(0...3) {
                let key = "burst-\(round)-\(index)", points = amount()
                let started = Date()
                let receipt = try cli.ok(recharge(key, points)).object()
                lifetime = Date().timeIntervalSince(started)
                XCTAssertEqual(Self.points(receipt["points"]), try Points(whole: points))
                done.append((key, points, receipt["reference"] as? String ?? ""))
            }
            let key = "burst-\(round)-killed", points = amount()
            let run = try BackgroundCommand(cli, recharge(key, points))
            if random.chance(60) {
                // Between the reservation and the credit: the payment asked, its answer not recorded.
                moments.append("\(key): key in flight")
                _ = try await watch.stop(run) { try await watch.isInFlight(key) }
            } else {
                let share = random.int(0...100)
                moments.append("\(key): \(share)% of a run")
                try await Task.sleep(nanoseconds: UInt64(Double(share) / 100 * lifetime * 1e9))
            }
            run.kill()
            let ending = run.finish()
            if ending == .killed { killed += 1 } else { assertAcknowledged(ending, "recharge \(key)") }
            if try await watch.isInFlight(key) { inFlight += 1 }
            try assertVerifies(cli, "after killing recharge \(key)")
            let history = HistoryCounts(json: try cli.ok(["history", "--json"]).array())
            for old in done { XCTAssertEqual(history.count(.recharge, key: old.key), 1, "acknowledged recharge \(old.key)") }
            XCTAssertLessThanOrEqual(history.count(.recharge, key: key), 1, "killed recharge \(key)")
            if case .acknowledged = ending { XCTAssertEqual(history.count(.recharge, key: key), 1, "recharge \(key) finished before the kill") }
            // The retry under the same key finishes it, once; an acknowledged one answers as before.
            let retried = try cli.ok(recharge(key, points)).object()
            XCTAssertEqual(Self.points(retried["points"]), try Points(whole: points))
            done.append((key, points, retried["reference"] as? String ?? ""))
            if random.chance(30) {
                let old = random.pick(done)
                XCTAssertEqual(try cli.ok(recharge(old.key, old.points)).object()["reference"] as? String, old.reference, "replay of \(old.key)")
            }
            let balance = try cli.ok(["balance", "mia", "--json"]).object()
            XCTAssertEqual(Self.points(balance["points"]), try Points(whole: done.map(\.points).reduce(0, +)), "after round \(round)")
        }
        let history = HistoryCounts(json: try cli.ok(["history", "--json"]).array())
        for old in done { XCTAssertEqual(history.count(.recharge, key: old.key), 1, old.key) }
        await XCTAssertEqualAsync(try await watch.store.interruptedCommands(), [])
        XCTAssertGreaterThan(inFlight, 0, "no kill landed between a reservation and its credit")
        print("recharge crash test: kill moments: \(moments.joined(separator: "; "))")
        print("recharge crash test: \(killed) kills survived (\(inFlight) between the reservation and the credit), \(Self.kills - killed) runs finished first; \(done.count) recharges, each credited once")
    }

    // MARK: Withdrawals between hold and payout

    func testSIGKILLBetweenHoldAndPayoutLeavesAWithdrawalTheNextWritingCommandSettles() async throws {
        var random = SimulationRandom(seed: try CrashSeed.take(for: "withdrawal crash test"))
        let cli = try CLIHarness()
        try createCreator(cli)
        let watch = try WalletWatch(cli)
        let minimum = watch.store.economy.rules.minimumWithdrawal
        try cli.ok(["live", "start", "leo"])
        let followers = minimum.units / watch.store.economy.rules.followerPoints.units * Int64(Self.kills + 1)
        try cli.ok(["follow", "leo", "--count", String(followers)])
        let start = try await watch.earned(of: "leo")
        var keys: [String] = []
        var betweenHoldAndPayout = 0
        var killed = 0
        var moments: [String] = []
        for round in 0..<Self.kills {
            let key = "wd-\(round)"
            let arguments = ["withdraw", "leo", minimum.description, "--paypal", "leo@example.com", "--key", key, "--json"]
            let run = try BackgroundCommand(cli, arguments)
            if random.chance(75) {
                moments.append("\(key): held, not paid")
                _ = try await watch.stop(run) { try await !watch.pendingWithdrawals().isEmpty }
            } else {
                let delay = random.int(0...150)
                moments.append("\(key): after \(delay) ms")
                try await Task.sleep(nanoseconds: UInt64(delay) * 1_000_000)
            }
            run.kill()
            let ending = run.finish()
            if ending == .killed { killed += 1 } else { assertAcknowledged(ending, "withdrawal \(key)") }
            try assertVerifies(cli, "after killing withdrawal \(key)")
            let pending = try await watch.pendingWithdrawals()
            XCTAssertLessThanOrEqual(pending.count, 1)
            if let held = pending.first {
                betweenHoldAndPayout += 1
                if case .acknowledged = ending { XCTFail("withdrawal \(key) was acknowledged but is pending") }
                // The next writing command settles it: `withdrawals`, or the retry itself.
                try cli.ok(random.chance(50) ? ["withdrawals", "leo", "--json"] : arguments)
                await XCTAssertEqualAsync(try await watch.store.withdrawal(id: held.id)?.status, .paid, "withdrawal \(held.id) after the next command")
            }
            let retried = try cli.ok(arguments).object()
            XCTAssertEqual(retried["status"] as? String, "paid", key)
            keys.append(key)
            let history = HistoryCounts(json: try cli.ok(["history", "--json"]).array())
            for old in keys {
                XCTAssertEqual(history.count(.withdrawalHold, key: old), 1, "the hold of \(old)")
                XCTAssertEqual(history.settlements(of: CommandKey.caller(old).id + "/0"), [TransferKind.withdrawalPost.rawValue], "the payout of \(old)")
            }
            let balance = try cli.ok(["balance", "leo", "--json"]).object()
            XCTAssertEqual(Self.points(balance["earned"]), try start.subtracting(try minimum.multiplied(by: Int64(keys.count))))
            XCTAssertEqual(Self.points(balance["held"]), .zero)
        }
        XCTAssertGreaterThanOrEqual(betweenHoldAndPayout, Self.kills / 4, "a good share of the kills landed between the hold and the payout")
        print("withdrawal crash test: kill moments: \(moments.joined(separator: "; "))")
        print("withdrawal crash test: \(killed) kills survived (\(betweenHoldAndPayout) between hold and payout), \(Self.kills - killed) runs finished first; \(keys.count) withdrawals paid once each")
    }

    /// Any writing command settles a payout a killed process left pending (issue 11, items 3 and 16).
    func testAnyWritingCommandSettlesAPendingWithdrawal() async throws {
        let cli = try CLIHarness()
        try createCreator(cli)
        let watch = try WalletWatch(cli)
        let minimum = watch.store.economy.rules.minimumWithdrawal
        try cli.ok(["live", "start", "leo"])
        try cli.ok(["follow", "leo", "--count", String(minimum.units / watch.store.economy.rules.followerPoints.units * 5)])
        var held: Withdrawal?
        for attempt in 0..<5 where held == nil {
            let run = try BackgroundCommand(cli, ["withdraw", "leo", minimum.description, "--paypal", "leo@example.com", "--key", "w\(attempt)"])
            _ = try await watch.stop(run) { try await !watch.pendingWithdrawals().isEmpty }
            run.kill()
            _ = run.finish()
            held = try await watch.pendingWithdrawals().first
        }
        guard let pending = held else { throw XCTSkip("no kill landed between hold and payout in 5 tries") }
        try cli.ok(["recharge", "leo", "--points", String(watch.store.economy.rules.customRechargeMin), "--method", "card", "--card", Self.card])
        let status = try await watch.store.withdrawal(id: pending.id)?.status
        XCTAssertEqual(status, .paid, "the next writing command (recharge) settles the pending withdrawal")
    }

    // MARK: Helpers

    private func createCreator(_ cli: CLIHarness) throws {
        try cli.ok(["account", "create", "leo", "--creator", "--followers", "150000", "--birthdate", "1990-01-01",
                    "--created", "2025-01-01", "--business", "--creator-next", "--last-upload", "2026-11-20"])
    }

    private func recharge(_ key: String, _ points: Int64) -> [String] {
        ["recharge", "mia", "--points", String(points), "--method", "card", "--card", Self.card, "--key", key, "--json"]
    }

    private func assertVerifies(_ cli: CLIHarness, _ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try cli.run(["verify"])
        XCTAssertEqual(result.status, 0, "\(context): \(result.stdout)\(result.stderr)", file: file, line: line)
    }

    private func assertAcknowledged(_ ending: BackgroundCommand.Ending, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        guard case .acknowledged = ending else { return XCTFail("\(context) ended \(ending)", file: file, line: line) }
    }

    /// Every transfer of the wallet as one line (id, kind, accounts, amount, memo), sorted.
    private func ledgerLines(_ cli: CLIHarness) throws -> [String] {
        try cli.ok(["history", "--json"]).array().map { t in
            ["id", "kind", "from_account", "to_account", "points", "pending_id", "memo"].map { "\(t[$0] ?? "-")" }.joined(separator: " | ")
        }.sorted()
    }

    /// A JSON number of points, exactly.
    private static func points(_ value: Any?) -> Points? {
        (value as? NSNumber).flatMap { try? Points.parse($0.stringValue) }
    }
}
