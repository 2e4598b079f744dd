import Foundation

/// What an account name may hold, so that names are what they look like: two accounts never
/// print the same, and no name reorders or hides the text around it.
///
/// - The name is NFC-normalised and trimmed; empty after that is refused.
/// - Control characters (Cc), line and paragraph separators, bidirectional controls
///   (U+202A–U+202E, U+2066–U+2069) and other format characters (Cf) are refused, except a
///   zero-width joiner (U+200D) between two emoji (👨‍👩‍👧) and a zero-width non-joiner (U+200C)
///   between two letters (as Persian writes).
///
/// ```swift
/// try NameRules.clean("  Ana 🎉 ")     // "Ana 🎉"
/// try NameRules.clean("mia\u{200B}")   // refused: an invisible character (U+200B)
/// ```
public enum NameRules {
    /// Longest account name, in characters.
    public static let maxLength = 64

    /// The name as stored.
    ///
    /// - Throws: `invalidName` saying what is wrong.
    public static func clean(_ name: String) throws -> String {
        let clean = name.precomposedStringWithCanonicalMapping.trimmingSpaces()
        guard !clean.isEmpty else { throw WalletError(.invalidName, "an account name cannot be empty") }
        guard clean.count <= maxLength else { throw WalletError(.invalidName, "an account name has at most \(maxLength) characters") }
        if let bad = firstHidden(in: clean) {
            throw WalletError(.invalidName, "an account name cannot contain \(describe(bad))")
        }
        return clean
    }

    /// What `verify` says of a stored name the rules would refuse now (made by an older version),
    /// or nil when the name is fine. Such accounts keep working.
    public static func note(onStored name: String, id: Int64) -> String? {
        if let bad = firstHidden(in: name) {
            return "account \(id) '\(name.unicodeScalars.filter { $0 != bad }.map(String.init).joined())' has \(describe(bad)) in its name; it keeps working, but a new account could not be called so"
        }
        if name != name.precomposedStringWithCanonicalMapping {
            return "account \(id) '\(name)' is stored in decomposed Unicode (not NFC); it keeps working"
        }
        return nil
    }

    /// The first character of `name` the rules refuse, if any.
    public static func firstHidden(in name: String) -> Unicode.Scalar? {
        let scalars = Array(name.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let category = scalar.properties.generalCategory
            if category == .control || category == .lineSeparator || category == .paragraphSeparator { return scalar }
            guard category == .format else { continue }
            let before = index > 0 ? scalars[index - 1] : nil
            let after = index + 1 < scalars.count ? scalars[index + 1] : nil
            if scalar == "\u{200D}", let before, let after, isEmojiPart(before), isEmoji(after) { continue }
            if scalar == "\u{200C}", let before, let after, before.properties.isAlphabetic, after.properties.isAlphabetic { continue }
            return scalar
        }
        return nil
    }

    private static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isEmojiPresentation || (scalar.properties.isEmoji && scalar.value > 0xFF)
    }

    /// An emoji, or what may end one before a joiner: a variation selector or a skin-tone modifier.
    private static func isEmojiPart(_ scalar: Unicode.Scalar) -> Bool {
        isEmoji(scalar) || scalar == "\u{FE0F}" || scalar.properties.isEmojiModifier
    }

    private static func describe(_ scalar: Unicode.Scalar) -> String {
        let code = String(format: "U+%04X", scalar.value)
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return "control characters (\(code))"
        default:
            if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) {
                return "a text-direction control (\(code))"
            }
            return "an invisible character (\(code))"
        }
    }
}
