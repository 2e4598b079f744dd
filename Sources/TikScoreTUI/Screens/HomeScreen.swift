import Foundation
import TikScoreCore

/// The dashboard: balances, the LIVE panel, a running battle, the latest activity.
extension HomeState {
    func keys(_ model: AppModel) -> KeyMap<UICommand> {
        let s = model.look.symbols
        return KeyMap([
            KeyBinding(keys: [.char("r")], label: "Recharge", help: "Buy points: package or custom amount, card or PayPal", action: .recharge),
            KeyBinding(keys: [.char("w")], label: "Withdraw", help: "Cash out earned points to PayPal, step by step", action: .withdraw),
            KeyBinding(keys: [.char("c")], label: "Cards", help: "Redeem earned points for a gift card", action: .cards),
            KeyBinding(keys: [.char("C")], label: "My cards", help: "The gift cards you bought, with their codes", action: .myCards, showsInHintBar: false),
            KeyBinding(keys: [.char("W")], label: "My withdrawals", help: "Your withdrawals and their status", action: .myWithdrawals, showsInHintBar: false),
            KeyBinding(keys: [.char("G")], label: "Goal", help: "Set a LIVE goal: earned points and new followers this session", action: .goal, showsInHintBar: false),
            KeyBinding(keys: [.char("p")], label: "Profile", help: "Your followers, business account, Creator Next and dates", action: .profile, showsInHintBar: false),
            KeyBinding(keys: [.char("g")], label: "Gift", help: "Send a LIVE gift to a creator", action: .gift),
            KeyBinding(keys: [.char("t")], label: "Transfer", help: "Give points to another account", action: .transfer),
            KeyBinding(keys: [.char("y")], label: "History", help: "Every transfer with running balances; / filters", action: .history),
            KeyBinding(keys: [.char("a")], label: "Account", help: "Switch to another account", action: .accounts),
            KeyBinding(keys: [.char("u")], label: "Currency", help: "Show earnings in another currency too (cycles)", action: .currency),
            KeyBinding(keys: [.tab], label: "Pane", help: "Move to the next pane", action: .nextPane, showsInHintBar: false),
            KeyBinding(keys: [.backTab], label: "Pane", help: "Move to the previous pane", action: .previousPane, showsInHintBar: false),
            KeyBinding(keys: [.enter], label: "Open", help: "Open the pane: Balance recharges, Activity shows the history", action: .select, showsInHintBar: false),
            CommonKeys.up(s, label: "Scroll"),
            CommonKeys.down(s),
        ] + CommonKeys.tail)
    }

    func render(_ model: AppModel, in body: Rect, buffer: inout Buffer, hits: inout [HitRegion]) {
        guard let snapshot = model.snapshot, let summary = snapshot.summary else { return }
        let wide = body.width >= 100
        let topHeight = min(9, max(7, body.height / 2))
        let battleHeight = snapshot.battle == nil ? 0 : 5
        let parts = body.rows([.length(topHeight), .length(battleHeight), .fill(1)])
        let top = parts[0].columns([.length(wide ? 44 : 38), .fill(1)])
        hits.append(HitRegion(top[0], .choose(HomePane.balance.rawValue)))
        hits.append(HitRegion(top[1], .choose(HomePane.live.rawValue)))
        hits.append(HitRegion(parts[2], .choose(HomePane.activity.rawValue)))
        balance(model, summary, in: top[0], buffer: &buffer)
        live(model, snapshot, in: top[1], buffer: &buffer)
        if let battle = snapshot.battle { BattlePanel.render(model, battle, now: snapshot.now, in: parts[1], buffer: &buffer) }
        activity(model, snapshot, in: parts[2], buffer: &buffer)
    }

