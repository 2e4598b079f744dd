/// Applies a LIVE feed to a creator's wallet exactly once: decodes each line, counts streaks
/// once, and runs every counted event as a command keyed by its `msgId`, so a feed read again
/// after a crash or a reconnect changes nothing twice.
///
/// ```swift
/// var applier = FeedApplier(runner: store, creator: leo)
/// await applier.apply(line: line, nowMs: clockMs)
/// await applier.finish(nowMs: clockMs)
/// applier.report.summary
/// ```
public struct FeedApplier {
    public let runner: CommandRunner
    public let creator: Account
    public private(set) var report = FeedReport()
    /// Streaks seen but not yet counted (for screens that show them growing).
    public var streaksInProgress: [StreakProgress] { tracker.inProgress }
    private let decoder: FeedLineDecoder
    private var tracker: StreakTracker
    private var myHostID: String?
    private var ended = false

    public init(runner: CommandRunner, creator: Account) {
        self.runner = runner
        self.creator = creator
        let catalog = FeedGiftTable(runner.economy.gifts.map { FeedGiftInfo(id: $0.id, name: $0.name, points: $0.points, type: $0.type) })
        self.decoder = FeedLineDecoder(catalog: catalog)
        self.tracker = StreakTracker(timeoutMs: runner.economy.rules.streakTimeoutSeconds * 1000)
    }

    /// Whether a `streamEnd` was applied.
    public var streamEnded: Bool { ended }

    /// Decodes and applies one line; a bad line is counted, never thrown.
    public mutating func apply(line: String, nowMs: Int64) async {
        if line.allSatisfy({ $0.isWhitespace }) { return }
        switch decoder.decode(line) {
        case .failure(let problem):
            report.badLines[problem.kindName, default: 0] += 1
            // Recorded once per distinct line, so reading the same file again adds nothing.
            let key = "feed-bad:\(creator.id):" + StableHash.hex(line, length: 24)
            _ = try? await runner.submit(.feed(creator: creator.name, effect: .badLine(kind: problem.kindName)), key: .caller(key))
        case .success(let event):
            await apply(event: event, nowMs: nowMs)
        }
    }

    /// Applies one decoded event.
    public mutating func apply(event: FeedEvent, nowMs: Int64) async {
        await expire(nowMs: event.timestamp ?? nowMs)
        let key = event.msgId
        if key == nil { report.withoutMsgId += 1 }
        switch event.kind {
        case .gift(let line):
            let counted = tracker.ingest(line.stamped(msgId: event.msgId, timestamp: event.timestamp), at: event.timestamp ?? nowMs)
            for gift in counted { await count(gift) }
            if counted.isEmpty {
                report.pending += 1
                let growing = tracker.inProgress.first { $0.key == StreakKey(line: line) }
                if let growing {
                    // Its own key space: the line that ends or times out the streak may carry this msgId.
                    await run(.streak(giftID: growing.giftId, name: growing.giftName, unitPoints: growing.unitPoints, count: growing.count,
                                gifter: growing.sender.displayName), kind: "streak", msgId: key.map { "streak:" + $0 }, counts: false)
                }
            }
        case .follow:
            await run(.follow(count: 1), kind: "follow", msgId: key)
        case .join:
            await run(.joins(1), kind: "join", msgId: key)
        case .like(_, let count, _):
            await run(.likes(count), kind: "like", msgId: key)
        case .share:
            await run(.shares(1), kind: "share", msgId: key)
        case .viewers(let count, _):
            await run(.viewers(count), kind: "viewers", msgId: key)
        case .battleStarted(_, let hosts, let seconds):
            let mine = hosts.first { matchesCreator($0.user) } ?? hosts.first
            myHostID = mine?.hostKey
            let opponent = hosts.first { $0.hostKey != myHostID }.map { $0.user.displayName } ?? "opponent"
            await run(.battleStarted(opponent: opponent, seconds: seconds), kind: "battle", msgId: key)
        case .battleScores(_, let scores):
            await applyScores(scores, final: false, msgId: key)
        case .battleEnded(_, let scores):
            await applyScores(scores, final: true, msgId: key)
        case .battleNotice:
            report.pending += 1
        case .streamEnded:
            for gift in tracker.flush(at: event.timestamp ?? nowMs) { await count(gift) }
            await run(.streamEnded, kind: "streamEnd", msgId: key)
            ended = true
        }
    }

    /// Counts streaks whose end never arrived within the timeout.
    public mutating func expire(nowMs: Int64) async {
        for gift in tracker.expire(now: nowMs) { await count(gift) }
    }

    /// Closes every open streak (end of input).
    public mutating func finish(nowMs: Int64) async {
        for gift in tracker.flush(at: nowMs) { await count(gift) }
    }

    // MARK: Private

    private mutating func applyScores(_ scores: [BattleScore], final: Bool, msgId: String?) async {
        guard !scores.isEmpty else { report.pending += 1; return }
        let mine = scores.first { $0.hostId == myHostID } ?? scores[0]
        let theirs = scores.first { $0.hostId != mine.hostId }
        await run(.battleScores(mine: mine.points, theirs: theirs?.points ?? 0, opponent: theirs?.hostId, final: final), kind: "battle", msgId: msgId)
    }

    private mutating func count(_ gift: CountedGift) async {
        let effect = FeedEffect.gift(giftID: gift.giftId, name: gift.giftName, unitPoints: gift.unitPoints, count: gift.count,
                                     gifter: gift.sender.displayName)
        if await run(effect, kind: "gift", msgId: gift.msgId) { report.giftsCounted += gift.count }
    }

    @discardableResult
    private mutating func run(_ effect: FeedEffect, kind: String, msgId: String?, counts: Bool = true) async -> Bool {
        let command = Command.feed(creator: creator.name, effect: effect)
        let key = msgId.map { CommandKey.caller("feed:\(creator.id):\($0)") } ?? .fresh()
        do {
            let result = try await runner.submit(command, key: key)
            if result.replayed {
                if counts { report.duplicates += 1 }
                return false
            }
            switch result.answer {
            case .success(let outcome):
                if counts { report.applied[kind, default: 0] += 1 }
                if case .feed(let receipt) = outcome { report.earned = (try? report.earned.adding(receipt.earned)) ?? report.earned }
                return true
            case .failure(let refusal):
                report.refused[refusal.code.rawValue, default: 0] += 1
                return false
            }
        } catch let error as WalletError where error.code == .keyReused {
            report.duplicates += 1
        } catch let error as WalletError {
            report.refused[error.code.rawValue, default: 0] += 1
        } catch {
            report.refused["storage", default: 0] += 1
        }
        return false
    }

    private func matchesCreator(_ user: FeedUser) -> Bool {
        let name = NameKey.of(creator.name)
        return [user.uniqueId, user.nickname].compactMap { $0 }.contains { NameKey.of($0.hasPrefix("@") ? String($0.dropFirst()) : $0) == name }
    }
}
