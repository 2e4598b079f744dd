import TikScoreCore

/// The panes of the dashboard, in Tab order.
enum HomePane: Int, TabOrder, Hashable, Sendable {
    case balance, live, activity
}

/// The dashboard: which pane has the focus and how far the activity is scrolled.
struct HomeState: ScreenComponent {
    static let title = "Dashboard"
    static var slot: WritableKeyPath<AppModel, HomeState> { \.home }

    var pane: HomePane = .balance
    var activityScroll = 0

    init() {}

    mutating func update(_ command: UICommand, in model: AppModel) -> ScreenUpdate {
        guard model.summary != nil else { return .go(.home) }
        switch command {
        case .recharge: return .go(.open(.recharge))
        case .withdraw: return .go(.open(.withdraw))
        case .cards: return .go(.open(.cards))
        case .gift: return .go(.send(.gift))
        case .transfer: return .go(.send(.transfer))
        case .history: return .go(.open(.history))
        case .accounts: return .go(.open(.accounts))
        case .myCards: return .go(.open(.myCards))
        case .myWithdrawals: return .go(.open(.myWithdrawals))
        case .profile: return .go(.open(.profile))
        case .goal:
            guard model.summary?.account.profile.role == .creator else { return .status("Only a creator's LIVE earns points: no goal to set", .info) }
            return .go(.open(.goal))
        case .currency: return ScreenUpdate(cyclesCurrency: true)
        case .nextPane: pane = pane.next
        case .previousPane: pane = pane.previous
        case .up: activityScroll = max(0, activityScroll - 1)
        case .down: activityScroll = min(max(0, (model.snapshot?.history.count ?? 0) - 1), activityScroll + 1)
        case .choose(let index):
            guard let clicked = HomePane(rawValue: index) else { return .none }
            if clicked != pane {
                pane = clicked
                return .none
            }
            return open(pane)
        case .select: return open(pane)
        default: break
        }
        return .none
    }

    private func open(_ pane: HomePane) -> ScreenUpdate {
        switch pane {
        case .balance: return .go(.open(.recharge))
        case .activity: return .go(.open(.history))
        case .live: return .none
        }
    }
}
