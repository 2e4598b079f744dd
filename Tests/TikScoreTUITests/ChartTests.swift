import TikScoreCore
import TikScoreTestSupport
import XCTest
@testable import TikScoreTUI

final class SparklineTests: XCTestCase {
    func testUnicodeLevels() {
        let spark = Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7, 8], maximum: 8)
        XCTAssertEqual(spark.rendered(width: 9, height: 1).plainText(), " ▁▂▃▄▅▆▇█")
    }

    func testASCIILevels() {
        let spark = Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7, 8], maximum: 8, symbols: .ascii)
        XCTAssertEqual(spark.rendered(width: 9, height: 1).plainText(), " ___.--=#")
    }

    func testTwoRowsAndLatestValuesWhenTooMany() {
        XCTAssertEqual(Sparkline(values: [4, 8, 16]).rendered(width: 3, height: 2).plainText(), "  █\n▄██")
        XCTAssertEqual(Sparkline(values: [1, 2, 3, 8], maximum: 8).rendered(width: 2, height: 1).plainText(), "▃█")
    }

    func testValuesAboveMaximumAndNegativeValuesAreClamped() {
        XCTAssertEqual(Sparkline(values: [-5, 100], maximum: 8).rendered(width: 2, height: 1).plainText(), " █")
        XCTAssertEqual(Sparkline(values: [0, 0]).rendered(width: 2, height: 1).plainText(), "")
        XCTAssertEqual(Sparkline.scaled(Int.max, maximum: Int.max, units: 8), 8, "no overflow")
    }

    func testTinySizes() {
        XCTAssertEqual(Sparkline(values: [1, 8]).rendered(width: 1, height: 1).plainText(), "█")
        assertClipsAtTinySizes(Sparkline(values: [1, 2, 3]))
    }
}

final class GaugeTests: XCTestCase {
    func testFilledShareAndPercentLabel() {
        XCTAssertEqual(Gauge(value: 1, total: 4, label: "").rendered(width: 8, height: 1).plainText(), "██░░░░░░")
        XCTAssertEqual(Gauge(value: 1, total: 4).rendered(width: 8, height: 1).plainText(), "██25%░░░")
        XCTAssertEqual(Gauge(value: 1, total: 3).percent, 33)
    }

    func testCustomLabelAndClamping() {
        XCTAssertEqual(Gauge(value: 10, total: 4).rendered(width: 6, height: 1).plainText(), "█100%█")
        XCTAssertEqual(Gauge(value: 5, total: 0).rendered(width: 4, height: 1).plainText(), "░0%░")
        XCTAssertEqual(
            Gauge(value: 12_000, total: 20_000, label: "12000/20000", symbols: .ascii).rendered(width: 15, height: 1).plainText(),
            "##12000/20000--")
        XCTAssertEqual(Gauge(value: Int.max - 1, total: Int.max).filled(width: 10), 9, "no overflow")
    }

    func testLabelOnMiddleRow() {
        XCTAssertEqual(Gauge(value: 0, total: 1, symbols: .ascii).rendered(width: 4, height: 3).plainText(), "----\n-0%-\n----")
    }

    func testTinySizes() {
        XCTAssertEqual(Gauge(value: 1, total: 2).rendered(width: 1, height: 1).plainText(), "…")
        assertClipsAtTinySizes(Gauge(value: 1, total: 2))
    }
}

final class TugOfWarBarTests: XCTestCase {
    func testShare() {
        XCTAssertEqual(TugOfWarBar.leftColumns(width: 10, left: 3, right: 1), 8)
        XCTAssertEqual(TugOfWarBar.leftColumns(width: 10, left: 0, right: 0), 5)
        XCTAssertEqual(TugOfWarBar.leftColumns(width: 10, left: 0, right: 5), 0)
        XCTAssertEqual(TugOfWarBar.leftColumns(width: 10, left: 5, right: 0), 10)
        XCTAssertEqual(TugOfWarBar.leftColumns(width: 10, left: -4, right: 5), 0)
        XCTAssertEqual(TugOfWarBar.leftColumns(width: 10, left: Int.max, right: Int.max), 5, "no overflow")
        XCTAssertEqual(TugOfWarBar.leftColumns(width: 0, left: 1, right: 1), 0)
    }

