import Foundation
import GRDB
import TikScoreCore

/// Reading and writing the wallet's rows inside a database access.
struct LedgerRows {
    let db: Database
    /// Open sessions and running battles of the transaction, written before it commits (see
    /// `RecordCache`); nil reads and writes them directly.
    var cache: RecordCache? = nil

    /// Runs a statement prepared once per connection (the hot paths of every command).
    private func execute(_ sql: String, _ arguments: StatementArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    private func fetchRow(_ sql: String, _ arguments: StatementArguments) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    // MARK: Accounts

    func account(named name: String) throws -> Account? {
        let key = NameKey.of(name)
        let load = { try fetchRow("SELECT * FROM accounts WHERE name_key = ?", [key]).map(Self.account) }
        guard let cache else { return try load() }
        return try cache.account(nameKey: key, load: load)
    }

    func account(id: Int64) throws -> Account? {
        try fetchRow("SELECT * FROM accounts WHERE id = ?", [id]).map(Self.account)
    }

    func account(tiktokID: String) throws -> Account? {
        try fetchRow("SELECT * FROM accounts WHERE tiktok_id = ?", [tiktokID]).map(Self.account)
    }

    func account(tiktokHandle: String) throws -> Account? {
        try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE tiktok_handle_key = ?",
                         arguments: [TikTokIdentity.key(tiktokHandle)]).map(Self.account)
    }

    func accounts() throws -> [Account] {
        try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY id").map(Self.account)
    }

    func summary(of account: Account) throws -> AccountSummary {
        AccountSummary(account: account, points: try balance(of: account.pointsAccount),
                       earned: try balance(of: account.earnedAccount), held: try balance(of: account.heldAccount))
    }

