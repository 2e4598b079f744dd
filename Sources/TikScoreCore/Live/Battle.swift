import Foundation

/// One side of a battle. Its score and its top gifters come from the same tallies, so a side's
/// gifters never add up to more than its score and a 0–0 battle lists no gifters:
/// score = max(what the connector last reported, the feed gifts counted) + the wallet's own gifts
/// (CLI and dashboard gifts never reach TikTok's count, so they are added to it).
public struct BattleSide: Sendable, Equatable, Codable {
    /// The wallet account, when the side is one.
    public var accountID: Int64?
    public var name: String
    /// Points of gifts received during the battle (before commission), as the rule above gives.
    public private(set) var score: Points = .zero
    public var topGifters: [GifterTotal] = []
    /// Feed gifts counted into the battle.
    public private(set) var feedPoints: Points = .zero
    /// Wallet gifts (CLI, dashboard) counted into the battle.
    public private(set) var walletPoints: Points = .zero
    /// The connector's last total for this side, when it reports one.
    public private(set) var reported: Points?

    public init(accountID: Int64?, name: String) {
        self.accountID = accountID
        self.name = name
    }

    /// Counts a gift of `points` from `gifter`.
    ///
    /// - Throws: `overflow`.
    public mutating func count(_ points: Points, from gifter: String, fromFeed: Bool) throws {
        if fromFeed { feedPoints = try feedPoints.adding(points) } else { walletPoints = try walletPoints.adding(points) }
        try GifterTotal.add(points, to: gifter, in: &topGifters)
        try recompute()
    }

    /// Takes the connector's total for this side.
    ///
    /// - Throws: `overflow`.
    public mutating func report(_ total: Points) throws {
        reported = total
        try recompute()
    }

    private mutating func recompute() throws {
        score = try max(reported ?? .zero, feedPoints).adding(walletPoints)
    }

    private enum CodingKeys: String, CodingKey { case accountID, name, score, topGifters, feedPoints, walletPoints, reported }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        accountID = try c.decodeIfPresent(Int64.self, forKey: .accountID)
        name = try c.decode(String.self, forKey: .name)
        score = try c.decode(Points.self, forKey: .score)
        topGifters = try c.decode([GifterTotal].self, forKey: .topGifters)
        feedPoints = try c.decodeIfPresent(Points.self, forKey: .feedPoints) ?? .zero
        walletPoints = try c.decodeIfPresent(Points.self, forKey: .walletPoints) ?? .zero
        // A side saved before these tallies existed keeps its score as the floor later counts add to.
        reported = try c.decodeIfPresent(Points.self, forKey: .reported) ?? (c.contains(.walletPoints) ? nil : score)
    }
}

/// How a battle stands.
public enum BattleStatus: String, Sendable, Codable {
    case running
    case won
    case draw
    /// Over, but no side could be matched to the creator (by TikTok id or handle): no winner,
    /// no loser's task.
    case unsettled
}

/// A LIVE battle (the article's challenge): two creators race for gifts until the timer ends;
/// the loser gets a task.
///
/// ```swift
/// battle.remaining(at: now)   // seconds left
/// battle.winner?.name
/// ```
public struct Battle: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var left: BattleSide
    public var right: BattleSide
    public var startedAt: Date
    public var endsAt: Date
    public var status: BattleStatus = .running
    /// The winning side's name, when one won.
    public var winnerName: String?
    /// The task the loser was given.
    public var loserTask: String?
    public var settledAt: Date?
    /// Whether the scores come from a LIVE connector (which reports totals) rather than from
    /// wallet gifts.
    public var scoredByFeed = false
    /// Whether the creator's side is known. A feed battle whose hosts match the creator neither
    /// by TikTok id nor by handle is "side unknown": its totals are kept by host in
    /// `reportedHosts`, and it ends unsettled.
    public var sideKnown = true
    /// The connector's battle id, when the feed gave one.
    public var feedBattleID: String?
    /// Each host's last total, for a battle whose sides are unknown.
    public var reportedHosts: [GifterTotal] = []

    public init(id: String, left: BattleSide, right: BattleSide, startedAt: Date, endsAt: Date) {
        self.id = id
        self.left = left
        self.right = right
        self.startedAt = startedAt
        self.endsAt = endsAt
    }

    /// Whether the battle is still on.
    public var isRunning: Bool { status == .running }

    /// Seconds left at `now` (zero once the timer ran out).
    public func remaining(at now: Date) -> TimeInterval { max(0, endsAt.timeIntervalSince(now)) }

    /// Whether `accountID` fights in this battle.
    public func involves(_ accountID: Int64) -> Bool { left.accountID == accountID || right.accountID == accountID }

    private enum CodingKeys: String, CodingKey {
        case id, left, right, startedAt, endsAt, status, winnerName, loserTask, settledAt, scoredByFeed, sideKnown, feedBattleID, reportedHosts
    }

    /// Reads a battle saved by any version: fields added later take their defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        left = try c.decode(BattleSide.self, forKey: .left)
        right = try c.decode(BattleSide.self, forKey: .right)
        startedAt = try c.decode(Date.self, forKey: .startedAt)
        endsAt = try c.decode(Date.self, forKey: .endsAt)
        status = try c.decodeIfPresent(BattleStatus.self, forKey: .status) ?? .running
        winnerName = try c.decodeIfPresent(String.self, forKey: .winnerName)
        loserTask = try c.decodeIfPresent(String.self, forKey: .loserTask)
        settledAt = try c.decodeIfPresent(Date.self, forKey: .settledAt)
        scoredByFeed = try c.decodeIfPresent(Bool.self, forKey: .scoredByFeed) ?? false
        sideKnown = try c.decodeIfPresent(Bool.self, forKey: .sideKnown) ?? true
        feedBattleID = try c.decodeIfPresent(String.self, forKey: .feedBattleID)
        reportedHosts = try c.decodeIfPresent([GifterTotal].self, forKey: .reportedHosts) ?? []
    }

    /// The loser's name, when one side won.
    public var loserName: String? {
        guard status == .won, let winnerName else { return nil }
        return winnerName == left.name ? right.name : left.name
    }

    /// Decides the result from the scores: higher wins, equal draws; the loser's task is drawn
    /// from `tasks` by the battle's id, so every process draws the same one.
    public mutating func settle(at now: Date, tasks: [BattleTask]) {
        guard status == .running else { return }
        settledAt = now
        guard sideKnown else {
            status = .unsettled
            return
        }
        if left.score == right.score {
            status = .draw
            return
        }
        status = .won
        winnerName = left.score > right.score ? left.name : right.name
        if !tasks.isEmpty {
            loserTask = tasks[Int(StableHash.value("task|" + id) % UInt64(tasks.count))].text
        }
    }
}
