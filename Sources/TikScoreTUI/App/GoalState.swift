import TikScoreCore

/// What has the focus on the goal screen, in Tab order.
enum GoalFocus: Int, TabOrder, Hashable, Sendable {
    case points, followers, save, clear
}

/// "LIVE goal" (key G): earned points and new followers to reach this session (or the next),
/// set or cleared as `tikscore live goal` does.
struct GoalState: ScreenComponent {
    static let title = "LIVE goal"
    static var slot: WritableKeyPath<AppModel, GoalState> { \.goal }

    var focus: GoalFocus = .points
    var points = TextField(placeholder: "earned points, e.g. 5000", maxLength: 14, filter: .amount)
    var followers = TextField(placeholder: "new followers, e.g. 100", maxLength: 12, filter: .amount)
    var working = false

    init() {}

    /// The fields filled from the goal on screen.
    init(_ goal: LiveGoal?) {
        if let target = goal?.points { points = points.replacingValue(target.isWhole ? String(target.wholePoints) : target.description) }
        if let target = goal?.followers { followers = followers.replacingValue(String(target)) }
    }

    var focusedField: TextField? {
        switch focus {
        case .points: return points
        case .followers: return followers
        default: return nil
        }
    }

    /// The targets typed, or what is wrong with them; both empty is a field error too.
    func targets() -> Result<(points: Points?, followers: Int64?), FieldError> {
        var pointsTarget: Points?
        let pointsText = points.value.trimmingSpaces().replacingOccurrences(of: ",", with: "")
        if !pointsText.isEmpty {
            guard let parsed = try? Points.parse(pointsText), parsed.units > 0 else {
                return .failure(FieldError("points: type a positive number of points, e.g. 5000"))
            }
            pointsTarget = parsed
        }
        var followersTarget: Int64?
        if !followers.value.trimmingSpaces().isEmpty {
            guard case .success(let count) = WholePoints.parse(followers.value), count > 0 else {
                return .failure(FieldError("followers: type a whole number above zero, e.g. 100"))
            }
            followersTarget = count
        }
        guard pointsTarget != nil || followersTarget != nil else {
            return .failure(FieldError("type a points or a followers target (or choose Clear)"))
        }
        return .success((pointsTarget, followersTarget))
    }

    mutating func update(_ command: UICommand, in model: AppModel) -> ScreenUpdate {
        guard let account = model.summary?.account else { return .go(.home) }
        guard account.profile.role == .creator else { return ScreenUpdate(status: StatusLine("Only a creator's LIVE earns points: no goal for \(account.name)", .error), navigation: .home) }
        switch command {
        case .down, .nextPane: focus = focus.next
        case .up, .previousPane: focus = focus.previous
        case .choose(let row):
            guard let clicked = GoalFocus(rawValue: row) else { break }
            focus = clicked
            if clicked == .save || clicked == .clear { return update(.select, in: model) }
        case .press(let button): return button == 0 ? save(account) : clear(account)
        case .select:
            switch focus {
            case .save: return save(account)
            case .clear: return clear(account)
            default: focus = focus.next
            }
        case .back, .cancel: return .go(.home)
        default: break
        }
        return .none
    }

    private mutating func save(_ account: Account) -> ScreenUpdate {
        switch targets() {
        case .failure(let problem): return .status(problem.message)
        case .success(let targets):
            working = true
            return .effects([.setGoal(account: account.name, points: targets.points, followers: targets.followers)])
        }
    }

    private mutating func clear(_ account: Account) -> ScreenUpdate {
        working = true
        return .effects([.setGoal(account: account.name, points: nil, followers: nil)])
    }

    mutating func edit(_ key: Key) -> Bool {
        switch focus {
        case .points: return points.apply(key)
        case .followers: return followers.apply(key)
        default: return false
        }
    }
}
