/// The id a command runs under: `k:KEY` for a caller's idempotency key, `c:RANDOM` otherwise.
/// The same id never applies twice; its first answer (outcome or refusal) is kept with it.
///
/// ```swift
/// CommandKey.caller("order-7").id   // "k:order-7"
/// CommandKey.fresh().id             // "c:5f0c…" (32 hex digits)
/// ```
public struct CommandKey: Sendable, Hashable, CustomStringConvertible {
    /// The stored id.
    public let id: String

    /// The key a caller chose.
    public static func caller(_ key: String) -> CommandKey { CommandKey(id: "k:" + key) }

    /// A new random id, for a command without a caller's key.
    public static func fresh() -> CommandKey {
        var generator = SystemRandomNumberGenerator()
        return CommandKey(id: "c:" + hex(generator.next()) + hex(generator.next()))
    }

    /// The caller's key when there is one, a fresh id otherwise.
    public static func make(_ key: String?) -> CommandKey { key.map(caller) ?? fresh() }

    /// The caller's key, without the prefix (nil for a fresh id).
    public var callerKey: String? { id.hasPrefix("k:") ? String(id.dropFirst(2)) : nil }

    /// The key as a person would quote it.
    public var description: String { callerKey ?? id }

    /// A key from its stored id.
    public init(id: String) { self.id = id }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
