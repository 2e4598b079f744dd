import TikScoreCore

/// A key press, mouse event or resize, as plain data.
///
///     switch key {
///     case .char("q"), .esc: quit()
///     case .ctrl("l"): redraw()
///     default: break
///     }
enum Key: Hashable, Sendable {
    case char(Character)
    case enter, esc, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    /// Control plus a letter, in lower case: Ctrl-L is `.ctrl("l")`.
    case ctrl(Character)
    /// A function key, F1 is `.f(1)`.
    case f(Int)
    case mouse(MouseEvent)
    /// The terminal changed size.
    case resize
    /// A code the backend does not know.
    case unknown(Int32)

    /// A short name for hint bars and help: "q", "Enter", "Ctrl-L", "↑" (or "Up" in ASCII).
    ///
    ///     Key.ctrl("l").name(symbols: .unicode) // "Ctrl-L"
    func name(symbols: Symbols = .unicode) -> String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .enter: return "Enter"
        case .esc: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .up: return symbols == .ascii ? "Up" : symbols.arrowUp
        case .down: return symbols == .ascii ? "Down" : symbols.arrowDown
        case .left: return symbols == .ascii ? "Left" : symbols.arrowLeft
        case .right: return symbols == .ascii ? "Right" : symbols.arrowRight
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .f(let n): return "F\(n)"
        case .mouse: return "Mouse"
        case .resize: return "Resize"
        case .unknown(let code): return "Key \(code)"
        }
    }
}
