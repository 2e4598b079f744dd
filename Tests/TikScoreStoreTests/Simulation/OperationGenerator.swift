import Foundation
import TikScoreTestSupport
import TikScoreCore

/// Makes one seed's operations, all from the seed: the swarm's mix picks the kind, and the
/// arguments come from what the auditor knows exists (names, who is live, pending withdrawals),
/// with odd values mixed in so that every refusal can happen.
struct OperationGenerator {
    let swarm: Swarm
    private let rules: AuditorRules
    private let seed: UInt64
    private var random: SimulationRandom
    /// Gifts the swarm sends most (priced up to its ceiling), and one id the catalog lacks.
    private let cheapGifts: [Gift]
    private let allGifts: [Gift]
    /// Gifts dear enough that one line of the largest count passes a session's feed cap.
    private let capGifts: [Gift]
    private let unknownGiftID: Int64
    private let packages: [RechargePackage]
    private let cards: [GiftCard]
    /// Keyed operations so far, for repeated keys.
    private var history: [KeyedOperation] = []

    init(seed: UInt64, economy: Economy) {
        var random = SimulationRandom(seed: seed)
        let swarm = Swarm.random(&random)
        self.swarm = swarm
        self.random = random
        self.seed = seed
        rules = AuditorRules(economy: economy)
        allGifts = economy.gifts
        let capping = economy.gifts.filter { $0.points * economy.rules.maxRepeatCount > economy.rules.maxSessionPoints }
        capGifts = capping.isEmpty ? economy.gifts : capping
        let cheap = economy.gifts.filter { $0.points <= swarm.giftCeiling }
        cheapGifts = cheap.isEmpty ? economy.gifts : cheap
        unknownGiftID = (economy.gifts.map(\.id).max() ?? 0) + 1
        packages = economy.packages
        cards = economy.cards
    }

    // MARK: Steps

    /// Seconds the clock moves before the next operation.
    mutating func clockStep() -> Int { Int(random.int(1...Int64(swarm.maxClockStep))) }

    /// The operation of `step`, under its own key or a repeated one.
    mutating func next(step: Int, auditor: Auditor, now: Date) -> KeyedOperation {
        let kinds = Swarm.Kind.allCases
        let kind = random.weighted(swarm.weights).map { kinds[$0] } ?? .createAccount
        let key = "s\(seed)-\(step)"
        let keyed: KeyedOperation
        if kind == .repeatKey, let old = history.isEmpty ? nil : random.pick(history) {
            keyed = random.chance(swarm.repeatSamePercent) ? old : KeyedOperation(operation: otherCommand(than: old.operation, auditor), key: old.key)
        } else {
            keyed = KeyedOperation(operation: operation(kind, auditor: auditor, now: now), key: key)
        }
        if keyed.operation.usesKey && keyed.key == key { history.append(keyed) }
        return keyed
    }

    /// Whether and where the operation crashes. A restart that finishes interrupted withdrawals
    /// first is planned only when the crash strikes a payout's post or void, so that it settles
    /// nothing the retried operation still has to decide.
    ///
    /// Operations that ask the gateway crash four times as often as the swarm's rate, since their
    /// crash between the gateway's answer and the commit is the one that could charge or pay twice.
    mutating func crashPlan(for operation: SimOperation) -> CrashPlan? {
        let asksGateway: Bool
        switch operation {
        case .rechargeFlow, .withdrawalFlow, .settle: asksGateway = true
        default: asksGateway = false
        }
        guard operation.usesKey, random.chance(asksGateway ? min(60, swarm.crashPercent * 4) : swarm.crashPercent) else { return nil }
        let submit: Int
        switch operation {
        case .withdrawalFlow: submit = Int(random.int(1...2))
        default: submit = 1
        }
        let strikesPayout: Bool
        switch operation {
        case .withdrawalFlow: strikesPayout = submit == 2
        case .settle: strikesPayout = true
        default: strikesPayout = false
        }
        return CrashPlan(submitNumber: submit, moment: random.chance(50) ? .beforeCommit : .afterCommit,
                         finishInterruptedFirst: strikesPayout && random.chance(50))
    }

