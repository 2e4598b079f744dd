import ArgumentParser
import TikScoreCore

/// Numbers typed as arguments, checked while the command line is parsed: a value that is not a
/// number, has too many decimals, is out of range or is not positive is a usage error (exit 64),
/// before any wallet is opened.
///
/// ```swift
/// try NumberArguments.points("-5", name: "points")   // ValidationError "points must be positive (got -5)"
/// ```
enum NumberArguments {
    /// A positive amount of points, up to two decimals.
    ///
    /// - Throws: `ValidationError` naming the argument.
    static func points(_ text: String, name: String) throws -> Points {
        let amount: Points
        do {
            amount = try Points.parse(text)
        } catch let error as WalletError {
            throw ValidationError("\(name): \(error.message)")
        }
        guard amount.units > 0 else { throw ValidationError("\(name) must be positive (got \(text))") }
        return amount
    }

    /// `max`, or a positive amount of points as `points` reads it.
    ///
    /// - Throws: `ValidationError` naming the argument.
    static func pointsOrMax(_ text: String, name: String) throws -> Points? {
        if text.lowercased() == "max" { return nil }
        return try points(text, name: name)
    }

    /// The amount `text` names: `max` is the largest whole-point, whole-cent amount of `balance`.
    ///
    /// - Throws: `ValidationError` for a bad amount; `invalidAmount` saying `nothing` when `max`
    ///   comes to no points.
    static func resolve(_ text: String, name: String, max balance: Points, economy: Economy, nothing: String) throws -> Points {
        if let amount = try pointsOrMax(text, name: name) { return amount }
        let largest = economy.largestWholeCentPoints(in: balance)
        guard largest > 0 else { throw WalletError.invalidAmount("max comes to nothing: \(nothing) (\(balance.grouped))") }
        return try Points(whole: largest)
    }

    /// A whole number within `range`, for an option already parsed as an integer.
    ///
    /// - Throws: `ValidationError` "--NAME must be LOW to HIGH (got N)".
    static func check<T: BinaryInteger>(_ value: T?, _ option: String, in range: ClosedRange<T>) throws {
        guard let value, !range.contains(value) else { return }
        if range.upperBound == T(Int64.max) {
            throw ValidationError("\(option) must be at least \(Grouping.of(Int64(range.lowerBound))) (got \(value))")
        }
        throw ValidationError("\(option) must be \(Grouping.of(Int64(range.lowerBound))) to \(Grouping.of(Int64(range.upperBound))) (got \(value))")
    }
}
