import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore
@testable import TikScoreStore

/// A repeated idempotency key returns the first answer (outcome or refusal) and has no second effect.
final class IdempotencyTests: XCTestCase {
    private var paths: [String] = []
    #if canImport(TikScorePostgres)
    private var databases: [PostgresTestDatabase] = []

    override func tearDown() async throws {
        for database in databases { await database.drop() }
        databases = []
    }
    #endif

    override func tearDown() { paths.forEach(StoreFixtures.removeWallet) }

    private func newPath() -> String {
        let path = StoreFixtures.temporaryWalletPath()
        paths.append(path)
        return path
    }

    /// The in-memory wallet, the SQLite store, and the PostgreSQL store when a test server is set.
    private func wallets() async throws -> [WalletUnderTest] {
        var wallets: [WalletUnderTest] = [.memory(), .sqlite(StoreFixtures.store(at: newPath()))]
        #if canImport(TikScorePostgres)
        if let postgres = try await WalletUnderTest.postgres(into: &databases) { wallets.append(postgres) }
        #endif
        return wallets
    }

    private static let card = PaymentDetails.card(number: "4242424242424242")

    private func populate(_ runner: any WalletService) async throws {
        _ = try await runner.run(.createAccount(name: "Ana", profile: StoreFixtures.adultSupporter), key: "create-ana")
        _ = try await runner.run(.createAccount(name: "Leo", profile: StoreFixtures.eligibleCreator()), key: "create-leo")
        _ = try await runner.run(.recharge(account: "Ana", points: StoreFixtures.points(5_000), packageID: nil, payment: Self.card, reference: "r"),
                                 key: "recharge-1")
        _ = try await runner.liveStart(creator: "Leo")
        _ = try await runner.liveFollowers(creator: "Leo", count: 30_000, key: "followers-1")
    }

