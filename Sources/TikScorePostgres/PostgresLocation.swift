import Foundation
import TikScoreCore

/// Where a PostgreSQL wallet lives and how to reach it, read as libpq reads it: the URL first
/// (`postgres://user:password@host:port/database?sslmode=require`), then `PGUSER`, `PGHOST`,
/// `PGPORT`, `PGDATABASE`, `PGPASSWORD`, `PGSSLMODE`, then the password file (`PGPASSFILE` or
/// `~/.pgpass`). A password is kept for the connection only: `description` never shows it.
///
/// ```swift
/// let location = try PostgresLocation(url: "postgres://ops@db.example.com/agency?sslmode=verify-full")
/// location.description   // "postgres://ops@db.example.com:5432/agency"
/// ```
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How TLS is asked for, as libpq's `sslmode` names it.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var user: String
    /// A host name or address, or a folder holding the server's socket (starting with `/`).
    public var host: String
    public var port: Int
    public var database: String
    public var password: String?
    public var sslMode: SSLMode
    /// `sslrootcert`: the certificates that verify the server (verify-ca, verify-full).
    public var rootCertificate: String?
    /// `connect_timeout`, in seconds.
    public var connectTimeout: Int

    /// Whether `text` names a PostgreSQL wallet rather than a file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads `url` with the environment and password file as libpq would.
    ///
    /// - Throws: `WalletError` `invalidInput` naming what is wrong with the URL (never its password).
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                passwordFile: PasswordFile? = nil) throws {
        guard let schemeEnd = url.range(of: "://"), Self.isURL(url) else {
            throw Self.invalid("it does not start with postgres:// or postgresql://")
        }
        var rest = Substring(url[schemeEnd.upperBound...])
        var query = Substring("")
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path = Substring("")
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        var userText: String?
        var passwordText: String?
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                userText = try Self.decoded(userInfo[..<colon], "user")
                passwordText = try Self.decoded(userInfo[userInfo.index(after: colon)...], "password")
            } else {
                userText = try Self.decoded(userInfo, "user")
            }
        }
        var hostText: String?
        var portText: String?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw Self.invalid("an IPv6 host needs its closing ]") }
            hostText = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = String(after.dropFirst()) } else if !after.isEmpty { throw Self.invalid("unexpected text after the host") }
        } else if let colon = rest.lastIndex(of: ":") {
            hostText = try Self.decoded(rest[..<colon], "host")
            portText = String(rest[rest.index(after: colon)...])
        } else if !rest.isEmpty {
            hostText = try Self.decoded(rest, "host")
        }
        if hostText?.contains(",") == true { throw Self.invalid("several hosts are not supported; name one") }
        var databaseText = path.isEmpty ? nil : try Self.decoded(path, "database")
        var mode: String?
        var rootCert: String?
        var timeout: String?
        for pair in query.split(separator: "&") where !pair.isEmpty {
            guard let equals = pair.firstIndex(of: "=") else { throw Self.invalid("the parameter '\(OneLine.sanitize(String(pair.prefix(40))))' has no value") }
            let name = try Self.decoded(pair[..<equals], "parameter")
            let value = try Self.decoded(pair[pair.index(after: equals)...], name)
            switch name {
            case "sslmode": mode = value
            case "sslrootcert": rootCert = value
            case "connect_timeout": timeout = value
            case "host": hostText = value
            case "port": portText = value
            case "user": userText = value
            case "password": passwordText = value
            case "dbname": databaseText = value
            case "application_name": break
            default: throw Self.invalid("the parameter '\(OneLine.sanitize(String(name.prefix(40))))' is not one TikScore reads (sslmode, sslrootcert, connect_timeout, host, port, user, password, dbname, application_name)")
            }
        }
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        user = userText.flatMap { $0.isEmpty ? nil : $0 } ?? env("PGUSER") ?? env("USER") ?? env("LOGNAME") ?? "postgres"
        host = hostText.flatMap { $0.isEmpty ? nil : $0 } ?? env("PGHOST") ?? "localhost"
        let portValue = portText.flatMap { $0.isEmpty ? nil : $0 } ?? env("PGPORT") ?? "5432"
        guard let port = Int(portValue), (1...65535).contains(port) else {
            throw Self.invalid("the port '\(OneLine.sanitize(String(portValue.prefix(20))))' is not a number from 1 to 65535")
        }
        self.port = port
        database = databaseText.flatMap { $0.isEmpty ? nil : $0 } ?? env("PGDATABASE") ?? user
        let modeText = mode ?? env("PGSSLMODE") ?? SSLMode.prefer.rawValue
        guard let sslMode = SSLMode(rawValue: modeText) else {
            throw Self.invalid("sslmode '\(OneLine.sanitize(String(modeText.prefix(20))))' is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.sslMode = sslMode
        rootCertificate = rootCert ?? env("PGSSLROOTCERT")
        let timeoutText = timeout ?? env("PGCONNECT_TIMEOUT") ?? "10"
        guard let seconds = Int(timeoutText), seconds >= 0 else {
            throw Self.invalid("connect_timeout '\(OneLine.sanitize(String(timeoutText.prefix(20))))' is not a whole number of seconds")
        }
        connectTimeout = seconds == 0 ? 10 : max(2, seconds)
        let file = passwordFile ?? PasswordFile.standard(environment: environment)
        password = passwordText ?? env("PGPASSWORD")
            ?? file?.password(host: host, port: port, database: database, user: user)
    }

    /// The wallet as a status line or a message shows it: no password, ever.
    public var description: String {
        let shownHost = host.contains(":") && !host.hasPrefix("/") ? "[\(host)]" : host
        return "postgres://\(Self.encoded(user))@\(shownHost):\(port)/\(Self.encoded(database))"
    }

    /// Host and database, for the dashboard's status line.
    public var shortDescription: String { "\(host):\(port)/\(database)" }

    private static func invalid(_ reason: String) -> WalletError {
        WalletError(.invalidInput, "the PostgreSQL URL cannot be read: \(reason)")
    }

    /// Percent-decoding, refusing a broken escape.
    private static func decoded(_ text: Substring, _ part: String) throws -> String {
        guard text.contains("%") else { return String(text) }
        guard let value = String(text).removingPercentEncoding else {
            throw invalid("the \(part) has a broken %-escape")
        }
        return value
    }

    private static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
