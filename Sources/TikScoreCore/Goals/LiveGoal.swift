import Foundation

/// A creator's goal for a LIVE session: earned points, new followers, or both.
///
/// A goal set during a session is that session's; one set while not live is the next session's
/// (the first to start after it was set). It is kept in the wallet's settings, one per creator,
/// as canonical JSON.
///
/// ```swift
/// let goal = try LiveGoal(points: try Points(whole: 5_000), followers: nil, sessionID: nil, setAt: now)
/// goal.progress(in: session).pointsReached   // true once the session earned 5,000
/// ```
public struct LiveGoal: Sendable, Equatable {
    /// Earned points to reach this session.
    public let points: Points?
    /// New followers to reach this session.
    public let followers: Int64?
    /// The session it is for; nil for the next one to start.
    public let sessionID: String?
    public let setAt: Date

    /// A checked goal.
    ///
    /// - Throws: `WalletError.invalidInput` for a target that is not positive, or no target at all.
    public init(points: Points?, followers: Int64?, sessionID: String?, setAt: Date) throws {
        guard points != nil || followers != nil else { throw WalletError(.invalidInput, "a goal needs --points or --followers (or both)") }
        if let points, points.units <= 0 { throw WalletError(.invalidInput, "a points goal must be above zero") }
        if let followers, followers <= 0 { throw WalletError(.invalidInput, "a followers goal must be above zero") }
        self.points = points
        self.followers = followers
        self.sessionID = sessionID
        self.setAt = setAt
    }

    /// Whether the goal is `session`'s: set for it, or pending and `session` is the first of
    /// `sessions` (the creator's, any order) to start once it was set.
    public func applies(to session: LiveSession, among sessions: [LiveSession]) -> Bool {
        if let sessionID { return sessionID == session.id }
        let first = sessions.filter { $0.startedAt >= setAt }.min { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
        return first?.id == session.id
    }

    /// Whether the goal still waits for a session: pending, and none of `sessions` started after it.
    public func waits(among sessions: [LiveSession]) -> Bool {
        sessionID == nil && !sessions.contains { $0.startedAt >= setAt }
    }

    /// The goal against what `session` earned so far (nothing yet without a session).
    public func progress(in session: LiveSession?) -> LiveGoalProgress {
        LiveGoalProgress(goal: self, sessionID: session?.id, points: session?.points ?? .zero, followers: session?.newFollowers ?? 0)
    }
}

/// A goal and how far a session got.
public struct LiveGoalProgress: Sendable, Equatable {
    public let goal: LiveGoal
    /// The session it is measured against; nil while the goal waits for the next one.
    public let sessionID: String?
    /// Earned points this session.
    public let points: Points
    /// New followers this session.
    public let followers: Int64

    public var pointsReached: Bool { goal.points.map { points >= $0 } ?? true }
    public var followersReached: Bool { goal.followers.map { followers >= $0 } ?? true }
    /// Every target of the goal is met.
    public var reached: Bool { pointsReached && followersReached }

    /// The share of a target met, in thousandths, capped at 1000 (for gauges).
    public static func permille(_ progress: Int64, of target: Int64) -> Int {
        guard target > 0 else { return 1000 }
        let (scaled, overflow) = max(0, progress).multipliedReportingOverflow(by: 1000)
        return overflow ? 1000 : Int(min(1000, scaled / target))
    }
}

extension LiveGoal {
    /// The goal as shown beside `session` (the open one, else the last): against that session
    /// when it is the goal's, with nothing yet when the goal waits for the next session, and
    /// nil when it was an earlier session's.
    public func shown(beside session: LiveSession?, among sessions: [LiveSession]) -> LiveGoalProgress? {
        if let session, applies(to: session, among: sessions) { return progress(in: session) }
        return waits(among: sessions) ? progress(in: nil) : nil
    }
}
