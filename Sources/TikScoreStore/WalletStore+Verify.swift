import Foundation
import GRDB
import TikScoreCore

/// `verify`: SQLite's own integrity check and the ledger audit; with `full`, also a pass that decodes
/// every stored row, so a damaged value is named instead of read as a default.
extension WalletStore {
    public func verify(full: Bool) async throws -> VerifyReport {
        try await read { db in
            var problems: [String] = []
            var decoded = 0
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { problems += integrity.map { "SQLite integrity: \($0)" } }
            if full {
                let (count, damage) = Self.decodeEveryRow(db)
                decoded = count
                problems += damage
            }
            let rows = LedgerRows(db: db)
            let transfers: [Transfer]
            let withdrawals: [Withdrawal]
            do {
                transfers = try Row.fetchAll(db, sql: "SELECT * FROM transfers ORDER BY seq").map(LedgerRows.transfer)
                withdrawals = try rows.withdrawals(accountID: nil)
            } catch let error as WalletError {
                return VerifyReport(problems: problems + [error.message], transfers: 0, rowsDecoded: decoded)
            }
            problems += LedgerAudit.check(transfers: transfers, storedBalances: try rows.allBalances(), withdrawals: withdrawals)
            let orphans = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM transfers WHERE command_id NOT IN (SELECT id FROM commands WHERE state = 'done')") ?? 0
            if orphans > 0 { problems.append("\(orphans) transfers belong to no recorded command") }
            let known = Set(try rows.accounts().map(\.id))
            for account in Set(transfers.flatMap { [$0.debit, $0.credit] }) where account.isUser {
                if let user = account.userID, !known.contains(user) { problems.append("\(account) belongs to no account") }
                else if account.userID == nil { problems.append("\(account) is not a valid account code") }
            }
            let notes = try rows.accounts().compactMap { NameRules.note(onStored: $0.name, id: $0.id) }
            return VerifyReport(problems: Array(Set(problems)).sorted(), transfers: transfers.count, rowsDecoded: decoded, notes: notes)
        }
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
        return (count, problems)
    }
}
