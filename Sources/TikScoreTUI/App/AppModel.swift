import Foundation
import TikScoreCore

/// The whole state of the dashboard as a plain value: what `view` draws and `update` changes.
public struct AppModel: Equatable, Sendable {
    public var economy: Economy
    public var look: Look
    public var width: Int
    public var height: Int
    public var screen: Screen = .home
    /// The wallet as last read (nil before the first read).
    public var snapshot: WalletSnapshot?
    /// The account asked for with `--account`, until it is loaded.
    public var requestedAccount: String?
    /// 0: dollars only; n: also `secondCurrencies[n - 1]`.
    public var currencyIndex = 0
    public var showsHelp = false
    public var helpScroll = 0
    public var status: StatusLine?
    /// Counts run-loop ticks while something is working (drives the spinner).
    public var ticks = 0
    /// Home: 0 balance, 1 live, 2 activity.
    public var homePane = 0
    public var activityScroll = 0
    public var pickerSelected = 0
    public var setup = SetupState()
    public var recharge = RechargeFlowState()
    public var withdraw = WithdrawFlowState()
    public var cards = CardsState()
    public var send = SendState()
    public var history = HistoryState()
    /// Prefix of idempotency keys made by this dashboard; unique per run.
    public var keyPrefix: String
    public var keyCounter = 0
    public var loading = false
    public var quitting = false

    /// Makes a model before the first read of the wallet.
    ///
    ///     AppModel(economy: economy, width: 80, height: 24, keyPrefix: "dash-1")
    public init(economy: Economy, look: Look = Look(), width: Int, height: Int, requestedAccount: String? = nil, keyPrefix: String) {
        self.economy = economy
        self.look = look
        self.width = width
        self.height = height
        self.requestedAccount = requestedAccount
        self.keyPrefix = keyPrefix
    }

    /// The signed-in account's name.
    public var accountName: String? { snapshot?.summary?.account.name }

    /// Currencies other than dollars, for the second figure.
    public var secondCurrencies: [Currency] { economy.currencies.filter { $0.code != "USD" } }

    /// The second currency shown, if one is chosen.
    public var secondCurrency: Currency? {
        let list = secondCurrencies
        guard currencyIndex > 0, currencyIndex <= list.count else { return nil }
        return list[currencyIndex - 1]
    }

    /// Whether a payment, payout or other change is running (keys wait, the spinner turns).
    public var isWorking: Bool {
        recharge.paying || withdraw.working || cards.working || send.working || setup.working
    }

    /// The wallet's "today", for eligibility.
    public var today: CalendarDate { CalendarDate(snapshot?.now ?? Date(timeIntervalSince1970: 0)) }

    /// The idempotency key the next confirmed change will use.
    var nextKey: String { "\(keyPrefix)-\(keyCounter + 1)" }

    /// Marks `nextKey` as used when `effects` change the wallet, so a retry never reuses it.
    mutating func consumeKey(if effects: [Effect]) {
        let changes = effects.contains { effect in
            switch effect {
            case .recharge, .holdWithdrawal, .gift, .transfer, .redeem: return true
            default: return false
            }
        }
        if changes { keyCounter += 1 }
    }
}
