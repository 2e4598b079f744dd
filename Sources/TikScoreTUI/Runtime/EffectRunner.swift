import Foundation
import TikScoreCore
import TikScoreStore

/// Performs the effects that touch the wallet and answers with the actions that report them.
public struct EffectRunner: Sendable {
    public let store: WalletStore

    public init(store: WalletStore) {
        self.store = store
    }

    /// Runs `effect`; `.redraw` and `.quit` belong to the run loop and answer nothing.
    ///
    ///     let actions = EffectRunner(store: store).perform(.load(account: "leo"))
    public func perform(_ effect: Effect) -> [Action] {
        switch effect {
        case .load(let account): return load(account)
        case .switchAccount(let name):
            do {
                if let account = try store.account(named: name) { try store.setSetting(SnapshotLoader.accountSetting, account.name) }
            } catch {
                return [.failed(Self.message(error))]
            }
            return load(name)
        case .recharge(let account, let amount, let payment, let key):
            return [.recharged(attempt { try RechargeFlow(runner: store, gateway: store.gateway).run(account: account, amount: amount, payment: payment, key: key) })]
        case .holdWithdrawal(let account, let points, let paypal, let key):
            return [.withdrawalHeld(attempt { try WithdrawalFlow(runner: store, gateway: store.gateway).hold(account: account, points: points, paypal: paypal, key: key) })]
        case .settleWithdrawal(let pending):
            return [.withdrawalSettled(attempt { try WithdrawalFlow(runner: store, gateway: store.gateway).settle(pending) })]
        case .gift(let from, let to, let giftID, let count, let key):
            return [.gifted(attempt {
                guard case .gift(let receipt) = try store.run(.sendGift(from: from, to: to, giftID: giftID, count: count), key: key) else { throw Self.odd }
                return receipt
            })]
        case .transfer(let from, let to, let points, let key):
            return [.transferred(attempt {
                guard case .transfer(let receipt) = try store.run(.transferPoints(from: from, to: to, points: points), key: key) else { throw Self.odd }
                return receipt
            })]
        case .redeem(let account, let cardID, let key):
            return [.redeemed(attempt {
                guard case .redemption(let redemption) = try store.run(.redeem(account: account, cardID: cardID), key: key) else { throw Self.odd }
                return redemption
            })]
        case .createAccount(let name, let role):
            return [.accountCreated(attempt {
                let profile = AccountProfile(role: role, createdOn: CalendarDate(store.now))
                guard case .account(let account) = try store.run(.createAccount(name: name, profile: profile), key: nil) else { throw Self.odd }
                return account
            })]
        case .loadDemo:
            return [.demoLoaded(attempt {
                try DemoWallet.fill(runner: store, gateway: store.gateway, today: CalendarDate(store.now))
                return true
            })]
        case .settleBattles:
            do {
                try store.settleDueBattles()
                return [.walletChanged]
            } catch {
                return [.failed(Self.message(error))]
            }
        case .redraw, .quit: return []
        }
    }

    private func load(_ account: String?) -> [Action] {
        do {
            var actions: [Action] = []
            var name = account
            if let wanted = account, try store.account(named: wanted) == nil {
                actions.append(.failed("no account called '\(wanted)'; choose one from the list"))
                name = nil
            }
            return [.loaded(try SnapshotLoader.load(store: store, account: name))] + actions
        } catch {
            return [.failed(Self.message(error))]
        }
    }

    private static let odd = WalletError(.storage, "the wallet answered with something unexpected")

    private func attempt<T>(_ body: () throws -> T) -> Result<T, WalletError> {
        do {
            return .success(try body())
        } catch let error as WalletError {
            return .failure(error)
        } catch {
            return .failure(WalletError(.storage, Self.message(error)))
        }
    }

    /// A one-line message for any error.
    static func message(_ error: Error) -> String {
        if let wallet = error as? WalletError { return wallet.message }
        return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
    }
}
