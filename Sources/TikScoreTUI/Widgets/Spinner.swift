import TikScoreCore

/// A busy indicator whose frame follows the tick count, with an optional label.
///
///     Spinner(tick: model.ticks, label: "Waiting for PayPal…").render(in: row, buffer: &buffer)
struct Spinner: Widget, Hashable, Sendable {
    var tick: Int
    var label: String
    var style: Style
    var symbols: Symbols

    /// Makes a spinner.
    ///
    ///     Spinner(tick: 3, label: "Loading", symbols: .ascii)
    init(tick: Int, label: String = "", style: Style = .plain, symbols: Symbols = .unicode) {
        self.tick = tick
        self.label = label
        self.style = style
        self.symbols = symbols
    }

    /// The frame shown at `tick` (frames repeat; negative ticks work too).
    ///
    ///     Spinner.frame(tick: 5, symbols: .ascii) // "/"
    static func frame(tick: Int, symbols: Symbols = .unicode) -> String {
        let frames = symbols.spinner
        guard !frames.isEmpty else { return "" }
        let index = ((tick % frames.count) + frames.count) % frames.count
        return frames[index]
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let frame = Self.frame(tick: tick, symbols: symbols)
        let text = label.isEmpty ? frame : "\(frame) \(label)"
        buffer.set(
            string: CharWidth.truncate(text, toWidth: area.width, ellipsis: symbols.ellipsis),
            x: area.x, y: area.y, style: style, maxWidth: area.width)
    }
}
