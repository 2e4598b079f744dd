import ArgumentParser
import Foundation
import TikScoreCore

/// `tikscore export --format hledger|csv|json [-o FILE]`.
struct ExportCommand: AsyncParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case hledger, csv, json }

    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export the whole ledger (hledger journal, CSV or JSON).")
    @OptionGroup var wallet: WalletOptions
    @Option(help: "The format.") var format: Format
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

    func run() async throws {
        let store = try await wallet.open()
        let accounts = try await store.accounts()
        let names = LedgerNames(accounts: accounts)
        let transfers = try await store.allTransfers()
        let text: String
        switch format {
        case .hledger: text = HledgerJournal.render(transfers: transfers, accounts: accounts)
        case .csv:
            let header = ["seq", "time", "id", "kind", "from_account", "to_account", "from", "to", "points", "units", "command", "pending_id", "memo"]
            let rows = transfers.enumerated().map { i, t in
                [String(i + 1), Timestamp.format(t.timestamp), t.id, t.kind.rawValue, t.debit.code, t.credit.code, names.label(t.debit),
                 names.label(t.credit), t.amount.description, String(t.amount.units), t.commandID, t.pendingID ?? "", t.memo]
            }
            text = ([header] + rows).map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        case .json:
            let balances = try await store.allBalances()
            text = JSONValue.object([
                ("unit", .string("points")),
                ("accounts", .array(accounts.map { AccountCommand.json($0, summary: nil) })),
                ("balances", .object(balances.keys.sorted().map { ($0.code, .points(balances[$0] ?? .zero)) })),
                ("transfers", .array(transfers.map { HistoryCommand.json($0, names: names) })),
            ]).text() + "\n"
        }
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else {
            throw CLIError("cannot write \(output)")
        }
        FileHandle.standardError.write(Data("wrote \(transfers.count) transfers to \(output)\n".utf8))
    }
}

/// The ledger as an hledger journal: one transaction per command, one posting pair per transfer,
/// amounts in the commodity `PTS` with two decimals.
enum HledgerJournal {
    static func render(transfers: [Transfer], accounts: [Account]) -> String {
        var lines = ["; TikScore ledger export. Every amount is in points (PTS); 1 PTS = one point.",
                     "commodity 1,000.00 PTS", ""]
        for account in accounts {
            for leaf in ["points", "earned", "held"] {
                lines.append("account user:\(account.id):\(leaf)  ; \(account.name.replacingOccurrences(of: "\n", with: " "))")
            }
        }
        for platform in LedgerAccount.platformAccounts { lines.append("account \(platform.code)") }
        lines.append("")
        var index = 0
        while index < transfers.count {
            let command = transfers[index].commandID
            var group: [Transfer] = []
            while index < transfers.count, transfers[index].commandID == command {
                group.append(transfers[index])
                index += 1
            }
            guard let first = group.first else { continue }
            let date = String(Timestamp.format(first.timestamp).prefix(10))
            lines.append("\(date) * \(clean(first.memo))  ; command:\(clean(command))")
            for t in group {
                lines.append("    \(t.credit.code)    \(t.amount.decimal.formatted(grouping: false, minimumFraction: 2)) PTS  ; id:\(clean(t.id)), kind:\(t.kind.rawValue)")
                lines.append("    \(t.debit.code)    -\(t.amount.decimal.formatted(grouping: false, minimumFraction: 2)) PTS")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private static func clean(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: ";", with: ",")
    }
}
