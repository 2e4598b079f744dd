import TikScoreCore

/// How much of a row or column split a part gets.
///
///     Rect(width: 100, height: 1).columns([.length(10), .percentage(50), .fill(1)]) // 10, 50, 40
enum Constraint: Hashable, Sendable {
    /// Exactly this many cells (less when the space runs out).
    case length(Int)
    /// This percentage (0...100) of the whole, rounded down.
    case percentage(Int)
    /// A share of what is left after lengths and percentages, by weight.
    case fill(Int)

    /// Lays out `constraints` along `total` cells with `spacing` between parts.
    /// Fixed parts are served first, in order; fills share the rest by weight, the last fill
    /// taking the remainder. Parts never overlap and never pass `total`.
    ///
    ///     Constraint.resolve([.length(3), .fill(1)], total: 10, spacing: 1) // (0,3), (4,6)
    static func resolve(_ constraints: [Constraint], total: Int, spacing: Int = 0) -> [(offset: Int, length: Int)] {
        guard !constraints.isEmpty else { return [] }
        let gap = max(0, spacing)
        let gaps = gap * (constraints.count - 1)
        var remaining = max(0, total - gaps)
        var lengths = Array(repeating: 0, count: constraints.count)
        let whole = remaining
        for (index, constraint) in constraints.enumerated() {
            let wanted: Int
            switch constraint {
            case .length(let n): wanted = max(0, n)
            case .percentage(let p): wanted = whole * min(max(0, p), 100) / 100
            case .fill: continue
            }
            let granted = min(wanted, remaining)
            lengths[index] = granted
            remaining -= granted
        }
        let fills = constraints.enumerated().compactMap { index, constraint -> (Int, Int)? in
            if case .fill(let weight) = constraint { return (index, max(0, weight)) }
            return nil
        }
        let totalWeight = fills.reduce(0) { $0 + $1.1 }
        if !fills.isEmpty {
            var left = remaining
            for (position, (index, weight)) in fills.enumerated() {
                let share: Int
                if position == fills.count - 1 {
                    share = left
                } else if totalWeight == 0 {
                    share = remaining / fills.count
                } else {
                    share = remaining * weight / totalWeight
                }
                lengths[index] = min(share, left)
                left -= lengths[index]
            }
        }
        var result: [(offset: Int, length: Int)] = []
        var offset = 0
        for length in lengths {
            let start = min(offset, max(0, total))
            let clipped = max(0, min(length, total - start))
            result.append((start, clipped))
            offset = start + clipped + gap
        }
        return result
    }
}
