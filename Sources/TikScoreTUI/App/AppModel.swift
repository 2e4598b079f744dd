import Foundation
import TikScoreCore

/// The whole state of the dashboard as a plain value: what `view` draws and `update` changes.
struct AppModel: Equatable, Sendable {
    var economy: Economy
    var look: Look
    var width: Int
    var height: Int
    var screen: Screen = .home
    /// The wallet as last read (nil before the first read).
    var snapshot: WalletSnapshot?
    /// Where the wallet lives (for the status bar).
    var walletLocation = ""
    /// How news is told (the config's `[notifications]`, `--quiet`).
    var notifications = NotificationSettings()
    /// The command palette, while it is open.
    var palette: PaletteState?
    /// When the bell or a desktop notification last went off.
    var lastAlertAt: Date?
    /// The account asked for with `--account`, until it is loaded.
    var requestedAccount: String?
    /// 0: dollars only; n: also `secondCurrencies[n - 1]`.
    var currencyIndex = 0
    var showsHelp = false
    /// The PIN asked before a protected operation, while it is typed.
    var pinPrompt: PINPromptState?
    var helpScroll = 0
    var status: StatusLine?
    /// Counts run-loop ticks while something is working (drives the spinner).
    var ticks = 0
    var setup = SetupState()
    var home = HomeState()
    var accounts = AccountsState()
    var recharge = RechargeFlowState()
    var withdraw = WithdrawFlowState()
    var cards = CardsState()
    var send = SendState()
    var history = HistoryState()
    var myCards = MyCardsState()
    var myWithdrawals = MyWithdrawalsState()
    var profile = ProfileState()
    var goal = GoalState()
    /// Prefix of idempotency keys made by this dashboard; unique per run.
    var keyPrefix: String
    var keyCounter = 0
    var loading = false
    /// The user asked to quit while a payment was in flight: quit once it has answered.
    var quitWhenIdle = false
    var quitting = false

    /// Makes a model before the first read of the wallet.
    ///
    ///     AppModel(economy: economy, width: 80, height: 24, keyPrefix: "dash-1")
    init(economy: Economy, look: Look = Look(), width: Int, height: Int, requestedAccount: String? = nil, keyPrefix: String) {
        self.economy = economy
        self.look = look
        self.width = width
        self.height = height
        self.requestedAccount = requestedAccount
        self.keyPrefix = keyPrefix
    }

    /// The signed-in account's name.
    var accountName: String? { snapshot?.summary?.account.name }

    /// The signed-in account and its balances.
    var summary: AccountSummary? { snapshot?.summary }

    /// Currencies other than dollars, for the second figure.
    var secondCurrencies: [Currency] { economy.currencies.filter { $0.code != "USD" } }

    /// The second currency shown, if one is chosen.
    var secondCurrency: Currency? {
        let list = secondCurrencies
        guard currencyIndex > 0, currencyIndex <= list.count else { return nil }
        return list[currencyIndex - 1]
    }

    /// Money for display in the currency `u` chose: dollars, or the second currency (rounded
    /// amounts marked "≈"). Charges and payouts are always shown in exact dollars instead.
    func money(_ points: Points) -> String {
        if let currency = secondCurrency { return MoneyText.currency(points, currency, economy: economy) }
        return MoneyText.usd(points, economy: economy)
    }

    /// Whether a payment, payout or other change is running (the spinner turns; only help,
    /// redraw, quit-when-done and an explanation of cancel act).
    var isWorking: Bool {
        recharge.paying || withdraw.working || cards.working || send.working || setup.working || profile.working || goal.working
    }

    /// What is running, in words, for the status line and the cancel explanation.
    var workLabel: String {
        if recharge.paying { return "the payment" }
        if withdraw.working { return "the withdrawal" }
        if cards.working { return "the redemption" }
        if send.working { return send.mode == .gift ? "the gift" : "the transfer" }
        return "the change"
    }

    /// Whether the terminal is too small to show the screen (only resize, redraw and quit act).
    var isTooSmall: Bool { width < AppView.minimumWidth || height < AppView.minimumHeight }

    /// The wallet's "today", for eligibility.
    var today: CalendarDate { CalendarDate(snapshot?.now ?? Date(timeIntervalSince1970: 0)) }

    /// The idempotency key the next confirmed change will use.
    var nextKey: String { "\(keyPrefix)-\(keyCounter + 1)" }

    /// Marks `nextKey` as used when `effects` change the wallet, so a retry never reuses it.
    mutating func consumeKey(if effects: [Effect]) {
        if effects.contains(where: \.changesWallet) { keyCounter += 1 }
    }
}
