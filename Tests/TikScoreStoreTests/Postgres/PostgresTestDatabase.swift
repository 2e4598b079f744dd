#if canImport(TikScorePostgres)
import Foundation
import XCTest
import TikScoreCore
@testable import TikScorePostgres

/// A fresh database on the test server (`TIKSCORE_TEST_POSTGRES_URL`, which `.ci/run` sets from
/// the cluster `scripts/pg-cluster` starts), dropped after the test. Without the variable the
/// PostgreSQL tests skip, saying so.
final class PostgresTestDatabase: @unchecked Sendable {
    static let variable = "TIKSCORE_TEST_POSTGRES_URL"

    /// The server's URL, or a skip naming the variable.
    static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty else {
            throw XCTSkip("PostgreSQL tests skipped: set \(variable) to a server where the user may create databases (.ci/run starts one with scripts/pg-cluster)")
        }
        return url
    }

    /// Whether the PostgreSQL store is tested in this run.
    static var isAvailable: Bool { !(ProcessInfo.processInfo.environment[variable] ?? "").isEmpty }

    let name: String
    let location: PostgresLocation
    private let admin: PostgresLocation

    /// Creates the database, a copy of `template` (template0 has no extension in it).
    init(template: String = "template1") async throws {
        let url = try Self.serverURL()
        admin = try PostgresLocation(url: url)
        name = "tikscore_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        var location = admin
        location.database = name
        self.location = location
        let name = self.name
        try await PostgresSession(location: admin).run { try $0.execute("CREATE DATABASE \(name) TEMPLATE \(template)") }
    }

    /// The database's URL, as a user would pass it to `--db`.
    var url: String {
        var text = "postgres://\(location.user)"
        if let password = location.password { text += ":" + (password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? password) }
        return text + "@\(location.host):\(location.port)/\(name)?sslmode=\(location.sslMode.rawValue)"
    }

    func store(access: WalletAccess = .create, gateway: PaymentGateway = SandboxGateway(),
               clock: @escaping @Sendable () -> Date = { StoreFixtures.now }) async throws -> PostgresWalletStore {
        try await PostgresWalletStore.open(location, economy: StoreFixtures.economy, gateway: gateway, access: access, clock: clock)
    }

    /// Runs SQL in the database (for tests that damage a wallet on purpose).
    func execute(_ sql: String) async throws {
        try await PostgresSession(location: location).run { try $0.execute(sql) }
    }

    /// Drops the database, closing whatever is still connected to it.
    func drop() async {
        let name = self.name
        _ = try? await PostgresSession(location: admin).run { try $0.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }
}

extension WalletUnderTest {
    /// The PostgreSQL store in a fresh database, when the test server is set; `databases` keeps
    /// it for dropping after the test.
    static func postgres(into databases: inout [PostgresTestDatabase]) async throws -> WalletUnderTest? {
        guard PostgresTestDatabase.isAvailable else { return nil }
        let database = try await PostgresTestDatabase()
        databases.append(database)
        return WalletUnderTest(label: "postgres", runner: try await database.store())
    }
}
#endif
