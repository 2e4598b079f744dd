import Foundation
import TikScoreCore

/// The pure heart of the dashboard: `update(model, action) -> (model, effects)`.
/// It never touches the terminal or the wallet; the run loop performs the effects.
enum AppUpdate {
    /// Keys that always go to the key map, even while a field takes typing.
    static let fieldPassThrough: Set<Key> = [.enter, .esc, .tab, .backTab, .up, .down, .pageUp, .pageDown, .ctrl("x"), .ctrl("l"), .f(1)]

    /// The next model and the effects to perform for `action`.
    ///
    ///     let (next, effects) = AppUpdate.update(model, .key(.char("r")))
    static func update(_ model: AppModel, _ action: Action) -> (AppModel, [Effect]) {
        var m = model
        var effects: [Effect]
        switch action {
        case .key(let key): effects = handleKey(&m, key)
        case .resize(let width, let height):
            m.width = max(0, width)
            m.height = max(0, height)
            effects = []
        case .tick(let now): effects = tick(&m, now: now)
        case .walletChanged:
            effects = [.load(account: m.accountName)] + (m.screen == .history ? m.accountName.map {
                [HistoryState.load($0, filter: m.history.filter.value, around: m.history.selected)]
            } ?? [] : [])
        case .interrupted: effects = quit(&m)
        default: effects = EffectResults.apply(&m, action)
        }
        effects = askingForPIN(&m, effects)
        if m.quitWhenIdle && !m.isWorking && !m.quitting {
            m.quitting = true
            effects.append(.quit)
        }
        return (m, effects)
    }

    /// Runs `actions` one after the other, collecting every effect; handy in tests.
    ///
    ///     let (m, effects) = AppUpdate.run(model, keys: [.char("r"), .enter])
    static func run(_ model: AppModel, _ actions: [Action]) -> (AppModel, [Effect]) {
        var m = model
        var all: [Effect] = []
        for action in actions {
            let (next, effects) = update(m, action)
            m = next
            all += effects
        }
        return (m, all)
    }

    private static func tick(_ m: inout AppModel, now: Date) -> [Effect] {
        if m.isWorking || m.loading { m.ticks &+= 1 }
        guard var snapshot = m.snapshot, let battle = snapshot.battle, battle.isRunning else { return [] }
        if Int(battle.remaining(at: now)) != Int(battle.remaining(at: snapshot.now)) || battle.endsAt <= now {
            snapshot.now = now
            m.snapshot = snapshot
        }
        return battle.endsAt <= now ? [.settleBattles] : []
    }

    /// Quits now, or once the work in flight has answered (with a message saying so).
    private static func quit(_ m: inout AppModel) -> [Effect] {
        guard m.isWorking else {
            m.quitting = true
            return [.quit]
        }
        m.quitWhenIdle = true
        m.status = StatusLine("Quitting when \(m.workLabel) has finished…", .info)
        return []
    }

    // MARK: Keys

    private static func handleKey(_ m: inout AppModel, _ key: Key) -> [Effect] {
        if key == .resize { return [] }
        if key == .ctrl("l") { return [.redraw] }
        // Behind "terminal too small" the screen cannot be seen, so none of its keys act.
        if m.isTooSmall { return key == .char("q") ? quit(&m) : [] }
        if m.showsHelp { return helpKey(&m, key) }
        if m.palette != nil { return paletteKey(&m, key) }
        if m.pinPrompt != nil { return pinKey(&m, key) }
        if m.isWorking { return workingKey(&m, key) }
        if case .mouse(let event) = key { return Mouse.handle(&m, event) }
        if ScreenDispatch.focusedField(m) != nil && !fieldPassThrough.contains(key) {
            if ScreenDispatch.edit(&m, key) {
                // The field checks itself as it changes; an error about its old value is stale.
                if m.status?.kind == .error { m.status = nil }
                return ScreenDispatch.edited(m)
            }
        }
        guard let command = ScreenDispatch.keys(m).action(for: key) else { return [] }
        return perform(&m, command)
    }

    /// Keys while the palette is open: typing filters, ↑↓ choose, Enter runs, Esc closes.
    private static func paletteKey(_ m: inout AppModel, _ key: Key) -> [Effect] {
        guard var palette = m.palette else { return [] }
        let creator = m.summary?.account.profile.role == .creator
        let found = palette.matches(creator: creator)
        switch key {
        case .esc, .ctrl("x"):
            m.palette = nil
        case .up, .backTab:
            palette.selected = max(0, palette.selected - 1)
            m.palette = palette
        case .down, .tab:
            palette.selected = min(max(0, found.count - 1), palette.selected + 1)
            m.palette = palette
        case .enter:
            m.palette = nil
            guard found.indices.contains(palette.selected) else { return [] }
            switch found[palette.selected].target {
            case .command(let command): return perform(&m, command)
            case .navigate(let navigation):
                guard m.summary != nil else {
                    m.status = StatusLine("Choose an account first", .info)
                    return []
                }
                m.status = nil
                return navigate(&m, navigation)
            }
        case .mouse: break
        default:
            if palette.query.apply(key) {
                palette.selected = 0
                m.palette = palette
            }
        }
        return []
    }

