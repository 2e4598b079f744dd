import TikScoreCore

/// Recharge: amount (packages or custom), card or PayPal, details checked as you type,
/// a confirmation, a spinner while paying, then the receipt and the new balance (or the decline).
extension RechargeFlowState {
    func keys(_ model: AppModel) -> KeyMap<UICommand> {
        let s = model.look.symbols
        let state = self

        var bindings: [KeyBinding<UICommand>] = []
        switch state.step {
        case .amount, .method: bindings += CommonKeys.upDown(s, label: "Choose")
        case .confirm: bindings += CommonKeys.leftRight(s, label: "Button", help: "Move between Pay and Back")
            bindings.append(KeyBinding(keys: [.tab], label: "Button", help: "Move between Pay and Back", action: .nextPane, showsInHintBar: false))
        default: break
        }
        let enter: String
        switch state.step {
        case .confirm: enter = "Press"
        case .result: enter = state.receipt == nil ? "Try again" : "Done"
        default: enter = "Next"
        }
        bindings.append(CommonKeys.select(enter, help: "Go to the next step (on the confirmation: press the focused button)"))
        bindings.append(CommonKeys.back(state.step == .amount ? "Leave" : "Back", help: "Go back one step (leaves from the first); nothing is paid"))
        bindings.append(CommonKeys.leave)
        return KeyMap(bindings + CommonKeys.pages + CommonKeys.tail)
    }

