/// Applies a LIVE feed to a creator's wallet exactly once: decodes each line, holds it to the
/// trust model, counts streaks once, tells the creator's side of a battle and gifts to guests by
/// TikTok identity, and runs every counted event as a command keyed by its kind and `msgId` (or
/// its content when it has none), so a feed read again after a crash or a reconnect changes
/// nothing twice. A feed event for a creator who is off-air opens the next session.
///
/// With a `batchLimit` above 1, a batch is handed to the runner as one transaction and the next
/// lines are decoded while it commits (``commit()``); at most one batch is in flight, so batches
/// commit in the order their events came, and ``flush()`` waits for all of it.
///
/// ```swift
/// var applier = FeedApplier(runner: store, creator: leo)
/// await applier.apply(line: line, nowMs: clockMs)
/// await applier.finish(nowMs: clockMs)
/// applier.report.summary
/// ```
public struct FeedApplier {
    public let runner: CommandRunner
    /// The creator, as the wallet last told (a TikTok id the feed learns is kept here too).
    public private(set) var creator: Account
    public private(set) var report = FeedReport()
    /// Streaks seen but not yet counted (for screens that show them growing).
    public var streaksInProgress: [StreakProgress] { tracker.inProgress }
    private let decoder: FeedLineDecoder
    private let encoder = FeedLineEncoder()
    private var tracker: StreakTracker
    private var battle = BattleIdentity()
    private var ended = false
    /// Commands decided here and not yet handed to the runner (see ``commit()``).
    private var queue: [Queued] = []
    /// The batch handed to the runner whose answers are not counted yet (see ``settle()``).
    private var committing: Committing?
    /// How many commands may wait for one transaction; 1 runs each event as it comes.
    public let batchLimit: Int

    /// A queued command and what its answer counts in the report.
    private struct Queued {
        var command: KeyedCommand
        var kind: String
        var reporting: Reporting
    }

    /// A batch in its transaction, and the answers it will give (nil: the batch failed as a whole).
    private struct Committing {
        var batch: [Queued]
        var answers: Task<[CommandResult]?, Never>
    }

    private enum Reporting {
        /// An event: applied, duplicate or refused, by kind.
        case event
        /// Gifts for the creator (`giftsCounted`) or for a guest (`giftsToGuests`), counted as events too.
        case gifts(Int64, guest: Bool)
        /// A growing streak's progress: only a refusal is counted.
        case progress
        /// A bad line's record: nothing more is counted.
        case silent
    }

    public init(runner: CommandRunner, creator: Account, batchLimit: Int = 1) {
        self.runner = runner
        self.creator = creator
        self.batchLimit = max(1, batchLimit)
        self.decoder = FeedLineDecoder(catalog: FeedGiftTable(economy: runner.economy))
        self.tracker = StreakTracker(timeoutMs: runner.economy.rules.streakTimeoutSeconds * 1000)
    }

    /// Whether the last stream event was a `streamEnd` (the session is closed; a new event opens
    /// the next one).
    public var streamEnded: Bool { ended }

    /// Decodes and applies one line; a bad line is counted, never thrown.
    public mutating func apply(line: String, nowMs: Int64) async {
        if line.allSatisfy({ $0.isWhitespace }) { return }
        switch decoder.decode(line) {
        case .failure(let problem):
            report.badLines[problem.kindName, default: 0] += 1
            // Recorded once per distinct line, so reading the same file again adds nothing.
            let key = "feed-bad:\(creator.id):" + StableHash.hex(line, length: 24)
            await enqueue(Queued(command: KeyedCommand(.feed(creator: creator.name, effect: .badLine(kind: problem.kindName)), key: .caller(key)),
                                 kind: "bad", reporting: .silent))
        case .success(let event):
            await apply(event: event, nowMs: nowMs)
        }
    }

