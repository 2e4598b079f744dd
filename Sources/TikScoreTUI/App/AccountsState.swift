import TikScoreCore

/// The account picker: which account is selected.
struct AccountsState: ScreenComponent {
    static let title = "Accounts"
    static var slot: WritableKeyPath<AppModel, AccountsState> { \.accounts }

    var selected = 0

    init() {}

    /// A picker with the open account selected.
    init(selecting account: Account?, in accounts: [Account]) {
        selected = account.flatMap { open in accounts.firstIndex { $0.id == open.id } } ?? 0
    }

    mutating func update(_ command: UICommand, in model: AppModel) -> ScreenUpdate {
        let accounts = model.snapshot?.accounts ?? []
        if ListSelection.move(&selected, command, count: accounts.count) { return .none }
        switch command {
        case .choose(let row):
            guard RowClick.choose(row, selected: &selected) else { return .none }
            return update(.select, in: model)
        case .select:
            guard accounts.indices.contains(selected) else { return .none }
            return .go(.switchAccount(accounts[selected].name))
        case .back:
            if model.summary != nil { return .go(.home) }
        default: break
        }
        return .none
    }
}
