import ArgumentParser
import Foundation
import TikScoreCore
import TikScoreTUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `tikscore [dashboard]`: the full-screen dashboard (the default when no subcommand is given).
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the full-screen dashboard: balances, live points, recharge, withdraw (the default).")
    @OptionGroup var wallet: WalletOptions
    @Option(help: ArgumentHelp("Open as this account (default: the one used last, or the only one).", valueName: "name")) var account: String?
    @Flag(name: .long, help: "Do not use the mouse.") var noMouse = false
    @Flag(name: .long, help: "No colours (also when NO_COLOR is set).") var noColor = false
    @Flag(name: .long, help: "No bell and no desktop notifications, whatever the config says.") var quiet = false
    @Option(help: ArgumentHelp("The config file (default: TIKSCORE_CONFIG, else $XDG_CONFIG_HOME/tikscore/config.toml).", valueName: "path"))
    var config: String?

    func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError("the dashboard needs a terminal (standard input and output are not a TTY); see `tikscore --help` for the commands")
        }
        let environment = ProcessInfo.processInfo.environment
        if let problem = TerminalType.problem(with: environment["TERM"]) { throw CLIError(problem) }
        let store = try await wallet.open(creating: true)
        let options = Self.options(account: account, noMouse: noMouse, noColor: noColor, quiet: quiet,
                                   config: UserConfig.load(flag: config, environment: environment), economy: store.economy, environment: environment)
        for note in options.startupNotes { FileHandle.standardError.write(Data((note + "\n").utf8)) }
        try await DashboardRuntime(wallet: store, options: options).run()
    }

    /// The dashboard's options: flags first, then the environment (`TIKSCORE_ACCOUNT`,
    /// `NO_COLOR`), then the config; what the dashboard remembered (the account used last) comes
    /// after all of them.
    static func options(account: String?, noMouse: Bool, noColor: Bool, quiet: Bool, config loaded: (UserConfig, warnings: [String]),
                        economy: Economy, environment: [String: String]) -> DashboardRuntime.Options {
        let (config, loadWarnings) = loaded
        var warnings = loadWarnings
        var currency = config.currency?.uppercased()
        if let code = currency, !economy.currencies.contains(where: { $0.code == code.uppercased() && $0.code != "USD" }) {
            warnings.append("warning: config: currency '\(OneLine.sanitize(code))' is not a second currency of the catalogs (currencies.json); its default applies")
            currency = nil
        }
        let fromEnvironment = environment["TIKSCORE_ACCOUNT"].flatMap { $0.isEmpty ? nil : $0 }
        let notifications = NotificationSettings(bigGiftPoints: config.bigGiftPoints ?? NotificationSettings.defaultBigGiftPoints,
                                                 bell: config.bell ?? false, desktop: config.desktop ?? false, quiet: quiet)
        return DashboardRuntime.Options(account: account ?? fromEnvironment, defaultAccount: config.account,
                                        mouse: !noMouse && (config.mouse ?? true), color: !noColor,
                                        theme: config.theme ?? .dark, currency: currency, notifications: notifications,
                                        startupNotes: warnings, environment: environment)
    }
}
