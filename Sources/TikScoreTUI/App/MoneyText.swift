import TikScoreCore

/// Money as the dashboard prints it: points grouped, dollars exact when two decimals hold them,
/// otherwise rounded and marked with "≈" (never a floating-point number).
enum MoneyText {
    /// "20,000" or "1,234.5".
    static func points(_ points: Points) -> String { points.grouped }

    /// "$100.00", or "≈$61.73" when the exact value has more than two decimals.
    ///
    ///     MoneyText.usd(try Points(whole: 12_345), economy: economy) // "≈$61.73"
    static func usd(_ points: Points, economy: Economy) -> String {
        guard let exact = try? economy.usd(of: points) else { return "$?" }
        return dollars(exact)
    }

    /// Dollars from an exact amount, marked when rounded.
    static func dollars(_ exact: ExactDecimal) -> String {
        let rounded = exact.rounded(toPlaces: 2)
        let text = "$" + rounded.formatted(grouping: true, minimumFraction: 2)
        return exact.needsRounding(toPlaces: 2) ? "≈" + text : text
    }

    /// "459.38 SAR", marked "≈" when rounded to the currency's decimals.
    static func currency(_ points: Points, _ currency: Currency, economy: Economy) -> String {
        guard let usd = try? economy.usd(of: points), let value = try? economy.convert(usd: usd, to: currency) else { return "? \(currency.code)" }
        let rounded = value.rounded(toPlaces: currency.decimals)
        let text = rounded.formatted(grouping: true, minimumFraction: currency.decimals) + " " + currency.code
        return value.needsRounding(toPlaces: currency.decimals) ? "≈" + text : text
    }

    /// "2,000" diamonds (exact).
    static func diamonds(_ points: Points, economy: Economy) -> String {
        economy.diamonds(of: points).formatted(grouping: true)
    }

    /// "+1,250" or "-20,000".
    static func signed(_ points: Points) -> String {
        points.units >= 0 ? "+" + points.grouped : "-" + Points(units: -points.units).grouped
    }
}

extension MoneyText {
}
