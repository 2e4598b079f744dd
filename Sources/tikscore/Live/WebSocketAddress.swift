import Foundation

/// A parsed `ws://HOST[:PORT]/PATH[?QUERY]` or `wss://…` address (port 80 or 443 by default; an
/// IPv6 host in brackets, `ws://[::1]:21213/`).
struct WebSocketAddress: Sendable, Equatable {
    /// `ws` or `wss`.
    let scheme: String
    /// The host name or address, without brackets.
    let host: String
    let port: Int
    /// The path, starting with `/`.
    let path: String
    /// The query, without its `?`.
    let query: String?

    /// Whether the connection uses TLS.
    var isSecure: Bool { scheme == "wss" }

    /// Parses `text`.
    ///
    /// - Throws: `CLIError` naming the address when it is not a `ws://` or `wss://` address with a
    ///   host and a port from 1 to 65535.
    init(parsing text: String) throws {
        let lowered = text.lowercased()
        let rest: Substring
        if lowered.hasPrefix("ws://") {
            scheme = "ws"
            rest = text.dropFirst(5)
        } else if lowered.hasPrefix("wss://") {
            scheme = "wss"
            rest = text.dropFirst(6)
        } else {
            throw CLIError("'\(text)' is not a ws:// or wss:// address (TikFinity serves ws://localhost:21213/)")
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var target = rest.dropFirst(authority.count)
        if let hash = target.firstIndex(of: "#") { target = target[..<hash] }
        if let mark = target.firstIndex(of: "?") {
            let after = target[target.index(after: mark)...]
            query = after.isEmpty ? nil : String(after)
            target = target[..<mark]
        } else {
            query = nil
        }
        path = target.isEmpty ? "/" : String(target)
        let defaultPort = scheme == "wss" ? 443 : 80
        let hostPart: Substring
        let portPart: Substring?
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            portPart = after.isEmpty ? nil : (after.hasPrefix(":") ? after.dropFirst() : after)
        } else {
            let parts = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            hostPart = parts.first ?? ""
            portPart = parts.count == 2 ? parts[1] : nil
        }
        host = String(hostPart)
        if let portPart {
            port = Int(portPart) ?? -1
        } else {
            port = defaultPort
        }
        guard !host.isEmpty, !host.contains("@"), (1...65_535).contains(port) else {
            throw CLIError("'\(text)' is not a valid \(scheme)://HOST:PORT/ address")
        }
    }
}
