import TikScoreCore

/// Why a typed value is not accepted yet, in words for the line under the field.
struct FieldError: Error, Hashable, Sendable {
    var message: String

    init(_ message: String) { self.message = message }
}
