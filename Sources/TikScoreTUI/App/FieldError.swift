/// Why a typed value is not accepted yet, in words for the line under the field.
public struct FieldError: Error, Hashable, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }
}
