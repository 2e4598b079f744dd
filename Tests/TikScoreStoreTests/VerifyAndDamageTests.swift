import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore
@testable import TikScoreStore

/// verify() notices tampering; damaged files are refused with a clear message.
final class VerifyAndDamageTests: XCTestCase {
    private var path: String!

    override func setUp() { path = StoreFixtures.temporaryWalletPath() }
    override func tearDown() { StoreFixtures.removeWallet(at: path) }

    /// A wallet with some of everything, verified clean.
    private func busyStore() async throws -> WalletStore {
        let store = StoreFixtures.store(at: path)
        _ = try await store.run(.createAccount(name: "Ana", profile: StoreFixtures.adultSupporter), key: nil)
        _ = try await store.run(.createAccount(name: "Leo", profile: StoreFixtures.eligibleCreator()), key: nil)
        _ = try await RechargeFlow(runner: store, gateway: store.gateway)
            .run(account: "Ana", amount: .package("p17500"), payment: .card(number: "4242424242424242"), key: "r")
        _ = try await store.run(.sendGift(from: "Ana", to: "Leo", giftID: 5655, count: 3), key: nil)
        _ = try await store.run(.transferPoints(from: "Ana", to: "Leo", points: StoreFixtures.points(5)), key: nil)
        _ = try await store.liveStart(creator: "Leo")
        _ = try await store.run(.liveFollowers(creator: "Leo", count: 50_000), key: nil)
        _ = try await store.run(.redeem(account: "Leo", cardID: "cvs"), key: nil)
        _ = try await WithdrawalFlow(runner: store, gateway: store.gateway).run(account: "Leo", points: StoreFixtures.points(20_000), paypal: "leo@example.com", key: nil)
        _ = try await WithdrawalFlow(runner: store, gateway: store.gateway).hold(account: "Leo", points: StoreFixtures.points(20_000), paypal: "l@example.com", key: "p")
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
        return store
    }

    /// The default audit's problems (SQLite's aggregates), checked against `verify --full`'s
    /// independent Swift auditor: each default problem is one the full run finds too, and both
    /// find something or both find nothing.
    private func problemsBothWays(_ store: WalletStore, file: StaticString = #filePath, line: UInt = #line) async throws -> [String] {
        let quick = try await store.verify(full: false).problems
        let full = try await store.verify(full: true).problems
        XCTAssertEqual(quick.isEmpty, full.isEmpty, "default \(quick) / full \(full)", file: file, line: line)
        for problem in quick { XCTAssertTrue(full.contains(problem), "\(problem) is not in the full run's \(full)", file: file, line: line) }
        return quick
    }

    func testTheDefaultAuditCountsEveryTransferAndFindsNothingInASoundWallet() async throws {
        let store = try await busyStore()
        let quick = try await store.verify(full: false)
        let full = try await store.verify(full: true)
        XCTAssertEqual(quick.problems, [])
        XCTAssertEqual(quick.transfers, full.transfers)
        XCTAssertGreaterThan(quick.transfers, 5)
        XCTAssertEqual(quick.rowsDecoded, 0, "only --full decodes every row")
        XCTAssertGreaterThan(full.rowsDecoded, quick.transfers)
    }

    func testAStoredBalanceNudgedByOneUnitIsReported() async throws {
        let store = try await busyStore()
        try store.unsafeExecute("UPDATE balances SET units = units + 1 WHERE account = 'user:1:points'")
        let problems = try await problemsBothWays(store)
        XCTAssertTrue(problems.contains { $0.contains("user:1:points") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("not zero") }, "\(problems)")
    }

    func testADeletedTransferIsReported() async throws {
        let store = try await busyStore()
        try store.unsafeExecute("DELETE FROM transfers WHERE kind = 'transfer'")
        let problems = try await problemsBothWays(store)
        XCTAssertTrue(problems.contains { $0.contains("user:1:points") && $0.contains("stored balance") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("user:2:points") }, "\(problems)")
    }

