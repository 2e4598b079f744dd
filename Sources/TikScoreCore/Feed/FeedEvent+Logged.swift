/// What the LIVE event log keeps of an event.
extension FeedEvent {
    /// The event as the LIVE event log keeps it. Likes, joins, shares and viewer counts are
    /// counters: they move no point and count into the session's columns, so the log keeps their
    /// count (and the message id and time that make replays count once), not who sent them or
    /// the room's running totals. Every other event, gifts and follows above all, is kept whole.
    ///
    /// ```swift
    /// FeedEvent(.like(user: mia, count: 7, total: 120), msgId: "73", timestamp: 5).logged
    /// // FeedEvent(.like(user: FeedUser(), count: 7, total: nil), msgId: "73", timestamp: 5)
    /// ```
    public var logged: FeedEvent {
        var kept = self
        switch kind {
        case .like(_, let count, _): kept.kind = .like(user: FeedUser(), count: count, total: nil)
        case .join: kept.kind = .join(FeedUser())
        case .share: kept.kind = .share(FeedUser())
        case .viewers(let count, _): kept.kind = .viewers(count: count, totalUsers: nil)
        case .gift, .follow, .battleStarted, .battleScores, .battleEnded, .battleNotice, .streamEnded, .ignored:
            return self
        }
        return kept
    }
}