    /// Applies one decoded event.
    public mutating func apply(event: FeedEvent, nowMs: Int64) async {
        let time = event.timestamp ?? nowMs
        await expire(nowMs: time)
        switch event.kind {
        case .ignored(let name):
            report.ignored[name, default: 0] += 1
            return
        case .battleNotice:
            report.pending += 1
            return
        default:
            break
        }
        if event.msgId == nil { report.withoutMsgId += 1 }
        switch event.kind {
        case .gift(let line):
            await gift(line.stamped(msgId: event.msgId, timestamp: event.timestamp), event: event, at: time)
        case .follow:
            await run(.follow(count: 1), event: event)
        case .join:
            await run(.joins(1), event: event)
        case .like(_, let count, _):
            await run(.likes(count), event: event)
        case .share:
            await run(.shares(1), event: event)
        case .viewers(let count, _):
            await run(.viewers(count), event: event)
        case .battleStarted(let battleID, let hosts, let seconds):
            await battleStarted(battleID: battleID, hosts: hosts, seconds: seconds, event: event)
        case .battleScores(let battleID, let scores):
            await battleScores(scores, final: false, battleID: battleID, event: event)
        case .battleEnded(let battleID, let scores):
            await battleScores(scores, final: true, battleID: battleID, event: event)
        case .streamEnded:
            for gift in tracker.flush(at: time) { await count(gift) }
            await run(.streamEnded, event: event)
            ended = true
        case .battleNotice, .ignored:
            break
        }
    }

    /// Counts streaks whose end never arrived within the timeout.
    public mutating func expire(nowMs: Int64) async {
        for gift in tracker.expire(now: nowMs) { await count(gift) }
    }

    /// Closes every open streak (end of input) and runs what is queued.
    public mutating func finish(nowMs: Int64) async {
        for gift in tracker.flush(at: nowMs) { await count(gift) }
        await flush()
    }

    /// Runs every queued command and waits for all their answers (the report is then complete).
    public mutating func flush() async {
        await commit()
        await settle()
    }

    /// Hands the queued commands to the runner as one transaction. With a `batchLimit` above 1 it
    /// returns as soon as the transaction has begun (after the one before it is answered), so the
    /// caller decodes the next lines while it commits; ``settle()`` or ``flush()`` waits for it.
    public mutating func commit() async {
        guard !queue.isEmpty else { return }
        await settle()
        let batch = queue
        queue.removeAll(keepingCapacity: true)
        let runner = self.runner
        let commands = batch.map(\.command)
        guard batchLimit > 1 else {
            await answer(batch, with: try? await runner.submitBatch(commands))
            return
        }
        committing = Committing(batch: batch, answers: Task { try? await runner.submitBatch(commands) })
    }

    /// Waits for the batch in its transaction, if any, and counts its answers.
    public mutating func settle() async {
        guard let inFlight = committing else { return }
        committing = nil
        await answer(inFlight.batch, with: await inFlight.answers.value)
    }

    /// Counts a batch's answers. When the batch failed as a whole (a storage error, a reused
    /// key), its commands run one by one, so one bad command costs only itself.
    private mutating func answer(_ batch: [Queued], with results: [CommandResult]?) async {
        if let results, results.count == batch.count {
            for (queued, result) in zip(batch, results) { count(.success(result), of: queued) }
            return
        }
        for queued in batch {
            do {
                count(.success(try await runner.submit(queued.command.command, key: queued.command.key)), of: queued)
            } catch {
                count(.failure(error), of: queued)
            }
        }
    }

    /// Whether commands are waiting for their answers (queued, or in their transaction).
    public var hasQueued: Bool { !queue.isEmpty || committing != nil }

    /// Whether commands are waiting to be handed to the runner (``commit()``).
    public var hasUncommitted: Bool { !queue.isEmpty }

    private mutating func enqueue(_ queued: Queued) async {
        queue.append(queued)
        if queue.count >= batchLimit { await commit() }
    }

    // MARK: Gifts

