import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore

/// Deterministic simulation, the VOPR way: random seeds (or `TIKSCORE_SEED`), each with its own
/// operation mix, run against the SQLite wallet with crashes between the gateway and the commit,
/// and checked step by step against an auditor that shares no decision code with the wallet.
/// `scripts/simulate-wallet` runs it with the sizes and seed as options.
final class WalletSimulationTests: XCTestCase {
    /// How one seed's run ended.
    private enum SeedOutcome: Sendable {
        case passed(SimulationTally)
        case failed(String)
    }

    func testSeededSwarmsAgreeWithTheIndependentAuditor() async throws {
        let settings = try SimulationSettings.from(environment: ProcessInfo.processInfo.environment)
        let started = Date()
        print("simulation: \(settings.seeds.count) seed(s) × \(settings.operations) operations, \(settings.jobs) at a time; "
              + "seeds \(settings.seeds.map(String.init).joined(separator: " "))")
        var total = SimulationTally()
        var failures: [String] = []
        await withTaskGroup(of: SeedOutcome.self) { group in
            var waiting = settings.seeds[...]
            for _ in 0..<settings.jobs {
                guard let seed = waiting.popFirst() else { break }
                group.addTask { await Self.run(seed: seed, settings: settings) }
            }
            while let outcome = await group.next() {
                switch outcome {
                case .passed(let tally): total.add(tally)
                case .failed(let message): failures.append(message)
                }
                // A failure stops the run: its seed is what matters now.
                guard failures.isEmpty, let seed = waiting.popFirst() else { continue }
                group.addTask { await Self.run(seed: seed, settings: settings) }
            }
        }
        guard failures.isEmpty else {
            failures.forEach { XCTFail($0) }
            return
        }
        let seconds = Date().timeIntervalSince(started)
        print("simulation: \(total.operations) operations over \(settings.seeds.count) seeds in \(String(format: "%.1f", seconds)) s: "
              + "\(total.accepted) accepted, \(total.refused) refused, \(total.crashes) crashes injected and recovered "
              + "(\(total.crashesAfterGateway) between the gateway's answer and the commit), "
              + "\(total.gatewayRepeats) gateway calls repeated under a key; nothing lost or doubled\n"
              + "  effects \(total.effects.sorted { $0.key < $1.key })\n  refusals \(total.refusals.sorted { $0.key < $1.key })")
        XCTAssertEqual(total.operations, settings.seeds.count * settings.operations)
        // At the CI sizes or more, the swarm has reached every corner at least once.
        guard settings.seeds.count >= SimulationSettings.ciSeeds / 2,
              settings.seeds.count * settings.operations >= SimulationSettings.ciSeeds * SimulationSettings.ciOperations else { return }
        XCTAssertGreaterThan(total.crashesAfterGateway, 0, "no crash struck between the gateway and the commit")
        XCTAssertGreaterThan(total.accepted, total.operations / 5)
        let codes: [WalletError.Code] = [.unknownAccount, .duplicateAccount, .invalidName, .insufficientPoints, .insufficientEarned, .notEligible,
                                         .underage, .invalidAmount, .keyReused, .paymentDeclined, .invalidCard, .invalidEmail, .belowMinimum,
                                         .notLive, .alreadyLive, .sameAccount, .unknownGift, .unknownCard, .unknownPackage, .absurdCount,
                                         .absurdPrice, .sessionCap, .overflow]
        for code in codes {
            XCTAssertGreaterThan(total.refusals[code.rawValue] ?? 0, 0, "no seed saw \(code.rawValue): \(total.refusals)")
        }
        for effect in ["account", "recharge", "gift", "transfer", "gift card", "withdrawal paid", "withdrawal failed", "withdrawal pending",
                       "followers", "live start", "live stop", "feed earning", "feed event", "finish interrupted"] {
            XCTAssertGreaterThan(total.effects[effect] ?? 0, 0, "no seed saw an accepted \(effect): \(total.effects)")
        }
    }

