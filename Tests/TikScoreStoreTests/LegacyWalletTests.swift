import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore
@testable import TikScoreStore

/// A wallet written by TikScore before canonical fingerprints (Tests/Fixtures/wallet-v1, made by
/// its make.sh with the version of that day) opens in this version: its migration keeps every key
/// and feed line it recorded, so retries and re-read feeds change nothing. Every later version
/// must keep passing this.
final class LegacyWalletTests: XCTestCase {
    private var path: String!

    override func setUpWithError() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/wallet-v1/wallet.sqlite")
        path = StoreFixtures.temporaryWalletPath()
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
    }

    override func tearDown() { StoreFixtures.removeWallet(at: path) }

    private var feedFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/wallet-v1/feed.jsonl")
    }

    func testTheOldWalletOpensAndEveryKeyStillReplays() async throws {
        let gateway = CountingGateway()
        let store = StoreFixtures.store(at: path, gateway: gateway)
        let wallet = WalletUnderTest.sqlite(store)
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
        let before = try await wallet.snapshot()
        let card = PaymentDetails.card(number: "4242424242424242")

        let recharge = try await RechargeFlow(runner: store, gateway: gateway)
            .run(account: "mia", amount: .custom(100_000), payment: card, key: "v1-recharge-card")
        XCTAssertEqual(recharge.points, StoreFixtures.points(100_000))
        _ = try await RechargeFlow(runner: store, gateway: gateway)
            .run(account: "omar", amount: .package("p700"), payment: .paypal(email: "omar@example.com"), key: "v1-recharge-paypal")
        XCTAssertEqual(gateway.charges, 0, "a replayed key never asks the gateway")
        _ = try await store.sendGift(from: "mia", to: "leo", giftID: 5655, count: 10, key: "v1-gift")
        _ = try await store.sendGift(from: "mia", to: "leo", giftID: 6369, count: 1, key: "v1-gift-lion")
        _ = try await store.transferPoints(from: "mia", to: "omar", points: StoreFixtures.points(250), key: "v1-transfer")
        _ = try await store.liveFollowers(creator: "leo", count: 30_000, key: "v1-follow")
        let card1 = try await store.redeem(account: "leo", cardID: "AMC", key: "v1-redeem")
        XCTAssertEqual(card1.code.prefix(4), "AMC-")
        let paid = try await WithdrawalFlow(runner: store, gateway: gateway)
            .run(account: "leo", points: StoreFixtures.points(20_000), paypal: "leo@example.com", key: "v1-withdraw")
        XCTAssertEqual(paid.status, .paid)
        XCTAssertEqual(gateway.payouts, 0)
        await XCTAssertEqualAsync(try await wallet.snapshot(), before, "no old key applied twice")

        // Another command under an old key is refused, including another card for the old recharge.
        await assertWalletErrorAsync(.keyReused, try await store.sendGift(from: "mia", to: "leo", giftID: 5655, count: 11, key: "v1-gift"))
        await assertWalletErrorAsync(.keyReused, try await RechargeFlow(runner: store, gateway: gateway)
            .run(account: "mia", amount: .custom(100_000), payment: .card(number: "5555555555554444"), key: "v1-recharge-card"))
        XCTAssertEqual(gateway.charges, 0)
    }

    func testTheOldFeedReadAgainCountsNothing() async throws {
        let store = StoreFixtures.store(at: path)
        let before = try await WalletUnderTest.sqlite(store).snapshot()
        guard let leo = try await store.account(named: "leo") else { return XCTFail("leo is in the fixture") }
        _ = try await store.liveStart(creator: "leo")
        var applier = FeedApplier(runner: store, creator: leo)
        // As `tikscore feed` read it then: up to the stream's end.
        for line in try String(contentsOf: feedFile, encoding: .utf8).split(separator: "\n") where !applier.streamEnded {
            await applier.apply(line: String(line), nowMs: 1_732_000_100_000)
        }
        await applier.finish(nowMs: 1_732_000_100_000)
        // Every event the old version applied is a duplicate under its migrated key. The one line
        // it dropped — a second Rose ×7 end line (msgId 1006) after that streak's end — is by
        // issue 9's rule a new streak, and counts now, once: 7 points, 3.5 earned.
        XCTAssertEqual(applier.report.applied, ["gift": 1], "only the line the old version dropped counts")
        XCTAssertGreaterThan(applier.report.duplicates, 10)
        XCTAssertEqual(applier.report.earned, try Points.parse("3.5"))
        let after = try await WalletUnderTest.sqlite(store).snapshot()
        let new = after.transfers.filter { !before.transfers.contains($0) }
        XCTAssertEqual(Array(after.transfers.prefix(before.transfers.count)), before.transfers)
        XCTAssertEqual(new.map(\.commandID), ["k:feed:\(leo.id):gift:1006", "k:feed:\(leo.id):gift:1006"])
        XCTAssertEqual(new.map(\.amount.units).reduce(0, +), try Points(whole: 7).units)

        // Read again, the file changes nothing more.
        var again = FeedApplier(runner: store, creator: leo)
        for line in try String(contentsOf: feedFile, encoding: .utf8).split(separator: "\n") where !again.streamEnded {
            await again.apply(line: String(line), nowMs: 1_732_000_100_000)
        }
        await again.finish(nowMs: 1_732_000_100_000)
        XCTAssertEqual(again.report.applied, [:])
        await XCTAssertEqualAsync(try await WalletUnderTest.sqlite(store).snapshot().transfers, after.transfers)
    }

    func testTheMigrationGaveTheWalletASecretAndCanonicalFingerprints() async throws {
        let store = StoreFixtures.store(at: path)
        let rows = try await store.read { db in
            try String.fetchAll(db, sql: "SELECT fingerprint FROM commands WHERE id LIKE 'k:%'")
        }
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(rows.allSatisfy { $0.hasPrefix("{") }, "every old key was translated: \(rows.filter { !$0.hasPrefix("{") })")
        let secret = try await store.read { db in try WalletSchema.secret(db) }
        XCTAssertEqual(secret.hex.count, 64)
    }
}
