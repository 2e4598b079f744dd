import ArgumentParser
import TikScoreCore

/// `tikscore withdraw NAME POINTS --paypal EMAIL`.
struct WithdrawCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "withdraw", abstract: "Withdraw earned points to PayPal (hold, pay out, post or void).")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The creator withdrawing.") var name: String
    @Argument(help: "Whole earned points to withdraw, or max (the most that is whole points and whole cents).") var points: String
    @Option(help: ArgumentHelp("The PayPal account to pay.", valueName: "email")) var paypal: String
    @OptionGroup var idempotency: KeyOptions
    @OptionGroup var privacy: RevealOptions

    func validate() throws { _ = try NumberArguments.pointsOrMax(points, name: "points") }

    func run() async throws {
        let store = try await wallet.open()
        let amount = try NumberArguments.resolve(points, name: "points", max: try await store.summary(of: name).earned,
                                                 economy: store.economy, nothing: "\(name) has no whole earned points to withdraw")
        try await privacy.pin.authorize(name, in: store)
        let w = try await WithdrawalFlow(runner: store, gateway: store.gateway).run(account: name, points: amount, paypal: paypal, key: idempotency.key)
        if output.json {
            Printer.json(WithdrawalsCommand.json(w, privacy: privacy))
            return
        }
        switch w.status {
        case .paid: Printer.out("paid $\(w.usd.money) to \(privacy.shown(w.paypal)) for \(w.points.grouped) points (\(w.id), ref \(w.reference ?? "-"))")
        case .failed: Printer.out("payout failed: \(w.reason ?? "unknown"); \(w.points.grouped) points returned to \(w.accountName)'s earnings (\(w.id))")
        case .pending: Printer.out("withdrawal \(w.id) is pending: \(w.points.grouped) points held")
        }
    }
}

/// `tikscore withdrawals [NAME]`.
struct WithdrawalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "withdrawals", abstract: "List withdrawals and their status.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Only this account's.") var name: String?
    @OptionGroup var privacy: RevealOptions

    func run() async throws {
        let store = try await wallet.open()
        try await privacy.authorize(name, in: store)
        let account: Account? = if let name { try await store.existing(name) } else { nil }
        let list = try await store.withdrawals(of: account)
        if output.json { Printer.json(.array(list.map { WithdrawalsCommand.json($0, privacy: privacy) })); return }
        if list.isEmpty { Printer.out("No withdrawals."); return }
        Printer.table(["id", "account", "points", "usd", "paypal", "status", "requested"], list.map {
            [$0.id, $0.accountName, $0.points.grouped, "$" + $0.usd.money, privacy.shown($0.paypal),
             $0.status.rawValue + ($0.reason.map { " (\($0))" } ?? ""), Timestamp.format($0.requestedAt)]
        }, right: [2, 3])
    }

    static func json(_ w: Withdrawal, privacy: RevealOptions) -> JSONValue {
        .object([("id", .string(w.id)), ("account", .string(w.accountName)), ("status", .string(w.status.rawValue)),
                 ("points", .points(w.points)), ("usd", .usd(w.usd)), ("paypal", .string(privacy.shown(w.paypal))),
                 ("reason", .optional(w.reason)), ("reference", .optional(w.reference)),
                 ("requested_at", .string(Timestamp.format(w.requestedAt))), ("settled_at", .optional(w.settledAt.map(Timestamp.format)))])
    }
}

/// `tikscore eligibility NAME`.
struct EligibilityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eligibility", abstract: "Check every condition to earn and to withdraw.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The account to check.") var name: String

    func run() async throws {
        let store = try await wallet.open(.read)
        let account = try await store.existing(name)
        let report = Eligibility.evaluate(account, rules: store.economy.rules, today: CalendarDate(store.now))
        if output.json {
            Printer.json(.object([
                ("account", .string(account.name)), ("can_earn", .bool(report.canEarn)), ("can_withdraw", .bool(report.canWithdraw)),
                ("conditions", .array(report.conditions.map {
                    .object([("id", .string($0.id)), ("title", .string($0.title)), ("ok", .bool($0.ok)), ("reason", .string($0.reason)),
                             ("withdraw_only", .bool($0.withdrawOnly))])
                })),
            ]))
            return
        }
        Printer.out("\(account.name): \(report.canEarn ? "can earn" : "cannot earn"), \(report.canWithdraw ? "can withdraw" : "cannot withdraw")")
        for c in report.conditions {
            Printer.out("  [\(c.ok ? "ok" : "no")] \(c.title): \(c.reason)")
        }
    }
}
