import TikScoreCore

/// The gift-card screen: the catalog, a confirmation, then the card's code.
public struct CardsState: Equatable, Sendable {
    public var selected = 0
    /// Whether the confirmation is open; 0 Redeem, 1 Cancel.
    public var confirming = false
    public var confirmButton = 0
    public var redemption: Redemption?
    public var working = false

    public init() {}

    mutating func handle(_ command: UICommand, economy: Economy, account: String, key: String) -> (leave: Bool, effects: [Effect]) {
        let count = economy.cards.count
        if redemption != nil {
            if command == .select || command == .back { redemption = nil }
            return (false, [])
        }
        if confirming {
            switch command {
            case .left, .right, .nextPane, .previousPane: confirmButton = 1 - confirmButton
            case .back, .cancel: confirming = false
            case .select:
                confirming = false
                guard confirmButton == 0, economy.cards.indices.contains(selected) else { return (false, []) }
                working = true
                return (false, [.redeem(account: account, cardID: economy.cards[selected].id, key: key)])
            default: break
            }
            return (false, [])
        }
        switch command {
        case .up where count > 0: selected = (selected + count - 1) % count
        case .down where count > 0: selected = (selected + 1) % count
        case .top: selected = 0
        case .bottom: selected = max(0, count - 1)
        case .select where count > 0:
            confirming = true
            confirmButton = 0
        case .back: return (true, [])
        default: break
        }
        return (false, [])
    }
}
