/// Whether an account supports creators or is a creator.
public enum Role: String, Sendable, Codable, CaseIterable {
    case supporter
    case creator
}

/// What the eligibility rules read about an account.
///
/// ```swift
/// var profile = AccountProfile(role: .creator)
/// profile.followers = 150_000
/// ```
public struct AccountProfile: Sendable, Equatable, Codable {
    public var role: Role
    public var followers: Int64
    public var birthDate: CalendarDate?
    public var createdOn: CalendarDate?
    public var business: Bool
    public var creatorNext: Bool
    public var lastUpload: CalendarDate?
    /// The account's TikTok user id, as the connectors send it (see `TikTokIdentity`).
    public var tiktokID: String?
    /// The account's TikTok handle, without `@`.
    public var tiktokHandle: String?

    public init(role: Role = .supporter, followers: Int64 = 0, birthDate: CalendarDate? = nil,
                createdOn: CalendarDate? = nil, business: Bool = false, creatorNext: Bool = false,
                lastUpload: CalendarDate? = nil, tiktokID: String? = nil, tiktokHandle: String? = nil) {
        self.role = role
        self.followers = followers
        self.birthDate = birthDate
        self.createdOn = createdOn
        self.business = business
        self.creatorNext = creatorNext
        self.lastUpload = lastUpload
        self.tiktokID = tiktokID
        self.tiktokHandle = tiktokHandle
    }
}

/// Changes to a profile; `nil` leaves a field as it is.
public struct ProfilePatch: Sendable, Equatable, Codable {
    public var role: Role?
    public var followers: Int64?
    public var birthDate: CalendarDate?
    public var createdOn: CalendarDate?
    public var business: Bool?
    public var creatorNext: Bool?
    public var lastUpload: CalendarDate?
    public var tiktokID: String?
    public var tiktokHandle: String?

    public init(role: Role? = nil, followers: Int64? = nil, birthDate: CalendarDate? = nil,
                createdOn: CalendarDate? = nil, business: Bool? = nil, creatorNext: Bool? = nil,
                lastUpload: CalendarDate? = nil, tiktokID: String? = nil, tiktokHandle: String? = nil) {
        self.role = role
        self.followers = followers
        self.birthDate = birthDate
        self.createdOn = createdOn
        self.business = business
        self.creatorNext = creatorNext
        self.lastUpload = lastUpload
        self.tiktokID = tiktokID
        self.tiktokHandle = tiktokHandle
    }

    /// Whether the patch changes nothing.
    public var isEmpty: Bool { self == ProfilePatch() }

    /// `profile` with this patch applied.
    public func applied(to profile: AccountProfile) -> AccountProfile {
        var p = profile
        if let role { p.role = role }
        if let followers { p.followers = followers }
        if let birthDate { p.birthDate = birthDate }
        if let createdOn { p.createdOn = createdOn }
        if let business { p.business = business }
        if let creatorNext { p.creatorNext = creatorNext }
        if let lastUpload { p.lastUpload = lastUpload }
        if let tiktokID { p.tiktokID = tiktokID }
        if let tiktokHandle { p.tiktokHandle = tiktokHandle }
        return p
    }
}

/// A wallet account: a supporter or a creator.
///
/// ```swift
/// Account(id: 1, name: "Ana 🎉", profile: AccountProfile(role: .creator))
/// ```
public struct Account: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var profile: AccountProfile

    public init(id: Int64, name: String, profile: AccountProfile) {
        self.id = id
        self.name = name
        self.profile = profile
    }

    /// The account's spendable points.
    public var pointsAccount: LedgerAccount { .points(of: id) }
    /// The account's earnings.
    public var earnedAccount: LedgerAccount { .earned(of: id) }
    /// Earnings reserved for a pending withdrawal.
    public var heldAccount: LedgerAccount { .held(of: id) }

    /// The handle a LIVE feed knows this account by: its TikTok handle, or, when it has no
    /// TikTok identity at all, its name (so `leo` is `@leo` until told otherwise). Compared
    /// without `@` and without regard to case.
    public var feedHandleKey: String? {
        if let handle = profile.tiktokHandle { return TikTokIdentity.key(handle) }
        guard profile.tiktokID == nil else { return nil }
        return TikTokIdentity.key(name)
    }

    /// Whether a feed user is this account: compared by TikTok id when both have one, else by
    /// handle; nil when neither can be compared.
    public func feedMatch(_ user: FeedUser) -> Bool? {
        if let mine = profile.tiktokID, let theirs = user.userId { return mine == theirs }
        if let mine = feedHandleKey, let theirs = user.handleKey { return mine == theirs }
        return nil
    }

    /// Whether a feed user is this account (see `feedMatch`).
    public func isFeedUser(_ user: FeedUser) -> Bool { feedMatch(user) == true }
}
