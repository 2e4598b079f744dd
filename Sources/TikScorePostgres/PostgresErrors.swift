import Foundation
import NIOCore
import PostgresNIO
import TikScoreCore

/// Server and connection errors in a user's words: one line, the wallet named by host and
/// database, never a password.
enum PostgresErrors {
    /// SQLSTATEs of a transaction refused for a conflict with another, which a retry resolves:
    /// serialization failure and deadlock.
    static let conflictStates: Set<String> = ["40001", "40P01"]

    static func sqlState(_ error: Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    static func isConflict(_ error: Error) -> Bool {
        sqlState(error).map(conflictStates.contains) ?? false
    }

    /// - Parameter connecting: the error came while connecting (the server's name leads).
    static func translate(_ error: Error, location: PostgresLocation, connecting: Bool = false) -> Error {
        if let error = error as? WalletError { return error }
        guard let psql = error as? PSQLError else {
            return WalletError(.storage, "cannot reach the PostgreSQL wallet \(location): \(OneLine.sanitize(scrub(String(describing: error), location)))")
        }
        if let info = psql.serverInfo {
            let message = scrub(info[.message] ?? "an error", location)
            let state = info[.sqlState] ?? "?"
            if connecting || state.hasPrefix("28") || state == "3D000" {
                return WalletError(.storage, "cannot open the PostgreSQL wallet \(location): \(OneLine.sanitize(message)) (SQLSTATE \(state))")
            }
            return WalletError(.storage, "the PostgreSQL wallet \(location) refused a statement: \(OneLine.sanitize(message)) (SQLSTATE \(state))")
        }
        let reason: String
        switch psql.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown: reason = "the connection was lost or refused"
        case .sslUnsupported: reason = "the server does not offer TLS (sslmode=\(location.sslMode.rawValue) needs it)"
        case .failedToAddSSLHandler: reason = "TLS could not be set up"
        case .authMechanismRequiresPassword: reason = "the server asks for a password (in the URL, PGPASSWORD or ~/.pgpass)"
        case .unsupportedAuthMechanism: reason = "the server asks for an authentication method TikScore does not speak"
        default: reason = scrub(String(describing: psql.code), location)
        }
        if let underlying = psql.underlying {
            return WalletError(.storage, "cannot reach the PostgreSQL wallet \(location): \(reason) (\(OneLine.sanitize(scrub(String(describing: underlying), location))))")
        }
        return WalletError(.storage, "cannot reach the PostgreSQL wallet \(location): \(reason)")
    }

    static func damaged(_ table: String, _ column: String, _ reason: String) -> WalletError {
        WalletError(.storage, "the wallet is damaged: \(table).\(column) is \(reason)")
    }

    /// Any text that could carry the password, without it.
    private static func scrub(_ text: String, _ location: PostgresLocation) -> String {
        guard let password = location.password, !password.isEmpty else { return text }
        return text.replacingOccurrences(of: password, with: "•••")
    }
}
