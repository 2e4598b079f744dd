/// A battle as one of its creators sees it: their side, the other, and how it went for them.
///
/// ```swift
/// battle.outcome(for: leo.id)   // "won", "lost", "draw", "running" or "unsettled"
/// ```
extension Battle {
    /// The side of `accountID`, and the other; nil when the account does not fight in it.
    public func sides(of accountID: Int64) -> (own: BattleSide, other: BattleSide)? {
        if left.accountID == accountID { return (left, right) }
        if right.accountID == accountID { return (right, left) }
        return nil
    }

    /// How the battle went for `accountID`.
    public func outcome(for accountID: Int64) -> String {
        switch status {
        case .running: return "running"
        case .draw: return "draw"
        case .unsettled: return "unsettled"
        case .won:
            guard let (own, other) = sides(of: accountID) else { return "unsettled" }
            return own.score > other.score ? "won" : "lost"
        }
    }

    /// Whether the battle started while `session` was open.
    public func happened(during session: LiveSession) -> Bool {
        startedAt >= session.startedAt && (session.endedAt.map { startedAt <= $0 } ?? true)
    }
}
