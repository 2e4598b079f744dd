import TikScoreCore
import TikScoreTestSupport
import XCTest

final class FeedLineDecoderTests: XCTestCase {
    let decoder = FeedLineDecoder()

    private func problem(_ line: String, _ decoder: FeedLineDecoder = FeedLineDecoder()) -> FeedProblem? {
        if case .failure(let problem) = decoder.decode(line) { return problem }
        return nil
    }

    func testFlatGiftCamelCase() throws {
        let line = try FeedTestSupport.gift("""
        {"msgId":"7300000000000000001","createTime":1732000001000,"giftId":5655,"giftName":"Rose","diamondCount":1,\
        "giftType":1,"repeatCount":3,"repeatEnd":false,"userId":"7234567890123456789","uniqueId":"ann","nickname":"Ann","groupId":"42"}
        """)
        XCTAssertEqual(line.giftId, 5655)
        XCTAssertEqual(line.giftName, "Rose")
        XCTAssertEqual(line.unitPoints, 1)
        XCTAssertEqual(line.repeatCount, 3)
        XCTAssertFalse(line.repeatEnd)
        XCTAssertEqual(line.giftType, 1)
        XCTAssertEqual(line.sender, FeedUser(userId: "7234567890123456789", uniqueId: "ann", nickname: "Ann"))
        XCTAssertEqual(line.groupId, "42")
        XCTAssertEqual(line.msgId, "7300000000000000001")
        XCTAssertEqual(line.timestamp, 1_732_000_001_000)
    }

    func testSnakeCaseGiftDecodesTheSame() throws {
        let camel = try FeedTestSupport.gift("""
        {"msgId":"9","giftId":5487,"giftName":"Finger Heart","diamondCount":5,"giftType":1,"repeatCount":4,"repeatEnd":true,"userId":"77","uniqueId":"bo","nickname":"Bo"}
        """)
        let snake = try FeedTestSupport.gift("""
        {"msg_id":"9","gift_id":5487,"gift_name":"Finger Heart","diamond_count":5,"gift_type":1,"repeat_count":4,"repeat_end":true,"user_id":"77","unique_id":"bo","nickname":"Bo"}
        """)
        XCTAssertEqual(camel, snake)
        XCTAssertTrue(snake.repeatEnd)
    }

    func testSixtyFourBitIdsStayExact() throws {
        // 2^63 - 1 and a value above 2^53 that a Double would round (…001 → …000 / …002).
        let event = try decoder.decode("""
        {"event":"follow","data":{"msgId":9223372036854775807,"userId":7300000000000000001,"uniqueId":"x"}}
        """).get()
        XCTAssertEqual(event.msgId, "9223372036854775807")
        XCTAssertEqual(event.kind, .follow(FeedUser(userId: "7300000000000000001", uniqueId: "x")))
        let gift = try FeedTestSupport.gift("""
        {"giftId":"5655","diamondCount":"1","giftType":"1","repeatCount":"2","msgId":"7300000000000000003","userId":9007199254740993}
        """)
        XCTAssertEqual(gift.sender.userId, "9007199254740993")
        XCTAssertEqual(gift.repeatCount, 2)
        XCTAssertEqual(gift.msgId, "7300000000000000003")
    }

