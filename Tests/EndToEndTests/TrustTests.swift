import Foundation
import TikScoreTestSupport
import XCTest

/// The money paths a user must be able to trust, through the built binary (issue "trust at the edges").
final class TrustTests: XCTestCase {
    func testReadingCommandsNeverCreateAWallet() throws {
        let cli = try CLIHarness()
        for arguments in [["account", "list"], ["balance", "leo"], ["history"], ["export", "--format", "csv"], ["verify"],
                          ["redemptions", "--json"], ["withdrawals"], ["balance", "leo", "--json"]] {
            let result = try cli.run(arguments)
            XCTAssertEqual(result.status, 1, "\(arguments)")
            XCTAssertEqual(result.stderr, "error: there is no wallet at \(cli.database); create one with `tikscore account create NAME` or `tikscore demo`, or pass --db PATH\n", "\(arguments)")
            XCTAssertEqual(result.stdout, "", "\(arguments)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: cli.database), "\(arguments) created the wallet")
        }
        try cli.ok(["account", "create", "ana"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: cli.database))
    }

    func testHalfCentAmountsAreRefusedWithTheNearestOnes() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter(points: 100_000)
        let recharge = try cli.run(["recharge", "mia", "--points", "55555", "--method", "card", "--card", "4242424242424242"])
        XCTAssertEqual(recharge.status, 1)
        XCTAssertEqual(recharge.stderr, "error: 55,555 points come to $277.775 for a custom recharge, not whole cents; choose 55,554 points ($277.77) or 55,556 points ($277.78)\n")
        try cli.ok(["recharge", "mia", "--points", "55556", "--method", "card", "--card", "4242424242424242"])
        try cli.ok(["live", "start", "leo"])
        XCTAssertEqual(try cli.ok(["follow", "leo", "--count", "25000"]).stdout, "leo +25,000 followers: +25,000 points, earned 25,000\n")
        XCTAssertTrue(try cli.ok(["follow", "leo"]).stdout.hasPrefix("leo +1 follower: +1 point,"), "grammar for one")
        XCTAssertTrue(try cli.ok(["live", "status", "leo"]).stdout.contains("new followers 25,001"))
        let withdraw = try cli.run(["withdraw", "leo", "20001", "--paypal", "leo@example.com"])
        XCTAssertEqual(withdraw.status, 1)
        XCTAssertEqual(withdraw.stderr, "error: 20,001 points come to $100.005 for a withdrawal, not whole cents; choose 20,000 points ($100.00) or 20,002 points ($100.01)\n")
        let paid = try cli.ok(["withdraw", "leo", "20002", "--paypal", "leo@example.com", "--json"]).object()
        XCTAssertEqual(paid["usd"] as? String, "100.01")
    }

    func testGiftCardCodesCanBeFoundAgainMaskedUnlessRevealed() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter(points: 100_000)
        try cli.ok(["gift", "mia", "leo", "9072"])   // 22,499.5 earned
        let bought = try cli.ok(["redeem", "leo", "amc", "--json"]).object()
        let code = try XCTUnwrap(bought["code"] as? String)
        let masked = try XCTUnwrap(try cli.ok(["redemptions", "leo", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(masked.count, 1)
        XCTAssertEqual(Set(masked[0].keys), ["id", "account", "card_id", "card_name", "code", "points", "value_usd", "redeemed_at"])
        let shown = try XCTUnwrap(masked[0]["code"] as? String)
        XCTAssertNotEqual(shown, code)
        XCTAssertEqual(shown, String(code.prefix(4)) + "••••-••••-" + String(code.suffix(4)))
        XCTAssertEqual(masked[0]["value_usd"] as? String, "15.00")
        let revealed = try XCTUnwrap(try cli.ok(["redemptions", "--reveal", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(revealed[0]["code"] as? String, code)
        let text = try cli.ok(["redemptions"]).stdout
        XCTAssertFalse(text.contains(code))
        XCTAssertTrue(text.contains("--reveal"))
    }

    func testARefusalQuotesTheStoredBalance() throws {
        let cli = try CLIHarness()
        try cli.seedCreatorAndSupporter(points: 70)
        // Hat and Mustache costs 99: the creator's share was once taken from a scratch balance first.
        let refused = try cli.run(["gift", "mia", "leo", "hat and mustache"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "error: mia has 70 points; Hat and Mustache costs 99\n")
    }
}
