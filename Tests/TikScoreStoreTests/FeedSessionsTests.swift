import Foundation
import TikScoreCore
import TikScoreStore
import TikScoreTestSupport
import XCTest

/// Issue 9, items 7–11 in a real wallet file: sessions after `streamEnd`, keys without msgId,
/// source times and the event log, TikTok identities, battle sides by identity, gifts to guests.
final class FeedSessionsTests: XCTestCase {
    private var path = ""
    private var store: WalletStore!

    override func setUp() async throws {
        path = StoreFixtures.temporaryWalletPath()
        store = StoreFixtures.store(at: path)
    }

    override func tearDown() async throws {
        store = nil
        StoreFixtures.removeWallet(at: path)
    }

    private func creator(_ name: String = "leo", tiktokID: String? = nil, handle: String? = nil) async throws -> Account {
        var profile = StoreFixtures.eligibleCreator()
        profile.tiktokID = tiktokID
        profile.tiktokHandle = handle
        return try await store.createAccount(name: name, profile: profile)
    }

    @discardableResult
    private func feed(_ lines: [String], as name: String = "leo") async throws -> FeedReport {
        guard let account = try await store.account(named: name) else { throw WalletError(.unknownAccount, name) }
        var applier = FeedApplier(runner: store, creator: account)
        for line in lines { await applier.apply(line: line, nowMs: 1_764_000_000_000) }
        await applier.finish(nowMs: 1_764_000_000_000)
        return applier.report
    }

    private func earned(_ name: String = "leo") async throws -> Points {
        try await store.summary(of: name).earned
    }

    private let confetti = #"{"event":"gift","data":{"msgId":"g1","createTime":1767261700000,"giftId":5585,"diamondCount":100,"giftType":2,"repeatCount":1,"uniqueId":"bo"}}"#
    private let follow = #"{"event":"follow","data":{"msgId":"f1","createTime":1767261600000,"uniqueId":"amy"}}"#
    private let end = #"{"event":"streamEnd","data":{"msgId":"e1","createTime":1767261650000}}"#

    // MARK: Item 7

