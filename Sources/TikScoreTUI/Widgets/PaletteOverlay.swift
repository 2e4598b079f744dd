import TikScoreCore

/// The command palette drawn over the screen: the query with its cursor, then the matches with
/// the selected one highlighted.
///
///     PaletteOverlay(palette: state, entries: state.matches(creator: true)).render(in: body, buffer: &buffer)
struct PaletteOverlay: Widget {
    var palette: PaletteState
    var entries: [PaletteState.Entry]
    var theme: Theme = .color
    var symbols: Symbols = .unicode

    /// Matches shown at most.
    static let rows = 10

    func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let shown = max(1, min(Self.rows, entries.count))
        let box = area.centered(width: min(area.width, 56), height: min(area.height, shown + 4))
        let block = Block(title: "Go to (Enter runs, Esc closes)", symbols: symbols, theme: theme, clearsInside: true)
        block.render(in: box, buffer: &buffer)
        let inner = block.inner(box).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        let prompt = ": "
        buffer.set(string: prompt, x: inner.x, y: inner.y, style: theme.accent, maxWidth: inner.width)
        var field = palette.query
        field.focused = true
        field.style = theme.text
        field.cursorStyle = theme.cursor
        field.placeholderStyle = theme.muted
        let x = inner.x + CharWidth.width(prompt)
        field.render(in: Rect(x: x, y: inner.y, width: max(0, inner.right - x), height: 1), buffer: &buffer)
        guard inner.height > 2 else { return }
        if entries.isEmpty {
            buffer.set(string: "nothing matches", x: inner.x, y: inner.y + 2, style: theme.muted, maxWidth: inner.width)
            return
        }
        let first = max(0, min(palette.selected - (inner.height - 3), entries.count - 1))
        for (row, entry) in entries.dropFirst(first).prefix(inner.height - 2).enumerated() {
            let index = first + row
            let selected = index == palette.selected
            let text = (selected ? symbols.selection : " ") + " " + entry.title
            buffer.set(string: CharWidth.padRight(text, toWidth: inner.width, ellipsis: symbols.ellipsis), x: inner.x, y: inner.y + 2 + row,
                       style: selected ? theme.selection : theme.text, maxWidth: inner.width)
        }
    }
}
