import Foundation

/// One page of an account's history, newest first, with the place of the page in the whole
/// (filtered) history, so a screen can show "row 41 of 2,392" and page through any number of rows.
public struct HistoryPage: Sendable, Equatable {
    /// The lines of the page, newest first, with running balances.
    public var lines: [HistoryLine]
    /// How many matching lines come before the page (newer ones).
    public var offset: Int
    /// How many lines match in the whole history.
    public var total: Int

    public init(lines: [HistoryLine], offset: Int, total: Int) {
        self.lines = lines
        self.offset = offset
        self.total = total
    }

    /// The line at `index` of the whole history, when the page holds it.
    public func line(at index: Int) -> HistoryLine? {
        let local = index - offset
        return lines.indices.contains(local) ? lines[local] : nil
    }
}

/// Which history lines a typed filter keeps: those whose kind, memo, balance (points, earned,
/// held) or counterparty contain the text, ignoring case and accents' composition.
///
/// ```swift
/// HistoryFilter("rose").matches(line, names: names)
/// ```
public struct HistoryFilter: Sendable, Equatable {
    /// The folded text to look for; nil keeps every line.
    public let needle: String?

    public init(_ text: String?) {
        let folded = text.map(HistoryFilter.fold) ?? ""
        needle = folded.isEmpty ? nil : folded
    }

    /// Whether `line` matches.
    public func matches(_ line: HistoryLine, names: LedgerNames) -> Bool {
        guard let needle else { return true }
        return [line.transfer.kind.rawValue, line.transfer.memo, line.balance.leaf, names.display(line.counterparty)]
            .contains { Self.fold($0).contains(needle) }
    }

    /// Whether `text` contains the needle (for stores that match in their own query).
    public func contains(_ text: String) -> Bool {
        guard let needle else { return true }
        return Self.fold(text).contains(needle)
    }

    /// Lower case, NFC.
    public static func fold(_ text: String) -> String { text.precomposedStringWithCanonicalMapping.lowercased() }
}
