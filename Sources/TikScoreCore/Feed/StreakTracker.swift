import HeapModule

/// What identifies one streak: the sender, the gift, and the connector's group id when it sends one.
public struct StreakKey: Sendable, Hashable, Comparable {
    /// `FeedUser.key` of the sender.
    public var userKey: String
    public var giftId: Int64
    public var groupId: String?

    public init(userKey: String, giftId: Int64, groupId: String?) {
        self.userKey = userKey
        self.giftId = giftId
        self.groupId = groupId
    }

    public init(line: GiftLine) {
        self.init(userKey: line.sender.key, giftId: line.giftId, groupId: line.groupId)
    }

    public static func < (lhs: StreakKey, rhs: StreakKey) -> Bool {
        (lhs.userKey, lhs.giftId, lhs.groupId ?? "") < (rhs.userKey, rhs.giftId, rhs.groupId ?? "")
    }
}

/// Why a gift counted when it did.
public enum CountReason: String, Sendable, Hashable {
    /// A gift that is not streakable (types 2, 4…): counts on arrival.
    case immediate
    /// A streak's `repeatEnd` line arrived.
    case streakEnd
    /// A streak saw no line for the timeout: counted with the last count seen.
    case timeout
    /// A new streak of the same gift by the same viewer began (its count fell back) before this
    /// one ended: counted with the last count seen.
    case restarted
    /// The stream ended (or the caller flushed) with the streak still open.
    case flushed
}

/// A gift that counts now, exactly once.
public struct CountedGift: Sendable, Hashable {
    public var giftId: Int64
    public var giftName: String
    public var unitPoints: Int64
    public var count: Int64
    /// `unitPoints × count` (checked; the decoder refuses lines whose product would overflow).
    public var totalPoints: Int64
    public var giftType: Int
    public var sender: FeedUser
    /// Who the gift is for, when its lines said.
    public var receiver: FeedUser?
    /// The msgId of the line that made it count (for a timeout: the last line seen).
    public var msgId: String?
    /// The source time (ms) of that line, when it had one.
    public var lineTimestamp: Int64?
    public var streakKey: StreakKey
    public var reason: CountReason
    /// The tracker's time (ms) when it counted.
    public var countedAt: Int64
}

/// A streak still growing, for the dashboard.
public struct StreakProgress: Sendable, Hashable {
    public var key: StreakKey
    public var giftId: Int64
    public var giftName: String
    public var unitPoints: Int64
    public var count: Int64
    public var points: Int64
    public var sender: FeedUser
    public var startedAt: Int64
    public var lastSeenAt: Int64
    public var lastMsgId: String?
}

/// Turns gift lines into counted gifts, each exactly once.
///
/// - Type 1 (streakable): the streak opens on its first line, grows with each line whose
///   `repeatCount` is higher, and counts once at `repeatEnd` with the final count (an end line
///   that repeats the final count ends it).
/// - A line whose count is not higher than the last one seen for that viewer and gift (and is not
///   that end line), or any line after the streak's `repeatEnd`, starts a new streak; an open
///   streak it interrupts counts with its last count.
/// - A line seen before (the same `msgId`, or without one the same count at the same source time)
///   changes nothing.
/// - Any other type counts at once.
/// - A streak with no line for `timeoutMs` is closed by `expire(now:)` (also run on every
///   `ingest`), counted with the last count seen. Within the timeout after that, a line with a
///   higher count is the same streak going on (only the gifts above the counted ones count) and
///   its end line with the same count changes nothing.
public struct StreakTracker: Sendable {
    public var timeoutMs: Int64

    private struct Open: Sendable {
        var progress: StreakProgress
        var giftType: Int
        /// Gifts of this streak already counted (by a timeout it outlived).
        var base: Int64 = 0
        var receiver: FeedUser?
        var lastTimestamp: Int64?
        var seen: Set<String> = []
    }

