import Foundation
import TikScoreCore
import TikScoreResources
import TikScoreTestSupport
import XCTest

/// The connector fixtures of Tests/Fixtures/connectors (see its README.md): every line of every
/// shape decodes, the fields that matter for the shape are read from where that connector puts
/// them, and the whole file, applied to a wallet, gives exactly what its story implies — once.
///
/// The story (where the shape allows it): Ann sends Rose ×5 (1, 3, 5, end 5), then a second Rose
/// streak of 2 (new groupId); Bo a Confetti (type 2, 100); Cy Sunglasses (type 4, 199 in today's
/// catalog); Dee a Rose to the guest Gia. Battles: Leo vs Rival, final 1100 : 299 (Leo wins).
/// Economy: commission 50 %, 1 earned point per follower.
final class ConnectorShapeTests: XCTestCase {
    // MARK: People

    private let ann = FeedUser(userId: "7000000000000000011", uniqueId: "ann", nickname: "Ann")
    private let bo = FeedUser(userId: "7000000000000000012", uniqueId: "bo", nickname: "Bo")
    private let cy = FeedUser(userId: "7000000000000000013", uniqueId: "cy", nickname: "Cy")
    private let dee = FeedUser(userId: "7000000000000000014", uniqueId: "dee", nickname: "Dee")
    private let leoUser = FeedUser(userId: "6900000000000000001", uniqueId: "leo", nickname: "Leo")
    private let rivalUser = FeedUser(userId: "6900000000000000002", uniqueId: "rival", nickname: "Rival")
    private let gia = FeedUser(userId: "6900000000000000003", uniqueId: "gia", nickname: "Gia")
    private let leoID = "6900000000000000001"
    private let rivalID = "6900000000000000002"
    private let battleID = "7456000000000000001"

    // MARK: tlc-2x-gift

    func testTLC2xGift() async throws {
        let file = "tlc-2x-gift"
        let events = try decodeAll(file)
        XCTAssertEqual(events.count, 10)

        // Price, type and name from giftDetails, msgId and time (ms) from common, sender from user, receiver from toUser.
        XCTAssertEqual(events[2]?.msgId, "7455000000000000101")
        XCTAssertEqual(events[2]?.timestamp, 1_767_261_601_000)
        XCTAssertEqual(gift(events[2]), GiftLine(giftId: 5655, giftName: "Rose", unitPoints: 1, repeatCount: 1, repeatEnd: false,
                                                giftType: 1, sender: ann, groupId: "1767261601000", msgId: "7455000000000000101",
                                                timestamp: 1_767_261_601_000, declaredPoints: 1, receiver: leoUser))
        // repeatEnd is the int32 1, repeating the final count.
        XCTAssertEqual(gift(events[5])?.repeatCount, 5)
        XCTAssertEqual(gift(events[5])?.repeatEnd, true)
        XCTAssertEqual(gift(events[6])?.groupId, "1767261609000")
        // Bo's Confetti: no toUser, type 2, repeatEnd 0.
        XCTAssertEqual(gift(events[8]), GiftLine(giftId: 5585, giftName: "Confetti", unitPoints: 100, repeatCount: 1, repeatEnd: false,
                                                giftType: 2, sender: bo, groupId: "1767261612000", msgId: "7455000000000000107",
                                                timestamp: 1_767_261_612_000, declaredPoints: 100, receiver: nil))
        // Sunglasses: the line's giftDetails (199, type 4) is read.
        XCTAssertEqual(gift(events[9]), GiftLine(giftId: 5509, giftName: "Sunglasses", unitPoints: 199, repeatCount: 1, repeatEnd: false,
                                                giftType: 4, sender: cy, groupId: "1767261614000", msgId: "7455000000000000108",
                                                timestamp: 1_767_261_614_000, declaredPoints: 199, receiver: leoUser))
        XCTAssertEqual(gift(events[10])?.receiver, gia)
        XCTAssertEqual(gift(events[11])?.sender, dee)
        XCTAssertEqual(gift(events[11])?.repeatEnd, true)
        // And the catalog agrees: Sunglasses is 199, so the line's price is the catalog's.
        XCTAssertEqual(try CoreFixtures.economy.feedPrice(giftID: 5509, declared: 199), .catalog(199, mismatch: false))

        for identity in Identity.allCases {
            let (wallet, leo) = try await wallet(identity)
            let report = await play(file, on: wallet, as: leo)
            // Leo: Ann 5 + Ann 2 (second streak, own groupId) + Bo 100 + Cy 199 = 306 points;
            // 50 % → 153 earned, 153 commission. Gifts 5 + 2 + 1 + 1 = 9. Dee's Rose ×1 goes to Gia.
            // Counted events: 2 Ann streaks, Confetti, Sunglasses, the guest Rose = 5 "gift".
            // Pending: the partial lines 2, 3, 4 (1, 3, 5), 6 (1) and 10 (Dee's 1) = 5.
            assertReport(report, applied: ["gift": 5], earned: "153", giftsCounted: 9, giftsToGuests: 1, pending: 5, identity: identity)
            try await assertBalances(wallet, leo, earned: "153", commission: "153", externalFeed: "-306")
            let session = try await onlySession(wallet, leo)
            XCTAssertEqual(session?.gifts, 9)
            XCTAssertEqual(session?.giftsToGuests, 1)
            XCTAssertEqual(session?.guestGiftPoints, CoreFixtures.points(1))
            XCTAssertEqual(session?.points, CoreFixtures.points(153))
            XCTAssertEqual(session?.feedPoints, CoreFixtures.points(306))
            // Cy 199, Bo 100, Ann 5 + 2 = 7 (before commission).
            XCTAssertEqual(session?.topGifters, [GifterTotal(name: "@cy", points: CoreFixtures.points(199)),
                                                  GifterTotal(name: "@bo", points: CoreFixtures.points(100)),
                                                  GifterTotal(name: "@ann", points: CoreFixtures.points(7))])
            XCTAssertEqual(session?.isLive, true)
            // Read again: 5 counted gifts replay.
            try await assertReadAgainChangesNothing(file, on: wallet, duplicates: 5)
        }
    }

