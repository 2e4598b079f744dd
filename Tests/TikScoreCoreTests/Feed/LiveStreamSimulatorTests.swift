import TikScoreCore
import TikScoreTestSupport
import XCTest

final class LiveStreamSimulatorTests: XCTestCase {
    func testSameSeedSameLinesDifferentSeedDifferentLines() throws {
        let catalog = try FeedTestSupport.catalog()
        let first = LiveStreamSimulator(seed: 42, ratePerSecond: 5, seconds: 120, gifts: catalog, battleOpponent: "rival").jsonLines()
        let again = LiveStreamSimulator(seed: 42, ratePerSecond: 5, seconds: 120, gifts: catalog, battleOpponent: "rival").jsonLines()
        let other = LiveStreamSimulator(seed: 43, ratePerSecond: 5, seconds: 120, gifts: catalog, battleOpponent: "rival").jsonLines()
        XCTAssertEqual(first, again)
        XCTAssertNotEqual(first, other)
        XCTAssertGreaterThan(first.count, 300)
    }

    func testTheRateIsTheOneAskedForUpToTheCommandsMaximum() throws {
        // `simulate --rate` allows up to 10,000 events a second; the stream must have them.
        let catalog = try FeedTestSupport.catalog()
        let counts = [1_000.0, 2_000, 10_000].map { rate in
            LiveStreamSimulator(seed: 9, ratePerSecond: rate, seconds: 5, gifts: catalog).events().count
        }
        XCTAssertGreaterThan(counts[1], counts[0] * 3 / 2, "\(counts)")
        XCTAssertGreaterThan(counts[2], counts[1] * 4, "\(counts)")
        let ids = LiveStreamSimulator(seed: 9, ratePerSecond: 10_000, seconds: 5, gifts: catalog).events().compactMap(\.event.msgId)
        XCTAssertEqual(Set(ids).count, ids.count, "every event keeps its own msgId")
    }

    func testSplitMix64KnownValues() {
        // Reference outputs of SplitMix64 seeded with 0.
        var generator = SplitMix64(seed: 0)
        XCTAssertEqual(generator.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(generator.next(), 0x6E78_9E6A_A1B9_65F4)
    }

    func testRoundTripThroughLinesGivesTheSimulatorsOwnTotals() throws {
        let catalog = try FeedTestSupport.catalog()
        for (seed, opponent) in [(UInt64(1), "rival" as String?), (7, nil), (2024, "other.creator")] {
            let simulator = LiveStreamSimulator(seed: seed, ratePerSecond: 8, seconds: 300, gifts: catalog, battleOpponent: opponent)
            let (events, expected) = simulator.run()
            let encoder = FeedLineEncoder()
            let decoder = FeedLineDecoder()
            var tally = FeedSessionTally()
            for timed in events {
                let line = encoder.encode(timed.event)
                let decoded = decoder.decode(line)
                XCTAssertEqual(try decoded.get(), timed.event, line)
                tally.apply(decoded)
            }
            XCTAssertEqual(tally.badLineCount, 0)
            XCTAssertEqual(tally.duplicates, 0)
            XCTAssertEqual(tally.totals, expected, "seed \(seed)")
            XCTAssertGreaterThan(expected.giftPoints, 0)
            XCTAssertGreaterThan(expected.followers, 0)
            XCTAssertEqual(expected.battleScores.isEmpty, opponent == nil)
        }
    }

    func testSimulatedStreamLooksLikeALiveStream() throws {
        let catalog = try FeedTestSupport.catalog()
        let (events, totals) = LiveStreamSimulator(seed: 99, ratePerSecond: 10, seconds: 600, gifts: catalog, battleOpponent: "rival").run()
        // Time order, 64-bit message ids, streamEnd last.
        XCTAssertEqual(events.map(\.offsetMs), events.map(\.offsetMs).sorted())
        XCTAssertEqual(events.last?.event.kind, .streamEnded)
        XCTAssertEqual(Set(events.compactMap(\.event.msgId)).count, events.count)
        // ~10 arrivals a second for 600 s (plus streak lines and battle updates).
        let arrivals = events.filter { if case .gift(let line) = $0.event.kind { return line.repeatCount == 1 || !line.isStreakable } else { return true } }
        XCTAssertGreaterThan(arrivals.count, 5_000)
        XCTAssertLessThan(arrivals.count, 8_000)
        // Cheap gifts dominate; streaks have several partial lines then an end.
        let gifts = events.compactMap { event -> GiftLine? in if case .gift(let line) = event.event.kind { return line } else { return nil } }
        let cheap = gifts.filter { $0.unitPoints <= 5 }.count
        XCTAssertGreaterThan(cheap, gifts.count / 2)
        XCTAssertTrue(gifts.contains { $0.isStreakable && !$0.repeatEnd && $0.repeatCount > 1 })
        XCTAssertTrue(gifts.contains { $0.isStreakable && $0.repeatEnd && $0.repeatCount > 3 })
        // Viewers rise then fall; a battle starts, updates and ends.
        XCTAssertGreaterThan(totals.peakViewers, totals.viewers)
        let battleKinds = events.map(\.event.kindName).filter { $0.hasPrefix("battle") }
        XCTAssertEqual(battleKinds.first, "battleStarted")
        XCTAssertEqual(battleKinds.last, "battleEnded")
        XCTAssertGreaterThan(battleKinds.filter { $0 == "battleScores" }.count, 10)
    }
}

/// Two seeds, two streams: their msgIds never meet, so a second simulated stream is not thrown
/// away as duplicates of the first; one seed twice gives the same ids (a replay).
final class SimulatorIDTests: XCTestCase {
    func testEverySeedHasItsOwnMessageIDs() {
        func ids(_ seed: UInt64) -> Set<String> {
            Set(LiveStreamSimulator(seed: seed, ratePerSecond: 20, seconds: 60, gifts: FeedGiftTable([]), creator: "leo", startTimeMs: 0)
                .events().compactMap(\.event.msgId))
        }
        let nine = ids(9), ten = ids(10)
        XCTAssertGreaterThan(nine.count, 500)
        XCTAssertTrue(nine.isDisjoint(with: ten))
        XCTAssertEqual(ids(9), nine)
    }
}
