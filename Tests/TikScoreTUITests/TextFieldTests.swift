import TikScoreCore
import TikScoreTestSupport
import XCTest
@testable import TikScoreTUI

final class TextFieldTests: XCTestCase {
    func testTypingAndCursorMovement() {
        var field = TextField()
        for c in "abd" { field = field.inserting(c) }
        XCTAssertEqual(field.value, "abd")
        XCTAssertEqual(field.cursor, 3)
        field = field.movingLeft().inserting("c")
        XCTAssertEqual(field.value, "abcd")
        XCTAssertEqual(field.cursor, 3)
        field = field.movingHome().inserting(">")
        XCTAssertEqual(field.value, ">abcd")
        XCTAssertEqual(field.cursor, 1)
        field = field.movingEnd()
        XCTAssertEqual(field.cursor, 5)
        XCTAssertEqual(field.movingRight().cursor, 5, "stops at the end")
        XCTAssertEqual(field.movingHome().movingLeft().cursor, 0, "stops at the start")
    }

    func testDeleting() {
        let field = TextField(value: "abc")
        XCTAssertEqual(field.deletingBackward().value, "ab")
        XCTAssertEqual(field.deletingBackward().cursor, 2)
        XCTAssertEqual(field.deletingForward().value, "abc", "nothing under the cursor at the end")
        XCTAssertEqual(field.movingHome().deletingForward().value, "bc")
        XCTAssertEqual(field.movingHome().deletingBackward().value, "abc", "nothing before the start")
        XCTAssertEqual(field.movingLeft().deletingToStart().value, "c")
        XCTAssertEqual(field.movingLeft().deletingToStart().cursor, 0)
    }

    func testOperationsArePure() {
        let field = TextField(value: "abc")
        _ = field.deletingBackward().inserting("x")
        XCTAssertEqual(field.value, "abc")
        XCTAssertEqual(field.cursor, 3)
    }

    func testGraphemesAreEditedWhole() {
        let field = TextField(value: "李🎉e\u{301}")
        XCTAssertEqual(field.cursor, 3)
        XCTAssertEqual(field.deletingBackward().value, "李🎉")
        XCTAssertEqual(field.deletingBackward().deletingBackward().value, "李")
    }

    func testFiltersAndMaxLength() {
        var digits = TextField(maxLength: 3, filter: .digits)
        for c in "12a34" { digits = digits.inserting(c) }
        XCTAssertEqual(digits.value, "123")
        var decimal = TextField(filter: .decimal)
        for c in "1.5.0" { decimal = decimal.inserting(c) }
        XCTAssertEqual(decimal.value, "1.50")
        XCTAssertEqual(TextField().inserting("\u{7}").value, "", "control characters refused")
    }

    func testKeyHandling() {
        var field = TextField()
        let keys: [Key] = [.char("a"), .char("c"), .left, .char("b"), .end, .backspace, .home, .delete, .right]
        for key in keys {
            guard let next = field.handling(key) else { return XCTFail("\(key) should edit") }
            field = next
        }
        XCTAssertEqual(field.value, "b")
        XCTAssertEqual(field.cursor, 1)
        XCTAssertNil(field.handling(.enter))
        XCTAssertNil(field.handling(.esc))
        XCTAssertNil(field.handling(.up))
        XCTAssertEqual(TextField(value: "abc").handling(.ctrl("u"))?.value, "")
        XCTAssertEqual(TextField(value: "abc").handling(.ctrl("a"))?.cursor, 0)
    }

    func testRenderValueCursorAndError() {
        let field = TextField(value: "hello", error: "Too low")
        let buffer = field.rendered(width: 10, height: 2)
        XCTAssertEqual(buffer.plainText(), "hello\n✗ Too low")
        XCTAssertEqual(buffer[5, 0]?.style, Theme.color.cursor, "cursor after the text")
        XCTAssertEqual(buffer[0, 0]?.style, Theme.color.text)
        XCTAssertEqual(buffer[0, 1]?.style, Theme.color.error)
        XCTAssertEqual(field.movingHome().rendered(width: 10, height: 1)[0, 0]?.style, Theme.color.cursor)
        XCTAssertEqual(field.rendered(width: 10, height: 1).plainText(), "hello", "no error row when only one row")
    }

    func testPlaceholderAndUnfocused() {
        let field = TextField(placeholder: "PayPal e-mail")
        let buffer = field.rendered(width: 20, height: 1)
        XCTAssertEqual(buffer.plainText(), "PayPal e-mail")
        XCTAssertEqual(buffer[0, 0]?.style, Theme.color.cursor)
        XCTAssertEqual(buffer[1, 0]?.style, Theme.color.muted)
        var unfocused = field
        unfocused.focused = false
        XCTAssertEqual(unfocused.rendered(width: 20, height: 1)[0, 0]?.style, Theme.color.muted)
    }

    func testScrollsToKeepTheCursorVisible() {
        let field = TextField(value: "abcdefghij")
        let end = field.rendered(width: 5, height: 1)
        XCTAssertEqual(end.plainText(), "ghij")
        XCTAssertEqual(end[4, 0]?.style, Theme.color.cursor)
        XCTAssertEqual(field.movingHome().rendered(width: 5, height: 1).plainText(), "abcde")
        let wide = TextField(value: "李小龙").rendered(width: 4, height: 1)
        XCTAssertEqual(wide.plainText(), "龙")
        XCTAssertEqual(wide[2, 0]?.style, Theme.color.cursor)
    }

    func testTinySizes() {
        XCTAssertEqual(TextField(value: "abc").rendered(width: 1, height: 1).plainText(), "")
        XCTAssertEqual(TextField(value: "abc").movingHome().rendered(width: 1, height: 1).plainText(), "a")
        assertClipsAtTinySizes(TextField(value: "李小龙", error: "bad"))
        assertClipsAtTinySizes(TextField(placeholder: "Amount"))
    }
}
