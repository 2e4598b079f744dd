import Foundation

/// SplitMix64: a tiny, fast, fully deterministic 64-bit generator (Steele, Lea & Flood).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform integer in `range` (tiny modulo bias is irrelevant here).
    public mutating func int(in range: ClosedRange<Int64>) -> Int64 {
        let width = UInt64(bitPattern: range.upperBound &- range.lowerBound) &+ 1
        if width == 0 { return Int64(bitPattern: next()) }
        return range.lowerBound &+ Int64(bitPattern: next() % width)
    }

    /// Exponentially distributed with the given mean.
    public mutating func exponential(mean: Double) -> Double { -log(1 - unit()) * mean }
}

/// A feed event at a time since the stream started (ms).
public struct TimedFeedEvent: Sendable, Hashable {
    public var offsetMs: Int64
    public var event: FeedEvent
    public init(offsetMs: Int64, event: FeedEvent) {
        self.offsetMs = offsetMs
        self.event = event
    }
}

/// A realistic, seeded live stream: arrivals at exponential inter-arrival times (`ratePerSecond`
/// on average) over `seconds`; each arrival is a gift (weighted toward cheap gifts; streakable
/// gifts arrive as several partial lines then a `repeatEnd`), a like burst, a join, a follow, a
/// share or a viewer count (rising then falling); optionally a battle against
/// `battleOpponent` over the middle half, with score updates every few seconds; then `streamEnd`.
/// Same seed and settings → the same events, byte for byte.
public struct LiveStreamSimulator: Sendable {
    public let seed: UInt64
    public let ratePerSecond: Double
    public let seconds: Int
    public let gifts: [FeedGiftInfo]
    public let battleOpponent: String?
    public let creator: String
    public let startTimeMs: Int64

    public init(seed: UInt64, ratePerSecond: Double, seconds: Int, gifts: any FeedGiftCatalog, battleOpponent: String? = nil,
                creator: String = "creator", startTimeMs: Int64 = 1_732_000_000_000) {
        self.seed = seed
        self.ratePerSecond = ratePerSecond.isFinite ? min(max(ratePerSecond, 0.01), 10_000) : 1
        self.seconds = min(max(seconds, 1), 86_400)
        // Sane prices only, so no sum can come near overflow (≤ 86,400 s × 1,000/s × 99 × 10^7).
        self.gifts = gifts.allGifts.filter { (0...10_000_000).contains($0.points) && (0...1000).contains($0.type) }
        self.battleOpponent = battleOpponent
        self.creator = creator
        self.startTimeMs = startTimeMs
    }

    /// The events and the totals the simulator itself meant (kept while generating, not by
    /// decoding): a feed that decodes them right tallies exactly these totals.
    public func run() -> (events: [TimedFeedEvent], totals: FeedTotals) {
        var generator = Generator(simulator: self)
        return generator.generate()
    }

    public func events() -> [TimedFeedEvent] { run().events }

    /// The events as flat connector JSON lines.
    public func jsonLines() -> [String] {
        let encoder = FeedLineEncoder()
        return events().map { encoder.encode($0.event) }
    }
}

private struct Generator {
    let sim: LiveStreamSimulator
    var rng: SplitMix64
    var totals = FeedTotals()
    var drafts: [(time: Int64, seq: Int, draft: Draft)] = []
    var seq = 0
    var viewersPool: [FeedUser] = []
    var cumulativeWeights: [Double] = []
    var likeTotal: Int64 = 0
    let durationMs: Int64
    let creatorUser: FeedUser
    let opponentUser: FeedUser?

    enum Draft {
        case event(FeedEventKind)
        /// A gift line that counts when it arrives (non-streak, or a streak's end).
        case countingGift(GiftLine, points: Int64)
        case armiesTick
        case battleEnd
    }

    init(simulator: LiveStreamSimulator) {
        sim = simulator
        rng = SplitMix64(seed: simulator.seed ^ 0x5449_4B53_434F_5245)
        durationMs = Int64(simulator.seconds) * 1000
        // The creator by handle only: a simulated id would be "learned" as the account's TikTok id.
        creatorUser = FeedUser(userId: nil, uniqueId: simulator.creator, nickname: simulator.creator)
        opponentUser = simulator.battleOpponent.map { FeedUser(userId: "6900000000000000002", uniqueId: $0, nickname: $0) }
        var running = 0.0
        for gift in simulator.gifts {
            running += 1 / pow(Double(max(gift.points, 1)), 0.9)
            cumulativeWeights.append(running)
        }
    }

