import TikScoreCore

/// A cell that differs between two frames, for the backend to write.
///
///     for change in new.diff(from: old) { print(change.x, change.y, change.cell.symbol) }
struct CellChange: Hashable, Sendable {
    var x: Int
    var y: Int
    var cell: Cell
}
