import Foundation
import XCTest
import TikScoreCore
import TikScoreStore

/// Every refusal, through the in-memory wallet and through the SQLite store: the right code, and
/// nothing changed.
final class RefusalTests: XCTestCase {
    private var paths: [String] = []

    override func tearDown() {
        paths.forEach(StoreFixtures.removeWallet)
    }

    private func wallets() -> [WalletUnderTest] {
        let path = StoreFixtures.temporaryWalletPath()
        paths.append(path)
        return [MemoryWalletUnderTest(), StoreWalletUnderTest(store: StoreFixtures.store(at: path))]
    }

    /// Ana (supporter, 1,000 points), Leo (eligible, 25,000 earned), Kid (17, 25,000 earned),
    /// Sam (exactly 100,000 followers), Éva (supporter), Zoe (eligible, nothing earned).
    private func populate(_ runner: CommandRunner) throws {
        let today = StoreFixtures.today
        var kid = StoreFixtures.eligibleCreator()
        kid.birthDate = CalendarDate(year: today.year - 17, month: 1, day: 1)
        var sam = StoreFixtures.eligibleCreator()
        sam.followers = 100_000
        let accounts: [(String, AccountProfile)] = [
            ("Ana", StoreFixtures.adultSupporter), ("Leo", StoreFixtures.eligibleCreator()), ("Kid", kid), ("Sam", sam),
            ("Éva", StoreFixtures.adultSupporter), ("Zoe", StoreFixtures.eligibleCreator()),
        ]
        for (name, profile) in accounts { _ = try runner.run(.createAccount(name: name, profile: profile), key: nil) }
        _ = try runner.run(.recharge(account: "Ana", points: StoreFixtures.points(1_000), packageID: nil,
                                     method: .card(last4: "4242"), reference: "r0"), key: nil)
        if try runner.openSession(creatorID: try WalletMachine.existing("Leo", in: runner).id) == nil { _ = try runner.run(.liveStart(creator: "Leo"), key: nil) }
        _ = try runner.run(.liveFollowers(creator: "Leo", count: 25_000), key: nil)
        if try runner.openSession(creatorID: try WalletMachine.existing("Kid", in: runner).id) == nil { _ = try runner.run(.liveStart(creator: "Kid"), key: nil) }
        _ = try runner.run(.liveFollowers(creator: "Kid", count: 25_000), key: nil)
    }

    /// Asserts that `body` is refused with `code` and that the wallet did not change.
    private func assertRefused<T>(_ code: WalletError.Code, _ wallet: WalletUnderTest, _ what: String,
                                  line: UInt = #line, _ body: () throws -> T) throws {
        let before = try wallet.snapshot()
        assertWalletError(code, try body(), "\(wallet.label): \(what)", line: line)
        XCTAssertEqual(try wallet.snapshot(), before, "\(wallet.label): \(what) changed the wallet", line: line)
    }