    func testADeletedSettlementIsReported() async throws {
        let store = try await busyStore()
        try store.unsafeExecute("DELETE FROM transfers WHERE kind = 'withdrawal_post'")
        let problems = try await problemsBothWays(store)
        XCTAssertTrue(problems.contains { $0.contains("paid but its hold was not posted") }, "\(problems)")
    }

    func testAHeldBalanceWithoutAPendingWithdrawalIsReported() async throws {
        let store = try await busyStore()
        try store.unsafeExecute("UPDATE withdrawals SET status = 'paid' WHERE status = 'pending'")
        try store.unsafeExecute("UPDATE withdrawals SET record = replace(record, '\"status\":\"pending\"', '\"status\":\"paid\"')")
        let problems = try await problemsBothWays(store)
        XCTAssertTrue(problems.contains { $0.contains("user:2:held") }, "\(problems)")
    }

    func testAnOrphanTransferIsReported() async throws {
        let store = try await busyStore()
        try store.unsafeExecute("DELETE FROM commands WHERE id = 'k:r'")
        await XCTAssertTrueAsync(try await store.verify(full: true).problems.contains { $0.contains("belong to no recorded command") })
        // A referential check, like SQLite's own: only the full run makes it.
        await XCTAssertEqualAsync(try await store.verify(full: false).problems, [])
    }

    func testATransferToAnAccountNobodyHasIsReportedBothWays() async throws {
        let store = try await busyStore()
        try store.unsafeExecute("UPDATE transfers SET credit = 'user:99:points' WHERE kind = 'transfer'")
        try store.unsafeExecute("UPDATE balances SET account = 'user:99:points' WHERE account = 'user:2:points'")
        let problems = try await problemsBothWays(store)
        XCTAssertTrue(problems.contains { $0.contains("user:99:points belongs to no account") }, "\(problems)")
    }

    func testTheBalancesTableRefusesANegativeUserBalance() async throws {
        let store = try await busyStore()
        let before = try await store.allBalances()
        XCTAssertThrowsError(try store.unsafeExecute("UPDATE balances SET units = -1 WHERE account = 'user:1:points'"))
        XCTAssertThrowsError(try store.unsafeExecute("INSERT INTO balances (account, units) VALUES ('user:9:earned', -5)"))
        XCTAssertThrowsError(try store.unsafeExecute("INSERT INTO transfers (id, debit, credit, units, kind, command_id, memo, at) VALUES ('x', 'a', 'b', 0, 'gift', 'k:r', '', '')"))
        // Platform accounts may go below zero.
        let sales = try await store.balance(of: .sales)
        XCTAssertLessThan(sales.units, 0)
        await XCTAssertEqualAsync(try await store.allBalances(), before)
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
    }

    // MARK: Damaged files