    private func balance(_ model: AppModel, _ s: AccountSummary, in area: Rect, buffer: inout Buffer) {
        let theme = model.look.theme
        let economy = model.economy
        let inner = Draw.box("Balance", in: area, model: model, focused: model.home.pane == .balance, buffer: &buffer).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        let columns = inner.columns([.length(9), .fill(1), .length(12)], spacing: 1)
        func row(_ y: Int, _ label: String, _ amount: String, _ money: String, _ style: Style) {
            guard y < inner.bottom else { return }
            buffer.set(string: label, x: columns[0].x, y: y, style: theme.muted, maxWidth: columns[0].width)
            buffer.set(string: CharWidth.padLeft(amount, toWidth: columns[1].width), x: columns[1].x, y: y, style: style, maxWidth: columns[1].width)
            buffer.set(string: CharWidth.padLeft(money, toWidth: columns[2].width), x: columns[2].x, y: y, style: theme.text, maxWidth: columns[2].width)
        }
        var y = inner.y
        // A supporter sees earnings only once there are some; a creator always does.
        let earns = s.account.profile.role == .creator || s.earned.units != 0 || s.held.units != 0
        row(y, "Points", MoneyText.points(s.points), model.money(s.points), theme.accent); y += 1
        if earns {
            row(y, "Earned", MoneyText.points(s.earned), model.money(s.earned), theme.positive.bolded()); y += 1
            row(y, "Diamonds", MoneyText.diamonds(s.earned, economy: economy), "", theme.text); y += 1
            row(y, "Held", MoneyText.points(s.held), s.held.units > 0 ? model.money(s.held) : "", theme.warning); y += 1
        }
        if let currency = model.secondCurrency {
            let what = earns ? s.earned : s.points
            y = Draw.pair("\(earns ? "Earned" : "Points") in USD (\(currency.code) above)", MoneyText.usd(what, economy: economy),
                          in: inner, y: y, model: model, buffer: &buffer)
        } else {
            y = Draw.pair("Other currency", "press u", in: inner, y: y, style: theme.muted, model: model, buffer: &buffer)
        }
        guard earns else {
            Draw.line("Recharge (r), then send gifts (g) to creators.", in: inner, y: y, style: theme.muted, model: model, buffer: &buffer)
            return
        }
        let report = Eligibility.evaluate(s.account, rules: economy.rules, today: model.today)
        let minimum = economy.rules.minimumWithdrawal
        let note: String
        if !report.canWithdraw {
            note = "\(model.look.symbols.cross) withdrawing: \(report.failing.first?.title ?? "not eligible")"
        } else if s.earned < minimum {
            if let forecast = model.snapshot?.forecast, let sentence = try? ForecastText.sentence(forecast, economy: economy) {
                forecastNote(sentence, in: inner, y: y, model: model, buffer: &buffer)
                return
            }
            note = "\(model.look.symbols.cross) \(minimum.grouped) earned needed to withdraw"
        } else {
            note = "\(model.look.symbols.tick) ready to withdraw (w)"
        }
        Draw.line(note, in: inner, y: y, style: report.canWithdraw && s.earned >= minimum ? theme.positive : theme.muted, model: model, buffer: &buffer)
    }

    /// The forecast under the balances, wrapped over the rows the box has left.
    private func forecastNote(_ sentence: String, in inner: Rect, y: Int, model: AppModel, buffer: inout Buffer) {
        let lines = Paragraph.wrap(sentence, width: max(1, inner.width))
        for (offset, line) in lines.prefix(max(1, inner.bottom - y)).enumerated() {
            _ = Draw.line(line, in: inner, y: y + offset, style: model.look.theme.accent, model: model, buffer: &buffer)
        }
    }

    /// Earnings per minute over the last half hour across the width there is, with its scale:
    /// the busiest minute and the span.
    private func sparkline(_ model: AppModel, _ snapshot: WalletSnapshot, in inner: Rect, y: Int, buffer: inout Buffer) -> Int {
        guard y < inner.bottom else { return y + 1 }
        let values = snapshot.perMinute.map { Int(clamping: $0.wholePoints) }
        let peak = snapshot.perMinute.max() ?? .zero
        let label = " max \(peak.grouped)/min · \(SnapshotMath.sparkMinutes) min"
        let width = max(0, inner.width - CharWidth.width(label))
        guard width >= 4, !values.isEmpty else {
            return Draw.line("\(SnapshotMath.total(snapshot.perMinute).grouped) points in \(SnapshotMath.sparkMinutes) min", in: inner, y: y,
                             style: model.look.theme.muted, model: model, buffer: &buffer)
        }
        // Each cell shows the busiest minute it covers, oldest on the left, so no minute is dropped.
        let stretched = (0..<width).map { cell -> Int in
            let first = cell * values.count / width
            let last = max(first, (cell + 1) * values.count / width - 1)
            return values[first...min(last, values.count - 1)].max() ?? 0
        }
        Sparkline(values: stretched, style: model.look.theme.positive, symbols: model.look.symbols)
            .render(in: Rect(x: inner.x, y: y, width: width, height: 1), buffer: &buffer)
        buffer.set(string: label, x: inner.x + width, y: y, style: model.look.theme.muted, maxWidth: inner.right - inner.x - width)
        return y + 1
    }

