import Foundation
import XCTest
import TikScoreCore
import TikScoreStore
import TikScoreResources

/// The default economy, a fixed clock and temporary wallet files for the store tests.
enum StoreFixtures {
    static let economy: Economy = try! CatalogLoader.load(directory: DefaultCatalogs.directory!)

    /// 2026-11-24 12:00:00 UTC.
    static let now: Date = Timestamp.parse("2026-11-24T12:00:00Z")!
    static var today: CalendarDate { CalendarDate(now) }

    /// A fresh path in a fresh temporary folder.
    static func temporaryWalletPath(_ name: String = "wallet.sqlite") -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tikscore-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    static func removeWallet(at path: String) {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    static func store(at path: String, gateway: PaymentGateway = SandboxGateway()) -> WalletStore {
        try! WalletStore(path: path, economy: economy, gateway: gateway, clock: { StoreFixtures.now })
    }

    static func points(_ whole: Int64) -> Points { try! Points(whole: whole) }

    /// A creator who meets every earning and withdrawal condition on `today`.
    static func eligibleCreator(today: CalendarDate = today) -> AccountProfile {
        AccountProfile(role: .creator, followers: 100_001, birthDate: CalendarDate(year: 1990, month: 6, day: 15)!,
                       createdOn: today.adding(days: -365), business: true, creatorNext: true,
                       lastUpload: today.adding(days: -1))
    }

    static var adultSupporter: AccountProfile {
        AccountProfile(role: .supporter, birthDate: CalendarDate(year: 1990, month: 1, day: 1)!)
    }
}

/// A gateway that counts its calls and answers like the sandbox.
final class CountingGateway: PaymentGateway, @unchecked Sendable {
    private let lock = NSLock()
    private let sandbox = SandboxGateway()
    private var chargeCount = 0
    private var payoutCount = 0

    var charges: Int { lock.withLock { chargeCount } }
    var payouts: Int { lock.withLock { payoutCount } }

    func charge(amountUSD: ExactDecimal, cardNumber: String?, paypal: String?, idempotencyKey: String) -> GatewayAnswer {
        lock.withLock { chargeCount += 1 }
        return sandbox.charge(amountUSD: amountUSD, cardNumber: cardNumber, paypal: paypal, idempotencyKey: idempotencyKey)
    }

    func payout(amountUSD: ExactDecimal, paypal: String, idempotencyKey: String) -> GatewayAnswer {
        lock.withLock { payoutCount += 1 }
        return sandbox.payout(amountUSD: amountUSD, paypal: paypal, idempotencyKey: idempotencyKey)
    }
}

/// Everything a refused command must leave as it was.
struct WalletSnapshot: Equatable {
    var accounts: [Account]
    var balances: [LedgerAccount: Points]
    var transfers: [Transfer]
    var withdrawals: [Withdrawal]
    var redemptions: [Redemption]
}

/// A wallet under test: the in-memory wallet or the SQLite store, seen the same way.
protocol WalletUnderTest {
    var label: String { get }
    var runner: CommandRunner { get }
    func snapshot() throws -> WalletSnapshot
    /// Problems the wallet's own audit finds; empty when sound.
    func audit() throws -> [String]
}

final class MemoryWalletUnderTest: WalletUnderTest {
    let wallet: InMemoryWallet
    init(clock: @escaping () -> Date = { StoreFixtures.now }) {
        wallet = InMemoryWallet(economy: StoreFixtures.economy, clock: clock)
    }
    var label: String { "in-memory" }
    var runner: CommandRunner { wallet }
    func snapshot() throws -> WalletSnapshot {
        WalletSnapshot(accounts: wallet.allAccounts, balances: wallet.allBalances, transfers: wallet.transfers,
                       withdrawals: wallet.allWithdrawals.sorted { $0.id < $1.id },
                       redemptions: wallet.redemptions.sorted { $0.id < $1.id })
    }
    func audit() throws -> [String] {
        LedgerAudit.check(transfers: wallet.transfers, storedBalances: wallet.allBalances, withdrawals: wallet.allWithdrawals)
    }
}

final class StoreWalletUnderTest: WalletUnderTest {
    let store: WalletStore
    init(store: WalletStore) { self.store = store }
    var label: String { "sqlite" }
    var runner: CommandRunner { store }
    func snapshot() throws -> WalletSnapshot {
        WalletSnapshot(accounts: try store.accounts(), balances: try store.allBalances(), transfers: try store.allTransfers(),
                       withdrawals: try store.withdrawals(of: nil).sorted { $0.id < $1.id },
                       redemptions: try store.redemptions(of: nil).sorted { $0.id < $1.id })
    }
    func audit() throws -> [String] { try store.verify() }
}

/// Asserts that `body` throws a `WalletError` with `code`; returns the error.
@discardableResult
func assertWalletError<T>(_ code: WalletError.Code, _ body: @autoclosure () throws -> T, _ context: String = "",
                          file: StaticString = #filePath, line: UInt = #line) -> WalletError? {
    do {
        let value = try body()
        XCTFail("\(context): expected \(code), got \(value)", file: file, line: line)
    } catch let error as WalletError {
        XCTAssertEqual(error.code, code, "\(context): \(error.message)", file: file, line: line)
        XCTAssertFalse(error.message.isEmpty, file: file, line: line)
        return error
    } catch {
        XCTFail("\(context): expected WalletError \(code), got \(error)", file: file, line: line)
    }
    return nil
}
