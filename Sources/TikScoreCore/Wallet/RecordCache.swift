/// The balances, accounts, open LIVE sessions and running battles that the commands of one
/// write transaction read and change, read once and written once before it commits
/// (write-behind inside the transaction; the table constraints still hold at the commit). A feed event changes its session's counters; without this each event would
/// decode and re-encode the whole session record, and with a batch of events per transaction
/// (group commit) it is done once per batch.
///
/// Both stores keep one per write transaction.
///
/// ```swift
/// let cache = RecordCache()
/// let rows = LedgerRows(db: db, cache: cache)
/// try rows.apply(.saveSession(session))   // kept in the cache
/// try cache.write(to: LedgerRows(db: db)) // before COMMIT
/// ```
public final class RecordCache {
    public init() {}

    /// Ledger account code → its balance in units, as the transaction left it.
    private var balances: [String: Int64] = [:]
    private var changedBalances: [String] = []
    private var changedBalanceSet: Set<String> = []
    /// Name key → the account (nil: known to be no account's).
    private var accounts: [String: Account?] = [:]
    /// Creator id → the open session (nil: known to have none).
    private var openSessions: [Int64: LiveSession?] = [:]
    private var changedSessions: [String: LiveSession] = [:]
    /// Session ids in the order they were first changed (new rows keep the order they were made in).
    private var sessionOrder: [String] = []
    private var running: [Battle]?
    private var changedBattles: [String: Battle] = [:]
    private var battleOrder: [String] = []
    /// Feed line template → its id in `live_event_shapes` (kept as soon as it is made).
    private var shapeIDs: [String: Int64] = [:]

    /// A balance in units, read through the cache.
    public func balance(code: String, load: () throws -> Int64) rethrows -> Int64 {
        if let known = balances[code] { return known }
        let units = try load()
        balances[code] = units
        return units
    }

    public func setBalance(code: String, units: Int64) {
        balances[code] = units
        if changedBalanceSet.insert(code).inserted { changedBalances.append(code) }
    }

    /// The account with this name key, read through the cache.
    public func account(nameKey: String, load: () throws -> Account?) rethrows -> Account? {
        if let known = accounts[nameKey] { return known }
        let account = try load()
        accounts[nameKey] = .some(account)
        return account
    }

    /// An account was made or changed: names are read again.
    public func forgetAccounts() { accounts.removeAll() }

    /// The creator's open session, read through the cache.
    public func openSession(creatorID: Int64, load: () throws -> LiveSession?) rethrows -> LiveSession? {
        if let known = openSessions[creatorID] { return known }
        let session = try load()
        openSessions[creatorID] = .some(session)
        return session
    }

    public func save(_ session: LiveSession) {
        if changedSessions.updateValue(session, forKey: session.id) == nil { sessionOrder.append(session.id) }
        if session.isLive {
            openSessions[session.creatorID] = .some(session)
        } else if case .some(.some(let open)) = openSessions[session.creatorID], open.id == session.id {
            openSessions[session.creatorID] = .some(nil)
        }
    }

    /// The id of a feed line's shape, looked up (or made) once per transaction.
    public func shapeID(template: String, load: () throws -> Int64) rethrows -> Int64 {
        if let known = shapeIDs[template] { return known }
        let id = try load()
        shapeIDs[template] = id
        return id
    }

    /// The battles marked running, read through the cache.
    public func runningBattles(load: () throws -> [Battle]) rethrows -> [Battle] {
        if let running { return running }
        let loaded = try load()
        running = loaded
        return loaded
    }

    public func save(_ battle: Battle) {
        if changedBattles.updateValue(battle, forKey: battle.id) == nil { battleOrder.append(battle.id) }
        guard var list = running else { return }
        if let index = list.firstIndex(where: { $0.id == battle.id }) {
            if battle.isRunning { list[index] = battle } else { list.remove(at: index) }
        } else if battle.isRunning {
            list.append(battle)
        }
        running = list
    }

    /// Writes every changed record through the store's writers: closed sessions before open
    /// ones, so a creator's session closed and the next one opened in the same transaction never
    /// have two open at once.
    public func write(balance: (String, Int64) throws -> Void, session: (LiveSession) throws -> Void,
                      battle: (Battle) throws -> Void) throws {
        for code in changedBalances { if let units = balances[code] { try balance(code, units) } }
        changedBalances.removeAll()
        changedBalanceSet.removeAll()
        let sessions = sessionOrder.compactMap { changedSessions[$0] }
        for changed in sessions where !changed.isLive { try session(changed) }
        for changed in sessions where changed.isLive { try session(changed) }
        for changed in battleOrder.compactMap({ changedBattles[$0] }) { try battle(changed) }
        changedSessions.removeAll()
        sessionOrder.removeAll()
        changedBattles.removeAll()
        battleOrder.removeAll()
    }
}
