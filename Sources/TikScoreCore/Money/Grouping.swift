/// Whole numbers as people read them, with thousands separators.
///
/// ```swift
/// Grouping.of(35000)   // "35,000"
/// ```
public enum Grouping {
    /// `value` with a comma between each group of three digits.
    public static func of(_ value: Int64) -> String { ExactDecimal(significand: value, scale: 0).formatted(grouping: true) }

    /// `value` with a comma between each group of three digits.
    public static func of(_ value: Int) -> String { of(Int64(value)) }
}
