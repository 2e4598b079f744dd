import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore
@testable import TikScoreStore

/// Watching a wallet for another process's commits: a write to the wallet's files wakes the
/// watcher at once (inotify), other files in the folder do not, and `changes()` tells of a commit
/// made through another connection long before its one-second backstop.
final class WalletChangesTests: XCTestCase {
    private var path: String!

    override func setUp() { path = StoreFixtures.temporaryWalletPath() }
    override func tearDown() { StoreFixtures.removeWallet(at: path) }

    func testAWriteToTheWalletWakesTheSignalAndAnotherFileDoesNot() async throws {
        let store = StoreFixtures.store(at: path)
        _ = try await store.run(.createAccount(name: "Ana", profile: StoreFixtures.adultSupporter), key: nil)
        let signal = WalletFileSignal(path: path)
        defer { signal.close() }
        try XCTSkipUnless(signal.watches, "no inotify here: the watcher polls once a second")
        let neighbour = path + ".notes"
        defer { try? FileManager.default.removeItem(atPath: neighbour) }
        try Data("not the wallet".utf8).write(to: URL(fileURLWithPath: neighbour))
        XCTAssertFalse(signal.wait(timeoutMs: 200), "a file beside the wallet is not the wallet")
        let other = StoreFixtures.store(at: path)
        _ = try await other.run(.createAccount(name: "Leo", profile: StoreFixtures.adultSupporter), key: nil)
        XCTAssertTrue(signal.wait(timeoutMs: 10_000), "the commit wrote the wallet's WAL")
    }

    func testAClosedSignalEndsAWait() {
        let signal = WalletFileSignal(path: path)
        signal.close()
        XCTAssertTrue(signal.isClosed)
        XCTAssertFalse(signal.wait(timeoutMs: 10_000))
    }

    func testChangesTellsOfAnotherConnectionsCommitWithoutAnyPolling() async throws {
        let store = StoreFixtures.store(at: path)
        _ = try await store.run(.createAccount(name: "Ana", profile: StoreFixtures.adultSupporter), key: nil)
        try XCTSkipUnless(WalletFileSignal(path: path).watches, "no inotify here: the watcher polls once a second")
        // No backstop: only the file signal can wake the watcher.
        let changes = store.changes(backstopMilliseconds: -1)
        let other = StoreFixtures.store(at: path)
        _ = try await other.run(.createAccount(name: "Leo", profile: StoreFixtures.adultSupporter), key: nil)
        let told = await withTaskGroup(of: Bool.self) { group -> Bool in
            group.addTask {
                for await _ in changes { return true }
                return false
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(30))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        XCTAssertTrue(told, "another connection's commit was not told within 30 s")
    }

    func testTheStoresOwnCommitIsToldToo() async throws {
        let store = StoreFixtures.store(at: path)
        let changes = store.changes(backstopMilliseconds: -1)
        _ = try await store.run(.createAccount(name: "Ana", profile: StoreFixtures.adultSupporter), key: nil)
        var iterator = changes.makeAsyncIterator()
        let told: Void? = await iterator.next()
        XCTAssertNotNil(told)
    }
}
