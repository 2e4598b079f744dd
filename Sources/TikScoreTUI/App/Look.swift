/// How the dashboard draws: colours (or monochrome), glyphs (or ASCII) and whether the mouse is on.
public struct Look: Hashable, Sendable {
    public var theme: Theme
    public var symbols: Symbols
    public var mouse: Bool

    /// Makes a look.
    ///
    ///     Look(theme: .monochrome, symbols: .ascii, mouse: false)
    public init(theme: Theme = .color, symbols: Symbols = .unicode, mouse: Bool = true) {
        self.theme = theme
        self.symbols = symbols
        self.mouse = mouse
    }
}
