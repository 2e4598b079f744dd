import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore
import GRDB
@testable import TikScoreStore
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

    func charge(amountUSD: ExactDecimal, payment: PaymentDetails, idempotencyKey: String) async throws -> GatewayAnswer {
        lock.withLock { chargeCount += 1 }
        return try await sandbox.charge(amountUSD: amountUSD, payment: payment, idempotencyKey: idempotencyKey)
    }

    func payout(amountUSD: ExactDecimal, paypal: String, idempotencyKey: String) async throws -> GatewayAnswer {
        lock.withLock { payoutCount += 1 }
        return try await sandbox.payout(amountUSD: amountUSD, paypal: paypal, idempotencyKey: idempotencyKey)
    }
}

/// Everything a refused command must leave as it was.
struct WalletState: Equatable {
    var accounts: [Account]
    var balances: [LedgerAccount: Points]
    var transfers: [Transfer]
    var withdrawals: [Withdrawal]
    var redemptions: [Redemption]
}

/// A wallet under test: the in-memory wallet or the SQLite store, seen through the same service.
struct WalletUnderTest {
    let label: String
    let runner: any WalletService

    static func memory(clock: @escaping @Sendable () -> Date = { StoreFixtures.now }) -> WalletUnderTest {
        WalletUnderTest(label: "in-memory", runner: InMemoryWallet(economy: StoreFixtures.economy, clock: clock))
    }

    static func sqlite(_ store: WalletStore) -> WalletUnderTest { WalletUnderTest(label: "sqlite", runner: store) }

    func snapshot() async throws -> WalletState {
        WalletState(accounts: try await runner.accounts(), balances: try await runner.allBalances(), transfers: try await runner.allTransfers(),
                    withdrawals: try await runner.withdrawals(of: nil).sorted { $0.id < $1.id },
                    redemptions: try await runner.redemptions(of: nil).sorted { $0.id < $1.id })
    }

    /// Problems the wallet's own audit finds; empty when sound.
    func audit() async throws -> [String] { try await runner.verify(full: true).problems }
}

extension WalletStore {
    /// Runs raw SQL on the wallet; for tests that damage a wallet on purpose.
    func unsafeExecute(_ sql: String) throws {
        try queue.writeWithoutTransaction { try $0.execute(sql: sql) }
    }
}
