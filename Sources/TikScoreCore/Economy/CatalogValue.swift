import Foundation

/// A JSON value from a catalog file that remembers where it came from, so every complaint
/// names the file and the field. Numbers stay the exact text of the file (`FeedJSON`), so no
/// catalog number ever passes through floating point.
struct CatalogValue {
    let file: String
    let path: String?
    let raw: FeedJSON

    /// A JSON object, or an error.
    func object() throws -> Object {
        guard case .object(let dict) = raw else { throw CatalogError(file: file, field: path, message: "expected an object") }
        return Object(file: file, path: path, dict: dict)
    }

    /// A JSON array, or an error.
    func array() throws -> [CatalogValue] {
        guard case .array(let list) = raw else { throw CatalogError(file: file, field: path, message: "expected a list") }
        return list.enumerated().map { CatalogValue(file: file, path: "[\($0.offset)]", raw: $0.element) }
    }

    /// A JSON object's fields, typed.
    struct Object {
        let file: String
        let path: String?
        let dict: [String: FeedJSON]

        func error(_ field: String, _ message: String) -> CatalogError {
            CatalogError(file: file, field: name(field), message: message)
        }

        func child(_ field: String) throws -> CatalogValue {
            guard let value = dict[field] else { throw error(field, "missing") }
            return CatalogValue(file: file, path: name(field), raw: value)
        }

        func integer(_ field: String) throws -> Int64 {
            guard case .number(let text) = try child(field).raw else { throw error(field, "expected a whole number") }
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
            guard case .bool(let flag) = try child(field).raw else { throw error(field, "expected true or false") }
            return flag
        }

        /// A flag that may be left out (nil then).
        func optionalBool(_ field: String) throws -> Bool? {
            guard dict[field] != nil else { return nil }
            return try bool(field)
        }

        func string(_ field: String) throws -> String {
            guard case .string(let text) = try child(field).raw else { throw error(field, "expected text") }
            return text
        }

        func nonEmptyString(_ field: String) throws -> String {
            let text = try string(field).trimmingSpaces()
            guard !text.isEmpty else { throw error(field, "cannot be empty") }
            return text
        }

        /// A decimal written as a string (`"0.005"`) or a whole JSON number.
        func decimal(_ field: String) throws -> ExactDecimal {
            switch try child(field).raw {
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
