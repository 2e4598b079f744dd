import ArgumentParser
import Foundation
import TikScoreCore
import TikScorePostgres
import TikScoreResources
import TikScoreStore

/// Options every wallet command takes: which wallet and which economy.
struct WalletOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The wallet: a file, or a postgres:// URL (default: $TIKSCORE_DB, else $XDG_DATA_HOME/tikscore/wallet.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("A folder of catalogs to use instead of the defaults (or $TIKSCORE_RESOURCES).", valueName: "dir"))
    var economy: String?

    @Option(name: .customLong("operator"), help: ArgumentHelp("Who runs the command, recorded with it and shown by `history` (default: your user name).", valueName: "name"))
    var operatorName: String?

    /// Who runs the command: `--operator`, else the OS user.
    var operatorShown: String? {
        if let operatorName { return operatorName }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The wallet to open: a file path, or a `postgres://` URL.
    var databasePath: String {
        let env = ProcessInfo.processInfo.environment
        if let db, !db.isEmpty { return db }
        if let path = env["TIKSCORE_DB"], !path.isEmpty { return path }
        let data = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (env["HOME"].map { $0 + "/.local/share" } ?? FileManager.default.currentDirectoryPath)
        return data + "/tikscore/wallet.sqlite"
    }

    /// The economy: `--economy`, `$TIKSCORE_RESOURCES`, or the built-in catalogs.
    func loadEconomy() throws -> Economy {
        let env = ProcessInfo.processInfo.environment
        let folder: URL
        if let dir = economy ?? env["TIKSCORE_RESOURCES"], !dir.isEmpty {
            folder = URL(fileURLWithPath: dir)
        } else if let builtIn = DefaultCatalogs.directory {
            folder = builtIn
        } else {
            throw CLIError("the built-in catalogs are missing next to the program; pass --economy DIR")
        }
        do {
            return try CatalogLoader.load(directory: folder)
        } catch let error as CatalogError {
            throw CLIError("catalog \(error.description)")
        }
    }

    /// The clock: `$TIKSCORE_NOW` when set, the system clock otherwise.
    static func clock() throws -> @Sendable () -> Date {
        try fixedClock() ?? { Date() }
    }

    /// `$TIKSCORE_NOW` as a clock, when set.
    static func fixedClock() throws -> (@Sendable () -> Date)? {
        guard let text = ProcessInfo.processInfo.environment["TIKSCORE_NOW"], !text.isEmpty else { return nil }
        guard let fixed = Timestamp.parse(text) else {
            throw CLIError("TIKSCORE_NOW='\(text)' is not an ISO-8601 time such as 2026-11-24T10:00:00Z")
        }
        return { fixed }
    }

    func validate() throws {
        if let db, db.isEmpty { throw ValidationError("--db needs a path (or leave it out for the default wallet)") }
        if let economy, economy.isEmpty { throw ValidationError("--economy needs a folder (or leave it out for the built-in catalogs)") }
        if let operatorName {
            guard (1...64).contains(operatorName.count), !operatorName.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw ValidationError("--operator needs a name of 1 to 64 characters without control characters")
            }
        }
    }

    /// The economy and the opened wallet: the one place that picks a store, from `--db`. Only the
    /// commands that start a wallet (`account create`, `demo`, the dashboard) pass `creating`;
    /// the commands that only read pass `.read`, and never write the file.
    ///
    /// - Throws: `CLIError` for a catalog or clock problem, `WalletError` `storage` when the wallet
    ///   cannot be opened.
    func open(creating create: Bool = false) async throws -> any WalletService {
        try await open(create ? .create : .write)
    }

    /// The setting that holds the fingerprint of the catalogs a wallet was started with.
    static let economySetting = "economy.sha256"

    /// See `open(creating:)`. The wallet must be on the catalogs it was started with (or adopted
    /// with `tikscore economy adopt`); a writer records them in a wallet that has none recorded.
    ///
    /// - Throws: `CLIError` when the catalogs differ from the wallet's.
    func open(_ access: WalletAccess, checkingEconomy: Bool = true) async throws -> any WalletService {
        let economy = try loadEconomy()
        let store = try await Self.store(at: databasePath, economy: economy, access: access, operator: operatorShown)
        if checkingEconomy {
            switch try await store.setting(Self.economySetting) {
            case nil where access.writes:
                try await store.setSetting(Self.economySetting, economy.fingerprint)
            case let recorded? where recorded != economy.fingerprint:
                throw CLIError("the wallet \(store.location) was started with other catalogs (economy \(recorded.prefix(12)); "
                               + "these are \(economy.fingerprint.prefix(12))): open it with the same --economy, or run "
                               + "`tikscore economy adopt` to use these from now on")
            default:
                break
            }
        }
        // A writer settles battles whose timer ran out and payouts a stopped process left pending
        // (each under its own key, so two processes finishing one payout pay it once); a reader
        // shows them as they are, and writes nothing.
        if access.writes {
            try await store.settleDueBattles()
            try await WithdrawalFlow.finishInterrupted(in: store)
        }
        return store
    }
}

