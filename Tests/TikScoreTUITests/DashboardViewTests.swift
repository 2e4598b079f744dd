import TikScoreCore
import TikScoreTestSupport
import XCTest
@testable import TikScoreTUI

/// Screens drawn into buffers and compared as plain text with golden files (TIKSCORE_RECORD=1 re-records).
final class DashboardViewTests: XCTestCase {
    private var fixture: DashboardFixture!

    override func setUp() async throws {
        fixture = try await DashboardFixture.make()
    }

    private func golden(_ model: AppModel, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        GoldenFile.assertMatches(AppView.render(model), named: name, file: file, line: line)
    }

    func testDashboardAt80x24And120x40() async throws {
        golden(try await fixture.model(account: "Ana 🎉", width: 80, height: 24), "dashboard_ana_80x24")
        golden(try await fixture.model(account: "Ana 🎉", width: 120, height: 40), "dashboard_ana_120x40")
        golden(try await fixture.model(account: "leo", width: 80, height: 24), "dashboard_leo_80x24")
    }

    /// The header names the wallet at its right where it fits: a file's name, or a PostgreSQL
    /// wallet's host and database (never its user); on a narrow screen the account name wins.
    func testTheHeaderNamesTheWallet() async throws {
        var model = try await fixture.model(account: "leo", width: 100, height: 30)
        model.walletLocation = "postgres://ops@db.example.com:5432/agency"
        let header = AppView.render(model).plainText().split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertTrue(header.hasPrefix(" TikScore · Dashboard · leo (creator)"), header)
        XCTAssertTrue(header.hasSuffix("db.example.com:5432/agency"), header)
        XCTAssertFalse(header.contains("ops@"), header)
        model.walletLocation = "/home/mia/.local/share/tikscore/wallet.sqlite"
        let file = AppView.render(model).plainText().split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertTrue(file.hasSuffix(" wallet.sqlite"), file)
        var narrow = try await fixture.model(account: "leo", width: 62, height: 24)
        narrow.walletLocation = "postgres://ops@a-very-long-host-name.example.com:5432/agency"
        let cut = AppView.render(narrow).plainText().split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertTrue(cut.hasPrefix(" TikScore · Dashboard · leo (creator)"), cut)
        XCTAssertFalse(cut.contains("example"), cut)
    }

    func testDashboardWithABattle() async throws {
        _ = try await fixture.wallet.run(.liveStart(creator: "leo"), key: nil)
        _ = try await fixture.wallet.run(.battleStart(left: "leo", right: "Ana 🎉", seconds: 300), key: nil)
        _ = try await fixture.wallet.run(.sendGift(from: "mia", to: "leo", giftID: SendState.gifts(fixture.economy)[3].id, count: 5), key: nil)
        _ = try await fixture.wallet.run(.sendGift(from: "omar", to: "Ana 🎉", giftID: SendState.gifts(fixture.economy)[0].id, count: 40), key: nil)
        let model = try await fixture.model(account: "leo", width: 100, height: 30)
        XCTAssertNotNil(model.snapshot?.battle)
        golden(model, "dashboard_battle_100x30")
        let text = AppView.render(model).plainText()
        XCTAssertTrue(text.contains("Battle · 5:00 left"), text)
    }

    func testLivePanelShowsGrowingStreaksAndBadFeedLines() async throws {
        _ = try await fixture.wallet.run(.feed(creator: "Ana 🎉", effect: .streak(giftID: 5655, name: "Rose", unitPoints: 1, count: 12, gifter: "@kim")), key: "s1")
        _ = try await fixture.wallet.run(.feed(creator: "Ana 🎉", effect: .badLine(kind: "notJSON")), key: "b1")
        _ = try await fixture.wallet.run(.feed(creator: "Ana 🎉", effect: .badLine(kind: "notJSON")), key: "b2")
        let text = AppView.render(try await fixture.model(account: "Ana 🎉", width: 100, height: 30)).plainText()
        XCTAssertTrue(text.contains("@kim Rose ×12 (streak growing)"), text)
        XCTAssertTrue(text.contains("Feed: 2 bad lines (notJSON 2)"), text)
        // When the streak ends it counts once and leaves the growing list.
        _ = try await fixture.wallet.run(.feed(creator: "Ana 🎉", effect: .gift(giftID: 5655, name: "Rose", unitPoints: 1, count: 15, gifter: "@kim")), key: "g1")
        let after = AppView.render(try await fixture.model(account: "Ana 🎉", width: 100, height: 30)).plainText()
        XCTAssertFalse(after.contains("streak growing"), after)
    }

