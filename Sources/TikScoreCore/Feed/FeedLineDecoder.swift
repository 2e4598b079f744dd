/// Decodes one live-feed line, `{"event": NAME, "data": {...}}`, into a `FeedEvent`.
///
/// Accepted event names (every family decodes to the same `FeedEvent`s):
///
/// | flat connector (TikTok-Live-Connector 1.x/2.x, TikFinity) | TikTokLive (Python, `to_dict()`) | decodes to |
/// | --- | --- | --- |
/// | `gift` | `GiftEvent` | `.gift` |
/// | `follow` | `FollowEvent` | `.follow` |
/// | `share` | `ShareEvent` | `.share` |
/// | `social` (by its display type: follow or share; anything else is ignored) | – | `.follow` / `.share` / `.ignored` |
/// | `member` | `JoinEvent` | `.join` |
/// | `like` | `LikeEvent` | `.like` |
/// | `roomUser` | `RoomUserSeqEvent` | `.viewers` |
/// | `linkMicBattle` | `LinkMicBattleEvent` | `.battleStarted` / `.battleEnded` / `.battleNotice` |
/// | `linkMicArmies` | `LinkMicArmiesEvent` | `.battleScores` (`.battleEnded` on the final one) |
/// | `streamEnd` | `LiveEndEvent` | `.streamEnded` |
///
/// snake_case spellings of the flat names (`room_user`, `link_mic_battle`, …) are accepted, and
/// every field is read in camelCase or snake_case. The connectors' other events (`chat`,
/// `emote`, `CommentEvent`, … see `ignoredEventNames`, and any TikTokLive `…Event`) decode to
/// `.ignored`; any other name is a bad line (`unknownEvent`).
///
/// Envelope, for every event (first found wins; `null`, `""` and the protobuf default `"0"`
/// count as absent):
/// - message id: `msgId`, `common.msgId`, `baseMessage.messageId` (TikTokLive 6.4–6.6);
/// - time: `createTime` / `timestamp`, `common.createTime`, `baseMessage.createTime`, in
///   milliseconds (a value below 10¹¹ is taken as seconds).
///
/// The gift, user and battle fields are listed on `decodeGift`, `decodeUser` and `decodeBattle`.
/// In the TikTokLive family a field at its protobuf default is left out by `to_dict()`, so an
/// absent count means 0 (likes, viewers) and an absent `repeatEnd` means false. In the flat
/// family the counts (`likeCount`, `viewerCount`) are required.
public struct FeedLineDecoder: Sendable {
    public let catalog: (any FeedGiftCatalog)?
    public let limits: FeedLimits

    public init(catalog: (any FeedGiftCatalog)? = nil, limits: FeedLimits = .standard) {
        self.catalog = catalog
        self.limits = limits
    }

    /// The event names this decoder reads, flat family first.
    public static let flatEventNames = ["gift", "follow", "social", "member", "like", "share", "roomUser", "linkMicBattle", "linkMicArmies", "streamEnd"]
    public static let tikTokLiveEventNames = ["GiftEvent", "FollowEvent", "JoinEvent", "LikeEvent", "ShareEvent", "RoomUserSeqEvent", "LinkMicBattleEvent", "LinkMicArmiesEvent", "LiveEndEvent"]

    /// Events the connectors send that the wallet does not use (counted under `ignored`). Every
    /// TikTokLive event class (a name ending in `Event`) not in `tikTokLiveEventNames` is ignored too.
    public static let ignoredEventNames: Set<String> = [
        "chat", "emote", "envelope", "questionNew", "liveIntro", "subscribe", "rankUpdate", "rankText",
        "roomMessage", "goalUpdate", "captionMessage", "imDelete", "inRoomBanner", "poll", "pollMessage",
        "linkMicMethod", "linkMicFanTicketMethod", "linkMicBattlePunishFinish", "linkMicBattleTask",
        "linkLayer", "linkMessage", "roomPin", "roomVerify", "unauthorizedMember", "oecLiveShopping",
        "msgDetect", "barrage", "hourlyRank", "superFan", "connected", "disconnected", "websocketConnected",
        "rawData", "decodedData", "streamPause", "streamUnpause", "liveEnd", "error",
    ]

    enum Name { case gift, follow, social, join, like, share, viewers, battle, armies, end }

