import TikScoreCore

/// Reads a whole number of points as typed in a field: "20000" or "20,000"; a fraction, a stray
/// character or an amount too large is refused with words, never read as another number.
///
///     WholePoints.parse("1.5")   // .failure("whole points only: '1.5' has a fraction of a point")
enum WholePoints {
    static func parse(_ text: String) -> Result<Int64, FieldError> {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { return .failure(FieldError("type a number of points")) }
        if trimmed.contains(".") { return .failure(FieldError("whole points only: '\(trimmed)' has a fraction of a point")) }
        let digits = trimmed.replacingOccurrences(of: ",", with: "")
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .failure(FieldError("'\(trimmed)' is not a number of points"))
        }
        guard let whole = Int64(digits) else { return .failure(FieldError("'\(trimmed)' is more points than there are")) }
        return .success(whole)
    }

    /// Like `parse`, and "max" is the largest amount within `balance` that is whole points and
    /// whole cents.
    ///
    ///     WholePoints.parse("max", max: earned, economy: economy)   // .success(24_202) for 24,203 earned
    static func parse(_ text: String, max balance: Points, economy: Economy) -> Result<Int64, FieldError> {
        guard text.trimmingSpaces().lowercased() == "max" else { return parse(text) }
        let largest = economy.largestWholeCentPoints(in: balance)
        return largest > 0 ? .success(largest) : .failure(FieldError("max comes to nothing: you have \(balance.grouped) points"))
    }
}