    /// Issue 9: a battle with no side of the creator's, gifts to a guest, and the TikTok identity.
    func testSideUnknownBattleGiftsToGuestsAndTheTikTokIdentity() async throws {
        _ = try await fixture.wallet.run(.feed(creator: "leo", effect: .battleStarted(opponent: "@a / @b", seconds: 300, battleID: "9", sideKnown: false)), key: "bs")
        _ = try await fixture.wallet.run(.feed(creator: "leo", effect: .battleSidesUnknown(
            hosts: [GifterTotal(name: "@a", points: try Points(whole: 120)), GifterTotal(name: "@b", points: try Points(whole: 80))],
            final: false, battleID: "9")), key: "bu")
        _ = try await fixture.wallet.run(.feed(creator: "leo", effect: .guestGift(giftID: 5585, name: "Confetti", unitPoints: 100, count: 2,
                                                                                 gifter: "@dee", guestID: nil, guest: "@gia")), key: "gg")
        _ = try await fixture.wallet.run(.updateAccount(name: "leo", patch: ProfilePatch(tiktokID: "6900000000000000001", tiktokHandle: "leo.live")), key: "id")
        let model = try await fixture.model(account: "leo", width: 120, height: 40)
        let text = AppView.render(model).plainText()
        XCTAssertTrue(text.contains("leo: side unknown · @a 120 · @b 80"), text)
        XCTAssertTrue(text.contains("Gifts to guests 2 · 200 points (not yours)"), text)
        let profile = AppView.render(AppUpdate.run(model, press(.char("p"))).0).plainText()
        XCTAssertTrue(profile.contains("TikTok          @leo.live · id 6900000000000000001"), profile)
        // Down to a 1×1 area the panel draws without trapping.
        if let battle = model.snapshot?.battle {
            for size in [(1, 1), (2, 1), (10, 3)] {
                var buffer = Buffer(width: size.0, height: size.1)
                BattlePanel.render(model, battle, now: DashboardFixture.now, in: Rect(x: 0, y: 0, width: size.0, height: size.1), buffer: &buffer)
            }
        } else {
            XCTFail("the battle is on the dashboard")
        }
    }

    func testWithdrawStepperScreens() async throws {
        let start = try await fixture.model(account: "leo")
        golden(AppUpdate.run(start, press(.char("w"))).0, "withdraw_eligibility_80x24")
        golden(AppUpdate.run(start, press(.char("w"), .enter) + typing("20000")).0, "withdraw_amount_80x24")
        golden(try await fixture.model(account: "zoe", width: 120, height: 40).withScreen { AppUpdate.run($0, press(.char("w"))).0 },
               "withdraw_ineligible_120x40")
    }

    func testRechargeScreens() async throws {
        let start = try await fixture.model(account: "mia")
        golden(AppUpdate.run(start, press(.char("r"))).0, "recharge_packages_80x24")
        golden(AppUpdate.run(start, press(.char("r"), .enter, .enter) + typing("4242 4242 4242 4242") + press(.enter)).0, "recharge_confirm_80x24")
        golden(AppUpdate.run(start, press(.char("r"), .enter, .down, .enter) + typing("mia@")).0, "recharge_paypal_invalid_80x24")
    }

    func testOtherScreens() async throws {
        let leo = try await fixture.model(account: "leo")
        golden(AppUpdate.run(leo, press(.char("c"))).0, "cards_80x24")
        let (history, reads) = AppUpdate.run(leo, press(.char("y")))
        golden(await fixture.settle(history, reads), "history_80x24")
        golden(AppUpdate.run(leo, press(.char("a"))).0, "accounts_80x24")
        golden(AppUpdate.run(leo, press(.char("?"))).0, "help_home_80x24")
        let empty = try await DashboardFixture.make(demo: false)
        golden(try await empty.model(account: nil), "setup_80x24")
    }

    func testAsciiMonochromeLook() async throws {
        let model = try await fixture.model(account: "leo", look: Look(theme: .monochrome, symbols: .ascii))
        let buffer = AsciiFallback.apply(AppView.render(model), symbols: .ascii)
        golden2(buffer, "dashboard_leo_ascii_80x24")
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                guard let cell = buffer[x, y] else { continue }
                let wide = cell.symbol.unicodeScalars.contains { !$0.isASCII }
                XCTAssertTrue(!wide || ["🎉", "李", "í"].contains { cell.symbol.contains($0) }, "non-ASCII '\(cell.symbol)' at \(x),\(y)")
            }
        }
    }

    private func golden2(_ buffer: Buffer, _ name: String) { GoldenFile.assertMatches(buffer, named: name) }

    func testTinyAndTooSmallTerminals() async throws {
        for (w, h) in [(0, 0), (1, 1), (0, 5), (5, 0), (2, 1)] {
            let model = try await fixture.model(account: "leo", width: w, height: h)
            let buffer = AppView.render(model)
            XCTAssertEqual(buffer.width, w)
            XCTAssertEqual(buffer.height, h)
            XCTAssertLessThanOrEqual(CharWidth.width(buffer.plainText().replacingOccurrences(of: "\n", with: "")), w * h)
        }
        let small = try await fixture.model(account: "leo", width: 40, height: 12)
        XCTAssertTrue(AppView.render(small).plainText().contains("need at least 60x18"))
        golden(small, "too_small_40x12")
    }

    func testWideNamesKeepColumnsAligned() async throws {
        let model = try await fixture.model(account: "mia", width: 80, height: 24)
        let picker = AppUpdate.run(model, press(.char("a"))).0
        let buffer = AppView.render(picker)
        let rows = (0..<buffer.height).map { buffer.line($0) }.filter { $0.contains("│") && ($0.contains("creator") || $0.contains("supporter")) }
        let columns = Set(rows.map { row -> Int in
            let prefix = row.components(separatedBy: "creator").first.flatMap { $0.count < row.count ? $0 : nil }
                ?? row.components(separatedBy: "supporter").first ?? row
            return CharWidth.width(prefix)
        })
        XCTAssertEqual(rows.count, 7)
        XCTAssertEqual(columns.count, 1, "the role column starts at one place: \(rows)")
    }
}

private extension AppModel {
    func withScreen(_ change: (AppModel) -> AppModel) -> AppModel { change(self) }
}
