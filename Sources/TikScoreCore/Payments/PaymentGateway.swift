/// What a payment provider answered.
public enum GatewayAnswer: Sendable, Equatable, Codable {
    /// Accepted, with the provider's reference.
    case approved(reference: String)
    /// Refused, with the provider's reason.
    case declined(reason: String)
}

/// A payment provider: charges for recharges, payouts for withdrawals.
///
/// It is asked outside any database transaction, with the command's key as its idempotency key,
/// so a retried command is never charged or paid twice: a provider answers a repeated key with its
/// first answer.
public protocol PaymentGateway: Sendable {
    /// Charges `amountUSD` dollars to validated payment details.
    ///
    /// - Throws: when the provider cannot be reached; nothing was charged as far as the caller knows.
    func charge(amountUSD: ExactDecimal, payment: PaymentDetails, idempotencyKey: String) async throws -> GatewayAnswer
    /// Pays `amountUSD` dollars to a PayPal account.
    ///
    /// - Throws: when the provider cannot be reached.
    func payout(amountUSD: ExactDecimal, paypal: String, idempotencyKey: String) async throws -> GatewayAnswer
}

/// The sandbox provider, following the public test conventions.
///
/// - `4242424242424242` is approved, `4000000000000002` is declined, any other Luhn-valid
///   number is approved.
/// - PayPal accepts a valid address; one at `fail.example` fails the payment or payout.
///
/// ```swift
/// try await SandboxGateway().charge(amountUSD: price, payment: .card(number: "4000000000000002"), idempotencyKey: "k")
/// // .declined(reason: "card declined by the issuer")
/// ```
public struct SandboxGateway: PaymentGateway {
    public init() {}

    public func charge(amountUSD: ExactDecimal, payment: PaymentDetails, idempotencyKey: String) async throws -> GatewayAnswer {
        switch payment {
        case .card(let number):
            if PaymentDetails.digits(of: number) == "4000000000000002" {
                return .declined(reason: "card declined by the issuer")
            }
            return .approved(reference: "ch_" + StableHash.hex(idempotencyKey, length: 12))
        case .paypal(let email):
            if isFailingDomain(email) {
                return .declined(reason: "PayPal could not take the payment from \(email)")
            }
            return .approved(reference: "pp_" + StableHash.hex(idempotencyKey, length: 12))
        }
    }

    public func payout(amountUSD: ExactDecimal, paypal: String, idempotencyKey: String) async throws -> GatewayAnswer {
        if isFailingDomain(paypal) {
            return .declined(reason: "PayPal refused the payout to \(paypal)")
        }
        return .approved(reference: "po_" + StableHash.hex(idempotencyKey, length: 12))
    }

    private func isFailingDomain(_ email: String) -> Bool {
        email.lowercased().hasSuffix("@fail.example")
    }
}
