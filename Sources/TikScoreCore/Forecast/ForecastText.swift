/// The forecast as a sentence, the same on the home screen, the withdrawal stepper and `balance`.
///
/// ```swift
/// try ForecastText.sentence(forecast, economy: economy)
/// // "at this rate you reach the $100 minimum in 41 min"
/// ```
public enum ForecastText {
    /// The sentence, or nil when there is no forecast to tell.
    ///
    /// - Throws: when the catalogs cannot price the minimum.
    public static func sentence(_ forecast: EarningsForecast, economy: Economy) throws -> String? {
        guard let minutes = forecast.minutesToMinimum else { return nil }
        return "at this rate you reach the \(try minimum(economy)) minimum in \(duration(minutes))"
    }

    /// The withdrawal minimum in dollars: `$100`, or `$100.50` when it has cents.
    public static func minimum(_ economy: Economy) throws -> String {
        let usd = try economy.usd(of: economy.rules.minimumWithdrawal).normalized
        return "$" + usd.formatted(grouping: true, minimumFraction: usd.scale > 0 ? 2 : 0)
    }

    /// `41 min`, `2 h 5 min`, `3 h`.
    public static func duration(_ minutes: Int64) -> String {
        guard minutes >= 60 else { return "\(minutes) min" }
        let hours = minutes / 60, rest = minutes % 60
        return rest == 0 ? "\(Grouping.of(hours)) h" : "\(Grouping.of(hours)) h \(rest) min"
    }
}
