import Foundation
import TikScoreCore

/// A LIVE battle: the tug-of-war bar, both scores, the countdown, each side's top gifters,
/// and once it ends, the result and the loser's task.
enum BattlePanel {
    static func render(_ model: AppModel, _ battle: Battle, now: Date, in area: Rect, buffer: inout Buffer) {
        let theme = model.look.theme
        let title: String
        switch battle.status {
        case .running: title = "Battle · \(Clock.countdown(Int(battle.remaining(at: now)))) left"
        case .draw: title = "Battle ended · draw"
        case .unsettled: title = "Battle ended · unsettled"
        case .won: title = "Battle ended · \(battle.winnerName ?? "?") won"
        }
        let inner = Draw.box(title, in: area, model: model, buffer: &buffer).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        let rows = inner.rows([.length(2), .fill(1)])
        guard battle.sideKnown else {
            // No host is the creator by TikTok id or handle: no bar, the hosts' own totals.
            let hosts = battle.reportedHosts.map { "\($0.name) \($0.points.grouped)" }.joined(separator: " · ")
            Draw.line("\(battle.left.name): side unknown" + (hosts.isEmpty ? "" : " · " + hosts), in: rows[0], y: rows[0].y,
                      style: theme.accent, model: model, buffer: &buffer)
            let note = battle.isRunning ? "Set the creator's TikTok id or handle to tell the sides apart."
                : "Unsettled: no winner and no task."
            Draw.line(note, in: rows[1], y: rows[1].y, style: theme.accent, model: model, buffer: &buffer)
            return
        }
        TugOfWarBar(leftLabel: battle.left.name, leftScore: Int(battle.left.score.wholePoints),
                    rightLabel: battle.right.name, rightScore: Int(battle.right.score.wholePoints),
                    theme: theme, symbols: model.look.symbols)
            .render(in: rows[0], buffer: &buffer)
        let text: String
        if battle.isRunning {
            let left = battle.left.topGifters.prefix(2).map { "\($0.name) \($0.points.grouped)" }.joined(separator: ", ")
            let right = battle.right.topGifters.prefix(2).map { "\($0.name) \($0.points.grouped)" }.joined(separator: ", ")
            let columns = rows[1].columns([.fill(1), .fill(1)], spacing: 2)
            Draw.line("Top: " + (left.isEmpty ? "-" : left), in: columns[0], y: rows[1].y, style: theme.tugLeft, model: model, buffer: &buffer)
            let r = "Top: " + (right.isEmpty ? "-" : right)
            let shown = CharWidth.truncate(r, toWidth: columns[1].width, ellipsis: model.look.symbols.ellipsis)
            buffer.set(string: shown, x: columns[1].right - CharWidth.width(shown), y: rows[1].y, style: theme.tugRight)
            return
        } else if let loser = battle.loserName {
            text = "\(battle.winnerName ?? "?") won. \(loser)'s task: \(battle.loserTask ?? "none")"
        } else {
            text = "A draw: nobody gets a task."
        }
        Draw.line(text, in: rows[1], y: rows[1].y, style: theme.accent, model: model, buffer: &buffer)
    }
}
