import Foundation
import GRDB
import TikScoreCore

/// What the dashboard and the command line read, each in one snapshot.
extension WalletStore {
    public func account(named name: String) async throws -> Account? { try await read { try LedgerRows(db: $0).account(named: name) } }
    public func withdrawal(id: String) async throws -> Withdrawal? { try await read { try LedgerRows(db: $0).withdrawal(id: id) } }
    public func balance(of account: LedgerAccount) async throws -> Points { try await read { try LedgerRows(db: $0).balance(of: account) } }
    public func openSession(creatorID: Int64) async throws -> LiveSession? {
        try await read { try LedgerRows(db: $0).openSession(creatorID: creatorID) }
    }

    public func isEmpty() async throws -> Bool {
        try await read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM accounts") ?? 0 } == 0
    }

    public func accounts() async throws -> [Account] { try await read { try LedgerRows(db: $0).accounts() } }

    public func summary(of name: String) async throws -> AccountSummary {
        try await read { db in
            let rows = LedgerRows(db: db)
            guard let account = try rows.account(named: name) else { throw WalletMachine.unknownAccount(name) }
            return try rows.summary(of: account)
        }
    }

    public func summaries() async throws -> [AccountSummary] {
        try await read { db in
            let rows = LedgerRows(db: db)
            return try rows.accounts().map(rows.summary)
        }
    }

    public func transfers(of account: Account?, limit: Int?) async throws -> [Transfer] {
        try await read { db in
            guard let account else {
                let cap = limit.map { " LIMIT \(max(0, $0))" } ?? ""
                return try Row.fetchAll(db, sql: "SELECT * FROM transfers ORDER BY seq DESC" + cap).map(LedgerRows.transfer)
            }
            let codes = [account.pointsAccount, account.earnedAccount, account.heldAccount].map(\.code)
            guard let limit else {
                return try Row.fetchAll(db, sql: "SELECT * FROM transfers WHERE debit IN (?, ?, ?) OR credit IN (?, ?, ?) ORDER BY seq DESC",
                                        arguments: StatementArguments(codes + codes)).map(LedgerRows.transfer)
            }
            // The newest `limit` of each leg from its index, merged: as fast on a million
            // transfers as on a thousand (an OR over both indexes sorts every match first).
            let leg = { (side: String) in "SELECT * FROM (SELECT * FROM transfers WHERE \(side) = ? ORDER BY seq DESC LIMIT ?)" }
            let legs = (Array(repeating: leg("debit"), count: 3) + Array(repeating: leg("credit"), count: 3)).joined(separator: " UNION ")
            let cap = max(0, limit)
            let arguments = (codes + codes).flatMap { [$0, cap] as [DatabaseValueConvertible] } + [cap]
            return try Row.fetchAll(db, sql: "SELECT * FROM (\(legs)) ORDER BY seq DESC LIMIT ?",
                                    arguments: StatementArguments(arguments)).map(LedgerRows.transfer)
        }
    }

    public func allTransfers() async throws -> [Transfer] {
        try await read { db in
            var decoder = TransferRowDecoder()
            return try Row.fetchAll(db, sql: "SELECT * FROM transfers ORDER BY seq").map { try decoder.transfer($0) }
        }
    }

    public func forEachTransfer(_ body: @escaping @Sendable (Transfer) throws -> Void) async throws {
        try await read { db in
            let statement = try db.makeStatement(sql: "SELECT * FROM transfers ORDER BY seq")
            let cursor = try Row.fetchCursor(statement)
            var decoder = TransferRowDecoder()
            while let row = try cursor.next() { try body(try decoder.transfer(row, current: statement.sqliteStatement)) }
        }
    }

    public func allBalances() async throws -> [LedgerAccount: Points] { try await read { try LedgerRows(db: $0).allBalances() } }

    public func withdrawals(of account: Account?) async throws -> [Withdrawal] {
        try await read { try LedgerRows(db: $0).withdrawals(accountID: account?.id) }
    }

    public func pendingWithdrawals() async throws -> [Withdrawal] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT id, record FROM withdrawals WHERE status = 'pending' ORDER BY rowid").map(LedgerRows.withdrawal)
        }
    }

    public func redemptions(of account: Account?) async throws -> [Redemption] {
        try await read { try LedgerRows(db: $0).redemptions(accountID: account?.id) }
    }

    public func sessions(of account: Account?, limit: Int) async throws -> [LiveSession] {
        try await read { try LedgerRows(db: $0).sessions(creatorID: account?.id, limit: limit) }
    }

    public func battles(limit: Int) async throws -> [Battle] {
        let battles = try await read { try LedgerRows(db: $0).battles(runningOnly: false, limit: limit) }
        return battles.map(asComputed)
    }

    public func runningBattles() async throws -> [Battle] {
        let battles = try await read { try LedgerRows(db: $0).battles(runningOnly: true, limit: 0) }
        return access.writes ? battles : battles.filter { $0.endsAt > now }
    }

    /// A battle whose timer ran out, as the next writing command will settle it. A store opened
    /// for writing settles due battles when it opens, so only a reader needs this.
    private func asComputed(_ battle: Battle) -> Battle {
        guard !access.writes, battle.isRunning, battle.endsAt <= now else { return battle }
        var settled = battle
        settled.settle(at: battle.endsAt, tasks: economy.battleTasks)
        return settled
    }

    public func liveEvents(sessionID: String) async throws -> [LiveEventRecord] {
        try await read { try LedgerRows(db: $0).liveEvents(sessionID: sessionID) }
    }

    public func interruptedCommands() async throws -> [InterruptedCommand] {
        let now = clockNow()
        return try await read { db in
            try CommandRows(db: db).inFlight().compactMap { id, record -> InterruptedCommand? in
                guard case .inFlight(let owner, let summary) = record.state else { return nil }
                let stale = !ProcessOwner.isAlive(owner) || now.timeIntervalSince(record.at) > KeyRules.staleAfter
                return stale ? InterruptedCommand(key: CommandKey(id: id), summary: summary, startedAt: record.at) : nil
            }
        }
    }

    public func operators(of commandIDs: Set<String>) async throws -> [String: String] {
        try await read { try CommandRows.operators(of: commandIDs, in: $0) }
    }

    // MARK: Settings

    public func setting(_ key: String) async throws -> String? {
        try await read { try String.fetchOne($0, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key]) }
    }

    public func setSetting(_ key: String, _ value: String) async throws {
        try await immediateTransaction { db in
            try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }

    private func clockNow() -> Date { now }
}
