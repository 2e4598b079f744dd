import TikScoreCore

/// A vertical list with a highlighted selection that scrolls to keep the selection visible.
///
///     var list = ListView(items: ["Recharge", "Withdraw", "Gift cards"], selected: 1)
///     list.render(in: area, buffer: &buffer)
///     if let index = list.row(at: mouse.y, in: area) { list.selected = index }
struct ListView: Widget, Hashable, Sendable {
    var items: [String]
    var selected: Int?
    /// The first row the app last showed; rendering moves it only as far as the selection needs.
    var offset: Int
    var style: Style
    var selectedStyle: Style
    var symbols: Symbols
    /// Draws `symbols.selection` before the selected item (and indents the others to match).
    var showsSelectionSymbol: Bool

    /// Makes a list.
    ///
    ///     ListView(items: names, selected: 0, theme: .monochrome, symbols: .ascii)
    init(
        items: [String], selected: Int? = nil, offset: Int = 0, theme: Theme = .color, symbols: Symbols = .unicode,
        showsSelectionSymbol: Bool = true
    ) {
        self.items = items
        self.selected = selected
        self.offset = offset
        self.style = theme.text
        self.selectedStyle = theme.selection
        self.symbols = symbols
        self.showsSelectionSymbol = showsSelectionSymbol
    }

    /// The first item shown in `height` rows: `offset` moved just enough to show the selection.
    /// Store it back into `offset` after drawing so scrolling is stable.
    ///
    ///     list.offset = list.visibleOffset(height: area.height)
    func visibleOffset(height: Int) -> Int {
        ScrollOffset.keepingVisible(selected: selected, offset: offset, count: items.count, visible: height)
    }

    /// The index of the item drawn on screen row `y` when rendered in `area`, or nil.
    ///
    ///     list.row(at: 5, in: Rect(x: 0, y: 3, width: 20, height: 10)) // offset + 2
    func row(at y: Int, in area: Rect) -> Int? {
        guard area.height > 0, area.width > 0, y >= area.y, y < area.bottom else { return nil }
        let index = visibleOffset(height: area.height) + (y - area.y)
        return index < items.count ? index : nil
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let first = visibleOffset(height: area.height)
        let marker = showsSelectionSymbol ? symbols.selection + " " : ""
        let indent = String(repeating: " ", count: CharWidth.width(marker))
        for row in 0..<area.height {
            let index = first + row
            guard index < items.count else { break }
            let isSelected = index == selected
            let rowStyle = isSelected ? selectedStyle : style
            if isSelected { buffer.fill(area.row(row), with: .blank(rowStyle)) }
            let text = CharWidth.truncate((isSelected ? marker : indent) + items[index], toWidth: area.width, ellipsis: symbols.ellipsis)
            buffer.set(string: text, x: area.x, y: area.y + row, style: rowStyle, maxWidth: area.width)
        }
    }
}