    /// Holds a gift line to the trust model, then lets the tracker count it.
    private mutating func gift(_ line: GiftLine, event: FeedEvent, at time: Int64) async {
        let priced: GiftLine
        do {
            try runner.economy.checkFeedCount(line.repeatCount)
            let price = try runner.economy.feedPrice(giftID: line.giftId, declared: line.declaredPoints ?? line.unitPoints)
            guard let repriced = line.priced(price.points) else { throw WalletError.overflow("\(line.repeatCount) × \(price.points) points") }
            if price.mismatch { report.warnings["priceMismatch", default: 0] += 1 }
            priced = repriced
        } catch let error as WalletError {
            report.refused[error.code.reportName, default: 0] += 1
            return
        } catch {
            report.refused["invalidInput", default: 0] += 1
            return
        }
        if let receiver = line.receiver { await learn(from: receiver) }
        let counted = tracker.ingest(priced, at: time)
        for gift in counted { await count(gift) }
        if counted.isEmpty {
            report.pending += 1
            if let growing = tracker.progress(of: StreakKey(line: priced)) {
                let effect = FeedEffect.streak(giftID: growing.giftId, name: growing.giftName, unitPoints: growing.unitPoints,
                                               count: growing.count, gifter: growing.sender.displayName)
                await run(effect, kind: "streak", id: event.msgId ?? contentID(event), event: event, reporting: .progress)
            }
        }
    }

    private mutating func count(_ gift: CountedGift) async {
        guard gift.count > 0 else { return }
        let line = GiftLine(giftId: gift.giftId, giftName: gift.giftName, unitPoints: gift.unitPoints, repeatCount: gift.count,
                            repeatEnd: true, giftType: gift.giftType, sender: gift.sender, groupId: gift.streakKey.groupId,
                            msgId: gift.msgId, timestamp: gift.lineTimestamp, receiver: gift.receiver)
        let logged = line.map { FeedEvent(.gift($0), msgId: gift.msgId, timestamp: gift.lineTimestamp) }
        let id = gift.msgId ?? "c:" + StableHash.hex(["gift", gift.sender.key, String(gift.giftId), gift.streakKey.groupId ?? "",
                                                        String(gift.count), gift.lineTimestamp.map(String.init) ?? ""].joined(separator: "|"), length: 24)
        if let receiver = gift.receiver, creator.feedMatch(receiver) == false {
            let effect = FeedEffect.guestGift(giftID: gift.giftId, name: gift.giftName, unitPoints: gift.unitPoints, count: gift.count,
                                              gifter: gift.sender.displayName, guestID: receiver.userId, guest: receiver.displayName)
            await run(effect, kind: "gift", id: id, event: logged, reporting: .gifts(gift.count, guest: true))
            return
        }
        let effect = FeedEffect.gift(giftID: gift.giftId, name: gift.giftName, unitPoints: gift.unitPoints, count: gift.count,
                                     gifter: gift.sender.displayName)
        await run(effect, kind: "gift", id: id, event: logged, reporting: .gifts(gift.count, guest: false))
    }

    // MARK: Battles

    private mutating func battleStarted(battleID: String?, hosts: [BattleHost], seconds: Int64?, event: FeedEvent) async {
        for host in hosts { await learn(from: host.user) }
        battle.start(hosts: hosts, creator: creator)
        let effect: FeedEffect
        if let mine = battle.mine, let opponent = hosts.first(where: { $0.hostKey != mine.hostKey }) {
            effect = .battleStarted(opponent: opponent.user.displayName, seconds: seconds, battleID: battleID, sideKnown: true)
        } else if battle.mine != nil {
            effect = .battleStarted(opponent: "opponent", seconds: seconds, battleID: battleID, sideKnown: true)
        } else {
            let names = hosts.map(\.user.displayName).joined(separator: " / ")
            effect = .battleStarted(opponent: names.isEmpty ? "opponent" : names, seconds: seconds, battleID: battleID, sideKnown: false)
        }
        await run(effect, event: event)
    }

    private mutating func battleScores(_ scores: [BattleScore], final: Bool, battleID: String?, event: FeedEvent) async {
        guard !scores.isEmpty else { report.pending += 1; return }
        if let mine = battle.mySide(in: scores, creator: creator) {
            let theirs = scores.first { $0.hostId != mine.hostId }
            await run(.battleScores(mine: mine.points, theirs: theirs?.points ?? 0, opponent: theirs.map { battle.name(of: $0.hostId) },
                                    final: final, battleID: battleID), event: event)
        } else {
            let hosts = scores.compactMap { score in
                (try? Points(whole: score.points)).map { GifterTotal(name: battle.name(of: score.hostId), points: $0) }
            }
            await run(.battleSidesUnknown(hosts: hosts, final: final, battleID: battleID), event: event)
        }
    }

