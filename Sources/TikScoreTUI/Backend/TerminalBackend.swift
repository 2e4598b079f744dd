import TikScoreCore

/// What arrives from a terminal while the run loop waits.
enum TerminalEvent: Equatable, Sendable {
    /// A key, a click or a resize (`Key.resize`).
    case key(Key)
    /// Ctrl-C or SIGTERM: the user wants to leave.
    case interrupt
}

/// A terminal the run loop can draw on and read from: ncurses on a real terminal, or
/// `TestBackend` in memory. The frame diff lives in `Terminal`, not here: a backend only writes
/// the cells it is given.
protocol TerminalBackend: AnyObject, Sendable {
    /// Puts the terminal in dashboard mode.
    ///
    /// - Throws: when there is no usable terminal.
    func start(mouse: Bool, color: Bool) throws
    /// Restores the terminal; safe to call more than once.
    func stop()
    /// Whether the terminal shows colours (known after `start`).
    var hasColors: Bool { get }
    /// Whether mouse reporting is on (known after `start`).
    var mouseEnabled: Bool { get }
    /// The size in cells.
    func size() -> (width: Int, height: Int)
    /// Waits up to `timeoutMs` for input, a signal or `wake()`, and returns what arrived (nothing
    /// after a timeout or a wake-up).
    func nextEvents(timeoutMs: Int) -> [TerminalEvent]
    /// Makes a waiting `nextEvents` return at once; safe to call from any thread.
    func wake()
    /// Writes `changes` and shows them.
    func draw(_ changes: [CellChange])
    /// Blanks the whole screen, before every cell is drawn again.
    func clear()
    /// Rings the bell and/or asks the terminal for a desktop notification saying `text`.
    func alert(_ text: String, bell: Bool, desktop: Bool)
}

extension TerminalBackend {
    /// The bytes `alert` writes: BEL, then OSC 9 (iTerm2, Windows Terminal, kitty) and OSC 777
    /// (rxvt, foot, VTE) with the text made one safe line, without the `;` that OSC 777 splits on.
    ///
    ///     Self.alertBytes("Goal reached", bell: true, desktop: false)   // "\u{7}"
    static func alertBytes(_ text: String, bell: Bool, desktop: Bool) -> String {
        var out = bell ? "\u{7}" : ""
        if desktop {
            let safe = OneLine.sanitize(text).replacingOccurrences(of: ";", with: ",")
            out += "\u{1B}]9;\(safe)\u{7}" + "\u{1B}]777;notify;TikScore;\(safe)\u{7}"
        }
        return out
    }
}
