import TikScoreCore

/// The bottom row of "key label" pairs; items that do not fit are left out, whole.
///
///     HintBar(items: keyMap.hintItems()).render(in: area.row(area.height - 1), buffer: &buffer)
///     // q Quit  r Recharge  ? Help
struct HintBar: Widget, Hashable, Sendable {
    /// One hint: the key's name and what it does.
    struct Item: Hashable, Sendable {
        var key: String
        var label: String

        /// Makes an item.
        ///
        ///     HintBar.Item(key: "q", label: "Quit")
        init(key: String, label: String) {
            self.key = key
            self.label = label
        }
    }

    var items: [Item]
    var keyStyle: Style
    var labelStyle: Style
    var symbols: Symbols
    /// Spaces between items.
    var gap: Int

    /// Makes a hint bar.
    ///
    ///     HintBar(items: [.init(key: "q", label: "Quit")], theme: .monochrome)
    init(items: [Item], theme: Theme = .color, symbols: Symbols = .unicode, gap: Int = 2) {
        self.items = items
        self.keyStyle = theme.hintKey
        self.labelStyle = theme.hintLabel
        self.symbols = symbols
        self.gap = gap
    }

    /// How many leading items fit in `width` columns.
    ///
    ///     HintBar(items: items).fittingCount(width: 20)
    func fittingCount(width: Int) -> Int {
        var used = 0
        for (index, item) in items.enumerated() {
            let needed = (index == 0 ? 0 : gap) + CharWidth.width(item.key) + 1 + CharWidth.width(item.label)
            if used + needed > width { return index }
            used += needed
        }
        return items.count
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, let first = items.first else { return }
        let count = fittingCount(width: area.width)
        if count == 0 {
            // not even one whole item: show the first, cut
            let text = CharWidth.truncate("\(first.key) \(first.label)", toWidth: area.width, ellipsis: symbols.ellipsis)
            buffer.set(string: text, x: area.x, y: area.y, style: keyStyle, maxWidth: area.width)
            return
        }
        var x = area.x
        for (index, item) in items.prefix(count).enumerated() {
            if index > 0 { x += gap }
            x = buffer.set(string: item.key, x: x, y: area.y, style: keyStyle, maxWidth: area.right - x)
            x = buffer.set(string: " " + item.label, x: x, y: area.y, style: labelStyle, maxWidth: area.right - x)
        }
    }
}
