/// Who did something in a live stream. Any of the three may be missing (anonymous lines).
public struct FeedUser: Sendable, Hashable {
    /// The numeric TikTok user id, kept as exact decimal text (64-bit ids stay exact).
    public var userId: String?
    /// The @handle (`uniqueId` in the connectors, `displayId` in TikTokLive v7).
    public var uniqueId: String?
    public var nickname: String?

    public init(userId: String? = nil, uniqueId: String? = nil, nickname: String? = nil) {
        self.userId = userId
        self.uniqueId = uniqueId
        self.nickname = nickname
    }

    /// A stable key for grouping a user's lines: the user id, else the handle, else the nickname.
    public var key: String {
        if let userId { return "id:" + userId }
        if let uniqueId { return "@" + uniqueId }
        if let nickname { return "nick:" + nickname }
        return "anonymous"
    }

    /// What to show for this user: `@handle`, else the nickname, else the id.
    public var displayName: String {
        if let uniqueId { return "@" + uniqueId }
        if let nickname { return nickname }
        if let userId { return "#" + userId }
        return "anonymous"
    }

    public static let anonymous = FeedUser()

    /// Whether the line named nobody.
    public var isEmpty: Bool { userId == nil && uniqueId == nil && nickname == nil }

    /// The handle without a leading `@`, compared without regard to case.
    public var handleKey: String? {
        guard let uniqueId else { return nil }
        let bare = uniqueId.hasPrefix("@") ? String(uniqueId.dropFirst()) : uniqueId
        return bare.isEmpty ? nil : bare.lowercased()
    }
}

/// One decoded gift line, as the connector sent it (not yet a counted gift: streak partials are
/// gift lines too). Built only through the validating initializer, so `unitPoints × repeatCount`
/// always fits in an `Int64`.
public struct GiftLine: Sendable, Hashable {
    public let giftId: Int64
    public let giftName: String
    /// Price of one gift in points: the line's own price (`diamondCount`), else the catalog's.
    /// The feed's trust model re-prices it (`FeedTrust`) before it counts.
    public private(set) var unitPoints: Int64
    /// The price the line itself claimed, when it carried one.
    public let declaredPoints: Int64?
    /// 1 for the first line of a streak, rising; always ≥ 1.
    public let repeatCount: Int64
    public let repeatEnd: Bool
    /// 1 = streakable; 2, 4 (and anything else) count at once.
    public let giftType: Int
    public let sender: FeedUser
    /// Who the gift is for, when the line says (`toUser`, `receiverUserId`): in a multi-guest LIVE
    /// it may be a guest rather than the host.
    public let receiver: FeedUser?
    /// The connector's streak group id (`groupId`), when it sends one.
    public let groupId: String?
    public var msgId: String? { msgIdStorage }
    /// Milliseconds since the epoch, when the line carried one.
    public var timestamp: Int64? { timestampStorage }
    private var msgIdStorage: String?
    private var timestampStorage: Int64?

    /// Fails when `repeatCount < 1`, `unitPoints < 0`, or `unitPoints × repeatCount` overflows.
    public init?(giftId: Int64, giftName: String, unitPoints: Int64, repeatCount: Int64, repeatEnd: Bool,
                 giftType: Int, sender: FeedUser, groupId: String? = nil, msgId: String? = nil,
                 timestamp: Int64? = nil, declaredPoints: Int64? = nil, receiver: FeedUser? = nil) {
        guard repeatCount >= 1, unitPoints >= 0,
              !unitPoints.multipliedReportingOverflow(by: repeatCount).overflow else { return nil }
        self.giftId = giftId
        self.giftName = giftName
        self.unitPoints = unitPoints
        self.declaredPoints = declaredPoints
        self.repeatCount = repeatCount
        self.repeatEnd = repeatEnd
        self.giftType = giftType
        self.sender = sender
        self.receiver = receiver
        self.groupId = groupId
        self.msgIdStorage = msgId
        self.timestampStorage = timestamp
    }

    /// The same line with another message id and timestamp.
    public func stamped(msgId: String?, timestamp: Int64?) -> GiftLine {
        var copy = self
        copy.msgIdStorage = msgId
        copy.timestampStorage = timestamp
        return copy
    }

