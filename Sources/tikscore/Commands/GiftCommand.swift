import ArgumentParser
import TikScoreCore

/// `tikscore gift FROM TO GIFT [--count N]`.
struct GiftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gift", abstract: "Send a LIVE gift from a user's points to a creator.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Who sends it.") var from: String
    @Argument(help: "The creator who receives it.") var to: String
    @Argument(help: "The gift's id or name (see `tikscore gifts`).") var gift: String
    @Option(help: "How many.") var count: Int64 = 1
    @OptionGroup var idempotency: KeyOptions

    @OptionGroup var pin: PINOptions

    func validate() throws { try NumberArguments.check(count, "--count", in: 1...Int64.max) }

    func run() async throws {
        let store = try await wallet.open()
        try await pin.authorize(from, in: store)
        let item = try store.economy.gift(named: gift)
        let r = try await store.sendGift(from: from, to: to, giftID: item.id, count: count, key: idempotency.key)
        if output.json {
            Printer.json(.object([
                ("from", .string(r.from)), ("to", .string(r.to)), ("gift_id", .int(r.giftID)), ("gift", .string(r.giftName)),
                ("count", .int(r.count)), ("points", .points(r.points)), ("creator_points", .points(r.creatorShare)),
                ("commission", .points(r.commission)), ("sender_balance", .points(r.senderBalance)),
            ]))
            return
        }
        Printer.out("\(r.from) sent \(r.giftName) ×\(r.count) to \(r.to): \(r.points.grouped) points")
        Printer.out("  \(r.to) earns \(r.creatorShare.grouped), commission \(r.commission.grouped); \(r.from) has \(r.senderBalance.grouped) points left")
    }
}

/// `tikscore transfer FROM TO POINTS`.
struct TransferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "transfer", abstract: "Give points to another user.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Who gives.") var from: String
    @Argument(help: "Who receives.") var to: String
    @Argument(help: "Points to give (up to two decimals), or max (the most that is whole points and whole cents).") var points: String
    @OptionGroup var idempotency: KeyOptions

    @OptionGroup var pin: PINOptions

    func validate() throws { _ = try NumberArguments.pointsOrMax(points, name: "points") }

    func run() async throws {
        let store = try await wallet.open()
        let amount = try NumberArguments.resolve(points, name: "points", max: try await store.summary(of: from).points,
                                                 economy: store.economy, nothing: "\(from) has no whole points to give")
        try await pin.authorize(from, in: store)
        let r = try await store.transferPoints(from: from, to: to, points: amount, key: idempotency.key)
        if output.json {
            Printer.json(.object([("from", .string(r.from)), ("to", .string(r.to)), ("points", .points(r.points)), ("sender_balance", .points(r.senderBalance))]))
            return
        }
        Printer.out("\(r.from) gave \(r.points.grouped) points to \(r.to); \(r.from) has \(r.senderBalance.grouped) left")
    }
}

/// `tikscore redeem NAME CARD`.
struct RedeemCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "redeem", abstract: "Exchange earned points for a gift card and print its code.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The account whose earnings pay.") var name: String
    @Argument(help: "The card's id or name (see `tikscore cards`).") var card: String
    @OptionGroup var idempotency: KeyOptions
    @OptionGroup var pin: PINOptions

    func run() async throws {
        let store = try await wallet.open()
        try await pin.authorize(name, in: store)
        let r = try await store.redeem(account: name, cardID: card, key: idempotency.key)
        if output.json {
            Printer.json(.object([("id", .string(r.id)), ("account", .string(r.accountName)), ("card", .string(r.cardID)),
                                  ("name", .string(r.cardName)), ("points", .points(r.points)), ("value_usd", .usd(r.valueUSD)), ("code", .string(r.code))]))
            return
        }
        Printer.out("\(r.accountName) bought \(Plural.article(r.cardName)) \(r.cardName) gift card ($\(r.valueUSD.money)) for \(r.points.grouped) earned points")
        Printer.out("code: \(r.code)")
    }
}
