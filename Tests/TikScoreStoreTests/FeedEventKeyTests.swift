import Foundation
import GRDB
import TikScoreTestSupport
import XCTest
import TikScoreCore
@testable import TikScoreStore

/// A feed event keeps its key and its answer in its `live_events` row (no `commands` row), and
/// answers a replay exactly as a `commands` row would; every other key keeps its row.
final class FeedEventKeyTests: XCTestCase {
    private var path: String!

    override func setUp() { path = StoreFixtures.temporaryWalletPath() }
    override func tearDown() { StoreFixtures.removeWallet(at: path) }

    private func wallet() async throws -> WalletStore {
        let store = StoreFixtures.store(at: path)
        _ = try await store.createAccount(name: "Leo", profile: StoreFixtures.eligibleCreator())
        _ = try await store.createAccount(name: "Ana", profile: StoreFixtures.adultSupporter)
        return store
    }

    private func event(_ effect: FeedEffect, creator: String = "Leo", msgId: String) -> Command {
        .feed(creator: creator, effect: effect, source: FeedSource(atMs: 1_796_126_400_000, line: "{\"event\":\"like\",\"data\":{\"msgId\":\"\(msgId)\"}}"))
    }

    private func count(_ store: WalletStore, _ sql: String) async throws -> Int {
        try await store.read { try Int.fetchOne($0, sql: sql) } ?? -1
    }

    func testOnlyTheAppliersExactKeyFormIsKeptInAnEventRow() {
        let kept = FeedEventKey(key: .caller("feed:12:like:7300000000000000021"))
        XCTAssertEqual(kept, FeedEventKey(key: .caller("feed:12:like:7300000000000000021")))
        XCTAssertEqual(kept?.creatorID, 12)
        XCTAssertEqual(kept?.kind, "like")
        XCTAssertEqual(kept?.msgID, 7_300_000_000_000_000_021)
        XCTAssertEqual(FeedEventKey(key: .caller("feed:1:gift:0"))?.msgID, 0)
        XCTAssertEqual(FeedEventKey(key: .caller("feed:1:gift:9223372036854775807"))?.msgID, Int64.max)
        for other in ["feed:1:like:01", "feed:01:like:5", "feed:1:like:-5", "feed:1:like:+5", "feed:1:like:9223372036854775808",
                      "feed:1:like:99999999999999999999", "feed:1:chat:5", "feed:1:like", "feed:1:like:5:6", "feed::like:5",
                      "feed:1:like:", "feed:1:like:\u{663}", "feed:1:like:５", "feed:1::5", "feed:1:LIKE:5", "x:1:like:5", "feed:"] {
            XCTAssertNil(FeedEventKey(key: .caller(other)), other)
        }
    }

    func testALikeKeepsItsKeyInItsEventRowAndAReplayAnswersTheSame() async throws {
        let store = try await wallet()
        let like = event(.likes(3), msgId: "7300000000000000021")
        let key = CommandKey.caller("feed:1:like:7300000000000000021")
        let first = try await store.submit(like, key: key)
        XCTAssertFalse(first.replayed)
        guard case .success(.feed(let receipt)) = first.answer else { return XCTFail("\(first.answer)") }
        XCTAssertTrue(receipt.openedSession)
        let keysBefore = try await count(store, "SELECT COUNT(*) FROM commands")
        await XCTAssertEqualAsync(try await count(store, "SELECT COUNT(*) FROM commands WHERE id = '\(key.id)'"), 0)
        await XCTAssertEqualAsync(try await count(store, "SELECT COUNT(*) FROM live_events WHERE msg_id = 7300000000000000021 AND kind = 'like'"), 1)

        let replay = try await store.submit(like, key: key)
        XCTAssertTrue(replay.replayed)
        XCTAssertEqual(replay.answer, first.answer)
        await XCTAssertEqualAsync(try await count(store, "SELECT COUNT(*) FROM live_events"), 1, "the replay recorded nothing")
        await XCTAssertEqualAsync(try await count(store, "SELECT COUNT(*) FROM commands"), keysBefore)
        let session = try await store.openSession(creatorID: 1)
        XCTAssertEqual(session?.likes, 3, "counted once")

        // In one batch, the second of two equal events is the replay of the first.
        let next = event(.likes(2), msgId: "7300000000000000028")
        let nextKey = CommandKey.caller("feed:1:like:7300000000000000028")
        let batch = try await store.submitBatch([KeyedCommand(next, key: nextKey), KeyedCommand(next, key: nextKey)])
        XCTAssertEqual(batch.map(\.replayed), [false, true])
        await XCTAssertEqualAsync(try await store.openSession(creatorID: 1)?.likes, 5)
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
    }

