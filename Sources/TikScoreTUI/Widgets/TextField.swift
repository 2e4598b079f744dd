import TikScoreCore

/// A one-line text input: a value, a cursor, a placeholder and an error line.
/// Editing operations are pure: each returns the edited field.
///
///     var field = TextField(placeholder: "PayPal e-mail")
///     field = field.handling(.char("a")) ?? field   // value "a", cursor 1
///     field.render(in: Rect(x: 2, y: 4, width: 30, height: 2), buffer: &buffer)
struct TextField: Widget, Hashable, Sendable {
    /// Which characters the field accepts.
    enum Filter: Hashable, Sendable {
        case any
        /// 0-9 only.
        case digits
        /// 0-9 and at most one ".".
        case decimal
        /// What people type for an amount: 0-9, "," and "." (checked by the screen, so "1.5" is
        /// refused with a message instead of being read as 15).
        case amount
        /// `amount`, or the word "max" (any case), as typed letter by letter.
        case amountOrMax
    }

    private(set) var value: String
    /// Cursor position in characters, 0...value.count.
    private(set) var cursor: Int
    var placeholder: String
    /// Shown on the second row, when there is one.
    var error: String?
    var focused: Bool
    var maxLength: Int?
    var filter: Filter
    var style: Style
    var placeholderStyle: Style
    var cursorStyle: Style
    var errorStyle: Style
    var symbols: Symbols

    /// Makes a field with the cursor at the end of `value`.
    ///
    ///     TextField(value: "100", placeholder: "Amount", filter: .digits)
    init(
        value: String = "", placeholder: String = "", error: String? = nil, focused: Bool = true,
        maxLength: Int? = nil, filter: Filter = .any, theme: Theme = .color, symbols: Symbols = .unicode
    ) {
        self.value = value
        self.cursor = value.count
        self.placeholder = placeholder
        self.error = error
        self.focused = focused
        self.maxLength = maxLength
        self.filter = filter
        self.style = theme.text
        self.placeholderStyle = theme.muted
        self.cursorStyle = theme.cursor
        self.errorStyle = theme.error
        self.symbols = symbols
    }

    /// The same field holding `value`, cursor at its end.
    ///
    ///     field.replacingValue("") // cleared
    func replacingValue(_ value: String) -> TextField {
        var copy = self
        copy.value = value
        copy.cursor = value.count
        return copy
    }

    /// Whether the filter and length limit let `character` in at the cursor.
    func accepts(_ character: Character) -> Bool {
        if let maxLength, value.count >= maxLength { return false }
        if CharWidth.width(character) == 0 { return false }
        switch filter {
        case .any: return true
        case .digits: return character.isASCII && character.isNumber
        case .decimal: return (character.isASCII && character.isNumber) || (character == "." && !value.contains("."))
        case .amount: return (character.isASCII && character.isNumber) || character == "." || character == ","
        case .amountOrMax:
            if (character.isASCII && character.isNumber) || character == "." || character == "," { return !value.contains(where: \.isLetter) }
            var typed = value
            typed.insert(character, at: typed.index(typed.startIndex, offsetBy: min(cursor, typed.count)))
            return "max".hasPrefix(typed.lowercased())
        }
    }

    /// Inserts `character` before the cursor and moves past it (unchanged when not accepted).
    ///
    ///     TextField(value: "ac").movingLeft().inserting("b").value // "abc"
    func inserting(_ character: Character) -> TextField {
        guard accepts(character) else { return self }
        var copy = self
        let index = value.index(value.startIndex, offsetBy: cursor)
        copy.value.insert(character, at: index)
        copy.cursor += 1
        return copy
    }

    /// Deletes the character before the cursor.
    ///
    ///     TextField(value: "abc").deletingBackward().value // "ab"
    func deletingBackward() -> TextField {
        guard cursor > 0 else { return self }
        var copy = self
        copy.value.remove(at: value.index(value.startIndex, offsetBy: cursor - 1))
        copy.cursor -= 1
        return copy
    }

