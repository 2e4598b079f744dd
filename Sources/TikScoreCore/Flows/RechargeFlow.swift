/// What to buy in a recharge.
public enum RechargeAmount: Sendable, Equatable {
    /// A package from the catalog, by id or name.
    case package(String)
    /// A custom whole number of points within the catalog's limits.
    case custom(Int64)
}

/// How a supporter pays, as typed (before validation).
public enum PaymentDetails: Sendable, Equatable {
    case card(number: String)
    case paypal(email: String)
}

/// Recharge, step by step: check the order, charge the gateway, credit the points.
///
/// ```swift
/// let receipt = try RechargeFlow(runner: store, gateway: SandboxGateway())
///     .run(account: "ana", amount: .package("p700"), payment: .card(number: "4242424242424242"), key: nil)
/// ```
public struct RechargeFlow {
    public let runner: CommandRunner
    public let gateway: PaymentGateway

    public init(runner: CommandRunner, gateway: PaymentGateway) {
        self.runner = runner
        self.gateway = gateway
    }

    /// The points and price an order stands for, checked against the catalog.
    public func quote(_ amount: RechargeAmount) throws -> (points: Points, price: ExactDecimal, packageID: String?) {
        let economy = runner.economy
        switch amount {
        case .package(let text):
            let package = try economy.package(named: text)
            let points = try Points(whole: package.points)
            return (points, try economy.price(ofPoints: points), package.id)
        case .custom(let whole):
            let rules = economy.rules
            guard whole >= rules.customRechargeMin, whole <= rules.customRechargeMax else {
                throw WalletError.invalidAmount("a custom recharge is \(grouped(rules.customRechargeMin)) to \(grouped(rules.customRechargeMax)) points (got \(grouped(whole)))")
            }
            let points = try Points(whole: whole)
            return (points, try economy.price(ofPoints: points), nil)
        }
    }

    /// Validated payment details.
    public static func method(for payment: PaymentDetails) throws -> (method: PaymentMethod, card: String?, paypal: String?) {
        switch payment {
        case .card(let number):
            let digits = try PaymentValidation.cardDigits(number)
            return (.card(last4: String(digits.suffix(4))), digits, nil)
        case .paypal(let email):
            let address = try PaymentValidation.email(email)
            return (.paypal(email: address), nil, address)
        }
    }

    /// Runs the whole recharge. A declined payment throws `paymentDeclined` and changes nothing.
    public func run(account: String, amount: RechargeAmount, payment: PaymentDetails, key: String?) throws -> RechargeReceipt {
        let order = try quote(amount)
        let details = try RechargeFlow.method(for: payment)
        let chargeKey = key ?? CommandID.make(key: nil)
        let probe = Command.recharge(account: account, points: order.points, packageID: order.packageID,
                                     method: details.method, reference: "")
        if let key, case .recharge(let receipt)? = try runner.outcome(forKey: key, fingerprint: probe.fingerprint) {
            return receipt
        }
        let holder = try WalletMachine.existing(account, in: runner)
        let answer = gateway.charge(amountUSD: order.price, cardNumber: details.card, paypal: details.paypal,
                                    idempotencyKey: chargeKey)
        switch answer {
        case .declined(let reason):
            throw WalletError(.paymentDeclined, "payment declined: \(reason); \(holder.name)'s balance is unchanged")
        case .approved(let reference):
            let command = Command.recharge(account: holder.name, points: order.points, packageID: order.packageID,
                                           method: details.method, reference: reference)
            guard case .recharge(let receipt) = try runner.run(command, key: key) else {
                throw WalletError(.storage, "the wallet answered a recharge with something else")
            }
            return receipt
        }
    }

    private func grouped(_ value: Int64) -> String { ExactDecimal(significand: value, scale: 0).formatted(grouping: true) }
}
