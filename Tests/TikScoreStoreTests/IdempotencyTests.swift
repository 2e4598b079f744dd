import Foundation
import XCTest
import TikScoreCore
import TikScoreStore

/// A repeated idempotency key returns the first outcome and has no second effect.
final class IdempotencyTests: XCTestCase {
    private var paths: [String] = []

    override func tearDown() { paths.forEach(StoreFixtures.removeWallet) }

    private func newPath() -> String {
        let path = StoreFixtures.temporaryWalletPath()
        paths.append(path)
        return path
    }

    private func wallets() -> [WalletUnderTest] {
        [MemoryWalletUnderTest(), StoreWalletUnderTest(store: StoreFixtures.store(at: newPath()))]
    }

    private func populate(_ runner: CommandRunner) throws {
        _ = try runner.run(.createAccount(name: "Ana", profile: StoreFixtures.adultSupporter), key: "create-ana")
        _ = try runner.run(.createAccount(name: "Leo", profile: StoreFixtures.eligibleCreator()), key: "create-leo")
        _ = try runner.run(.recharge(account: "Ana", points: StoreFixtures.points(5_000), packageID: nil,
                                     method: .card(last4: "4242"), reference: "r"), key: "recharge-1")
        if try runner.openSession(creatorID: try WalletMachine.existing("Leo", in: runner).id) == nil { _ = try runner.run(.liveStart(creator: "Leo"), key: nil) }
        _ = try runner.run(.liveFollowers(creator: "Leo", count: 30_000), key: "followers-1")
    }

