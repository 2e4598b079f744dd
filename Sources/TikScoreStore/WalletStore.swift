import Foundation
import GRDB
import TikScoreCore

/// The durable wallet: an SQLite ledger that applies each command in one `BEGIN IMMEDIATE`
/// transaction, with idempotency keys, and notices changes made by other processes.
///
/// ```swift
/// let store = try WalletStore(path: "/tmp/w.sqlite", economy: economy)
/// let outcome = try store.run(.transferPoints(from: "ana", to: "leo", points: try Points(whole: 100)), key: "t-1")
/// try store.summary(of: "ana").points
/// ```
public final class WalletStore: CommandRunner, Sendable {
    /// The wallet file.
    public let path: String
    public let economy: Economy
    /// The payment provider used by the recharge and withdrawal flows.
    public let gateway: PaymentGateway
    private let queue: DatabaseQueue
    private let clock: @Sendable () -> Date

    /// Opens (creating if needed) the wallet at `path`.
    public init(path: String, economy: Economy, gateway: PaymentGateway = SandboxGateway(),
                clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.path = path
        self.economy = economy
        self.gateway = gateway
        self.clock = clock
        self.queue = try WalletDatabase.open(path: path)
    }

    /// The current time as the wallet sees it.
    public var now: Date { clock() }

    // MARK: Commands

    public func runReportingReplay(_ command: Command, key: String?) throws -> (outcome: CommandOutcome, replayed: Bool) {
        let id = CommandID.make(key: key)
        let economy = self.economy
        let now = clock()
        return try guarded {
            try immediateTransaction { db -> (outcome: CommandOutcome, replayed: Bool) in
                let rows = LedgerRows(db: db)
                if let previous = try Row.fetchOne(db, sql: "SELECT fingerprint, outcome FROM commands WHERE id = ?", arguments: [id]) {
                    guard previous["fingerprint"] == command.fingerprint else { throw KeyReuse.error(key: key ?? id) }
                    return (try RecordCoding.decode(CommandOutcome.self, from: previous["outcome"]), true)
                }
                let decision = try WalletMachine.decide(command, state: SQLWalletReader(rows: rows),
                                                        context: DecisionContext(economy: economy, now: now, commandID: id))
                for change in decision.changes { try rows.apply(change) }
                try db.execute(sql: "INSERT INTO commands (id, fingerprint, outcome, at) VALUES (?, ?, ?, ?)",
                               arguments: [id, command.fingerprint, try RecordCoding.encode(decision.outcome), Timestamp.format(now)])
                return (decision.outcome, false)
            }
        }
    }

