import Foundation
import TikScoreCore

/// Prints results as text or JSON, and aligned text tables.
enum Printer {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func json(_ value: JSONValue) { out(value.text()) }

    /// Columns padded to their widest cell; `right` lists right-aligned columns.
    static func table(_ header: [String], _ rows: [[String]], right: Set<Int> = []) {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { TextWidth.of($0[column]) }.max() ?? 0 }
        for (index, row) in all.enumerated() {
            let cells = row.enumerated().map { column, cell -> String in
                let gap = String(repeating: " ", count: max(0, widths[column] - TextWidth.of(cell)))
                return right.contains(column) ? gap + cell : cell + gap
            }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            out(line)
            if index == 0 {
                out(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
            }
        }
    }
}

/// Terminal display width of text, so tables stay aligned with emoji and CJK names.
enum TextWidth {
    static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    private static func width(of ch: Character) -> Int {
        guard let first = ch.unicodeScalars.first else { return 0 }
        if ch.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation }) { return 2 }
        let v = first.value
        let wide: [ClosedRange<UInt32>] = [0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
                                           0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD]
        return wide.contains { $0.contains(v) } ? 2 : 1
    }
}
