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

    /// For light terminal backgrounds: darker colours, no cyan or yellow text on white.
    static let light = Theme(
        text: .plain,
        muted: Style(dim: true),
        title: Style(foreground: .blue, bold: true),
        border: Style(foreground: .blue),
        accent: Style(foreground: .magenta, bold: true),
        selection: Style(foreground: .white, background: .blue),
        positive: Style(foreground: .green, bold: true),
        negative: Style(foreground: .red),
        warning: Style(foreground: .magenta),
        error: Style(foreground: .red, bold: true),
        hintKey: Style(foreground: .white, background: .blue, bold: true),
        hintLabel: .plain,
        gaugeFilled: Style(foreground: .blue),
        gaugeEmpty: Style(dim: true),
        tugLeft: Style(foreground: .red),
        tugRight: Style(foreground: .blue),
        button: .plain,
        buttonFocused: Style(foreground: .white, background: .blue, bold: true),
        stepDone: Style(foreground: .green),
        stepCurrent: Style(foreground: .magenta, bold: true),
        stepUpcoming: Style(dim: true),
        cursor: Style(reverse: true)
    )

    /// High contrast: bright text, no dim anything, focus and buttons in reverse video.
    static let highContrast = Theme(
        text: Style(foreground: .white),
        muted: Style(foreground: .white),
        title: Style(foreground: .yellow, bold: true),
        border: Style(foreground: .white, bold: true),
        accent: Style(foreground: .yellow, bold: true),
        selection: Style(foreground: .black, background: .yellow, bold: true),
        positive: Style(foreground: .green, bold: true),
        negative: Style(foreground: .red, bold: true),
        warning: Style(foreground: .yellow, bold: true),
        error: Style(foreground: .red, bold: true, underline: true),
        hintKey: Style(foreground: .black, background: .white, bold: true),
        hintLabel: Style(foreground: .white, bold: true),
        gaugeFilled: Style(foreground: .green, bold: true),
        gaugeEmpty: Style(foreground: .white),
        tugLeft: Style(foreground: .red, bold: true),
        tugRight: Style(foreground: .cyan, bold: true),
        button: Style(foreground: .white, bold: true),
        buttonFocused: Style(foreground: .black, background: .yellow, bold: true),
        stepDone: Style(foreground: .green, bold: true),
        stepCurrent: Style(foreground: .yellow, bold: true, underline: true),
        stepUpcoming: Style(foreground: .white),
        cursor: Style(reverse: true)
    )

    /// The theme a config names; `.monochrome` whatever it names when NO_COLOR is set or the
    /// terminal has no colours.
    static func named(_ name: ThemeName, environment: [String: String], terminalHasColors: Bool) -> Theme {
        guard detect(environment: environment, terminalHasColors: terminalHasColors) != .monochrome else { return .monochrome }
        switch name {
        case .dark: return .color
        case .light: return .light
        case .highContrast: return .highContrast
        }
    }

    /// `.monochrome` when NO_COLOR is set (to anything non-empty) or the terminal has no colours.
    ///
    ///     Theme.detect(environment: ["NO_COLOR": "1"], terminalHasColors: true) == .monochrome
    static func detect(environment: [String: String], terminalHasColors: Bool) -> Theme {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        return terminalHasColors ? .color : .monochrome
    }
}
