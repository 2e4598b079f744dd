import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore
import TikScoreStore

/// The two-phase withdrawal against the SQLite store.
final class WithdrawalFlowTests: XCTestCase {
    private var path: String!
    private var store: WalletStore!
    private var gateway: CountingGateway!

    override func setUp() async throws {
        path = StoreFixtures.temporaryWalletPath()
        gateway = CountingGateway()
        store = StoreFixtures.store(at: path, gateway: gateway)
        _ = try await store.run(.createAccount(name: "Leo", profile: StoreFixtures.eligibleCreator()), key: nil)
        _ = try await store.liveStart(creator: "Leo")
        _ = try await store.run(.liveFollowers(creator: "Leo", count: 25_000), key: nil)
    }

    override func tearDown() {
        store = nil
        StoreFixtures.removeWallet(at: path)
    }

    private var flow: WithdrawalFlow { WithdrawalFlow(runner: store, gateway: gateway) }

    func testPaidWithdrawalMovesEarnedThroughHeldToPayouts() async throws {
        let w = try await flow.run(account: "Leo", points: StoreFixtures.points(20_000), paypal: "leo@example.com", key: "cash")
        XCTAssertEqual(w.status, .paid)
        XCTAssertEqual(w.usd.money, "100.00")
        XCTAssertEqual(w.points, StoreFixtures.points(20_000))
        XCTAssertEqual(w.paypal, "leo@example.com")
        XCTAssertNotNil(w.reference)
        XCTAssertNil(w.reason)
        XCTAssertEqual(w.settledAt, StoreFixtures.now)
        let summary = try await store.summary(of: "leo")
        XCTAssertEqual(summary.earned, StoreFixtures.points(5_000))
        XCTAssertEqual(summary.held, .zero)
        await XCTAssertEqualAsync(try await store.balance(of: .payouts), StoreFixtures.points(20_000))
        await XCTAssertEqualAsync(try await store.withdrawal(id: w.id), w)
        await XCTAssertEqualAsync(try await store.withdrawals(of: summary.account), [w])
        // The hold and its post, linked by the pending id.
        let transfers = try await store.transfers(of: summary.account, limit: 2)
        XCTAssertEqual(transfers.map(\.kind), [.withdrawalPost, .withdrawalHold])
        XCTAssertEqual(transfers[0].pendingID, w.holdTransferID)
        XCTAssertEqual(transfers[1].id, w.holdTransferID)
        XCTAssertEqual(transfers[1].debit, .earned(of: 1))
        XCTAssertEqual(transfers[1].credit, .held(of: 1))
        XCTAssertEqual(transfers[0].debit, .held(of: 1))
        XCTAssertEqual(transfers[0].credit, .payouts)
        XCTAssertEqual(gateway.payouts, 1)
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
    }

    func testDollarsAreExactForOtherAmounts() async throws {
        _ = try await store.run(.liveFollowers(creator: "Leo", count: 100_000), key: nil)
        // Every payout is whole cents: 100,001 points would pay $500.005, so it is refused with the
        // nearest amounts, and 100,002 pays $500.01 exactly.
        let refused = await assertWalletErrorAsync(.invalidAmount, try await flow.run(account: "Leo", points: StoreFixtures.points(100_001),
                                                                                     paypal: "leo@example.com", key: nil))
        XCTAssertEqual(refused?.message, "100,001 points come to $500.005 for a withdrawal, not whole cents; choose 100,000 points ($500.00) or 100,002 points ($500.01)")
        XCTAssertEqual(gateway.payouts, 0)
        let w = try await flow.run(account: "Leo", points: StoreFixtures.points(100_002), paypal: "leo@example.com", key: nil)
        XCTAssertEqual(w.usd.money, "500.01")
        XCTAssertEqual(w.status, .paid)
    }

    func testFailedPayoutReturnsThePointsToEarned() async throws {
        let w = try await flow.run(account: "Leo", points: StoreFixtures.points(20_000), paypal: "leo@fail.example", key: "cash")
        XCTAssertEqual(w.status, .failed)
        XCTAssertNotNil(w.reason)
        XCTAssertNil(w.reference)
        let summary = try await store.summary(of: "Leo")
        XCTAssertEqual(summary.earned, StoreFixtures.points(25_000))
        XCTAssertEqual(summary.held, .zero)
        await XCTAssertEqualAsync(try await store.balance(of: .payouts), .zero)
        let transfers = try await store.transfers(of: summary.account, limit: 2)
        XCTAssertEqual(transfers.map(\.kind), [.withdrawalVoid, .withdrawalHold])
        XCTAssertEqual(transfers[0].pendingID, w.holdTransferID)
        await XCTAssertEqualAsync(try await store.withdrawal(id: w.id)?.status, .failed)
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
        // The points can be withdrawn again, to a working address.
        await XCTAssertEqualAsync(try await flow.run(account: "Leo", points: StoreFixtures.points(25_000), paypal: "leo@example.com", key: "cash-2").status, .paid)
        await XCTAssertEqualAsync(try await store.summary(of: "Leo").earned, .zero)
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
    }

    func testAPendingHoldShowsAsHeldAndSettlesLater() async throws {
        let pending = try await flow.hold(account: "Leo", points: StoreFixtures.points(20_000), paypal: "leo@example.com", key: "hold-1")
        XCTAssertEqual(pending.status, .pending)
        XCTAssertNil(pending.settledAt)
        var summary = try await store.summary(of: "Leo")
        XCTAssertEqual(summary.earned, StoreFixtures.points(5_000))
        XCTAssertEqual(summary.held, StoreFixtures.points(20_000))
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
        // Held points cannot be spent a second time.
        await assertWalletErrorAsync(.insufficientEarned, try await flow.hold(account: "Leo", points: StoreFixtures.points(20_000), paypal: "leo@example.com", key: "hold-2"))
        XCTAssertEqual(gateway.payouts, 0)

        // Later, possibly from another process: settle it.
        let later = StoreFixtures.store(at: path, gateway: gateway)
        let found = try await later.withdrawal(id: pending.id)
        let pendingAgain = try XCTUnwrap(found)
        let settled = try await WithdrawalFlow(runner: later, gateway: gateway).settle(pendingAgain)
        XCTAssertEqual(settled.status, .paid)
        summary = try await store.summary(of: "Leo")
        XCTAssertEqual(summary.held, .zero)
        XCTAssertEqual(summary.earned, StoreFixtures.points(5_000))
        await XCTAssertEqualAsync(try await store.balance(of: .payouts), StoreFixtures.points(20_000))
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
        XCTAssertEqual(gateway.payouts, 1)
    }

    func testAVoidedPendingHoldFromTheCommand() async throws {
        let pending = try await flow.hold(account: "Leo", points: StoreFixtures.points(20_000), paypal: "leo@example.com", key: "hold-1")
        guard case .withdrawal(let failed) = try await store.run(.settleWithdrawal(id: pending.id, answer: .declined(reason: "account closed")), key: nil) else {
            return XCTFail()
        }
        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(failed.reason, "account closed")
        await XCTAssertEqualAsync(try await store.summary(of: "Leo").earned, StoreFixtures.points(25_000))
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
    }
}
