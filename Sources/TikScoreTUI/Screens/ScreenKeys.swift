/// The key table of the screen showing now: the same table drives dispatch, the hint bar and help.
public enum ScreenKeys {
    /// The key map for `model`'s screen and step.
    ///
    ///     ScreenKeys.map(for: model).action(for: .char("r")) // .recharge on the dashboard
    public static func map(for model: AppModel) -> KeyMap<UICommand> {
        let s = model.look.symbols
        switch model.screen {
        case .setup: return SetupScreen.keys(s)
        case .home: return HomeScreen.keys(s)
        case .recharge: return RechargeScreen.keys(s, state: model.recharge)
        case .withdraw: return WithdrawScreen.keys(s, state: model.withdraw)
        case .cards: return CardsScreen.keys(s, state: model.cards)
        case .send: return SendScreen.keys(s, state: model.send)
        case .history: return HistoryScreen.keys(s)
        case .accounts: return AccountsScreen.keys(s)
        }
    }

    /// The screen's title for the header and the help overlay.
    public static func title(_ screen: Screen) -> String {
        switch screen {
        case .setup: return "Welcome"
        case .home: return "Dashboard"
        case .recharge: return "Recharge"
        case .withdraw: return "Withdraw"
        case .cards: return "Gift cards"
        case .send: return "Send"
        case .history: return "History"
        case .accounts: return "Accounts"
        }
    }
}
