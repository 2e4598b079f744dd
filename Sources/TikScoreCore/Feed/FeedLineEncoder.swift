/// Writes a `FeedEvent` as one JSON line in the flat connector shape (camelCase), with a fixed
/// key order so the same event always gives the same bytes. `FeedLineDecoder` reads it back to
/// the same event.
///
/// Shapes written (absent optional values are left out):
/// - `gift`: `msgId, createTime, giftId, giftName, diamondCount, giftType, repeatCount, repeatEnd,
///   groupId, userId, uniqueId, nickname, toUser {userId, uniqueId, nickname}`
/// - `follow`, `member`, `share`: `msgId, createTime, userId, uniqueId, nickname`
/// - `like`: `msgId, createTime, likeCount, totalLikeCount, userId, uniqueId, nickname`
/// - `roomUser`: `msgId, createTime, viewerCount, totalUser`
/// - `linkMicBattle`: `msgId, createTime, battleId, action ("start" | "end" | the notice's action),
///   battleUsers [{userId, uniqueId, nickname}]` on start, `battleArmies [{hostUserId, points}]` on end
/// - `linkMicArmies`: `msgId, createTime, battleId, battleArmies [{hostUserId, points}]`
/// - `streamEnd`: `msgId, createTime`
public struct FeedLineEncoder: Sendable {
    public init() {}

    public func encode(_ event: FeedEvent) -> String {
        var fields: [(String, String)] = []
        if let msgId = event.msgId { fields.append(("msgId", FeedJSON.quoted(msgId))) }
        if let timestamp = event.timestamp { fields.append(("createTime", String(timestamp))) }
        let name: String
        switch event.kind {
        case .gift(let line):
            name = "gift"
            fields.append(("giftId", String(line.giftId)))
            fields.append(("giftName", FeedJSON.quoted(line.giftName)))
            fields.append(("diamondCount", String(line.unitPoints)))
            fields.append(("giftType", String(line.giftType)))
            fields.append(("repeatCount", String(line.repeatCount)))
            fields.append(("repeatEnd", line.repeatEnd ? "true" : "false"))
            if let groupId = line.groupId { fields.append(("groupId", FeedJSON.quoted(groupId))) }
            fields += userFields(line.sender)
            if let receiver = line.receiver { fields.append(("toUser", object(userFields(receiver)))) }
        case .follow(let user):
            name = "follow"
            fields += userFields(user)
        case .join(let user):
            name = "member"
            fields += userFields(user)
        case .share(let user):
            name = "share"
            fields += userFields(user)
        case .like(let user, let count, let total):
            name = "like"
            fields.append(("likeCount", String(count)))
            if let total { fields.append(("totalLikeCount", String(total))) }
            fields += userFields(user)
        case .viewers(let count, let totalUsers):
            name = "roomUser"
            fields.append(("viewerCount", String(count)))
            if let totalUsers { fields.append(("totalUser", String(totalUsers))) }
        case .battleStarted(let battleId, let hosts, let seconds):
            name = "linkMicBattle"
            if let battleId { fields.append(("battleId", FeedJSON.quoted(battleId))) }
            if let seconds { fields.append(("battleSetting", object([("duration", String(seconds))]))) }
            fields.append(("action", FeedJSON.quoted("start")))
            fields.append(("battleUsers", "[" + hosts.map { object(userFields($0.user)) }.joined(separator: ",") + "]"))
        case .battleScores(let battleId, let scores):
            name = "linkMicArmies"
            if let battleId { fields.append(("battleId", FeedJSON.quoted(battleId))) }
            fields.append(("battleArmies", armies(scores)))
        case .battleEnded(let battleId, let scores):
            name = "linkMicBattle"
            if let battleId { fields.append(("battleId", FeedJSON.quoted(battleId))) }
            fields.append(("action", FeedJSON.quoted("end")))
            fields.append(("battleArmies", armies(scores)))
        case .battleNotice(let battleId, let action):
            name = "linkMicBattle"
            if let battleId { fields.append(("battleId", FeedJSON.quoted(battleId))) }
            fields.append(("action", FeedJSON.quoted(action)))
        case .streamEnded:
            name = "streamEnd"
        case .ignored(let event):
            name = event
        }
        return "{\"event\":" + FeedJSON.quoted(name) + ",\"data\":" + object(fields) + "}"
    }

    /// All events, one line each, joined with `\n` and ending with a newline.
    public func encode(_ events: [FeedEvent]) -> String {
        events.map { encode($0) + "\n" }.joined()
    }

    private func userFields(_ user: FeedUser) -> [(String, String)] {
        var fields: [(String, String)] = []
        if let userId = user.userId { fields.append(("userId", FeedJSON.quoted(userId))) }
        if let uniqueId = user.uniqueId { fields.append(("uniqueId", FeedJSON.quoted(uniqueId))) }
        if let nickname = user.nickname { fields.append(("nickname", FeedJSON.quoted(nickname))) }
        return fields
    }

    private func armies(_ scores: [BattleScore]) -> String {
        "[" + scores.map { object([("hostUserId", FeedJSON.quoted($0.hostId)), ("points", String($0.points))]) }.joined(separator: ",") + "]"
    }

    private func object(_ fields: [(String, String)]) -> String {
        var out = "{"
        out.reserveCapacity(fields.reduce(2) { $0 + $1.0.utf8.count + $1.1.utf8.count + 4 })
        for (index, field) in fields.enumerated() {
            if index > 0 { out += "," }
            out += FeedJSON.quoted(field.0)
            out += ":"
            out += field.1
        }
        out += "}"
        return out
    }
}
