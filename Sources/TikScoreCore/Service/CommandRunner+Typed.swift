/// One typed call per command: each runs the command and unwraps the outcome it must give, so no
/// caller matches on `CommandOutcome` or can mistake an unexpected answer for success.
///
/// ```swift
/// let receipt: GiftReceipt = try await wallet.sendGift(from: "mia", to: "leo", giftID: 5655, count: 1, key: nil)
/// ```
extension CommandRunner {
    /// Adds an account.
    ///
    /// - Throws: `WalletError` (`duplicateAccount`, `invalidName`, …).
    public func createAccount(name: String, profile: AccountProfile, key: String? = nil) async throws -> Account {
        try await expect(.createAccount(name: name, profile: profile), key: key) { if case .account(let a) = $0 { a } else { nil } }
    }

    /// Changes an account's profile.
    public func updateAccount(name: String, patch: ProfilePatch, key: String? = nil) async throws -> Account {
        try await expect(.updateAccount(name: name, patch: patch), key: key) { if case .account(let a) = $0 { a } else { nil } }
    }

    /// Sends a catalog gift from `from`'s points to creator `to`.
    ///
    /// - Throws: `WalletError` (`insufficientPoints`, `notEligible`, `unknownGift`, …).
    public func sendGift(from: String, to: String, giftID: Int64, count: Int64, key: String?) async throws -> GiftReceipt {
        try await expect(.sendGift(from: from, to: to, giftID: giftID, count: count), key: key) { if case .gift(let r) = $0 { r } else { nil } }
    }

    /// Gives points to another account.
    public func transferPoints(from: String, to: String, points: Points, key: String?) async throws -> TransferReceipt {
        try await expect(.transferPoints(from: from, to: to, points: points), key: key) { if case .transfer(let r) = $0 { r } else { nil } }
    }

    /// Buys a gift card with earned points.
    public func redeem(account: String, cardID: String, key: String?) async throws -> Redemption {
        try await expect(.redeem(account: account, cardID: cardID), key: key) { if case .redemption(let r) = $0 { r } else { nil } }
    }

    /// Phase one of a withdrawal: holds the earned points.
    public func holdWithdrawal(account: String, points: Points, paypal: String, key: String?) async throws -> Withdrawal {
        try await expect(.holdWithdrawal(account: account, points: points, paypal: paypal), key: key) { if case .withdrawal(let w) = $0 { w } else { nil } }
    }

    /// Phase two: posts (paid) or voids (failed) a held withdrawal.
    public func settleWithdrawal(id: String, answer: GatewayAnswer, key: String?) async throws -> Withdrawal {
        try await expect(.settleWithdrawal(id: id, answer: answer), key: key) { if case .withdrawal(let w) = $0 { w } else { nil } }
    }

    /// New followers during a LIVE session.
    public func liveFollowers(creator: String, count: Int64, key: String?) async throws -> FollowerReceipt {
        try await expect(.liveFollowers(creator: creator, count: count), key: key) { if case .followers(let r) = $0 { r } else { nil } }
    }

    /// Opens a creator's LIVE session.
    public func liveStart(creator: String) async throws -> LiveSession {
        try await expect(.liveStart(creator: creator), key: nil) { if case .live(let s) = $0 { s } else { nil } }
    }

    /// Closes a creator's LIVE session.
    public func liveStop(creator: String) async throws -> LiveSession {
        try await expect(.liveStop(creator: creator), key: nil) { if case .live(let s) = $0 { s } else { nil } }
    }

    /// Starts a battle between two live creators.
    public func battleStart(left: String, right: String, seconds: Int64) async throws -> Battle {
        try await expect(.battleStart(left: left, right: right, seconds: seconds), key: nil) { if case .battle(let b) = $0 { b } else { nil } }
    }

    /// Ends a running battle now.
    public func battleEnd(creator: String?) async throws -> Battle {
        try await expect(.battleEnd(creator: creator), key: nil) { if case .battle(let b) = $0 { b } else { nil } }
    }

    /// Settles every battle whose timer ran out.
    public func settleBattles() async throws -> [Battle] {
        try await expect(.settleBattles, key: nil) { if case .battles(let b) = $0 { b } else { nil } }
    }

    /// Runs `command` and unwraps the outcome `pick` accepts.
    func expect<T>(_ command: Command, key: String?, _ pick: (CommandOutcome) -> T?) async throws -> T {
        try await expect(command, under: CommandKey.make(key), pick)
    }

    /// Runs `command` under `key` and unwraps the outcome `pick` accepts.
    ///
    /// - Throws: the refusal, or `storage` when the wallet answered with another kind of outcome.
    func expect<T>(_ command: Command, under key: CommandKey, _ pick: (CommandOutcome) -> T?) async throws -> T {
        let outcome = try await submit(command, key: key).answer.get()
        guard let value = pick(outcome) else { throw CommandOutcome.unexpected(outcome, for: command) }
        return value
    }
}

extension CommandOutcome {
    /// The error for an outcome of the wrong kind (a damaged record under a key, or a bug).
    static func unexpected(_ outcome: CommandOutcome, for command: Command) -> WalletError {
        WalletError(.storage, "the wallet answered \(command.name) with a \(outcome.name) record; the key's record may be damaged")
    }

    /// The kind of outcome, in words.
    var name: String {
        switch self {
        case .account: return "account"
        case .recharge: return "recharge"
        case .gift: return "gift"
        case .transfer: return "transfer"
        case .redemption: return "gift card"
        case .withdrawal: return "withdrawal"
        case .followers: return "followers"
        case .live: return "LIVE session"
        case .feed: return "feed event"
        case .battle: return "battle"
        case .battles: return "battles"
        }
    }
}

extension Command {
    /// The kind of command, in words.
    var name: String {
        switch self {
        case .createAccount: return "an account creation"
        case .updateAccount: return "an account update"
        case .recharge: return "a recharge"
        case .sendGift: return "a gift"
        case .transferPoints: return "a transfer"
        case .redeem: return "a gift card redemption"
        case .holdWithdrawal: return "a withdrawal"
        case .settleWithdrawal: return "a payout"
        case .liveFollowers: return "new followers"
        case .liveStart: return "a LIVE start"
        case .liveStop: return "a LIVE stop"
        case .feed: return "a feed event"
        case .battleStart: return "a battle start"
        case .battleEnd: return "a battle end"
        case .settleBattles: return "a battle settlement"
        }
    }
}
