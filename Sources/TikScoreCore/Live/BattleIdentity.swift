/// Which host of the current battle is the creator: matched by TikTok id, then by handle, never
/// guessed (the first army is not the creator's just for coming first).
///
/// ```swift
/// var identity = BattleIdentity()
/// identity.start(hosts: hosts, creator: leo)
/// identity.mySide(in: scores, creator: leo)   // nil: "side unknown"
/// ```
struct BattleIdentity {
    /// The creator's host in the battle's start line, when one matched.
    private(set) var mine: BattleHost?
    private var names: [String: String] = [:]

    /// Takes the hosts of a battle's start line.
    mutating func start(hosts: [BattleHost], creator: Account) {
        mine = hosts.first { creator.isFeedUser($0.user) }
        names = Dictionary(hosts.map { ($0.hostKey, $0.user.displayName) }, uniquingKeysWith: { first, _ in first })
    }

    /// The creator's total among `scores`: the side keyed by the creator's TikTok id, else by the
    /// host the start line matched, else by the creator's handle; nil when none is.
    func mySide(in scores: [BattleScore], creator: Account) -> BattleScore? {
        if let id = creator.profile.tiktokID, let side = scores.first(where: { $0.hostId == id }) { return side }
        if let mine, let side = scores.first(where: { $0.hostId == mine.hostKey }) { return side }
        if let handle = creator.feedHandleKey, let side = scores.first(where: { TikTokIdentity.key($0.hostId) == handle }) { return side }
        return nil
    }

    /// What to call a host: the name its start line gave, else `#ID`.
    func name(of hostID: String) -> String { names[hostID] ?? "#" + hostID }
}
