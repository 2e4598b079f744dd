/// The rules for an account's TikTok identity: the numeric user id the connectors send
/// (`userId`), and the @handle (`uniqueId`), stored without `@` and matched without regard to
/// case.
///
/// ```swift
/// try TikTokIdentity.id("6900000000000000001")   // "6900000000000000001"
/// try TikTokIdentity.handle("@Leo.Live")         // "Leo.Live"
/// TikTokIdentity.key("Leo.Live")                 // "leo.live"
/// ```
public enum TikTokIdentity {
    /// A TikTok user id: 1 to 20 digits, not zero (the protobuf default means "no id").
    ///
    /// - Throws: `invalidInput` with a one-line reason.
    public static func id(_ text: String) throws -> String {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty, trimmed.count <= 20, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw WalletError(.invalidInput, "a TikTok id is 1 to 20 digits (got '\(text)')")
        }
        let digits = String(trimmed.drop { $0 == "0" })
        guard !digits.isEmpty else { throw WalletError(.invalidInput, "a TikTok id cannot be 0") }
        return digits
    }

    /// A TikTok handle without its `@`: 2 to 24 letters, digits, `_` or `.`, not ending in `.`.
    ///
    /// - Throws: `invalidInput` with a one-line reason.
    public static func handle(_ text: String) throws -> String {
        var handle = text.trimmingSpaces()
        if handle.hasPrefix("@") { handle.removeFirst() }
        guard (2...24).contains(handle.count),
              handle.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }),
              !handle.hasSuffix(".") else {
            throw WalletError(.invalidInput, "a TikTok handle is 2 to 24 letters, digits, '_' or '.', not ending in '.' (got '\(text)')")
        }
        return handle
    }

    /// How handles compare: without `@`, without regard to case.
    public static func key(_ handle: String) -> String {
        (handle.hasPrefix("@") ? String(handle.dropFirst()) : handle).lowercased()
    }
}