    /// The same line at another unit price; nil when `points × repeatCount` would overflow.
    public func priced(_ points: Int64) -> GiftLine? {
        guard points >= 0, !points.multipliedReportingOverflow(by: repeatCount).overflow else { return nil }
        var copy = self
        copy.unitPoints = points
        return copy
    }

    /// Whether this gift arrives as a streak (type 1) and counts only at its end.
    public var isStreakable: Bool { giftType == 1 }

    /// `unitPoints × repeatCount` (cannot overflow, see the initializer).
    public var linePoints: Int64 { unitPoints.multipliedReportingOverflow(by: repeatCount).partialValue }
}

/// One creator's side in a battle.
public struct BattleHost: Sendable, Hashable {
    public var user: FeedUser
    public init(user: FeedUser) { self.user = user }
    /// The key the battle scores use for this host: user id, else handle.
    public var hostKey: String { user.userId ?? user.uniqueId ?? user.nickname ?? "?" }
}

/// A side's point total in a battle (linkMicArmies carries running totals, not increments).
public struct BattleScore: Sendable, Hashable {
    /// The host's user id (or handle when the line has no id).
    public var hostId: String
    public var points: Int64
    public init(hostId: String, points: Int64) {
        self.hostId = hostId
        self.points = points
    }
}

/// What a feed line says, independent of the connector that wrote it.
public enum FeedEventKind: Sendable, Hashable {
    case gift(GiftLine)
    case follow(FeedUser)
    /// A viewer joined (`member` / `JoinEvent`).
    case join(FeedUser)
    /// `count` likes just sent; `total` is the room's running like total when the line has one.
    case like(user: FeedUser, count: Int64, total: Int64?)
    case share(FeedUser)
    /// Current viewers; `totalUsers` is the cumulative count when the line has one.
    case viewers(count: Int64, totalUsers: Int64?)
    /// A battle began; `seconds` is its length when the connector says (`battleSetting.duration`).
    case battleStarted(battleId: String?, hosts: [BattleHost], seconds: Int64? = nil)
    case battleScores(battleId: String?, scores: [BattleScore])
    /// The battle finished; `scores` are the final totals when the line carries them (may be empty).
    case battleEnded(battleId: String?, scores: [BattleScore])
    /// A linkMicBattle line for some other step (invite, accept, cancel…): valid, nothing to count.
    case battleNotice(battleId: String?, action: String)
    case streamEnded
    /// A valid line of an event the wallet does not use (`chat`, `CommentEvent`, a `social` line
    /// that is neither a follow nor a share…): counted under `ignored` by its name.
    case ignored(String)
}

/// One decoded feed line: what happened, plus the message id and timestamp when present.
public struct FeedEvent: Sendable, Hashable {
    public var kind: FeedEventKind
    /// The connector's message id (exact decimal text for numeric ids). Duplicates count once.
    public var msgId: String?
    /// Milliseconds since the epoch (`createTime` / `timestamp` / `common.createTime`).
    public var timestamp: Int64?
    /// Source fields that tell lines without a `msgId` apart, for the content key (such as the
    /// rounded `gift.msg_id` of 2022 lines, which cannot serve as an id by itself).
    public var contentHint: String?

    public init(_ kind: FeedEventKind, msgId: String? = nil, timestamp: Int64? = nil, contentHint: String? = nil) {
        self.kind = kind
        self.msgId = msgId
        self.timestamp = timestamp
        self.contentHint = contentHint
    }

    /// The stable name of the kind (`gift`, `follow`, `join`, …) for reports.
    public var kindName: String {
        switch kind {
        case .gift: return "gift"
        case .follow: return "follow"
        case .join: return "join"
        case .like: return "like"
        case .share: return "share"
        case .viewers: return "viewers"
        case .battleStarted: return "battleStarted"
        case .battleScores: return "battleScores"
        case .battleEnded: return "battleEnded"
        case .battleNotice: return "battleNotice"
        case .streamEnded: return "streamEnded"
        case .ignored: return "ignored"
        }
    }
}
