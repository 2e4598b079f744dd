import TikScoreCore

/// The withdrawal stepper: each step visible, Esc goes back, nothing changes before Confirm.
extension WithdrawFlowState {
    func keys(_ model: AppModel) -> KeyMap<UICommand> {
        let s = model.look.symbols
        let state = self

        var bindings: [KeyBinding<UICommand>] = []
        if state.step == .confirm {
            bindings += CommonKeys.leftRight(s, label: "Button", help: "Move between Withdraw and Back")
            bindings.append(KeyBinding(keys: [.tab], label: "Button", help: "Move between Withdraw and Back", action: .nextPane, showsInHintBar: false))
        }
        let enter: String
        switch state.step {
        case .confirm: enter = "Press"
        case .status: enter = "Done"
        default: enter = "Next"
        }
        bindings.append(CommonKeys.select(enter, help: "Go to the next step (on the confirmation: press the focused button)"))
        bindings.append(CommonKeys.back(state.step == .eligibility ? "Leave" : "Back", help: "Go back one step (leaves from the first); nothing changes"))
        bindings.append(CommonKeys.leave)
        return KeyMap(bindings + CommonKeys.tail)
    }

    func render(_ model: AppModel, in body: Rect, buffer: inout Buffer, hits: inout [HitRegion]) {
        guard let summary = model.snapshot?.summary else { return }
        let state = self
        let theme = model.look.theme
        let s = model.look.symbols
        let economy = model.economy
        let earned = "\(summary.earned.grouped) = \(MoneyText.diamonds(summary.earned, economy: economy)) diamonds = \(model.money(summary.earned))"
        guard let content = Draw.wizard("Withdraw earnings to PayPal", steps: WithdrawFlowState.stepTitles, current: state.stepIndex,
                                        balance: ("Earned points", earned, theme.positive), in: body, model: model, buffer: &buffer) else { return }
        var y = content.y
        switch state.step {
        case .eligibility:
            let report = Eligibility.evaluate(summary.account, rules: economy.rules, today: model.today)
            y = Draw.line(report.canWithdraw ? "You can withdraw. Every condition holds:" : "You cannot withdraw yet:",
                          in: content, y: y, style: report.canWithdraw ? theme.positive.bolded() : theme.error, model: model, buffer: &buffer)
            for condition in report.conditions {
                let mark = condition.ok ? s.tick : s.cross
                let text = "\(mark) \(CharWidth.padRight(condition.title, toWidth: 26)) \(condition.reason)"
                y = Draw.line(text, in: content, y: y, style: condition.ok ? theme.positive : theme.negative, model: model, buffer: &buffer)
            }
            let minimum = economy.rules.minimumWithdrawal
            y = Draw.line("Minimum withdrawal: \(minimum.grouped) points = \(MoneyText.usd(minimum, economy: economy)).", in: content, y: y, style: theme.muted, model: model, buffer: &buffer)
            if let forecast = model.snapshot?.forecast, let sentence = try? ForecastText.sentence(forecast, economy: economy) {
                Draw.line("Forecast: " + sentence + ".", in: content, y: y, style: theme.accent, model: model, buffer: &buffer)
            }
        case .amount:
            let validation = WithdrawFlowState.validate(state.amount.value, earned: summary.earned, economy: economy)
            var error: String?
            if !state.amount.value.isEmpty, case .failure(let message) = validation { error = message.message }
            y = Draw.field("How many earned points? (minimum \(economy.rules.minimumWithdrawal.grouped), you have \(summary.earned.grouped))",
                           state.amount, focused: true, error: error, in: content, y: y, model: model, buffer: &buffer)
            if case .success(let whole) = WholePoints.parse(state.amount.value, max: summary.earned, economy: economy), let points = try? Points(whole: whole) {
                Draw.line("= \(points.grouped) points = \(MoneyText.diamonds(points, economy: economy)) diamonds = \(MoneyText.usd(points, economy: economy))",
                          in: content, y: y, style: error == nil ? theme.positive : theme.muted, model: model, buffer: &buffer)
            }
        case .paypal:
            var error: String?
            if !state.paypal.value.isEmpty { error = (try? PaymentValidation.email(state.paypal.value)) == nil ? "'\(state.paypal.value)' is not an email address" : nil }
            y = Draw.field("PayPal account (e-mail)", state.paypal, focused: true, error: error, in: content, y: y, model: model, buffer: &buffer)
            if let last = state.lastPayPal, state.paypal.value.isEmpty {
                y = Draw.line("Enter pays \(Masking.email(last)) again (your last withdrawal's address), or type another.",
                              in: content, y: y, style: theme.accent, model: model, buffer: &buffer)
            }
            Draw.line("Sandbox: an address at fail.example makes the payout fail (the points come back).", in: content, y: y, style: theme.muted, model: model, buffer: &buffer)
        case .confirm:
            let points = (try? WholePoints.parse(state.amount.value, max: summary.earned, economy: economy).get()).flatMap { try? Points(whole: $0) } ?? .zero
            Draw.dialog("Confirm the withdrawal", [
                "Withdraw \(points.grouped) points = \(MoneyText.diamonds(points, economy: economy)) diamonds",
                "= \(MoneyText.usd(points, economy: economy)) to \(state.paypalShown)?",
            ], buttons: ["Withdraw", "Back"], focused: state.confirmButton.rawValue, in: content, model: model, buffer: &buffer, hits: &hits)
        case .status:
            status(model, state, in: content, buffer: &buffer)
        }
    }

