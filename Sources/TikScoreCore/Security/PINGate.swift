import Foundation

/// The check in front of every protected operation (withdrawals, gift card redemptions,
/// transfers, gifts out of an account, profile changes, `--reveal`): an account without a PIN
/// passes; one with a PIN needs it, and each wrong one is recorded (the lockout survives
/// restarts). The slow hash runs outside any transaction.
///
/// ```swift
/// try await PINGate(wallet: store).authorize(account, pin: { try PINPrompt.read("PIN for leo") })
/// ```
public struct PINGate: Sendable {
    public let wallet: WalletService

    public init(wallet: WalletService) { self.wallet = wallet }

    /// Whether the account has a PIN.
    public func isProtected(_ account: Account) async throws -> Bool {
        try await wallet.pinRecord(accountID: account.id) != nil
    }

    /// Passes when `account` has no PIN, or `pin()` gives it.
    ///
    /// - Throws: `pinLocked` while locked (before asking), `pinRequired` when `pin` gives nil,
    ///   `wrongPIN` (recorded; the last allowed one turns into `pinLocked`).
    public func authorize(_ account: Account, pin: () throws -> String?) async throws {
        guard let record = try await wallet.pinRecord(accountID: account.id) else { return }
        let now = wallet.now
        if let until = record.lockedUntil, until > now { throw PINRules.lockedRefusal(account.name, until: until, now: now) }
        guard let given = try pin() else {
            throw WalletError(.pinRequired, "\(account.name) is protected by a PIN; type it when asked, or pass --pin-stdin and give it on standard input")
        }
        let right = PINHasher.matches(given, record)
        // Counted even when right, so a lock that another terminal set a moment ago still holds.
        guard let after = try await wallet.recordPINAttempt(accountID: account.id, succeeded: right) else { return }
        if let until = after.lockedUntil, until > now { throw PINRules.lockedRefusal(account.name, until: until, now: now) }
        guard right else {
            let left = wallet.economy.rules.pinAttempts - after.failures
            throw WalletError(.wrongPIN, "wrong PIN for \(account.name); \(Plural.of(Int64(left), "attempt")) left before a lock of \(Plural.of(wallet.economy.rules.pinLockoutMinutes, "minute"))")
        }
    }
}
