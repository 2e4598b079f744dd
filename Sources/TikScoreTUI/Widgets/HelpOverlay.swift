import TikScoreCore

/// A centred box listing every key binding with its help, built from the same `KeyMap` as dispatch.
///
///     if model.showsHelp { HelpOverlay(keyMap: keys).render(in: screen, buffer: &buffer) }
struct HelpOverlay: Widget, Hashable, Sendable {
    var title: String
    var lines: [HelpLine]
    /// Help lines skipped at the top.
    var scroll: Int
    var theme: Theme
    var symbols: Symbols

    /// Makes an overlay from help lines.
    ///
    ///     HelpOverlay(lines: [HelpLine(keys: "q", text: "Quit")])
    init(title: String = "Help", lines: [HelpLine], scroll: Int = 0, theme: Theme = .color, symbols: Symbols = .unicode) {
        self.title = title
        self.lines = lines
        self.scroll = scroll
        self.theme = theme
        self.symbols = symbols
    }

    /// Makes an overlay listing `keyMap`'s bindings in table order.
    ///
    ///     HelpOverlay(keyMap: keys, symbols: .ascii)
    init<Action>(title: String = "Help", keyMap: KeyMap<Action>, scroll: Int = 0, theme: Theme = .color, symbols: Symbols = .unicode) {
        self.init(title: title, lines: keyMap.helpLines(symbols: symbols), scroll: scroll, theme: theme, symbols: symbols)
    }

    /// Width of the key column: the widest key names.
    var keyColumnWidth: Int { lines.map { CharWidth.width($0.keys) }.max() ?? 0 }

    func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let keyWidth = keyColumnWidth
        let textWidth = lines.map { CharWidth.width($0.text) }.max() ?? 0
        let wanted = max(keyWidth + 2 + textWidth + 4, CharWidth.width(title) + 6)
        let box = area.centered(width: wanted, height: lines.count + 2)
        let block = Block(title: title, symbols: symbols, theme: theme, clearsInside: true)
        block.render(in: box, buffer: &buffer)
        let inner = block.inner(box).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        let first = min(max(0, scroll), max(0, lines.count - inner.height))
        for (row, line) in lines.dropFirst(first).prefix(inner.height).enumerated() {
            let y = inner.y + row
            let keys = CharWidth.padRight(line.keys, toWidth: min(keyWidth, inner.width), ellipsis: symbols.ellipsis)
            let x = buffer.set(string: keys, x: inner.x, y: y, style: theme.accent, maxWidth: inner.width)
            let room = inner.right - x - 2
            guard room > 0 else { continue }
            buffer.set(
                string: CharWidth.truncate(line.text, toWidth: room, ellipsis: symbols.ellipsis),
                x: x + 2, y: y, style: theme.text, maxWidth: room)
        }
        // Lines cut off above or below are told on the border, where ↑/↓ scroll to them.
        let below = first + inner.height < lines.count
        if first > 0 || below {
            let mark = " " + (first > 0 ? symbols.arrowUp : "") + (below ? symbols.arrowDown : "") + " more "
            let width = CharWidth.width(mark)
            if box.width > width + 4 {
                buffer.set(string: mark, x: box.right - width - 2, y: box.bottom - 1, style: theme.muted, maxWidth: width)
            }
        }
    }
}