    mutating func add(_ time: Int64, _ draft: Draft) {
        drafts.append((time, seq, draft))
        seq += 1
    }

    mutating func makeViewers() {
        let count = Int(min(500, 30 + sim.ratePerSecond * Double(sim.seconds) / 8))
        let first = ["mi", "ka", "lu", "no", "ri", "sa", "to", "be", "zu", "ya", "el", "an", "jo", "ve"]
        let second = ["ra", "ki", "na", "mo", "li", "so", "de", "xa", "pi", "ne", "tu", "ma"]
        for index in 0..<count {
            let name = first[Int(rng.next() % UInt64(first.count))] + second[Int(rng.next() % UInt64(second.count))]
                + first[Int(rng.next() % UInt64(first.count))]
            // User ids above 2^53, like TikTok's, so exactness is exercised.
            let userId = 7_000_000_000_000_000_000 + Int64(index) * 1_000_003 + rng.int(in: 0...999_999)
            viewersPool.append(FeedUser(userId: String(userId), uniqueId: "\(name)\(index)", nickname: name.capitalized))
        }
    }

    mutating func randomViewer() -> FeedUser {
        // Skewed: a few regulars do most of the talking and gifting.
        let skew = rng.unit() * rng.unit()
        return viewersPool[min(viewersPool.count - 1, Int(skew * Double(viewersPool.count)))]
    }

    mutating func randomGift() -> FeedGiftInfo? {
        guard let total = cumulativeWeights.last, total > 0 else { return nil }
        let target = rng.unit() * total
        let index = cumulativeWeights.firstIndex { $0 > target } ?? (cumulativeWeights.count - 1)
        return sim.gifts[index]
    }

    func viewerCurve(_ time: Int64, peak: Double) -> Double {
        let phase = Double(time) / Double(max(durationMs, 1))
        return peak * (0.15 + 0.85 * pow(sin(Double.pi * min(max(phase, 0), 1)), 0.7))
    }

    /// The msgId of message `number`: above 2^53 like TikTok's, and different for every seed, so
    /// two simulated streams never share ids (the same seed gives the same ids, for replays).
    func messageID(_ number: Int64) -> String {
        String(7_000_000_000_000_000_000 + Int64(sim.seed % 1_000_000) * 1_000_000_000_000 + number * 7)
    }

    mutating func generate() -> (events: [TimedFeedEvent], totals: FeedTotals) {
        makeViewers()
        let peak = 40 + rng.unit() * 400
        let battleStart = durationMs / 4
        let battleEnd = durationMs * 3 / 4
        let battleId = "74000000000000" + String(100_000 + sim.seed % 900_000)
        if let opponentUser {
            add(battleStart, .event(.battleStarted(battleId: battleId, hosts: [BattleHost(user: creatorUser), BattleHost(user: opponentUser)],
                                                   seconds: Int64((battleEnd - battleStart) / 1000))))
            var tick = battleStart + 3000
            while tick < battleEnd {
                add(tick, .armiesTick)
                tick += 2000 + rng.int(in: 0...2000)
            }
            add(battleEnd, .battleEnd)
        }
        add(0, .event(.viewers(count: Int64(viewerCurve(0, peak: peak)), totalUsers: nil)))
        var clock = 0.0
        while true {
            clock += rng.exponential(mean: 1000 / sim.ratePerSecond)
            let time = Int64(clock)
            guard time < durationMs else { break }
            let roll = rng.unit()
            if roll < 0.22 {
                emitGift(at: time)
            } else if roll < 0.55 {
                let count = rng.int(in: 1...15)
                likeTotal += count
                add(time, .event(.like(user: randomViewer(), count: count, total: likeTotal)))
            } else if roll < 0.75 {
                add(time, .event(.join(randomViewer())))
            } else if roll < 0.81 {
                add(time, .event(.follow(randomViewer())))
            } else if roll < 0.85 {
                add(time, .event(.share(randomViewer())))
            } else {
                let noise = 1 + (rng.unit() - 0.5) * 0.2
                add(time, .event(.viewers(count: max(0, Int64(viewerCurve(time, peak: peak) * noise)), totalUsers: nil)))
            }
        }
        drafts.sort { ($0.time, $0.seq) < ($1.time, $1.seq) }
        return finish(battleId: battleId)
    }

