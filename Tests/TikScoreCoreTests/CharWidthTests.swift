import TikScoreTestSupport
import XCTest
@testable import TikScoreCore

final class CharWidthTests: XCTestCase {
    func testASCIIAndControl() {
        XCTAssertEqual(CharWidth.width(Character("a")), 1)
        XCTAssertEqual(CharWidth.width(Character("\u{7}")), 0)
        XCTAssertEqual(CharWidth.width(Character("\u{1B}")), 0)
        XCTAssertEqual(CharWidth.width("hello"), 5)
        XCTAssertEqual(CharWidth.width(""), 0)
    }

    func testCJKIsWide() {
        XCTAssertEqual(CharWidth.width(Character("李")), 2)
        XCTAssertEqual(CharWidth.width("李小龙"), 6)
        XCTAssertEqual(CharWidth.width(Character("Ａ")), 2, "fullwidth Latin")
        XCTAssertEqual(CharWidth.width(Character("ｱ")), 1, "halfwidth katakana")
        XCTAssertEqual(CharWidth.width(Character("한")), 2)
    }

    func testEmoji() {
        XCTAssertEqual(CharWidth.width(Character("🎉")), 2)
        XCTAssertEqual(CharWidth.width("🎉Ana"), 5)
        XCTAssertEqual(CharWidth.width(Character("❤️")), 2, "text heart with VS16")
        XCTAssertEqual(CharWidth.width(Character("👍🏽")), 2, "skin tone")
        XCTAssertEqual(CharWidth.width(Character("👨‍👩‍👧")), 2, "ZWJ family")
        XCTAssertEqual(CharWidth.width(Character("🇸🇦")), 2, "flag")
        XCTAssertEqual(CharWidth.width(Character("🌹")), 2)
    }

    func testCombiningMarksAndArabic() {
        XCTAssertEqual(CharWidth.width(Character("e\u{301}")), 1)
        XCTAssertEqual(CharWidth.width(Character("\u{301}")), 0)
        XCTAssertEqual(CharWidth.width("محمد"), 4)
        XCTAssertEqual(CharWidth.width("مُحَمَّد"), 4, "harakat take no column")
        XCTAssertEqual(CharWidth.width("Zoë"), 3)
    }

    func testFallbackTableWhenWcwidthDoesNotKnow() {
        XCTAssertEqual(CharWidth.fallbackWidth(Unicode.Scalar(0x4E00)!), 2)
        XCTAssertEqual(CharWidth.fallbackWidth(Unicode.Scalar(0x301)!), 0)
        XCTAssertEqual(CharWidth.fallbackWidth(Unicode.Scalar(0x41)!), 1)
        XCTAssertEqual(CharWidth.fallbackWidth(Unicode.Scalar(0x1F600)!), 2)
    }

    func testTruncateAddsEllipsisAndNeverSplitsWide() {
        XCTAssertEqual(CharWidth.truncate("abcdef", toWidth: 4), "abc…")
        XCTAssertEqual(CharWidth.truncate("abc", toWidth: 3), "abc")
        XCTAssertEqual(CharWidth.truncate("abc", toWidth: 0), "")
        XCTAssertEqual(CharWidth.truncate("abc", toWidth: -2), "")
        XCTAssertEqual(CharWidth.truncate("李小龙", toWidth: 4), "李…")
        XCTAssertEqual(CharWidth.truncate("李小龙", toWidth: 5), "李小…")
        XCTAssertEqual(CharWidth.truncate("李", toWidth: 1), "…")
        XCTAssertEqual(CharWidth.truncate("abcdef", toWidth: 4, ellipsis: "~"), "abc~")
    }

    func testPadding() {
        XCTAssertEqual(CharWidth.padRight("李", toWidth: 4), "李  ")
        XCTAssertEqual(CharWidth.padLeft("42", toWidth: 5), "   42")
        XCTAssertEqual(CharWidth.center("ab", toWidth: 6), "  ab  ")
        XCTAssertEqual(CharWidth.center("ab", toWidth: 5), " ab  ")
        XCTAssertEqual(CharWidth.padRight("李小龙", toWidth: 5), "李小…")
        XCTAssertEqual(CharWidth.padRight("李小龙", toWidth: 4), "李… ")
        for text in ["🎉Ana", "李小龙", "محمد", "Bob"] {
            XCTAssertEqual(CharWidth.width(CharWidth.padRight(text, toWidth: 7)), 7, text)
            XCTAssertEqual(CharWidth.width(CharWidth.padLeft(text, toWidth: 4)), 4, text)
        }
    }

    func testPrefix() {
        XCTAssertEqual(CharWidth.prefix("李小龙", width: 3), "李")
        XCTAssertEqual(CharWidth.prefix("abc", width: 10), "abc")
    }
}
