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
    var amount = TextField(placeholder: "points, e.g. 250, or max", maxLength: 9, filter: .amountOrMax)
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

    /// Why `account` cannot take what this screen sends (a gift needs a creator who can earn), or
    /// nil when it can.
    static func unavailable(_ account: Account, mode: Mode, economy: Economy, today: CalendarDate) -> String? {
        guard mode == .gift else { return nil }
        let report = Eligibility.evaluate(account, rules: economy.rules, today: today)
        guard !report.canEarn else { return nil }
        return "cannot earn gifts: " + (report.failing.first { !$0.withdrawOnly }?.reason ?? "not eligible")
    }

    /// The points to give, checked as typed against `balance`.
    func transferAmount(balance: Points, economy: Economy) -> Result<Points, FieldError> {
        switch WholePoints.parse(amount.value, max: balance, economy: economy) {
        case .failure(let problem): return .failure(problem)
        case .success(let whole):
            guard whole > 0, let points = try? Points(whole: whole) else { return .failure(FieldError("give at least 1 point")) }
            guard points <= balance else { return .failure(FieldError("you have \(balance.grouped) points")) }
            return .success(points)
        }
    }

    /// Why the selected gift cannot be sent now (it costs more than `balance`), or nil.
    func giftProblem(_ gift: Gift, balance: Points) -> String? {
        guard let total = try? Points(whole: gift.points).multiplied(by: count) else { return "that many would overflow" }
        return total > balance ? "\(gift.name) ×\(count) costs \(total.grouped) points; you have \(balance.grouped)" : nil
    }

    /// The gift catalog, cheapest first.
    static func gifts(_ economy: Economy) -> [Gift] { economy.panelGifts }

    mutating func update(_ command: UICommand, in model: AppModel) -> ScreenUpdate {
        guard let snapshot = model.snapshot, let summary = snapshot.summary else { return .go(.home) }
        let me = summary.account
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
            if let why = Self.unavailable(people[recipient], mode: mode, economy: model.economy, today: model.today) {
                return .status("\(people[recipient].name) \(why)")
            }
            step = .what
        case (.recipient, .back): return .go(.home)
        case (.what, .up) where mode == .gift && !gifts.isEmpty: gift = (gift + gifts.count - 1) % gifts.count
        case (.what, .down) where mode == .gift && !gifts.isEmpty: gift = (gift + 1) % gifts.count
        case (.what, .choose(let row)) where mode == .gift:
            if RowClick.choose(row, selected: &gift) { return update(.select, in: model) }
        case (.what, .increase) where mode == .gift, (.what, .right) where mode == .gift: count = min(count + 1, 9_999)
        case (.what, .decrease) where mode == .gift, (.what, .left) where mode == .gift: count = max(count - 1, 1)
        case (.what, .select):
            switch mode {
            case .transfer:
                if case .failure(let problem) = transferAmount(balance: summary.points, economy: model.economy) { return .status(problem.message) }
            case .gift:
                guard gifts.indices.contains(gift) else { return .none }
                if let problem = giftProblem(gifts[gift], balance: summary.points) { return .status(problem) }
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
                guard case .success(let points) = transferAmount(balance: summary.points, economy: model.economy) else { step = .what; return .none }
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
