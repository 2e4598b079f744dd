import TikScoreCore
import TikScoreTestSupport
import XCTest
@testable import TikScoreTUI

final class BufferTests: XCTestCase {
    func testSetStringAndPlainText() {
        var buffer = Buffer(width: 10, height: 2)
        let end = buffer.set(string: "Hi 李", x: 1, y: 0)
        XCTAssertEqual(end, 6)
        XCTAssertEqual(buffer.plainText(), " Hi 李\n")
        XCTAssertEqual(buffer[4, 0]?.symbol, "李")
        XCTAssertEqual(buffer[4, 0]?.width, 2)
        XCTAssertEqual(buffer[5, 0]?.isContinuation, true)
        XCTAssertEqual(buffer.line(0), " Hi 李    ", "line keeps trailing spaces; wide char counted once")
    }

    func testMaxWidthAndRightEdgeClip() {
        var buffer = Buffer(width: 5, height: 1)
        buffer.set(string: "abcdefgh", x: 0, y: 0, maxWidth: 3)
        XCTAssertEqual(buffer.plainText(), "abc")
        buffer.set(string: "xyz", x: 3, y: 0)
        XCTAssertEqual(buffer.plainText(), "abcxy")
    }

    func testWideCharacterThatDoesNotFitIsLeftOut() {
        var buffer = Buffer(width: 5, height: 1)
        buffer.set(string: "ab李小", x: 0, y: 0)
        XCTAssertEqual(buffer.plainText(), "ab李", "小 would need columns 4-5")
        XCTAssertEqual(buffer[4, 0]?.symbol, " ")
        var edge = Buffer(width: 3, height: 1)
        edge.put(Cell("李"), x: 2, y: 0)
        XCTAssertEqual(edge[2, 0]?.symbol, " ", "no half glyph at the right edge")
    }

    func testOverwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.set(string: "李", x: 0, y: 0)
        buffer.set(string: "a", x: 1, y: 0)
        XCTAssertEqual(buffer.plainText(), " a")
        XCTAssertFalse(buffer[1, 0]?.isContinuation ?? true)

        buffer.set(string: "小", x: 2, y: 0)
        buffer.set(string: "b", x: 2, y: 0)
        XCTAssertEqual(buffer.plainText(), " ab")
        XCTAssertEqual(buffer[3, 0]?.symbol, " ")

        buffer.set(string: "龙", x: 1, y: 0)
        XCTAssertEqual(buffer.plainText(), " 龙")
        XCTAssertEqual(buffer[2, 0]?.isContinuation, true)
    }

    func testNegativeAndOutsideCoordinatesDoNotCrash() {
        var buffer = Buffer(width: 4, height: 2)
        buffer.set(string: "abcdef", x: -2, y: 0)
        XCTAssertEqual(buffer.plainText(), "cdef\n")
        buffer.set(string: "zzz", x: 0, y: -1)
        buffer.set(string: "zzz", x: 0, y: 2)
        buffer.set(string: "zzz", x: 10, y: 1)
        buffer.set(string: "李x", x: -1, y: 1)
        XCTAssertEqual(buffer.plainText(), "cdef\n x", "李 starts left of the buffer and is skipped whole")
        XCTAssertNil(buffer[-1, 0])
        XCTAssertNil(buffer[4, 0])
    }

    func testZeroAndNegativeSizedBuffers() {
        var empty = Buffer(width: 0, height: 0)
        empty.set(string: "abc", x: 0, y: 0)
        empty.fill(Rect(width: 5, height: 5), with: Cell("x"))
        empty.setStyle(Rect(width: 5, height: 5), .plain.bolded())
        XCTAssertEqual(empty.plainText(), "")
        XCTAssertEqual(empty.diff(from: empty), [])
        let negative = Buffer(width: -3, height: -3)
        XCTAssertEqual(negative.width, 0)
        XCTAssertEqual(negative.plainText(), "")
    }

    func testFillClipsAndKeepsWideCellsWhole() {
        var buffer = Buffer(width: 5, height: 2)
        buffer.fill(Rect(x: 3, y: 1, width: 10, height: 10), with: Cell("#"))
        XCTAssertEqual(buffer.plainText(), "\n   ##")
        buffer.fill(Rect(width: 5, height: 1), with: Cell("李"))
        XCTAssertEqual(buffer.plainText(), "李李\n   ##", "odd width: last column blank")
    }

    func testSetStyleKeepsSymbols() {
        var buffer = Buffer(width: 3, height: 1)
        buffer.set(string: "abc", x: 0, y: 0)
        buffer.setStyle(Rect(x: 1, y: 0, width: 1, height: 1), Style.plain.reversed())
        XCTAssertEqual(buffer.plainText(), "abc")
        XCTAssertEqual(buffer[1, 0]?.style.reverse, true)
        XCTAssertEqual(buffer[0, 0]?.style.reverse, false)
    }

    func testPlainTextTrimsTrailingSpacesPerLine() {
        var buffer = Buffer(width: 6, height: 3)
        buffer.set(string: "a  b", x: 0, y: 0)
        buffer.set(string: "c", x: 2, y: 2)
        XCTAssertEqual(buffer.plainText(), "a  b\n\n  c")
    }

    func testDiffOfIdenticalBuffersIsEmpty() {
        var a = Buffer(width: 8, height: 3)
        a.set(string: "same 李", x: 0, y: 1)
        XCTAssertEqual(a.diff(from: a), [])
    }

    func testDiffReturnsOnlyChangedCells() {
        var old = Buffer(width: 8, height: 3)
        old.set(string: "Balance", x: 0, y: 0)
        var new = old
        new.set(string: "b", x: 0, y: 0)
        new.set(string: "X", x: 7, y: 2, style: Style.plain.bolded())
        let changes = new.diff(from: old)
        XCTAssertEqual(changes.map { [$0.x, $0.y] }, [[0, 0], [7, 2]])
        XCTAssertEqual(changes.map(\.cell.symbol), ["b", "X"])
        XCTAssertEqual(changes.last?.cell.style.bold, true)
    }

    func testDiffSeesStyleOnlyChanges() {
        var old = Buffer(width: 3, height: 1)
        old.set(string: "abc", x: 0, y: 0)
        var new = old
        new.setStyle(Rect(x: 2, y: 0, width: 1, height: 1), Style(foreground: .red))
        XCTAssertEqual(new.diff(from: old).map(\.x), [2])
    }

    func testDiffOfWideCharacterChangeIncludesBothHalves() {
        var old = Buffer(width: 4, height: 1)
        old.set(string: "ab", x: 0, y: 0)
        var new = old
        new.set(string: "李", x: 0, y: 0)
        let changes = new.diff(from: old)
        XCTAssertEqual(changes.map(\.x), [0, 1])
        XCTAssertEqual(changes.map(\.cell.isContinuation), [false, true])
    }

    func testDiffAfterResizeIsEveryCell() {
        let old = Buffer(width: 2, height: 2)
        let new = Buffer(width: 3, height: 2)
        XCTAssertEqual(new.diff(from: old).count, 6)
    }
}
