import TikScoreCore

/// One terminal cell: a grapheme, its display width and its style.
/// A wide grapheme (width 2) is followed by a continuation cell (empty symbol, width 0).
///
///     let cell = Cell("李", style: .plain) // width 2
struct Cell: Hashable, Sendable {
    /// The grapheme shown; "" for the continuation of a wide grapheme.
    var symbol: String
    /// Display width in columns: 1 or 2, or 0 for a continuation cell.
    var width: Int
    var style: Style

    /// A cell showing `character`, its width measured by `CharWidth`.
    ///
    ///     Cell("a").width // 1
    init(_ character: Character, style: Style = .plain) {
        let w = CharWidth.width(character)
        self.symbol = w == 0 ? " " : String(character)
        self.width = w == 0 ? 1 : min(w, 2)
        self.style = style
    }

    /// A cell showing the first grapheme of `glyph` (a blank when it is empty).
    ///
    ///     Cell(glyph: Symbols.unicode.gaugeFilled)
    init(glyph: String, style: Style = .plain) {
        self.init(glyph.first ?? " ", style: style)
    }

    private init(symbol: String, width: Int, style: Style) {
        self.symbol = symbol
        self.width = width
        self.style = style
    }

    /// An empty (space) cell in the given style.
    ///
    ///     Cell.blank(.plain.reversed())
    static func blank(_ style: Style = .plain) -> Cell {
        Cell(symbol: " ", width: 1, style: style)
    }

    /// The cell covered by the right half of a wide grapheme.
    static func continuation(_ style: Style) -> Cell {
        Cell(symbol: "", width: 0, style: style)
    }

    /// True for the right half of a wide grapheme.
    var isContinuation: Bool { width == 0 }
}
