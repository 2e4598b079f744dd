/// An account with its three balances, read in one snapshot.
///
/// ```swift
/// let s = try await wallet.summary(of: "ana")
/// s.points.grouped   // "1,200"
/// ```
public struct AccountSummary: Sendable, Equatable {
    public var account: Account
    /// Spendable points.
    public var points: Points
    /// Earnings available to withdraw or redeem.
    public var earned: Points
    /// Earnings reserved for pending withdrawals.
    public var held: Points

    /// The three balances by ledger account.
    public var balances: [LedgerAccount: Points] {
        [account.pointsAccount: points, account.earnedAccount: earned, account.heldAccount: held]
    }

    public init(account: Account, points: Points, earned: Points, held: Points) {
        self.account = account
        self.points = points
        self.earned = earned
        self.held = held
    }
}
