import TikScoreCore
import TikScoreTestSupport
import XCTest
@testable import TikScoreTUI

/// News between two snapshots: on the status line always; the bell and desktop notifications
/// only when turned on, not under --quiet, and at most once every 10 seconds.
final class NoticesTests: XCTestCase {
    private var fixture: DashboardFixture!

    override func setUp() async throws {
        fixture = try await DashboardFixture.make()
    }

    private func reload(_ model: AppModel, account: String = "leo") async throws -> (AppModel, [Effect]) {
        AppUpdate.update(model, .loaded(try await SnapshotLoader.load(wallet: fixture.wallet, account: account)))
    }

    private var middleGift: Gift { SendState.gifts(fixture.economy).first { (10...1_000).contains($0.points) } ?? SendState.gifts(fixture.economy)[0] }

    private var bigGift: Gift { SendState.gifts(fixture.economy).max { $0.points < $1.points } ?? SendState.gifts(fixture.economy)[0] }

    func testABigGiftIsToldAndASmallOneIsNot() async throws {
        var start = try await fixture.model(account: "leo")
        start.notifications = NotificationSettings(bigGiftPoints: 1_000)
        let small = try XCTUnwrap(SendState.gifts(fixture.economy).first { $0.points < 100 })
        _ = try await fixture.wallet.run(.sendGift(from: "mia", to: "leo", giftID: small.id, count: 1), key: nil)
        let (quiet, none) = try await reload(start)
        XCTAssertNil(quiet.status)
        XCTAssertEqual(none, [], "the bell is off by default")
        _ = try await fixture.wallet.run(.sendGift(from: "mia", to: "leo", giftID: bigGift.id, count: 1), key: nil)
        let (told, effects) = try await reload(quiet)
        XCTAssertTrue(told.status?.text.hasPrefix("Big gift: +") ?? false, told.status?.text ?? "nothing")
        XCTAssertTrue(told.status?.text.contains(bigGift.name) ?? false, told.status?.text ?? "")
        XCTAssertEqual(effects, [])
    }

    func testTheBellRingsWhenOnAtMostEveryTenSecondsAndNeverWhenQuiet() async throws {
        var start = try await fixture.model(account: "leo")
        start.notifications = NotificationSettings(bigGiftPoints: 1, bell: true, desktop: true)
        _ = try await fixture.wallet.run(.sendGift(from: "mia", to: "leo", giftID: middleGift.id, count: 1), key: nil)
        let (first, rings) = try await reload(start)
        guard case .alert(let text, bell: true, desktop: true) = rings.first else { return XCTFail("\(rings)") }
        XCTAssertEqual(text, first.status?.text)
        _ = try await fixture.wallet.run(.sendGift(from: "mia", to: "leo", giftID: middleGift.id, count: 1), key: nil)
        let (second, again) = try await reload(first)
        XCTAssertEqual(again, [], "the fixture's clock stands still: within 10 s, the status line only")
        XCTAssertTrue(second.status?.text.hasPrefix("Big gift") ?? false)
        var quiet = start
        quiet.notifications.quiet = true
        _ = try await fixture.wallet.run(.sendGift(from: "mia", to: "leo", giftID: middleGift.id, count: 1), key: nil)
        let silent = try await reload(quiet).1
        XCTAssertEqual(silent, [])
        XCTAssertEqual(TestBackend.alertBytes("a;b\u{1B}[2J", bell: true, desktop: true),
                       "\u{7}\u{1B}]9;a,b\\u{1B}[2J\u{7}\u{1B}]777;notify;TikScore;a,b\\u{1B}[2J\u{7}", "one safe line, no ;")
    }

    func testABattleEndAndAPayoutAreTold() async throws {
        _ = try await fixture.wallet.run(.liveStart(creator: "leo"), key: nil)
        _ = try await fixture.wallet.run(.battleStart(left: "leo", right: "Ana 🎉", seconds: 60), key: nil)
        _ = try await fixture.wallet.run(.sendGift(from: "mia", to: "leo", giftID: bigGift.id, count: 1), key: nil)
        var running = try await fixture.model(account: "leo")
        running.notifications = NotificationSettings(bigGiftPoints: Int64.max / 1_000)
        _ = try await fixture.wallet.run(.battleEnd(creator: "leo"), key: nil)
        let (ended, _) = try await reload(running)
        XCTAssertTrue(ended.status?.text.hasPrefix("Battle won against Ana 🎉") ?? false, ended.status?.text ?? "nothing")

        let before = try await fixture.model(account: "leo")
        let held = try await fixture.wallet.holdWithdrawal(account: "leo", points: try Points(whole: 20_000), paypal: "leo@example.com", key: "n1")
        let (pending, _) = try await reload(before)
        XCTAssertNil(pending.status, "a hold is not news yet")
        _ = try await fixture.wallet.settleWithdrawal(id: held.id, answer: .approved(reference: "po_1"), key: "n2")
        let (paid, _) = try await reload(pending)
        XCTAssertEqual(paid.status?.text, "Payout paid: $100.00 to l••@example.com")
    }
}
