import Foundation
import TikScoreCore

/// The simulation's independent oracle, in the spirit of TigerBeetle's auditor: from the
/// operations alone it predicts every answer (accepted with which numbers, or refused with which
/// code) and every balance — each account's points, earned and held, and the platform's sales,
/// commission, follower rewards, payouts, gift cards and external feed — without calling
/// `WalletMachine`, `DecisionBuilder`, `Eligibility` or any other decision code. It knows the
/// rules from the economy's numbers (`AuditorRules`), the gateway's from `SimulatedGateway`, and
/// idempotency keys from their contract: a key is spent by its first recorded answer.
///
/// It does not model battles: those operations must move no balance, which the per-step
/// balance comparison checks.
struct Auditor {
    /// One account as the auditor keeps it; amounts in hundredths of a point.
    struct Holder {
        var name: String
        var profile: AccountProfile
        /// The store's id, learned when the account was created (to name its ledger accounts).
        var id: Int64?
        var points: Int64 = 0
        var earned: Int64 = 0
        var held: Int64 = 0
        /// Feed points counted into the open LIVE session, or nil when off-air.
        var session: Int64?
    }

    /// A withdrawal as the auditor expects it.
    struct AuditedWithdrawal {
        var holder: Int
        var points: Int64
        var cents: Int64
        var paypal: String
        var status: WithdrawalStatus
        /// The store's id, learned when the hold was accepted.
        var id: String?
    }

    /// The first recorded answer under a key, and the withdrawal it holds, if any.
    private struct KeyEntry {
        var command: Command
        var answer: Expectation
        var withdrawal: Int?
    }

    let rules: AuditorRules
    private(set) var holders: [Holder] = []
    private(set) var withdrawals: [AuditedWithdrawal] = []
    private var platform: [LedgerAccount: Int64] = [:]
    private var keys: [String: KeyEntry] = [:]
    /// Today, in days since 1970 (UTC).
    private var today = 0
    /// What the last operation created, for the simulation to learn the store's ids.
    private(set) var createdHolder: Int?
    private(set) var createdWithdrawal: Int?

    init(economy: Economy) { rules = AuditorRules(economy: economy) }

    /// The comparison key of a name: NFC, trimmed, lower case.
    static func nameKey(_ name: String) -> String { trimmed(name.precomposedStringWithCanonicalMapping).lowercased() }

    /// The text without white space (as `Character.isWhitespace` says) at either end.
    static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    // MARK: Reading the model

    /// Every non-zero ledger balance the wallet must have, in base units.
    func expectedBalances() -> [LedgerAccount: Int64] {
        var balances = platform.filter { $0.value != 0 }
        for holder in holders {
            guard let id = holder.id else { continue }
            for (account, value) in [(LedgerAccount.points(of: id), holder.points), (.earned(of: id), holder.earned), (.held(of: id), holder.held)]
            where value != 0 {
                balances[account] = value
            }
        }
        return balances
    }

    /// Whether `key` has an answer recorded.
    func isRecorded(_ key: String) -> Bool { keys[key] != nil }

    /// The number of withdrawals still pending.
    var pendingCount: Int { withdrawals.filter { $0.status == .pending }.count }

    // MARK: Learning the store's ids

    /// Sets the clock for the next operation and forgets what the last one created.
    mutating func begin(at now: Date) {
        today = AuditorRules.day(of: now)
        createdHolder = nil
        createdWithdrawal = nil
    }

    mutating func learn(holder index: Int, id: Int64) { holders[index].id = id }
    mutating func learn(withdrawal index: Int, id: String) { withdrawals[index].id = id }

    // MARK: Operations

    /// The answer `operation` under `key` must give, applying its effects to the model.
    mutating func apply(_ operation: SimOperation, key: String) -> Expectation {
        switch operation {
        case .command(let command):
            return keyed(identity(of: command), key: key) { $0.decide(command) }
        case .rechargeFlow(let account, let amount, let payment):
            return rechargeFlow(account: account, amount: amount, payment: payment, key: key)
        case .withdrawalFlow(let account, let points, let paypal):
            return withdrawalFlow(.holdWithdrawal(account: account, points: points, paypal: paypal), key: key)
        case .holdOnly(let account, let points, let paypal):
            return keyed(.holdWithdrawal(account: account, points: points, paypal: paypal), key: key) {
                $0.hold(account, points.units, paypal)
            }
        case .settle(let id):
            if let index = withdrawals.firstIndex(where: { $0.id == id }) { return settle(index) }
            return keyed(.settleWithdrawal(id: id, answer: .approved(reference: "x")), key: key) { _ in .refused(.unknownWithdrawal) }
        case .finishInterrupted:
            return .accepted(.settled(count: finishInterrupted()))
        }
    }

