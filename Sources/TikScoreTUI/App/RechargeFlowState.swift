import TikScoreCore

/// How a recharge is paid, as chosen in the wizard.
enum PaymentChoice: Int, CaseIterable, Hashable, Sendable {
    case card, paypal

    var other: PaymentChoice { self == .card ? .paypal : .card }
}

/// The recharge wizard: amount (package or custom), method, payment details, confirmation,
/// then the receipt or the decline. Pure: `update` returns the new state and effects.
struct RechargeFlowState: ScreenComponent {
    static let title = "Recharge"
    static var slot: WritableKeyPath<AppModel, RechargeFlowState> { \.recharge }

    /// Where the wizard is.
    enum Step: Int, CaseIterable, Sendable {
        case amount, custom, method, details, confirm, result
    }

    static let stepTitles = ["Amount", "Method", "Details", "Confirm", "Receipt"]

    var step: Step = .amount
    /// Row of the amount list: a package, or the last row for a custom amount.
    var selected = 0
    var custom = TextField(placeholder: "points, e.g. 1000", maxLength: 9, filter: .amount)
    var method: PaymentChoice = .card
    var card = TextField(placeholder: "4242 4242 4242 4242", maxLength: 23)
    var email = TextField(placeholder: "you@example.com", maxLength: 80)
    var confirmButton: ConfirmButton = .confirm
    var receipt: RechargeReceipt?
    /// Why the payment did not go through.
    var failure: String?
    /// Whether the payment is running.
    var paying = false

    init() {}

    /// The stepper position for the current step.
    var stepIndex: Int {
        switch step {
        case .amount, .custom: return 0
        case .method: return 1
        case .details: return 2
        case .confirm: return 3
        case .result: return receipt == nil ? 4 : 5
        }
    }

    var focusedField: TextField? {
        switch step {
        case .custom: return custom
        case .details: return method == .card ? card : email
        default: return nil
        }
    }

    /// The amount chosen, checked against the catalog.
    func amount(economy: Economy) -> Result<RechargeAmount, FieldError> {
        if selected < economy.packages.count { return .success(.package(economy.packages[selected].id)) }
        let whole: Int64
        switch WholePoints.parse(custom.value) {
        case .success(let value): whole = value
        case .failure(let problem): return .failure(problem)
        }
        let rules = economy.rules
        guard whole >= rules.customRechargeMin, whole <= rules.customRechargeMax else {
            return .failure(FieldError("a custom recharge is \(Grouping.of(rules.customRechargeMin)) to \(Grouping.of(rules.customRechargeMax)) points"))
        }
        do {
            _ = try RechargeFlow.quote(.custom(whole), economy: economy)
        } catch let error as WalletError {
            return .failure(FieldError(error.message))
        } catch {
            return .failure(FieldError("\(error)"))
        }
        return .success(.custom(whole))
    }

    /// Points and price of the chosen amount.
    func quote(economy: Economy) -> (points: Points, price: ExactDecimal)? {
        guard case .success(let amount) = self.amount(economy: economy),
              let quote = try? RechargeFlow.quote(amount, economy: economy) else { return nil }
        return (quote.points, quote.price)
    }

    /// The payment details as typed.
    var payment: PaymentDetails {
        method == .card ? .card(number: card.value) : .paypal(email: email.value)
    }

    /// Live validation of the details: nil when valid or still empty.
    var detailsError: String? {
        let text = method == .card ? card.value : email.value
        guard !text.isEmpty else { return nil }
        do {
            _ = try payment.validated()
            return nil
        } catch let error as WalletError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    mutating func update(_ command: UICommand, in model: AppModel) -> ScreenUpdate {
        guard let account = model.accountName else { return .go(.home) }
        let economy = model.economy
        let rows = economy.packages.count + 1
        if command == .cancel { return .go(.home) } // Ctrl-X: leave now, nothing changes
        switch (step, command) {
        case (.amount, .up): selected = (selected + rows - 1) % rows
        case (.amount, .down): selected = (selected + 1) % rows
        case (.amount, .top): selected = 0
        case (.amount, .bottom): selected = rows - 1
        case (.amount, .choose(let row)):
            if RowClick.choose(row, selected: &selected) { return update(.select, in: model) }
        case (.amount, .select):
            step = selected < economy.packages.count ? .method : .custom
        case (.amount, .back): return .go(.home)
        case (.custom, .select):
            switch amount(economy: economy) {
            case .success: step = .method
            case .failure(let message): return .status(message.message)
            }
        case (.custom, .back): step = .amount
        case (.method, .up), (.method, .down), (.method, .left), (.method, .right), (.method, .toggle):
            method = method.other
        case (.method, .choose(let row)):
            guard let clicked = PaymentChoice(rawValue: row) else { break }
            if clicked == method { return update(.select, in: model) }
            method = clicked
        case (.method, .select): step = .details
        case (.method, .back): step = selected < economy.packages.count ? .amount : .custom
        case (.details, .select):
            let text = method == .card ? card.value : email.value
            if text.isEmpty { return .status(method == .card ? "type the card number" : "type the PayPal address") }
            if let problem = detailsError { return .status(problem) }
            step = .confirm
            confirmButton = .confirm
        case (.details, .back): step = .method
        case (.confirm, .left), (.confirm, .right), (.confirm, .nextPane), (.confirm, .previousPane):
            confirmButton = confirmButton.other
        case (.confirm, .press(let index)):
            confirmButton = ConfirmButton(index: index)
            return update(.select, in: model)
        case (.confirm, .select):
            guard confirmButton == .confirm else { step = .details; return .none }
            guard case .success(let amount) = self.amount(economy: economy) else { step = .amount; return .none }
            paying = true
            failure = nil
            receipt = nil
            return .effects([.recharge(account: account, amount: amount, payment: payment, key: model.nextKey)])
        case (.confirm, .back): step = .details
        case (.result, .select), (.result, .back), (.result, .press):
            if receipt != nil { return .go(.home) }
            step = .details
            failure = nil
        default: break
        }
        return .none
    }

    mutating func edit(_ key: Key) -> Bool {
        switch step {
        case .custom:
            guard let next = custom.handling(key) else { return false }
            custom = next
        case .details where method == .card:
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
