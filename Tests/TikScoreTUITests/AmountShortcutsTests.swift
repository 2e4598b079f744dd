import TikScoreCore
import TikScoreTestSupport
import XCTest
@testable import TikScoreTUI

/// The small things: "max" typed as an amount is the most there is, the last PayPal address is offered again
/// (masked), and the recipient lists show who is LIVE now.
final class AmountShortcutsTests: XCTestCase {
    private var fixture: DashboardFixture!

    override func setUp() async throws {
        fixture = try await DashboardFixture.make()
    }

    /// leo has 24,203 earned points: $121.015 is not whole cents, so the most is 24,202.
    func testMaxFillsTheLargestWholeCentWithdrawal() async throws {
        let start = try await fixture.model(account: "leo")
        let earned = try await fixture.wallet.summary(of: "leo").earned
        let (m, effects) = AppUpdate.run(start, press(.char("w"), .enter) + typing("MAX"))
        XCTAssertEqual(effects, [])
        let most = fixture.economy.largestWholeCentPoints(in: earned)
        XCTAssertEqual(m.withdraw.amount.value, "MAX")
        XCTAssertEqual(try WithdrawFlowState.validate(m.withdraw.amount.value, earned: earned, economy: fixture.economy).get(), try Points(whole: most))
        XCTAssertLessThanOrEqual(try Points(whole: most), earned)
        XCTAssertTrue(fixture.economy.isWholeCents(try Points(whole: most)))
        XCTAssertFalse(fixture.economy.isWholeCents(try Points(whole: most + 1)), "one more point is half a cent")
        XCTAssertTrue(AppView.render(m).plainText().contains("= \(try Points(whole: most).grouped) points"), "the amount it stands for is shown")
        let (mixed, _) = AppUpdate.run(start, press(.char("w"), .enter) + typing("m1ax2"))
        XCTAssertEqual(mixed.withdraw.amount.value, "max", "digits and the word do not mix")
        let (other, _) = AppUpdate.run(start, press(.char("w"), .enter) + typing("12q"))
        XCTAssertEqual(other.withdraw.amount.value, "12")
        let (next, _) = AppUpdate.run(m, press(.enter))
        XCTAssertEqual(next.withdraw.step, .paypal, "the amount filled in is valid")
    }

    /// The PayPal step offers the last withdrawal's address masked; Enter on the empty field
    /// pays it, and the hold goes to the full address.
    func testTheLastPayPalAddressIsOfferedAgainMasked() async throws {
        let start = try await fixture.model(account: "leo")
        let last = try XCTUnwrap(start.snapshot?.withdrawals.first?.paypal)
        let (atPayPal, _) = AppUpdate.run(start, press(.char("w"), .enter) + typing("20000") + press(.enter))
        XCTAssertEqual(atPayPal.withdraw.step, .paypal)
        let screen = AppView.render(atPayPal).plainText()
        XCTAssertTrue(screen.contains("Enter pays \(Masking.email(last)) again"), screen)
        XCTAssertFalse(screen.contains(last), "the address stays masked on screen")
        let (confirm, none) = AppUpdate.run(atPayPal, press(.enter))
        XCTAssertEqual(none, [])
        XCTAssertEqual(confirm.withdraw.step, .confirm)
        XCTAssertTrue(AppView.render(confirm).plainText().contains("to \(Masking.email(last))?"))
        let (_, effects) = AppUpdate.run(confirm, press(.enter))
        XCTAssertEqual(effects, [.holdWithdrawal(account: "leo", points: try Points(whole: 20_000), paypal: last, key: "test-1")])
        // Typing another address uses that one.
        let (typed, _) = AppUpdate.run(atPayPal, typing("me@example.com") + press(.enter, .enter))
        XCTAssertEqual(typed.withdraw.paypalAddress, "me@example.com")
    }

    func testMaxGivesEveryWholeCentPointAndRecipientsShowWhoIsLive() async throws {
        _ = try await fixture.wallet.run(.liveStart(creator: "leo"), key: nil)
        let start = try await fixture.model(account: "mia")
        let people = SendState.recipients(start.snapshot?.accounts ?? [], me: start.snapshot?.account)
        let leo = try XCTUnwrap(people.firstIndex { $0.name == "leo" })
        let (list, _) = AppUpdate.run(start, press(.char("t")))
        let rows = AppView.render(list).plainText().split(separator: "\n")
        for person in people {
            let live = try await fixture.wallet.openSession(creatorID: person.id) != nil
            let row = rows.first { $0.contains(" " + person.name + " ") }
            XCTAssertEqual(row?.contains("● LIVE"), live, "\(person.name): \(row ?? "no row")")
        }
        let (m, _) = AppUpdate.run(list, Array(repeating: Action.key(.down), count: leo) + press(.enter) + typing("max"))
        let points = try await fixture.wallet.summary(of: "mia").points
        let (_, effects) = AppUpdate.run(m, press(.enter, .enter))
        XCTAssertEqual(effects, [.transfer(from: "mia", to: "leo", points: try Points(whole: fixture.economy.largestWholeCentPoints(in: points)), key: "test-1")])
    }
}
