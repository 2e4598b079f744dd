import TikScoreCore
import TikScoreTestSupport
import XCTest
@testable import TikScoreTUI

final class BlockTests: XCTestCase {
    func testBorderAndTitle() {
        let buffer = Block(title: "Wallet").rendered(width: 12, height: 3)
        XCTAssertEqual(buffer.plainText(), "┌ Wallet ──┐\n│          │\n└──────────┘")
    }

    func testLongTitleIsTruncated() {
        XCTAssertEqual(Block(title: "Wallet").rendered(width: 6, height: 2).plainText(), "┌Wal…┐\n└────┘")
    }

    func testASCIIBorders() {
        let buffer = Block(title: "W", symbols: .ascii).rendered(width: 6, height: 3)
        XCTAssertEqual(buffer.plainText(), "+ W -+\n|    |\n+----+")
    }

    func testInner() {
        XCTAssertEqual(Block().inner(Rect(width: 10, height: 4)), Rect(x: 1, y: 1, width: 8, height: 2))
        XCTAssertTrue(Block().inner(Rect(width: 1, height: 1)).isEmpty)
        XCTAssertEqual(Block(borders: false).inner(Rect(width: 3, height: 3)), Rect(width: 3, height: 3))
    }

    func testTinySizes() {
        XCTAssertEqual(Block(title: "Wallet").rendered(width: 1, height: 1).plainText(), "")
        XCTAssertEqual(Block(title: "Wallet").rendered(width: 2, height: 2).plainText(), "┌┐\n└┘")
        assertClipsAtTinySizes(Block(title: "Wallet"))
        assertClipsAtTinySizes(Block(title: "Wallet", borders: false))
    }
}

final class ParagraphTests: XCTestCase {
    func testWrapAtWords() {
        XCTAssertEqual(Paragraph.wrap("one two three", width: 7), ["one two", "three"])
        XCTAssertEqual(Paragraph.wrap("a\n\nb", width: 5), ["a", "", "b"])
        XCTAssertEqual(Paragraph.wrap("anything", width: 0), [])
    }

    func testLongWordsAreBrokenAndWideCharactersKeptWhole() {
        XCTAssertEqual(Paragraph.wrap("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
        XCTAssertEqual(Paragraph.wrap("李小龙", width: 3), ["李", "小", "龙"])
        XCTAssertEqual(Paragraph.wrap("go 李小龙", width: 4), ["go", "李小", "龙"])
    }

    func testRender() {
        let buffer = Paragraph(text: "Hello world again").rendered(width: 11, height: 2)
        XCTAssertEqual(buffer.plainText(), "Hello world\nagain")
    }

    func testRenderClipsToHeightAndScrolls() {
        XCTAssertEqual(Paragraph(text: "a b c d").rendered(width: 1, height: 2).plainText(), "a\nb")
        XCTAssertEqual(Paragraph(text: "a b c d", scroll: 2).rendered(width: 1, height: 2).plainText(), "c\nd")
    }

    func testAlignment() {
        XCTAssertEqual(Paragraph(text: "ab", alignment: .center).rendered(width: 6, height: 1).plainText(), "  ab")
        XCTAssertEqual(Paragraph(text: "ab", alignment: .right).rendered(width: 6, height: 1).plainText(), "    ab")
        XCTAssertEqual(Paragraph(text: "李", alignment: .right).rendered(width: 5, height: 1).plainText(), "   李")
    }

    func testTinySizes() {
        XCTAssertEqual(Paragraph(text: "Hello world").rendered(width: 1, height: 1).plainText(), "H")
        XCTAssertEqual(Paragraph(text: "李").rendered(width: 1, height: 1).plainText(), "", "a wide char cannot show in one column")
        assertClipsAtTinySizes(Paragraph(text: "Hello world"))
        assertClipsAtTinySizes(Paragraph(text: "李小龙", alignment: .center))
    }
}