    private mutating func operation(_ kind: Swarm.Kind, auditor: Auditor, now: Date) -> SimOperation {
        let today = AuditorRules.day(of: now)
        switch kind {
        case .createAccount, .repeatKey: return .command(.createAccount(name: newName(auditor), profile: profile(today: today)))
        case .updateAccount: return .command(.updateAccount(name: someName(auditor), patch: patch(today: today)))
        case .rechargeCommand:
            return .command(.recharge(account: someName(auditor), points: points(typical: 1...swarm.rechargeMax, huge: false), packageID: nil,
                                      payment: payment(), reference: "ref-\(history.count)"))
        case .rechargeFlow: return .rechargeFlow(account: someName(auditor), amount: rechargeAmount(), payment: payment())
        case .gift: return .command(.sendGift(from: someName(auditor), to: someCreator(auditor), giftID: giftID(), count: giftCount()))
        case .transfer: return .command(.transferPoints(from: someName(auditor), to: someName(auditor), points: points(typical: 1...3_000, huge: true)))
        case .live:
            let live = liveName(auditor)
            return .command(random.chance(70) ? .liveStart(creator: someCreator(auditor)) : .liveStop(creator: live))
        case .followers:
            let count = random.chance(97) ? random.int(1...15_000) : random.pick([0, -2, Int64.max])
            return .command(.liveFollowers(creator: liveName(auditor), count: count))
        case .feed: return .command(.feed(creator: liveName(auditor), effect: feedEffect()))
        case .battle:
            switch random.int(0...2) {
            case 0: return .command(.battleStart(left: liveName(auditor), right: liveName(auditor), seconds: random.int(30...1_200)))
            case 1: return .command(.battleEnd(creator: random.chance(60) ? liveName(auditor) : nil))
            default: return .command(.settleBattles)
            }
        case .redeem: return .command(.redeem(account: someCreator(auditor), cardID: cardText()))
        case .withdrawalFlow: return .withdrawalFlow(account: someCreator(auditor), points: withdrawalPoints(), paypal: paypal(auditor))
        case .holdOnly: return .holdOnly(account: someCreator(auditor), points: withdrawalPoints(), paypal: paypal(auditor))
        case .settle:
            let pending = auditor.withdrawals.filter { $0.status == .pending }.compactMap(\.id)
            let known = auditor.withdrawals.compactMap(\.id)
            if !pending.isEmpty && random.chance(80) { return .settle(withdrawalID: random.pick(pending)) }
            return .settle(withdrawalID: known.isEmpty || random.chance(30) ? "w-unknown" : random.pick(known))
        case .finishInterrupted: return .finishInterrupted
        }
    }

    /// A command of another kind than the one a key was spent on, so a store must refuse it as a reused key.
    private mutating func otherCommand(than operation: SimOperation, _ auditor: Auditor) -> SimOperation {
        if case .command(.transferPoints) = operation {
            return .command(.liveFollowers(creator: someName(auditor), count: random.int(1...9)))
        }
        return .command(.transferPoints(from: someName(auditor), to: someName(auditor), points: Points(units: random.int(1...50) * 100)))
    }

    // MARK: Names

    private mutating func newName(_ auditor: Auditor) -> String {
        switch random.int(0...99) {
        case 0..<5: return random.pick(["", "   ", "bad\u{7}name", "mia\u{200B}"])
        case 5..<15 where !auditor.holders.isEmpty: return random.pick(auditor.holders).name.uppercased()
        case 15..<19: return "  " + random.pick(swarm.names) + " "
        default: return random.pick(swarm.names)
        }
    }

    private mutating func someName(_ auditor: Auditor) -> String {
        if auditor.holders.isEmpty || random.chance(4) { return random.pick(["ghost", "nobody", ""]) }
        let name = random.pick(auditor.holders).name
        switch random.int(0...99) {
        case 0..<15: return name.uppercased()
        case 15..<18: return " \(name) "
        default: return name
        }
    }

    private mutating func someCreator(_ auditor: Auditor) -> String {
        let creators = auditor.holders.filter { $0.profile.role == .creator }
        guard !creators.isEmpty, random.chance(75) else { return someName(auditor) }
        return random.pick(creators).name
    }

