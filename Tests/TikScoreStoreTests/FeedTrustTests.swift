import Foundation
import TikScoreCore
import TikScoreStore
import TikScoreTestSupport
import XCTest

/// Issue 9, item 1: a feed is untrusted input. The numbers come from `economy.json` `feed`.
final class FeedTrustTests: XCTestCase {
    private func wallet(_ economy: Economy = StoreFixtures.economy) async throws -> (InMemoryWallet, Account) {
        let wallet = InMemoryWallet(economy: economy, clock: { StoreFixtures.now })
        let leo = try await wallet.createAccount(name: "leo", profile: StoreFixtures.eligibleCreator())
        return (wallet, leo)
    }

    private func gift(_ id: Int64, price: Int64?, count: Int64, msgId: String, end: Bool = true, type: Int = 2) -> String {
        let priceField = price.map { ",\"diamondCount\":\($0)" } ?? ""
        return #"{"event":"gift","data":{"msgId":"\#(msgId)","giftId":\#(id)\#(priceField),"giftType":\#(type),"repeatCount":\#(count),"repeatEnd":\#(end),"uniqueId":"kim"}}"#
    }

    private func feed(_ lines: [String], into wallet: InMemoryWallet, as creator: Account) async -> FeedReport {
        var applier = FeedApplier(runner: wallet, creator: creator)
        for line in lines { await applier.apply(line: line, nowMs: 1_764_000_000_000) }
        await applier.finish(nowMs: 1_764_000_000_000)
        return applier.report
    }

    private func earned(_ wallet: InMemoryWallet, _ account: Account) async throws -> Points {
        try await wallet.balance(of: account.earnedAccount)
    }

    func testTheRoseThatMintedFivePointsOfTrillionsIsRefused() async throws {
        let (wallet, leo) = try await wallet()
        // The line from the issue: a Rose "worth" 10,000,000 sent 1,000,000 times.
        let report = await feed([gift(5655, price: 10_000_000, count: 1_000_000, msgId: "1", type: 1)], into: wallet, as: leo)
        XCTAssertEqual(report.refused, ["absurdCount": 1], "1,000,000 is above feed.max_repeat_count (10,000)")
        await XCTAssertEqualAsync(try await earned(wallet, leo), .zero)
        await XCTAssertEqualAsync(try await wallet.verify(full: true).problems, [])
    }

    func testAGiftTheCatalogKnowsIsPricedFromTheCatalog() async throws {
        let (wallet, leo) = try await wallet()
        // Rose is 1 point in the catalog; the line claims 10,000,000.
        let report = await feed([gift(5655, price: 10_000_000, count: 5, msgId: "1", type: 1)], into: wallet, as: leo)
        XCTAssertEqual(report.warnings, ["priceMismatch": 1])
        XCTAssertEqual(report.applied, ["gift": 1])
        XCTAssertEqual(report.giftsCounted, 5)
        // 5 × 1 point, half to leo.
        await XCTAssertEqualAsync(try await earned(wallet, leo), try Points.parse("2.5"))
        // A line that agrees, or gives no price, is no mismatch.
        let agreeing = await feed([gift(5655, price: 1, count: 2, msgId: "2", type: 1), gift(5655, price: nil, count: 2, msgId: "3", type: 1)],
                                  into: wallet, as: leo)
        XCTAssertEqual(agreeing.warnings, [:])
        XCTAssertEqual(agreeing.giftsCounted, 4)
    }