    public func outcome(forKey key: String, fingerprint: String) throws -> CommandOutcome? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT fingerprint, outcome FROM commands WHERE id = ?",
                                             arguments: [CommandID.make(key: key)]) else { return nil }
            guard row["fingerprint"] == fingerprint else { throw KeyReuse.error(key: key) }
            return try RecordCoding.decode(CommandOutcome.self, from: row["outcome"])
        }
    }

    // MARK: WalletReading

    public func account(named name: String) throws -> Account? { try read { try LedgerRows(db: $0).account(named: name) } }
    public func account(id: Int64) throws -> Account? { try read { try LedgerRows(db: $0).account(id: id) } }
    public func balance(of account: LedgerAccount) throws -> Points { try read { try LedgerRows(db: $0).balance(of: account) } }
    public func withdrawal(id: String) throws -> Withdrawal? { try read { try LedgerRows(db: $0).withdrawal(id: id) } }
    public func nextAccountID() throws -> Int64 { try read { try LedgerRows(db: $0).nextAccountID() } }
    public func openSession(creatorID: Int64) throws -> LiveSession? { try read { try LedgerRows(db: $0).openSession(creatorID: creatorID) } }
    public func runningBattles() throws -> [Battle] { try read { try LedgerRows(db: $0).battles(runningOnly: true, limit: 0) } }

    // MARK: Live

    /// LIVE sessions of a creator (or all), newest first.
    public func sessions(of account: Account?, limit: Int = 20) throws -> [LiveSession] {
        try read { try LedgerRows(db: $0).sessions(creatorID: account?.id, limit: limit) }
    }

    /// Battles, newest first.
    public func battles(limit: Int = 20) throws -> [Battle] {
        try read { try LedgerRows(db: $0).battles(runningOnly: false, limit: limit) }
    }

    /// Settles battles whose timer ran out while no process was watching. Cheap when none is due.
    @discardableResult
    public func settleDueBattles() throws -> [Battle] {
        let due = try runningBattles().contains { $0.endsAt <= clock() }
        guard due, case .battles(let settled) = try run(.settleBattles, key: nil) else { return [] }
        return settled
    }

    // MARK: Queries

    /// Every account, oldest first.
    public func accounts() throws -> [Account] { try read { try LedgerRows(db: $0).accounts() } }

    /// Whether the wallet has no account yet.
    public func isEmpty() throws -> Bool { try read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM accounts") ?? 0 } == 0 }

    /// An account and its three balances, read in one snapshot.
    public func summary(of name: String) throws -> AccountSummary {
        try read { db in
            let rows = LedgerRows(db: db)
            guard let account = try rows.account(named: name) else {
                throw WalletError(.unknownAccount, "no account called '\(name)'; `tikscore account list` shows them")
            }
            return AccountSummary(account: account, points: try rows.balance(of: account.pointsAccount),
                                  earned: try rows.balance(of: account.earnedAccount), held: try rows.balance(of: account.heldAccount))
        }
    }

    /// Transfers touching `account` (or all), newest first.
    public func transfers(of account: Account?, limit: Int? = nil) throws -> [Transfer] {
        try read { db in
            let cap = limit.map { " LIMIT \(max(0, $0))" } ?? ""
            guard let account else {
                return try Row.fetchAll(db, sql: "SELECT * FROM transfers ORDER BY seq DESC" + cap).map(LedgerRows.transfer)
            }
            let codes = [account.pointsAccount, account.earnedAccount, account.heldAccount].map(\.code)
            return try Row.fetchAll(db, sql: """
                SELECT * FROM transfers WHERE debit IN (?, ?, ?) OR credit IN (?, ?, ?) ORDER BY seq DESC
                """ + cap, arguments: StatementArguments(codes + codes)).map(LedgerRows.transfer)
        }
    }

    /// Every transfer, oldest first.
    public func allTransfers() throws -> [Transfer] {
        try read { try Row.fetchAll($0, sql: "SELECT * FROM transfers ORDER BY seq").map(LedgerRows.transfer) }
    }

    /// Every ledger balance.
    public func allBalances() throws -> [LedgerAccount: Points] { try read { try LedgerRows(db: $0).allBalances() } }

    /// Withdrawals of `account` (or all), newest first.
    public func withdrawals(of account: Account?) throws -> [Withdrawal] {
        try read { db in
            let texts: [String]
            if let account {
                texts = try String.fetchAll(db, sql: "SELECT record FROM withdrawals WHERE account_id = ? ORDER BY rowid DESC", arguments: [account.id])
            } else {
                texts = try String.fetchAll(db, sql: "SELECT record FROM withdrawals ORDER BY rowid DESC")
            }
            return try texts.map { try RecordCoding.decode(Withdrawal.self, from: $0) }
        }
    }

    /// Gift cards bought by `account` (or all), newest first.
    public func redemptions(of account: Account?) throws -> [Redemption] {
        try read { db in
            let texts: [String]
            if let account {
                texts = try String.fetchAll(db, sql: "SELECT record FROM redemptions WHERE account_id = ? ORDER BY rowid DESC", arguments: [account.id])
            } else {
                texts = try String.fetchAll(db, sql: "SELECT record FROM redemptions ORDER BY rowid DESC")
            }
            return try texts.map { try RecordCoding.decode(Redemption.self, from: $0) }
        }
    }

    /// Recomputes every balance from the transfers and checks every invariant; empty when sound.
    public func verify() throws -> [String] {
        try read { db in
            var problems: [String] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { problems += integrity.map { "SQLite integrity: \($0)" } }
            let rows = LedgerRows(db: db)
            let transfers = try Row.fetchAll(db, sql: "SELECT * FROM transfers ORDER BY seq").map(LedgerRows.transfer)
            let withdrawals = try String.fetchAll(db, sql: "SELECT record FROM withdrawals").map { try RecordCoding.decode(Withdrawal.self, from: $0) }
            problems += LedgerAudit.check(transfers: transfers, storedBalances: try rows.allBalances(), withdrawals: withdrawals)
            let orphans = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM transfers WHERE command_id NOT IN (SELECT id FROM commands)") ?? 0
            if orphans > 0 { problems.append("\(orphans) transfers belong to no recorded command") }
            let known = Set(try rows.accounts().map(\.id))
            for account in Set(transfers.flatMap { [$0.debit, $0.credit] }) where account.isUser {
                if let user = account.userID, !known.contains(user) { problems.append("\(account) belongs to no account") }
                else if account.userID == nil { problems.append("\(account) is not a valid account code") }
            }
            return problems
        }
    }

    // MARK: Changes from elsewhere

    /// A number that changes whenever another connection (another process, or another store
    /// object) commits to the wallet. Cheap: no table is read.
    public func changeToken() throws -> Int64 {
        try read { try Int64.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
    }

    // MARK: Settings

    /// A stored setting, such as the account the dashboard used last.
    public func setting(_ key: String) throws -> String? {
        try read { try String.fetchOne($0, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key]) }
    }

    /// Stores a setting.
    public func setSetting(_ key: String, _ value: String) throws {
        try guarded {
            try immediateTransaction { db in
                try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                               arguments: [key, value])
            }
        }
    }

    /// Runs raw SQL; for tests that damage a wallet on purpose.
    public func unsafeExecute(_ sql: String) throws {
        try queue.writeWithoutTransaction { try $0.execute(sql: sql) }
    }

    // MARK: Plumbing

    /// `BEGIN IMMEDIATE … COMMIT`: takes the write lock first (waiting up to the busy timeout),
    /// so a transaction that reads balances and then writes can never be refused half way.
    private func immediateTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            guard let result else { throw WalletError(.storage, "the transaction produced no result") }
            return result
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        try guarded { try queue.read(body) }
    }

    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreErrors.translate(error, path: path)
        }
    }
}

/// An account with its balances.
public struct AccountSummary: Sendable, Equatable {
    public var account: Account
    /// Spendable points.
    public var points: Points
    /// Earnings available to withdraw or redeem.
    public var earned: Points
    /// Earnings reserved for pending withdrawals.
    public var held: Points

    public init(account: Account, points: Points, earned: Points, held: Points) {
        self.account = account
        self.points = points
        self.earned = earned
        self.held = held
    }
}
