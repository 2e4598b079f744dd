import TikScoreCore

/// A wizard's steps in one row: done ones ticked, the current one marked, the rest open.
///
///     Stepper(steps: ["Eligibility", "Amount", "PayPal", "Confirm", "Status"], current: 1)
///     // ✓ Eligibility › ● Amount › ○ PayPal › ○ Confirm › ○ Status
///     // when too narrow: ● 2/5 Amount
struct Stepper: Widget, Hashable, Sendable {
    var steps: [String]
    /// Index of the current step; `steps.count` means every step is done.
    var current: Int
    var doneStyle: Style
    var currentStyle: Style
    var upcomingStyle: Style
    var separatorStyle: Style
    var symbols: Symbols

    /// Makes a stepper.
    ///
    ///     Stepper(steps: titles, current: 2, theme: .monochrome, symbols: .ascii)
    init(steps: [String], current: Int, theme: Theme = .color, symbols: Symbols = .unicode) {
        self.steps = steps
        self.current = current
        self.doneStyle = theme.stepDone
        self.currentStyle = theme.stepCurrent
        self.upcomingStyle = theme.stepUpcoming
        self.separatorStyle = theme.muted
        self.symbols = symbols
    }

    /// The parts of the full row: text and style, separators included.
    func segments() -> [(text: String, style: Style)] {
        var parts: [(String, Style)] = []
        for (index, title) in steps.enumerated() {
            if index > 0 { parts.append((" \(symbols.stepSeparator) ", separatorStyle)) }
            if index < current {
                parts.append(("\(symbols.tick) \(title)", doneStyle))
            } else if index == current {
                parts.append(("\(symbols.stepCurrent) \(title)", currentStyle))
            } else {
                parts.append(("\(symbols.stepUpcoming) \(title)", upcomingStyle))
            }
        }
        return parts
    }

    /// The row as plain text at full length.
    ///
    ///     Stepper(steps: ["A", "B"], current: 1).fullText // "✓ A › ● B"
    var fullText: String { segments().map(\.text).joined() }

    /// The short form used when the full row does not fit: "● 2/5 Amount".
    ///
    ///     Stepper(steps: ["A", "B"], current: 1).compactText // "● 2/2 B"
    var compactText: String {
        guard !steps.isEmpty else { return "" }
        if current >= steps.count { return "\(symbols.tick) \(steps.count)/\(steps.count) \(steps[steps.count - 1])" }
        let index = max(0, current)
        return "\(symbols.stepCurrent) \(index + 1)/\(steps.count) \(steps[index])"
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !steps.isEmpty else { return }
        if CharWidth.width(fullText) <= area.width {
            var x = area.x
            for (text, style) in segments() {
                x = buffer.set(string: text, x: x, y: area.y, style: style, maxWidth: area.right - x)
            }
        } else {
            let text = CharWidth.truncate(compactText, toWidth: area.width, ellipsis: symbols.ellipsis)
            buffer.set(string: text, x: area.x, y: area.y, style: currentStyle, maxWidth: area.width)
        }
    }
}
