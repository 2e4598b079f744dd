import TikScoreCore

/// The first-run screen: a name, a role, and two buttons (create, or load the demo wallet).
public struct SetupState: Equatable, Sendable {
    /// 0 name, 1 role, 2 Create, 3 Demo.
    public var focus = 0
    public var name = TextField(placeholder: "your name", maxLength: 40)
    public var role: Role = .supporter
    public var working = false

    public init() {}

    mutating func handle(_ command: UICommand) -> (effects: [Effect], status: StatusLine?) {
        switch command {
        case .down, .nextPane: focus = (focus + 1) % 4
        case .up, .previousPane: focus = (focus + 3) % 4
        case .left, .right, .toggle:
            if focus == 1 { role = role == .creator ? .supporter : .creator }
            else if focus >= 2 { focus = focus == 2 ? 3 : 2 }
        case .select:
            switch focus {
            case 0: focus = 1
            case 1: focus = 2
            case 2:
                let trimmed = name.value.trimmingSpaces()
                guard !trimmed.isEmpty else {
                    focus = 0
                    return ([], StatusLine("type a name for your account", .error))
                }
                working = true
                return ([.createAccount(name: trimmed, role: role)], nil)
            default:
                working = true
                return ([.loadDemo], nil)
            }
        default: break
        }
        return ([], nil)
    }

    mutating func edit(_ key: Key) -> Bool {
        guard focus == 0, let next = name.handling(key) else { return false }
        name = next
        return true
    }
}
