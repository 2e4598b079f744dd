import TikScoreCore

/// Applies feed events to running totals: points by gift and sender, followers, likes, joins,
/// shares, viewers and peak viewers, battles, bad lines by kind. Events whose msgId it has seen
/// are counted as duplicates and ignored. Gifts go through a `StreakTracker`, so a streak counts
/// once. Pure value type: no I/O, no clock (times are passed in, in milliseconds).
public struct FeedSessionTally: Sendable {
    public struct GiftTotal: Sendable, Hashable {
        public var giftId: Int64
        public var name: String
        public var count: Int64
        public var points: Int64
    }

    public struct GifterTotal: Sendable, Hashable {
        public var user: FeedUser
        public var points: Int64
        public var gifts: Int64
    }

    public struct Battle: Sendable, Hashable {
        public var battleId: String?
        public var hosts: [BattleHost]
        /// Last seen total per host id.
        public var scores: [String: Int64]
        public var ended: Bool
    }

    public private(set) var totals = FeedTotals()
    public private(set) var giftTotals: [Int64: GiftTotal] = [:]
    public private(set) var gifters: [String: GifterTotal] = [:]
    /// The room's running like total, when lines carry one (the highest seen).
    public private(set) var likeTotal: Int64?
    /// Battles in the order they started.
    public private(set) var battles: [Battle] = []
    /// Every gift counted, in order.
    public private(set) var countedGifts: [CountedGift] = []
    /// Bad lines by `FeedProblem.kindName`.
    public private(set) var badLines: [String: Int] = [:]
    /// Bad lines by `FeedProblem.detailedKindName` (e.g. `missingField:giftId`).
    public private(set) var badLineDetails: [String: Int] = [:]
    /// Lines whose msgId had been seen already.
    public private(set) var duplicates = 0
    /// Good events applied (not counting duplicates or events after the stream ended).
    public private(set) var eventsApplied = 0
    /// Good events that arrived after `streamEnd` (ignored).
    public private(set) var ignoredAfterEnd = 0
    /// Blank lines skipped by `apply(line:)`.
    public private(set) var blankLines = 0

    private var tracker: StreakTracker
    private var seenMsgIds = Set<String>()
    private var clock: Int64 = 0
    private var clockStarted = false

    public init(streakTimeoutMs: Int64 = 10_000) {
        tracker = StreakTracker(timeoutMs: streakTimeoutMs)
    }

    public var badLineCount: Int { badLines.values.reduce(0, +) }
    /// Valid lines of events the wallet does not use, by name.
    public private(set) var ignored: [String: Int] = [:]
    public var inProgressStreaks: [StreakProgress] { tracker.inProgress }

    /// Senders by points (highest first, then by key), at most `limit`.
    public func topGifters(limit: Int = 10) -> [GifterTotal] {
        Array(gifters.values.sorted { ($1.points, $0.user.key) < ($0.points, $1.user.key) }.prefix(max(0, limit)))
    }

    /// Decodes and applies one line; a blank line is skipped (not a bad line).
    @discardableResult
    public mutating func apply(line: String, decoder: FeedLineDecoder, at now: Int64? = nil) -> [CountedGift] {
        if line.allSatisfy(\.isWhitespace) {
            blankLines += 1
            return []
        }
        return apply(decoder.decode(line), at: now)
    }

    @discardableResult
    public mutating func apply(_ result: Result<FeedEvent, FeedProblem>, at now: Int64? = nil) -> [CountedGift] {
        switch result {
        case .success(let event): return apply(event, at: now)
        case .failure(let problem):
            record(problem)
            return []
        }
    }

    public mutating func record(_ problem: FeedProblem) {
        badLines[problem.kindName, default: 0] += 1
        badLineDetails[problem.detailedKindName, default: 0] += 1
    }

