/// An exact amount of points, held as a whole number of hundredths of a point.
///
/// One hundredth is fine enough that half of a 1-point gift is exact:
/// ```swift
/// let gift = try Points(whole: 1)
/// gift.units            // 100
/// try Points.parse("12.5").description   // "12.5"
/// ```
public struct Points: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Base units in one point. A property of the representation, not of the economy.
    public static let unitsPerPoint: Int64 = 100
    /// Decimal places of the base unit.
    public static let fractionDigits = 2

    /// The amount in base units (hundredths of a point).
    public let units: Int64

    /// Zero points.
    public static let zero = Points(units: 0)

    /// An amount of base units.
    public init(units: Int64) {
        self.units = units
    }

    /// A whole number of points; throws on overflow.
    public init(whole: Int64) throws {
        let (value, overflow) = whole.multipliedReportingOverflow(by: Points.unitsPerPoint)
        guard !overflow else { throw WalletError.overflow("\(whole) points") }
        self.units = value
    }

    /// Whether the amount is a whole number of points.
    public var isWhole: Bool { units % Points.unitsPerPoint == 0 }

    /// The whole points in this amount, rounded toward zero.
    public var wholePoints: Int64 { units / Points.unitsPerPoint }

    /// The amount as an exact decimal number of points.
    public var decimal: ExactDecimal { ExactDecimal(significand: units, scale: Points.fractionDigits) }

    /// `a + b`, or an overflow error.
    public func adding(_ other: Points) throws -> Points {
        let (value, overflow) = units.addingReportingOverflow(other.units)
        guard !overflow else { throw WalletError.overflow("adding \(other) to \(self) points") }
        return Points(units: value)
    }

    /// `a - b`, or an overflow error.
    public func subtracting(_ other: Points) throws -> Points {
        let (value, overflow) = units.subtractingReportingOverflow(other.units)
        guard !overflow else { throw WalletError.overflow("subtracting \(other) from \(self) points") }
        return Points(units: value)
    }

    /// `a × n`, or an overflow error.
    public func multiplied(by count: Int64) throws -> Points {
        let (value, overflow) = units.multipliedReportingOverflow(by: count)
        guard !overflow else { throw WalletError.overflow("\(self) points × \(count)") }
        return Points(units: value)
    }

    /// Parses a decimal number of points such as `"20000"`, `"1,000"` or `"0.5"`.
    ///
    /// Rejects signs other than a leading `-`, more than two decimals, and overflow.
    public static func parse(_ text: String) throws -> Points {
        guard let decimal = ExactDecimal(parsing: text) else {
            let body = text.trimmingSpaces().drop { $0 == "-" }.filter { $0 != "," }
            let parts = body.split(separator: ".", omittingEmptySubsequences: false)
            let digits = parts.joined()
            if parts.count <= 2, parts.dropFirst().allSatisfy({ $0.count <= fractionDigits }), digits.count > 18,
               digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw WalletError.overflow("'\(text)' points")
            }
            throw WalletError.invalidAmount("'\(text)' is not a number of points")
        }
        guard let units = decimal.rescaled(to: fractionDigits) else {
            if decimal.scale > fractionDigits {
                throw WalletError.invalidAmount("'\(text)' has more than \(fractionDigits) decimals; the smallest amount is 0.01 points")
            }
            throw WalletError.overflow("'\(text)' points")
        }
        return Points(units: units)
    }

    /// The exact amount, e.g. `"20000"`, `"0.5"`, `"12.25"`.
    public var description: String {
        // Whole points (nearly every amount) are their integer; the decimal text for the rest.
        isWhole ? String(wholePoints) : decimal.plain
    }

    /// The amount with thousands separators, e.g. `"20,000"` or `"1,234.5"`.
    public var grouped: String { decimal.formatted(grouping: true) }

    public static func < (lhs: Points, rhs: Points) -> Bool { lhs.units < rhs.units }
}
