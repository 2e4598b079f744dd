import Foundation

/// Builds one decision: checks the rules of a money command and collects its transfers.
struct DecisionBuilder {
    let state: WalletReading
    let context: DecisionContext
    var sheet: PendingBalances
    var changes: [LedgerChange] = []

    init(state: WalletReading, context: DecisionContext) {
        self.state = state
        self.context = context
        self.sheet = PendingBalances(reading: state)
    }

    var economy: Economy { context.economy }

    // MARK: Commands

    mutating func recharge(name: String, points: Points, packageID: String?, payment: PaymentDetails, reference: String) throws -> Decision {
        let account = try WalletMachine.existing(name, in: state)
        let method = try payment.validated().method
        if packageID == nil {
            try requirePositive(points, what: "a recharge")
            guard points.isWhole else { throw WalletError.invalidAmount("recharge a whole number of points (got \(points))") }
        }
        // The catalog's packages and limits, here so that every caller (and a refusal under a key) meets them.
        let order = try RechargeFlow.quote(packageID.map(RechargeAmount.package) ?? .custom(points.wholePoints), economy: economy)
        guard order.points == points else {
            throw WalletError.invalidAmount("the package \(order.packageID ?? "") is \(order.points.grouped) points, not \(points.grouped)")
        }
        let price = try economy.wholeCents(of: points, what: "a recharge", allowed: 1...Int64.max / Points.unitsPerPoint)
        try move(points, from: .sales, to: account.pointsAccount, kind: .recharge,
                 memo: "recharge \(points.grouped) points, $\(price.money), \(method.display)")
        let receipt = RechargeReceipt(account: account.name, points: points, priceUSD: price, method: method,
                                      packageID: packageID, reference: reference,
                                      balance: try sheet.balance(of: account.pointsAccount))
        return Decision(changes: changes, outcome: .recharge(receipt))
    }

    mutating func sendGift(from: String, to: String, giftID: Int64, count: Int64) throws -> Decision {
        let sender = try WalletMachine.existing(from, in: state)
        let creator = try WalletMachine.existing(to, in: state)
        guard sender.id != creator.id else { throw WalletError(.sameAccount, "\(sender.name) cannot send a gift to themselves") }
        guard let gift = economy.gift(id: giftID) else {
            throw WalletError(.unknownGift, "unknown gift id \(giftID)")
        }
        guard count > 0 else { throw WalletError.invalidAmount("the gift count must be at least 1 (got \(count))") }
        try requireEarning(creator)
        let price = try Points(whole: gift.points).multiplied(by: count)
        let (share, commission) = try economy.split(gift: price)
        let label = count == 1 ? gift.name : "\(gift.name) ×\(count)"
        let shortfall = { (have: Points) in
            WalletError(.insufficientPoints, "\(sender.name) has \(have.grouped) points; \(label) costs \(price.grouped)")
        }
        if share.units > 0 {
            try move(share, from: sender.pointsAccount, to: creator.earnedAccount, kind: .gift,
                     memo: "\(label) from \(sender.name) to \(creator.name)", shortfall: shortfall)
        }
        if commission.units > 0 {
            try move(commission, from: sender.pointsAccount, to: .commission, kind: .commission,
                     memo: "commission on \(label) to \(creator.name)", shortfall: shortfall)
        }
        try countLiveGift(to: creator, gifter: sender.name, points: price, share: share, count: count)
        let receipt = GiftReceipt(from: sender.name, to: creator.name, giftID: gift.id, giftName: gift.name, count: count,
                                  points: price, creatorShare: share, commission: commission,
                                  senderBalance: try sheet.balance(of: sender.pointsAccount))
        return Decision(changes: changes, outcome: .gift(receipt))
    }

