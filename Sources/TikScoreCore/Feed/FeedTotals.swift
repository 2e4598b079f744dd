/// The comparable totals of a live session: what a feed decoded to, or what a simulator meant.
public struct FeedTotals: Sendable, Hashable {
    /// Points from counted gifts.
    public var giftPoints: Int64 = 0
    /// Gifts counted (a streak of 12 roses is 12 gifts).
    public var giftCount: Int64 = 0
    public var pointsByGift: [Int64: Int64] = [:]
    public var countByGift: [Int64: Int64] = [:]
    /// Points by `FeedUser.key` of the sender.
    public var pointsBySender: [String: Int64] = [:]
    public var followers: Int64 = 0
    public var joins: Int64 = 0
    /// Sum of the likes counted line by line.
    public var likes: Int64 = 0
    public var shares: Int64 = 0
    /// The last viewer count seen, and the highest.
    public var viewers: Int64 = 0
    public var peakViewers: Int64 = 0
    /// Final (last seen) points per host, by battle id (`""` for a battle with no id).
    public var battleScores: [String: [String: Int64]] = [:]
    public var streamEnded = false

    public init() {}
}
