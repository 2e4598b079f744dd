import Foundation
import GRDB
import TikScoreTestSupport
import XCTest
import TikScoreCore
@testable import TikScoreStore

/// Opening a wallet file: reading never writes it, a newer schema and a damaged file are
/// refused, and backup/restore is the way back from damage.
final class WalletFileTests: XCTestCase {
    private var path: String!

    override func setUp() { path = StoreFixtures.temporaryWalletPath() }
    override func tearDown() {
        StoreFixtures.removeWallet(at: path)
        for extra in [".damaged", ".copy", ".restoring"] { try? FileManager.default.removeItem(atPath: path + extra) }
    }

    private func seeded() async throws -> WalletStore {
        let store = StoreFixtures.store(at: path)
        _ = try await store.run(.createAccount(name: "Ana", profile: StoreFixtures.adultSupporter), key: nil)
        _ = try await store.run(.createAccount(name: "Leo", profile: StoreFixtures.eligibleCreator()), key: nil)
        _ = try await RechargeFlow(runner: store, gateway: store.gateway)
            .run(account: "Ana", amount: .package("p700"), payment: .card(number: "4242424242424242"), key: "r")
        _ = try await store.run(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(5)), key: nil)
        return store
    }

    /// The main file and its WAL, as bytes (a missing WAL reads as empty).
    private func files() -> [Data] {
        ["", "-wal"].map { FileManager.default.contents(atPath: path + $0) ?? Data() }
    }

    func testAReadingStoreNeverWritesTheFile() async throws {
        _ = try await seeded()
        let before = files()
        let reader = try WalletStore(path: path, economy: StoreFixtures.economy, access: .read, clock: { StoreFixtures.now })
        _ = try await reader.summaries()
        _ = try await reader.verify(full: true)
        _ = try await reader.allTransfers()
        XCTAssertEqual(files(), before)
        await assertWalletErrorAsync(.storage, try await reader.run(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(1)), key: nil))
        XCTAssertEqual(files(), before)
    }

    func testAReaderShowsADueBattleSettledWithoutWritingIt() async throws {
        let clock = SimulationClock(StoreFixtures.now)
        let store = try WalletStore(path: path, economy: StoreFixtures.economy, access: .create, clock: { clock.now })
        _ = try await store.run(.createAccount(name: "Leo", profile: StoreFixtures.eligibleCreator()), key: nil)
        _ = try await store.run(.createAccount(name: "Zoe", profile: StoreFixtures.eligibleCreator()), key: nil)
        _ = try await store.liveStart(creator: "Leo")
        _ = try await store.liveStart(creator: "Zoe")
        _ = try await store.battleStart(left: "Leo", right: "Zoe", seconds: 60)
        clock.advance(seconds: 120)
        let later = clock.now
        let before = files()
        let reader = try WalletStore(path: path, economy: StoreFixtures.economy, access: .read, clock: { later })
        let shown = try await reader.battles(limit: 1)
        XCTAssertEqual(shown.first?.status, .draw, "computed as the next writer will settle it")
        await XCTAssertEqualAsync(try await reader.runningBattles().count, 0)
        XCTAssertEqual(files(), before, "the reader settled nothing in the file")
        let writer = try WalletStore(path: path, economy: StoreFixtures.economy, access: .write, clock: { later })
        await XCTAssertEqualAsync(try await writer.runningBattles().count, 1, "still running in the file")
        _ = try await writer.settleDueBattles()
        await XCTAssertEqualAsync(try await writer.battles(limit: 1).first?.status, .draw)
    }

    func testANewerSchemaIsRefusedAndLeftAsItWas() async throws {
        let store = try await seeded()
        try store.unsafeExecute("INSERT INTO grdb_migrations VALUES ('v99-future')")
        let before = files()
        for access in [WalletAccess.read, .write, .create] {
            let error = try XCTUnwrap(assertThrows { try WalletStore(path: path, economy: StoreFixtures.economy, access: access) })
            XCTAssertEqual(error.message, "this wallet was written by a newer TikScore (schema v99-future); upgrade TikScore to open it")
        }
        XCTAssertEqual(files(), before)
    }

    func testAForeignDatabaseIsNotSwitchedToWAL() throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')") }
        try queue.close()
        let before = files()
        XCTAssertNotNil(assertThrows { try WalletStore(path: path, economy: StoreFixtures.economy, access: .create) })
        XCTAssertEqual(files(), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    func testCorruptionLeavesAMarkerThatRefusesWritesUntilARestore() async throws {
        let store = try await seeded()
        let backup = path + ".copy"
        try await store.backup(to: backup)
        await XCTAssertEqualAsync(try await WalletStore(path: backup, economy: StoreFixtures.economy, access: .read).verify(full: true).problems, [])
        let attributes = try FileManager.default.attributesOfItem(atPath: backup)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let balances = try await store.allBalances()
        try store.unsafeExecute("PRAGMA wal_checkpoint(TRUNCATE)")
        // Zero the pages of the transfers table's b-tree.
        let root = try await store.read { try Int.fetchOne($0, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'transfers'") ?? 0 }
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: UInt64((root - 1) * 4096))
        handle.write(Data(count: 4096))
        try handle.close()

        let damaged = try WalletStore(path: path, economy: StoreFixtures.economy, access: .read)
        let report = try? await damaged.verify(full: true)
        XCTAssertFalse(report?.isSound ?? false)
        XCTAssertNotNil(DamageMarker.note(beside: path), "the marker is left")
        let refused = try XCTUnwrap(assertThrows { try WalletStore(path: path, economy: StoreFixtures.economy, access: .write) })
        XCTAssertTrue(refused.message.contains("marked damaged"), refused.message)
        XCTAssertTrue(refused.message.contains("tikscore restore FILE"), refused.message)

        let restored = try await WalletBackup.restore(from: backup, to: path, economy: StoreFixtures.economy, now: StoreFixtures.now)
        XCTAssertNil(DamageMarker.note(beside: path))
        let kept = try XCTUnwrap(restored.keptPrevious)
        XCTAssertTrue(FileManager.default.fileExists(atPath: kept))
        try? FileManager.default.removeItem(atPath: kept)
        let back = try WalletStore(path: path, economy: StoreFixtures.economy, access: .write)
        await XCTAssertEqualAsync(try await back.allBalances(), balances)
        await XCTAssertEqualAsync(try await back.verify(full: true).problems, [])
        _ = try await back.run(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(1)), key: nil)
    }

    func testARestoreRefusesABackupThatFailsVerifyAndReplacesNothing() async throws {
        let store = try await seeded()
        let backup = path + ".copy"
        try await store.backup(to: backup)
        let tampered = try WalletStore(path: backup, economy: StoreFixtures.economy, access: .write)
        try tampered.unsafeExecute("UPDATE balances SET units = units + 100 WHERE account = 'user:1:points'")
        let backupBytes = FileManager.default.contents(atPath: backup)
        let before = try await store.allBalances()
        await assertWalletErrorAsync(.storage, try await WalletBackup.restore(from: backup, to: path, economy: StoreFixtures.economy))
        await XCTAssertEqualAsync(try await store.allBalances(), before)
        XCTAssertEqual(FileManager.default.contents(atPath: backup), backupBytes, "the backup itself is never changed")
        XCTAssertThrowsError(try WalletBackup.backup(store.queue, to: backup), "an existing file is not overwritten")
    }

    func testAKeySpentByACatalogRefusalRefusesAnotherCommand() async throws {
        let store = try await seeded()
        let gateway = CountingGateway()
        let flow = RechargeFlow(runner: store, gateway: gateway)
        let card = PaymentDetails.card(number: "4242424242424242")
        await assertWalletErrorAsync(.invalidAmount, try await flow.run(account: "Ana", amount: .custom(5), payment: card, key: "K"))
        await assertWalletErrorAsync(.invalidAmount, try await flow.run(account: "Ana", amount: .custom(5), payment: card, key: "K"))
        await assertWalletErrorAsync(.keyReused, try await flow.run(account: "Ana", amount: .custom(700), payment: card, key: "K"))
        await assertWalletErrorAsync(.unknownPackage, try await flow.run(account: "Ana", amount: .package("p1"), payment: card, key: "P"))
        await assertWalletErrorAsync(.keyReused, try await flow.run(account: "Ana", amount: .package("p700"), payment: card, key: "P"))
        XCTAssertEqual(gateway.charges, 0, "no refused order reached the gateway")
    }

    private func assertThrows(_ body: () throws -> Any) -> WalletError? {
        do {
            _ = try body()
            XCTFail("expected a refusal")
            return nil
        } catch let error as WalletError {
            return error
        } catch {
            XCTFail("\(error)")
            return nil
        }
    }
}
