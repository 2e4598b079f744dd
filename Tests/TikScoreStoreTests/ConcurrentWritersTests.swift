import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore
import TikScoreStore

/// Several store objects (one connection each) writing the same file at once.
final class ConcurrentWritersTests: XCTestCase {
    func testConcurrentWritersLoseNothing() async throws {
        let path = StoreFixtures.temporaryWalletPath()
        defer { StoreFixtures.removeWallet(at: path) }
        let writers = 4
        let rounds = 60
        let setup = StoreFixtures.store(at: path)
        for index in 0..<writers {
            _ = try await setup.run(.createAccount(name: "user\(index)", profile: StoreFixtures.adultSupporter), key: nil)
        }

        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var errors: [String] = []
            var recharged = [Int64](repeating: 0, count: 8)
            var sent = [Int64](repeating: 0, count: 8)
        }
        let results = Results()

        // One task per writer, each with its own store (its own connection), as separate processes would.
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<writers {
                group.addTask {
                    do {
                        let store = try WalletStore(path: path, economy: StoreFixtures.economy, clock: { StoreFixtures.now })
                        let me = "user\(index)"
                        let next = "user\((index + 1) % writers)"
                        // Within the catalog's custom recharge range (30 points and up).
                        let rechargeAmount = Int64(30 + 10 * index)
                        let giveAmount = Int64(index + 1)
                        for round in 0..<rounds {
                            do {
                                _ = try await store.run(.recharge(account: me, points: Points(whole: rechargeAmount), packageID: nil,
                                                            payment: .card(number: "4242424242424242"), reference: "r\(round)"), key: "r-\(index)-\(round)")
                                results.lock.withLock { results.recharged[index] += rechargeAmount }
                                _ = try await store.run(.transferPoints(from: me, to: next, points: Points(whole: giveAmount)), key: "t-\(index)-\(round)")
                                results.lock.withLock { results.sent[index] += giveAmount }
                                // A retried key in the middle of the contention must not apply twice.
                                if round % 10 == 0 {
                                    _ = try await store.run(.transferPoints(from: me, to: next, points: Points(whole: giveAmount)), key: "t-\(index)-\(round)")
                                }
                            } catch {
                                results.lock.withLock { results.errors.append("\(me) round \(round): \(error)") }
                            }
                        }
                    } catch {
                        results.lock.withLock { results.errors.append("open \(index): \(error)") }
                    }
                }
            }
        }

        XCTAssertEqual(results.errors, [])
        let check = StoreFixtures.store(at: path)
        for index in 0..<writers {
            let previous = (index + writers - 1) % writers
            let expected = results.recharged[index] - results.sent[index] + results.sent[previous]
            await XCTAssertEqualAsync(try await check.summary(of: "user\(index)").points, try Points(whole: expected), "user\(index)")
            XCTAssertEqual(results.recharged[index], Int64(rounds) * Int64(30 + 10 * index))
        }
        let totalRecharged = results.recharged.reduce(0, +)
        await XCTAssertEqualAsync(try await check.balance(of: .sales), Points(units: -totalRecharged * 100))
        await XCTAssertEqualAsync(try await check.allTransfers().count, writers * rounds * 2)
        await XCTAssertEqualAsync(try await check.verify(full: true).problems, [])
    }
}
