/// A stable 64-bit FNV-1a hash, for ids and codes derived from a command's id.
///
/// ```swift
/// StableHash.hex("k:abc", length: 8)   // same 8 hex digits on every run
/// ```
public enum StableHash {
    /// FNV-1a of the UTF-8 bytes.
    public static func value(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// `length` hex digits (up to 32) of the hash of `text`.
    public static func hex(_ text: String, length: Int) -> String {
        var out = ""
        var round = 0
        while out.count < length {
            let h = value(round == 0 ? text : "\(round):\(text)")
            let digits = String(h, radix: 16)
            out += String(repeating: "0", count: 16 - digits.count) + digits
            round += 1
        }
        return String(out.prefix(length))
    }
}