    func nextAccountID() throws -> Int64 {
        (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM accounts") ?? 0) + 1
    }

    static func account(_ raw: Row) throws -> Account {
        let row = StrictRow(raw, table: "accounts", key: "id")
        let date = { (text: String) in try? CalendarDate.parse(text) }
        let profile = AccountProfile(
            role: try row.parsed("role", as: "a role (supporter or creator)", Role.init(rawValue:)),
            followers: try row.int64("followers"),
            birthDate: try row.parsedIfPresent("birth_date", as: "a date", date),
            createdOn: try row.parsedIfPresent("created_on", as: "a date", date),
            business: try row.bool("business"),
            creatorNext: try row.bool("creator_next"),
            lastUpload: try row.parsedIfPresent("last_upload", as: "a date", date),
            tiktokID: try row.optionalText("tiktok_id"), tiktokHandle: try row.optionalText("tiktok_handle"))
        return Account(id: try row.int64("id"), name: try row.text("name"), profile: profile)
    }

    func save(_ account: Account, insert: Bool) throws {
        let p = account.profile
        let args: StatementArguments = [account.id, account.name, NameKey.of(account.name), p.role.rawValue, p.followers,
                                        p.birthDate?.description, p.createdOn?.description, p.business, p.creatorNext,
                                        p.lastUpload?.description, p.tiktokID, p.tiktokHandle,
                                        p.tiktokHandle.map(TikTokIdentity.key)]
        if insert {
            try db.execute(sql: """
                INSERT INTO accounts (id, name, name_key, role, followers, birth_date, created_on, business, creator_next, last_upload,
                                      tiktok_id, tiktok_handle, tiktok_handle_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: args)
        } else {
            try db.execute(sql: """
                UPDATE accounts SET name = ?2, name_key = ?3, role = ?4, followers = ?5, birth_date = ?6, created_on = ?7,
                       business = ?8, creator_next = ?9, last_upload = ?10, tiktok_id = ?11, tiktok_handle = ?12,
                       tiktok_handle_key = ?13 WHERE id = ?1
                """, arguments: args)
        }
    }

    // MARK: Balances

    func balance(of account: LedgerAccount) throws -> Points {
        Points(units: try units(of: account.code))
    }

    private func units(of code: String) throws -> Int64 {
        let load = { () throws -> Int64 in
            guard let raw = try fetchRow("SELECT account, units FROM balances WHERE account = ?", [code]) else { return 0 }
            return try StrictRow(raw, table: "balances", key: "account").int64("units")
        }
        guard let cache else { return try load() }
        return try cache.balance(code: code, load: load)
    }

    /// Writes a balance row.
    func storeBalance(code: String, units: Int64) throws {
        try execute("INSERT INTO balances (account, units) VALUES (?, ?) ON CONFLICT(account) DO UPDATE SET units = excluded.units",
                    [code, units])
    }

    func allBalances() throws -> [LedgerAccount: Points] {
        var out: [LedgerAccount: Points] = [:]
        for raw in try Row.fetchAll(db, sql: "SELECT account, units FROM balances") {
            let row = StrictRow(raw, table: "balances", key: "account")
            out[LedgerAccount(code: try row.text("account"))] = Points(units: try row.int64("units"))
        }
        return out
    }

    /// Writes a transfer and moves both balances, in the caller's transaction.
    func write(_ t: Transfer) throws {
        try execute("""
            INSERT INTO transfers (id, debit, credit, units, kind, command_id, pending_id, memo, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [t.id, t.debit.code, t.credit.code, t.amount.units, t.kind.rawValue, t.commandID, t.pendingID,
                             t.memo, Timestamp.format(t.timestamp)])
        try add(-t.amount.units, to: t.debit)
        try add(t.amount.units, to: t.credit)
    }

    private func add(_ units: Int64, to account: LedgerAccount) throws {
        let code = account.code
        let (next, overflow) = try self.units(of: code).addingReportingOverflow(units)
        guard !overflow else { throw WalletError.overflow("balance of \(account)") }
        if let cache { cache.setBalance(code: code, units: next) } else { try storeBalance(code: code, units: next) }
    }

    // MARK: Transfers

    /// One transfer row (a fetch of a few rows; a long cursor keeps one `TransferRowDecoder`).
    static func transfer(_ raw: Row) throws -> Transfer {
        var decoder = TransferRowDecoder()
        return try decoder.transfer(raw)
    }

    // MARK: Records

    func withdrawal(id: String) throws -> Withdrawal? {
        try Row.fetchOne(db, sql: "SELECT id, record FROM withdrawals WHERE id = ?", arguments: [id]).map(Self.withdrawal)
    }

    static func withdrawal(_ raw: Row) throws -> Withdrawal {
        try RecordCoding.decode(Withdrawal.self, from: StrictRow(raw, table: "withdrawals", key: "id"))
    }

    static func redemption(_ raw: Row) throws -> Redemption {
        try RecordCoding.decode(Redemption.self, from: StrictRow(raw, table: "redemptions", key: "id"))
    }

    static func session(_ raw: Row) throws -> LiveSession {
        try RecordCoding.decode(LiveSession.self, from: StrictRow(raw, table: "live_sessions", key: "id"))
    }

    static func battle(_ raw: Row) throws -> Battle {
        try RecordCoding.decode(Battle.self, from: StrictRow(raw, table: "battles", key: "id"))
    }

    func withdrawals(accountID: Int64?) throws -> [Withdrawal] {
        if let accountID {
            return try Row.fetchAll(db, sql: "SELECT id, record FROM withdrawals WHERE account_id = ? ORDER BY rowid DESC", arguments: [accountID]).map(Self.withdrawal)
        }
        return try Row.fetchAll(db, sql: "SELECT id, record FROM withdrawals ORDER BY rowid DESC").map(Self.withdrawal)
    }

    func redemptions(accountID: Int64?) throws -> [Redemption] {
        if let accountID {
            return try Row.fetchAll(db, sql: "SELECT id, record FROM redemptions WHERE account_id = ? ORDER BY rowid DESC", arguments: [accountID]).map(Self.redemption)
        }
        return try Row.fetchAll(db, sql: "SELECT id, record FROM redemptions ORDER BY rowid DESC").map(Self.redemption)
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
        let load = { try fetchRow("SELECT id, record FROM live_sessions WHERE creator_id = ? AND open = 1", [creatorID]).map(Self.session) }
        guard let cache else { return try load() }
        return try cache.openSession(creatorID: creatorID, load: load)
    }

    func sessions(creatorID: Int64?, limit: Int) throws -> [LiveSession] {
        if let creatorID {
            return try Row.fetchAll(db, sql: "SELECT id, record FROM live_sessions WHERE creator_id = ? ORDER BY rowid DESC LIMIT ?",
                                    arguments: [creatorID, limit]).map(Self.session)
        }
        return try Row.fetchAll(db, sql: "SELECT id, record FROM live_sessions ORDER BY rowid DESC LIMIT ?", arguments: [limit]).map(Self.session)
    }

    func save(_ session: LiveSession) throws {
        try db.execute(sql: """
            INSERT INTO live_sessions (id, creator_id, open, record) VALUES (?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET open = excluded.open, record = excluded.record
            """, arguments: [session.id, session.creatorID, session.isLive, try RecordCoding.encode(session)])
    }

    func record(_ event: LiveEventRecord) throws {
        try execute("INSERT INTO live_events (session_id, at_ms, kind, line) VALUES (?, ?, ?, ?)",
                    [event.sessionID, event.atMs, event.kind, event.line])
    }

    func liveEvents(sessionID: String) throws -> [LiveEventRecord] {
        let shapes = try FeedEventRows.shapes(db)
        return try Row.fetchAll(db, sql: "SELECT seq, session_id, at_ms, kind, line, msg_id, shape FROM live_events WHERE session_id = ? ORDER BY seq",
                                arguments: [sessionID]).map { raw in
            let row = StrictRow(raw, table: "live_events", key: "seq")
            let atMs = try row.int64("at_ms")
            let stored = try FeedEventRows.line(stored: try row.text("line"), shape: try row.optionalInt64("shape"), shapes: shapes,
                                                seq: try row.int64("seq"))
            return LiveEventRecord(sessionID: try row.text("session_id"), atMs: atMs, kind: try row.text("kind"),
                                   line: FeedKeptLine.full(stored, msgID: try row.optionalInt64("msg_id"), atMs: atMs))
        }
    }

    /// The battles marked running (through the transaction's cache when there is one).
    func runningBattles() throws -> [Battle] {
        let load = { try battles(runningOnly: true, limit: 0) }
        guard let cache else { return try load() }
        return try cache.runningBattles(load: load)
    }

    func battles(runningOnly: Bool, limit: Int) throws -> [Battle] {
        let sql = runningOnly ? "SELECT id, record FROM battles WHERE running = 1 ORDER BY rowid"
            : "SELECT id, record FROM battles ORDER BY rowid DESC LIMIT \(max(0, limit))"
        return try Row.fetchAll(db, sql: sql).map(Self.battle)
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
        case .insertAccount(let account):
            cache?.forgetAccounts()
            try save(account, insert: true)
        case .updateAccount(let account):
            cache?.forgetAccounts()
            try save(account, insert: false)
        case .transfer(let transfer): try write(transfer)
        case .saveWithdrawal(let withdrawal): try save(withdrawal)
        case .saveRedemption(let redemption): try save(redemption)
        case .saveSession(let session):
            if let cache { cache.save(session) } else { try save(session) }
        case .saveBattle(let battle):
            if let cache { cache.save(battle) } else { try save(battle) }
        case .recordLiveEvent(let event): try record(event)
        }
    }
}

/// `WalletReading` over a database access, for the state machine.
struct SQLWalletReader: WalletReading {
    let rows: LedgerRows

    func account(named name: String) throws -> Account? { try rows.account(named: name) }
    func account(id: Int64) throws -> Account? { try rows.account(id: id) }
    func account(tiktokID: String) throws -> Account? { try rows.account(tiktokID: tiktokID) }
    func account(tiktokHandle: String) throws -> Account? { try rows.account(tiktokHandle: tiktokHandle) }
    func balance(of account: LedgerAccount) throws -> Points { try rows.balance(of: account) }
    func withdrawal(id: String) throws -> Withdrawal? { try rows.withdrawal(id: id) }
    func nextAccountID() throws -> Int64 { try rows.nextAccountID() }
    func openSession(creatorID: Int64) throws -> LiveSession? { try rows.openSession(creatorID: creatorID) }
    func runningBattles() throws -> [Battle] { try rows.runningBattles() }
}

extension RecordCache {
    /// Writes every changed record into the wallet file, before the transaction commits.
    func write(to rows: LedgerRows) throws {
        try write(balance: { try rows.storeBalance(code: $0, units: $1) }, session: { try rows.save($0) }, battle: { try rows.save($0) })
    }
}
