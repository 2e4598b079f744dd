import ArgumentParser
import Foundation
import TikScoreCore
import TikScorePostgres

/// `tikscore migrate --to URL_OR_PATH`: copies the wallet (`--db`) into a new one on the other
/// store, or the same, exactly.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy the wallet into a new one: a file, or an empty PostgreSQL database.",
        discussion: """
            Every table comes across from one consistent snapshot of the wallet (--db): accounts,
            transfers with their ids and places, pending withdrawals, redemptions, sessions,
            battles, stored events, idempotency keys, PINs and lockouts, settings and the wallet
            secret. The target must be new: a file that does not exist, or a database with no
            wallet in it. Both wallets are verified afterwards and every balance compared.
              tikscore --db ~/.local/share/tikscore/wallet.sqlite migrate --to postgres://ops@db/agency
            """)

    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .customLong("to"), help: ArgumentHelp("The new wallet: a file path, or a postgres:// URL.", valueName: "url-or-path"))
    var target: String

    func validate() throws {
        if target.isEmpty { throw ValidationError("--to needs a path or a postgres:// URL") }
    }

    func run() async throws {
        let economy = try wallet.loadEconomy()
        let sourcePath = wallet.databasePath
        guard sourcePath != target else { throw CLIError("--to names the wallet being copied; name a new one") }
        let source = try await WalletOptions.store(at: sourcePath, economy: economy, access: .read)
        let isFile = !PostgresLocation.isURL(target)
        if isFile && FileManager.default.fileExists(atPath: target) {
            throw WalletError.notEmpty(target)
        }
        let dump = try await source.dump()
        do {
            let destination = try await WalletOptions.store(at: target, economy: economy, access: .create)
            try await destination.load(dump)
        } catch {
            // A file this command made and could not fill goes again; a database keeps its empty tables.
            if isFile { Self.remove(file: target) }
            throw error
        }
        // Opened again: it holds the source's secret now.
        let copied = try await WalletOptions.store(at: target, economy: economy, access: .read)
        let checks = try await [source.verify(full: true), copied.verify(full: true)]
        let sameBalances = try await source.allBalances().filter { $0.value != .zero } == copied.allBalances().filter { $0.value != .zero }
        let sameTransfers = checks[0].transfers == checks[1].transfers
        guard checks.allSatisfy(\.isSound), sameBalances, sameTransfers else {
            let problems = (checks[0].problems + checks[1].problems).prefix(3).joined(separator: "; ")
            throw CLIError("the copy at \(copied.location) does not match its source: "
                           + (problems.isEmpty ? "balances or transfer counts differ" : problems))
        }
        if output.json {
            Printer.json(.object([
                ("from", .string(source.location)), ("to", .string(copied.location)),
                ("accounts", .int(Int64(dump.accounts.count))), ("transfers", .int(Int64(dump.transfers.count))),
                ("keys", .int(Int64(dump.keys.count))), ("events", .int(Int64(dump.events.count))), ("verified", .bool(true)),
            ]))
        } else {
            Printer.out("copied \(source.location) to \(copied.location): \(dump.summary); verify --full ok on both, every balance matches")
        }
    }

    private static func remove(file: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
    }
}
