/// A request to change the wallet. Every change — from the CLI, the dashboard, a live feed or a
/// test — is one of these, decided by `WalletMachine` and applied atomically by a store.
///
/// ```swift
/// let command = Command.sendGift(from: "ana", to: "leo", giftID: 5655, count: 3)
/// ```
public enum Command: Sendable, Equatable {
    /// Adds an account.
    case createAccount(name: String, profile: AccountProfile)
    /// Changes an account's profile.
    case updateAccount(name: String, patch: ProfilePatch)
    /// Credits bought points after the payment was approved.
    case recharge(account: String, points: Points, packageID: String?, method: PaymentMethod, reference: String)
    /// A catalog gift from a user's points to a creator's earnings, less commission.
    case sendGift(from: String, to: String, giftID: Int64, count: Int64)
    /// Gives points to another user.
    case transferPoints(from: String, to: String, points: Points)
    /// Buys a gift card with earned points.
    case redeem(account: String, cardID: String)
    /// Phase one of a withdrawal: holds earned points.
    case holdWithdrawal(account: String, points: Points, paypal: String)
    /// Phase two: posts (paid) or voids (failed) a held withdrawal.
    case settleWithdrawal(id: String, answer: GatewayAnswer)
    /// New followers during a live session, one follower reward each.
    case liveFollowers(creator: String, count: Int64)
    /// Opens a creator's LIVE session.
    case liveStart(creator: String)
    /// Closes a creator's LIVE session, keeping its summary.
    case liveStop(creator: String)
    /// One counted event from a LIVE feed.
    case feed(creator: String, effect: FeedEffect)
    /// Starts a battle between two live creators, for `seconds`.
    case battleStart(left: String, right: String, seconds: Int64)
    /// Ends a running battle now (the one of `creator`, or the only one).
    case battleEnd(creator: String?)
    /// Settles every battle whose timer ran out.
    case settleBattles

    /// What identifies the request for idempotency: the same key with a different fingerprint
    /// is refused.
    public var fingerprint: String {
        switch self {
        case .createAccount(let name, _): return "create|\(NameKey.of(name))"
        case .updateAccount(let name, let patch): return "update|\(NameKey.of(name))|\(patch)"
        case .recharge(let account, let points, let package, let method, _):
            return "recharge|\(NameKey.of(account))|\(points.units)|\(package ?? "")|\(method)"
        case .sendGift(let from, let to, let gift, let count):
            return "gift|\(NameKey.of(from))|\(NameKey.of(to))|\(gift)|\(count)"
        case .transferPoints(let from, let to, let points):
            return "transfer|\(NameKey.of(from))|\(NameKey.of(to))|\(points.units)"
        case .redeem(let account, let card): return "redeem|\(NameKey.of(account))|\(card)"
        case .holdWithdrawal(let account, let points, let paypal):
            return "withdraw|\(NameKey.of(account))|\(points.units)|\(paypal.lowercased())"
        case .settleWithdrawal(let id, _): return "settle|\(id)"
        case .liveFollowers(let creator, let count): return "followers|\(NameKey.of(creator))|\(count)"
        case .liveStart(let creator): return "live-start|\(NameKey.of(creator))"
        case .liveStop(let creator): return "live-stop|\(NameKey.of(creator))"
        case .feed(let creator, let effect): return "feed|\(NameKey.of(creator))|\(effect)"
        case .battleStart(let left, let right, let seconds): return "battle|\(NameKey.of(left))|\(NameKey.of(right))|\(seconds)"
        case .battleEnd(let creator): return "battle-end|\(creator.map(NameKey.of) ?? "")"
        case .settleBattles: return "settle-battles"
        }
    }
}
