import Foundation
import TikScoreCore

/// Something that happened: a key, a resize, a clock tick, a change in the wallet, or the
/// result of an `Effect`. `AppUpdate.update` turns actions into a new model and effects.
public enum Action: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// The run loop's timeout passed; carries the wallet's clock.
    case tick(Date)
    /// Another process changed the wallet.
    case walletChanged
    case loaded(WalletSnapshot)
    case failed(String)
    case recharged(Result<RechargeReceipt, WalletError>)
    case withdrawalHeld(Result<Withdrawal, WalletError>)
    case withdrawalSettled(Result<Withdrawal, WalletError>)
    case gifted(Result<GiftReceipt, WalletError>)
    case transferred(Result<TransferReceipt, WalletError>)
    case redeemed(Result<Redemption, WalletError>)
    case accountCreated(Result<Account, WalletError>)
    case demoLoaded(Result<Bool, WalletError>)
}
