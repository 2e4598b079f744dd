import Foundation
import GRDB
import TikScoreCore

/// An account's history from the store: running balances by window sums over the account's legs,
/// the filter applied in the query over the whole history, and only one page read.
extension WalletStore {
    public func historyPage(of account: Account, filter: HistoryFilter, offset: Int, limit: Int) async throws -> HistoryPage {
        try await read { db in
            let rows = LedgerRows(db: db)
            let current = try rows.summary(of: account).balances
            let mine = [account.pointsAccount, account.earnedAccount, account.heldAccount]
            var values: [DatabaseValueConvertible] = mine.map(\.code) + mine.map(\.code)
            var condition = "1"
            if let needle = filter.needle {
                let accounts = try rows.accounts()
                let names = LedgerNames(accounts: accounts)
                let legs = mine.filter { filter.contains($0.leaf) }.map(\.code)
                let everyone = accounts.flatMap { [$0.pointsAccount, $0.earnedAccount, $0.heldAccount] } + LedgerAccount.platformAccounts
                let others = everyone.filter { filter.contains(names.display($0)) }.map(\.code)
                condition = "(tik_contains(kind, ?) OR tik_contains(memo, ?) OR leg IN (\(Self.placeholders(legs.count)))"
                    + " OR other IN (\(Self.placeholders(others.count))))"
                values += [needle, needle] + legs + others
            }
            let matching = """
                WITH legs AS (
                    SELECT seq, id, debit, credit, units, kind, command_id, pending_id, memo, at,
                           credit AS leg, debit AS other, units AS change, 0 AS side
                      FROM transfers WHERE credit IN (?, ?, ?)
                    UNION ALL
                    SELECT seq, id, debit, credit, units, kind, command_id, pending_id, memo, at,
                           debit AS leg, credit AS other, -units AS change, 1 AS side
                      FROM transfers WHERE debit IN (?, ?, ?)
                ), running AS (
                    SELECT *, COALESCE(SUM(change) OVER (PARTITION BY leg ORDER BY seq DESC
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS newer
                      FROM legs
                )
                SELECT * FROM running WHERE \(condition)
                """
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(matching))", arguments: StatementArguments(values)) ?? 0
            let page = try Row.fetchAll(db, sql: matching + " ORDER BY seq DESC, side LIMIT ? OFFSET ?",
                                        arguments: StatementArguments(values + [max(0, limit), max(0, offset)]))
            let lines = try page.map { raw -> HistoryLine in
                let strict = StrictRow(raw, table: "transfers", key: "seq")
                let leg = LedgerAccount(code: try strict.text("leg"))
                let (after, overflow) = (current[leg] ?? .zero).units.subtractingReportingOverflow(try strict.int64("newer"))
                guard !overflow else { throw strict.damaged("units", "the running balance overflows") }
                return HistoryLine(transfer: try LedgerRows.transfer(raw), balance: leg, change: Points(units: try strict.int64("change")),
                                   balanceAfter: Points(units: after), counterparty: LedgerAccount(code: try strict.text("other")))
            }
            return HistoryPage(lines: lines, offset: min(max(0, offset), total), total: total)
        }
    }

    private static func placeholders(_ count: Int) -> String {
        count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