    /// Settles every pending withdrawal, as the next `withdraw` or `withdrawals` command does;
    /// returns how many.
    mutating func finishInterrupted() -> Int {
        let pending = withdrawals.indices.filter { withdrawals[$0].status == .pending }
        for index in pending { _ = settle(index) }
        return pending.count
    }

    /// A command as its key's record identifies it (a recharge's gateway reference is not part of it).
    private func identity(of command: Command) -> Command {
        if case .recharge(let account, let points, let package, let payment, _) = command {
            return .recharge(account: account, points: points, packageID: package, payment: payment, reference: "")
        }
        return command
    }

    /// The recorded answer when `key` has one (or `keyReused` for another command), else `run`'s,
    /// recorded when a store records it.
    private mutating func keyed(_ command: Command, key: String, run: (inout Auditor) -> Expectation) -> Expectation {
        if let entry = keys[key] { return entry.command == command ? entry.answer : .refused(.keyReused) }
        createdWithdrawal = nil
        let answer = run(&self)
        if answer.isRecorded { keys[key] = KeyEntry(command: command, answer: answer, withdrawal: createdWithdrawal) }
        return answer
    }

    private mutating func decide(_ command: Command) -> Expectation {
        switch command {
        case .createAccount(let name, let profile): return createAccount(name, profile)
        case .updateAccount(let name, let patch): return updateAccount(name, patch)
        case .recharge(let name, let points, let packageID, let payment, _): return recharge(name, points.units, packageID, payment)
        case .sendGift(let from, let to, let giftID, let count): return gift(from: from, to: to, giftID: giftID, count: count)
        case .transferPoints(let from, let to, let points): return transfer(from: from, to: to, units: points.units)
        case .redeem(let name, let cardID): return redeem(name, cardID)
        case .holdWithdrawal(let name, let points, let paypal): return hold(name, points.units, paypal)
        case .settleWithdrawal(let id, _):
            guard let index = withdrawals.firstIndex(where: { $0.id == id }) else { return .refused(.unknownWithdrawal) }
            return settle(index)
        case .liveFollowers(let creator, let count): return liveFollowers(creator, count)
        case .liveStart(let creator): return liveStart(creator)
        case .liveStop(let creator): return liveStop(creator)
        case .feed(let creator, let effect, _): return feed(creator, effect)
        case .battleStart, .battleEnd, .settleBattles: return .unmodelled
        }
    }

    // MARK: Accounts

    private func holder(named name: String) -> Int? {
        let key = Self.nameKey(name)
        return holders.firstIndex { Self.nameKey($0.name) == key }
    }

    /// The name as stored, or nil when the naming rules refuse it (empty, or with a hidden character).
    private static func cleanName(_ name: String) -> String? {
        let clean = trimmed(name.precomposedStringWithCanonicalMapping)
        let hidden: Set<Unicode.GeneralCategory> = [.control, .format, .lineSeparator, .paragraphSeparator]
        guard !clean.isEmpty, !clean.unicodeScalars.contains(where: { hidden.contains($0.properties.generalCategory) }) else { return nil }
        return clean
    }

    private mutating func createAccount(_ name: String, _ profile: AccountProfile) -> Expectation {
        guard let clean = Self.cleanName(name) else { return .refused(.invalidName) }
        guard profile.followers >= 0 else { return .refused(.invalidInput) }
        guard holder(named: clean) == nil else { return .refused(.duplicateAccount) }
        var stored = profile
        if stored.createdOn == nil { stored.createdOn = AuditorRules.date(today) }
        holders.append(Holder(name: clean, profile: stored))
        createdHolder = holders.count - 1
        return .accepted(.account(name: clean, role: stored.role))
    }

