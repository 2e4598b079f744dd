/// What a feed run did: events applied by kind, points earned, duplicates, refusals, ignored
/// events and bad lines by kind, and warnings.
///
/// ```swift
/// report.summary   // "42 events applied (gift 12, follow 9, …), 1,234.5 points earned, 3 duplicates ignored, …"
/// ```
public struct FeedReport: Sendable, Equatable {
    /// Events that changed the wallet, by kind.
    public var applied: [String: Int] = [:]
    /// Earned points credited to the creator (after commission).
    public var earned: Points = .zero
    /// Gifts counted for the creator (a streak of 10 counts 10).
    public var giftsCounted: Int64 = 0
    /// Gifts counted for guests of the LIVE (not the creator's earning).
    public var giftsToGuests: Int64 = 0
    /// Events whose key had already been applied.
    public var duplicates = 0
    /// Events the wallet refused, by reason (`absurdPrice`, `absurdCount`, `sessionCap`, `notEligible`…).
    public var refused: [String: Int] = [:]
    /// Lines that were not valid, by kind.
    public var badLines: [String: Int] = [:]
    /// Valid lines of events the wallet does not use, by event name (`chat`, `CommentEvent`…).
    public var ignored: [String: Int] = [:]
    /// Lines applied with a caveat, by kind: `priceMismatch` (a gift the catalog knows, whose
    /// line claimed another price: applied at the catalog's), `identityConflict` (a line gave the
    /// creator's handle with another TikTok id than the one stored).
    public var warnings: [String: Int] = [:]
    /// Valid lines with nothing to apply (partial streak lines, battle notices).
    public var pending = 0
    /// Events without a msgId, keyed by their content instead.
    public var withoutMsgId = 0
    /// LIVE sessions the feed opened (the creator was off-air, or a stream had ended).
    public var sessionsOpened = 0
    /// The TikTok id the feed learned for the creator, when it did.
    public var learnedTikTokID: String?

    public init() {}

    /// Total bad lines.
    public var badLineCount: Int { badLines.values.reduce(0, +) }

    /// One line for people.
    public var summary: String {
        func list(_ d: [String: Int]) -> String { d.sorted { $0.key < $1.key }.map { "\($0.key) \(Grouping.of(Int64($0.value)))" }.joined(separator: ", ") }
        func count(_ d: [String: Int]) -> Int64 { Int64(d.values.reduce(0, +)) }
        let total = count(applied)
        var parts = [Plural.of(total, "event") + " applied" + (applied.isEmpty ? "" : " (\(list(applied)))"),
                     "\(earned.grouped) points earned"]
        if giftsToGuests > 0 { parts.append(Plural.of(giftsToGuests, "gift") + " to guests") }
        if duplicates > 0 { parts.append(Plural.of(Int64(duplicates), "duplicate") + " ignored") }
        if !refused.isEmpty { parts.append("\(Grouping.of(count(refused))) refused (\(list(refused)))") }
        if !ignored.isEmpty { parts.append(Plural.of(count(ignored), "unused event") + " (\(list(ignored)))") }
        if !warnings.isEmpty { parts.append(Plural.of(count(warnings), "warning") + " (\(list(warnings)))") }
        parts.append(Plural.of(Int64(badLineCount), "bad line") + (badLines.isEmpty ? "" : " (\(list(badLines)))"))
        return parts.joined(separator: ", ")
    }
}
