import TikScoreCore
import TikScoreTestSupport
import XCTest
@testable import TikScoreTUI

/// The LIVE goal in the dashboard: key G sets it, the LIVE panel shows a gauge per target, and
/// the moment it is reached is marked on the panel and in the status line.
final class GoalTests: XCTestCase {
    private var fixture: DashboardFixture!

    override func setUp() async throws {
        fixture = try await DashboardFixture.make()
    }

    func testGSetsAGoalForTheOpenSession() async throws {
        _ = try await fixture.wallet.run(.liveStart(creator: "leo"), key: nil)
        let start = try await fixture.model(account: "leo", width: 100, height: 30)
        let (typed, none) = AppUpdate.run(start, press(.char("G")) + typing("5,000") + press(.tab) + typing("20"))
        XCTAssertEqual(typed.screen, .goal)
        XCTAssertEqual(none, [])
        GoldenFile.assertMatches(AppView.render(typed), named: "goal_screen_100x30")
        let (saving, effects) = AppUpdate.run(typed, press(.tab, .enter))
        XCTAssertEqual(effects, [.setGoal(account: "leo", points: try Points(whole: 5_000), followers: 20)])
        let done = await fixture.settle(saving, effects)
        XCTAssertEqual(done.screen, .home)
        XCTAssertEqual(done.status?.text, "Goal set: 5,000 points and 20 new followers")
        let leo = try await fixture.wallet.existing("leo")
        let session = try await fixture.wallet.openSession(creatorID: leo.id)
        let kept = try await fixture.wallet.liveGoal(of: leo)
        XCTAssertEqual(kept?.sessionID, session?.id, "set during a LIVE, the goal is that LIVE's")
        XCTAssertEqual(kept?.points, try Points(whole: 5_000))
        let text = AppView.render(done).plainText()
        XCTAssertTrue(text.contains("0 / 5,000 points"), text)
        XCTAssertTrue(text.contains("0 / 20 new followers"), text)
    }

    func testAGoalWithNoTargetIsRefusedAndClearRemovesIt() async throws {
        let start = try await fixture.model(account: "leo")
        let (empty, none) = AppUpdate.run(start, press(.char("G"), .tab, .tab, .enter))
        XCTAssertEqual(none, [])
        XCTAssertEqual(empty.status?.kind, .error)
        XCTAssertTrue(empty.status?.text.contains("points or a followers target") ?? false, empty.status?.text ?? "")
        let (bad, refused) = AppUpdate.run(start, press(.char("G")) + typing("0") + press(.tab, .tab, .enter))
        XCTAssertEqual(refused, [])
        XCTAssertTrue(bad.status?.text.hasPrefix("points:") ?? false, bad.status?.text ?? "")
        let leo = try await fixture.wallet.existing("leo")
        try await fixture.wallet.setLiveGoal(try LiveGoal(points: Points(units: 100), followers: nil, sessionID: nil, setAt: fixture.wallet.now), of: leo)
        let withGoal = try await fixture.model(account: "leo")
        let (clearing, effects) = AppUpdate.run(withGoal, press(.char("G"), .backTab))
        XCTAssertEqual(clearing.goal.focus, .clear)
        XCTAssertEqual(clearing.goal.points.value, "1", "the fields start from the goal there is")
        let (_, clear) = AppUpdate.run(clearing, press(.enter))
        XCTAssertEqual(effects + clear, [.setGoal(account: "leo", points: nil, followers: nil)])
        let done = await fixture.settle(clearing, clear)
        XCTAssertEqual(done.status?.text, "Goal cleared")
        await XCTAssertEqualAsync(try await fixture.wallet.liveGoal(of: leo), nil)
        // A supporter has no goal to set.
        let mia = try await fixture.model(account: "mia")
        let (stays, _) = AppUpdate.run(mia, press(.char("G")))
        XCTAssertEqual(stays.screen, .home)
    }

    func testThePanelShowsGaugesAndMarksTheMomentTheGoalIsReached() async throws {
        _ = try await fixture.wallet.run(.liveStart(creator: "leo"), key: nil)
        let leo = try await fixture.wallet.existing("leo")
        let session = try await fixture.wallet.openSession(creatorID: leo.id)
        try await fixture.wallet.setLiveGoal(try LiveGoal(points: Points(units: 100), followers: 3, sessionID: session?.id, setAt: fixture.wallet.now), of: leo)
        let before = try await fixture.model(account: "leo", width: 100, height: 30)
        GoldenFile.assertMatches(AppView.render(before), named: "dashboard_goal_100x30")
        for (width, height) in [(80, 24), (120, 40)] {
            let text = AppView.render(try await fixture.model(account: "leo", width: width, height: height)).plainText()
            XCTAssertTrue(text.contains("Goal pts") && text.contains("0 / 1 points"), "\(width)x\(height):\n\(text)")
        }
        XCTAssertFalse(before.snapshot?.goal?.reached ?? true)

        _ = try await fixture.wallet.run(.sendGift(from: "mia", to: "leo", giftID: SendState.gifts(fixture.economy)[3].id, count: 5), key: nil)
        _ = try await fixture.wallet.run(.liveFollowers(creator: "leo", count: 3), key: nil)
        let reloaded = try await SnapshotLoader.load(wallet: fixture.wallet, account: "leo")
        let (after, _) = AppUpdate.update(before, .loaded(reloaded))
        XCTAssertEqual(after.status?.kind, .success)
        XCTAssertTrue(after.status?.text.hasPrefix("Goal reached: ") ?? false, after.status?.text ?? "")
        XCTAssertEqual(after.snapshot?.goalReachedAt, fixture.wallet.now, "the gift that crossed the target")
        let text = AppView.render(after).plainText()
        XCTAssertTrue(text.contains("Goal reached at \(Clock.hhmm(fixture.wallet.now))"), text)
        // The next snapshot, still reached, says nothing new.
        var quiet = after
        quiet.status = nil
        let (again, _) = AppUpdate.update(quiet, .loaded(reloaded))
        XCTAssertNil(again.status)
    }
}
