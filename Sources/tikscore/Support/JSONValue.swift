import TikScoreCore

/// A JSON value printed with exact numbers and keys in the order given.
///
/// ```swift
/// JSONValue.object([("points", .points(p)), ("usd", .string("5.00"))]).text()
/// // {"points":1000,"usd":"5.00"}
/// ```
indirect enum JSONValue {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    /// A number written exactly as given, e.g. `"20000"` or `"0.5"`.
    case number(String)
    case bool(Bool)
    case null

    static func points(_ p: Points) -> JSONValue { .number(p.description) }
    static func int(_ n: Int64) -> JSONValue { .number(String(n)) }
    static func decimal(_ d: ExactDecimal) -> JSONValue { .number(d.plain) }
    static func usd(_ d: ExactDecimal) -> JSONValue { .string(d.money) }
    static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    /// Pretty text with two-space indentation.
    func text(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        let inner = String(repeating: "  ", count: indent + 1)
        switch self {
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            let body = fields.map { inner + JSONValue.quote($0.0) + ": " + $0.1.text(indent: indent + 1) }
            return "{\n" + body.joined(separator: ",\n") + "\n" + pad + "}"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.text(indent: indent + 1) }.joined(separator: ",\n") + "\n" + pad + "]"
        case .string(let s): return JSONValue.quote(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    /// JSON string literal (the same escaping as the feed's JSON).
    static func quote(_ s: String) -> String { FeedJSON.quoted(s) }
}
