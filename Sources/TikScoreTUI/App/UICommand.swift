import TikScoreCore

/// What a key (or a click) means on a screen; each screen's `KeyMap` maps keys to these.
enum UICommand: Hashable, Sendable {
    case up, down, left, right, pageUp, pageDown, top, bottom
    case select, back, quit, help, redraw, palette
    case nextPane, previousPane
    case recharge, withdraw, cards, gift, transfer, history, accounts, currency, myCards, myWithdrawals, profile, goal
    case filter, cancel, toggle, increase, decrease
    /// A click on row `n` of the screen's list: selects it, or chooses it when already selected.
    case choose(Int)
    /// A click on button `n` of the open dialog: focuses and presses it.
    case press(Int)
}
