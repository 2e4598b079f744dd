import Foundation
import TikScoreCore
import TikScoreTestSupport
import XCTest
@testable import TikScoreStore

/// Issue 10: group commit. Many keyed commands in one transaction answer exactly as they do one
/// by one; a feed applied in batches leaves the same wallet and report as one event at a time;
/// what the transaction keeps in memory (balances, accounts, sessions, battles) is written
/// before it commits; feed receipts are stored compactly and still read back.
final class GroupCommitTests: XCTestCase {
    private var paths: [String] = []

    override func tearDown() {
        for path in paths { StoreFixtures.removeWallet(at: path) }
        paths = []
    }

    private func newStore() -> WalletStore {
        let path = StoreFixtures.temporaryWalletPath()
        paths.append(path)
        return StoreFixtures.store(at: path)
    }

    /// A mix that touches every kind of row the cache holds, with refusals and repeated keys.
    private var mixedCommands: [KeyedCommand] {
        let p = StoreFixtures.points
        var profile = StoreFixtures.eligibleCreator()
        profile.tiktokHandle = "leo"
        return [
            KeyedCommand(.createAccount(name: "Ana", profile: StoreFixtures.adultSupporter), key: .caller("a1")),
            KeyedCommand(.createAccount(name: "Leo", profile: profile), key: .caller("a2")),
            KeyedCommand(.createAccount(name: "Omar", profile: StoreFixtures.eligibleCreator()), key: .caller("a3")),
            KeyedCommand(.recharge(account: "Ana", points: p(1_000), packageID: nil, payment: .card(number: "4242424242424242"), reference: "r1"),
                         key: .caller("r1")),
            KeyedCommand(.sendGift(from: "Ana", to: "Leo", giftID: 5655, count: 30), key: .caller("g1")),
            // Refused: more than Ana has left. Its key records the refusal; the rest go on.
            KeyedCommand(.transferPoints(from: "Ana", to: "Leo", points: p(5_000)), key: .caller("t1")),
            KeyedCommand(.transferPoints(from: "Ana", to: "Leo", points: p(5)), key: .caller("t2")),
            // The same key and command again inside the batch: a replay.
            KeyedCommand(.transferPoints(from: "Ana", to: "Leo", points: p(5)), key: .caller("t2")),
            KeyedCommand(.liveStart(creator: "Leo"), key: .caller("l1")),
            KeyedCommand(.feed(creator: "Leo", effect: .follow(count: 1)), key: .caller("f1")),
            KeyedCommand(.feed(creator: "Leo", effect: .gift(giftID: 5655, name: "Rose", unitPoints: 1, count: 7, gifter: "bo")), key: .caller("f2")),
            KeyedCommand(.liveStart(creator: "Omar"), key: .caller("l0")),
            KeyedCommand(.battleStart(left: "Leo", right: "Omar", seconds: 300), key: .caller("b1")),
            KeyedCommand(.sendGift(from: "Ana", to: "Leo", giftID: 5655, count: 2), key: .caller("g2")),
            KeyedCommand(.feed(creator: "Leo", effect: .likes(40)), key: .caller("f3")),
            KeyedCommand(.battleEnd(creator: "Leo"), key: .caller("b2")),
            // Closed and opened again in the same transaction: never two open sessions.
            KeyedCommand(.liveStop(creator: "Leo"), key: .caller("l2")),
            KeyedCommand(.liveStart(creator: "Leo"), key: .caller("l3")),
            KeyedCommand(.feed(creator: "Leo", effect: .viewers(120)), key: .caller("f4")),
            KeyedCommand(.updateAccount(name: "Leo", patch: ProfilePatch(tiktokID: "6812345678901234567")), key: .caller("u1")),
            KeyedCommand(.feed(creator: "Leo", effect: .follow(count: 2)), key: .caller("f5")),
            KeyedCommand(.feed(creator: "Ana", effect: .follow(count: 1)), key: .caller("f6")),
        ]
    }

    private struct Seen: Equatable {
        var state: WalletState
        var sessions: [LiveSession]
        var battles: [Battle]
    }

    private func seen(_ store: WalletStore) async throws -> Seen {
        let leo = try await store.account(named: "Leo")
        return Seen(state: try await WalletUnderTest.sqlite(store).snapshot(),
                    sessions: try await store.sessions(of: leo, limit: 10), battles: try await store.battles(limit: 10))
    }

