import Foundation
import GRDB
import TikScoreCore

/// Copying a whole wallet out of and into a wallet file (`tikscore migrate`).
extension WalletStore: WalletCopying {
    /// The whole wallet from one read transaction. A feed key kept in its event row comes out
    /// as the key record it stands for.
    public func dump() async throws -> WalletDump {
        try await read { db in
            let rows = LedgerRows(db: db)
            let secret = try WalletSchema.secret(db)
            var settings: [String: String] = [:]
            for raw in try Row.fetchAll(db, sql: "SELECT key, value FROM settings") {
                let row = StrictRow(raw, table: "settings", key: "key")
                settings[try row.text("key")] = try row.text("value")
            }
            settings.removeValue(forKey: WalletSchema.secretSetting)
            let accounts = try rows.accounts()
            var decoder = TransferRowDecoder()
            let transfers = try Row.fetchAll(db, sql: "SELECT * FROM transfers ORDER BY seq").map { raw in
                WalletDump.PlacedTransfer(seq: try StrictRow(raw, table: "transfers", key: "seq").int64("seq"), transfer: try decoder.transfer(raw))
            }
            var keys = try Row.fetchAll(db, sql: "SELECT * FROM commands ORDER BY rowid").map { raw in
                WalletDump.StoredKey(id: try StrictRow(raw, table: "commands", key: "id").text("id"), record: try CommandRows.record(raw))
            }
            let (events, keptKeys) = try Self.events(db, names: Dictionary(uniqueKeysWithValues: accounts.map { ($0.id, $0.name) }))
            keys += keptKeys
            let operators = try CommandRows.operators(of: Set(keys.map(\.id)), in: db)
            for index in keys.indices { keys[index].operatorName = operators[keys[index].id] }
            var pins: [Int64: PINRecord] = [:]
            for id in try Int64.fetchAll(db, sql: "SELECT account_id FROM pins") { pins[id] = try Self.pin(id, in: db) }
            return WalletDump(
                secret: secret, settings: settings, accounts: accounts, balances: try rows.allBalances(), transfers: transfers, keys: keys,
                withdrawals: try Row.fetchAll(db, sql: "SELECT id, record FROM withdrawals ORDER BY rowid").map(LedgerRows.withdrawal),
                redemptions: try Row.fetchAll(db, sql: "SELECT id, record FROM redemptions ORDER BY rowid").map(LedgerRows.redemption),
                sessions: try Row.fetchAll(db, sql: "SELECT id, record FROM live_sessions ORDER BY rowid").map(LedgerRows.session),
                battles: try Row.fetchAll(db, sql: "SELECT id, record FROM battles ORDER BY rowid").map(LedgerRows.battle),
                events: events, pins: pins)
        }
    }

    /// Every stored event with its whole line, and the keys kept in event rows.
    private static func events(_ db: Database, names: [Int64: String]) throws -> ([LiveEventRecord], [WalletDump.StoredKey]) {
        let shapes = try FeedEventRows.shapes(db)
        var events: [LiveEventRecord] = []
        var keys: [WalletDump.StoredKey] = []
        for raw in try Row.fetchAll(db, sql: "SELECT * FROM live_events ORDER BY seq") {
            let row = StrictRow(raw, table: "live_events", key: "seq")
            let atMs = try row.int64("at_ms")
            let kind = try row.text("kind")
            let sessionID = try row.text("session_id")
            let msgID = try row.optionalInt64("msg_id")
            let stored = try FeedEventRows.line(stored: try row.text("line"), shape: try row.optionalInt64("shape"), shapes: shapes,
                                                seq: try row.int64("seq"))
            events.append(LiveEventRecord(sessionID: sessionID, atMs: atMs, kind: kind, line: FeedKeptLine.full(stored, msgID: msgID, atMs: atMs)))
            guard let msgID, let creator = try row.optionalInt64("creator_id") else { continue }
            guard let name = names[creator] else { throw row.damaged("creator_id", "\(creator), which is no account") }
            let receipt = FeedReceipt(earned: Points(units: try row.optionalInt64("earned") ?? 0), sessionID: sessionID, sessionLive: true,
                                      openedSession: try row.optionalInt64("opened") == 1,
                                      guestEarned: Points(units: try row.optionalInt64("guest") ?? 0))
            let at = Date(timeIntervalSince1970: Double(atMs) / 1000)
            keys.append(WalletDump.StoredKey(id: CommandKey.caller("feed:\(creator):\(kind):\(msgID)").id,
                                             record: KeyRecord(fingerprint: Command.feedFingerprint(creator: name, kind: kind),
                                                               state: .done(.feed(receipt)), at: at)))
        }
        return (events, keys)
    }

    /// Writes `dump` into this wallet, which must hold nothing yet, in one transaction. Every key
    /// goes to `commands` (feed keys included: a copy does not re-pack them into event rows).
    public func load(_ dump: WalletDump) async throws {
        let location = path
        try await immediateTransaction { db in
            let held = try Int.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM accounts) + (SELECT COUNT(*) FROM transfers) + (SELECT COUNT(*) FROM commands)
                     + (SELECT COUNT(*) FROM live_events)
                """) ?? 0
            guard held == 0 else { throw WalletError.notEmpty(location) }
            let rows = LedgerRows(db: db)
            try db.execute(sql: "UPDATE settings SET value = ? WHERE key = ?", arguments: [dump.secret.hex, WalletSchema.secretSetting])
            for (key, value) in dump.settings.sorted(by: { $0.key < $1.key }) {
                try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                               arguments: [key, value])
            }
            for account in dump.accounts { try rows.save(account, insert: true) }
            for (account, points) in dump.balances { try rows.storeBalance(code: account.code, units: points.units) }
            let insert = try db.makeStatement(sql: """
                INSERT INTO transfers (seq, id, debit, credit, units, kind, command_id, pending_id, memo, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for placed in dump.transfers {
                let t = placed.transfer
                try insert.execute(arguments: [placed.seq, t.id, t.debit.code, t.credit.code, t.amount.units, t.kind.rawValue, t.commandID,
                                               t.pendingID, t.memo, Timestamp.format(t.timestamp)])
            }
            for key in dump.keys {
                try CommandRows(db: db, operatorID: try CommandRows.operatorID(key.operatorName, in: db)).save(id: key.id, key.record)
            }
            for withdrawal in dump.withdrawals { try rows.save(withdrawal) }
            for redemption in dump.redemptions { try rows.save(redemption) }
            for session in dump.sessions { try rows.save(session) }
            for battle in dump.battles { try rows.save(battle) }
            for event in dump.events { try rows.record(event) }
            for (account, pin) in dump.pins.sorted(by: { $0.key < $1.key }) { try Self.save(pin, accountID: account, in: db) }
        }
    }
}