    // MARK: tlc-2x-social

    func testTLC2xSocial() async throws {
        let file = "tlc-2x-social"
        let events = try decodeAll(file)
        XCTAssertEqual(events.count, 8)

        // member: the top-level userId "0" is the int64 default; the sender is user.userId.
        XCTAssertEqual(events[2]?.kind, .join(ann))
        XCTAssertEqual(events[2]?.msgId, "7455000000000000201")
        XCTAssertEqual(events[2]?.timestamp, 1_767_261_600_500)
        XCTAssertEqual(events[3]?.kind, .follow(bo))
        XCTAssertEqual(events[4]?.kind, .share(cy))
        // pm_mt_guidance_viewer_3_share is a share as well.
        XCTAssertEqual(events[5]?.kind, .share(ann))
        // A social line with no follow/share display type is not paid for.
        XCTAssertEqual(events[6]?.kind, .ignored("social"))
        XCTAssertEqual(events[7]?.kind, .like(user: cy, count: 15, total: 1015))
        XCTAssertEqual(events[8]?.kind, .viewers(count: 42, totalUsers: 120))
        XCTAssertEqual(events[8]?.msgId, "7455000000000000207")
        // streamEnd carries only {action}: no msgId, no time.
        XCTAssertEqual(events[9], FeedEvent(.streamEnded))

        let (wallet, leo) = try await wallet(.tiktokID)
        let report = await play(file, on: wallet, as: leo)
        // Join 1, follow 1 (Bo; Dee's bare social is ignored), share 2 (Cy, Ann), like 1, viewers 1,
        // streamEnd 1. Earned: 1 follower × 1 point = 1. streamEnd has no msgId.
        assertReport(report, applied: ["join": 1, "follow": 1, "share": 2, "like": 1, "viewers": 1, "streamEnd": 1],
                     earned: "1", giftsCounted: 0, pending: 0, ignored: ["social": 1], withoutMsgId: 1, identity: .tiktokID)
        try await assertBalances(wallet, leo, earned: "1", followerRewards: "-1")
        let session = try await onlySession(wallet, leo)
        XCTAssertEqual(session?.joins, 1)
        XCTAssertEqual(session?.newFollowers, 1)
        XCTAssertEqual(session?.shares, 2)
        XCTAssertEqual(session?.likes, 15)
        XCTAssertEqual(session?.viewers, 42)
        XCTAssertEqual(session?.peakViewers, 42)
        XCTAssertEqual(session?.points, CoreFixtures.points(1))
        XCTAssertEqual(session?.isLive, false)
        // Read again: 1 + 1 + 2 + 1 + 1 + 1 = 7 events replay.
        try await assertReadAgainChangesNothing(file, on: wallet, duplicates: 7)
    }

    // MARK: tlc-2x-battle

    func testTLC2xBattle() async throws {
        let file = "tlc-2x-battle"
        let events = try decodeAll(file)
        XCTAssertEqual(events.count, 6)

        // Hosts from the anchorInfo map ({id: {user: {userId, displayId, nickName}}}), length from battleSetting.
        XCTAssertEqual(started(events[2]), Started(battleId: battleID, hosts: [leoUser, rivalUser], seconds: 300))
        XCTAssertEqual(events[2]?.msgId, "7455000000000000301")
        // Running scores from the battleItems map (hostScore, anchorIdStr); Rival first in the map.
        XCTAssertEqual(tally(events[3]), Tally(kind: "battleScores", battleId: battleID, scores: [leoID: 100, rivalID: 0]))
        XCTAssertEqual(tally(events[4]), Tally(kind: "battleScores", battleId: battleID, scores: [leoID: 100, rivalID: 299]))
        XCTAssertEqual(tally(events[5]), Tally(kind: "battleScores", battleId: battleID, scores: [leoID: 1100, rivalID: 299]))
        // battleStatus 2 (TriggerReason BATTLE_END): the final armies.
        XCTAssertEqual(tally(events[6]), Tally(kind: "battleEnded", battleId: battleID, scores: [leoID: 1100, rivalID: 299]))
        // action 5 (FINISH): the result from the battleResult map.
        XCTAssertEqual(tally(events[7]), Tally(kind: "battleEnded", battleId: battleID, scores: [leoID: 1100, rivalID: 299]))

        for identity in Identity.allCases {
            let (wallet, leo) = try await wallet(identity)
            let report = await play(file, on: wallet, as: leo)
            // start + 4 armies + the end line (on a battle already settled) = 6 "battle"; no gift, nothing earned.
            assertReport(report, applied: ["battle": 6], earned: "0", giftsCounted: 0, pending: 0, identity: identity)
            try await assertBalances(wallet, leo)
            try await assertLeoWon(wallet, leo, battleID: battleID)
            try await assertReadAgainChangesNothing(file, on: wallet, duplicates: 6)
        }
    }

    // MARK: tlc-2x-v3

