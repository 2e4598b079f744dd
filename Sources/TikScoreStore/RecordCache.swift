import GRDB
import TikScoreCore

/// The open LIVE sessions and running battles that the commands of one write transaction read
/// and change, decoded once and written once before it commits (write-behind inside the
/// transaction). A feed event changes its session's counters; without this each event would
/// decode and re-encode the whole session record, and with a batch of events per transaction
/// (group commit) it is done once per batch.
///
/// ```swift
/// let cache = RecordCache()
/// let rows = LedgerRows(db: db, cache: cache)
/// try rows.apply(.saveSession(session))   // kept in the cache
/// try cache.write(to: LedgerRows(db: db)) // before COMMIT
/// ```
final class RecordCache {
    /// Creator id → the open session (nil: known to have none).
    private var openSessions: [Int64: LiveSession?] = [:]
    private var changedSessions: [String: LiveSession] = [:]
    /// Session ids in the order they were first changed (new rows keep the order they were made in).
    private var sessionOrder: [String] = []
    private var running: [Battle]?
    private var changedBattles: [String: Battle] = [:]
    private var battleOrder: [String] = []

    /// The creator's open session, read through the cache.
    func openSession(creatorID: Int64, load: () throws -> LiveSession?) rethrows -> LiveSession? {
        if let known = openSessions[creatorID] { return known }
        let session = try load()
        openSessions[creatorID] = .some(session)
        return session
    }

    func save(_ session: LiveSession) {
        if changedSessions.updateValue(session, forKey: session.id) == nil { sessionOrder.append(session.id) }
        if session.isLive {
            openSessions[session.creatorID] = .some(session)
        } else if case .some(.some(let open)) = openSessions[session.creatorID], open.id == session.id {
            openSessions[session.creatorID] = .some(nil)
        }
    }

    /// The battles marked running, read through the cache.
    func runningBattles(load: () throws -> [Battle]) rethrows -> [Battle] {
        if let running { return running }
        let loaded = try load()
        running = loaded
        return loaded
    }

    func save(_ battle: Battle) {
        if changedBattles.updateValue(battle, forKey: battle.id) == nil { battleOrder.append(battle.id) }
        guard var list = running else { return }
        if let index = list.firstIndex(where: { $0.id == battle.id }) {
            if battle.isRunning { list[index] = battle } else { list.remove(at: index) }
        } else if battle.isRunning {
            list.append(battle)
        }
        running = list
    }

    /// Writes every changed record: closed sessions before open ones, so a creator's session
    /// closed and the next one opened in the same transaction never have two open at once.
    func write(to rows: LedgerRows) throws {
        let sessions = sessionOrder.compactMap { changedSessions[$0] }
        for session in sessions where !session.isLive { try rows.save(session) }
        for session in sessions where session.isLive { try rows.save(session) }
        for battle in battleOrder.compactMap({ changedBattles[$0] }) { try rows.save(battle) }
        changedSessions.removeAll()
        sessionOrder.removeAll()
        changedBattles.removeAll()
        battleOrder.removeAll()
    }
}