    func testEveryRefusalChangesNothing() throws {
        for wallet in wallets() {
            let runner = wallet.runner
            try populate(runner)
            func run(_ command: Command) throws -> CommandOutcome { try runner.run(command, key: nil) }
            let p = StoreFixtures.points
            let counting = CountingGateway()
            let recharge = RechargeFlow(runner: runner, gateway: counting)
            let withdraw = WithdrawalFlow(runner: runner, gateway: counting)

            // Unknown accounts.
            try assertRefused(.unknownAccount, wallet, "transfer from nobody") { try run(.transferPoints(from: "Nobody", to: "Ana", points: p(1))) }
            try assertRefused(.unknownAccount, wallet, "transfer to nobody") { try run(.transferPoints(from: "Ana", to: "Nobody", points: p(1))) }
            try assertRefused(.unknownAccount, wallet, "gift to nobody") { try run(.sendGift(from: "Ana", to: "Nobody", giftID: 5655, count: 1)) }
            try assertRefused(.unknownAccount, wallet, "recharge nobody") {
                try run(.recharge(account: "Nobody", points: p(10), packageID: nil, method: .card(last4: "4242"), reference: "r"))
            }
            try assertRefused(.unknownAccount, wallet, "recharge flow for nobody") {
                try recharge.run(account: "Nobody", amount: .package("p70"), payment: .card(number: "4242424242424242"), key: nil)
            }
            XCTAssertEqual(counting.charges, 0, "nobody is charged for an unknown account")
            try assertRefused(.unknownAccount, wallet, "withdraw nobody") { try withdraw.run(account: "Nobody", points: p(20_000), paypal: "a@b.co", key: nil) }
            try assertRefused(.unknownAccount, wallet, "update nobody") { try run(.updateAccount(name: "Nobody", patch: ProfilePatch(followers: 1))) }
            try assertRefused(.unknownAccount, wallet, "followers for nobody") { try run(.liveFollowers(creator: "Nobody", count: 1)) }

            // Duplicate accounts, case-insensitively and across Unicode forms.
            for name in ["Ana", "ANA", "  ana ", "e\u{301}va", "ÉVA", "E\u{301}VA"] {
                try assertRefused(.duplicateAccount, wallet, "create \(name)") { try run(.createAccount(name: name, profile: AccountProfile())) }
            }
            XCTAssertEqual(try runner.account(named: "e\u{301}va")?.name, "Éva")

            // Not enough points.
            try assertRefused(.insufficientPoints, wallet, "give more than held") { try run(.transferPoints(from: "Ana", to: "Éva", points: p(1_001))) }
            try assertRefused(.insufficientPoints, wallet, "gift too dear") { try run(.sendGift(from: "Ana", to: "Leo", giftID: 6369, count: 1)) }
            try assertRefused(.insufficientPoints, wallet, "gift count too dear") { try run(.sendGift(from: "Ana", to: "Leo", giftID: 5655, count: 1_001)) }
            try assertRefused(.insufficientPoints, wallet, "creator's earnings are not spendable") {
                try run(.transferPoints(from: "Leo", to: "Ana", points: p(1)))
            }

            // Gifts to creators who cannot earn.
            try assertRefused(.notEligible, wallet, "gift to 100,000 followers") { try run(.sendGift(from: "Ana", to: "Sam", giftID: 5655, count: 1)) }
            try assertRefused(.notEligible, wallet, "gift to a supporter") { try run(.sendGift(from: "Leo", to: "Ana", giftID: 5655, count: 1)) }
            try assertRefused(.notLive, wallet, "followers for a supporter") { try run(.liveFollowers(creator: "Ana", count: 5)) }
            try assertRefused(.notEligible, wallet, "withdrawal by an ineligible creator") {
                try run(.holdWithdrawal(account: "Sam", points: p(20_000), paypal: "sam@example.com"))
            }

            // Under 18.
            try assertRefused(.underage, wallet, "withdrawal at 17") { try withdraw.run(account: "Kid", points: p(20_000), paypal: "kid@example.com", key: "kid-w") }
            try assertRefused(.underage, wallet, "gift card at 17") { try run(.redeem(account: "Kid", cardID: "amc")) }

            // Amounts.
            try assertRefused(.belowMinimum, wallet, "19,999") { try withdraw.run(account: "Leo", points: p(19_999), paypal: "leo@example.com", key: nil) }
            try assertRefused(.insufficientEarned, wallet, "25,001") { try withdraw.run(account: "Leo", points: p(25_001), paypal: "leo@example.com", key: nil) }
            try assertRefused(.insufficientEarned, wallet, "card with nothing earned") { try run(.redeem(account: "Zoe", cardID: "AMC Theaters")) }
            try assertRefused(.invalidAmount, wallet, "half a point withdrawal") {
                try run(.holdWithdrawal(account: "Leo", points: Points(units: 2_000_050), paypal: "leo@example.com"))
            }
            try assertRefused(.invalidAmount, wallet, "zero transfer") { try run(.transferPoints(from: "Ana", to: "Éva", points: .zero)) }
            try assertRefused(.invalidAmount, wallet, "negative transfer") { try run(.transferPoints(from: "Ana", to: "Éva", points: Points(units: -100))) }
            try assertRefused(.invalidAmount, wallet, "negative parsed transfer") { try run(.transferPoints(from: "Ana", to: "Éva", points: Points.parse("-5"))) }
            try assertRefused(.invalidAmount, wallet, "zero recharge") {
                try run(.recharge(account: "Ana", points: .zero, packageID: nil, method: .card(last4: "4242"), reference: "r"))
            }
            try assertRefused(.invalidAmount, wallet, "negative recharge") {
                try run(.recharge(account: "Ana", points: Points(units: -1), packageID: nil, method: .card(last4: "4242"), reference: "r"))
            }
            try assertRefused(.invalidAmount, wallet, "zero withdrawal") { try run(.holdWithdrawal(account: "Leo", points: .zero, paypal: "leo@example.com")) }
            try assertRefused(.invalidAmount, wallet, "zero gifts") { try run(.sendGift(from: "Ana", to: "Leo", giftID: 5655, count: 0)) }
            try assertRefused(.invalidAmount, wallet, "negative gifts") { try run(.sendGift(from: "Ana", to: "Leo", giftID: 5655, count: -3)) }
            try assertRefused(.invalidAmount, wallet, "zero followers") { try run(.liveFollowers(creator: "Leo", count: 0)) }
            try assertRefused(.invalidAmount, wallet, "custom recharge below the minimum") {
                try recharge.run(account: "Ana", amount: .custom(29), payment: .card(number: "4242424242424242"), key: nil)
            }
            try assertRefused(.invalidAmount, wallet, "custom recharge above the maximum") {
                try recharge.run(account: "Ana", amount: .custom(2_500_001), payment: .card(number: "4242424242424242"), key: nil)
            }

            // Overflow.
            try assertRefused(.overflow, wallet, "parse a huge amount") { try run(.transferPoints(from: "Ana", to: "Éva", points: Points.parse("99999999999999999999"))) }
            try assertRefused(.overflow, wallet, "gift count that overflows") { try run(.sendGift(from: "Ana", to: "Leo", giftID: 9072, count: Int64.max / 1_000)) }
            try assertRefused(.overflow, wallet, "follower count that overflows") { try run(.liveFollowers(creator: "Leo", count: Int64.max)) }
            try assertRefused(.overflow, wallet, "recharge that overflows the balance") {
                try run(.recharge(account: "Ana", points: Points(units: Int64.max), packageID: nil, method: .card(last4: "4242"), reference: "r"))
            }

            // Payments.
            let chargesBefore = counting.charges
            try assertRefused(.paymentDeclined, wallet, "declined card") {
                try recharge.run(account: "Ana", amount: .package("p700"), payment: .card(number: "4000 0000 0000 0002"), key: "declined")
            }
            XCTAssertEqual(counting.charges, chargesBefore + 1)
            try assertRefused(.paymentDeclined, wallet, "declined PayPal") {
                try recharge.run(account: "Ana", amount: .package("p700"), payment: .paypal(email: "ana@fail.example"), key: nil)
            }
            try assertRefused(.invalidCard, wallet, "Luhn failure") {
                try recharge.run(account: "Ana", amount: .package("p700"), payment: .card(number: "4242 4242 4242 4241"), key: nil)
            }
            try assertRefused(.invalidEmail, wallet, "PayPal recharge with a bad address") {
                try recharge.run(account: "Ana", amount: .package("p700"), payment: .paypal(email: "ana.example.com"), key: nil)
            }
            XCTAssertEqual(counting.charges, chargesBefore + 2, "invalid details never reach the gateway")
            try assertRefused(.invalidEmail, wallet, "withdrawal to a bad address") {
                try withdraw.run(account: "Leo", points: p(20_000), paypal: "leo@", key: nil)
            }
            XCTAssertEqual(counting.payouts, 0)

            // Self, catalog and other refusals.
            try assertRefused(.sameAccount, wallet, "gift to self") { try run(.sendGift(from: "Leo", to: "leo", giftID: 5655, count: 1)) }
            try assertRefused(.sameAccount, wallet, "transfer to self") { try run(.transferPoints(from: "Ana", to: "ANA", points: p(1))) }
            try assertRefused(.unknownGift, wallet, "unknown gift") { try run(.sendGift(from: "Ana", to: "Leo", giftID: 1, count: 1)) }
            try assertRefused(.unknownCard, wallet, "unknown card") { try run(.redeem(account: "Leo", cardID: "amazon")) }
            try assertRefused(.unknownPackage, wallet, "unknown package") {
                try recharge.run(account: "Ana", amount: .package("p1"), payment: .card(number: "4242424242424242"), key: nil)
            }
            try assertRefused(.unknownWithdrawal, wallet, "settle unknown") { try run(.settleWithdrawal(id: "w-nope", answer: .approved(reference: "x"))) }
            try assertRefused(.invalidInput, wallet, "empty patch") { try run(.updateAccount(name: "Ana", patch: ProfilePatch())) }
            try assertRefused(.invalidInput, wallet, "negative followers") { try run(.updateAccount(name: "Ana", patch: ProfilePatch(followers: -1))) }
            try assertRefused(.invalidInput, wallet, "negative followers at creation") {
                try run(.createAccount(name: "Neg", profile: AccountProfile(followers: -5)))
            }
            try assertRefused(.invalidName, wallet, "empty name") { try run(.createAccount(name: " \t ", profile: AccountProfile())) }
            try assertRefused(.invalidName, wallet, "control character") { try run(.createAccount(name: "a\nb", profile: AccountProfile())) }

            // A refused command with a key records nothing: the same key works once the cause is fixed.
            try assertRefused(.insufficientPoints, wallet, "keyed refusal") { try runner.run(.transferPoints(from: "Ana", to: "Éva", points: p(1_500)), key: "later") }
            _ = try run(.recharge(account: "Ana", points: p(1_000), packageID: nil, method: .card(last4: "4242"), reference: "r1"))
            _ = try runner.run(.transferPoints(from: "Ana", to: "Éva", points: p(1_500)), key: "later")
            XCTAssertEqual(try runner.balance(of: .points(of: 5)), p(1_500), wallet.label)
            XCTAssertEqual(try wallet.audit(), [], wallet.label)
        }
    }

    func testTheSameRulesGiveTheSameAnswersInBothWallets() throws {
        let both = wallets()
        for wallet in both { try populate(wallet.runner) }
        XCTAssertEqual(try both[0].snapshot().balances, try both[1].snapshot().balances)
        XCTAssertEqual(try both[0].snapshot().accounts, try both[1].snapshot().accounts)
    }
}