    mutating func transferPoints(from: String, to: String, points: Points) throws -> Decision {
        let sender = try WalletMachine.existing(from, in: state)
        let receiver = try WalletMachine.existing(to, in: state)
        guard sender.id != receiver.id else { throw WalletError(.sameAccount, "\(sender.name) cannot give points to themselves") }
        try requirePositive(points, what: "a transfer")
        try move(points, from: sender.pointsAccount, to: receiver.pointsAccount, kind: .transfer,
                 memo: "\(points.grouped) points from \(sender.name) to \(receiver.name)") { have in
            WalletError(.insufficientPoints, "\(sender.name) has \(have.grouped) points; cannot give \(points.grouped)")
        }
        let receipt = TransferReceipt(from: sender.name, to: receiver.name, points: points,
                                      senderBalance: try sheet.balance(of: sender.pointsAccount))
        return Decision(changes: changes, outcome: .transfer(receipt))
    }

    mutating func redeem(name: String, cardID: String) throws -> Decision {
        let account = try WalletMachine.existing(name, in: state)
        let card = try economy.card(named: cardID)
        try requireWithdrawing(account)
        let cost = try Points(whole: card.points)
        try move(cost, from: account.earnedAccount, to: .giftCards, kind: .redeem,
                 memo: "\(card.name) gift card ($\(card.valueUSD.money))") { have in
            WalletError(.insufficientEarned, "\(account.name) has \(have.grouped) earned points; a \(card.name) card costs \(cost.grouped)")
        }
        let redemption = Redemption(id: Redemption.id(forCommand: context.commandID), accountID: account.id,
                                    accountName: account.name, cardID: card.id, cardName: card.name, points: cost,
                                    valueUSD: card.valueUSD, code: GiftCardCode.make(card: card, seed: context.commandID),
                                    at: context.now)
        changes.append(.saveRedemption(redemption))
        return Decision(changes: changes, outcome: .redemption(redemption))
    }

    mutating func holdWithdrawal(name: String, points: Points, paypal: String) throws -> Decision {
        let account = try WalletMachine.existing(name, in: state)
        let email = try PaymentValidation.email(paypal)
        try requirePositive(points, what: "a withdrawal")
        guard points.isWhole else { throw WalletError.invalidAmount("withdraw a whole number of points (got \(points))") }
        try requireWithdrawing(account)
        let minimum = economy.rules.minimumWithdrawal
        guard points >= minimum else {
            throw WalletError(.belowMinimum, "the minimum withdrawal is \(minimum.grouped) points ($\(try economy.usd(of: minimum).money)); asked for \(points.grouped)")
        }
        let earnedNow = try state.balance(of: account.earnedAccount).wholePoints
        let holdID = context.commandID + "/0"
        try move(points, from: account.earnedAccount, to: account.heldAccount, kind: .withdrawalHold,
                 memo: "withdrawal to \(email)") { have in
            WalletError(.insufficientEarned, "\(account.name) has \(have.grouped) earned points; cannot withdraw \(points.grouped)")
        }
        let dollars = try economy.wholeCents(of: points, what: "a withdrawal", allowed: minimum.wholePoints...max(minimum.wholePoints, earnedNow))
        let withdrawal = Withdrawal(id: "w-" + StableHash.hex(context.commandID, length: 10), accountID: account.id,
                                    accountName: account.name, points: points, usd: dollars,
                                    paypal: email, status: .pending, reason: nil, reference: nil,
                                    holdTransferID: holdID, requestedAt: context.now, settledAt: nil)
        changes.append(.saveWithdrawal(withdrawal))
        return Decision(changes: changes, outcome: .withdrawal(withdrawal))
    }

