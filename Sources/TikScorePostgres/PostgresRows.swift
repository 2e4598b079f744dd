import Foundation
import PostgresNIO
import TikScoreCore

/// Reading and writing the wallet's rows inside one PostgreSQL transaction: what the state
/// machine reads while it decides (`WalletReading`), the changes it decided, and key records.
struct PostgresRows: WalletReading {
    let link: PostgresLink
    /// Balances, accounts, open sessions and running battles of a write transaction, written once
    /// before it commits (see `RecordCache`); nil reads and writes them directly.
    var cache: RecordCache? = nil
    /// Who runs this transaction's commands, written with each key record.
    var operatorName: String? = nil

    // MARK: Accounts

    func account(named name: String) throws -> Account? {
        let key = NameKey.of(name)
        let load = { try link.query("SELECT * FROM accounts WHERE name_key = $1", [.text(key)]).first.map(Self.account) }
        guard let cache else { return try load() }
        return try cache.account(nameKey: key, load: load)
    }

    func account(id: Int64) throws -> Account? {
        try link.query("SELECT * FROM accounts WHERE id = $1", [.int(id)]).first.map(Self.account)
    }

    func account(tiktokID: String) throws -> Account? {
        try link.query("SELECT * FROM accounts WHERE tiktok_id = $1", [.text(tiktokID)]).first.map(Self.account)
    }

    func account(tiktokHandle: String) throws -> Account? {
        try link.query("SELECT * FROM accounts WHERE tiktok_handle_key = $1", [.text(TikTokIdentity.key(tiktokHandle))]).first.map(Self.account)
    }

    func accounts() throws -> [Account] {
        try link.query("SELECT * FROM accounts ORDER BY id").map(Self.account)
    }

    func nextAccountID() throws -> Int64 {
        (try link.query("SELECT MAX(id) AS top FROM accounts").first?.optionalInt64("top", table: "accounts") ?? 0) + 1
    }

    func summary(of account: Account) throws -> AccountSummary {
        AccountSummary(account: account, points: try balance(of: account.pointsAccount),
                       earned: try balance(of: account.earnedAccount), held: try balance(of: account.heldAccount))
    }

    static func account(_ row: PostgresRandomAccessRow) throws -> Account {
        let table = "accounts"
        func date(_ column: String) throws -> CalendarDate? {
            guard let text = try row.optionalText(column, table: table) else { return nil }
            guard let date = try? CalendarDate.parse(text) else { throw PostgresErrors.damaged(table, column, "not a date") }
            return date
        }
        guard let role = Role(rawValue: try row.text("role", table: table)) else {
            throw PostgresErrors.damaged(table, "role", "not a role (supporter or creator)")
        }
        let profile = AccountProfile(
            role: role, followers: try row.int64("followers", table: table), birthDate: try date("birth_date"),
            createdOn: try date("created_on"), business: try row.bool("business", table: table),
            creatorNext: try row.bool("creator_next", table: table), lastUpload: try date("last_upload"),
            tiktokID: try row.optionalText("tiktok_id", table: table), tiktokHandle: try row.optionalText("tiktok_handle", table: table))
        return Account(id: try row.int64("id", table: table), name: try row.text("name", table: table), profile: profile)
    }

    func save(_ account: Account, insert: Bool) throws {
        let p = account.profile
        let values: [PostgresValue] = [
            .int(account.id), .text(account.name), .text(NameKey.of(account.name)), .text(p.role.rawValue), .int(p.followers),
            .text(p.birthDate?.description), .text(p.createdOn?.description), .bool(p.business), .bool(p.creatorNext),
            .text(p.lastUpload?.description), .text(p.tiktokID), .text(p.tiktokHandle), .text(p.tiktokHandle.map(TikTokIdentity.key)),
        ]
        if insert {
            try link.query("""
                INSERT INTO accounts (id, name, name_key, role, followers, birth_date, created_on, business, creator_next, last_upload,
                                      tiktok_id, tiktok_handle, tiktok_handle_key)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                """, values)
        } else {
            try link.query("""
                UPDATE accounts SET name = $2, name_key = $3, role = $4, followers = $5, birth_date = $6, created_on = $7,
                       business = $8, creator_next = $9, last_upload = $10, tiktok_id = $11, tiktok_handle = $12,
                       tiktok_handle_key = $13 WHERE id = $1
                """, values)
        }
    }

