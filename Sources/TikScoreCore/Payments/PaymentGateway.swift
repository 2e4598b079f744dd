/// What a payment provider answered.
public enum GatewayAnswer: Sendable, Equatable, Codable {
    /// Accepted, with the provider's reference.
    case approved(reference: String)
    /// Refused, with the provider's reason.
    case declined(reason: String)
}

/// A payment provider: charges for recharges, payouts for withdrawals.
///
/// A real provider is called outside any database transaction, with the command's key as its
/// idempotency key, so a retried command is never charged or paid twice.
public protocol PaymentGateway: Sendable {
    /// Charges `amountUSD` dollars.
    func charge(amountUSD: ExactDecimal, cardNumber: String?, paypal: String?, idempotencyKey: String) -> GatewayAnswer
    /// Pays `amountUSD` dollars to a PayPal account.
    func payout(amountUSD: ExactDecimal, paypal: String, idempotencyKey: String) -> GatewayAnswer
}

/// The sandbox provider, following the public test conventions.
///
/// - `4242424242424242` is approved, `4000000000000002` is declined, any other Luhn-valid
///   number is approved.
/// - PayPal accepts a valid address; one at `fail.example` fails the payment or payout.
///
/// ```swift
/// SandboxGateway().charge(amountUSD: price, cardNumber: "4000000000000002", paypal: nil, idempotencyKey: "k")
/// // .declined(reason: "card declined by the issuer (test card 4000 0000 0000 0002)")
/// ```
public struct SandboxGateway: PaymentGateway {
    public init() {}

    public func charge(amountUSD: ExactDecimal, cardNumber: String?, paypal: String?, idempotencyKey: String) -> GatewayAnswer {
        if let cardNumber {
            if cardNumber == "4000000000000002" {
                return .declined(reason: "card declined by the issuer")
            }
            return .approved(reference: "ch_" + StableHash.hex(idempotencyKey, length: 12))
        }
        if let paypal, isFailingDomain(paypal) {
            return .declined(reason: "PayPal could not take the payment from \(paypal)")
        }
        return .approved(reference: "pp_" + StableHash.hex(idempotencyKey, length: 12))
    }

    public func payout(amountUSD: ExactDecimal, paypal: String, idempotencyKey: String) -> GatewayAnswer {
        if isFailingDomain(paypal) {
            return .declined(reason: "PayPal refused the payout to \(paypal)")
        }
        return .approved(reference: "po_" + StableHash.hex(idempotencyKey, length: 12))
    }

    private func isFailingDomain(_ email: String) -> Bool {
        email.lowercased().hasSuffix("@fail.example")
    }
}
