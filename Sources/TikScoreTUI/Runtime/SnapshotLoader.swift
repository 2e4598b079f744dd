import Foundation
import TikScoreCore

/// Reads a `WalletSnapshot` from the wallet: the account, its balances, LIVE session, battle,
/// points per minute and history.
enum SnapshotLoader {
    /// The setting that remembers the account the dashboard used last.
    static let accountSetting = "dashboard.account"
    /// Transfers read for the history and the live panel.
    static let transferLimit = 500

    /// The account to open: `requested` when it exists, else the one used last, else the only one.
    static func resolve(_ requested: String?, wallet: any WalletService, accounts: [Account]) async throws -> Account? {
        if let requested { return try await wallet.account(named: requested) }
        if let last = try await wallet.setting(accountSetting), let account = try await wallet.account(named: last) { return account }
        return accounts.count == 1 ? accounts.first : nil
    }

    /// Reads everything the dashboard shows for `account` (resolved as `resolve` says).
    ///
    ///     let snapshot = try await SnapshotLoader.load(wallet: wallet, account: "leo")
    static func load(wallet: any WalletService, account requested: String?) async throws -> WalletSnapshot {
        let accounts = try await wallet.accounts()
        let now = wallet.now
        guard let account = try await resolve(requested, wallet: wallet, accounts: accounts) else {
            return WalletSnapshot(accounts: accounts, now: now)
        }
        let summary = try await wallet.summary(of: account.name)
        let transfers = try await wallet.transfers(of: summary.account, limit: transferLimit)
        let current: [LedgerAccount: Points] = [
            summary.account.pointsAccount: summary.points, summary.account.earnedAccount: summary.earned,
            summary.account.heldAccount: summary.held,
        ]
        let earnings = SnapshotMath.earnings(of: summary.account, in: transfers)
        var snapshot = WalletSnapshot(
            accounts: accounts, summary: summary,
            session: try await wallet.openSession(creatorID: summary.account.id),
            lastSession: try await wallet.sessions(of: summary.account, limit: 1).first,
            battle: SnapshotMath.battle(for: summary.account, in: try await wallet.battles(limit: 10), now: now),
            perMinute: SnapshotMath.perMinute(earnings, now: now),
            recentEarnings: Array(earnings.prefix(6)),
            history: AccountHistory.lines(for: summary.account, newestFirst: transfers, current: current),
            withdrawals: try await wallet.withdrawals(of: summary.account),
            redemptions: try await wallet.redemptions(of: summary.account),
            now: now)
        snapshot.forecast = try await wallet.forecast(for: summary, page: transfers, limit: transferLimit)
        // A goal that cannot be read shows as none here; `live status` names the problem.
        if summary.account.profile.role == .creator,
           let goal = (try? await wallet.liveGoalShown(of: summary.account, session: snapshot.session ?? snapshot.lastSession)) ?? nil {
            snapshot.goal = goal
            let session = [snapshot.session, snapshot.lastSession].compactMap { $0 }.first { $0.id == goal.sessionID }
            snapshot.goalReachedAt = session.flatMap { SnapshotMath.pointsGoalReachedAt(goal, session: $0, earnings: earnings) }
        }
        for creator in accounts where creator.profile.role == .creator {
            if creator.id == summary.account.id ? snapshot.session?.isLive == true : try await wallet.openSession(creatorID: creator.id) != nil {
                snapshot.liveNow.insert(creator.id)
            }
        }
        snapshot.pinProtected = try await PINGate(wallet: wallet).isProtected(summary.account)
        return snapshot
    }
}
