import ArgumentParser
import Foundation
import TikScoreCore
import TikScoreTUI

/// `tikscore config [--json]`: which config file the dashboard reads and what it makes of it.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the dashboard's config file and the settings it gives (after flags and the environment).",
        discussion: "A bad key or value is a warning: line on standard error, its default applies, and the exit status is 0.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("The config file (default: TIKSCORE_CONFIG, else $XDG_CONFIG_HOME/tikscore/config.toml).", valueName: "path"))
    var config: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let location = UserConfig.location(flag: config, environment: environment)
        let loaded = UserConfig.load(flag: config, environment: environment)
        let options = DashboardCommand.options(account: nil, noMouse: false, noColor: false, quiet: false, config: loaded,
                                               economy: try wallet.loadEconomy(), environment: environment)
        for warning in options.startupNotes { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        let found = location.map { FileManager.default.fileExists(atPath: $0.path) } ?? false
        let account = options.account ?? options.defaultAccount
        let n = options.notifications
        if output.json {
            Printer.json(.object([
                ("path", .optional(location?.path)), ("found", .bool(found)), ("theme", .string(options.theme.rawValue)),
                ("mouse", .bool(options.mouse)), ("account", .optional(account)), ("currency", .optional(options.currency)),
                ("notifications", .object([("big_gift_points", .int(n.bigGiftPoints)), ("bell", .bool(n.bell)), ("desktop", .bool(n.desktop))])),
                ("warnings", .array(options.startupNotes.map(JSONValue.string))),
            ]))
            return
        }
        Printer.out("config   \(location.map { OneLine.sanitize($0.path) } ?? "none (no HOME)")\(found ? "" : " (not there: defaults)")")
        Printer.out("theme    \(options.theme.rawValue)")
        Printer.out("mouse    \(options.mouse ? "on" : "off")")
        Printer.out("account  \(account.map(OneLine.sanitize) ?? "the one used last, or the only one")")
        Printer.out("currency \(options.currency ?? "dollars only (u cycles)")")
        Printer.out("notify   big gifts from \(Grouping.of(n.bigGiftPoints)) earned points; bell \(n.bell ? "on" : "off"); desktop \(n.desktop ? "on" : "off")")
    }
}
