import TikScoreCore

/// Work the run loop does for `update`, off the input loop: reading and changing the wallet,
/// redrawing, quitting. Each one that touches the wallet comes back as an `Action` with its result.
enum Effect: Equatable, Sendable {
    /// Reads a fresh snapshot for `account` (nil: the last used or the only one).
    case load(account: String?)
    /// Remembers `account` as the one used last and loads it.
    case switchAccount(String)
    /// Reads a page of `account`'s history among the lines `filter` keeps.
    case loadHistory(account: String, filter: String, offset: Int, limit: Int)
    case recharge(account: String, amount: RechargeAmount, payment: PaymentDetails, key: String)
    /// Phase one of a withdrawal: hold the points.
    case holdWithdrawal(account: String, points: Points, paypal: String, key: String)
    /// Phase two: ask PayPal and post or void the hold.
    case settleWithdrawal(Withdrawal)
    case gift(from: String, to: String, giftID: Int64, count: Int64, key: String)
    case transfer(from: String, to: String, points: Points, key: String)
    case redeem(account: String, cardID: String, key: String)
    case createAccount(name: String, role: Role)
    /// Saves changes to an account's profile.
    case updateProfile(account: String, patch: ProfilePatch)
    /// Sets the creator's LIVE goal for this session or the next; no target clears it.
    case setGoal(account: String, points: Points?, followers: Int64?)
    /// Fills the empty wallet with the demo accounts and history.
    case loadDemo
    /// Settles battles whose timer ran out.
    case settleBattles
    /// Finishes payouts a stopped process left pending and looks for payments it left in flight.
    case recover
    /// Clears the terminal and draws every cell again.
    case redraw
    case quit
    /// Rings the bell and/or sends a desktop notification (OSC 9 and OSC 777) with `text`.
    case alert(String, bell: Bool, desktop: Bool)
    /// A protected operation with the PIN typed for it (nil: the prompt was closed).
    indirect case withPIN(pin: String?, Effect)

    /// Whether the effect changes the wallet under a key of this dashboard.
    var changesWallet: Bool {
        switch self {
        case .recharge, .holdWithdrawal, .gift, .transfer, .redeem: return true
        case .withPIN(_, let inner): return inner.changesWallet
        default: return false
        }
    }

    /// What the effect reads, when it only reads the wallet: reads of one kind are coalesced by
    /// the run loop (the newest waiting one wins).
    var readKind: String? {
        switch self {
        case .load, .switchAccount: return "snapshot"
        case .loadHistory: return "history"
        default: return nil
        }
    }
}
