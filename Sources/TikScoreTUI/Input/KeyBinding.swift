import TikScoreCore

/// One row of a key table: the keys, what the hint bar and help call it, and the action it sends.
///
///     KeyBinding(keys: [.char("q"), .esc], label: "Quit", help: "Leave the dashboard", action: AppAction.quit)
struct KeyBinding<Action> {
    /// Keys that trigger the action; the first ones name it in the hint bar and help.
    var keys: [Key]
    /// Short label for the hint bar, e.g. "Quit".
    var label: String
    /// A sentence for the help overlay.
    var help: String
    /// What dispatch returns for these keys.
    var action: Action
    /// Whether the hint bar shows this binding (help always does).
    var showsInHintBar: Bool
    /// Overrides the key names shown, e.g. "↑↓" for a pair of keys.
    var keyLabel: String?

    /// Makes a binding.
    ///
    ///     KeyBinding(keys: [.up, .char("k")], label: "Up", help: "Move up", action: .moveUp, keyLabel: "↑/k")
    init(
        keys: [Key], label: String, help: String, action: Action,
        showsInHintBar: Bool = true, keyLabel: String? = nil
    ) {
        self.keys = keys
        self.label = label
        self.help = help
        self.action = action
        self.showsInHintBar = showsInHintBar
        self.keyLabel = keyLabel
    }

    /// The key names as shown: `keyLabel`, or the key names joined by "/".
    ///
    ///     binding.keyNames(symbols: .unicode) // "q/Esc"
    func keyNames(symbols: Symbols = .unicode) -> String {
        if let keyLabel { return keyLabel }
        return keys.map { $0.name(symbols: symbols) }.joined(separator: "/")
    }
}

extension KeyBinding: Sendable where Action: Sendable {}
extension KeyBinding: Equatable where Action: Equatable {}
