import Foundation

/// A complete wallet held in memory: the same state machine, ledger rules and key records as the
/// SQLite store, behind the same `WalletService`, for simulations, previews and tests.
///
/// ```swift
/// let wallet = InMemoryWallet(economy: economy, clock: { now })
/// _ = try await wallet.createAccount(name: "ana", profile: AccountProfile())
/// ```
public final class InMemoryWallet: WalletService, @unchecked Sendable {
    public let economy: Economy
    public let gateway: PaymentGateway
    public let location = "memory"
    private let clock: @Sendable () -> Date
    private let secret: WalletSecret
    private let lock = NSLock()
    private var state = MemoryState()
    private var pins: [Int64: PINRecord] = [:]
    private var watchers: [UUID: AsyncStream<Void>.Continuation] = [:]

    /// A new empty wallet; `secret` fixes the fingerprint key (tests), random by default.
    public init(economy: Economy, gateway: PaymentGateway = SandboxGateway(), secret: WalletSecret = .random(),
                clock: @escaping @Sendable () -> Date) {
        self.economy = economy
        self.gateway = gateway
        self.secret = secret
        self.clock = clock
    }

    public var now: Date { clock() }

    // MARK: Commands

    public func submit(_ command: Command, key: CommandKey) async throws -> CommandResult {
        let result: CommandResult = try lock.withLock {
            if let replay = try KeyRules.replay(of: state.keys[key.id], command: command, key: key, secret: secret) { return replay }
            let now = clock()
            let fingerprint = command.fingerprint(secret: secret)
            let decision: Decision
            do {
                decision = try WalletMachine.decide(command, state: state, context: DecisionContext(economy: economy, now: now, commandID: key.id))
            } catch let refusal as WalletError where refusal.isRefusal {
                state.keys[key.id] = KeyRecord(fingerprint: fingerprint, state: .refused(refusal), at: now)
                return CommandResult(answer: .failure(refusal), replayed: false)
            }
            // Applied to a copy, so a failure half way changes nothing.
            var next = state
            for change in decision.changes { try next.apply(change) }
            next.keys[key.id] = KeyRecord(fingerprint: fingerprint, state: .done(decision.outcome), at: now)
            state = next
            return CommandResult(answer: .success(decision.outcome), replayed: false)
        }
        if !result.replayed { notify() }
        return result
    }

    public func reserve(_ command: Command, key: CommandKey) async throws -> KeyReservation {
        try lock.withLock {
            let now = clock()
            if let found = try KeyRules.reservation(of: state.keys[key.id], command: command, key: key, secret: secret,
                                                    now: now, ownerIsAlive: { $0 == Self.owner }) {
                return found
            }
            let fingerprint = command.fingerprint(secret: secret)
            do {
                _ = try WalletMachine.decide(command, state: state, context: DecisionContext(economy: economy, now: now, commandID: key.id))
            } catch let refusal as WalletError where refusal.isRefusal {
                state.keys[key.id] = KeyRecord(fingerprint: fingerprint, state: .refused(refusal), at: now)
                return .refused(refusal)
            }
            state.keys[key.id] = KeyRecord(fingerprint: fingerprint, state: .inFlight(owner: Self.owner, summary: command.summary(economy: economy)), at: now)
            return .reserved
        }
    }

    public func refuse(_ command: Command, key: CommandKey, with refusal: WalletError) async throws {
        try lock.withLock {
            if let record = state.keys[key.id], !command.matches(fingerprint: record.fingerprint, secret: secret) { throw KeyRules.reused(key) }
            state.keys[key.id] = KeyRecord(fingerprint: command.fingerprint(secret: secret), state: .refused(refusal), at: clock())
        }
    }

    /// Marks every key in flight as belonging to a stopped process, as if this one had crashed
    /// between asking the gateway and recording its answer (for simulations).
    public func abandonCommandsInFlight() {
        lock.withLock {
            for (id, record) in state.keys {
                if case .inFlight(_, let summary) = record.state {
                    state.keys[id]?.state = .inFlight(owner: "stopped", summary: summary)
                }
            }
        }
    }

    private static let owner = "memory"

    /// A copy of the wallet as it is now, for deciding a command without applying it (previews, tests).
    public func reading() -> any WalletReading { lock.withLock { state } }

    // MARK: Reading

