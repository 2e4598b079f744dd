import Foundation
import TikScoreCore

/// The dashboard, as the command line starts it: the run loop on a terminal, over any wallet.
///
///     try await DashboardRuntime(wallet: store, options: .init(account: "leo")).run()
public final class DashboardRuntime: Sendable {
    /// How the dashboard was asked to start.
    public struct Options: Sendable {
        public var account: String?
        /// The account to open when `account` is nil and none was used last (the config's).
        public var defaultAccount: String?
        public var mouse: Bool
        public var color: Bool
        public var theme: ThemeName
        /// The second currency shown at the start (a code from `currencies.json`).
        public var currency: String?
        public var notifications: NotificationSettings
        /// Lines for the status bar at the start (the config's warnings).
        public var startupNotes: [String]
        public var environment: [String: String]

        public init(account: String? = nil, defaultAccount: String? = nil, mouse: Bool = true, color: Bool = true,
                    theme: ThemeName = .dark, currency: String? = nil, notifications: NotificationSettings = NotificationSettings(),
                    startupNotes: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.account = account
            self.defaultAccount = defaultAccount
            self.mouse = mouse
            self.color = color
            self.theme = theme
            self.currency = currency
            self.notifications = notifications
            self.startupNotes = startupNotes
            self.environment = environment
        }
    }

    private let wallet: any WalletService
    private let options: Options

    /// Prepares the dashboard on `wallet`; nothing happens to the terminal before `run`.
    public init(wallet: any WalletService, options: Options) {
        self.wallet = wallet
        self.options = options
    }

    /// Runs until the user quits, on a thread of its own (the terminal is used from that thread
    /// only); the terminal is restored on every way out. Prints the last message after a quit that
    /// waited for a payment.
    ///
    /// - Throws: when the terminal cannot be started.
    public func run() async throws {
        let loop = RunLoop(wallet: wallet, options: options, backend: NCursesBackend())
        let message = try await loop.runOnOwnThread()
        if let message { FileHandle.standardOutput.write(Data((message + "\n").utf8)) }
    }
}
