import Foundation

/// The wallet's state machine: decides a `Command` against the current wallet, producing the
/// transfers and records to write, or a refusal that names what is wrong. Pure: it reads
/// through `WalletReading` and writes nothing.
///
/// ```swift
/// let decision = try WalletMachine.decide(.transferPoints(from: "ana", to: "leo", points: p),
///                                         state: store, context: context)
/// ```
public enum WalletMachine {
    /// Decides `command`; throws a `WalletError` when the wallet refuses it.
    public static func decide(_ command: Command, state: WalletReading, context: DecisionContext) throws -> Decision {
        let decision = try rawDecision(command, state: state, context: context)
        LedgerInvariants.assertBalanced(decision)
        return decision
    }

    private static func rawDecision(_ command: Command, state: WalletReading, context: DecisionContext) throws -> Decision {
        var builder = DecisionBuilder(state: state, context: context)
        switch command {
        case .createAccount(let name, let profile):
            return try AccountRules.create(name: name, profile: profile, state: state, context: context)
        case .updateAccount(let name, let patch):
            return try AccountRules.update(name: name, patch: patch, state: state, context: context)
        case .recharge(let name, let points, let packageID, let payment, let reference):
            return try builder.recharge(name: name, points: points, packageID: packageID, payment: payment, reference: reference)
        case .sendGift(let from, let to, let giftID, let count):
            return try builder.sendGift(from: from, to: to, giftID: giftID, count: count)
        case .transferPoints(let from, let to, let points):
            return try builder.transferPoints(from: from, to: to, points: points)
        case .redeem(let name, let cardID):
            return try builder.redeem(name: name, cardID: cardID)
        case .holdWithdrawal(let name, let points, let paypal):
            return try builder.holdWithdrawal(name: name, points: points, paypal: paypal)
        case .settleWithdrawal(let id, let answer):
            return try builder.settleWithdrawal(id: id, answer: answer)
        case .liveFollowers(let creator, let count):
            return try builder.liveFollowers(creator: creator, count: count)
        case .liveStart(let creator):
            return try builder.liveStart(creator: creator)
        case .liveStop(let creator):
            return try builder.liveStop(creator: creator)
        case .feed(let creator, let effect, let source):
            return try builder.feed(creator: creator, effect: effect, source: source)
        case .battleStart(let left, let right, let seconds):
            return try builder.battleStart(left: left, right: right, seconds: seconds)
        case .battleEnd(let creator):
            return try builder.battleEnd(creator: creator)
        case .settleBattles:
            return try builder.settleBattles()
        }
    }

    /// The account called `name`, or an `unknownAccount` refusal.
    public static func existing(_ name: String, in state: WalletReading) throws -> Account {
        guard let account = try state.account(named: name) else { throw unknownAccount(name) }
        return account
    }

    /// The refusal for a name no account has.
    public static func unknownAccount(_ name: String) -> WalletError {
        WalletError(.unknownAccount, "no account called '\(name.trimmingSpaces())'")
    }
}
