import TikScoreCore

/// First run: the wallet is empty; create your account or load the demo wallet.
extension SetupState {
    func keys(_ model: AppModel) -> KeyMap<UICommand> {
        let s = model.look.symbols
        return KeyMap([
            KeyBinding(keys: [.tab, .down], label: "Next", help: "Move to the next field or button", action: .nextPane),
            KeyBinding(keys: [.backTab, .up], label: "Previous", help: "Move to the previous field or button", action: .previousPane, showsInHintBar: false),
            KeyBinding(keys: [.char(" "), .left, .right], label: "Switch", help: "Switch between creator and supporter", action: .toggle,
                       keyLabel: "Space/\(Key.left.name(symbols: s))\(Key.right.name(symbols: s))"),
            CommonKeys.select("Choose", help: "Go on, or press the focused button"),
            KeyBinding(keys: [.esc], label: "Quit", help: "Leave without creating a wallet account", action: .quit),
        ] + CommonKeys.tail)
    }

    func render(_ model: AppModel, in body: Rect, buffer: inout Buffer, hits: inout [HitRegion]) {
        let theme = model.look.theme
        let s = model.look.symbols
        let box = body.centered(width: min(body.width, 64), height: min(body.height, 16))
        let inner = Draw.box("Welcome to TikScore", in: box, model: model, buffer: &buffer).inset(horizontal: 2, vertical: 1)
        guard !inner.isEmpty else { return }
        var y = Draw.line("Your wallet is empty. Create your account to start,", in: inner, y: inner.y, model: model, buffer: &buffer)
        y = Draw.line("or load the demo wallet to look around.", in: inner, y: y, model: model, buffer: &buffer) + 1
        y = Draw.field("Your name", model.setup.name, focused: model.setup.focus == .name, error: nil, in: inner, y: y, model: model, buffer: &buffer)
        let creator = model.setup.role == .creator
        let roleText = "Account type:  " + (creator ? "( ) supporter  (\(s.stepCurrent)) creator" : "(\(s.stepCurrent)) supporter  ( ) creator")
        Draw.line(roleText, in: inner, y: y, style: model.setup.focus == .role ? theme.selection : theme.text, model: model, buffer: &buffer)
        hits.append(HitRegion(Rect(x: inner.x, y: y, width: inner.width, height: 1), .choose(SetupFocus.role.rawValue)))
        y += 1
        Draw.line("Supporters recharge and send gifts; creators earn and withdraw.", in: inner, y: y, style: theme.muted, model: model, buffer: &buffer)
        y += 2
        var x = inner.x
        for (focus, title) in [(SetupFocus.create, "Create my account"), (SetupFocus.demo, "Load the demo wallet")] {
            let text = "[ \(title) ]"
            let style = model.setup.focus == focus ? theme.buttonFocused : theme.button
            if y < inner.bottom {
                buffer.set(string: text, x: x, y: y, style: style, maxWidth: max(0, inner.right - x))
                hits.append(HitRegion(Rect(x: x, y: y, width: CharWidth.width(text), height: 1), .press(focus.rawValue)))
            }
            x += CharWidth.width(text) + 2
        }
    }
}
