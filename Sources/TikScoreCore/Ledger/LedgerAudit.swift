/// Recomputes every balance from the transfers and checks the ledger's invariants.
///
/// ```swift
/// let problems = LedgerAudit.check(transfers: all, storedBalances: stored, withdrawals: ws)
/// problems.isEmpty   // the ledger is sound
/// ```
public enum LedgerAudit {
    /// Every broken invariant, in words; empty when the ledger is sound.
    public static func check(transfers: [Transfer], storedBalances: [LedgerAccount: Points],
                             withdrawals: [Withdrawal]) -> [String] {
        var problems: [String] = []
        var computed: [LedgerAccount: Int64] = [:]
        var ids = Set<String>()
        for t in transfers {
            if !ids.insert(t.id).inserted { problems.append("transfer \(t.id) appears twice") }
            problems += shapeProblems(t)
            let (d, o1) = (computed[t.debit] ?? 0).subtractingReportingOverflow(t.amount.units)
            let (c, o2) = (computed[t.credit] ?? 0).addingReportingOverflow(t.amount.units)
            if o1 || o2 { problems.append("transfer \(t.id) overflows a balance") }
            computed[t.debit] = d
            computed[t.credit] = c
        }
        problems += balanceProblems(computed: computed, stored: storedBalances)
        let byID = Dictionary(transfers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let settling = Dictionary(grouping: transfers.filter { $0.pendingID != nil }, by: { $0.pendingID ?? "" })
        problems += withdrawalProblems(withdrawals, holds: byID, settlements: settling, storedBalances: storedBalances)
        return problems
    }

    /// What is wrong with one transfer on its own (an amount of zero or less, or an account
    /// paying itself).
    public static func shapeProblems(_ t: Transfer) -> [String] {
        var problems: [String] = []
        if t.amount.units <= 0 { problems.append("transfer \(t.id) moves \(t.amount) points; amounts must be above zero") }
        if t.debit == t.credit { problems.append("transfer \(t.id) moves points from \(t.debit) to itself") }
        return problems
    }

    /// Stored balances against the balances the transfers give (`computed`, in units): each must
    /// match, no user account may be below zero, and all of them sum to zero.
    public static func balanceProblems(computed: [LedgerAccount: Int64], stored storedBalances: [LedgerAccount: Points]) -> [String] {
        var problems: [String] = []
        for account in Set(computed.keys).union(storedBalances.keys).sorted() {
            let fromHistory = computed[account] ?? 0
            let stored = storedBalances[account]?.units ?? 0
            if fromHistory != stored {
                problems.append("\(account): stored balance \(Points(units: stored)) but the transfers give \(Points(units: fromHistory))")
            }
            if account.isUser && stored < 0 { problems.append("\(account) is below zero: \(Points(units: stored))") }
        }
        let (total, overflow) = storedBalances.values.reduce((Int64(0), false)) { acc, p in
            let (sum, o) = acc.0.addingReportingOverflow(p.units)
            return (sum, acc.1 || o)
        }
        if overflow || total != 0 { problems.append("balances sum to \(Points(units: total)), not zero: points were created or lost") }
        return problems
    }

    /// Each withdrawal against its hold transfer (`holds`, by transfer id) and the transfers that
    /// settled it (`settlements`, by the hold's id); held balances against pending withdrawals.
    public static func withdrawalProblems(_ withdrawals: [Withdrawal], holds byID: [String: Transfer], settlements settling: [String: [Transfer]],
                                          storedBalances: [LedgerAccount: Points]) -> [String] {
        var problems: [String] = []
        var pendingHeld: [Int64: Int64] = [:]
        for w in withdrawals {
            guard let hold = byID[w.holdTransferID], hold.kind == .withdrawalHold, hold.amount == w.points else {
                problems.append("withdrawal \(w.id) has no matching hold transfer \(w.holdTransferID)")
                continue
            }
            let settlements = settling[w.holdTransferID] ?? []
            switch w.status {
            case .pending:
                pendingHeld[w.accountID, default: 0] += w.points.units
                if !settlements.isEmpty { problems.append("withdrawal \(w.id) is pending but its hold was settled") }
            case .paid:
                if settlements.count != 1 || settlements.first?.kind != .withdrawalPost {
                    problems.append("withdrawal \(w.id) is paid but its hold was not posted exactly once")
                }
            case .failed:
                if settlements.count != 1 || settlements.first?.kind != .withdrawalVoid {
                    problems.append("withdrawal \(w.id) failed but its hold was not voided exactly once")
                }
            }
        }
        for (account, balance) in storedBalances where account.leaf == "held" {
            guard let user = account.userID else { continue }
            let expected = pendingHeld[user] ?? 0
            if balance.units != expected {
                problems.append("\(account) holds \(balance) points but pending withdrawals add up to \(Points(units: expected))")
            }
        }
        return problems
    }
}
