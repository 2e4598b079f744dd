import TikScoreCore

/// A centred box with a title, message lines and a row of buttons; `button(at:y:in:)` hit-tests clicks.
///
///     let dialog = Dialog(title: "Confirm", message: ["Withdraw $100.00 to PayPal?"], buttons: ["Withdraw", "Cancel"])
///     dialog.render(in: screen, buffer: &buffer)
///     if case .mouse(let m) = key, let index = dialog.button(at: m.x, y: m.y, in: screen) { press(index) }
struct Dialog: Widget, Hashable, Sendable {
    var title: String
    var message: [String]
    var buttons: [String]
    var focusedButton: Int
    var theme: Theme
    var symbols: Symbols

    /// Makes a dialog.
    ///
    ///     Dialog(title: "Error", message: ["Not enough points."], buttons: ["OK"])
    init(
        title: String, message: [String], buttons: [String] = ["OK"], focusedButton: Int = 0,
        theme: Theme = .color, symbols: Symbols = .unicode
    ) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.focusedButton = focusedButton
        self.theme = theme
        self.symbols = symbols
    }

    /// Where the parts land inside `area`.
    struct Layout {
        var box: Rect
        var lines: [String]
        var textArea: Rect
        var buttons: [Rect]
    }

    private func buttonText(_ title: String) -> String { "[ \(title) ]" }

    private var buttonRowWidth: Int {
        guard !buttons.isEmpty else { return 0 }
        return buttons.reduce(0) { $0 + CharWidth.width(buttonText($1)) } + 2 * (buttons.count - 1)
    }

    /// Computes the box, wrapped message and button rectangles for `area`.
    func layout(in area: Rect) -> Layout {
        let widest = max(
            CharWidth.width(title) + 4,
            (message.map { CharWidth.width($0) }.max() ?? 0) + 4,
            buttonRowWidth + 4,
            20)
        let boxWidth = min(widest, area.width)
        let lines = message.flatMap { Paragraph.wrap($0, width: max(0, boxWidth - 4)) }
        let buttonRows = buttons.isEmpty ? 0 : 2
        let box = area.centered(width: boxWidth, height: 2 + lines.count + buttonRows)
        let inner = box.inset(horizontal: 2, vertical: 1)
        var buttonRects: [Rect] = []
        if !buttons.isEmpty && box.height >= 3 && box.width >= 2 {
            let rowY = box.bottom - 2
            var x = box.x + max(1, (box.width - buttonRowWidth) / 2)
            for title in buttons {
                let width = CharWidth.width(buttonText(title))
                let rect = Rect(x: x, y: rowY, width: width, height: 1).intersection(box.inset(by: 1))
                buttonRects.append(rect)
                x += width + 2
            }
        } else {
            buttonRects = buttons.map { _ in Rect(x: box.x, y: box.y, width: 0, height: 0) }
        }
        let textHeight = max(0, box.height - 2 - buttonRows)
        let textArea = Rect(x: inner.x, y: inner.y, width: inner.width, height: min(textHeight, inner.height))
        return Layout(box: box, lines: lines, textArea: textArea, buttons: buttonRects)
    }

    /// The box the dialog occupies when rendered in `area`.
    ///
    ///     dialog.box(in: screen).contains(x: m.x, y: m.y)
    func box(in area: Rect) -> Rect { layout(in: area).box }

    /// The index of the button at screen cell (x, y) when rendered in `area`, or nil.
    ///
    ///     dialog.button(at: 41, y: 13, in: screen) // 0
    func button(at x: Int, y: Int, in area: Rect) -> Int? {
        layout(in: area).buttons.firstIndex { $0.contains(x: x, y: y) }
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let layout = layout(in: area)
        Block(title: title, symbols: symbols, theme: theme, clearsInside: true).render(in: layout.box, buffer: &buffer)
        for (row, line) in layout.lines.prefix(layout.textArea.height).enumerated() {
            buffer.set(string: line, x: layout.textArea.x, y: layout.textArea.y + row, style: theme.text, maxWidth: layout.textArea.width)
        }
        for (index, rect) in layout.buttons.enumerated() where !rect.isEmpty {
            let style = index == focusedButton ? theme.buttonFocused : theme.button
            buffer.set(string: buttonText(buttons[index]), x: rect.x, y: rect.y, style: style, maxWidth: rect.width)
        }
    }
}
