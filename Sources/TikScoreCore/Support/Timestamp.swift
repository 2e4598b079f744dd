import Foundation

/// ISO-8601 UTC timestamps with milliseconds, written and read without locale surprises.
///
/// ```swift
/// Timestamp.format(Date(timeIntervalSince1970: 0))   // "1970-01-01T00:00:00.000Z"
/// Timestamp.parse("2026-11-24T10:00:00Z")           // a Date
/// ```
public enum Timestamp {
    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public static func format(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let dayMillis: Int64 = 86_400_000
        var day = millis / dayMillis
        var rest = millis % dayMillis
        if rest < 0 { rest += dayMillis; day -= 1 }
        let calendarDay = CalendarDate(dayNumber: Int(day))
        let h = rest / 3_600_000, m = rest / 60_000 % 60, s = rest / 1000 % 60, ms = rest % 1000
        guard (0...9999).contains(calendarDay.year) else {
            return "\(calendarDay)T\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)).\(pad(ms, 3))Z"
        }
        // Every stored time passes here (exports write one per transfer): the 24 bytes directly.
        return String(unsafeUninitializedCapacity: 24) { out in
            var at = 0
            func put(_ value: Int, _ width: Int) {
                var rest = value
                for offset in stride(from: width - 1, through: 0, by: -1) {
                    out[at + offset] = UInt8(0x30 + rest % 10)
                    rest /= 10
                }
                at += width
            }
            func mark(_ byte: UInt8) {
                out[at] = byte
                at += 1
            }
            put(calendarDay.year, 4); mark(0x2D); put(calendarDay.month, 2); mark(0x2D); put(calendarDay.day, 2)
            mark(0x54); put(Int(h), 2); mark(0x3A); put(Int(m), 2); mark(0x3A); put(Int(s), 2); mark(0x2E); put(Int(ms), 3)
            mark(0x5A)
            return at
        }
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or `±HH:MM`; `nil` otherwise.
    public static func parse(_ text: String) -> Date? {
        if let date = parseStored(text) { return date }
        let t = text.trimmingSpaces()
        if let day = try? CalendarDate.parse(t) { return Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400) }
        guard t.count >= 16, let tIndex = t.firstIndex(where: { $0 == "T" || $0 == " " }),
              let day = try? CalendarDate.parse(String(t[..<tIndex])) else { return nil }
        var rest = Substring(t[t.index(after: tIndex)...])
        var offsetSeconds = 0
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            rest = rest.dropLast()
        } else if rest.count > 6, let signIndex = rest.index(rest.endIndex, offsetBy: -6, limitedBy: rest.startIndex),
                  rest[signIndex] == "+" || rest[signIndex] == "-" {
            let zone = rest[rest.index(after: signIndex)...].split(separator: ":")
            guard zone.count == 2, let zh = Int(zone[0]), let zm = Int(zone[1]), zh < 24, zm < 60 else { return nil }
            offsetSeconds = (zh * 3600 + zm * 60) * (rest[signIndex] == "-" ? -1 : 1)
            rest = rest[..<signIndex]
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        var seconds = 0.0
        var millis = 0
        if parts.count == 3 {
            let secParts = parts[2].split(separator: ".", omittingEmptySubsequences: false)
            guard let s = Int(secParts[0]), (0..<61).contains(s), secParts.count <= 2 else { return nil }
            seconds = Double(s)
            if secParts.count == 2 {
                let digits = secParts[1].prefix(3)
                guard !digits.isEmpty, let f = Int(digits), secParts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
                millis = f * (digits.count == 1 ? 100 : digits.count == 2 ? 10 : 1)
            }
        }
        let total = Double(day.dayNumber) * 86_400 + Double(h * 3600 + m * 60) + seconds - Double(offsetSeconds)
        return Date(timeIntervalSince1970: total + Double(millis) / 1000)
    }

    /// The form `format` writes (every stored time), read as bytes; nil for anything else.
    private static func parseStored(_ text: String) -> Date? {
        let parsed = text.utf8.withContiguousStorageIfAvailable { b -> Date? in
            // YYYY-MM-DDTHH:MM:SS.mmmZ
            guard b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x2E,
                  b[23] == 0x5A else { return nil }
            func number(_ from: Int, _ count: Int) -> Int? {
                var value = 0
                for i in from..<(from + count) {
                    let digit = Int(b[i]) - 0x30
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let dayOfMonth = number(8, 2),
                  let day = CalendarDate(year: year, month: month, day: dayOfMonth),
                  let h = number(11, 2), let m = number(14, 2), let s = number(17, 2), let millis = number(20, 3),
                  h < 24, m < 60, s < 61 else { return nil }
            let total = Double(day.dayNumber) * 86_400 + Double(h * 3600 + m * 60) + Double(s)
            return Date(timeIntervalSince1970: total + Double(millis) / 1000)
        }
        return parsed ?? nil
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