    private mutating func updateAccount(_ name: String, _ patch: ProfilePatch) -> Expectation {
        guard let index = holder(named: name) else { return .refused(.unknownAccount) }
        var profile = holders[index].profile
        if let role = patch.role { profile.role = role }
        if let followers = patch.followers { profile.followers = followers }
        if let business = patch.business { profile.business = business }
        if let creatorNext = patch.creatorNext { profile.creatorNext = creatorNext }
        if let upload = patch.lastUpload { profile.lastUpload = upload }
        if let birth = patch.birthDate { profile.birthDate = birth }
        if let created = patch.createdOn { profile.createdOn = created }
        let changed = [patch.role != nil, patch.followers != nil, patch.business != nil, patch.creatorNext != nil,
                       patch.lastUpload != nil, patch.birthDate != nil, patch.createdOn != nil].contains(true)
        guard changed else { return .refused(.invalidInput) }
        guard profile.followers >= 0 else { return .refused(.invalidInput) }
        holders[index].profile = profile
        return .accepted(.account(name: holders[index].name, role: profile.role))
    }

    // MARK: Money in and between users

    /// A recharge as the wallet must judge it: the account, the payment details, then the
    /// catalog (a package's own points, or a custom amount within the catalog's range).
    private mutating func recharge(_ name: String, _ units: Int64, _ packageID: String?, _ payment: PaymentDetails) -> Expectation {
        guard let index = holder(named: name) else { return .refused(.unknownAccount) }
        if case .failure(let refusal) = AuditorRules.validated(payment) { return .refused(refusal.code) }
        if let packageID {
            guard let package = rules.package(matching: packageID) else { return .refused(.unknownPackage) }
            guard let expected = AuditorRules.product(package.points, AuditorRules.units, 1), units == expected else { return .refused(.invalidAmount) }
        } else {
            guard units > 0, units % AuditorRules.units == 0 else { return .refused(.invalidAmount) }
            guard rules.customRecharge.contains(units / AuditorRules.units) else { return .refused(.invalidAmount) }
        }
        guard let cents = rules.cents(ofWholePoints: units / AuditorRules.units) else { return .refused(.invalidAmount) }
        guard let balance = credit(units, from: .sales, to: \.points, of: index) else { return .refused(.overflow) }
        return .accepted(.recharge(points: units, cents: cents, balance: balance))
    }

    private mutating func rechargeFlow(account: String, amount: RechargeAmount, payment: PaymentDetails, key: String) -> Expectation {
        // The flow reserves the key with the order as asked, unchecked: every refusal (an unknown
        // package, an amount out of the catalog's range, bad details) is the key's answer.
        let whole: Int64
        var packageID: String?
        switch amount {
        case .package(let text):
            let package = rules.package(matching: text)
            whole = package?.points ?? 0
            packageID = package?.id ?? text
        case .custom(let points):
            whole = points
        }
        let details: PaymentDetails
        switch AuditorRules.validated(payment) {
        case .success(let valid): details = valid
        case .failure: details = payment
        }
        let units = AuditorRules.product(whole, AuditorRules.units, 1) ?? (whole < 0 ? Int64.min : Int64.max)
        let command = Command.recharge(account: account, points: Points(units: units), packageID: packageID, payment: details, reference: "")
        return keyed(command, key: key) { auditor in
            // The key is reserved only if the wallet would credit it; then the gateway is asked.
            var trial = auditor
            let answer = trial.recharge(account, units, packageID, details)
            guard case .accepted = answer else { return answer }
            guard SimulatedGateway.approvesCharge(details) else { return .refused(.paymentDeclined) }
            auditor = trial
            return answer
        }
    }

    private mutating func gift(from: String, to: String, giftID: Int64, count: Int64) -> Expectation {
        guard let sender = holder(named: from), let creator = holder(named: to) else { return .refused(.unknownAccount) }
        guard sender != creator else { return .refused(.sameAccount) }
        guard let unit = rules.giftPoints[giftID] else { return .refused(.unknownGift) }
        guard count > 0 else { return .refused(.invalidAmount) }
        guard rules.canEarn(holders[creator].profile, today: today) else { return .refused(.notEligible) }
        guard let price = AuditorRules.product(unit, AuditorRules.units, count), let (share, commission) = rules.split(gift: price) else {
            return .refused(.overflow)
        }
        guard holders[sender].points >= price else { return .refused(.insufficientPoints) }
        holders[sender].points -= price
        holders[creator].earned += share
        platform[.commission, default: 0] += commission
        return .accepted(.gift(share: share, commission: commission, senderBalance: holders[sender].points))
    }

