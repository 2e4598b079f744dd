import Foundation
import Logging
import NIOCore
import PostgresNIO
import TikScoreCore

/// What the dashboard and the command line read, each in one snapshot; the PIN table; settings;
/// `verify`; and `changes()` through `LISTEN`.
extension PostgresWalletStore {
    public func account(named name: String) async throws -> Account? { try await read { try $0.account(named: name) } }
    public func withdrawal(id: String) async throws -> Withdrawal? { try await read { try $0.withdrawal(id: id) } }
    public func balance(of account: LedgerAccount) async throws -> Points { try await read { try $0.balance(of: account) } }
    public func openSession(creatorID: Int64) async throws -> LiveSession? { try await read { try $0.openSession(creatorID: creatorID) } }

    public func isEmpty() async throws -> Bool {
        try await read { try $0.link.query("SELECT EXISTS (SELECT 1 FROM accounts) AS any").first?.bool("any", table: "accounts") != true }
    }

    public func accounts() async throws -> [Account] { try await read { try $0.accounts() } }

    public func summary(of name: String) async throws -> AccountSummary {
        try await read { rows in
            guard let account = try rows.account(named: name) else { throw WalletMachine.unknownAccount(name) }
            return try rows.summary(of: account)
        }
    }

    public func summaries() async throws -> [AccountSummary] {
        try await read { rows in try rows.accounts().map(rows.summary) }
    }

    public func transfers(of account: Account?, limit: Int?) async throws -> [Transfer] {
        let cap = limit.map { " LIMIT \(max(0, $0))" } ?? ""
        return try await read { rows in
            guard let account else {
                return try rows.link.query("SELECT \(PostgresRows.transferColumns) FROM transfers ORDER BY seq DESC" + cap).map(PostgresRows.transfer)
            }
            let codes = [account.pointsAccount, account.earnedAccount, account.heldAccount].map { PostgresValue.text($0.code) }
            return try rows.link.query("""
                SELECT \(PostgresRows.transferColumns) FROM transfers
                 WHERE debit IN ($1, $2, $3) OR credit IN ($1, $2, $3) ORDER BY seq DESC
                """ + cap, codes).map(PostgresRows.transfer)
        }
    }

    public func allTransfers() async throws -> [Transfer] {
        try await read { try $0.link.query("SELECT \(PostgresRows.transferColumns) FROM transfers ORDER BY seq").map(PostgresRows.transfer) }
    }

    /// Every transfer in order, as the server sends the rows (one in memory at a time here).
    public func forEachTransfer(_ body: @escaping @Sendable (Transfer) throws -> Void) async throws {
        // Not run again on a lost connection: the rows already handed out are out.
        try await session.run(retrying: false) { link in
            try link.snapshot { tx in
                let query = PostgresQuery(unsafeSQL: "SELECT \(PostgresRows.transferColumns) FROM transfers ORDER BY seq")
                _ = try tx.connection.query(query, logger: Self.quiet) { row in
                    try body(try PostgresRows.transfer(row.makeRandomAccess()))
                }.wait()
            }
        }
    }

    private static let quiet = Logger(label: "tikscore.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    public func historyPage(of account: Account, filter: HistoryFilter, offset: Int, limit: Int) async throws -> HistoryPage {
        try await read { rows in
            let codes = [account.pointsAccount, account.earnedAccount, account.heldAccount].map { PostgresValue.text($0.code) }
            let touching = try rows.link.query("""
                SELECT \(PostgresRows.transferColumns) FROM transfers
                 WHERE debit IN ($1, $2, $3) OR credit IN ($1, $2, $3) ORDER BY seq DESC
                """, codes).map(PostgresRows.transfer)
            let names = LedgerNames(accounts: try rows.accounts())
            let lines = AccountHistory.lines(for: account, newestFirst: touching, current: try rows.summary(of: account).balances)
                .filter { filter.matches($0, names: names) }
            let start = min(max(0, offset), lines.count)
            return HistoryPage(lines: Array(lines[start..<min(lines.count, start + max(0, limit))]), offset: start, total: lines.count)
        }
    }

    public func allBalances() async throws -> [LedgerAccount: Points] { try await read { try $0.allBalances() } }
    public func withdrawals(of account: Account?) async throws -> [Withdrawal] { try await read { try $0.withdrawals(accountID: account?.id) } }
    public func pendingWithdrawals() async throws -> [Withdrawal] { try await read { try $0.pendingWithdrawals() } }
    public func redemptions(of account: Account?) async throws -> [Redemption] { try await read { try $0.redemptions(accountID: account?.id) } }
    public func sessions(of account: Account?, limit: Int) async throws -> [LiveSession] {
        try await read { try $0.sessions(creatorID: account?.id, limit: limit) }
    }