    func testALineAfterStreamEndOpensTheNextSessionAndADuplicateNever() async throws {
        let leo = try await creator()
        let first = try await feed([follow, end, confetti])
        XCTAssertEqual(first.sessionsOpened, 2)
        XCTAssertEqual(first.applied, ["follow": 1, "streamEnd": 1, "gift": 1])
        let sessions = try await store.sessions(of: leo, limit: 10)
        XCTAssertEqual(sessions.count, 2)
        XCTAssertEqual(sessions.last?.isLive, false)
        XCTAssertEqual(sessions.last?.newFollowers, 1)
        XCTAssertEqual(sessions.first?.isLive, true)
        XCTAssertEqual(sessions.first?.gifts, 1, "the gift after the end was credited, in the next session")
        await XCTAssertEqualAsync(try await earned(), try Points(whole: 51))

        _ = try await store.liveStop(creator: "leo")
        let again = try await feed([follow, end, confetti])
        XCTAssertEqual(again.sessionsOpened, 0, "a duplicate never opens a session")
        XCTAssertEqual(again.applied, [:])
        await XCTAssertEqualAsync(try await store.sessions(of: leo, limit: 10).count, 2)
        await XCTAssertEqualAsync(try await store.openSession(creatorID: leo.id), nil)
        // A stream end or a bad line while off-air opens nothing either.
        let offAir = try await feed([#"{"event":"streamEnd","data":{"msgId":"e2"}}"#, "not json"])
        XCTAssertEqual(offAir.sessionsOpened, 0)
        await XCTAssertEqualAsync(try await store.sessions(of: leo, limit: 10).count, 2)
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
    }

    // MARK: Item 8

    func testLinesWithoutMsgIdAreKeyedByTheirContent() async throws {
        _ = try await creator()
        func like(_ count: Int, at time: Int64) -> String {
            #"{"event":"like","data":{"createTime":\#(time),"likeCount":\#(count),"uniqueId":"amy"}}"#
        }
        let rose = #"{"event":"gift","data":{"createTime":1767261601000,"giftId":5655,"repeatCount":3,"repeatEnd":true,"uniqueId":"ann"}}"#
        let lines = [like(5, at: 1_767_261_600_000), like(5, at: 1_767_261_600_000), like(5, at: 1_767_261_601_000), rose, rose]
        let report = try await feed(lines)
        XCTAssertEqual(report.withoutMsgId, 5)
        XCTAssertEqual(report.applied, ["like": 2, "gift": 1], "the same content at the same time is one event")
        XCTAssertEqual(report.duplicates, 2)
        let again = try await feed(lines)
        XCTAssertEqual(again.applied, [:], "a file without msgIds read twice counts once")
        let session = try await store.openSession(creatorID: 1)
        XCTAssertEqual(session?.likes, 10)
        XCTAssertEqual(session?.gifts, 3)
    }

    func testAnEventIsKeyedByItsKindAndMsgId() async throws {
        _ = try await creator()
        // Two kinds may share a msgId (one connector message, two events); the same kind may not.
        let report = try await feed([
            #"{"event":"like","data":{"msgId":"m1","likeCount":4,"uniqueId":"amy"}}"#,
            #"{"event":"follow","data":{"msgId":"m1","uniqueId":"amy"}}"#,
            // 1.x sends a follow twice: as `social` and as `follow`, with one msgId.
            #"{"event":"social","data":{"msgId":"m2","displayType":"pm_main_follow_message_viewer_2","uniqueId":"bo"}}"#,
            #"{"event":"follow","data":{"msgId":"m2","uniqueId":"bo"}}"#,
            #"{"event":"social","data":{"msgId":"m3","uniqueId":"cy"}}"#,
        ])
        XCTAssertEqual(report.applied, ["like": 1, "follow": 2])
        XCTAssertEqual(report.duplicates, 1)
        XCTAssertEqual(report.ignored, ["social": 1])
        await XCTAssertEqualAsync(try await earned(), try Points(whole: 2))
    }

    func testTheSessionKeepsTheSourcesTimesAndEveryEventInOrder() async throws {
        let leo = try await creator()
        let likes = #"{"event":"like","data":{"msgId":"l1","createTime":1767261610000,"likeCount":7,"uniqueId":"amy"}}"#
        try await feed([follow, likes, end])
        let sessionFound = try await store.sessions(of: leo, limit: 1).first
        let session = try XCTUnwrap(sessionFound)
        XCTAssertEqual(session.startedAt, Date(timeIntervalSince1970: 1_767_261_600), "the first event's createTime")
        XCTAssertEqual(session.endedAt, Date(timeIntervalSince1970: 1_767_261_650), "the streamEnd's createTime")
        let events = try await store.liveEvents(sessionID: session.id)
        XCTAssertEqual(events.map(\.kind), ["follow", "like", "streamEnd"])
        XCTAssertEqual(events.map(\.atMs), [1_767_261_600_000, 1_767_261_610_000, 1_767_261_650_000])

        // The log replays: its lines fed to another wallet give the same session.
        let otherPath = StoreFixtures.temporaryWalletPath()
        defer { StoreFixtures.removeWallet(at: otherPath) }
        let other = StoreFixtures.store(at: otherPath)
        let copy = try await other.createAccount(name: "leo", profile: StoreFixtures.eligibleCreator())
        var applier = FeedApplier(runner: other, creator: copy)
        for event in events { await applier.apply(line: event.line, nowMs: 0) }
        XCTAssertEqual(applier.report.badLines, [:])
        let replayedFound = try await other.sessions(of: copy, limit: 1).first
        let replayed = try XCTUnwrap(replayedFound)
        XCTAssertEqual(replayed.likes, session.likes)
        XCTAssertEqual(replayed.newFollowers, session.newFollowers)
        XCTAssertEqual(replayed.startedAt, session.startedAt)
        XCTAssertEqual(replayed.endedAt, session.endedAt)
    }

    // MARK: Item 9

    func testATikTokIdentityBelongsToOneAccount() async throws {
        let leo = try await creator(tiktokID: "6900000000000000001", handle: "@Leo.Live")
        XCTAssertEqual(leo.profile.tiktokHandle, "Leo.Live", "stored without @")
        await assertWalletErrorAsync(.identityTaken, try await self.creator("ana", tiktokID: "6900000000000000001"))
        await assertWalletErrorAsync(.identityTaken, try await self.creator("ana", handle: "leo.live"), "handles match in any case")
        await assertWalletErrorAsync(.invalidInput, try await self.creator("ana", tiktokID: "69x"))
        await assertWalletErrorAsync(.invalidInput, try await self.creator("ana", handle: "a b"))
        let ana = try await creator("ana", tiktokID: "6900000000000000009")
        await assertWalletErrorAsync(.identityTaken, try await self.store.updateAccount(name: "ana", patch: ProfilePatch(tiktokHandle: "LEO.LIVE")))
        let renamed = try await store.updateAccount(name: "leo", patch: ProfilePatch(tiktokHandle: "leo_official"))
        XCTAssertEqual(renamed.profile.tiktokID, "6900000000000000001", "an update keeps what it does not name")
        XCTAssertEqual(ana.profile.tiktokHandle, nil)
    }

    func testTheFeedLearnsTheCreatorsIdOnceAndNeverOverwritesIt() async throws {
        _ = try await creator(handle: "leo")
        let battle = #"{"event":"linkMicBattle","data":{"msgId":"b1","battleId":"7","battleUsers":[{"userId":"6900000000000000001","uniqueId":"LEO"},{"userId":"6900000000000000002","uniqueId":"rival"}]}}"#
        let report = try await feed([battle])
        XCTAssertEqual(report.learnedTikTokID, "6900000000000000001")
        await XCTAssertEqualAsync(try await store.account(named: "leo")?.profile.tiktokID, "6900000000000000001")
        // A later line that shows @leo with another id is reported, and changes nothing.
        let other = #"{"event":"gift","data":{"msgId":"g9","giftId":5655,"repeatCount":1,"repeatEnd":true,"uniqueId":"bo","toUser":{"userId":"6911111111111111111","uniqueId":"leo"}}}"#
        let conflict = try await feed([other])
        XCTAssertEqual(conflict.warnings, ["identityConflict": 1])
        XCTAssertNil(conflict.learnedTikTokID)
        await XCTAssertEqualAsync(try await store.account(named: "leo")?.profile.tiktokID, "6900000000000000001")
    }

    // MARK: Item 10

    /// The same two armies, as 1.x lists and as TikTokLive v7 maps, with the opponent first.
    private func armies(mapForm: Bool, final: Bool) -> String {
        if mapForm {
            return #"{"event":"LinkMicArmiesEvent","data":{"common":{"msgId":"\#(final ? "a2" : "a1")"},"battleId":"7","triggerReason":"\#(final ? "TRIGGER_REASON_BATTLE_END" : "TRIGGER_REASON_SCORE_UPDATE")","armies":{"6900000000000000002":{"hostscore":"33","anchorIdStr":"6900000000000000002"},"6900000000000000001":{"anchorIdStr":"6900000000000000001"}}}}"#
        }
        return #"{"event":"linkMicArmies","data":{"msgId":"\#(final ? "a2" : "a1")","battleStatus":\#(final ? 2 : 1),"battleArmies":[{"hostUserId":"6900000000000000002","points":33},{"hostUserId":"6900000000000000001","points":0}]}}"#
    }

    private let battleStart = #"{"event":"linkMicBattle","data":{"msgId":"b1","battleId":"7","battleUsers":[{"userId":"6900000000000000002","uniqueId":"rival"},{"userId":"6900000000000000001","uniqueId":"leo"}]}}"#

    func testBattleSidesByIdentityAgreeInBothArmyForms() async throws {
        for mapForm in [false, true] {
            try await setUp()
            _ = try await creator(tiktokID: "6900000000000000001")
            try await feed([battleStart, armies(mapForm: mapForm, final: false), armies(mapForm: mapForm, final: true)])
            let battleFound = try await store.battles(limit: 1).first
            let battle = try XCTUnwrap(battleFound)
            XCTAssertTrue(battle.sideKnown)
            XCTAssertEqual(battle.left.name, "leo")
            XCTAssertEqual(battle.left.score, .zero, "map form \(mapForm): leo's army is the one with leo's id, not the first")
            XCTAssertEqual(battle.right.score, try Points(whole: 33))
            XCTAssertEqual(battle.status, .won)
            XCTAssertEqual(battle.winnerName, "@rival")
            XCTAssertNotNil(battle.loserTask)
            try await tearDown()
        }
    }

    func testABattleThatMatchesNeitherIdNorHandleIsUnsettled() async throws {
        _ = try await creator("mila", tiktokID: "6955555555555555555")
        try await feed([battleStart, armies(mapForm: true, final: false), armies(mapForm: true, final: true)], as: "mila")
        let battleFound = try await store.battles(limit: 1).first
        let battle = try XCTUnwrap(battleFound)
        XCTAssertFalse(battle.sideKnown)
        XCTAssertEqual(battle.status, .unsettled)
        XCTAssertNil(battle.winnerName)
        XCTAssertNil(battle.loserTask)
        XCTAssertEqual(Set(battle.reportedHosts.map(\.name)), ["@rival", "@leo"])
        XCTAssertEqual(battle.reportedHosts.map(\.points).reduce(.zero) { (try? $0.adding($1)) ?? $0 }, try Points(whole: 33))
    }

    // MARK: Item 11

    func testAGiftToAGuestIsNotTheHostsEarning() async throws {
        _ = try await creator(tiktokID: "6900000000000000001")
        _ = try await creator("gia", tiktokID: "6900000000000000003")
        func rose(_ msgId: String, to receiver: String, handle: String) -> String {
            #"{"event":"gift","data":{"msgId":"\#(msgId)","giftId":5585,"diamondCount":100,"giftType":2,"repeatCount":1,"uniqueId":"dee","toUser":{"userId":"\#(receiver)","uniqueId":"\#(handle)"}}}"#
        }
        let report = try await feed([rose("r1", to: "6900000000000000003", handle: "gia"),      // to gia, a wallet account
                                     rose("r2", to: "6900000000000000004", handle: "nobody"),   // to a guest with no account
                                     rose("r3", to: "6900000000000000001", handle: "leo")])     // to leo
        XCTAssertEqual(report.giftsToGuests, 2)
        XCTAssertEqual(report.giftsCounted, 1)
        await XCTAssertEqualAsync(try await earned("leo"), try Points(whole: 50))
        await XCTAssertEqualAsync(try await earned("gia"), try Points(whole: 50), "the guest with an account earns it")
        let session = try await store.openSession(creatorID: 1)
        XCTAssertEqual(session?.giftsToGuests, 2)
        XCTAssertEqual(session?.guestGiftPoints, try Points(whole: 200))
        XCTAssertEqual(session?.gifts, 1)
        // Nothing was minted for the guest without an account: 200 of 300 points entered the wallet.
        await XCTAssertEqualAsync(try await store.allBalances()[.externalFeed], try Points(whole: -200))
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
    }
}