    mutating func emitGift(at time: Int64) {
        guard let gift = randomGift() else { return }
        let sender = randomViewer()
        if gift.type == 1 {
            let finalCount = min(99, 1 + Int64(rng.exponential(mean: 5)))
            let groupId = String((sim.startTimeMs + time) * 1000 + Int64(seq % 1000))
            var lineTime = time
            var count: Int64 = 1
            while true {
                guard let partial = GiftLine(giftId: gift.id, giftName: gift.name, unitPoints: gift.points, repeatCount: count,
                                             repeatEnd: false, giftType: gift.type, sender: sender, groupId: groupId,
                                             declaredPoints: gift.points) else { return }
                add(lineTime, .event(.gift(partial)))
                if count >= finalCount { break }
                count = min(finalCount, count + rng.int(in: 1...3))
                lineTime += rng.int(in: 150...700)
            }
            lineTime += rng.int(in: 200...800)
            guard let end = GiftLine(giftId: gift.id, giftName: gift.name, unitPoints: gift.points, repeatCount: finalCount,
                                     repeatEnd: true, giftType: gift.type, sender: sender, groupId: groupId,
                                     declaredPoints: gift.points) else { return }
            add(lineTime, .countingGift(end, points: end.linePoints))
        } else {
            guard let line = GiftLine(giftId: gift.id, giftName: gift.name, unitPoints: gift.points, repeatCount: 1,
                                      repeatEnd: gift.type == 4 ? false : true, giftType: gift.type, sender: sender,
                                      declaredPoints: gift.points) else { return }
            add(time, .countingGift(line, points: line.linePoints))
        }
    }

    /// Second pass, in time order: battle scores from the gifts counted so far, message ids,
    /// timestamps and the simulator's own totals.
    mutating func finish(battleId: String) -> (events: [TimedFeedEvent], totals: FeedTotals) {
        var out: [TimedFeedEvent] = []
        var battleOn = false
        var creatorScore: Int64 = 0
        var opponentScore: Int64 = 0
        var messageNumber: Int64 = 0
        var lastTime: Int64 = 0

        func scores(_ creator: Int64, _ opponent: Int64) -> [BattleScore] {
            [BattleScore(hostId: BattleHost(user: creatorUser).hostKey, points: creator),
             BattleScore(hostId: opponentUser?.userId ?? "", points: opponent)]
        }

        for (time, _, draft) in drafts {
            messageNumber += 1
            let msgId = messageID(messageNumber)
            let timestamp = sim.startTimeMs + time
            let kind: FeedEventKind
            switch draft {
            case .event(let eventKind):
                if case .gift(let line) = eventKind {
                    kind = .gift(line.stamped(msgId: msgId, timestamp: timestamp))
                } else {
                    kind = eventKind
                }
                switch eventKind {
                case .battleStarted: battleOn = true
                case .follow: totals.followers += 1
                case .join: totals.joins += 1
                case .share: totals.shares += 1
                case .like(_, let count, _): totals.likes += count
                case .viewers(let count, _):
                    totals.viewers = count
                    totals.peakViewers = max(totals.peakViewers, count)
                default: break
                }
            case .countingGift(let line, let points):
                kind = .gift(line.stamped(msgId: msgId, timestamp: timestamp))
                totals.giftPoints += points
                totals.giftCount += line.repeatCount
                totals.pointsByGift[line.giftId, default: 0] += points
                totals.countByGift[line.giftId, default: 0] += line.repeatCount
                totals.pointsBySender[line.sender.key, default: 0] += points
                if battleOn { creatorScore += points }
            case .armiesTick:
                opponentScore += rng.unit() < 0.6 ? rng.int(in: 1...30) : rng.int(in: 0...400)
                kind = .battleScores(battleId: battleId, scores: scores(creatorScore, opponentScore))
            case .battleEnd:
                battleOn = false
                kind = .battleEnded(battleId: battleId, scores: scores(creatorScore, opponentScore))
                totals.battleScores[battleId] = [BattleHost(user: creatorUser).hostKey: creatorScore, opponentUser?.userId ?? "": opponentScore]
            }
            out.append(TimedFeedEvent(offsetMs: time, event: FeedEvent(kind, msgId: msgId, timestamp: timestamp)))
            lastTime = time
        }
        let endTime = lastTime + 1000
        messageNumber += 1
        out.append(TimedFeedEvent(offsetMs: endTime, event: FeedEvent(.streamEnded, msgId: messageID(messageNumber),
                                                                        timestamp: sim.startTimeMs + endTime)))
        totals.streamEnded = true
        return (out, totals)
    }
}
