import Foundation

/// What the wallet keeps of an account's PIN: a salted PBKDF2-HMAC-SHA256 hash (never the PIN),
/// the rounds it was made with, and the wrong attempts that count towards a lockout.
///
/// ```swift
/// let record = try PINHasher.record(for: "4821", rounds: 210_000)
/// PINHasher.matches("4821", record)   // true
/// ```
public struct PINRecord: Codable, Sendable, Equatable {
    /// 16 random bytes, hex.
    public var salt: String
    /// The derived 32 bytes, hex.
    public var hash: String
    public var rounds: Int
    /// Wrong PINs since the last right one (or the last lockout).
    public var failures: Int
    /// Protected operations are refused until then.
    public var lockedUntil: Date?

    public init(salt: String, hash: String, rounds: Int, failures: Int = 0, lockedUntil: Date? = nil) {
        self.salt = salt
        self.hash = hash
        self.rounds = rounds
        self.failures = failures
        self.lockedUntil = lockedUntil
    }

    /// Whether the lock is on at `now`.
    public func isLocked(at now: Date) -> Bool { lockedUntil.map { $0 > now } ?? false }
}