    // MARK: Balances

    func balance(of account: LedgerAccount) throws -> Points {
        let code = account.code
        let load = { try link.query("SELECT units FROM balances WHERE account = $1", [.text(code)]).first?.int64("units", table: "balances") ?? 0 }
        guard let cache else { return Points(units: try load()) }
        return Points(units: try cache.balance(code: code, load: load))
    }

    func storeBalance(code: String, units: Int64) throws {
        try link.query("""
            INSERT INTO balances (account, units) VALUES ($1, $2)
            ON CONFLICT (account) DO UPDATE SET units = excluded.units
            """, [.text(code), .int(units)])
    }

    func allBalances() throws -> [LedgerAccount: Points] {
        var out: [LedgerAccount: Points] = [:]
        for row in try link.query("SELECT account, units FROM balances") {
            out[LedgerAccount(code: try row.text("account", table: "balances"))] = Points(units: try row.int64("units", table: "balances"))
        }
        return out
    }

    /// Writes a transfer and moves both balances, in the caller's transaction.
    func write(_ t: Transfer) throws {
        try link.query("""
            INSERT INTO transfers (id, debit, credit, units, kind, command_id, pending_id, memo, at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, [.text(t.id), .text(t.debit.code), .text(t.credit.code), .int(t.amount.units), .text(t.kind.rawValue),
                  .text(t.commandID), .text(t.pendingID), .text(t.memo), .text(Timestamp.format(t.timestamp))])
        try add(-t.amount.units, to: t.debit)
        try add(t.amount.units, to: t.credit)
    }

    private func add(_ units: Int64, to account: LedgerAccount) throws {
        let (next, overflow) = try balance(of: account).units.addingReportingOverflow(units)
        guard !overflow else { throw WalletError.overflow("balance of \(account)") }
        if let cache { cache.setBalance(code: account.code, units: next) } else { try storeBalance(code: account.code, units: next) }
    }

    // MARK: Transfers

    static let transferColumns = "seq, id, debit, credit, units, kind, command_id, pending_id, memo, at"

    static func transfer(_ row: PostgresRandomAccessRow) throws -> Transfer {
        let table = "transfers"
        guard let kind = TransferKind(rawValue: try row.text("kind", table: table)) else {
            throw PostgresErrors.damaged(table, "kind", "not a transfer kind")
        }
        guard let time = Timestamp.parse(try row.text("at", table: table)) else {
            throw PostgresErrors.damaged(table, "at", "not a UTC time")
        }
        return Transfer(id: try row.text("id", table: table), debit: LedgerAccount(code: try row.text("debit", table: table)),
                        credit: LedgerAccount(code: try row.text("credit", table: table)),
                        amount: Points(units: try row.int64("units", table: table)), kind: kind,
                        commandID: try row.text("command_id", table: table), pendingID: try row.optionalText("pending_id", table: table),
                        memo: try row.text("memo", table: table), timestamp: time)
    }

    // MARK: Records

    private static func record<T: Decodable>(_ type: T.Type, _ row: PostgresRandomAccessRow, table: String) throws -> T {
        let text = try row.text("record", table: table)
        do {
            return try RecordJSON.decode(type, text: text)
        } catch {
            throw PostgresErrors.damaged(table, "record", "a stored \(T.self) record that cannot be read")
        }
    }

    func withdrawal(id: String) throws -> Withdrawal? {
        try link.query("SELECT record FROM withdrawals WHERE id = $1", [.text(id)]).first.map { try Self.record(Withdrawal.self, $0, table: "withdrawals") }
    }

    func withdrawals(accountID: Int64?) throws -> [Withdrawal] {
        let rows = if let accountID {
            try link.query("SELECT record FROM withdrawals WHERE account_id = $1 ORDER BY seq DESC", [.int(accountID)])
        } else {
            try link.query("SELECT record FROM withdrawals ORDER BY seq DESC")
        }
        return try rows.map { try Self.record(Withdrawal.self, $0, table: "withdrawals") }
    }

    func pendingWithdrawals() throws -> [Withdrawal] {
        try link.query("SELECT record FROM withdrawals WHERE status = 'pending' ORDER BY seq").map {
            try Self.record(Withdrawal.self, $0, table: "withdrawals")
        }
    }

    func redemptions(accountID: Int64?) throws -> [Redemption] {
        let rows = if let accountID {
            try link.query("SELECT record FROM redemptions WHERE account_id = $1 ORDER BY seq DESC", [.int(accountID)])
        } else {
            try link.query("SELECT record FROM redemptions ORDER BY seq DESC")
        }
        return try rows.map { try Self.record(Redemption.self, $0, table: "redemptions") }
    }

    func openSession(creatorID: Int64) throws -> LiveSession? {
        let load = {
            try link.query("SELECT record FROM live_sessions WHERE creator_id = $1 AND open", [.int(creatorID)]).first.map {
                try Self.record(LiveSession.self, $0, table: "live_sessions")
            }
        }
        guard let cache else { return try load() }
        return try cache.openSession(creatorID: creatorID, load: load)
    }

    func sessions(creatorID: Int64?, limit: Int) throws -> [LiveSession] {
        let rows = if let creatorID {
            try link.query("SELECT record FROM live_sessions WHERE creator_id = $1 ORDER BY seq DESC LIMIT $2", [.int(creatorID), .int(Int64(max(0, limit)))])
        } else {
            try link.query("SELECT record FROM live_sessions ORDER BY seq DESC LIMIT $1", [.int(Int64(max(0, limit)))])
        }
        return try rows.map { try Self.record(LiveSession.self, $0, table: "live_sessions") }
    }

    func runningBattles() throws -> [Battle] {
        let load = { try link.query("SELECT record FROM battles WHERE running ORDER BY seq").map { try Self.record(Battle.self, $0, table: "battles") } }
        guard let cache else { return try load() }
        return try cache.runningBattles(load: load)
    }

    func battles(limit: Int) throws -> [Battle] {
        try link.query("SELECT record FROM battles ORDER BY seq DESC LIMIT $1", [.int(Int64(max(0, limit)))]).map {
            try Self.record(Battle.self, $0, table: "battles")
        }
    }

    func liveEvents(sessionID: String) throws -> [LiveEventRecord] {
        try link.query("SELECT session_id, at_ms, kind, line FROM live_events WHERE session_id = $1 ORDER BY seq", [.text(sessionID)])
            .map(Self.event)
    }

    static func event(_ row: PostgresRandomAccessRow) throws -> LiveEventRecord {
        LiveEventRecord(sessionID: try row.text("session_id", table: "live_events"), atMs: try row.int64("at_ms", table: "live_events"),
                        kind: try row.text("kind", table: "live_events"), line: try row.text("line", table: "live_events"))
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
        case .saveWithdrawal(let w):
            try link.query("""
                INSERT INTO withdrawals (id, account_id, status, record) VALUES ($1, $2, $3, $4)
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, record = excluded.record
                """, [.text(w.id), .int(w.accountID), .text(w.status.rawValue), .text(try RecordJSON.encode(w))])
        case .saveRedemption(let r):
            try link.query("INSERT INTO redemptions (id, account_id, record) VALUES ($1, $2, $3)",
                           [.text(r.id), .int(r.accountID), .text(try RecordJSON.encode(r))])
        case .saveSession(let session):
            if let cache { cache.save(session) } else { try save(session) }
        case .saveBattle(let battle):
            if let cache { cache.save(battle) } else { try save(battle) }
        case .recordLiveEvent(let event):
            try link.query("INSERT INTO live_events (session_id, at_ms, kind, line) VALUES ($1, $2, $3, $4)",
                           [.text(event.sessionID), .int(event.atMs), .text(event.kind), .text(event.line)])
        }
    }

    func save(_ session: LiveSession) throws {
        try link.query("""
            INSERT INTO live_sessions (id, creator_id, open, record) VALUES ($1, $2, $3, $4)
            ON CONFLICT (id) DO UPDATE SET open = excluded.open, record = excluded.record
            """, [.text(session.id), .int(session.creatorID), .bool(session.isLive), .text(try RecordJSON.encode(session))])
    }

    func save(_ battle: Battle) throws {
        try link.query("""
            INSERT INTO battles (id, running, record) VALUES ($1, $2, $3)
            ON CONFLICT (id) DO UPDATE SET running = excluded.running, record = excluded.record
            """, [.text(battle.id), .bool(battle.isRunning), .text(try RecordJSON.encode(battle))])
    }

    /// Writes what the transaction's cache holds, before it commits.
    func flushCache() throws {
        guard let cache else { return }
        try cache.write(balance: { try storeBalance(code: $0, units: $1) }, session: { try save($0) }, battle: { try save($0) })
    }

    // MARK: Keys

    func keyRecord(id: String) throws -> KeyRecord? {
        try link.query("SELECT * FROM commands WHERE id = $1", [.text(id)]).first.map(Self.keyRecord)
    }

    static func keyRecord(_ row: PostgresRandomAccessRow) throws -> KeyRecord {
        let table = "commands"
        let state: KeyRecord.State
        switch try row.text("state", table: table) {
        case "done":
            let text = try row.text("outcome", table: table)
            guard let outcome = try? RecordJSON.decode(CommandOutcome.self, text: text) else {
                throw PostgresErrors.damaged(table, "outcome", "a stored outcome that cannot be read")
            }
            state = .done(outcome)
        case "refused":
            guard let code = WalletError.Code(rawValue: try row.text("refusal_code", table: table)) else {
                throw PostgresErrors.damaged(table, "refusal_code", "not a refusal code")
            }
            state = .refused(WalletError(code, try row.text("refusal", table: table)))
        case "in_flight":
            state = .inFlight(owner: try row.text("owner", table: table), summary: try row.text("summary", table: table))
        default:
            throw PostgresErrors.damaged(table, "state", "not done, refused or in_flight")
        }
        guard let at = Timestamp.parse(try row.text("at", table: table)) else { throw PostgresErrors.damaged(table, "at", "not a UTC time") }
        return KeyRecord(fingerprint: try row.text("fingerprint", table: table), state: state, at: at)
    }

    /// Writes (or replaces) the record of `id`.
    func saveKey(id: String, _ record: KeyRecord) throws {
        var outcome: String?
        var code: String?
        var refusal: String?
        var owner: String?
        var summary: String?
        let state: String
        switch record.state {
        case .done(let value):
            state = "done"
            outcome = try RecordJSON.encode(value)
        case .refused(let error):
            state = "refused"
            code = error.code.rawValue
            refusal = error.message
        case .inFlight(let who, let what):
            state = "in_flight"
            owner = who
            summary = what
        }
        try link.query("""
            INSERT INTO commands (id, fingerprint, state, outcome, refusal_code, refusal, owner, summary, at, operator)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, state = excluded.state, outcome = excluded.outcome,
                refusal_code = excluded.refusal_code, refusal = excluded.refusal, owner = excluded.owner,
                summary = excluded.summary, at = excluded.at, operator = COALESCE(excluded.operator, commands.operator)
            """, [.text(id), .text(record.fingerprint), .text(state), .text(outcome), .text(code), .text(refusal), .text(owner),
                  .text(summary), .text(Timestamp.format(record.at)), .text(operatorName)])
    }

    /// Records still in flight, oldest first.
    func keysInFlight() throws -> [(id: String, record: KeyRecord)] {
        try link.query("SELECT * FROM commands WHERE state = 'in_flight' ORDER BY at").map {
            (try $0.text("id", table: "commands"), try Self.keyRecord($0))
        }
    }

    /// Tells every listener, when the transaction commits, that the wallet changed.
    func notifyChange() throws {
        try link.query("SELECT pg_notify($1, '')", [.text(PostgresSchema.changesChannel)])
    }
}
