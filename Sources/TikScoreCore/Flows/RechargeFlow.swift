/// What to buy in a recharge.
public enum RechargeAmount: Sendable, Equatable {
    /// A package from the catalog, by id or name.
    case package(String)
    /// A custom whole number of points within the catalog's limits.
    case custom(Int64)
}

/// Recharge, step by step: check the order, reserve the key, charge the gateway outside any
/// transaction, then credit the points (or record the decline) under the same key.
///
/// ```swift
/// let receipt = try await RechargeFlow(runner: wallet, gateway: SandboxGateway())
///     .run(account: "ana", amount: .package("p700"), payment: .card(number: "4242424242424242"), key: nil)
/// ```
public struct RechargeFlow: Sendable {
    public let runner: CommandRunner
    public let gateway: PaymentGateway

    public init(runner: CommandRunner, gateway: PaymentGateway) {
        self.runner = runner
        self.gateway = gateway
    }

    /// The points and price an order stands for, checked against the catalog.
    ///
    /// - Throws: `WalletError` `unknownPackage` or `invalidAmount`.
    public static func quote(_ amount: RechargeAmount, economy: Economy) throws -> (points: Points, price: ExactDecimal, packageID: String?) {
        switch amount {
        case .package(let text):
            let package = try economy.package(named: text)
            let points = try Points(whole: package.points)
            return (points, try economy.price(ofPoints: points), package.id)
        case .custom(let whole):
            let rules = economy.rules
            guard whole >= rules.customRechargeMin, whole <= rules.customRechargeMax else {
                throw WalletError.invalidAmount("a custom recharge is \(Grouping.of(rules.customRechargeMin)) to \(Grouping.of(rules.customRechargeMax)) points (got \(Grouping.of(whole)))")
            }
            let points = try Points(whole: whole)
            let price = try economy.wholeCents(of: points, what: "a custom recharge", allowed: rules.customRechargeMin...rules.customRechargeMax)
            return (points, price, nil)
        }
    }

    /// The recharge command an order asks for, before any check (see `run`).
    static func request(account: String, amount: RechargeAmount, payment: PaymentDetails, economy: Economy) -> Command {
        let details = (try? payment.validated().details) ?? payment
        switch amount {
        case .package(let text):
            let package = try? economy.package(named: text)
            return .recharge(account: account, points: (try? Points(whole: package?.points ?? 0)) ?? Points(units: 0),
                             packageID: package?.id ?? text, payment: details, reference: "")
        case .custom(let whole):
            let points = (try? Points(whole: whole)) ?? Points(units: whole < 0 ? Int64.min : Int64.max)
            return .recharge(account: account, points: points, packageID: nil, payment: details, reference: "")
        }
    }

    /// Runs the whole recharge. The key is reserved before the gateway is asked, so the same key
    /// from two processes at once charges once, and a crash leaves a record of the payment in flight.
    ///
    /// - Throws: `paymentDeclined` (recorded under the key; no balance moved), any refusal of the
    ///   wallet's rules, `keyReused`, or `storage`.
    public func run(account: String, amount: RechargeAmount, payment: PaymentDetails, key: String?) async throws -> RechargeReceipt {
        let commandKey = CommandKey.make(key)
        // Built without checking: the machine checks it while reserving the key, so a refusal
        // (an unknown package, an amount out of range, a bad card) is the key's first answer too.
        let request = Self.request(account: account, amount: amount, payment: payment, economy: runner.economy)
        switch try await runner.reserve(request, key: commandKey) {
        case .completed(let outcome):
            guard case .recharge(let receipt) = outcome else { throw CommandOutcome.unexpected(outcome, for: request) }
            return receipt
        case .refused(let refusal): throw refusal
        case .inProgress(let since):
            throw WalletError(.inProgress, "a recharge under key '\(commandKey)' has been in progress since \(Timestamp.format(since)); try again when it has finished")
        case .reserved: break
        }
        let order = try Self.quote(amount, economy: runner.economy)
        let details = try payment.validated().details
        let answer: GatewayAnswer
        do {
            answer = try await gateway.charge(amountUSD: order.price, payment: details, idempotencyKey: commandKey.id)
        } catch {
            // The provider did not answer: the key stays in flight, so a retry under it asks again.
            throw WalletError(.paymentUnavailable, "the payment provider did not answer (\(error)); nothing was credited, and a retry with the same key finishes it")
        }
        switch answer {
        case .declined(let reason):
            let refusal = WalletError(.paymentDeclined, "payment declined: \(reason); the balance is unchanged")
            try await runner.refuse(request, key: commandKey, with: refusal)
            throw refusal
        case .approved(let reference):
            let command = Command.recharge(account: account, points: order.points, packageID: order.packageID, payment: details, reference: reference)
            return try await runner.expect(command, under: commandKey) { if case .recharge(let r) = $0 { r } else { nil } }
        }
    }
}
