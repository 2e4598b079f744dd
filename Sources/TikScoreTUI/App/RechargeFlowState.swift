import TikScoreCore

/// The recharge wizard: amount (package or custom), method, payment details, confirmation,
/// then the receipt or the decline. Pure: `update` returns the new state and effects.
public struct RechargeFlowState: Equatable, Sendable {
    /// Where the wizard is.
    public enum Step: Int, CaseIterable, Sendable {
        case amount, custom, method, details, confirm, result
    }

    public static let stepTitles = ["Amount", "Method", "Details", "Confirm", "Receipt"]

    public var step: Step = .amount
    /// Row of the amount list: a package, or the last row for a custom amount.
    public var selected = 0
    public var custom = TextField(placeholder: "points, e.g. 1000", maxLength: 9, filter: .digits)
    /// 0 card, 1 PayPal.
    public var method = 0
    public var card = TextField(placeholder: "4242 4242 4242 4242", maxLength: 23)
    public var email = TextField(placeholder: "you@example.com", maxLength: 80)
    /// 0 Pay, 1 Back.
    public var confirmButton = 0
    public var receipt: RechargeReceipt?
    /// Why the payment did not go through.
    public var failure: String?
    /// Whether the payment is running.
    public var paying = false

    public init() {}

    /// The stepper position for the current step.
    public var stepIndex: Int {
        switch step {
        case .amount, .custom: return 0
        case .method: return 1
        case .details: return 2
        case .confirm: return 3
        case .result: return receipt == nil ? 4 : 5
        }
    }

    /// The field that takes typing now, if any.
    public var focusedField: TextField? {
        switch step {
        case .custom: return custom
        case .details: return method == 0 ? card : email
        default: return nil
        }
    }

    /// The amount chosen, checked against the catalog.
    public func amount(economy: Economy) -> Result<RechargeAmount, FieldError> {
        if selected < economy.packages.count { return .success(.package(economy.packages[selected].id)) }
        guard let whole = Int64(custom.value) else { return .failure(FieldError("type a number of points")) }
        let rules = economy.rules
        guard whole >= rules.customRechargeMin, whole <= rules.customRechargeMax else {
            return .failure(FieldError("a custom recharge is \(Self.grouped(rules.customRechargeMin)) to \(Self.grouped(rules.customRechargeMax)) points"))
        }
        return .success(.custom(whole))
    }

    /// Points and price of the chosen amount.
    public func quote(economy: Economy) -> (points: Points, price: ExactDecimal)? {
        guard case .success(let amount) = self.amount(economy: economy) else { return nil }
        let whole: Int64
        switch amount {
        case .package(let id): whole = economy.packages.first { $0.id == id }?.points ?? 0
        case .custom(let n): whole = n
        }
        guard let points = try? Points(whole: whole), let price = try? economy.price(ofPoints: points) else { return nil }
        return (points, price)
    }

    /// The payment details as typed.
    public var payment: PaymentDetails {
        method == 0 ? .card(number: card.value) : .paypal(email: email.value)
    }

    /// Live validation of the details: nil when valid or still empty.
    public var detailsError: String? {
        let text = method == 0 ? card.value : email.value
        guard !text.isEmpty else { return nil }
        do {
            _ = try RechargeFlow.method(for: payment)
            return nil
        } catch let error as WalletError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    static func grouped(_ value: Int64) -> String { ExactDecimal(significand: value, scale: 0).formatted(grouping: true) }

    /// Handles a screen command; `account` and `key` are for the effect that pays.
    mutating func handle(_ command: UICommand, economy: Economy, account: String, key: String) -> (leave: Bool, effects: [Effect], status: StatusLine?) {
        let rows = economy.packages.count + 1
        if command == .cancel { return (true, [], nil) } // Ctrl-X: leave now, nothing changes
        switch (step, command) {
        case (.amount, .up): selected = (selected + rows - 1) % rows
        case (.amount, .down): selected = (selected + 1) % rows
        case (.amount, .top): selected = 0
        case (.amount, .bottom): selected = rows - 1
        case (.amount, .select):
            step = selected < economy.packages.count ? .method : .custom
        case (.amount, .back), (.amount, .cancel): return (true, [], nil)
        case (.custom, .select):
            switch amount(economy: economy) {
            case .success: step = .method
            case .failure(let message): return (false, [], StatusLine(message.message, .error))
            }
        case (.custom, .back): step = .amount
        case (.method, .up), (.method, .down), (.method, .left), (.method, .right), (.method, .toggle):
            method = 1 - method
        case (.method, .select): step = .details
        case (.method, .back): step = selected < economy.packages.count ? .amount : .custom
        case (.details, .select):
            let text = method == 0 ? card.value : email.value
            if text.isEmpty { return (false, [], StatusLine(method == 0 ? "type the card number" : "type the PayPal address", .error)) }
            if let problem = detailsError { return (false, [], StatusLine(problem, .error)) }
            step = .confirm
            confirmButton = 0
        case (.details, .back): step = .method
        case (.confirm, .left), (.confirm, .right), (.confirm, .nextPane), (.confirm, .previousPane):
            confirmButton = 1 - confirmButton
        case (.confirm, .select):
            guard confirmButton == 0 else { step = .details; return (false, [], nil) }
            guard case .success(let amount) = self.amount(economy: economy) else { step = .amount; return (false, [], nil) }
            paying = true
            failure = nil
            receipt = nil
            return (false, [.recharge(account: account, amount: amount, payment: payment, key: key)], nil)
        case (.confirm, .back): step = .details
        case (.result, .select), (.result, .back):
            if receipt != nil { return (true, [], nil) }
            step = .details
            failure = nil
        default: break
        }
        return (false, [], nil)
    }

    /// Types into the focused field.
    mutating func edit(_ key: Key) -> Bool {
        switch step {
        case .custom:
            guard let next = custom.handling(key) else { return false }
            custom = next
        case .details where method == 0:
            guard let next = card.handling(key) else { return false }
            card = next
        case .details:
            guard let next = email.handling(key) else { return false }
            email = next
        default: return false
        }
        return true
    }

    /// Takes the payment's answer.
    mutating func finish(_ result: Result<RechargeReceipt, WalletError>) {
        paying = false
        step = .result
        switch result {
        case .success(let receipt): self.receipt = receipt
        case .failure(let error): failure = error.message
        }
    }
}