    public func battles(limit: Int) async throws -> [Battle] {
        try await read { try $0.battles(limit: limit) }.map(asComputed)
    }

    public func runningBattles() async throws -> [Battle] {
        let battles = try await read { try $0.runningBattles() }
        let now = self.now
        return access.writes ? battles : battles.filter { $0.endsAt > now }
    }

    /// A battle whose timer ran out, as the next writing command will settle it (for a reader,
    /// which settles nothing).
    private func asComputed(_ battle: Battle) -> Battle {
        guard !access.writes, battle.isRunning, battle.endsAt <= now else { return battle }
        var settled = battle
        settled.settle(at: battle.endsAt, tasks: economy.battleTasks)
        return settled
    }

    public func liveEvents(sessionID: String) async throws -> [LiveEventRecord] { try await read { try $0.liveEvents(sessionID: sessionID) } }

    public func interruptedCommands() async throws -> [InterruptedCommand] {
        let now = self.now
        return try await read { rows in
            try rows.keysInFlight().compactMap { id, record -> InterruptedCommand? in
                guard case .inFlight(let owner, let summary) = record.state else { return nil }
                let stale = !ProcessOwner.isAlive(owner) || now.timeIntervalSince(record.at) > KeyRules.staleAfter
                return stale ? InterruptedCommand(key: CommandKey(id: id), summary: summary, startedAt: record.at) : nil
            }
        }
    }

    public func operators(of commandIDs: Set<String>) async throws -> [String: String] {
        try await read { rows in
            var found: [String: String] = [:]
            for id in commandIDs {
                if let name = try rows.link.query("SELECT operator FROM commands WHERE id = $1", [.text(id)]).first?
                    .optionalText("operator", table: "commands") {
                    found[id] = name
                }
            }
            return found
        }
    }

    // MARK: Settings

    public func setting(_ key: String) async throws -> String? {
        try await read { try $0.link.query("SELECT value FROM settings WHERE key = $1", [.text(key)]).first?.text("value", table: "settings") }
    }

