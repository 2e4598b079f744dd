import TikScoreCore

/// The screen shown instead of the dashboard when the terminal is below the minimum size.
///
///     if TooSmallMessage.isTooSmall(area, minimumWidth: 80, minimumHeight: 24) {
///         TooSmallMessage(minimumWidth: 80, minimumHeight: 24).render(in: area, buffer: &buffer)
///     }
struct TooSmallMessage: Widget, Hashable, Sendable {
    var minimumWidth: Int
    var minimumHeight: Int
    var style: Style

    /// Makes the message.
    ///
    ///     TooSmallMessage(minimumWidth: 60, minimumHeight: 20, theme: .monochrome)
    init(minimumWidth: Int, minimumHeight: Int, theme: Theme = .color) {
        self.minimumWidth = minimumWidth
        self.minimumHeight = minimumHeight
        self.style = theme.warning
    }

    /// Whether `area` is narrower or shorter than the minimum.
    ///
    ///     TooSmallMessage.isTooSmall(Rect(width: 40, height: 30), minimumWidth: 80, minimumHeight: 24) // true
    static func isTooSmall(_ area: Rect, minimumWidth: Int, minimumHeight: Int) -> Bool {
        area.width < minimumWidth || area.height < minimumHeight
    }

    /// The sentence for a terminal of `width` x `height`.
    ///
    ///     TooSmallMessage(minimumWidth: 80, minimumHeight: 24).text(width: 40, height: 10)
    ///     // "Terminal too small: need at least 80x24, have 40x10"
    func text(width: Int, height: Int) -> String {
        "Terminal too small: need at least \(minimumWidth)x\(minimumHeight), have \(width)x\(height)"
    }

    /// Renders the sentence, wrapped and centred; "have" is the size of `area`.
    func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let lines = Paragraph.wrap(text(width: area.width, height: area.height), width: area.width)
        let shown = min(lines.count, area.height)
        let top = area.y + (area.height - shown) / 2
        Paragraph(text: lines.prefix(shown).joined(separator: "\n"), style: style, alignment: .center)
            .render(in: Rect(x: area.x, y: top, width: area.width, height: shown), buffer: &buffer)
    }
}
