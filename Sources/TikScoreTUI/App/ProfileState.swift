import TikScoreCore

/// What has the focus on the profile screen, in Tab order.
enum ProfileFocus: Int, TabOrder, Hashable, Sendable {
    case role, followers, business, creatorNext, birthDate, createdOn, lastUpload, save
}

/// "Profile": the signed-in account's own details, which decide whether it can earn and
/// withdraw, edited in place and saved as one change.
struct ProfileState: ScreenComponent {
    static let title = "Profile"
    static var slot: WritableKeyPath<AppModel, ProfileState> { \.profile }

    var focus: ProfileFocus = .role
    var role: Role = .supporter
    var business = false
    var creatorNext = false
    var followers = TextField(placeholder: "followers, e.g. 150000", maxLength: 12, filter: .amount)
    var birthDate = TextField(placeholder: "YYYY-MM-DD", maxLength: 10)
    var createdOn = TextField(placeholder: "YYYY-MM-DD", maxLength: 10)
    var lastUpload = TextField(placeholder: "YYYY-MM-DD", maxLength: 10)
    var working = false
    /// Whether the fields were filled from the account yet.
    var loaded = false

    init() {}

    /// The fields filled from `profile`.
    init(_ profile: AccountProfile) {
        role = profile.role
        business = profile.business
        creatorNext = profile.creatorNext
        followers = followers.replacingValue(String(profile.followers))
        birthDate = birthDate.replacingValue(profile.birthDate?.description ?? "")
        createdOn = createdOn.replacingValue(profile.createdOn?.description ?? "")
        lastUpload = lastUpload.replacingValue(profile.lastUpload?.description ?? "")
        loaded = true
    }

    var focusedField: TextField? {
        switch focus {
        case .followers: return followers
        case .birthDate: return birthDate
        case .createdOn: return createdOn
        case .lastUpload: return lastUpload
        default: return nil
        }
    }

    /// The change to save, or what is wrong with a field.
    func patch(against profile: AccountProfile) -> Result<ProfilePatch, FieldError> {
        let count: Int64
        switch WholePoints.parse(followers.value) {
        case .success(let value): count = value
        case .failure: return .failure(FieldError("followers: type a whole number, e.g. 150000"))
        }
        var dates: [CalendarDate?] = []
        for (label, field) in [("birth date", birthDate), ("opened on", createdOn), ("last upload", lastUpload)] {
            let text = field.value.trimmingSpaces()
            if text.isEmpty { dates.append(nil); continue }
            guard let date = try? CalendarDate.parse(text) else { return .failure(FieldError("\(label): '\(text)' is not a date like 1995-05-14")) }
            dates.append(date)
        }
        var patch = ProfilePatch()
        if role != profile.role { patch.role = role }
        if count != profile.followers { patch.followers = count }
        if business != profile.business { patch.business = business }
        if creatorNext != profile.creatorNext { patch.creatorNext = creatorNext }
        if dates[0] != profile.birthDate, let date = dates[0] { patch.birthDate = date }
        if dates[1] != profile.createdOn, let date = dates[1] { patch.createdOn = date }
        if dates[2] != profile.lastUpload, let date = dates[2] { patch.lastUpload = date }
        return .success(patch)
    }

    mutating func update(_ command: UICommand, in model: AppModel) -> ScreenUpdate {
        guard let account = model.summary?.account else { return .go(.home) }
        if !loaded { self = ProfileState(account.profile) }
        switch command {
        case .down, .nextPane: focus = focus.next
        case .up, .previousPane: focus = focus.previous
        case .toggle, .left, .right:
            switch focus {
            case .role: role = role == .creator ? .supporter : .creator
            case .business: business.toggle()
            case .creatorNext: creatorNext.toggle()
            default: break
            }
        case .choose(let row):
            guard let clicked = ProfileFocus(rawValue: row) else { break }
            if clicked == focus { return update(.toggle, in: model) }
            focus = clicked
        case .press: return save(account)
        case .select:
            if focus == .save { return save(account) }
            focus = focus.next
        case .back, .cancel: return .go(.home)
        default: break
        }
        return .none
    }

    private mutating func save(_ account: Account) -> ScreenUpdate {
        switch patch(against: account.profile) {
        case .failure(let problem): return .status(problem.message)
        case .success(let patch):
            guard !patch.isEmpty else { return .status("nothing changed", .info) }
            working = true
            return .effects([.updateProfile(account: account.name, patch: patch)])
        }
    }

    mutating func edit(_ key: Key) -> Bool {
        switch focus {
        case .followers: return followers.apply(key)
        case .birthDate: return birthDate.apply(key)
        case .createdOn: return createdOn.apply(key)
        case .lastUpload: return lastUpload.apply(key)
        default: return false
        }
    }

    func opened(in model: AppModel) -> [Effect] { [] }
}