    private static func classify(_ event: String) -> (Name, protobufDefaults: Bool)? {
        switch event {
        case "gift": return (.gift, false)
        case "follow": return (.follow, false)
        case "social": return (.social, false)
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

    /// Whether `event` names a connector event the wallet knows and does not use.
    public static func isIgnored(_ event: String) -> Bool {
        if ignoredEventNames.contains(event) { return true }
        guard event.count > 5, event.hasSuffix("Event"), let first = event.first, first.isUppercase else { return false }
        return event.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
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
            if FeedLineDecoder.isIgnored(eventName) { return FeedEvent(.ignored(eventName)) }
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
        var envelope = try FeedEnvelope(data)

        let kind: FeedEventKind
        switch name {
        case .gift:
            let nested = try data.object("gift")
            if envelope.timestamp == nil, let sent = try nested?.int("sendGiftSendMessageSuccessMs", label: "gift.send_gift_send_message_success_ms") {
                envelope.timestamp = try FeedEnvelope.milliseconds(sent, "gift.send_gift_send_message_success_ms")
            }
            if envelope.msgId == nil, let rounded = try nested?.id("msgId", label: "gift.msg_id") {
                // 2022 lines carry the id rounded to a double: not unique, but it tells lines apart.
                envelope.contentHint = "msg_id=" + rounded
            }
            kind = .gift(try decodeGift(data, nested: nested, msgId: envelope.msgId, timestamp: envelope.timestamp))
        case .follow:
            kind = .follow(try decodeUser(data))
        case .share:
            kind = .share(try decodeUser(data))
        case .social:
            kind = try decodeSocial(data)
        case .join:
            kind = .join(try decodeUser(data))
        case .like:
            let count = try requiredCount(data, ["likeCount", "count"], label: "likeCount", protobufDefaults: protobufDefaults)
            let total = try data.int("totalLikeCount", "total", label: "totalLikeCount")
            if let total { try checkCount(total, "totalLikeCount") }
            kind = .like(user: try decodeUser(data), count: count, total: total)
        case .viewers:
            let count = try requiredCount(data, ["viewerCount", "total", "mTotal"], label: "viewerCount", protobufDefaults: protobufDefaults)
            let totalUsers = try data.int("totalUser", label: "totalUser")
            if let totalUsers { try checkCount(totalUsers, "totalUser") }
            kind = .viewers(count: count, totalUsers: totalUsers)
        case .battle:
            kind = try decodeBattle(data)
        case .armies:
            kind = try decodeArmies(data, protobufDefaults: protobufDefaults)
        case .end:
            kind = .streamEnded
        }
        return FeedEvent(kind, msgId: envelope.msgId, timestamp: envelope.timestamp, contentHint: envelope.contentHint)
    }

    /// A count that the flat family must send and the TikTokLive family leaves out at 0.
    private func requiredCount(_ data: FeedFields, _ names: [String], label: String, protobufDefaults: Bool) throws(FeedProblem) -> Int64 {
        let count: Int64
        if let value = try data.int(names, label: label) {
            count = value
        } else if protobufDefaults {
            count = 0
        } else {
            throw FeedProblem(.missingField(label))
        }
        try checkCount(count, label)
        return count
    }

    /// A `social` line: a follow or a share by its display type (`common.displayText.displayType`
    /// or `.key` in 2.x, `displayType` in 1.x), else an event the wallet does not use.
    private func decodeSocial(_ data: FeedFields) throws(FeedProblem) -> FeedEventKind {
        var types: [String] = []
        if let flat = try data.string("displayType") { types.append(flat) }
        if let text = try data.object("common")?.object("displayText", label: "common.displayText") {
            if let value = try text.string("displayType", label: "common.displayText.displayType") { types.append(value) }
            if let value = try text.string("key", label: "common.displayText.key") { types.append(value) }
        }
        let lowered = types.map { $0.lowercased() }
        if lowered.contains(where: { $0.contains("follow") }) { return .follow(try decodeUser(data)) }
        if lowered.contains(where: { $0.contains("share") }) { return .share(try decodeUser(data)) }
        return .ignored("social")
    }

    func checkCount(_ value: Int64, _ name: String) throws(FeedProblem) {
        guard value >= 0 else { throw FeedProblem(.badValue(name), detail: "negative: \(value)") }
        guard value <= limits.maxCount else { throw FeedProblem(.badValue(name), detail: "absurd: \(value)") }
    }
}

/// The message id and time every event carries somewhere.
struct FeedEnvelope {
    var msgId: String?
    var timestamp: Int64?
    var contentHint: String?

    init(_ data: FeedFields) throws(FeedProblem) {
        let common = try data.object("common")
        let base = try data.object("baseMessage")
        var id = FeedEnvelope.nonDefault(try data.id("msgId"))
        if id == nil { id = FeedEnvelope.nonDefault(try common?.id("msgId", label: "common.msgId")) }
        if id == nil { id = FeedEnvelope.nonDefault(try base?.id("messageId", label: "baseMessage.messageId")) }
        msgId = id
        var raw = FeedEnvelope.nonZero(try data.int("createTime", "timestamp"))
        if raw == nil { raw = FeedEnvelope.nonZero(try common?.int("createTime", label: "common.createTime")) }
        if raw == nil { raw = FeedEnvelope.nonZero(try base?.int("createTime", label: "baseMessage.createTime")) }
        if let raw { timestamp = try FeedEnvelope.milliseconds(raw, "createTime") }
    }

    /// A time in milliseconds; a value below 10¹¹ (before 1973 in ms) is taken as seconds.
    static func milliseconds(_ value: Int64, _ name: String) throws(FeedProblem) -> Int64 {
        guard value >= 0 else { throw FeedProblem(.badValue(name), detail: String(value)) }
        guard value >= 100_000_000_000 else { return value * 1000 }
        return value
    }

    /// An id, unless it is the protobuf default `"0"`.
    static func nonDefault(_ id: String?) -> String? {
        guard let id, id != "0" else { return nil }
        return id
    }

    static func nonZero(_ value: Int64?) -> Int64? {
        guard let value, value != 0 else { return nil }
        return value
    }
}
