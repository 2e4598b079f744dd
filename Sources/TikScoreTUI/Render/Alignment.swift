import TikScoreCore

/// Horizontal placement of text in a space.
///
///     Alignment.right.fit("42", width: 5) // "   42"
enum Alignment: Hashable, Sendable {
    case left, center, right

    /// `text` truncated with `ellipsis` and padded to exactly `width` columns.
    ///
    ///     Alignment.center.fit("ab", width: 4) // " ab "
    func fit(_ text: String, width: Int, ellipsis: String = "…") -> String {
        switch self {
        case .left: return CharWidth.padRight(text, toWidth: width, ellipsis: ellipsis)
        case .center: return CharWidth.center(text, toWidth: width, ellipsis: ellipsis)
        case .right: return CharWidth.padLeft(text, toWidth: width, ellipsis: ellipsis)
        }
    }
}
