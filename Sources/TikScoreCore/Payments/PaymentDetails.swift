/// How a buyer pays, as typed. Its description never shows a whole card number.
///
/// ```swift
/// let (details, method) = try PaymentDetails.card(number: "4242 4242 4242 4242").validated()
/// method.display   // "card •••• 4242"
/// ```
public enum PaymentDetails: Sendable, Equatable, CustomStringConvertible {
    case card(number: String)
    case paypal(email: String)

    /// The checked details (a card as its digits, an address trimmed) and the method a receipt keeps.
    ///
    /// - Throws: `WalletError` `invalidCard` or `invalidEmail`.
    public func validated() throws -> (details: PaymentDetails, method: PaymentMethod) {
        switch self {
        case .card(let number):
            let digits = try PaymentValidation.cardDigits(number)
            return (.card(number: digits), .card(last4: String(digits.suffix(4))))
        case .paypal(let email):
            let address = try PaymentValidation.email(email)
            return (.paypal(email: address), .paypal(email: address))
        }
    }

    /// The digits of a card number as typed (spaces and dashes dropped).
    static func digits(of number: String) -> String { number.filter { $0 != " " && $0 != "-" } }

    public var description: String {
        switch self {
        case .card(let number): return "card " + PaymentValidation.masked(Self.digits(of: number))
        case .paypal(let email): return "PayPal \(email)"
        }
    }
}
