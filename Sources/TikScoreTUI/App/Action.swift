import Foundation
import TikScoreCore

/// Something that happened: a key, a resize, a clock tick, a change in the wallet, a signal, or
/// the result of an `Effect`. `AppUpdate.update` turns actions into a new model and effects.
enum Action: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// Time passed; carries the wallet's clock.
    case tick(Date)
    /// The wallet changed (here or in another process).
    case walletChanged
    /// Ctrl-C or SIGTERM: quit, after the work in flight has answered.
    case interrupted
    case loaded(WalletSnapshot)
    /// A page of history read for `filter`.
    case historyLoaded(HistoryPage, filter: String)
    case failed(String)
    case recharged(Result<RechargeReceipt, WalletError>)
    case withdrawalHeld(Result<Withdrawal, WalletError>)
    case withdrawalSettled(Result<Withdrawal, WalletError>)
    case gifted(Result<GiftReceipt, WalletError>)
    case transferred(Result<TransferReceipt, WalletError>)
    case redeemed(Result<Redemption, WalletError>)
    case accountCreated(Result<Account, WalletError>)
    case profileSaved(Result<Account, WalletError>)
    /// The goal was set (nil: cleared).
    case goalSaved(Result<LiveGoal?, WalletError>)
    case demoLoaded(Result<Bool, WalletError>)
    /// What the start-up recovery found: payouts it finished and payments a stopped process left in flight.
    case recovered(settled: [Withdrawal], interrupted: [InterruptedCommand])
}
