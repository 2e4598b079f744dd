import Foundation

/// Fills an empty wallet with a few supporters and creators (eligible and not) and a realistic
/// history, all through ordinary commands so the ledger stays sound.
///
/// ```swift
/// try await DemoWallet.fill(runner: store, gateway: SandboxGateway(), today: CalendarDate(Date()))
/// ```
public enum DemoWallet {
    /// The demo's account names, supporters first.
    public static let supporters = ["mia", "omar", "Sofía"]
    /// The demo's creators: the first two may earn and withdraw, the third is too young to
    /// withdraw, the last has too few followers to earn.
    public static let creators = ["leo", "Ana 🎉", "zoe", "kenji 李"]

    /// Adds the demo accounts and history (leo's finished LIVE session, Ana's still running);
    /// refuses a wallet that already has accounts.
    public static func fill(runner: CommandRunner, gateway: PaymentGateway, today: CalendarDate) async throws {
        guard try await runner.isEmpty() else {
            throw WalletError(.invalidInput, "the demo fills an empty wallet only; use another --db")
        }
        let rules = runner.economy.rules
        let old = today.adding(days: -(rules.minAccountAgeDays + 400))
        let recent = today.adding(days: -2)
        let adult = CalendarDate(year: today.year - 27, month: 5, day: 14) ?? today
        let teen = CalendarDate(year: today.year - 16, month: 2, day: 3) ?? today
        let many = rules.followersMoreThan + 48_250
        func creator(_ followers: Int64, born: CalendarDate) -> AccountProfile {
            AccountProfile(role: .creator, followers: followers, birthDate: born, createdOn: old,
                           business: true, creatorNext: true, lastUpload: recent)
        }
        let profiles: [(String, AccountProfile)] = [
            ("mia", AccountProfile(role: .supporter, birthDate: adult, createdOn: old)),
            ("omar", AccountProfile(role: .supporter, birthDate: adult, createdOn: old)),
            ("Sofía", AccountProfile(role: .supporter, birthDate: teen, createdOn: old)),
            ("leo", creator(many, born: adult)),
            ("Ana 🎉", creator(many * 2, born: adult)),
            ("zoe", creator(many, born: teen)),
            ("kenji 李", creator(rules.followersMoreThan / 4, born: adult)),
        ]
        for (name, profile) in profiles {
            _ = try await runner.createAccount(name: name, profile: profile)
        }
        let recharge = RechargeFlow(runner: runner, gateway: gateway)
        let card = PaymentDetails.card(number: "4242424242424242")
        let packages = runner.economy.packages.sorted { $0.points > $1.points }
        if let biggest = packages.first {
            for _ in 0..<8 { _ = try await recharge.run(account: "mia", amount: .package(biggest.id), payment: card, key: nil) }
            for _ in 0..<2 { _ = try await recharge.run(account: "omar", amount: .package(biggest.id), payment: .paypal(email: "omar@example.com"), key: nil) }
        }
        if let smallest = packages.last {
            _ = try await recharge.run(account: "Sofía", amount: .package(smallest.id), payment: card, key: nil)
        }
        _ = try await runner.liveStart(creator: "leo")
        _ = try await runner.liveStart(creator: "Ana 🎉")
        let byPrice = runner.economy.gifts.filter(\.panel).sorted { $0.points < $1.points }
        let sends: [(String, String, Int, Int64)] = [
            ("mia", "leo", byPrice.count - 1, 1), ("mia", "Ana 🎉", byPrice.count - 2, 1),
            ("omar", "leo", byPrice.count / 2, 3), ("omar", "Ana 🎉", 0, 25),
            ("Sofía", "leo", 0, 10), ("mia", "zoe", byPrice.count / 2, 2),
        ]
        for (from, to, index, count) in sends where byPrice.indices.contains(index) {
            _ = try await runner.sendGift(from: from, to: to, giftID: byPrice[index].id, count: count, key: nil)
        }
        _ = try await runner.liveFollowers(creator: "leo", count: 1_250, key: nil)
        _ = try await runner.liveFollowers(creator: "Ana 🎉", count: 5_000, key: nil)
        _ = try await runner.liveStop(creator: "leo")
        _ = try await runner.transferPoints(from: "mia", to: "omar", points: try Points(whole: 500), key: nil)
        if let card = runner.economy.cards.first {
            _ = try await runner.redeem(account: "Ana 🎉", cardID: card.id, key: nil)
        }
        let withdraw = WithdrawalFlow(runner: runner, gateway: gateway)
        _ = try await withdraw.run(account: "Ana 🎉", points: rules.minimumWithdrawal, paypal: "ana@example.com", key: nil)
        _ = try await withdraw.run(account: "leo", points: rules.minimumWithdrawal, paypal: "leo@fail.example", key: nil)
    }
}
