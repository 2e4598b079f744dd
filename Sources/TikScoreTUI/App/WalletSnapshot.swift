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
    /// Its latest session, open or finished (a finished one stays on screen until the next starts).
    var lastSession: LiveSession?
    /// The battle to show: running, or ended in the last minutes.
    var battle: Battle?
    /// Earned points per minute over the last `SnapshotMath.sparkMinutes` minutes, oldest first.
    var perMinute: [Points]
    /// Recent gifts and followers that earned points, newest first.
    var recentEarnings: [Transfer]
    /// The account's latest history with running balances, newest first (the history screen
    /// pages through all of it from the wallet).
    var history: [HistoryLine]
    /// The account's withdrawals, newest first.
    var withdrawals: [Withdrawal]
    /// The gift cards the account bought, newest first.
    var redemptions: [Redemption]
    /// The wallet's clock when read.
    var now: Date
    /// Whether the signed-in account has a PIN (its protected operations ask for it).
    var pinProtected = false
    /// When the earnings reach the withdrawal minimum at the pace of the last half hour.
    var forecast: EarningsForecast?
    /// The creator's LIVE goal beside the open (else the last) session.
    var goal: LiveGoalProgress?
    /// When the session's earnings reached the points goal, when the loaded history shows it.
    var goalReachedAt: Date?
    /// The creators LIVE now (by account id), for the recipient lists.
    var liveNow: Set<Int64> = []

    init(accounts: [Account], summary: AccountSummary? = nil, session: LiveSession? = nil, lastSession: LiveSession? = nil, battle: Battle? = nil,
         perMinute: [Points] = [], recentEarnings: [Transfer] = [], history: [HistoryLine] = [],
         withdrawals: [Withdrawal] = [], redemptions: [Redemption] = [], now: Date) {
        self.accounts = accounts
        self.summary = summary
        self.session = session
        self.lastSession = lastSession
        self.battle = battle
        self.perMinute = perMinute
        self.recentEarnings = recentEarnings
        self.history = history
        self.withdrawals = withdrawals
        self.redemptions = redemptions
        self.now = now
    }

    /// The signed-in account.
    var account: Account? { summary?.account }

    /// How screens name ledger accounts (`ana:points`, `follower rewards`).
    var names: LedgerNames { LedgerNames(accounts: accounts) }

    /// The name of the user that owns a ledger account, or the platform account's name.
    func name(of ledger: LedgerAccount) -> String { names.display(ledger) }

    /// What a history line says, with a withdrawal's hold shown with the withdrawal's status now
    /// (its stored memo was written while it was pending).
    func memo(of line: HistoryLine) -> String {
        guard line.transfer.kind == .withdrawalHold,
              let withdrawal = withdrawals.first(where: { $0.holdTransferID == line.transfer.id }) else { return Masking.emails(in: line.transfer.memo) }
        return "withdrawal to \(Masking.email(withdrawal.paypal)) (\(withdrawal.status.rawValue))"
    }
}
