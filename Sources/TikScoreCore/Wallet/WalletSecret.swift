import Crypto
import Foundation

/// A random secret kept inside each wallet, so that a fingerprint can tell two card numbers
/// apart without storing either: the card enters a fingerprint as HMAC-SHA256 under this key.
/// Copying a wallet (`migrate`, a backup) copies its secret, so its fingerprints keep matching.
///
/// ```swift
/// let secret = WalletSecret.random()
/// secret.digest("4242424242424242")   // 64 hex digits, the same for the same wallet
/// ```
public struct WalletSecret: Sendable, Equatable {
    /// The key, as 64 hex digits (how the wallet stores it).
    public let hex: String
    private let bytes: [UInt8]

    /// A secret from its stored hex form; nil unless it is 64 hex digits.
    public init?(hex: String) {
        guard hex.count == 64, let bytes = Self.bytes(fromHex: hex.lowercased()) else { return nil }
        self.init(bytes: bytes)
    }

    /// A new secret from the system's random source.
    public static func random() -> WalletSecret {
        var generator = SystemRandomNumberGenerator()
        return WalletSecret(bytes: (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// HMAC-SHA256 of `text` under the secret, as hex.
    public func digest(_ text: String) -> String {
        Self.hex(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: bytes)))
    }

    public static func == (lhs: WalletSecret, rhs: WalletSecret) -> Bool { lhs.hex == rhs.hex }

    private init(bytes: [UInt8]) {
        self.hex = Self.hex(bytes)
        self.bytes = bytes
    }

    private static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    private static func bytes(fromHex text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