    func testSameKeyTwiceReturnsTheFirstOutcomeAndChangesNothingMore() async throws {
        for wallet in try await wallets() {
            let runner = wallet.runner
            try await populate(runner)
            let commands: [(String, Command, Command)] = [
                ("t1", .transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(100)),
                 .transferPoints(from: "ana", to: "LEO", points: StoreFixtures.points(100))),
                ("g1", .sendGift(from: "Ana", to: "Leo", giftID: 5585, count: 2), .sendGift(from: "ANA", to: "leo", giftID: 5585, count: 2)),
                ("f1", .liveFollowers(creator: "Leo", count: 7), .liveFollowers(creator: "Leo", count: 7)),
                ("c1", .redeem(account: "Leo", cardID: "amc"), .redeem(account: "Leo", cardID: "AMC")),
                ("w1", .holdWithdrawal(account: "Leo", points: StoreFixtures.points(20_000), paypal: "leo@example.com"),
                 .holdWithdrawal(account: "Leo", points: StoreFixtures.points(20_000), paypal: "LEO@example.com")),
                ("a1", .createAccount(name: "Mia", profile: AccountProfile()), .createAccount(name: "MIA", profile: AccountProfile())),
                ("r2", .recharge(account: "Ana", points: StoreFixtures.points(70), packageID: "p70", payment: Self.card, reference: "x"),
                 .recharge(account: "Ana", points: StoreFixtures.points(70), packageID: "p70", payment: .card(number: "4242 4242 4242 4242"), reference: "other")),
            ]
            for (key, command, sameAgain) in commands {
                let first = try await runner.submit(command, key: .caller(key))
                XCTAssertFalse(first.replayed)
                let after = try await wallet.snapshot()
                let second = try await runner.submit(sameAgain, key: .caller(key))
                XCTAssertTrue(second.replayed, "\(wallet.label) \(key)")
                XCTAssertEqual(second.answer, first.answer, "\(wallet.label) \(key)")
                await XCTAssertEqualAsync(try await wallet.snapshot(), after, "\(wallet.label) \(key): a repeat changed the wallet")
            }
            await XCTAssertEqualAsync(try await wallet.audit(), [], wallet.label)
        }
    }

    func testSameKeyWithAnotherCommandIsRefused() async throws {
        for wallet in try await wallets() {
            let runner = wallet.runner
            try await populate(runner)
            let first = try await runner.run(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(100)), key: "k")
            let before = try await wallet.snapshot()
            let others: [Command] = [
                .transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(101)),
                .transferPoints(from: "Leo", to: "Ana", points: StoreFixtures.points(100)),
                .sendGift(from: "Ana", to: "Leo", giftID: 5655, count: 1),
                .createAccount(name: "Ana2", profile: AccountProfile()),
            ]
            for other in others {
                await assertWalletErrorAsync(.keyReused, try await runner.run(other, key: "k"), wallet.label)
                await assertWalletErrorAsync(.keyReused, try await runner.reserve(other, key: .caller("k")), wallet.label)
            }
            // Another key's command is still refused, even when it is also refused on its merits.
            await assertWalletErrorAsync(.keyReused, try await runner.run(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(1_000_000)), key: "recharge-1"))
            await XCTAssertEqualAsync(try await wallet.snapshot(), before, wallet.label)
            await XCTAssertEqualAsync(try await runner.run(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(100)), key: "k"), first)
        }
    }

    func testARefusalSpendsTheKey() async throws {
        for wallet in try await wallets() {
            let runner = wallet.runner
            try await populate(runner)
            let tooMuch = Command.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(1_000_000))
            let before = try await wallet.snapshot()
            let first = try await runner.submit(tooMuch, key: .caller("spent"))
            guard case .failure(let refusal) = first.answer else { return XCTFail("\(wallet.label): expected a refusal") }
            XCTAssertEqual(refusal.code, .insufficientPoints)
            XCTAssertFalse(first.replayed)
            // The same command again gets the same refusal, replayed, even after Ana could pay.
            _ = try await runner.run(.recharge(account: "Ana", points: StoreFixtures.points(2_000_000), packageID: nil, payment: Self.card, reference: "r"), key: nil)
            let again = try await runner.submit(tooMuch, key: .caller("spent"))
            XCTAssertTrue(again.replayed, wallet.label)
            XCTAssertEqual(again.answer, first.answer, wallet.label)
            // Another command under the key is refused as a reuse, and nothing moved for the refusal.
            await assertWalletErrorAsync(.keyReused, try await runner.run(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(1)), key: "spent"))
            let after = try await wallet.snapshot()
            XCTAssertEqual(after.transfers.count, before.transfers.count + 1, "\(wallet.label): only the later recharge moved points")
        }
    }

    func testKeysSurviveReopeningTheStore() async throws {
        let path = newPath()
        let first = StoreFixtures.store(at: path)
        try await populate(first)
        let outcome = try await first.run(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(10)), key: "durable")
        let reopened = StoreFixtures.store(at: path)
        let before = try await WalletUnderTest.sqlite(reopened).snapshot()
        await XCTAssertEqualAsync(try await reopened.run(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(10)), key: "durable"), outcome)
        await XCTAssertEqualAsync(try await WalletUnderTest.sqlite(reopened).snapshot(), before)
        await assertWalletErrorAsync(.keyReused, try await reopened.run(.liveFollowers(creator: "Leo", count: 1), key: "durable"))
    }

    func testRechargeFlowWithAKeyIsChargedOnce() async throws {
        for wallet in try await wallets() {
            let runner = wallet.runner
            try await populate(runner)
            let gateway = CountingGateway()
            let flow = RechargeFlow(runner: runner, gateway: gateway)
            let before = try await runner.balance(of: .points(of: 1))
            let receipt = try await flow.run(account: "Ana", amount: .package("p700"), payment: .card(number: "4242 4242 4242 4242"), key: "buy-700")
            XCTAssertEqual(receipt.points, StoreFixtures.points(700))
            XCTAssertEqual(receipt.priceUSD.money, "3.50")
            XCTAssertEqual(receipt.balance, try before.adding(StoreFixtures.points(700)))
            XCTAssertEqual(receipt.method, .card(last4: "4242"))
            XCTAssertTrue(receipt.reference.hasPrefix("ch_"))
            let after = try await wallet.snapshot()
            let again = try await flow.run(account: "ana", amount: .package("Medium"), payment: .card(number: "4242-4242-4242-4242"), key: "buy-700")
            XCTAssertEqual(again, receipt)
            XCTAssertEqual(gateway.charges, 1, "\(wallet.label): the retry must not charge again")
            await XCTAssertEqualAsync(try await wallet.snapshot(), after)
            // Another order, or another card, under the same key is refused before any charge.
            await assertWalletErrorAsync(.keyReused, try await flow.run(account: "Ana", amount: .package("p70"), payment: Self.card, key: "buy-700"))
            await assertWalletErrorAsync(.keyReused, try await flow.run(account: "Ana", amount: .package("p700"), payment: .card(number: "5555555555554444"), key: "buy-700"))
            XCTAssertEqual(gateway.charges, 1)
            // Without a key, each run is a new purchase.
            _ = try await flow.run(account: "Ana", amount: .custom(30), payment: .paypal(email: "ana@example.com"), key: nil)
            _ = try await flow.run(account: "Ana", amount: .custom(30), payment: .paypal(email: "ana@example.com"), key: nil)
            XCTAssertEqual(gateway.charges, 3)
            await XCTAssertEqualAsync(try await runner.balance(of: .points(of: 1)), try before.adding(StoreFixtures.points(760)))
            let anaPoints = try await runner.balance(of: .points(of: 1)).units
            await XCTAssertEqualAsync(try await runner.balance(of: .sales).units, -anaPoints)
            await XCTAssertEqualAsync(try await wallet.audit(), [], wallet.label)
        }
    }

    func testADeclinedRechargeIsRecordedAndNeverAsksTheGatewayAgain() async throws {
        for wallet in try await wallets() {
            let runner = wallet.runner
            try await populate(runner)
            let gateway = CountingGateway()
            let flow = RechargeFlow(runner: runner, gateway: gateway)
            let declined = PaymentDetails.card(number: "4000000000000002")
            let before = try await wallet.snapshot()
            await assertWalletErrorAsync(.paymentDeclined, try await flow.run(account: "Ana", amount: .custom(500), payment: declined, key: "K"))
            await assertWalletErrorAsync(.paymentDeclined, try await flow.run(account: "Ana", amount: .custom(500), payment: declined, key: "K"))
            XCTAssertEqual(gateway.charges, 1, "\(wallet.label): the stored decline answers the retry")
            // A different recharge under the spent key is refused, not charged.
            await assertWalletErrorAsync(.keyReused, try await flow.run(account: "Ana", amount: .custom(32), payment: Self.card, key: "K"))
            XCTAssertEqual(gateway.charges, 1)
            await XCTAssertEqualAsync(try await wallet.snapshot(), before, wallet.label)
        }
    }

    func testAReservedKeyIsInProgressUntilItsProcessStops() async throws {
        let memory = InMemoryWallet(economy: StoreFixtures.economy, clock: { StoreFixtures.now })
        try await populate(memory)
        let command = Command.recharge(account: "Ana", points: StoreFixtures.points(700), packageID: "p700", payment: Self.card, reference: "")
        await XCTAssertEqualAsync(try await memory.reserve(command, key: .caller("slow")), .reserved)
        await XCTAssertEqualAsync(try await memory.interruptedCommands(), [])
        // While the reserving process lives, the same key elsewhere must wait; it cannot charge twice.
        let second = try await memory.reserve(command, key: .caller("slow"))
        XCTAssertEqual(second, .inProgress(since: StoreFixtures.now))
        // Once that process is gone, the key's record says what was in flight, and a retry takes it over.
        memory.abandonCommandsInFlight()
        let interrupted = try await memory.interruptedCommands()
        XCTAssertEqual(interrupted.map(\.key), [.caller("slow")])
        XCTAssertEqual(interrupted.first?.summary, "a recharge of 700 points ($3.50) for Ana by card •••• 4242")
        let receipt = try await RechargeFlow(runner: memory, gateway: SandboxGateway())
            .run(account: "Ana", amount: .package("p700"), payment: Self.card, key: "slow")
        XCTAssertEqual(receipt.points, StoreFixtures.points(700))
        await XCTAssertEqualAsync(try await memory.interruptedCommands(), [])
    }

    func testWithdrawalFlowWithAKeyPaysOnce() async throws {
        for wallet in try await wallets() {
            let runner = wallet.runner
            try await populate(runner)
            let gateway = CountingGateway()
            let flow = WithdrawalFlow(runner: runner, gateway: gateway)
            let first = try await flow.run(account: "Leo", points: StoreFixtures.points(20_000), paypal: "leo@example.com", key: "cash-1")
            XCTAssertEqual(first.status, .paid)
            let after = try await wallet.snapshot()
            let again = try await flow.run(account: "Leo", points: StoreFixtures.points(20_000), paypal: "leo@example.com", key: "cash-1")
            XCTAssertEqual(again, first)
            XCTAssertEqual(gateway.payouts, 1, wallet.label)
            await XCTAssertEqualAsync(try await wallet.snapshot(), after)
            // Settling a settled withdrawal again is a no-op.
            await XCTAssertEqualAsync(try await flow.settle(first), first)
            _ = try await runner.settleWithdrawal(id: first.id, answer: .declined(reason: "late"), key: nil)
            await XCTAssertEqualAsync(try await wallet.snapshot().balances, after.balances)
            await XCTAssertEqualAsync(try await runner.withdrawal(id: first.id)?.status, .paid)
        }
    }
}

