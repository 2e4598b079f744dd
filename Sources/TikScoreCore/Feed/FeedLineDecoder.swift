/// Decodes one live-feed line, `{"event": NAME, "data": {...}}`, into a `FeedEvent`.
///
/// Accepted event names (both families decode to the same `FeedEvent`s):
///
/// | flat connector (TikTok-Live-Connector, TikFinity) | TikTokLive v7 (Python, `to_dict()`) | decodes to |
/// | --- | --- | --- |
/// | `gift` | `GiftEvent` | `.gift` |
/// | `follow` | `FollowEvent` | `.follow` |
/// | `member` | `JoinEvent` | `.join` |
/// | `like` | `LikeEvent` | `.like` |
/// | `share` | `ShareEvent` | `.share` |
/// | `roomUser` | `RoomUserSeqEvent` | `.viewers` |
/// | `linkMicBattle` | `LinkMicBattleEvent` | `.battleStarted` / `.battleEnded` / `.battleNotice` |
/// | `linkMicArmies` | `LinkMicArmiesEvent` | `.battleScores` |
/// | `streamEnd` | `LiveEndEvent` | `.streamEnded` |
///
/// snake_case spellings of the flat names (`room_user`, `link_mic_battle`, `link_mic_armies`,
/// `stream_end`) are accepted too, and every field is read in camelCase or snake_case.
///
/// Fields read (first name found wins; `null` counts as absent):
/// - ids and message: `msgId`, else `common.msgId`; time: `createTime` / `timestamp`, else
///   `common.createTime` (milliseconds). Ids may be JSON numbers or strings and stay exact.
/// - user: top-level `userId`, `uniqueId`, `nickname`, completed from a nested `user` object
///   (`userId` / `id`, `uniqueId` / `displayId`, `nickname` / `nickName`).
/// - gift: `giftId` (else `gift.id`), `giftName` (else `gift.name`, else the catalog),
///   `diamondCount` (else `gift.diamondCount`, else the catalog; neither → bad line),
///   `giftType` (else `gift.type`, else the catalog), `repeatCount` (absent → 1; must be ≥ 1),
///   `repeatEnd` (absent → false; `true`/`false`/`0`/`1`), `groupId` (optional).
/// - like: `likeCount` (v7: `count`), `totalLikeCount` (v7: `total`).
/// - roomUser: `viewerCount` (v7: `total`), optional `totalUser`.
/// - linkMicBattle: `battleId`; the step from `action` / `battleAction` / `battleStatus`: absent,
///   `4`, `"OPEN"`, `"start"` → started; `5`, `6`, `"FINISH"`, `"CUT_SHORT"`, `"end"` → ended;
///   anything else → `.battleNotice`. Hosts from `battleUsers` / `hosts` (list of users) or v7
///   `anchorsInfo` (`[{key, value: {user: {userId, nickName, displayId}}}]`). Final scores (on end)
///   from `battleResult` (v7 map `{hostId: {userId, score}}`) or `battleArmies` / `armies`.
/// - linkMicArmies: `battleId`; per-side totals from `battleArmies` / `armies` given either as a
///   list of `{hostUserId | userId | anchorIdStr | hostId, points | score | hostScore | hostscore}`
///   or as the v7 map `{hostId: {hostscore, anchorIdStr, userArmies}}` (absent `hostscore` → 0).
///
/// In the v7 family a field at its protobuf default is left out by `to_dict()`, so an absent
/// count means 0 (likes, viewers) and an absent `repeatEnd` means false. In the flat family the
/// counts (`likeCount`, `viewerCount`) are required.
public struct FeedLineDecoder: Sendable {
    public let catalog: (any FeedGiftCatalog)?
    public let limits: FeedLimits

    public init(catalog: (any FeedGiftCatalog)? = nil, limits: FeedLimits = .standard) {
        self.catalog = catalog
        self.limits = limits
    }

    /// The event names this decoder reads, flat family first.
    public static let flatEventNames = ["gift", "follow", "member", "like", "share", "roomUser", "linkMicBattle", "linkMicArmies", "streamEnd"]
    public static let tikTokLiveEventNames = ["GiftEvent", "FollowEvent", "JoinEvent", "LikeEvent", "ShareEvent", "RoomUserSeqEvent", "LinkMicBattleEvent", "LinkMicArmiesEvent", "LiveEndEvent"]

    private enum Name { case gift, follow, join, like, share, viewers, battle, armies, end }