    func testABatchAnswersExactlyAsTheSameCommandsOneByOne() async throws {
        let batched = newStore()
        let single = newStore()
        let commands = mixedCommands
        let together = try await batched.submitBatch(commands)
        var alone: [CommandResult] = []
        for item in commands { alone.append(try await single.submit(item.command, key: item.key)) }
        XCTAssertEqual(together.count, commands.count)
        XCTAssertEqual(together, alone)
        XCTAssertEqual(together.filter(\.replayed).count, 1, "the repeated key inside the batch replays")
        XCTAssertEqual(together.filter { if case .failure = $0.answer { return true } else { return false } }.count, 2,
                       "the overdraft and the supporter's follow are refused: \(together.map(\.answer))")
        let a = try await seen(batched)
        let b = try await seen(single)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.sessions.filter(\.isLive).count, 1)
        XCTAssertEqual(a.sessions.count, 2)
        await XCTAssertEqualAsync(try await batched.verify(full: true).problems, [])
        // Every key of the batch was committed: the whole batch again is all replays.
        let again = try await batched.submitBatch(commands)
        XCTAssertEqual(again.map(\.replayed), Array(repeating: true, count: commands.count))
        await XCTAssertEqualAsync(try await seen(batched), a)
    }

    func testAReusedKeyFailsTheWholeBatchAndNothingOfItIsWritten() async throws {
        let store = newStore()
        _ = try await store.submitBatch(Array(mixedCommands.prefix(4)))
        let before = try await seen(store)
        let batch = [
            KeyedCommand(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(7)), key: .caller("x1")),
            // "r1" answered a recharge: another command under it is refused as reused.
            KeyedCommand(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(1)), key: .caller("r1")),
        ]
        await assertWalletErrorAsync(.keyReused, try await store.submitBatch(batch))
        await XCTAssertEqualAsync(try await seen(store), before)
        await XCTAssertNilAsync(try await store.submit(batch[0].command, key: batch[0].key).replayed ? "x1 was kept" : nil)
    }

    // MARK: The feed in batches

    private var connectorFixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/connectors")
    }

    /// Every connector fixture and a simulated LIVE with a battle, as one feed.
    private func feedLines() throws -> [String] {
        var lines: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: connectorFixtures.path).sorted() where file.hasSuffix(".jsonl") {
            let text = try String(contentsOf: connectorFixtures.appendingPathComponent(file), encoding: .utf8)
            lines += text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        }
        let economy = StoreFixtures.economy
        let gifts = FeedGiftTable(economy.panelGifts.map { FeedGiftInfo(id: $0.id, name: $0.name, points: $0.points, type: $0.type) })
        let simulator = LiveStreamSimulator(seed: 5, ratePerSecond: 20, seconds: 90, gifts: gifts, battleOpponent: "Omar",
                                            creator: "Leo", startTimeMs: 1_764_000_000_000)
        return lines + simulator.jsonLines()
    }

    private func apply(_ lines: [String], to store: WalletStore, batchLimit: Int) async throws -> FeedReport {
        guard let leo = try await store.account(named: "Leo") else { throw WalletError(.unknownAccount, "Leo") }
        var applier = FeedApplier(runner: store, creator: leo, batchLimit: batchLimit)
        for line in lines { await applier.apply(line: line, nowMs: 1_764_000_000_000) }
        await applier.finish(nowMs: 1_764_000_000_000)
        XCTAssertFalse(applier.hasQueued, "finish commits everything")
        return applier.report
    }

    private func creators(in store: WalletStore) async throws {
        var profile = StoreFixtures.eligibleCreator()
        profile.tiktokHandle = "me"
        _ = try await store.createAccount(name: "Leo", profile: profile)
        _ = try await store.createAccount(name: "Omar", profile: StoreFixtures.eligibleCreator())
    }

    func testAFeedInBatchesLeavesTheSameWalletAndReportAsOneEventAtATime() async throws {
        let lines = try feedLines()
        XCTAssertGreaterThan(lines.count, 1_500)
        let one = newStore()
        try await creators(in: one)
        let reference = try await apply(lines, to: one, batchLimit: 1)
        XCTAssertGreaterThan(reference.sessionsOpened, 1, "the fixtures end streams and start new ones")
        XCTAssertGreaterThan(reference.giftsCounted, 100)
        for limit in [7, 1_000] {
            let batched = newStore()
            try await creators(in: batched)
            let report = try await apply(lines, to: batched, batchLimit: limit)
            XCTAssertEqual(report, reference, "batch limit \(limit)")
            let a = try await seen(batched)
            let b = try await seen(one)
            XCTAssertEqual(a.state, b.state, "batch limit \(limit)")
            XCTAssertEqual(a.sessions, b.sessions, "batch limit \(limit)")
            await XCTAssertEqualAsync(try await batched.verify(full: true).problems, [])
            for session in a.sessions {
                let events = try await batched.liveEvents(sessionID: session.id)
                await XCTAssertEqualAsync(try await one.liveEvents(sessionID: session.id), events)
            }
            // Read again in batches: every event is a duplicate and nothing changes.
            let again = try await apply(lines, to: batched, batchLimit: limit)
            XCTAssertEqual(again.applied, [:])
            XCTAssertEqual(again.duplicates, reference.applied.values.reduce(0, +) + reference.duplicates)
            await XCTAssertEqualAsync(try await seen(batched), a)
        }
    }

    // MARK: Compact receipts

    func testAFeedEventsStoredAnswerIsSmallAndReadsBack() async throws {
        let store = newStore()
        try await creators(in: store)
        let gift = Command.feed(creator: "Leo", effect: .gift(giftID: 5655, name: "Rose", unitPoints: 1, count: 3, gifter: "bo"))
        let first = try await store.submit(gift, key: .caller("feed:1:gift:7"))
        let replay = try await store.submit(gift, key: .caller("feed:1:gift:7"))
        XCTAssertTrue(replay.replayed)
        XCTAssertEqual(replay.answer, first.answer)
        guard case .success(.feed(let receipt)) = first.answer else { return XCTFail("\(first.answer)") }
        XCTAssertTrue(receipt.openedSession)
        XCTAssertTrue(receipt.sessionLive)
        XCTAssertNotNil(receipt.sessionID)
        let stored = try await store.read { try String.fetchOne($0, sql: "SELECT outcome FROM commands WHERE id = 'k:feed:1:gift:7'") } ?? ""
        XCTAssertLessThanOrEqual(stored.utf8.count, 80, stored)
        // The hand-written form and JSONEncoder's read back alike.
        let viaEncoder = try RecordCoding.encode(CommandOutcome.feed(receipt))
        XCTAssertEqual(try RecordCoding.decode(CommandOutcome.self, text: stored), .feed(receipt))
        XCTAssertEqual(try RecordCoding.decode(CommandOutcome.self, text: viaEncoder), .feed(receipt))
        XCTAssertEqual(stored, viaEncoder.replacingOccurrences(of: "\\/", with: "/"))
    }

    func testAReceiptAnOlderVersionStoredWithItsWholeSessionStillReads() throws {
        let old = #"{"feed":{"_0":{"earned":25,"openedSession":true,"session":{"creatorID":2,"creatorName":"Leo","id":"s-1","startedAt":"2026-11-24T12:00:00.000Z","viewers":3}}}}"#
        XCTAssertEqual(try RecordCoding.decode(CommandOutcome.self, text: old),
                       .feed(FeedReceipt(earned: Points(units: 25), sessionID: "s-1", sessionLive: true, openedSession: true)))
    }

    func testStoredTimesAreReadByTheFastPathAsByTheGeneralOne() {
        var random = SplitMix64(seed: 10)
        for _ in 0..<2_000 {
            let millis = Int64(random.next() % 4_102_444_800_000)
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            let text = Timestamp.format(date)
            let parsed = Timestamp.parse(text)
            XCTAssertEqual(parsed.map(Timestamp.format), text)
            // The general path: the same instant with an explicit zero offset.
            XCTAssertEqual(parsed, Timestamp.parse(String(text.dropLast()) + "+00:00"), text)
        }
        XCTAssertNil(Timestamp.parse("2026-02-30T12:00:00.000Z"), "no 30 February")
        XCTAssertNil(Timestamp.parse("2026-11-24T24:00:00.000Z"))
    }
}
