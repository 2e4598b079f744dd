import ArgumentParser
import TikScoreCore
import TikScorePostgres
import TikScoreStore

/// `tikscore backup -o FILE`: a consistent copy of the wallet while others keep writing.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the wallet into a new file (consistent while other programs write).",
        discussion: "SQLite's online backup: one snapshot, a single self-contained file, readable by its owner only (0600). The wallet is only read.")
    @OptionGroup var wallet: WalletOptions
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The new file (it must not exist).", valueName: "file")) var output: String

    func validate() throws {
        if output.isEmpty { throw ValidationError("-o needs a file name") }
    }

    func run() async throws {
        guard let store = try await wallet.open(.read) as? WalletStore else { throw CLIError("backup works on wallet files") }
        try await store.backup(to: output)
        Printer.out("backed up \(store.path) to \(output)")
    }
}

/// `tikscore restore FILE`: put a checked backup in place of the wallet.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Replace the wallet by a backup, after checking the backup with verify --full.",
        discussion: """
            The backup file itself is not changed. The wallet it replaces is kept beside it \
            (WALLET.before-restore-TIME), and a damage marker (WALLET.damaged) is removed.
            """)
    @OptionGroup var wallet: WalletOptions
    @Argument(help: ArgumentHelp("The backup to restore (from `tikscore backup -o FILE`).", valueName: "file")) var file: String

    func validate() throws {
        if file.isEmpty { throw ValidationError("restore needs the backup file") }
    }

    func run() async throws {
        let economy = try wallet.loadEconomy()
        let target = wallet.databasePath
        if PostgresLocation.isURL(target) {
            throw CLIError("restore writes a wallet file; a PostgreSQL wallet is backed up and restored with the server's own tools (pg_dump, pg_restore)")
        }
        let report = try await WalletBackup.restore(from: file, to: target, economy: economy, now: try WalletOptions.clock()())
        Printer.out("restored \(target) from \(file): \(Plural.of(Int64(report.transfers), "transfer")), verify --full ok"
                    + (report.keptPrevious.map { "; the replaced wallet is kept at \($0)" } ?? ""))
    }
}