    private static func classify(_ event: String) -> (Name, protobufDefaults: Bool)? {
        switch event {
        case "gift": return (.gift, false)
        case "follow": return (.follow, false)
        case "member": return (.join, false)
        case "like": return (.like, false)
        case "share": return (.share, false)
        case "roomUser", "room_user": return (.viewers, false)
        case "linkMicBattle", "link_mic_battle": return (.battle, false)
        case "linkMicArmies", "link_mic_armies": return (.armies, false)
        case "streamEnd", "stream_end": return (.end, false)
        case "GiftEvent": return (.gift, true)
        case "FollowEvent": return (.follow, true)
        case "JoinEvent": return (.join, true)
        case "LikeEvent": return (.like, true)
        case "ShareEvent": return (.share, true)
        case "RoomUserSeqEvent": return (.viewers, true)
        case "LinkMicBattleEvent": return (.battle, true)
        case "LinkMicArmiesEvent": return (.armies, true)
        case "LiveEndEvent": return (.end, true)
        default: return nil
        }
    }

    public func decode(_ line: String) -> Result<FeedEvent, FeedProblem> {
        decode(bytes: Array(line.utf8))
    }

    public func decode<Bytes: Collection<UInt8>>(bytes: Bytes) -> Result<FeedEvent, FeedProblem> {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return .failure(FeedProblem(.emptyLine))
        }
        let root: FeedJSON
        switch FeedJSON.parse(bytes) {
        case .success(let value): root = value
        case .failure(let error): return .failure(FeedProblem(.notJSON, detail: "\(error.reason) at byte \(error.offset)"))
        }
        guard case .object(let members) = root else {
            return .failure(FeedProblem(.notAnObject, detail: String(root.compactText.prefix(40))))
        }
        do {
            return .success(try decode(object: FeedFields(members)))
        } catch {
            return .failure(error)
        }
    }

    private func decode(object top: FeedFields) throws(FeedProblem) -> FeedEvent {
        guard let eventValue = top.raw(["event"]) else { throw FeedProblem(.missingField("event")) }
        guard case .string(let eventName) = eventValue else { throw FeedProblem(.wrongType("event"), detail: eventValue.compactText) }
        guard let (name, protobufDefaults) = FeedLineDecoder.classify(eventName) else {
            throw FeedProblem(.unknownEvent(eventName))
        }
        let data: FeedFields
        if let object = try top.object("data") {
            data = object
        } else if name == .end {
            data = FeedFields([:])
        } else {
            throw FeedProblem(.missingField("data"))
        }
        let common = try data.object("common")
        var msgId = try data.id("msgId")
        if msgId == nil { msgId = try common?.id("msgId", label: "common.msgId") }
        var timestamp = try data.int("createTime", "timestamp")
        if timestamp == nil { timestamp = try common?.int("createTime", label: "common.createTime") }
        if let timestamp, timestamp < 0 { throw FeedProblem(.badValue("createTime"), detail: String(timestamp)) }

        let kind: FeedEventKind
        switch name {
        case .gift:
            kind = .gift(try decodeGift(data, msgId: msgId, timestamp: timestamp))
        case .follow:
            kind = .follow(try decodeUser(data))
        case .join:
            kind = .join(try decodeUser(data))
        case .share:
            kind = .share(try decodeUser(data))
        case .like:
            let count: Int64
            if let value = try data.int("likeCount", "count", label: "likeCount") {
                count = value
            } else if protobufDefaults {
                count = 0
            } else {
                throw FeedProblem(.missingField("likeCount"))
            }
            try checkCount(count, "likeCount")
            let total = try data.int("totalLikeCount", "total", label: "totalLikeCount")
            if let total { try checkCount(total, "totalLikeCount") }
            kind = .like(user: try decodeUser(data), count: count, total: total)
        case .viewers:
            let count: Int64
            if let value = try data.int("viewerCount", "total", label: "viewerCount") {
                count = value
            } else if protobufDefaults {
                count = 0
            } else {
                throw FeedProblem(.missingField("viewerCount"))
            }
            try checkCount(count, "viewerCount")
            let totalUsers = try data.int("totalUser", label: "totalUser")
            if let totalUsers { try checkCount(totalUsers, "totalUser") }
            kind = .viewers(count: count, totalUsers: totalUsers)
        case .battle:
            kind = try decodeBattle(data)
        case .armies:
            let battleId = try data.id("battleId")
            guard let scores = try decodeScores(data, names: ["battleArmies", "armies"]) else {
                if protobufDefaults { kind = .battleScores(battleId: battleId, scores: []); break }
                throw FeedProblem(.missingField("battleArmies"))
            }
            kind = .battleScores(battleId: battleId, scores: scores)
        case .end:
            kind = .streamEnded
        }
        return FeedEvent(kind, msgId: msgId, timestamp: timestamp)
    }

    private func checkCount(_ value: Int64, _ name: String) throws(FeedProblem) {
        guard value >= 0 else { throw FeedProblem(.badValue(name), detail: "negative: \(value)") }
        guard value <= limits.maxCount else { throw FeedProblem(.badValue(name), detail: "absurd: \(value)") }
    }

    /// Top-level `userId` / `uniqueId` / `nickname`, completed from a nested `user` object.
    private func decodeUser(_ data: FeedFields) throws(FeedProblem) -> FeedUser {
        var user = FeedUser(userId: try data.id("userId"), uniqueId: try data.string("uniqueId"), nickname: try data.string("nickname"))
        if let nested = try data.object("user") {
            let inner = try userFields(nested, prefix: "user.")
            user.userId = user.userId ?? inner.userId
            user.uniqueId = user.uniqueId ?? inner.uniqueId
            user.nickname = user.nickname ?? inner.nickname
        }
        return user
    }

    private func userFields(_ fields: FeedFields, prefix: String) throws(FeedProblem) -> FeedUser {
        FeedUser(userId: try fields.id("userId", "id", label: prefix + "id"),
                 uniqueId: try fields.string("uniqueId", "displayId", label: prefix + "uniqueId"),
                 nickname: try fields.string("nickname", "nickName", label: prefix + "nickname"))
    }

    private func decodeGift(_ data: FeedFields, msgId: String?, timestamp: Int64?) throws(FeedProblem) -> GiftLine {
        let nested = try data.object("gift")
        let topId = try data.int("giftId", label: "giftId")
        let nestedId = try nested?.int("id", label: "giftId")
        guard let giftId = topId ?? nestedId else {
            throw FeedProblem(.missingField("giftId"))
        }
        guard giftId > 0 else { throw FeedProblem(.badValue("giftId"), detail: String(giftId)) }
        let known = catalog?.gift(id: giftId)

        let topName = try data.string("giftName")
        let nestedName = try nested?.string("name", label: "giftName")
        let name = topName ?? nestedName ?? known?.name ?? "Gift \(giftId)"
        let topPoints = try data.int("diamondCount")
        let nestedPoints = try nested?.int("diamondCount", label: "diamondCount")
        guard let unitPoints = topPoints ?? nestedPoints ?? known?.points else {
            throw FeedProblem(.missingField("diamondCount"), detail: "gift \(giftId) is not in the catalog")
        }
        guard unitPoints >= 0 else { throw FeedProblem(.badValue("diamondCount"), detail: "negative: \(unitPoints)") }
        guard unitPoints <= limits.maxUnitPoints else { throw FeedProblem(.badValue("diamondCount"), detail: "absurd: \(unitPoints)") }

        let typeValue: Int64
        let topType = try data.int("giftType")
        let nestedType = try nested?.int("type", label: "giftType")
        if let value = topType ?? nestedType {
            typeValue = value
        } else if let known {
            typeValue = Int64(known.type)
        } else {
            throw FeedProblem(.missingField("giftType"), detail: "gift \(giftId) is not in the catalog")
        }
        guard (0...1000).contains(typeValue), let giftType = Int(exactly: typeValue) else {
            throw FeedProblem(.badValue("giftType"), detail: String(typeValue))
        }

        let givenCount = try data.int("repeatCount")
        let repeatCount = givenCount ?? 1
        guard repeatCount >= 1 else { throw FeedProblem(.badValue("repeatCount"), detail: "must be at least 1, got \(repeatCount)") }
        let (_, overflow) = unitPoints.multipliedReportingOverflow(by: repeatCount)
        if overflow { throw FeedProblem(.overflow("repeatCount"), detail: "\(repeatCount) × \(unitPoints) points") }
        guard repeatCount <= limits.maxRepeatCount else { throw FeedProblem(.badValue("repeatCount"), detail: "absurd: \(repeatCount)") }

        let givenEnd = try data.flag("repeatEnd")
        let repeatEnd = givenEnd ?? false
        let groupId = try data.id("groupId")
        let sender = try decodeUser(data)
        guard let line = GiftLine(giftId: giftId, giftName: name, unitPoints: unitPoints, repeatCount: repeatCount,
                                  repeatEnd: repeatEnd, giftType: giftType, sender: sender, groupId: groupId,
                                  msgId: msgId, timestamp: timestamp) else {
            throw FeedProblem(.badValue("repeatCount"))
        }
        return line
    }

    private enum BattleStep { case start, end, other(String) }

    private func battleStep(_ data: FeedFields) throws(FeedProblem) -> BattleStep {
        guard let value = data.raw(["action", "battleAction", "battleStatus", "status"]) else { return .start }
        switch value {
        case .number(let text):
            switch text {
            case "4": return .start
            case "5", "6": return .end
            default: return .other(text)
            }
        case .string(let text):
            let upper = text.uppercased()
            if ["OPEN", "START", "STARTED", "4"].contains(upper) { return .start }
            if ["FINISH", "END", "ENDED", "CUT_SHORT", "LINK_MIC_BATTLE_BATTLE_ACTION_CUT_SHORT", "5", "6"].contains(upper) { return .end }
            return .other(text)
        default:
            throw FeedProblem(.wrongType("action"), detail: value.compactText)
        }
    }

    private func decodeBattle(_ data: FeedFields) throws(FeedProblem) -> FeedEventKind {
        let battleId = try data.id("battleId")
        switch try battleStep(data) {
        case .start:
            var hosts: [BattleHost] = []
            if let list = data.raw(["battleUsers", "hosts"]) {
                guard case .array(let items) = list else { throw FeedProblem(.wrongType("battleUsers"), detail: list.compactText) }
                for item in items {
                    guard case .object(let members) = item else { throw FeedProblem(.wrongType("battleUsers"), detail: item.compactText) }
                    let fields = FeedFields(members)
                    var user = try userFields(fields, prefix: "battleUsers.")
                    if let nested = try fields.object("user") {
                        let inner = try userFields(nested, prefix: "battleUsers.user.")
                        user = FeedUser(userId: user.userId ?? inner.userId, uniqueId: user.uniqueId ?? inner.uniqueId, nickname: user.nickname ?? inner.nickname)
                    }
                    hosts.append(BattleHost(user: user))
                }
            } else if let list = data.raw(["anchorsInfo"]) {
                guard case .array(let items) = list else { throw FeedProblem(.wrongType("anchorsInfo"), detail: list.compactText) }
                for item in items {
                    guard case .object(let members) = item else { throw FeedProblem(.wrongType("anchorsInfo"), detail: item.compactText) }
                    let wrapper = FeedFields(members)
                    let key = try wrapper.id("key", label: "anchorsInfo.key")
                    var user = FeedUser(userId: key)
                    if let inner = try wrapper.object("value", label: "anchorsInfo.value")?.object("user", label: "anchorsInfo.value.user") {
                        let found = try userFields(inner, prefix: "anchorsInfo.value.user.")
                        user = FeedUser(userId: found.userId ?? key, uniqueId: found.uniqueId, nickname: found.nickname)
                    }
                    hosts.append(BattleHost(user: user))
                }
            }
            let setting = try data.object("battleSetting", "battleSettings", "battle_setting", "battle_settings", label: "battleSetting")
            let seconds = try setting?.int("duration", label: "battleSetting.duration")
            if let seconds { try checkCount(seconds, "battleSetting.duration") }
            return .battleStarted(battleId: battleId, hosts: hosts, seconds: seconds.flatMap { $0 > 0 ? $0 : nil })
        case .end:
            let scores = try decodeScores(data, names: ["battleResult", "battleArmies", "armies"]) ?? []
            return .battleEnded(battleId: battleId, scores: scores)
        case .other(let action):
            return .battleNotice(battleId: battleId, action: action)
        }
    }

    /// Per-side totals from a list `[{hostUserId, points}]` or a v7 map `{hostId: {hostscore}}`.
    private func decodeScores(_ data: FeedFields, names: [String]) throws(FeedProblem) -> [BattleScore]? {
        guard let value = data.raw(names) else { return nil }
        let label = names.first ?? "battleArmies"
        var scores: [BattleScore] = []
        switch value {
        case .array(let items):
            for item in items {
                guard case .object(let members) = item else { throw FeedProblem(.wrongType(label), detail: item.compactText) }
                let side = FeedFields(members)
                guard let host = try side.id("hostUserId", "userId", "anchorIdStr", "hostId", label: label + ".hostUserId") else {
                    throw FeedProblem(.missingField(label + ".hostUserId"))
                }
                guard let points = try side.int("points", "score", "hostScore", "hostscore", label: label + ".points") else {
                    throw FeedProblem(.missingField(label + ".points"))
                }
                try checkCount(points, label + ".points")
                scores.append(BattleScore(hostId: host, points: points))
            }
        case .object(let members):
            for key in members.keys.sorted() {
                guard let entry = members[key], case .object(let inner) = entry else {
                    throw FeedProblem(.wrongType(label), detail: key)
                }
                let side = FeedFields(inner)
                let host = try side.id("anchorIdStr", "userId", "hostUserId", label: label + ".hostUserId") ?? key
                // Protobuf JSON drops a zero score, so an absent score is 0 here.
                let points = try side.int("hostscore", "hostScore", "score", "points", label: label + ".points") ?? 0
                try checkCount(points, label + ".points")
                scores.append(BattleScore(hostId: host, points: points))
            }
        default:
            throw FeedProblem(.wrongType(label), detail: value.compactText)
        }
        return scores
    }
}
