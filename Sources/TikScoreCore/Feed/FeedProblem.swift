/// Why a feed line was not used. Bad lines are counted and reported by kind; they never stop a feed.
public struct FeedProblem: Error, Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// An empty or blank line (feed readers skip these rather than count them).
        case emptyLine
        /// Not valid JSON.
        case notJSON
        /// Valid JSON but not an object (an array, a number…).
        case notAnObject
        /// `event` names an event this feed does not read.
        case unknownEvent(String)
        /// A required field is absent (or null).
        case missingField(String)
        /// A field has the wrong JSON type (e.g. a word where a number is expected).
        case wrongType(String)
        /// A field has the right type but an impossible value (negative, absurdly large, 0 count…).
        case badValue(String)
        /// Points would overflow a 64-bit integer (price × count, or a running total).
        case overflow(String)
    }

    public let kind: Kind
    /// Extra context for the message (the JSON parser's reason, the offending value…).
    public let detail: String?

    public init(_ kind: Kind, detail: String? = nil) {
        self.kind = kind
        self.detail = detail
    }

    /// A stable name for reports and counters: `notJSON`, `notAnObject`, `unknownEvent`,
    /// `missingField`, `wrongType`, `badValue`, `overflow`, `emptyLine`.
    public var kindName: String {
        switch kind {
        case .emptyLine: return "emptyLine"
        case .notJSON: return "notJSON"
        case .notAnObject: return "notAnObject"
        case .unknownEvent: return "unknownEvent"
        case .missingField: return "missingField"
        case .wrongType: return "wrongType"
        case .badValue: return "badValue"
        case .overflow: return "overflow"
        }
    }

    /// A finer key: the kind name plus the field or event (`missingField:giftId`, `unknownEvent:chat`).
    public var detailedKindName: String {
        switch kind {
        case .unknownEvent(let name), .missingField(let name), .wrongType(let name), .badValue(let name), .overflow(let name):
            return kindName + ":" + name
        case .emptyLine, .notJSON, .notAnObject:
            return kindName
        }
    }

    /// One human line, e.g. `missing field "giftId"`.
    public var message: String {
        let base: String
        switch kind {
        case .emptyLine: base = "empty line"
        case .notJSON: base = "not JSON"
        case .notAnObject: base = "not a JSON object"
        case .unknownEvent(let name): base = "unknown event \"\(name)\""
        case .missingField(let name): base = "missing field \"\(name)\""
        case .wrongType(let name): base = "field \"\(name)\" has the wrong type"
        case .badValue(let name): base = "field \"\(name)\" has an impossible value"
        case .overflow(let name): base = "field \"\(name)\" makes the points overflow"
        }
        guard let detail, !detail.isEmpty else { return base }
        return base + " (" + detail + ")"
    }
}

/// Bounds beyond which a count that earns nothing (likes, viewers, battle scores) is absurd and
/// its line is bad. Gift prices and counts are bounded by the economy's `feed` rules instead
/// (`FeedTrust`), so that the numbers live in `Resources/`.
public struct FeedLimits: Sendable, Hashable {
    /// Largest like count, like total, viewer count or battle score accepted.
    public var maxCount: Int64

    public init(maxCount: Int64 = 1_000_000_000_000) {
        self.maxCount = maxCount
    }

    public static let standard = FeedLimits()
}

/// Field access over a JSON object that accepts camelCase and snake_case spellings and treats
/// `null` as absent.
struct FeedFields {
    let object: [String: FeedJSON]
    /// Whether some key has an underscore: only then can a snake_case spelling be present.
    private let hasSnakeKeys: Bool

    init(_ object: [String: FeedJSON]) {
        self.object = object
        hasSnakeKeys = object.keys.contains { $0.utf8.contains(UInt8(ascii: "_")) }
    }

