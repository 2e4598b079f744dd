import TikScoreCore

/// Every line of the account's history, paged from the wallet, with running balances; `/` filters
/// the whole history as you type; Enter opens a line with every field.
extension HistoryState {
    func keys(_ model: AppModel) -> KeyMap<UICommand> {
        let s = model.look.symbols
        if opened {
            var bindings = [CommonKeys.select("Close", help: "Close the line"), CommonKeys.back("Close", help: "Close the line")]
            if selectedLine?.transfer.kind == .redeem {
                bindings.append(KeyBinding(keys: [.char("C")], label: "My cards", help: "Show this gift card in My gift cards", action: .cards))
            }
            return KeyMap(bindings + CommonKeys.tail)
        }
        return KeyMap(CommonKeys.upDown(s, label: "Scroll") + [
            KeyBinding(keys: [.pageUp], label: "Page", help: "Scroll a page up", action: .pageUp, keyLabel: "PgUp/PgDn"),
            KeyBinding(keys: [.pageDown], label: "", help: "Scroll a page down", action: .pageDown, showsInHintBar: false),
            KeyBinding(keys: [.home], label: "First", help: "Go to the newest line", action: .top, showsInHintBar: false),
            KeyBinding(keys: [.end], label: "Last", help: "Go to the oldest line", action: .bottom, showsInHintBar: false),
            KeyBinding(keys: [.char("/")], label: "Filter", help: "Type to filter the whole history by kind, memo or account; Enter keeps it, Esc clears it", action: .filter),
            CommonKeys.select(filtering ? "Keep filter" : "Open", help: "Open the selected line (while filtering: keep the filter)"),
            CommonKeys.back(help: "Clear the filter, or go back to the dashboard"),
        ] + CommonKeys.tail)
    }

    func render(_ model: AppModel, in body: Rect, buffer: inout Buffer, hits: inout [HitRegion]) {
        guard let snapshot = model.snapshot, let summary = snapshot.summary else { return }
        let theme = model.look.theme
        let position = total == 0 ? "no lines" : "row \(Grouping.of(selected + 1)) of \(Grouping.of(total))"
        let inner = Draw.box("History of \(summary.account.name) (\(position))", in: body, model: model, buffer: &buffer)
            .inset(horizontal: 1, vertical: 0)
        guard inner.height >= 3 else { return }
        if filtering || !filter.value.isEmpty {
            buffer.set(string: "Filter: ", x: inner.x, y: inner.y, style: theme.title)
            var field = filter
            field.focused = filtering
            field.style = theme.text
            field.cursorStyle = theme.cursor
            field.placeholderStyle = theme.muted
            field.render(in: Rect(x: inner.x + 8, y: inner.y, width: max(0, min(40, inner.width - 8)), height: 1), buffer: &buffer)
        } else {
            Draw.line("Press / to filter the whole history.", in: inner, y: inner.y, style: theme.muted, model: model, buffer: &buffer)
        }
        let area = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        guard let page else {
            Spinner(tick: model.ticks, label: "Reading the history…", style: theme.muted, symbols: model.look.symbols)
                .render(in: area.row(1), buffer: &buffer)
            return
        }
        let visibleRows = max(1, area.height - 1)
        let first = max(0, min(selected - visibleRows / 2, total - visibleRows))
        let shown = (first..<min(total, first + visibleRows)).map { page.line(at: $0) }
        let table = Table(
            columns: [
                .init(title: "Time", width: .length(16)),
                .init(title: "Kind", width: .length(15)),
                .init(title: "Balance", width: .length(7)),
                .init(title: "Change", width: .length(11), alignment: .right),
                .init(title: "After", width: .length(10), alignment: .right),
                .init(title: "What", width: .fill(1)),
            ],
            rows: shown.map { line in
                guard let line else { return ["…", "", "", "", "", ""] }
                return [Clock.dateTime(line.transfer.timestamp), line.transfer.kind.rawValue, line.balance.leaf,
                        MoneyText.signed(line.change), line.balanceAfter.grouped, snapshot.memo(of: line)]
            },
            selected: total == 0 ? nil : selected - first,
            theme: theme, symbols: model.look.symbols)
        table.render(in: area, buffer: &buffer)
        for row in 0..<min(shown.count, max(0, area.height - 1)) {
            hits.append(HitRegion(area.row(row + 1), .choose(first + row)))
        }
        if total == 0 {
            Draw.line(filter.value.isEmpty ? "No transfers yet." : "Nothing in the whole history matches the filter.",
                      in: area, y: area.y + 1, style: theme.muted, model: model, buffer: &buffer)
        }
        if opened, let line = selectedLine {
            hits.removeAll()
            var lines = [
                "\(Clock.dateTime(line.transfer.timestamp)) · \(line.transfer.kind.rawValue)",
                "\(line.balance.leaf): \(MoneyText.signed(line.change)) points, then \(line.balanceAfter.grouped)",
                "With: \(snapshot.name(of: line.counterparty))",
                snapshot.memo(of: line),
                "Transfer \(line.transfer.id)" + (line.transfer.pendingID.map { ", settles \($0)" } ?? ""),
            ]
            if line.transfer.kind == .redeem { lines.append("C: show this card in My gift cards") }
            Draw.dialog("History line", lines, buttons: ["Close"], focused: 0, in: inner, model: model, buffer: &buffer, hits: &hits)
        }
    }
}
