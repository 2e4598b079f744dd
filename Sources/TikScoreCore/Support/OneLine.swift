/// Makes text safe to print as one line of a terminal: line breaks, tabs, escape sequences and
/// every other control character become visible escapes (`\n`, `\t`, `\u{1B}`), so input echoed
/// in a message can neither split it nor drive the terminal.
///
/// ```swift
/// OneLine.sanitize("leo@example.com\nerror: fake")   // "leo@example.com\\nerror: fake"
/// ```
public enum OneLine {
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else { out.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// C0 and C1 controls, DEL, and the line and paragraph separators.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
    }
}
