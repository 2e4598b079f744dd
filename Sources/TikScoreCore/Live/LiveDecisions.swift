import Foundation

/// The state machine's LIVE rules: sessions, feed events and battles.
extension DecisionBuilder {
    mutating func liveStart(creator name: String) throws -> Decision {
        let creator = try WalletMachine.existing(name, in: state)
        guard creator.profile.role == .creator else {
            throw WalletError(.notEligible, "\(creator.name) is a supporter account; only creators go LIVE here")
        }
        if let open = try state.openSession(creatorID: creator.id) {
            throw WalletError(.alreadyLive, "\(creator.name) is already live (since \(Timestamp.format(open.startedAt)))")
        }
        let session = LiveSession(id: "s-" + StableHash.hex(context.commandID, length: 10), creatorID: creator.id,
                                  creatorName: creator.name, startedAt: context.now)
        changes.append(.saveSession(session))
        return Decision(changes: changes, outcome: .live(session))
    }

    mutating func liveStop(creator name: String) throws -> Decision {
        let creator = try WalletMachine.existing(name, in: state)
        guard var session = try state.openSession(creatorID: creator.id) else {
            throw WalletError(.notLive, "\(creator.name) is not live")
        }
        for var battle in try state.runningBattles() where battle.involves(creator.id) {
            battle.settle(at: context.now, tasks: economy.battleTasks)
            changes.append(.saveBattle(battle))
        }
        session.endedAt = context.now
        changes.append(.saveSession(session))
        return Decision(changes: changes, outcome: .live(session))
    }

    mutating func battleStart(left: String, right: String, seconds: Int64) throws -> Decision {
        let a = try WalletMachine.existing(left, in: state)
        let b = try WalletMachine.existing(right, in: state)
        guard a.id != b.id else { throw WalletError(.battle, "a battle needs two different creators") }
        guard (1...86_400).contains(seconds) else { throw WalletError(.battle, "a battle lasts 1 second to 24 hours") }
        for creator in [a, b] where try state.openSession(creatorID: creator.id) == nil {
            throw WalletError(.notLive, "\(creator.name) is not live; both creators must be live to battle")
        }
        let battle = try newBattle(left: BattleSide(accountID: a.id, name: a.name), right: BattleSide(accountID: b.id, name: b.name),
                                   seconds: seconds)
        changes.append(.saveBattle(battle))
        return Decision(changes: changes, outcome: .battle(battle))
    }

    mutating func battleEnd(creator: String?) throws -> Decision {
        let running = try state.runningBattles()
        var candidates = running
        if let creator {
            let account = try WalletMachine.existing(creator, in: state)
            candidates = running.filter { $0.involves(account.id) }
        }
        guard var battle = candidates.first else { throw WalletError(.battle, "no battle is running") }
        guard candidates.count == 1 else {
            throw WalletError(.battle, "\(candidates.count) battles are running; name a creator: \(candidates.map { "\($0.left.name) vs \($0.right.name)" }.joined(separator: ", "))")
        }
        battle.settle(at: min(context.now, battle.endsAt), tasks: economy.battleTasks)
        changes.append(.saveBattle(battle))
        return Decision(changes: changes, outcome: .battle(battle))
    }

    mutating func settleBattles() throws -> Decision {
        var settled: [Battle] = []
        for var battle in try state.runningBattles() where battle.endsAt <= context.now {
            battle.settle(at: battle.endsAt, tasks: economy.battleTasks)
            changes.append(.saveBattle(battle))
            settled.append(battle)
        }
        return Decision(changes: changes, outcome: .battles(settled))
    }

    // MARK: Counting

    /// Counts a wallet gift into the creator's open session and running battle, if any.
    mutating func countLiveGift(to creator: Account, gifter: String, points: Points, share: Points, count: Int64) throws {
        if let session = try state.openSession(creatorID: creator.id) {
            changes.append(.saveSession(try counted(session, gifter: gifter, points: points, share: share, count: count)))
        }
        try countBattleGift(to: creator, gifter: gifter, points: points, fromFeed: false)
    }

    func counted(_ session: LiveSession, gifter: String, points: Points, share: Points, count: Int64) throws -> LiveSession {
        var s = session
        s.gifts = try checkedAdd(s.gifts, count)
        s.points = try s.points.adding(share)
        try GifterTotal.add(points, to: gifter, in: &s.topGifters)
        if s.topGifters.count > 50 { s.topGifters.removeLast(s.topGifters.count - 50) }
        return s
    }

    mutating func countBattleGift(to creator: Account, gifter: String, points: Points, fromFeed: Bool) throws {
        for var battle in try state.runningBattles() where battle.involves(creator.id) && context.now < battle.endsAt {
            let side: WritableKeyPath<Battle, BattleSide> = battle.left.accountID == creator.id ? \.left : \.right
            try battle[keyPath: side].count(points, from: gifter, fromFeed: fromFeed)
            changes.append(.saveBattle(battle))
        }
    }

    /// A new battle, refused when either side is already fighting; the caller saves it.
    func newBattle(left: BattleSide, right: BattleSide, seconds: Int64, byFeed: Bool = false) throws -> Battle {
        for battle in try state.runningBattles() where context.now < battle.endsAt {
            for side in [left, right] where side.accountID != nil && battle.involves(side.accountID ?? 0) {
                throw WalletError(.battle, "\(side.name) is already in a battle (\(battle.left.name) vs \(battle.right.name))")
            }
        }
        var battle = Battle(id: "b-" + StableHash.hex(context.commandID, length: 10), left: left, right: right,
                            startedAt: context.now, endsAt: context.now.addingTimeInterval(TimeInterval(seconds)))
        battle.scoredByFeed = byFeed
        return battle
    }

    func side(named name: String) throws -> BattleSide {
        let handle = name.hasPrefix("@") ? String(name.dropFirst()) : name
        if let account = try state.account(named: handle) { return BattleSide(accountID: account.id, name: account.name) }
        return BattleSide(accountID: nil, name: name)
    }
}

/// `a + b` for counters, or an overflow refusal.
func checkedAdd(_ a: Int64, _ b: Int64) throws -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    guard !overflow else { throw WalletError.overflow("counter \(a) + \(b)") }
    return sum
}