    private func assertRefusedToOpen(_ contents: Data, mentioning words: [String], line: UInt = #line) async throws {
        try contents.write(to: URL(fileURLWithPath: path))
        do {
            _ = try WalletStore(path: path, economy: StoreFixtures.economy)
            XCTFail("opened a damaged wallet", line: line)
        } catch let error as WalletError {
            XCTAssertEqual(error.code, .storage, line: line)
            for word in words { XCTAssertTrue(error.message.contains(word), error.message, line: line) }
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), contents, "the damaged file was changed", line: line)
    }

    func testRandomBytesAreNotAWallet() async throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = Data((0..<8_192).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try await assertRefusedToOpen(bytes, mentioning: [path, "not"])
    }

    func testATextFileIsNotAWallet() async throws {
        try await assertRefusedToOpen(Data(String(repeating: "These are my notes, not a wallet.\n", count: 200).utf8), mentioning: [path, "not a TikScore wallet"])
    }

    func testAFolderIsNotAWallet() async throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        assertWalletError(.storage, try WalletStore(path: path, economy: StoreFixtures.economy))
    }

    func testAnotherProgramsSQLiteDatabaseIsLeftAlone() async throws {
        // Make an SQLite file with a table of its own, through a wallet store (then drop the wallet tables).
        let other = StoreFixtures.store(at: path)
        try other.unsafeExecute("CREATE TABLE notes (body TEXT)")
        try other.unsafeExecute("INSERT INTO notes VALUES ('hello')")
        for table in ["accounts", "balances", "transfers", "commands", "withdrawals", "redemptions", "settings", "grdb_migrations"] {
            try other.unsafeExecute("DROP TABLE \(table)")
        }
        let error = assertWalletError(.storage, try WalletStore(path: path, economy: StoreFixtures.economy))
        XCTAssertTrue(error?.message.contains("not a TikScore wallet") ?? false, error?.message ?? "")
        // Its own table is still there and no wallet table was added.
        try other.unsafeExecute("INSERT INTO notes VALUES ('still mine')")
        XCTAssertThrowsError(try other.unsafeExecute("SELECT * FROM accounts"))
    }

    func testAnEmptyFileBecomesAWallet() async throws {
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        let store = try WalletStore(path: path, economy: StoreFixtures.economy)
        await XCTAssertTrueAsync(try await store.isEmpty())
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
    }

    func testAMissingFolderIsCreated() async throws {
        let nested = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("a/b/wallet.sqlite").path
        let store = try WalletStore(path: nested, economy: StoreFixtures.economy)
        await XCTAssertTrueAsync(try await store.isEmpty())
        let attributes = try FileManager.default.attributesOfItem(atPath: nested)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }
}

/// A damaged value is named, never read as a default.
final class StrictReadingTests: XCTestCase {
    private var path: String!

    override func setUp() { path = StoreFixtures.temporaryWalletPath() }
    override func tearDown() { StoreFixtures.removeWallet(at: path) }

    func testADamagedRowIsNamedByVerifyFullAndRefusedWhenRead() async throws {
        let store = StoreFixtures.store(at: path)
        _ = try await store.createAccount(name: "Ana", profile: StoreFixtures.adultSupporter)
        _ = try await store.createAccount(name: "Leo", profile: StoreFixtures.eligibleCreator())
        _ = try await store.run(.recharge(account: "Ana", points: StoreFixtures.points(100), packageID: nil,
                                          payment: .card(number: "4242424242424242"), reference: "r"), key: "r")
        await XCTAssertEqualAsync(try await store.verify(full: true).problems, [])
        try store.unsafeExecute("PRAGMA ignore_check_constraints = ON")
        try store.unsafeExecute("UPDATE accounts SET role = 'wizard' WHERE name = 'Leo'")
        try store.unsafeExecute("UPDATE transfers SET kind = 'magic', at = 'yesterday' WHERE command_id = 'k:r'")
        let report = try await store.verify(full: true)
        XCTAssertTrue(report.problems.contains("the wallet is damaged: accounts row 2 column role: 'wizard' is not a role (supporter or creator)"),
                      "\(report.problems)")
        XCTAssertTrue(report.problems.contains { $0.hasPrefix("the wallet is damaged: transfers row 1 column kind") }, "\(report.problems)")
        XCTAssertGreaterThan(report.rowsDecoded, 5)
        // Reading the damaged account is refused with the same words, never defaulted to a supporter.
        let error = await assertWalletErrorAsync(.storage, try await store.summary(of: "Leo"))
        XCTAssertEqual(error?.message, "the wallet is damaged: accounts row 2 column role: 'wizard' is not a role (supporter or creator)")
    }