    private struct Closed: Sendable {
        var count: Int64
        var closedAt: Int64
        /// Whether its `repeatEnd` arrived (else it timed out or was flushed).
        var ended: Bool
        var seen: Set<String>
    }

    /// When a streak (open: last seen; closed: closed) falls due, for `expire`. Entries are not
    /// removed when a streak changes: one that no longer matches its streak is skipped.
    private struct Deadline: Sendable, Comparable {
        var at: Int64
        var key: StreakKey
        var isClosed: Bool

        static func < (lhs: Deadline, rhs: Deadline) -> Bool { lhs.at < rhs.at }
        static func == (lhs: Deadline, rhs: Deadline) -> Bool { lhs.at == rhs.at && lhs.key == rhs.key && lhs.isClosed == rhs.isClosed }
    }

    private var open: [StreakKey: Open] = [:]
    private var closed: [StreakKey: Closed] = [:]
    /// Every streak's deadline (and some outdated ones), earliest first: `expire` looks only at
    /// the streaks that are due instead of at every streak on every line.
    private var deadlines = Heap<Deadline>()

    public init(timeoutMs: Int64 = 10_000) {
        self.timeoutMs = max(1, timeoutMs)
    }

    /// The streaks still open, oldest first.
    public var inProgress: [StreakProgress] {
        open.values.map(\.progress).sorted { ($0.startedAt, $0.key) < ($1.startedAt, $1.key) }
    }

    /// The open streak with this key, if any.
    public func progress(of key: StreakKey) -> StreakProgress? {
        open[key]?.progress
    }

    /// Takes one decoded gift line seen at `now` (ms); returns the gifts that count now (streaks
    /// that timed out or were interrupted first, then this line's gift if it counts).
    public mutating func ingest(_ line: GiftLine, at now: Int64) -> [CountedGift] {
        var counted = expire(now: now)
        let key = StreakKey(line: line)
        guard line.isStreakable else {
            counted.append(CountedGift(giftId: line.giftId, giftName: line.giftName, unitPoints: line.unitPoints,
                                       count: line.repeatCount, totalPoints: line.linePoints, giftType: line.giftType,
                                       sender: line.sender, receiver: line.receiver, msgId: line.msgId,
                                       lineTimestamp: line.timestamp, streakKey: key, reason: .immediate, countedAt: now))
            return counted
        }
        if let msgId = line.msgId, open[key]?.seen.contains(msgId) == true || closed[key]?.seen.contains(msgId) == true {
            return counted
        }
        // Taken out while it changes, so its set of seen ids is not copied on every line.
        if var streak = open.removeValue(forKey: key) {
            let last = streak.progress.count
            if line.msgId == nil, line.repeatCount == last, line.timestamp == streak.lastTimestamp, !line.repeatEnd {
                open[key] = streak
                return counted
            }
            if line.repeatCount > last || (line.repeatCount == last && line.repeatEnd) {
                streak.progress.count = line.repeatCount
                streak.progress.points = StreakTracker.points(streak.progress.unitPoints, line.repeatCount)
                streak.progress.lastSeenAt = max(streak.progress.lastSeenAt, now)
                streak.progress.lastMsgId = line.msgId ?? streak.progress.lastMsgId
                streak.lastTimestamp = line.timestamp ?? streak.lastTimestamp
                streak.receiver = line.receiver ?? streak.receiver
                if let msgId = line.msgId { streak.seen.insert(msgId) }
                if line.repeatEnd {
                    counted.append(close(streak, reason: .streakEnd, ended: true, at: now))
                } else {
                    keepOpen(streak)
                }
                return counted
            }
            counted.append(close(streak, reason: .restarted, ended: false, at: now))
        } else if let previous = closed[key], !previous.ended {
            if line.repeatEnd && line.repeatCount == previous.count { return counted }
            if line.repeatCount > previous.count {
                counted += start(line, key: key, base: previous.count, seen: previous.seen, at: now)
                return counted
            }
        }
        counted += start(line, key: key, base: 0, seen: [], at: now)
        return counted
    }

