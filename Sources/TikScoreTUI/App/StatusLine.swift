import TikScoreCore

/// The one-line message above the hint bar: news, or an error that never prints over the screen.
struct StatusLine: Hashable, Sendable {
    /// Whether the message reports something that went wrong.
    enum Kind: Hashable, Sendable { case info, success, error }

    var text: String
    var kind: Kind

    /// Makes a status message.
    ///
    ///     StatusLine("Recharged 700 points", .success)
    init(_ text: String, _ kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}
