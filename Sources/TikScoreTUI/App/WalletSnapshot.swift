import Foundation
import TikScoreCore

/// Everything the dashboard shows about the wallet, read from the store in one go.
struct WalletSnapshot: Equatable, Sendable {
    /// Every account, oldest first.
var accounts: [Account]
    /// The signed-in account and its balances (nil when none is chosen).
var summary: AccountSummary?
    /// The signed-in account's open LIVE session.
var session: LiveSession?
    /// The battle to show: running, or ended in the last minutes.
var battle: Battle?
    /// Earned points per minute over the last `SnapshotMath.sparkMinutes` minutes, oldest first.
var perMinute: [Points]
    /// Recent gifts and followers that earned points, newest first.
var recentEarnings: [Transfer]
    /// The account's history with running balances, newest first.
var history: [HistoryLine]
    /// The wallet's clock when read.
var now: Date

init(accounts: [Account], summary: AccountSummary? = nil, session: LiveSession? = nil, battle: Battle? = nil,
                perMinute: [Points] = [], recentEarnings: [Transfer] = [], history: [HistoryLine] = [], now: Date) {
        self.accounts = accounts
        self.summary = summary
        self.session = session
        self.battle = battle
        self.perMinute = perMinute
        self.recentEarnings = recentEarnings
        self.history = history
        self.now = now
    }

    /// The signed-in account.
var account: Account? { summary?.account }

    /// The name of the user that owns a ledger account, or the platform account's name.
func name(of ledger: LedgerAccount) -> String {
        if let id = ledger.userID, let account = accounts.first(where: { $0.id == id }) {
            return account.name + ":" + ledger.leaf
        }
        return ledger.leaf.replacingOccurrences(of: "_", with: " ")
    }
}