    func testCatalogSuppliesMissingPriceNameAndType() throws {
        let catalog = try FeedTestSupport.catalog()
        let line = try FeedTestSupport.gift(#"{"giftId":6369,"uniqueId":"ann"}"#, catalog: catalog)
        XCTAssertEqual(line.giftName, "Lion")
        XCTAssertEqual(line.unitPoints, 29999)
        XCTAssertEqual(line.giftType, 2)
        XCTAssertEqual(line.repeatCount, 1)
        // Not in the catalog and no price: a bad line.
        XCTAssertEqual(problem(#"{"event":"gift","data":{"giftId":1,"giftType":2}}"#, FeedLineDecoder(catalog: catalog))?.kind,
                       .missingField("diamondCount"))
        XCTAssertEqual(problem(#"{"event":"gift","data":{"giftId":6369}}"#)?.kind, .missingField("diamondCount"))
    }

    func testOtherFlatEvents() throws {
        XCTAssertEqual(try decoder.decode(#"{"event":"member","data":{"uniqueId":"a"}}"#).get().kind, .join(FeedUser(uniqueId: "a")))
        XCTAssertEqual(try decoder.decode(#"{"event":"share","data":{"uniqueId":"a"}}"#).get().kind, .share(FeedUser(uniqueId: "a")))
        XCTAssertEqual(try decoder.decode(#"{"event":"like","data":{"likeCount":15,"totalLikeCount":300,"uniqueId":"a"}}"#).get().kind,
                       .like(user: FeedUser(uniqueId: "a"), count: 15, total: 300))
        XCTAssertEqual(try decoder.decode(#"{"event":"roomUser","data":{"viewer_count":321}}"#).get().kind, .viewers(count: 321, totalUsers: nil))
        XCTAssertEqual(try decoder.decode(#"{"event":"streamEnd","data":{}}"#).get().kind, .streamEnded)
        XCTAssertEqual(try decoder.decode(#"{"event":"streamEnd"}"#).get().kind, .streamEnded)
        XCTAssertEqual(try decoder.decode(#"{"event":"linkMicArmies","data":{"battleId":7,"armies":[{"hostUserId":"1","points":5},{"userId":2,"score":"9"}]}}"#).get().kind,
                       .battleScores(battleId: "7", scores: [BattleScore(hostId: "1", points: 5), BattleScore(hostId: "2", points: 9)]))
        XCTAssertEqual(try decoder.decode(#"{"event":"linkMicBattle","data":{"battleId":"7","action":"INVITE"}}"#).get().kind,
                       .battleNotice(battleId: "7", action: "INVITE"))
        XCTAssertEqual(try decoder.decode(#"{"event":"linkMicBattle","data":{"battleId":"7","battleUsers":[{"userId":"1","uniqueId":"me"}]}}"#).get().kind,
                       .battleStarted(battleId: "7", hosts: [BattleHost(user: FeedUser(userId: "1", uniqueId: "me"))]))
    }

    func testEveryKindOfBadLine() {
        XCTAssertEqual(problem("")?.kind, .emptyLine)
        XCTAssertEqual(problem("not json")?.kind, .notJSON)
        XCTAssertEqual(problem(#"{"event":"gift","data":{"giftId":1}"#)?.kind, .notJSON)
        XCTAssertEqual(problem("[1,2]")?.kind, .notAnObject)
        XCTAssertEqual(problem("42")?.kind, .notAnObject)
        // A connector event the wallet does not use is valid (ignored); an unknown name is not.
        XCTAssertNil(problem(#"{"event":"chat","data":{}}"#))
        XCTAssertEqual(problem(#"{"event":"gfit","data":{}}"#)?.kind, .unknownEvent("gfit"))
        XCTAssertEqual(problem(#"{"data":{}}"#)?.kind, .missingField("event"))
        XCTAssertEqual(problem(#"{"event":5,"data":{}}"#)?.kind, .wrongType("event"))
        XCTAssertEqual(problem(#"{"event":"gift"}"#)?.kind, .missingField("data"))
        XCTAssertEqual(problem(#"{"event":"gift","data":[]}"#)?.kind, .wrongType("data"))
        XCTAssertEqual(problem(#"{"event":"gift","data":{"diamondCount":1,"giftType":1}}"#)?.kind, .missingField("giftId"))
        XCTAssertEqual(problem(#"{"event":"gift","data":{"giftId":"rose","diamondCount":1,"giftType":1}}"#)?.kind, .wrongType("giftId"))
        XCTAssertEqual(problem(#"{"event":"gift","data":{"giftId":5655,"diamondCount":"one","giftType":1}}"#)?.kind, .wrongType("diamondCount"))
        XCTAssertEqual(problem(#"{"event":"gift","data":{"giftId":5655,"diamondCount":1,"giftType":1,"repeatCount":true}}"#)?.kind, .wrongType("repeatCount"))
        XCTAssertEqual(problem(#"{"event":"gift","data":{"giftId":5655,"diamondCount":1,"giftType":1,"repeatCount":-3}}"#)?.kind, .badValue("repeatCount"))
        XCTAssertEqual(problem(#"{"event":"gift","data":{"giftId":5655,"diamondCount":1,"giftType":1,"repeatCount":0}}"#)?.kind, .badValue("repeatCount"))
        XCTAssertEqual(problem(#"{"event":"gift","data":{"giftId":5655,"diamondCount":1,"giftType":1,"repeatCount":2.5}}"#)?.kind, .badValue("repeatCount"))
        XCTAssertEqual(problem(#"{"event":"gift","data":{"giftId":5655,"diamondCount":-1,"giftType":1}}"#)?.kind, .badValue("diamondCount"))
        // 10^15 × 44,999 points overflows Int64: a bad line. 10^15 × 1 does not: the line is valid,
        // and the trust model (economy.json feed.max_repeat_count) refuses it when it is applied.
        XCTAssertEqual(problem(#"{"event":"gift","data":{"giftId":9072,"diamondCount":44999,"giftType":2,"repeatCount":1000000000000000}}"#)?.kind,
                       .overflow("repeatCount"))
        XCTAssertNil(problem(#"{"event":"gift","data":{"giftId":5655,"diamondCount":1,"giftType":1,"repeatCount":1000000000000000}}"#))
        XCTAssertEqual(problem(#"{"event":"gift","data":{"giftId":5655,"diamondCount":1,"giftType":1,"repeatCount":99999999999999999999}}"#)?.kind,
                       .badValue("repeatCount"))
        XCTAssertEqual(problem(#"{"event":"gift","data":{"giftId":5655,"diamondCount":1,"giftType":1,"repeatEnd":2}}"#)?.kind, .badValue("repeatEnd"))
        XCTAssertEqual(problem(#"{"event":"like","data":{"uniqueId":"a"}}"#)?.kind, .missingField("likeCount"))
        XCTAssertEqual(problem(#"{"event":"like","data":{"likeCount":-1}}"#)?.kind, .badValue("likeCount"))
        XCTAssertEqual(problem(#"{"event":"roomUser","data":{"viewerCount":"many"}}"#)?.kind, .wrongType("viewerCount"))
        XCTAssertEqual(problem(#"{"event":"follow","data":{"uniqueId":5}}"#)?.kind, .wrongType("uniqueId"))
        XCTAssertEqual(problem(#"{"event":"linkMicArmies","data":{"battleArmies":[{"points":3}]}}"#)?.kind, .missingField("battleArmies.hostUserId"))
    }

    func testProblemNamesAndMessages() {
        let problem = FeedProblem(.missingField("giftId"))
        XCTAssertEqual(problem.kindName, "missingField")
        XCTAssertEqual(problem.detailedKindName, "missingField:giftId")
        XCTAssertEqual(problem.message, "missing field \"giftId\"")
        XCTAssertEqual(FeedProblem(.notJSON, detail: "x").message, "not JSON (x)")
        XCTAssertFalse(FeedProblem(.overflow("repeatCount")).message.contains("\n"))
    }

    func testBytesAndStringDecodeAlike() {
        let text = #"{"event":"like","data":{"likeCount":3,"nickname":"Zoë 🌹"}}"#
        XCTAssertEqual(decoder.decode(text), decoder.decode(bytes: Array(text.utf8)))
        XCTAssertEqual(try decoder.decode(#"{"event":"like","data":{"likeCount":1,"nickname":"\u00e9\ud83c\udf39"}}"#).get().kind,
                       .like(user: FeedUser(nickname: "é🌹"), count: 1, total: nil))
    }
}

/// A battle's length, when the connector gives it, sets the wallet's countdown.
final class BattleLengthTests: XCTestCase {
    func testBattleSettingDurationIsRead() throws {
        let decoder = FeedLineDecoder(catalog: FeedGiftTable([]))
        let line = #"{"event":"linkMicBattle","data":{"msgId":"1","battleId":"7","action":4,"battleSetting":{"duration":300},"battleUsers":[{"userId":"1","uniqueId":"me"}]}}"#
        guard case .success(let event) = decoder.decode(line), case .battleStarted(_, _, let seconds) = event.kind else {
            return XCTFail("\(decoder.decode(line))")
        }
        XCTAssertEqual(seconds, 300)
        let simulated = LiveStreamSimulator(seed: 4, ratePerSecond: 5, seconds: 60, gifts: FeedGiftTable([]), battleOpponent: "rival",
                                            creator: "leo", startTimeMs: 0).jsonLines().first { $0.contains("linkMicBattle") }
        let decoded = try XCTUnwrap(simulated.map(decoder.decode))
        guard case .success(let start) = decoded, case .battleStarted(_, _, let simulatedSeconds) = start.kind else { return XCTFail("\(decoded)") }
        XCTAssertEqual(simulatedSeconds, 30, "the simulator's battle is the middle half of its 60 s stream, and says so")
    }
}
