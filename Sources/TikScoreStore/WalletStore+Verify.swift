import Foundation
import GRDB
import TikScoreCore

/// `verify`: the ledger audit, computed by SQLite in one pass over the transfers (every
/// balance recomputed, every transfer's shape, withdrawals against their holds, held balances
/// against pending withdrawals, the sum of all balances). With `full`, also SQLite's own
/// integrity check, a pass that decodes every stored row (so a damaged value is named instead
/// of read as a default), the same audit again by the independent Swift auditor over every
/// decoded transfer, and the check that each transfer belongs to a recorded command.
extension WalletStore {
    public func verify(full: Bool) async throws -> VerifyReport {
        let path = self.path
        return try await read { db in
            // The audit reads every page of the transfers once, in order: SQLite's page cache
            // would only hold what the system's file cache already does, so it is kept small
            // (about 2 MB less at any wallet size), and set back for the connection's next reads.
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? Self.defaultCacheSize
            if !full { try db.execute(sql: "PRAGMA cache_size = \(Self.auditCacheSize)") }
            defer { if !full { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") } }
            var problems: [String] = []
            var decoded = 0
            if full {
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if integrity != ["ok"] {
                    problems += integrity.map { "SQLite integrity: \($0)" }
                    DamageMarker.leave(beside: path, reason: "SQLite integrity: \(integrity.first ?? "")")
                }
                let (count, damage) = Self.decodeEveryRow(db)
                decoded = count
                problems += damage
            }
            let rows = LedgerRows(db: db)
            let audit: (problems: [String], transfers: Int, accounts: Set<LedgerAccount>)
            do {
                audit = full ? try Self.swiftAudit(db, rows: rows) : try Self.sqlAudit(db, rows: rows)
            } catch let error as WalletError {
                return VerifyReport(problems: problems + [error.message], transfers: 0, rowsDecoded: decoded)
            }
            problems += audit.problems
            let accounts = try rows.accounts()
            let known = Set(accounts.map(\.id))
            for account in audit.accounts where account.isUser {
                if let user = account.userID, !known.contains(user) { problems.append("\(account) belongs to no account") }
                else if account.userID == nil { problems.append("\(account) is not a valid account code") }
            }
            let notes = accounts.compactMap { NameRules.note(onStored: $0.name, id: $0.id) }
            return VerifyReport(problems: Array(Set(problems)).sorted(), transfers: audit.transfers, rowsDecoded: decoded, notes: notes)
        }
    }

    /// SQLite's page cache during the default audit (negative: KiB).
    static let auditCacheSize = -256
    /// SQLite's own default, if the connection cannot tell its own.
    private static let defaultCacheSize = -2000

    /// The audit as aggregate queries: balances from one `GROUP BY` over both sides of every
    /// transfer; only the few transfers of withdrawals (and any of a broken shape) are read as rows.
    private static func sqlAudit(_ db: Database, rows: LedgerRows) throws -> (problems: [String], transfers: Int, accounts: Set<LedgerAccount>) {
        var problems: [String] = []
        var computed: [LedgerAccount: Int64] = [:]
        var sides = 0
        var misshapen = 0
        do {
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT account, SUM(delta) AS units, SUM(bad) AS bad, COUNT(*) AS sides FROM (
                    SELECT debit AS account, -units AS delta, (units <= 0 OR debit = credit) AS bad FROM transfers
                    UNION ALL SELECT credit, units, 0 FROM transfers)
                GROUP BY account
                """)
            while let row = try cursor.next() {
                let strict = StrictRow(row, table: "transfers", key: "account")
                computed[LedgerAccount(code: try strict.text("account"))] = try strict.int64("units")
                misshapen += Int(try strict.int64("bad"))
                sides += Int(try strict.int64("sides"))
            }
        } catch let error as DatabaseError where (error.message ?? "").contains("overflow") {
            problems.append("the transfers overflow a balance")
        }
        if misshapen > 0 {
            let bad = try Row.fetchAll(db, sql: "SELECT * FROM transfers WHERE units <= 0 OR debit = credit ORDER BY seq")
            for raw in bad { problems += LedgerAudit.shapeProblems(try LedgerRows.transfer(raw)) }
        }
        let stored = try rows.allBalances()
        problems += LedgerAudit.balanceProblems(computed: computed, stored: stored)
        let withdrawals = try rows.withdrawals(accountID: nil)
        var holds: [String: Transfer] = [:]
        for w in withdrawals {
            if let raw = try Row.fetchOne(db, sql: "SELECT * FROM transfers WHERE id = ?", arguments: [w.holdTransferID]) {
                holds[w.holdTransferID] = try LedgerRows.transfer(raw)
            }
        }
        let settling = Dictionary(grouping: try Row.fetchAll(db, sql: "SELECT * FROM transfers WHERE pending_id IS NOT NULL").map(LedgerRows.transfer),
                                  by: { $0.pendingID ?? "" })
        problems += LedgerAudit.withdrawalProblems(withdrawals, holds: holds, settlements: settling, storedBalances: stored)
        return (problems, sides / 2, Set(computed.keys))
    }

    /// The audit by the Swift auditor over every decoded transfer, and the commands they belong to.
    private static func swiftAudit(_ db: Database, rows: LedgerRows) throws -> (problems: [String], transfers: Int, accounts: Set<LedgerAccount>) {
        var decoder = TransferRowDecoder()
        let transfers = try Row.fetchAll(db, sql: "SELECT * FROM transfers ORDER BY seq").map { try decoder.transfer($0) }
        var problems = LedgerAudit.check(transfers: transfers, storedBalances: try rows.allBalances(),
                                         withdrawals: try rows.withdrawals(accountID: nil))
        // A transfer's command is a done key record, or a feed event that keeps its key (FeedEventKey).
        let orphans = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM transfers WHERE command_id NOT IN (SELECT id FROM commands WHERE state = 'done')
                AND command_id NOT IN (\(FeedEventRows.keyIDsSQL))
            """) ?? 0
        if orphans > 0 { problems.append("\(orphans) transfers belong to no recorded command") }
        return (problems, transfers.count, Set(transfers.flatMap { [$0.debit, $0.credit] }))
    }

    /// Decodes every row of every table the wallet reads; returns how many and what is damaged.
    private static func decodeEveryRow(_ db: Database) -> (Int, [String]) {
        var count = 0
        var problems: [String] = []
        func each(_ sql: String, _ decode: (Row) throws -> Void) {
            do {
                for row in try Row.fetchAll(db, sql: sql) {
                    count += 1
                    do { try decode(row) } catch let error as WalletError { problems.append(error.message) } catch { problems.append("\(error)") }
                }
            } catch {
                problems.append("cannot read the table of \(sql): \(error)")
            }
        }
        each("SELECT * FROM accounts") { _ = try LedgerRows.account($0) }
        each("SELECT * FROM transfers") { _ = try LedgerRows.transfer($0) }
        each("SELECT account, units FROM balances") { row in
            let strict = StrictRow(row, table: "balances", key: "account")
            _ = try strict.int64("units")
            _ = try strict.text("account")
        }
        each("SELECT id, record FROM withdrawals") { _ = try LedgerRows.withdrawal($0) }
        each("SELECT id, record FROM redemptions") { _ = try LedgerRows.redemption($0) }
        each("SELECT id, record FROM live_sessions") { _ = try LedgerRows.session($0) }
        each("SELECT id, record FROM battles") { _ = try LedgerRows.battle($0) }
        each("SELECT * FROM commands") { _ = try CommandRows.record($0) }
        var shapes: [Int64: String] = [:]
        do { shapes = try FeedEventRows.shapes(db) } catch let error as WalletError { problems.append(error.message) } catch {
            problems.append("cannot read the table of live_event_shapes: \(error)")
        }
        each("SELECT seq, line, shape FROM live_events") { row in
            let strict = StrictRow(row, table: "live_events", key: "seq")
            _ = try FeedEventRows.line(stored: try strict.text("line"), shape: try strict.optionalInt64("shape"), shapes: shapes,
                                       seq: try strict.int64("seq"))
        }
        return (count, problems)
    }
}
