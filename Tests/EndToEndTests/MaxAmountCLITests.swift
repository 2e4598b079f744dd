import Foundation
import XCTest

/// `max` as the amount of `withdraw` and `transfer`: the most that is whole points and whole cents.
final class MaxAmountCLITests: XCTestCase {
    func testMaxWithdrawsAndGivesTheLargestWholeCentAmount() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter(points: 50_002)
        try cli.ok(["gift", "mia", "leo", "Rose", "--count", "45001"])   // leo earns 22,500.5
        let earned = try XCTUnwrap((cli.ok(["balance", "leo", "--json"]).object()["earned"] as? NSNumber)?.decimalValue)
        XCTAssertEqual(earned, Decimal(string: "22500.5"))
        let paid = try cli.ok(["withdraw", "leo", "max", "--paypal", "leo@example.com", "--json"]).object()
        XCTAssertEqual((paid["points"] as? NSNumber)?.intValue, 22_500, "whole points, and 22,500 × $0.005 is whole cents")
        XCTAssertEqual(paid["usd"] as? String, "112.50")
        XCTAssertEqual((try cli.ok(["balance", "leo", "--json"]).object()["earned"] as? NSNumber)?.decimalValue, Decimal(string: "0.5"))

        // mia has 5,001 points left: the most that is whole cents is 5,000.
        let given = try cli.ok(["transfer", "mia", "leo", "MAX", "--json"]).object()
        XCTAssertEqual((given["points"] as? NSNumber)?.intValue, 5_000)
        XCTAssertEqual((given["sender_balance"] as? NSNumber)?.intValue, 1)

        let nothing = try cli.run(["transfer", "mia", "leo", "max"])
        XCTAssertEqual(nothing.status, 1)
        XCTAssertTrue(nothing.stderr.hasPrefix("error: max comes to nothing"), nothing.stderr)
        XCTAssertEqual(nothing.stderr.filter { $0 == "\n" }.count, 1)
        XCTAssertEqual(try cli.run(["transfer", "mia", "leo", "maximum"]).status, 64)
        XCTAssertEqual(try cli.run(["withdraw", "nobody", "max", "--paypal", "a@b.co"]).status, 1)
    }
}
