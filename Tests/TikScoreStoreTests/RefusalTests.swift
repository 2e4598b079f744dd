import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore
import TikScoreStore

/// Every refusal, through the in-memory wallet and through the SQLite store: the right code, and
/// nothing changed.
final class RefusalTests: XCTestCase {
    private var paths: [String] = []
    #if canImport(TikScorePostgres)
    private var databases: [PostgresTestDatabase] = []

    override func tearDown() async throws {
        for database in databases { await database.drop() }
        databases = []
    }
    #endif

    override func tearDown() {
        paths.forEach(StoreFixtures.removeWallet)
    }

    /// The in-memory wallet, the SQLite store, and the PostgreSQL store when a test server is set.
    private func wallets() async throws -> [WalletUnderTest] {
        let path = StoreFixtures.temporaryWalletPath()
        paths.append(path)
        var wallets = [WalletUnderTest.memory(), WalletUnderTest.sqlite(StoreFixtures.store(at: path))]
        #if canImport(TikScorePostgres)
        if let postgres = try await WalletUnderTest.postgres(into: &databases) { wallets.append(postgres) }
        #endif
        return wallets
    }

    /// Ana (supporter, 1,000 points), Leo (eligible, 25,000 earned), Kid (17, 25,000 earned),
    /// Sam (exactly 100,000 followers), Éva (supporter), Zoe (eligible, nothing earned).
    private func populate(_ runner: any WalletService) async throws {
        let today = StoreFixtures.today
        var kid = StoreFixtures.eligibleCreator()
        kid.birthDate = CalendarDate(year: today.year - 17, month: 1, day: 1)
        var sam = StoreFixtures.eligibleCreator()
        sam.followers = 100_000
        let accounts: [(String, AccountProfile)] = [
            ("Ana", StoreFixtures.adultSupporter), ("Leo", StoreFixtures.eligibleCreator()), ("Kid", kid), ("Sam", sam),
            ("Éva", StoreFixtures.adultSupporter), ("Zoe", StoreFixtures.eligibleCreator()),
        ]
        for (name, profile) in accounts { _ = try await runner.run(.createAccount(name: name, profile: profile), key: nil) }
        _ = try await runner.run(.recharge(account: "Ana", points: StoreFixtures.points(1_000), packageID: nil,
                                     payment: .card(number: "4242424242424242"), reference: "r0"), key: nil)
        _ = try await runner.liveStart(creator: "Leo")
        _ = try await runner.run(.liveFollowers(creator: "Leo", count: 25_000), key: nil)
        _ = try await runner.liveStart(creator: "Kid")
        _ = try await runner.run(.liveFollowers(creator: "Kid", count: 25_000), key: nil)
    }

    /// Asserts that `body` is refused with `code` and that the wallet did not change.
    private func assertRefused<T>(_ code: WalletError.Code, _ wallet: WalletUnderTest, _ what: String,
                                  line: UInt = #line, _ body: () async throws -> T) async throws {
        let before = try await wallet.snapshot()
        await assertWalletErrorAsync(code, try await body(), "\(wallet.label): \(what)", line: line)
        await XCTAssertEqualAsync(try await wallet.snapshot(), before, "\(wallet.label): \(what) changed the wallet", line: line)
    }

