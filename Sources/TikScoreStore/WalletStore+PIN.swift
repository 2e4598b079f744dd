import Foundation
import GRDB
import TikScoreCore

/// The `pins` table: one row per account with a PIN (see `PINGate`).
extension WalletStore {
    public func pinRecord(accountID: Int64) async throws -> PINRecord? {
        try await read { try Self.pin(accountID, in: $0) }
    }

    public func savePIN(_ record: PINRecord?, accountID: Int64) async throws {
        try await immediateTransaction { db in
            guard let record else {
                try db.execute(sql: "DELETE FROM pins WHERE account_id = ?", arguments: [accountID])
                return
            }
            try Self.save(record, accountID: accountID, in: db)
        }
    }

    public func recordPINAttempt(accountID: Int64, succeeded: Bool) async throws -> PINRecord? {
        let now = self.now
        let rules = economy.rules
        // A reading command (`history NAME --reveal`) still records the attempt, on its own writer.
        let store = access.writes ? self : try WalletStore(path: path, economy: economy, gateway: gateway, access: .write, clock: { now })
        return try await store.immediateTransaction { db -> PINRecord? in
            guard let record = try Self.pin(accountID, in: db) else { return nil }
            let after = PINRules.after(record, succeeded: succeeded, now: now, rules: rules)
            if after != record { try Self.save(after, accountID: accountID, in: db) }
            return after
        }
    }

    static func pin(_ accountID: Int64, in db: Database) throws -> PINRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM pins WHERE account_id = ?", arguments: [accountID]) else { return nil }
        let strict = StrictRow(row, table: "pins", key: String(accountID))
        let until = try strict.parsedIfPresent("locked_until", as: "a time", Timestamp.parse)
        return PINRecord(salt: try strict.text("salt"), hash: try strict.text("hash"), rounds: Int(try strict.int64("rounds")),
                         failures: Int(try strict.int64("failures")), lockedUntil: until)
    }

    static func save(_ record: PINRecord, accountID: Int64, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO pins (account_id, salt, hash, rounds, failures, locked_until) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(account_id) DO UPDATE SET salt = excluded.salt, hash = excluded.hash, rounds = excluded.rounds,
                failures = excluded.failures, locked_until = excluded.locked_until
            """, arguments: [accountID, record.salt, record.hash, record.rounds, record.failures, record.lockedUntil.map(Timestamp.format)])
    }
}
