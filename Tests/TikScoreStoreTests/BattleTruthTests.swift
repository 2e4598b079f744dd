import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore
import TikScoreStore

/// One truth per battle: a side's score, its top gifters and the countdown come from one source.
final class BattleTruthTests: XCTestCase {
    private func wallet() async throws -> InMemoryWallet {
        let wallet = InMemoryWallet(economy: StoreFixtures.economy, clock: { StoreFixtures.now })
        _ = try await wallet.createAccount(name: "leo", profile: StoreFixtures.eligibleCreator())
        _ = try await wallet.createAccount(name: "ana", profile: StoreFixtures.eligibleCreator())
        _ = try await wallet.createAccount(name: "mia", profile: StoreFixtures.adultSupporter)
        _ = try await wallet.run(.recharge(account: "mia", points: StoreFixtures.points(100_000), packageID: nil,
                                           payment: .card(number: "4242424242424242"), reference: "r"), key: nil)
        _ = try await wallet.liveStart(creator: "leo")
        _ = try await wallet.liveStart(creator: "ana")
        return wallet
    }

    private func battle(_ wallet: InMemoryWallet) async throws -> Battle {
        let battles = try await wallet.battles(limit: 1)
        return try XCTUnwrap(battles.first)
    }

    func testAWalletBattleScoresItsGiftsAndNoGifterOutscoresItsSide() async throws {
        let wallet = try await wallet()
        _ = try await wallet.battleStart(left: "leo", right: "ana", seconds: 300)
        var fresh = try await battle(wallet)
        XCTAssertEqual(fresh.left.topGifters, [], "0–0 lists no gifters")
        _ = try await wallet.sendGift(from: "mia", to: "leo", giftID: 5655, count: 40, key: nil)
        _ = try await wallet.sendGift(from: "mia", to: "leo", giftID: 6369, count: 1, key: nil)
        fresh = try await battle(wallet)
        XCTAssertEqual(fresh.left.score, StoreFixtures.points(40 + 29_999))
        XCTAssertEqual(fresh.left.topGifters.first?.points, fresh.left.score)
        XCTAssertEqual(fresh.right.score, .zero)
    }

    func testAFedBattleAddsWalletGiftsToTheConnectorsTotal() async throws {
        let wallet = try await wallet()
        _ = try await wallet.run(.feed(creator: "leo", effect: .battleStarted(opponent: "@rival", seconds: 30)), key: "b1")
        var fed = try await battle(wallet)
        XCTAssertEqual(fed.endsAt, StoreFixtures.now.addingTimeInterval(30), "the countdown is the connector's, not the catalog's five minutes")
        _ = try await wallet.run(.feed(creator: "leo", effect: .gift(giftID: 5585, name: "Confetti", unitPoints: 100, count: 1, gifter: "@bo")), key: "g1")
        _ = try await wallet.run(.feed(creator: "leo", effect: .battleScores(mine: 2_540, theirs: 900, opponent: nil, final: false)), key: "s1")
        // A wallet gift during the fed battle moves the score too (TikTok's count never sees it).
        _ = try await wallet.sendGift(from: "mia", to: "leo", giftID: 6369, count: 1, key: nil)
        fed = try await battle(wallet)
        XCTAssertEqual(fed.left.score, StoreFixtures.points(2_540 + 29_999))
        XCTAssertEqual(fed.right.score, StoreFixtures.points(900))
        let gifted = fed.left.topGifters.reduce(Int64(0)) { $0 + $1.points.units }
        XCTAssertLessThanOrEqual(gifted, fed.left.score.units, "no side's gifters add up to more than its score")
        // A later connector total below the feed gifts counted never lowers the side under its gifters.
        _ = try await wallet.run(.feed(creator: "leo", effect: .battleScores(mine: 10, theirs: 900, opponent: nil, final: true)), key: "s2")
        fed = try await battle(wallet)
        XCTAssertEqual(fed.left.score, StoreFixtures.points(100 + 29_999))
        XCTAssertEqual(fed.status, .won)
        XCTAssertEqual(fed.winnerName, "leo")
    }
}
