import TikScoreCore

/// How the dashboard draws: colours (or monochrome), glyphs (or ASCII) and whether the mouse is on.
struct Look: Hashable, Sendable {
    var theme: Theme
    var symbols: Symbols
    var mouse: Bool

    /// Makes a look.
    ///
    ///     Look(theme: .monochrome, symbols: .ascii, mouse: false)
    init(theme: Theme = .color, symbols: Symbols = .unicode, mouse: Bool = true) {
        self.theme = theme
        self.symbols = symbols
        self.mouse = mouse
    }
}
