import Foundation

/// Where a withdrawal is in its two phases.
public enum WithdrawalStatus: String, Sendable, Codable, CaseIterable {
    /// Earned points are held; the payout has not answered yet.
    case pending
    /// The payout went through; the held points are posted to payouts.
    case paid
    /// The payout failed; the hold was voided and the points are back in earned.
    case failed
}

/// A withdrawal of earned points to PayPal.
public struct Withdrawal: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var accountID: Int64
    public var accountName: String
    public var points: Points
    public var usd: ExactDecimal
    public var paypal: String
    public var status: WithdrawalStatus
    /// Why it failed, when it did.
    public var reason: String?
    /// The provider's reference, when paid.
    public var reference: String?
    /// The pending transfer that holds the points.
    public var holdTransferID: String
    public var requestedAt: Date
    public var settledAt: Date?
}

/// A gift card bought with earned points.
public struct Redemption: Sendable, Equatable, Codable, Identifiable {
    /// The id of the redemption the command with this id made.
    public static func id(forCommand commandID: String) -> String { "r-" + StableHash.hex(commandID, length: 10) }

    public var id: String
    public var accountID: Int64
    public var accountName: String
    public var cardID: String
    public var cardName: String
    public var points: Points
    public var valueUSD: ExactDecimal
    /// The code to use at the shop.
    public var code: String
    public var at: Date
}

/// What a recharge bought.
public struct RechargeReceipt: Sendable, Equatable, Codable {
    public var account: String
    public var points: Points
    public var priceUSD: ExactDecimal
    public var method: PaymentMethod
    public var packageID: String?
    public var reference: String
    public var balance: Points
}

/// What a gift did.
public struct GiftReceipt: Sendable, Equatable, Codable {
    public var from: String
    public var to: String
    public var giftID: Int64
    public var giftName: String
    public var count: Int64
    public var points: Points
    public var creatorShare: Points
    public var commission: Points
    public var senderBalance: Points
}

/// What a transfer of points did.
public struct TransferReceipt: Sendable, Equatable, Codable {
    public var from: String
    public var to: String
    public var points: Points
    public var senderBalance: Points
}

/// What new live followers earned.
public struct FollowerReceipt: Sendable, Equatable, Codable {
    public var creator: String
    public var followers: Int64
    public var points: Points
    public var earned: Points
}

/// The result of a command, stored with its idempotency key so that a retry returns it again.
public enum CommandOutcome: Sendable, Equatable, Codable {
    case account(Account)
    case recharge(RechargeReceipt)
    case gift(GiftReceipt)
    case transfer(TransferReceipt)
    case redemption(Redemption)
    case withdrawal(Withdrawal)
    case followers(FollowerReceipt)
    case live(LiveSession)
    case feed(FeedReceipt)
    case battle(Battle)
    case battles([Battle])
}

/// What a feed event did.
public struct FeedReceipt: Sendable, Equatable, Codable {
    /// Earned points the event credited (after commission).
    public var earned: Points
    /// The session the event went to (none when it found no session and opened none: a
    /// `streamEnd` or a bad line while the creator is off-air).
    public var sessionID: String?
    /// Whether that session is still open after the event (false after a `streamEnd`).
    public var sessionLive: Bool
    /// Whether this event opened the session.
    public var openedSession: Bool
    /// Points a gift to a guest credited to the guest's account (after commission).
    public var guestEarned: Points

    public init(earned: Points, sessionID: String?, sessionLive: Bool, openedSession: Bool = false, guestEarned: Points = .zero) {
        self.earned = earned
        self.sessionID = sessionID
        self.sessionLive = sessionLive
        self.openedSession = openedSession
        self.guestEarned = guestEarned
    }

    /// The receipt of an event that went to `session` (as it is after the event).
    public init(earned: Points, session: LiveSession?, openedSession: Bool = false, guestEarned: Points = .zero) {
        self.init(earned: earned, sessionID: session?.id, sessionLive: session?.isLive ?? false,
                  openedSession: openedSession, guestEarned: guestEarned)
    }

    private enum CodingKeys: String, CodingKey { case earned, sessionID = "sid", sessionLive = "live", openedSession = "opened", guestEarned = "guest" }
    /// The whole session, as receipts before v5 stored it.
    private enum LegacyKeys: String, CodingKey { case session, openedSession, guestEarned }

    /// Stored compactly (a receipt is kept for every feed event): fields at their default are left out.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(earned, forKey: .earned)
        try c.encodeIfPresent(sessionID, forKey: .sessionID)
        if sessionLive { try c.encode(true, forKey: .sessionLive) }
        if openedSession { try c.encode(true, forKey: .openedSession) }
        if guestEarned != .zero { try c.encode(guestEarned, forKey: .guestEarned) }
    }

    /// Reads a receipt saved by any version (older ones hold the whole session).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        earned = try c.decode(Points.self, forKey: .earned)
        let legacy = try decoder.container(keyedBy: LegacyKeys.self)
        if let session = try legacy.decodeIfPresent(LiveSession.self, forKey: .session) {
            sessionID = session.id
            sessionLive = session.isLive
        } else {
            sessionID = try c.decodeIfPresent(String.self, forKey: .sessionID)
            sessionLive = try c.decodeIfPresent(Bool.self, forKey: .sessionLive) ?? false
        }
        openedSession = try c.decodeIfPresent(Bool.self, forKey: .openedSession)
            ?? legacy.decodeIfPresent(Bool.self, forKey: .openedSession) ?? false
        guestEarned = try c.decodeIfPresent(Points.self, forKey: .guestEarned)
            ?? legacy.decodeIfPresent(Points.self, forKey: .guestEarned) ?? .zero
    }
}
