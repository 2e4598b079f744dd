import TikScoreCore

/// Which screen of the dashboard is showing.
enum Screen: Hashable, Sendable, CaseIterable {
    /// The empty-wallet welcome: create an account or load the demo.
    case setup
    /// The dashboard: balances, live panel, battle, activity.
    case home
    case recharge
    case withdraw
    case cards
    /// Sending a gift or points to another account.
    case send
    case history
    /// The account picker.
    case accounts
    /// The gift cards the account bought, with their codes.
    case myCards
    /// The account's withdrawals and their status.
    case myWithdrawals
    /// The signed-in account's own details.
    case profile
    /// The LIVE goal of the signed-in creator.
    case goal

    /// The component that runs the screen: the one registration a new screen needs.
    var component: any ScreenComponent.Type {
        switch self {
        case .setup: SetupState.self
        case .home: HomeState.self
        case .recharge: RechargeFlowState.self
        case .withdraw: WithdrawFlowState.self
        case .cards: CardsState.self
        case .send: SendState.self
        case .history: HistoryState.self
        case .accounts: AccountsState.self
        case .myCards: MyCardsState.self
        case .myWithdrawals: MyWithdrawalsState.self
        case .profile: ProfileState.self
        case .goal: GoalState.self
        }
    }

    /// The screen's title for the header and the help overlay.
    var title: String { component.title }

    /// Puts a fresh state for this screen into `model`.
    func reset(in model: inout AppModel) {
        Self.reset(component, in: &model)
    }

    private static func reset<C: ScreenComponent>(_ type: C.Type, in model: inout AppModel) {
        model[keyPath: C.slot] = C()
    }
}
