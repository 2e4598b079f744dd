import TikScoreCore

/// The gift cards bought, codes masked; Enter shows one card's code in full.
extension MyCardsState {
    func keys(_ model: AppModel) -> KeyMap<UICommand> {
        let s = model.look.symbols
        if opened {
            return KeyMap([CommonKeys.select("OK", help: "Hide the code again"), CommonKeys.back("OK", help: "Hide the code again")] + CommonKeys.tail)
        }
        return KeyMap(CommonKeys.upDown(s, label: "Choose") + [
            CommonKeys.select("Show code", help: "Show the selected card's code in full"),
            CommonKeys.back(help: "Back to the dashboard"),
        ] + CommonKeys.pages + CommonKeys.tail)
    }

    func render(_ model: AppModel, in body: Rect, buffer: inout Buffer, hits: inout [HitRegion]) {
        guard let snapshot = model.snapshot else { return }
        let cards = snapshot.redemptions
        let inner = Draw.box("My gift cards (\(Grouping.of(cards.count)))", in: body, model: model, buffer: &buffer).inset(horizontal: 1, vertical: 0)
        guard inner.height >= 2 else { return }
        guard !cards.isEmpty else {
            Draw.line("No gift cards yet: press c on the dashboard to redeem earned points.", in: inner, y: inner.y, style: model.look.theme.muted,
                      model: model, buffer: &buffer)
            return
        }
        Draw.line("Codes are secrets: anyone with a code can spend it. Enter shows one in full.", in: inner, y: inner.y,
                  style: model.look.theme.muted, model: model, buffer: &buffer)
        let rows = cards.map { r in
            CharWidth.padRight(Clock.dateTime(r.at), toWidth: 17) + CharWidth.padRight(r.cardName, toWidth: 14)
                + CharWidth.padLeft(MoneyText.dollars(r.valueUSD), toWidth: 8) + "  " + Masking.code(r.code)
        }
        Draw.list(rows, selected: selected, in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(0, inner.height - 2)),
                  model: model, buffer: &buffer, hits: &hits)
        if opened, cards.indices.contains(selected) {
            let r = cards[selected]
            hits.removeAll()
            Draw.dialog("Your \(r.cardName) card", [
                "Code: \(r.code)",
                "Worth \(MoneyText.dollars(r.valueUSD)); \(r.points.grouped) earned points; bought \(Clock.dateTime(r.at)).",
            ], buttons: ["OK"], focused: 0, in: inner, model: model, buffer: &buffer, hits: &hits)
        }
    }
}