    public func setSetting(_ key: String, _ value: String) async throws {
        try await write { link in
            try link.query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           [.text(key), .text(value)])
            try PostgresRows(link: link).notifyChange()
        }
    }

    // MARK: PINs

    public func pinRecord(accountID: Int64) async throws -> PINRecord? {
        try await read { try Self.pin(accountID, $0.link) }
    }

    public func savePIN(_ record: PINRecord?, accountID: Int64) async throws {
        try await write { link in
            guard let record else {
                try link.query("DELETE FROM pins WHERE account_id = $1", [.int(accountID)])
                return
            }
            try Self.save(record, accountID: accountID, link)
        }
    }

    /// Records a PIN attempt; a reading command (`history NAME --reveal`) records it too.
    public func recordPINAttempt(accountID: Int64, succeeded: Bool) async throws -> PINRecord? {
        let now = self.now
        let rules = economy.rules
        return try await session.run { link in
            try link.transaction { tx -> PINRecord? in
                guard let record = try Self.pin(accountID, tx) else { return nil }
                let after = PINRules.after(record, succeeded: succeeded, now: now, rules: rules)
                if after != record { try Self.save(after, accountID: accountID, tx) }
                return after
            }
        }
    }

    static func pin(_ accountID: Int64, _ link: PostgresLink) throws -> PINRecord? {
        guard let row = try link.query("SELECT * FROM pins WHERE account_id = $1", [.int(accountID)]).first else { return nil }
        var until: Date?
        if let text = try row.optionalText("locked_until", table: "pins") {
            guard let date = Timestamp.parse(text) else { throw PostgresErrors.damaged("pins", "locked_until", "not a time") }
            until = date
        }
        return PINRecord(salt: try row.text("salt", table: "pins"), hash: try row.text("hash", table: "pins"),
                         rounds: Int(try row.int64("rounds", table: "pins")), failures: Int(try row.int64("failures", table: "pins")),
                         lockedUntil: until)
    }

    static func save(_ record: PINRecord, accountID: Int64, _ link: PostgresLink) throws {
        try link.query("""
            INSERT INTO pins (account_id, salt, hash, rounds, failures, locked_until) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (account_id) DO UPDATE SET salt = excluded.salt, hash = excluded.hash, rounds = excluded.rounds,
                failures = excluded.failures, locked_until = excluded.locked_until
            """, [.int(accountID), .text(record.salt), .text(record.hash), .int(Int64(record.rounds)), .int(Int64(record.failures)),
                  .text(record.lockedUntil.map(Timestamp.format))])
    }

    // MARK: Verify

    /// Recomputes every balance from the transfers and checks the ledger's invariants, in one
    /// snapshot (the database's own constraints hold every row's shape). `full` also decodes
    /// every stored record.
    public func verify(full: Bool) async throws -> VerifyReport {
        try await read { rows in
            let transfers = try rows.link.query("SELECT \(PostgresRows.transferColumns) FROM transfers ORDER BY seq").map(PostgresRows.transfer)
            let withdrawals = try rows.withdrawals(accountID: nil)
            let accounts = try rows.accounts()
            var problems = LedgerAudit.check(transfers: transfers, storedBalances: try rows.allBalances(), withdrawals: withdrawals)
            var decoded = 0
            if full {
                for (table, type) in [("live_sessions", "session"), ("battles", "battle"), ("redemptions", "redemption")] {
                    for row in try rows.link.query("SELECT id, record FROM \(table)") {
                        let ok: Bool
                        let text = try row.text("record", table: table)
                        switch type {
                        case "session": ok = (try? RecordJSON.decode(LiveSession.self, text: text)) != nil
                        case "battle": ok = (try? RecordJSON.decode(Battle.self, text: text)) != nil
                        default: ok = (try? RecordJSON.decode(Redemption.self, text: text)) != nil
                        }
                        if !ok { problems.append("\(table) row \(try row.text("id", table: table)): its record cannot be read") }
                        decoded += 1
                    }
                }
                for row in try rows.link.query("SELECT * FROM commands") {
                    do { _ = try PostgresRows.keyRecord(row) } catch { problems.append(String(describing: error)) }
                    decoded += 1
                }
                decoded += transfers.count + withdrawals.count + accounts.count
            }
            var notes = accounts.compactMap { NameRules.note(onStored: $0.name, id: $0.id) }
            if full {
                let (indexProblems, indexNote) = try Self.checkIndexes(rows.link)
                problems += indexProblems
                notes += indexNote.map { [$0] } ?? []
            }
            return VerifyReport(problems: problems, transfers: transfers.count, rowsDecoded: decoded, notes: notes)
        }
    }

    /// Every B-tree index of the wallet's tables checked by `amcheck` (`bt_index_check`), where
    /// the server has the extension and lets this user run it; otherwise a note says why not.
    private static func checkIndexes(_ link: PostgresLink) throws -> (problems: [String], note: String?) {
        let present = try link.query("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'amcheck') AS present").first?
            .bool("present", table: "pg_extension") ?? false
        guard present else {
            return ([], "index checks skipped: the database has no amcheck extension (a superuser can run CREATE EXTENSION amcheck)")
        }
        let indexes = try link.query("""
            SELECT c.relname AS name FROM pg_index i
              JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE a.amname = 'btree' AND n.nspname = current_schema() ORDER BY c.relname
            """).map { try $0.text("name", table: "pg_class") }
        var problems: [String] = []
        for index in indexes {
            do {
                try link.query("SAVEPOINT index_check")
                try link.query("SELECT bt_index_check(quote_ident($1)::regclass)", [.text(index)])
                try link.query("RELEASE SAVEPOINT index_check")
            } catch {
                try link.query("ROLLBACK TO SAVEPOINT index_check")
                if PostgresErrors.sqlState(error) == "42501" {
                    return (problems, "index checks skipped: this user may not run amcheck's bt_index_check (a superuser can GRANT EXECUTE on it)")
                }
                problems.append("index \(index): \(String(describing: PostgresErrors.translate(error, location: link.location)))")
            }
        }
        return (problems, nil)
    }

    // MARK: Changes

    /// An element after every commit that changed the wallet, from any host: the server's
    /// `NOTIFY` on a connection of its own; one as soon as it listens, for what committed before.
    /// A lost connection is made again (once a second), with an element then, since a change may
    /// have been missed meanwhile.
    public func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let location = postgres
        let task = Task {
            while !Task.isCancelled {
                do {
                    let connection = try await PostgresSession.connectAsync(location)
                    defer { PostgresSession.release(connection) }
                    let notifications = try await connection.listen(PostgresSchema.changesChannel)
                    // Listening from here on: whatever committed before is read by a reload now.
                    continuation.yield()
                    for try await _ in notifications { continuation.yield() }
                } catch {
                    if Task.isCancelled { break }
                }
                try? await Task.sleep(nanoseconds: 1_000_000_000)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
