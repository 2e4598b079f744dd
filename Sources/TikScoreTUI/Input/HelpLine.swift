import TikScoreCore

/// One line of the help overlay: key names and what they do.
///
///     HelpLine(keys: "q/Esc", text: "Leave the dashboard")
struct HelpLine: Hashable, Sendable {
    var keys: String
    var text: String

    init(keys: String, text: String) {
        self.keys = keys
        self.text = text
    }
}
