import Foundation
import GRDB
import TikScoreTestSupport
import XCTest
import TikScoreCore
@testable import TikScoreStore

/// A feed line is kept as its values beside a shape kept once per wallet (`FeedLineShape`), and
/// reads back byte for byte; a line that does not split exactly is kept whole.
final class FeedLineShapeTests: XCTestCase {
    private var path: String!

    override func setUp() { path = StoreFixtures.temporaryWalletPath() }
    override func tearDown() { StoreFixtures.removeWallet(at: path) }

    private static let gift = #"{"event":"gift","data":{"msgId":"7300000000000000035","createTime":1796126400200,"giftId":5655,"giftName":"Rose","diamondCount":1,"giftType":1,"repeatCount":3,"repeatEnd":true,"groupId":"g1","userId":"7000000000000000001","uniqueId":"mia","nickname":"Mia"}}"#

    func testEveryKindOfValueSplitsAndJoinsBackByteForByte() throws {
        let lines = [
            Self.gift,
            "~gift\u{1F}" + #","giftId":5655,"giftName":"Rose","toUser":{"userId":"2","uniqueId":"kai","nickname":"Kai"}}}"#,
            #"{"event":"like","data":{"nickname":"a\"b\\c\u00e9 ☕️ 👩‍👩‍👧","likeCount":-5,"rate":1.5e3,"flag":true,"off":false,"none":null,"empty":""}}"#,
            #"{"event":"linkMicArmies","data":{"battleArmies":[{"hostUserId":"1","points":20},{"hostUserId":"2","points":0}],"list":[1,2,3],"names":["a","",""]}}"#,
            #"{ "a" : 1 , "b" : [ 1 , "x" ] , "c" : { "d" : null } }"#,
            "~streamEnd\u{1F}}}",
            "~member\u{1F}}}",
            "~join\u{1F}" + #","note":"nothing to see"}}"#,
            "",
        ]
        for line in lines {
            let parts = try XCTUnwrap(FeedLineShape.split(line), line)
            XCTAssertEqual(FeedLineShape.join(template: parts.template, values: parts.values), line, line)
        }
        let parts = try XCTUnwrap(FeedLineShape.split(Self.gift))
        XCTAssertEqual(parts.values, ["gift", "7300000000000000035", "1796126400200", "5655", "Rose", "1", "1", "3", "true", "g1",
                                      "7000000000000000001", "mia", "Mia"].joined(separator: "\u{1F}"))
        XCTAssertEqual(parts.template, #"{"event":"\#u{1E}","data":{"msgId":"\#u{1E}","createTime":\#u{1D},"giftId":\#u{1D},"giftName":"\#u{1E}","diamondCount":\#u{1D},"giftType":\#u{1D},"repeatCount":\#u{1D},"repeatEnd":\#u{1D},"groupId":"\#u{1E}","userId":"\#u{1E}","uniqueId":"\#u{1E}","nickname":"\#u{1E}"}}"#)
        // Two gifts of other people and other gifts share the shape.
        let other = Self.gift.replacingOccurrences(of: "\"Mia\"", with: "\"Noor Ü\"").replacingOccurrences(of: "5655", with: "7934")
        XCTAssertEqual(FeedLineShape.split(other)?.template, parts.template)
    }

    func testALineThatHoldsASlotCharacterIsNotSplit() {
        XCTAssertNil(FeedLineShape.split("{\"event\":\"like\",\"data\":{\"nickname\":\"a\u{1E}b\"}}"), "a slot inside a value")
        XCTAssertNil(FeedLineShape.split("{\"event\":\"like\",\"data\":{\"nickname\":\"a\u{1F}b\"}}"), "a separator inside a value")
        XCTAssertNil(FeedLineShape.split("{\"event\":\"like\",\u{1D}\"data\":{}}"), "a slot in the punctuation")
        XCTAssertNil(FeedLineShape.split(#"{"event":"like","data":{"nickname":"never ends}}"#), "a string that does not end")
    }

    func testValuesThatDoNotFitTheTemplateAreRefused() {
        let template = #"{"a":"\#u{1E}","b":\#u{1D}}"#
        XCTAssertEqual(FeedLineShape.join(template: template, values: "x\u{1F}1"), #"{"a":"x","b":1}"#)
        XCTAssertNil(FeedLineShape.join(template: template, values: "x"), "too few values")
        XCTAssertNil(FeedLineShape.join(template: template, values: "x\u{1F}1\u{1F}2"), "too many values")
        XCTAssertEqual(FeedLineShape.join(template: "~member\u{1F}}}", values: ""), "~member\u{1F}}}")
        XCTAssertNil(FeedLineShape.join(template: "~member\u{1F}}}", values: "x"), "a value for a template without slots")
    }

    private func wallet() async throws -> WalletStore {
        let store = StoreFixtures.store(at: path)
        _ = try await store.createAccount(name: "Leo", profile: StoreFixtures.eligibleCreator())
        return store
    }

    private func gift(_ store: WalletStore, msgId: Int64, line: String, source given: FeedSource? = nil) async throws {
        let source = given ?? FeedSource(atMs: 1_796_126_400_200, line: line)
        let effect = FeedEffect.gift(giftID: 5655, name: "Rose", unitPoints: 1, count: 3, gifter: "mia")
        let result = try await store.submit(.feed(creator: "Leo", effect: effect, source: source), key: .caller("feed:1:gift:\(msgId)"))
        guard case .success = result.answer else { return XCTFail("\(result.answer)") }
    }

    func testGiftsKeepTheirValuesBesideOneSharedShapeAndReadBackWhole() async throws {
        let store = try await wallet()
        let second = Self.gift.replacingOccurrences(of: "7300000000000000035", with: "7300000000000000042")
            .replacingOccurrences(of: "\"mia\"", with: "\"noor\"").replacingOccurrences(of: "\"Mia\"", with: "\"Noor\"")
        try await gift(store, msgId: 7_300_000_000_000_000_035, line: Self.gift)
        try await gift(store, msgId: 7_300_000_000_000_000_042, line: second)
        let session = try await store.openSession(creatorID: 1)?.id ?? ""
        await XCTAssertEqualAsync(try await store.liveEvents(sessionID: session).map(\.line), [Self.gift, second])
        let shapes = try await store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM live_event_shapes") }
        XCTAssertEqual(shapes, 1, "both gifts have one shape")
        let kept = try await store.read { try Int.fetchOne($0, sql: "SELECT MAX(length(line)) FROM live_events WHERE shape IS NOT NULL") } ?? 0
        XCTAssertLessThanOrEqual(kept * 3, Self.gift.utf8.count, "a gift keeps under a third of its line")
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
    }

    func testTheKeptFormMadeOnTheFeedsSideIsTheOneTheWriterWouldMake() throws {
        let msgID: Int64 = 7_300_000_000_000_000_035
        let atMs: Int64 = 1_796_126_400_200
        let kept = FeedKeptLine(line: Self.gift, msgID: msgID, atMs: atMs)
        let parts = try XCTUnwrap(FeedLineShape.split(FeedKeptLine.stored(Self.gift, msgID: msgID, atMs: atMs)))
        XCTAssertEqual(kept.template, parts.template)
        XCTAssertEqual(kept.text, parts.values)
        XCTAssertEqual(FeedSource(atMs: atMs, line: Self.gift, msgID: msgID).kept, kept)
        XCTAssertNil(FeedSource(atMs: nil, line: Self.gift, msgID: msgID).kept, "no time: the writer makes it")
        // A line that does not split keeps its stored form whole.
        let odd = FeedKeptLine(line: "{\"event\":\"like\",\"data\":{\"nickname\":\"a\u{1E}b\"}}", msgID: 1, atMs: 2)
        XCTAssertNil(odd.template)
        XCTAssertEqual(odd.text, "{\"event\":\"like\",\"data\":{\"nickname\":\"a\u{1E}b\"}}")
    }

    func testTheWriterKeepsTheEventsOwnLineWhenItsKeptFormIsForAnother() async throws {
        let store = try await wallet()
        let other = Self.gift.replacingOccurrences(of: "\"Mia\"", with: "\"Noor\"")
        // The source's line was changed after its kept form was made: the kept form is not used.
        var source = FeedSource(atMs: 1_796_126_400_200, line: other, msgID: 7_300_000_000_000_000_035)
        source.line = Self.gift
        try await gift(store, msgId: 7_300_000_000_000_000_035, line: Self.gift, source: source)
        // Made for the msgId its line shows, which is not its key's: not used either (it would
        // leave that msgId out, and the row's msg_id would put the key's back in).
        let second = Self.gift.replacingOccurrences(of: "7300000000000000035", with: "7300000000000000099")
        try await gift(store, msgId: 7_300_000_000_000_000_042, line: second,
                       source: FeedSource(atMs: 1_796_126_400_200, line: second, msgID: 7_300_000_000_000_000_099))
        let session = try await store.openSession(creatorID: 1)?.id ?? ""
        await XCTAssertEqualAsync(try await store.liveEvents(sessionID: session).map(\.line), [Self.gift, second])
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
    }

    func testARowWhoseShapeDoesNotFitIsNamedAsDamage() async throws {
        let store = try await wallet()
        try await gift(store, msgId: 7_300_000_000_000_000_035, line: Self.gift)
        let session = try await store.openSession(creatorID: 1)?.id ?? ""
        try store.unsafeExecute("PRAGMA foreign_keys = OFF; UPDATE live_events SET shape = 99; PRAGMA foreign_keys = ON")
        let problems = try await store.verify(full: true).problems
        XCTAssertTrue(problems.contains { $0.contains("live_events row") && $0.contains("shape 99") }, "\(problems)")
        do {
            _ = try await store.liveEvents(sessionID: session)
            XCTFail("a damaged row read as a line")
        } catch let error as WalletError {
            XCTAssertEqual(error.code, .storage)
            XCTAssertTrue(error.message.contains("shape 99"), error.message)
        }
        // Values with a value too many for their shape: the same.
        try store.unsafeExecute("UPDATE live_events SET shape = (SELECT id FROM live_event_shapes), line = line || char(31) || 'x'")
        await XCTAssertTrueAsync(try await store.verify(full: true).problems.contains { $0.contains("does not fit its values") })
    }

    func testAnEventRowWrittenBeforeShapesReadsAsItWasAfterTheMigration() async throws {
        // A wallet as TikScore wrote it before shapes (schema v7), with one event row.
        let queue = try DatabaseQueue(path: path)
        try WalletSchema.migrator.migrate(queue, upTo: "v7-feed-event-keys")
        let stored = FeedKeptLine.stored(Self.gift, msgID: 7_300_000_000_000_000_035, atMs: 1_796_126_400_200)
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO live_events (session_id, at_ms, kind, line, creator_id, msg_id, earned)
                VALUES ('s-old', 1796126400200, 'gift', ?, 1, 7300000000000000035, 150)
                """, arguments: [stored])
        }
        try queue.close()
        let store = StoreFixtures.store(at: path)
        await XCTAssertEqualAsync(try await store.liveEvents(sessionID: "s-old").map(\.line), [Self.gift])
        await XCTAssertEqualAsync(try await store.read { try String.fetchOne($0, sql: "SELECT line FROM live_events") ?? "" }, stored)
    }
}
