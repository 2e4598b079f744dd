import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore
import TikScoreResources

/// A copy of the default catalogs is damaged one way at a time; the loader must name the file and field.
final class CatalogLoaderTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tikscore-catalogs-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: DefaultCatalogs.directory!, to: folder)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: Helpers

    private func write(_ file: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(file))
    }

    private func json(_ file: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(file)))
    }

    private func writeJSON(_ file: String, _ value: Any) throws {
        try JSONSerialization.data(withJSONObject: value).write(to: folder.appendingPathComponent(file))
    }

    /// Changes one field of economy.json.
    private func editEconomy(_ edit: (inout [String: Any]) -> Void) throws {
        var object = try json("economy.json") as! [String: Any]
        edit(&object)
        try writeJSON("economy.json", object)
    }

    /// Changes item `index` of a list file.
    private func editItem(_ file: String, _ index: Int, _ edit: (inout [String: Any]) -> Void) throws {
        var list = try json(file) as! [[String: Any]]
        edit(&list[index])
        try writeJSON(file, list)
    }

    private func assertCatalogError(file: String, field: String?, messageContains: String? = nil,
                                    line: UInt = #line) {
        do {
            let economy = try CatalogLoader.load(directory: folder)
            XCTFail("loaded despite the damage: \(economy.rules)", line: line)
        } catch let error as CatalogError {
            XCTAssertEqual(error.file, file, error.description, line: line)
            XCTAssertEqual(error.field, field, error.description, line: line)
            if let messageContains {
                XCTAssertTrue(error.message.contains(messageContains), error.description, line: line)
            }
            XCTAssertTrue(error.description.hasPrefix(file + ": "), line: line)
        } catch {
            XCTFail("not a CatalogError: \(error)", line: line)
        }
    }

    // MARK: Tests

    func testTheUntouchedCopyLoads() throws {
        let economy = try CatalogLoader.load(directory: folder)
        XCTAssertEqual(economy, CoreFixtures.economy)
        XCTAssertEqual(economy.rules.commissionPercent.plain, "50")
        XCTAssertEqual(economy.rules.followersMoreThan, 100_000)
        XCTAssertEqual(economy.rules.minAccountAgeDays, 30)
        XCTAssertEqual(economy.rules.uploadWithinDays, 30)
        XCTAssertEqual(economy.rules.withdrawalMinAgeYears, 18)
        XCTAssertEqual(economy.rules.followerPoints, try Points(whole: 1))
        XCTAssertFalse(economy.battleTasks.isEmpty)
    }

    func testEachMissingFileIsNamed() throws {
        for name in CatalogLoader.fileNames {
            let url = folder.appendingPathComponent(name)
            let saved = try Data(contentsOf: url)
            try FileManager.default.removeItem(at: url)
            assertCatalogError(file: name, field: nil, messageContains: "missing")
            try saved.write(to: url)
        }
    }

    func testInvalidJSON() throws {
        try write("economy.json", "{ \"point_value_usd\": \"0.005\", ")
        assertCatalogError(file: "economy.json", field: nil, messageContains: "JSON")
    }

    func testInvalidJSONInAList() throws {
        try write("gifts.json", "[{\"id\": 1,}")
        assertCatalogError(file: "gifts.json", field: nil)
    }

    func testNegativePackagePrice() throws {
        try editItem("packages.json", 2) { $0["points"] = -700 }
        assertCatalogError(file: "packages.json", field: "[2].points", messageContains: "above zero")
    }

    func testZeroGiftPrice() throws {
        try editItem("gifts.json", 0) { $0["points"] = 0 }
        assertCatalogError(file: "gifts.json", field: "[0].points")
    }

    func testDuplicateGiftID() throws {
        try editItem("gifts.json", 3) { $0["id"] = 5655 }
        assertCatalogError(file: "gifts.json", field: "[3].id", messageContains: "duplicate")
    }

    func testGiftNamesAreUniqueSoAGiftCanBeNamed() throws {
        let economy = try CatalogLoader.load(directory: folder)
        XCTAssertEqual(economy.gifts.count, 921)
        XCTAssertEqual(economy.panelGifts.count, 25)
        XCTAssertEqual(try economy.gift(named: "rosa").id, 8913, "ours keeps the name")
        XCTAssertEqual(try economy.gift(named: "Rosa (7997)").id, 7997)
        XCTAssertEqual(economy.maxGiftPoints, 44_999)
        try editItem("gifts.json", 3) { $0["name"] = "ROSE" }
        assertCatalogError(file: "gifts.json", field: "[3].name", messageContains: "duplicate")
    }

    func testTheFeedBoundsAreRequiredAndPositive() throws {
        try editEconomy { $0["feed"] = ["max_repeat_count": 0, "max_session_points": 5_000_000] }
        assertCatalogError(file: "economy.json", field: "feed.max_repeat_count", messageContains: "above zero")
        try editEconomy { $0.removeValue(forKey: "feed") }
        assertCatalogError(file: "economy.json", field: "feed", messageContains: "missing")
    }

    func testDuplicatePackageIDIgnoringCase() throws {
        try editItem("packages.json", 1) { $0["id"] = "P70" }
        assertCatalogError(file: "packages.json", field: "[1].id", messageContains: "duplicate")
    }

    func testUnknownGiftType() throws {
        try editItem("gifts.json", 5) { $0["type"] = 3 }
        assertCatalogError(file: "gifts.json", field: "[5].type", messageContains: "3")
    }

    func testCommissionAboveOneHundred() throws {
        try editEconomy { $0["commission_percent"] = "150" }
        assertCatalogError(file: "economy.json", field: "commission_percent", messageContains: "150")
    }

    func testNegativeCommission() throws {
        try editEconomy { $0["commission_percent"] = "-1" }
        assertCatalogError(file: "economy.json", field: "commission_percent")
    }

    func testCommissionAsAPlainNumberAndBoundariesLoad() throws {
        for value: Any in ["0", "100", 100, "12.5"] {
            try editEconomy { $0["commission_percent"] = value }
            XCTAssertNoThrow(try CatalogLoader.load(directory: folder), "\(value)")
        }
        try editEconomy { $0["commission_percent"] = "100.01" }
        assertCatalogError(file: "economy.json", field: "commission_percent")
    }

    func testFloatingPointCommissionIsRefused() throws {
        try editEconomy { $0["commission_percent"] = 12.5 }
        assertCatalogError(file: "economy.json", field: "commission_percent", messageContains: "string")
    }

    func testStringWhereANumberIsExpected() throws {
        try editEconomy { $0["points_per_diamond"] = "ten" }
        assertCatalogError(file: "economy.json", field: "points_per_diamond", messageContains: "whole number")
    }

    func testBooleanWhereANumberIsExpected() throws {
        try editItem("giftcards.json", 0) { $0["points"] = true }
        assertCatalogError(file: "giftcards.json", field: "[0].points")
    }

    func testNumberWhereABooleanIsExpected() throws {
        try editEconomy {
            var earning = $0["earning"] as! [String: Any]
            earning["requires_creator_next"] = 1
            $0["earning"] = earning
        }
        assertCatalogError(file: "economy.json", field: "earning.requires_creator_next")
    }

    func testMissingNestedField() throws {
        try editEconomy {
            var earning = $0["earning"] as! [String: Any]
            earning["followers_more_than"] = nil
            $0["earning"] = earning
        }
        assertCatalogError(file: "economy.json", field: "earning.followers_more_than", messageContains: "missing")
    }

    func testGiftCardValueInconsistentWithItsPoints() throws {
        try editItem("giftcards.json", 9) { $0["value_usd"] = "16" }   // AMC: 3,000 points are $15
        assertCatalogError(file: "giftcards.json", field: "[9].value_usd", messageContains: "3000")
    }

    func testGiftCardValueWrittenWithTrailingZerosStillMatches() throws {
        try editItem("giftcards.json", 9) { $0["value_usd"] = "15.00" }
        XCTAssertEqual(try CatalogLoader.load(directory: folder).cards[9].valueUSD.money, "15.00")
    }

    func testMissingUSD() throws {
        var list = try json("currencies.json") as! [[String: Any]]
        list.removeAll { ($0["code"] as? String) == "USD" }
        try writeJSON("currencies.json", list)
        assertCatalogError(file: "currencies.json", field: "USD")
    }

    func testDisplayCurrencyMustBeListed() throws {
        try editEconomy { $0["display_currency"] = "JPY" }
        assertCatalogError(file: "economy.json", field: "display_currency", messageContains: "JPY")
    }

    func testBadCurrencyCode() throws {
        try editItem("currencies.json", 1) { $0["code"] = "RIYAL" }
        assertCatalogError(file: "currencies.json", field: "[1].code")
    }

    func testAListThatIsAnObject() throws {
        try write("packages.json", "{\"id\": \"p70\"}")
        assertCatalogError(file: "packages.json", field: nil, messageContains: "list")
    }

    func testNoBattleTasks() throws {
        try write("battle-tasks.json", "[]")
        assertCatalogError(file: "battle-tasks.json", field: nil)
    }

    func testZeroPointValue() throws {
        try editEconomy { $0["point_value_usd"] = "0" }
        assertCatalogError(file: "economy.json", field: "point_value_usd")
    }

    func testCustomRechargeMaxBelowMin() throws {
        try editEconomy { $0["custom_recharge"] = ["min_points": 100, "max_points": 50] }
        assertCatalogError(file: "economy.json", field: "custom_recharge.max_points")
    }

    func testAnotherEconomyIsReallyUsed() throws {
        try editEconomy { $0["point_value_usd"] = "0.01"; $0["minimum_withdrawal_points"] = 10_000 }
        var cards = try json("giftcards.json") as! [[String: Any]]
        for index in cards.indices { cards[index]["value_usd"] = "\((cards[index]["points"] as! Int) / 100)" }
        try writeJSON("giftcards.json", cards)
        let economy = try CatalogLoader.load(directory: folder)
        XCTAssertEqual(try economy.usd(of: Points(whole: 20_000)).money, "200.00")
        XCTAssertEqual(economy.rules.minimumWithdrawal, try Points(whole: 10_000))
    }

    // MARK: Found by fuzzing (Fuzz/, scripts/fuzz catalog)

    /// Changes fields of economy.json's `earning` object.
    private func editEarning(_ edit: (inout [String: Any]) -> Void) throws {
        try editEconomy { economy in
            var earning = economy["earning"] as? [String: Any] ?? [:]
            edit(&earning)
            economy["earning"] = earning
        }
    }

    /// A catalog asking for 9,223,372,036,854,775,000 days of account age (or as many followers)
    /// loaded, and `tikscore demo` then trapped on an arithmetic overflow (DemoWallet computes
    /// dates and follower counts from them). The earning conditions are bounded now.
    func testEarningConditionsAreBoundedSoDatesAndCountsCannotOverflow() throws {
        let cases: [(String, Int64)] = [("min_account_age_days", 9_223_372_036_854_775_000), ("upload_within_days", 36_501),
                                        ("followers_more_than", 9_223_372_036_854_775_000), ("followers_more_than", 1_000_000_000_001)]
        let url = folder.appendingPathComponent("economy.json")
        let original = try Data(contentsOf: url)
        for (field, value) in cases {
            try editEarning { $0[field] = value }
            assertCatalogError(file: "economy.json", field: "earning.\(field)", messageContains: "at most")
            try original.write(to: url)
        }
    }

    /// At the bounds, the demo fills a wallet through ordinary commands and the ledger verifies.
    func testTheDemoFillsAWalletAtTheBoundsOfTheEarningConditions() async throws {
        try editEarning {
            $0["min_account_age_days"] = 36_500
            $0["upload_within_days"] = 36_500
            $0["followers_more_than"] = 1_000_000_000_000
        }
        let economy = try CatalogLoader.load(directory: folder)
        let now = Date(timeIntervalSince1970: 1_795_521_600)
        let wallet = InMemoryWallet(economy: economy, clock: { now })
        try await DemoWallet.fill(runner: wallet, gateway: SandboxGateway(), today: CalendarDate(now))
        let report = try await wallet.verify(full: true)
        XCTAssertEqual(report.problems, [])
        XCTAssertGreaterThan(report.transfers, 0)
    }
}
