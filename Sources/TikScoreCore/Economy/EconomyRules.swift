/// The economy's numbers, as read from `economy.json`.
///
/// ```swift
/// rules.pointValueUSD.plain        // "0.005"
/// rules.minimumWithdrawal.grouped  // "20,000"
/// ```
public struct EconomyRules: Sendable, Equatable {
    /// Dollar value of one point.
    public var pointValueUSD: ExactDecimal
    /// Points in one diamond.
    public var pointsPerDiamond: Int64
    /// Percentage of a gift kept by the platform, 0–100.
    public var commissionPercent: ExactDecimal
    /// Earned points for one new follower during a live session.
    public var followerPoints: Points
    /// The smallest withdrawal.
    public var minimumWithdrawal: Points
    /// Smallest custom recharge, in whole points.
    public var customRechargeMin: Int64
    /// Largest custom recharge, in whole points.
    public var customRechargeMax: Int64
    /// Followers an earning creator must have more than.
    public var followersMoreThan: Int64
    /// Minimum age of the account in days.
    public var minAccountAgeDays: Int
    /// The newest upload must be at most this many days old.
    public var uploadWithinDays: Int
    /// Whether earning needs a creator account.
    public var requiresCreatorAccount: Bool
    /// Whether earning needs a business account.
    public var requiresBusinessAccount: Bool
    /// Whether earning needs Creator Next.
    public var requiresCreatorNext: Bool
    /// Minimum age of the owner, in years, to withdraw.
    public var withdrawalMinAgeYears: Int
    /// Currency code shown beside dollars by default.
    public var displayCurrency: String
    /// Length of a battle when none is given, in minutes.
    public var battleMinutes: Int64
    /// A gift streak whose end never arrives is closed after this many seconds.
    public var streakTimeoutSeconds: Int64
    /// The most gifts one feed line or streak may count (`feed.max_repeat_count`); a larger
    /// count is refused.
    public var maxRepeatCount: Int64
    /// The most points one LIVE session's feed may bring into the wallet
    /// (`feed.max_session_points`): gifts at their full price, before commission, plus follower
    /// rewards. A feed event that would pass it is refused.
    public var maxSessionPoints: Int64
    /// Wrong PINs in a row that lock an account's protected operations (`security.pin_attempts`).
    public var pinAttempts: Int
    /// How long such a lock lasts (`security.pin_lockout_minutes`).
    public var pinLockoutMinutes: Int64
    /// How many digits a PIN has (`security.pin_min_digits` to `pin_max_digits`).
    public var pinDigits: ClosedRange<Int>
    /// PBKDF2-HMAC-SHA256 rounds for a new PIN (`security.pin_hash_rounds`); a stored PIN keeps its own.
    public var pinHashRounds: Int
}