    func render(_ model: AppModel, in body: Rect, buffer: inout Buffer, hits: inout [HitRegion]) {
        guard let summary = model.snapshot?.summary else { return }
        let state = self
        let theme = model.look.theme
        let economy = model.economy
        guard let content = Draw.wizard("Recharge points for \(summary.account.name)", steps: RechargeFlowState.stepTitles, current: state.stepIndex,
                                        balance: ("Your points now", "\(summary.points.grouped) (\(model.money(summary.points)))", theme.accent),
                                        in: body, model: model, buffer: &buffer) else { return }
        var y = content.y
        switch state.step {
        case .amount:
            y = Draw.line("How many points?", in: content, y: y, style: theme.title, model: model, buffer: &buffer)
            var items = economy.packages.map { p -> String in
                let price = (try? economy.price(ofPoints: Points(whole: p.points))).map(MoneyText.dollars) ?? "?"
                return CharWidth.padRight(p.name, toWidth: 9) + CharWidth.padLeft(Grouping.of(p.points), toWidth: 8) + " points  " + CharWidth.padLeft(price, toWidth: 8)
            }
            let rules = economy.rules
            items.append("Custom amount… (\(Grouping.of(rules.customRechargeMin)) to \(Grouping.of(rules.customRechargeMax)) points)")
            Draw.list(items, selected: state.selected, in: Rect(x: content.x, y: y, width: min(content.width, 60), height: max(0, content.bottom - y)),
                      model: model, buffer: &buffer, hits: &hits)
        case .custom:
            let error: String?
            if state.custom.value.isEmpty { error = nil } else if case .failure(let message) = state.amount(economy: economy) { error = message.message } else { error = nil }
            y = Draw.field("Custom amount (whole points)", state.custom, focused: true, error: error, in: content, y: y, model: model, buffer: &buffer)
            if let quote = state.quote(economy: economy) {
                Draw.line("= \(quote.points.grouped) points for \(MoneyText.dollars(quote.price))", in: content, y: y, style: theme.positive, model: model, buffer: &buffer)
            }
        case .method:
            y = orderLine(model, in: content, y: y, buffer: &buffer) + 1
            y = Draw.line("Pay with:", in: content, y: y, style: theme.title, model: model, buffer: &buffer)
            Draw.list(["Card", "PayPal"], selected: state.method.rawValue, in: Rect(x: content.x, y: y, width: min(content.width, 30), height: min(2, max(0, content.bottom - y))),
                      model: model, buffer: &buffer, hits: &hits)
        case .details:
            y = orderLine(model, in: content, y: y, buffer: &buffer) + 1
            if state.method == .card {
                y = Draw.field("Card number", state.card, focused: true, error: state.detailsError, in: content, y: y, model: model, buffer: &buffer)
                Draw.line("Sandbox: 4242 4242 4242 4242 is approved, 4000 0000 0000 0002 is declined.", in: content, y: y, style: theme.muted, model: model, buffer: &buffer)
            } else {
                y = Draw.field("PayPal address", state.email, focused: true, error: state.detailsError, in: content, y: y, model: model, buffer: &buffer)
                Draw.line("Sandbox: an address at fail.example fails the payment.", in: content, y: y, style: theme.muted, model: model, buffer: &buffer)
            }
        case .confirm:
            orderLine(model, in: content, y: y, buffer: &buffer)
            var message = ["Buy \(state.quote(economy: economy)?.points.grouped ?? "?") points for \(state.quote(economy: economy).map { MoneyText.dollars($0.price) } ?? "?")"]
            message.append("paid by \(paymentText(state))?")
            Draw.dialog("Confirm the payment", message, buttons: ["Pay", "Back"], focused: state.confirmButton.rawValue, in: content, model: model, buffer: &buffer, hits: &hits)
        case .result:
            if let receipt = state.receipt {
                y = Draw.line("\(model.look.symbols.tick) Payment approved", in: content, y: y, style: theme.positive.bolded(), model: model, buffer: &buffer) + 1
                y = Draw.pair("Points bought", receipt.points.grouped, in: content, y: y, model: model, buffer: &buffer)
                y = Draw.pair("Paid", "\(MoneyText.dollars(receipt.priceUSD)) by \(receipt.method.display)", in: content, y: y, model: model, buffer: &buffer)
                y = Draw.pair("Reference", receipt.reference, in: content, y: y, model: model, buffer: &buffer)
                y = Draw.pair("New balance", "\(receipt.balance.grouped) points", in: content, y: y, style: theme.accent, model: model, buffer: &buffer) + 1
                Draw.line("Enter or Esc: back to the dashboard", in: content, y: y, style: theme.muted, model: model, buffer: &buffer)
            } else {
                y = Draw.line("\(model.look.symbols.cross) The payment did not go through", in: content, y: y, style: theme.error, model: model, buffer: &buffer)
                y = Draw.line(state.failure ?? "", in: content, y: y, model: model, buffer: &buffer) + 1
                y = Draw.line("Your balance is unchanged: \(summary.points.grouped) points.", in: content, y: y, style: theme.accent, model: model, buffer: &buffer)
                Draw.line("Enter: change the payment details · Ctrl-X: leave", in: content, y: y + 1, style: theme.muted, model: model, buffer: &buffer)
            }
        }
        if state.paying {
            Spinner(tick: model.ticks, label: "Paying \(state.quote(economy: economy).map { MoneyText.dollars($0.price) } ?? "")…",
                    style: theme.accent, symbols: model.look.symbols)
                .render(in: Rect(x: content.x, y: content.bottom - 1, width: content.width, height: 1), buffer: &buffer)
        }
    }

    @discardableResult
    private func orderLine(_ model: AppModel, in area: Rect, y: Int, buffer: inout Buffer) -> Int {
        guard let quote = model.recharge.quote(economy: model.economy) else { return y }
        return Draw.pair("Order", "\(quote.points.grouped) points for \(MoneyText.dollars(quote.price))", in: Rect(x: area.x, y: area.y, width: min(area.width, 60), height: area.height),
                         y: y, style: model.look.theme.accent, model: model, buffer: &buffer)
    }

    private func paymentText(_ state: RechargeFlowState) -> String {
        if state.method == .card {
            let digits = state.card.value.filter(\.isNumber)
            return "card ending \(String(digits.suffix(4)))"
        }
        return "PayPal \(state.email.value)"
    }
}
