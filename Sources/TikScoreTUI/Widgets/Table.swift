import TikScoreCore

/// Rows of text in columns, with a header, right-aligned numeric columns and a selected row.
/// Alignment is by display width, so emoji, CJK and Arabic names keep the columns straight.
///
///     let table = Table(
///         columns: [.init(title: "Supporter", width: .fill(1)), .init(title: "Points", width: .length(8), alignment: .right)],
///         rows: [["🎉Ana", "1,200"], ["李小龙", "30"]])
///     table.render(in: area, buffer: &buffer)
struct Table: Widget, Hashable, Sendable {
    /// A column: header title, width and alignment of its cells.
    struct Column: Hashable, Sendable {
        var title: String
        var width: Constraint
        var alignment: Alignment

        /// Makes a column.
        ///
        ///     Table.Column(title: "Points", width: .length(10), alignment: .right)
        init(title: String, width: Constraint, alignment: Alignment = .left) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    var columns: [Column]
    var rows: [[String]]
    var selected: Int?
    var offset: Int
    var showsHeader: Bool
    var columnSpacing: Int
    var style: Style
    var headerStyle: Style
    var selectedStyle: Style
    var symbols: Symbols

    /// Makes a table.
    ///
    ///     Table(columns: columns, rows: rows, selected: 0, theme: .monochrome)
    init(
        columns: [Column], rows: [[String]], selected: Int? = nil, offset: Int = 0, showsHeader: Bool = true,
        columnSpacing: Int = 1, theme: Theme = .color, symbols: Symbols = .unicode
    ) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.offset = offset
        self.showsHeader = showsHeader
        self.columnSpacing = columnSpacing
        self.style = theme.text
        self.headerStyle = theme.title
        self.selectedStyle = theme.selection
        self.symbols = symbols
    }

    /// Where each column lands inside `area` (x and width; y and height are the area's).
    ///
    ///     table.columnRects(in: Rect(width: 30, height: 5)).map(\.width)
    func columnRects(in area: Rect) -> [Rect] {
        area.columns(columns.map(\.width), spacing: columnSpacing)
    }

    /// The first data row shown when `visibleRows` data rows fit.
    ///
    ///     table.visibleOffset(visibleRows: 10)
    func visibleOffset(visibleRows: Int) -> Int {
        ScrollOffset.keepingVisible(selected: selected, offset: offset, count: rows.count, visible: visibleRows)
    }

    /// The index of the data row drawn on screen row `y` when rendered in `area`, or nil.
    ///
    ///     table.row(at: mouse.y, in: area)
    func row(at y: Int, in area: Rect) -> Int? {
        let header = showsHeader ? 1 : 0
        let visible = area.height - header
        guard visible > 0, area.width > 0, y >= area.y + header, y < area.bottom else { return nil }
        let index = visibleOffset(visibleRows: visible) + (y - area.y - header)
        return index < rows.count ? index : nil
    }

    /// One line of cells laid out in the columns, padded to each column's width.
    func line(_ cells: [String], rects: [Rect], area: Rect) -> [(x: Int, text: String)] {
        columns.indices.compactMap { column in
            let rect = rects[column]
            guard rect.width > 0 else { return nil }
            let text = column < cells.count ? cells[column] : ""
            return (rect.x, columns[column].alignment.fit(text, width: rect.width, ellipsis: symbols.ellipsis))
        }
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !columns.isEmpty else { return }
        let rects = columnRects(in: area)
        var y = area.y
        if showsHeader {
            for (x, text) in line(columns.map(\.title), rects: rects, area: area) {
                buffer.set(string: text, x: x, y: y, style: headerStyle, maxWidth: area.right - x)
            }
            y += 1
        }
        let visible = area.bottom - y
        guard visible > 0 else { return }
        let first = visibleOffset(visibleRows: visible)
        for (position, index) in (first..<min(rows.count, first + visible)).enumerated() {
            let rowY = y + position
            let isSelected = index == selected
            let rowStyle = isSelected ? selectedStyle : style
            if isSelected { buffer.fill(Rect(x: area.x, y: rowY, width: area.width, height: 1), with: .blank(rowStyle)) }
            for (x, text) in line(rows[index], rects: rects, area: area) {
                buffer.set(string: text, x: x, y: rowY, style: rowStyle, maxWidth: area.right - x)
            }
        }
    }
}
