import _CryptoExtras
import Crypto
import Foundation

/// PINs as salted slow hashes: PBKDF2-HMAC-SHA256 from swift-crypto, 16 random bytes of salt,
/// 32 bytes out, at the rounds `security.pin_hash_rounds` asks (at least 210,000, the floor
/// swift-crypto's checked API enforces). A PIN of a few digits is weak against anyone who can
/// read the wallet file; the hash only makes each guess cost, and the threat model is a person
/// at the terminal (README, "Reliability").
public enum PINHasher {
    /// The fewest rounds accepted.
    public static let minimumRounds = 210_000

    /// A new record for `pin`.
    ///
    /// - Throws: `storage` when the system cannot derive the key.
    public static func record(for pin: String, rounds: Int) throws -> PINRecord {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let hash = try derive(pin, salt: salt, rounds: rounds)
        return PINRecord(salt: hex(salt), hash: hex(hash), rounds: rounds)
    }

    /// Whether `pin` is the one `record` was made from (compared in constant time).
    public static func matches(_ pin: String, _ record: PINRecord) -> Bool {
        guard let salt = bytes(record.salt), let stored = bytes(record.hash),
              let derived = try? derive(pin, salt: salt, rounds: record.rounds), derived.count == stored.count else { return false }
        return zip(derived, stored).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func derive(_ pin: String, salt: [UInt8], rounds: Int) throws -> [UInt8] {
        do {
            let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(pin.utf8), salt: salt, using: .sha256, outputByteCount: 32, rounds: rounds)
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw WalletError(.storage, "cannot hash the PIN: \(error)")
        }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    private static func bytes(_ hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }
}