    func testAnUnknownGiftTakesItsPriceOnlyUpToTheDearestGift() async throws {
        let (wallet, leo) = try await wallet()
        let dearest = StoreFixtures.economy.maxGiftPoints
        XCTAssertEqual(dearest, 44_999, "TikTok Universe")
        let report = await feed([
            gift(990_001, price: 50, count: 1, msgId: "1"),           // unknown, 50 points: taken
            gift(990_002, price: dearest, count: 1, msgId: "2"),      // unknown at exactly the cap: taken
            gift(990_003, price: dearest + 1, count: 1, msgId: "3"),  // one point above: absurdPrice
            gift(990_004, price: 10_000_000, count: 1, msgId: "4"),   // absurdPrice
            gift(990_005, price: nil, count: 1, msgId: "5"),          // unknown without a price: a bad line
        ], into: wallet, as: leo)
        XCTAssertEqual(report.refused, ["absurdPrice": 2])
        XCTAssertEqual(report.badLines, ["missingField": 1])
        XCTAssertEqual(report.applied, ["gift": 2])
        // (50 + 44,999) / 2 = 22,524.5
        await XCTAssertEqualAsync(try await earned(wallet, leo), try Points.parse("22524.5"))
    }

    func testACountAboveTheMaximumIsRefusedAndTheMaximumIsNot() async throws {
        let (wallet, leo) = try await wallet()
        let most = StoreFixtures.economy.rules.maxRepeatCount
        XCTAssertEqual(most, 10_000)
        let report = await feed([gift(5655, price: 1, count: most, msgId: "1", type: 1),
                                 gift(5655, price: 1, count: most + 1, msgId: "2", type: 1)], into: wallet, as: leo)
        XCTAssertEqual(report.refused, ["absurdCount": 1])
        XCTAssertEqual(report.giftsCounted, most)
        await XCTAssertEqualAsync(try await earned(wallet, leo), try Points.parse("5000"))
    }

