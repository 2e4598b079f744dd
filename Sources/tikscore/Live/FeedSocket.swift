import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket
import WebSocketKit

/// One WebSocket connection to a LIVE feed, through vapor/websocket-kit over swift-nio (`ws://`,
/// or `wss://` through swift-nio-ssl with full certificate and host name verification).
///
/// websocket-kit answers pings and joins fragments; NIO's event loop only hands each text message
/// to ``events``, which the command's own task reads, so nothing here touches the wallet.
///
/// ```swift
/// let socket = try await FeedSocket.connect(to: try WebSocketAddress(parsing: "ws://127.0.0.1:21213/"), tls: nil)
/// for await event in socket.events { … }   // .text, .tick every 500 ms, then one .closed
/// socket.waitingMessages                     // messages received and not yet read (group commit)
/// ```
final class FeedSocket: Sendable {
    /// What the connection delivers, in order; `.closed` comes last.
    enum Event: Sendable {
        /// A text message (it may hold several JSON lines).
        case text(String)
        /// Half a second passed (time to close streaks whose end never came).
        case tick
        /// The connection ended.
        case closed(Close)
    }

    /// How a connection ended.
    struct Close: Sendable, CustomStringConvertible {
        /// The server ended it with a close frame (normal closure, going away, or no code).
        let isClean: Bool
        let description: String

        init(code: WebSocketErrorCode?) {
            switch code {
            case .normalClosure?, .goingAway?, .unknown(1005)?:
                isClean = true
                description = "the server closed the connection"
            case nil, .unknown(1006)?:
                // A cut connection, and also a malformed frame: NIO answers it and closes before
                // websocket-kit can record a code.
                isClean = false
                description = "the connection broke off without a close frame"
            case .protocolError?:
                isClean = false
                description = "the connection failed (a WebSocket protocol error, code 1002)"
            case .unexpectedServerError?:
                isClean = false
                description = "the connection failed (a read error such as a reset, or the server's code 1011)"
            case .messageTooLarge?:
                isClean = false
                description = "the connection failed (a message over \(FeedSocket.maxMessageBytes >> 20) MiB, code 1009)"
            case .some(let other):
                isClean = false
                description = "the connection failed (code \(UInt16(webSocketErrorCode: other)))"
            }
        }
    }

    /// The largest frame and the largest message taken: 64 MiB.
    static let maxMessageBytes = 64 << 20
    /// How long the TCP connection, the TLS handshake and the WebSocket upgrade may take together.
    static let handshakeTimeout = TimeAmount.seconds(5)

    /// The connection's messages, for one reader.
    let events: Events
    private let socket: WebSocket
    private let ticker: Task<Void, Never>
    private let backlog: Backlog

    private init(socket: WebSocket, events: AsyncStream<Event>, ticker: Task<Void, Never>, backlog: Backlog) {
        self.socket = socket
        self.events = Events(stream: events, backlog: backlog)
        self.ticker = ticker
        self.backlog = backlog
    }

    /// Text messages received and not yet taken from ``events``: when there are none, what has
    /// arrived is all applied, and the feed commits.
    var waitingMessages: Int { backlog.count }

    /// A count of messages between the event loop and the reader.
    final class Backlog: Sendable {
        private let value = NIOLockedValueBox(0)
        var count: Int { value.withLockedValue { $0 } }
        func add() { value.withLockedValue { $0 += 1 } }
        func take() { value.withLockedValue { $0 -= 1 } }
    }

    /// ``Event``s in order, counting each text message off the backlog as it is read.
    struct Events: AsyncSequence, Sendable {
        typealias Element = Event
        let stream: AsyncStream<Event>
        let backlog: Backlog

        struct AsyncIterator: AsyncIteratorProtocol {
            var base: AsyncStream<Event>.AsyncIterator
            let backlog: Backlog

