import ArgumentParser
import Foundation
import TikScoreCore

/// `tikscore connect CREATOR ws://HOST:PORT/`.
struct ConnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect", abstract: "Apply LIVE events from a WebSocket (TikFinity serves them on ws://localhost:21213/), reconnecting when it drops.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The creator whose LIVE it is.") var creator: String
    @Argument(help: "The WebSocket address, ws://HOST:PORT/.") var url: String
    @Option(help: "Give up after this many failed connection attempts in a row (0: never).") var retries: Int = 0
    @Flag(help: "Stop when the server closes the connection cleanly, instead of reconnecting.") var once = false

    func run() async throws {
        let address = try WebSocketURL(parsing: url)
        let store = try await wallet.open()
        var run = try await FeedRun(store: store, creator: creator)
        var failures = 0
        var backoff = Backoff()
        session: while !run.applier.streamEnded {
            let socket: WebSocketClient
            do {
                socket = try WebSocketClient.connect(to: address)
                ConnectCommand.say("connected to \(url)")
                failures = 0
                backoff.reset()
            } catch {
                failures += 1
                if retries > 0 && failures >= retries {
                    ConnectCommand.say("giving up after \(Plural.of(Int64(failures), "failed attempt")): \(error)")
                    break session
                }
                let wait = backoff.next()
                ConnectCommand.say("cannot connect (\(error)); retrying in \(String(format: "%.1f", wait)) s")
                try await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
                continue
            }
            reading: while true {
                switch try socket.receive(timeoutMs: 500) {
                case .text(let message):
                    for line in message.split(separator: "\n", omittingEmptySubsequences: true) { await run.line(String(line)) }
                    if run.applier.streamEnded { socket.close(); break session }
                case .idle:
                    await run.tick()
                case .closed(let why):
                    if once && why.contains("closed the connection") { break session }
                    let wait = backoff.next()
                    ConnectCommand.say("\(why); reconnecting in \(String(format: "%.1f", wait)) s")
                    try await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
                    break reading
                }
            }
        }
        FeedRun.print(await run.finish(), json: output.json)
    }

    static func say(_ text: String) { FileHandle.standardError.write(Data("connect: \(text)\n".utf8)) }
}

/// Exponential backoff: 0.25 s doubling to 8 s.
struct Backoff {
    private var current = 0.25
    mutating func next() -> Double {
        defer { current = min(current * 2, 8) }
        return current
    }
    mutating func reset() { current = 0.25 }
}
