/// One line of the help overlay: key names and what they do.
///
///     HelpLine(keys: "q/Esc", text: "Leave the dashboard")
public struct HelpLine: Hashable, Sendable {
    public var keys: String
    public var text: String

    public init(keys: String, text: String) {
        self.keys = keys
        self.text = text
    }
}
