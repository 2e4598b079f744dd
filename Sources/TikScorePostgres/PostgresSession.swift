import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import TikScoreCore

/// One connection to a PostgreSQL wallet, used by one piece of work at a time on a thread of its
/// own, where the wallet's state machine may read synchronously in the middle of a transaction
/// (it decides inside the transaction, against what it reads there). A lost connection is made
/// again on the next piece of work.
///
/// ```swift
/// let session = PostgresSession(location: location)
/// let count = try await session.run { try $0.query("SELECT count(*) FROM accounts").first?.int64(0) }
/// ```
final class PostgresSession: @unchecked Sendable {
    let location: PostgresLocation
    private let queue: DispatchQueue
    private var connection: PostgresConnection?
    private static let logger = Logger(label: "tikscore.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    init(location: PostgresLocation, label: String = "tikscore.postgres") {
        self.location = location
        queue = DispatchQueue(label: label)
    }

    deinit {
        if let connection { Self.release(connection) }
    }

    /// Closes `connection` without waiting, keeping it until it is closed (a connection must not
    /// go before its channel does).
    static func release(_ connection: PostgresConnection) {
        let closed: EventLoopFuture<Void> = connection.close()
        closed.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Runs `body` on the session's thread with a live connection. When the connection was lost
    /// under it (a restarted server, a dropped network), `body` runs again on a new one, up to
    /// twice: a transaction the server never committed left nothing, and one whose commit's
    /// answer was lost is answered again by its key records. A `body` with an effect outside the
    /// database (rows handed out as they come) passes `retrying: false`.
    ///
    /// - Throws: what `body` throws; a `WalletError` `storage` when the server cannot be reached.
    func run<T: Sendable>(retrying: Bool = true, _ body: @escaping @Sendable (PostgresLink) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.attempt(retrying ? 3 : 1, body) })
            }
        }
    }

    private func attempt<T>(_ times: Int, _ body: (PostgresLink) throws -> T) throws -> T {
        var left = times
        while true {
            let connection = try connected()
            do {
                return try body(PostgresLink(connection: connection, location: location))
            } catch {
                left -= 1
                guard connection.isClosed, left > 0 else { throw PostgresErrors.translate(error, location: location) }
                self.connection = nil
                usleep(100_000)
            }
        }
    }

    /// Closes the connection (the next `run` opens another).
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                if let connection = self.connection {
                    let closed: EventLoopFuture<Void> = connection.close()
                    try? closed.wait()
                }
                self.connection = nil
                continuation.resume()
            }
        }
    }

    /// The open connection, made when there is none or the last one was lost.
    private func connected() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        connection = nil
        let made = try Self.connect(location)
        connection = made
        return made
    }

    /// A new connection, TLS as `sslmode` asks, made from the session's thread.
    ///
    /// - Throws: a `WalletError` `storage` saying where the server could not be reached, and why.
    static func connect(_ location: PostgresLocation) throws -> PostgresConnection {
        let configuration = try configuration(location)
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        let future = eventLoop.makeFutureWithTask {
            try await PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 1, logger: Self.logger)
        }
        do {
            return try future.wait()
        } catch {
            throw PostgresErrors.translate(error, location: location, connecting: true)
        }
    }

    /// A new connection, from a task (the listener of `changes()`).
    static func connectAsync(_ location: PostgresLocation) async throws -> PostgresConnection {
        let configuration = try configuration(location)
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 2, logger: Self.logger)
        } catch {
            throw PostgresErrors.translate(error, location: location, connecting: true)
        }
    }

    private static func configuration(_ location: PostgresLocation) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        do {
            let tls = try tlsMode(location)
            if location.host.hasPrefix("/") {
                configuration = PostgresConnection.Configuration(
                    unixSocketPath: location.host + "/.s.PGSQL.\(location.port)", username: location.user,
                    password: location.password, database: location.database)
            } else {
                configuration = PostgresConnection.Configuration(
                    host: location.host, port: location.port, username: location.user, password: location.password,
                    database: location.database, tls: tls)
            }
        } catch {
            throw WalletError(.storage, "cannot set up TLS for \(location): \(OneLine.sanitize(String(describing: error)))")
        }
        configuration.options.connectTimeout = .seconds(Int64(location.connectTimeout))
        return configuration
    }

    private static func tlsMode(_ location: PostgresLocation) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch location.sslMode {
        case .disable:
            return .disable
        case .allow, .prefer:
            tls.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: tls))
        case .require:
            tls.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: tls))
        case .verifyCA, .verifyFull:
            tls.certificateVerification = location.sslMode == .verifyFull ? .fullVerification : .noHostnameVerification
            if let root = location.rootCertificate ?? defaultRootCertificate() {
                tls.trustRoots = .file(root)
            }
            return .require(try NIOSSLContext(configuration: tls))
        }
    }

    /// `~/.postgresql/root.crt`, where libpq looks by default, when it exists.
    private static func defaultRootCertificate() -> String? {
        guard let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty else { return nil }
        let path = home + "/.postgresql/root.crt"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}

