import ArgumentParser
import Foundation
import TikScoreCore

/// `tikscore feed CREATOR [FILE|-] [--follow]`.
struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed", abstract: "Apply a LIVE event feed (JSON lines) to a creator's session, exactly once.",
        discussion: "Reads TikTok-Live-Connector (1.x and 2.x) / TikFinity events and TikTokLive (Python) lines. Bad lines are counted and reported, never fatal; events the wallet does not use are counted as ignored. A stream's end closes the session, and a new event after it opens the next one.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The creator whose LIVE it is.") var creator: String
    @Argument(help: "A JSON-lines file, or - for standard input.") var file: String = "-"
    @Flag(help: "Keep reading the file as it grows, like tail -f (until the stream has ended and the file stops growing, or Ctrl-C).") var follow = false

    func run() async throws {
        var source = file == "-" ? LineSource.standardInput() : try LineSource.file(file, follow: follow)
        let store = try await wallet.open()
        var run = try await FeedRun(store: store, creator: creator)
        var failure: String?
        reading: while true {
            // Group commit: while events wait for their transaction, a read that would wait
            // returns at once (.idle), and what waits is committed before waiting for more.
            switch source.next(tickMs: run.hasUncommitted ? 0 : 500) {
            case .line(let text):
                // Lines after a streamEnd are read too: a new event opens the next session.
                await run.line(text)
                await run.flushIfDue()
            case .idle:
                await run.tick()
                if follow && run.applier.streamEnded { break reading }
            case .end: break reading
            case .failed(let message):
                failure = message
                break reading
            }
        }
        FeedRun.print(await run.finish(), json: output.json)
        // What was read before the error is applied and reported; the command still fails.
        if let failure { throw CLIError(failure) }
    }
}

/// `tikscore simulate CREATOR [--rate R] [--seconds S] [--seed N] [--battle OTHER] [--jsonl]`.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate", abstract: "Simulate a realistic LIVE stream: apply it to the wallet in real time, or print it as JSON lines.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The creator whose LIVE it is.") var creator: String
    @Option(help: "Average events per second.") var rate: Double = 5
    @Option(help: "Length of the stream in seconds.") var seconds: Int = 60
    @Option(help: "Random seed: the same seed gives the same stream.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Battle this opponent during the stream.", valueName: "other")) var battle: String?
    @Flag(help: "Print the stream as JSON lines instead of applying it.") var jsonl = false
    @Flag(help: "Apply at once instead of in real time.") var fast = false

    func validate() throws {
        guard rate > 0, rate <= 10_000, rate.isFinite else { throw ValidationError("--rate must be above 0 and at most 10000") }
        guard seconds > 0, seconds <= 86_400 else { throw ValidationError("--seconds must be 1 to 86400") }
    }

    func run() async throws {
        let economy = try wallet.loadEconomy()
        // The panel's gifts, as viewers pick them (the whole catalog holds hundreds of rare ones).
        let catalog = FeedGiftTable(economy.panelGifts.map { FeedGiftInfo(id: $0.id, name: $0.name, points: $0.points, type: $0.type) })
        let startMs = Int64(((try WalletOptions.clock())().timeIntervalSince1970 * 1000).rounded(.down))
        let simulator = LiveStreamSimulator(seed: seed, ratePerSecond: rate, seconds: seconds, gifts: catalog,
                                            battleOpponent: battle, creator: creator, startTimeMs: startMs)
        if jsonl {
            for line in simulator.jsonLines() { Printer.out(line) }
            return
        }
        let store = try await wallet.open()
        var run = try await FeedRun(store: store, creator: creator)
        let began = Date()
        for timed in simulator.events() {
            if !fast {
                let due = began.addingTimeInterval(Double(timed.offsetMs) / 1000)
                let wait = due.timeIntervalSinceNow
                if wait > 0 {
                    // Events are due later: commit what is waiting when the pause is long.
                    if wait * 1000 >= Double(FeedRun.groupCommitMs) { await run.commit() } else { await run.flushIfDue() }
                    try await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
                }
            }
            await run.event(timed.event)
        }
        FeedRun.print(await run.finish(), json: output.json)
    }
}
