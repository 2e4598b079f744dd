import Foundation
import TikScoreCore
import TikScoreStore

/// Reads a `WalletSnapshot` from the store: the account, its balances, LIVE session, battle,
/// points per minute and history.
public enum SnapshotLoader {
    /// The setting that remembers the account the dashboard used last.
    public static let accountSetting = "dashboard.account"
    /// Transfers read for the history and the live panel.
    public static let transferLimit = 500

    /// The account to open: `requested` when it exists, else the one used last, else the only one.
    public static func resolve(_ requested: String?, store: WalletStore, accounts: [Account]) throws -> Account? {
        if let requested { return try store.account(named: requested) }
        if let last = try store.setting(accountSetting), let account = try store.account(named: last) { return account }
        return accounts.count == 1 ? accounts.first : nil
    }

    /// Reads everything the dashboard shows for `account` (resolved as `resolve` says).
    ///
    ///     let snapshot = try SnapshotLoader.load(store: store, account: "leo")
    public static func load(store: WalletStore, account requested: String?) throws -> WalletSnapshot {
        let accounts = try store.accounts()
        let now = store.now
        guard let account = try resolve(requested, store: store, accounts: accounts) else {
            return WalletSnapshot(accounts: accounts, now: now)
        }
        let summary = try store.summary(of: account.name)
        let transfers = try store.transfers(of: summary.account, limit: transferLimit)
        let current: [LedgerAccount: Points] = [
            summary.account.pointsAccount: summary.points, summary.account.earnedAccount: summary.earned,
            summary.account.heldAccount: summary.held,
        ]
        let earnings = SnapshotMath.earnings(of: summary.account, in: transfers)
        return WalletSnapshot(
            accounts: accounts, summary: summary,
            session: try store.openSession(creatorID: summary.account.id),
            battle: SnapshotMath.battle(for: summary.account, in: try store.battles(limit: 10), now: now),
            perMinute: SnapshotMath.perMinute(earnings, now: now),
            recentEarnings: Array(earnings.prefix(6)),
            history: AccountHistory.lines(for: summary.account, newestFirst: transfers, current: current),
            now: now)
    }
}