    // MARK: Identity

    /// Learns the creator's TikTok id from a user the line shows with the creator's handle, when
    /// the account has none; reports a line that shows the handle with another id.
    private mutating func learn(from user: FeedUser) async {
        guard let id = user.userId, let handle = user.handleKey, let mine = creator.feedHandleKey, handle == mine else { return }
        if let stored = creator.profile.tiktokID {
            if stored != id { report.warnings["identityConflict", default: 0] += 1 }
            return
        }
        // What is queued was decided with the creator as it was; it runs first.
        await flush()
        do {
            let key = CommandKey.caller("feed:\(creator.id):identity:\(id)")
            let result = try await runner.submit(.updateAccount(name: creator.name, patch: ProfilePatch(tiktokID: id)), key: key)
            switch result.answer {
            case .success(.account(let account)):
                creator = account
                if !result.replayed { report.learnedTikTokID = id }
            case .success:
                break
            case .failure:
                report.warnings["identityConflict", default: 0] += 1
            }
        } catch {
            report.warnings["identityConflict", default: 0] += 1
        }
    }

    // MARK: Running

    /// The content key of an event without a msgId.
    private func contentID(_ event: FeedEvent) -> String {
        "c:" + StableHash.hex(encoder.encode(event) + "|" + (event.contentHint ?? ""), length: 24)
    }

    private mutating func run(_ effect: FeedEffect, event: FeedEvent) async {
        await run(effect, kind: effect.eventKind, id: event.msgId ?? contentID(event), event: event)
    }

    private static let streamEndKind = FeedEffect.streamEnded.eventKind

    /// Queues one effect under `feed:CREATOR:KIND:ID`.
    private mutating func run(_ effect: FeedEffect, kind: String, id: String, event: FeedEvent?, reporting: Reporting = .event) async {
        // The kept form is made here, beside the decoding, not in the writer's transaction.
        let source = FeedSource(atMs: event?.timestamp, line: event.map { encoder.encode($0.logged) }, msgID: Int64(id))
        let command = Command.feed(creator: creator.name, effect: effect, source: source)
        let key = CommandKey.caller("feed:\(creator.id):\(kind):\(id)")
        await enqueue(Queued(command: KeyedCommand(command, key: key), kind: kind, reporting: reporting))
    }

    /// Counts one command's answer in the report.
    private mutating func count(_ answer: Result<CommandResult, Error>, of queued: Queued) {
        if case .silent = queued.reporting { return }
        // In the order the events came: an event that opened a session clears `ended`, and a
        // stream's end sets it again (it was set when the end was queued, too).
        defer { if queued.kind == Self.streamEndKind { ended = true } }
        let counts: Bool
        if case .progress = queued.reporting { counts = false } else { counts = true }
        let result: CommandResult
        switch answer {
        case .success(let value):
            result = value
        case .failure(let error as WalletError) where error.code == .keyReused:
            report.duplicates += 1
            return
        case .failure(let error as WalletError):
            report.refused[error.code.reportName, default: 0] += 1
            return
        case .failure:
            report.refused["storage", default: 0] += 1
            return
        }
        if result.replayed {
            if counts { report.duplicates += 1 }
            return
        }
        switch result.answer {
        case .success(let outcome):
            if counts { report.applied[queued.kind, default: 0] += 1 }
            if case .gifts(let gifts, let guest) = queued.reporting {
                if guest { report.giftsToGuests += gifts } else { report.giftsCounted += gifts }
            }
            if case .feed(let receipt) = outcome {
                report.earned = (try? report.earned.adding(receipt.earned)) ?? report.earned
                if receipt.openedSession {
                    report.sessionsOpened += 1
                    ended = false
                }
            }
        case .failure(let refusal):
            report.refused[refusal.code.reportName, default: 0] += 1
        }
    }
}
