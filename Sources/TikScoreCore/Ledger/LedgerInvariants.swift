/// The invariants every freshly computed decision keeps, checked as assertions at the ledger's edge
/// (TigerBeetle's style): breaking one is a bug in the decision code, never a user's mistake, so it
/// stops the program instead of being written. Invariants over stored rows are `verify`'s job and
/// are reported, never trapped.
///
/// ```swift
/// LedgerInvariants.assertBalanced(decision)
/// ```
enum LedgerInvariants {
    /// Every transfer moves a positive amount between two different accounts, and the transfers of
    /// a decision sum to zero over all accounts (points are never created or lost by a decision).
    static func assertBalanced(_ decision: Decision) {
        var net: [LedgerAccount: Int64] = [:]
        for transfer in decision.transfers {
            precondition(transfer.amount.units > 0, "transfer \(transfer.id) moves \(transfer.amount) points")
            precondition(transfer.debit != transfer.credit, "transfer \(transfer.id) moves points from \(transfer.debit) to itself")
            net[transfer.debit, default: 0] -= transfer.amount.units
            net[transfer.credit, default: 0] += transfer.amount.units
        }
        var total: Int64 = 0
        for value in net.values {
            let (sum, overflow) = total.addingReportingOverflow(value)
            precondition(!overflow, "a decision's transfers overflow")
            total = sum
        }
        precondition(total == 0, "a decision's transfers sum to \(total) units, not zero")
    }
}
