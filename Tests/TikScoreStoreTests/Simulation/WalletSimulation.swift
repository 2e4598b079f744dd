import Foundation
import TikScoreTestSupport
#if canImport(Glibc)
import Glibc
#endif
import TikScoreCore
@testable import TikScoreStore

/// The first disagreement of a run, with what the auditor wanted and what the wallet did.
struct SimulationDivergence: Error, CustomStringConvertible {
    let seed: UInt64
    let step: Int?
    let detail: String

    var description: String { "seed \(seed)\(step.map { " step \($0)" } ?? " (end of run)"): \(detail)" }
}

/// What one seed's run did.
struct SimulationTally {
    var operations = 0
    var accepted = 0
    var refused = 0
    /// Crashes that struck (planned ones a flow never reached do not count).
    var crashes = 0
    /// Of those, the ones after the gateway answered and before the wallet recorded it.
    var crashesAfterGateway = 0
    /// Gateway calls repeated under a key it had answered (retries after crashes).
    var gatewayRepeats = 0
    /// How often each refusal code was seen.
    var refusals: [String: Int] = [:]
    /// How often each kind of accepted effect was seen.
    var effects: [String: Int] = [:]

    mutating func add(_ other: SimulationTally) {
        operations += other.operations
        accepted += other.accepted
        refused += other.refused
        crashes += other.crashes
        crashesAfterGateway += other.crashesAfterGateway
        gatewayRepeats += other.gatewayRepeats
        refusals.merge(other.refusals, uniquingKeysWith: +)
        effects.merge(other.effects, uniquingKeysWith: +)
    }
}

/// One seed against a real SQLite wallet in a temporary file (fsync off: durability is the crash
/// tests' job): each operation is predicted by the auditor, run through the store (crashing where
/// the plan says, then reopening the file and retrying under the same key), and compared — the
/// answer, then every balance. The ledger is audited along the way and in full at the end, and
/// the gateway's books must show each charge and payout made once and credited once.
final class WalletSimulation {
    /// A pid no process has (Linux pids stay below 2^22), named as the owner of keys left in
    /// flight by a crashed "process".
    static let deadPID: Int32 = 2_147_483_000
    /// How often the ledger is audited during a run.
    static let auditEvery = 500

    let seed: UInt64
    let operations: Int
    private let economy: Economy
    private let clock = SimulationClock(StoreFixtures.now)
    private let gateway = SimulatedGateway()
    private let home: SimulatedWalletHome
    private var store: any WalletService
    private var auditor: Auditor
    private var generator: OperationGenerator
    private var rechargeFlowKeys: Set<String> = []
    private(set) var tally = SimulationTally()

    /// The seed's workload, in words.
    var swarm: Swarm { generator.swarm }

    /// A simulation of `seed` on the wallet `home` keeps (a new wallet file by default).
    init(seed: UInt64, operations: Int, economy: Economy, home: SimulatedWalletHome = SQLiteWalletHome()) async throws {
        self.seed = seed
        self.operations = operations
        self.economy = economy
        self.home = home
        auditor = Auditor(economy: economy)
        generator = OperationGenerator(seed: seed, economy: economy)
        let clock = self.clock
        store = try await home.open(economy: economy, gateway: gateway, clock: { clock.now })
    }

    deinit { home.remove() }

    /// Runs every step, then the final audit; throws the first divergence.
    func run() async throws {
        guard kill(Self.deadPID, 0) != 0 else { throw SimulationDivergence(seed: seed, step: nil, detail: "pid \(Self.deadPID) exists") }
        for step in 0..<operations {
            try await runStep(step)
            if step % Self.auditEvery == Self.auditEvery - 1 { try await auditLedger(step: step, full: false) }
        }
        try await auditLedger(step: nil, full: true)
        try await auditGatewayBooks()
        tally.gatewayRepeats = (gateway.charges.values.map(\.calls) + gateway.payouts.values.map(\.calls)).map { $0 - 1 }.reduce(0, +)
    }

    // MARK: One step

