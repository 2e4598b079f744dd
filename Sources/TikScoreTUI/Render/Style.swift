import TikScoreCore

/// A terminal colour from the 8-colour palette, or the terminal's own default.
///
///     Style(foreground: .green)
enum Color: Int, Hashable, Sendable, CaseIterable {
    case `default` = -1
    case black = 0, red, green, yellow, blue, magenta, cyan, white
}

/// Colours and attributes of a cell.
///
///     let warning = Style(foreground: .yellow).bolded()
struct Style: Hashable, Sendable {
    var foreground: Color
    var background: Color
    var bold: Bool
    var dim: Bool
    var reverse: Bool
    var underline: Bool

    /// Makes a style; everything off and default colours unless given.
    ///
    ///     Style(foreground: .red, bold: true)
    init(
        foreground: Color = .default, background: Color = .default,
        bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    /// The terminal's default look.
    static let plain = Style()

    /// This style in bold.
    ///
    ///     Style.plain.bolded().bold // true
    func bolded() -> Style { var s = self; s.bold = true; return s }

    /// This style dimmed.
    ///
    ///     Style.plain.dimmed().dim // true
    func dimmed() -> Style { var s = self; s.dim = true; return s }

    /// This style in reverse video.
    ///
    ///     Style.plain.reversed().reverse // true
    func reversed() -> Style { var s = self; s.reverse = true; return s }

    /// This style underlined.
    ///
    ///     Style.plain.underlined().underline // true
    func underlined() -> Style { var s = self; s.underline = true; return s }

    /// This style with another foreground colour.
    ///
    ///     Style.plain.foreground(.cyan)
    func foreground(_ color: Color) -> Style { var s = self; s.foreground = color; return s }

    /// This style with another background colour.
    ///
    ///     Style.plain.background(.blue)
    func background(_ color: Color) -> Style { var s = self; s.background = color; return s }
}
