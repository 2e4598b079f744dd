import TikScoreCore
import TikScoreTestSupport
import XCTest
@testable import TikScoreTUI

final class RectTests: XCTestCase {
    func testColumnsByLengthPercentageAndFill() {
        let parts = Rect(width: 100, height: 1).columns([.length(10), .percentage(50), .fill(1)])
        XCTAssertEqual(parts.map(\.x), [0, 10, 60])
        XCTAssertEqual(parts.map(\.width), [10, 50, 40])
        XCTAssertEqual(Set(parts.map(\.height)), [1])
    }

    func testRowsWithSpacing() {
        let parts = Rect(x: 2, y: 3, width: 10, height: 10).rows([.length(3), .fill(1)], spacing: 1)
        XCTAssertEqual(parts, [Rect(x: 2, y: 3, width: 10, height: 3), Rect(x: 2, y: 7, width: 10, height: 6)])
    }

    func testFillsShareByWeightAndLastTakesRemainder() {
        XCTAssertEqual(Rect(width: 9, height: 1).columns([.fill(1), .fill(2)]).map(\.width), [3, 6])
        XCTAssertEqual(Rect(width: 10, height: 1).columns([.fill(1), .fill(1), .fill(1)]).map(\.width), [3, 3, 4])
        XCTAssertEqual(Rect(width: 80, height: 1).columns([.percentage(30), .fill(1)]).map(\.width), [24, 56])
    }

    func testHeaderBodyFooter() {
        let parts = Rect(width: 80, height: 24).rows([.length(1), .fill(1), .length(1)])
        XCTAssertEqual(parts.map(\.y), [0, 1, 23])
        XCTAssertEqual(parts.map(\.height), [1, 22, 1])
    }

    func testOverflowingLengthsAreCutNeverOverlap() {
        let parts = Rect(width: 10, height: 1).columns([.length(8), .length(8), .fill(1)])
        XCTAssertEqual(parts.map(\.width), [8, 2, 0])
        XCTAssertEqual(parts.map(\.x), [0, 8, 10])
        XCTAssertTrue(parts.allSatisfy { $0.right <= 10 })
    }

    func testSplittingEmptyRects() {
        XCTAssertEqual(Rect.zero.columns([.fill(1), .length(3), .percentage(50)]).map(\.width), [0, 0, 0])
        XCTAssertEqual(Rect(width: 1, height: 1).rows([.length(1), .length(1)], spacing: 1).map(\.height), [0, 0], "spacing is reserved first")
        XCTAssertEqual(Rect(width: 1, height: 1).rows([.length(1), .length(1)]).map(\.height), [1, 0])
        XCTAssertEqual(Rect(width: 5, height: 5).columns([]), [])
    }

    func testNegativeSizesBecomeZero() {
        let rect = Rect(x: 1, y: 1, width: -5, height: -1)
        XCTAssertEqual(rect.width, 0)
        XCTAssertEqual(rect.height, 0)
        XCTAssertTrue(rect.isEmpty)
    }

    func testIntersection() {
        let a = Rect(width: 10, height: 10)
        XCTAssertEqual(a.intersection(Rect(x: 5, y: 5, width: 10, height: 10)), Rect(x: 5, y: 5, width: 5, height: 5))
        XCTAssertTrue(a.intersection(Rect(x: 20, y: 0, width: 5, height: 5)).isEmpty)
        XCTAssertEqual(a.intersection(Rect(x: -3, y: -3, width: 5, height: 5)), Rect(x: 0, y: 0, width: 2, height: 2))
    }

    func testInsetNeverGoesNegative() {
        XCTAssertEqual(Rect(width: 10, height: 5).inset(by: 1), Rect(x: 1, y: 1, width: 8, height: 3))
        XCTAssertEqual(Rect(width: 10, height: 5).inset(horizontal: 2, vertical: 0), Rect(x: 2, y: 0, width: 6, height: 5))
        let tiny = Rect(width: 1, height: 1).inset(by: 3)
        XCTAssertGreaterThanOrEqual(tiny.width, 0)
        XCTAssertLessThanOrEqual(tiny.width, 1)
        XCTAssertEqual(Rect(width: 3, height: 3).inset(by: 5), Rect(x: 1, y: 1, width: 1, height: 1))
    }

    func testCenteredIsClampedAndCentred() {
        XCTAssertEqual(Rect(width: 80, height: 24).centered(width: 40, height: 10), Rect(x: 20, y: 7, width: 40, height: 10))
        XCTAssertEqual(Rect(x: 5, y: 5, width: 10, height: 4).centered(width: 50, height: 50), Rect(x: 5, y: 5, width: 10, height: 4))
    }

    func testContainsAndRow() {
        let rect = Rect(x: 2, y: 2, width: 3, height: 2)
        XCTAssertTrue(rect.contains(x: 2, y: 2))
        XCTAssertTrue(rect.contains(x: 4, y: 3))
        XCTAssertFalse(rect.contains(x: 5, y: 3))
        XCTAssertFalse(rect.contains(x: 2, y: 4))
        XCTAssertEqual(rect.row(1), Rect(x: 2, y: 3, width: 3, height: 1))
        XCTAssertTrue(rect.row(2).isEmpty)
    }
}
