import Foundation
import GRDB
import TikScoreCore

/// The durable wallet: an SQLite ledger that applies each command in one `BEGIN IMMEDIATE`
/// transaction with its key record, and notices changes made by other processes.
///
/// ```swift
/// let store = try WalletStore(path: "/tmp/w.sqlite", economy: economy)
/// let receipt = try await store.transferPoints(from: "ana", to: "leo", points: try Points(whole: 100), key: "t-1")
/// try await store.summary(of: "ana").points
/// ```
public final class WalletStore: WalletService, Sendable {
    /// The wallet file.
    public let path: String
    public let economy: Economy
    public let gateway: PaymentGateway
    let queue: DatabaseQueue
    private let secret: WalletSecret
    private let clock: @Sendable () -> Date
    private let watchers = ChangeWatchers()
    /// How the file was opened: a `.read` store never writes it.
    public let access: WalletAccess
    /// Who runs this store's commands (`--operator`, else the OS user), recorded with each; nil
    /// records no one.
    public let operatorName: String?

    /// Opens the wallet at `path`, creating it first when `create` allows.
    ///
    /// - Throws: `WalletError` `noWallet` when there is none and `create` is false; `storage` when
    ///   the file is not a wallet, is damaged, or cannot be written.
    public convenience init(path: String, economy: Economy, gateway: PaymentGateway = SandboxGateway(), create: Bool = true,
                            clock: @escaping @Sendable () -> Date = { Date() }) throws {
        try self.init(path: path, economy: economy, gateway: gateway, access: create ? .create : .write, operator: nil, clock: clock)
    }

    /// Opens the wallet at `path` for reading only, for writing, or creating it when missing.
    ///
    /// ```swift
    /// let reader = try WalletStore(path: path, economy: economy, access: .read)
    /// ```
    ///
    /// - Throws: `WalletError` `noWallet` when there is none and `access` does not create one;
    ///   `storage` when the file is not a wallet, was written by a newer TikScore, is marked
    ///   damaged (for writing), or cannot be opened.
    public init(path: String, economy: Economy, gateway: PaymentGateway = SandboxGateway(), access: WalletAccess,
                operator operatorName: String? = nil, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.operatorName = operatorName
        self.path = path
        self.economy = economy
        self.gateway = gateway
        self.clock = clock
        self.access = access
        let queue = try WalletDatabase.open(path: path, access: access)
        self.queue = queue
        do {
            self.secret = try queue.read(WalletSchema.secret)
        } catch let error as DatabaseError {
            throw StoreErrors.translate(error, path: path)
        }
    }

    public var now: Date { clock() }
    public var location: String { path }

    // MARK: Commands

    public func submit(_ command: Command, key: CommandKey) async throws -> CommandResult {
        guard let result = try await submitBatch([KeyedCommand(command, key: key)]).first else {
            throw WalletError(.storage, "the transaction produced no result")
        }
        return result
    }

    /// One `BEGIN IMMEDIATE` transaction and one commit for all of `commands` (group commit);
    /// each is decided against the wallet as the ones before it left it, under its own key.
    public func submitBatch(_ commands: [KeyedCommand]) async throws -> [CommandResult] {
        guard !commands.isEmpty else { return [] }
        let economy = self.economy
        let secret = self.secret
        let now = clock()
        let operatorName = self.operatorName
        let results = try await immediateTransaction { db -> [CommandResult] in
            let cache = RecordCache()
            let rows = LedgerRows(db: db, cache: cache)
            let keys = CommandRows(db: db, operatorID: try CommandRows.operatorID(operatorName, in: db))
            let context = { (key: CommandKey) in DecisionContext(economy: economy, now: now, commandID: key.id) }
            let results = try commands.map { item in
                try Self.apply(item.command, key: item.key, rows: rows, keys: keys, secret: secret, context: context(item.key))
            }
            try cache.write(to: LedgerRows(db: db))
            return results
        }
        if results.contains(where: { !$0.replayed }) { watchers.notify() }
        return results
    }

