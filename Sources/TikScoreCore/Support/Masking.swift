/// Secrets and personal data shown only as much as a person needs to recognise them: a gift card
/// code is a bearer secret, a PayPal address is personal.
///
/// ```swift
/// Masking.code("AMC-NX22-Z3WY-Y378")     // "AMC-••••-••••-Y378"
/// Masking.email("leo@example.com")        // "l••@example.com"
/// Masking.emails(in: "paid to leo@example.com")   // "paid to l••@example.com"
/// ```
public enum Masking {
    /// A code with every group but the first (the brand) and the last replaced by dots.
    public static func code(_ code: String) -> String {
        let groups = code.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.count > 2 else { return String(repeating: "•", count: max(0, code.count - 4)) + code.suffix(4) }
        let middle = groups.dropFirst().dropLast().map { String(repeating: "•", count: $0.count) }
        return ([String(groups[0])] + middle + [String(groups[groups.count - 1])]).joined(separator: "-")
    }

    /// An address with its local part cut to its first character.
    public static func email(_ address: String) -> String {
        guard let at = address.firstIndex(of: "@"), at != address.startIndex else { return address }
        return String(address[address.startIndex]) + "••" + address[at...]
    }

    /// Every address in free text (a transfer's memo) masked as `email` masks one.
    public static func emails(in text: String) -> String {
        guard mayHoldAddress(text) else { return text }
        let characters = Array(text)
        var out = ""
        var index = 0
        while index < characters.count {
            guard characters[index] == "@", index > 0, !isAddressBoundary(characters[index - 1]) else {
                out.append(characters[index])
                index += 1
                continue
            }
            // The local part is already in `out`: keep its first character only.
            var start = index
            while start > 0, !isAddressBoundary(characters[start - 1]) { start -= 1 }
            out.removeLast(index - start)
            out.append(characters[start])
            out += "••@"
            index += 1
        }
        return out
    }

    /// False when no `@` in `text` can start an address's domain: every one is first or follows
    /// an ASCII boundary (a LIVE memo's `from @kim`). A fast look at the bytes, so memos without
    /// an address are not walked character by character; anything else takes the full walk.
    private static func mayHoldAddress(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count > 1 else { return false }
            for index in 1..<bytes.count where bytes[index] == UInt8(ascii: "@") {
                let before = bytes[index - 1]
                guard before < 0x80, isAddressBoundary(Character(Unicode.Scalar(before))) else { return true }
            }
            return false
        }
    }

    private static func isAddressBoundary(_ character: Character) -> Bool {
        character.isWhitespace || "@()[]<>,;:\"'`".contains(character)
    }
}