    public func account(named name: String) async throws -> Account? { lock.withLock { state.account(named: name) } }
    public func withdrawal(id: String) async throws -> Withdrawal? { lock.withLock { state.withdrawals[id] } }
    public func balance(of account: LedgerAccount) async throws -> Points { lock.withLock { state.balance(of: account) } }
    public func openSession(creatorID: Int64) async throws -> LiveSession? { lock.withLock { state.openSession(creatorID: creatorID) } }
    public func isEmpty() async throws -> Bool { lock.withLock { state.accounts.isEmpty } }

    public func accounts() async throws -> [Account] { lock.withLock { state.allAccounts } }

    public func summary(of name: String) async throws -> AccountSummary {
        try lock.withLock {
            guard let account = state.account(named: name) else { throw WalletMachine.unknownAccount(name) }
            return state.summary(of: account)
        }
    }

    public func summaries() async throws -> [AccountSummary] {
        lock.withLock { state.allAccounts.map(state.summary) }
    }

    public func transfers(of account: Account?, limit: Int?) async throws -> [Transfer] {
        lock.withLock {
            let mine = account.map { Set([$0.pointsAccount, $0.earnedAccount, $0.heldAccount]) }
            let matching = state.transfers.reversed().filter { t in mine.map { $0.contains(t.debit) || $0.contains(t.credit) } ?? true }
            return Array(matching.prefix(limit ?? Int.max))
        }
    }

    public func allTransfers() async throws -> [Transfer] { lock.withLock { state.transfers } }

    public func forEachTransfer(_ body: @escaping @Sendable (Transfer) throws -> Void) async throws {
        for transfer in lock.withLock({ state.transfers }) { try body(transfer) }
    }

    public func historyPage(of account: Account, filter: HistoryFilter, offset: Int, limit: Int) async throws -> HistoryPage {
        lock.withLock {
            let mine: Set<LedgerAccount> = [account.pointsAccount, account.earnedAccount, account.heldAccount]
            let touching = state.transfers.reversed().filter { mine.contains($0.debit) || mine.contains($0.credit) }
            let names = LedgerNames(accounts: state.allAccounts)
            let lines = AccountHistory.lines(for: account, newestFirst: Array(touching), current: state.summary(of: account).balances)
                .filter { filter.matches($0, names: names) }
            let start = min(max(0, offset), lines.count)
            return HistoryPage(lines: Array(lines[start..<min(lines.count, start + max(0, limit))]), offset: start, total: lines.count)
        }
    }
    public func allBalances() async throws -> [LedgerAccount: Points] { lock.withLock { state.balances } }

    public func withdrawals(of account: Account?) async throws -> [Withdrawal] {
        lock.withLock { state.withdrawalOrder.reversed().compactMap { state.withdrawals[$0] }.filter { w in account.map { $0.id == w.accountID } ?? true } }
    }

    public func redemptions(of account: Account?) async throws -> [Redemption] {
        lock.withLock { state.redemptions.reversed().filter { r in account.map { $0.id == r.accountID } ?? true } }
    }

    public func sessions(of account: Account?, limit: Int) async throws -> [LiveSession] {
        lock.withLock {
            Array(state.sessionOrder.reversed().compactMap { state.sessions[$0] }
                .filter { s in account.map { $0.id == s.creatorID } ?? true }.prefix(limit))
        }
    }

    public func battles(limit: Int) async throws -> [Battle] {
        lock.withLock { Array(state.battleOrder.reversed().compactMap { state.battles[$0] }.prefix(limit)) }
    }

    public func runningBattles() async throws -> [Battle] { lock.withLock { state.runningBattles() } }

    public func liveEvents(sessionID: String) async throws -> [LiveEventRecord] {
        lock.withLock { state.liveEvents.filter { $0.sessionID == sessionID } }
    }

    public func interruptedCommands() async throws -> [InterruptedCommand] {
        lock.withLock {
            state.keys.compactMap { id, record -> InterruptedCommand? in
                guard case .inFlight(let owner, let summary) = record.state, owner != Self.owner else { return nil }
                return InterruptedCommand(key: CommandKey(id: id), summary: summary, startedAt: record.at)
            }.sorted { $0.startedAt < $1.startedAt }
        }
    }

    public func setting(_ key: String) async throws -> String? { lock.withLock { state.settings[key] } }

    public func pinRecord(accountID: Int64) async throws -> PINRecord? { lock.withLock { pins[accountID] } }

    public func savePIN(_ record: PINRecord?, accountID: Int64) async throws {
        lock.withLock { pins[accountID] = record }
    }

