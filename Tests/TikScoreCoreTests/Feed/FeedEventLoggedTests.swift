import XCTest
@testable import TikScoreCore

/// The event log keeps the count of a like, join, share or viewer count, and every other event
/// whole (`FeedEvent.logged`); the applier records that form.
final class FeedEventLoggedTests: XCTestCase {
    private let mia = FeedUser(userId: "7000000000000000001", uniqueId: "mia", nickname: "Mia")

    func testCountersLoseWhoSentThemAndTheRoomTotalsAndNothingElse() {
        let counters: [(FeedEventKind, FeedEventKind)] = [
            (.like(user: mia, count: 7, total: 120), .like(user: FeedUser(), count: 7, total: nil)),
            (.join(mia), .join(FeedUser())),
            (.share(mia), .share(FeedUser())),
            (.viewers(count: 321, totalUsers: 4_000), .viewers(count: 321, totalUsers: nil)),
        ]
        for (kind, kept) in counters {
            let event = FeedEvent(kind, msgId: "73", timestamp: 5, contentHint: "h")
            XCTAssertEqual(event.logged, FeedEvent(kept, msgId: "73", timestamp: 5, contentHint: "h"))
        }
    }

    func testEveryOtherEventIsKeptWhole() throws {
        let rose = try XCTUnwrap(GiftLine(giftId: 5655, giftName: "Rose", unitPoints: 1, repeatCount: 3, repeatEnd: true, giftType: 1,
                                          sender: mia, groupId: "g"))
        let whole: [FeedEventKind] = [
            .gift(rose),
            .follow(mia),
            .battleStarted(battleId: "b", hosts: [], seconds: 300),
            .battleScores(battleId: "b", scores: [BattleScore(hostId: "1", points: 20)]),
            .battleEnded(battleId: "b", scores: []),
            .battleNotice(battleId: "b", action: "invite"),
            .streamEnded,
            .ignored("chat"),
        ]
        for kind in whole {
            let event = FeedEvent(kind, msgId: "73", timestamp: 5)
            XCTAssertEqual(event.logged, event)
        }
    }

    func testTheApplierLogsALikeByItsCountAndAGiftWhole() async throws {
        let wallet = InMemoryWallet(economy: CoreFixtures.economy, clock: { CoreFixtures.now })
        let leo = try await wallet.createAccount(name: "leo", profile: CoreFixtures.eligibleCreator())
        var applier = FeedApplier(runner: wallet, creator: leo)
        let like = #"{"event":"like","data":{"msgId":"7300000000000000021","createTime":1796126400100,"likeCount":3,"totalLikeCount":40,"userId":"9","uniqueId":"kim","nickname":"Kim"}}"#
        let follow = #"{"event":"follow","data":{"msgId":"7300000000000000028","createTime":1796126400200,"userId":"9","uniqueId":"kim","nickname":"Kim"}}"#
        await applier.apply(line: like, nowMs: 1_796_126_400_300)
        await applier.apply(line: follow, nowMs: 1_796_126_400_300)
        await applier.finish(nowMs: 1_796_126_400_300)
        let session = try await wallet.openSession(creatorID: leo.id)
        XCTAssertEqual(session?.likes, 3)
        let lines = try await wallet.liveEvents(sessionID: session?.id ?? "").map(\.line)
        XCTAssertEqual(lines, [#"{"event":"like","data":{"msgId":"7300000000000000021","createTime":1796126400100,"likeCount":3}}"#, follow])
    }
}
