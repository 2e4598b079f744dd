import Foundation
import TikScoreCore
import TikScoreStore

/// The process "died" here: what `CrashingRunner` throws at its planned moment. Nothing after it in
/// the operation runs; the simulation then drops the store and opens the file again.
struct SimulatedCrash: Error, CustomStringConvertible {
    let plan: CrashPlan
    var description: String { "simulated crash (\(plan))" }
}

/// The store as a flow sees it, with a crash planned at one submit: before the transaction (the
/// gateway has answered, nothing is committed) or after the commit (the answer is lost). Reads and
/// reservations pass straight through.
final class CrashingRunner: CommandRunner, @unchecked Sendable {
    let store: any WalletService
    private let lock = NSLock()
    private var plan: CrashPlan?
    private var submits = 0
    private var struck = false

    init(store: any WalletService, plan: CrashPlan?) {
        self.store = store
        self.plan = plan
    }

    /// Whether the planned crash happened (a flow refused early never reaches its submit).
    var crashed: Bool { lock.withLock { struck } }

    var economy: Economy { store.economy }
    var now: Date { store.now }

    func submit(_ command: Command, key: CommandKey) async throws -> CommandResult {
        guard let due = dueCrash() else { return try await store.submit(command, key: key) }
        if due.moment == .afterCommit { _ = try await store.submit(command, key: key) }
        throw SimulatedCrash(plan: due)
    }

    func reserve(_ command: Command, key: CommandKey) async throws -> KeyReservation { try await store.reserve(command, key: key) }
    func refuse(_ command: Command, key: CommandKey, with refusal: WalletError) async throws { try await store.refuse(command, key: key, with: refusal) }
    func account(named name: String) async throws -> Account? { try await store.account(named: name) }
    func balance(of account: LedgerAccount) async throws -> Points { try await store.balance(of: account) }
    func withdrawal(id: String) async throws -> Withdrawal? { try await store.withdrawal(id: id) }
    func openSession(creatorID: Int64) async throws -> LiveSession? { try await store.openSession(creatorID: creatorID) }
    func isEmpty() async throws -> Bool { try await store.isEmpty() }

    /// Counts this submit and returns the plan when it is the one to crash at.
    private func dueCrash() -> CrashPlan? {
        lock.withLock {
            submits += 1
            guard let plan, plan.submitNumber == submits else { return nil }
            self.plan = nil
            struck = true
            return plan
        }
    }
}