    func testTLC2xV3() async throws {
        let file = "tlc-2x-v3"
        let events = try decodeAll(file)
        XCTAssertEqual(events.count, 19)

        // member: user.id / displayId, not the top-level "0".
        XCTAssertEqual(events[2]?.kind, .join(ann))
        // Gift from the nested gift (id, name, diamondCount, type), giftId a string, user.id, toUser.id.
        XCTAssertEqual(gift(events[3]), GiftLine(giftId: 5655, giftName: "Rose", unitPoints: 1, repeatCount: 1, repeatEnd: false,
                                                giftType: 1, sender: ann, groupId: "1767261601000", msgId: "7455000000000900902",
                                                timestamp: 1_767_261_601_000, declaredPoints: 1, receiver: leoUser))
        XCTAssertEqual(gift(events[5])?.repeatCount, 5)
        XCTAssertEqual(gift(events[5])?.repeatEnd, true)
        XCTAssertEqual(gift(events[8])?.receiver, nil)
        XCTAssertEqual(gift(events[8])?.giftType, 2)
        XCTAssertEqual(gift(events[9])?.declaredPoints, 199)
        XCTAssertEqual(gift(events[9])?.giftType, 4)
        XCTAssertEqual(gift(events[9])?.giftName, "Sunglasses")
        XCTAssertEqual(gift(events[10])?.sender, dee)
        XCTAssertEqual(gift(events[10])?.receiver, gia)
        XCTAssertEqual(events[11]?.kind, .follow(bo))
        XCTAssertEqual(events[12]?.kind, .share(cy))
        // v3 renames likeCount/totalLikeCount/viewerCount to count/total/total.
        XCTAssertEqual(events[13]?.kind, .like(user: cy, count: 6, total: 1006))
        XCTAssertEqual(events[14]?.kind, .viewers(count: 42, totalUsers: 120))
        // Hosts from anchorsInfo [{key, value: {user}}], length from battleSettings.
        XCTAssertEqual(started(events[15]), Started(battleId: battleID, hosts: [leoUser, rivalUser], seconds: 300))
        // The armies map with hostscore; triggerReason 2 is the final one.
        XCTAssertEqual(tally(events[16]), Tally(kind: "battleScores", battleId: battleID, scores: [leoID: 100, rivalID: 0]))
        XCTAssertEqual(tally(events[17]), Tally(kind: "battleScores", battleId: battleID, scores: [leoID: 100, rivalID: 299]))
        XCTAssertEqual(tally(events[18]), Tally(kind: "battleEnded", battleId: battleID, scores: [leoID: 1100, rivalID: 299]))
        XCTAssertEqual(tally(events[19]), Tally(kind: "battleEnded", battleId: battleID, scores: [leoID: 1100, rivalID: 299]))
        XCTAssertEqual(events[20], FeedEvent(.streamEnded))

        for identity in Identity.allCases {
            let (wallet, leo) = try await wallet(identity)
            let report = await play(file, on: wallet, as: leo)
            // Gifts as in 2.x: 5 + 2 + 100 + 199 = 306 → 153 earned; + 1 follower = 154 earned.
            // Gifts counted 9, Dee's Rose to Gia 1. Pending: partial lines 3, 4, 6 = 3.
            // Battle: start + 3 armies + end = 5. streamEnd has no msgId.
            assertReport(report, applied: ["join": 1, "gift": 5, "follow": 1, "share": 1, "like": 1, "viewers": 1, "battle": 5, "streamEnd": 1],
                         earned: "154", giftsCounted: 9, giftsToGuests: 1, pending: 3, withoutMsgId: 1, identity: identity)
            try await assertBalances(wallet, leo, earned: "154", commission: "153", externalFeed: "-306", followerRewards: "-1")
            let session = try await onlySession(wallet, leo)
            XCTAssertEqual(session?.gifts, 9)
            XCTAssertEqual(session?.giftsToGuests, 1)
            XCTAssertEqual(session?.newFollowers, 1)
            XCTAssertEqual(session?.shares, 1)
            XCTAssertEqual(session?.likes, 6)
            XCTAssertEqual(session?.joins, 1)
            XCTAssertEqual(session?.viewers, 42)
            XCTAssertEqual(session?.points, CoreFixtures.points(154))
            XCTAssertEqual(session?.isLive, false)
            try await assertLeoWon(wallet, leo, battleID: battleID)
            // 1 + 5 + 1 + 1 + 1 + 1 + 5 + 1 = 16 events replay.
            try await assertReadAgainChangesNothing(file, on: wallet, duplicates: 16)
        }
    }

    // MARK: tlc-1x-flat

