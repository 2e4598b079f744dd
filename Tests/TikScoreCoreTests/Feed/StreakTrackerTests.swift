import TikScoreCore
import TikScoreTestSupport
import XCTest

final class StreakTrackerTests: XCTestCase {
    private func line(_ count: Int64, end: Bool = false, msgId: String? = nil, groupId: String? = nil,
                      giftId: Int64 = 5655, points: Int64 = 1, type: Int = 1, user: String = "ann") throws -> GiftLine {
        try XCTUnwrap(FeedTestSupport.line(giftId: giftId, points: points, count: count, end: end, type: type, user: user,
                                           groupId: groupId, msgId: msgId))
    }

    func testStreakCountsOnceAtEndWithFinalCount() throws {
        var tracker = StreakTracker(timeoutMs: 10_000)
        XCTAssertEqual(tracker.ingest(try line(1, msgId: "1"), at: 0), [])
        XCTAssertEqual(tracker.ingest(try line(3, msgId: "2"), at: 300), [])
        XCTAssertEqual(tracker.ingest(try line(3, msgId: "2"), at: 350), [])  // repeated partial
        XCTAssertEqual(tracker.inProgress.map(\.count), [3])
        XCTAssertEqual(tracker.ingest(try line(6, msgId: "3"), at: 600), [])
        let counted = tracker.ingest(try line(6, end: true, msgId: "4"), at: 900)
        XCTAssertEqual(counted.count, 1)
        XCTAssertEqual(counted.first?.count, 6)
        XCTAssertEqual(counted.first?.totalPoints, 6)
        XCTAssertEqual(counted.first?.msgId, "4")
        XCTAssertEqual(counted.first?.reason, .streakEnd)
        XCTAssertEqual(tracker.inProgress, [])
        // The same lines again (same msgIds): nothing more.
        XCTAssertEqual(tracker.ingest(try line(6, end: true, msgId: "4"), at: 1000), [])
        XCTAssertEqual(tracker.ingest(try line(3, msgId: "2"), at: 1100), [])
        XCTAssertEqual(tracker.expire(now: 60_000), [])
    }

    /// Issue 9, item 6: without `groupId`, a count that is not higher than the last one seen, or
    /// any line after the streak's `repeatEnd`, starts a new streak.
    func testASecondStreakOfTheSameGiftByTheSameViewerCounts() throws {
        var tracker = StreakTracker(timeoutMs: 10_000)
        // A streak of 5 that never ends, then a streak of 1: 5 + 1, not 5.
        XCTAssertEqual(tracker.ingest(try line(1, msgId: "a1"), at: 0), [])
        XCTAssertEqual(tracker.ingest(try line(3, msgId: "a2"), at: 100), [])
        XCTAssertEqual(tracker.ingest(try line(5, msgId: "a3"), at: 200), [])
        let restarted = tracker.ingest(try line(1, msgId: "b1"), at: 300)
        XCTAssertEqual(restarted.map(\.count), [5])
        XCTAssertEqual(restarted.first?.reason, .restarted)
        XCTAssertEqual(restarted.first?.msgId, "a3")
        XCTAssertEqual(tracker.ingest(try line(1, end: true, msgId: "b2"), at: 400).map(\.count), [1], "its end repeats the count")

        // After a repeatEnd, any new line is a new streak, even with a higher count.
        XCTAssertEqual(tracker.ingest(try line(2, end: true, msgId: "c1"), at: 500).map(\.count), [2])
        XCTAssertEqual(tracker.ingest(try line(3, end: true, msgId: "d1"), at: 600).map(\.count), [3])
        // A line of a streak seen before (same msgId) is no new streak.
        XCTAssertEqual(tracker.ingest(try line(3, end: true, msgId: "d1"), at: 700), [])
        XCTAssertEqual(tracker.inProgress, [])
    }

    func testLinesWithoutMsgIdAreToldApartByCountAndTime() throws {
        var tracker = StreakTracker(timeoutMs: 10_000)
        func timed(_ count: Int64, end: Bool = false, at time: Int64) throws -> GiftLine {
            try XCTUnwrap(line(count, end: end).stamped(msgId: nil, timestamp: time))
        }
        XCTAssertEqual(tracker.ingest(try timed(2, at: 1_000), at: 1_000), [])
        XCTAssertEqual(tracker.ingest(try timed(2, at: 1_000), at: 1_050), [], "the same line again")
        XCTAssertEqual(tracker.ingest(try timed(2, end: true, at: 1_200), at: 1_200).map(\.count), [2])
        XCTAssertEqual(tracker.ingest(try timed(1, at: 2_000), at: 2_000), [], "a new streak begins")
        XCTAssertEqual(tracker.flush(at: 3_000).map(\.count), [1])
    }

