import Foundation

/// The state machine's rules for one counted LIVE feed event: the session it belongs to (a
/// feed event for a creator who is off-air opens the next session), the trust model's bounds
/// on what it may credit, battles, gifts to guests, and the session's event log.
extension DecisionBuilder {
    mutating func feed(creator name: String, effect: FeedEffect, source: FeedSource?) throws -> Decision {
        let creator = try WalletMachine.existing(name, in: state)
        let eventTime = source?.atMs.map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) } ?? context.now
        var opened = false
        var session: LiveSession
        if let open = try state.openSession(creatorID: creator.id) {
            session = open
        } else {
            switch effect {
            case .badLine, .streamEnded:
                // Nothing to close or to count into: the line is reported, no session is opened for it.
                return Decision(changes: [], outcome: .feed(FeedReceipt(earned: .zero, session: nil)))
            default:
                break
            }
            guard creator.profile.role == .creator else {
                throw WalletError(.notEligible, "\(creator.name) is a supporter account; only creators go LIVE here")
            }
            session = LiveSession(id: "s-" + StableHash.hex(context.commandID, length: 10), creatorID: creator.id,
                                  creatorName: creator.name, startedAt: eventTime)
            session.openedByFeed = true
            opened = true
        }
        var earned = Points.zero
        var guestEarned = Points.zero
        switch effect {
        case .gift(let giftID, let giftName, let unitPoints, let count, let gifter):
            try requireEarning(creator)
            let price = try trustedPrice(giftID: giftID, unitPoints: unitPoints, count: count, session: session)
            let share = try creditFeedGift(price, to: creator, label: "\(giftName) ×\(count) (id \(giftID)) from \(gifter)")
            earned = share
            session.feedPoints = try session.feedPoints.adding(price)
            session = try counted(session, gifter: gifter, points: price, share: share, count: count)
            session.streaks.removeAll { $0.gifter == gifter && $0.giftID == giftID }
            try countBattleGift(to: creator, gifter: gifter, points: price, fromFeed: true)
        case .guestGift(let giftID, let giftName, let unitPoints, let count, let gifter, let guestID, _):
            let price = try trustedPrice(giftID: giftID, unitPoints: unitPoints, count: count, session: session)
            if let guest = try guestID.flatMap({ try state.account(tiktokID: $0) }), guest.id != creator.id,
               Eligibility.evaluate(guest, rules: economy.rules, today: context.today).canEarn {
                guestEarned = try creditFeedGift(price, to: guest,
                                                 label: "\(giftName) ×\(count) (id \(giftID)) from \(gifter) to guest \(guest.name) in \(creator.name)'s LIVE")
                session.feedPoints = try session.feedPoints.adding(price)
            }
            session.giftsToGuests = try checkedAdd(session.giftsToGuests, count)
            session.guestGiftPoints = try session.guestGiftPoints.adding(price)
            session.streaks.removeAll { $0.gifter == gifter && $0.giftID == giftID }
        case .follow(let count):
            guard count > 0 else { throw WalletError.invalidAmount("the follower count must be at least 1") }
            try requireEarning(creator)
            let points = try economy.rules.followerPoints.multiplied(by: count)
            try checkSessionCap(session, adding: points)
            if points.units > 0 {
                try move(points, from: .followerRewards, to: creator.earnedAccount, kind: .follower,
                         memo: "\(count) new live follower\(count == 1 ? "" : "s") (feed)")
            }
            earned = points
            session.feedPoints = try session.feedPoints.adding(points)
            session.newFollowers = try checkedAdd(session.newFollowers, count)
            session.points = try session.points.adding(points)
        case .viewers(let count):
            guard count >= 0 else { throw WalletError.invalidAmount("viewers cannot be negative") }
            session.viewers = count
            session.peakViewers = max(session.peakViewers, count)
        case .likes(let count):
            guard count >= 0 else { throw WalletError.invalidAmount("likes cannot be negative") }
            session.likes = try checkedAdd(session.likes, count)
        case .joins(let count):
            guard count >= 0 else { throw WalletError.invalidAmount("joins cannot be negative") }
            session.joins = try checkedAdd(session.joins, count)
        case .shares(let count):
            guard count >= 0 else { throw WalletError.invalidAmount("shares cannot be negative") }
            session.shares = try checkedAdd(session.shares, count)
        case .battleStarted(let opponent, let seconds, let battleID, let sideKnown):
            if try runningFeedBattle(of: creator) != nil { break }
            // The connector's length when it gives one (so the countdown is TikTok's), else the catalog's.
            let length = seconds.map { min(max($0, 1), 86_400) } ?? economy.rules.battleMinutes * 60
            var battle = try newBattle(left: BattleSide(accountID: creator.id, name: creator.name),
                                       right: try side(named: opponent), seconds: length, byFeed: true)
            battle.sideKnown = sideKnown
            battle.feedBattleID = battleID
            changes.append(.saveBattle(battle))
        case .battleScores(let mine, let theirs, let opponent, let final, let battleID):
            guard mine >= 0, theirs >= 0 else { throw WalletError.invalidAmount("battle scores cannot be negative") }
            guard var battle = try runningFeedBattle(of: creator) ?? (final ? nil : try newFeedBattle(creator, opponent: opponent ?? "opponent", battleID: battleID)) else {
                // The final totals of a battle already settled (or never seen start): nothing to settle.
                break
            }
            battle.scoredByFeed = true
            let mineIsLeft = battle.left.accountID == creator.id
            try battle[keyPath: mineIsLeft ? \Battle.left : \Battle.right].report(try Points(whole: mine))
            try battle[keyPath: mineIsLeft ? \Battle.right : \Battle.left].report(try Points(whole: theirs))
            if final { battle.settle(at: context.now, tasks: economy.battleTasks) }
            changes.append(.saveBattle(battle))
        case .battleSidesUnknown(let hosts, let final, let battleID):
            let names = hosts.map(\.name).joined(separator: " / ")
            guard var battle = try runningFeedBattle(of: creator) ?? (final ? nil : try newFeedBattle(creator, opponent: names.isEmpty ? "opponent" : names, battleID: battleID)) else {
                break
            }
            battle.scoredByFeed = true
            battle.sideKnown = false
            battle.reportedHosts = hosts
            if final { battle.settle(at: context.now, tasks: economy.battleTasks) }
            changes.append(.saveBattle(battle))
        case .streak(let giftID, let giftName, let unitPoints, let count, let gifter):
            guard count > 0, unitPoints >= 0 else { throw WalletError.invalidAmount("a streak needs a count above zero") }
            try economy.checkFeedCount(count)
            let streak = LiveStreak(gifter: gifter, giftID: giftID, giftName: giftName, count: count, unitPoints: unitPoints,
                                    updatedAt: context.now)
            if let index = session.streaks.firstIndex(where: { $0.gifter == gifter && $0.giftID == giftID }) {
                session.streaks[index] = streak
            } else {
                session.streaks.append(streak)
                if session.streaks.count > 20 { session.streaks.removeFirst(session.streaks.count - 20) }
            }
        case .badLine(let kind):
            session.badLines[kind, default: 0] += 1
        case .streamEnded:
            session.streaks.removeAll()
            for var battle in try state.runningBattles() where battle.involves(creator.id) {
                battle.settle(at: context.now, tasks: economy.battleTasks)
                changes.append(.saveBattle(battle))
            }
            session.endedAt = max(eventTime, session.startedAt)
        }
        if let line = source?.line {
            let atMs = source?.atMs ?? Int64((context.now.timeIntervalSince1970 * 1000).rounded(.down))
            changes.append(.recordLiveEvent(LiveEventRecord(sessionID: session.id, atMs: atMs, kind: effect.eventKind, line: line,
                                                            kept: source?.kept)))
        }
        changes.append(.saveSession(session))
        return Decision(changes: changes, outcome: .feed(FeedReceipt(earned: earned, session: session, openedSession: opened,
                                                                     guestEarned: guestEarned)))
    }

    /// The points a feed gift of `count` may credit under the trust model: the catalog's price
    /// for a gift it knows, the line's up to the dearest gift otherwise; the count at most
    /// `feed.max_repeat_count`; the session's feed points at most `feed.max_session_points`.
    ///
    /// - Throws: `absurdPrice`, `absurdCount`, `sessionCap`, `invalidAmount`, `overflow`.
    private func trustedPrice(giftID: Int64, unitPoints: Int64, count: Int64, session: LiveSession) throws -> Points {
        try economy.checkFeedCount(count)
        let unit = try economy.feedPrice(giftID: giftID, declared: unitPoints).points
        guard unit > 0 else { throw WalletError.invalidAmount("a gift needs a price above zero") }
        let price = try Points(whole: unit).multiplied(by: count)
        try checkSessionCap(session, adding: price)
        return price
    }

    /// Credits a feed gift's price from `external_feed`: the earner's share, and the commission.
    /// Returns the share.
    private mutating func creditFeedGift(_ price: Points, to earner: Account, label: String) throws -> Points {
        let (share, commission) = try economy.split(gift: price)
        if share.units > 0 {
            try move(share, from: .externalFeed, to: earner.earnedAccount, kind: .feedGift, memo: "LIVE gift \(label)")
        }
        if commission.units > 0 {
            try move(commission, from: .externalFeed, to: .commission, kind: .feedCommission, memo: "commission on LIVE gift \(label)")
        }
        return share
    }

    /// - Throws: `sessionCap` when `points` would take the session's feed points past the cap.
    private func checkSessionCap(_ session: LiveSession, adding points: Points) throws {
        let cap = try Points(whole: economy.rules.maxSessionPoints)
        let total = try session.feedPoints.adding(points)
        guard total <= cap else {
            throw WalletError(.sessionCap, "this LIVE session's feed has brought \(session.feedPoints.grouped) points; \(points.grouped) more would pass the \(cap.grouped) one session may bring (feed.max_session_points)")
        }
    }

    /// The creator's battle that is still on (not past its end), if any.
    private func runningFeedBattle(of creator: Account) throws -> Battle? {
        try state.runningBattles().first { $0.involves(creator.id) && context.now < $0.endsAt }
    }

    /// A battle the feed's scores reveal before its start line was seen.
    private func newFeedBattle(_ creator: Account, opponent: String, battleID: String?) throws -> Battle {
        var battle = try newBattle(left: BattleSide(accountID: creator.id, name: creator.name),
                                   right: try side(named: opponent), seconds: economy.rules.battleMinutes * 60, byFeed: true)
        battle.feedBattleID = battleID
        return battle
    }
}
