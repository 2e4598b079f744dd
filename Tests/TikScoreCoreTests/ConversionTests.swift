import TikScoreTestSupport
import XCTest
import TikScoreCore

/// The article's numbers, through the economy loaded from the default catalogs.
final class ConversionTests: XCTestCase {
    let economy = CoreFixtures.economy

    private func usd(_ whole: Int64) throws -> ExactDecimal { try economy.usd(of: Points(whole: whole)) }

    func testArticleConversionTableEveryRow() throws {
        // points → (exact plain text, money text, grouped money text)
        let rows: [(Int64, String, String, String)] = [
            (10, "0.05", "0.05", "0.05"),
            (100, "0.5", "0.50", "0.50"),
            (1_000, "5", "5.00", "5.00"),
            (5_000, "25", "25.00", "25.00"),
            (10_000, "50", "50.00", "50.00"),
            (1_000_000, "5000", "5000.00", "5,000.00"),
            (100_000, "500", "500.00", "500.00"),
            (20_000, "100", "100.00", "100.00"),
        ]
        for (points, plain, money, grouped) in rows {
            let value = try usd(points)
            XCTAssertEqual(value.plain, plain, "\(points) points")
            XCTAssertEqual(value.money, money, "\(points) points")
            XCTAssertEqual(value.formatted(grouping: true, minimumFraction: 2), grouped, "\(points) points")
        }
    }

    func testOnePointIsHalfACent() throws {
        XCTAssertEqual(try usd(1).plain, "0.005")
        XCTAssertEqual(try usd(1).money, "0.005")
        XCTAssertEqual(economy.rules.pointValueUSD.plain, "0.005")
    }

    func testMinimumWithdrawalIsTwentyThousandPointsTwoThousandDiamondsOneHundredDollars() throws {
        let minimum = economy.rules.minimumWithdrawal
        XCTAssertEqual(minimum, try Points(whole: 20_000))
        XCTAssertEqual(economy.diamonds(of: minimum).plain, "2000")
        XCTAssertEqual(try economy.usd(of: minimum).money, "100.00")
        XCTAssertEqual(try economy.points(fromDiamonds: ExactDecimal(parsing: "2000")!), minimum)
        XCTAssertEqual(try economy.points(fromUSD: ExactDecimal(parsing: "100")!), minimum)
    }

    func testOneDiamondIsTenPoints() throws {
        XCTAssertEqual(economy.rules.pointsPerDiamond, 10)
        XCTAssertEqual(economy.diamonds(of: try Points(whole: 10)).plain, "1")
        XCTAssertEqual(try economy.usd(of: economy.points(fromDiamonds: ExactDecimal(parsing: "1")!)).money, "0.05")
        // 15 points is 1.5 diamonds, exactly.
        XCTAssertEqual(economy.diamonds(of: try Points(whole: 15)).plain, "1.5")
    }

    func testTheTenGiftCardsOfTheArticle() throws {
        let expected: [(String, Int64, String)] = [
            ("Domino's", 1_000, "5.00"), ("Dunkin'", 1_000, "5.00"), ("Uber", 1_000, "5.00"),
            ("Burger King", 1_000, "5.00"), ("Target", 1_000, "5.00"),
            ("Walmart", 2_000, "10.00"), ("CVS", 2_000, "10.00"), ("Starbucks", 2_000, "10.00"), ("Sephora", 2_000, "10.00"),
            ("AMC Theaters", 3_000, "15.00"),
        ]
        XCTAssertEqual(economy.cards.count, 10)
        XCTAssertEqual(Set(economy.cards.map(\.name)), Set(expected.map(\.0)))
        for (name, points, dollars) in expected {
            let card = try economy.card(named: name)
            XCTAssertEqual(card.points, points, name)
            XCTAssertEqual(card.valueUSD.money, dollars, name)
            // The card's face value is exactly its points at the point value.
            XCTAssertEqual(try economy.usd(of: Points(whole: card.points)), card.valueUSD.normalized, name)
        }
        // Lookup by id and case-insensitively by name.
        XCTAssertEqual(try economy.card(named: "amc").name, "AMC Theaters")
        XCTAssertEqual(try economy.card(named: "  burger KING ").id, "burger-king")
        assertWalletError(.unknownCard, try economy.card(named: "Amazon"))
    }

