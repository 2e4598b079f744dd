import TikScoreCore

/// `view(model) -> Buffer`: the header, the current screen, the status line, the hint bar and
/// the help overlay, drawn into a cell buffer (never into the terminal).
enum AppView {
    /// The smallest terminal the dashboard draws in.
    static let minimumWidth = 60
    static let minimumHeight = 18

    /// Draws `model` at its size.
    ///
    ///     let buffer = AppView.render(model)
    static func render(_ model: AppModel) -> Buffer {
        var hits: [HitRegion] = []
        return render(model, hits: &hits)
    }

    /// Draws `model` and collects the clickable regions.
    static func render(_ model: AppModel, hits: inout [HitRegion]) -> Buffer {
        var buffer = Buffer(width: model.width, height: model.height)
        let area = buffer.area
        guard !area.isEmpty else { return buffer }
        let theme = model.look.theme
        if TooSmallMessage.isTooSmall(area, minimumWidth: minimumWidth, minimumHeight: minimumHeight) {
            TooSmallMessage(minimumWidth: minimumWidth, minimumHeight: minimumHeight, theme: theme).render(in: area, buffer: &buffer)
            return buffer
        }
        let rows = area.rows([.length(1), .fill(1), .length(1), .length(1)])
        header(model, in: rows[0], buffer: &buffer)
        let body = rows[1]
        if model.snapshot == nil {
            Spinner(tick: model.ticks, label: "Opening the wallet…", style: theme.muted, symbols: model.look.symbols)
                .render(in: body.inset(horizontal: 2, vertical: 1).row(0), buffer: &buffer)
        } else {
            ScreenDispatch.render(model, in: body, buffer: &buffer, hits: &hits)
        }
        statusLine(model, in: rows[2], buffer: &buffer)
        let keys = ScreenDispatch.keys(model)
        hintBar(keys, model: model, in: rows[3], buffer: &buffer, hits: &hits)
        if let prompt = model.pinPrompt {
            hits.removeAll()
            let dots = String(repeating: "•", count: prompt.value.count)
            Dialog(title: "PIN for \(prompt.account)",
                   message: ["This operation is protected by \(prompt.account)'s PIN.", "PIN: " + (model.look.symbols == .ascii ? String(repeating: "*", count: prompt.value.count) : dots) + "_",
                             "Enter to confirm, Esc to cancel."],
                   buttons: ["OK", "Cancel"], theme: theme, symbols: model.look.symbols)
                .render(in: body, buffer: &buffer)
        }
        if let palette = model.palette {
            hits.removeAll()
            PaletteOverlay(palette: palette, entries: palette.matches(creator: model.summary?.account.profile.role == .creator),
                           theme: theme, symbols: model.look.symbols)
                .render(in: body, buffer: &buffer)
        }
        if model.showsHelp {
            hits.removeAll()
            HelpOverlay(title: "Keys: \(model.screen.title) (Esc closes)", keyMap: keys, scroll: model.helpScroll,
                        theme: theme, symbols: model.look.symbols)
                .render(in: body, buffer: &buffer)
        }
        return buffer
    }

    private static func header(_ model: AppModel, in row: Rect, buffer: inout Buffer) {
        let theme = model.look.theme
        buffer.fill(row, with: .blank(theme.hintKey))
        var left = " TikScore · \(model.screen.title)"
        if let account = model.snapshot?.account {
            left += " · \(account.name) (\(account.profile.role.rawValue))"
        }
        buffer.set(string: CharWidth.truncate(left, toWidth: row.width, ellipsis: model.look.symbols.ellipsis),
                   x: row.x, y: row.y, style: theme.hintKey, maxWidth: row.width)
        var right = row.right
        if let session = model.snapshot?.session, session.isLive {
            let live = " \(model.look.symbols.stepCurrent) LIVE "
            let x = row.right - CharWidth.width(live)
            if x > row.x + CharWidth.width(left) {
                buffer.set(string: live, x: x, y: row.y, style: theme.hintKey)
                right = x
            }
        }
        // Which wallet this is (a file's name, or host and database), where it fits.
        let wallet = " \(walletName(model.walletLocation)) "
        let x = right - CharWidth.width(wallet)
        if !model.walletLocation.isEmpty, x > row.x + CharWidth.width(left) + 1 {
            buffer.set(string: wallet, x: x, y: row.y, style: theme.hintKey)
        }
    }

    /// `postgres://ops@db.example.com:5432/agency` → `db.example.com:5432/agency`; a path → its file name.
    static func walletName(_ location: String) -> String {
        if let scheme = location.range(of: "://") {
            let rest = location[scheme.upperBound...]
            return String(rest.firstIndex(of: "@").map { rest[rest.index(after: $0)...] } ?? rest)
        }
        return location.split(separator: "/").last.map(String.init) ?? location
    }

    private static func statusLine(_ model: AppModel, in row: Rect, buffer: inout Buffer) {
        let theme = model.look.theme
        let s = model.look.symbols
        if model.isWorking || model.loading {
            // While work is in flight the spinner stays, with what the user was told (a cancel
            // explanation, "quitting when…") or what is happening.
            let label = model.status?.text ?? (model.isWorking ? "Working… (the wallet is being updated)" : "Loading…")
            Spinner(tick: model.ticks, label: label, style: theme.accent, symbols: s).render(in: row, buffer: &buffer)
            return
        }
        guard let status = model.status else { return }
        let (style, mark): (Style, String)
        switch status.kind {
        case .info: (style, mark) = (theme.text, "")
        case .success: (style, mark) = (theme.positive, s.tick + " ")
        case .error: (style, mark) = (theme.error, s.cross + " ")
        }
        buffer.set(string: CharWidth.truncate(" " + mark + status.text, toWidth: row.width, ellipsis: s.ellipsis),
                   x: row.x, y: row.y, style: style, maxWidth: row.width)
    }

    private static func hintBar(_ keys: KeyMap<UICommand>, model: AppModel, in row: Rect, buffer: inout Buffer, hits: inout [HitRegion]) {
        var shown = keys.bindings.filter { $0.showsInHintBar && !$0.label.isEmpty }
        if ScreenDispatch.focusedField(model) != nil {
            // While a field takes typing, letters type: the bar offers only the keys that still act.
            shown = shown.compactMap { binding in
                guard binding.keyLabel == nil else { return binding }
                var typing = binding
                typing.keys = binding.keys.filter { if case .char = $0 { return false } else { return true } }
                return typing.keys.isEmpty ? nil : typing
            }
        }
        func items() -> [HintBar.Item] { shown.map { HintBar.Item(key: $0.keyNames(symbols: model.look.symbols), label: $0.label) } }
        // keep Help and Quit (the table's tail) in view: drop hints just before them until all fit
        let kept = 2
        while shown.count > kept,
              HintBar(items: items(), symbols: model.look.symbols).fittingCount(width: row.width) < shown.count {
            shown.remove(at: shown.count - kept - 1)
        }
        let bar = HintBar(items: items(), theme: model.look.theme, symbols: model.look.symbols)
        bar.render(in: row, buffer: &buffer)
        var x = row.x
        for (binding, item) in zip(shown, bar.items).prefix(bar.fittingCount(width: row.width)) {
            let width = CharWidth.width(item.key) + 1 + CharWidth.width(item.label)
            hits.append(HitRegion(Rect(x: x, y: row.y, width: width, height: 1), binding.action))
            x += width + bar.gap
        }
    }
}
