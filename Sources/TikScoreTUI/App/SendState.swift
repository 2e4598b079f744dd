import TikScoreCore

/// Sending a gift (from the catalog) or points to another account: recipient, what, confirm.
public struct SendState: Equatable, Sendable {
    /// Gift from the catalog or plain points.
    public enum Mode: Hashable, Sendable { case gift, transfer }
    /// Where the screen is.
    public enum Step: Hashable, Sendable { case recipient, what, confirm }

    public var mode: Mode = .gift
    public var step: Step = .recipient
    public var recipient = 0
    public var gift = 0
    public var count: Int64 = 1
    public var amount = TextField(placeholder: "points, e.g. 250", maxLength: 9, filter: .digits)
    /// 0 Send, 1 Back.
    public var confirmButton = 0
    public var working = false

    public init(mode: Mode = .gift) {
        self.mode = mode
    }

    /// The field that takes typing now, if any.
    public var focusedField: TextField? { mode == .transfer && step == .what ? amount : nil }

    /// Accounts that may receive from `me`.
    public static func recipients(_ accounts: [Account], me: Account?) -> [Account] {
        accounts.filter { $0.id != me?.id }
    }

    /// The gift catalog, cheapest first.
    public static func gifts(_ economy: Economy) -> [Gift] { economy.gifts.sorted { ($0.points, $0.id) < ($1.points, $1.id) } }

    mutating func handle(_ command: UICommand, economy: Economy, accounts: [Account], me: Account, key: String)
        -> (leave: Bool, effects: [Effect], status: StatusLine?) {
        let people = Self.recipients(accounts, me: me)
        let gifts = Self.gifts(economy)
        if command == .cancel { return (true, [], nil) } // Ctrl-X: leave now, nothing changes
        switch (step, command) {
        case (.recipient, .up) where !people.isEmpty: recipient = (recipient + people.count - 1) % people.count
        case (.recipient, .down) where !people.isEmpty: recipient = (recipient + 1) % people.count
        case (.recipient, .select):
            guard people.indices.contains(recipient) else { return (false, [], StatusLine("there is nobody else to send to", .error)) }
            step = .what
        case (.recipient, .back), (.recipient, .cancel): return (true, [], nil)
        case (.what, .up) where mode == .gift && !gifts.isEmpty: gift = (gift + gifts.count - 1) % gifts.count
        case (.what, .down) where mode == .gift && !gifts.isEmpty: gift = (gift + 1) % gifts.count
        case (.what, .increase) where mode == .gift, (.what, .right) where mode == .gift: count = min(count + 1, 9_999)
        case (.what, .decrease) where mode == .gift, (.what, .left) where mode == .gift: count = max(count - 1, 1)
        case (.what, .select):
            if mode == .transfer {
                guard let whole = Int64(amount.value), whole > 0 else { return (false, [], StatusLine("type how many points to give", .error)) }
                _ = whole
            }
            step = .confirm
            confirmButton = 0
        case (.what, .back): step = .recipient
        case (.confirm, .left), (.confirm, .right), (.confirm, .nextPane), (.confirm, .previousPane): confirmButton = 1 - confirmButton
        case (.confirm, .back): step = .what
        case (.confirm, .select):
            guard confirmButton == 0 else { step = .what; return (false, [], nil) }
            guard people.indices.contains(recipient) else { return (false, [], nil) }
            let to = people[recipient].name
            switch mode {
            case .gift:
                guard gifts.indices.contains(gift) else { return (false, [], nil) }
                working = true
                return (false, [.gift(from: me.name, to: to, giftID: gifts[gift].id, count: count, key: key)], nil)
            case .transfer:
                guard let whole = Int64(amount.value), let points = try? Points(whole: whole) else { return (false, [], nil) }
                working = true
                return (false, [.transfer(from: me.name, to: to, points: points, key: key)], nil)
            }
        default: break
        }
        return (false, [], nil)
    }

    mutating func edit(_ key: Key) -> Bool {
        guard focusedField != nil, let next = amount.handling(key) else { return false }
        amount = next
        return true
    }
}
