import ArgumentParser
import TikScoreCore

/// `tikscore account pin NAME [--remove]`: set, change or remove the PIN that guards an
/// account's payouts, transfers, gifts, profile and `--reveal`.
struct AccountPINCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pin", abstract: "Set, change or remove an account's PIN (asked for payouts, transfers, gifts, profile changes, --reveal).",
        discussion: """
            Changing or removing a PIN asks for the current one. The PIN is asked on the terminal \
            without echo, or read with --pin-stdin (one line each: the current PIN when there is \
            one, then the new one). A forgotten PIN cannot be recovered: only someone who can \
            write the wallet file can reset it. It guards the terminal, not the file.
            """)
    @OptionGroup var wallet: WalletOptions
    @Argument(help: "The account.") var name: String
    @Flag(help: "Remove the PIN.") var remove = false
    @OptionGroup var pin: PINOptions

    func run() async throws {
        let store = try await wallet.open()
        let account = try await store.existing(name)
        let gate = PINGate(wallet: store)
        let had = try await gate.isProtected(account)
        if had { try await gate.authorize(account) { try pin.read("Current PIN for \(account.name)") } }
        if remove {
            guard had else { throw WalletError(.invalidInput, "\(account.name) has no PIN") }
            try await store.savePIN(nil, accountID: account.id)
            Printer.out("removed the PIN of \(account.name)")
            return
        }
        let rules = store.economy.rules
        let new = try pin.read("New PIN for \(account.name) (\(rules.pinDigits.lowerBound) to \(rules.pinDigits.upperBound) digits)")
        try PINRules.checkNew(new, rules: rules)
        if !pin.pinStdin, try pin.read("Repeat the new PIN") != new {
            throw WalletError(.invalidPIN, "the two PINs differ; nothing was changed")
        }
        try await store.savePIN(try PINHasher.record(for: new, rounds: rules.pinHashRounds), accountID: account.id)
        Printer.out("\(had ? "changed" : "set") the PIN of \(account.name): withdrawals, gift cards, transfers, gifts, profile changes and --reveal now ask for it")
    }
}
