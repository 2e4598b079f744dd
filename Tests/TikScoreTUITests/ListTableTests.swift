import TikScoreCore
import TikScoreTestSupport
import XCTest
@testable import TikScoreTUI

final class ListViewTests: XCTestCase {
    private let items = ["Recharge", "Withdraw", "Gift cards", "Live", "History"]

    func testRendersSelectionMarker() {
        let buffer = ListView(items: Array(items.prefix(3)), selected: 1).rendered(width: 14, height: 4)
        XCTAssertEqual(buffer.plainText(), "  Recharge\n› Withdraw\n  Gift cards\n")
        XCTAssertEqual(buffer[5, 1]?.style, Theme.color.selection, "selected row highlighted")
        XCTAssertEqual(buffer[13, 1]?.style, Theme.color.selection, "highlight spans the row")
        XCTAssertEqual(buffer[5, 0]?.style, Theme.color.text)
    }

    func testScrollKeepsSelectionVisible() {
        var list = ListView(items: items, selected: 3)
        XCTAssertEqual(list.visibleOffset(height: 2), 2)
        XCTAssertEqual(list.rendered(width: 12, height: 2).plainText(), "  Gift cards\n› Live")
        list.offset = 2
        list.selected = 0
        XCTAssertEqual(list.visibleOffset(height: 2), 0, "scrolls back up")
        list.offset = 1
        list.selected = 2
        XCTAssertEqual(list.visibleOffset(height: 3), 1, "no move while the selection is visible")
        list.offset = 99
        list.selected = nil
        XCTAssertEqual(list.visibleOffset(height: 3), 2, "offset clamped to the content")
    }

    func testRowHitTesting() {
        let list = ListView(items: items, selected: 4)
        let area = Rect(x: 0, y: 3, width: 20, height: 2)
        XCTAssertEqual(list.row(at: 3, in: area), 3)
        XCTAssertEqual(list.row(at: 4, in: area), 4)
        XCTAssertNil(list.row(at: 2, in: area))
        XCTAssertNil(list.row(at: 5, in: area))
        XCTAssertNil(ListView(items: ["a"]).row(at: 4, in: area), "below the last item")
        XCTAssertNil(list.row(at: 0, in: .zero))
    }

    func testTruncatesWithEllipsis() {
        XCTAssertEqual(ListView(items: ["Gift cards"], selected: 0).rendered(width: 6, height: 1).plainText(), "› Gif…")
    }

    func testTinySizes() {
        let list = ListView(items: items, selected: 2)
        XCTAssertEqual(list.rendered(width: 1, height: 1).plainText(), "…")
        assertClipsAtTinySizes(list)
        assertClipsAtTinySizes(ListView(items: []))
    }
}

final class TableTests: XCTestCase {
    private let columns = [
        Table.Column(title: "Supporter", width: .fill(1)),
        Table.Column(title: "Points", width: .length(6), alignment: .right),
    ]

    func testWideNamesKeepTheNumberColumnAligned() {
        let table = Table(columns: columns, rows: [["🎉Ana", "1200"], ["李小龙", "30"], ["محمد", "5"], ["Bob", "75000"]])
        let buffer = table.rendered(width: 20, height: 5)
        let lines = buffer.plainText().split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 5)
        XCTAssertEqual(lines[0], "Supporter     Points")
        for line in lines {
            XCTAssertEqual(CharWidth.width(line), 20, "every line ends at the right edge: \(line)")
        }
        // the points column reads the same, cell by cell, whatever the names are made of
        let pointsColumn = (1...4).map { y in (14..<20).map { buffer[$0, y]?.symbol ?? "?" }.joined() }
        XCTAssertEqual(pointsColumn, ["  1200", "    30", "     5", " 75000"])
        XCTAssertEqual(lines[1], "🎉Ana           1200")
        XCTAssertEqual(lines[2], "李小龙            30")
        GoldenFile.assertMatches(buffer, named: "table_wide_names")
    }

    func testLongCellsAreTruncatedWithinTheirColumn() {
        let table = Table(columns: columns, rows: [["Supercalifragilistic", "1234567"]])
        let lines = table.rendered(width: 16, height: 2).plainText().split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[1], "Supercal… 12345…")
    }

    func testSelectionScrollAndHitTest() {
        let rows = (0..<10).map { ["name\($0)", "\($0)"] }
        let table = Table(columns: columns, rows: rows, selected: 6)
        let area = Rect(x: 0, y: 0, width: 20, height: 4) // header + 3 rows
        XCTAssertEqual(table.visibleOffset(visibleRows: 3), 4)
        let lines = table.rendered(width: 20, height: 4).plainText().split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.map { String($0.prefix(5)) }, ["Suppo", "name4", "name5", "name6"])
        XCTAssertNil(table.row(at: 0, in: area), "header row")
        XCTAssertEqual(table.row(at: 3, in: area), 6)
    }

    func testTinySizes() {
        let table = Table(columns: columns, rows: [["李小龙", "30"]], selected: 0)
        XCTAssertEqual(table.rendered(width: 1, height: 1).plainText(), "", "no room for a column after the spacing")
        assertClipsAtTinySizes(table)
        assertClipsAtTinySizes(Table(columns: [], rows: [["x"]]))
    }
}