    /// The LIVE goal: a gauge per target, and the moment it was reached.
    private func goalRows(_ model: AppModel, _ goal: LiveGoalProgress, reachedAt: Date?, in inner: Rect, y start: Int, buffer: inout Buffer) -> Int {
        let theme = model.look.theme
        var y = start
        if goal.reached {
            let when = reachedAt.map { " at \(Clock.hhmm($0))" } ?? ""
            y = Draw.line("\(model.look.symbols.tick) Goal reached\(when) (G: set the next)", in: inner, y: y, style: theme.positive.bolded(), model: model, buffer: &buffer)
        }
        var rows: [(String, Int64, Int64, String)] = []
        if let target = goal.goal.points { rows.append(("Goal pts", goal.points.units, target.units, GoalText.points(goal, target))) }
        if let target = goal.goal.followers { rows.append(("Goal fol", goal.followers, target, GoalText.followers(goal, target))) }
        for (label, value, total, text) in rows where y < inner.bottom {
            let labelWidth = min(inner.width, 9)
            buffer.set(string: label, x: inner.x, y: y, style: theme.muted, maxWidth: labelWidth)
            let bar = Rect(x: inner.x + labelWidth, y: y, width: max(0, inner.width - labelWidth), height: 1)
            let permille = LiveGoalProgress.permille(value, of: total)
            Gauge(value: permille, total: 1000, label: text, theme: theme, symbols: model.look.symbols).render(in: bar, buffer: &buffer)
            y += 1
        }
        return y
    }

