import TikScoreCore

/// Key bindings several screens share, so every screen names them the same way.
enum CommonKeys {
    static func up(_ s: Symbols, label: String = "Up", hint: Bool = false) -> KeyBinding<UICommand> {
        KeyBinding(keys: [.up, .char("k")], label: label, help: "Move the selection up", action: .up,
                   showsInHintBar: hint, keyLabel: "\(Key.up.name(symbols: s))/k")
    }

    static func down(_ s: Symbols) -> KeyBinding<UICommand> {
        KeyBinding(keys: [.down, .char("j")], label: "Down", help: "Move the selection down", action: .down,
                   showsInHintBar: false, keyLabel: "\(Key.down.name(symbols: s))/j")
    }

    /// Up and down as one hint ("↑↓ Choose"), with the real bindings hidden.
    static func upDown(_ s: Symbols, label: String) -> [KeyBinding<UICommand>] {
        var up = up(s)
        up.showsInHintBar = true
        up.label = label
        up.keyLabel = "\(Key.up.name(symbols: s))\(Key.down.name(symbols: s))/jk"
        up.help = "Move the selection up (k) or down (j)"
        var down = down(s)
        down.label = ""
        return [up, down]
    }

    static func leftRight(_ s: Symbols, label: String, help: String) -> [KeyBinding<UICommand>] {
        [
            KeyBinding(keys: [.left, .char("h")], label: label, help: help + " (left)", action: .left,
                       keyLabel: "\(Key.left.name(symbols: s))\(Key.right.name(symbols: s))/hl"),
            KeyBinding(keys: [.right, .char("l")], label: "", help: help + " (right)", action: .right,
                       showsInHintBar: false, keyLabel: "\(Key.right.name(symbols: s))/l"),
        ]
    }

    static func select(_ label: String, help: String) -> KeyBinding<UICommand> {
        KeyBinding(keys: [.enter], label: label, help: help, action: .select)
    }

    static func back(_ label: String = "Back", help: String = "Go back one step; nothing changes") -> KeyBinding<UICommand> {
        KeyBinding(keys: [.esc], label: label, help: help, action: .back)
    }

    static let leave = KeyBinding<UICommand>(keys: [.ctrl("x")], label: "Leave", help: "Leave this screen now; nothing changes",
                                             action: .cancel, showsInHintBar: false)

    static let pages = [
        KeyBinding<UICommand>(keys: [.pageUp], label: "Page", help: "Scroll a page up", action: .pageUp, showsInHintBar: false),
        KeyBinding<UICommand>(keys: [.pageDown], label: "Page", help: "Scroll a page down", action: .pageDown, showsInHintBar: false),
        KeyBinding<UICommand>(keys: [.home], label: "First", help: "Go to the first row", action: .top, showsInHintBar: false),
        KeyBinding<UICommand>(keys: [.end], label: "Last", help: "Go to the last row", action: .bottom, showsInHintBar: false),
    ]

    /// Help, redraw and quit: the end of every table.
    static let tail: [KeyBinding<UICommand>] = [
        KeyBinding(keys: [.char("?"), .f(1)], label: "Help", help: "Show every key of this screen (F1 while typing)", action: .help),
        KeyBinding(keys: [.char(":")], label: "Palette", help: "Find any action or screen by name (type, Enter runs it)", action: .palette, showsInHintBar: false),
        KeyBinding(keys: [.ctrl("l")], label: "Redraw", help: "Redraw the whole screen", action: .redraw, showsInHintBar: false),
        KeyBinding(keys: [.char("q")], label: "Quit", help: "Leave the dashboard (not while typing in a field)", action: .quit),
    ]
}