    func testASessionsFeedEarningsStopAtTheCapAndTheNextSessionStartsAfresh() async throws {
        var economy = StoreFixtures.economy
        economy.rules.maxSessionPoints = 1_000
        let (wallet, leo) = try await wallet(economy)
        // Confetti (100 points) ×10 = 1,000 (allowed: the cap is inclusive); an 11th would make 1,100
        // (refused), and so would a follower's 1 point; after the stream's end a new session starts at 0.
        var lines = (1...10).map { gift(5585, price: 100, count: 1, msgId: "c\($0)") }
        lines.append(gift(5585, price: 100, count: 1, msgId: "c11"))
        lines.append(#"{"event":"follow","data":{"msgId":"f1","uniqueId":"amy"}}"#)
        lines.append(#"{"event":"streamEnd","data":{"msgId":"end1"}}"#)
        lines.append(gift(5585, price: 100, count: 1, msgId: "c12"))
        let report = await feed(lines, into: wallet, as: leo)
        XCTAssertEqual(report.refused, ["sessionCap": 2])
        XCTAssertEqual(report.sessionsOpened, 2)
        // 1,000 in the first session and 100 in the next, half to leo.
        await XCTAssertEqualAsync(try await earned(wallet, leo), try Points.parse("550"))
        let sessions = try await wallet.sessions(of: leo, limit: 5)
        XCTAssertEqual(sessions.map(\.feedPoints), [try Points(whole: 100), try Points(whole: 1_000)])
    }

    func testTheStateMachineEnforcesTheBoundsWhateverTheCallerSends() async throws {
        let (wallet, leo) = try await wallet()
        // A caller that skips FeedApplier still cannot mint: the machine prices and bounds again.
        let mint = Command.feed(creator: "leo", effect: .gift(giftID: 5655, name: "Rose", unitPoints: 10_000_000, count: 10, gifter: "x"))
        let result = try await wallet.submit(mint, key: .fresh())
        guard case .success(.feed(let receipt)) = result.answer else { return XCTFail("\(result.answer)") }
        XCTAssertEqual(receipt.earned, try Points(whole: 5), "10 Roses at the catalog's 1 point, half to leo")
        await assertWalletErrorAsync(.absurdCount, try await wallet.submit(
            .feed(creator: "leo", effect: .gift(giftID: 5655, name: "Rose", unitPoints: 1, count: 10_001, gifter: "x")), key: .fresh()).answer.get())
        await assertWalletErrorAsync(.absurdPrice, try await wallet.submit(
            .feed(creator: "leo", effect: .gift(giftID: 999_999, name: "?", unitPoints: 45_000, count: 1, gifter: "x")), key: .fresh()).answer.get())
        await XCTAssertEqualAsync(try await earned(wallet, leo), try Points(whole: 5))
    }

    /// No file of N lines can credit more than the bounds allow: every session's feed points stay
    /// within `feed.max_session_points`, the points that entered the wallet from the feed are at
    /// most (sessions opened) × that cap and at most N × dearest gift × max count, and the ledger
    /// stays balanced. Hostile lines: any gift id (known or not), any price, any count, ends and
    /// stream ends at random, follows.
    func testNoFileOfNLinesCanCreditMoreThanTheBounds() async throws {
        var economy = StoreFixtures.economy
        economy.rules.maxSessionPoints = 60_000
        let known = economy.gifts.map(\.id)
        let seed = UInt64(ProcessInfo.processInfo.environment["TIKSCORE_PROPERTY_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64.max)
        print("FeedTrustTests property seed: \(seed) (TIKSCORE_PROPERTY_SEED=\(seed) repeats it)")
        var rng = SimulationRandom(seed: seed)
        for round in 0..<12 {
            let (wallet, leo) = try await wallet(economy)
            let count = Int(rng.next() % 300) + 1
            var lines: [String] = []
            for index in 0..<count {
                let roll = rng.next() % 100
                let id = "\(round)-\(index)-\(rng.next() % 4)"  // some msgIds repeat: duplicates
                switch roll {
                case 0..<5:
                    lines.append(#"{"event":"streamEnd","data":{"msgId":"e\#(id)"}}"#)
                case 5..<15:
                    lines.append(#"{"event":"follow","data":{"msgId":"f\#(id)","uniqueId":"u\#(rng.next() % 50)"}}"#)
                default:
                    let giftID = rng.next() % 3 == 0 ? Int64(rng.next() % 1_000_000) + 1 : known[Int(rng.next() % UInt64(known.count))]
                    let price = [Int64(1), 99, 44_999, 45_000, 10_000_000, Int64(rng.next() % 1_000_000_000_000)][Int(rng.next() % 6)]
                    let reps = [Int64(1), 7, 10_000, 10_001, 1_000_000, Int64(rng.next() % 1_000_000_000) + 1][Int(rng.next() % 6)]
                    let type = rng.next() % 2 == 0 ? 1 : 2
                    lines.append(#"{"event":"gift","data":{"msgId":"g\#(id)","giftId":\#(giftID),"diamondCount":\#(price),"giftType":\#(type),"repeatCount":\#(reps),"repeatEnd":\#(rng.next() % 2 == 0),"uniqueId":"u\#(rng.next() % 50)"}}"#)
                }
            }
            let report = await feed(lines, into: wallet, as: leo)
            let fromFeed = try await wallet.balance(of: .externalFeed)
            let fromRewards = try await wallet.balance(of: .followerRewards)
            let minted = try Points.zero.subtracting(fromFeed).subtracting(fromRewards)
            let cap = try Points(whole: economy.rules.maxSessionPoints)
            let sessions = try await wallet.sessions(of: leo, limit: 10_000)
            XCTAssertEqual(sessions.count, report.sessionsOpened, "seed \(seed) round \(round)")
            for session in sessions { XCTAssertLessThanOrEqual(session.feedPoints, cap, "seed \(seed) round \(round)") }
            XCTAssertLessThanOrEqual(minted, try cap.multiplied(by: Int64(max(1, report.sessionsOpened))), "seed \(seed) round \(round)")
            let perLine = try Points(whole: economy.maxGiftPoints).multiplied(by: economy.rules.maxRepeatCount)
            XCTAssertLessThanOrEqual(minted, try perLine.multiplied(by: Int64(lines.count)), "seed \(seed) round \(round)")
            await XCTAssertEqualAsync(try await wallet.verify(full: true).problems, [], "seed \(seed) round \(round)")
            // Read again: nothing more.
            let again = await feed(lines, into: wallet, as: leo)
            XCTAssertEqual(again.applied, [:], "seed \(seed) round \(round)")
        }
    }
}
