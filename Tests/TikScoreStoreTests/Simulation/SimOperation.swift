import Foundation
import TikScoreCore

/// One thing the simulation does to the wallet, the way a front end would: a command, or one of
/// the flows that ask the payment gateway between two transactions.
enum SimOperation: Equatable, CustomStringConvertible {
    /// A command submitted as it is.
    case command(Command)
    /// `RechargeFlow.run`: quote, reserve the key, charge, credit.
    case rechargeFlow(account: String, amount: RechargeAmount, payment: PaymentDetails)
    /// `WithdrawalFlow.run`: hold, pay out, post or void.
    case withdrawalFlow(account: String, points: Points, paypal: String)
    /// `WithdrawalFlow.hold` alone: the withdrawal stays pending.
    case holdOnly(account: String, points: Points, paypal: String)
    /// `WithdrawalFlow.settle` of a withdrawal by id (an unknown id is submitted as a command).
    case settle(withdrawalID: String)
    /// `WithdrawalFlow.finishInterrupted`: what the next `withdraw`/`withdrawals` command does first.
    case finishInterrupted

    /// Whether the operation runs under the step's idempotency key.
    var usesKey: Bool {
        switch self {
        case .finishInterrupted: return false
        default: return true
        }
    }

    var description: String {
        switch self {
        case .command(let command): return "command \(command)"
        case .rechargeFlow(let account, let amount, let payment): return "recharge flow \(account) \(amount) \(payment)"
        case .withdrawalFlow(let account, let points, let paypal): return "withdrawal flow \(account) \(points) to \(paypal)"
        case .holdOnly(let account, let points, let paypal): return "hold only \(account) \(points) to \(paypal)"
        case .settle(let id): return "settle \(id)"
        case .finishInterrupted: return "finish interrupted withdrawals"
        }
    }
}

/// An operation with the key it runs under.
struct KeyedOperation {
    var operation: SimOperation
    var key: String
}

/// Where a planned crash strikes: at the `submitNumber`-th command the operation submits (the
/// one after the gateway for a recharge, the hold or the payout's post/void for a withdrawal),
/// before its transaction commits or after it committed but before its answer came back.
struct CrashPlan: Equatable, CustomStringConvertible {
    enum Moment: Equatable {
        case beforeCommit
        case afterCommit
    }

    var submitNumber: Int
    var moment: Moment
    /// After the restart, finish interrupted withdrawals first (as `tikscore withdraw` does) instead of
    /// only retrying the operation.
    var finishInterruptedFirst: Bool

    /// Whether the crash strikes after the payment gateway answered (a recharge's credit, a
    /// payout's post or void) and before the wallet recorded that answer.
    func followsTheGateway(in operation: SimOperation) -> Bool {
        guard moment == .beforeCommit else { return false }
        switch operation {
        case .rechargeFlow, .settle: return submitNumber == 1
        case .withdrawalFlow: return submitNumber == 2
        default: return false
        }
    }

    var description: String {
        "crash at submit #\(submitNumber) \(moment == .beforeCommit ? "before" : "after") its commit"
            + (finishInterruptedFirst ? ", then finish interrupted withdrawals" : "")
    }
}
