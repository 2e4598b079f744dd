import TikScoreCore

/// A width x height grid of cells that widgets draw into; the backend shows it.
///
///     var buffer = Buffer(width: 20, height: 2)
///     buffer.set(string: "Balance 李", x: 0, y: 0)
///     buffer.plainText() // "Balance 李"
struct Buffer: Hashable, Sendable {
    let width: Int
    let height: Int
    private(set) var cells: [Cell]

    /// A blank buffer; negative sizes become 0.
    ///
    ///     Buffer(width: 80, height: 24)
    init(width: Int, height: Int, fill: Cell = .blank()) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle at the origin.
    var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y), or nil outside the buffer.
    ///
    ///     buffer[0, 0]?.symbol
    subscript(x: Int, y: Int) -> Cell? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        return cells[y * width + x]
    }

    /// Writes `string` from (x, y) in `style`, at most `maxWidth` columns and never past the
    /// right edge; a wide character that does not fit entirely is left out. Columns left of 0
    /// are skipped. Returns the column after the last one written.
    ///
    ///     buffer.set(string: "Total", x: 2, y: 0, style: Style.plain.bolded())
    @discardableResult
    mutating func set(string: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(width, x + max(0, maxWidth ?? Int.max / 4))
        var column = x
        for character in string {
            let w = CharWidth.width(character)
            if w == 0 { continue }
            if column + w > limit { break }
            if column >= 0 {
                put(Cell(character, style: style), x: column, y: y)
            }
            column += w
        }
        return column
    }

    /// Places one cell, keeping wide characters whole: a wide cell also claims the column to its
    /// right, and overwriting half of a wide character blanks the other half.
    ///
    ///     buffer.put(Cell("李"), x: 3, y: 0)
    mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, y >= 0, x < width, y < height, !cell.isContinuation else { return }
        if cell.width == 2 && x + 1 >= width {
            // no room for the right half: show a blank instead of half a glyph
            put(.blank(cell.style), x: x, y: y)
            return
        }
        clearWide(x: x, y: y)
        if cell.width == 2 { clearWide(x: x + 1, y: y) }
        cells[y * width + x] = cell
        if cell.width == 2 {
            cells[y * width + x + 1] = .continuation(cell.style)
        }
    }

    /// Blanks the rest of a wide character that covers (x, y), before (x, y) is overwritten.
    private mutating func clearWide(x: Int, y: Int) {
        let index = y * width + x
        let current = cells[index]
        if current.isContinuation, x > 0 {
            cells[index - 1] = .blank(cells[index - 1].style)
        } else if current.width == 2, x + 1 < width {
            cells[index + 1] = .blank(cells[index + 1].style)
        }
        cells[index] = .blank(current.style)
    }

    /// Fills the part of `rect` inside the buffer with `cell`.
    ///
    ///     buffer.fill(Rect(width: 5, height: 1), with: .blank(Style.plain.reversed()))
    mutating func fill(_ rect: Rect, with cell: Cell = .blank()) {
        let clip = rect.intersection(area)
        guard !clip.isEmpty else { return }
        let step = max(1, cell.width)
        for row in clip.y..<clip.bottom {
            var column = clip.x
            while column < clip.right {
                if column + step <= clip.right {
                    put(cell, x: column, y: row)
                } else {
                    put(.blank(cell.style), x: column, y: row)
                }
                column += step
            }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the symbols.
    ///
    ///     buffer.setStyle(Rect(x: 0, y: 2, width: 20, height: 1), Style.plain.reversed())
    mutating func setStyle(_ rect: Rect, _ style: Style) {
        let clip = rect.intersection(area)
        guard !clip.isEmpty else { return }
        for row in clip.y..<clip.bottom {
            for column in clip.x..<clip.right {
                cells[row * width + column].style = style
            }
        }
    }

    /// The text of row `y` (wide characters once, trailing spaces kept).
    ///
    ///     buffer.line(0)
    func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var text = ""
        for column in 0..<width {
            let cell = cells[y * width + column]
            if !cell.isContinuation { text += cell.symbol }
        }
        return text
    }

    /// All rows joined by "\n", trailing spaces trimmed on each row; for tests.
    ///
    ///     XCTAssertEqual(buffer.plainText(), "┌Title─┐\n│      │\n└──────┘")
    func plainText() -> String {
        (0..<height).map { y in
            var text = line(y)
            while text.last == " " { text.removeLast() }
            return text
        }.joined(separator: "\n")
    }

    /// The cells of this buffer that differ from `previous`, row by row, left to right.
    /// Every cell is returned when the sizes differ.
    ///
    ///     let changes = next.diff(from: shown) // send only these
    func diff(from previous: Buffer) -> [CellChange] {
        var changes: [CellChange] = []
        let sameSize = previous.width == width && previous.height == height
        for y in 0..<height {
            for x in 0..<width {
                let cell = cells[y * width + x]
                if !sameSize || previous.cells[y * width + x] != cell {
                    changes.append(CellChange(x: x, y: y, cell: cell))
                }
            }
        }
        return changes
    }
}
