import TikScoreCore

/// A horizontal progress bar for `value` out of `total`, with a centred label ("42%" by default).
///
///     Gauge(value: 12_000, total: 20_000, label: "12,000 / 20,000 pts").render(in: row, buffer: &buffer)
struct Gauge: Widget, Hashable, Sendable {
    var value: Int
    var total: Int
    /// Text over the bar; the whole percentage when nil, nothing when empty.
    var label: String?
    var filledStyle: Style
    var emptyStyle: Style
    var labelStyle: Style
    var symbols: Symbols

    /// Makes a gauge.
    ///
    ///     Gauge(value: 3, total: 4, theme: .monochrome, symbols: .ascii)
    init(value: Int, total: Int, label: String? = nil, theme: Theme = .color, symbols: Symbols = .unicode) {
        self.value = value
        self.total = total
        self.label = label
        self.filledStyle = theme.gaugeFilled
        self.emptyStyle = theme.gaugeEmpty
        self.labelStyle = theme.text.bolded()
        self.symbols = symbols
    }

    /// `value` clamped to 0...total (0 when total is not positive).
    var clampedValue: Int { total > 0 ? min(max(0, value), total) : 0 }

    /// Whole percent, rounded down.
    ///
    ///     Gauge(value: 1, total: 3).percent // 33
    var percent: Int { filled(width: 100) }

    /// Columns filled out of `width`, rounded down.
    ///
    ///     Gauge(value: 1, total: 2).filled(width: 10) // 5
    func filled(width: Int) -> Int {
        guard total > 0, width > 0 else { return 0 }
        return total.dividingFullWidth(width.multipliedFullWidth(by: clampedValue)).quotient
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let filledColumns = filled(width: area.width)
        for row in area.y..<area.bottom {
            buffer.fill(Rect(x: area.x, y: row, width: filledColumns, height: 1), with: Cell(glyph: symbols.gaugeFilled, style: filledStyle))
            buffer.fill(
                Rect(x: area.x + filledColumns, y: row, width: area.width - filledColumns, height: 1),
                with: Cell(glyph: symbols.gaugeEmpty, style: emptyStyle))
        }
        let text = label ?? "\(percent)%"
        guard !text.isEmpty else { return }
        let shown = CharWidth.truncate(text, toWidth: area.width, ellipsis: symbols.ellipsis)
        let x = area.x + (area.width - CharWidth.width(shown)) / 2
        buffer.set(string: shown, x: x, y: area.y + area.height / 2, style: labelStyle, maxWidth: area.right - x)
    }
}
