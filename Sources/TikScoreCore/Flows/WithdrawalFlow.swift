/// Withdrawal in two phases: hold the earned points, ask the gateway to pay out (outside any
/// transaction), then post the hold (paid) or void it (failed, points back in earned).
///
/// ```swift
/// let w = try await WithdrawalFlow(runner: wallet, gateway: SandboxGateway())
///     .run(account: "leo", points: try Points(whole: 20_000), paypal: "leo@example.com", key: nil)
/// w.status   // .paid
/// ```
public struct WithdrawalFlow: Sendable {
    public let runner: CommandRunner
    public let gateway: PaymentGateway

    public init(runner: CommandRunner, gateway: PaymentGateway) {
        self.runner = runner
        self.gateway = gateway
    }

    /// Phase one only: holds the points and returns the pending withdrawal.
    public func hold(account: String, points: Points, paypal: String, key: String?) async throws -> Withdrawal {
        try await runner.holdWithdrawal(account: account, points: points, paypal: paypal, key: key)
    }

    /// Phase two: pays out a pending withdrawal and posts or voids its hold. The payout's
    /// idempotency key is the withdrawal's id, so asking again never pays twice.
    ///
    /// - Throws: `payoutUnavailable` when the provider does not answer (the withdrawal stays pending).
    public func settle(_ pending: Withdrawal) async throws -> Withdrawal {
        guard pending.status == .pending else { return pending }
        let answer: GatewayAnswer
        do {
            answer = try await gateway.payout(amountUSD: pending.usd, paypal: pending.paypal, idempotencyKey: pending.id)
        } catch {
            throw WalletError(.paymentUnavailable, "the payout provider did not answer (\(error)); withdrawal \(pending.id) stays pending and is finished later")
        }
        return try await runner.settleWithdrawal(id: pending.id, answer: answer, key: "settle:" + pending.id)
    }

    /// Both phases. A failed payout is not an error here: the result says `failed` and why.
    public func run(account: String, points: Points, paypal: String, key: String?) async throws -> Withdrawal {
        let pending = try await hold(account: account, points: points, paypal: paypal, key: key)
        if let current = try await runner.withdrawal(id: pending.id), current.status != .pending { return current }
        return try await settle(pending)
    }

    /// Finishes withdrawals that a stopped process left pending (held, payout not recorded): the
    /// payout is asked again with the same idempotency key, so it is never paid twice.
    ///
    /// - Returns: the withdrawals it settled.
    @discardableResult
    public static func finishInterrupted(in wallet: WalletService) async throws -> [Withdrawal] {
        let flow = WithdrawalFlow(runner: wallet, gateway: wallet.gateway)
        var settled: [Withdrawal] = []
        for pending in try await wallet.pendingWithdrawals() {
            settled.append(try await flow.settle(pending))
        }
        return settled
    }
}