    func testAStreamedTransferOfTheWrongTypeIsRefusedInTheStrictReadersWords() async throws {
        let store = StoreFixtures.store(at: path)
        _ = try await store.createAccount(name: "Ana", profile: StoreFixtures.adultSupporter)
        _ = try await store.run(.recharge(account: "Ana", points: StoreFixtures.points(100), packageID: nil,
                                          payment: .card(number: "4242424242424242"), reference: "r"), key: "r")
        let before = try await store.allTransfers()
        XCTAssertEqual(before.count, 1)
        // Read by position, every column comes back as stored.
        let streamed = LockedList<Transfer>()
        try await store.forEachTransfer { streamed.append($0) }
        XCTAssertEqual(streamed.items, before)
        XCTAssertEqual(before.first?.memo.isEmpty, false)
        // A blob where text belongs, a text where the units belong: the same words as the strict reader.
        try store.unsafeExecute("UPDATE transfers SET memo = X'00FF' WHERE command_id = 'k:r'")
        var error = await assertWalletErrorAsync(.storage, try await store.forEachTransfer { _ in })
        XCTAssertEqual(error?.message.hasPrefix("the wallet is damaged: transfers row 1 column memo: "), true, error?.message ?? "")
        try store.unsafeExecute("PRAGMA ignore_check_constraints = ON")
        try store.unsafeExecute("UPDATE transfers SET memo = 'm', units = 'many' WHERE command_id = 'k:r'")
        error = await assertWalletErrorAsync(.storage, try await store.allTransfers())
        XCTAssertEqual(error?.message, "the wallet is damaged: transfers row 1 column units: \"many\" is not a whole number")
    }

    func testTheStreamedReaderAgreesWithTheGeneralOneOnEveryTransferAndEveryDamage() async throws {
        let store = StoreFixtures.store(at: path)
        try await DemoWallet.fill(runner: store, gateway: store.gateway, today: CalendarDate(store.now))
        let general = try await store.allTransfers()
        XCTAssertGreaterThan(general.count, 20)
        XCTAssertGreaterThan(Set(general.map(\.kind)).count, 5, "many kinds")
        XCTAssertTrue(general.contains { $0.pendingID != nil }, "a withdrawal's settlement names its hold")
        let streamed = LockedList<Transfer>()
        try await store.forEachTransfer { streamed.append($0) }
        XCTAssertEqual(streamed.items, general)
        // Each damage (or what SQLite's column affinity makes of it), read both ways: the same
        // transfers or the same words.
        try store.unsafeExecute("PRAGMA ignore_check_constraints = ON")
        let damages = [
            "UPDATE transfers SET kind = 'magic' WHERE seq = 3",
            "UPDATE transfers SET kind = 7 WHERE seq = 3",
            "UPDATE transfers SET at = 'yesterday' WHERE seq = 3",
            "UPDATE transfers SET at = 1796126400 WHERE seq = 3",
            "UPDATE transfers SET units = '12' WHERE seq = 3",
            "UPDATE transfers SET units = 1.5 WHERE seq = 3",
            "UPDATE transfers SET pending_id = 5 WHERE seq = 3",
            "UPDATE transfers SET debit = X'41' WHERE seq = 3",
            "UPDATE transfers SET id = 9 WHERE seq = 3",
            "UPDATE transfers SET memo = X'00FF' WHERE seq = 3",
        ]
        try store.unsafeExecute("CREATE TABLE kept AS SELECT * FROM transfers WHERE seq = 3")
        var refused = 0
        for damage in damages {
            try store.unsafeExecute(damage)
            let expected = await Self.outcome { try await store.allTransfers() }
            let got = await Self.outcome {
                let list = LockedList<Transfer>()
                try await store.forEachTransfer { list.append($0) }
                return list.items
            }
            XCTAssertEqual(got, expected, damage)
            if case .refused = expected { refused += 1 }
            try store.unsafeExecute("DELETE FROM transfers WHERE seq = 3; INSERT INTO transfers SELECT * FROM kept")
        }
        XCTAssertGreaterThanOrEqual(refused, 6, "most of them are damage either way")
        // A fraction where the units belong is named, never read as its whole part.
        try store.unsafeExecute("UPDATE transfers SET units = 1.5 WHERE seq = 3")
        let fraction = await assertWalletErrorAsync(.storage, try await store.forEachTransfer { _ in })
        XCTAssertEqual(fraction?.message, "the wallet is damaged: transfers row 3 column units: 1.5 is not a whole number")
        try store.unsafeExecute("DELETE FROM transfers WHERE seq = 3; INSERT INTO transfers SELECT * FROM kept")
        // Undamaged again: both read the same as at first.
        let after = LockedList<Transfer>()
        try await store.forEachTransfer { after.append($0) }
        XCTAssertEqual(after.items, general)
    }