    private mutating func transfer(from: String, to: String, units: Int64) -> Expectation {
        guard let sender = holder(named: from), let receiver = holder(named: to) else { return .refused(.unknownAccount) }
        guard sender != receiver else { return .refused(.sameAccount) }
        guard units > 0 else { return .refused(.invalidAmount) }
        guard holders[sender].points >= units else { return .refused(.insufficientPoints) }
        let (after, overflow) = holders[receiver].points.addingReportingOverflow(units)
        guard !overflow else { return .refused(.overflow) }
        holders[sender].points -= units
        holders[receiver].points = after
        return .accepted(.transfer(points: units, senderBalance: holders[sender].points))
    }

    /// Credits `units` to a holder's balance from a platform account; the new balance, or nil on overflow.
    private mutating func credit(_ units: Int64, from source: LedgerAccount, to field: WritableKeyPath<Holder, Int64>, of index: Int) -> Int64? {
        let (after, o1) = holders[index][keyPath: field].addingReportingOverflow(units)
        let (drained, o2) = (platform[source] ?? 0).subtractingReportingOverflow(units)
        guard !o1, !o2 else { return nil }
        holders[index][keyPath: field] = after
        platform[source] = drained
        return after
    }

    // MARK: Cashing out

    private mutating func redeem(_ name: String, _ cardID: String) -> Expectation {
        guard let index = holder(named: name) else { return .refused(.unknownAccount) }
        guard let card = rules.card(matching: cardID) else { return .refused(.unknownCard) }
        if let refusal = rules.cashOutRefusal(holders[index].profile, today: today) { return .refused(refusal) }
        let cost = card.points * AuditorRules.units
        guard holders[index].earned >= cost else { return .refused(.insufficientEarned) }
        holders[index].earned -= cost
        platform[.giftCards, default: 0] += cost
        return .accepted(.redemption(card: card.id, points: cost))
    }

    private mutating func hold(_ name: String, _ units: Int64, _ paypal: String) -> Expectation {
        guard let index = holder(named: name) else { return .refused(.unknownAccount) }
        guard let email = AuditorRules.email(paypal) else { return .refused(.invalidEmail) }
        guard units > 0, units % AuditorRules.units == 0 else { return .refused(.invalidAmount) }
        if let refusal = rules.cashOutRefusal(holders[index].profile, today: today) { return .refused(refusal) }
        guard units >= rules.minimumWithdrawalUnits else { return .refused(.belowMinimum) }
        guard holders[index].earned >= units else { return .refused(.insufficientEarned) }
        guard let cents = rules.cents(ofWholePoints: units / AuditorRules.units) else { return .refused(.invalidAmount) }
        holders[index].earned -= units
        holders[index].held += units
        withdrawals.append(AuditedWithdrawal(holder: index, points: units, cents: cents, paypal: email, status: .pending))
        createdWithdrawal = withdrawals.count - 1
        return current(withdrawals.count - 1)
    }

    /// Hold, then pay out at once; a repeat under the key returns the withdrawal as it is now.
    private mutating func withdrawalFlow(_ command: Command, key: String) -> Expectation {
        if let entry = keys[key] {
            guard entry.command == command else { return .refused(.keyReused) }
            guard let index = entry.withdrawal else { return entry.answer }
            return settle(index)
        }
        guard case .holdWithdrawal(let name, let points, let paypal) = command else { return .unmodelled }
        let held = keyed(command, key: key) { $0.hold(name, points.units, paypal) }
        guard case .accepted = held, let index = keys[key]?.withdrawal else { return held }
        return settle(index)
    }

    /// Pays out a pending withdrawal (posted when the gateway pays, voided when it refuses) and
    /// returns it; a settled one is returned as it is.
    private mutating func settle(_ index: Int) -> Expectation {
        var w = withdrawals[index]
        guard w.status == .pending else { return current(index) }
        holders[w.holder].held -= w.points
        if SimulatedGateway.approvesPayout(to: w.paypal) {
            w.status = .paid
            platform[.payouts, default: 0] += w.points
        } else {
            w.status = .failed
            holders[w.holder].earned += w.points
        }
        withdrawals[index] = w
        return current(index)
    }

    private func current(_ index: Int) -> Expectation {
        let w = withdrawals[index]
        return .accepted(.withdrawal(account: holders[w.holder].name, points: w.points, cents: w.cents, paypal: w.paypal, status: w.status))
    }

    // MARK: LIVE

