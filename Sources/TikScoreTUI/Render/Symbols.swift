/// The glyphs widgets draw with, in a UTF-8 and an ASCII variant.
///
///     let symbols = Symbols.detect(environment: ProcessInfo.processInfo.environment)
///     Block(title: "Wallet", symbols: symbols)
public struct Symbols: Hashable, Sendable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    /// Sparkline levels, lowest first; the last one is a full cell.
    public var sparkline: [String]
    public var gaugeFilled: String
    public var gaugeEmpty: String
    public var tick: String
    public var cross: String
    public var ellipsis: String
    public var arrowUp: String
    public var arrowDown: String
    public var arrowLeft: String
    public var arrowRight: String
    public var stepSeparator: String
    public var stepCurrent: String
    public var stepUpcoming: String
    public var selection: String
    public var spinner: [String]

    /// Box drawing, block elements and arrows; for UTF-8 terminals.
    public static let unicode = Symbols(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        sparkline: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], gaugeFilled: "█", gaugeEmpty: "░",
        tick: "✓", cross: "✗", ellipsis: "…",
        arrowUp: "↑", arrowDown: "↓", arrowLeft: "←", arrowRight: "→",
        stepSeparator: "›", stepCurrent: "●", stepUpcoming: "○", selection: "›",
        spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    )

    /// Plain 7-bit ASCII; for terminals whose locale is not UTF-8.
    public static let ascii = Symbols(
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
    public static func detect(environment: [String: String]) -> Symbols {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                let lower = value.lowercased()
                return lower.contains("utf-8") || lower.contains("utf8") ? .unicode : .ascii
            }
        }
        return .ascii
    }
}