    func testTLC1xFlat() async throws {
        let file = "tlc-1x-flat"
        let events = try decodeAll(file)
        XCTAssertEqual(events.count, 19)

        XCTAssertEqual(events[2], FeedEvent(.viewers(count: 40, totalUsers: nil)))
        XCTAssertEqual(events[3]?.kind, .join(ann))
        XCTAssertEqual(events[3]?.msgId, "7455000000000100401")
        // Flat fields; the receiver from receiverUserId (an id only).
        XCTAssertEqual(gift(events[4]), GiftLine(giftId: 5655, giftName: "Rose", unitPoints: 1, repeatCount: 1, repeatEnd: false,
                                                giftType: 1, sender: ann, groupId: "1767261601000", msgId: "7455000000000100402",
                                                timestamp: 1_767_261_601_000, declaredPoints: 1,
                                                receiver: FeedUser(userId: leoID)))
        // repeatEnd is a boolean here.
        XCTAssertEqual(gift(events[6])?.repeatCount, 5)
        XCTAssertEqual(gift(events[6])?.repeatEnd, true)
        XCTAssertEqual(gift(events[10])?.declaredPoints, 199)
        XCTAssertEqual(gift(events[10])?.giftType, 4)
        XCTAssertEqual(gift(events[11])?.receiver, FeedUser(userId: "6900000000000000003"))
        // social is sent with follow/share for the same message: by display type it is that same event.
        XCTAssertEqual(events[12], FeedEvent(.follow(bo), msgId: "7455000000000100410", timestamp: 1_767_261_620_000))
        XCTAssertEqual(events[12], events[13])
        XCTAssertEqual(events[14], FeedEvent(.share(cy), msgId: "7455000000000100411", timestamp: 1_767_261_621_000))
        XCTAssertEqual(events[14], events[15])
        XCTAssertEqual(events[16]?.kind, .like(user: cy, count: 6, total: 1006))
        // Battles: battleUsers list, battleArmies list; no battleId, no msgId in 1.x.
        XCTAssertEqual(started(events[17]), Started(battleId: nil, hosts: [leoUser, rivalUser], seconds: nil))
        XCTAssertEqual(events[17]?.msgId, nil)
        XCTAssertEqual(tally(events[18]), Tally(kind: "battleScores", battleId: nil, scores: [leoID: 100, rivalID: 299]))
        XCTAssertEqual(tally(events[19]), Tally(kind: "battleEnded", battleId: nil, scores: [leoID: 1100, rivalID: 299]))
        XCTAssertEqual(events[20], FeedEvent(.streamEnded))

        // With the TikTok id only: 1.x names the receiver by receiverUserId alone, so only a stored
        // TikTok id tells Gia from Leo (a handle-only account cannot compare it, and the id is
        // learned only from the battle, after the gifts).
        let (wallet, leo) = try await wallet(.tiktokID)
        let report = await play(file, on: wallet, as: leo)
        // Gifts: 5 + 2 + 100 + 199 = 306 → 153, + 1 follower = 154 earned; 9 gifts, 1 to Gia.
        // The follow and the share arrive twice (social + follow, social + share, same msgId): 2 duplicates.
        // Pending: partial lines 4, 5, 7 = 3. Without msgId: roomUser, linkMicBattle, 2 linkMicArmies, streamEnd = 5.
        assertReport(report, applied: ["viewers": 1, "join": 1, "gift": 5, "follow": 1, "share": 1, "like": 1, "battle": 3, "streamEnd": 1],
                     earned: "154", giftsCounted: 9, giftsToGuests: 1, duplicates: 2, pending: 3, withoutMsgId: 5, identity: .tiktokID)
        try await assertBalances(wallet, leo, earned: "154", commission: "153", externalFeed: "-306", followerRewards: "-1")
        let session = try await onlySession(wallet, leo)
        XCTAssertEqual(session?.gifts, 9)
        XCTAssertEqual(session?.giftsToGuests, 1)
        XCTAssertEqual(session?.newFollowers, 1)
        XCTAssertEqual(session?.shares, 1)
        XCTAssertEqual(session?.likes, 6)
        XCTAssertEqual(session?.joins, 1)
        XCTAssertEqual(session?.viewers, 40)
        XCTAssertEqual(session?.points, CoreFixtures.points(154))
        XCTAssertEqual(session?.isLive, false)
        try await assertLeoWon(wallet, leo, battleID: nil)
        // 14 applied + the 2 lines that were duplicates already = 16 replay.
        try await assertReadAgainChangesNothing(file, on: wallet, duplicates: 16)
    }

    // MARK: tlc-2022-nested-gift

    func testTLC2022NestedGift() async throws {
        let file = "tlc-2022-nested-gift"
        let events = try decodeAll(file)
        XCTAssertEqual(events.count, 8)

        // Count, end and type from the nested gift (repeat_count, repeat_end, gift_type), time from
        // gift.send_gift_send_message_success_ms, no msgId (the rounded gift.msg_id is only a content hint),
        // price and name from the catalog, no receiver (gift.to_user_id is rounded, never read).
        XCTAssertEqual(events[2], FeedEvent(.gift(try XCTUnwrap(GiftLine(giftId: 5655, giftName: "Rose", unitPoints: 1, repeatCount: 1,
                                                                          repeatEnd: false, giftType: 1, sender: ann, groupId: nil,
                                                                          msgId: nil, timestamp: 1_645_531_201_000,
                                                                          declaredPoints: nil, receiver: nil))),
                                            msgId: nil, timestamp: 1_645_531_201_000, contentHint: "msg_id=7067424178405088000"))
        XCTAssertEqual(gift(events[4])?.repeatCount, 3)
        XCTAssertEqual(gift(events[4])?.repeatEnd, false)
        XCTAssertEqual(gift(events[5])?.repeatCount, 3)
        XCTAssertEqual(gift(events[5])?.repeatEnd, true)
        XCTAssertEqual(events[5]?.timestamp, 1_645_531_204_000)
        XCTAssertEqual(gift(events[7])?.repeatCount, 1)
        XCTAssertEqual(gift(events[7])?.repeatEnd, true)
        XCTAssertEqual(gift(events[8])?.giftType, 2)
        XCTAssertEqual(gift(events[8])?.unitPoints, 100)
        // Sunglasses: the price from extendedGiftInfo.diamond_count, type from gift.gift_type.
        XCTAssertEqual(gift(events[9]), GiftLine(giftId: 5509, giftName: "Sunglasses", unitPoints: 199, repeatCount: 1, repeatEnd: false,
                                                giftType: 4, sender: cy, groupId: nil, msgId: nil, timestamp: 1_645_531_214_000,
                                                declaredPoints: 199, receiver: nil))
        XCTAssertEqual(Set(events.values.compactMap(\.contentHint)).count, 8, "every line has its own hint")

        let (wallet, leo) = try await wallet(.tiktokID)
        let report = await play(file, on: wallet, as: leo)
        // Ann 1, 2, 3, end 3 → 3; then a new streak (a line after repeat_end) 1, end 1 → 1;
        // Bo 100; Cy 199 (catalog): 3 + 1 + 100 + 199 = 303 points → 151.5 earned; gifts 3 + 1 + 1 + 1 = 6.
        // No line to Gia in this file. Pending: partial lines 2, 3, 4, 6 = 4. No line has a msgId: 8.
        assertReport(report, applied: ["gift": 4], earned: "151.5", giftsCounted: 6, pending: 4, withoutMsgId: 8, identity: .tiktokID)
        try await assertBalances(wallet, leo, earned: "151.5", commission: "151.5", externalFeed: "-303")
        let session = try await onlySession(wallet, leo)
        XCTAssertEqual(session?.gifts, 6)
        XCTAssertEqual(session?.topGifters, [GifterTotal(name: "@cy", points: CoreFixtures.points(199)),
                                              GifterTotal(name: "@bo", points: CoreFixtures.points(100)),
                                              GifterTotal(name: "@ann", points: CoreFixtures.points(4))])
        // Keyed by content (with the times and counts), so a second read changes nothing: 4 replay.
        try await assertReadAgainChangesNothing(file, on: wallet, duplicates: 4)
    }