    func testLabelsAndBar() {
        let bar = TugOfWarBar(leftLabel: "Ana", leftScore: 1200, rightLabel: "Bo", rightScore: 800)
        // Scores are grouped like every other number (the trust issue asked for it).
        XCTAssertEqual(bar.rendered(width: 20, height: 2).plainText(), "Ana 1,200     800 Bo\n████████████░░░░░░░░")
        XCTAssertEqual(bar.rendered(width: 20, height: 1).plainText(), "1,200███████░░░░░800")
    }

    func testWideLabelsAreCutToTheirHalf() {
        let bar = TugOfWarBar(leftLabel: "李小龙李小龙", leftScore: 1, rightLabel: "🎉🎉🎉🎉", rightScore: 1, symbols: .ascii)
        let lines = bar.rendered(width: 12, height: 2).plainText().split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[1], "######------")
        XCTAssertLessThanOrEqual(CharWidth.width(lines[0]), 12)
        XCTAssertTrue(lines[0].hasPrefix("李小~"), lines[0])
    }

    func testTinySizes() {
        let bar = TugOfWarBar(leftLabel: "A", leftScore: 3, rightLabel: "B", rightScore: 1)
        XCTAssertEqual(bar.rendered(width: 1, height: 1).plainText(), "█")
        assertClipsAtTinySizes(bar)
    }
}

final class StepperTests: XCTestCase {
    private let steps = ["Eligibility", "Amount", "PayPal", "Confirm", "Status"]

    func testFullRow() {
        let stepper = Stepper(steps: steps, current: 1)
        XCTAssertEqual(stepper.fullText, "✓ Eligibility › ● Amount › ○ PayPal › ○ Confirm › ○ Status")
        XCTAssertEqual(stepper.rendered(width: 70, height: 1).plainText(), stepper.fullText)
        XCTAssertEqual(stepper.rendered(width: 70, height: 1)[0, 0]?.style, Theme.color.stepDone)
        XCTAssertEqual(stepper.rendered(width: 70, height: 1)[16, 0]?.style, Theme.color.stepCurrent)
    }

    func testASCII() {
        XCTAssertEqual(Stepper(steps: ["A", "B", "C"], current: 1, symbols: .ascii).fullText, "+ A > * B > o C")
    }

    func testCompactWhenNarrow() {
        XCTAssertEqual(Stepper(steps: steps, current: 1).rendered(width: 20, height: 1).plainText(), "● 2/5 Amount")
        XCTAssertEqual(Stepper(steps: steps, current: 5).rendered(width: 20, height: 1).plainText(), "✓ 5/5 Status")
        XCTAssertEqual(Stepper(steps: steps, current: 1).rendered(width: 5, height: 1).plainText(), "● 2/…")
    }

    func testTinySizes() {
        XCTAssertEqual(Stepper(steps: steps, current: 0).rendered(width: 1, height: 1).plainText(), "…")
        assertClipsAtTinySizes(Stepper(steps: steps, current: 2))
        assertClipsAtTinySizes(Stepper(steps: [], current: 0))
    }
}

final class SpinnerTests: XCTestCase {
    func testFramesFollowTicks() {
        XCTAssertEqual(Spinner.frame(tick: 0, symbols: .ascii), "|")
        XCTAssertEqual(Spinner.frame(tick: 5, symbols: .ascii), "/")
        XCTAssertEqual(Spinner.frame(tick: -1, symbols: .ascii), "\\")
        XCTAssertEqual(Spinner.frame(tick: 10), Spinner.frame(tick: 0))
        XCTAssertNotEqual(Spinner.frame(tick: 1), Spinner.frame(tick: 0))
    }

    func testRender() {
        XCTAssertEqual(Spinner(tick: 2, label: "Waiting for PayPal", symbols: .ascii).rendered(width: 30, height: 1).plainText(), "- Waiting for PayPal")
        XCTAssertEqual(Spinner(tick: 0, label: "Loading").rendered(width: 6, height: 1).plainText(), "⠋ Loa…")
    }

    func testTinySizes() {
        XCTAssertEqual(Spinner(tick: 0, label: "x", symbols: .ascii).rendered(width: 1, height: 1).plainText(), "~")
        assertClipsAtTinySizes(Spinner(tick: 3, label: "Loading"))
    }
}
