import Foundation

/// Points a gifter gave during a session or to one side of a battle.
public struct GifterTotal: Sendable, Equatable, Codable {
    public var name: String
    public var points: Points

    public init(name: String, points: Points) {
        self.name = name
        self.points = points
    }

    /// Adds `points` to `name` in `list`, keeping the list sorted, most first.
    static func add(_ points: Points, to name: String, in list: inout [GifterTotal]) throws {
        if let index = list.firstIndex(where: { $0.name == name }) {
            list[index].points = try list[index].points.adding(points)
        } else {
            list.append(GifterTotal(name: name, points: points))
        }
        list.sort { $0.points != $1.points ? $0.points > $1.points : $0.name < $1.name }
    }
}

/// A gift streak seen growing in a feed, before it counts.
public struct LiveStreak: Sendable, Equatable, Codable {
    public var gifter: String
    public var giftID: Int64
    public var giftName: String
    public var count: Int64
    public var unitPoints: Int64
    public var updatedAt: Date

    public init(gifter: String, giftID: Int64, giftName: String, count: Int64, unitPoints: Int64, updatedAt: Date) {
        self.gifter = gifter
        self.giftID = giftID
        self.giftName = giftName
        self.count = count
        self.unitPoints = unitPoints
        self.updatedAt = updatedAt
    }
}

/// A creator's LIVE session: what happened between `live start` and `live stop`.
///
/// ```swift
/// session.points      // earned in this session (after commission), followers included
/// session.topGifters  // most generous first
/// ```
public struct LiveSession: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var creatorID: Int64
    public var creatorName: String
    public var startedAt: Date
    public var endedAt: Date?
    public var viewers: Int64 = 0
    public var peakViewers: Int64 = 0
    public var newFollowers: Int64 = 0
    /// Gifts received (a streak of 10 Roses counts 10).
    public var gifts: Int64 = 0
    public var likes: Int64 = 0
    public var joins: Int64 = 0
    public var shares: Int64 = 0
    /// Earned points this session: gifts after commission and follower points.
    public var points: Points = .zero
    /// Gifters by points given (before commission), most first.
    public var topGifters: [GifterTotal] = []
    /// Gift streaks still growing in a feed (not counted yet: they count once, at their end).
    public var streaks: [LiveStreak] = []
    /// Bad feed lines by kind.
    public var badLines: [String: Int] = [:]
    /// Points the feed brought into the wallet this session: gifts at full price (before
    /// commission) and follower rewards. Bounded by `feed.max_session_points`.
    public var feedPoints: Points = .zero
    /// Gifts the feed saw for guests of this LIVE (multi-guest), which are not the creator's.
    public var giftsToGuests: Int64 = 0
    /// Their points at full price.
    public var guestGiftPoints: Points = .zero
    /// Whether a feed opened this session (rather than `live start`).
    public var openedByFeed = false

    public init(id: String, creatorID: Int64, creatorName: String, startedAt: Date) {
        self.id = id
        self.creatorID = creatorID
        self.creatorName = creatorName
        self.startedAt = startedAt
    }

    /// Whether the session is still open.
    public var isLive: Bool { endedAt == nil }

    private enum CodingKeys: String, CodingKey {
        case id, creatorID, creatorName, startedAt, endedAt, viewers, peakViewers, newFollowers, gifts, likes, joins, shares
        case points, topGifters, streaks, badLines, feedPoints, giftsToGuests, guestGiftPoints, openedByFeed
    }

    /// Reads a session saved by any version: counters added later start at zero.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        creatorID = try c.decode(Int64.self, forKey: .creatorID)
        creatorName = try c.decode(String.self, forKey: .creatorName)
        startedAt = try c.decode(Date.self, forKey: .startedAt)
        endedAt = try c.decodeIfPresent(Date.self, forKey: .endedAt)
        viewers = try c.decodeIfPresent(Int64.self, forKey: .viewers) ?? 0
        peakViewers = try c.decodeIfPresent(Int64.self, forKey: .peakViewers) ?? 0
        newFollowers = try c.decodeIfPresent(Int64.self, forKey: .newFollowers) ?? 0
        gifts = try c.decodeIfPresent(Int64.self, forKey: .gifts) ?? 0
        likes = try c.decodeIfPresent(Int64.self, forKey: .likes) ?? 0
        joins = try c.decodeIfPresent(Int64.self, forKey: .joins) ?? 0
        shares = try c.decodeIfPresent(Int64.self, forKey: .shares) ?? 0
        points = try c.decodeIfPresent(Points.self, forKey: .points) ?? .zero
        topGifters = try c.decodeIfPresent([GifterTotal].self, forKey: .topGifters) ?? []
        streaks = try c.decodeIfPresent([LiveStreak].self, forKey: .streaks) ?? []
        badLines = try c.decodeIfPresent([String: Int].self, forKey: .badLines) ?? [:]
        feedPoints = try c.decodeIfPresent(Points.self, forKey: .feedPoints) ?? .zero
        giftsToGuests = try c.decodeIfPresent(Int64.self, forKey: .giftsToGuests) ?? 0
        guestGiftPoints = try c.decodeIfPresent(Points.self, forKey: .guestGiftPoints) ?? .zero
        openedByFeed = try c.decodeIfPresent(Bool.self, forKey: .openedByFeed) ?? false
    }
}