    /// Decides and applies one command inside the caller's transaction.
    private static func apply(_ command: Command, key: CommandKey, rows: LedgerRows, keys: CommandRows, secret: WalletSecret,
                              context: DecisionContext) throws -> CommandResult {
        let eventKey = FeedEventKey(key: key)
        let existing: KeyRecord?
        if let eventKey {
            // Nearly every feed event is new: one statement tells where its key is, if anywhere.
            let events = FeedEventRows(db: rows.db)
            let found = try events.presence(of: eventKey, commandID: key.id)
            if found.inEvents, let receipt = try events.receipt(for: eventKey) {
                guard eventKey.matches(command), case .feed(let creator, _, _) = command,
                      try rows.account(named: creator)?.id == eventKey.creatorID else {
                    throw KeyRules.reused(key)
                }
                return CommandResult(answer: .success(.feed(receipt)), replayed: true)
            }
            existing = found.inCommands ? try keys.record(id: key.id) : nil
        } else {
            existing = try keys.record(id: key.id)
        }
        if let replay = try KeyRules.replay(of: existing, command: command, key: key, secret: secret) { return replay }
        let decision: Decision
        do {
            decision = try WalletMachine.decide(command, state: SQLWalletReader(rows: rows), context: context)
        } catch let refusal as WalletError where refusal.isRefusal {
            // The only write a refusal makes: its answer, under the key.
            try keys.save(id: key.id, KeyRecord(fingerprint: command.fingerprint(secret: secret), state: .refused(refusal), at: context.now))
            return CommandResult(answer: .failure(refusal), replayed: false)
        }
        // A failure while writing rolls the whole transaction back, key record included.
        if existing == nil, let eventKey, eventKey.canKeep(command), let receipt = keptInEvent(decision, key: eventKey) {
            for change in decision.changes {
                if case .recordLiveEvent(let event) = change {
                    try FeedEventRows(db: rows.db, cache: rows.cache, operatorID: keys.operatorID).record(event, key: eventKey, receipt: receipt)
                } else {
                    try rows.apply(change)
                }
            }
            return CommandResult(answer: .success(decision.outcome), replayed: false)
        }
        for change in decision.changes { try rows.apply(change) }
        try keys.save(id: key.id, KeyRecord(fingerprint: command.fingerprint(secret: secret), state: .done(decision.outcome), at: context.now))
        return CommandResult(answer: .success(decision.outcome), replayed: false)
    }

    /// The answer a feed event's decision gives, when its key can be kept in its event row: one
    /// event recorded, in a live session of the key's creator, and nothing changed but that
    /// session, its battle and the transfers of what it earned.
    private static func keptInEvent(_ decision: Decision, key: FeedEventKey) -> FeedReceipt? {
        guard case .feed(let receipt) = decision.outcome, receipt.sessionLive else { return nil }
        var events = 0
        var ownSession = false
        for change in decision.changes {
            switch change {
            case .recordLiveEvent(let event):
                events += 1
                if event.sessionID != receipt.sessionID || event.kind != key.kind { return nil }
            case .saveSession(let session):
                ownSession = session.creatorID == key.creatorID && session.id == receipt.sessionID && session.isLive
            case .transfer, .saveBattle:
                break
            case .insertAccount, .updateAccount, .saveWithdrawal, .saveRedemption:
                return nil
            }
        }
        return events == 1 && ownSession ? receipt : nil
    }

    public func reserve(_ command: Command, key: CommandKey) async throws -> KeyReservation {
        let economy = self.economy
        let secret = self.secret
        let now = clock()
        let operatorName = self.operatorName
        return try await immediateTransaction { db -> KeyReservation in
            let keys = CommandRows(db: db, operatorID: try CommandRows.operatorID(operatorName, in: db))
            if let found = try KeyRules.reservation(of: try keys.record(id: key.id), command: command, key: key, secret: secret,
                                                    now: now, ownerIsAlive: ProcessOwner.isAlive) {
                return found
            }
            let fingerprint = command.fingerprint(secret: secret)
            do {
                _ = try WalletMachine.decide(command, state: SQLWalletReader(rows: LedgerRows(db: db)),
                                             context: DecisionContext(economy: economy, now: now, commandID: key.id))
            } catch let refusal as WalletError where refusal.isRefusal {
                try keys.save(id: key.id, KeyRecord(fingerprint: fingerprint, state: .refused(refusal), at: now))
                return .refused(refusal)
            }
            let summary = command.summary(economy: economy)
            try keys.save(id: key.id, KeyRecord(fingerprint: fingerprint, state: .inFlight(owner: ProcessOwner.current, summary: summary), at: now))
            return .reserved
        }
    }

    public func refuse(_ command: Command, key: CommandKey, with refusal: WalletError) async throws {
        let secret = self.secret
        let now = clock()
        let operatorName = self.operatorName
        try await immediateTransaction { db in
            let keys = CommandRows(db: db, operatorID: try CommandRows.operatorID(operatorName, in: db))
            if let record = try keys.record(id: key.id), !command.matches(fingerprint: record.fingerprint, secret: secret) {
                throw KeyRules.reused(key)
            }
            try keys.save(id: key.id, KeyRecord(fingerprint: command.fingerprint(secret: secret), state: .refused(refusal), at: now))
        }
    }

    // MARK: Changes from elsewhere

