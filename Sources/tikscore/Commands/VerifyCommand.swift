import ArgumentParser
import TikScoreCore

/// `tikscore verify`: recompute every balance and check every invariant.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Recompute every balance from the transfers and check the invariants.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Also decode every stored row, so a damaged value is named.") var full = false

    func run() async throws {
        let store = try await wallet.open(.read)
        let report = try await store.verify(full: full)
        let problems = report.problems
        let transfers = report.transfers
        if output.json {
            var fields: [(String, JSONValue)] = [("ok", .bool(problems.isEmpty)), ("transfers", .int(Int64(transfers)))]
            if full { fields.append(("rows_decoded", .int(Int64(report.rowsDecoded)))) }
            Printer.json(.object(fields + [("problems", .array(problems.map(JSONValue.string))), ("notes", .array(report.notes.map(JSONValue.string)))]))
        } else if problems.isEmpty {
            for note in report.notes { Printer.out("note: \(note)") }
            Printer.out("ok: \(Plural.of(Int64(transfers), "transfer")), every balance matches its history, all balances sum to zero"
                        + (full ? "; \(report.rowsDecoded) stored rows decode" : ""))
        } else {
            for problem in problems { Printer.out("problem: \(problem)") }
        }
        if !problems.isEmpty {
            throw CLIError("the ledger has \(problems.count) problem\(problems.count == 1 ? "" : "s")")
        }
    }
}

/// `tikscore demo`: fill an empty wallet with sample accounts and history.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Fill an empty wallet with supporters, creators and a realistic history.")
    @OptionGroup var wallet: WalletOptions

    func run() async throws {
        let store = try await wallet.open(creating: true)
        try await DemoWallet.fill(runner: store, gateway: store.gateway, today: CalendarDate(store.now))
        let accounts = try await store.accounts()
        Printer.out("demo wallet ready at \(store.location): \(accounts.count) accounts (\(accounts.map(\.name).joined(separator: ", ")))")
    }
}
