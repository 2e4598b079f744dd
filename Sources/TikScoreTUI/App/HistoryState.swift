import TikScoreCore

/// The history list: a selected row and an optional filter typed after `/`.
struct HistoryState: ScreenComponent {
    static let title = "History"
    static var slot: WritableKeyPath<AppModel, HistoryState> { \.history }

    var selected = 0
    var filter = TextField(placeholder: "type to filter", maxLength: 40)
    /// Whether typing goes to the filter.
    var filtering = false

    init() {}

    /// The lines whose kind, memo or counterparty contain the filter (case-insensitive).
    func visible(_ lines: [HistoryLine], snapshot: WalletSnapshot) -> [HistoryLine] {
        let needle = filter.value.lowercased()
        guard !needle.isEmpty else { return lines }
        return lines.filter { line in
            [line.transfer.kind.rawValue, line.transfer.memo, line.balance.leaf, snapshot.name(of: line.counterparty)]
                .contains { $0.lowercased().contains(needle) }
        }
    }

    var focusedField: TextField? { filtering ? filter : nil }

    mutating func update(_ command: UICommand, in model: AppModel) -> ScreenUpdate {
        let count = model.snapshot.map { visible($0.history, snapshot: $0).count } ?? 0
        let page = max(1, model.height - 8)
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
                return .go(.home)
            }
        case .select: filtering = false
        case .choose(let row): selected = min(max(0, count - 1), max(0, row))
        default: break
        }
        return .none
    }

    mutating func edit(_ key: Key) -> Bool {
        guard filtering, let next = filter.handling(key) else { return false }
        filter = next
        selected = 0
        return true
    }
}
