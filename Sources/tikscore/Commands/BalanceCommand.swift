import ArgumentParser
import TikScoreCore

/// `tikscore balance NAME`.
struct BalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "balance", abstract: "Show an account's points, earnings, diamonds and dollars.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The account's name.") var name: String
    @Option(help: ArgumentHelp("Also show the earnings in this currency (e.g. SAR).", valueName: "code")) var currency: String?

    func run() async throws {
        let store = try await wallet.open(.read)
        let s = try await store.summary(of: name)
        let economy = store.economy
        let earnedUSD = try economy.usd(of: s.earned)
        let diamonds = economy.diamonds(of: s.earned)
        let forecast = try await store.forecast(for: s)
        let other = try currency.map { code -> (Currency, ExactDecimal) in
            let c = try economy.currency(code: code)
            return (c, try economy.convert(usd: earnedUSD, to: c))
        }
        if output.json {
            var fields: [(String, JSONValue)] = [
                ("account", .string(s.account.name)), ("points", .points(s.points)), ("earned", .points(s.earned)),
                ("held", .points(s.held)), ("diamonds", .decimal(diamonds)), ("earned_usd", .usd(earnedUSD)),
                ("points_usd", .usd(try economy.usd(of: s.points))), ("held_usd", .usd(try economy.usd(of: s.held))),
            ]
            if let (c, amount) = other { fields += [("currency", .string(c.code)), ("earned_in_currency", .string(amount.money))] }
            fields.append(("forecast", .object([("rate_points_per_hour", .points(forecast.ratePerHour)),
                                                ("minutes_to_minimum", forecast.minutesToMinimum.map(JSONValue.int) ?? .null)])))
            Printer.json(.object(fields))
            return
        }
        Printer.out("\(s.account.name) (\(s.account.profile.role.rawValue))")
        Printer.out("  points  \(s.points.grouped)  ($\(try economy.usd(of: s.points).money))")
        var earnedLine = "  earned  \(s.earned.grouped)  = \(diamonds.formatted(grouping: true)) diamonds = $\(earnedUSD.money)"
        if let (c, amount) = other { earnedLine += " = \(amount.money) \(c.code)" }
        Printer.out(earnedLine)
        if s.held.units > 0 { Printer.out("  held    \(s.held.grouped)  ($\(try economy.usd(of: s.held).money), withdrawal on its way)") }
        if let line = try ForecastText.sentence(forecast, economy: economy) { Printer.out("  forecast  " + line) }
    }
}