    func testSameKeyTwiceReturnsTheFirstOutcomeAndChangesNothingMore() throws {
        for wallet in wallets() {
            let runner = wallet.runner
            try populate(runner)
            let commands: [(String, Command, Command)] = [
                ("t1", .transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(100)),
                 .transferPoints(from: "ana", to: "LEO", points: StoreFixtures.points(100))),
                ("g1", .sendGift(from: "Ana", to: "Leo", giftID: 5585, count: 2), .sendGift(from: "ANA", to: "leo", giftID: 5585, count: 2)),
                ("f1", .liveFollowers(creator: "Leo", count: 7), .liveFollowers(creator: "Leo", count: 7)),
                ("c1", .redeem(account: "Leo", cardID: "amc"), .redeem(account: "Leo", cardID: "amc")),
                ("w1", .holdWithdrawal(account: "Leo", points: StoreFixtures.points(20_000), paypal: "leo@example.com"),
                 .holdWithdrawal(account: "Leo", points: StoreFixtures.points(20_000), paypal: "LEO@example.com")),
                ("a1", .createAccount(name: "Mia", profile: AccountProfile()), .createAccount(name: "MIA", profile: AccountProfile())),
                ("r2", .recharge(account: "Ana", points: StoreFixtures.points(70), packageID: "p70", method: .card(last4: "4242"), reference: "x"),
                 .recharge(account: "Ana", points: StoreFixtures.points(70), packageID: "p70", method: .card(last4: "4242"), reference: "other")),
            ]
            for (key, command, sameAgain) in commands {
                let first = try runner.run(command, key: key)
                let after = try wallet.snapshot()
                let second = try runner.run(sameAgain, key: key)
                XCTAssertEqual(second, first, "\(wallet.label) \(key)")
                XCTAssertEqual(try wallet.snapshot(), after, "\(wallet.label) \(key): a repeat changed the wallet")
                XCTAssertEqual(try runner.outcome(forKey: key, fingerprint: command.fingerprint), first)
            }
            XCTAssertEqual(try wallet.audit(), [], wallet.label)
        }
    }

    func testSameKeyWithAnotherCommandIsRefused() throws {
        for wallet in wallets() {
            let runner = wallet.runner
            try populate(runner)
            let first = try runner.run(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(100)), key: "k")
            let before = try wallet.snapshot()
            let others: [Command] = [
                .transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(101)),
                .transferPoints(from: "Leo", to: "Ana", points: StoreFixtures.points(100)),
                .sendGift(from: "Ana", to: "Leo", giftID: 5655, count: 1),
                .createAccount(name: "Ana2", profile: AccountProfile()),
            ]
            for other in others {
                assertWalletError(.keyReused, try runner.run(other, key: "k"), wallet.label)
                assertWalletError(.keyReused, try runner.outcome(forKey: "k", fingerprint: other.fingerprint), wallet.label)
            }
            // Another key's command is still refused, even when it is also refused on its merits.
            assertWalletError(.keyReused, try runner.run(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(1_000_000)), key: "recharge-1"))
            XCTAssertEqual(try wallet.snapshot(), before, wallet.label)
            XCTAssertEqual(try runner.run(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(100)), key: "k"), first)
        }
    }

    func testKeysSurviveReopeningTheStore() throws {
        let path = newPath()
        let first = StoreFixtures.store(at: path)
        try populate(first)
        let outcome = try first.run(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(10)), key: "durable")
        let reopened = StoreFixtures.store(at: path)
        let before = try StoreWalletUnderTest(store: reopened).snapshot()
        XCTAssertEqual(try reopened.run(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(10)), key: "durable"), outcome)
        XCTAssertEqual(try StoreWalletUnderTest(store: reopened).snapshot(), before)
        assertWalletError(.keyReused, try reopened.run(.liveFollowers(creator: "Leo", count: 1), key: "durable"))
    }

    func testRechargeFlowWithAKeyIsChargedOnce() throws {
        for wallet in wallets() {
            let runner = wallet.runner
            try populate(runner)
            let gateway = CountingGateway()
            let flow = RechargeFlow(runner: runner, gateway: gateway)
            let before = try runner.balance(of: .points(of: 1))
            let receipt = try flow.run(account: "Ana", amount: .package("p700"), payment: .card(number: "4242 4242 4242 4242"), key: "buy-700")
            XCTAssertEqual(receipt.points, StoreFixtures.points(700))
            XCTAssertEqual(receipt.priceUSD.money, "3.50")
            XCTAssertEqual(receipt.balance, try before.adding(StoreFixtures.points(700)))
            XCTAssertEqual(receipt.method, .card(last4: "4242"))
            XCTAssertTrue(receipt.reference.hasPrefix("ch_"))
            let after = try wallet.snapshot()
            let again = try flow.run(account: "ana", amount: .package("Medium"), payment: .card(number: "4242-4242-4242-4242"), key: "buy-700")
            XCTAssertEqual(again, receipt)
            XCTAssertEqual(gateway.charges, 1, "\(wallet.label): the retry must not charge again")
            XCTAssertEqual(try wallet.snapshot(), after)
            // Another order under the same key is refused before any charge.
            assertWalletError(.keyReused, try flow.run(account: "Ana", amount: .package("p70"), payment: .card(number: "4242424242424242"), key: "buy-700"))
            XCTAssertEqual(gateway.charges, 1)
            // Without a key, each run is a new purchase.
            _ = try flow.run(account: "Ana", amount: .custom(30), payment: .paypal(email: "ana@example.com"), key: nil)
            _ = try flow.run(account: "Ana", amount: .custom(30), payment: .paypal(email: "ana@example.com"), key: nil)
            XCTAssertEqual(gateway.charges, 3)
            XCTAssertEqual(try runner.balance(of: .points(of: 1)), try before.adding(StoreFixtures.points(760)))
            let anaPoints = try runner.balance(of: .points(of: 1)).units
            XCTAssertEqual(try runner.balance(of: .sales).units, -anaPoints)
            XCTAssertEqual(try wallet.audit(), [], wallet.label)
        }
    }

    func testWithdrawalFlowWithAKeyPaysOnce() throws {
        for wallet in wallets() {
            let runner = wallet.runner
            try populate(runner)
            let gateway = CountingGateway()
            let flow = WithdrawalFlow(runner: runner, gateway: gateway)
            let first = try flow.run(account: "Leo", points: StoreFixtures.points(20_000), paypal: "leo@example.com", key: "cash-1")
            XCTAssertEqual(first.status, .paid)
            let after = try wallet.snapshot()
            let again = try flow.run(account: "Leo", points: StoreFixtures.points(20_000), paypal: "leo@example.com", key: "cash-1")
            XCTAssertEqual(again, first)
            XCTAssertEqual(gateway.payouts, 1, wallet.label)
            XCTAssertEqual(try wallet.snapshot(), after)
            // Settling a settled withdrawal again is a no-op.
            XCTAssertEqual(try flow.settle(first), first)
            _ = try runner.run(.settleWithdrawal(id: first.id, answer: .declined(reason: "late")), key: nil)
            XCTAssertEqual(try wallet.snapshot().balances, after.balances)
            XCTAssertEqual(try runner.withdrawal(id: first.id)?.status, .paid)
        }
    }
}