    private func runStep(_ step: Int) async throws {
        clock.advance(seconds: generator.clockStep())
        auditor.begin(at: clock.now)
        let keyed = generator.next(step: step, auditor: auditor, now: clock.now)
        let plan = generator.crashPlan(for: keyed.operation)
        if case .rechargeFlow = keyed.operation { rechargeFlowKeys.insert(keyed.key) }
        let expected = auditor.apply(keyed.operation, key: keyed.key)
        let (answer, finishedInterrupted) = try await perform(keyed, plan: plan)
        if finishedInterrupted { _ = auditor.finishInterrupted() }
        let observed = answer.observation
        guard observed.matches(expected) else {
            throw SimulationDivergence(seed: seed, step: step, detail: "\(keyed.operation) under key \(keyed.key)"
                                       + (plan.map { " with \($0)" } ?? "") + "\n  auditor: \(expected)\n  wallet:  \(observed)")
        }
        try learnIDs(from: answer, step: step)
        try await compareBalances(step: step, after: keyed)
        tally.operations += 1
        switch observed {
        case .refused(let error):
            tally.refused += 1
            tally.refusals[error.code.rawValue, default: 0] += 1
        case .effect(let effect):
            tally.accepted += 1
            tally.effects[effect.kind, default: 0] += 1
        case .unmodelledOutcome:
            tally.accepted += 1
        }
    }

    /// Runs the operation; on a simulated crash drops the store, reopens the file as the next
    /// process would (the crashed one's keys in flight now belong to a dead pid), optionally
    /// finishes interrupted withdrawals, and retries under the same key.
    private func perform(_ keyed: KeyedOperation, plan: CrashPlan?) async throws -> (StepAnswer, finishedInterrupted: Bool) {
        do {
            return (try await StepAnswer.of(keyed, on: CrashingRunner(store: store, plan: plan), wallet: store, gateway: gateway), false)
        } catch let crash as SimulatedCrash {
            tally.crashes += 1
            if crash.plan.followsTheGateway(in: keyed.operation) { tally.crashesAfterGateway += 1 }
            let clock = self.clock
            store = try await home.open(economy: economy, gateway: gateway, clock: { clock.now })
            try await home.execute("UPDATE commands SET owner = '\(ProcessOwnerName.thisHost)/\(Self.deadPID)' WHERE state = 'in_flight'",
                                   store: store)
            if crash.plan.finishInterruptedFirst { _ = try await WithdrawalFlow.finishInterrupted(in: store) }
            let retried = try await StepAnswer.of(keyed, on: CrashingRunner(store: store, plan: nil), wallet: store, gateway: gateway)
            return (retried, crash.plan.finishInterruptedFirst)
        }
    }

    /// Tells the auditor the ids the store gave to what the step created.
    private func learnIDs(from answer: StepAnswer, step: Int) throws {
        if let index = auditor.createdHolder {
            guard case .outcome(.account(let account)) = answer else {
                throw SimulationDivergence(seed: seed, step: step, detail: "an account was created but the answer was \(answer)")
            }
            auditor.learn(holder: index, id: account.id)
        }
        if let index = auditor.createdWithdrawal, auditor.withdrawals[index].id == nil {
            guard let withdrawal = answer.withdrawal else {
                throw SimulationDivergence(seed: seed, step: step, detail: "a withdrawal was held but the answer was \(answer)")
            }
            auditor.learn(withdrawal: index, id: withdrawal.id)
        }
    }

    private func compareBalances(step: Int, after keyed: KeyedOperation) async throws {
        let actual = try await store.allBalances().filter { $0.value.units != 0 }.mapValues(\.units)
        let expected = auditor.expectedBalances()
        guard actual != expected else { return }
        let accounts = Set(actual.keys).union(expected.keys).sorted()
        let lines = accounts.filter { actual[$0] != expected[$0] }.map { account in
            "  \(account): auditor \(Points(units: expected[account] ?? 0)), wallet \(Points(units: actual[account] ?? 0))"
        }
        throw SimulationDivergence(seed: seed, step: step, detail: "balances differ after \(keyed.operation):\n" + lines.joined(separator: "\n"))
    }

    // MARK: Audits

