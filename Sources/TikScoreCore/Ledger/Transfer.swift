import Foundation

/// What a transfer was for.
public enum TransferKind: String, Sendable, Codable, CaseIterable {
    case recharge
    case gift
    case commission
    case transfer
    case follower
    case withdrawalHold = "withdrawal_hold"
    case withdrawalPost = "withdrawal_post"
    case withdrawalVoid = "withdrawal_void"
    case redeem
    case feedGift = "feed_gift"
    case feedCommission = "feed_commission"
}

/// A movement of points from one ledger account to another: the only way a balance changes.
///
/// ```swift
/// Transfer(id: "cmd-1/0", debit: .sales, credit: .points(of: 1), amount: p, kind: .recharge, ...)
/// ```
public struct Transfer: Sendable, Equatable, Codable, Identifiable {
    /// Unique id: the command's id and the transfer's place in it, e.g. `"k:abc/0"`.
    public var id: String
    /// The account the points leave.
    public var debit: LedgerAccount
    /// The account the points reach.
    public var credit: LedgerAccount
    /// Always above zero.
    public var amount: Points
    public var kind: TransferKind
    /// The command that made it.
    public var commandID: String
    /// For a withdrawal's post or void: the pending hold it settles.
    public var pendingID: String?
    /// A few words for history screens.
    public var memo: String
    public var timestamp: Date

    public init(id: String, debit: LedgerAccount, credit: LedgerAccount, amount: Points, kind: TransferKind,
                commandID: String, pendingID: String? = nil, memo: String, timestamp: Date) {
        self.id = id
        self.debit = debit
        self.credit = credit
        self.amount = amount
        self.kind = kind
        self.commandID = commandID
        self.pendingID = pendingID
        self.memo = memo
        self.timestamp = timestamp
    }
}
