import TikScoreCore
import TikScoreTestSupport
import XCTest
@testable import TikScoreTUI

final class HintBarTests: XCTestCase {
    private let items = [HintBar.Item(key: "q", label: "Quit"), .init(key: "r", label: "Recharge"), .init(key: "?", label: "Help")]

    func testAllFit() {
        XCTAssertEqual(HintBar(items: items).rendered(width: 40, height: 1).plainText(), "q Quit  r Recharge  ? Help")
        XCTAssertEqual(HintBar(items: items).rendered(width: 40, height: 1)[0, 0]?.style, Theme.color.hintKey)
        XCTAssertEqual(HintBar(items: items).rendered(width: 40, height: 1)[2, 0]?.style, Theme.color.hintLabel)
    }

    func testItemsThatDoNotFitAreDroppedWhole() {
        XCTAssertEqual(HintBar(items: items).fittingCount(width: 20), 2)
        XCTAssertEqual(HintBar(items: items).rendered(width: 20, height: 1).plainText(), "q Quit  r Recharge")
        XCTAssertEqual(HintBar(items: items).rendered(width: 25, height: 1).plainText(), "q Quit  r Recharge")
        XCTAssertEqual(HintBar(items: items).rendered(width: 4, height: 1).plainText(), "q Q…")
    }

    func testWideKeyNames() {
        let bar = HintBar(items: [.init(key: "↑↓", label: "Move"), .init(key: "李", label: "x")])
        XCTAssertEqual(bar.rendered(width: 13, height: 1).plainText(), "↑↓ Move  李 x")
        XCTAssertEqual(bar.rendered(width: 12, height: 1).plainText(), "↑↓ Move")
    }

    func testTinySizes() {
        XCTAssertEqual(HintBar(items: items).rendered(width: 1, height: 1).plainText(), "…")
        assertClipsAtTinySizes(HintBar(items: items))
        assertClipsAtTinySizes(HintBar(items: []))
    }
}

final class DialogTests: XCTestCase {
    private let dialog = Dialog(title: "Confirm", message: ["Withdraw $100?"], buttons: ["OK", "Cancel"], focusedButton: 1)
    private let screen = Rect(width: 40, height: 10)

    func testLayoutAndGolden() {
        XCTAssertEqual(dialog.box(in: screen), Rect(x: 9, y: 2, width: 22, height: 5))
        let buffer = dialog.rendered(width: 40, height: 10)
        let lines = buffer.plainText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[2], "         ┌ Confirm ───────────┐")
        XCTAssertEqual(lines[3], "         │ Withdraw $100?     │")
        XCTAssertEqual(lines[5], "         │ [ OK ]  [ Cancel ] │")
        XCTAssertEqual(lines[6], "         └────────────────────┘")
        XCTAssertEqual(buffer[19, 5]?.style, Theme.color.buttonFocused)
        XCTAssertEqual(buffer[11, 5]?.style, Theme.color.button)
        GoldenFile.assertMatches(buffer, named: "dialog_confirm")
    }

    func testButtonHitTest() {
        XCTAssertEqual(dialog.button(at: 11, y: 5, in: screen), 0)
        XCTAssertEqual(dialog.button(at: 16, y: 5, in: screen), 0)
        XCTAssertNil(dialog.button(at: 17, y: 5, in: screen), "gap between buttons")
        XCTAssertEqual(dialog.button(at: 28, y: 5, in: screen), 1)
        XCTAssertNil(dialog.button(at: 29, y: 5, in: screen))
        XCTAssertNil(dialog.button(at: 12, y: 4, in: screen))
    }

    func testDrawsOverContent() {
        var buffer = Buffer(width: 40, height: 10, fill: Cell("x"))
        dialog.render(in: screen, buffer: &buffer)
        XCTAssertEqual(buffer[12, 4]?.symbol, " ", "inside cleared")
        XCTAssertEqual(buffer[8, 4]?.symbol, "x", "outside kept")
    }

    func testWrapsLongMessagesInNarrowScreens() {
        let long = Dialog(title: "Error", message: ["You need at least 20000 earned points to withdraw."], buttons: ["OK"])
        let buffer = long.rendered(width: 24, height: 10)
        XCTAssertEqual(long.box(in: Rect(width: 24, height: 10)).width, 24)
        XCTAssertTrue(buffer.plainText().contains("│ You need at least    │"), buffer.plainText())
        XCTAssertNotNil(long.button(at: 10, y: long.box(in: Rect(width: 24, height: 10)).bottom - 2, in: Rect(width: 24, height: 10)))
    }

    func testTinySizes() {
        XCTAssertEqual(dialog.rendered(width: 1, height: 1).plainText(), "")
        XCTAssertNil(dialog.button(at: 0, y: 0, in: Rect(width: 1, height: 1)))
        XCTAssertNil(dialog.button(at: 0, y: 0, in: .zero))
        assertClipsAtTinySizes(dialog)
        let small = dialog.rendered(width: 10, height: 3).plainText()
        XCTAssertFalse(small.isEmpty)
    }
}

final class TooSmallMessageTests: XCTestCase {
    func testSentence() {
        let message = TooSmallMessage(minimumWidth: 80, minimumHeight: 24)
        XCTAssertEqual(message.text(width: 40, height: 10), "Terminal too small: need at least 80x24, have 40x10")
        XCTAssertTrue(TooSmallMessage.isTooSmall(Rect(width: 79, height: 30), minimumWidth: 80, minimumHeight: 24))
        XCTAssertTrue(TooSmallMessage.isTooSmall(Rect(width: 80, height: 23), minimumWidth: 80, minimumHeight: 24))
        XCTAssertFalse(TooSmallMessage.isTooSmall(Rect(width: 80, height: 24), minimumWidth: 80, minimumHeight: 24))
    }

    func testRenderedCentredWithTheActualSize() {
        let buffer = TooSmallMessage(minimumWidth: 80, minimumHeight: 24).rendered(width: 60, height: 3)
        XCTAssertEqual(buffer.plainText(), "\n     Terminal too small: need at least 80x24, have 60x3\n")
        let wrapped = TooSmallMessage(minimumWidth: 80, minimumHeight: 24).rendered(width: 20, height: 6).plainText()
        XCTAssertTrue(wrapped.contains("have 20x6"), wrapped)
        XCTAssertTrue(wrapped.contains("Terminal too small:"), wrapped)
    }

    func testTinySizes() {
        XCTAssertEqual(TooSmallMessage(minimumWidth: 80, minimumHeight: 24).rendered(width: 1, height: 1).plainText(), "T")
        assertClipsAtTinySizes(TooSmallMessage(minimumWidth: 80, minimumHeight: 24))
    }
}
