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
    /// Credits bought points after the payment was approved. `payment` is what the buyer typed;
    /// only its last four digits (or the PayPal address) are kept in the receipt.
    case recharge(account: String, points: Points, packageID: String?, payment: PaymentDetails, reference: String)
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
    /// One counted event from a LIVE feed, with its source time and line when known. A feed
    /// event for a creator who is not live opens the next session.
    case feed(creator: String, effect: FeedEffect, source: FeedSource? = nil)
    /// Starts a battle between two live creators, for `seconds`.
    case battleStart(left: String, right: String, seconds: Int64)
    /// Ends a running battle now (the one of `creator`, or the only one).
    case battleEnd(creator: String?)
    /// Settles every battle whose timer ran out.
    case settleBattles
}
