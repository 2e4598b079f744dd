import Foundation

/// The form of a name used to compare names: trimmed, Unicode-normalized and case-folded.
///
/// ```swift
/// NameKey.of("Ana") == NameKey.of(" ANA ")   // true
/// NameKey.of("É") == NameKey.of("e\u{301}")  // true
/// ```
public enum NameKey {
    /// The comparison key of `name`.
    public static func of(_ name: String) -> String {
        let trimmed = name.trimmingSpaces()
        // ASCII is its own normal form: skip the Unicode passes (catalogs hold hundreds of names).
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }) { return trimmed.lowercased() }
        return trimmed.precomposedStringWithCanonicalMapping.lowercased().precomposedStringWithCanonicalMapping
    }
}
