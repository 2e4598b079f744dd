/// An exact decimal number: `significand × 10^-scale`, with checked arithmetic.
///
/// Used for every dollar figure, so no floating point ever touches money:
/// ```swift
/// let price = ExactDecimal(parsing: "0.005")!      // 5 × 10^-3
/// price.multiplied(by: ExactDecimal(significand: 1000, scale: 0))?.money  // "5.00"
/// ```
public struct ExactDecimal: Hashable, Sendable, CustomStringConvertible {
    /// The integer digits of the number.
    public let significand: Int64
    /// How many of the digits are after the decimal point.
    public let scale: Int

    /// `significand × 10^-scale`.
    public init(significand: Int64, scale: Int) {
        self.significand = significand
        self.scale = max(0, scale)
    }

    /// Parses `"12"`, `"-0.005"`, `"1,000.50"`; `nil` for anything else or on overflow.
    ///
    /// Commas are accepted only as thousands separators before the decimal point.
    public init?(parsing text: String) {
        var body = Substring(text.trimmingSpaces())
        var negative = false
        if body.first == "-" {
            negative = true
            body = body.dropFirst()
        } else if body.first == "+" {
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let integerPart = parts.first else { return nil }
        let integerDigits = integerPart.replacingCommas()
        guard let integerDigits else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard !(integerDigits.isEmpty && fraction.isEmpty) else { return nil }
        guard (integerDigits + fraction).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var value: Int64 = 0
        for digit in integerDigits + fraction {
            guard let d = digit.wholeNumberValue else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(d))
            guard !o1, !o2 else { return nil }
            value = sum
        }
        self.init(significand: negative ? -value : value, scale: fraction.count)
    }

    /// Zero.
    public static let zero = ExactDecimal(significand: 0, scale: 0)

    /// Whether the number is below zero.
    public var isNegative: Bool { significand < 0 }

    /// The same value at a larger scale, or `nil` on overflow or when digits would be lost.
    public func rescaled(to newScale: Int) -> Int64? {
        if newScale >= scale {
            guard let factor = ExactDecimal.powerOfTen(newScale - scale) else { return nil }
            let (value, overflow) = significand.multipliedReportingOverflow(by: factor)
            return overflow ? nil : value
        }
        guard let factor = ExactDecimal.powerOfTen(scale - newScale) else { return nil }
        guard significand % factor == 0 else { return nil }
        return significand / factor
    }

    /// The value with trailing zero decimals removed.
    public var normalized: ExactDecimal {
        var s = significand
        var k = scale
        while k > 0, s % 10 == 0 {
            s /= 10
            k -= 1
        }
        return ExactDecimal(significand: s, scale: k)
    }

    /// `self × other`, exact, or `nil` on overflow.
    public func multiplied(by other: ExactDecimal) -> ExactDecimal? {
        let a = normalized
        let b = other.normalized
        let (value, overflow) = a.significand.multipliedReportingOverflow(by: b.significand)
        guard !overflow else { return nil }
        return ExactDecimal(significand: value, scale: a.scale + b.scale).normalized
    }

