import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small RFC 6455 WebSocket client over a plain TCP socket (`ws://` only): the handshake,
/// masked client frames, text messages (with continuation frames), ping/pong and close.
///
/// ```swift
/// let socket = try WebSocketClient.connect(to: try WebSocketURL(parsing: "ws://127.0.0.1:21213/"))
/// while case .text(let message) = try socket.receive(timeoutMs: 500) { … }
/// ```
final class WebSocketClient {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var fragments: [UInt8] = []
    private var closed = false

    /// What `receive` got.
    enum Message {
        case text(String)
        case idle
        case closed(String)
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    private init(fd: Int32) { self.fd = fd }

    deinit { Glibc.close(fd) }

    /// Connects and performs the opening handshake.
    static func connect(to url: WebSocketURL, timeoutMs: Int32 = 5000) throws -> WebSocketClient {
        let fd = try openSocket(host: url.host, port: url.port, timeoutMs: timeoutMs)
        let client = WebSocketClient(fd: fd)
        var keyBytes = [UInt8](repeating: 0, count: 16)
        for i in keyBytes.indices { keyBytes[i] = UInt8.random(in: 0...255) }
        let key = Data(keyBytes).base64EncodedString()
        let request = "GET \(url.path) HTTP/1.1\r\nHost: \(url.host):\(url.port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\nUser-Agent: tikscore\r\n\r\n"
        try client.send(Array(request.utf8))
        let head = try client.readHead(timeoutMs: timeoutMs)
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard let status = lines.first, status.split(separator: " ").dropFirst().first == "101" else {
            throw Failure(description: "the server refused the WebSocket upgrade (\(lines.first ?? "no answer"))")
        }
        let expected = Data(SHA1.digest(Array((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").utf8))).base64EncodedString()
        let accept = lines.first { $0.lowercased().hasPrefix("sec-websocket-accept:") }
            .map { $0.dropFirst("sec-websocket-accept:".count).trimmingCharacters(in: .whitespaces) }
        guard accept == expected else { throw Failure(description: "the server's handshake is not a WebSocket handshake") }
        return client
    }

    /// The next text message, `idle` after `timeoutMs`, or `closed`.
    func receive(timeoutMs: Int32) throws -> Message {
        while true {
            if let frame = try parseFrame() {
                switch frame.opcode {
                case 0x1, 0x0:
                    fragments += frame.payload
                    if frame.fin {
                        defer { fragments.removeAll() }
                        return .text(String(decoding: fragments, as: UTF8.self))
                    }
                case 0x2:
                    continue
                case 0x8:
                    try? sendFrame(opcode: 0x8, payload: Array(frame.payload.prefix(2)))
                    closed = true
                    return .closed("the server closed the connection")
                case 0x9:
                    try sendFrame(opcode: 0xA, payload: frame.payload)
                default:
                    continue
                }
                continue
            }
            if closed { return .closed("connection closed") }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, timeoutMs)
            if ready == 0 { return .idle }
            if ready < 0 { if errno == EINTR { return .idle }; return .closed("connection error") }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 65_536, 0) }
            if count <= 0 {
                closed = true
                return .closed(count == 0 ? "the connection dropped" : "connection error: \(String(cString: strerror(errno)))")
            }
            buffer += chunk[0..<count]
        }
    }

    /// Sends a close frame.
    func close() { try? sendFrame(opcode: 0x8, payload: [0x03, 0xE8]) }

    // MARK: Frames

    private struct Frame {
        var fin: Bool
        var opcode: UInt8
        var payload: [UInt8]
    }

    private func parseFrame() throws -> Frame? {
        guard buffer.count >= 2 else { return nil }
        let fin = buffer[0] & 0x80 != 0
        let opcode = buffer[0] & 0x0F
        let masked = buffer[1] & 0x80 != 0
        var length = UInt64(buffer[1] & 0x7F)
        var index = 2
        if length == 126 {
            guard buffer.count >= 4 else { return nil }
            length = UInt64(buffer[2]) << 8 | UInt64(buffer[3])
            index = 4
        } else if length == 127 {
            guard buffer.count >= 10 else { return nil }
            length = buffer[2..<10].reduce(0) { $0 << 8 | UInt64($1) }
            index = 10
        }
        guard length <= 16 * 1024 * 1024 else { throw Failure(description: "a WebSocket message over 16 MiB") }
        var mask: [UInt8] = []
        if masked {
            guard buffer.count >= index + 4 else { return nil }
            mask = Array(buffer[index..<index + 4])
            index += 4
        }
        guard buffer.count >= index + Int(length) else { return nil }
        var payload = Array(buffer[index..<index + Int(length)])
        if masked { for i in payload.indices { payload[i] ^= mask[i % 4] } }
        buffer.removeFirst(index + Int(length))
        return Frame(fin: fin, opcode: opcode, payload: payload)
    }

    private func sendFrame(opcode: UInt8, payload: [UInt8]) throws {
        var frame: [UInt8] = [0x80 | opcode]
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255) }
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else if payload.count <= 0xFFFF {
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        } else {
            frame.append(0x80 | 127)
            for shift in stride(from: 56, through: 0, by: -8) { frame.append(UInt8(truncatingIfNeeded: UInt64(payload.count) >> UInt64(shift))) }
        }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        try send(frame)
    }

    // MARK: Socket

    private func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { throw Failure(description: "cannot send: \(String(cString: strerror(errno)))") }
            sent += n
        }
    }

    private func readHead(timeoutMs: Int32) throws -> String {
        let end: [UInt8] = [13, 10, 13, 10]
        while true {
            if let range = findSubsequence(end, in: buffer) {
                let head = String(decoding: buffer[..<range], as: UTF8.self)
                buffer.removeFirst(range + 4)
                return head
            }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, timeoutMs) > 0 else { throw Failure(description: "no handshake answer within \(timeoutMs) ms") }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 4096, 0) }
            guard count > 0 else { throw Failure(description: "the server closed the connection during the handshake") }
            buffer += chunk[0..<count]
            guard buffer.count < 65_536 else { throw Failure(description: "handshake answer too long") }
        }
    }

    private func findSubsequence(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where Array(haystack[i..<i + needle.count]) == needle { return i }
        return nil
    }

    private static func openSocket(host: String, port: Int, timeoutMs: Int32) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let first = result else {
            throw Failure(description: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(result) }
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        var lastError = "no address"
        while let info = cursor {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return fd }
                lastError = String(cString: strerror(errno))
                Glibc.close(fd)
            }
            cursor = info.pointee.ai_next
        }
        throw Failure(description: "cannot connect to \(host):\(port): \(lastError)")
    }
}

/// A parsed `ws://host:port/path` address.
struct WebSocketURL {
    let host: String
    let port: Int
    let path: String

    init(parsing text: String) throws {
        guard text.lowercased().hasPrefix("ws://") else {
            throw CLIError("'\(text)' is not a ws:// address (wss:// is not supported; TikFinity serves ws://localhost:21213/)")
        }
        let rest = text.dropFirst(5)
        let authority = rest.prefix { $0 != "/" }
        path = rest.count > authority.count ? String(rest.dropFirst(authority.count)) : "/"
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            port = after.hasPrefix(":") ? Int(after.dropFirst()) ?? -1 : 80
        } else {
            let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
            host = String(parts[0])
            port = parts.count == 2 ? Int(parts[1]) ?? -1 : (parts.count == 1 ? 80 : -1)
        }
        guard !host.isEmpty, (1...65_535).contains(port) else { throw CLIError("'\(text)' is not a valid ws://HOST:PORT/ address") }
    }
}
