import Foundation

/// A complete wallet held in memory: the same state machine and ledger rules as the SQLite
/// store, for simulations, previews and tests.
///
/// ```swift
/// let wallet = InMemoryWallet(economy: economy, clock: { now })
/// _ = try wallet.run(.createAccount(name: "ana", profile: AccountProfile()), key: nil)
/// ```
public final class InMemoryWallet: CommandRunner, @unchecked Sendable {
    public let economy: Economy
    private let clock: () -> Date
    private let lock = NSLock()
    private var accounts: [Int64: Account] = [:]
    private var balances: [LedgerAccount: Points] = [:]
    private var withdrawals: [String: Withdrawal] = [:]
    private var sessions: [String: LiveSession] = [:]
    private var battles: [String: Battle] = [:]
    private var commands: [String: (fingerprint: String, outcome: CommandOutcome)] = [:]
    /// Every transfer, oldest first.
    public private(set) var transfers: [Transfer] = []
    /// Every redemption, oldest first.
    public private(set) var redemptions: [Redemption] = []

    public init(economy: Economy, clock: @escaping () -> Date) {
        self.economy = economy
        self.clock = clock
    }

    public func runReportingReplay(_ command: Command, key: String?) throws -> (outcome: CommandOutcome, replayed: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let id = CommandID.make(key: key)
        if let previous = commands[id] {
            guard previous.fingerprint == command.fingerprint else { throw KeyReuse.error(key: key ?? id) }
            return (previous.outcome, true)
        }
        let decision = try WalletMachine.decide(command, state: self, context: DecisionContext(economy: economy, now: clock(), commandID: id))
        for change in decision.changes { try apply(change) }
        commands[id] = (command.fingerprint, decision.outcome)
        return (decision.outcome, false)
    }

    public func outcome(forKey key: String, fingerprint: String) throws -> CommandOutcome? {
        lock.lock()
        defer { lock.unlock() }
        guard let previous = commands[CommandID.make(key: key)] else { return nil }
        guard previous.fingerprint == fingerprint else { throw KeyReuse.error(key: key) }
        return previous.outcome
    }

    public func account(named name: String) throws -> Account? {
        let key = NameKey.of(name)
        return accounts.values.first { NameKey.of($0.name) == key }
    }

    public func account(id: Int64) throws -> Account? { accounts[id] }

    public func balance(of account: LedgerAccount) throws -> Points { balances[account] ?? .zero }

    public func withdrawal(id: String) throws -> Withdrawal? { withdrawals[id] }

    public func nextAccountID() throws -> Int64 { (accounts.keys.max() ?? 0) + 1 }

    public func openSession(creatorID: Int64) throws -> LiveSession? {
        sessions.values.first { $0.creatorID == creatorID && $0.isLive }
    }

    public func runningBattles() throws -> [Battle] {
        battles.values.filter(\.isRunning).sorted { $0.startedAt < $1.startedAt }
    }

    /// Every session, oldest first.
    public var allSessions: [LiveSession] { sessions.values.sorted { $0.startedAt < $1.startedAt } }

    /// Every battle, oldest first.
    public var allBattles: [Battle] { battles.values.sorted { $0.startedAt < $1.startedAt } }

    /// Every account, by id.
    public var allAccounts: [Account] { accounts.values.sorted { $0.id < $1.id } }

    /// Every ledger balance.
    public var allBalances: [LedgerAccount: Points] { balances }

    /// Every withdrawal.
    public var allWithdrawals: [Withdrawal] { withdrawals.values.sorted { $0.requestedAt < $1.requestedAt } }

    private func apply(_ change: LedgerChange) throws {
        switch change {
        case .insertAccount(let account), .updateAccount(let account):
            accounts[account.id] = account
        case .transfer(let transfer):
            balances[transfer.debit] = try (balances[transfer.debit] ?? .zero).subtracting(transfer.amount)
            balances[transfer.credit] = try (balances[transfer.credit] ?? .zero).adding(transfer.amount)
            transfers.append(transfer)
        case .saveWithdrawal(let withdrawal):
            withdrawals[withdrawal.id] = withdrawal
        case .saveRedemption(let redemption):
            redemptions.append(redemption)
        case .saveSession(let session):
            sessions[session.id] = session
        case .saveBattle(let battle):
            battles[battle.id] = battle
        }
    }
}

/// The refusal for an idempotency key used with a different command.
public enum KeyReuse {
    public static func error(key: String) -> WalletError {
        WalletError(.keyReused, "key '\(key)' was already used for a different command; use a new key")
    }
}