    private mutating func liveName(_ auditor: Auditor) -> String {
        let live = auditor.holders.filter { $0.session != nil }
        guard !live.isEmpty, random.chance(80) else { return someCreator(auditor) }
        return random.pick(live).name
    }

    // MARK: Profiles

    /// A creator who meets every condition, or (as the swarm says) one who breaks some of them,
    /// close to each threshold of the economy.
    private mutating func profile(today: Int) -> AccountProfile {
        let adultDays = Int64(rules.adultAge) * 366
        var profile = AccountProfile(role: .creator, followers: random.int(rules.followersMoreThan + 1...rules.followersMoreThan * 4 + 1),
                                     birthDate: AuditorRules.date(today - Int(random.int(adultDays...adultDays * 3))),
                                     createdOn: AuditorRules.date(today - Int(random.int(Int64(rules.minAccountAgeDays)...400))),
                                     business: true, creatorNext: true,
                                     lastUpload: AuditorRules.date(today - Int(random.int(0...3))))
        guard !random.chance(swarm.eligiblePercent) else { return profile }
        if random.chance(30) { profile.role = .supporter }
        if random.chance(25) { profile.followers = rules.followersMoreThan + random.int(-1...1) }
        if random.chance(25) { profile.birthDate = random.chance(25) ? nil : nearAdultBirthday(today: today) }
        if random.chance(15) {
            profile.createdOn = random.chance(40) ? nil : AuditorRules.date(today - rules.minAccountAgeDays + Int(random.int(-1...2)))
        }
        if random.chance(10) { profile.business = false }
        if random.chance(10) { profile.creatorNext = false }
        if random.chance(20) {
            profile.lastUpload = random.chance(25) ? nil : AuditorRules.date(today - rules.uploadWithinDays + Int(random.int(-3...1)))
        }
        if random.chance(5) { profile.lastUpload = AuditorRules.date(today + 1) }
        if random.chance(3) { profile.followers = -1 }
        return profile
    }

    /// A birthday a few days either side of the day the owner comes of age.
    private mutating func nearAdultBirthday(today: Int) -> CalendarDate {
        let now = AuditorRules.civil(today)
        let day = min(now.day, 28)
        let comingOfAge = CalendarDate(year: now.year - rules.adultAge, month: now.month, day: day).map(AuditorRules.day(of:)) ?? today
        return AuditorRules.date(comingOfAge + Int(random.int(-3...3)))
    }

    private mutating func patch(today: Int) -> ProfilePatch {
        var patch = ProfilePatch()
        guard !random.chance(8) else { return patch }
        if random.chance(50) { patch.followers = rules.followersMoreThan + random.int(-1...3) }
        if random.chance(70) { patch.lastUpload = AuditorRules.date(today - Int(random.int(0...Int64(rules.uploadWithinDays + 3)))) }
        if random.chance(20) { patch.role = random.pick([.creator, .supporter]) }
        if random.chance(10) { patch.business = random.chance(80) }
        if random.chance(10) { patch.creatorNext = random.chance(80) }
        if random.chance(8) { patch.birthDate = nearAdultBirthday(today: today) }
        if random.chance(5) { patch.followers = -1 }
        return patch
    }

    // MARK: Amounts

    /// Points in whole cents within `typical` (whole points), or an odd amount as often as the swarm says.
    private mutating func points(typical: ClosedRange<Int64>, huge: Bool) -> Points {
        let step = rules.centStep
        guard random.chance(swarm.oddPercent) else { return Points(units: random.int(typical) * step * AuditorRules.units) }
        switch random.int(0...4) {
        case 0: return .zero
        case 1: return Points(units: -random.int(1...10_000))
        case 2: return Points(units: random.int(1...99))
        case 3 where huge: return Points(units: Int64.max - random.int(0...10))
        default: return Points(units: (random.int(typical) * step + 1) * AuditorRules.units)
        }
    }

