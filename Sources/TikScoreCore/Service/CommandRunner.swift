import Foundation

/// Something that applies commands atomically under idempotency keys: the SQLite store, a
/// PostgreSQL store, or the in-memory wallet. Each command is decided by `WalletMachine` inside one
/// write transaction against the balances it reads there.
///
/// ```swift
/// let receipt = try await wallet.sendGift(from: "mia", to: "leo", giftID: 5655, count: 3, key: "g-1")
/// ```
public protocol CommandRunner: Sendable {
    /// The economy in force.
    var economy: Economy { get }
    /// The wallet's clock (the fixed `TIKSCORE_NOW` in tests and demos).
    var now: Date { get }

    /// Decides and applies `command` under `key` in one transaction. A key that answered before
    /// returns that answer (`replayed`) and changes nothing. A refusal by the wallet's rules is
    /// recorded under the key, so the key is spent by its first answer.
    ///
    /// - Throws: `WalletError` `keyReused` when the key belongs to a different command, and
    ///   `storage` when the wallet cannot be read or written; refusals come back in the result.
    func submit(_ command: Command, key: CommandKey) async throws -> CommandResult

    /// Decides and applies several commands in order, each under its own key, with one commit
    /// for all of them (group commit): each command sees the ones before it, each answers as
    /// `submit` would, and none is durable before all are. A store without group commit runs
    /// them one by one.
    ///
    /// ```swift
    /// let results = try await store.submitBatch([KeyedCommand(.feed(…), key: k1), KeyedCommand(.feed(…), key: k2)])
    /// ```
    ///
    /// - Throws: `keyReused` or `storage` as `submit` does; then none of the batch was applied
    ///   by this store's one transaction (a caller may run the batch one by one to find which).
    func submitBatch(_ commands: [KeyedCommand]) async throws -> [CommandResult]

    /// Marks `key` as in flight for `command` before a slow outside step (a payment), after checking
    /// that the wallet would accept the command now. A refusal is recorded and returned.
    ///
    /// - Throws: `WalletError` `keyReused` or `storage`.
    func reserve(_ command: Command, key: CommandKey) async throws -> KeyReservation

    /// Records `refusal` as the answer of the reserved `key` (a declined payment).
    ///
    /// - Throws: `WalletError` `keyReused` or `storage`.
    func refuse(_ command: Command, key: CommandKey, with refusal: WalletError) async throws

    /// The account with this name (case-insensitive), if any.
    func account(named name: String) async throws -> Account?
    /// The balance of a ledger account (zero if it never moved).
    func balance(of account: LedgerAccount) async throws -> Points
    /// A withdrawal by id.
    func withdrawal(id: String) async throws -> Withdrawal?
    /// The creator's open LIVE session, if any.
    func openSession(creatorID: Int64) async throws -> LiveSession?
    /// Whether the wallet has no account yet.
    func isEmpty() async throws -> Bool
}

/// A command with the key it runs under, for `submitBatch`.
public struct KeyedCommand: Sendable {
    public var command: Command
    public var key: CommandKey

    public init(_ command: Command, key: CommandKey) {
        self.command = command
        self.key = key
    }
}

extension CommandRunner {
    /// One transaction per command: for runners without group commit.
    public func submitBatch(_ commands: [KeyedCommand]) async throws -> [CommandResult] {
        var results: [CommandResult] = []
        results.reserveCapacity(commands.count)
        for item in commands { results.append(try await submit(item.command, key: item.key)) }
        return results
    }

    /// Runs `command` under the caller's `key` (or a fresh id) and returns its outcome.
    ///
    /// - Throws: the refusal as a `WalletError`, or `keyReused` / `storage`.
    public func run(_ command: Command, key: String?) async throws -> CommandOutcome {
        try await submit(command, key: CommandKey.make(key)).answer.get()
    }

    /// The account called `name`.
    ///
    /// - Throws: `WalletError` `unknownAccount`.
    public func existing(_ name: String) async throws -> Account {
        guard let account = try await account(named: name) else { throw WalletMachine.unknownAccount(name) }
        return account
    }
}
