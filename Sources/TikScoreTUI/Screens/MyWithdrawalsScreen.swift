import TikScoreCore

/// The account's withdrawals with their status; Enter shows every field of one.
extension MyWithdrawalsState {
    func keys(_ model: AppModel) -> KeyMap<UICommand> {
        let s = model.look.symbols
        if opened {
            return KeyMap([CommonKeys.select("OK", help: "Close the details"), CommonKeys.back("OK", help: "Close the details")] + CommonKeys.tail)
        }
        return KeyMap(CommonKeys.upDown(s, label: "Choose") + [
            CommonKeys.select("Details", help: "Show every field of the selected withdrawal"),
            CommonKeys.back(help: "Back to the dashboard"),
        ] + CommonKeys.pages + CommonKeys.tail)
    }

    func render(_ model: AppModel, in body: Rect, buffer: inout Buffer, hits: inout [HitRegion]) {
        guard let snapshot = model.snapshot else { return }
        let list = snapshot.withdrawals
        let inner = Draw.box("My withdrawals (\(Grouping.of(list.count)))", in: body, model: model, buffer: &buffer).inset(horizontal: 1, vertical: 0)
        guard inner.height >= 2 else { return }
        guard !list.isEmpty else {
            Draw.line("No withdrawals yet: press w on the dashboard to cash out earned points.", in: inner, y: inner.y,
                      style: model.look.theme.muted, model: model, buffer: &buffer)
            return
        }
        let rows = list.map { w in
            CharWidth.padRight(Clock.dateTime(w.requestedAt), toWidth: 17) + CharWidth.padLeft(w.points.grouped, toWidth: 10) + " pts "
                + CharWidth.padLeft(MoneyText.dollars(w.usd), toWidth: 10) + "  " + CharWidth.padRight(Masking.email(w.paypal), toWidth: 22)
                + " " + w.status.rawValue
        }
        Draw.list(rows, selected: selected, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height),
                  model: model, buffer: &buffer, hits: &hits)
        if opened, list.indices.contains(selected) {
            let w = list[selected]
            var lines = ["\(w.points.grouped) points = \(MoneyText.dollars(w.usd)) to \(Masking.email(w.paypal))",
                         "Status: \(w.status.rawValue); asked \(Clock.dateTime(w.requestedAt))"
                            + (w.settledAt.map { ", settled \(Clock.dateTime($0))" } ?? "")]
            if let reference = w.reference { lines.append("Reference: \(reference)") }
            if let reason = w.reason { lines.append("Why it failed: \(reason); the points went back to earned") }
            lines.append("Id: \(w.id)")
            hits.removeAll()
            Draw.dialog("Withdrawal", lines, buttons: ["OK"], focused: 0, in: inner, model: model, buffer: &buffer, hits: &hits)
        }
    }
}
