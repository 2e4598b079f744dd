import TikScoreCore
import CNCursesW

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal, through ncurses: the only place that talks to it. Writes the cells `Terminal`
/// sends and reads keys, mouse and resizes; its wait is interruptible by a wake pipe, so an
/// effect's result or a change in the wallet is drawn at once.
///
///     let terminal = Terminal(backend: NCursesBackend())
///     try terminal.backend.start(mouse: true, color: true)
///     defer { terminal.backend.stop() }
///     terminal.draw(AppView.render(model))
///     let events = terminal.backend.nextEvents(timeoutMs: 1000)
/// Only `wake()` is called from other threads (it writes to a pipe); everything else runs on the
/// run loop's thread.
final class NCursesBackend: TerminalBackend, @unchecked Sendable {
    /// Why the terminal could not be started.
    enum StartError: Error, CustomStringConvertible {
        case notATerminal
        case initFailed

        var description: String {
            switch self {
            case .notATerminal: return "the dashboard needs a terminal: standard input and output must be a TTY"
            case .initFailed: return "could not start the terminal (is TERM set?)"
            }
        }
    }

    /// Whether curses is running; read by the exit and signal hooks.
    nonisolated(unsafe) private static var cursesActive = false

    private var started = false
    private var colorEnabled = false
    private let wakePipe = WakePipe()
    private var pairs: [Int: Int16] = [:]
    private var nextPair: Int16 = 1
    private var maxPairs = 0

    /// Whether the terminal shows colours (known after `start`).
    private(set) var hasColors = false
    /// Whether mouse reporting was turned on.
    private(set) var mouseEnabled = false

    /// Makes a backend; nothing happens to the terminal until `start`.
    init() {}

