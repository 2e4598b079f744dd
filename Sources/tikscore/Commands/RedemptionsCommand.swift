import ArgumentParser
import TikScoreCore

/// `tikscore redemptions [NAME] [--reveal]`: the gift cards bought, so a code can be found again.
struct RedemptionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redemptions", abstract: "List the gift cards bought with earned points (codes masked unless --reveal).")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Only this account's cards.") var name: String?
    @OptionGroup var privacy: RevealOptions

    func run() async throws {
        let store = try await wallet.open(.read)
        try await privacy.authorize(name, in: store)
        let reveal = privacy.reveal
        let account: Account? = if let name { try await store.existing(name) } else { nil }
        let list = try await store.redemptions(of: account)
        let code = { (r: Redemption) in reveal ? r.code : Masking.code(r.code) }
        if output.json {
            Printer.json(.array(list.map { r in
                .object([("id", .string(r.id)), ("account", .string(r.accountName)), ("card_id", .string(r.cardID)),
                         ("card_name", .string(r.cardName)), ("code", .string(code(r))), ("points", .points(r.points)),
                         ("value_usd", .usd(r.valueUSD)), ("redeemed_at", .string(Timestamp.format(r.at)))])
            }))
            return
        }
        if list.isEmpty { Printer.out("No gift cards yet."); return }
        Printer.table(["redeemed", "account", "card", "value", "points", "code"], list.map {
            [Timestamp.format($0.at), $0.accountName, $0.cardName, "$" + $0.valueUSD.money, $0.points.grouped, code($0)]
        }, right: [3, 4])
        if !reveal { Printer.out("codes are masked; --reveal shows them in full") }
    }
}
