import TikScoreCore

/// Scroll arithmetic shared by lists and tables: which first row keeps the selection visible.
///
///     ScrollOffset.keepingVisible(selected: 9, offset: 0, count: 20, visible: 5) // 5
enum ScrollOffset {
    /// The first visible row: `offset` clamped to the content, moved just enough to show `selected`.
    static func keepingVisible(selected: Int?, offset: Int, count: Int, visible: Int) -> Int {
        guard visible > 0, count > 0 else { return 0 }
        var first = min(max(0, offset), max(0, count - visible))
        if let selected, selected >= 0, selected < count {
            if selected < first { first = selected }
            if selected >= first + visible { first = selected - visible + 1 }
        }
        return first
    }
}
