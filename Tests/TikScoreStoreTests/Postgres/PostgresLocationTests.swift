#if canImport(TikScorePostgres)
import Foundation
import XCTest
import TikScoreCore
import TikScorePostgres

/// Connection settings read as libpq reads them: URL, environment, password file, sslmode; and
/// a password never shown.
final class PostgresLocationTests: XCTestCase {
    private let noEnvironment: [String: String] = [:]
    private let noFile = PasswordFile(text: "")

    func testTheURLGivesEveryPartAndTheDescriptionHidesThePassword() throws {
        let location = try PostgresLocation(url: "postgresql://ops:s%40cret@db.example.com:6543/agency%20one?sslmode=verify-full&connect_timeout=5",
                                            environment: noEnvironment, passwordFile: noFile)
        XCTAssertEqual(location.user, "ops")
        XCTAssertEqual(location.password, "s@cret")
        XCTAssertEqual(location.host, "db.example.com")
        XCTAssertEqual(location.port, 6543)
        XCTAssertEqual(location.database, "agency one")
        XCTAssertEqual(location.sslMode, .verifyFull)
        XCTAssertEqual(location.connectTimeout, 5)
        XCTAssertEqual(location.description, "postgres://ops@db.example.com:6543/agency%20one")
        XCTAssertFalse(location.description.contains("cret"))
        XCTAssertFalse(String(describing: location).contains("cret"))
    }

    func testMissingPartsComeFromTheEnvironmentThenLibpqsDefaults() throws {
        let env = ["PGUSER": "envuser", "PGHOST": "envhost", "PGPORT": "5999", "PGDATABASE": "envdb",
                   "PGPASSWORD": "envpass", "PGSSLMODE": "require"]
        let fromEnv = try PostgresLocation(url: "postgres://", environment: env, passwordFile: noFile)
        XCTAssertEqual([fromEnv.user, fromEnv.host, String(fromEnv.port), fromEnv.database, fromEnv.password ?? "-"],
                       ["envuser", "envhost", "5999", "envdb", "envpass"])
        XCTAssertEqual(fromEnv.sslMode, .require)
        let defaults = try PostgresLocation(url: "postgres:///wallet", environment: ["USER": "mia"], passwordFile: noFile)
        XCTAssertEqual([defaults.user, defaults.host, String(defaults.port), defaults.database], ["mia", "localhost", "5432", "wallet"])
        XCTAssertEqual(defaults.sslMode, .prefer, "libpq's default sslmode")
        XCTAssertNil(defaults.password)
        let urlWins = try PostgresLocation(url: "postgres://u:p@h:1/d?sslmode=disable", environment: env, passwordFile: noFile)
        XCTAssertEqual([urlWins.user, urlWins.password ?? "-", urlWins.host, String(urlWins.port), urlWins.database], ["u", "p", "h", "1", "d"])
        XCTAssertEqual(urlWins.sslMode, .disable)
    }

    func testThePasswordFileGivesTheFirstMatchingLine() throws {
        let file = PasswordFile(text: """
            # comment
            other.example.com:5432:*:ops:wrong
            db.example.com:5432:agency:ops:first\\:part
            *:*:*:ops:fallback
            """)
        XCTAssertEqual(file.password(host: "db.example.com", port: 5432, database: "agency", user: "ops"), "first:part")
        XCTAssertEqual(file.password(host: "db.example.com", port: 5433, database: "agency", user: "ops"), "fallback")
        XCTAssertNil(file.password(host: "db.example.com", port: 5432, database: "agency", user: "mia"))
        let location = try PostgresLocation(url: "postgres://ops@db.example.com/agency", environment: noEnvironment, passwordFile: file)
        XCTAssertEqual(location.password, "first:part")
        let withEnv = try PostgresLocation(url: "postgres://ops@db.example.com/agency", environment: ["PGPASSWORD": "env"], passwordFile: file)
        XCTAssertEqual(withEnv.password, "env", "PGPASSWORD comes before the file, as in libpq")
    }

    func testAPasswordFileOthersMayReadIsIgnored() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tikscore-pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pgpass").path
        try "*:*:*:*:hunter2\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        XCTAssertEqual(PasswordFile.standard(environment: ["PGPASSFILE": path])?.password(host: "h", port: 1, database: "d", user: "u"), "hunter2")
        chmod(path, 0o644)
        XCTAssertNil(PasswordFile.standard(environment: ["PGPASSFILE": path]), "libpq ignores a password file its group or others may read")
        XCTAssertNil(PasswordFile.standard(environment: ["PGPASSFILE": folder.path]), "a folder is not a password file")
    }

    func testBadURLsAreRefusedInOneLineWithoutThePassword() {
        let bad = [
            "postgres://u:topsecret@h:99999/d",
            "postgres://u:topsecret@h/d?sslmode=sometimes",
            "postgres://u:topsecret@h/d?color=blue",
            "postgres://u:topsecret@h/d?sslmode",
            "postgres://u:topsecret@[::1/d",
            "postgres://u:topsecret@h1,h2/d",
            "postgres://u:topsecret@h/d?connect_timeout=soon",
            "postgres://u:top%zzsecret@h/d",
        ]
        for url in bad {
            XCTAssertThrowsError(try PostgresLocation(url: url, environment: noEnvironment, passwordFile: noFile), url) { error in
                guard let error = error as? WalletError else { return XCTFail("\(url): \(error)") }
                XCTAssertEqual(error.code, .invalidInput, url)
                XCTAssertFalse(error.message.contains("topsecret") || error.message.contains("zzsecret"), "\(url): \(error.message)")
                XCTAssertFalse(error.message.contains("\n"), url)
            }
        }
    }

    func testIPv6HostsAndSocketFolders() throws {
        let v6 = try PostgresLocation(url: "postgres://u@[::1]:5433/d", environment: noEnvironment, passwordFile: noFile)
        XCTAssertEqual(v6.host, "::1")
        XCTAssertEqual(v6.port, 5433)
        XCTAssertEqual(v6.description, "postgres://u@[::1]:5433/d")
        let socket = try PostgresLocation(url: "postgres:///d?host=/var/run/postgresql", environment: ["USER": "u"], passwordFile: noFile)
        XCTAssertEqual(socket.host, "/var/run/postgresql")
        XCTAssertTrue(PostgresLocation.isURL("postgresql://x"))
        XCTAssertFalse(PostgresLocation.isURL("/tmp/postgres://x"))
    }
}
#endif
