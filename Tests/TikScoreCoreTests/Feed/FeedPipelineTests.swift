import Foundation
import TikScoreTestSupport
import XCTest
@testable import TikScoreCore

/// Issue 10: a feed decodes its next lines while a batch commits. A batch is handed to the runner
/// without waiting for it (`commit`), at most one is in flight, batches run in the order their
/// events came, a batch that fails as a whole is run one by one before the next one starts, and
/// `finish` waits for every answer.
final class FeedPipelineTests: XCTestCase {
    static let nowMs: Int64 = 1_796_126_400_000

    private func follow(_ n: Int) -> String {
        #"{"event":"follow","data":{"msgId":"73000000000000001\#(10 + n)","createTime":\#(Self.nowMs + Int64(n)),"userId":"9\#(n)","uniqueId":"fan\#(n)","nickname":"Fan \#(n)"}}"#
    }

    private func wallet() async throws -> (InMemoryWallet, Account) {
        let wallet = InMemoryWallet(economy: CoreFixtures.economy, clock: { CoreFixtures.now })
        let leo = try await wallet.createAccount(name: "leo", profile: CoreFixtures.eligibleCreator())
        return (wallet, leo)
    }

    func testTheNextLinesAreDecodedWhileABatchCommitsAndFinishWaitsForIt() async throws {
        let wallet = InMemoryWallet(economy: CoreFixtures.economy, clock: { CoreFixtures.now })
        let leo = try await wallet.createAccount(name: "leo", profile: CoreFixtures.eligibleCreator())
        let runner = GatedRunner(wallet)
        let lines = (1...7).map(follow)
        let handedOver = expectation(description: "the applier goes on while its first batch waits at the gate")
        let feed = Task { await feedInTwoBatches(lines, runner: runner, creator: leo, handedOver: handedOver) }
        await fulfillment(of: [handedOver], timeout: 30)
        XCTAssertEqual(runner.batchesStarted, 1)
        await XCTAssertNilAsync(try await wallet.openSession(creatorID: leo.id), "nothing is applied while the batch waits")
        runner.open()
        let fed = await feed.value
        let report = fed.report
        XCTAssertTrue(fed.states, "unanswered while in flight; nothing queued after finish")
        XCTAssertEqual(report.applied, ["follow": 7])
        XCTAssertEqual(report.sessionsOpened, 1)
        await XCTAssertEqualAsync(try await wallet.openSession(creatorID: leo.id)?.newFollowers, 7)
        XCTAssertEqual(runner.calls, ["batch 3", "batch 3", "batch 1"], "batches of batchLimit, then the rest at finish")
        XCTAssertEqual(runner.mostInFlight, 1, "one batch in flight at a time")
    }

    func testABatchThatFailsWholeRunsOneByOneBeforeTheNextBatch() async throws {
        let (wallet, leo) = try await wallet()
        let runner = GatedRunner(wallet, failingBatches: [0])
        runner.open()
        var applier = FeedApplier(runner: runner, creator: leo, batchLimit: 2)
        for line in (1...5).map(follow) { await applier.apply(line: line, nowMs: Self.nowMs) }
        await applier.finish(nowMs: Self.nowMs)
        XCTAssertEqual(runner.calls, ["batch 2", "one", "one", "batch 2", "batch 1"])
        XCTAssertEqual(applier.report.applied, ["follow": 5])
        await XCTAssertEqualAsync(try await wallet.openSession(creatorID: leo.id)?.newFollowers, 5)
    }

    func testTheSameFeedAgainInBatchesChangesNothing() async throws {
        let (wallet, leo) = try await wallet()
        let lines = (1...9).map(follow)
        var first = FeedApplier(runner: wallet, creator: leo, batchLimit: 4)
        for line in lines { await first.apply(line: line, nowMs: Self.nowMs) }
        await first.finish(nowMs: Self.nowMs)
        var again = FeedApplier(runner: wallet, creator: leo, batchLimit: 4)
        for line in lines { await again.apply(line: line, nowMs: Self.nowMs) }
        await again.finish(nowMs: Self.nowMs)
        XCTAssertEqual(first.report.applied, ["follow": 9])
        XCTAssertEqual(again.report.applied, [:])
        XCTAssertEqual(again.report.duplicates, 9)
        await XCTAssertEqualAsync(try await wallet.openSession(creatorID: leo.id)?.newFollowers, 9)
    }
}

