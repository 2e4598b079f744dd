/// Every charge and every payout is whole cents. At $0.005 a point, an odd number of points would
/// cost half a cent; such an amount is refused with the nearest amounts that are whole cents.
///
/// ```swift
/// try economy.wholeCents(of: Points(whole: 55_555), buying: "a recharge", allowed: 30...2_500_000)
/// // refused: "55,555 points come to $277.775, not whole cents; choose 55,554 points ($277.77) or 55,556 points ($277.78)"
/// ```
extension Economy {
    /// The smallest number of whole points whose dollar value is whole cents (2 at $0.005 a point).
    public var centStep: Int64 {
        let value = rules.pointValueUSD.normalized
        guard value.scale > 2, let denominator = ExactDecimal.powerOfTen(value.scale - 2) else { return 1 }
        return denominator / Self.gcd(value.significand, denominator)
    }

    /// Whether `points` come to a whole number of cents.
    public func isWholeCents(_ points: Points) -> Bool {
        guard let dollars = try? usd(of: points) else { return false }
        return !dollars.needsRounding(toPlaces: 2)
    }

    /// The dollars of `points` when they are whole cents.
    ///
    /// - Throws: `invalidAmount` naming the nearest whole-cent amounts within `allowed` (whole points).
    public func wholeCents(of points: Points, what: String, allowed: ClosedRange<Int64>) throws -> ExactDecimal {
        let dollars = try usd(of: points)
        guard dollars.needsRounding(toPlaces: 2) else { return dollars }
        let choices = nearestWholeCentAmounts(to: points.wholePoints, allowed: allowed)
        let offered = try choices.map { "\(Grouping.of($0)) points ($\(try usd(of: Points(whole: $0)).money))" }
        let advice = offered.isEmpty ? "no amount in range is" : "choose " + offered.joined(separator: " or ")
        throw WalletError.invalidAmount("\(points.grouped) points come to $\(dollars.plain) for \(what), not whole cents; \(advice)")
    }

    /// The largest whole number of points within `balance` that is whole cents: what "max"
    /// withdraws or gives (0 when there is none).
    ///
    ///     economy.largestWholeCentPoints(in: try Points.parse("24203.5"))   // 24,202 at $0.005 a point
    public func largestWholeCentPoints(in balance: Points) -> Int64 {
        let whole = max(0, balance.wholePoints)
        return whole - whole % centStep
    }

    /// The whole-cent amounts just below and just above `whole` (whole points), within `allowed`.
    public func nearestWholeCentAmounts(to whole: Int64, allowed: ClosedRange<Int64>) -> [Int64] {
        let step = centStep
        let below = whole - ((whole % step) + step) % step
        let (above, overflow) = below.addingReportingOverflow(step)
        return [below, overflow ? nil : above].compactMap { $0 }.filter { allowed.contains($0) && $0 != whole }
    }

    private static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (x, y) = (abs(a), abs(b))
        while y != 0 { (x, y) = (y, x % y) }
        return max(1, x)
    }
}