extension WalletOptions {
    /// The store for a wallet file or a `postgres://` URL, opened with `access` (nothing settled).
    ///
    /// - Throws: `WalletError` as the store's opening does; `CLIError` for a bad `TIKSCORE_NOW`.
    static func store(at location: String, economy: Economy, access: WalletAccess,
                      operator operatorName: String? = nil) async throws -> any WalletCopying {
        if PostgresLocation.isURL(location) {
            // A shared wallet keeps the database's clock, unless TIKSCORE_NOW fixes one.
            return try await PostgresWalletStore.open(try PostgresLocation(url: location), economy: economy, gateway: SandboxGateway(),
                                                      access: access, operator: operatorName, clock: try fixedClock())
        }
        return try WalletStore(path: location, economy: economy, gateway: SandboxGateway(), access: access, operator: operatorName,
                               clock: try clock())
    }
}

/// Options of commands that print data.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false
}

/// `--reveal`: show personal data (PayPal addresses) and secrets in full, which are masked
/// (`l••@example.com`) otherwise.
struct RevealOptions: ParsableArguments {
    @Flag(help: "Show PayPal addresses and gift card codes in full (masked otherwise); asks for the PIN of each account that has one.")
    var reveal = false
    @OptionGroup var pin: PINOptions

    /// With `--reveal`, the PIN of the account shown (`name`), or of every account with one.
    func authorize(_ name: String?, in store: any WalletService) async throws {
        guard reveal else { return }
        let accounts = if let name { [try await store.existing(name)] } else { try await store.accounts() }
        try await pin.authorize(revealing: accounts, in: store)
    }

    /// `text` (a memo, an address) as this command may show it.
    func shown(_ text: String) -> String { reveal ? text : Masking.emails(in: text) }

    /// The transfer with its memo as this command may show it.
    func shown(_ transfer: Transfer) -> Transfer { Self.shown(transfer, reveal: reveal) }

    /// The transfer with its memo masked unless `reveal`: for a loop over many transfers, which
    /// reads the flag once (a parsed flag is not a plain stored value).
    static func shown(_ transfer: Transfer, reveal: Bool) -> Transfer {
        guard !reveal else { return transfer }
        var masked = transfer
        masked.memo = Masking.emails(in: transfer.memo)
        return masked
    }
}

/// Options of commands that change the wallet.
struct KeyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("An idempotency key: running the same command again with it changes nothing more.", valueName: "key"))
    var key: String?

    func validate() throws {
        if let key, key.isEmpty || key.count > 200 { throw ValidationError("--key must be 1 to 200 characters") }
    }
}

/// A failure of the command line itself (not a wallet refusal), printed as `error: ...`.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