/// What ``feedInTwoBatches`` saw: the report, and whether the batch was unanswered while in
/// flight and nothing was queued after `finish`.
private struct FedInTwoBatches: Sendable {
    var report: FeedReport
    var states: Bool
}

/// Applies `lines` in batches of 3 and fulfils `handedOver` once the first batch is in the
/// runner's hands.
private func feedInTwoBatches(_ lines: [String], runner: GatedRunner, creator: Account,
                              handedOver: XCTestExpectation) async -> FedInTwoBatches {
    var applier = FeedApplier(runner: runner, creator: creator, batchLimit: 3)
    for line in lines.prefix(3) { await applier.apply(line: line, nowMs: FeedPipelineTests.nowMs) }
    // The third line filled the batch: it is in the runner's hands and not answered.
    let unanswered = applier.report.applied.isEmpty && applier.hasQueued && !applier.hasUncommitted
    handedOver.fulfill()
    for line in lines.dropFirst(3) { await applier.apply(line: line, nowMs: FeedPipelineTests.nowMs) }
    await applier.finish(nowMs: FeedPipelineTests.nowMs)
    return FedInTwoBatches(report: applier.report, states: unanswered && !applier.hasQueued)
}

/// A runner in front of an in-memory wallet whose batches wait at a gate until ``open()``, and
/// which records what it was asked, in order.
private final class GatedRunner: CommandRunner, @unchecked Sendable {
    private let wallet: InMemoryWallet
    private let failing: Set<Int>
    private let lock = NSLock()
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var log: [String] = []
    private var started = 0
    private var inFlight = 0
    private var most = 0

    /// `failingBatches`: the indexes (from 0) of the batches that fail as a whole.
    init(_ wallet: InMemoryWallet, failingBatches: Set<Int> = []) {
        self.wallet = wallet
        self.failing = failingBatches
    }

    var economy: Economy { wallet.economy }
    var now: Date { wallet.now }
    var calls: [String] { lock.withLock { log } }
    var batchesStarted: Int { lock.withLock { started } }
    var mostInFlight: Int { lock.withLock { most } }

    func open() {
        let resumed: [CheckedContinuation<Void, Never>] = lock.withLock {
            isOpen = true
            defer { waiting = [] }
            return waiting
        }
        for continuation in resumed { continuation.resume() }
    }

    private func gate() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let passes: Bool = lock.withLock {
                if !isOpen { waiting.append(continuation) }
                return isOpen
            }
            if passes { continuation.resume() }
        }
    }

    func submitBatch(_ commands: [KeyedCommand]) async throws -> [CommandResult] {
        let index: Int = lock.withLock {
            log.append("batch \(commands.count)")
            started += 1
            inFlight += 1
            most = max(most, inFlight)
            return started - 1
        }
        defer { lock.withLock { inFlight -= 1 } }
        await gate()
        if failing.contains(index) { throw WalletError(.storage, "batch \(index) fails") }
        return try await wallet.submitBatch(commands)
    }

    func submit(_ command: Command, key: CommandKey) async throws -> CommandResult {
        lock.withLock { log.append("one") }
        return try await wallet.submit(command, key: key)
    }

    func reserve(_ command: Command, key: CommandKey) async throws -> KeyReservation { try await wallet.reserve(command, key: key) }
    func refuse(_ command: Command, key: CommandKey, with refusal: WalletError) async throws {
        try await wallet.refuse(command, key: key, with: refusal)
    }
    func account(named name: String) async throws -> Account? { try await wallet.account(named: name) }
    func balance(of account: LedgerAccount) async throws -> Points { try await wallet.balance(of: account) }
    func withdrawal(id: String) async throws -> Withdrawal? { try await wallet.withdrawal(id: id) }
    func openSession(creatorID: Int64) async throws -> LiveSession? { try await wallet.openSession(creatorID: creatorID) }
    func isEmpty() async throws -> Bool { try await wallet.isEmpty() }
}
