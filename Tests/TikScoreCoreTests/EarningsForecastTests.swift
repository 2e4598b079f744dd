import Foundation
import XCTest
import TikScoreCore

/// The forecast's arithmetic and its window, on timelines of transfers.
final class EarningsForecastTests: XCTestCase {
    private let leo = Account(id: 7, name: "leo", profile: CoreFixtures.eligibleCreator())
    private let now = CoreFixtures.now
    private var minimum: Points { CoreFixtures.economy.rules.minimumWithdrawal }

    private func transfer(_ kind: TransferKind, units: Int64, secondsAgo: TimeInterval, to credit: LedgerAccount? = nil) -> Transfer {
        Transfer(id: UUID().uuidString, debit: .externalFeed, credit: credit ?? leo.earnedAccount, amount: Points(units: units), kind: kind,
                 commandID: "c", memo: "m", timestamp: now.addingTimeInterval(-secondsAgo))
    }

    func testTheWindowIsTheLastThirtyMinutesUpToNow() {
        let timeline = [
            transfer(.feedGift, units: 1, secondsAgo: -1),        // after now: a clock set back
            transfer(.feedGift, units: 10, secondsAgo: 0),        // now
            transfer(.gift, units: 100, secondsAgo: 60),
            transfer(.follower, units: 1_000, secondsAgo: 1_799),
            transfer(.feedGift, units: 10_000, secondsAgo: 1_800), // exactly 30 minutes: out
            transfer(.recharge, units: 100_000, secondsAgo: 30),   // not an earning
            transfer(.gift, units: 1_000_000, secondsAgo: 30, to: leo.pointsAccount), // not to the earned balance
        ]
        XCTAssertEqual(EarningsForecast.earnedInWindow(of: leo, newestFirst: timeline, now: now).units, 1_110)
    }

    func testMinutesAreRoundedUp() throws {
        // 1,000 points in 30 minutes is 2,000 an hour; 5,000 missing is 150 minutes exactly.
        let exact = EarningsForecast(earned: try Points(whole: 15_000), earnedInWindow: try Points(whole: 1_000),
                                     minimum: try Points(whole: 20_000), canEarn: true)
        XCTAssertEqual(exact.ratePerHour, try Points(whole: 2_000))
        XCTAssertEqual(exact.minutesToMinimum, 150)
        // One cent of a point more to go is one more minute.
        let rounded = EarningsForecast(earned: Points(units: 1_500_000 - 1), earnedInWindow: try Points(whole: 1_000),
                                       minimum: try Points(whole: 20_000), canEarn: true)
        XCTAssertEqual(rounded.minutesToMinimum, 151)
        // A rate with cents: 0.50 in the window is 1.00 an hour; 1 point missing is 60 minutes.
        let slow = EarningsForecast(earned: try Points(whole: 19_999), earnedInWindow: Points(units: 50),
                                    minimum: try Points(whole: 20_000), canEarn: true)
        XCTAssertEqual(slow.ratePerHour.units, 100)
        XCTAssertEqual(slow.minutesToMinimum, 60)
    }

    func testNoForecastWithoutARateAtTheMinimumOrForASupporter() throws {
        let missing = try Points(whole: 100)
        XCTAssertNil(EarningsForecast(earned: missing, earnedInWindow: .zero, minimum: minimum, canEarn: true).minutesToMinimum)
        XCTAssertNil(EarningsForecast(earned: minimum, earnedInWindow: missing, minimum: minimum, canEarn: true).minutesToMinimum)
        let supporter = EarningsForecast(earned: missing, earnedInWindow: missing, minimum: minimum, canEarn: false)
        XCTAssertNil(supporter.minutesToMinimum)
        XCTAssertEqual(supporter.ratePerHour.units, missing.units * 2, "the rate is still what the window earned")
        let huge = EarningsForecast(earned: .zero, earnedInWindow: Points(units: 1), minimum: Points(units: Int64.max / 2), canEarn: true)
        XCTAssertNil(huge.minutesToMinimum, "a need too large to compute is no forecast, not a wrapped number")
    }

    func testTheSentenceNamesTheMinimumInDollars() throws {
        let economy = CoreFixtures.economy
        let forecast = EarningsForecast(earned: try Points(whole: 19_000), earnedInWindow: try Points(whole: 750),
                                        minimum: economy.rules.minimumWithdrawal, canEarn: true)
        let dollars = try ForecastText.minimum(economy)
        XCTAssertEqual(try ForecastText.sentence(forecast, economy: economy),
                       "at this rate you reach the \(dollars) minimum in \(ForecastText.duration(forecast.minutesToMinimum ?? -1))")
        XCTAssertEqual(ForecastText.duration(41), "41 min")
        XCTAssertEqual(ForecastText.duration(125), "2 h 5 min")
        XCTAssertEqual(ForecastText.duration(180), "3 h")
        XCTAssertNil(try ForecastText.sentence(EarningsForecast(earned: .zero, earnedInWindow: .zero, minimum: economy.rules.minimumWithdrawal, canEarn: true),
                                               economy: economy))
    }

    /// Pages of transfers are read until one reaches past the window: 3,000 earnings half a
    /// second apart (25 minutes) all count, though the first page holds 512.
    func testPagesAreReadBackPastTheWindow() async throws {
        let timeline = (0..<3_000).map { transfer(.feedGift, units: 100, secondsAgo: TimeInterval($0) / 2) }
        let summary = AccountSummary(account: leo, points: .zero, earned: .zero, held: .zero)
        var limits: [Int] = []
        let forecast = try await EarningsForecast.reading(summary, now: now, minimum: minimum) { limit in
            limits.append(limit)
            return Array(timeline.prefix(limit))
        }
        XCTAssertEqual(limits, [512, 2_048, 8_192])
        XCTAssertEqual(forecast.ratePerHour.units, 600_000)
        // A page that reaches past the window is enough.
        let old = timeline.prefix(10) + [transfer(.feedGift, units: 100, secondsAgo: 3_600)]
        limits = []
        _ = try await EarningsForecast.reading(summary, now: now, minimum: minimum, firstPage: Array(old), firstLimit: old.count) { limit in
            limits.append(limit)
            return []
        }
        XCTAssertEqual(limits, [], "the first page already reached back past the window")
    }
}