    private mutating func liveStart(_ name: String) -> Expectation {
        guard let index = holder(named: name) else { return .refused(.unknownAccount) }
        guard holders[index].profile.role == .creator else { return .refused(.notEligible) }
        guard holders[index].session == nil else { return .refused(.alreadyLive) }
        holders[index].session = 0
        return .accepted(.live(isLive: true))
    }

    private mutating func liveStop(_ name: String) -> Expectation {
        guard let index = holder(named: name) else { return .refused(.unknownAccount) }
        guard holders[index].session != nil else { return .refused(.notLive) }
        holders[index].session = nil
        return .accepted(.live(isLive: false))
    }

    private mutating func liveFollowers(_ name: String, _ count: Int64) -> Expectation {
        guard let index = holder(named: name) else { return .refused(.unknownAccount) }
        guard count > 0 else { return .refused(.invalidAmount) }
        guard holders[index].session != nil else { return .refused(.notLive) }
        guard rules.canEarn(holders[index].profile, today: today) else { return .refused(.notEligible) }
        guard let points = AuditorRules.product(rules.followerUnits, count),
              let earned = credit(points, from: .followerRewards, to: \.earned, of: index) else { return .refused(.overflow) }
        return .accepted(.followers(points: points, earned: earned))
    }

    private mutating func feed(_ name: String, _ effect: FeedEffect) -> Expectation {
        guard let index = holder(named: name) else { return .refused(.unknownAccount) }
        if holders[index].session == nil {
            switch effect {
            case .badLine, .streamEnded: return .accepted(.feed(earned: 0, sessionLive: false))
            default: guard holders[index].profile.role == .creator else { return .refused(.notEligible) }
            }
        }
        let counted = holders[index].session ?? 0
        switch effect {
        case .gift(let giftID, _, let declared, let count, _):
            return feedGift(index, counted: counted, giftID: giftID, declared: declared, count: count)
        case .follow(let count):
            guard count > 0 else { return .refused(.invalidAmount) }
            guard rules.canEarn(holders[index].profile, today: today) else { return .refused(.notEligible) }
            guard let points = AuditorRules.product(rules.followerUnits, count) else { return .refused(.overflow) }
            guard counted + points <= rules.maxSessionUnits else { return .refused(.sessionCap) }
            guard credit(points, from: .followerRewards, to: \.earned, of: index) != nil else { return .refused(.overflow) }
            holders[index].session = counted + points
            return .accepted(.feed(earned: points, sessionLive: true))
        case .viewers(let n), .likes(let n), .joins(let n), .shares(let n):
            guard n >= 0 else { return .refused(.invalidAmount) }
        case .streak(_, _, let unit, let count, _):
            guard count > 0, unit >= 0 else { return .refused(.invalidAmount) }
            guard count <= rules.maxRepeatCount else { return .refused(.absurdCount) }
        case .badLine:
            break
        case .streamEnded:
            holders[index].session = nil
            return .accepted(.feed(earned: 0, sessionLive: false))
        case .guestGift, .battleStarted, .battleScores, .battleSidesUnknown:
            return .unmodelled
        }
        holders[index].session = counted
        return .accepted(.feed(earned: 0, sessionLive: true))
    }

    /// A gift from a viewer outside the wallet, under the trust model: the catalog's price (an
    /// unknown gift's declared one up to the dearest gift), a bounded count, a capped session.
    private mutating func feedGift(_ index: Int, counted: Int64, giftID: Int64, declared: Int64, count: Int64) -> Expectation {
        guard rules.canEarn(holders[index].profile, today: today) else { return .refused(.notEligible) }
        guard count >= 1 else { return .refused(.invalidAmount) }
        guard count <= rules.maxRepeatCount else { return .refused(.absurdCount) }
        let unit = rules.giftPoints[giftID] ?? declared
        guard rules.giftPoints[giftID] != nil || (0...rules.maxGiftPoints).contains(declared) else { return .refused(.absurdPrice) }
        guard unit > 0 else { return .refused(.invalidAmount) }
        guard let price = AuditorRules.product(unit, AuditorRules.units, count), let (share, commission) = rules.split(gift: price) else {
            return .refused(.overflow)
        }
        guard counted + price <= rules.maxSessionUnits else { return .refused(.sessionCap) }
        holders[index].earned += share
        platform[.commission, default: 0] += commission
        platform[.externalFeed, default: 0] -= price
        holders[index].session = counted + price
        return .accepted(.feed(earned: share, sessionLive: true))
    }
}
