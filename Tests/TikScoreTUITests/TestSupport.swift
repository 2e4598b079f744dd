import TikScoreCore
import XCTest
@testable import TikScoreTUI

/// Renders `widget` at 1x1 and 0x0 (and inside an offset area of a bigger buffer) and checks
/// that nothing is written outside the area and nothing crashes.
func assertClipsAtTinySizes(_ widget: some Widget, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(widget.rendered(width: 0, height: 0).plainText(), "", "0x0", file: file, line: line)
    let tiny = widget.rendered(width: 1, height: 1)
    XCTAssertLessThanOrEqual(CharWidth.width(tiny.plainText()), 1, "1x1 shows at most one column", file: file, line: line)
    // a 1x1 and a 0x0 area inside a 5x3 buffer: only the cell at (2, 1) may change
    var buffer = Buffer(width: 5, height: 3, fill: Cell("."))
    widget.render(in: Rect(x: 2, y: 1, width: 1, height: 1), buffer: &buffer)
    widget.render(in: Rect(x: 4, y: 2, width: 0, height: 0), buffer: &buffer)
    widget.render(in: Rect(x: -3, y: -3, width: 2, height: 2), buffer: &buffer)
    let lines = buffer.plainText().split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertEqual(lines.count, 3, file: file, line: line)
    XCTAssertEqual(lines.first, ".....", "row above untouched", file: file, line: line)
    XCTAssertEqual(lines.last, ".....", "row below untouched", file: file, line: line)
    if lines.count == 3 {
        let middle = Array(lines[1])
        XCTAssertEqual(String(middle.prefix(2)), "..", "left of the area untouched", file: file, line: line)
        XCTAssertEqual(String(middle.suffix(2)), "..", "right of the area untouched", file: file, line: line)
    }
}
