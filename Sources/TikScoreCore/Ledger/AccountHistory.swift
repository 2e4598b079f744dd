/// One line of an account's history: a transfer seen from one of the account's balances.
public struct HistoryLine: Sendable, Equatable {
    public var transfer: Transfer
    /// Which of the user's balances moved (`points`, `earned` or `held`).
    public var balance: LedgerAccount
    /// Positive when points arrived, negative when they left.
    public var change: Points
    /// That balance right after the transfer.
    public var balanceAfter: Points
    /// The other side of the transfer.
    public var counterparty: LedgerAccount

    public init(transfer: Transfer, balance: LedgerAccount, change: Points, balanceAfter: Points, counterparty: LedgerAccount) {
        self.transfer = transfer
        self.balance = balance
        self.change = change
        self.balanceAfter = balanceAfter
        self.counterparty = counterparty
    }
}

/// Builds an account's history with running balances, newest first, from its current balances.
///
/// ```swift
/// let lines = AccountHistory.lines(for: account, newestFirst: transfers, current: balances)
/// lines.first?.balanceAfter   // the balance now
/// ```
public enum AccountHistory {
    public static func lines(for account: Account, newestFirst transfers: [Transfer],
                             current: [LedgerAccount: Points]) -> [HistoryLine] {
        let mine: Set<LedgerAccount> = [account.pointsAccount, account.earnedAccount, account.heldAccount]
        var running = current
        var out: [HistoryLine] = []
        for t in transfers {
            for (leg, sign, other) in [(t.credit, Int64(1), t.debit), (t.debit, Int64(-1), t.credit)] where mine.contains(leg) {
                let after = running[leg] ?? .zero
                let change = Points(units: t.amount.units * sign)
                out.append(HistoryLine(transfer: t, balance: leg, change: change, balanceAfter: after, counterparty: other))
                running[leg] = Points(units: after.units - change.units)
            }
        }
        return out
    }
}
