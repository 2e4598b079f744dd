import TikScoreTestSupport
import XCTest
import TikScoreCore

/// A gift's points split between the creator's earnings and the platform's commission.
final class CommissionTests: XCTestCase {
    /// A wallet with a recharged supporter "ana" and an eligible creator "leo".
    private func wallet(_ economy: Economy) async throws -> InMemoryWallet {
        let wallet = InMemoryWallet(economy: economy, clock: { CoreFixtures.now })
        _ = try await wallet.run(.createAccount(name: "ana", profile: CoreFixtures.supporter), key: nil)
        _ = try await wallet.run(.createAccount(name: "leo", profile: CoreFixtures.eligibleCreator()), key: nil)
        _ = try await wallet.run(.recharge(account: "ana", points: CoreFixtures.points(100_000), packageID: nil,
                                           payment: .card(number: "4242424242424242"), reference: "ref"), key: nil)
        return wallet
    }

    private func audit(_ wallet: InMemoryWallet) async throws -> [String] {
        try await wallet.verify(full: true).problems
    }

    func testOnePointGiftGivesHalfAPointToEachSide() async throws {
        let wallet = try await wallet(CoreFixtures.economy)
        let rose = try CoreFixtures.economy.gift(named: "Rose")
        XCTAssertEqual(rose.points, 1)
        let outcome = try await wallet.run(.sendGift(from: "ana", to: "leo", giftID: rose.id, count: 1), key: nil)
        guard case .gift(let receipt) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(receipt.creatorShare.units, 50)
        XCTAssertEqual(receipt.commission.units, 50)
        XCTAssertEqual(receipt.creatorShare.description, "0.5")
        await XCTAssertEqualAsync(try await wallet.balance(of: .earned(of: 2)).units, 50)
        await XCTAssertEqualAsync(try await wallet.balance(of: .commission).units, 50)
        await XCTAssertEqualAsync(try await wallet.balance(of: .points(of: 1)), try Points.parse("99999"))
        await XCTAssertEqualAsync(try await audit(wallet), [])
    }

    func testSplitAtFiftyPercentIsExactForEveryWholeGift() async throws {
        for whole: Int64 in [1, 3, 5, 99, 299, 44_999] {
            let (creator, commission) = try CoreFixtures.economy.split(gift: Points(whole: whole))
            XCTAssertEqual(creator.units * 2, whole * 100, "\(whole)")
            XCTAssertEqual(creator, commission, "\(whole)")
        }
    }

    func testOtherRatesFloorTheCreatorShareAndLoseNothing() async throws {
        // 12.5%: the creator keeps 87.5% of a 1-point gift = 87.5 units, floored to 87.
        let eighth = CoreFixtures.economy(commission: "12.5")
        let (creator, commission) = try eighth.split(gift: Points(whole: 1))
        XCTAssertEqual(creator.units, 87)
        XCTAssertEqual(commission.units, 13)
        // 33%: 1 unit gift (0.01 point) keeps 0.67 units, floored to 0.
        let third = CoreFixtures.economy(commission: "33")
        XCTAssertEqual(try third.split(gift: Points(units: 1)).creator.units, 0)
        XCTAssertEqual(try third.split(gift: Points(units: 1)).commission.units, 1)
        XCTAssertEqual(try third.split(gift: Points(units: 301)).creator.units, 201)   // 201.67 floored
        for economy in [eighth, third, CoreFixtures.economy(commission: "0"), CoreFixtures.economy(commission: "100"),
                        CoreFixtures.economy(commission: "33.333333")] {
            for units: Int64 in [1, 3, 7, 99, 100, 101, 333, 12_345, 4_499_900] {
                let (share, cut) = try economy.split(gift: Points(units: units))
                XCTAssertEqual(share.units + cut.units, units)
                XCTAssertGreaterThanOrEqual(share.units, 0)
                XCTAssertGreaterThanOrEqual(cut.units, 0)
                // Floor: the exact share lies in [share, share + 1) units.
                let keepPercent = ExactDecimal(significand: 100, scale: 0)
                    .adding(ExactDecimal(significand: -economy.rules.commissionPercent.significand,
                                         scale: economy.rules.commissionPercent.scale))!
                let exact = ExactDecimal(significand: units, scale: 2).multiplied(by: keepPercent)!   // units × keep / 100
                let lower = ExactDecimal(significand: share.units, scale: 0)
                let upper = ExactDecimal(significand: share.units + 1, scale: 0)
                XCTAssertFalse(exact.adding(ExactDecimal(significand: -lower.significand, scale: 0))!.isNegative,
                               "share \(share.units) above exact \(exact.plain)")
                XCTAssertTrue(exact.adding(ExactDecimal(significand: -upper.significand, scale: 0))!.isNegative,
                              "share \(share.units) more than one unit below exact \(exact.plain)")
            }
        }
        assertWalletError(.invalidAmount, try eighth.split(gift: Points(units: -100)))
    }

    func testOddGiftAtAnotherRateKeepsTheLedgerBalanced() async throws {
        let economy = CoreFixtures.economy(commission: "12.5")
        let wallet = try await wallet(economy)
        let before = try await wallet.balance(of: .points(of: 1))
        // Rose ×3 = 3 points: the creator keeps 262.5 units, floored to 262.
        guard case .gift(let receipt) = try await wallet.run(.sendGift(from: "ana", to: "leo", giftID: 5655, count: 3), key: nil) else {
            return XCTFail()
        }
        XCTAssertEqual(receipt.creatorShare.units, 262)
        XCTAssertEqual(receipt.commission.units, 38)
        XCTAssertEqual(receipt.creatorShare.units + receipt.commission.units, receipt.points.units)
        await XCTAssertEqualAsync(try await wallet.balance(of: .points(of: 1)).units, before.units - 300)
        await XCTAssertEqualAsync(try await wallet.balance(of: .earned(of: 2)).units, 262)
        await XCTAssertEqualAsync(try await wallet.balance(of: .commission).units, 38)
        let total = try await wallet.allBalances().values.reduce(0) { $0 + $1.units }
        XCTAssertEqual(total, 0)
        await XCTAssertEqualAsync(try await audit(wallet), [])
    }

    func testFullCommissionMovesOnlyTheCommission() async throws {
        let wallet = try await wallet(CoreFixtures.economy(commission: "100"))
        let transfersBefore = try await wallet.allTransfers().count
        _ = try await wallet.run(.sendGift(from: "ana", to: "leo", giftID: 5655, count: 1), key: nil)
        await XCTAssertEqualAsync(try await wallet.allTransfers().count, transfersBefore + 1, "no zero-amount transfer")
        await XCTAssertEqualAsync(try await wallet.balance(of: .earned(of: 2)), .zero)
        await XCTAssertEqualAsync(try await audit(wallet), [])
    }
}
