import Foundation
import TikScoreTestSupport

/// One seed's workload, drawn from the seed (swarm testing): which kinds of operation run and how
/// often, how many accounts there are and how many can earn, how large and how odd the amounts
/// are, how often keys are repeated and processes crash, and how fast the clock runs. Different
/// seeds stress different corners instead of all averaging the same mix.
struct Swarm: CustomStringConvertible {
    /// The kinds of operation the generator can make.
    enum Kind: String, CaseIterable {
        case createAccount, updateAccount, rechargeCommand, rechargeFlow, gift, transfer, live, followers, feed, battle
        case redeem, withdrawalFlow, holdOnly, settle, finishInterrupted, repeatKey
    }

    /// Weight of each kind, in `Kind.allCases` order; zero turns a kind off.
    var weights: [Int]
    /// The account names this seed uses.
    var names: [String]
    /// Percent of new accounts that meet every earning and withdrawal condition.
    var eligiblePercent: Int
    /// Percent of amounts and counts that are odd on purpose (zero, negative, fractions, not whole cents, huge).
    var oddPercent: Int
    /// The largest typical direct recharge, in whole points.
    var rechargeMax: Int64
    /// The dearest gift usually sent (the catalog holds gifts up to tens of thousands of points).
    var giftCeiling: Int64
    /// The largest typical gift count.
    var giftCountMax: Int64
    /// Percent of operations that crash between the gateway (or the decision) and the commit.
    var crashPercent: Int
    /// Percent of repeated keys that repeat the same operation (the rest send another command).
    var repeatSamePercent: Int
    /// The longest step of the clock between operations, in seconds.
    var maxClockStep: Int

    /// Names with case, accents, CJK script and emoji, so name matching is exercised.
    static let namePool = ["ana", "leo", "mia", "noa", "Zoé", "kai", "李雷", "omar", "sara", "tom", "Ünal", "vic", "Ana 🎉", "bo"]

    /// A workload drawn from `random`. Creating accounts and some way of recharging are always on.
    static func random(_ random: inout SimulationRandom) -> Swarm {
        var weights = Kind.allCases.map { _ in Int(random.int(1...10)) }
        for (index, kind) in Kind.allCases.enumerated() where kind != .createAccount && random.chance(25) {
            weights[index] = 0
        }
        if let create = Kind.allCases.firstIndex(of: .createAccount) { weights[create] = max(weights[create], 3) }
        let recharges = Kind.allCases.indices.filter { [.rechargeCommand, .rechargeFlow].contains(Kind.allCases[$0]) }
        if recharges.allSatisfy({ weights[$0] == 0 }), let first = recharges.first { weights[first] = Int(random.int(3...10)) }
        var pool = namePool
        pool.shuffle(using: &random)
        return Swarm(weights: weights, names: Array(pool.prefix(Int(random.int(2...Int64(namePool.count))))),
                     eligiblePercent: Int(random.int(10...90)), oddPercent: Int(random.int(0...25)),
                     rechargeMax: random.pick([500, 5_000, 30_000, 200_000]), giftCeiling: random.pick([5, 100, 1_000, 50_000]),
                     giftCountMax: random.pick([1, 5, 20, 200]), crashPercent: Int(random.int(0...12)),
                     repeatSamePercent: Int(random.int(30...90)), maxClockStep: random.pick([60, 1_800, 6 * 3_600]))
    }

    /// The weight of one kind.
    func weight(_ kind: Kind) -> Int { Kind.allCases.firstIndex(of: kind).map { weights[$0] } ?? 0 }

    var description: String {
        let mix = Kind.allCases.filter { weight($0) > 0 }.map { "\($0.rawValue) \(weight($0))" }.joined(separator: ", ")
        return "mix [\(mix)]; \(names.count) names, \(eligiblePercent)% eligible, \(oddPercent)% odd amounts, "
            + "recharges ≤ \(rechargeMax), gifts ≤ \(giftCeiling) pts ×≤\(giftCountMax), \(crashPercent)% crashes, "
            + "\(repeatSamePercent)% same-op repeats, clock steps ≤ \(maxClockStep)s"
    }
}
