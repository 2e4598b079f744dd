#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Darwin)
private func systemWcwidth(_ c: wchar_t) -> Int32 { wcwidth(c) }
#else
/// glibc declares `wcwidth` only under _XOPEN_SOURCE, which Swift's Glibc module does not set,
/// so it is bound by symbol name (only the backend may import CNCursesW).
@_silgen_name("wcwidth")
private func systemWcwidth(_ c: wchar_t) -> Int32
#endif

/// Display width of characters and strings in terminal columns, as `wcwidth` sees them.
///
///     CharWidth.width("李小龙")   // 6
///     CharWidth.width("🎉Ana")   // 5
///     CharWidth.truncate("Supercalifragilistic", toWidth: 8) // "Superca…"
public enum CharWidth {
    /// Sets a UTF-8 `LC_CTYPE` once so that `wcwidth` knows non-ASCII characters.
    /// Tries the user's locale first, then C.UTF-8 and en_US.UTF-8.
    private static let localeIsReady: Bool = {
        _ = setlocale(LC_ALL, "")
        if ctypeIsUTF8() { return true }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            if ctypeIsUTF8() { return true }
        }
        return false
    }()

    private static func ctypeIsUTF8() -> Bool {
        guard let name = setlocale(LC_CTYPE, nil) else { return false }
        let text = String(cString: name).lowercased()
        return text.contains("utf-8") || text.contains("utf8")
    }

    /// Columns taken by one grapheme: 0 for control characters, 2 for wide ones.
    ///
    ///     CharWidth.width(Character("é")) // 1
    ///     CharWidth.width(Character("👍🏽")) // 2
    public static func width(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if isControl(first) { return 0 }
        if scalars.count > 1 {
            var regionalIndicators = 0
            var hasZWJ = false
            var emojiCount = 0
            for scalar in scalars {
                switch scalar.value {
                case 0xFE0F: return 2 // emoji presentation selector
                case 0x200D: hasZWJ = true
                case 0x1F1E6...0x1F1FF: regionalIndicators += 1
                case 0x1F3FB...0x1F3FF: return 2 // skin tone modifier
                default: break
                }
                if scalar.properties.isEmoji { emojiCount += 1 }
            }
            if regionalIndicators >= 2 { return 2 }
            if hasZWJ && emojiCount >= 2 { return 2 }
        }
        var widest = 0
        for scalar in scalars {
            widest = max(widest, width(scalar))
            if widest >= 2 { return 2 }
        }
        return widest
    }

    /// Columns taken by one unicode scalar (0, 1 or 2).
    ///
    ///     CharWidth.width(Unicode.Scalar(0x301)!) // 0, combining acute accent
    public static func width(_ scalar: Unicode.Scalar) -> Int {
        if isControl(scalar) { return 0 }
        if scalar.value < 0x7F { return 1 }
        if scalar.properties.isEmojiPresentation { return 2 }
        _ = localeIsReady
        let measured = Int(systemWcwidth(wchar_t(bitPattern: scalar.value)))
        if measured >= 0 { return min(measured, 2) }
        return fallbackWidth(scalar)
    }

    /// Columns taken by a string: the sum of its graphemes' widths.
    ///
    ///     CharWidth.width("محمد") // 4
    public static func width(_ string: some StringProtocol) -> Int {
        string.reduce(0) { $0 + width($1) }
    }

    /// Cuts `string` to at most `width` columns, ending with `ellipsis` when something was cut.
    /// Never splits a wide character; the result may be one column short instead.
    ///
    ///     CharWidth.truncate("李小龙", toWidth: 4)  // "李…"
    ///     CharWidth.truncate("abc", toWidth: 5)    // "abc"
    public static func truncate(_ string: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if self.width(string) <= width { return string }
        let ellipsisWidth = self.width(ellipsis)
        let room = width - ellipsisWidth
        if room < 0 { return prefix(ellipsis, width: width) }
        return prefix(string, width: room) + ellipsis
    }

    /// The longest prefix of `string` that fits in `width` columns (no ellipsis).
    ///
    ///     CharWidth.prefix("李小龙", width: 3) // "李"
    public static func prefix(_ string: String, width: Int) -> String {
        var used = 0
        var result = ""
        for character in string {
            let w = self.width(character)
            if used + w > width { break }
            used += w
            result.append(character)
        }
        return result
    }

    /// Truncates then pads with spaces on the right to exactly `width` columns.
    ///
    ///     CharWidth.padRight("李", toWidth: 4) // "李  "
    public static func padRight(_ string: String, toWidth width: Int, ellipsis: String = "…") -> String {
        let cut = truncate(string, toWidth: width, ellipsis: ellipsis)
        return cut + String(repeating: " ", count: max(0, width - self.width(cut)))
    }

    /// Truncates then pads with spaces on the left to exactly `width` columns (right-aligns).
    ///
    ///     CharWidth.padLeft("42", toWidth: 5) // "   42"
    public static func padLeft(_ string: String, toWidth width: Int, ellipsis: String = "…") -> String {
        let cut = truncate(string, toWidth: width, ellipsis: ellipsis)
        return String(repeating: " ", count: max(0, width - self.width(cut))) + cut
    }

    /// Truncates then pads on both sides to exactly `width` columns (extra space goes right).
    ///
    ///     CharWidth.center("ab", toWidth: 6) // "  ab  "
    public static func center(_ string: String, toWidth width: Int, ellipsis: String = "…") -> String {
        let cut = truncate(string, toWidth: width, ellipsis: ellipsis)
        let spare = max(0, width - self.width(cut))
        return String(repeating: " ", count: spare / 2) + cut + String(repeating: " ", count: spare - spare / 2)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }

    /// Used when `wcwidth` does not know the scalar (-1): marks and format characters are 0,
    /// East Asian wide and fullwidth ranges are 2, everything else 1.
    static func fallbackWidth(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        case .control: return 0
        default: break
        }
        return eastAsianWide.contains { $0.contains(scalar.value) } ? 2 : 1
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks, plus the emoji planes.
    private static let eastAsianWide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
        0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB,
        0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
