import Foundation
import TikScoreCore

/// The dashboard, as the command line starts it: the run loop on a terminal, over any wallet.
///
///     try await DashboardRuntime(wallet: store, options: .init(account: "leo")).run()
public final class DashboardRuntime: Sendable {
    /// How the dashboard was asked to start.
    public struct Options: Sendable {
        public var account: String?
        public var mouse: Bool
        public var color: Bool
        public var environment: [String: String]

        public init(account: String? = nil, mouse: Bool = true, color: Bool = true,
                    environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.account = account
            self.mouse = mouse
            self.color = color
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
