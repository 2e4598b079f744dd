import TikScoreCore

/// The profile: the details the earning and withdrawal conditions read, with each condition's
/// verdict beside them.
extension ProfileState {
    func keys(_ model: AppModel) -> KeyMap<UICommand> {
        let s = model.look.symbols
        return KeyMap([
            KeyBinding(keys: [.tab, .down], label: "Next", help: "Move to the next field", action: .nextPane),
            KeyBinding(keys: [.backTab, .up], label: "Previous", help: "Move to the previous field", action: .previousPane, showsInHintBar: false),
            KeyBinding(keys: [.char(" "), .left, .right], label: "Switch", help: "Switch the focused choice (role, business, Creator Next)",
                       action: .toggle, keyLabel: "Space/\(Key.left.name(symbols: s))\(Key.right.name(symbols: s))"),
            CommonKeys.select(focus == .save ? "Save" : "Next", help: "Go to the next field; on Save, save the changes"),
            CommonKeys.back(help: "Leave without saving"),
        ] + CommonKeys.tail)
    }

    func render(_ model: AppModel, in body: Rect, buffer: inout Buffer, hits: inout [HitRegion]) {
        guard let summary = model.summary else { return }
        let state = loaded ? self : ProfileState(summary.account.profile)
        let theme = model.look.theme
        let s = model.look.symbols
        let inner = Draw.box("Profile of \(summary.account.name)", in: body, model: model, buffer: &buffer).inset(horizontal: 1, vertical: 0)
        guard inner.height >= 3 else { return }
        var y = inner.y
        func choice(_ label: String, _ value: String, _ row: ProfileFocus) {
            guard y < inner.bottom else { return }
            let focused = state.focus == row
            let text = (focused ? s.selection : " ") + " " + CharWidth.padRight(label, toWidth: 16) + value
            Draw.line(text, in: inner, y: y, style: focused ? theme.selection : theme.text, model: model, buffer: &buffer)
            hits.append(HitRegion(inner.row(y - inner.y), .choose(row.rawValue)))
            y += 1
        }
        func field(_ label: String, _ value: TextField, _ row: ProfileFocus) {
            guard y < inner.bottom else { return }
            Draw.formRow(label, value, focused: state.focus == row, labelWidth: 16, fieldWidth: 24, row: row.rawValue,
                         in: inner, y: y, model: model, buffer: &buffer, hits: &hits)
            y += 1
        }
        choice("Role", state.role == .creator ? "(\(s.stepCurrent)) creator  ( ) supporter" : "( ) creator  (\(s.stepCurrent)) supporter", .role)
        field("Followers", state.followers, .followers)
        choice("Business", state.business ? "[x] a business account with a trademark" : "[ ] a business account with a trademark", .business)
        choice("Creator Next", state.creatorNext ? "[x] subscribed" : "[ ] subscribed", .creatorNext)
        field("Born", state.birthDate, .birthDate)
        field("Opened on", state.createdOn, .createdOn)
        field("Last upload", state.lastUpload, .lastUpload)
        y += 1
        if y < inner.bottom {
            let text = "[ Save ]"
            buffer.set(string: text, x: inner.x + 2, y: y, style: state.focus == .save ? theme.buttonFocused : theme.button)
            hits.append(HitRegion(Rect(x: inner.x + 2, y: y, width: CharWidth.width(text), height: 1), .press(0)))
            y += 2
        }
        let p = summary.account.profile
        let tiktok = p.tiktokID == nil && p.tiktokHandle == nil ? "not set (tikscore account update --tiktok-id ID --tiktok-handle HANDLE)"
            : [p.tiktokHandle.map { "@" + $0 }, p.tiktokID.map { "id " + $0 }].compactMap { $0 }.joined(separator: " · ")
        y = Draw.line("  TikTok          " + tiktok, in: inner, y: y, style: theme.muted, model: model, buffer: &buffer)
        y += 1
        let report = Eligibility.evaluate(summary.account, rules: model.economy.rules, today: model.today)
        y = Draw.line("As saved now: \(report.canEarn ? "can earn" : "cannot earn"), \(report.canWithdraw ? "can withdraw" : "cannot withdraw")",
                      in: inner, y: y, style: theme.title, model: model, buffer: &buffer)
        for condition in report.conditions where y < inner.bottom {
            y = Draw.line("\(condition.ok ? s.tick : s.cross) \(CharWidth.padRight(condition.title, toWidth: 26)) \(condition.reason)",
                          in: inner, y: y, style: condition.ok ? theme.positive : theme.negative, model: model, buffer: &buffer)
        }
    }
}
