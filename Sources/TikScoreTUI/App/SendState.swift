import TikScoreCore

/// Sending a gift (from the catalog) or points to another account: recipient, what, confirm.
struct SendState: ScreenComponent {
    static let title = "Send"
    static var slot: WritableKeyPath<AppModel, SendState> { \.send }

    /// Gift from the catalog or plain points.
    enum Mode: Hashable, Sendable { case gift, transfer }
    /// Where the screen is.
    enum Step: Hashable, Sendable { case recipient, what, confirm }

    var mode: Mode = .gift
    var step: Step = .recipient
    var recipient = 0
    var gift = 0
    var count: Int64 = 1
    var amount = TextField(placeholder: "points, e.g. 250", maxLength: 9, filter: .digits)
    var confirmButton: ConfirmButton = .confirm
    var working = false

    init() {}

    init(mode: Mode) {
        self.mode = mode
    }

    var focusedField: TextField? { mode == .transfer && step == .what ? amount : nil }

    /// Accounts that may receive from `me`.
    static func recipients(_ accounts: [Account], me: Account?) -> [Account] {
        accounts.filter { $0.id != me?.id }
    }

    /// The gift catalog, cheapest first.
    static func gifts(_ economy: Economy) -> [Gift] { economy.gifts.sorted { ($0.points, $0.id) < ($1.points, $1.id) } }

    mutating func update(_ command: UICommand, in model: AppModel) -> ScreenUpdate {
        guard let snapshot = model.snapshot, let me = snapshot.account else { return .go(.home) }
        let people = Self.recipients(snapshot.accounts, me: me)
        let gifts = Self.gifts(model.economy)
        if command == .cancel { return .go(.home) } // Ctrl-X: leave now, nothing changes
        switch (step, command) {
        case (.recipient, .up) where !people.isEmpty: recipient = (recipient + people.count - 1) % people.count
        case (.recipient, .down) where !people.isEmpty: recipient = (recipient + 1) % people.count
        case (.recipient, .choose(let row)):
            if RowClick.choose(row, selected: &recipient) { return update(.select, in: model) }
        case (.recipient, .select):
            guard people.indices.contains(recipient) else { return .status("there is nobody else to send to") }
            step = .what
        case (.recipient, .back): return .go(.home)
        case (.what, .up) where mode == .gift && !gifts.isEmpty: gift = (gift + gifts.count - 1) % gifts.count
        case (.what, .down) where mode == .gift && !gifts.isEmpty: gift = (gift + 1) % gifts.count
        case (.what, .choose(let row)) where mode == .gift:
            if RowClick.choose(row, selected: &gift) { return update(.select, in: model) }
        case (.what, .increase) where mode == .gift, (.what, .right) where mode == .gift: count = min(count + 1, 9_999)
        case (.what, .decrease) where mode == .gift, (.what, .left) where mode == .gift: count = max(count - 1, 1)
        case (.what, .select):
            if mode == .transfer {
                guard let whole = Int64(amount.value), whole > 0 else { return .status("type how many points to give") }
            }
            step = .confirm
            confirmButton = .confirm
        case (.what, .back): step = .recipient
        case (.confirm, .left), (.confirm, .right), (.confirm, .nextPane), (.confirm, .previousPane): confirmButton = confirmButton.other
        case (.confirm, .back): step = .what
        case (.confirm, .press(let index)):
            confirmButton = ConfirmButton(index: index)
            return update(.select, in: model)
        case (.confirm, .select):
            guard confirmButton == .confirm else { step = .what; return .none }
            guard people.indices.contains(recipient) else { return .none }
            let to = people[recipient].name
            switch mode {
            case .gift:
                guard gifts.indices.contains(gift) else { return .none }
                working = true
                return .effects([.gift(from: me.name, to: to, giftID: gifts[gift].id, count: count, key: model.nextKey)])
            case .transfer:
                guard let whole = Int64(amount.value), let points = try? Points(whole: whole) else { return .none }
                working = true
                return .effects([.transfer(from: me.name, to: to, points: points, key: model.nextKey)])
            }
        default: break
        }
        return .none
    }

    mutating func edit(_ key: Key) -> Bool {
        guard focusedField != nil, let next = amount.handling(key) else { return false }
        amount = next
        return true
    }
}