    func testTheSameMsgIdOfAnotherKindIsAnotherEvent() async throws {
        let store = try await wallet()
        _ = try await store.submit(event(.likes(1), msgId: "42"), key: .caller("feed:1:like:42"))
        let join = try await store.submit(event(.joins(1), msgId: "42"), key: .caller("feed:1:join:42"))
        XCTAssertFalse(join.replayed)
        await XCTAssertEqualAsync(try await store.openSession(creatorID: 1)?.joins, 1)
    }

    func testOtherKeysKeepTheirCommandsRow() async throws {
        let store = try await wallet()
        // Not a number as connectors send it (a content id, a leading zero, a sign).
        for (index, id) in ["c:5f0c9e", "042", "+42", "-1"].enumerated() {
            let key = CommandKey.caller("feed:1:like:\(id)")
            _ = try await store.submit(event(.likes(Int64(index + 1)), msgId: id), key: key)
            await XCTAssertEqualAsync(try await count(store, "SELECT COUNT(*) FROM commands WHERE id = '\(key.id)'"), 1, id)
        }
        // A kind kept in commands: a battle.
        let battle = CommandKey.caller("feed:1:battle:77")
        _ = try await store.submit(event(.battleStarted(opponent: "Ana"), msgId: "77"), key: battle)
        await XCTAssertEqualAsync(try await count(store, "SELECT COUNT(*) FROM commands WHERE id = '\(battle.id)'"), 1)
        // A key whose kind is not the event's.
        let mislabelled = CommandKey.caller("feed:1:join:78")
        _ = try await store.submit(event(.likes(1), msgId: "78"), key: mislabelled)
        await XCTAssertEqualAsync(try await count(store, "SELECT COUNT(*) FROM commands WHERE id = '\(mislabelled.id)'"), 1)
    }

    func testARefusalIsKeptInCommandsAndReplayed() async throws {
        let store = try await wallet()
        // Ana is a supporter: a LIVE event of hers is refused, and the refusal is the key's answer.
        let key = CommandKey.caller("feed:2:like:99")
        let first = try await store.submit(event(.likes(1), creator: "Ana", msgId: "99"), key: key)
        guard case .failure(let refusal) = first.answer else { return XCTFail("\(first.answer)") }
        XCTAssertEqual(refusal.code, .notEligible)
        await XCTAssertEqualAsync(try await count(store, "SELECT COUNT(*) FROM commands WHERE id = '\(key.id)' AND state = 'refused'"), 1)
        let replay = try await store.submit(event(.likes(1), creator: "Ana", msgId: "99"), key: key)
        XCTAssertTrue(replay.replayed)
        XCTAssertEqual(replay.answer, first.answer)
    }

    func testAKeyOfOneCreatorUsedForAnotherIsRefusedAsReused() async throws {
        let store = try await wallet()
        _ = try await store.createAccount(name: "Omar", profile: StoreFixtures.eligibleCreator())
        let key = CommandKey.caller("feed:1:like:500")
        _ = try await store.submit(event(.likes(1), msgId: "500"), key: key)
        _ = await assertWalletErrorAsync(.keyReused, try await store.submit(event(.likes(1), creator: "Omar", msgId: "500"), key: key))
        // The same key for an event of another kind.
        _ = await assertWalletErrorAsync(.keyReused, try await store.submit(event(.joins(1), msgId: "500"), key: key))
    }

    func testAKeyStoredInCommandsByAnOlderVersionStillReplays() async throws {
        let store = try await wallet()
        let key = CommandKey.caller("feed:1:like:600")
        let like = event(.likes(4), msgId: "600")
        let first = try await store.submit(like, key: key)
        // As a wallet written before v7 holds it: the key in `commands`, the event without one.
        let sessionBefore = try await store.openSession(creatorID: 1)?.id ?? ""
        let line = try await store.liveEvents(sessionID: sessionBefore).first?.line ?? ""
        try store.unsafeExecute("UPDATE live_events SET msg_id = NULL, creator_id = NULL, opened = NULL, line = '\(line)'")
        let secret = try await store.read { try WalletSchema.secret($0) }
        let sessionID = try await store.openSession(creatorID: 1)?.id ?? ""
        try store.unsafeExecute("""
            INSERT INTO commands (id, fingerprint, state, outcome, at) VALUES ('\(key.id)', '\(like.fingerprint(secret: secret))', 'done',
            '{"feed":{"_0":{"earned":0,"live":true,"opened":true,"sid":"\(sessionID)"}}}', '2026-12-01T12:00:00.000Z')
            """)
        let replay = try await store.submit(like, key: key)
        XCTAssertTrue(replay.replayed)
        XCTAssertEqual(replay.answer, first.answer)
        await XCTAssertEqualAsync(try await store.openSession(creatorID: 1)?.likes, 4)
    }

