import Foundation
import PostgresNIO
import TikScoreCore

/// A wallet in a PostgreSQL database, for wallets shared by several terminals and hosts: the
/// same commands, state machine, key records and audit as the SQLite store. Each command is one
/// transaction under the wallet's write lock, so writers on every host take turns (no update is
/// lost, no key charges twice, no deadlock); every commit that changes the wallet is told on
/// `LISTEN/NOTIFY`, which `changes()` follows.
///
/// ```swift
/// let location = try PostgresLocation(url: "postgres://ops@db.example.com/agency")
/// let store = try await PostgresWalletStore.open(location, economy: economy, access: .create)
/// _ = try await store.transferPoints(from: "ana", to: "leo", points: try Points(whole: 100), key: "t-1")
/// ```
public final class PostgresWalletStore: WalletService, Sendable {
    public let economy: Economy
    public let gateway: PaymentGateway
    public let access: WalletAccess
    public let postgres: PostgresLocation
    /// Who runs this store's commands (`--operator`, else the OS user), recorded with each.
    public let operatorName: String?
    let session: PostgresSession
    private let secret: WalletSecret
    private let clock: @Sendable () -> Date

    private init(session: PostgresSession, secret: WalletSecret, economy: Economy, gateway: PaymentGateway,
                 access: WalletAccess, operatorName: String?, clock: @escaping @Sendable () -> Date) {
        self.session = session
        self.operatorName = operatorName
        postgres = session.location
        self.secret = secret
        self.economy = economy
        self.gateway = gateway
        self.access = access
        self.clock = clock
    }

    /// Connects to the wallet at `location`, creating its tables in an empty database when
    /// `access` is `.create`. Without a `clock`, the wallet's clock is the server's (`now()`),
    /// read once when it opens: one clock for every host of a shared wallet.
    ///
    /// - Throws: `WalletError` `noWallet` for an empty database that may not be created;
    ///   `storage` when the server cannot be reached or refuses, or holds a newer or foreign schema.
    public static func open(_ location: PostgresLocation, economy: Economy, gateway: PaymentGateway = SandboxGateway(),
                            access: WalletAccess, operator operatorName: String? = nil,
                            clock: (@Sendable () -> Date)? = nil) async throws -> PostgresWalletStore {
        let session = PostgresSession(location: location)
        let (secret, serverOffset) = try await session.run { link -> (WalletSecret, TimeInterval) in
            let secret = try PostgresSchema.open(link, create: access == .create)
            let millis = try link.query("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms").first?
                .int64("ms", table: "now()") ?? 0
            return (secret, Double(millis) / 1000 - Date().timeIntervalSince1970)
        }
        let wallClock = clock ?? { Date().addingTimeInterval(serverOffset) }
        return PostgresWalletStore(session: session, secret: secret, economy: economy, gateway: gateway, access: access,
                                   operatorName: operatorName, clock: wallClock)
    }

    public var now: Date { clock() }
    public var location: String { postgres.description }

    // MARK: Commands

    public func submit(_ command: Command, key: CommandKey) async throws -> CommandResult {
        guard let result = try await submitBatch([KeyedCommand(command, key: key)]).first else {
            throw WalletError(.storage, "the transaction produced no result")
        }
        return result
    }

    /// One transaction and one commit for all of `commands`; each is decided against the wallet
    /// as the ones before it left it, under its own key.
    public func submitBatch(_ commands: [KeyedCommand]) async throws -> [CommandResult] {
        guard !commands.isEmpty else { return [] }
        let economy = self.economy
        let secret = self.secret
        let now = clock()
        let operatorName = self.operatorName
        return try await write { link in
            let rows = PostgresRows(link: link, cache: RecordCache(), operatorName: operatorName)
            let results = try commands.map { item in
                try Self.apply(item.command, key: item.key, rows: rows, secret: secret,
                               context: DecisionContext(economy: economy, now: now, commandID: item.key.id))
            }
            try rows.flushCache()
            if results.contains(where: { !$0.replayed }) { try rows.notifyChange() }
            return results
        }
    }

    private static func apply(_ command: Command, key: CommandKey, rows: PostgresRows, secret: WalletSecret,
                              context: DecisionContext) throws -> CommandResult {
        if let replay = try KeyRules.replay(of: try rows.keyRecord(id: key.id), command: command, key: key, secret: secret) {
            return replay
        }
        let fingerprint = command.fingerprint(secret: secret)
        let decision: Decision
        do {
            decision = try WalletMachine.decide(command, state: rows, context: context)
        } catch let refusal as WalletError where refusal.isRefusal {
            try rows.saveKey(id: key.id, KeyRecord(fingerprint: fingerprint, state: .refused(refusal), at: context.now))
            return CommandResult(answer: .failure(refusal), replayed: false)
        }
        for change in decision.changes { try rows.apply(change) }
        try rows.saveKey(id: key.id, KeyRecord(fingerprint: fingerprint, state: .done(decision.outcome), at: context.now))
        return CommandResult(answer: .success(decision.outcome), replayed: false)
    }

    public func reserve(_ command: Command, key: CommandKey) async throws -> KeyReservation {
        let economy = self.economy
        let secret = self.secret
        let now = clock()
        let operatorName = self.operatorName
        return try await write { link in
            let rows = PostgresRows(link: link, operatorName: operatorName)
            if let found = try KeyRules.reservation(of: try rows.keyRecord(id: key.id), command: command, key: key, secret: secret,
                                                    now: now, ownerIsAlive: ProcessOwner.isAlive) {
                return found
            }
            let fingerprint = command.fingerprint(secret: secret)
            do {
                _ = try WalletMachine.decide(command, state: rows, context: DecisionContext(economy: economy, now: now, commandID: key.id))
            } catch let refusal as WalletError where refusal.isRefusal {
                try rows.saveKey(id: key.id, KeyRecord(fingerprint: fingerprint, state: .refused(refusal), at: now))
                return .refused(refusal)
            }
            try rows.saveKey(id: key.id, KeyRecord(fingerprint: fingerprint,
                                                   state: .inFlight(owner: ProcessOwner.current, summary: command.summary(economy: economy)),
                                                   at: now))
            return .reserved
        }
    }

    public func refuse(_ command: Command, key: CommandKey, with refusal: WalletError) async throws {
        let secret = self.secret
        let now = clock()
        let operatorName = self.operatorName
        try await write { link in
            let rows = PostgresRows(link: link, operatorName: operatorName)
            if let record = try rows.keyRecord(id: key.id), !command.matches(fingerprint: record.fingerprint, secret: secret) {
                throw KeyRules.reused(key)
            }
            try rows.saveKey(id: key.id, KeyRecord(fingerprint: command.fingerprint(secret: secret), state: .refused(refusal), at: now))
            try rows.notifyChange()
        }
    }

    // MARK: Plumbing

    /// `body` in one transaction under the wallet's write lock.
    func write<T: Sendable>(_ body: @escaping @Sendable (PostgresLink) throws -> T) async throws -> T {
        guard access.writes else {
            throw WalletError(.storage, "the wallet \(location) was opened for reading; this command cannot change it")
        }
        return try await session.run { link in try link.transaction(body) }
    }

    /// `body` in one read-only snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresRows) throws -> T) async throws -> T {
        try await session.run { link in try link.snapshot { try body(PostgresRows(link: $0)) } }
    }
}
