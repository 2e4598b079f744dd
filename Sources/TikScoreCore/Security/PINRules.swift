import Foundation

/// How PIN attempts count: `security.pin_attempts` wrong PINs in a row lock the account's
/// protected operations for `security.pin_lockout_minutes`; a right PIN clears the count.
///
/// ```swift
/// let after = PINRules.after(record, succeeded: false, now: now, rules: economy.rules)
/// after.isLocked(at: now)   // true on the fifth wrong PIN in a row
/// ```
public enum PINRules {
    /// The record after one attempt.
    public static func after(_ record: PINRecord, succeeded: Bool, now: Date, rules: EconomyRules) -> PINRecord {
        var next = record
        // A lock in force (set by another terminal a moment ago) is not lifted or extended.
        if record.isLocked(at: now) { return next }
        if succeeded {
            next.failures = 0
            next.lockedUntil = nil
            return next
        }
        next.failures += 1
        if next.failures >= rules.pinAttempts {
            next.failures = 0
            next.lockedUntil = now.addingTimeInterval(TimeInterval(rules.pinLockoutMinutes * 60))
        }
        return next
    }

    /// A new PIN as the rules allow it: digits only, of an allowed length.
    ///
    /// - Throws: `invalidPIN`.
    public static func checkNew(_ pin: String, rules: EconomyRules) throws {
        let range = rules.pinDigits
        guard pin.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), range.contains(pin.unicodeScalars.count) else {
            throw WalletError(.invalidPIN, "a PIN is \(range.lowerBound) to \(range.upperBound) digits")
        }
    }

    /// The refusal while locked: how long is left, in whole minutes rounded up.
    public static func lockedRefusal(_ name: String, until: Date, now: Date) -> WalletError {
        let minutes = Int((until.timeIntervalSince(now).rounded(.down) / 60).rounded(.up))
        return WalletError(.pinLocked, "\(name)'s protected operations are locked after too many wrong PINs; try again in \(Plural.of(Int64(max(1, minutes)), "minute")) (at \(Timestamp.format(until)))")
    }
}
