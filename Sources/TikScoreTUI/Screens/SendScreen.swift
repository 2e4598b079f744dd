import TikScoreCore

/// Send a LIVE gift or give points: recipient, gift (and count) or amount, confirmation.
extension SendState {
    func keys(_ model: AppModel) -> KeyMap<UICommand> {
        let s = model.look.symbols
        let state = self

        var bindings: [KeyBinding<UICommand>] = []
        switch state.step {
        case .recipient: bindings += CommonKeys.upDown(s, label: "Choose")
        case .what where state.mode == .gift:
            bindings += CommonKeys.upDown(s, label: "Gift")
            bindings.append(KeyBinding(keys: [.char("+"), .char("="), .right, .char("l")], label: "More", help: "Send one more of the gift", action: .increase, keyLabel: "+"))
            bindings.append(KeyBinding(keys: [.char("-"), .left, .char("h")], label: "Fewer", help: "Send one fewer of the gift", action: .decrease, keyLabel: "-"))
        case .what: break
        case .confirm:
            bindings += CommonKeys.leftRight(s, label: "Button", help: "Move between Send and Back")
            bindings.append(KeyBinding(keys: [.tab], label: "Button", help: "Move between Send and Back", action: .nextPane, showsInHintBar: false))
        }
        bindings.append(CommonKeys.select(state.step == .confirm ? "Press" : "Next", help: "Go to the next step (on the confirmation: press the focused button)"))
        bindings.append(CommonKeys.back(state.step == .recipient ? "Leave" : "Back", help: "Go back one step (leaves from the first); nothing is sent"))
        bindings.append(CommonKeys.leave)
        return KeyMap(bindings + CommonKeys.tail)
    }

    func render(_ model: AppModel, in body: Rect, buffer: inout Buffer, hits: inout [HitRegion]) {
        guard let snapshot = model.snapshot, let summary = snapshot.summary else { return }
        let state = self
        let theme = model.look.theme
        let economy = model.economy
        let title = state.mode == .gift ? "Send a LIVE gift" : "Give points"
        let inner = Draw.box(title, in: body, model: model, buffer: &buffer).inset(horizontal: 1, vertical: 0)
        guard inner.height >= 3 else { return }
        Draw.pair("Your points", "\(summary.points.grouped) (\(model.money(summary.points)))", in: inner, y: inner.y, style: theme.accent, model: model, buffer: &buffer)
        let people = SendState.recipients(snapshot.accounts, me: summary.account)
        let gifts = SendState.gifts(economy)
        let content = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(0, inner.height - 2))
        var y = content.y
        switch state.step {
        case .recipient:
            y = Draw.line(state.mode == .gift ? "Send to which creator?" : "Give points to whom?", in: content, y: y, style: theme.title, model: model, buffer: &buffer)
            let items = people.map { person -> String in
                let why = SendState.unavailable(person, mode: state.mode, economy: economy, today: model.today)
                let live = snapshot.liveNow.contains(person.id) ? " \(model.look.symbols.stepCurrent) LIVE" : ""
                return CharWidth.padRight(person.name, toWidth: 16) + " " + CharWidth.padRight(person.profile.role.rawValue, toWidth: 9) + live
                    + (why.map { " (\($0))" } ?? "")
            }
            Draw.list(items, selected: state.recipient, in: Rect(x: content.x, y: y, width: min(content.width, 60), height: max(0, content.bottom - y)),
                      model: model, buffer: &buffer, hits: &hits)
        case .what:
            let to = people.indices.contains(state.recipient) ? people[state.recipient].name : "?"
            if state.mode == .gift {
                y = Draw.line("Which gift for \(to)? (+/- changes the count: ×\(state.count))", in: content, y: y, style: theme.title, model: model, buffer: &buffer)
                let items = gifts.map { g in
                    let affordable = summary.points.wholePoints >= g.points * state.count
                    return CharWidth.padRight(g.name, toWidth: 18) + CharWidth.padLeft(Grouping.of(g.points), toWidth: 7) + " pts" + (affordable ? "" : "  (not enough points)")
                }
                Draw.list(items, selected: state.gift, in: Rect(x: content.x, y: y, width: min(content.width, 60), height: max(0, content.bottom - y)),
                          model: model, buffer: &buffer, hits: &hits)
            } else {
                let checked = state.transferAmount(balance: summary.points, economy: economy)
                var error: String?
                if !state.amount.value.isEmpty, case .failure(let problem) = checked { error = problem.message }
                y = Draw.field("How many points for \(to)? (you have \(summary.points.grouped))", state.amount, focused: true, error: error,
                               in: content, y: y, model: model, buffer: &buffer)
                if case .success(let points) = checked {
                    Draw.line("= \(model.money(points))", in: content, y: y, style: theme.positive, model: model, buffer: &buffer)
                }
            }
        case .confirm:
            let to = people.indices.contains(state.recipient) ? people[state.recipient].name : "?"
            var message: [String]
            if state.mode == .gift, gifts.indices.contains(state.gift) {
                let gift = gifts[state.gift]
                let total = (try? Points(whole: gift.points).multiplied(by: state.count)) ?? .zero
                let share = (try? economy.split(gift: total).creator) ?? .zero
                message = ["Send \(gift.name) ×\(state.count) to \(to)", "for \(total.grouped) points? \(to) earns \(share.grouped)."]
            } else {
                let points = (try? state.transferAmount(balance: summary.points, economy: economy).get()) ?? .zero
                message = ["Give \(points.grouped) points (\(model.money(points))) to \(to)?"]
            }
            Draw.dialog("Confirm", message, buttons: ["Send", "Back"], focused: state.confirmButton.rawValue, in: content, model: model, buffer: &buffer, hits: &hits)
        }
    }
}