    func testPointsFromUSDAndDiamondsAreInversesOfUSDAndDiamonds() throws {
        for whole: Int64 in [1, 7, 10, 99, 100, 1_000, 20_000, 123_457, 1_000_000] {
            let points = try Points(whole: whole)
            XCTAssertEqual(try economy.points(fromUSD: economy.usd(of: points)), points, "\(whole)")
            XCTAssertEqual(try economy.points(fromDiamonds: economy.diamonds(of: points)), points, "\(whole)")
        }
        let half = Points(units: 50)
        XCTAssertEqual(try economy.usd(of: half).plain, "0.0025")
        XCTAssertEqual(try economy.points(fromUSD: ExactDecimal(parsing: "0.0025")!), half)
        XCTAssertEqual(try economy.points(fromUSD: ExactDecimal(parsing: "500")!), try Points(whole: 100_000))
        XCTAssertEqual(try economy.points(fromUSD: ExactDecimal(parsing: "5,000")!), try Points(whole: 1_000_000))
        XCTAssertEqual(try economy.points(fromUSD: ExactDecimal(parsing: "0.01")!), try Points(whole: 2))
        // $0.00001 is 0.002 points: not a whole number of hundredths.
        assertWalletError(.invalidAmount, try economy.points(fromUSD: ExactDecimal(parsing: "0.00001")!))
        assertWalletError(.invalidAmount, try economy.points(fromDiamonds: ExactDecimal(parsing: "0.0001")!))
        assertWalletError(.overflow, try economy.points(fromDiamonds: ExactDecimal(parsing: "9223372036854775807")!))
    }

    func testSaudiRiyalIsPeggedAtThreePointSevenFive() throws {
        let sar = try economy.currency(code: "sar")
        XCTAssertEqual(sar.code, "SAR")
        XCTAssertEqual(sar.perUSD.plain, "3.75")
        XCTAssertEqual(try economy.convert(usd: ExactDecimal(parsing: "100")!, to: sar).money, "375.00")
        XCTAssertEqual(try economy.convert(usd: usd(20_000), to: sar).money, "375.00")
        XCTAssertEqual(try economy.convert(usd: usd(1), to: sar).money, "0.01875")
        XCTAssertEqual(try economy.convert(usd: usd(1_000_000), to: sar).money, "18750.00")
        XCTAssertEqual(try economy.convert(usd: ExactDecimal(parsing: "1")!, to: economy.currency(code: "USD")).money, "1.00")
        assertWalletError(.unknownCurrency, try economy.currency(code: "XYZ"))
    }

    func testRechargePriceIsThePointValue() throws {
        let package = try economy.package(named: "p700")
        XCTAssertEqual(try economy.price(ofPoints: Points(whole: package.points)).money, "3.50")
        XCTAssertEqual(try economy.package(named: "medium").id, "p700")
        assertWalletError(.unknownPackage, try economy.package(named: "p1"))
    }

    func testDollarOverflowIsAnErrorNotATrap() {
        assertWalletError(.overflow, try economy.usd(of: Points(units: Int64.max)))
    }
}

/// Exact decimal text in and out.
final class ExactDecimalTests: XCTestCase {
    private func parse(_ text: String) -> ExactDecimal? { ExactDecimal(parsing: text) }