/// A value bound to a statement's `$n`.
enum PostgresValue: Sendable {
    case text(String?)
    case int(Int64?)
    case bool(Bool?)
}

/// The connection as the session's thread uses it: statements that block until answered.
struct PostgresLink {
    let connection: PostgresConnection
    let location: PostgresLocation
    private static let logger = Logger(label: "tikscore.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The rows of one statement.
    ///
    /// - Throws: a `PSQLError` as the server answered (see `PostgresErrors`).
    @discardableResult
    func query(_ sql: String, _ values: [PostgresValue] = []) throws -> [PostgresRandomAccessRow] {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let text): bindings.append(text)
            case .int(let number): bindings.append(number)
            case .bool(let flag): bindings.append(flag)
            }
        }
        let result = try connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: Self.logger).wait()
        return result.rows.map { $0.makeRandomAccess() }
    }

    /// Ends a failed transaction. On a connection the server has dropped, a statement's answer
    /// may never come: the wait is bounded, and a connection that does not answer is closed (so
    /// the session makes a new one).
    private func rollback() {
        guard !connection.isClosed else { return }
        let done = DispatchSemaphore(value: 0)
        connection.query(PostgresQuery(unsafeSQL: "ROLLBACK"), logger: Self.logger).whenComplete { _ in done.signal() }
        if done.wait(timeout: .now() + .seconds(5)) == .timedOut {
            let _: EventLoopFuture<Void> = connection.close()
        }
    }

    /// Statements without parameters, each ending in `;` at the end of a line (one at a time: a
    /// prepared statement holds one).
    func execute(_ sql: String) throws {
        for statement in sql.components(separatedBy: ";\n") {
            let text = statement.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, text != ";" else { continue }
            _ = try connection.query(PostgresQuery(unsafeSQL: text), logger: Self.logger).wait()
        }
    }

    /// `body` in one transaction that first takes the wallet's write lock (a transaction-scoped
    /// advisory lock), as SQLite's `BEGIN IMMEDIATE` takes its write lock: writers from every
    /// host take turns, each reads what the ones before it committed (READ COMMITTED reads anew
    /// at each statement, after the lock), so no update is lost and no deadlock can form. The
    /// state machine reads rows as it decides, so they cannot be locked in a fixed order ahead;
    /// and under SERIALIZABLE, the predicate locks on the shared key index made nearly every
    /// pair of concurrent writers conflict. A transaction the server still refuses for a
    /// conflict (a serialization failure, a deadlock) is run again, up to `attempts` times.
    ///
    /// - Throws: what `body` throws, or a `WalletError` `storage` for any other server error.
    func transaction<T>(attempts: Int = 8, _ body: (PostgresLink) throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                try execute("BEGIN ISOLATION LEVEL READ COMMITTED")
                try query("SELECT pg_advisory_xact_lock($1)", [.int(PostgresSchema.writeLock)])
                let result = try body(self)
                try execute("COMMIT")
                return result
            } catch {
                rollback()
                guard PostgresErrors.isConflict(error), attempt < attempts else {
                    throw PostgresErrors.translate(error, location: location)
                }
                let ceiling = min(200_000, 2_000 << min(attempt, 7))
                usleep(useconds_t(Int.random(in: ceiling / 2...ceiling)))
                attempt += 1
            }
        }
    }

    /// `body` in one read-only REPEATABLE READ transaction: one consistent snapshot.
    func snapshot<T>(_ body: (PostgresLink) throws -> T) throws -> T {
        do {
            try execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            let result = try body(self)
            try execute("COMMIT")
            return result
        } catch {
            rollback()
            throw PostgresErrors.translate(error, location: location)
        }
    }
}

/// Reading the cells of a row, with damage named as the SQLite store names it.
extension PostgresRandomAccessRow {
    func text(_ column: String, table: String) throws -> String {
        guard let value = try optionalText(column, table: table) else { throw PostgresErrors.damaged(table, column, "missing") }
        return value
    }

    func optionalText(_ column: String, table: String) throws -> String? {
        do { return try self[column].decode(String?.self) } catch { throw PostgresErrors.damaged(table, column, "not a text") }
    }

    func int64(_ column: String, table: String) throws -> Int64 {
        guard let value = try optionalInt64(column, table: table) else { throw PostgresErrors.damaged(table, column, "missing") }
        return value
    }

    func optionalInt64(_ column: String, table: String) throws -> Int64? {
        do { return try self[column].decode(Int64?.self) } catch { throw PostgresErrors.damaged(table, column, "not a whole number") }
    }

    func bool(_ column: String, table: String) throws -> Bool {
        do {
            guard let value = try self[column].decode(Bool?.self) else { throw PostgresErrors.damaged(table, column, "missing") }
            return value
        } catch let error as WalletError {
            throw error
        } catch {
            throw PostgresErrors.damaged(table, column, "not true or false")
        }
    }
}
