import ArgumentParser
import Foundation
import TikScoreCore

/// `tikscore connect CREATOR ws://HOST:PORT/ [--once] [--retries N] [--ca FILE]`.
struct ConnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect",
        abstract: "Apply LIVE events from a WebSocket (TikFinity serves them on ws://localhost:21213/), reconnecting when it drops.",
        discussion: """
            ws:// or wss:// (the certificate and the host name are verified; --ca FILE trusts only the \
            certificates in FILE). After a dropped connection or a read error it reconnects, waiting \
            0.25 s doubling to 8 s; every event is counted once across reconnects (msgIds). Exits 1 \
            when it never connected, or could not reconnect, within --retries attempts.
            """)
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The creator whose LIVE it is.") var creator: String
    @Argument(help: "The WebSocket address, ws://HOST:PORT/ or wss://HOST:PORT/.") var url: String
    @Option(help: "Give up after this many failed connection attempts in a row (0: never).") var retries: Int = 0
    @Flag(help: "Stop when the server closes the connection cleanly, instead of reconnecting.") var once = false
    @Option(help: ArgumentHelp("For wss://: trust only the certificates in this PEM file instead of the system's.", valueName: "file"))
    var ca: String?

    func validate() throws {
        guard retries >= 0 else { throw ValidationError("--retries must be 0 (never give up) or more") }
    }

    func run() async throws {
        let address = try WebSocketAddress(parsing: url)
        if ca != nil && !address.isSecure { throw CLIError("--ca is for wss:// addresses; \(url) is not one") }
        let tls = try address.isSecure ? FeedSocket.tlsConfiguration(caFile: ca) : nil
        let store = try await wallet.open()
        var run = try await FeedRun(store: store, creator: creator)
        var failures = 0
        var backoff = Backoff()
        var gaveUp: String?
        session: while !run.applier.streamEnded {
            let socket: FeedSocket
            do {
                socket = try await FeedSocket.connect(to: address, tls: tls)
            } catch {
                failures += 1
                let reason = FeedSocket.reason(for: error)
                if retries > 0 && failures >= retries {
                    let attempts = Plural.of(Int64(failures), "attempt")
                    // Never connected: nothing was opened, so there is nothing to report.
                    guard run.connected else { throw CLIError("could not connect to \(url) after \(attempts): \(reason)") }
                    gaveUp = "could not reconnect to \(url) after \(attempts): \(reason)"
                    break session
                }
                let wait = backoff.next()
                ConnectCommand.say("cannot connect (\(reason)); retrying in \(String(format: "%g", wait)) s")
                try await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
                continue
            }
            ConnectCommand.say("connected to \(url)")
            failures = 0
            run.markConnected()
            var received = false
            var ending = FeedSocket.Close(code: nil)
            reading: for await event in socket.events {
                switch event {
                case .text(let message):
                    received = true
                    await run.message(message)
                    // Group commit: one transaction for what arrived while the last one ran.
                    if socket.waitingMessages == 0 { await run.commit() } else { await run.flushIfDue() }
                    if run.applier.streamEnded {
                        await run.flush()
                        if run.applier.streamEnded {
                            await socket.close()
                            break session
                        }
                    }
                case .tick:
                    await run.tick()
                case .closed(let close):
                    await run.flush()
                    ending = close
                    break reading
                }
            }
            // A connection that carried events starts the backoff again; one that keeps failing at once does not.
            if received { backoff.reset() }
            if once && ending.isClean { break session }
            let wait = backoff.next()
            ConnectCommand.say("\(ending); reconnecting in \(String(format: "%g", wait)) s")
            try await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
        }
        FeedRun.print(await run.finish(), json: output.json)
        if let gaveUp { throw CLIError(gaveUp) }
    }

    /// A progress line on standard error, `connect: …`.
    static func say(_ text: String) { FileHandle.standardError.write(Data("connect: \(text)\n".utf8)) }
}
