import Foundation
import GRDB
import TikScoreTestSupport
import XCTest
import TikScoreCore
@testable import TikScoreStore

/// PINs: a salted slow hash, wrong PINs counted in the wallet, a lockout that outlives the
/// process and ends on time.
final class PINTests: XCTestCase {
    private var path: String!
    private let clock = SimulationClock(StoreFixtures.now)

    override func setUp() { path = StoreFixtures.temporaryWalletPath() }
    override func tearDown() { StoreFixtures.removeWallet(at: path) }

    private var rules: EconomyRules { StoreFixtures.economy.rules }

    private func open() throws -> WalletStore {
        let clock = self.clock
        return try WalletStore(path: path, economy: StoreFixtures.economy, access: .create, clock: { clock.now })
    }

    private func protectedLeo() async throws -> (WalletStore, Account) {
        let store = try open()
        let account = try await store.createAccount(name: "Leo", profile: StoreFixtures.eligibleCreator())
        try await store.savePIN(try PINHasher.record(for: "4821", rounds: rules.pinHashRounds), accountID: account.id)
        return (store, account)
    }

    func testTheHashIsSaltedAndKeepsItsRounds() throws {
        let one = try PINHasher.record(for: "4821", rounds: rules.pinHashRounds)
        let two = try PINHasher.record(for: "4821", rounds: rules.pinHashRounds)
        XCTAssertNotEqual(one.salt, two.salt)
        XCTAssertNotEqual(one.hash, two.hash)
        XCTAssertFalse(one.hash.contains("4821"))
        XCTAssertEqual(one.rounds, rules.pinHashRounds)
        XCTAssertTrue(PINHasher.matches("4821", one))
        XCTAssertFalse(PINHasher.matches("4822", one))
        XCTAssertFalse(PINHasher.matches("", one))
    }

    func testNewPINsFollowTheCatalogsRules() {
        let digits = rules.pinDigits
        XCTAssertNoThrow(try PINRules.checkNew(String(repeating: "7", count: digits.lowerBound), rules: rules))
        XCTAssertNoThrow(try PINRules.checkNew(String(repeating: "7", count: digits.upperBound), rules: rules))
        for bad in [String(repeating: "7", count: digits.lowerBound - 1), String(repeating: "7", count: digits.upperBound + 1), "12a4", "١٢٣٤", " 1234"] {
            XCTAssertThrowsError(try PINRules.checkNew(bad, rules: rules), bad)
        }
    }

    func testAnAccountWithoutAPINPassesWithoutBeingAsked() async throws {
        let store = try open()
        let ana = try await store.createAccount(name: "Ana", profile: StoreFixtures.adultSupporter)
        try await PINGate(wallet: store).authorize(ana) { XCTFail("asked for a PIN"); return nil }
    }

    func testWrongPINsLockTheAccountAcrossRestartsUntilTheLockoutEnds() async throws {
        let (store, leo) = try await protectedLeo()
        let gate = PINGate(wallet: store)
        await assertWalletErrorAsync(.pinRequired, try await gate.authorize(leo) { nil })
        for attempt in 1..<rules.pinAttempts {
            let error = await assertWalletErrorAsync(.wrongPIN, try await gate.authorize(leo) { "0000" })
            XCTAssertTrue(error?.message.contains("\(rules.pinAttempts - attempt) attempt") ?? false, error?.message ?? "")
        }
        await assertWalletErrorAsync(.pinLocked, try await gate.authorize(leo) { "0000" })
        // The right PIN is refused too while locked, and the lock is in the file.
        let reopened = PINGate(wallet: try open())
        await assertWalletErrorAsync(.pinLocked, try await reopened.authorize(leo) { "4821" })
        clock.advance(seconds: Int(rules.pinLockoutMinutes * 60) - 1)
        await assertWalletErrorAsync(.pinLocked, try await reopened.authorize(leo) { "4821" })
        clock.advance(seconds: 1)
        try await reopened.authorize(leo) { "4821" }
        await XCTAssertEqualAsync(try await store.pinRecord(accountID: leo.id)?.failures, 0)
    }

    func testARightPINClearsTheCountOfWrongOnes() async throws {
        let (store, leo) = try await protectedLeo()
        let gate = PINGate(wallet: store)
        for _ in 1..<rules.pinAttempts { _ = try? await gate.authorize(leo) { "0000" } }
        try await gate.authorize(leo) { "4821" }
        for _ in 1..<rules.pinAttempts { _ = try? await gate.authorize(leo) { "0000" } }
        await XCTAssertEqualAsync(try await store.pinRecord(accountID: leo.id)?.isLocked(at: clock.now), false)
    }

    func testAReadingStoreStillRecordsAWrongPIN() async throws {
        let (store, leo) = try await protectedLeo()
        let clock = self.clock
        let reader = try WalletStore(path: path, economy: StoreFixtures.economy, access: .read, clock: { clock.now })
        await assertWalletErrorAsync(.wrongPIN, try await PINGate(wallet: reader).authorize(leo) { "1111" })
        await XCTAssertEqualAsync(try await store.pinRecord(accountID: leo.id)?.failures, 1)
    }

    func testRemovingThePINLeavesNoRecord() async throws {
        let (store, leo) = try await protectedLeo()
        try await store.savePIN(nil, accountID: leo.id)
        await XCTAssertEqualAsync(try await PINGate(wallet: store).isProtected(leo), false)
        await XCTAssertEqualAsync(try await store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM pins") }, 0)
    }
}