    /// Applies one event at time `now` (ms; else the event's timestamp; else the last time seen).
    /// Returns the gifts that counted because of it (including streaks that timed out).
    @discardableResult
    public mutating func apply(_ event: FeedEvent, at now: Int64? = nil) -> [CountedGift] {
        if totals.streamEnded {
            ignoredAfterEnd += 1
            return []
        }
        if let msgId = event.msgId {
            guard seenMsgIds.insert(msgId).inserted else {
                duplicates += 1
                return []
            }
        }
        let time = advanceClock(to: now ?? event.timestamp)
        var counted = take(tracker.expire(now: time))
        eventsApplied += 1
        switch event.kind {
        case .gift(let line):
            counted += take(tracker.ingest(line, at: time))
        case .follow:
            totals.followers = add(totals.followers, 1, "followers")
        case .join:
            totals.joins = add(totals.joins, 1, "joins")
        case .share:
            totals.shares = add(totals.shares, 1, "shares")
        case .like(_, let count, let total):
            totals.likes = add(totals.likes, count, "likes")
            if let total { likeTotal = max(likeTotal ?? 0, total) }
        case .viewers(let count, _):
            totals.viewers = count
            totals.peakViewers = max(totals.peakViewers, count)
        case .battleStarted(let battleId, let hosts, _):
            var scores: [String: Int64] = [:]
            for host in hosts { scores[host.hostKey] = 0 }
            battles.append(Battle(battleId: battleId, hosts: hosts, scores: scores, ended: false))
            totals.battleScores[battleId ?? ""] = scores
        case .battleScores(let battleId, let scores):
            updateBattle(battleId, scores: scores, ending: false)
        case .battleEnded(let battleId, let scores):
            updateBattle(battleId, scores: scores, ending: true)
        case .battleNotice:
            break
        case .ignored(let name):
            eventsApplied -= 1
            ignored[name, default: 0] += 1
        case .streamEnded:
            counted += take(tracker.flush(at: time))
            totals.streamEnded = true
        }
        return counted
    }

    /// Closes streaks idle for the timeout (call as time passes with no lines).
    @discardableResult
    public mutating func expire(now: Int64) -> [CountedGift] {
        take(tracker.expire(now: advanceClock(to: now)))
    }

    /// Counts every open streak now (end of input without a `streamEnd`).
    @discardableResult
    public mutating func finish(at now: Int64? = nil) -> [CountedGift] {
        take(tracker.flush(at: advanceClock(to: now)))
    }

    private mutating func advanceClock(to candidate: Int64?) -> Int64 {
        if let candidate {
            clock = clockStarted ? max(clock, candidate) : candidate
            clockStarted = true
        }
        return clock
    }

    private mutating func add(_ value: Int64, _ amount: Int64, _ name: String) -> Int64 {
        let (sum, overflow) = value.addingReportingOverflow(amount)
        if overflow {
            record(FeedProblem(.overflow(name)))
            return value
        }
        return sum
    }

    private mutating func updateBattle(_ battleId: String?, scores: [BattleScore], ending: Bool) {
        let index: Int
        if let found = battles.lastIndex(where: { battleId == nil || $0.battleId == battleId }) {
            index = found
        } else {
            battles.append(Battle(battleId: battleId, hosts: [], scores: [:], ended: false))
            index = battles.count - 1
        }
        for score in scores { battles[index].scores[score.hostId] = score.points }
        if ending { battles[index].ended = true }
        totals.battleScores[battles[index].battleId ?? ""] = battles[index].scores
    }

    /// Adds counted gifts to the totals (all sums checked; a gift that would overflow is refused
    /// and reported as an `overflow` bad line).
    private mutating func take(_ gifts: [CountedGift]) -> [CountedGift] {
        var taken: [CountedGift] = []
        for gift in gifts {
            let senderKey = gift.sender.key
            let previous = gifters[senderKey]
            guard case (let points, false) = totals.giftPoints.addingReportingOverflow(gift.totalPoints),
                  case (let count, false) = totals.giftCount.addingReportingOverflow(gift.count),
                  case (let giftPoints, false) = (totals.pointsByGift[gift.giftId] ?? 0).addingReportingOverflow(gift.totalPoints),
                  case (let giftCount, false) = (totals.countByGift[gift.giftId] ?? 0).addingReportingOverflow(gift.count),
                  case (let senderPoints, false) = (previous?.points ?? 0).addingReportingOverflow(gift.totalPoints),
                  case (let senderGifts, false) = (previous?.gifts ?? 0).addingReportingOverflow(gift.count) else {
                record(FeedProblem(.overflow("points"), detail: "gift \(gift.giftId) × \(gift.count)"))
                continue
            }
            totals.giftPoints = points
            totals.giftCount = count
            totals.pointsByGift[gift.giftId] = giftPoints
            totals.countByGift[gift.giftId] = giftCount
            totals.pointsBySender[senderKey] = senderPoints
            giftTotals[gift.giftId] = GiftTotal(giftId: gift.giftId, name: gift.giftName, count: giftCount, points: giftPoints)
            gifters[senderKey] = GifterTotal(user: previous?.user ?? gift.sender, points: senderPoints, gifts: senderGifts)
            countedGifts.append(gift)
            taken.append(gift)
        }
        return taken
    }
}
