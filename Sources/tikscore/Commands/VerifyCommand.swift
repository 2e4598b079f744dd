import ArgumentParser
import TikScoreCore
import TikScoreStore

/// `tikscore verify`: recompute every balance and check every invariant.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Recompute every balance from the transfers and check the invariants.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try wallet.open()
        let problems = try store.verify()
        let transfers = try store.allTransfers().count
        if output.json {
            Printer.json(.object([("ok", .bool(problems.isEmpty)), ("transfers", .int(Int64(transfers))), ("problems", .array(problems.map(JSONValue.string)))]))
        } else if problems.isEmpty {
            Printer.out("ok: \(transfers) transfers, every balance matches its history, all balances sum to zero")
        } else {
            for problem in problems { Printer.out("problem: \(problem)") }
        }
        if !problems.isEmpty {
            throw CLIError("the ledger has \(problems.count) problem\(problems.count == 1 ? "" : "s")")
        }
    }
}

/// `tikscore demo`: fill an empty wallet with sample accounts and history.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Fill an empty wallet with supporters, creators and a realistic history.")
    @OptionGroup var wallet: WalletOptions

    func run() throws {
        let store = try wallet.open()
        try DemoWallet.fill(runner: store, gateway: store.gateway, today: CalendarDate(store.now))
        let accounts = try store.accounts()
        Printer.out("demo wallet ready at \(store.path): \(accounts.count) accounts (\(accounts.map(\.name).joined(separator: ", ")))")
    }
}
