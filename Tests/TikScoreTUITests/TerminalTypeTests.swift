import XCTest
@testable import TikScoreTUI

/// `$TERM` is checked before curses starts, so an unknown or dumb terminal gets one clear line.
final class TerminalTypeTests: XCTestCase {
    func testATerminalThatCanDrawPasses() {
        XCTAssertNil(TerminalType.problem(with: "xterm-256color"))
        XCTAssertNil(TerminalType.problem(with: "xterm"))
    }

    func testDumbUnknownAndMissingTerminalsAreNamedWithTheWayOut() {
        let dumb = TerminalType.problem(with: "dumb") ?? ""
        XCTAssertTrue(dumb.contains("TERM='dumb' cannot move the cursor"), dumb)
        let unknown = TerminalType.problem(with: "vt52-from-mars") ?? ""
        XCTAssertTrue(unknown.contains("TERM='vt52-from-mars' is not a terminal type"), unknown)
        for problem in [dumb, unknown, TerminalType.problem(with: nil) ?? "", TerminalType.problem(with: "") ?? ""] {
            XCTAssertTrue(problem.contains("TERM=xterm-256color"), problem)
        }
    }

    func testATerminalNameIsShownWithoutItsControlCharacters() {
        let problem = TerminalType.problem(with: "x\u{1B}[2Jy") ?? ""
        XCTAssertFalse(problem.contains("\u{1B}"), problem)
        XCTAssertTrue(problem.contains("x?[2Jy"), problem)
        XCTAssertNotNil(TerminalType.problem(with: "../../etc/passwd"))
    }
}
