import Foundation
import TikScoreCore

/// The withdrawal stepper: eligibility, amount, PayPal account, confirmation, status.
/// Nothing changes in the wallet before the confirmation; leaving earlier changes nothing.
struct WithdrawFlowState: ScreenComponent {
    static let title = "Withdraw"
    static var slot: WritableKeyPath<AppModel, WithdrawFlowState> { \.withdraw }

    /// Where the stepper is.
    enum Step: Int, CaseIterable, Sendable {
        case eligibility, amount, paypal, confirm, status
    }

    static let stepTitles = ["Eligibility", "Amount", "PayPal", "Confirm", "Status"]

    var step: Step = .eligibility
    var amount = TextField(placeholder: "points, e.g. 20000, or max", maxLength: 12, filter: .amountOrMax)
    var paypal = TextField(placeholder: "you@example.com", maxLength: 80)
    var confirmButton: ConfirmButton = .confirm
    /// The withdrawal once asked for: pending, then paid or failed.
    var withdrawal: Withdrawal?
    /// Why the request was refused before any hold.
    var failure: String?
    var working = false
    /// The PayPal address of the account's last withdrawal (paid, else any), offered again.
    var lastPayPal: String?

    init() {}

    /// A fresh stepper offering the address of the last of `withdrawals` (newest first).
    init(offering withdrawals: [Withdrawal]) {
        lastPayPal = (withdrawals.first { $0.status == .paid } ?? withdrawals.first)?.paypal
    }

    /// The address to pay: the one typed, or the last one when nothing is typed.
    var paypalAddress: String {
        let typed = paypal.value.trimmingCharacters(in: .whitespaces)
        return typed.isEmpty ? (lastPayPal ?? "") : typed
    }

    /// The address as the screen shows it: the last one stays masked.
    var paypalShown: String {
        paypal.value.trimmingCharacters(in: .whitespaces).isEmpty ? lastPayPal.map(Masking.email) ?? "" : paypal.value
    }

    /// The stepper position (5 when the payout is settled).
    var stepIndex: Int {
        if step == .status, let withdrawal, withdrawal.status != .pending { return 5 }
        return step.rawValue
    }

    var focusedField: TextField? {
        switch step {
        case .amount: return amount
        case .paypal: return paypal
        default: return nil
        }
    }

    /// Checks the typed amount against the minimum and the earned balance.
    ///
    ///     WithdrawFlowState.validate("19999", earned: e, rules: r) // .failure(FieldError("the minimum is 20,000 points ($100.00)")
    static func validate(_ text: String, earned: Points, economy: Economy) -> Result<Points, FieldError> {
        guard !text.isEmpty else { return .failure(FieldError("type how many earned points to withdraw")) }
        let whole: Int64
        switch WholePoints.parse(text, max: earned, economy: economy) {
        case .success(let value): whole = value
        case .failure(let problem): return .failure(problem)
        }
        guard let points = try? Points(whole: whole) else { return .failure(FieldError("'\(text)' is more points than there are")) }
        let minimum = economy.rules.minimumWithdrawal
        if points < minimum {
            return .failure(FieldError("the minimum is \(minimum.grouped) points (\(MoneyText.usd(minimum, economy: economy)))"))
        }
        if points > earned {
            return .failure(FieldError("you have \(earned.grouped) earned points"))
        }
        do {
            _ = try economy.wholeCents(of: points, what: "a withdrawal", allowed: minimum.wholePoints...max(minimum.wholePoints, earned.wholePoints))
        } catch let error as WalletError {
            return .failure(FieldError(error.message))
        } catch {
            return .failure(FieldError("\(error)"))
        }
        return .success(points)
    }

    mutating func update(_ command: UICommand, in model: AppModel) -> ScreenUpdate {
        guard let summary = model.summary else { return .go(.home) }
        let economy = model.economy
        if command == .cancel { return .go(.home) } // Ctrl-X: leave now, nothing changes
        switch (step, command) {
        case (.eligibility, .select):
            let report = Eligibility.evaluate(summary.account, rules: economy.rules, today: model.today)
            guard report.canWithdraw else {
                let reason = report.failing.first?.reason ?? "not eligible"
                return .status("You cannot withdraw yet: \(reason)")
            }
            step = .amount
        case (.eligibility, .back): return .go(.home)
        case (.amount, .select):
            switch Self.validate(amount.value, earned: summary.earned, economy: economy) {
            case .success: step = .paypal
            case .failure(let message): return .status(message.message)
            }
        case (.amount, .back): step = .eligibility
        case (.paypal, .select):
            do {
                _ = try PaymentValidation.email(paypalAddress)
                step = .confirm
                confirmButton = .confirm
            } catch let error as WalletError {
                return .status(paypal.value.isEmpty ? "type your PayPal address" : error.message)
            } catch {
                return .status("\(error)")
            }
        case (.paypal, .back): step = .amount
        case (.confirm, .left), (.confirm, .right), (.confirm, .nextPane), (.confirm, .previousPane):
            confirmButton = confirmButton.other
        case (.confirm, .press(let index)):
            confirmButton = ConfirmButton(index: index)
            return update(.select, in: model)
        case (.confirm, .select):
            guard confirmButton == .confirm else { step = .paypal; return .none }
            guard case .success(let points) = Self.validate(amount.value, earned: summary.earned, economy: economy) else {
                step = .amount
                return .status("the amount is no longer available")
            }
            working = true
            failure = nil
            withdrawal = nil
            step = .status
            let address = paypalAddress
            return .effects([.holdWithdrawal(account: summary.account.name, points: points, paypal: address, key: model.nextKey)])
        case (.confirm, .back): step = .paypal
        case (.status, .select), (.status, .back), (.status, .press):
            if failure != nil && withdrawal == nil {
                step = .confirm
                failure = nil
                return .none
            }
            return .go(.home)
        default: break
        }
        return .none
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
