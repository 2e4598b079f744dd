import ArgumentParser
import TikScoreCore

/// `tikscore recharge NAME (--package ID | --points N) --method card|paypal ...`.
struct RechargeCommand: AsyncParsableCommand {
    enum Method: String, ExpressibleByArgument, CaseIterable { case card, paypal }

    static let configuration = CommandConfiguration(commandName: "recharge", abstract: "Buy points with a card or PayPal.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The account to credit.") var name: String
    @Option(help: ArgumentHelp("A package id or name (see `tikscore packages`).", valueName: "id")) var package: String?
    @Option(help: "A custom number of whole points.") var points: Int64?
    @Option(help: "How to pay.") var method: Method
    @Option(help: ArgumentHelp("Card number (sandbox: 4242424242424242 approves, 4000000000000002 declines).", valueName: "number")) var card: String?
    @Option(help: ArgumentHelp("PayPal address (an address at fail.example fails).", valueName: "email")) var paypal: String?
    @OptionGroup var idempotency: KeyOptions
    @OptionGroup var privacy: RevealOptions

    func validate() throws {
        if (package == nil) == (points == nil) { throw ValidationError("give exactly one of --package ID or --points N") }
        switch method {
        case .card where card == nil: throw ValidationError("--method card needs --card NUMBER")
        case .paypal where paypal == nil: throw ValidationError("--method paypal needs --paypal EMAIL")
        default: break
        }
    }

    func run() async throws {
        let store = try await wallet.open()
        let amount: RechargeAmount = package.map(RechargeAmount.package) ?? .custom(points ?? 0)
        let payment: PaymentDetails = method == .card ? .card(number: card ?? "") : .paypal(email: paypal ?? "")
        let receipt = try await RechargeFlow(runner: store, gateway: store.gateway)
            .run(account: name, amount: amount, payment: payment, key: idempotency.key)
        if output.json {
            Printer.json(.object([
                ("account", .string(receipt.account)), ("points", .points(receipt.points)), ("price_usd", .usd(receipt.priceUSD)),
                ("method", .string(privacy.shown(receipt.method.display))), ("package", .optional(receipt.packageID)),
                ("reference", .string(receipt.reference)), ("balance", .points(receipt.balance)),
            ]))
            return
        }
        Printer.out("paid $\(receipt.priceUSD.money) by \(privacy.shown(receipt.method.display)) (ref \(receipt.reference))")
        Printer.out("\(receipt.account) +\(receipt.points.grouped) points; balance \(receipt.balance.grouped) points")
    }
}
