/// Applies a LIVE feed to a creator's wallet exactly once: decodes each line, holds it to the
/// trust model, counts streaks once, tells the creator's side of a battle and gifts to guests by
/// TikTok identity, and runs every counted event as a command keyed by its kind and `msgId` (or
/// its content when it has none), so a feed read again after a crash or a reconnect changes
/// nothing twice. A feed event for a creator who is off-air opens the next session.
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

    public init(runner: CommandRunner, creator: Account) {
        self.runner = runner
        self.creator = creator
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
            _ = try? await runner.submit(.feed(creator: creator.name, effect: .badLine(kind: problem.kindName)), key: .caller(key))
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

    /// Closes every open streak (end of input).
    public mutating func finish(nowMs: Int64) async {
        for gift in tracker.flush(at: nowMs) { await count(gift) }
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
            if let growing = tracker.inProgress.first(where: { $0.key == StreakKey(line: priced) }) {
                let effect = FeedEffect.streak(giftID: growing.giftId, name: growing.giftName, unitPoints: growing.unitPoints,
                                               count: growing.count, gifter: growing.sender.displayName)
                await run(effect, kind: "streak", id: event.msgId ?? contentID(event), event: event, counts: false)
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
            if await run(effect, kind: "gift", id: id, event: logged) { report.giftsToGuests += gift.count }
            return
        }
        let effect = FeedEffect.gift(giftID: gift.giftId, name: gift.giftName, unitPoints: gift.unitPoints, count: gift.count,
                                     gifter: gift.sender.displayName)
        if await run(effect, kind: "gift", id: id, event: logged) { report.giftsCounted += gift.count }
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

    @discardableResult
    private mutating func run(_ effect: FeedEffect, event: FeedEvent) async -> Bool {
        await run(effect, kind: effect.eventKind, id: event.msgId ?? contentID(event), event: event)
    }

    /// Submits one effect under `feed:CREATOR:KIND:ID`; true when it changed the wallet.
    @discardableResult
    private mutating func run(_ effect: FeedEffect, kind: String, id: String, event: FeedEvent?, counts: Bool = true) async -> Bool {
        let source = FeedSource(atMs: event?.timestamp, line: event.map { encoder.encode($0) })
        let command = Command.feed(creator: creator.name, effect: effect, source: source)
        let key = CommandKey.caller("feed:\(creator.id):\(kind):\(id)")
        do {
            let result = try await runner.submit(command, key: key)
            if result.replayed {
                if counts { report.duplicates += 1 }
                return false
            }
            switch result.answer {
            case .success(let outcome):
                if counts { report.applied[kind, default: 0] += 1 }
                if case .feed(let receipt) = outcome {
                    report.earned = (try? report.earned.adding(receipt.earned)) ?? report.earned
                    if receipt.openedSession {
                        report.sessionsOpened += 1
                        ended = false
                    }
                }
                return true
            case .failure(let refusal):
                report.refused[refusal.code.reportName, default: 0] += 1
                return false
            }
        } catch let error as WalletError where error.code == .keyReused {
            report.duplicates += 1
        } catch let error as WalletError {
            report.refused[error.code.reportName, default: 0] += 1
        } catch {
            report.refused["storage", default: 0] += 1
        }
        return false
    }
}
