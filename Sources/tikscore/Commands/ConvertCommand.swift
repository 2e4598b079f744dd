import ArgumentParser
import TikScoreCore

/// `tikscore convert AMOUNT [--from points|diamonds|usd] [--currency CODE]`.
struct ConvertCommand: AsyncParsableCommand {
    enum Unit: String, ExpressibleByArgument, CaseIterable { case points, diamonds, usd }

    static let configuration = CommandConfiguration(commandName: "convert", abstract: "Convert between points, diamonds, dollars and other currencies.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The amount, e.g. 20000, 2,000 or 0.5.") var amount: String
    @Option(help: "The unit of AMOUNT.") var from: Unit = .points
    @Option(help: ArgumentHelp("Also show the dollars in this currency (e.g. SAR).", valueName: "code")) var currency: String?

    func validate() throws {
        guard let value = ExactDecimal(parsing: amount) else { throw ValidationError("'\(amount)' is not a number") }
        guard !value.isNegative else { throw ValidationError("'\(amount)' is negative") }
    }

    func run() async throws {
        let economy = try wallet.loadEconomy()
        guard let value = ExactDecimal(parsing: amount) else { throw ValidationError("'\(amount)' is not a number") }
        let points: Points
        switch from {
        case .points: points = try Points.parse(amount)
        case .diamonds: points = try economy.points(fromDiamonds: value)
        case .usd: points = try economy.points(fromUSD: value)
        }
        let usd = try economy.usd(of: points)
        let diamonds = economy.diamonds(of: points)
        let other = try currency.map { code -> (Currency, ExactDecimal) in
            let c = try economy.currency(code: code)
            return (c, try economy.convert(usd: usd, to: c))
        }
        if output.json {
            var fields: [(String, JSONValue)] = [("points", .points(points)), ("diamonds", .decimal(diamonds)), ("usd", .usd(usd))]
            if let (c, amount) = other { fields += [("amount", .string(amount.money)), ("currency", .string(c.code))] }
            Printer.json(.object(fields))
            return
        }
        var line = "\(points.grouped) points = \(diamonds.formatted(grouping: true)) diamonds = $\(usd.formatted(grouping: true, minimumFraction: 2))"
        if let (c, amount) = other { line += " = \(amount.formatted(grouping: true, minimumFraction: 2)) \(c.code)" }
        Printer.out(line)
    }
}
