import Foundation
import TikScoreCore
import TikScoreStore

/// The withdrawal stepper: eligibility, amount, PayPal account, confirmation, status.
/// Nothing changes in the wallet before the confirmation; leaving earlier changes nothing.
public struct WithdrawFlowState: Equatable, Sendable {
    /// Where the stepper is.
    public enum Step: Int, CaseIterable, Sendable {
        case eligibility, amount, paypal, confirm, status
    }

    public static let stepTitles = ["Eligibility", "Amount", "PayPal", "Confirm", "Status"]

    public var step: Step = .eligibility
    public var amount = TextField(placeholder: "points, e.g. 20000", maxLength: 12, filter: .digits)
    public var paypal = TextField(placeholder: "you@example.com", maxLength: 80)
    /// 0 Withdraw, 1 Back.
    public var confirmButton = 0
    /// The withdrawal once asked for: pending, then paid or failed.
    public var withdrawal: Withdrawal?
    /// Why the request was refused before any hold.
    public var failure: String?
    public var working = false

    public init() {}

    /// The stepper position (5 when the payout is settled).
    public var stepIndex: Int {
        if step == .status, let withdrawal, withdrawal.status != .pending { return 5 }
        return step.rawValue
    }

    /// Whether a field takes typing now.
    public var focusedField: TextField? {
        switch step {
        case .amount: return amount
        case .paypal: return paypal
        default: return nil
        }
    }

    /// Checks the typed amount against the minimum and the earned balance.
    ///
    ///     WithdrawFlowState.validate("19999", earned: e, rules: r) // .failure(FieldError("the minimum is 20,000 points ($100.00)")
    public static func validate(_ text: String, earned: Points, economy: Economy) -> Result<Points, FieldError> {
        guard !text.isEmpty else { return .failure(FieldError("type how many earned points to withdraw")) }
        guard let whole = Int64(text), let points = try? Points(whole: whole) else { return .failure(FieldError("'\(text)' is not a number of points")) }
        let minimum = economy.rules.minimumWithdrawal
        if points < minimum {
            return .failure(FieldError("the minimum is \(minimum.grouped) points (\(MoneyText.usd(minimum, economy: economy)))"))
        }
        if points > earned {
            return .failure(FieldError("you have \(earned.grouped) earned points"))
        }
        return .success(points)
    }

    /// Handles a screen command for `summary`'s account on `today`.
    mutating func handle(_ command: UICommand, summary: AccountSummary, economy: Economy, today: CalendarDate,
                         key: String) -> (leave: Bool, effects: [Effect], status: StatusLine?) {
        if command == .cancel { return (true, [], nil) } // Ctrl-X: leave now, nothing changes
        switch (step, command) {
        case (.eligibility, .select):
            let report = Eligibility.evaluate(summary.account, rules: economy.rules, today: today)
            guard report.canWithdraw else {
                let reason = report.failing.first?.reason ?? "not eligible"
                return (false, [], StatusLine("You cannot withdraw yet: \(reason)", .error))
            }
            step = .amount
        case (.eligibility, .back), (.eligibility, .cancel): return (true, [], nil)
        case (.amount, .select):
            switch Self.validate(amount.value, earned: summary.earned, economy: economy) {
            case .success: step = .paypal
            case .failure(let message): return (false, [], StatusLine(message.message, .error))
            }
        case (.amount, .back): step = .eligibility
        case (.paypal, .select):
            do {
                _ = try PaymentValidation.email(paypal.value)
                step = .confirm
                confirmButton = 0
            } catch let error as WalletError {
                return (false, [], StatusLine(paypal.value.isEmpty ? "type your PayPal address" : error.message, .error))
            } catch {
                return (false, [], StatusLine("\(error)", .error))
            }
        case (.paypal, .back): step = .amount
        case (.confirm, .left), (.confirm, .right), (.confirm, .nextPane), (.confirm, .previousPane):
            confirmButton = 1 - confirmButton
        case (.confirm, .select):
            guard confirmButton == 0 else { step = .paypal; return (false, [], nil) }
            guard case .success(let points) = Self.validate(amount.value, earned: summary.earned, economy: economy) else {
                step = .amount
                return (false, [], StatusLine("the amount is no longer available", .error))
            }
            working = true
            failure = nil
            withdrawal = nil
            step = .status
            let address = paypal.value.trimmingCharacters(in: .whitespaces)
            return (false, [.holdWithdrawal(account: summary.account.name, points: points, paypal: address, key: key)], nil)
        case (.confirm, .back): step = .paypal
        case (.status, .select), (.status, .back):
            if failure != nil && withdrawal == nil {
                step = .confirm
                failure = nil
                return (false, [], nil)
            }
            return (true, [], nil)
        default: break
        }
        return (false, [], nil)
    }

    /// Types into the focused field.
    mutating func edit(_ key: Key) -> Bool {
        switch step {
        case .amount:
            guard let next = amount.handling(key) else { return false }
            amount = next
        case .paypal:
            guard let next = paypal.handling(key) else { return false }
            paypal = next
        default: return false
        }
        return true
    }

    /// Takes the hold's answer: on success the payout follows.
    mutating func held(_ result: Result<Withdrawal, WalletError>) -> [Effect] {
        switch result {
        case .success(let pending):
            withdrawal = pending
            if pending.status == .pending { return [.settleWithdrawal(pending)] }
            working = false
            return []
        case .failure(let error):
            working = false
            failure = error.message
            return []
        }
    }

    /// Takes the payout's answer.
    mutating func settled(_ result: Result<Withdrawal, WalletError>) {
        working = false
        switch result {
        case .success(let done): withdrawal = done
        case .failure(let error): failure = error.message
        }
    }
}
