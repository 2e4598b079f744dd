import Foundation
import TikScoreCore
@testable import TikScoreStore

/// Where a simulation's wallet lives: it opens the wallet as a new process would (after a
/// simulated crash too), runs SQL on it to mark a crashed process's keys, and goes at the end.
protocol SimulatedWalletHome: Sendable {
    func open(economy: Economy, gateway: PaymentGateway, clock: @escaping @Sendable () -> Date) async throws -> any WalletService
    func execute(_ sql: String, store: any WalletService) async throws
    func remove()
}

/// A new wallet file, with fsync relaxed (the simulation checks decisions, not the disk).
struct SQLiteWalletHome: SimulatedWalletHome {
    let path = StoreFixtures.temporaryWalletPath()

    func open(economy: Economy, gateway: PaymentGateway, clock: @escaping @Sendable () -> Date) async throws -> any WalletService {
        let store = try WalletStore(path: path, economy: economy, gateway: gateway, clock: clock)
        try store.unsafeExecute("PRAGMA synchronous = OFF")
        return store
    }

    func execute(_ sql: String, store: any WalletService) async throws {
        guard let store = store as? WalletStore else { return }
        try store.unsafeExecute(sql)
    }

    func remove() { StoreFixtures.removeWallet(at: path) }
}

#if canImport(TikScorePostgres)
import TikScorePostgres

/// A fresh database on the test server (see `PostgresTestDatabase`).
struct PostgresWalletHome: SimulatedWalletHome {
    let database: PostgresTestDatabase

    func open(economy: Economy, gateway: PaymentGateway, clock: @escaping @Sendable () -> Date) async throws -> any WalletService {
        try await PostgresWalletStore.open(database.location, economy: economy, gateway: gateway, access: .create, clock: clock)
    }

    func execute(_ sql: String, store: any WalletService) async throws { try await database.execute(sql) }

    /// Dropped by the test that made it (a drop waits for the server).
    func remove() {}
}
#endif
