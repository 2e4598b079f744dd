/// Clicks and the wheel: the regions come from drawing the current model, so a click always
/// lands on what the user sees.
enum Mouse {
    static func handle(_ m: inout AppModel, _ event: MouseEvent) -> [Effect] {
        switch event.kind {
        case .wheelUp: return scroll(&m, .up)
        case .wheelDown: return scroll(&m, .down)
        case .release: return []
        case .press: break
        }
        var hits: [HitRegion] = []
        _ = AppView.render(m, hits: &hits)
        guard let hit = hits.last(where: { $0.rect.contains(x: event.x, y: event.y) }) else { return [] }
        switch hit.target {
        case .command(let command): return AppUpdate.perform(&m, command)
        case .row(let index):
            if selection(m) == index { return AppUpdate.perform(&m, .select) }
            setSelection(&m, index)
            return []
        case .button(let index):
            setButton(&m, index)
            return AppUpdate.perform(&m, .select)
        }
    }

    private static func scroll(_ m: inout AppModel, _ command: UICommand) -> [Effect] {
        guard AppUpdate.focusedField(m) == nil || m.screen == .history else { return [] }
        return AppUpdate.perform(&m, command)
    }

    private static func selection(_ m: AppModel) -> Int? {
        switch m.screen {
        case .recharge: return m.recharge.step == .method ? m.recharge.method : m.recharge.selected
        case .cards: return m.cards.selected
        case .send: return m.send.step == .recipient ? m.send.recipient : m.send.gift
        case .history: return m.history.selected
        case .accounts: return m.pickerSelected
        case .home: return m.homePane
        case .setup: return m.setup.focus
        case .withdraw: return nil
        }
    }

    private static func setSelection(_ m: inout AppModel, _ index: Int) {
        switch m.screen {
        case .recharge:
            if m.recharge.step == .method { m.recharge.method = index } else { m.recharge.selected = index }
        case .cards: m.cards.selected = index
        case .send:
            if m.send.step == .recipient { m.send.recipient = index } else { m.send.gift = index }
        case .history: m.history.selected = index
        case .accounts: m.pickerSelected = index
        case .home: m.homePane = index
        case .setup: m.setup.focus = index
        case .withdraw: break
        }
    }

    private static func setButton(_ m: inout AppModel, _ index: Int) {
        switch m.screen {
        case .recharge: m.recharge.confirmButton = index
        case .withdraw: m.withdraw.confirmButton = index
        case .cards: m.cards.confirmButton = index
        case .send: m.send.confirmButton = index
        default: break
        }
    }
}
