/// A minimal JSON value written in one canonical form: object keys sorted by their UTF-8 bytes,
/// no whitespace, integers only, strings escaped the same way on every platform and toolchain.
/// Used for idempotency fingerprints, which are stored forever and compared byte for byte.
///
/// ```swift
/// CanonicalJSON.object(["b": .int(2), "a": .string("x")]).text   // {"a":"x","b":2}
/// ```
public enum CanonicalJSON: Sendable, Equatable {
    case string(String)
    case int(Int64)
    case bool(Bool)
    case null
    case object([String: CanonicalJSON])

    /// An optional string, `null` when absent.
    public static func optional(_ value: String?) -> CanonicalJSON { value.map(CanonicalJSON.string) ?? .null }

    /// The canonical text.
    public var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .string(let value): Self.writeString(value, into: &out)
        case .int(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        case .object(let fields):
            out += "{"
            for (index, key) in fields.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }).enumerated() {
                if index > 0 { out += "," }
                Self.writeString(key, into: &out)
                out += ":"
                fields[key]?.write(into: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ value: String, into out: inout String) {
        out += FeedJSON.quoted(value)
    }
}
