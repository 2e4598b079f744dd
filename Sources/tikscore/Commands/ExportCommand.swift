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
    @OptionGroup var privacy: RevealOptions

    func run() async throws {
        let store = try await wallet.open(.read)
        try await privacy.authorize(nil, in: store)
        let accounts = try await store.accounts()
        let balances = format == .json ? try await store.allBalances() : [:]
        let sink = try OutputSink(path: output)
        let stream = ExportStream(format: format, accounts: accounts, sink: sink)
        try stream.begin(balances: balances)
        let reveal = privacy.reveal
        try await store.forEachTransfer { try stream.add(RevealOptions.shown($0, reveal: reveal)) }
        try stream.end()
        try sink.finish()
        if let output { FileHandle.standardError.write(Data("wrote \(stream.count) transfers to \(output)\n".utf8)) }
    }
}

/// One export as it is written: the part before the transfers, each transfer as it is read, and
/// the end, so the whole ledger is never held in memory.
private final class ExportStream: @unchecked Sendable {
    private let format: ExportCommand.Format
    private let accounts: [Account]
    private let names: LedgerNames
    private var csv: TransferCSVWriter
    private let sink: OutputSink
    private var journal: HledgerJournal.Writer
    /// Transfers written so far.
    private(set) var count = 0
    /// The CSV row being written, reused from row to row.
    private var line: [UInt8] = []

    init(format: ExportCommand.Format, accounts: [Account], sink: OutputSink) {
        self.format = format
        self.accounts = accounts
        self.names = LedgerNames(accounts: accounts)
        self.csv = TransferCSVWriter(names: names)
        self.sink = sink
        self.journal = HledgerJournal.Writer(accounts: accounts)
    }

    func begin(balances: [LedgerAccount: Points]) throws {
        switch format {
        case .hledger: try sink.append(journal.header)
        case .csv: try sink.append(CSVFormat.document([TransferCSV.header]))
        case .json:
            // The same text as the whole document printed at once, with the transfers last.
            let head = JSONValue.object([
                ("unit", .string("points")),
                ("accounts", .array(accounts.map { AccountCommand.json($0, summary: nil) })),
                ("balances", .object(balances.keys.sorted().map { ($0.code, .points(balances[$0] ?? .zero)) })),
                ("transfers", .array([])),
            ]).text()
            // Cut before the empty array: `"transfers": []\n}`.
            try sink.append(String(head.dropLast("[]\n}".count)) + "[")
        }
    }

    func add(_ transfer: Transfer) throws {
        count += 1
        switch format {
        case .hledger: try sink.append(journal.add(transfer))
        case .csv:
            line.removeAll(keepingCapacity: true)
            csv.append(transfer, seq: count, to: &line)
            try sink.append(bytes: line)
        case .json: try sink.append((count == 1 ? "\n    " : ",\n    ") + HistoryCommand.json(transfer, names: names).text(indent: 2))
        }
    }

    func end() throws {
        switch format {
        case .hledger: try sink.append(journal.finish())
        case .csv: break
        case .json: try sink.append(count == 0 ? "]\n}\n" : "\n  ]\n}\n")
        }
    }
}