    /// The store's own verify and `LedgerAudit` over everything it holds; at the end, also the
    /// withdrawals' statuses against the auditor's and no command left in flight.
    private func auditLedger(step: Int?, full: Bool) async throws {
        let report = try await store.verify(full: full)
        let audit = LedgerAudit.check(transfers: try await store.allTransfers(), storedBalances: try await store.allBalances(),
                                      withdrawals: try await store.withdrawals(of: nil))
        let problems = report.problems + audit
        guard problems.isEmpty else {
            throw SimulationDivergence(seed: seed, step: step, detail: "the ledger audit found:\n  " + problems.joined(separator: "\n  "))
        }
        guard full else { return }
        let stored = Dictionary(try await store.withdrawals(of: nil).map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
        let predicted = Dictionary(auditor.withdrawals.compactMap { w in w.id.map { ($0, w.status) } }, uniquingKeysWith: { first, _ in first })
        guard stored == predicted else {
            throw SimulationDivergence(seed: seed, step: step, detail: "withdrawals: auditor \(predicted.sorted { $0.key < $1.key }), wallet \(stored.sorted { $0.key < $1.key })")
        }
        let interrupted = try await store.interruptedCommands()
        guard interrupted.isEmpty else {
            throw SimulationDivergence(seed: seed, step: step, detail: "commands left in flight: \(interrupted.map(\.summary))")
        }
    }

    /// Each charge the gateway made was credited exactly once, for what it charged, and a declined
    /// one never; each payout matches one post (paid) or one void (failed) of its withdrawal; and no
    /// recharge flow credited points without a charge.
    private func auditGatewayBooks() async throws {
        let transfers = try await store.allTransfers()
        let recharges = Dictionary(grouping: transfers.filter { $0.kind == .recharge }, by: \.commandID)
        var problems: [String] = []
        for (key, movement) in gateway.charges.sorted(by: { $0.key < $1.key }) {
            let credited = recharges[key] ?? []   // the gateway's key is the command's id
            if let other = movement.conflictingAmount { problems.append("charge \(key) asked again for $\(other.plain), first $\(movement.amountUSD.plain)") }
            switch movement.answer {
            case .declined:
                if !credited.isEmpty { problems.append("declined charge \(key) credited \(credited.count) times") }
            case .approved:
                guard credited.count == 1, let transfer = credited.first else {
                    problems.append("charge \(key) ($\(movement.amountUSD.plain)) credited \(credited.count) times")
                    continue
                }
                let cents = auditor.rules.cents(ofWholePoints: transfer.amount.wholePoints)
                if cents != Observation.cents(movement.amountUSD) {
                    problems.append("charge \(key): $\(movement.amountUSD.plain) charged, \(transfer.amount) points credited")
                }
            }
        }
        for key in rechargeFlowKeys where !(recharges[CommandKey.caller(key).id] ?? []).isEmpty {
            if case .approved = gateway.charges[CommandKey.caller(key).id]?.answer { continue }
            problems.append("recharge flow \(key) credited points the gateway never charged")
        }
        let withdrawals = Dictionary(try await store.withdrawals(of: nil).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let settlements = Dictionary(grouping: transfers.filter { $0.pendingID != nil }, by: { $0.pendingID ?? "" })
        for (id, movement) in gateway.payouts.sorted(by: { $0.key < $1.key }) {
            guard let w = withdrawals[id] else { problems.append("payout \(id) has no withdrawal"); continue }
            let wanted: (WithdrawalStatus, TransferKind) = if case .approved = movement.answer { (.paid, .withdrawalPost) } else { (.failed, .withdrawalVoid) }
            let settled = settlements[w.holdTransferID] ?? []
            if w.status != wanted.0 || settled.map(\.kind) != [wanted.1] || movement.amountUSD != w.usd {
                problems.append("payout \(id) \(movement.answer) of $\(movement.amountUSD.plain): withdrawal \(w.status.rawValue) $\(w.usd.plain), settled by \(settled.map(\.kind.rawValue))")
            }
        }
        for w in withdrawals.values where w.status != .pending && gateway.payouts[w.id] == nil {
            problems.append("withdrawal \(w.id) is \(w.status.rawValue) but the gateway was never asked")
        }
        guard problems.isEmpty else {
            throw SimulationDivergence(seed: seed, step: nil, detail: "the gateway's books disagree:\n  " + problems.joined(separator: "\n  "))
        }
    }
}
