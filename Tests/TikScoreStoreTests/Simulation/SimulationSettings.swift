import Foundation

/// Which seeds the simulation runs and how many operations each, from the environment:
///
/// - `TIKSCORE_SEED=N` runs that one seed (decimal, or hex with `0x`), to replay a failure;
/// - `TIKSCORE_SIM_FULL=1` runs the long sizes (100 seeds × 10,000 operations);
/// - `TIKSCORE_SIM_SEEDS` and `TIKSCORE_SIM_OPS` override either size;
/// - otherwise the CI sizes: 20 random seeds × 2,000 operations;
/// - `TIKSCORE_SIM_JOBS` seeds run at once (default: one per core, at most 2).
struct SimulationSettings: Equatable {
    /// The CI sizes.
    static let ciSeeds = 20
    static let ciOperations = 2_000
    /// The `TIKSCORE_SIM_FULL=1` sizes.
    static let fullSeeds = 100
    static let fullOperations = 10_000

    var seeds: [UInt64]
    var operations: Int
    /// Whether the seed came from `TIKSCORE_SEED` (a replay) rather than the random source.
    var replaying: Bool
    /// How many seeds run at once (each on its own wallet file).
    var jobs: Int = 1

    /// A problem with one of the variables, said so that the run stops at once.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The settings the environment asks for; random seeds come from `source`.
    static func from(environment env: [String: String], source: () -> UInt64 = { UInt64.random(in: 0...UInt64.max) }) throws -> SimulationSettings {
        let full = env["TIKSCORE_SIM_FULL"].map { !$0.isEmpty && $0 != "0" } ?? false
        let operations = try count(env["TIKSCORE_SIM_OPS"], name: "TIKSCORE_SIM_OPS") ?? (full ? fullOperations : ciOperations)
        let jobs = try count(env["TIKSCORE_SIM_JOBS"], name: "TIKSCORE_SIM_JOBS") ?? min(2, ProcessInfo.processInfo.activeProcessorCount)
        if let text = env["TIKSCORE_SEED"], !text.isEmpty {
            guard let seed = parseSeed(text) else { throw Problem(description: "TIKSCORE_SEED='\(text)' is not a seed (a whole number, or hex with 0x)") }
            return SimulationSettings(seeds: [seed], operations: operations, replaying: true, jobs: 1)
        }
        let seedCount = try count(env["TIKSCORE_SIM_SEEDS"], name: "TIKSCORE_SIM_SEEDS") ?? (full ? fullSeeds : ciSeeds)
        return SimulationSettings(seeds: (0..<seedCount).map { _ in source() }, operations: operations, replaying: false, jobs: jobs)
    }

    /// A seed as people type it: `12345` or `0x3039`.
    static func parseSeed(_ text: String) -> UInt64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased().hasPrefix("0x") { return UInt64(trimmed.dropFirst(2), radix: 16) }
        return UInt64(trimmed)
    }

    private static func count(_ text: String?, name: String) throws -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Int(text), value > 0 else { throw Problem(description: "\(name)='\(text)' is not a count above zero") }
        return value
    }

    /// The line that replays `seed` with these sizes.
    func reproduceLine(seed: UInt64) -> String {
        "reproduce with TIKSCORE_SEED=\(seed) TIKSCORE_SIM_OPS=\(operations) scripts/simulate-wallet"
    }
}
