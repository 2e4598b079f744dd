import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore

final class CalendarDateTests: XCTestCase {
    func testStrictParsing() async throws {
        XCTAssertEqual(try CalendarDate.parse("2024-02-29").description, "2024-02-29")
        assertWalletError(.invalidDate, try CalendarDate.parse("2023-02-29"))
        assertWalletError(.invalidDate, try CalendarDate.parse("2024-1-01"))
        assertWalletError(.invalidDate, try CalendarDate.parse("2024-01-1"))
        assertWalletError(.invalidDate, try CalendarDate.parse("24-01-01"))
        assertWalletError(.invalidDate, try CalendarDate.parse("2024-13-01"))
        assertWalletError(.invalidDate, try CalendarDate.parse("2024-04-31"))
        assertWalletError(.invalidDate, try CalendarDate.parse("2024-00-10"))
        assertWalletError(.invalidDate, try CalendarDate.parse("2024/01/01"))
        assertWalletError(.invalidDate, try CalendarDate.parse("2024-01-01T00:00"))
        assertWalletError(.invalidDate, try CalendarDate.parse("+024-01-01"))
        assertWalletError(.invalidDate, try CalendarDate.parse(""))
        XCTAssertNotNil(CalendarDate(year: 2000, month: 2, day: 29), "2000 is a leap year")
        XCTAssertNil(CalendarDate(year: 1900, month: 2, day: 29), "1900 is not")
    }

    func testDayArithmeticAcrossMonthsYearsAndLeapDays() async throws {
        let leap = try CalendarDate.parse("2024-02-28")
        XCTAssertEqual(leap.adding(days: 1).description, "2024-02-29")
        XCTAssertEqual(leap.adding(days: 2).description, "2024-03-01")
        XCTAssertEqual(try CalendarDate.parse("2023-02-28").adding(days: 1).description, "2023-03-01")
        XCTAssertEqual(try CalendarDate.parse("2026-12-31").adding(days: 1).description, "2027-01-01")
        XCTAssertEqual(try CalendarDate.parse("1970-01-01").dayNumber, 0)
        XCTAssertEqual(try CalendarDate.parse("1969-12-31").dayNumber, -1)
        XCTAssertEqual(try CalendarDate.parse("2024-01-01").days(until: CalendarDate.parse("2025-01-01")), 366)
        // Every day of a span round-trips through its day number.
        var day = try CalendarDate.parse("1899-12-25")
        for _ in 0..<(366 * 130) {
            let next = day.adding(days: 1)
            XCTAssertEqual(next.dayNumber, day.dayNumber + 1)
            XCTAssertEqual(try CalendarDate.parse(next.description), next)
            XCTAssertLessThan(day, next)
            day = next
        }
    }

    func testUTCDayOfAnInstant() async {
        XCTAssertEqual(CalendarDate(Timestamp.parse("2026-11-24T23:59:59Z")!).description, "2026-11-24")
        XCTAssertEqual(CalendarDate(Timestamp.parse("2026-11-25T00:00:00+01:00")!).description, "2026-11-24")
        XCTAssertEqual(CalendarDate(Date(timeIntervalSince1970: -1)).description, "1969-12-31")
    }

    func testCodableAsText() async throws {
        let data = try JSONEncoder().encode([CalendarDate.parse("2008-02-29")])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "[\"2008-02-29\"]")
        XCTAssertEqual(try JSONDecoder().decode([CalendarDate].self, from: data), [try CalendarDate.parse("2008-02-29")])
        XCTAssertThrowsError(try JSONDecoder().decode([CalendarDate].self, from: Data("[\"2007-02-29\"]".utf8)))
    }
}

