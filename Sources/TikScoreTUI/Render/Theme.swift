import TikScoreCore

/// The styles widgets use for each role, in a colour and a monochrome variant.
///
///     let theme = Theme.detect(environment: env, terminalHasColors: backend.hasColors)
struct Theme: Hashable, Sendable {
    var text: Style
    var muted: Style
    var title: Style
    var border: Style
    var accent: Style
    var selection: Style
    var positive: Style
    var negative: Style
    var warning: Style
    var error: Style
    var hintKey: Style
    var hintLabel: Style
    var gaugeFilled: Style
    var gaugeEmpty: Style
    var tugLeft: Style
    var tugRight: Style
    var button: Style
    var buttonFocused: Style
    var stepDone: Style
    var stepCurrent: Style
    var stepUpcoming: Style
    var cursor: Style

    /// Colours on the terminal's default background.
    static let color = Theme(
        text: .plain,
        muted: Style(dim: true),
        title: Style(foreground: .cyan, bold: true),
        border: Style(foreground: .blue),
        accent: Style(foreground: .magenta, bold: true),
        selection: Style(foreground: .black, background: .cyan),
        positive: Style(foreground: .green),
        negative: Style(foreground: .red),
        warning: Style(foreground: .yellow),
        error: Style(foreground: .red, bold: true),
        hintKey: Style(foreground: .black, background: .cyan, bold: true),
        hintLabel: .plain,
        gaugeFilled: Style(foreground: .green),
        gaugeEmpty: Style(dim: true),
        tugLeft: Style(foreground: .red),
        tugRight: Style(foreground: .blue),
        button: .plain,
        buttonFocused: Style(foreground: .black, background: .cyan, bold: true),
        stepDone: Style(foreground: .green),
        stepCurrent: Style(foreground: .magenta, bold: true),
        stepUpcoming: Style(dim: true),
        cursor: Style(reverse: true)
    )

    /// Attributes only (bold, dim, reverse, underline); for NO_COLOR and colourless terminals.
    static let monochrome = Theme(
        text: .plain,
        muted: Style(dim: true),
        title: Style(bold: true),
        border: .plain,
        accent: Style(bold: true),
        selection: Style(reverse: true),
        positive: .plain,
        negative: Style(bold: true),
        warning: Style(bold: true),
        error: Style(bold: true, underline: true),
        hintKey: Style(reverse: true),
        hintLabel: .plain,
        gaugeFilled: .plain,
        gaugeEmpty: Style(dim: true),
        tugLeft: .plain,
        tugRight: Style(dim: true),
        button: .plain,
        buttonFocused: Style(reverse: true),
        stepDone: .plain,
        stepCurrent: Style(bold: true),
        stepUpcoming: Style(dim: true),
        cursor: Style(reverse: true)
    )

    /// `.monochrome` when NO_COLOR is set (to anything non-empty) or the terminal has no colours.
    ///
    ///     Theme.detect(environment: ["NO_COLOR": "1"], terminalHasColors: true) == .monochrome
    static func detect(environment: [String: String], terminalHasColors: Bool) -> Theme {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        return terminalHasColors ? .color : .monochrome
    }
}
