import TikScoreCore
import TikScoreTestSupport
import XCTest
@testable import TikScoreTUI

/// What can be checked without a terminal: key code mapping and that an unstarted backend is inert.
final class NCursesBackendTests: XCTestCase {
    func testCharacterCodes() {
        XCTAssertEqual(NCursesBackend.characterKey(13), .enter)
        XCTAssertEqual(NCursesBackend.characterKey(10), .enter)
        XCTAssertEqual(NCursesBackend.characterKey(9), .tab)
        XCTAssertEqual(NCursesBackend.characterKey(27), .esc)
        XCTAssertEqual(NCursesBackend.characterKey(127), .backspace)
        XCTAssertEqual(NCursesBackend.characterKey(12), .ctrl("l"))
        XCTAssertEqual(NCursesBackend.characterKey(1), .ctrl("a"))
        XCTAssertEqual(NCursesBackend.characterKey(0x61), .char("a"))
        XCTAssertEqual(NCursesBackend.characterKey(0x674E), .char("李"))
        XCTAssertEqual(NCursesBackend.characterKey(0x1F389), .char("🎉"))
        XCTAssertEqual(NCursesBackend.characterKey(0xD800), .unknown(0xD800), "lone surrogate")
    }

    func testFunctionKeyCodes() {
        // ncurses' KEY_* values (curses.h): stable across versions
        XCTAssertEqual(NCursesBackend.functionKey(0o402), .down)
        XCTAssertEqual(NCursesBackend.functionKey(0o403), .up)
        XCTAssertEqual(NCursesBackend.functionKey(0o404), .left)
        XCTAssertEqual(NCursesBackend.functionKey(0o405), .right)
        XCTAssertEqual(NCursesBackend.functionKey(0o406), .home)
        XCTAssertEqual(NCursesBackend.functionKey(0o550), .end)
        XCTAssertEqual(NCursesBackend.functionKey(0o407), .backspace)
        XCTAssertEqual(NCursesBackend.functionKey(0o512), .delete)
        XCTAssertEqual(NCursesBackend.functionKey(0o523), .pageUp)
        XCTAssertEqual(NCursesBackend.functionKey(0o522), .pageDown)
        XCTAssertEqual(NCursesBackend.functionKey(0o541), .backTab)
        XCTAssertEqual(NCursesBackend.functionKey(0o527), .enter)
        XCTAssertEqual(NCursesBackend.functionKey(0o632), .resize)
        XCTAssertEqual(NCursesBackend.functionKey(0o410 + 1), .f(1))
        XCTAssertEqual(NCursesBackend.functionKey(0o410 + 12), .f(12))
        XCTAssertEqual(NCursesBackend.functionKey(0o777), .unknown(0o777))
    }

    func testUnstartedBackendIsInert() {
        let backend = NCursesBackend()
        XCTAssertTrue(backend.size() == (0, 0))
        XCTAssertNil(backend.readKey(timeoutMs: 0))
        backend.draw(Buffer(width: 3, height: 1).diff(from: Buffer(width: 0, height: 0)))
        backend.clear()
        XCTAssertEqual(backend.nextEvents(timeoutMs: 0), [])
        backend.stop()
        backend.stop()
    }

    func testStartRefusesWithoutATerminal() throws {
        guard isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0 else {
            throw XCTSkip("running on a terminal")
        }
        XCTAssertThrowsError(try NCursesBackend().start(mouse: false, color: false))
    }
}
