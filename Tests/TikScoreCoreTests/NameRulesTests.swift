import TikScoreCore
import TikScoreTestSupport
import XCTest

/// Names are what they look like.
final class NameRulesTests: XCTestCase {
    func testInvisibleAndDirectionCharactersAreRefused() {
        for (name, why) in [("mia\u{200B}", "an invisible character (U+200B)"), ("\u{202E}leo", "a text-direction control (U+202E)"),
                            ("a\u{2066}b", "a text-direction control (U+2066)"), ("x\u{FEFF}", "an invisible character (U+FEFF)"),
                            ("tab\there", "control characters (U+0009)"), ("line\u{2028}break", "control characters (U+2028)"),
                            ("soft\u{00AD}hyphen", "an invisible character (U+00AD)"), ("\u{200D}leo", "an invisible character (U+200D)"),
                            ("a\u{200C}1", "an invisible character (U+200C)")] {
            let error = assertWalletError(.invalidName, try NameRules.clean(name), name)
            XCTAssertEqual(error?.message, "an account name cannot contain \(why)", name)
        }
        assertWalletError(.invalidName, try NameRules.clean(" \u{200B} "))
        assertWalletError(.invalidName, try NameRules.clean("   "))
    }

    func testJoinersInsideEmojiAndBetweenLettersAreKept() throws {
        XCTAssertEqual(try NameRules.clean("family 👨‍👩‍👧"), "family 👨‍👩‍👧")
        XCTAssertEqual(try NameRules.clean("❤️‍🔥 fan"), "❤️‍🔥 fan")
        assertWalletError(.invalidName, try NameRules.clean("👋🏽\u{200D}x"), "a joiner must join two emoji")
    }

    func testNamesAreStoredNFCAndTrimmed() throws {
        XCTAssertEqual(try NameRules.clean("  E\u{301}va "), "Éva")
        XCTAssertEqual(try NameRules.clean("می\u{200C}خواهم"), "می\u{200C}خواهم")
    }

    func testAnOlderNameBreakingTheRulesIsNotedNotRefused() {
        XCTAssertEqual(NameRules.note(onStored: "mia\u{200B}", id: 7),
                       "account 7 'mia' has an invisible character (U+200B) in its name; it keeps working, but a new account could not be called so")
        XCTAssertNil(NameRules.note(onStored: "mia", id: 1))
    }
}
