/// What one counted event of a LIVE feed does to a creator's wallet and session, after
/// decoding, streak counting and de-duplication.
///
/// ```swift
/// Command.feed(creator: "leo", effect: .gift(giftID: 5655, name: "Rose", unitPoints: 1, count: 12, gifter: "@kim"))
/// ```
public enum FeedEffect: Sendable, Equatable {
    /// A counted gift (a whole streak, or a one-off gift) from a viewer outside the wallet.
    case gift(giftID: Int64, name: String, unitPoints: Int64, count: Int64, gifter: String)
    /// New followers: one follower reward each.
    case follow(count: Int64)
    /// The current number of viewers.
    case viewers(Int64)
    /// More likes.
    case likes(Int64)
    /// Viewers joining.
    case joins(Int64)
    /// Shares of the stream.
    case shares(Int64)
    /// A battle against `opponent` began.
    /// A battle against `opponent` began, lasting `seconds` when the connector says so.
    case battleStarted(opponent: String, seconds: Int64? = nil)
    /// The battle's scores as the connector reports them (totals, not increments); `final`
    /// when the connector says the battle is over.
    case battleScores(mine: Int64, theirs: Int64, opponent: String?, final: Bool)
    /// A streak grew to `count` (shown live; it counts at its end, as a `gift`).
    case streak(giftID: Int64, name: String, unitPoints: Int64, count: Int64, gifter: String)
    /// A line that was not valid, by kind (shown on the dashboard).
    case badLine(kind: String)
    /// The stream ended.
    case streamEnded
}
