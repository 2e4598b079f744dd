/// An account of the double-entry ledger, named by a stable code.
///
/// ```swift
/// LedgerAccount.points(of: 7).code   // "user:7:points"
/// LedgerAccount.commission.code      // "platform:commission"
/// ```
public struct LedgerAccount: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The stable code stored in the database.
    public let code: String

    /// An account from its code.
    public init(code: String) { self.code = code }

    /// Spendable points of a user.
    public static func points(of user: Int64) -> LedgerAccount { LedgerAccount(code: "user:\(user):points") }
    /// Earnings of a user.
    public static func earned(of user: Int64) -> LedgerAccount { LedgerAccount(code: "user:\(user):earned") }
    /// Earnings of a user reserved for a pending withdrawal.
    public static func held(of user: Int64) -> LedgerAccount { LedgerAccount(code: "user:\(user):held") }

    /// Points sold: goes negative as recharges issue points.
    public static let sales = LedgerAccount(code: "platform:sales")
    /// The platform's share of gifts.
    public static let commission = LedgerAccount(code: "platform:commission")
    /// Points issued for live followers.
    public static let followerRewards = LedgerAccount(code: "platform:follower_rewards")
    /// Earnings paid out to PayPal.
    public static let payouts = LedgerAccount(code: "platform:payouts")
    /// Earnings exchanged for gift cards.
    public static let giftCards = LedgerAccount(code: "platform:gift_cards")
    /// Gifts from viewers of a live feed, who are not wallet accounts.
    public static let externalFeed = LedgerAccount(code: "platform:external_feed")

    /// Every platform account.
    public static let platformAccounts: [LedgerAccount] = [.sales, .commission, .followerRewards, .payouts, .giftCards, .externalFeed]

    /// Whether the account belongs to a user (and so may never go below zero).
    public var isUser: Bool { code.hasPrefix("user:") }

    /// The user id of a user account.
    public var userID: Int64? {
        // `user:ID:LEAF`, read from the bytes (exports ask twice per transfer).
        let bytes = code.utf8
        let colon = UInt8(ascii: ":")
        guard code.hasPrefix("user:"), let first = bytes.firstIndex(of: colon), let second = bytes[bytes.index(after: first)...].firstIndex(of: colon),
              bytes.index(after: second) != bytes.endIndex, !bytes[bytes.index(after: second)...].contains(colon) else { return nil }
        return Int64(Substring(code.utf8[bytes.index(after: first)..<second]))
    }

    /// `points`, `earned`, `held`, or the platform account's name.
    public var leaf: String {
        let bytes = code.utf8
        guard let last = bytes.lastIndex(of: UInt8(ascii: ":")) else { return code }
        let start = bytes.index(after: last)
        return start == bytes.endIndex ? code : String(Substring(code.utf8[start...]))
    }

    public var description: String { code }

    public static func < (lhs: LedgerAccount, rhs: LedgerAccount) -> Bool { lhs.code < rhs.code }
}