    /// One seed's whole run, and the line that replays it when it fails.
    private static func run(seed: UInt64, settings: SimulationSettings) async -> SeedOutcome {
        do {
            let simulation = try await WalletSimulation(seed: seed, operations: settings.operations, economy: StoreFixtures.economy)
            print("simulation seed \(seed): \(simulation.swarm)")
            try await simulation.run()
            return .passed(simulation.tally)
        } catch {
            return .failed("\(error)\n\(settings.reproduceLine(seed: seed))")
        }
    }

    #if canImport(TikScorePostgres)
    /// The same swarms on a PostgreSQL wallet (a few seeds: each step is a round trip to the
    /// server), crashes included: reopening is a new connection, as a new process would make.
    func testSeededSwarmsOnPostgreSQLAgreeWithTheIndependentAuditor() async throws {
        _ = try PostgresTestDatabase.serverURL()
        let env = ProcessInfo.processInfo.environment
        let seeds = (0..<(Int(env["TIKSCORE_PG_SIM_SEEDS"] ?? "") ?? 3)).map { _ in UInt64.random(in: 1...UInt64(UInt32.max)) }
        let operations = Int(env["TIKSCORE_PG_SIM_OPS"] ?? "") ?? 600
        var total = SimulationTally()
        for seed in seeds {
            let database = try await PostgresTestDatabase()
            do {
                let simulation = try await WalletSimulation(seed: seed, operations: operations, economy: StoreFixtures.economy,
                                                            home: PostgresWalletHome(database: database))
                try await simulation.run()
                total.add(simulation.tally)
            } catch {
                XCTFail("PostgreSQL simulation, seed \(seed): \(error)")
            }
            await database.drop()
        }
        print("simulation on PostgreSQL: \(total.operations) operations over seeds \(seeds.map(String.init).joined(separator: " ")): "
              + "\(total.accepted) accepted, \(total.refused) refused, \(total.crashes) crashes injected and recovered")
        XCTAssertEqual(total.operations, seeds.count * operations)
        XCTAssertGreaterThan(total.crashes, 0)
    }
    #endif

    func testSettingsComeFromTheEnvironment() throws {
        var counter: UInt64 = 0
        let source = { () -> UInt64 in counter += 1; return counter }
        let ci = try SimulationSettings.from(environment: [:], source: source)
        XCTAssertEqual(ci.seeds.count, SimulationSettings.ciSeeds)
        XCTAssertEqual(ci.operations, SimulationSettings.ciOperations)
        XCTAssertFalse(ci.replaying)
        let full = try SimulationSettings.from(environment: ["TIKSCORE_SIM_FULL": "1", "TIKSCORE_SIM_OPS": "77"], source: source)
        XCTAssertEqual(full.seeds.count, SimulationSettings.fullSeeds)
        XCTAssertEqual(full.operations, 77)
        let replay = try SimulationSettings.from(environment: ["TIKSCORE_SEED": "0x10", "TIKSCORE_SIM_SEEDS": "9"], source: source)
        XCTAssertEqual(replay.seeds, [16])
        XCTAssertTrue(replay.replaying)
        XCTAssertTrue(replay.reproduceLine(seed: 16).contains("reproduce with TIKSCORE_SEED=16"))
        XCTAssertThrowsError(try SimulationSettings.from(environment: ["TIKSCORE_SEED": "twelve"], source: source))
        XCTAssertThrowsError(try SimulationSettings.from(environment: ["TIKSCORE_SIM_OPS": "0"], source: source))
    }

    /// The same seed makes the same swarm and the same operations: a failure replays.
    func testASeedReplaysTheSameOperations() {
        let economy = StoreFixtures.economy
        func firstOperations(_ seed: UInt64) -> [String] {
            var generator = OperationGenerator(seed: seed, economy: economy)
            var auditor = Auditor(economy: economy)
            auditor.begin(at: StoreFixtures.now)
            return (0..<200).map { step in
                let keyed = generator.next(step: step, auditor: auditor, now: StoreFixtures.now)
                _ = auditor.apply(keyed.operation, key: keyed.key)
                return "\(keyed.key) \(keyed.operation)"
            }
        }
        XCTAssertEqual(firstOperations(7), firstOperations(7))
        XCTAssertNotEqual(firstOperations(7), firstOperations(8))
    }
}