    mutating func settleWithdrawal(id: String, answer: GatewayAnswer) throws -> Decision {
        guard var withdrawal = try state.withdrawal(id: id) else {
            throw WalletError(.unknownWithdrawal, "no withdrawal with id \(id)")
        }
        guard withdrawal.status == .pending else {
            return Decision(changes: [], outcome: .withdrawal(withdrawal))
        }
        guard withdrawal.points.units > 0 else {
            throw WalletError(.storage, "withdrawal \(id) is damaged: it holds \(withdrawal.points) points")
        }
        let held = LedgerAccount.held(of: withdrawal.accountID)
        let shortfall = { (have: Points) in
            WalletError(.storage, "withdrawal \(id) holds \(withdrawal.points) points but only \(have) are held")
        }
        switch answer {
        case .approved(let reference):
            try move(withdrawal.points, from: held, to: .payouts, kind: .withdrawalPost, pendingID: withdrawal.holdTransferID,
                     memo: "paid to \(withdrawal.paypal)", shortfall: shortfall)
            withdrawal.status = .paid
            withdrawal.reference = reference
        case .declined(let reason):
            try move(withdrawal.points, from: held, to: .earned(of: withdrawal.accountID), kind: .withdrawalVoid,
                     pendingID: withdrawal.holdTransferID, memo: "payout failed, points returned: \(reason)", shortfall: shortfall)
            withdrawal.status = .failed
            withdrawal.reason = reason
        }
        withdrawal.settledAt = context.now
        changes.append(.saveWithdrawal(withdrawal))
        return Decision(changes: changes, outcome: .withdrawal(withdrawal))
    }

    mutating func liveFollowers(creator name: String, count: Int64) throws -> Decision {
        let creator = try WalletMachine.existing(name, in: state)
        guard count > 0 else { throw WalletError.invalidAmount("the follower count must be at least 1 (got \(count))") }
        guard var session = try state.openSession(creatorID: creator.id) else {
            throw WalletError(.notLive, "\(creator.name) is not live; new followers earn points only during a LIVE session")
        }
        try requireEarning(creator)
        let points = try economy.rules.followerPoints.multiplied(by: count)
        session.newFollowers = try checkedAdd(session.newFollowers, count)
        session.points = try session.points.adding(points)
        changes.append(.saveSession(session))
        if points.units > 0 {
            try move(points, from: .followerRewards, to: creator.earnedAccount, kind: .follower,
                     memo: "\(Grouping.of(count)) new live follower\(count == 1 ? "" : "s")")
        }
        let receipt = FollowerReceipt(creator: creator.name, followers: count, points: points,
                                      earned: try sheet.balance(of: creator.earnedAccount))
        return Decision(changes: changes, outcome: .followers(receipt))
    }

    // MARK: Rules

    func requirePositive(_ points: Points, what: String) throws {
        guard points.units > 0 else { throw WalletError.invalidAmount("\(what) must be more than 0 points (got \(points))") }
    }

    func requireEarning(_ creator: Account) throws {
        // The verdict first; the reasons are written only for a refusal.
        if Eligibility.canEarn(creator, rules: economy.rules, today: context.today) { return }
        let report = Eligibility.evaluate(creator, rules: economy.rules, today: context.today)
        let reasons = report.failing.filter { !$0.withdrawOnly }.map(\.reason).joined(separator: "; ")
        throw WalletError(.notEligible, "\(creator.name) cannot earn points: \(reasons)")
    }

    private func requireWithdrawing(_ account: Account) throws {
        let report = Eligibility.evaluate(account, rules: economy.rules, today: context.today)
        let earning = report.failing.filter { !$0.withdrawOnly }
        guard earning.isEmpty else {
            throw WalletError(.notEligible, "\(account.name) cannot cash out: " + earning.map(\.reason).joined(separator: "; "))
        }
        if let adult = report.failing.first(where: { $0.withdrawOnly }) {
            throw WalletError(.underage, "\(account.name) cannot cash out: \(adult.reason)")
        }
    }

    // MARK: Transfers

    mutating func move(_ amount: Points, from debit: LedgerAccount, to credit: LedgerAccount, kind: TransferKind,
                               pendingID: String? = nil, memo: String,
                               shortfall: ((Points) -> WalletError)? = nil) throws {
        try sheet.move(amount, from: debit, to: credit) { have in
            shortfall?(have) ?? WalletError(.insufficientPoints, "\(debit) has \(have) points; \(amount) needed")
        }
        let transfer = Transfer(id: "\(context.commandID)/\(changes.count)", debit: debit, credit: credit, amount: amount,
                                kind: kind, commandID: context.commandID, pendingID: pendingID, memo: memo, timestamp: context.now)
        changes.append(.transfer(transfer))
    }
}
