/// Checks payment details the way a checkout form does.
///
/// ```swift
/// try PaymentValidation.cardDigits("4242-4242-4242-4242")   // "4242424242424242"
/// try PaymentValidation.email("ana@example.com")
/// ```
public enum PaymentValidation {
    /// The digits of a card number that passes the Luhn check; spaces and dashes are ignored.
    public static func cardDigits(_ text: String) throws -> String {
        let digits = text.filter { $0 != " " && $0 != "-" }
        guard !digits.isEmpty else { throw WalletError(.invalidCard, "card number is missing") }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw WalletError(.invalidCard, "a card number has only digits")
        }
        guard (12...19).contains(digits.count) else {
            throw WalletError(.invalidCard, "a card number has 12 to 19 digits; this one has \(digits.count)")
        }
        guard luhnValid(digits) else {
            throw WalletError(.invalidCard, "card number \(masked(digits)) is not valid (check digit)")
        }
        return digits
    }

    /// Whether the digits pass the Luhn check.
    public static func luhnValid(_ digits: String) -> Bool {
        var sum = 0
        for (index, ch) in digits.reversed().enumerated() {
            guard let d = ch.wholeNumberValue else { return false }
            if index % 2 == 1 {
                let doubled = d * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += d
            }
        }
        return sum % 10 == 0
    }

    /// A trimmed, plausible email address (one `@`, a dotted domain, no spaces).
    public static func email(_ text: String) throws -> String {
        let address = text.trimmingSpaces()
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let bad = WalletError(.invalidEmail, "'\(address)' is not an email address")
        guard parts.count == 2, !parts[0].isEmpty, !address.contains(where: { $0.isWhitespace }) else { throw bad }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
              domain.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { throw bad }
        return address
    }

    /// `•••• 4242`.
    public static func masked(_ digits: String) -> String { "•••• " + String(digits.suffix(4)) }
}
