import TikScoreCore

/// Text that wraps at word boundaries (or hard-breaks words longer than the width).
///
///     Paragraph(text: "Points arrive live while you watch.", alignment: .center)
///         .render(in: area, buffer: &buffer)
struct Paragraph: Widget, Hashable, Sendable {
    var text: String
    var style: Style
    var alignment: Alignment
    var wraps: Bool
    /// Lines skipped at the top.
    var scroll: Int

    /// Makes a paragraph.
    ///
    ///     Paragraph(text: "Hello\nworld", style: Theme.color.muted)
    init(text: String, style: Style = .plain, alignment: Alignment = .left, wraps: Bool = true, scroll: Int = 0) {
        self.text = text
        self.style = style
        self.alignment = alignment
        self.wraps = wraps
        self.scroll = scroll
    }

    /// The lines `text` takes at `width` columns: words kept whole when they fit, spaces between
    /// words on a broken line dropped, wide characters never split.
    ///
    ///     Paragraph.wrap("one two three", width: 7) // ["one two", "three"]
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for hardLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(hardLine)
            if CharWidth.width(line) <= width {
                result.append(line)
                continue
            }
            var current = ""
            for word in line.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
                let candidate = current.isEmpty ? word : current + " " + word
                if CharWidth.width(candidate) <= width {
                    current = candidate
                    continue
                }
                if !current.isEmpty { result.append(current) }
                current = word
                while CharWidth.width(current) > width {
                    var head = CharWidth.prefix(current, width: width)
                    if head.isEmpty, let first = current.first { head = String(first) } // wider than the line
                    result.append(head)
                    current = String(current.dropFirst(head.count))
                }
            }
            result.append(current)
        }
        return result
    }

    /// The lines as drawn at `width` (wrapped or not).
    ///
    ///     Paragraph(text: "a b").lines(width: 1) // ["a", "b"]
    func lines(width: Int) -> [String] {
        wraps ? Self.wrap(text, width: width) : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let shown = lines(width: area.width).dropFirst(max(0, scroll)).prefix(area.height)
        for (row, line) in shown.enumerated() {
            let text: String
            switch alignment {
            case .left: text = line
            case .center, .right: text = alignment.fit(line, width: area.width)
            }
            buffer.set(string: text, x: area.x, y: area.y + row, style: style, maxWidth: area.width)
        }
    }
}
