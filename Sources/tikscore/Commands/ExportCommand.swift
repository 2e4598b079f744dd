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
            let rows = transfers.enumerated().map { TransferCSV.row($1, seq: $0 + 1, names: names) }
            text = CSVFormat.document([TransferCSV.header] + rows)
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
