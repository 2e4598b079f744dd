import TikScoreCore

/// A LIVE battle bar: the left side's share of the width against the right side's, with labels.
///
///     TugOfWarBar(leftLabel: "Ana", leftScore: 1_200, rightLabel: "Bo", rightScore: 800)
///         .render(in: Rect(x: 0, y: 2, width: 40, height: 2), buffer: &buffer)
///     // Ana 1200                          800 Bo
///     // ████████████████████████░░░░░░░░░░░░░░░░
struct TugOfWarBar: Widget, Hashable, Sendable {
    var leftLabel: String
    var leftScore: Int
    var rightLabel: String
    var rightScore: Int
    var leftStyle: Style
    var rightStyle: Style
    var labelStyle: Style
    var symbols: Symbols

    /// Makes a bar.
    ///
    ///     TugOfWarBar(leftLabel: "Me", leftScore: 10, rightLabel: "Them", rightScore: 30, theme: .monochrome)
    init(
        leftLabel: String, leftScore: Int, rightLabel: String, rightScore: Int,
        theme: Theme = .color, symbols: Symbols = .unicode
    ) {
        self.leftLabel = leftLabel
        self.leftScore = leftScore
        self.rightLabel = rightLabel
        self.rightScore = rightScore
        self.leftStyle = theme.tugLeft
        self.rightStyle = theme.tugRight
        self.labelStyle = theme.text.bolded()
        self.symbols = symbols
    }

    /// Columns of `width` that belong to the left side: half when both scores are 0,
    /// otherwise left / (left + right) rounded to nearest; negative scores count as 0.
    ///
    ///     TugOfWarBar.leftColumns(width: 10, left: 3, right: 1) // 8
    static func leftColumns(width: Int, left: Int, right: Int) -> Int {
        guard width > 0 else { return 0 }
        let l = max(0, left)
        let r = max(0, right)
        let (sum, overflow) = l.addingReportingOverflow(r)
        if sum == 0 && !overflow { return width / 2 }
        // halve both when the sum overflows; the share is unchanged to within rounding
        let (a, b) = overflow ? (l / 2, r / 2) : (l, r)
        let whole = a + b
        guard whole > 0 else { return width / 2 }
        let product = width.multipliedFullWidth(by: a)
        let (q, remainder) = whole.dividingFullWidth(product)
        return min(width, q + (remainder >= whole - remainder ? 1 : 0))
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        var barArea = area
        let leftText = "\(leftLabel) \(Grouping.of(leftScore))"
        let rightText = "\(Grouping.of(rightScore)) \(rightLabel)"
        if area.height >= 2 {
            let half = area.width / 2
            let leftShown = CharWidth.truncate(leftText, toWidth: half, ellipsis: symbols.ellipsis)
            let rightShown = CharWidth.truncate(rightText, toWidth: area.width - half - 1, ellipsis: symbols.ellipsis)
            buffer.set(string: leftShown, x: area.x, y: area.y, style: labelStyle)
            let rightX = area.right - CharWidth.width(rightShown)
            buffer.set(string: rightShown, x: rightX, y: area.y, style: labelStyle)
            barArea = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        }
        let split = Self.leftColumns(width: barArea.width, left: leftScore, right: rightScore)
        buffer.fill(Rect(x: barArea.x, y: barArea.y, width: split, height: barArea.height),
                    with: Cell(glyph: symbols.gaugeFilled, style: leftStyle))
        buffer.fill(Rect(x: barArea.x + split, y: barArea.y, width: barArea.width - split, height: barArea.height),
                    with: Cell(glyph: symbols.gaugeEmpty, style: rightStyle))
        if area.height == 1 {
            // no label row: scores over the ends of the bar
            let l = Grouping.of(leftScore)
            let r = Grouping.of(rightScore)
            if CharWidth.width(l) + CharWidth.width(r) + 1 <= area.width {
                buffer.set(string: l, x: area.x, y: area.y, style: labelStyle.reversed())
                buffer.set(string: r, x: area.right - CharWidth.width(r), y: area.y, style: labelStyle.reversed())
            }
        }
    }
}
