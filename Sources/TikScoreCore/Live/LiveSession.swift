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

    public init(id: String, creatorID: Int64, creatorName: String, startedAt: Date) {
        self.id = id
        self.creatorID = creatorID
        self.creatorName = creatorName
        self.startedAt = startedAt
    }

    /// Whether the session is still open.
    public var isLive: Bool { endedAt == nil }
}
