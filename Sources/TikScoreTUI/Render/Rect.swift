import TikScoreCore

/// A rectangle of terminal cells: origin at the top-left, sizes never negative.
///
///     let area = Rect(x: 0, y: 0, width: 80, height: 24)
///     let parts = area.rows([.fill(1), .length(1)]) // body 80x23, footer 80x1
struct Rect: Hashable, Sendable, CustomStringConvertible {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    /// Makes a rectangle; negative sizes become 0.
    ///
    ///     Rect(x: 2, y: 1, width: 10, height: 3)
    init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// A rectangle at the origin.
    ///
    ///     Rect(width: 80, height: 24)
    init(width: Int, height: Int) {
        self.init(x: 0, y: 0, width: width, height: height)
    }

    /// The empty rectangle at the origin.
    static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    /// First column to the right of the rectangle.
    var right: Int { x + width }
    /// First row below the rectangle.
    var bottom: Int { y + height }
    /// Number of cells.
    var area: Int { width * height }
    /// True when the rectangle holds no cell.
    var isEmpty: Bool { width == 0 || height == 0 }

    var description: String { "Rect(x: \(x), y: \(y), \(width)x\(height))" }

    /// Whether the cell at (px, py) lies inside.
    ///
    ///     Rect(width: 3, height: 1).contains(x: 2, y: 0) // true
    func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < right && py >= y && py < bottom
    }

    /// The overlap of two rectangles (empty, placed at the clamped origin, when they do not meet).
    ///
    ///     Rect(width: 10, height: 10).intersection(Rect(x: 5, y: 5, width: 10, height: 10)) // 5x5 at 5,5
    func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let r = min(right, other.right)
        let b = min(bottom, other.bottom)
        return Rect(x: left, y: top, width: r - left, height: b - top)
    }

    /// Shrinks every side by `margin` cells (never below 0x0).
    ///
    ///     Rect(width: 10, height: 5).inset(by: 1) // 8x3 at 1,1
    func inset(by margin: Int) -> Rect {
        inset(horizontal: margin, vertical: margin)
    }

    /// Shrinks the left and right sides by `horizontal` and the top and bottom by `vertical`.
    ///
    ///     Rect(width: 10, height: 5).inset(horizontal: 2, vertical: 0) // 6x5 at 2,0
    func inset(horizontal: Int, vertical: Int) -> Rect {
        let h = min(max(0, horizontal), width / 2)
        let v = min(max(0, vertical), height / 2)
        return Rect(x: x + h, y: y + v, width: width - 2 * h, height: height - 2 * v)
    }

    /// A `width`x`height` rectangle centred inside this one (clamped to fit).
    ///
    ///     Rect(width: 80, height: 24).centered(width: 40, height: 10) // 40x10 at 20,7
    func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width)
        let ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// Splits into stacked rows, top to bottom, one per constraint.
    ///
    ///     Rect(width: 80, height: 24).rows([.length(1), .fill(1), .length(1)]) // header, body, footer
    func rows(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        Constraint.resolve(constraints, total: height, spacing: spacing).map {
            Rect(x: x, y: y + $0.offset, width: width, height: $0.length)
        }
    }

    /// Splits into side-by-side columns, left to right, one per constraint.
    ///
    ///     Rect(width: 80, height: 24).columns([.percentage(30), .fill(1)])
    func columns(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        Constraint.resolve(constraints, total: width, spacing: spacing).map {
            Rect(x: x + $0.offset, y: y, width: $0.length, height: height)
        }
    }

    /// The single row at `offset` from the top (empty when outside).
    ///
    ///     Rect(width: 10, height: 3).row(1) // 10x1 at 0,1
    func row(_ offset: Int) -> Rect {
        guard offset >= 0, offset < height else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: x, y: y + offset, width: width, height: 1)
    }
}
