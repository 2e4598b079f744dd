/// A stored feed line split into its shape (keys and punctuation, the same for every line of one
/// kind with the same fields, kept once in `live_event_shapes`) and its values (what differs
/// from line to line, kept in the event's row). A gift line of about 175 bytes keeps about 55.
///
/// The slots are control characters that no JSON text holds raw (the encoder escapes them), and
/// a line that holds one anyway is not split. `join(split(line))` gives the line back byte for
/// byte; the writer checks that before it keeps a line this way.
///
/// ```swift
/// let parts = FeedLineShape.split("~like\u{1F},\"likeCount\":7}}")
/// // parts?.template == "~like\u{1F},\"likeCount\":\u{1D}}}", parts?.values == "7"
/// FeedLineShape.join(template: "~like\u{1F},\"likeCount\":\u{1D}}}", values: "7")   // the line
/// ```
public enum FeedLineShape {
    /// Stands for the inside of a string value (its quotes stay in the template).
    private static let stringSlot: UInt8 = 0x1E
    /// Stands for a number, `true`, `false` or `null`.
    private static let scalarSlot: UInt8 = 0x1D
    /// Between two values.
    private static let separator: UInt8 = 0x1F
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let tilde = UInt8(ascii: "~")

    /// The line's template and values, or nil when the line does not split exactly (it holds a
    /// slot character, or a string does not end).
    public static func split(_ line: String) -> (template: String, values: String)? {
        let bytes = Array(line.utf8)
        var template: [UInt8] = []
        template.reserveCapacity(bytes.count)
        var values: [UInt8] = []
        var valueCount = 0
        var index = 0
        // The stored form `~NAME<US>…` starts with the event's name, which is not JSON: it is
        // part of the template.
        if bytes.first == tilde, let end = bytes.firstIndex(of: separator) {
            template.append(contentsOf: bytes[...end])
            index = end + 1
        }
        func addValue(_ value: ArraySlice<UInt8>) -> Bool {
            if value.contains(where: isSlot) { return false }
            if valueCount > 0 { values.append(separator) }
            values.append(contentsOf: value)
            valueCount += 1
            return true
        }
        var afterValueStart = true   // the last structural byte was `:`, `[` or `,` (or the start)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == stringSlot || byte == scalarSlot { return nil }
            if byte == quote {
                guard let end = stringEnd(bytes, from: index) else { return nil }
                if isKey(bytes, after: end) {
                    template.append(contentsOf: bytes[index...end])
                } else {
                    guard addValue(bytes[(index + 1)..<end]) else { return nil }
                    template.append(quote)
                    template.append(stringSlot)
                    template.append(quote)
                }
                index = end + 1
                afterValueStart = false
                continue
            }
            if afterValueStart, startsScalar(byte) {
                var end = index
                while end < bytes.count, !endsScalar(bytes[end]) { end += 1 }
                guard addValue(bytes[index..<end]) else { return nil }
                template.append(scalarSlot)
                index = end
                afterValueStart = false
                continue
            }
            if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: ",") {
                afterValueStart = true
            } else if !isSpace(byte) {
                afterValueStart = false
            }
            template.append(byte)
            index += 1
        }
        return (String(decoding: template, as: UTF8.self), String(decoding: values, as: UTF8.self))
    }

    /// The line a template and its values stand for, or nil when they do not fit (another
    /// number of values than the template has slots).
    public static func join(template: String, values: String) -> String? {
        let parts = values.utf8
        var out: [UInt8] = []
        out.reserveCapacity(template.utf8.count + parts.count)
        var next = parts.startIndex   // where the next value starts
        var used = 0
        for byte in template.utf8 {
            guard byte == stringSlot || byte == scalarSlot else {
                out.append(byte)
                continue
            }
            // Past the last value (the one before ended the values): too few.
            guard used == 0 || next < parts.endIndex else { return nil }
            if used > 0 { next = parts.index(after: next) }
            let end = parts[next...].firstIndex(of: separator) ?? parts.endIndex
            out.append(contentsOf: parts[next..<end])
            next = end
            used += 1
        }
        // Every value used: no separator left over (and none at all without a slot).
        guard next == parts.endIndex else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// The index of the quote that ends the string opened at `start`.
    private static func stringEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case backslash: index += 2
            case quote: return index
            default: index += 1
            }
        }
        return nil
    }

    /// Whether the string that ends at `end` is an object's key (a `:` follows it).
    private static func isKey(_ bytes: [UInt8], after end: Int) -> Bool {
        var index = end + 1
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: ":")
    }

    private static func isSlot(_ byte: UInt8) -> Bool {
        byte == stringSlot || byte == scalarSlot || byte == separator
    }

    private static func startsScalar(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "t") || byte == UInt8(ascii: "f") || byte == UInt8(ascii: "n")
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || isSpace(byte)
            || byte == quote || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: ":")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
