import TikScoreCore

/// The history list: a selected row and an optional filter typed after `/`.
public struct HistoryState: Equatable, Sendable {
    public var selected = 0
    public var filter = TextField(placeholder: "type to filter", maxLength: 40)
    /// Whether typing goes to the filter.
    public var filtering = false

    public init() {}

    /// The lines whose kind, memo or counterparty contain the filter (case-insensitive).
    public func visible(_ lines: [HistoryLine], snapshot: WalletSnapshot) -> [HistoryLine] {
        let needle = filter.value.lowercased()
        guard !needle.isEmpty else { return lines }
        return lines.filter { line in
            [line.transfer.kind.rawValue, line.transfer.memo, line.balance.leaf, snapshot.name(of: line.counterparty)]
                .contains { $0.lowercased().contains(needle) }
        }
    }

    mutating func handle(_ command: UICommand, count: Int, page: Int) -> Bool {
        switch command {
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(max(0, count - 1), selected + 1)
        case .pageUp: selected = max(0, selected - max(1, page))
        case .pageDown: selected = min(max(0, count - 1), selected + max(1, page))
        case .top: selected = 0
        case .bottom: selected = max(0, count - 1)
        case .filter: filtering = true
        case .back:
            if filtering || !filter.value.isEmpty {
                filtering = false
                filter = filter.replacingValue("")
                selected = 0
            } else {
                return true
            }
        case .select: filtering = false
        default: break
        }
        return false
    }

    mutating func edit(_ key: Key) -> Bool {
        guard filtering, let next = filter.handling(key) else { return false }
        filter = next
        selected = 0
        return true
    }
}
