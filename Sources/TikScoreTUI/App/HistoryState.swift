import TikScoreCore

/// The whole history of the account, paged from the wallet: the selected row (counted over the
/// whole filtered history), the filter typed after `/`, the page around the selection, and the
/// row opened with Enter.
struct HistoryState: ScreenComponent {
    static let title = "History"
    static var slot: WritableKeyPath<AppModel, HistoryState> { \.history }

    /// Lines read per page: several screens, so scrolling rarely waits for the wallet.
    static let pageSize = 200

    var selected = 0
    var filter = TextField(placeholder: "type to filter", maxLength: 40)
    /// Whether typing goes to the filter.
    var filtering = false
    /// The lines read so far around the selection (nil before the first read).
    var page: HistoryPage?
    /// Whether the selected row is open with every field.
    var opened = false

    init() {}

    var focusedField: TextField? { filtering ? filter : nil }

    /// Matching lines in the whole history (0 before the first read).
    var total: Int { page?.total ?? 0 }

    /// The selected line, when it has been read.
    var selectedLine: HistoryLine? { page?.line(at: selected) }

    /// The read that shows `selected`: none when the page already holds it.
    func read(for account: String?) -> [Effect] {
        guard let account else { return [] }
        if let page, page.line(at: selected) != nil || (page.total == 0 && selected == 0) { return [] }
        return [Self.load(account, filter: filter.value, around: selected)]
    }

    /// The page read for `filter` that holds line `index`.
    static func load(_ account: String, filter: String, around index: Int) -> Effect {
        .loadHistory(account: account, filter: filter, offset: max(0, index - pageSize / 2), limit: pageSize)
    }

    func opened(in model: AppModel) -> [Effect] {
        model.accountName.map { [Self.load($0, filter: filter.value, around: 0)] } ?? []
    }

    mutating func update(_ command: UICommand, in model: AppModel) -> ScreenUpdate {
        if opened {
            switch command {
            case .select, .back, .press: opened = false
            case .cards:
                guard let line = selectedLine, line.transfer.kind == .redeem else { return .none }
                return .go(.showRedemption(Redemption.id(forCommand: line.transfer.commandID)))
            default: break
            }
            return .none
        }
        let last = max(0, total - 1)
        let pageRows = max(1, model.height - 9)
        switch command {
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(last, selected + 1)
        case .pageUp: selected = max(0, selected - pageRows)
        case .pageDown: selected = min(last, selected + pageRows)
        case .top: selected = 0
        case .bottom: selected = last
        case .filter: filtering = true
        case .back:
            guard filtering || !filter.value.isEmpty else { return .go(.home) }
            filtering = false
            filter = filter.replacingValue("")
            return reload(model)
        case .select:
            if filtering { filtering = false } else if selectedLine != nil { opened = true }
        case .choose(let row):
            if selected == row, selectedLine != nil { opened = true } else { selected = min(last, max(0, row)) }
        default: break
        }
        return .effects(read(for: model.accountName))
    }

    mutating func edit(_ key: Key) -> Bool {
        guard filtering, let next = filter.handling(key) else { return false }
        if next.value != filter.value { selected = 0 }
        filter = next
        return true
    }

    func edited(in model: AppModel) -> [Effect] {
        model.accountName.map { [Self.load($0, filter: filter.value, around: 0)] } ?? []
    }

    /// Starts over from the newest line, for a new filter.
    private mutating func reload(_ model: AppModel) -> ScreenUpdate {
        selected = 0
        page = nil
        return .effects(opened(in: model))
    }

    /// Takes a page the wallet read for `filterText`; a page for an older filter is dropped.
    mutating func received(_ page: HistoryPage, filter filterText: String) {
        guard filterText == filter.value else { return }
        self.page = page
        selected = min(selected, max(0, page.total - 1))
    }
}