    /// The longest `changes()` goes without looking at `PRAGMA data_version` (the backstop where
    /// file writes are not watched, or a write was missed).
    public static let changePollMilliseconds = 1000
    /// Under a stream of commits, the time between two looks, so a feed committing a thousand
    /// times a second makes a watcher reload at most ten times a second.
    public static let changeSpacingMilliseconds = 100
    /// How many looks may follow each other at once before they are spaced.
    public static let changeBurst = 3

    /// Another process's commit is seen when it writes the wallet's files (inotify): at once,
    /// or within `changeSpacingMilliseconds` under a stream of commits; at the latest after
    /// `changePollMilliseconds` where writes are not watched. An idle watcher wakes once a second.
    public func changes() -> AsyncStream<Void> {
        changes(backstopMilliseconds: Self.changePollMilliseconds)
    }

    /// `changes()` with another backstop (-1: none; only the file signal wakes the watcher).
    func changes(backstopMilliseconds: Int) -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let id = watchers.add(continuation)
        let signal = WalletFileSignal(path: path)
        let queue = self.queue
        // Read before the stream is handed out, so a commit right after it is never missed.
        let first = Self.dataVersion(queue)
        let thread = Thread {
            Self.watch(queue, from: first, signal: signal, backstop: Int32(clamping: backstopMilliseconds)) { continuation.yield() }
        }
        thread.name = "tikscore.changes"
        thread.start()
        continuation.onTermination = { [watchers] _ in
            signal.close()
            watchers.remove(id)
        }
        return stream
    }

    private static func dataVersion(_ queue: DatabaseQueue) -> Int64? {
        try? queue.unsafeReentrantRead { try Int64.fetchOne($0, sql: "PRAGMA data_version") }
    }

    /// The loop of a `changes()` thread: wait for a write (or the backstop), look at
    /// `PRAGMA data_version`, tell when it moved; until the signal is closed.
    ///
    /// A commit writes its WAL frames before it becomes visible (after their fsync), so a write
    /// that shows no change yet is looked at again a few times (`changeFollowUps`). Telling is
    /// paced by a bucket of `changeBurst` refilled one per `changeSpacingMilliseconds`: a few
    /// commits in a row (a recharge's key, then its points) are each told at once, a busy feed
    /// at the bucket's rate.
    private static func watch(_ queue: DatabaseQueue, from first: Int64?, signal: WalletFileSignal, backstop: Int32,
                              changed: () -> Void) {
        var last = first
        var followUps: ArraySlice<Int32> = []
        let spacing = Double(changeSpacingMilliseconds) * 1_000_000
        var tells = Double(changeBurst)
        var filledAt = DispatchTime.now().uptimeNanoseconds
        while !signal.isClosed {
            let written = signal.wait(timeoutMs: followUps.first ?? backstop)
            guard !signal.isClosed else { return }
            if written { followUps = changeFollowUps[...] } else if !followUps.isEmpty { followUps.removeFirst() }
            guard dataVersion(queue) != last else { continue }
            let now = DispatchTime.now().uptimeNanoseconds
            tells = min(Double(changeBurst), tells + Double(now &- filledAt) / spacing)
            filledAt = now
            if tells < 1 {
                usleep(useconds_t((1 - tells) * spacing / 1000))
                tells = 1
                filledAt = DispatchTime.now().uptimeNanoseconds
            }
            tells -= 1
            // Everything committed until now is in what the watcher reloads.
            last = dataVersion(queue)
            changed()
        }
    }

    /// The waits (ms, each after the one before) for a look again after a write showed no change.
    static let changeFollowUps: [Int32] = [5, 20, 50, 200, 1000]

    // MARK: Plumbing

    /// `BEGIN IMMEDIATE … COMMIT`: takes the write lock first (waiting up to the busy timeout),
    /// so a transaction that reads balances and then writes can never be refused half way.
    func immediateTransaction<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        guard access.writes else { throw WalletError(.storage, "the wallet \(path) was opened for reading; this command cannot change it") }
        return try await guarded {
            try await self.queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw WalletError(.storage, "the transaction produced no result") }
                return result
            }
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await guarded { try await self.queue.read(body) }
    }

    private func guarded<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError {
            throw StoreErrors.translate(error, path: path)
        }
    }
}

/// The streams `changes()` handed out, told at once of this store's own commits (which
/// `PRAGMA data_version` does not count, since they come from the same connection).
final class ChangeWatchers: @unchecked Sendable {
    private let lock = NSLock()
    private var continuations: [UUID: AsyncStream<Void>.Continuation] = [:]

    func add(_ continuation: AsyncStream<Void>.Continuation) -> UUID {
        let id = UUID()
        lock.withLock { continuations[id] = continuation }
        return id
    }

    func remove(_ id: UUID) {
        _ = lock.withLock { continuations.removeValue(forKey: id) }
    }

    func notify() {
        for continuation in lock.withLock({ Array(continuations.values) }) { continuation.yield() }
    }
}
