import Foundation

/// One side of a battle.
public struct BattleSide: Sendable, Equatable, Codable {
    /// The wallet account, when the side is one.
    public var accountID: Int64?
    public var name: String
    /// Points of gifts received during the battle (before commission).
    public var score: Points = .zero
    public var topGifters: [GifterTotal] = []

    public init(accountID: Int64?, name: String) {
        self.accountID = accountID
        self.name = name
    }
}

/// How a battle stands.
public enum BattleStatus: String, Sendable, Codable {
    case running
    case won
    case draw
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

    /// The loser's name, when one side won.
    public var loserName: String? {
        guard status == .won, let winnerName else { return nil }
        return winnerName == left.name ? right.name : left.name
    }

    /// Decides the result from the scores: higher wins, equal draws; the loser's task is drawn
    /// from `tasks` by the battle's id, so every process draws the same one.
    mutating func settle(at now: Date, tasks: [BattleTask]) {
        guard status == .running else { return }
        settledAt = now
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
