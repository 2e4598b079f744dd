/// What the dashboard's and the account picker's commands do.
enum HomeUpdate {
    static func perform(_ m: inout AppModel, _ command: UICommand) -> [Effect] {
        guard m.snapshot?.summary != nil else { return AppUpdate.goHome(&m) }
        switch command {
        case .recharge:
            m.recharge = RechargeFlowState()
            m.screen = .recharge
        case .withdraw:
            m.withdraw = WithdrawFlowState()
            m.screen = .withdraw
        case .cards:
            m.cards = CardsState()
            m.screen = .cards
        case .gift:
            m.send = SendState(mode: .gift)
            m.screen = .send
        case .transfer:
            m.send = SendState(mode: .transfer)
            m.screen = .send
        case .history:
            m.history = HistoryState()
            m.screen = .history
        case .accounts:
            m.pickerSelected = m.snapshot.flatMap { s in s.accounts.firstIndex { $0.id == s.account?.id } } ?? 0
            m.screen = .accounts
        case .currency:
            m.currencyIndex = (m.currencyIndex + 1) % (m.secondCurrencies.count + 1)
        case .nextPane: m.homePane = (m.homePane + 1) % 3
        case .previousPane: m.homePane = (m.homePane + 2) % 3
        case .up: m.activityScroll = max(0, m.activityScroll - 1)
        case .down: m.activityScroll = min(max(0, (m.snapshot?.history.count ?? 0) - 1), m.activityScroll + 1)
        case .select:
            switch m.homePane {
            case 0: return perform(&m, .recharge)
            case 2: return perform(&m, .history)
            default: break
            }
        default: break
        }
        return []
    }

    static func picker(_ m: inout AppModel, _ command: UICommand) -> [Effect] {
        let accounts = m.snapshot?.accounts ?? []
        let count = accounts.count
        switch command {
        case .up where count > 0: m.pickerSelected = (m.pickerSelected + count - 1) % count
        case .down where count > 0: m.pickerSelected = (m.pickerSelected + 1) % count
        case .top: m.pickerSelected = 0
        case .bottom: m.pickerSelected = max(0, count - 1)
        case .select:
            guard accounts.indices.contains(m.pickerSelected) else { return [] }
            m.screen = .home
            m.loading = true
            m.activityScroll = 0
            return [.switchAccount(accounts[m.pickerSelected].name)]
        case .back:
            if m.snapshot?.summary != nil { m.screen = .home }
        default: break
        }
        return []
    }
}
