import TikScoreCore

/// "My gift cards": every card the account bought; a code shows in full only when its row is opened.
struct MyCardsState: ScreenComponent {
    static let title = "My gift cards"
    static var slot: WritableKeyPath<AppModel, MyCardsState> { \.myCards }

    var selected = 0
    /// Whether the selected card is open, its code shown in full.
    var opened = false

    init() {}

    /// The list with the redemption `id` selected and open (from a history row).
    init(showing id: String, in redemptions: [Redemption]) {
        selected = redemptions.firstIndex { $0.id == id } ?? 0
        opened = redemptions.contains { $0.id == id }
    }

    mutating func update(_ command: UICommand, in model: AppModel) -> ScreenUpdate {
        let count = model.snapshot?.redemptions.count ?? 0
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
