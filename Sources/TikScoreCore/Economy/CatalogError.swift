/// A catalog file that is missing, malformed or inconsistent, named down to the field.
///
/// ```swift
/// CatalogError(file: "economy.json", field: "commission_percent", message: "must be between 0 and 100")
/// // "economy.json: commission_percent: must be between 0 and 100"
/// ```
public struct CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var field: String?
    public var message: String

    public init(file: String, field: String?, message: String) {
        self.file = file
        self.field = field
        self.message = message
    }

    public var description: String {
        if let field { return "\(file): \(field): \(message)" }
        return "\(file): \(message)"
    }
}
