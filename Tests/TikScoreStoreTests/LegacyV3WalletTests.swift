import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore
@testable import TikScoreStore

/// A wallet of schema v3 (Tests/Fixtures/wallet-v3, made by its make.sh with TikScore as of
/// f84398e, the version before feed keys carried the event kind) re-reads the feeds it applied
/// then: its feed keys were migrated, so nothing it counted counts again (issue 9, item 8).
final class LegacyV3WalletTests: XCTestCase {
    private var path: String!
    private var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/wallet-v3")
    }

    override func setUpWithError() throws {
        path = StoreFixtures.temporaryWalletPath()
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("wallet.sqlite").path, toPath: path)
    }

    override func tearDown() { StoreFixtures.removeWallet(at: path) }

    private func read(_ name: String, into store: WalletStore, as leo: Account) async throws -> FeedReport {
        var applier = FeedApplier(runner: store, creator: leo)
        let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        for line in text.split(separator: "\n") { await applier.apply(line: String(line), nowMs: 1_764_590_400_000) }
        await applier.finish(nowMs: 1_764_590_400_000)
        return applier.report
    }

    func testTheMigrationNamesEveryFeedKeyByItsKind() async throws {
        let store = StoreFixtures.store(at: path)
        let ids = try await store.read { db in try String.fetchAll(db, sql: "SELECT id FROM commands WHERE id LIKE 'k:feed:%'") }
        // The v7 sample's Rose streak ended on msgId …005 and its follow was …008.
        XCTAssertTrue(ids.contains("k:feed:1:gift:7300000000000000005"), "\(ids.sorted())")
        XCTAssertTrue(ids.contains("k:feed:1:follow:7300000000000000008"), "\(ids.sorted())")
        XCTAssertFalse(ids.contains("k:feed:1:follow:7300000000000000005"), "a key moves to its own kind only")
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
    }

    func testTheOldFeedsReadAgainCountNothingTwice() async throws {
        let store = StoreFixtures.store(at: path)
        guard let leo = try await store.account(named: "leo") else { return XCTFail("leo is in the fixture") }
        let before = try await WalletUnderTest.sqlite(store).snapshot()

        let v7 = try await read("feed-v7.jsonl", into: store, as: leo)
        XCTAssertEqual(v7.applied, [:], "every event of the TikTokLive feed had a msgId: all duplicates")
        XCTAssertEqual(v7.sessionsOpened, 0)

        let flat = try await read("feed-1x.jsonl", into: store, as: leo)
        // Every gift and follow had a msgId and is a duplicate, including the `social` lines that
        // version refused (each is the same follow or share as a `follow`/`share` line) and Dee's
        // Rose to the guest, which that version counted for leo under its msgId.
        XCTAssertEqual(flat.earned, .zero)
        XCTAssertEqual(flat.giftsCounted + flat.giftsToGuests, 0)
        XCTAssertNil(flat.applied["gift"])
        XCTAssertNil(flat.applied["follow"])
        XCTAssertNil(flat.applied["share"])
        // Lines that never had a msgId (1.x roomUser, battle and streamEnd lines) had no key to keep;
        // they are keyed by their content now, and count this once: no money moves.
        XCTAssertEqual(Set(flat.applied.keys), ["viewers", "battle", "streamEnd"])
        let after = try await WalletUnderTest.sqlite(store).snapshot()
        XCTAssertEqual(after.balances, before.balances)
        XCTAssertEqual(after.transfers, before.transfers)

        // From now on the content keys hold too: a third read changes nothing at all.
        let third = try await read("feed-1x.jsonl", into: store, as: leo)
        XCTAssertEqual(third.applied, [:])
        XCTAssertEqual(third.sessionsOpened, 0)
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
    }
}
