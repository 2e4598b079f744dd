import ArgumentParser
import TikScoreCore

/// `tikscore packages`: the recharge packages.
struct PackagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "packages", abstract: "List the recharge packages and their prices.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let economy = try wallet.loadEconomy()
        let rows = try economy.packages.map { ($0, try economy.price(ofPoints: try Points(whole: $0.points))) }
        if output.json {
            Printer.json(.array(rows.map { .object([("id", .string($0.0.id)), ("name", .string($0.0.name)), ("points", .int($0.0.points)), ("price_usd", .usd($0.1))]) }))
            return
        }
        Printer.table(["id", "name", "points", "price"], rows.map { [$0.0.id, $0.0.name, Grouping.of($0.0.points), "$" + $0.1.money] }, right: [2, 3])
        let r = economy.rules
        Printer.out("custom amounts: \(Grouping.of(r.customRechargeMin)) to \(Grouping.of(r.customRechargeMax)) points at $\(r.pointValueUSD.plain) each")
    }
}

/// `tikscore gifts`: the LIVE gift catalog.
struct GiftsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gifts", abstract: "List the LIVE gifts on the panel and their prices in points (--all: every gift a LIVE may send).")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Every gift in the catalog, not only the panel's.") var all = false

    func run() async throws {
        let economy = try wallet.loadEconomy()
        let shown = all ? economy.gifts.sorted { ($0.points, $0.id) < ($1.points, $1.id) } : economy.panelGifts
        let rows = try shown.map { gift -> (Gift, ExactDecimal, Points) in
            let price = try Points(whole: gift.points)
            return (gift, try economy.usd(of: price), try economy.split(gift: price).creator)
        }
        if output.json {
            Printer.json(.array(rows.map {
                .object([("id", .int($0.0.id)), ("name", .string($0.0.name)), ("points", .int($0.0.points)),
                         ("price_usd", .usd($0.1)), ("type", .int(Int64($0.0.type))), ("streakable", .bool($0.0.isStreakable)),
                         ("creator_points", .points($0.2)), ("panel", .bool($0.0.panel))])
            }))
            return
        }
        Printer.table(["id", "name", "points", "price", "creator gets", "streak"], rows.map {
            [String($0.0.id), $0.0.name, Grouping.of($0.0.points), "$" + $0.1.money, $0.2.grouped, $0.0.isStreakable ? "yes" : ""]
        }, right: [2, 3, 4])
        if !all && shown.count < economy.gifts.count {
            Printer.out("\(Grouping.of(Int64(shown.count))) of \(Plural.of(Int64(economy.gifts.count), "gift")) (the panel); --all lists every gift a LIVE may send")
        }
    }
}

/// `tikscore cards`: the gift cards earned points can buy.
struct CardsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cards", abstract: "List the gift cards and what they cost in earned points.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let economy = try wallet.loadEconomy()
        if output.json {
            Printer.json(.array(economy.cards.map { .object([("id", .string($0.id)), ("name", .string($0.name)), ("points", .int($0.points)), ("value_usd", .usd($0.valueUSD))]) }))
            return
        }
        Printer.table(["id", "name", "points", "value"], economy.cards.map {
            [$0.id, $0.name, Grouping.of($0.points), "$" + $0.valueUSD.money]
        }, right: [2, 3])
    }
}
