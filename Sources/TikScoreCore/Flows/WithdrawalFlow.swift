/// Withdrawal in two phases: hold the earned points, ask the gateway to pay out, then post the
/// hold (paid) or void it (failed, points back in earned).
///
/// ```swift
/// let w = try WithdrawalFlow(runner: store, gateway: SandboxGateway())
///     .run(account: "leo", points: try Points(whole: 20_000), paypal: "leo@example.com", key: nil)
/// w.status   // .paid
/// ```
public struct WithdrawalFlow {
    public let runner: CommandRunner
    public let gateway: PaymentGateway

    public init(runner: CommandRunner, gateway: PaymentGateway) {
        self.runner = runner
        self.gateway = gateway
    }

    /// Phase one only: holds the points and returns the pending withdrawal.
    public func hold(account: String, points: Points, paypal: String, key: String?) throws -> Withdrawal {
        guard case .withdrawal(let pending) = try runner.run(.holdWithdrawal(account: account, points: points, paypal: paypal), key: key) else {
            throw WalletError(.storage, "the wallet answered a withdrawal with something else")
        }
        return pending
    }

    /// Phase two: pays out a pending withdrawal and posts or voids its hold.
    public func settle(_ pending: Withdrawal) throws -> Withdrawal {
        guard pending.status == .pending else { return pending }
        let answer = gateway.payout(amountUSD: pending.usd, paypal: pending.paypal, idempotencyKey: pending.id)
        guard case .withdrawal(let settled) = try runner.run(.settleWithdrawal(id: pending.id, answer: answer),
                                                             key: "settle:" + pending.id) else {
            throw WalletError(.storage, "the wallet answered a payout with something else")
        }
        return settled
    }

    /// Both phases. A failed payout is not an error here: the result says `failed` and why.
    public func run(account: String, points: Points, paypal: String, key: String?) throws -> Withdrawal {
        let pending = try hold(account: account, points: points, paypal: paypal, key: key)
        if let current = try runner.withdrawal(id: pending.id), current.status != .pending { return current }
        return try settle(pending)
    }
}