    private func status(_ model: AppModel, _ state: WithdrawFlowState, in content: Rect, buffer: inout Buffer) {
        let theme = model.look.theme
        let s = model.look.symbols
        var y = content.y
        guard let w = state.withdrawal else {
            if let failure = state.failure {
                y = Draw.line("\(s.cross) The withdrawal was refused; nothing changed.", in: content, y: y, style: theme.error, model: model, buffer: &buffer)
                y = Draw.line(failure, in: content, y: y, model: model, buffer: &buffer)
                Draw.line("Enter: back to the confirmation · Ctrl-X: leave", in: content, y: y + 1, style: theme.muted, model: model, buffer: &buffer)
            } else {
                Spinner(tick: model.ticks, label: "Holding your points…", style: theme.accent, symbols: s)
                    .render(in: content.row(0), buffer: &buffer)
            }
            return
        }
        y = Draw.pair("Withdrawal", w.id, in: content, y: y, model: model, buffer: &buffer)
        y = Draw.pair("Amount", "\(w.points.grouped) points = \(MoneyText.dollars(w.usd))", in: content, y: y, model: model, buffer: &buffer)
        y = Draw.pair("PayPal", w.paypal, in: content, y: y, model: model, buffer: &buffer) + 1
        let pendingMark = w.status == .pending ? s.stepCurrent : s.tick
        y = Draw.line("\(pendingMark) pending: \(w.points.grouped) earned points held", in: content, y: y, style: theme.positive, model: model, buffer: &buffer)
        switch w.status {
        case .pending:
            Spinner(tick: model.ticks, label: "Waiting for PayPal…", style: theme.accent, symbols: s).render(in: content.row(y - content.y), buffer: &buffer)
        case .paid:
            y = Draw.line("\(s.tick) paid: \(MoneyText.dollars(w.usd)) sent to \(w.paypal) (ref \(w.reference ?? "-"))", in: content, y: y, style: theme.positive.bolded(), model: model, buffer: &buffer)
            Draw.line("Enter: back to the dashboard", in: content, y: y + 1, style: theme.muted, model: model, buffer: &buffer)
        case .failed:
            y = Draw.line("\(s.cross) failed: \(w.reason ?? "the payout failed")", in: content, y: y, style: theme.error, model: model, buffer: &buffer)
            y = Draw.line("The \(w.points.grouped) points are back in your earned balance.", in: content, y: y, style: theme.accent, model: model, buffer: &buffer)
            Draw.line("Enter: back to the dashboard", in: content, y: y + 1, style: theme.muted, model: model, buffer: &buffer)
        }
    }
}
