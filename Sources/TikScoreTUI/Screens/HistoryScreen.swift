import TikScoreCore

/// Every transfer of the account with running balances; `/` filters as you type.
extension HistoryState {
    func keys(_ model: AppModel) -> KeyMap<UICommand> {
        let s = model.look.symbols
        return KeyMap(CommonKeys.upDown(s, label: "Scroll") + [
            KeyBinding(keys: [.pageUp], label: "Page", help: "Scroll a page up", action: .pageUp, keyLabel: "PgUp/PgDn"),
            KeyBinding(keys: [.pageDown], label: "", help: "Scroll a page down", action: .pageDown, showsInHintBar: false),
            KeyBinding(keys: [.home], label: "First", help: "Go to the newest line", action: .top, showsInHintBar: false),
            KeyBinding(keys: [.end], label: "Last", help: "Go to the oldest line", action: .bottom, showsInHintBar: false),
            KeyBinding(keys: [.char("/")], label: "Filter", help: "Type to filter by kind, memo or account; Enter keeps it, Esc clears it", action: .filter),
            CommonKeys.select("Keep filter", help: "Stop typing in the filter and keep it"),
            CommonKeys.back(help: "Clear the filter, or go back to the dashboard"),
        ] + CommonKeys.tail)
    }

    func render(_ model: AppModel, in body: Rect, buffer: inout Buffer, hits: inout [HitRegion]) {
        guard let snapshot = model.snapshot, let summary = snapshot.summary else { return }
        let state = self
        let theme = model.look.theme
        let lines = state.visible(snapshot.history, snapshot: snapshot)
        let inner = Draw.box("History of \(summary.account.name) (\(lines.count) lines)", in: body, model: model, buffer: &buffer)
            .inset(horizontal: 1, vertical: 0)
        guard inner.height >= 3 else { return }
        if state.filtering || !state.filter.value.isEmpty {
            buffer.set(string: "Filter: ", x: inner.x, y: inner.y, style: theme.title)
            var field = state.filter
            field.focused = state.filtering
            field.style = theme.text
            field.cursorStyle = theme.cursor
            field.placeholderStyle = theme.muted
            field.render(in: Rect(x: inner.x + 8, y: inner.y, width: max(0, min(40, inner.width - 8)), height: 1), buffer: &buffer)
        } else {
            Draw.line("Press / to filter.", in: inner, y: inner.y, style: theme.muted, model: model, buffer: &buffer)
        }
        let area = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        let table = Table(
            columns: [
                .init(title: "Time", width: .length(16)),
                .init(title: "Kind", width: .length(15)),
                .init(title: "Balance", width: .length(7)),
                .init(title: "Change", width: .length(11), alignment: .right),
                .init(title: "After", width: .length(10), alignment: .right),
                .init(title: "What", width: .fill(1)),
            ],
            rows: lines.map { line in
                [Clock.dateTime(line.transfer.timestamp), line.transfer.kind.rawValue, line.balance.leaf,
                 MoneyText.signed(line.change), line.balanceAfter.grouped, line.transfer.memo]
            },
            selected: lines.isEmpty ? nil : min(state.selected, lines.count - 1),
            theme: theme, symbols: model.look.symbols)
        var shown = table
        shown.offset = table.visibleOffset(visibleRows: max(0, area.height - 1))
        shown.render(in: area, buffer: &buffer)
        for row in 0..<area.height {
            if let index = shown.row(at: area.y + row, in: area) { hits.append(HitRegion(area.row(row), .choose(index))) }
        }
        if lines.isEmpty {
            Draw.line(snapshot.history.isEmpty ? "No transfers yet." : "Nothing matches the filter.", in: area, y: area.y + 1, style: theme.muted, model: model, buffer: &buffer)
        }
    }
}
