import Foundation
import TikScoreCore

/// Prints results as text or JSON, and aligned text tables.
enum Printer {
    /// Writes a line to standard output. When the reader has gone (`tikscore history | head`),
    /// the command stops quietly as if SIGPIPE had ended it (status 141), whether or not a
    /// library has set SIGPIPE aside (NIO does, for its sockets); another write error is one
    /// `error:` line.
    static func out(_ text: String) {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data((text + "\n").utf8))
        } catch {
            let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            if posix?.domain == NSPOSIXErrorDomain && posix?.code == Int(EPIPE) { exit(128 + SIGPIPE) }
            FileHandle.standardError.write(Data("error: cannot write the output: \(OneLine.sanitize(error.localizedDescription))\n".utf8))
            exit(1)
        }
    }

    static func json(_ value: JSONValue) { out(value.text()) }

    /// RFC 4180 CSV: a header and rows, separated by CRLF.
    static func csv(_ header: [String], _ rows: [[String]]) {
        out(([header] + rows).map(CSVFormat.row).joined(separator: "\r\n"))
    }

    /// Columns padded to their widest cell; `right` lists right-aligned columns.
    static func table(_ header: [String], _ rows: [[String]], right: Set<Int> = []) {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { CharWidth.width($0[column]) }.max() ?? 0 }
        for (index, row) in all.enumerated() {
            let cells = row.enumerated().map { column, cell -> String in
                let gap = String(repeating: " ", count: max(0, widths[column] - CharWidth.width(cell)))
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
