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
        name.trimmingSpaces().precomposedStringWithCanonicalMapping.lowercased()
            .precomposedStringWithCanonicalMapping
    }
}