/// A key reserved by a process that died is taken over by the next run under it; one that is
/// still alive (another terminal paying right now) is waited for.
final class InFlightKeyTests: XCTestCase {
    private var path: String!

    override func setUp() { path = StoreFixtures.temporaryWalletPath() }
    override func tearDown() { StoreFixtures.removeWallet(at: path) }

    func testAPaymentLeftInFlightByAStoppedProcessIsNamedAndFinishedOnce() async throws {
        let gateway = CountingGateway()
        let store = StoreFixtures.store(at: path, gateway: gateway)
        _ = try await store.createAccount(name: "Ana", profile: StoreFixtures.adultSupporter)
        let card = PaymentDetails.card(number: "4242424242424242")
        let request = Command.recharge(account: "Ana", points: StoreFixtures.points(700), packageID: "p700", payment: card, reference: "")
        await XCTAssertEqualAsync(try await store.reserve(request, key: .caller("crash")), .reserved)
        // This process is alive: the key is in progress, not interrupted.
        await XCTAssertEqualAsync(try await store.interruptedCommands(), [])
        await XCTAssertEqualAsync(try await store.reserve(request, key: .caller("crash")), .inProgress(since: StoreFixtures.now))
        // As if the process that reserved it had been killed between the charge and the credit.
        try store.unsafeExecute("UPDATE commands SET owner = '\(ProcessOwnerName.thisHost)/2147483000' WHERE id = 'k:crash'")
        let interrupted = try await store.interruptedCommands()
        XCTAssertEqual(interrupted.map(\.summary), ["a recharge of 700 points ($3.50) for Ana by card •••• 4242"])
        let receipt = try await RechargeFlow(runner: store, gateway: gateway).run(account: "Ana", amount: .package("p700"), payment: card, key: "crash")
        XCTAssertEqual(receipt.balance, StoreFixtures.points(700))
        XCTAssertEqual(gateway.charges, 1)
        _ = try await RechargeFlow(runner: store, gateway: gateway).run(account: "Ana", amount: .package("p700"), payment: card, key: "crash")
        XCTAssertEqual(gateway.charges, 1, "finished once; the retry replays")
        await XCTAssertEqualAsync(try await store.interruptedCommands(), [])
    }
}

/// This host's name as key owners record it.
enum ProcessOwnerName {
    static var thisHost: String { String(ProcessOwner.current.split(separator: "/").first ?? "") }
}
