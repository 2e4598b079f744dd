import TikScoreCore

/// The account picker: every account with its role; Enter switches.
extension AccountsState {
    func keys(_ model: AppModel) -> KeyMap<UICommand> {
        let s = model.look.symbols
        return KeyMap(CommonKeys.upDown(s, label: "Choose") + [
            CommonKeys.select("Switch", help: "Open the dashboard as this account"),
            CommonKeys.back(help: "Back to the dashboard"),
        ] + CommonKeys.pages + CommonKeys.tail)
    }

    func render(_ model: AppModel, in body: Rect, buffer: inout Buffer, hits: inout [HitRegion]) {
        guard let snapshot = model.snapshot else { return }
        let box = body.centered(width: min(body.width, 60), height: min(body.height, snapshot.accounts.count + 4))
        let inner = Draw.box("Who are you?", in: box, model: model, buffer: &buffer).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        Draw.line("Choose the account to open:", in: inner, y: inner.y, style: model.look.theme.muted, model: model, buffer: &buffer)
        let items = snapshot.accounts.map { account -> String in
            let current = account.id == snapshot.account?.id ? " (open now)" : ""
            return CharWidth.padRight(account.name, toWidth: 16) + " " + CharWidth.padRight(account.profile.role.rawValue, toWidth: 9) + current
        }
        let list = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(0, inner.height - 2))
        Draw.list(items, selected: model.accounts.selected, in: list, model: model, buffer: &buffer, hits: &hits)
    }
}
