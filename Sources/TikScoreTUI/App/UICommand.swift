/// What a key means on a screen; each screen's `KeyMap` maps keys to these.
public enum UICommand: Hashable, Sendable {
    case up, down, left, right, pageUp, pageDown, top, bottom
    case select, back, quit, help, redraw
    case nextPane, previousPane
    case recharge, withdraw, cards, gift, transfer, history, accounts, currency
    case filter, cancel, toggle, increase, decrease
}
