/// A cell that differs between two frames, for the backend to write.
///
///     for change in new.diff(from: old) { print(change.x, change.y, change.cell.symbol) }
public struct CellChange: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cell: Cell
}