    func testAGiftKeepsWhatItEarnedInItsEventRowAndVerifyFindsItsCommand() async throws {
        let store = try await wallet()
        let gift = event(.gift(giftID: 5655, name: "Rose", unitPoints: 1, count: 30, gifter: "@kim"), msgId: "800")
        let key = CommandKey.caller("feed:1:gift:800")
        let first = try await store.submit(gift, key: key)
        guard case .success(.feed(let receipt)) = first.answer else { return XCTFail("\(first.answer)") }
        XCTAssertGreaterThan(receipt.earned, .zero)
        await XCTAssertEqualAsync(try await count(store, "SELECT COUNT(*) FROM commands WHERE id = '\(key.id)'"), 0)
        let follow = event(.follow(count: 2), msgId: "801")
        let followed = try await store.submit(follow, key: .caller("feed:1:follow:801"))
        let earnedBefore = try await store.summary(of: "Leo").earned

        let replays = try await store.submitBatch([KeyedCommand(gift, key: key), KeyedCommand(follow, key: .caller("feed:1:follow:801"))])
        XCTAssertEqual(replays.map(\.replayed), [true, true])
        XCTAssertEqual(replays.map(\.answer), [first.answer, followed.answer])
        await XCTAssertEqualAsync(try await store.summary(of: "Leo").earned, earnedBefore, "nothing counted twice")
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])

        // A transfer whose event row is gone belongs to no command.
        try store.unsafeExecute("DELETE FROM live_events WHERE msg_id = 800")
        await XCTAssertTrueAsync(try await store.verify(full: true).problems.contains { $0.contains("belong to no recorded command") })
    }

    func testAStoredLineLeavesOutWhatItsRowHoldsAndReadsBackWhole() async throws {
        let line = #"{"event":"like","data":{"msgId":"7300000000000000021","createTime":1796126400100,"likeCount":3,"userId":"9","uniqueId":"kim","nickname":"Kim"}}"#
        let stored = FeedKeptLine.stored(line, msgID: 7_300_000_000_000_000_021, atMs: 1_796_126_400_100)
        XCTAssertEqual(stored, "~like\u{1F}" + #","likeCount":3,"userId":"9","uniqueId":"kim","nickname":"Kim"}}"#)
        XCTAssertEqual(FeedKeptLine.full(stored, msgID: 7_300_000_000_000_000_021, atMs: 1_796_126_400_100), line)
        // Another msgId, another time, or another shape: stored whole.
        XCTAssertEqual(FeedKeptLine.stored(line, msgID: 7_300_000_000_000_000_022, atMs: 1_796_126_400_100), line)
        XCTAssertEqual(FeedKeptLine.stored(line, msgID: 7_300_000_000_000_000_021, atMs: 1_796_126_400_101), line)
        let longer = line.replacingOccurrences(of: "1796126400100", with: "17961264001009")
        XCTAssertEqual(FeedKeptLine.stored(longer, msgID: 7_300_000_000_000_000_021, atMs: 1_796_126_400_100), longer)
        XCTAssertEqual(FeedKeptLine.stored("not json", msgID: 1, atMs: 1), "not json")
        XCTAssertEqual(FeedKeptLine.full(line, msgID: 7, atMs: 1), line, "a whole line reads as it is")

        // Through the store: the log reads back the line the feed gave.
        let store = try await wallet()
        let source = FeedSource(atMs: 1_796_126_400_100, line: line)
        _ = try await store.submit(.feed(creator: "Leo", effect: .likes(3), source: source), key: .caller("feed:1:like:7300000000000000021"))
        let sessionID = try await store.openSession(creatorID: 1)?.id ?? ""
        await XCTAssertEqualAsync(try await store.liveEvents(sessionID: sessionID).map(\.line), [line])
        // The row keeps the line's values; its shape (keys and punctuation) is kept once.
        let kept = try await store.read { db in
            try String.fetchAll(db, sql: "SELECT e.line FROM live_events e JOIN live_event_shapes s ON s.id = e.shape UNION ALL SELECT template FROM live_event_shapes")
        }
        XCTAssertEqual(kept.count, 2)
        let values = kept.first
        let template = kept.last
        XCTAssertEqual(values, "3\u{1F}9\u{1F}kim\u{1F}Kim")
        XCTAssertEqual(template, "~like\u{1F}" + #","likeCount":\#u{1D},"userId":"\#u{1E}","uniqueId":"\#u{1E}","nickname":"\#u{1E}"}}"#)
        XCTAssertEqual(FeedLineShape.join(template: template ?? "", values: values ?? ""), stored)
    }
}
