/// A recharge package: a fixed number of points sold at the point value.
///
/// ```swift
/// RechargePackage(id: "p700", name: "Medium", points: 700)
/// ```
public struct RechargePackage: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    /// Whole points in the package.
    public var points: Int64
}

/// A LIVE gift, keyed by its public id.
///
/// ```swift
/// Gift(id: 5655, name: "Rose", points: 1, type: 1, panel: true)   // streakable, on the panel
/// ```
public struct Gift: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var name: String
    /// Price of one gift in points.
    public var points: Int64
    /// 1 streakable; 2 and 4 arrive once.
    public var type: Int
    /// Whether the gift is on the panel the dashboard and `tikscore gifts` offer (the catalog
    /// holds every gift a LIVE may send; the panel is the short list people pick from).
    public var panel: Bool

    public init(id: Int64, name: String, points: Int64, type: Int, panel: Bool = false) {
        self.id = id
        self.name = name
        self.points = points
        self.type = type
        self.panel = panel
    }

    /// Whether the gift arrives as a streak and counts once at its end.
    public var isStreakable: Bool { type == 1 }
}

/// A gift card bought with earned points.
///
/// ```swift
/// GiftCard(id: "amc", name: "AMC Theaters", points: 3000, valueUSD: ExactDecimal(significand: 15, scale: 0))
/// ```
public struct GiftCard: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    /// Earned points it costs.
    public var points: Int64
    /// Its face value in dollars.
    public var valueUSD: ExactDecimal
}

/// A display currency, with how many of its units make one US dollar.
///
/// ```swift
/// Currency(code: "SAR", name: "Saudi riyal", perUSD: ExactDecimal(parsing: "3.75")!, decimals: 2)
/// ```
public struct Currency: Sendable, Equatable, Identifiable {
    public var code: String
    public var name: String
    public var perUSD: ExactDecimal
    /// Decimals shown when the dashboard rounds.
    public var decimals: Int
    public var id: String { code }
}

/// A task a battle's loser is given.
public struct BattleTask: Sendable, Equatable, Identifiable {
    public var id: String
    public var text: String
}
