import ArgumentParser
import Foundation
import TikScoreCore

/// `tikscore history [NAME] [--limit N] [--csv]`.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List transfers, newest first.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Only this account's transfers, with running balances.") var name: String?
    @Option(help: "At most this many transfers.") var limit: Int?
    @Flag(help: "Print CSV.") var csv = false
    @OptionGroup var privacy: RevealOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if csv && output.json { throw ValidationError("choose --csv or --json, not both") }
    }

    func run() async throws {
        let store = try await wallet.open(.read)
        try await privacy.authorize(name, in: store)
        let names = LedgerNames(accounts: try await store.accounts())
        guard let name else {
            let transfers = try await store.transfers(of: nil, limit: limit).map(privacy.shown)
            let by = try await store.operators(of: Set(transfers.map(\.commandID)))
            let header = ["time", "id", "kind", "from", "to", "points", "by", "memo"]
            let row = { (t: Transfer, amount: String) in
                [Timestamp.format(t.timestamp), t.id, t.kind.rawValue, names.label(t.debit), names.label(t.credit), amount,
                 OneLine.sanitize(by[t.commandID] ?? ""), t.memo]
            }
            if output.json {
                Printer.json(.array(transfers.map { HistoryCommand.json($0, names: names, operator: .some(by[$0.commandID])) }))
            } else if csv {
                Printer.csv(header, transfers.map { row($0, $0.amount.description) })
            } else {
                Printer.table(header, transfers.map { row($0, $0.amount.grouped) }, right: [5])
            }
            return
        }
        let summary = try await store.summary(of: name)
        let account = summary.account
        let lines = AccountHistory.lines(for: account, newestFirst: try await store.transfers(of: account, limit: limit),
                                         current: [account.pointsAccount: summary.points, account.earnedAccount: summary.earned, account.heldAccount: summary.held])
        let by = try await store.operators(of: Set(lines.map(\.transfer.commandID)))
        let header = ["time", "id", "kind", "balance", "change", "after", "with", "by", "memo"]
        // Plain numbers for CSV; grouped ones for people.
        let rows = { (grouped: Bool) in
            lines.map { l in
                [Timestamp.format(l.transfer.timestamp), l.transfer.id, l.transfer.kind.rawValue, l.balance.leaf,
                 (l.change.units > 0 ? "+" : "") + (grouped ? l.change.grouped : l.change.description),
                 grouped ? l.balanceAfter.grouped : l.balanceAfter.description, names.label(l.counterparty),
                 OneLine.sanitize(by[l.transfer.commandID] ?? ""), privacy.shown(l.transfer.memo)]
            }
        }
        if output.json {
            Printer.json(.array(lines.map { l in
                .object([("time", .string(Timestamp.format(l.transfer.timestamp))), ("id", .string(l.transfer.id)),
                         ("kind", .string(l.transfer.kind.rawValue)), ("balance", .string(l.balance.leaf)),
                         ("change", .points(l.change)), ("after", .points(l.balanceAfter)),
                         ("with", .string(names.label(l.counterparty))), ("operator", .optional(by[l.transfer.commandID])),
                         ("memo", .string(privacy.shown(l.transfer.memo)))])
            }))
        } else if csv {
            Printer.csv(header, rows(false))
        } else {
            Printer.table(header, rows(true), right: [4, 5])
        }
    }

    /// A transfer as JSON; `history` adds who ran its command (`operator`, null when unknown), an
    /// export leaves it out (`.none`).
    static func json(_ t: Transfer, names: LedgerNames, operator operatorName: String?? = .none) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("time", .string(Timestamp.format(t.timestamp))), ("id", .string(t.id)), ("kind", .string(t.kind.rawValue)),
            ("from", .string(names.label(t.debit))), ("to", .string(names.label(t.credit))),
            ("from_account", .string(t.debit.code)), ("to_account", .string(t.credit.code)),
            ("points", .points(t.amount)), ("pending_id", .optional(t.pendingID)),
        ]
        if case .some(let name) = operatorName { fields.append(("operator", .optional(name))) }
        fields.append(("memo", .string(t.memo)))
        return .object(fields)
    }
}