    // MARK: tiktoklive-v6

    func testTikTokLiveV6() async throws {
        let file = "tiktoklive-v6"
        let events = try decodeAll(file)
        XCTAssertEqual(events.count, 20)

        // msgId and time from baseMessage; viewers from mTotal.
        XCTAssertEqual(events[2], FeedEvent(.viewers(count: 40, totalUsers: 118), msgId: "7455000000000600501", timestamp: 1_767_261_600_200))
        // user.id / nickName / username (the handle).
        XCTAssertEqual(events[3]?.kind, .join(ann))
        // Gift from mGift (id, diamondCount, type, name), sender fromUser, receiver toUser; repeatEnd absent = false.
        XCTAssertEqual(gift(events[4]), GiftLine(giftId: 5655, giftName: "Rose", unitPoints: 1, repeatCount: 1, repeatEnd: false,
                                                giftType: 1, sender: ann, groupId: "1767261601000", msgId: "7455000000000600503",
                                                timestamp: 1_767_261_601_000, declaredPoints: 1, receiver: leoUser))
        XCTAssertEqual(events[4]?.msgId, "7455000000000600503")
        XCTAssertEqual(gift(events[7])?.repeatCount, 5)
        XCTAssertEqual(gift(events[7])?.repeatEnd, true)
        XCTAssertEqual(gift(events[10])?.giftType, 2)
        XCTAssertEqual(gift(events[11])?.declaredPoints, 199)
        XCTAssertEqual(gift(events[11])?.giftType, 4)
        XCTAssertEqual(gift(events[12])?.sender, dee)
        XCTAssertEqual(gift(events[12])?.receiver, gia)
        XCTAssertEqual(events[13]?.kind, .follow(bo))
        XCTAssertEqual(events[14]?.kind, .share(cy))
        XCTAssertEqual(events[15]?.kind, .like(user: cy, count: 6, total: 1006))
        // BATTLE_ACTION_OPEN; hosts from the anchorInfo list [{userId, userInfo: {user}}].
        XCTAssertEqual(started(events[16]), Started(battleId: battleID, hosts: [leoUser, rivalUser], seconds: 300))
        // The armies map; Rival's zero score is left out by to_dict().
        XCTAssertEqual(tally(events[17]), Tally(kind: "battleScores", battleId: battleID, scores: [leoID: 100, rivalID: 0]))
        XCTAssertEqual(tally(events[18]), Tally(kind: "battleScores", battleId: battleID, scores: [leoID: 100, rivalID: 299]))
        // TRIGGER_REASON_BATTLE_END: the final armies.
        XCTAssertEqual(tally(events[19]), Tally(kind: "battleEnded", battleId: battleID, scores: [leoID: 1100, rivalID: 299]))
        // BATTLE_ACTION_FINISH: battleResult (Leo's RESULT_WIN = 0 left out, his score still there).
        XCTAssertEqual(tally(events[20]), Tally(kind: "battleEnded", battleId: battleID, scores: [leoID: 1100, rivalID: 299]))
        XCTAssertEqual(events[21], FeedEvent(.streamEnded, msgId: "7455000000000600520", timestamp: 1_767_262_000_000))

        for identity in Identity.allCases {
            let (wallet, leo) = try await wallet(identity)
            let report = await play(file, on: wallet, as: leo)
            // 5 + 2 + 100 + 199 = 306 → 153, + 1 follower = 154 earned; 9 gifts, 1 to Gia.
            // Pending: partial lines 4, 5, 6, 8 = 4. Battle: start + 3 armies + end = 5.
            assertReport(report, applied: ["viewers": 1, "join": 1, "gift": 5, "follow": 1, "share": 1, "like": 1, "battle": 5, "streamEnd": 1],
                         earned: "154", giftsCounted: 9, giftsToGuests: 1, pending: 4, identity: identity)
            try await assertBalances(wallet, leo, earned: "154", commission: "153", externalFeed: "-306", followerRewards: "-1")
            let session = try await onlySession(wallet, leo)
            XCTAssertEqual(session?.gifts, 9)
            XCTAssertEqual(session?.giftsToGuests, 1)
            XCTAssertEqual(session?.newFollowers, 1)
            XCTAssertEqual(session?.shares, 1)
            XCTAssertEqual(session?.likes, 6)
            XCTAssertEqual(session?.joins, 1)
            XCTAssertEqual(session?.viewers, 40)
            XCTAssertEqual(session?.points, CoreFixtures.points(154))
            XCTAssertEqual(session?.isLive, false)
            try await assertLeoWon(wallet, leo, battleID: battleID)
            // 1 + 1 + 5 + 1 + 1 + 1 + 5 + 1 = 16 replay.
            try await assertReadAgainChangesNothing(file, on: wallet, duplicates: 16)
        }
    }

