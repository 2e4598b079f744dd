import TikScoreCore

/// The gift-card screen: the catalog, a confirmation, then the card's code.
struct CardsState: ScreenComponent {
    static let title = "Gift cards"
    static var slot: WritableKeyPath<AppModel, CardsState> { \.cards }

    var selected = 0
    /// Whether the confirmation is open.
    var confirming = false
    var confirmButton: ConfirmButton = .confirm
    var redemption: Redemption?
    var working = false

    init() {}

    mutating func update(_ command: UICommand, in model: AppModel) -> ScreenUpdate {
        guard let account = model.accountName else { return .go(.home) }
        let cards = model.economy.cards
        let count = cards.count
        if redemption != nil {
            switch command {
            case .select, .back, .press: redemption = nil
            default: break
            }
            return .none
        }
        if confirming {
            switch command {
            case .left, .right, .nextPane, .previousPane: confirmButton = confirmButton.other
            case .back, .cancel: confirming = false
            case .press(let index):
                confirmButton = ConfirmButton(index: index)
                return update(.select, in: model)
            case .select:
                confirming = false
                guard confirmButton == .confirm, cards.indices.contains(selected) else { return .none }
                working = true
                return .effects([.redeem(account: account, cardID: cards[selected].id, key: model.nextKey)])
            default: break
            }
            return .none
        }
        if ListSelection.move(&selected, command, count: count, page: 5) { return .none }
        switch command {
        case .choose(let row):
            if RowClick.choose(row, selected: &selected) { return update(.select, in: model) }
        case .select where count > 0:
            confirming = true
            confirmButton = .confirm
        case .back: return .go(.home)
        default: break
        }
        return .none
    }
}
