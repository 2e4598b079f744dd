import TikScoreCore

/// A bar per value, using block glyphs for eighths of a cell; the latest values when they do not all fit.
///
///     Sparkline(values: pointsPerMinute).render(in: Rect(x: 0, y: 5, width: 30, height: 2), buffer: &buffer)
struct Sparkline: Widget, Hashable, Sendable {
    var values: [Int]
    /// The value of a full-height bar; the largest value when nil.
    var maximum: Int?
    var style: Style
    var symbols: Symbols

    /// Makes a sparkline.
    ///
    ///     Sparkline(values: [1, 5, 3], maximum: 10, style: Theme.color.positive)
    init(values: [Int], maximum: Int? = nil, style: Style = .plain, symbols: Symbols = .unicode) {
        self.values = values
        self.maximum = maximum
        self.style = style
        self.symbols = symbols
    }

    /// Height of `value` in level units out of `units` (a non-zero value shows at least one unit).
    ///
    ///     Sparkline.scaled(5, maximum: 10, units: 8) // 4
    static func scaled(_ value: Int, maximum: Int, units: Int) -> Int {
        guard maximum > 0, value > 0, units > 0 else { return 0 }
        let clamped = min(value, maximum)
        let product = units.multipliedFullWidth(by: clamped)
        let quotient = maximum.dividingFullWidth(product).quotient
        return max(1, quotient)
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !symbols.sparkline.isEmpty else { return }
        let shown = values.suffix(area.width)
        let top = maximum ?? (values.max() ?? 0)
        let levels = symbols.sparkline.count
        let units = area.height * levels
        for (column, value) in shown.enumerated() {
            let height = Self.scaled(value, maximum: top, units: units)
            for row in 0..<area.height {
                let inRow = min(max(0, height - row * levels), levels)
                guard inRow > 0 else { break }
                buffer.set(string: symbols.sparkline[inRow - 1], x: area.x + column, y: area.bottom - 1 - row, style: style)
            }
        }
    }
}
