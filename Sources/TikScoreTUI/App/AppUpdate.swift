import Foundation
import TikScoreCore

/// The pure heart of the dashboard: `update(model, action) -> (model, effects)`.
/// It never touches the terminal or the wallet; the run loop performs the effects.
public enum AppUpdate {
    /// Keys that always go to the key map, even while a field takes typing.
    static let fieldPassThrough: Set<Key> = [.enter, .esc, .tab, .backTab, .up, .down, .pageUp, .pageDown, .ctrl("x"), .ctrl("l"), .f(1)]

    /// The next model and the effects to perform for `action`.
    ///
    ///     let (next, effects) = AppUpdate.update(model, .key(.char("r")))
    public static func update(_ model: AppModel, _ action: Action) -> (AppModel, [Effect]) {
        var m = model
        let effects: [Effect]
        switch action {
        case .key(let key): effects = handleKey(&m, key)
        case .resize(let width, let height):
            m.width = max(0, width)
            m.height = max(0, height)
            effects = []
        case .tick(let now): effects = tick(&m, now: now)
        case .walletChanged: effects = [.load(account: m.accountName)]
        default: effects = EffectResults.apply(&m, action)
        }
        return (m, effects)
    }

    /// Runs `actions` one after the other, collecting every effect; handy in tests.
    ///
    ///     let (m, effects) = AppUpdate.run(model, keys: [.char("r"), .enter])
    public static func run(_ model: AppModel, _ actions: [Action]) -> (AppModel, [Effect]) {
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

    // MARK: Keys

    private static func handleKey(_ m: inout AppModel, _ key: Key) -> [Effect] {
        if key == .resize { return [] }
        if key == .ctrl("l") { return [.redraw] }
        if m.showsHelp { return helpKey(&m, key) }
        if m.isWorking { return [] }
        if case .mouse(let event) = key { return Mouse.handle(&m, event) }
        if focusedField(m) != nil && !fieldPassThrough.contains(key) {
            if edit(&m, key) { return [] }
        }
        guard let command = ScreenKeys.map(for: m).action(for: key) else { return [] }
        return perform(&m, command)
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

    /// The field that takes typing on the current screen, if any.
    static func focusedField(_ m: AppModel) -> TextField? {
        switch m.screen {
        case .setup: return m.setup.focus == 0 ? m.setup.name : nil
        case .recharge: return m.recharge.focusedField
        case .withdraw: return m.withdraw.focusedField
        case .send: return m.send.focusedField
        case .history: return m.history.filtering ? m.history.filter : nil
        default: return nil
        }
    }

    private static func edit(_ m: inout AppModel, _ key: Key) -> Bool {
        switch m.screen {
        case .setup: return m.setup.edit(key)
        case .recharge: return m.recharge.edit(key)
        case .withdraw: return m.withdraw.edit(key)
        case .send: return m.send.edit(key)
        case .history: return m.history.edit(key)
        default: return false
        }
    }

    /// Does what a screen command means on the current screen.
    static func perform(_ m: inout AppModel, _ command: UICommand) -> [Effect] {
        switch command {
        case .quit:
            m.quitting = true
            return [.quit]
        case .help:
            m.showsHelp = true
            m.helpScroll = 0
            return []
        case .redraw: return [.redraw]
        default: break
        }
        m.status = nil
        switch m.screen {
        case .home: return HomeUpdate.perform(&m, command)
        case .setup:
            let (effects, status) = m.setup.handle(command)
            m.status = status
            return effects
        case .accounts: return HomeUpdate.picker(&m, command)
        case .recharge:
            guard let account = m.accountName else { return goHome(&m) }
            let key = m.nextKey
            let (leave, effects, status) = m.recharge.handle(command, economy: m.economy, account: account, key: key)
            m.status = status
            m.consumeKey(if: effects)
            return leave ? goHome(&m) : effects
        case .withdraw:
            guard let summary = m.snapshot?.summary else { return goHome(&m) }
            let key = m.nextKey
            let (leave, effects, status) = m.withdraw.handle(command, summary: summary, economy: m.economy, today: m.today, key: key)
            m.status = status
            m.consumeKey(if: effects)
            return leave ? goHome(&m) : effects
        case .cards:
            guard let account = m.accountName else { return goHome(&m) }
            let key = m.nextKey
            let (leave, effects) = m.cards.handle(command, economy: m.economy, account: account, key: key)
            m.consumeKey(if: effects)
            return leave ? goHome(&m) : effects
        case .send:
            guard let snapshot = m.snapshot, let me = snapshot.account else { return goHome(&m) }
            let key = m.nextKey
            let (leave, effects, status) = m.send.handle(command, economy: m.economy, accounts: snapshot.accounts, me: me, key: key)
            m.status = status
            m.consumeKey(if: effects)
            return leave ? goHome(&m) : effects
        case .history:
            let count = m.snapshot.map { m.history.visible($0.history, snapshot: $0).count } ?? 0
            let leave = m.history.handle(command, count: count, page: max(1, m.height - 8))
            return leave ? goHome(&m) : []
        }
    }

    static func goHome(_ m: inout AppModel) -> [Effect] {
        m.screen = m.snapshot?.summary == nil ? (m.snapshot?.accounts.isEmpty ?? true ? .setup : .accounts) : .home
        return []
    }
}
