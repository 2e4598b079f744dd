import Foundation

/// Everything the dashboard and the command line ask of a wallet: its commands (through
/// `CommandRunner`), its queries, its maintenance and a way to learn that it changed. The SQLite
/// store, a PostgreSQL store and `InMemoryWallet` implement it; screens and commands see only this.
///
/// ```swift
/// let wallet: any WalletService = try WalletStore(path: path, economy: economy)
/// let summary = try await wallet.summary(of: "ana")
/// for await _ in wallet.changes() { reload() }
/// ```
public protocol WalletService: CommandRunner {
    /// Where the wallet lives, for status lines and messages (a file path, or host and database).
    var location: String { get }
    /// The payment provider the recharge and withdrawal flows use.
    var gateway: PaymentGateway { get }

    /// Every account, oldest first.
    func accounts() async throws -> [Account]
    /// An account and its balances, read in one snapshot.
    ///
    /// - Throws: `WalletError` `unknownAccount`.
    func summary(of name: String) async throws -> AccountSummary
    /// Every account with its balances, oldest first, read in one snapshot.
    func summaries() async throws -> [AccountSummary]
    /// Transfers touching `account` (or all), newest first, at most `limit` of them.
    func transfers(of account: Account?, limit: Int?) async throws -> [Transfer]
    /// Every transfer, oldest first.
    func allTransfers() async throws -> [Transfer]
    /// Calls `body` with every transfer, oldest first, from one consistent snapshot, holding one
    /// at a time (an export of a million transfers takes the memory of one).
    ///
    /// ```swift
    /// try await store.forEachTransfer { transfer in sink.write(csvRow(transfer)) }
    /// ```
    ///
    /// - Throws: what `body` throws (which stops the walk), or `storage`.
    func forEachTransfer(_ body: @escaping @Sendable (Transfer) throws -> Void) async throws
    /// A page of `account`'s history (newest first, running balances) among the lines `filter`
    /// keeps, counted over the whole history.
    func historyPage(of account: Account, filter: HistoryFilter, offset: Int, limit: Int) async throws -> HistoryPage
    /// Every ledger balance.
    func allBalances() async throws -> [LedgerAccount: Points]
    /// Withdrawals of `account` (or all), newest first.
    func withdrawals(of account: Account?) async throws -> [Withdrawal]
    /// Gift cards bought by `account` (or all), newest first.
    func redemptions(of account: Account?) async throws -> [Redemption]
    /// LIVE sessions of a creator (or all), newest first.
    func sessions(of account: Account?, limit: Int) async throws -> [LiveSession]
    /// Battles, newest first.
    func battles(limit: Int) async throws -> [Battle]
    /// The event log of one LIVE session, in the order the feed delivered it.
    func liveEvents(sessionID: String) async throws -> [LiveEventRecord]
    /// Battles still marked running (some may be past their end, waiting to be settled).
    func runningBattles() async throws -> [Battle]
    /// Commands whose process stopped while they were in flight (a payment never answered).
    func interruptedCommands() async throws -> [InterruptedCommand]

    /// A stored setting, such as the account the dashboard used last.
    func setting(_ key: String) async throws -> String?
    /// Stores a setting.
    func setSetting(_ key: String, _ value: String) async throws

    /// Recomputes every balance from the transfers and checks every invariant. `full` also asks the
    /// database to check itself and decodes every stored row.
    func verify(full: Bool) async throws -> VerifyReport

    /// The withdrawals still pending (held, not yet paid or failed), oldest first.
    func pendingWithdrawals() async throws -> [Withdrawal]

    /// The PIN record of the account with `accountID`, nil when it has no PIN.
    func pinRecord(accountID: Int64) async throws -> PINRecord?

    /// Sets (or, with nil, removes) the account's PIN record.
    func savePIN(_ record: PINRecord?, accountID: Int64) async throws

    /// Counts one PIN attempt in one transaction, as `PINRules.after` decides, and returns the
    /// record as it now is (nil when the account has no PIN).
    func recordPINAttempt(accountID: Int64, succeeded: Bool) async throws -> PINRecord?

    /// Who ran the command of each id (`--operator`, else the OS user), where the wallet
    /// recorded it; ids it does not know are left out.
    func operators(of commandIDs: Set<String>) async throws -> [String: String]

    /// An element each time the wallet may have changed (here or in another process): a store's
    /// own notification mechanism, never a scan of the ledger.
    func changes() -> AsyncStream<Void>
}

/// What `verify` found.
public struct VerifyReport: Sendable, Equatable {
    /// Every broken invariant or damaged row, in words; empty when sound.
    public var problems: [String]
    /// How many transfers were recomputed.
    public var transfers: Int
    /// How many stored rows were decoded (with `full`).
    public var rowsDecoded: Int
    /// Things worth knowing that break no invariant (names an older version allowed).
    public var notes: [String]

    public init(problems: [String], transfers: Int, rowsDecoded: Int = 0, notes: [String] = []) {
        self.problems = problems
        self.transfers = transfers
        self.rowsDecoded = rowsDecoded
        self.notes = notes
    }

    public var isSound: Bool { problems.isEmpty }
}

extension WalletService {
    /// A wallet that records no operators (the in-memory one).
    public func operators(of commandIDs: Set<String>) async throws -> [String: String] { [:] }

    public func pendingWithdrawals() async throws -> [Withdrawal] {
        try await withdrawals(of: nil).filter { $0.status == .pending }.reversed()
    }

    /// Settles battles whose timer ran out while no process was watching. Cheap when none is due.
    @discardableResult
    public func settleDueBattles() async throws -> [Battle] {
        let now = self.now
        guard try await runningBattles().contains(where: { $0.endsAt <= now }) else { return [] }
        return try await settleBattles()
    }
}
