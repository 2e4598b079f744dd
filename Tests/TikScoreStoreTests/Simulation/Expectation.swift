import Foundation
import TikScoreCore

/// What an accepted operation did, in the few numbers the auditor predicts and the wallet's
/// receipt states (amounts in hundredths of a point, dollars in cents).
enum Effect: Equatable, CustomStringConvertible {
    case account(name: String, role: Role)
    case recharge(points: Int64, cents: Int64, balance: Int64)
    case gift(share: Int64, commission: Int64, senderBalance: Int64)
    case transfer(points: Int64, senderBalance: Int64)
    case redemption(card: String, points: Int64)
    case withdrawal(account: String, points: Int64, cents: Int64, paypal: String, status: WithdrawalStatus)
    case followers(points: Int64, earned: Int64)
    case live(isLive: Bool)
    case feed(earned: Int64, sessionLive: Bool)
    case settled(count: Int)

    /// The kind of effect, for the run's tally ("withdrawal failed", "feed", …).
    var kind: String {
        switch self {
        case .account: return "account"
        case .recharge: return "recharge"
        case .gift: return "gift"
        case .transfer: return "transfer"
        case .redemption: return "gift card"
        case .withdrawal(_, _, _, _, let status): return "withdrawal \(status.rawValue)"
        case .followers: return "followers"
        case .live(let isLive): return isLive ? "live start" : "live stop"
        case .feed(let earned, _): return earned > 0 ? "feed earning" : "feed event"
        case .settled: return "finish interrupted"
        }
    }

    var description: String {
        switch self {
        case .account(let name, let role): return "account \(name) (\(role.rawValue))"
        case .recharge(let points, let cents, let balance): return "recharge \(Points(units: points)) for \(cents)¢, balance \(Points(units: balance))"
        case .gift(let share, let commission, let balance):
            return "gift: share \(Points(units: share)), commission \(Points(units: commission)), sender keeps \(Points(units: balance))"
        case .transfer(let points, let balance): return "transfer \(Points(units: points)), sender keeps \(Points(units: balance))"
        case .redemption(let card, let points): return "gift card \(card) for \(Points(units: points))"
        case .withdrawal(let account, let points, let cents, let paypal, let status):
            return "withdrawal \(account) \(Points(units: points)) = \(cents)¢ to \(paypal): \(status.rawValue)"
        case .followers(let points, let earned): return "followers +\(Points(units: points)), earned \(Points(units: earned))"
        case .live(let isLive): return isLive ? "live" : "off-air"
        case .feed(let earned, let live): return "feed +\(Points(units: earned))\(live ? "" : ", session closed")"
        case .settled(let count): return "settled \(count) pending withdrawals"
        }
    }
}

/// What the auditor says an operation must answer.
enum Expectation: Equatable, CustomStringConvertible {
    case accepted(Effect)
    case refused(WalletError.Code)
    /// A balance-neutral operation the auditor does not model (battles): any answer but a reused key.
    case unmodelled

    var description: String {
        switch self {
        case .accepted(let effect): return "accepted: \(effect)"
        case .refused(let code): return "refused: \(code.rawValue)"
        case .unmodelled: return "(not modelled)"
        }
    }

    /// Answers that are not the wallet's (a reused key, a failure to reach the provider or the
    /// file, a key busy elsewhere): the key's contract says they are not kept under it.
    static let unrecorded: Set<WalletError.Code> = [.keyReused, .storage, .paymentUnavailable, .inProgress]

    /// Whether a store keeps this answer under the key (refusals by the rules and outcomes do).
    var isRecorded: Bool {
        if case .refused(let code) = self { return !Self.unrecorded.contains(code) }
        return true
    }
}

/// What the wallet answered to one operation, as the simulation observed it.
enum Observation: Equatable, CustomStringConvertible {
    case effect(Effect)
    /// An accepted answer with no effect the auditor predicts (a battle).
    case unmodelledOutcome
    case refused(WalletError)

    /// The observation of a wallet's outcome.
    init(_ outcome: CommandOutcome) {
        switch outcome {
        case .account(let account): self = .effect(.account(name: account.name, role: account.profile.role))
        case .recharge(let receipt): self = Observation(receipt)
        case .gift(let r): self = .effect(.gift(share: r.creatorShare.units, commission: r.commission.units, senderBalance: r.senderBalance.units))
        case .transfer(let r): self = .effect(.transfer(points: r.points.units, senderBalance: r.senderBalance.units))
        case .redemption(let r): self = .effect(.redemption(card: r.cardID, points: r.points.units))
        case .withdrawal(let w): self = Observation(w)
        case .followers(let r): self = .effect(.followers(points: r.points.units, earned: r.earned.units))
        case .live(let session): self = .effect(.live(isLive: session.isLive))
        case .feed(let r): self = .effect(.feed(earned: r.earned.units, sessionLive: r.sessionLive))
        case .battle, .battles: self = .unmodelledOutcome
        }
    }

    init(_ receipt: RechargeReceipt) {
        self = .effect(.recharge(points: receipt.points.units, cents: Self.cents(receipt.priceUSD), balance: receipt.balance.units))
    }

    init(_ w: Withdrawal) {
        self = .effect(.withdrawal(account: w.accountName, points: w.points.units, cents: Self.cents(w.usd), paypal: w.paypal, status: w.status))
    }

    /// Dollars as whole cents (a value with more decimals shows as `Int64.min`, which no prediction has).
    static func cents(_ dollars: ExactDecimal) -> Int64 { dollars.rescaled(to: 2) ?? Int64.min }

    /// Whether this answer is what `expected` says.
    func matches(_ expected: Expectation) -> Bool {
        switch (expected, self) {
        case (.accepted(let want), .effect(let got)): return want == got
        case (.refused(let want), .refused(let got)): return want == got.code
        case (.unmodelled, .refused(let got)): return !Expectation.unrecorded.contains(got.code)
        case (.unmodelled, .unmodelledOutcome): return true
        default: return false
        }
    }

    var description: String {
        switch self {
        case .effect(let effect): return "accepted: \(effect)"
        case .unmodelledOutcome: return "accepted (battle)"
        case .refused(let error): return "refused: \(error.code.rawValue) (\(error.message))"
        }
    }
}