    /// The transfers a read gave, or the words of the storage error it threw.
    private enum ReadOutcome: Equatable {
        case read([Transfer])
        case refused(String)
        case other(String)
    }

    private static func outcome(_ body: () async throws -> [Transfer]) async -> ReadOutcome {
        do { return .read(try await body()) } catch let error as WalletError where error.code == .storage {
            return .refused(error.message)
        } catch {
            return .other("\(error)")
        }
    }

    func testVerifyGivesTheConnectionItsPageCacheBack() async throws {
        let store = StoreFixtures.store(at: path)
        try await DemoWallet.fill(runner: store, gateway: store.gateway, today: CalendarDate(store.now))
        let before = try await store.read { try Int.fetchOne($0, sql: "PRAGMA cache_size") }
        XCTAssertNotEqual(before, WalletStore.auditCacheSize)
        for full in [false, true] {
            await XCTAssertEqualAsync(try await store.verify(full: full).problems, [])
            await XCTAssertEqualAsync(try await store.read { try Int.fetchOne($0, sql: "PRAGMA cache_size") }, before)
        }
    }

    func testAStoredWithdrawalOfNoPointsIsAStorageErrorNotACrash() async throws {
        let store = StoreFixtures.store(at: path)
        _ = try await store.createAccount(name: "Leo", profile: StoreFixtures.eligibleCreator())
        _ = try await store.liveStart(creator: "Leo")
        _ = try await store.liveFollowers(creator: "Leo", count: 30_000, key: nil)
        let pending = try await store.holdWithdrawal(account: "Leo", points: StoreFixtures.points(20_000), paypal: "leo@example.com", key: "w")
        try store.unsafeExecute("UPDATE withdrawals SET record = replace(record, '\"points\":2000000', '\"points\":0')")
        await assertWalletErrorAsync(.storage, try await store.settleWithdrawal(id: pending.id, answer: .approved(reference: "x"), key: nil))
    }
}

/// Durable means durable: the wallet's connection fsyncs every commit.
final class DurabilityTests: XCTestCase {
    func testEveryCommitIsFsynced() async throws {
        let path = StoreFixtures.temporaryWalletPath()
        defer { StoreFixtures.removeWallet(at: path) }
        let store = StoreFixtures.store(at: path)
        let synchronous = try await store.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        XCTAssertEqual(synchronous, 2, "PRAGMA synchronous = FULL (GRDB's WAL default is NORMAL, 1)")
        let journal = try await store.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(journal, "wal")
    }
}

/// An account an older version let through with an invisible character keeps working and is named.
final class OldNameTests: XCTestCase {
    func testVerifyNotesANameTheRulesNowRefuse() async throws {
        let path = StoreFixtures.temporaryWalletPath()
        defer { StoreFixtures.removeWallet(at: path) }
        let store = StoreFixtures.store(at: path)
        _ = try await store.createAccount(name: "mia", profile: StoreFixtures.adultSupporter)
        try store.unsafeExecute("INSERT INTO accounts (id, name, name_key, role, followers, business, creator_next) VALUES (2, 'mia\u{200B}', 'mia\u{200B}', 'supporter', 0, 0, 0)")
        let report = try await store.verify(full: true)
        XCTAssertEqual(report.problems, [])
        XCTAssertEqual(report.notes, ["account 2 'mia' has an invisible character (U+200B) in its name; it keeps working, but a new account could not be called so"])
        await XCTAssertEqualAsync(try await store.summary(of: "mia\u{200B}").account.id, 2, "it keeps working")
    }
}

/// A list that a `@Sendable` closure may append to.
final class LockedList<Element>: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Element] = []

    func append(_ element: Element) { lock.lock(); list.append(element); lock.unlock() }

    var items: [Element] { lock.lock(); defer { lock.unlock() }; return list }
}