    func testAStreakThatTimedOutAndGoesOnCountsOnlyTheRest() throws {
        var tracker = StreakTracker(timeoutMs: 1_000)
        _ = tracker.ingest(try line(1, msgId: "1"), at: 0)
        _ = tracker.ingest(try line(3, msgId: "2"), at: 100)
        XCTAssertEqual(tracker.expire(now: 1_100).map(\.count), [3])
        // The same streak goes on within the timeout after its close: 5 in all, 2 not yet counted.
        let rest = tracker.ingest(try line(5, end: true, msgId: "3"), at: 1_500)
        XCTAssertEqual(rest.map(\.count), [2])
        XCTAssertEqual(rest.map(\.totalPoints), [2])
    }

    func testTypesTwoAndFourCountAtOnce() throws {
        var tracker = StreakTracker()
        let confetti = tracker.ingest(try line(1, giftId: 5585, points: 100, type: 2), at: 0)
        XCTAssertEqual(confetti.map(\.totalPoints), [100])
        XCTAssertEqual(confetti.first?.reason, .immediate)
        let heart = tracker.ingest(try line(1, end: false, giftId: 7934, points: 1, type: 4), at: 5)
        XCTAssertEqual(heart.map(\.totalPoints), [1])
        XCTAssertEqual(tracker.inProgress, [])
    }

    func testStreakWithoutEndClosesAfterTimeout() throws {
        var tracker = StreakTracker(timeoutMs: 5_000)
        _ = tracker.ingest(try line(2, msgId: "a", giftId: 5487, points: 5, user: "cy"), at: 1_000)
        _ = tracker.ingest(try line(4, msgId: "b", giftId: 5487, points: 5, user: "cy"), at: 2_000)
        XCTAssertEqual(tracker.expire(now: 6_999), [])
        let closed = tracker.expire(now: 7_000)
        XCTAssertEqual(closed.map(\.count), [4])
        XCTAssertEqual(closed.first?.totalPoints, 20)
        XCTAssertEqual(closed.first?.reason, .timeout)
        XCTAssertEqual(closed.first?.msgId, "b")
        // Its end arriving late counts nothing more.
        XCTAssertEqual(tracker.ingest(try line(4, end: true, msgId: "c", giftId: 5487, points: 5, user: "cy"), at: 7_500), [])
    }

    func testIngestExpiresOtherStreaksFirst() throws {
        var tracker = StreakTracker(timeoutMs: 1_000)
        _ = tracker.ingest(try line(3, user: "a"), at: 0)
        let counted = tracker.ingest(try line(1, giftId: 5585, points: 100, type: 2, user: "b"), at: 5_000)
        XCTAssertEqual(counted.map(\.reason), [.timeout, .immediate])
        XCTAssertEqual(counted.map(\.totalPoints), [3, 100])
    }

    func testGroupIdSeparatesStreaksAndFlushCountsOpenOnes() throws {
        var tracker = StreakTracker()
        _ = tracker.ingest(try line(2, groupId: "g1"), at: 0)
        _ = tracker.ingest(try line(1, groupId: "g2"), at: 10)
        XCTAssertEqual(tracker.inProgress.count, 2)
        XCTAssertEqual(tracker.ingest(try line(2, end: true, groupId: "g1"), at: 20).map(\.count), [2])
        let flushed = tracker.flush(at: 30)
        XCTAssertEqual(flushed.map(\.count), [1])
        XCTAssertEqual(flushed.first?.reason, .flushed)
        XCTAssertEqual(flushed.first?.streakKey, StreakKey(userKey: "@ann", giftId: 5655, groupId: "g2"))
    }

    func testSingleEndLineWithoutPartialsCounts() throws {
        var tracker = StreakTracker()
        XCTAssertEqual(tracker.ingest(try line(2, end: true, giftId: 5879, points: 30), at: 0).map(\.totalPoints), [60])
    }

    func testGiftLineRefusesImpossibleValues() {
        XCTAssertNil(FeedTestSupport.line(count: 0))
        XCTAssertNil(FeedTestSupport.line(points: -1, count: 1))
        XCTAssertNil(FeedTestSupport.line(points: Int64.max, count: 2))
    }
}
