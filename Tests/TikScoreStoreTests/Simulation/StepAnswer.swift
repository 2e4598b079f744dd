import Foundation
import TikScoreCore

/// What the wallet answered to one simulated operation, as the front end received it.
enum StepAnswer: CustomStringConvertible {
    case outcome(CommandOutcome)
    case recharge(RechargeReceipt)
    case withdrawal(Withdrawal)
    case settled([Withdrawal])
    case refused(WalletError)

    /// Runs `keyed` through `runner` (the store, maybe with a crash planned) the way the CLI and
    /// the dashboard do; `wallet` serves the reads a flow makes outside its runner.
    ///
    /// - Throws: `SimulatedCrash` when the plan strikes; any error but a `WalletError`.
    static func of(_ keyed: KeyedOperation, on runner: CrashingRunner, wallet: any WalletService, gateway: PaymentGateway) async throws -> StepAnswer {
        do {
            switch keyed.operation {
            case .command(let command):
                return .outcome(try await runner.run(command, key: keyed.key))
            case .rechargeFlow(let account, let amount, let payment):
                return .recharge(try await RechargeFlow(runner: runner, gateway: gateway).run(account: account, amount: amount, payment: payment, key: keyed.key))
            case .withdrawalFlow(let account, let points, let paypal):
                return .withdrawal(try await WithdrawalFlow(runner: runner, gateway: gateway).run(account: account, points: points, paypal: paypal, key: keyed.key))
            case .holdOnly(let account, let points, let paypal):
                return .withdrawal(try await WithdrawalFlow(runner: runner, gateway: gateway).hold(account: account, points: points, paypal: paypal, key: keyed.key))
            case .settle(let id):
                guard let pending = try await wallet.withdrawal(id: id) else {
                    return .outcome(try await runner.run(.settleWithdrawal(id: id, answer: .approved(reference: "x")), key: keyed.key))
                }
                return .withdrawal(try await WithdrawalFlow(runner: runner, gateway: gateway).settle(pending))
            case .finishInterrupted:
                return .settled(try await WithdrawalFlow.finishInterrupted(in: wallet))
            }
        } catch let error as WalletError {
            return .refused(error)
        }
    }

    /// The answer in the auditor's terms.
    var observation: Observation {
        switch self {
        case .outcome(let outcome): return Observation(outcome)
        case .recharge(let receipt): return Observation(receipt)
        case .withdrawal(let w): return Observation(w)
        case .settled(let list): return .effect(.settled(count: list.count))
        case .refused(let error): return .refused(error)
        }
    }

    /// The withdrawal the answer carries, if any.
    var withdrawal: Withdrawal? {
        switch self {
        case .withdrawal(let w), .outcome(.withdrawal(let w)): return w
        default: return nil
        }
    }

    var description: String {
        switch self {
        case .outcome(let outcome): return "\(outcome)"
        case .recharge(let receipt): return "\(receipt)"
        case .withdrawal(let w): return "\(w)"
        case .settled(let list): return "settled \(list.map(\.id))"
        case .refused(let error): return "refused \(error.code.rawValue): \(error.message)"
        }
    }
}
