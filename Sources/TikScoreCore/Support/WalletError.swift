/// Why the wallet refused or could not do something, in words a user understands.
///
/// ```swift
/// throw WalletError(.insufficientPoints, "ana has 70 points; the gift costs 100")
/// ```
public struct WalletError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of refusal this is, for programs and tests.
    public enum Code: String, Sendable, Codable, CaseIterable {
        case unknownAccount = "unknown_account"
        case duplicateAccount = "duplicate_account"
        case invalidName = "invalid_name"
        case invalidDate = "invalid_date"
        case invalidAmount = "invalid_amount"
        case overflow
        case insufficientPoints = "insufficient_points"
        case insufficientEarned = "insufficient_earned"
        case notEligible = "not_eligible"
        case underage
        case belowMinimum = "below_minimum"
        case unknownPackage = "unknown_package"
        case unknownGift = "unknown_gift"
        case unknownCard = "unknown_card"
        case unknownCurrency = "unknown_currency"
        case ambiguousName = "ambiguous_name"
        case invalidCard = "invalid_card"
        case invalidEmail = "invalid_email"
        case paymentDeclined = "payment_declined"
        case paymentUnavailable = "payment_unavailable"
        case inProgress = "in_progress"
        case payoutFailed = "payout_failed"
        case sameAccount = "same_account"
        case keyReused = "key_reused"
        case unknownWithdrawal = "unknown_withdrawal"
        case notLive = "not_live"
        case alreadyLive = "already_live"
        case battle
        case invalidInput = "invalid_input"
        case noWallet = "no_wallet"
        case storage
        /// A feed gift priced above what the trust model allows (`feed` in economy.json).
        case absurdPrice = "absurd_price"
        /// A feed gift count above `feed.max_repeat_count`.
        case absurdCount = "absurd_count"
        /// A feed event past `feed.max_session_points` for its session.
        case sessionCap = "session_cap"
        /// A TikTok identity that belongs to another account, or differs from the one stored.
        case identityTaken = "identity_taken"
        /// A protected operation on an account with a PIN, without the PIN.
        case pinRequired = "pin_required"
        /// The PIN given is not the account's.
        case wrongPIN = "wrong_pin"
        /// Too many wrong PINs: protected operations wait for the lockout to pass.
        case pinLocked = "pin_locked"
        /// A new PIN that the rules do not allow (digits only, `security.pin_min_digits` to `pin_max_digits`).
        case invalidPIN = "invalid_pin"

        /// The code in camelCase, as feed reports name their counters (`absurdPrice`, `notLive`).
        public var reportName: String {
            var out = ""
            var upper = false
            for character in rawValue {
                if character == "_" { upper = true; continue }
                out += upper ? character.uppercased() : String(character)
                upper = false
            }
            return out
        }
    }

    /// The kind of refusal.
    public let code: Code
    /// One line for people.
    public let message: String

    /// A refusal of kind `code` explained by `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// Whether this is a refusal by the wallet's rules (recorded under an idempotency key), as
    /// opposed to a failure to read or write the wallet (which records nothing).
    public var isRefusal: Bool { code != .storage && code != .paymentUnavailable && code != .inProgress && code != .keyReused }

    /// An amount that would not fit.
    public static func overflow(_ what: String) -> WalletError {
        WalletError(.overflow, "amount too large: \(what)")
    }

    /// An amount that is not valid here.
    public static func invalidAmount(_ message: String) -> WalletError {
        WalletError(.invalidAmount, message)
    }
}
