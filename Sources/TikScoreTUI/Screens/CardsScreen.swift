import TikScoreCore

/// Gift cards: the catalog with affordability against earned points; redeem, confirm, see the code.
extension CardsState {
    func keys(_ model: AppModel) -> KeyMap<UICommand> {
        let s = model.look.symbols
        let state = self

        var bindings: [KeyBinding<UICommand>] = []
        if state.confirming {
            bindings += CommonKeys.leftRight(s, label: "Button", help: "Move between Redeem and Cancel")
            bindings.append(KeyBinding(keys: [.tab], label: "Button", help: "Move between Redeem and Cancel", action: .nextPane, showsInHintBar: false))
            bindings.append(CommonKeys.select("Press", help: "Press the focused button"))
            bindings.append(CommonKeys.back("Cancel", help: "Close the confirmation; nothing changes"))
        } else if state.redemption != nil {
            bindings.append(CommonKeys.select("OK", help: "Close the card's code"))
            bindings.append(CommonKeys.back("OK", help: "Close the card's code"))
        } else {
            bindings += CommonKeys.upDown(s, label: "Choose")
            bindings.append(CommonKeys.select("Redeem", help: "Redeem the selected card with earned points (asks first)"))
            bindings.append(CommonKeys.back(help: "Back to the dashboard"))
            bindings += CommonKeys.pages
        }
        return KeyMap(bindings + CommonKeys.tail)
    }

    func render(_ model: AppModel, in body: Rect, buffer: inout Buffer, hits: inout [HitRegion]) {
        guard let summary = model.snapshot?.summary else { return }
        let state = self
        let theme = model.look.theme
        let s = model.look.symbols
        let economy = model.economy
        let inner = Draw.box("Gift cards", in: body, model: model, buffer: &buffer).inset(horizontal: 1, vertical: 0)
        guard inner.height >= 3 else { return }
        Draw.pair("Earned points", "\(summary.earned.grouped) (\(model.money(summary.earned)))", in: inner, y: inner.y, style: theme.positive, model: model, buffer: &buffer)
        let items = economy.cards.map { card -> String in
            let can = summary.earned.wholePoints >= card.points
            let mark = can ? s.tick : s.cross
            return "\(mark) " + CharWidth.padRight(card.name, toWidth: 14) + CharWidth.padLeft(Grouping.of(card.points), toWidth: 7) + " pts  "
                + CharWidth.padLeft(MoneyText.dollars(card.valueUSD), toWidth: 7) + (can ? "" : "  need \(Grouping.of(card.points - summary.earned.wholePoints)) more")
        }
        let list = Rect(x: inner.x, y: inner.y + 2, width: min(inner.width, 70), height: max(0, inner.height - 2))
        Draw.list(items, selected: state.selected, in: list, model: model, buffer: &buffer, hits: &hits)
        if state.confirming, economy.cards.indices.contains(state.selected) {
            let card = economy.cards[state.selected]
            hits.removeAll()
            Draw.dialog("Redeem a gift card", [
                "Buy a \(card.name) card worth \(MoneyText.dollars(card.valueUSD))",
                "with \(Grouping.of(card.points)) earned points?",
            ], buttons: ["Redeem", "Cancel"], focused: state.confirmButton.rawValue, in: inner, model: model, buffer: &buffer, hits: &hits)
        }
        if let r = state.redemption {
            hits.removeAll()
            Draw.dialog("Your \(r.cardName) card", [
                "Code: \(r.code)",
                "Worth \(MoneyText.dollars(r.valueUSD)); \(r.points.grouped) earned points used.",
            ], buttons: ["OK"], focused: 0, in: inner, model: model, buffer: &buffer, hits: &hits)
        }
    }
}