    /// Around the minimum withdrawal, a quarter of the time below it.
    private mutating func withdrawalPoints() -> Points {
        let minimum = rules.minimumWithdrawalUnits / AuditorRules.units / rules.centStep
        let typical: ClosedRange<Int64> = random.chance(25) ? max(1, minimum / 50)...max(1, minimum - 1) : minimum...minimum * 2
        return points(typical: typical, huge: true)
    }

    private mutating func rechargeAmount() -> RechargeAmount {
        if random.chance(50) {
            let package = random.pick(packages)
            return .package(random.chance(8) ? "nope" : random.pick([package.id, package.name, package.id.uppercased()]))
        }
        let low = rules.customRecharge.lowerBound
        if random.chance(swarm.oddPercent) { return .custom(random.pick([0, low - 1, low + 1, rules.customRecharge.upperBound + 2])) }
        return .custom(low + random.int(0...max(0, min(swarm.rechargeMax, rules.customRecharge.upperBound - low) / rules.centStep)) * rules.centStep)
    }

    private mutating func payment() -> PaymentDetails {
        random.pick([.card(number: "4242424242424242"), .card(number: "4242 4242 4242 4242"), .card(number: SimulatedGateway.declinedCard),
                     .card(number: "4242424242424241"), .card(number: "12ab"), .paypal(email: "fan@example.com"),
                     .paypal(email: "fan" + SimulatedGateway.failingDomain), .paypal(email: "fan@"), .card(number: "5555555555554444")])
    }

    private mutating func paypal(_ auditor: Auditor) -> String {
        random.pick(["\(someName(auditor))@example.com", "payee" + SimulatedGateway.failingDomain, "not-an-email",
                     " x@example.org ", "a b@example.com", "cash@example.net"])
    }

    // MARK: Gifts and the feed

    private mutating func giftID() -> Int64 { random.chance(97) ? random.pick(cheapGifts).id : unknownGiftID }

    private mutating func giftCount() -> Int64 {
        random.chance(97) ? random.int(1...swarm.giftCountMax) : random.pick([0, -1, Int64.max / 3])
    }

    private mutating func cardText() -> String {
        let card = random.pick(cards)
        return random.chance(6) ? "nope" : random.pick([card.id, card.name, card.id.uppercased()])
    }

    private mutating func feedEffect() -> FeedEffect {
        let viewer = "@viewer\(random.int(1...12))"
        switch random.int(0...99) {
        case 0..<45:
            var gift = random.chance(80) ? random.pick(cheapGifts) : random.pick(allGifts)
            let count: Int64
            switch random.int(0...99) {
            case 0..<3: count = random.pick([0, -3])
            case 3..<6: count = rules.maxRepeatCount + random.int(1...5)
            case 6..<10:
                count = rules.maxRepeatCount
                gift = random.pick(capGifts)
            default: count = random.int(1...60)
            }
            if random.chance(8) {
                let declared = random.pick([-1, 0, random.int(1...rules.maxGiftPoints), rules.maxGiftPoints + random.int(1...9)])
                return .gift(giftID: unknownGiftID + random.int(0...3), name: "Mystery", unitPoints: declared, count: count, gifter: viewer)
            }
            let declared = random.chance(90) ? gift.points : gift.points * 1_000
            return .gift(giftID: gift.id, name: gift.name, unitPoints: declared, count: count, gifter: viewer)
        case 45..<60: return .follow(count: random.chance(95) ? random.int(1...5) : random.pick([0, -1]))
        case 60..<66: return .viewers(random.chance(95) ? random.int(0...5_000) : -1)
        case 66..<72: return .likes(random.chance(95) ? random.int(1...300) : -4)
        case 72..<75: return random.chance(50) ? .joins(1) : .shares(random.chance(90) ? 1 : -1)
        case 75..<85:
            let gift = random.pick(cheapGifts)
            return .streak(giftID: gift.id, name: gift.name, unitPoints: random.chance(95) ? gift.points : -1,
                           count: random.chance(95) ? random.int(1...40) : random.pick([0, rules.maxRepeatCount + 1]), gifter: viewer)
        case 85..<90: return .badLine(kind: random.pick(["notJSON", "unknownEvent"]))
        default: return .streamEnded
        }
    }
}
