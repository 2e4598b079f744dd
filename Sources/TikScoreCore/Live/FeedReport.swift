/// What a feed run did: events applied by kind, points earned, duplicates, refusals and bad
/// lines by kind.
///
/// ```swift
/// report.summary   // "42 events applied (gift 12, follow 9, …), 1,234.5 points earned, 3 duplicates, 2 bad lines (notJSON 1, …)"
/// ```
public struct FeedReport: Sendable, Equatable {
    /// Events that changed the wallet, by kind.
    public var applied: [String: Int] = [:]
    /// Earned points credited (after commission).
    public var earned: Points = .zero
    /// Gifts counted (a streak of 10 counts 10).
    public var giftsCounted: Int64 = 0
    /// Events whose msgId had already been applied.
    public var duplicates = 0
    /// Events the wallet refused, by reason.
    public var refused: [String: Int] = [:]
    /// Lines that were not valid, by kind.
    public var badLines: [String: Int] = [:]
    /// Valid lines with nothing to apply (partial streak lines, battle notices).
    public var pending = 0
    /// Events without a msgId, which cannot be de-duplicated.
    public var withoutMsgId = 0

    public init() {}

    /// Total bad lines.
    public var badLineCount: Int { badLines.values.reduce(0, +) }

    /// One line for people.
    public var summary: String {
        func list(_ d: [String: Int]) -> String { d.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") }
        let total = applied.values.reduce(0, +)
        var parts = ["\(total) events applied" + (applied.isEmpty ? "" : " (\(list(applied)))"),
                     "\(earned.grouped) points earned"]
        if duplicates > 0 { parts.append("\(duplicates) duplicate\(duplicates == 1 ? "" : "s") ignored") }
        if !refused.isEmpty { parts.append("\(refused.values.reduce(0, +)) refused (\(list(refused)))") }
        parts.append("\(badLineCount) bad line\(badLineCount == 1 ? "" : "s")" + (badLines.isEmpty ? "" : " (\(list(badLines)))"))
        return parts.joined(separator: ", ")
    }
}
