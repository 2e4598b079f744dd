import Foundation

/// A JSON value from a catalog file that remembers where it came from, so every complaint
/// names the file and the field. Numbers stay the exact text of the file (`FeedJSON`), so no
/// catalog number ever passes through floating point.
struct CatalogValue {
    let file: String
    /// Where the value is in its file, written out only for a complaint (a catalog of a thousand
    /// gifts is read at every start).
    let location: Location
    let raw: FeedJSON

    init(file: String, path: String?, raw: FeedJSON) {
        self.init(file: file, location: Location(parent: path, index: nil), raw: raw)
    }

    private init(file: String, location: Location, raw: FeedJSON) {
        self.file = file
        self.location = location
        self.raw = raw
    }

    /// A field path (`[3].name`) in parts.
    struct Location {
        var parent: String?
        var index: Int?

        var text: String? {
            guard let index else { return parent }
            return (parent ?? "") + "[\(index)]"
        }
    }

    var path: String? { location.text }

    /// A JSON object, or an error.
    func object() throws -> Object {
        guard case .object(let dict) = raw else { throw CatalogError(file: file, field: path, message: "expected an object") }
        return Object(file: file, location: location, dict: dict)
    }

    /// A JSON array, or an error.
    func array() throws -> [CatalogValue] {
        guard case .array(let list) = raw else { throw CatalogError(file: file, field: path, message: "expected a list") }
        let parent = path
        return list.enumerated().map { CatalogValue(file: file, location: Location(parent: parent, index: $0.offset), raw: $0.element) }
    }

    /// A JSON object's fields, typed.
    struct Object {
        let file: String
        let location: Location
        let dict: [String: FeedJSON]

        var path: String? { location.text }

        func error(_ field: String, _ message: String) -> CatalogError {
            CatalogError(file: file, field: name(field), message: message)
        }

        func child(_ field: String) throws -> CatalogValue {
            CatalogValue(file: file, path: name(field), raw: try value(field))
        }

        /// The field's raw value (its path is written out only in a complaint).
        private func value(_ field: String) throws -> FeedJSON {
            guard let value = dict[field] else { throw error(field, "missing") }
            return value
        }

        func integer(_ field: String) throws -> Int64 {
            guard case .number(let text) = try value(field) else { throw error(field, "expected a whole number") }
            guard let whole = FeedJSON.exactInt64(fromNumberText: text) else { throw error(field, "expected a whole number (got \(text))") }
            return whole
        }

        func positiveInteger(_ field: String) throws -> Int64 {
            let value = try integer(field)
            guard value > 0 else { throw error(field, "must be above zero (got \(value))") }
            guard (try? Points(whole: value)) != nil else { throw error(field, "too large (got \(value))") }
            return value
        }

        func bool(_ field: String) throws -> Bool {
            guard case .bool(let flag) = try value(field) else { throw error(field, "expected true or false") }
            return flag
        }

        /// A flag that may be left out (nil then).
        func optionalBool(_ field: String) throws -> Bool? {
            guard dict[field] != nil else { return nil }
            return try bool(field)
        }

        func string(_ field: String) throws -> String {
            guard case .string(let text) = try value(field) else { throw error(field, "expected text") }
            return text
        }

        func nonEmptyString(_ field: String) throws -> String {
            let text = try string(field).trimmingSpaces()
            guard !text.isEmpty else { throw error(field, "cannot be empty") }
            return text
        }

        /// A decimal written as a string (`"0.005"`) or a whole JSON number.
        func decimal(_ field: String) throws -> ExactDecimal {
            switch try value(field) {
            case .string(let text):
                if let decimal = ExactDecimal(parsing: text) { return decimal }
            case .number(let text):
                if let whole = FeedJSON.exactInt64(fromNumberText: text) { return ExactDecimal(significand: whole, scale: 0) }
            default:
                break
            }
            throw error(field, "expected an exact decimal written as a string, e.g. \"0.005\"")
        }

        private func name(_ field: String) -> String {
            guard let path else { return field }
            return path + "." + field
        }
    }
}
