import TikScoreCore

/// The goal screen: two targets, Save and Clear, and the goal as it stands.
extension GoalState {
    func keys(_ model: AppModel) -> KeyMap<UICommand> {
        KeyMap([
            KeyBinding(keys: [.tab, .down], label: "Next", help: "Move to the next field", action: .nextPane),
            KeyBinding(keys: [.backTab, .up], label: "Previous", help: "Move to the previous field", action: .previousPane, showsInHintBar: false),
            CommonKeys.select(focus == .save ? "Save" : focus == .clear ? "Clear" : "Next",
                              help: "Go to the next field; on Save, set the goal; on Clear, remove it"),
            CommonKeys.back(help: "Leave without changing the goal"),
        ] + CommonKeys.tail)
    }

    func render(_ model: AppModel, in body: Rect, buffer: inout Buffer, hits: inout [HitRegion]) {
        guard let summary = model.summary else { return }
        let theme = model.look.theme
        let live = model.snapshot?.session?.isLive == true
        let inner = Draw.box("LIVE goal of \(summary.account.name)", in: body, model: model, buffer: &buffer).inset(horizontal: 1, vertical: 0)
        guard inner.height >= 1 else { return }
        var y = Draw.line(live ? "For this LIVE: earned points this session, new followers, or both."
                              : "For the next LIVE: earned points that session, new followers, or both.",
                          in: inner, y: inner.y, style: theme.muted, model: model, buffer: &buffer)
        y += 1
        func field(_ label: String, _ value: TextField, _ row: GoalFocus) {
            guard y < inner.bottom else { return }
            Draw.formRow(label, value, focused: focus == row, labelWidth: 14, fieldWidth: 28, row: row.rawValue,
                         in: inner, y: y, model: model, buffer: &buffer, hits: &hits)
            y += 1
        }
        field("Points", points, .points)
        field("New followers", followers, .followers)
        y += 1
        if y < inner.bottom {
            var x = inner.x + 2
            for (index, (label, row)) in [("[ Save ]", GoalFocus.save), ("[ Clear ]", GoalFocus.clear)].enumerated() {
                buffer.set(string: label, x: x, y: y, style: focus == row ? theme.buttonFocused : theme.button, maxWidth: max(0, inner.right - x))
                hits.append(HitRegion(Rect(x: x, y: y, width: CharWidth.width(label), height: 1), .press(index)))
                x += CharWidth.width(label) + 2
            }
            y += 2
        }
        if let goal = model.snapshot?.goal {
            Draw.line("Now: " + GoalText.summary(goal), in: inner, y: y, style: goal.reached ? theme.positive : theme.text, model: model, buffer: &buffer)
        } else if working {
            Draw.line("Saving…", in: inner, y: y, style: theme.muted, model: model, buffer: &buffer)
        }
    }
}