    /// Opens a streak with `line` (counting it at once when it is its own end).
    private mutating func start(_ line: GiftLine, key: StreakKey, base: Int64, seen: Set<String>, at now: Int64) -> [CountedGift] {
        let progress = StreakProgress(key: key, giftId: line.giftId, giftName: line.giftName, unitPoints: line.unitPoints,
                                      count: line.repeatCount, points: line.linePoints, sender: line.sender,
                                      startedAt: now, lastSeenAt: now, lastMsgId: line.msgId)
        var streak = Open(progress: progress, giftType: line.giftType, base: base, receiver: line.receiver,
                          lastTimestamp: line.timestamp, seen: seen)
        if let msgId = line.msgId { streak.seen.insert(msgId) }
        closed[key] = nil
        if line.repeatEnd {
            return [close(streak, reason: .streakEnd, ended: true, at: now)]
        }
        keepOpen(streak)
        return []
    }

    /// Stores an open streak and its deadline.
    private mutating func keepOpen(_ streak: Open) {
        open[streak.progress.key] = streak
        deadlines.insert(Deadline(at: streak.progress.lastSeenAt, key: streak.progress.key, isClosed: false))
    }

    /// Closes the streaks that saw no line for `timeoutMs` before `now`, counting each with its
    /// last count; forgets closed streaks older than the timeout.
    public mutating func expire(now: Int64) -> [CountedGift] {
        var stale: [StreakKey: Open] = [:]
        while let next = deadlines.min, now.subtractingReportingOverflow(next.at).partialValue >= timeoutMs {
            deadlines.removeMin()
            if next.isClosed {
                if closed[next.key]?.closedAt == next.at { closed[next.key] = nil }
            } else if let streak = open[next.key], streak.progress.lastSeenAt == next.at {
                open[next.key] = nil
                stale[next.key] = streak
            }
        }
        guard !stale.isEmpty else { return [] }
        var counted: [CountedGift] = []
        for (_, streak) in stale.sorted(by: { ($0.value.progress.startedAt, $0.key) < ($1.value.progress.startedAt, $1.key) }) {
            counted.append(close(streak, reason: .timeout, ended: false, at: now))
        }
        return counted
    }

    /// Closes every open streak now (the stream ended), counting each with its last count.
    public mutating func flush(at now: Int64) -> [CountedGift] {
        let streaks = inProgress
        var counted: [CountedGift] = []
        for progress in streaks {
            guard let streak = open.removeValue(forKey: progress.key) else { continue }
            counted.append(close(streak, reason: .flushed, ended: false, at: now))
        }
        return counted
    }

    private mutating func close(_ streak: Open, reason: CountReason, ended: Bool, at now: Int64) -> CountedGift {
        let progress = streak.progress
        closed[progress.key] = Closed(count: progress.count, closedAt: now, ended: ended, seen: streak.seen)
        deadlines.insert(Deadline(at: now, key: progress.key, isClosed: true))
        let count = max(0, progress.count - streak.base)
        return CountedGift(giftId: progress.giftId, giftName: progress.giftName, unitPoints: progress.unitPoints,
                           count: count, totalPoints: StreakTracker.points(progress.unitPoints, count),
                           giftType: streak.giftType, sender: progress.sender, receiver: streak.receiver,
                           msgId: progress.lastMsgId, lineTimestamp: streak.lastTimestamp, streakKey: progress.key,
                           reason: reason, countedAt: now)
    }

    /// `unit × count`; every count here is one a valid `GiftLine` carried, so it cannot overflow,
    /// but it saturates rather than trap if it ever did.
    static func points(_ unit: Int64, _ count: Int64) -> Int64 {
        let (product, overflow) = unit.multipliedReportingOverflow(by: count)
        return overflow ? Int64.max : product
    }
}
