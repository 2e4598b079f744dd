import Foundation

/// A libpq password file (`~/.pgpass`, or `PGPASSFILE`): lines of
/// `hostname:port:database:username:password`, `*` matching anything, `\:` and `\\` escaping,
/// `#` starting a comment; the first line that matches gives the password. As libpq does, a file
/// that its group or others may read is ignored.
///
/// ```swift
/// let file = PasswordFile(text: "db.example.com:5432:*:ops:s3cret\n")
/// file.password(host: "db.example.com", port: 5432, database: "agency", user: "ops")   // "s3cret"
/// ```
public struct PasswordFile: Sendable, Equatable {
    private var entries: [[String]]

    public init(text: String) {
        entries = text.split(whereSeparator: \.isNewline).compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = Self.fields(of: line)
            return fields.count == 5 ? fields : nil
        }
    }

    /// The file the environment names (`PGPASSFILE`, else `$HOME/.pgpass`), when it exists, is a
    /// regular file and is not readable by group or others.
    public static func standard(environment: [String: String]) -> PasswordFile? {
        let path: String
        if let named = environment["PGPASSFILE"], !named.isEmpty {
            path = named
        } else if let home = environment["HOME"], !home.isEmpty {
            path = home + "/.pgpass"
        } else {
            return nil
        }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_mode & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return PasswordFile(text: text)
    }

    /// The password of the first entry matching the connection, if any. A host given as a socket
    /// folder matches the entry `localhost`, as in libpq.
    public func password(host: String, port: Int, database: String, user: String) -> String? {
        let hostName = host.hasPrefix("/") ? "localhost" : host
        let wanted = [hostName, String(port), database, user]
        return entries.first { entry in zip(entry.prefix(4), wanted).allSatisfy { $0 == "*" || $0 == $1 } }?[4]
    }

    /// The colon-separated fields of a line, with `\` escaping the next character.
    private static func fields(of line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
