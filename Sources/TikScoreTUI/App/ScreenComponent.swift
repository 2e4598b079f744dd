import TikScoreCore

/// A screen of the dashboard, as its state: the state owns its key map, its update, its view,
/// the field that takes typing and the regions a click hits. A new screen is its state file, its
/// view file and one line in `Screen.component`.
///
/// ```swift
/// struct CardsState: ScreenComponent {
///     static let title = "Gift cards"
///     static let slot = \AppModel.cards
///     …
/// }
/// ```
protocol ScreenComponent: Equatable, Sendable {
    /// The screen's name in the header and the help overlay.
    static var title: String { get }
    /// Where the model keeps this state.
    static var slot: WritableKeyPath<AppModel, Self> { get }
    /// The state of the screen when it opens.
    init()
    /// The key table of the screen as it is now (the same table drives dispatch, hints and help).
    func keys(_ model: AppModel) -> KeyMap<UICommand>
    /// The field that takes typing now, if any.
    var focusedField: TextField? { get }
    /// Types `key` into the focused field; false when the field does not take it.
    mutating func edit(_ key: Key) -> Bool
    /// What `command` does on this screen, given the rest of the model.
    mutating func update(_ command: UICommand, in model: AppModel) -> ScreenUpdate
    /// Draws the screen into `area` and registers what a click hits.
    func render(_ model: AppModel, in area: Rect, buffer: inout Buffer, hits: inout [HitRegion])
    /// What to read when the screen opens with a fresh state.
    func opened(in model: AppModel) -> [Effect]
    /// What to read after a key changed the focused field.
    func edited(in model: AppModel) -> [Effect]
}

extension ScreenComponent {
    var focusedField: TextField? { nil }
    mutating func edit(_ key: Key) -> Bool { false }
    func opened(in model: AppModel) -> [Effect] { [] }
    func edited(in model: AppModel) -> [Effect] { [] }
}

/// What a screen's update asks of the app besides changing its own state.
struct ScreenUpdate {
    /// Work for the run loop.
    var effects: [Effect] = []
    /// A line for the status bar.
    var status: StatusLine?
    /// Where to go next, if anywhere.
    var navigation: Navigation?
    /// Whether `u` was pressed: show the next second currency.
    var cyclesCurrency = false

    static let none = ScreenUpdate()

    static func go(_ navigation: Navigation) -> ScreenUpdate { ScreenUpdate(navigation: navigation) }

    static func effects(_ effects: [Effect]) -> ScreenUpdate { ScreenUpdate(effects: effects) }

    static func status(_ text: String, _ kind: StatusLine.Kind = .error) -> ScreenUpdate {
        ScreenUpdate(status: StatusLine(text, kind))
    }
}

/// A move from one screen to another.
enum Navigation: Equatable, Sendable {
    /// Back to the dashboard (or the picker or the welcome, when there is no dashboard to show).
    case home
    /// Opens a screen with a fresh state.
    case open(Screen)
    /// Opens the send screen for a gift or for points.
    case send(SendState.Mode)
    /// Opens the dashboard as another account.
    case switchAccount(String)
    /// Opens "My gift cards" on the redemption with this id.
    case showRedemption(String)
}

/// Calls a component through the model, whichever screen is showing.
enum ScreenDispatch {
    static func keys(_ model: AppModel) -> KeyMap<UICommand> { keys(model.screen.component, model) }

    static func focusedField(_ model: AppModel) -> TextField? { focusedField(model.screen.component, model) }

    static func edit(_ model: inout AppModel, _ key: Key) -> Bool { edit(model.screen.component, &model, key) }

    static func opened(_ model: AppModel) -> [Effect] { opened(model.screen.component, model) }

    static func edited(_ model: AppModel) -> [Effect] { edited(model.screen.component, model) }

    static func update(_ model: inout AppModel, _ command: UICommand) -> ScreenUpdate {
        update(model.screen.component, &model, command)
    }

    static func render(_ model: AppModel, in area: Rect, buffer: inout Buffer, hits: inout [HitRegion]) {
        render(model.screen.component, model, area, &buffer, &hits)
    }

    private static func keys<C: ScreenComponent>(_ type: C.Type, _ model: AppModel) -> KeyMap<UICommand> {
        model[keyPath: C.slot].keys(model)
    }

    private static func focusedField<C: ScreenComponent>(_ type: C.Type, _ model: AppModel) -> TextField? {
        model[keyPath: C.slot].focusedField
    }

    private static func edit<C: ScreenComponent>(_ type: C.Type, _ model: inout AppModel, _ key: Key) -> Bool {
        model[keyPath: C.slot].edit(key)
    }

    private static func opened<C: ScreenComponent>(_ type: C.Type, _ model: AppModel) -> [Effect] {
        model[keyPath: C.slot].opened(in: model)
    }

    private static func edited<C: ScreenComponent>(_ type: C.Type, _ model: AppModel) -> [Effect] {
        model[keyPath: C.slot].edited(in: model)
    }

    private static func update<C: ScreenComponent>(_ type: C.Type, _ model: inout AppModel, _ command: UICommand) -> ScreenUpdate {
        var state = model[keyPath: C.slot]
        let result = state.update(command, in: model)
        model[keyPath: C.slot] = state
        return result
    }

    private static func render<C: ScreenComponent>(_ type: C.Type, _ model: AppModel, _ area: Rect, _ buffer: inout Buffer,
                                                   _ hits: inout [HitRegion]) {
        model[keyPath: C.slot].render(model, in: area, buffer: &buffer, hits: &hits)
    }
}

/// A list's reaction to a click on a row: select it, or choose it (Enter) when it was selected.
enum RowClick {
    /// Selects `row` in `selected`; returns true when the row was already selected (so it is chosen).
    static func choose(_ row: Int, selected: inout Int) -> Bool {
        if selected == row { return true }
        selected = row
        return false
    }
}
