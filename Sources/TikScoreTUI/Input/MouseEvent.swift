import TikScoreCore

/// A mouse event at a cell, in screen coordinates.
///
///     if case .mouse(let m) = key, m.kind == .press, let row = list.row(at: m.y, in: area) { select(row) }
struct MouseEvent: Hashable, Sendable {
    /// What the mouse did.
    enum Kind: Hashable, Sendable {
        case press, release, wheelUp, wheelDown
    }

    var x: Int
    var y: Int
    var kind: Kind

    /// Makes an event.
    ///
    ///     MouseEvent(x: 3, y: 4, kind: .press)
    init(x: Int, y: Int, kind: Kind) {
        self.x = x
        self.y = y
        self.kind = kind
    }
}
