/// Balances as they will be once a decision's transfers are applied, enforcing the ledger's
/// rules as each transfer is added: amounts above zero, no user account below zero, no overflow.
///
/// ```swift
/// var sheet = PendingBalances(reading: state)
/// try sheet.move(gift, from: sender.pointsAccount, to: creator.earnedAccount)
/// ```
struct PendingBalances {
    private let reading: WalletReading
    private var balances: [LedgerAccount: Points] = [:]

    init(reading: WalletReading) {
        self.reading = reading
    }

    /// The balance including the moves made so far.
    mutating func balance(of account: LedgerAccount) throws -> Points {
        if let known = balances[account] { return known }
        let value = try reading.balance(of: account)
        balances[account] = value
        return value
    }

    /// Checks and records a move of `amount` from `debit` to `credit`.
    mutating func move(_ amount: Points, from debit: LedgerAccount, to credit: LedgerAccount,
                       shortfall: (Points) -> WalletError) throws {
        guard amount.units > 0 else { throw WalletError.invalidAmount("an amount must be above zero") }
        let debitBefore = try balance(of: debit)
        let creditBefore = try balance(of: credit)
        let debitAfter = try debitBefore.subtracting(amount)
        // The refusal quotes the stored balance, not one this decision already moved points from.
        if debit.isUser && debitAfter.units < 0 { throw shortfall(try reading.balance(of: debit)) }
        balances[debit] = debitAfter
        balances[credit] = try creditBefore.adding(amount)
    }
}
