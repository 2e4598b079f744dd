/// The styles widgets use for each role, in a colour and a monochrome variant.
///
///     let theme = Theme.detect(environment: env, terminalHasColors: backend.hasColors)
public struct Theme: Hashable, Sendable {
    public var text: Style
    public var muted: Style
    public var title: Style
    public var border: Style
    public var accent: Style
    public var selection: Style
    public var positive: Style
    public var negative: Style
    public var warning: Style
    public var error: Style
    public var hintKey: Style
    public var hintLabel: Style
    public var gaugeFilled: Style
    public var gaugeEmpty: Style
    public var tugLeft: Style
    public var tugRight: Style
    public var button: Style
    public var buttonFocused: Style
    public var stepDone: Style
    public var stepCurrent: Style
    public var stepUpcoming: Style
    public var cursor: Style

    /// Colours on the terminal's default background.
    public static let color = Theme(
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
    public static let monochrome = Theme(
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
    public static func detect(environment: [String: String], terminalHasColors: Bool) -> Theme {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        return terminalHasColors ? .color : .monochrome
    }
}