    func testParsingAcceptedForms() {
        XCTAssertEqual(parse("12"), ExactDecimal(significand: 12, scale: 0))
        XCTAssertEqual(parse("-0.005"), ExactDecimal(significand: -5, scale: 3))
        XCTAssertEqual(parse("+3"), ExactDecimal(significand: 3, scale: 0))
        XCTAssertEqual(parse("1,000.50"), ExactDecimal(significand: 100_050, scale: 2))
        XCTAssertEqual(parse("1,234,567"), ExactDecimal(significand: 1_234_567, scale: 0))
        XCTAssertEqual(parse("1."), ExactDecimal(significand: 1, scale: 0))
        XCTAssertEqual(parse(".5"), ExactDecimal(significand: 5, scale: 1))
        XCTAssertEqual(parse("  7.25\n"), ExactDecimal(significand: 725, scale: 2))
        XCTAssertEqual(parse("9223372036854775807"), ExactDecimal(significand: Int64.max, scale: 0))
    }

    func testParsingRejectsGarbageMisplacedCommasAndOverflow() {
        let bad = ["", " ", ".", "-", "+", "-.", "abc", "1.2.3", "1e5", "0x10", "--1", "+-1", "- 1", "1 000",
                   ",100", "1,00", "10,00.5", "1,0000", "1.000,5", "1,", "١٢", "１２", "∞", "NaN",
                   "9223372036854775808", "99999999999999999999", "0.99999999999999999999"]
        for text in bad {
            XCTAssertNil(parse(text), "'\(text)' should not parse")
        }
    }

    func testPlainAndMoneyText() {
        XCTAssertEqual(parse("0.005")!.plain, "0.005")
        XCTAssertEqual(parse("0.005")!.money, "0.005")
        XCTAssertEqual(parse("5")!.money, "5.00")
        XCTAssertEqual(parse("5.000")!.plain, "5")
        XCTAssertEqual(parse("5.000")!.money, "5.00")
        XCTAssertEqual(parse("74.9975")!.money, "74.9975")
        XCTAssertEqual(parse("0.5")!.money, "0.50")
        XCTAssertEqual(parse("-0.005")!.plain, "-0.005")
        XCTAssertEqual(parse("-0")!.plain, "0")
        XCTAssertEqual(parse("-12.5")!.money, "-12.50")
        XCTAssertEqual(parse("1234567.5")!.formatted(grouping: true, minimumFraction: 2), "1,234,567.50")
        XCTAssertEqual(parse("-1234")!.formatted(grouping: true), "-1,234")
        XCTAssertEqual(parse("123")!.formatted(grouping: true), "123")
        XCTAssertEqual(ExactDecimal(significand: Int64.min, scale: 2).plain, "-92233720368547758.08")
        XCTAssertEqual(ExactDecimal(significand: 7, scale: 5).plain, "0.00007")
    }

    func testTextRoundTripsThroughParsing() {
        for text in ["0.005", "74.9975", "-3.1", "100", "0.00007", "92233720368547758.07"] {
            XCTAssertEqual(parse(text)!.plain, text)
            XCTAssertEqual(parse(parse(text)!.money)!.normalized, parse(text)!.normalized)
        }
    }

    func testRoundingForDisplayIsHalfAwayFromZero() {
        XCTAssertEqual(parse("74.9975")!.rounded(toPlaces: 2).money, "75.00")
        XCTAssertEqual(parse("74.9949")!.rounded(toPlaces: 2).money, "74.99")
        XCTAssertEqual(parse("0.005")!.rounded(toPlaces: 2).money, "0.01")
        XCTAssertEqual(parse("0.0049")!.rounded(toPlaces: 2).money, "0.00")
        XCTAssertEqual(parse("-0.005")!.rounded(toPlaces: 2).money, "-0.01")
        XCTAssertEqual(parse("-0.0049")!.rounded(toPlaces: 2).plain, "0")
        XCTAssertEqual(parse("2.5")!.rounded(toPlaces: 0).plain, "3")
        XCTAssertEqual(parse("5.00")!.rounded(toPlaces: 2).money, "5.00")
        XCTAssertTrue(parse("0.005")!.needsRounding(toPlaces: 2))
        XCTAssertFalse(parse("5.000")!.needsRounding(toPlaces: 2))
        XCTAssertFalse(parse("0.05")!.needsRounding(toPlaces: 2))
    }