final class TimestampTests: XCTestCase {
    func testFormatAndParseRoundTrip() async {
        XCTAssertEqual(Timestamp.format(Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00.000Z")
        for text in ["2026-11-24T10:00:00.000Z", "2024-02-29T23:59:59.999Z", "1969-12-31T23:59:59.500Z", "2000-01-01T00:00:00.001Z"] {
            let date = Timestamp.parse(text)
            XCTAssertNotNil(date, text)
            XCTAssertEqual(Timestamp.format(date!), text)
        }
        // A millisecond instant formats as itself, and formatting what was parsed never drifts.
        var millisList: [Int64] = [0, 1, 999, 1_764_000_000_123, -86_400_001]
        millisList += (0..<1_000).map { Int64($0) }
        millisList += (0..<1_000).map { 1_764_000_000_000 + Int64($0) }
        for millis in millisList {
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            let text = Timestamp.format(date)
            XCTAssertEqual(text.dropLast().suffix(3), Substring(String(1000 + ((millis % 1000) + 1000) % 1000).suffix(3)), text)
            XCTAssertEqual(Timestamp.format(Timestamp.parse(text)!), text)
        }
    }

    func testParsingForms() async {
        XCTAssertEqual(Timestamp.parse("2026-11-24"), Timestamp.parse("2026-11-24T00:00:00Z"))
        XCTAssertEqual(Timestamp.parse("2026-11-24T10:00"), Timestamp.parse("2026-11-24T10:00:00Z"))
        XCTAssertEqual(Timestamp.parse("2026-11-24 10:00:00Z"), Timestamp.parse("2026-11-24T10:00:00Z"))
        XCTAssertEqual(Timestamp.parse("2026-11-24T12:30:00+02:30"), Timestamp.parse("2026-11-24T10:00:00Z"))
        XCTAssertEqual(Timestamp.parse("2026-11-24T08:00:00-02:00"), Timestamp.parse("2026-11-24T10:00:00Z"))
        XCTAssertEqual(Timestamp.format(Timestamp.parse("2026-11-24T10:00:00.5Z")!), "2026-11-24T10:00:00.500Z")
        for bad in ["", "yesterday", "2026-11-24T25:00:00Z", "2026-11-24T10:60Z", "2026-02-30T10:00:00Z", "2026-11-24T10:00:00.Z",
                    "2026-11-24T10:00:00.x1Z", "2026-11-24T10"] {
            XCTAssertNil(Timestamp.parse(bad), bad)
        }
    }
}

final class PaymentValidationTests: XCTestCase {
    func testLuhnWithSpacesAndDashes() async throws {
        XCTAssertEqual(try PaymentValidation.cardDigits("4242 4242 4242 4242"), "4242424242424242")
        XCTAssertEqual(try PaymentValidation.cardDigits("4242-4242-4242-4242"), "4242424242424242")
        XCTAssertEqual(try PaymentValidation.cardDigits("4000000000000002"), "4000000000000002")
        XCTAssertEqual(try PaymentValidation.cardDigits("5555 5555 5555 4444"), "5555555555554444")
        XCTAssertTrue(PaymentValidation.luhnValid("79927398713"))
        XCTAssertFalse(PaymentValidation.luhnValid("79927398710"))
        assertWalletError(.invalidCard, try PaymentValidation.cardDigits("4242 4242 4242 4241"))
        assertWalletError(.invalidCard, try PaymentValidation.cardDigits("4242x4242x4242x4242"))
        assertWalletError(.invalidCard, try PaymentValidation.cardDigits(""))
        assertWalletError(.invalidCard, try PaymentValidation.cardDigits(" - "))
        assertWalletError(.invalidCard, try PaymentValidation.cardDigits("4242424242"))
        assertWalletError(.invalidCard, try PaymentValidation.cardDigits("４２４２４２４２４２４２４２４２"))
        XCTAssertEqual(try PaymentMethod.card(number: "4242 4242 4242 4242"), .card(last4: "4242"))
        XCTAssertEqual(PaymentMethod.card(last4: "4242").display, "card •••• 4242")
    }

    func testEmails() async throws {
        XCTAssertEqual(try PaymentValidation.email("  ana@example.com "), "ana@example.com")
        XCTAssertEqual(try PaymentValidation.email("a.b+c@mail.example-host.org"), "a.b+c@mail.example-host.org")
        for bad in ["", "ana", "ana@", "@example.com", "ana@example", "ana@@example.com", "ana@example..com", "a na@example.com",
                    "ana@exa mple.com", "ana@example.com.", "ana@exa_mple.com", "ana@.com"] {
            assertWalletError(.invalidEmail, try PaymentValidation.email(bad))
        }
        XCTAssertEqual(try PaymentMethod.paypal(address: "ana@example.com"), .paypal(email: "ana@example.com"))
    }

    func testSandboxGatewayConventions() async throws {
        let gateway = SandboxGateway()
        let price = ExactDecimal(parsing: "3.50")!
        let good = PaymentDetails.card(number: "4242424242424242")
        guard case .declined = try await gateway.charge(amountUSD: price, payment: .card(number: "4000000000000002"), idempotencyKey: "k") else {
            return XCTFail("the decline test card must be declined")
        }
        let first = try await gateway.charge(amountUSD: price, payment: good, idempotencyKey: "k1")
        guard case .approved(let reference) = first else { return XCTFail() }
        await XCTAssertEqualAsync(try await gateway.charge(amountUSD: price, payment: good, idempotencyKey: "k1"), first,
                                  "the same key gives the same reference")
        await XCTAssertNotEqualAsync(try await gateway.charge(amountUSD: price, payment: good, idempotencyKey: "k2"), first)
        XCTAssertFalse(reference.isEmpty)
        guard case .declined = try await gateway.payout(amountUSD: price, paypal: "leo@FAIL.example", idempotencyKey: "p") else { return XCTFail() }
        guard case .approved = try await gateway.payout(amountUSD: price, paypal: "leo@example.com", idempotencyKey: "p") else { return XCTFail() }
        guard case .declined = try await gateway.charge(amountUSD: price, payment: .paypal(email: "ana@fail.example"), idempotencyKey: "p") else {
            return XCTFail()
        }
    }
}

/// Gift card codes and ids come from the command's id, so a retry shows the same code.
final class GiftCardCodeTests: XCTestCase {
    private func wallet() async throws -> InMemoryWallet {
        let wallet = InMemoryWallet(economy: CoreFixtures.economy, clock: { CoreFixtures.now })
        _ = try await wallet.createAccount(name: "leo", profile: CoreFixtures.eligibleCreator())
        _ = try await wallet.liveStart(creator: "leo")
        _ = try await wallet.liveFollowers(creator: "leo", count: 10_000, key: nil)
        return wallet
    }

    private func redemption(_ wallet: InMemoryWallet, card: String, commandID: String) throws -> Redemption {
        let context = DecisionContext(economy: CoreFixtures.economy, now: CoreFixtures.now, commandID: commandID)
        guard case .redemption(let r) = try WalletMachine.decide(.redeem(account: "leo", cardID: card), state: wallet.reading(), context: context).outcome else {
            throw WalletError(.storage, "not a redemption")
        }
        return r
    }

    func testSameCommandIDGivesTheSameCodeAndAnotherIDAnother() async throws {
        let wallet = try await wallet()
        let a = try redemption(wallet, card: "amc", commandID: "k:abc")
        let b = try redemption(wallet, card: "amc", commandID: "k:abc")
        let c = try redemption(wallet, card: "amc", commandID: "k:abd")
        XCTAssertEqual(a.code, b.code)
        XCTAssertEqual(a.id, b.id)
        XCTAssertNotEqual(a.code, c.code)
        XCTAssertNotEqual(a.id, c.id)
        let pattern = try NSRegularExpression(pattern: "^AMC-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$")
        XCTAssertEqual(pattern.numberOfMatches(in: a.code, range: NSRange(a.code.startIndex..., in: a.code)), 1, a.code)
        XCTAssertTrue(try redemption(wallet, card: "burger-king", commandID: "k:abc").code.hasPrefix("BURG-"))
    }

    func testCodesDoNotCollideAcrossManyCommands() async throws {
        let wallet = try await wallet()
        var codes = Set<String>()
        for index in 0..<2_000 { codes.insert(try redemption(wallet, card: "uber", commandID: "k:\(index)").code) }
        XCTAssertEqual(codes.count, 2_000)
    }

    func testARetriedRedeemWithTheSameKeyShowsTheSameCodeOnce() async throws {
        let wallet = try await wallet()
        let first = try await wallet.redeem(account: "leo", cardID: "Target", key: "buy-1")
        let again = try await wallet.redeem(account: "LEO", cardID: "Target", key: "buy-1")
        XCTAssertEqual(first, again)
        await XCTAssertEqualAsync(try await wallet.redemptions(of: nil).count, 1)
        await XCTAssertEqualAsync(try await wallet.balance(of: .earned(of: 1)), try Points(whole: 9_000))
    }
}

/// The state machine decides without writing.
final class WalletMachineTests: XCTestCase {
    func testDecidingDoesNotChangeTheWallet() async throws {
        let wallet = InMemoryWallet(economy: CoreFixtures.economy, clock: { CoreFixtures.now })
        _ = try await wallet.run(.createAccount(name: "ana", profile: CoreFixtures.supporter), key: nil)
        _ = try await wallet.run(.createAccount(name: "leo", profile: CoreFixtures.eligibleCreator()), key: nil)
        _ = try await wallet.run(.recharge(account: "ana", points: CoreFixtures.points(700), packageID: "p700",
                                           payment: .card(number: "4242424242424242"), reference: "r"), key: nil)
        let balances = try await wallet.allBalances()
        let context = DecisionContext(economy: CoreFixtures.economy, now: CoreFixtures.now, commandID: "k:x")
        let decision = try WalletMachine.decide(.sendGift(from: "ana", to: "leo", giftID: 5660, count: 2), state: wallet.reading(), context: context)
        XCTAssertEqual(decision.transfers.map(\.amount.units), [10_000, 10_000])
        XCTAssertEqual(decision.transfers.map(\.id), ["k:x/0", "k:x/1"])
        XCTAssertEqual(decision.transfers.map(\.kind), [.gift, .commission])
        await XCTAssertEqualAsync(try await wallet.allBalances(), balances)
        await XCTAssertEqualAsync(try await wallet.allTransfers().count, 1)
        // The decision's own balances track the moves: a second gift that would overdraw is refused.
        assertWalletError(.insufficientPoints,
                          try WalletMachine.decide(.sendGift(from: "ana", to: "leo", giftID: 5660, count: 8), state: wallet.reading(), context: context))
    }

    func testNewAccountsGetTodayAsCreationDateAndNextID() async throws {
        let wallet = InMemoryWallet(economy: CoreFixtures.economy, clock: { CoreFixtures.now })
        guard case .account(let ana) = try await wallet.run(.createAccount(name: "  Ana 🎉 ", profile: AccountProfile()), key: nil) else {
            return XCTFail()
        }
        XCTAssertEqual(ana.name, "Ana 🎉")
        XCTAssertEqual(ana.id, 1)
        XCTAssertEqual(ana.profile.createdOn, CoreFixtures.today)
        guard case .account(let leo) = try await wallet.run(.createAccount(name: "ليو", profile: AccountProfile()), key: nil) else { return XCTFail() }
        XCTAssertEqual(leo.id, 2)
        await assertWalletErrorAsync(.invalidName, try await wallet.run(.createAccount(name: "   ", profile: AccountProfile()), key: nil))
        await assertWalletErrorAsync(.invalidName, try await wallet.run(.createAccount(name: "a\u{7}b", profile: AccountProfile()), key: nil))
        await assertWalletErrorAsync(.invalidName, try await wallet.run(.createAccount(name: String(repeating: "x", count: 65), profile: AccountProfile()), key: nil))
        await XCTAssertEqualAsync(try await wallet.accounts().count, 2)
    }
}

/// Personal data in free text, and any text made one printable line.
final class MaskingAndOneLineTests: XCTestCase {
    func testEveryAddressInAMemoIsMasked() {
        XCTAssertEqual(Masking.emails(in: "paid to leo@example.com"), "paid to l••@example.com")
        XCTAssertEqual(Masking.emails(in: "PayPal a@b.c, then (zoe.k@mail.example)"), "PayPal a••@b.c, then (z••@mail.example)")
        XCTAssertEqual(Masking.emails(in: "a@b@c"), "a••@b••@c")
        XCTAssertEqual(Masking.emails(in: "no address @ all"), "no address @ all")
        XCTAssertEqual(Masking.emails(in: "Rose ×10 from Sofía"), "Rose ×10 from Sofía")
        XCTAssertFalse(Masking.emails(in: "withdrawal to leonardo.da.vinci@example.com").contains("leonardo"))
    }

    func testControlCharactersBecomeVisibleEscapes() {
        XCTAssertEqual(OneLine.sanitize("a@b.c\nerror: forged"), "a@b.c\\nerror: forged")
        XCTAssertEqual(OneLine.sanitize("red\u{1B}[31m\tx\r"), "red\\u{1B}[31m\\tx\\r")
        XCTAssertEqual(OneLine.sanitize("line\u{2028}sep\u{85}"), "line\\u{2028}sep\\u{85}")
        XCTAssertEqual(OneLine.sanitize("Ana 🎉 李"), "Ana 🎉 李")
        XCTAssertFalse(OneLine.sanitize(String((0..<128).map { Character(Unicode.Scalar($0)!) })).contains { $0.isNewline })
    }
}