            mutating func next() async -> Event? {
                let event = await base.next()
                if case .text = event { backlog.take() }
                return event
            }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: stream.makeAsyncIterator(), backlog: backlog) }
    }

    deinit { ticker.cancel() }

    /// The TLS settings of a `wss://` connection: the system's trust roots, or only the
    /// certificates in `caFile` (PEM); the certificate chain and the host name are always verified.
    ///
    /// - Throws: `CLIError` when `caFile` holds no readable PEM certificate.
    static func tlsConfiguration(caFile: String?) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        if let caFile {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(caFile)
            } catch {
                throw CLIError("--ca \(caFile): not a readable PEM certificate file")
            }
            guard !certificates.isEmpty else { throw CLIError("--ca \(caFile): holds no certificate") }
            tls.trustRoots = .certificates(certificates)
        }
        return tls
    }

    /// Connects and performs the opening handshake (TLS first for `wss://`), within
    /// ``handshakeTimeout``.
    ///
    /// - Throws: the connection's error; ``reason(for:)`` says it in words.
    static func connect(to address: WebSocketAddress, tls: TLSConfiguration?) async throws -> FeedSocket {
        let group = MultiThreadedEventLoopGroup.singleton
        var configuration = WebSocketClient.Configuration(tlsConfiguration: tls, maxFrameSize: maxMessageBytes)
        configuration.maxAccumulatedFrameSize = maxMessageBytes
        let client = WebSocketClient(eventLoopGroupProvider: .shared(group), configuration: configuration)
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        let backlog = Backlog()
        let attempt = Attempt(promise: group.any().makePromise(of: WebSocket.self))
        let timeout = group.any().scheduleTask(in: handshakeTimeout) { attempt.fail(Timeout()) }
        client.connect(scheme: address.scheme, host: address.host, port: address.port, path: address.path,
                       query: address.query, headers: ["User-Agent": "tikscore"]) { socket in
            // On the connection's event loop, before any message is read.
            socket.onText { _, text in
                backlog.add()
                continuation.yield(.text(text))
            }
            socket.onClose.whenComplete { _ in
                continuation.yield(.closed(Close(code: socket.closeCode)))
                continuation.finish()
            }
            attempt.upgraded(socket)
        }.whenComplete { result in
            switch result {
            case .success: attempt.succeed()
            case .failure(let error): attempt.fail(error)
            }
        }
        let socket: WebSocket
        do {
            socket = try await attempt.promise.futureResult.get()
            timeout.cancel()
        } catch {
            timeout.cancel()
            continuation.finish()
            throw error
        }
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
                if case .terminated = continuation.yield(.tick) { return }
            }
        }
        continuation.onTermination = { _ in ticker.cancel() }
        return FeedSocket(socket: socket, events: events, ticker: ticker, backlog: backlog)
    }

    /// Sends a close frame (normal closure) and waits up to a second for the server's answer.
    func close() async {
        ticker.cancel()
        try? await socket.close(code: .normalClosure).get()
        let answered = socket.eventLoop.makePromise(of: Void.self)
        socket.onClose.cascade(to: answered)
        socket.eventLoop.scheduleTask(in: .seconds(1)) { answered.succeed(()) }
        try? await answered.futureResult.get()
    }

    /// A connection error in words, for the `cannot connect (…)` and `error:` lines.
    static func reason(for error: any Error) -> String {
        switch error {
        case let error as NIOConnectionError:
            if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
                return "cannot resolve \(error.host)"
            }
            return error.connectionErrors.first.map { reason(for: $0.error) } ?? "cannot connect to \(error.host):\(error.port)"
        case let error as IOError:
            return String(cString: strerror(error.errnoCode)).lowercased()
        case ChannelError.connectTimeout:
            return "no answer within \(handshakeTimeout.nanoseconds / 1_000_000_000) s"
        case is Timeout:
            return "no WebSocket handshake within \(handshakeTimeout.nanoseconds / 1_000_000_000) s"
        case WebSocketClient.Error.invalidResponseStatus(let head):
            return "the server refused the WebSocket upgrade (HTTP \(head.status.code) \(head.status.reasonPhrase))"
        case NIOSSLError.handshakeFailed(let failure):
            let detail = String(describing: failure)
            if detail.contains("CERTIFICATE_VERIFY_FAILED") {
                return "the server's certificate is not trusted (TLS certificate verification failed)"
            }
            return "the TLS handshake failed (\(detail))"
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            return "the server's certificate does not name this host"
        case NIOSSLError.uncleanShutdown:
            return "the server closed the connection during the TLS handshake"
        case is ClosedDuringUpgrade, ChannelError.ioOnClosedChannel, ChannelError.alreadyClosed, ChannelError.eof:
            return "the server closed the connection during the handshake"
        default:
            return String(describing: error)
        }
    }

    /// The handshake took longer than ``handshakeTimeout``.
    private struct Timeout: Error {}

    /// The server accepted the upgrade but the connection closed before it could be used.
    private struct ClosedDuringUpgrade: Error {}

    /// One connection attempt: settles its promise once, with the socket when both the upgrade
    /// (which websocket-kit reports first) and `onUpgrade` (which hands over the socket) are done,
    /// or with the first failure or the timeout; it closes a socket that arrives after it gave up.
    private final class Attempt: Sendable {
        let promise: EventLoopPromise<WebSocket>
        private let state = NIOLockedValueBox<State>(.connecting(socket: nil, upgraded: false))

        private enum State {
            case connecting(socket: WebSocket?, upgraded: Bool)
            case settled
        }

        init(promise: EventLoopPromise<WebSocket>) { self.promise = promise }

        /// `onUpgrade` handed over the socket.
        func upgraded(_ socket: WebSocket) {
            settle { state in
                guard case .connecting(_, let upgraded) = state else { return .abandon(socket) }
                state = upgraded ? .settled : .connecting(socket: socket, upgraded: false)
                return upgraded ? .succeed(socket) : .wait
            }
        }

        /// The connect future succeeded.
        func succeed() {
            settle { state in
                guard case .connecting(let socket, _) = state else { return .wait }
                guard let socket else {
                    state = .connecting(socket: nil, upgraded: true)
                    return .awaitSocket
                }
                state = .settled
                return .succeed(socket)
            }
        }

        /// The connection failed or timed out.
        func fail(_ error: any Error) {
            settle { state in
                guard case .connecting(let socket, _) = state else { return .wait }
                state = .settled
                return .fail(error, socket)
            }
        }

        private enum Step {
            case wait
            case succeed(WebSocket)
            case fail(any Error, WebSocket?)
            case abandon(WebSocket)
            case awaitSocket
        }

        private func settle(_ change: (inout State) -> Step) {
            switch state.withLockedValue(change) {
            case .wait:
                break
            case .succeed(let socket):
                promise.succeed(socket)
            case .fail(let error, let socket):
                socket?.close(code: .goingAway, promise: nil)
                promise.fail(error)
            case .abandon(let socket):
                socket.close(code: .goingAway, promise: nil)
            case .awaitSocket:
                // The socket follows within a turn of the event loop, unless the connection closed
                // in between (websocket-kit then never hands it over).
                promise.futureResult.eventLoop.scheduleTask(in: .milliseconds(500)) { self.fail(ClosedDuringUpgrade()) }
            }
        }
    }
}
