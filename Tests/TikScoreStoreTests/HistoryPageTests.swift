import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore
import TikScoreStore

/// The history screen's pages: the store's query (window sums, filter in SQL) gives what the
/// in-memory wallet computes line by line, over the whole history.
final class HistoryPageTests: XCTestCase {
    private var path: String!

    override func setUp() { path = StoreFixtures.temporaryWalletPath() }
    override func tearDown() { StoreFixtures.removeWallet(at: path) }

    /// A line without its ids (the two wallets give commands different random ids).
    private static func shape(_ line: HistoryLine) -> String {
        "\(line.transfer.kind.rawValue) \(line.transfer.memo) \(line.balance.leaf) \(line.change) \(line.balanceAfter) \(line.counterparty)"
    }

    func testPagesAndFiltersAgreeWithTheInMemoryWallet() async throws {
        let memory = WalletUnderTest.memory().runner
        let store = StoreFixtures.store(at: path)
        for wallet in [memory, store] as [any WalletService] {
            _ = try await wallet.createAccount(name: "Sofía", profile: StoreFixtures.adultSupporter)
            _ = try await wallet.createAccount(name: "Leo", profile: StoreFixtures.eligibleCreator())
            _ = try await wallet.run(.recharge(account: "Sofía", points: StoreFixtures.points(100_000), packageID: nil,
                                               payment: .card(number: "4242424242424242"), reference: "r"), key: "r")
            _ = try await wallet.liveStart(creator: "Leo")
            for index in 0..<120 {
                _ = try await wallet.sendGift(from: "Sofía", to: "Leo", giftID: index % 2 == 0 ? 5655 : 5487, count: Int64(index % 4 + 1), key: nil)
                if index % 10 == 0 { _ = try await wallet.transferPoints(from: "Sofía", to: "Leo", points: StoreFixtures.points(3), key: nil) }
            }
            _ = try await wallet.liveFollowers(creator: "Leo", count: 25_000, key: nil)
            _ = try await WithdrawalFlow(runner: wallet, gateway: wallet.gateway)
                .run(account: "Leo", points: StoreFixtures.points(20_000), paypal: "leo@example.com", key: "w")
        }
        for name in ["Leo", "Sofía"] {
            let found = try await store.account(named: name)
            let account = try XCTUnwrap(found)
            for filter in ["", "rose", "SOFÍA", "sofi\u{301}a", "held", "commission", "nothing at all"] {
                for (offset, limit) in [(0, 10), (7, 25), (100, 500), (400, 50)] {
                    let a = try await memory.historyPage(of: account, filter: HistoryFilter(filter), offset: offset, limit: limit)
                    let b = try await store.historyPage(of: account, filter: HistoryFilter(filter), offset: offset, limit: limit)
                    XCTAssertEqual(b.total, a.total, "\(name) '\(filter)' \(offset)+\(limit): total")
                    XCTAssertEqual(b.offset, a.offset, "\(name) '\(filter)' \(offset)+\(limit): offset")
                    XCTAssertEqual(b.lines.map(Self.shape), a.lines.map(Self.shape), "\(name) '\(filter)' \(offset)+\(limit)")
                }
            }
        }
        // The newest line's balance after is the balance now; the whole history sums to it.
        let leoFound = try await store.account(named: "Leo")
        let leo = try XCTUnwrap(leoFound)
        let all = try await store.historyPage(of: leo, filter: HistoryFilter(nil), offset: 0, limit: 10_000)
        let earned = try await store.summary(of: "Leo").earned
        XCTAssertEqual(all.lines.first { $0.balance == leo.earnedAccount }?.balanceAfter, earned)
        XCTAssertEqual(all.total, all.lines.count)
        let sofiaLines = try await store.historyPage(of: leo, filter: HistoryFilter("sofía"), offset: 0, limit: 1).total
        XCTAssertGreaterThan(sofiaLines, 120, "a non-ASCII name matches whatever its case")
    }
}
