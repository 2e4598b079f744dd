import TikScoreCore

/// The command palette (`:`): every screen and action by name, found by a fuzzy match of what is
/// typed (the letters in order, anywhere: "mywd" finds "My withdrawals"); Enter runs the one
/// selected, Esc closes it.
struct PaletteState: Equatable, Sendable {
    /// What a palette entry does.
    enum Target: Equatable, Sendable {
        case navigate(Navigation)
        case command(UICommand)
    }

    /// One action: its name, other words it is found by, and what it does.
    struct Entry: Equatable, Sendable {
        var title: String
        var words: String
        var target: Target
    }

    var query = TextField(placeholder: "type to find an action or a screen", maxLength: 40)
    var selected = 0

    /// Every action, for a creator or not.
    static func entries(creator: Bool) -> [Entry] {
        var list: [Entry] = [
            Entry(title: "Dashboard", words: "home balance live", target: .navigate(.home)),
            Entry(title: "Recharge points", words: "buy top up card paypal package", target: .navigate(.open(.recharge))),
            Entry(title: "Withdraw to PayPal", words: "cash out payout earnings", target: .navigate(.open(.withdraw))),
            Entry(title: "Gift cards", words: "redeem card", target: .navigate(.open(.cards))),
            Entry(title: "My gift cards", words: "codes bought", target: .navigate(.open(.myCards))),
            Entry(title: "My withdrawals", words: "payouts status", target: .navigate(.open(.myWithdrawals))),
            Entry(title: "Send a LIVE gift", words: "gift creator", target: .navigate(.send(.gift))),
            Entry(title: "Give points", words: "transfer send", target: .navigate(.send(.transfer))),
            Entry(title: "History", words: "transfers ledger activity", target: .navigate(.open(.history))),
            Entry(title: "Switch account", words: "accounts login user", target: .navigate(.open(.accounts))),
            Entry(title: "Profile", words: "followers business creator next details", target: .navigate(.open(.profile))),
            Entry(title: "Next currency", words: "money dollars riyal euro", target: .command(.currency)),
            Entry(title: "Help: keys of this screen", words: "keys shortcuts", target: .command(.help)),
            Entry(title: "Redraw the screen", words: "refresh repaint", target: .command(.redraw)),
            Entry(title: "Quit", words: "exit leave close", target: .command(.quit)),
        ]
        if creator { list.insert(Entry(title: "LIVE goal", words: "target followers points session", target: .navigate(.open(.goal))), at: 3) }
        return list
    }

    /// The entries that match the query, best first (all of them, in order, for an empty query).
    func matches(creator: Bool) -> [Entry] {
        let all = Self.entries(creator: creator)
        let typed = query.value.trimmingSpaces().lowercased()
        guard !typed.isEmpty else { return all }
        return all.enumerated()
            .compactMap { index, entry in FuzzyMatch.score(typed, in: entry.title.lowercased(), words: entry.words).map { ($0, index, entry) } }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            .map(\.2)
    }
}

/// A fuzzy match: the typed letters in order within a name (or, scoring lower, its other words).
/// Lower scores are better: a prefix beats a word start beats letters spread out.
///
///     FuzzyMatch.score("wd", in: "my withdrawals", words: "")   // a score
///     FuzzyMatch.score("zz", in: "history", words: "")          // nil
enum FuzzyMatch {
    static func score(_ typed: String, in name: String, words: String) -> Int? {
        if name.hasPrefix(typed) { return 0 }
        if name.split(separator: " ").contains(where: { $0.hasPrefix(typed) }) { return 1 }
        if let spread = spread(typed, in: name) { return 2 + spread }
        if words.split(separator: " ").contains(where: { $0.hasPrefix(typed) }) || words.contains(typed) { return 1_000 }
        return nil
    }

    /// How far apart the letters of `typed` lie in `text` (nil when they are not all there in order).
    private static func spread(_ typed: String, in text: String) -> Int? {
        var gaps = 0
        var rest = Substring(text)
        for letter in typed {
            guard let found = rest.firstIndex(of: letter) else { return nil }
            gaps += rest.distance(from: rest.startIndex, to: found)
            rest = rest[rest.index(after: found)...]
        }
        return gaps
    }
}
