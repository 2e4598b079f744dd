/// What one counted event of a LIVE feed does to a creator's wallet and session, after
/// decoding, streak counting, the trust model and de-duplication.
///
/// ```swift
/// Command.feed(creator: "leo", effect: .gift(giftID: 5655, name: "Rose", unitPoints: 1, count: 12, gifter: "@kim"))
/// ```
public enum FeedEffect: Sendable, Equatable {
    /// A counted gift (a whole streak, or a one-off gift) to the creator from a viewer outside the
    /// wallet. The state machine prices it again under the trust model.
    case gift(giftID: Int64, name: String, unitPoints: Int64, count: Int64, gifter: String)
    /// A counted gift to a guest of the creator's LIVE (multi-guest): it is not the creator's
    /// earning. It goes to the account whose TikTok id is `guestID` when there is one that can
    /// earn, otherwise to nobody; the session counts it under gifts to guests.
    case guestGift(giftID: Int64, name: String, unitPoints: Int64, count: Int64, gifter: String, guestID: String?, guest: String)
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
    /// A battle against `opponent` began, lasting `seconds` when the connector says so.
    /// `sideKnown` is false when no host of the line is the creator (by TikTok id, then handle).
    case battleStarted(opponent: String, seconds: Int64? = nil, battleID: String? = nil, sideKnown: Bool = true)
    /// The battle's scores as the connector reports them (totals, not increments); `final`
    /// when the connector says the battle is over.
    case battleScores(mine: Int64, theirs: Int64, opponent: String?, final: Bool, battleID: String? = nil)
    /// Scores of a battle in which no side is the creator's (by id or handle): kept by host, and
    /// a final one leaves the battle unsettled.
    case battleSidesUnknown(hosts: [GifterTotal], final: Bool, battleID: String?)
    /// A streak grew to `count` (shown live; it counts at its end, as a `gift`).
    case streak(giftID: Int64, name: String, unitPoints: Int64, count: Int64, gifter: String)
    /// A line that was not valid, by kind (shown on the dashboard).
    case badLine(kind: String)
    /// The stream ended.
    case streamEnded
}

/// Where a feed event came from: its time at the source and the line that carried it, kept in
/// the session's event log so a past LIVE can be replayed.
public struct FeedSource: Sendable, Equatable {
    /// Milliseconds since the epoch, as the connector stamped the event (`createTime`).
    public var atMs: Int64?
    /// The event as one flat JSON line (`FeedLineEncoder`), in the form the event log keeps (`FeedEvent.logged`).
    public var line: String?
    /// The line in the event log's kept form, when the event has a numeric msgId and a time
    /// (made here, on the feed's side, so the writer does not). Not part of the source's value.
    public var kept: FeedKeptLine?

    public init(atMs: Int64?, line: String?, msgID: Int64? = nil) {
        self.atMs = atMs
        self.line = line
        if let line, let msgID, let atMs { kept = FeedKeptLine(line: line, msgID: msgID, atMs: atMs) }
    }

    public static func == (a: FeedSource, b: FeedSource) -> Bool { a.atMs == b.atMs && a.line == b.line }
}
