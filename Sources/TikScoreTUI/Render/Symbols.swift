import TikScoreCore

/// The glyphs widgets draw with, in a UTF-8 and an ASCII variant.
///
///     let symbols = Symbols.detect(environment: ProcessInfo.processInfo.environment)
///     Block(title: "Wallet", symbols: symbols)
struct Symbols: Hashable, Sendable {
    var horizontal: String
    var vertical: String
    var topLeft: String
    var topRight: String
    var bottomLeft: String
    var bottomRight: String
    /// Sparkline levels, lowest first; the last one is a full cell.
    var sparkline: [String]
    var gaugeFilled: String
    var gaugeEmpty: String
    var tick: String
    var cross: String
    var ellipsis: String
    var arrowUp: String
    var arrowDown: String
    var arrowLeft: String
    var arrowRight: String
    var stepSeparator: String
    var stepCurrent: String
    var stepUpcoming: String
    var selection: String
    var spinner: [String]

    /// Box drawing, block elements and arrows; for UTF-8 terminals.
    static let unicode = Symbols(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        sparkline: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], gaugeFilled: "█", gaugeEmpty: "░",
        tick: "✓", cross: "✗", ellipsis: "…",
        arrowUp: "↑", arrowDown: "↓", arrowLeft: "←", arrowRight: "→",
        stepSeparator: "›", stepCurrent: "●", stepUpcoming: "○", selection: "›",
        spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    )

    /// Plain 7-bit ASCII; for terminals whose locale is not UTF-8.
    static let ascii = Symbols(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        sparkline: ["_", ".", "-", "=", "#"], gaugeFilled: "#", gaugeEmpty: "-",
        tick: "+", cross: "x", ellipsis: "~",
        arrowUp: "^", arrowDown: "v", arrowLeft: "<", arrowRight: ">",
        stepSeparator: ">", stepCurrent: "*", stepUpcoming: "o", selection: ">",
        spinner: ["|", "/", "-", "\\"]
    )

    /// `.unicode` when the locale named by LC_ALL, LC_CTYPE or LANG (first one set) is UTF-8, else `.ascii`.
    ///
    ///     Symbols.detect(environment: ["LANG": "C.UTF-8"]) == .unicode
    static func detect(environment: [String: String]) -> Symbols {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                let lower = value.lowercased()
                return lower.contains("utf-8") || lower.contains("utf8") ? .unicode : .ascii
            }
        }
        return .ascii
    }
}