    /// Deletes the character under the cursor.
    ///
    ///     TextField(value: "abc").movingHome().deletingForward().value // "bc"
    func deletingForward() -> TextField {
        guard cursor < value.count else { return self }
        var copy = self
        copy.value.remove(at: value.index(value.startIndex, offsetBy: cursor))
        return copy
    }

    /// Deletes everything before the cursor (Ctrl-U).
    ///
    ///     TextField(value: "abc").deletingToStart().value // ""
    func deletingToStart() -> TextField {
        var copy = self
        copy.value = String(value.dropFirst(cursor))
        copy.cursor = 0
        return copy
    }

    /// Moves the cursor one character left.
    ///
    ///     TextField(value: "ab").movingLeft().cursor // 1
    func movingLeft() -> TextField { moving(to: cursor - 1) }

    /// Moves the cursor one character right.
    ///
    ///     TextField(value: "ab").movingHome().movingRight().cursor // 1
    func movingRight() -> TextField { moving(to: cursor + 1) }

    /// Moves the cursor to the start.
    ///
    ///     TextField(value: "ab").movingHome().cursor // 0
    func movingHome() -> TextField { moving(to: 0) }

    /// Moves the cursor to the end.
    ///
    ///     TextField(value: "ab").movingHome().movingEnd().cursor // 2
    func movingEnd() -> TextField { moving(to: value.count) }

    private func moving(to position: Int) -> TextField {
        var copy = self
        copy.cursor = min(max(0, position), value.count)
        return copy
    }

    /// The field after an editing key, or nil when `key` is not an editing key (so the caller
    /// can dispatch it elsewhere). Characters refused by the filter are consumed unchanged.
    ///
    ///     field.handling(.backspace)   // edited field
    ///     field.handling(.enter)       // nil
    func handling(_ key: Key) -> TextField? {
        switch key {
        case .char(let c): return inserting(c)
        case .backspace, .ctrl("h"): return deletingBackward()
        case .delete, .ctrl("d"): return deletingForward()
        case .left, .ctrl("b"): return movingLeft()
        case .right, .ctrl("f"): return movingRight()
        case .home, .ctrl("a"): return movingHome()
        case .end, .ctrl("e"): return movingEnd()
        case .ctrl("u"): return deletingToStart()
        default: return nil
        }
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let characters = Array(value)
        // scroll so the cursor (and the cell it needs) stays inside the row
        var start = 0
        while start < cursor && CharWidth.width(String(characters[start..<cursor])) > area.width - 1 {
            start += 1
        }
        if characters.isEmpty {
            buffer.set(string: placeholder, x: area.x, y: area.y, style: placeholderStyle, maxWidth: area.width)
        } else {
            buffer.set(string: String(characters[start...]), x: area.x, y: area.y, style: style, maxWidth: area.width)
        }
        if focused {
            let cursorX = area.x + CharWidth.width(String(characters[start..<cursor]))
            let under = cursor < characters.count ? CharWidth.width(characters[cursor]) : 1
            if cursorX + under <= area.right {
                buffer.setStyle(Rect(x: cursorX, y: area.y, width: under, height: 1), cursorStyle)
            }
        }
        if area.height >= 2, let error, !error.isEmpty {
            let text = CharWidth.truncate("\(symbols.cross) \(error)", toWidth: area.width, ellipsis: symbols.ellipsis)
            buffer.set(string: text, x: area.x, y: area.y + 1, style: errorStyle, maxWidth: area.width)
        }
    }

    /// Applies `key` when the field takes it (`handling`); false when it does not.
    ///
    ///     var field = TextField(filter: .digits)
    ///     field.apply(.char("7"))   // true; field.value == "7"
    mutating func apply(_ key: Key) -> Bool {
        guard let next = handling(key) else { return false }
        self = next
        return true
    }
}
