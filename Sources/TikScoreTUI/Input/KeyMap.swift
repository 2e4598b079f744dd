import TikScoreCore

/// A table of key bindings that drives dispatch, the hint bar and the help overlay alike,
/// so the help can never disagree with what the keys do.
///
///     let keys = KeyMap<AppAction>([
///         KeyBinding(keys: [.char("r")], label: "Recharge", help: "Buy points", action: .recharge),
///         KeyBinding(keys: [.char("q"), .esc], label: "Quit", help: "Leave", action: .quit),
///     ])
///     keys.action(for: .char("q"))   // .quit
///     HintBar(items: keys.hintItems())
///     HelpOverlay(keyMap: keys)
struct KeyMap<Action> {
    /// The bindings in display order; the first binding of a key wins.
    var bindings: [KeyBinding<Action>]

    /// Makes a key map from its table.
    ///
    ///     KeyMap([KeyBinding(keys: [.enter], label: "Open", help: "Open the item", action: .open)])
    init(_ bindings: [KeyBinding<Action>]) {
        self.bindings = bindings
    }

    /// The action bound to `key`, or nil.
    ///
    ///     keys.action(for: .char("r")) // .recharge
    func action(for key: Key) -> Action? {
        binding(for: key)?.action
    }

    /// The first binding that lists `key`, or nil.
    ///
    ///     keys.binding(for: .esc)?.label // "Quit"
    func binding(for key: Key) -> KeyBinding<Action>? {
        bindings.first { $0.keys.contains(key) }
    }

    /// Hint bar items for the bindings that show there, in table order.
    ///
    ///     HintBar(items: keys.hintItems(symbols: .ascii))
    func hintItems(symbols: Symbols = .unicode) -> [HintBar.Item] {
        bindings.filter { $0.showsInHintBar && !$0.label.isEmpty }.map {
            HintBar.Item(key: $0.keyNames(symbols: symbols), label: $0.label)
        }
    }

    /// One help line per binding, in table order.
    ///
    ///     keys.helpLines().map(\.keys) // ["r", "q/Esc"]
    func helpLines(symbols: Symbols = .unicode) -> [HelpLine] {
        bindings.map { HelpLine(keys: $0.keyNames(symbols: symbols), text: $0.help) }
    }

    /// Keys listed by more than one binding (only the first of them is reachable).
    ///
    ///     XCTAssertEqual(keys.conflicts, [])
    var conflicts: [Key] {
        var seen = Set<Key>()
        var repeated: [Key] = []
        for binding in bindings {
            var inBinding = Set<Key>()
            for key in binding.keys where inBinding.insert(key).inserted {
                if !seen.insert(key).inserted, !repeated.contains(key) { repeated.append(key) }
            }
        }
        return repeated
    }
}

extension KeyMap: Sendable where Action: Sendable {}

