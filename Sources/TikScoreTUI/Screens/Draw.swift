import TikScoreCore

/// Small drawing helpers the screens share.
enum Draw {
    /// A titled box; returns its inside.
    @discardableResult
    static func box(_ title: String, in area: Rect, model: AppModel, focused: Bool = false, buffer: inout Buffer) -> Rect {
        // The focused box is marked without colour too: a marker before its title, in reverse video.
        var block = Block(title: focused ? "\(model.look.symbols.selection) \(title)" : title, symbols: model.look.symbols, theme: model.look.theme)
        if focused {
            block.borderStyle = model.look.theme.accent
            block.titleStyle = model.look.theme.selection
        }
        block.render(in: area, buffer: &buffer)
        return block.inner(area)
    }

    /// Writes `text` on row `y` of `area`, cut to fit; returns the next row.
    @discardableResult
    static func line(_ text: String, in area: Rect, y: Int, style: Style = .plain, model: AppModel, buffer: inout Buffer) -> Int {
        guard y >= area.y, y < area.bottom else { return y + 1 }
        buffer.set(string: CharWidth.truncate(text, toWidth: area.width, ellipsis: model.look.symbols.ellipsis),
                   x: area.x, y: y, style: style, maxWidth: area.width)
        return y + 1
    }

    /// "label ......... value" with the value right-aligned.
    @discardableResult
    static func pair(_ label: String, _ value: String, in area: Rect, y: Int, style: Style = .plain, model: AppModel, buffer: inout Buffer) -> Int {
        guard y >= area.y, y < area.bottom, area.width > 0 else { return y + 1 }
        let valueWidth = min(area.width, CharWidth.width(value))
        let labelRoom = max(0, area.width - valueWidth - 1)
        buffer.set(string: CharWidth.truncate(label, toWidth: labelRoom, ellipsis: model.look.symbols.ellipsis),
                   x: area.x, y: y, style: model.look.theme.muted, maxWidth: labelRoom)
        buffer.set(string: CharWidth.padLeft(value, toWidth: valueWidth, ellipsis: model.look.symbols.ellipsis),
                   x: area.right - valueWidth, y: y, style: style, maxWidth: valueWidth)
        return y + 1
    }

    /// A list of rows with a selection; registers each visible row as clickable.
    static func list(_ items: [String], selected: Int, in area: Rect, model: AppModel, buffer: inout Buffer, hits: inout [HitRegion]) {
        guard !area.isEmpty else { return }
        var view = ListView(items: items, selected: selected, theme: model.look.theme, symbols: model.look.symbols)
        view.offset = max(0, selected - area.height + 1)
        view.offset = view.visibleOffset(height: area.height)
        view.render(in: area, buffer: &buffer)
        for row in 0..<area.height {
            if let index = view.row(at: area.y + row, in: area) {
                hits.append(HitRegion(area.row(row), .choose(index)))
            }
        }
    }

    /// A confirmation dialog with clickable buttons.
    static func dialog(_ title: String, _ message: [String], buttons: [String], focused: Int, in area: Rect, model: AppModel,
                       buffer: inout Buffer, hits: inout [HitRegion]) {
        let dialog = Dialog(title: title, message: message, buttons: buttons, focusedButton: focused,
                            theme: model.look.theme, symbols: model.look.symbols)
        dialog.render(in: area, buffer: &buffer)
        for (index, rect) in dialog.layout(in: area.intersection(buffer.area)).buttons.enumerated() where !rect.isEmpty {
            hits.append(HitRegion(rect, .press(index)))
        }
    }

    /// The shared top of a wizard: its box, the stepper and one balance line; returns the area
    /// below them for the step's content, or nil when the box is too small to hold them.
    static func wizard(_ title: String, steps: [String], current: Int, balance: (label: String, value: String, style: Style),
                       in body: Rect, model: AppModel, buffer: inout Buffer) -> Rect? {
        let inner = box(title, in: body, model: model, buffer: &buffer).inset(horizontal: 1, vertical: 0)
        guard inner.height >= 3 else { return nil }
        stepper(steps, current: current, in: inner.row(0), model: model, buffer: &buffer)
        pair(balance.label, balance.value, in: inner, y: inner.y + 1, style: balance.style, model: model, buffer: &buffer)
        return Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: max(0, inner.height - 3))
    }

    /// The wizard's stepper row.
    static func stepper(_ titles: [String], current: Int, in row: Rect, model: AppModel, buffer: inout Buffer) {
        Stepper(steps: titles, current: current, theme: model.look.theme, symbols: model.look.symbols).render(in: row, buffer: &buffer)
    }

    /// A text field with a label above it and its error below.
    /// A form row: a selection mark and `label` padded to `labelWidth`, then `field` at most
    /// `fieldWidth` wide; a click on the row is `.choose(row)`.
    static func formRow(_ label: String, _ field: TextField, focused: Bool, labelWidth: Int, fieldWidth: Int, row: Int,
                        in area: Rect, y: Int, model: AppModel, buffer: inout Buffer, hits: inout [HitRegion]) {
        let theme = model.look.theme
        buffer.set(string: (focused ? model.look.symbols.selection : " ") + " " + CharWidth.padRight(label, toWidth: labelWidth), x: area.x, y: y,
                   style: focused ? theme.selection : theme.text, maxWidth: area.width)
        var shown = field
        shown.focused = focused
        shown.style = theme.text
        shown.cursorStyle = theme.cursor
        shown.placeholderStyle = theme.muted
        let x = area.x + labelWidth + 2
        shown.render(in: Rect(x: x, y: y, width: max(0, min(fieldWidth, area.right - x)), height: 1), buffer: &buffer)
        hits.append(HitRegion(area.row(y - area.y), .choose(row)))
    }

    static func field(_ label: String, _ field: TextField, focused: Bool, error: String?, in area: Rect, y: Int, model: AppModel,
                      buffer: inout Buffer) -> Int {
        var next = line(label, in: area, y: y, style: model.look.theme.title, model: model, buffer: &buffer)
        var styled = TextField(value: field.value, placeholder: field.placeholder, error: error, focused: focused,
                               theme: model.look.theme, symbols: model.look.symbols)
        styled = cursorAt(styled, field.cursor)
        let prompt = model.look.symbols.selection + " "
        buffer.set(string: prompt, x: area.x, y: next, style: model.look.theme.accent)
        let x = area.x + CharWidth.width(prompt)
        styled.error = nil
        styled.render(in: Rect(x: x, y: next, width: max(0, min(area.right - x, 44)), height: 1).intersection(area), buffer: &buffer)
        // The error takes the whole width there is, not the field's.
        if let error, !error.isEmpty {
            line("\(model.look.symbols.cross) \(error)", in: Rect(x: x, y: area.y, width: max(0, area.right - x), height: area.height),
                 y: next + 1, style: model.look.theme.error, model: model, buffer: &buffer)
        }
        next += 2
        return next
    }

    private static func cursorAt(_ field: TextField, _ position: Int) -> TextField {
        var copy = field.movingHome()
        for _ in 0..<position { copy = copy.movingRight() }
        return copy
    }
}