    func testEveryRefusalChangesNothing() async throws {
        for wallet in try await wallets() {
            let runner = wallet.runner
            try await populate(runner)
            func run(_ command: Command) async throws -> CommandOutcome { try await runner.run(command, key: nil) }
            let p = StoreFixtures.points
            let counting = CountingGateway()
            let recharge = RechargeFlow(runner: runner, gateway: counting)
            let withdraw = WithdrawalFlow(runner: runner, gateway: counting)

            // Unknown accounts.
            try await assertRefused(.unknownAccount, wallet, "transfer from nobody") { try await run(.transferPoints(from: "Nobody", to: "Ana", points: p(1))) }
            try await assertRefused(.unknownAccount, wallet, "transfer to nobody") { try await run(.transferPoints(from: "Ana", to: "Nobody", points: p(1))) }
            try await assertRefused(.unknownAccount, wallet, "gift to nobody") { try await run(.sendGift(from: "Ana", to: "Nobody", giftID: 5655, count: 1)) }
            try await assertRefused(.unknownAccount, wallet, "recharge nobody") {
                try await run(.recharge(account: "Nobody", points: p(10), packageID: nil, payment: .card(number: "4242424242424242"), reference: "r"))
            }
            try await assertRefused(.unknownAccount, wallet, "recharge flow for nobody") {
                try await recharge.run(account: "Nobody", amount: .package("p70"), payment: .card(number: "4242424242424242"), key: nil)
            }
            XCTAssertEqual(counting.charges, 0, "nobody is charged for an unknown account")
            try await assertRefused(.unknownAccount, wallet, "withdraw nobody") { try await withdraw.run(account: "Nobody", points: p(20_000), paypal: "a@b.co", key: nil) }
            try await assertRefused(.unknownAccount, wallet, "update nobody") { try await run(.updateAccount(name: "Nobody", patch: ProfilePatch(followers: 1))) }
            try await assertRefused(.unknownAccount, wallet, "followers for nobody") { try await run(.liveFollowers(creator: "Nobody", count: 1)) }

            // Duplicate accounts, case-insensitively and across Unicode forms.
            for name in ["Ana", "ANA", "  ana ", "e\u{301}va", "ÉVA", "E\u{301}VA"] {
                try await assertRefused(.duplicateAccount, wallet, "create \(name)") { try await run(.createAccount(name: name, profile: AccountProfile())) }
            }
            await XCTAssertEqualAsync(try await runner.account(named: "e\u{301}va")?.name, "Éva")

            // Not enough points.
            try await assertRefused(.insufficientPoints, wallet, "give more than held") { try await run(.transferPoints(from: "Ana", to: "Éva", points: p(1_001))) }
            try await assertRefused(.insufficientPoints, wallet, "gift too dear") { try await run(.sendGift(from: "Ana", to: "Leo", giftID: 6369, count: 1)) }
            try await assertRefused(.insufficientPoints, wallet, "gift count too dear") { try await run(.sendGift(from: "Ana", to: "Leo", giftID: 5655, count: 1_001)) }
            try await assertRefused(.insufficientPoints, wallet, "creator's earnings are not spendable") {
                try await run(.transferPoints(from: "Leo", to: "Ana", points: p(1)))
            }

            // Gifts to creators who cannot earn.
            try await assertRefused(.notEligible, wallet, "gift to 100,000 followers") { try await run(.sendGift(from: "Ana", to: "Sam", giftID: 5655, count: 1)) }
            try await assertRefused(.notEligible, wallet, "gift to a supporter") { try await run(.sendGift(from: "Leo", to: "Ana", giftID: 5655, count: 1)) }
            try await assertRefused(.notLive, wallet, "followers for a supporter") { try await run(.liveFollowers(creator: "Ana", count: 5)) }
            try await assertRefused(.notEligible, wallet, "withdrawal by an ineligible creator") {
                try await run(.holdWithdrawal(account: "Sam", points: p(20_000), paypal: "sam@example.com"))
            }

            // Under 18.
            try await assertRefused(.underage, wallet, "withdrawal at 17") { try await withdraw.run(account: "Kid", points: p(20_000), paypal: "kid@example.com", key: "kid-w") }
            try await assertRefused(.underage, wallet, "gift card at 17") { try await run(.redeem(account: "Kid", cardID: "amc")) }

            // Amounts.
            try await assertRefused(.belowMinimum, wallet, "19,999") { try await withdraw.run(account: "Leo", points: p(19_999), paypal: "leo@example.com", key: nil) }
            try await assertRefused(.insufficientEarned, wallet, "25,001") { try await withdraw.run(account: "Leo", points: p(25_001), paypal: "leo@example.com", key: nil) }
            try await assertRefused(.insufficientEarned, wallet, "card with nothing earned") { try await run(.redeem(account: "Zoe", cardID: "AMC Theaters")) }
            try await assertRefused(.invalidAmount, wallet, "half a point withdrawal") {
                try await run(.holdWithdrawal(account: "Leo", points: Points(units: 2_000_050), paypal: "leo@example.com"))
            }
            try await assertRefused(.invalidAmount, wallet, "zero transfer") { try await run(.transferPoints(from: "Ana", to: "Éva", points: .zero)) }
            try await assertRefused(.invalidAmount, wallet, "negative transfer") { try await run(.transferPoints(from: "Ana", to: "Éva", points: Points(units: -100))) }
            try await assertRefused(.invalidAmount, wallet, "negative parsed transfer") { try await run(.transferPoints(from: "Ana", to: "Éva", points: Points.parse("-5"))) }
            try await assertRefused(.invalidAmount, wallet, "zero recharge") {
                try await run(.recharge(account: "Ana", points: .zero, packageID: nil, payment: .card(number: "4242424242424242"), reference: "r"))
            }
            try await assertRefused(.invalidAmount, wallet, "negative recharge") {
                try await run(.recharge(account: "Ana", points: Points(units: -1), packageID: nil, payment: .card(number: "4242424242424242"), reference: "r"))
            }
            try await assertRefused(.invalidAmount, wallet, "zero withdrawal") { try await run(.holdWithdrawal(account: "Leo", points: .zero, paypal: "leo@example.com")) }
            try await assertRefused(.invalidAmount, wallet, "zero gifts") { try await run(.sendGift(from: "Ana", to: "Leo", giftID: 5655, count: 0)) }
            try await assertRefused(.invalidAmount, wallet, "negative gifts") { try await run(.sendGift(from: "Ana", to: "Leo", giftID: 5655, count: -3)) }
            try await assertRefused(.invalidAmount, wallet, "zero followers") { try await run(.liveFollowers(creator: "Leo", count: 0)) }
            try await assertRefused(.invalidAmount, wallet, "custom recharge below the minimum") {
                try await recharge.run(account: "Ana", amount: .custom(29), payment: .card(number: "4242424242424242"), key: nil)
            }
            try await assertRefused(.invalidAmount, wallet, "custom recharge above the maximum") {
                try await recharge.run(account: "Ana", amount: .custom(2_500_001), payment: .card(number: "4242424242424242"), key: nil)
            }

            // Overflow.
            try await assertRefused(.overflow, wallet, "parse a huge amount") { try await run(.transferPoints(from: "Ana", to: "Éva", points: Points.parse("99999999999999999999"))) }
            try await assertRefused(.overflow, wallet, "gift count that overflows") { try await run(.sendGift(from: "Ana", to: "Leo", giftID: 9072, count: Int64.max / 1_000)) }
            try await assertRefused(.overflow, wallet, "follower count that overflows") { try await run(.liveFollowers(creator: "Leo", count: Int64.max)) }
            try await assertRefused(.invalidAmount, wallet, "recharge of a fraction of a point") {
                try await run(.recharge(account: "Ana", points: Points(units: 150), packageID: nil, payment: .card(number: "4242424242424242"), reference: "r"))
            }
            let halfCent = try await assertWalletErrorAsync(.invalidAmount, try await recharge.run(account: "Ana", amount: .custom(55_555),
                                                                                               payment: .card(number: "4242424242424242"), key: nil))
            XCTAssertEqual(halfCent?.message, "55,555 points come to $277.775 for a custom recharge, not whole cents; choose 55,554 points ($277.77) or 55,556 points ($277.78)")
            try await assertRefused(.invalidAmount, wallet, "withdrawal of half a cent") {
                try await withdraw.run(account: "Leo", points: p(20_001), paypal: "leo@example.com", key: nil)
            }
            // The machine holds every recharge to the catalog's range, so no recharge can reach an
            // overflowing balance any more (overflow stays covered by the transfers and counts above).
            try await assertRefused(.invalidAmount, wallet, "recharge above the catalog's largest") {
                let most = Points(units: (Int64.max / 200) * 200)
                return try await run(.recharge(account: "Ana", points: most, packageID: nil, payment: .card(number: "4242424242424242"), reference: "r"))
            }

            // Payments.
            let chargesBefore = counting.charges
            try await assertRefused(.paymentDeclined, wallet, "declined card") {
                try await recharge.run(account: "Ana", amount: .package("p700"), payment: .card(number: "4000 0000 0000 0002"), key: "declined")
            }
            XCTAssertEqual(counting.charges, chargesBefore + 1)
            try await assertRefused(.paymentDeclined, wallet, "declined PayPal") {
                try await recharge.run(account: "Ana", amount: .package("p700"), payment: .paypal(email: "ana@fail.example"), key: nil)
            }
            try await assertRefused(.invalidCard, wallet, "Luhn failure") {
                try await recharge.run(account: "Ana", amount: .package("p700"), payment: .card(number: "4242 4242 4242 4241"), key: nil)
            }
            try await assertRefused(.invalidEmail, wallet, "PayPal recharge with a bad address") {
                try await recharge.run(account: "Ana", amount: .package("p700"), payment: .paypal(email: "ana.example.com"), key: nil)
            }
            XCTAssertEqual(counting.charges, chargesBefore + 2, "invalid details never reach the gateway")
            try await assertRefused(.invalidEmail, wallet, "withdrawal to a bad address") {
                try await withdraw.run(account: "Leo", points: p(20_000), paypal: "leo@", key: nil)
            }
            XCTAssertEqual(counting.payouts, 0)

            // Self, catalog and other refusals.
            try await assertRefused(.sameAccount, wallet, "gift to self") { try await run(.sendGift(from: "Leo", to: "leo", giftID: 5655, count: 1)) }
            try await assertRefused(.sameAccount, wallet, "transfer to self") { try await run(.transferPoints(from: "Ana", to: "ANA", points: p(1))) }
            try await assertRefused(.unknownGift, wallet, "unknown gift") { try await run(.sendGift(from: "Ana", to: "Leo", giftID: 1, count: 1)) }
            try await assertRefused(.unknownCard, wallet, "unknown card") { try await run(.redeem(account: "Leo", cardID: "amazon")) }
            try await assertRefused(.unknownPackage, wallet, "unknown package") {
                try await recharge.run(account: "Ana", amount: .package("p1"), payment: .card(number: "4242424242424242"), key: nil)
            }
            try await assertRefused(.unknownWithdrawal, wallet, "settle unknown") { try await run(.settleWithdrawal(id: "w-nope", answer: .approved(reference: "x"))) }
            try await assertRefused(.invalidInput, wallet, "empty patch") { try await run(.updateAccount(name: "Ana", patch: ProfilePatch())) }
            try await assertRefused(.invalidInput, wallet, "negative followers") { try await run(.updateAccount(name: "Ana", patch: ProfilePatch(followers: -1))) }
            try await assertRefused(.invalidInput, wallet, "negative followers at creation") {
                try await run(.createAccount(name: "Neg", profile: AccountProfile(followers: -5)))
            }
            try await assertRefused(.invalidName, wallet, "empty name") { try await run(.createAccount(name: " \t ", profile: AccountProfile())) }
            try await assertRefused(.invalidName, wallet, "control character") { try await run(.createAccount(name: "a\nb", profile: AccountProfile())) }

            // A refused command with a key spends the key (its refusal is its answer, as DESIGN says):
            // once the cause is fixed the same key still answers with the refusal, and a new key works.
            try await assertRefused(.insufficientPoints, wallet, "keyed refusal") { try await runner.run(.transferPoints(from: "Ana", to: "Éva", points: p(1_500)), key: "later") }
            _ = try await run(.recharge(account: "Ana", points: p(1_000), packageID: nil, payment: .card(number: "4242424242424242"), reference: "r1"))
            try await assertRefused(.insufficientPoints, wallet, "replayed refusal") { try await runner.run(.transferPoints(from: "Ana", to: "Éva", points: p(1_500)), key: "later") }
            _ = try await runner.run(.transferPoints(from: "Ana", to: "Éva", points: p(1_500)), key: "later-2")
            await XCTAssertEqualAsync(try await runner.balance(of: .points(of: 5)), p(1_500), wallet.label)
            await XCTAssertEqualAsync(try await wallet.audit(), [], wallet.label)
        }
    }

    func testTheSameRulesGiveTheSameAnswersInBothWallets() async throws {
        let all = try await wallets()
        for wallet in all { try await populate(wallet.runner) }
        for other in all.dropFirst() {
            await XCTAssertEqualAsync(try await all[0].snapshot().balances, try await other.snapshot().balances, other.label)
            await XCTAssertEqualAsync(try await all[0].snapshot().accounts, try await other.snapshot().accounts, other.label)
        }
    }
}