    func testArithmeticIsExactAndReportsOverflow() {
        XCTAssertEqual(parse("0.1")!.adding(parse("0.2")!)!.plain, "0.3")
        XCTAssertEqual(parse("0.005")!.multiplied(by: parse("1000")!)!.money, "5.00")
        XCTAssertEqual(parse("1")!.divided(by: parse("3")!), nil)
        XCTAssertEqual(parse("1")!.divided(by: parse("8")!)!.plain, "0.125")
        XCTAssertNil(parse("1")!.divided(by: .zero))
        XCTAssertNil(parse("9223372036854775807")!.adding(parse("1")!))
        XCTAssertNil(parse("9223372036854775807")!.multiplied(by: parse("2")!))
        XCTAssertNil(parse("1.5")!.rescaled(to: 0), "digits would be lost")
        XCTAssertEqual(parse("1.5")!.rescaled(to: 3), 1500)
    }

    func testCodableKeepsExactText() throws {
        let value = parse("74.9975")!
        let data = try JSONEncoder().encode([value])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "[\"74.9975\"]")
        XCTAssertEqual(try JSONDecoder().decode([ExactDecimal].self, from: data), [value])
        XCTAssertThrowsError(try JSONDecoder().decode([ExactDecimal].self, from: Data("[\"1e3\"]".utf8)))
    }
}

/// Points: the base unit, parsing and checked arithmetic.
final class PointsTests: XCTestCase {
    func testParseAcceptsWholeGroupedAndTwoDecimals() throws {
        XCTAssertEqual(try Points.parse("20000").units, 2_000_000)
        XCTAssertEqual(try Points.parse("1,000").units, 100_000)
        XCTAssertEqual(try Points.parse("0.5").units, 50)
        XCTAssertEqual(try Points.parse("12.25").description, "12.25")
        XCTAssertEqual(try Points.parse("-3").units, -300, "a sign parses; commands refuse it")
        XCTAssertEqual(try Points.parse("20000").grouped, "20,000")
        XCTAssertEqual(try Points.parse("1234.5").grouped, "1,234.5")
    }

    func testParseRefusals() {
        assertWalletError(.invalidAmount, try Points.parse("0.001"))
        assertWalletError(.invalidAmount, try Points.parse("ten"))
        assertWalletError(.invalidAmount, try Points.parse(""))
        assertWalletError(.overflow, try Points.parse("92233720368547758.08"))
        assertWalletError(.overflow, try Points.parse("100000000000000000"))
        assertWalletError(.overflow, try Points.parse("92233720368547759"))
        XCTAssertEqual(try Points.parse("92233720368547758.07").units, Int64.max)
        // Too many digits for any integer is still an overflow, not "not a number".
        assertWalletError(.overflow, try Points.parse("99999999999999999999"))
        assertWalletError(.overflow, try Points.parse("-99,999,999,999,999,999,999"))
        assertWalletError(.invalidAmount, try Points.parse("0.99999999999999999999"))
    }

    func testArithmeticOverflowIsAnError() {
        assertWalletError(.overflow, try Points(whole: Int64.max / 10))
        assertWalletError(.overflow, try Points(units: Int64.max).adding(Points(units: 1)))
        assertWalletError(.overflow, try Points(units: Int64.min).subtracting(Points(units: 1)))
        assertWalletError(.overflow, try Points(units: 100).multiplied(by: Int64.max))
        XCTAssertEqual(try Points(units: 100).multiplied(by: 3).units, 300)
    }

    func testWholeAndCodable() throws {
        XCTAssertTrue(try Points(whole: 3).isWhole)
        XCTAssertFalse(Points(units: 350).isWhole)
        XCTAssertEqual(Points(units: 350).wholePoints, 3)
        let data = try JSONEncoder().encode([Points(units: 12_345)])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "[12345]")
        XCTAssertEqual(try JSONDecoder().decode([Points].self, from: data), [Points(units: 12_345)])
    }
}
