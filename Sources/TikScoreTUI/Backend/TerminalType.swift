import CNCursesW

/// The check of `$TERM` made before curses starts: ncurses itself would print "Error opening
/// terminal" and exit on a type it does not know, and draw garbage on one that cannot move the
/// cursor (`TERM=dumb`). This turns both into one line that says what to do.
///
/// ```swift
/// if let problem = TerminalType.problem(with: "vt52x") { print("error: \(problem)") }
/// ```
public enum TerminalType {
    /// What suits the dashboard when `$TERM` does not.
    public static let suggestion = "xterm-256color"

    /// Why the dashboard cannot draw on a terminal of type `term`, or nil when it can.
    public static func problem(with term: String?) -> String? {
        guard let term, !term.isEmpty else {
            return "TERM is not set, so the dashboard does not know how to draw; run it with TERM=\(suggestion)"
        }
        let shown = term.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : String($0) }.joined()
        guard !term.contains("/"), term.utf8.count <= 128 else {
            return "TERM='\(shown)' is not a terminal type; run the dashboard with TERM=\(suggestion)"
        }
        switch tik_check_terminal(term) {
        case 0: return nil
        case 2: return "TERM='\(shown)' cannot move the cursor, so the dashboard cannot draw on it; run it with TERM=\(suggestion)"
        default: return "TERM='\(shown)' is not a terminal type this system's terminfo knows; run the dashboard with TERM=\(suggestion)"
        }
    }
}
