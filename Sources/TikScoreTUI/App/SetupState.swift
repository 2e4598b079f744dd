import TikScoreCore

/// What has the focus on the first-run screen, in Tab order.
enum SetupFocus: Int, TabOrder, Hashable, Sendable {
    case name, role, create, demo
}

/// The first-run screen: a name, a role, and two buttons (create, or load the demo wallet).
struct SetupState: ScreenComponent {
    static let title = "Welcome"
    static var slot: WritableKeyPath<AppModel, SetupState> { \.setup }

    var focus: SetupFocus = .name
    var name = TextField(placeholder: "your name", maxLength: 40)
    var role: Role = .supporter
    var working = false

    init() {}

    var focusedField: TextField? { focus == .name ? name : nil }

    mutating func update(_ command: UICommand, in model: AppModel) -> ScreenUpdate {
        switch command {
        case .down, .nextPane: focus = focus.next
        case .up, .previousPane: focus = focus.previous
        case .left, .right, .toggle:
            if focus == .role { role = role == .creator ? .supporter : .creator }
            else if focus == .create || focus == .demo { focus = focus == .create ? .demo : .create }
        case .choose(let row):
            guard let clicked = SetupFocus(rawValue: row) else { break }
            if clicked == .role && focus == .role { role = role == .creator ? .supporter : .creator }
            focus = clicked
        case .press(let index):
            guard let clicked = SetupFocus(rawValue: index) else { break }
            focus = clicked
            return update(.select, in: model)
        case .select:
            switch focus {
            case .name: focus = .role
            case .role: focus = .create
            case .create:
                let trimmed = name.value.trimmingSpaces()
                guard !trimmed.isEmpty else {
                    focus = .name
                    return .status("type a name for your account")
                }
                working = true
                return .effects([.createAccount(name: trimmed, role: role)])
            case .demo:
                working = true
                return .effects([.loadDemo])
            }
        default: break
        }
        return .none
    }

    mutating func edit(_ key: Key) -> Bool {
        guard focus == .name, let next = name.handling(key) else { return false }
        name = next
        return true
    }
}
