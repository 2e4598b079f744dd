import TikScoreCore

/// A bordered box with an optional title on the top edge.
///
///     let block = Block(title: "Wallet")
///     block.render(in: area, buffer: &buffer)
///     Paragraph(text: "…").render(in: block.inner(area), buffer: &buffer)
struct Block: Widget, Hashable, Sendable {
    var title: String?
    var borders: Bool
    var symbols: Symbols
    var borderStyle: Style
    var titleStyle: Style
    /// Clears the inside to blanks (for boxes drawn over other content).
    var clearsInside: Bool

    /// Makes a block.
    ///
    ///     Block(title: "Balance", theme: .monochrome)
    init(
        title: String? = nil, borders: Bool = true, symbols: Symbols = .unicode, theme: Theme = .color,
        clearsInside: Bool = false
    ) {
        self.title = title
        self.borders = borders
        self.symbols = symbols
        self.borderStyle = theme.border
        self.titleStyle = theme.title
        self.clearsInside = clearsInside
    }

    /// The area inside the border (the whole area without borders; empty when too small).
    ///
    ///     Block().inner(Rect(width: 10, height: 4)) // 8x2 at 1,1
    func inner(_ area: Rect) -> Rect {
        guard borders else { return area }
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        return Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: area.height - 2)
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        if clearsInside { buffer.fill(area) }
        if borders && area.width >= 2 && area.height >= 2 {
            let horizontal = String(repeating: symbols.horizontal, count: area.width - 2)
            buffer.set(string: symbols.topLeft + horizontal + symbols.topRight, x: area.x, y: area.y, style: borderStyle)
            buffer.set(
                string: symbols.bottomLeft + horizontal + symbols.bottomRight,
                x: area.x, y: area.bottom - 1, style: borderStyle)
            for row in (area.y + 1)..<(area.bottom - 1) {
                buffer.set(string: symbols.vertical, x: area.x, y: row, style: borderStyle)
                buffer.set(string: symbols.vertical, x: area.right - 1, y: row, style: borderStyle)
            }
        }
        if let title, !title.isEmpty {
            let room = borders ? area.width - 2 : area.width
            guard room > 0 else { return }
            let padded = CharWidth.width(title) + 2 <= room ? " \(title) " : title
            let text = CharWidth.truncate(padded, toWidth: room, ellipsis: symbols.ellipsis)
            buffer.set(string: text, x: borders ? area.x + 1 : area.x, y: area.y, style: titleStyle, maxWidth: room)
        }
    }
}
