import Foundation
import TikScoreCore

/// Pure computations behind the live panel, from plain transfers.
enum SnapshotMath {
    /// Minutes the sparkline covers.
    static let sparkMinutes = 30

    /// Transfer kinds that earn a creator points live.
    static var earningKinds: Set<TransferKind> { EarningsForecast.earningKinds }

    /// Earning transfers to `account`'s earned balance, newest first.
    static func earnings(of account: Account, in transfers: [Transfer]) -> [Transfer] {
        transfers.filter { earningKinds.contains($0.kind) && $0.credit == account.earnedAccount }
    }

    /// When `session`'s earnings first reached the goal's points: the earning that crossed it.
    /// The session's earnings are the newest of `earnings` (newest first) that add up to its
    /// points exactly; nil when they do not (the loaded history does not reach back that far).
    static func pointsGoalReachedAt(_ goal: LiveGoalProgress, session: LiveSession, earnings: [Transfer]) -> Date? {
        guard let target = goal.goal.points, goal.pointsReached else { return nil }
        let during = earnings.filter { $0.timestamp >= session.startedAt && $0.timestamp <= (session.endedAt ?? .distantFuture) }
        var total: Int64 = 0, count = 0
        for transfer in during where total < session.points.units {
            total += transfer.amount.units
            count += 1
        }
        guard total == session.points.units else { return nil }
        var sum: Int64 = 0
        for transfer in during.prefix(count).reversed() {
            sum += transfer.amount.units
            if sum >= target.units { return transfer.timestamp }
        }
        return nil
    }

    /// Earned points per minute over the last `minutes` minutes before `now`, oldest first, exact.
    ///
    ///     SnapshotMath.perMinute(earnings, now: now).last // points earned in the current minute
    static func perMinute(_ earnings: [Transfer], now: Date, minutes: Int = sparkMinutes) -> [Points] {
        var buckets = Array(repeating: Int64(0), count: max(0, minutes))
        for transfer in earnings {
            let age = now.timeIntervalSince(transfer.timestamp)
            guard age >= 0 else { continue }
            let index = minutes - 1 - Int(age / 60)
            guard buckets.indices.contains(index) else { continue }
            let (sum, overflow) = buckets[index].addingReportingOverflow(transfer.amount.units)
            buckets[index] = overflow ? Int64.max : sum
        }
        return buckets.map { Points(units: $0) }
    }

    /// The sum of per-minute points (saturating, for a label).
    static func total(_ perMinute: [Points]) -> Points {
        Points(units: perMinute.reduce(Int64(0)) { acc, p in
            let (sum, overflow) = acc.addingReportingOverflow(p.units)
            return overflow ? Int64.max : sum
        })
    }

    /// The battle to show for `account`: a running one, or one that ended within `recent` seconds.
    static func battle(for account: Account, in battles: [Battle], now: Date, recent: TimeInterval = 600) -> Battle? {
        let mine = battles.filter { $0.involves(account.id) }
        if let running = mine.first(where: { $0.isRunning }) { return running }
        return mine.first { battle in
            guard let settled = battle.settledAt else { return false }
            return now.timeIntervalSince(settled) <= recent
        }
    }
}