    public func recordPINAttempt(accountID: Int64, succeeded: Bool) async throws -> PINRecord? {
        let now = clock()
        return lock.withLock {
            guard let record = pins[accountID] else { return nil }
            let after = PINRules.after(record, succeeded: succeeded, now: now, rules: economy.rules)
            pins[accountID] = after
            return after
        }
    }

    public func setSetting(_ key: String, _ value: String) async throws {
        lock.withLock { state.settings[key] = value }
        notify()
    }

    public func verify(full: Bool) async throws -> VerifyReport {
        lock.withLock {
            let withdrawals = Array(state.withdrawals.values)
            return VerifyReport(problems: LedgerAudit.check(transfers: state.transfers, storedBalances: state.balances, withdrawals: withdrawals),
                                transfers: state.transfers.count,
                                notes: state.allAccounts.compactMap { NameRules.note(onStored: $0.name, id: $0.id) })
        }
    }

    public func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        lock.withLock { watchers[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _ = self.lock.withLock { self.watchers.removeValue(forKey: id) }
        }
        return stream
    }

    private func notify() {
        let current = lock.withLock { Array(watchers.values) }
        for watcher in current { watcher.yield() }
    }
}

/// The in-memory wallet's tables.
private struct MemoryState: WalletReading {
    var accounts: [Int64: Account] = [:]
    var balances: [LedgerAccount: Points] = [:]
    var withdrawals: [String: Withdrawal] = [:]
    var withdrawalOrder: [String] = []
    var sessions: [String: LiveSession] = [:]
    var sessionOrder: [String] = []
    var battles: [String: Battle] = [:]
    var battleOrder: [String] = []
    var keys: [String: KeyRecord] = [:]
    var settings: [String: String] = [:]
    var transfers: [Transfer] = []
    var redemptions: [Redemption] = []
    var liveEvents: [LiveEventRecord] = []

    var allAccounts: [Account] { accounts.values.sorted { $0.id < $1.id } }

    func account(named name: String) -> Account? {
        let key = NameKey.of(name)
        return accounts.values.first { NameKey.of($0.name) == key }
    }

    func account(id: Int64) -> Account? { accounts[id] }
    func account(tiktokID: String) -> Account? { allAccounts.first { $0.profile.tiktokID == tiktokID } }
    func account(tiktokHandle: String) -> Account? {
        let key = TikTokIdentity.key(tiktokHandle)
        return allAccounts.first { $0.profile.tiktokHandle.map(TikTokIdentity.key) == key }
    }
    func balance(of account: LedgerAccount) -> Points { balances[account] ?? .zero }
    func withdrawal(id: String) -> Withdrawal? { withdrawals[id] }
    func nextAccountID() -> Int64 { (accounts.keys.max() ?? 0) + 1 }

    func openSession(creatorID: Int64) -> LiveSession? {
        sessions.values.first { $0.creatorID == creatorID && $0.isLive }
    }

    func runningBattles() -> [Battle] {
        battleOrder.compactMap { battles[$0] }.filter(\.isRunning)
    }

    func summary(of account: Account) -> AccountSummary {
        AccountSummary(account: account, points: balances[account.pointsAccount] ?? .zero,
                       earned: balances[account.earnedAccount] ?? .zero, held: balances[account.heldAccount] ?? .zero)
    }

    mutating func apply(_ change: LedgerChange) throws {
        switch change {
        case .insertAccount(let account), .updateAccount(let account):
            accounts[account.id] = account
        case .transfer(let transfer):
            balances[transfer.debit] = try (balances[transfer.debit] ?? .zero).subtracting(transfer.amount)
            balances[transfer.credit] = try (balances[transfer.credit] ?? .zero).adding(transfer.amount)
            transfers.append(transfer)
        case .saveWithdrawal(let withdrawal):
            if withdrawals[withdrawal.id] == nil { withdrawalOrder.append(withdrawal.id) }
            withdrawals[withdrawal.id] = withdrawal
        case .saveRedemption(let redemption):
            redemptions.append(redemption)
        case .saveSession(let session):
            if sessions[session.id] == nil { sessionOrder.append(session.id) }
            sessions[session.id] = session
        case .saveBattle(let battle):
            if battles[battle.id] == nil { battleOrder.append(battle.id) }
            battles[battle.id] = battle
        case .recordLiveEvent(let event):
            liveEvents.append(event)
        }
    }
}