    /// `self + other`, exact, or `nil` on overflow.
    public func adding(_ other: ExactDecimal) -> ExactDecimal? {
        let common = max(scale, other.scale)
        guard let a = rescaled(to: common), let b = other.rescaled(to: common) else { return nil }
        let (value, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : ExactDecimal(significand: value, scale: common)
    }

    /// `self ÷ other` when the quotient is an exact decimal of at most `maxScale` places;
    /// otherwise `nil`.
    public func divided(by other: ExactDecimal, maxScale: Int = 12) -> ExactDecimal? {
        let a = normalized
        let b = other.normalized
        guard b.significand != 0 else { return nil }
        // a/b = (a.s / b.s) × 10^(b.scale - a.scale); search the smallest extra scale that divides.
        for extra in 0...maxScale {
            guard let factor = ExactDecimal.powerOfTen(extra) else { return nil }
            let (numerator, overflow) = a.significand.multipliedReportingOverflow(by: factor)
            guard !overflow else { return nil }
            if numerator % b.significand == 0 {
                let quotient = numerator / b.significand
                let resultScale = a.scale - b.scale + extra
                if resultScale >= 0 {
                    return ExactDecimal(significand: quotient, scale: resultScale).normalized
                }
                guard let up = ExactDecimal.powerOfTen(-resultScale) else { return nil }
                let (scaled, o) = quotient.multipliedReportingOverflow(by: up)
                return o ? nil : ExactDecimal(significand: scaled, scale: 0)
            }
        }
        return nil
    }

    /// Rounds half away from zero to `places` decimals (for display only).
    public func rounded(toPlaces places: Int) -> ExactDecimal {
        guard scale > places, let factor = ExactDecimal.powerOfTen(scale - places) else { return self }
        let quotient = significand / factor
        let remainder = significand % factor
        let half = factor / 2
        var result = quotient
        if remainder >= half && remainder > 0 { result += 1 }
        if remainder <= -half && remainder < 0 { result -= 1 }
        return ExactDecimal(significand: result, scale: places)
    }

    /// Whether rounding to `places` would change the value.
    public func needsRounding(toPlaces places: Int) -> Bool {
        normalized.scale > places
    }

    /// The shortest exact text: `"0.005"`, `"5"`, `"74.9975"`.
    public var plain: String { normalized.text(minimumFraction: 0, grouping: false) }

    /// Money text: at least two decimals, more only when exact needs them: `"5.00"`, `"0.005"`, `"74.9975"`.
    public var money: String { normalized.text(minimumFraction: 2, grouping: false) }

    /// Exact text with optional thousands separators and a minimum count of decimals.
    public func formatted(grouping: Bool, minimumFraction: Int = 0) -> String {
        normalized.text(minimumFraction: minimumFraction, grouping: grouping)
    }

    public var description: String { plain }

    private func text(minimumFraction: Int, grouping: Bool) -> String {
        let magnitude = significand.magnitude
        var digits = String(magnitude)
        if digits.count <= scale {
            digits = String(repeating: "0", count: scale - digits.count + 1) + digits
        }
        let splitIndex = digits.index(digits.endIndex, offsetBy: -scale)
        var integerPart = String(digits[..<splitIndex])
        var fractionPart = String(digits[splitIndex...])
        if fractionPart.count < minimumFraction {
            fractionPart += String(repeating: "0", count: minimumFraction - fractionPart.count)
        }
        if grouping { integerPart = ExactDecimal.group(integerPart) }
        let sign = significand < 0 ? "-" : ""
        return fractionPart.isEmpty ? sign + integerPart : sign + integerPart + "." + fractionPart
    }

    private static func group(_ digits: String) -> String {
        var out: [Character] = []
        for (index, ch) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    /// 10^n as Int64, or `nil` past 10^18.
    static func powerOfTen(_ n: Int) -> Int64? {
        guard n >= 0, n <= 18 else { return nil }
        var value: Int64 = 1
        for _ in 0..<n { value *= 10 }
        return value
    }
}

private extension Substring {
    /// The digits with thousands separators removed, or `nil` if commas are misplaced.
    func replacingCommas() -> String? {
        guard contains(",") else { return String(self) }
        let groups = split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) else { return nil }
        for group in groups.dropFirst() where group.count != 3 { return nil }
        return groups.joined()
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    public func trimmingSpaces() -> String {
        // Text that starts and ends with a visible ASCII byte has nothing to trim: no grapheme
        // walk and no copy (catalog names and feed fields nearly always look like that).
        if let first = utf8.first, let last = utf8.last, Self.isVisibleASCII(first), Self.isVisibleASCII(last) {
            return self
        }
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }

    private static func isVisibleASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
}
