import TikScoreCore

/// "My withdrawals": every withdrawal of the account with its status; Enter shows every field.
struct MyWithdrawalsState: ScreenComponent {
    static let title = "My withdrawals"
    static var slot: WritableKeyPath<AppModel, MyWithdrawalsState> { \.myWithdrawals }

    var selected = 0
    /// Whether the selected withdrawal is open with every field.
    var opened = false

    init() {}

    mutating func update(_ command: UICommand, in model: AppModel) -> ScreenUpdate {
        let count = model.snapshot?.withdrawals.count ?? 0
        if opened {
            switch command {
            case .select, .back, .press: opened = false
            default: break
            }
            return .none
        }
        if ListSelection.move(&selected, command, count: count) { return .none }
        switch command {
        case .choose(let row):
            if RowClick.choose(row, selected: &selected) { opened = true }
        case .select where count > 0: opened = true
        case .back: return .go(.home)
        default: break
        }
        return .none
    }
}
