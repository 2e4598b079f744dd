import TikScoreCore

/// Replaces the few non-ASCII marks the screens use ("≈", "·", "…", "×", "•") when the
/// terminal's locale is not UTF-8.
enum AsciiFallback {
    static let replacements: [String: String] = ["≈": "~", "·": "-", "…": "~", "×": "x", "•": "*", "›": ">", "●": "*", "✓": "+", "✗": "x"]

    /// `buffer` unchanged with Unicode symbols; with ASCII symbols, the marks replaced.
    static func apply(_ buffer: Buffer, symbols: Symbols) -> Buffer {
        guard symbols == .ascii else { return buffer }
        var copy = buffer
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                guard let cell = buffer[x, y], let replacement = replacements[cell.symbol], let first = replacement.first else { continue }
                copy.put(Cell(first, style: cell.style), x: x, y: y)
            }
        }
        return copy
    }
}