    // MARK: tiktoklive-v6.0

    func testTikTokLiveV60() async throws {
        let file = "tiktoklive-v6.0"
        let events = try decodeAll(file)
        XCTAssertEqual(events.count, 10)

        // Gifts as in v7.
        XCTAssertEqual(gift(events[2]), GiftLine(giftId: 5655, giftName: "Rose", unitPoints: 1, repeatCount: 1, repeatEnd: false,
                                                giftType: 1, sender: ann, groupId: "1767261601000", msgId: "7455000000000700601",
                                                timestamp: 1_767_261_601_000, declaredPoints: 1, receiver: leoUser))
        XCTAssertEqual(gift(events[3])?.repeatCount, 5)
        XCTAssertEqual(gift(events[3])?.repeatEnd, true)
        XCTAssertEqual(gift(events[6])?.sender, bo)
        // BATTLE_ONGOING; battle id from `id`; hosts from hostTeam[].hostGroup[].host[] {id, profileId, name}.
        XCTAssertEqual(started(events[7]), Started(battleId: battleID, hosts: [leoUser, rivalUser], seconds: nil))
        // battleItems list, points from battleGroups; ARMY_FINISHED is the final one.
        XCTAssertEqual(tally(events[8]), Tally(kind: "battleScores", battleId: battleID, scores: [leoID: 100, rivalID: 299]))
        XCTAssertEqual(tally(events[9]), Tally(kind: "battleEnded", battleId: battleID, scores: [leoID: 1100, rivalID: 299]))
        // BATTLE_FINISHED: final points from hostTeam[].hostGroup[].points.
        XCTAssertEqual(tally(events[10]), Tally(kind: "battleEnded", battleId: battleID, scores: [leoID: 1100, rivalID: 299]))
        XCTAssertEqual(events[11], FeedEvent(.streamEnded, msgId: "7455000000000700610", timestamp: 1_767_262_000_000))

        for identity in Identity.allCases {
            let (wallet, leo) = try await wallet(identity)
            let report = await play(file, on: wallet, as: leo)
            // Ann 5 + Ann 2 + Bo 100 = 107 points → 53.5 earned; gifts 5 + 2 + 1 = 8.
            // Pending: partial lines 2, 4 = 2. Battle: start + 2 armies + end = 4.
            assertReport(report, applied: ["gift": 3, "battle": 4, "streamEnd": 1], earned: "53.5", giftsCounted: 8, pending: 2,
                         identity: identity)
            try await assertBalances(wallet, leo, earned: "53.5", commission: "53.5", externalFeed: "-107")
            let session = try await onlySession(wallet, leo)
            XCTAssertEqual(session?.gifts, 8)
            XCTAssertEqual(session?.topGifters, [GifterTotal(name: "@bo", points: CoreFixtures.points(100)),
                                                  GifterTotal(name: "@ann", points: CoreFixtures.points(7))])
            XCTAssertEqual(session?.isLive, false)
            try await assertLeoWon(wallet, leo, battleID: battleID)
            // 3 + 4 + 1 = 8 replay.
            try await assertReadAgainChangesNothing(file, on: wallet, duplicates: 8)
        }
    }

    // MARK: tikfinity

    func testTikFinity() async throws {
        let file = "tikfinity"
        let events = try decodeAll(file)
        XCTAssertEqual(events.count, 9)

        XCTAssertEqual(events[2]?.kind, .join(ann))
        XCTAssertEqual(gift(events[3]), GiftLine(giftId: 5655, giftName: "Rose", unitPoints: 1, repeatCount: 1, repeatEnd: false,
                                                giftType: 1, sender: ann, groupId: "1767261601000", msgId: "7455000000000100802",
                                                timestamp: 1_767_261_601_000, declaredPoints: 1, receiver: FeedUser(userId: leoID)))
        XCTAssertEqual(gift(events[4])?.repeatCount, 5)
        XCTAssertEqual(gift(events[4])?.repeatEnd, true)
        XCTAssertEqual(gift(events[5])?.giftType, 2)
        XCTAssertEqual(events[6], FeedEvent(.follow(bo), msgId: "7455000000000100805", timestamp: 1_767_261_620_000))
        XCTAssertEqual(events[7]?.kind, .share(cy))
        XCTAssertEqual(events[8]?.kind, .like(user: cy, count: 6, total: 1006))
        XCTAssertEqual(events[9], FeedEvent(.viewers(count: 44, totalUsers: nil)))
        XCTAssertEqual(events[10], FeedEvent(.streamEnded))

        let (wallet, leo) = try await wallet(.tiktokID)
        let report = await play(file, on: wallet, as: leo)
        // Ann 5 + Bo 100 = 105 points → 52.5, + 1 follower = 53.5 earned; gifts 5 + 1 = 6.
        // Pending: partial line 3 = 1. Without msgId: roomUser, streamEnd = 2.
        assertReport(report, applied: ["join": 1, "gift": 2, "follow": 1, "share": 1, "like": 1, "viewers": 1, "streamEnd": 1],
                     earned: "53.5", giftsCounted: 6, pending: 1, withoutMsgId: 2, identity: .tiktokID)
        try await assertBalances(wallet, leo, earned: "53.5", commission: "52.5", externalFeed: "-105", followerRewards: "-1")
        let session = try await onlySession(wallet, leo)
        XCTAssertEqual(session?.gifts, 6)
        XCTAssertEqual(session?.newFollowers, 1)
        XCTAssertEqual(session?.shares, 1)
        XCTAssertEqual(session?.likes, 6)
        XCTAssertEqual(session?.joins, 1)
        XCTAssertEqual(session?.viewers, 44)
        XCTAssertEqual(session?.points, try Points.parse("53.5"))
        XCTAssertEqual(session?.isLive, false)
        // 1 + 2 + 1 + 1 + 1 + 1 + 1 = 8 replay.
        try await assertReadAgainChangesNothing(file, on: wallet, duplicates: 8)
    }