    /// A protected operation of the signed-in account, when it has a PIN, waits behind the PIN
    /// prompt instead of running (the others run as they are).
    private static func askingForPIN(_ m: inout AppModel, _ effects: [Effect]) -> [Effect] {
        guard m.snapshot?.pinProtected == true, let name = m.accountName, m.pinPrompt == nil else { return effects }
        var out: [Effect] = []
        for effect in effects {
            if m.pinPrompt == nil, let account = PINPromptState.protectedAccount(of: effect), account == name {
                m.pinPrompt = PINPromptState(account: account, pending: effect)
            } else {
                out.append(effect)
            }
        }
        return out
    }

    /// Typing the PIN: digits, Backspace, Enter to send it with the operation, Esc to give up
    /// (the operation then comes back refused, so the screen that asked shows why).
    private static func pinKey(_ m: inout AppModel, _ key: Key) -> [Effect] {
        guard var prompt = m.pinPrompt else { return [] }
        let result = prompt.handle(key)
        m.pinPrompt = prompt
        guard case .some(let effect) = result, let effect else { return [] }
        m.pinPrompt = nil
        return [effect]
    }

    /// While a payment or another change is in flight: help, quit (after it) and an explanation
    /// of why it cannot be cancelled; nothing else acts, so the result is always seen.
    private static func workingKey(_ m: inout AppModel, _ key: Key) -> [Effect] {
        switch key {
        case .char("?"), .f(1):
            m.showsHelp = true
            m.helpScroll = 0
        case .char("q"): return quit(&m)
        case .ctrl("x"), .esc:
            m.status = StatusLine("\(m.workLabel.prefix(1).uppercased() + m.workLabel.dropFirst()) is on its way and can no longer be stopped; its result will show here.", .info)
        default: break
        }
        return []
    }

    private static func helpKey(_ m: inout AppModel, _ key: Key) -> [Effect] {
        switch key {
        case .esc, .char("?"), .char("q"), .enter, .f(1): m.showsHelp = false
        case .up, .char("k"): m.helpScroll = max(0, m.helpScroll - 1)
        case .down, .char("j"): m.helpScroll += 1
        case .mouse(let event) where event.kind == .wheelUp: m.helpScroll = max(0, m.helpScroll - 1)
        case .mouse(let event) where event.kind == .wheelDown: m.helpScroll += 1
        case .mouse(let event) where event.kind == .press: m.showsHelp = false
        default: break
        }
        return []
    }

    /// Does what a screen command means on the current screen.
    static func perform(_ m: inout AppModel, _ command: UICommand) -> [Effect] {
        switch command {
        case .quit: return quit(&m)
        case .help:
            m.showsHelp = true
            m.helpScroll = 0
            return []
        case .redraw: return [.redraw]
        case .palette:
            m.palette = PaletteState()
            return []
        default: break
        }
        m.status = nil
        let result = ScreenDispatch.update(&m, command)
        if let status = result.status { m.status = status }
        if result.cyclesCurrency { m.currencyIndex = (m.currencyIndex + 1) % (m.secondCurrencies.count + 1) }
        m.consumeKey(if: result.effects)
        guard let navigation = result.navigation else { return result.effects }
        return result.effects + navigate(&m, navigation)
    }

    private static func navigate(_ m: inout AppModel, _ navigation: Navigation) -> [Effect] {
        switch navigation {
        case .home:
            goHome(&m)
        case .open(let screen):
            screen.reset(in: &m)
            if screen == .accounts { m.accounts = AccountsState(selecting: m.snapshot?.account, in: m.snapshot?.accounts ?? []) }
            if screen == .profile, let profile = m.summary?.account.profile { m.profile = ProfileState(profile) }
            if screen == .goal { m.goal = GoalState(m.snapshot?.goal?.goal) }
            if screen == .withdraw { m.withdraw = WithdrawFlowState(offering: m.snapshot?.withdrawals ?? []) }
            m.screen = screen
            return ScreenDispatch.opened(m)
        case .showRedemption(let id):
            m.myCards = MyCardsState(showing: id, in: m.snapshot?.redemptions ?? [])
            m.screen = .myCards
        case .send(let mode):
            m.send = SendState(mode: mode)
            m.screen = .send
        case .switchAccount(let name):
            m.screen = .home
            m.loading = true
            m.home.activityScroll = 0
            return [.switchAccount(name)]
        }
        return []
    }

    static func goHome(_ m: inout AppModel) {
        m.screen = m.snapshot?.summary == nil ? (m.snapshot?.accounts.isEmpty ?? true ? .setup : .accounts) : .home
    }
}
