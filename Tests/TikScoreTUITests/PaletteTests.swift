import TikScoreCore
import TikScoreTestSupport
import XCTest
@testable import TikScoreTUI

/// The command palette (`:`): fuzzy names, Enter runs, Esc closes, from any screen.
final class PaletteTests: XCTestCase {
    private var fixture: DashboardFixture!

    override func setUp() async throws {
        fixture = try await DashboardFixture.make()
    }

    func testFuzzyNamesFindTheirAction() {
        var palette = PaletteState()
        for (typed, first) in [("with", "Withdraw to PayPal"), ("mywd", "My withdrawals"), ("goal", "LIVE goal"), ("cash", "Withdraw to PayPal"),
                               ("hist", "History"), ("quit", "Quit"), ("top up", "Recharge points")] {
            palette.query = palette.query.replacingValue(typed)
            XCTAssertEqual(palette.matches(creator: true).first?.title, first, typed)
        }
        palette.query = palette.query.replacingValue("goal")
        XCTAssertFalse(palette.matches(creator: false).contains { $0.title == "LIVE goal" }, "a supporter has no goal to set")
        palette.query = palette.query.replacingValue("zzz")
        XCTAssertEqual(palette.matches(creator: true), [])
        XCTAssertNil(FuzzyMatch.score("wd", in: "dw", words: ""))
        XCTAssertLessThan(FuzzyMatch.score("my", in: "my withdrawals", words: "") ?? .max, FuzzyMatch.score("mw", in: "my withdrawals", words: "") ?? .max)
    }

    func testColonTypeEnterOpensTheScreenFromAnotherScreen() async throws {
        let start = try await fixture.model(account: "leo")
        let (history, _) = AppUpdate.run(start, press(.char("y")))
        XCTAssertEqual(history.screen, .history)
        let (open, _) = AppUpdate.run(history, press(.char(":")) + typing("mywd"))
        XCTAssertNotNil(open.palette)
        let text = AppView.render(open).plainText()
        XCTAssertTrue(text.contains("Go to (Enter runs, Esc closes)") && text.contains("› My withdrawals"), text)
        XCTAssertEqual(open.screen, .history, "typing goes to the palette, not the screen")
        let (ran, _) = AppUpdate.run(open, press(.enter))
        XCTAssertNil(ran.palette)
        XCTAssertEqual(ran.screen, .myWithdrawals)

        let (moved, _) = AppUpdate.run(start, press(.char(":")) + typing("w") + press(.down, .enter))
        XCTAssertNotEqual(moved.screen, .home, "↓ chose the second match")
        let (closed, effects) = AppUpdate.run(start, press(.char(":")) + typing("quit") + press(.esc))
        XCTAssertNil(closed.palette)
        XCTAssertEqual(effects, [], "Esc runs nothing")
        let (quit, bye) = AppUpdate.run(start, press(.char(":")) + typing("quit") + press(.enter))
        XCTAssertTrue(quit.quitting)
        XCTAssertEqual(bye, [.quit])
        GoldenFile.assertMatches(AppView.render(open), named: "palette_80x24")
    }

    func testThePaletteFitsSmallAndWideScreens() async throws {
        for (width, height) in [(100, 30), (120, 40), (40, 12), (1, 1)] {
            let start = try await fixture.model(account: "leo", width: width, height: height)
            let (open, _) = AppUpdate.run(start, press(.char(":")))
            let buffer = AppView.render(open)
            XCTAssertEqual(buffer.width, width)
            if width >= 80 { XCTAssertTrue(buffer.plainText().contains("Recharge points"), "\(width)x\(height)") }
        }
    }
}