    // MARK: Decoding

    /// The lines of a connector fixture by their line number in the file (the `#` header and blank lines skipped).
    private func numberedLines(_ file: String) throws -> [(number: Int, text: String)] {
        let all = try FeedTestSupport.fixtureLines("connectors/\(file).jsonl")
        XCTAssertTrue(all.first?.hasPrefix("# ") == true, "\(file) starts with its source header")
        return all.enumerated().compactMap { offset, text in
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
            return (offset + 1, text)
        }
    }

    /// Decodes every line with the real catalog; any bad line fails the test.
    private func decodeAll(_ file: String, line: UInt = #line) throws -> [Int: FeedEvent] {
        let decoder = FeedLineDecoder(catalog: try FeedTestSupport.catalog())
        var events: [Int: FeedEvent] = [:]
        for (number, text) in try numberedLines(file) {
            switch decoder.decode(text) {
            case .success(let event): events[number] = event
            case .failure(let problem): XCTFail("\(file).jsonl line \(number): bad line \(problem)", line: line)
            }
        }
        return events
    }

    private func gift(_ event: FeedEvent?, line: UInt = #line) -> GiftLine? {
        guard case .gift(let gift)? = event?.kind else {
            XCTFail("not a gift: \(String(describing: event))", line: line)
            return nil
        }
        return gift
    }

    private struct Started: Equatable {
        var battleId: String?
        var hosts: Set<FeedUser>
        var seconds: Int64?
    }

    private func started(_ event: FeedEvent?, line: UInt = #line) -> Started? {
        guard case .battleStarted(let id, let hosts, let seconds)? = event?.kind else {
            XCTFail("not a battle start: \(String(describing: event))", line: line)
            return nil
        }
        XCTAssertEqual(hosts.count, 2, line: line)
        return Started(battleId: id, hosts: Set(hosts.map(\.user)), seconds: seconds)
    }

    /// A battle line's scores by host id (maps come in key order, lists in theirs: only the ids matter).
    private struct Tally: Equatable {
        var kind: String
        var battleId: String?
        var scores: [String: Int64]
    }

    private func tally(_ event: FeedEvent?, line: UInt = #line) -> Tally? {
        switch event?.kind {
        case .battleScores(let id, let scores)?, .battleEnded(let id, let scores)?:
            XCTAssertEqual(scores.count, 2, line: line)
            return Tally(kind: event?.kindName ?? "", battleId: id,
                         scores: Dictionary(scores.map { ($0.hostId, $0.points) }, uniquingKeysWith: { first, _ in first }))
        default:
            XCTFail("not battle scores: \(String(describing: event))", line: line)
            return nil
        }
    }

    // MARK: The wallet

    /// How the creator account knows its TikTok identity: by id (`--tiktok-id`), or only by its
    /// name as handle (`leo`), the id learned from the feed.
    private enum Identity: CaseIterable { case tiktokID, handleOnly }

    private func wallet(_ identity: Identity) async throws -> (InMemoryWallet, Account) {
        let wallet = InMemoryWallet(economy: CoreFixtures.economy, clock: { CoreFixtures.now })
        var profile = CoreFixtures.eligibleCreator()
        if identity == .tiktokID { profile.tiktokID = leoID }
        let leo = try await wallet.createAccount(name: "leo", profile: profile)
        return (wallet, leo)
    }

