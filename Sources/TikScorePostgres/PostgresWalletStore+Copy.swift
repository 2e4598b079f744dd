import Foundation
import PostgresNIO
import TikScoreCore

/// Copying a whole wallet out of and into a PostgreSQL wallet (`tikscore migrate`).
extension PostgresWalletStore: WalletCopying {
    /// The whole wallet from one snapshot (REPEATABLE READ).
    public func dump() async throws -> WalletDump {
        try await read { rows in
            let link = rows.link
            var settings: [String: String] = [:]
            for row in try link.query("SELECT key, value FROM settings") {
                settings[try row.text("key", table: "settings")] = try row.text("value", table: "settings")
            }
            guard let secret = settings.removeValue(forKey: PostgresSchema.secretSetting).flatMap(WalletSecret.init(hex:)) else {
                throw WalletError(.storage, "the wallet is damaged: its fingerprint secret is missing or not 64 hex digits")
            }
            let transfers = try link.query("SELECT \(PostgresRows.transferColumns) FROM transfers ORDER BY seq").map { row in
                WalletDump.PlacedTransfer(seq: try row.int64("seq", table: "transfers"), transfer: try PostgresRows.transfer(row))
            }
            let keys = try link.query("SELECT * FROM commands ORDER BY at, id").map { row in
                WalletDump.StoredKey(id: try row.text("id", table: "commands"), record: try PostgresRows.keyRecord(row),
                                     operatorName: try row.optionalText("operator", table: "commands"))
            }
            var pins: [Int64: PINRecord] = [:]
            for row in try link.query("SELECT account_id FROM pins") {
                let id = try row.int64("account_id", table: "pins")
                pins[id] = try Self.pin(id, link)
            }
            return WalletDump(
                secret: secret, settings: settings, accounts: try rows.accounts(), balances: try rows.allBalances(), transfers: transfers,
                keys: keys, withdrawals: try rows.withdrawals(accountID: nil).reversed(), redemptions: try rows.redemptions(accountID: nil).reversed(),
                sessions: try rows.sessions(creatorID: nil, limit: Int.max / 2).reversed(), battles: try rows.battles(limit: Int.max / 2).reversed(),
                events: try link.query("SELECT session_id, at_ms, kind, line FROM live_events ORDER BY seq").map(PostgresRows.event),
                pins: pins)
        }
    }

    /// Writes `dump` into this wallet, which must hold nothing yet, in one transaction; the
    /// transfers keep their places, and each sequence continues after the copied ones.
    public func load(_ dump: WalletDump) async throws {
        let location = self.location
        try await write { link in
            let held = try link.query("""
                SELECT (SELECT COUNT(*) FROM accounts) + (SELECT COUNT(*) FROM transfers) + (SELECT COUNT(*) FROM commands)
                     + (SELECT COUNT(*) FROM live_events) AS held
                """).first?.int64("held", table: "accounts") ?? 0
            guard held == 0 else { throw WalletError.notEmpty(location) }
            let rows = PostgresRows(link: link)
            try link.query("UPDATE settings SET value = $1 WHERE key = $2", [.text(dump.secret.hex), .text(PostgresSchema.secretSetting)])
            for (key, value) in dump.settings.sorted(by: { $0.key < $1.key }) {
                try link.query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               [.text(key), .text(value)])
            }
            for account in dump.accounts { try rows.save(account, insert: true) }
            try Self.insertRows(link, table: "balances", columns: ["account", "units"],
                                dump.balances.sorted { $0.key.code < $1.key.code }.map { [.text($0.key.code), .int($0.value.units)] })
            try Self.insertRows(link, table: "transfers", columns: ["seq", "id", "debit", "credit", "units", "kind", "command_id", "pending_id", "memo", "at"],
                                dump.transfers.map { placed in
                                    let t = placed.transfer
                                    return [.int(placed.seq), .text(t.id), .text(t.debit.code), .text(t.credit.code), .int(t.amount.units),
                                            .text(t.kind.rawValue), .text(t.commandID), .text(t.pendingID), .text(t.memo),
                                            .text(Timestamp.format(t.timestamp))]
                                })
            try link.query("SELECT setval(pg_get_serial_sequence('transfers', 'seq'), GREATEST((SELECT MAX(seq) FROM transfers), 1))")
            for key in dump.keys {
                var keyed = rows
                keyed.operatorName = key.operatorName
                try keyed.saveKey(id: key.id, key.record)
            }
            for withdrawal in dump.withdrawals { try rows.apply(.saveWithdrawal(withdrawal)) }
            for redemption in dump.redemptions { try rows.apply(.saveRedemption(redemption)) }
            for session in dump.sessions { try rows.apply(.saveSession(session)) }
            for battle in dump.battles { try rows.apply(.saveBattle(battle)) }
            try Self.insertRows(link, table: "live_events", columns: ["session_id", "at_ms", "kind", "line"],
                                dump.events.map { [.text($0.sessionID), .int($0.atMs), .text($0.kind), .text($0.line)] })
            for (account, pin) in dump.pins.sorted(by: { $0.key < $1.key }) { try Self.save(pin, accountID: account, link) }
            try rows.notifyChange()
        }
    }

    /// Many rows in few statements (a statement takes at most 65,535 values).
    private static func insertRows(_ link: PostgresLink, table: String, columns: [String], _ rows: [[PostgresValue]]) throws {
        let perStatement = max(1, 30_000 / columns.count)
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            var placeholders: [String] = []
            var values: [PostgresValue] = []
            values.reserveCapacity(chunk.count * columns.count)
            for row in chunk {
                let first = values.count
                placeholders.append("(" + (1...columns.count).map { "$\(first + $0)" }.joined(separator: ", ") + ")")
                values += row
            }
            try link.query("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES " + placeholders.joined(separator: ", "), values)
            start += perStatement
        }
    }
}
