import ArgumentParser
import Foundation
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

    func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError("the dashboard needs a terminal (standard input and output are not a TTY); see `tikscore --help` for the commands")
        }
        if let problem = TerminalType.problem(with: ProcessInfo.processInfo.environment["TERM"]) { throw CLIError(problem) }
        let store = try await wallet.open(creating: true)
        let options = DashboardRuntime.Options(account: account, mouse: !noMouse, color: !noColor)
        try await DashboardRuntime(wallet: store, options: options).run()
    }
}
