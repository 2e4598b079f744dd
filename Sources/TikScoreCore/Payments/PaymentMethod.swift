/// How a recharge is paid. Card numbers are kept only as their last four digits.
///
/// ```swift
/// let method = try PaymentMethod.card(number: "4242 4242 4242 4242")
/// method.display   // "card •••• 4242"
/// ```
public enum PaymentMethod: Sendable, Equatable, Codable {
    case card(last4: String)
    case paypal(email: String)

    /// A validated card method; throws `invalidCard` when the number fails the checks.
    public static func card(number: String) throws -> PaymentMethod {
        let digits = try PaymentValidation.cardDigits(number)
        return .card(last4: String(digits.suffix(4)))
    }

    /// A validated PayPal method; throws `invalidEmail`.
    public static func paypal(address: String) throws -> PaymentMethod {
        .paypal(email: try PaymentValidation.email(address))
    }

    /// Words for receipts.
    public var display: String {
        switch self {
        case .card(let last4): return "card •••• \(last4)"
        case .paypal(let email): return "PayPal \(email)"
        }
    }
}