    /// The wallet's clock, as `tikscore feed` passes it.
    private var nowMs: Int64 { Int64((CoreFixtures.now.timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Applies the whole file through a new `FeedApplier`, as `tikscore feed` reads it.
    private func play(_ file: String, on wallet: InMemoryWallet, as creator: Account) async -> FeedReport {
        var applier = FeedApplier(runner: wallet, creator: creator)
        let lines = (try? FeedTestSupport.fixtureLines("connectors/\(file).jsonl")) ?? []
        XCTAssertFalse(lines.isEmpty)
        for text in lines where !text.hasPrefix("#") {
            await applier.apply(line: text, nowMs: nowMs)
        }
        await applier.finish(nowMs: nowMs)
        return applier.report
    }

    private func assertReport(_ report: FeedReport, applied: [String: Int], earned: String, giftsCounted: Int64,
                              giftsToGuests: Int64 = 0, duplicates: Int = 0, pending: Int, ignored: [String: Int] = [:],
                              withoutMsgId: Int = 0, identity: Identity,
                              file: StaticString = #filePath, line: UInt = #line) {
        let context = "\(identity): \(report.summary)"
        XCTAssertEqual(report.badLines, [:], context, file: file, line: line)
        XCTAssertEqual(report.applied, applied, context, file: file, line: line)
        XCTAssertEqual(report.earned, try Points.parse(earned), context, file: file, line: line)
        XCTAssertEqual(report.giftsCounted, giftsCounted, context, file: file, line: line)
        XCTAssertEqual(report.giftsToGuests, giftsToGuests, context, file: file, line: line)
        XCTAssertEqual(report.duplicates, duplicates, context, file: file, line: line)
        XCTAssertEqual(report.pending, pending, context, file: file, line: line)
        XCTAssertEqual(report.ignored, ignored, context, file: file, line: line)
        XCTAssertEqual(report.withoutMsgId, withoutMsgId, context, file: file, line: line)
        XCTAssertEqual(report.refused, [:], context, file: file, line: line)
        XCTAssertEqual(report.warnings, [:], context, file: file, line: line)
        XCTAssertEqual(report.sessionsOpened, 1, context, file: file, line: line)
        // A handle-only account learns its id from the first line that shows @leo with an id
        // (a gift's toUser, or a battle host).
        XCTAssertEqual(report.learnedTikTokID, identity == .handleOnly ? leoID : nil, context, file: file, line: line)
    }

    /// Every ledger balance that moved: leo's earnings, the commission, the feed's outside source.
    private func assertBalances(_ wallet: InMemoryWallet, _ leo: Account, earned: String? = nil, commission: String? = nil,
                                externalFeed: String? = nil, followerRewards: String? = nil,
                                file: StaticString = #filePath, line: UInt = #line) async throws {
        var expected: [LedgerAccount: Points] = [:]
        if let earned { expected[leo.earnedAccount] = try Points.parse(earned) }
        if let commission { expected[.commission] = try Points.parse(commission) }
        if let externalFeed { expected[.externalFeed] = try Points.parse(externalFeed) }
        if let followerRewards { expected[.followerRewards] = try Points.parse(followerRewards) }
        let moved = try await wallet.allBalances().filter { $0.value != .zero }
        XCTAssertEqual(moved, expected, file: file, line: line)
        await XCTAssertEqualAsync(try await wallet.verify(full: true).problems, [], file: file, line: line)
    }

    private func onlySession(_ wallet: InMemoryWallet, _ leo: Account, file: StaticString = #filePath, line: UInt = #line) async throws -> LiveSession? {
        let sessions = try await wallet.sessions(of: leo, limit: 10)
        XCTAssertEqual(sessions.count, 1, file: file, line: line)
        XCTAssertEqual(sessions.first?.openedByFeed, true, file: file, line: line)
        return sessions.first
    }

    /// Leo vs @rival, matched by Leo's TikTok id: 1100 : 299, Leo won.
    private func assertLeoWon(_ wallet: InMemoryWallet, _ leo: Account, battleID: String?,
                              file: StaticString = #filePath, line: UInt = #line) async throws {
        let battles = try await wallet.battles(limit: 10)
        XCTAssertEqual(battles.count, 1, file: file, line: line)
        guard let battle = battles.first else { return }
        XCTAssertEqual(battle.left.accountID, leo.id, file: file, line: line)
        XCTAssertEqual(battle.left.name, "leo", file: file, line: line)
        XCTAssertEqual(battle.right.name, "@rival", file: file, line: line)
        XCTAssertTrue(battle.sideKnown, file: file, line: line)
        XCTAssertTrue(battle.scoredByFeed, file: file, line: line)
        XCTAssertEqual(battle.feedBattleID, battleID, file: file, line: line)
        XCTAssertEqual(battle.left.score, CoreFixtures.points(1100), file: file, line: line)
        XCTAssertEqual(battle.right.score, CoreFixtures.points(299), file: file, line: line)
        XCTAssertEqual(battle.status, .won, file: file, line: line)
        XCTAssertEqual(battle.winnerName, "leo", file: file, line: line)
        XCTAssertEqual(battle.loserName, "@rival", file: file, line: line)
    }

    /// The same file through a new `FeedApplier` (a restart): nothing more is credited or counted.
    private func assertReadAgainChangesNothing(_ file: String, on wallet: InMemoryWallet, duplicates: Int,
                                               line: UInt = #line) async throws {
        let leo = try await wallet.existing("leo")
        let balances = try await wallet.allBalances()
        let transfers = try await wallet.allTransfers()
        let sessions = try await wallet.sessions(of: nil, limit: 100)
        let battles = try await wallet.battles(limit: 100)
        let report = await play(file, on: wallet, as: leo)
        XCTAssertEqual(report.applied, [:], report.summary, line: line)
        XCTAssertEqual(report.earned, .zero, line: line)
        XCTAssertEqual(report.giftsCounted, 0, line: line)
        XCTAssertEqual(report.giftsToGuests, 0, line: line)
        XCTAssertEqual(report.sessionsOpened, 0, line: line)
        XCTAssertEqual(report.badLines, [:], line: line)
        XCTAssertEqual(report.refused, [:], line: line)
        XCTAssertEqual(report.duplicates, duplicates, report.summary, line: line)
        await XCTAssertEqualAsync(try await wallet.allBalances(), balances, line: line)
        await XCTAssertEqualAsync(try await wallet.allTransfers(), transfers, line: line)
        await XCTAssertEqualAsync(try await wallet.sessions(of: nil, limit: 100), sessions, line: line)
        await XCTAssertEqualAsync(try await wallet.battles(limit: 100), battles, line: line)
    }
}
