import Foundation
import TikScoreCore

/// Performs the effects that touch the wallet and answers with the actions that report them.
/// It runs off the input loop; the loop posts its answer back as actions.
struct EffectRunner: Sendable {
    let wallet: any WalletService
    /// The PIN typed for the effect being run: nil when no prompt was shown, `.some(nil)` when
    /// the prompt was closed without one.
    private var pin: String?? = nil

    init(wallet: any WalletService) { self.wallet = wallet }

    /// Runs `effect`; `.redraw` and `.quit` belong to the run loop and answer nothing.
    ///
    ///     let actions = await EffectRunner(wallet: wallet).perform(.load(account: "leo"))
    func perform(_ effect: Effect) async -> [Action] {
        switch effect {
        case .load(let account): return await load(account)
        case .loadHistory(let name, let filter, let offset, let limit):
            do {
                guard let account = try await wallet.account(named: name) else { return [.failed("no account called '\(name)'")] }
                let page = try await wallet.historyPage(of: account, filter: HistoryFilter(filter), offset: offset, limit: limit)
                return [.historyLoaded(page, filter: filter)]
            } catch {
                return [.failed(Self.message(error))]
            }
        case .switchAccount(let name):
            do {
                if let account = try await wallet.account(named: name) { try await wallet.setSetting(SnapshotLoader.accountSetting, account.name) }
            } catch {
                return [.failed(Self.message(error))]
            }
            return await load(name)
        case .recharge(let account, let amount, let payment, let key):
            return [.recharged(await attempt {
                try await RechargeFlow(runner: wallet, gateway: wallet.gateway).run(account: account, amount: amount, payment: payment, key: key)
            })]
        case .holdWithdrawal(let account, let points, let paypal, let key):
            return [.withdrawalHeld(await attempt {
                try await guardPIN(of: account)
                return try await WithdrawalFlow(runner: wallet, gateway: wallet.gateway).hold(account: account, points: points, paypal: paypal, key: key)
            })]
        case .settleWithdrawal(let pending):
            return [.withdrawalSettled(await attempt { try await WithdrawalFlow(runner: wallet, gateway: wallet.gateway).settle(pending) })]
        case .gift(let from, let to, let giftID, let count, let key):
            return [.gifted(await attempt {
                try await guardPIN(of: from)
                return try await wallet.sendGift(from: from, to: to, giftID: giftID, count: count, key: key)
            })]
        case .transfer(let from, let to, let points, let key):
            return [.transferred(await attempt {
                try await guardPIN(of: from)
                return try await wallet.transferPoints(from: from, to: to, points: points, key: key)
            })]
        case .redeem(let account, let cardID, let key):
            return [.redeemed(await attempt {
                try await guardPIN(of: account)
                return try await wallet.redeem(account: account, cardID: cardID, key: key)
            })]
        case .createAccount(let name, let role):
            return [.accountCreated(await attempt {
                try await wallet.createAccount(name: name, profile: AccountProfile(role: role, createdOn: CalendarDate(wallet.now)))
            })]
        case .updateProfile(let name, let patch):
            return [.profileSaved(await attempt {
                try await guardPIN(of: name)
                return try await wallet.updateAccount(name: name, patch: patch)
            })]
        case .setGoal(let name, let points, let followers):
            return [.goalSaved(await attempt {
                let account = try await wallet.existing(name)
                var goal: LiveGoal?
                if points != nil || followers != nil {
                    let open = try await wallet.openSession(creatorID: account.id)
                    goal = try LiveGoal(points: points, followers: followers, sessionID: open?.id, setAt: wallet.now)
                }
                try await wallet.setLiveGoal(goal, of: account)
                return goal
            })]
        case .loadDemo:
            return [.demoLoaded(await attempt {
                try await DemoWallet.fill(runner: wallet, gateway: wallet.gateway, today: CalendarDate(wallet.now))
                return true
            })]
        case .settleBattles:
            do {
                try await wallet.settleDueBattles()
                return [.walletChanged]
            } catch {
                return [.failed(Self.message(error))]
            }
        case .recover:
            do {
                let settled = try await WithdrawalFlow.finishInterrupted(in: wallet)
                return [.recovered(settled: settled, interrupted: try await wallet.interruptedCommands())]
            } catch {
                return [.failed(Self.message(error))]
            }
        case .withPIN(let typed, let inner):
            var authorized = self
            authorized.pin = .some(typed)
            return await authorized.perform(inner)
        case .redraw, .quit, .alert: return []
        }
    }

    private func load(_ account: String?) async -> [Action] {
        do {
            var actions: [Action] = []
            var name = account
            if let wanted = account, try await wallet.account(named: wanted) == nil {
                actions.append(.failed("no account called '\(wanted)'; choose one from the list"))
                name = nil
            }
            return [.loaded(try await SnapshotLoader.load(wallet: wallet, account: name))] + actions
        } catch {
            return [.failed(Self.message(error))]
        }
    }

    private func attempt<T>(_ body: () async throws -> T) async -> Result<T, WalletError> {
        do {
            return .success(try await body())
        } catch let error as WalletError {
            return .failure(error)
        } catch {
            return .failure(WalletError(.storage, Self.message(error)))
        }
    }

    /// Checks the PIN typed for a protected operation of an account with a PIN (a wrong one is
    /// recorded and counts towards the lockout, as on the command line).
    private func guardPIN(of name: String) async throws {
        guard let account = try await wallet.account(named: name) else { return }
        let gate = PINGate(wallet: wallet)
        guard try await gate.isProtected(account) else { return }
        guard case .some(let typed) = pin else {
            throw WalletError(.pinRequired, "\(account.name) is protected by a PIN; nothing was done")
        }
        guard let typed else { throw WalletError(.pinRequired, "no PIN was given for \(account.name); nothing was done") }
        try await gate.authorize(account) { typed }
    }

    /// A one-line message for any error.
    static func message(_ error: Error) -> String {
        if let wallet = error as? WalletError { return wallet.message }
        return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
    }
}