    static func snakeCase(_ name: String) -> String {
        // Field names are ASCII: a byte pass (this runs for every field of every line).
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            guard name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return name }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count + 4)
            for byte in name.utf8 {
                if byte >= 0x41 && byte <= 0x5A {
                    bytes.append(0x5F)
                    bytes.append(byte + 0x20)
                } else {
                    bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        for character in name {
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// The first present, non-null value among the names (each also tried in snake_case).
    func raw(_ names: [String]) -> FeedJSON? {
        for name in names {
            if let value = object[name], value != .null { return value }
            guard hasSnakeKeys else { continue }
            let snake = FeedFields.snakeCase(name)
            if snake != name, let value = object[snake], value != .null { return value }
        }
        return nil
    }

    func has(_ names: String...) -> Bool { raw(names) != nil }

    /// An integer given as a JSON number or a decimal string. `label` names it in problems.
    func int(_ names: String..., label: String? = nil) throws(FeedProblem) -> Int64? {
        try int(names, label: label)
    }

    func int(_ names: [String], label: String? = nil) throws(FeedProblem) -> Int64? {
        let name = label ?? names.first ?? "?"
        guard let value = raw(names) else { return nil }
        switch value {
        case .number(let text):
            if let exact = FeedJSON.exactInt64(fromNumberText: text) { return exact }
            // Integral but too large, or fractional: both are impossible values here.
            throw FeedProblem(.badValue(name), detail: text)
        case .string(let text):
            let trimmed = text.trimmingWhitespace
            guard let exact = FeedJSON.exactInt64(fromNumberText: trimmed) else {
                let digits = trimmed.hasPrefix("-") ? String(trimmed.dropFirst()) : trimmed
                if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    throw FeedProblem(.badValue(name), detail: trimmed)
                }
                throw FeedProblem(.wrongType(name), detail: "\"\(text)\"")
            }
            return exact
        default:
            throw FeedProblem(.wrongType(name), detail: value.compactText)
        }
    }

    func requiredInt(_ names: String..., label: String? = nil) throws(FeedProblem) -> Int64 {
        guard let value = try int(names, label: label) else { throw FeedProblem(.missingField(label ?? names.first ?? "?")) }
        return value
    }

    func string(_ names: String..., label: String? = nil) throws(FeedProblem) -> String? {
        guard let value = raw(names) else { return nil }
        guard case .string(let text) = value else {
            throw FeedProblem(.wrongType(label ?? names.first ?? "?"), detail: value.compactText)
        }
        return text.isEmpty ? nil : text
    }

    /// An id given as a string or an integer number, returned as exact text (never rounded).
    func id(_ names: String..., label: String? = nil) throws(FeedProblem) -> String? {
        guard let value = raw(names) else { return nil }
        let name = label ?? names.first ?? "?"
        switch value {
        case .string(let text):
            let trimmed = text.trimmingWhitespace
            return trimmed.isEmpty ? nil : trimmed
        case .number(let text):
            let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw FeedProblem(.badValue(name), detail: text)
            }
            return text
        default:
            throw FeedProblem(.wrongType(name), detail: value.compactText)
        }
    }

    /// A flag given as `true`/`false`, `0`/`1`, or the strings `"0"`, `"1"`, `"true"`, `"false"`.
    func flag(_ names: String..., label: String? = nil) throws(FeedProblem) -> Bool? {
        guard let value = raw(names) else { return nil }
        let name = label ?? names.first ?? "?"
        switch value {
        case .bool(let flag): return flag
        case .number(let text):
            if text == "0" { return false }
            if text == "1" { return true }
            throw FeedProblem(.badValue(name), detail: text)
        case .string(let text):
            switch text.trimmingWhitespace.lowercased() {
            case "0", "false": return false
            case "1", "true": return true
            default: throw FeedProblem(.wrongType(name), detail: "\"\(text)\"")
            }
        default:
            throw FeedProblem(.wrongType(name), detail: value.compactText)
        }
    }

    func object(_ names: String..., label: String? = nil) throws(FeedProblem) -> FeedFields? {
        guard let value = raw(names) else { return nil }
        guard case .object(let members) = value else {
            throw FeedProblem(.wrongType(label ?? names.first ?? "?"), detail: value.compactText)
        }
        return FeedFields(members)
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
