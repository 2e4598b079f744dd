import ArgumentParser
import TikScoreCore

/// `tikscore economy adopt`: the wallet takes the catalogs in use now (`--economy`, else the
/// built-in ones) as its own.
struct EconomyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "economy",
        abstract: "Which catalogs the wallet is on.",
        subcommands: [EconomyAdoptCommand.self])
}

/// `tikscore economy adopt [--economy DIR]`.
struct EconomyAdoptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Use these catalogs for this wallet from now on (after an update of the catalogs).",
        discussion: """
            A wallet records the catalogs it was started with and refuses others, so that two
            hosts, or an --economy given by mistake, never price the same wallet differently.
            After a deliberate change of catalogs (new gift prices, a new package), adopt them:
              tikscore economy adopt --economy ~/catalogs-2027
            """)
    @OptionGroup var wallet: WalletOptions

    func run() async throws {
        let store = try await wallet.open(.write, checkingEconomy: false)
        let fingerprint = store.economy.fingerprint   // the catalogs open() just read
        let before = try await store.setting(WalletOptions.economySetting)
        try await store.setSetting(WalletOptions.economySetting, fingerprint)
        if before == fingerprint {
            Printer.out("\(store.location) is on these catalogs already (economy \(fingerprint.prefix(12)))")
        } else {
            Printer.out("\(store.location) now uses these catalogs (economy \(fingerprint.prefix(12))"
                        + (before.map { "; it was on \($0.prefix(12))" } ?? "") + ")")
        }
    }
}