    private func live(_ model: AppModel, _ snapshot: WalletSnapshot, in area: Rect, buffer: inout Buffer) {
        let theme = model.look.theme
        let s = model.look.symbols
        let inner = Draw.box("Live", in: area, model: model, focused: model.home.pane == .live, buffer: &buffer).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        var y = inner.y
        if let session = snapshot.session, session.isLive {
            let minutes = max(0, Int(snapshot.now.timeIntervalSince(session.startedAt) / 60))
            y = Draw.line("\(s.stepCurrent) LIVE \(minutes) min · \(session.points.grouped) points this session",
                          in: inner, y: y, style: theme.negative.bolded(), model: model, buffer: &buffer)
        } else if let last = snapshot.lastSession, let ended = last.endedAt {
            // The finished session stays until the next one starts.
            let minutes = max(0, Int(ended.timeIntervalSince(last.startedAt) / 60))
            y = Draw.line("Last LIVE ended \(Clock.hhmm(ended)) · \(Plural.of(Int64(minutes), "min", "min")) · \(Plural.points(last.points))",
                          in: inner, y: y, style: theme.title, model: model, buffer: &buffer)
        } else {
            y = Draw.line("Not live · earnings of the last \(SnapshotMath.sparkMinutes) minutes", in: inner, y: y, style: theme.muted, model: model, buffer: &buffer)
        }
        if let goal = snapshot.goal { y = goalRows(model, goal, reachedAt: snapshot.goalReachedAt, in: inner, y: y, buffer: &buffer) }
        y = sparkline(model, snapshot, in: inner, y: y, buffer: &buffer)
        if snapshot.session?.isLive != true, let last = snapshot.lastSession, last.endedAt != nil {
            y = Draw.line("Gifts \(Grouping.of(last.gifts)) · new followers \(Grouping.of(last.newFollowers)) · peak viewers \(Grouping.of(last.peakViewers))",
                          in: inner, y: y, model: model, buffer: &buffer)
            if last.giftsToGuests > 0 {
                y = Draw.line("Gifts to guests \(Grouping.of(last.giftsToGuests)) · \(Plural.points(last.guestGiftPoints)) (not yours)",
                              in: inner, y: y, style: theme.muted, model: model, buffer: &buffer)
            }
            let top = last.topGifters.prefix(3).map { "\($0.name) \($0.points.grouped)" }.joined(separator: ", ")
            y = Draw.line("Top gifters: " + (top.isEmpty ? "none" : top), in: inner, y: y, model: model, buffer: &buffer)
        }
        if let session = snapshot.session, session.isLive {
            y = Draw.line("Viewers \(Grouping.of(session.viewers)) · new followers \(Grouping.of(session.newFollowers)) · gifts \(Grouping.of(session.gifts))",
                          in: inner, y: y, model: model, buffer: &buffer)
            let top = session.topGifters.prefix(3).map { "\($0.name) \($0.points.grouped)" }.joined(separator: ", ")
            y = Draw.line("Top gifters: " + (top.isEmpty ? "none yet" : top), in: inner, y: y, model: model, buffer: &buffer)
            for streak in session.streaks.suffix(2) where y < inner.bottom {
                // A streak still growing in a feed: shown as it grows, counted once at its end.
                y = Draw.line("\(s.stepCurrent) \(streak.gifter) \(streak.giftName) ×\(streak.count) (streak growing)",
                              in: inner, y: y, style: theme.warning, model: model, buffer: &buffer)
            }
            if session.giftsToGuests > 0 && y < inner.bottom {
                // Multi-guest LIVE: gifts the guests received are not this creator's earning.
                y = Draw.line("Gifts to guests \(Grouping.of(session.giftsToGuests)) · \(Plural.points(session.guestGiftPoints)) (not yours)",
                              in: inner, y: y, style: theme.muted, model: model, buffer: &buffer)
            }
            let bad = session.badLines.values.reduce(0, +)
            if bad > 0 && y < inner.bottom {
                let kinds = session.badLines.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                y = Draw.line("Feed: \(bad) bad line\(bad == 1 ? "" : "s") (\(kinds))", in: inner, y: y, style: theme.error, model: model, buffer: &buffer)
            }
        }
        for transfer in snapshot.recentEarnings where y < inner.bottom {
            let text = "\(Clock.hhmm(transfer.timestamp)) +\(transfer.amount.grouped)  \(Masking.emails(in: transfer.memo))"
            y = Draw.line(text, in: inner, y: y, style: theme.text, model: model, buffer: &buffer)
        }
        if snapshot.recentEarnings.isEmpty && y < inner.bottom {
            Draw.line("No gifts or followers yet.", in: inner, y: y, style: theme.muted, model: model, buffer: &buffer)
        }
    }

    private func activity(_ model: AppModel, _ snapshot: WalletSnapshot, in area: Rect, buffer: inout Buffer) {
        let inner = Draw.box("Latest activity (y: all)", in: area, model: model, focused: model.home.pane == .activity, buffer: &buffer)
            .inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        if snapshot.history.isEmpty {
            Draw.line("Nothing yet: press r to recharge points.", in: inner, y: inner.y, style: model.look.theme.muted, model: model, buffer: &buffer)
            return
        }
        let lines = snapshot.history.dropFirst(model.home.activityScroll).prefix(inner.height)
        let table = Table(
            columns: [
                .init(title: "Time", width: .length(5)),
                .init(title: "Change", width: .length(10), alignment: .right),
                .init(title: "Balance", width: .length(7)),
                .init(title: "What", width: .fill(1)),
            ],
            rows: lines.map { line in
                [Clock.hhmm(line.transfer.timestamp), MoneyText.signed(line.change), line.balance.leaf, snapshot.memo(of: line)]
            },
            showsHeader: false, theme: model.look.theme, symbols: model.look.symbols)
        table.render(in: inner, buffer: &buffer)
    }
}