    /// Puts the terminal in dashboard mode: UTF-8 locale, no echo, keypad and mouse on,
    /// immediate Esc, hidden cursor, default-background colours. Installs `TerminalGuard`.
    ///
    ///     try backend.start(mouse: true, color: Theme.detect(...) == .color)
    func start(mouse: Bool = true, color: Bool = true) throws {
        guard !started else { return }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw StartError.notATerminal }
        _ = setlocale(LC_ALL, "")
        TerminalGuard.install(wakeDescriptor: wakePipe.writeEnd)
        guard initscr() != nil else { throw StartError.initFailed }
        Self.cursesActive = true
        started = true
        let screen = tik_stdscr()
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(screen, true)
        _ = set_escdelay(25)
        _ = curs_set(0)
        // The cursor stays hidden: no need to move it back after every update (fewer bytes per change).
        _ = leaveok(screen, true)
        hasColors = has_colors()
        colorEnabled = false
        if color && hasColors {
            _ = start_color()
            _ = use_default_colors()
            colorEnabled = true
            maxPairs = Int(tik_color_pairs())
        }
        if mouse {
            let mask = tik_button1_pressed() | tik_button1_released() | tik_button4_pressed() | tik_button5_pressed()
            mouseEnabled = mousemask(mask, nil) != 0
            _ = mouseinterval(0) // report press and release, not clicks
        }
    }

    /// Restores the terminal (endwin). Safe to call more than once, or without `start`.
    ///
    ///     defer { backend.stop() }
    func stop() {
        guard started else { return }
        started = false
        Self.restoreTerminal()
    }

    /// Ends curses if it is running; used by `stop`, the atexit hook and the signal handlers.
    static func restoreTerminal() {
        guard cursesActive else { return }
        cursesActive = false
        _ = curs_set(1)
        _ = endwin()
    }

    /// The terminal size in cells (0x0 before `start`).
    ///
    ///     let (width, height) = backend.size()
    func size() -> (width: Int, height: Int) {
        guard started else { return (0, 0) }
        return (Int(max(0, tik_maxx())), Int(max(0, tik_maxy())))
    }

    /// Blanks the screen and makes curses repaint all of it at the next refresh (resize, Ctrl-L).
    func clear() {
        guard started else { return }
        _ = werase(tik_stdscr())
        _ = clearok(tik_stdscr(), true)
    }

    /// Writes `changes` (clipped to the screen) and refreshes.
    func draw(_ changes: [CellChange]) {
        guard started else { return }
        let (width, height) = size()
        for change in changes where change.x < width && change.y < height && !change.cell.isContinuation {
            put(change.cell, x: change.x, y: change.y, screenWidth: width)
        }
        _ = wrefresh(tik_stdscr())
    }

    func wake() { wakePipe.signal() }

    /// Writes the alert straight to the terminal, past ncurses (which has no OSC), after its
    /// frame is out.
    func alert(_ text: String, bell: Bool, desktop: Bool) {
        guard started else { return }
        let bytes = Array(Self.alertBytes(text, bell: bell, desktop: desktop).utf8)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(STDOUT_FILENO, raw.baseAddress?.advanced(by: offset), raw.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    /// Waits for the keyboard, the wake pipe or a signal with `poll`, then reads every key that
    /// is ready without blocking. A resize (SIGWINCH) interrupts the wait and reads as `.resize`.
    func nextEvents(timeoutMs: Int) -> [TerminalEvent] {
        guard started else { return [] }
        var keys = readReadyKeys()
        if keys.isEmpty && !TerminalGuard.interruptPending && !TerminalGuard.resizePending {
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wakePipe.readEnd, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, nfds_t(fds.count), Int32(clamping: timeoutMs))
            if fds[1].revents != 0 { wakePipe.drain() }
            keys = readReadyKeys()
        }
        // A resize comes first: keys typed after it must act on the new size.
        var events: [TerminalEvent] = TerminalGuard.takeResize() ? [.key(resizeToTerminal())] : []
        events += keys
        if TerminalGuard.takeInterrupt() { events.append(.interrupt) }
        return events
    }

    /// Tells curses the terminal's new size (after SIGWINCH) and reports the resize.
    private func resizeToTerminal() -> Key {
        var rows: Int32 = 0
        var cols: Int32 = 0
        if tik_window_size(STDOUT_FILENO, &rows, &cols) == 0 {
            _ = resizeterm(rows, cols)
        }
        return .resize
    }

    /// Every key curses can give without waiting (it may hold typed-ahead keys of its own).
    private func readReadyKeys() -> [TerminalEvent] {
        var events: [TerminalEvent] = []
        while events.count < 64, let key = readKey(timeoutMs: 0) {
            events.append(.key(key))
        }
        return events
    }

    /// Writes one cell. Graphemes ncurses cannot hold in one cell (ZWJ sequences, flags) show their
    /// first scalar; when ncurses thinks a glyph narrower than the buffer does, the gap is blanked.
    private func put(_ cell: Cell, x: Int, y: Int, screenWidth: Int) {
        let attributes = attributes(for: cell.style)
        let pair = colorPair(for: cell.style)
        var scalars: [wchar_t] = []
        let limit = Int(tik_ccharw_max())
        for scalar in cell.symbol.unicodeScalars {
            if scalars.isEmpty {
                scalars.append(wchar_t(bitPattern: scalar.value))
            } else if CharWidth.width(scalar) == 0 && scalar.value != 0x200D && scalars.count < limit - 1 {
                scalars.append(wchar_t(bitPattern: scalar.value))
            } else {
                break
            }
        }
        if scalars.isEmpty { scalars.append(wchar_t(32)) }
        let cursesWidth = scalars.first.map { Int(tik_wcwidth($0)) } ?? 1
        scalars.append(0)
        let result = scalars.withUnsafeBufferPointer { pointer in
            tik_put_cell(Int32(y), Int32(x), pointer.baseAddress, attributes, pair)
        }
        let refused = result == -2 || cursesWidth < 0
        if refused {
            var fallback: [wchar_t] = [wchar_t(Character("?").unicodeScalars.first?.value ?? 63), 0]
            _ = fallback.withUnsafeMutableBufferPointer { tik_put_cell(Int32(y), Int32(x), $0.baseAddress, attributes, pair) }
        }
        let shown = refused ? 1 : max(1, cursesWidth)
        if cell.width > shown && x + 1 < screenWidth {
            var space: [wchar_t] = [32, 0]
            _ = space.withUnsafeMutableBufferPointer { tik_put_cell(Int32(y), Int32(x + 1), $0.baseAddress, attributes, pair) }
        }
    }

    private func attributes(for style: Style) -> attr_t {
        var value = tik_a_normal()
        if style.bold { value |= tik_a_bold() }
        if style.dim { value |= tik_a_dim() }
        if style.reverse { value |= tik_a_reverse() }
        if style.underline { value |= tik_a_underline() }
        return value
    }

    /// The colour pair for a style's colours, made on first use (0, the default, when out of pairs).
    private func colorPair(for style: Style) -> Int16 {
        guard colorEnabled, style.foreground != .default || style.background != .default else { return 0 }
        let key = (style.foreground.rawValue + 1) * 16 + (style.background.rawValue + 1)
        if let pair = pairs[key] { return pair }
        guard Int(nextPair) < maxPairs else { return 0 }
        let pair = nextPair
        guard init_pair(pair, Int16(style.foreground.rawValue), Int16(style.background.rawValue)) != ERR else { return 0 }
        pairs[key] = pair
        nextPair += 1
        return pair
    }

    /// Waits up to `timeoutMs` milliseconds for input (forever when negative) and returns it,
    /// or nil on timeout. Resizes come back as `.resize` and make the next `draw` a full one.
    ///
    ///     switch backend.readKey(timeoutMs: 250) { case nil: tick(); case let key?: handle(key) }
    func readKey(timeoutMs: Int) -> Key? {
        guard started else { return nil }
        let screen = tik_stdscr()
        wtimeout(screen, Int32(clamping: timeoutMs))
        var input: wint_t = 0
        let status = wget_wch(screen, &input)
        if status == ERR { return nil }
        if status == tik_key_code_yes() {
            let code = Int32(bitPattern: UInt32(input))
            if code == tik_key_mouse() { return mouseKey() ?? .unknown(code) }
            return Self.functionKey(code)
        }
        return Self.characterKey(UInt32(input))
    }

    /// The key for a character code from `wget_wch` (Enter, Tab, Esc, Backspace and Ctrl
    /// letters have their own cases).
    ///
    ///     NCursesBackend.characterKey(12) // .ctrl("l")
    static func characterKey(_ code: UInt32) -> Key {
        switch code {
        case 13, 10: return .enter
        case 9: return .tab
        case 27: return .esc
        case 127, 8: return .backspace
        case 0: return .ctrl(" ")
        case 1...26:
            return .ctrl(Character(Unicode.Scalar(UInt8(code + 96))))
        case 28...31: return .unknown(Int32(code))
        default:
            guard let scalar = Unicode.Scalar(code) else { return .unknown(Int32(bitPattern: code)) }
            return .char(Character(scalar))
        }
    }

    /// The key for a KEY_* code from `wget_wch` (KEY_MOUSE is read by `mouseKey`).
    ///
    ///     NCursesBackend.functionKey(259) // .up (KEY_UP)
    static func functionKey(_ code: Int32) -> Key {
        switch code {
        case tik_key_up(): return .up
        case tik_key_down(): return .down
        case tik_key_left(): return .left
        case tik_key_right(): return .right
        case tik_key_home(): return .home
        case tik_key_end(): return .end
        case tik_key_ppage(): return .pageUp
        case tik_key_npage(): return .pageDown
        case tik_key_backspace(): return .backspace
        case tik_key_dc(): return .delete
        case tik_key_enter(): return .enter
        case tik_key_btab(): return .backTab
        case tik_key_resize(): return .resize
        case tik_key_f(1)...tik_key_f(63): return .f(Int(code - tik_key_f0()))
        default: return .unknown(code)
        }
    }

    private func mouseKey() -> Key? {
        var x: Int32 = 0
        var y: Int32 = 0
        var state: mmask_t = 0
        guard tik_getmouse(&x, &y, &state) == 0 else { return nil }
        let kind: MouseEvent.Kind
        if state & tik_button4_pressed() != 0 {
            kind = .wheelUp
        } else if state & tik_button5_pressed() != 0 {
            kind = .wheelDown
        } else if state & tik_button1_pressed() != 0 {
            kind = .press
        } else if state & (tik_button1_released() | tik_button1_clicked()) != 0 {
            kind = .release
        } else {
            return nil
        }
        return .mouse(MouseEvent(x: Int(x), y: Int(y), kind: kind))
    }
}
