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
    /// The session after the event (none when the event found no session and opened none: a
    /// `streamEnd` or a bad line while the creator is off-air).
    public var session: LiveSession?
    /// Whether this event opened the session.
    public var openedSession: Bool
    /// Points a gift to a guest credited to the guest's account (after commission).
    public var guestEarned: Points

    public init(earned: Points, session: LiveSession?, openedSession: Bool = false, guestEarned: Points = .zero) {
        self.earned = earned
        self.session = session
        self.openedSession = openedSession
        self.guestEarned = guestEarned
    }

    private enum CodingKeys: String, CodingKey { case earned, session, openedSession, guestEarned }

    /// Reads a receipt saved by any version.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        earned = try c.decode(Points.self, forKey: .earned)
        session = try c.decodeIfPresent(LiveSession.self, forKey: .session)
        openedSession = try c.decodeIfPresent(Bool.self, forKey: .openedSession) ?? false
        guestEarned = try c.decodeIfPresent(Points.self, forKey: .guestEarned) ?? .zero
    }
}
