import Foundation
import TikScoreCore

/// The simulation's payment provider. It keeps its own books: money moves once per idempotency
/// key, and a repeated key gets the first answer (as real providers do), so the books say how
/// many times a customer was really charged or paid, however often the wallet asked.
///
/// Its rules are the simulated world's, and the auditor reads them from here: a card whose digits
/// are `declinedCard` is declined, and PayPal addresses at `failingDomain` fail.
final class SimulatedGateway: PaymentGateway, @unchecked Sendable {
    static let declinedCard = "4000000000000002"
    static let failingDomain = "@fail.example"

    /// What the provider did for one key.
    struct Movement: Equatable {
        var amountUSD: ExactDecimal
        var answer: GatewayAnswer
        /// How many times the wallet asked under this key (more than one after a crash).
        var calls: Int
        /// Asked again with another amount: a wallet bug, reported by the simulation.
        var conflictingAmount: ExactDecimal?
    }

    private let lock = NSLock()
    private var chargeBook: [String: Movement] = [:]
    private var payoutBook: [String: Movement] = [:]
    private var order: [String] = []

    /// Whether the provider approves a charge to these details (as validated by the wallet).
    static func approvesCharge(_ payment: PaymentDetails) -> Bool {
        switch payment {
        case .card(let number): return number.filter(\.isNumber) != declinedCard
        case .paypal(let email): return approvesPayout(to: email)
        }
    }

    /// Whether the provider pays out to this address.
    static func approvesPayout(to email: String) -> Bool { !email.lowercased().hasSuffix(failingDomain) }

    func charge(amountUSD: ExactDecimal, payment: PaymentDetails, idempotencyKey: String) async throws -> GatewayAnswer {
        move(in: \.chargeBook, key: idempotencyKey, amount: amountUSD, prefix: "ch") { Self.approvesCharge(payment) ? nil : "declined by the simulated issuer" }
    }

    func payout(amountUSD: ExactDecimal, paypal: String, idempotencyKey: String) async throws -> GatewayAnswer {
        move(in: \.payoutBook, key: idempotencyKey, amount: amountUSD, prefix: "po") { Self.approvesPayout(to: paypal) ? nil : "refused by simulated PayPal" }
    }

    /// Charges by key, as the provider's books have them.
    var charges: [String: Movement] { lock.withLock { chargeBook } }
    /// Payouts by key (the withdrawal's id).
    var payouts: [String: Movement] { lock.withLock { payoutBook } }

    /// The first answer under `key`, or a new one from `decline` (nil approves, else the reason).
    private func move(in book: ReferenceWritableKeyPath<SimulatedGateway, [String: Movement]>, key: String, amount: ExactDecimal,
                      prefix: String, decline: () -> String?) -> GatewayAnswer {
        lock.withLock {
            if var known = self[keyPath: book][key] {
                known.calls += 1
                if known.amountUSD != amount { known.conflictingAmount = amount }
                self[keyPath: book][key] = known
                return known.answer
            }
            order.append(key)
            let answer: GatewayAnswer = decline().map { .declined(reason: $0) } ?? .approved(reference: "\(prefix)-\(order.count)")
            self[keyPath: book][key] = Movement(amountUSD: amount, answer: answer, calls: 1, conflictingAmount: nil)
            return answer
        }
    }
}
