import TikScoreCore

/// Clicks and the wheel: the regions come from drawing the current model, so a click always
/// lands on what the user sees, and runs the command that was drawn there.
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
        return AppUpdate.perform(&m, hit.command)
    }

    private static func scroll(_ m: inout AppModel, _ command: UICommand) -> [Effect] {
        guard ScreenDispatch.focusedField(m) == nil || m.screen == .history else { return [] }
        return AppUpdate.perform(&m, command)
    }
}
