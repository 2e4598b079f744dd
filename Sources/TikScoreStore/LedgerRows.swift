import Foundation
import GRDB
import TikScoreCore

/// Reading and writing the wallet's rows inside a database access.
struct LedgerRows {
    let db: Database

    // MARK: Accounts

    func account(named name: String) throws -> Account? {
        try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE name_key = ?", arguments: [NameKey.of(name)]).map(Self.account)
    }

    func account(id: Int64) throws -> Account? {
        try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE id = ?", arguments: [id]).map(Self.account)
    }

    func accounts() throws -> [Account] {
        try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY id").map(Self.account)
    }

    func nextAccountID() throws -> Int64 {
        (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM accounts") ?? 0) + 1
    }

    static func account(_ row: Row) -> Account {
        let profile = AccountProfile(
            role: Role(rawValue: row["role"]) ?? .supporter,
            followers: row["followers"],
            birthDate: (row["birth_date"] as String?).flatMap { try? CalendarDate.parse($0) },
            createdOn: (row["created_on"] as String?).flatMap { try? CalendarDate.parse($0) },
            business: row["business"],
            creatorNext: row["creator_next"],
            lastUpload: (row["last_upload"] as String?).flatMap { try? CalendarDate.parse($0) })
        return Account(id: row["id"], name: row["name"], profile: profile)
    }

    func save(_ account: Account, insert: Bool) throws {
        let p = account.profile
        let args: StatementArguments = [account.id, account.name, NameKey.of(account.name), p.role.rawValue, p.followers,
                                        p.birthDate?.description, p.createdOn?.description, p.business, p.creatorNext,
                                        p.lastUpload?.description]
        if insert {
            try db.execute(sql: """
                INSERT INTO accounts (id, name, name_key, role, followers, birth_date, created_on, business, creator_next, last_upload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: args)
        } else {
            try db.execute(sql: """
                UPDATE accounts SET name = ?2, name_key = ?3, role = ?4, followers = ?5, birth_date = ?6, created_on = ?7,
                       business = ?8, creator_next = ?9, last_upload = ?10 WHERE id = ?1
                """, arguments: args)
        }
    }

    // MARK: Balances

    func balance(of account: LedgerAccount) throws -> Points {
        Points(units: try Int64.fetchOne(db, sql: "SELECT units FROM balances WHERE account = ?", arguments: [account.code]) ?? 0)
    }

    func allBalances() throws -> [LedgerAccount: Points] {
        var out: [LedgerAccount: Points] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT account, units FROM balances") {
            out[LedgerAccount(code: row["account"])] = Points(units: row["units"])
        }
        return out
    }

    /// Writes a transfer and moves both balances, in the caller's transaction.
    func write(_ t: Transfer) throws {
        try db.execute(sql: """
            INSERT INTO transfers (id, debit, credit, units, kind, command_id, pending_id, memo, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [t.id, t.debit.code, t.credit.code, t.amount.units, t.kind.rawValue, t.commandID, t.pendingID,
                             t.memo, Timestamp.format(t.timestamp)])
        try add(-t.amount.units, to: t.debit)
        try add(t.amount.units, to: t.credit)
    }

    private func add(_ units: Int64, to account: LedgerAccount) throws {
        let current = try balance(of: account).units
        let (next, overflow) = current.addingReportingOverflow(units)
        guard !overflow else { throw WalletError.overflow("balance of \(account)") }
        try db.execute(sql: "INSERT INTO balances (account, units) VALUES (?, ?) ON CONFLICT(account) DO UPDATE SET units = excluded.units",
                       arguments: [account.code, next])
    }

    // MARK: Transfers

    static func transfer(_ row: Row) -> Transfer {
        Transfer(id: row["id"], debit: LedgerAccount(code: row["debit"]), credit: LedgerAccount(code: row["credit"]),
                 amount: Points(units: row["units"]), kind: TransferKind(rawValue: row["kind"]) ?? .transfer,
                 commandID: row["command_id"], pendingID: row["pending_id"], memo: row["memo"],
                 timestamp: Timestamp.parse(row["at"]) ?? Date(timeIntervalSince1970: 0))
    }

    // MARK: Records

    func withdrawal(id: String) throws -> Withdrawal? {
        guard let text = try String.fetchOne(db, sql: "SELECT record FROM withdrawals WHERE id = ?", arguments: [id]) else { return nil }
        return try RecordCoding.decode(Withdrawal.self, from: text)
    }

    func save(_ w: Withdrawal) throws {
        try db.execute(sql: """
            INSERT INTO withdrawals (id, account_id, status, record) VALUES (?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET status = excluded.status, record = excluded.record
            """, arguments: [w.id, w.accountID, w.status.rawValue, try RecordCoding.encode(w)])
    }

    func save(_ r: Redemption) throws {
        try db.execute(sql: "INSERT INTO redemptions (id, account_id, record) VALUES (?, ?, ?)",
                       arguments: [r.id, r.accountID, try RecordCoding.encode(r)])
    }

    // MARK: Live

    func openSession(creatorID: Int64) throws -> LiveSession? {
        guard let text = try String.fetchOne(db, sql: "SELECT record FROM live_sessions WHERE creator_id = ? AND open = 1",
                                             arguments: [creatorID]) else { return nil }
        return try RecordCoding.decode(LiveSession.self, from: text)
    }

    func sessions(creatorID: Int64?, limit: Int) throws -> [LiveSession] {
        let texts: [String]
        if let creatorID {
            texts = try String.fetchAll(db, sql: "SELECT record FROM live_sessions WHERE creator_id = ? ORDER BY rowid DESC LIMIT ?",
                                        arguments: [creatorID, limit])
        } else {
            texts = try String.fetchAll(db, sql: "SELECT record FROM live_sessions ORDER BY rowid DESC LIMIT ?", arguments: [limit])
        }
        return try texts.map { try RecordCoding.decode(LiveSession.self, from: $0) }
    }

    func save(_ session: LiveSession) throws {
        try db.execute(sql: """
            INSERT INTO live_sessions (id, creator_id, open, record) VALUES (?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET open = excluded.open, record = excluded.record
            """, arguments: [session.id, session.creatorID, session.isLive, try RecordCoding.encode(session)])
    }

    func battles(runningOnly: Bool, limit: Int) throws -> [Battle] {
        let sql = runningOnly ? "SELECT record FROM battles WHERE running = 1 ORDER BY rowid"
            : "SELECT record FROM battles ORDER BY rowid DESC LIMIT \(max(0, limit))"
        return try String.fetchAll(db, sql: sql).map { try RecordCoding.decode(Battle.self, from: $0) }
    }

    func save(_ battle: Battle) throws {
        try db.execute(sql: """
            INSERT INTO battles (id, running, record) VALUES (?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET running = excluded.running, record = excluded.record
            """, arguments: [battle.id, battle.isRunning, try RecordCoding.encode(battle)])
    }

    /// Applies one decided change.
    func apply(_ change: LedgerChange) throws {
        switch change {
        case .insertAccount(let account): try save(account, insert: true)
        case .updateAccount(let account): try save(account, insert: false)
        case .transfer(let transfer): try write(transfer)
        case .saveWithdrawal(let withdrawal): try save(withdrawal)
        case .saveRedemption(let redemption): try save(redemption)
        case .saveSession(let session): try save(session)
        case .saveBattle(let battle): try save(battle)
        }
    }
}

/// `WalletReading` over a database access, for the state machine.
struct SQLWalletReader: WalletReading {
    let rows: LedgerRows

    func account(named name: String) throws -> Account? { try rows.account(named: name) }
    func account(id: Int64) throws -> Account? { try rows.account(id: id) }
    func balance(of account: LedgerAccount) throws -> Points { try rows.balance(of: account) }
    func withdrawal(id: String) throws -> Withdrawal? { try rows.withdrawal(id: id) }
    func nextAccountID() throws -> Int64 { try rows.nextAccountID() }
    func openSession(creatorID: Int64) throws -> LiveSession? { try rows.openSession(creatorID: creatorID) }
    func runningBattles() throws -> [Battle] { try rows.battles(runningOnly: true, limit: 0) }
}
