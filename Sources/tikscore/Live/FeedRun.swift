import Foundation
import TikScoreCore

/// One run of a feed into a creator's LIVE sessions, shared by `feed`, `simulate` and `connect`:
/// applies lines exactly once (the first new event opens a session when the creator is off-air,
/// and a new event after a `streamEnd` opens the next one), says when it opened a session, and
/// reports.
///
/// Group commit: events wait for their transaction until the input has nothing more ready
/// (``commit()``), at most ``groupCommitMs`` (``flushIfDue()``) or ``batchLimit`` events, so a
/// busy feed takes one fsync for many events and a quiet one commits each event at once. A
/// transaction commits while the next lines are read and decoded; ``flush()`` waits for it.
struct FeedRun {
    let store: any WalletService
    private(set) var applier: FeedApplier

    /// The longest an applied event waits for its commit while more input keeps coming.
    static let groupCommitMs = 50
    /// The most events in one transaction.
    static let batchLimit = 1_000

    /// When the oldest event still waiting for its commit was queued.
    private var queuedSince: ContinuousClock.Instant?
    /// Sessions opened so far that were announced on standard error.
    private var announced = 0

    /// Whether `connect` reached its server at least once (``markConnected()``).
    private(set) var connected = false

    /// Finds the creator. No session opens here: the first new event opens it, so a run that
    /// applies nothing (a duplicate file, a `connect` that never connected) leaves nothing behind.
    init(store: any WalletService, creator name: String) async throws {
        self.store = store
        applier = FeedApplier(runner: store, creator: try await store.existing(name), batchLimit: Self.batchLimit)
    }

    /// Whether applied events wait for their transaction to begin (``commit()``).
    var hasUncommitted: Bool { applier.hasUncommitted }

    /// Notes that `connect` reached its server (it tells "never connected" from "lost").
    mutating func markConnected() { connected = true }

    /// Applies each line of a WebSocket text message, which may carry several (`\n` or `\r\n`
    /// between them; a `\u{2028}` inside a JSON string is not a line break).
    mutating func message(_ text: String) async {
        for bytes in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let line = bytes.last == 0x0D ? bytes.dropLast() : bytes[...]
            await self.line(String(decoding: line, as: UTF8.self))
        }
    }

    var nowMs: Int64 { Int64((store.now.timeIntervalSince1970 * 1000).rounded(.down)) }

    mutating func line(_ text: String) async {
        await applier.apply(line: text, nowMs: nowMs)
        noteQueued()
    }

    mutating func event(_ event: FeedEvent) async {
        await applier.apply(event: event, nowMs: nowMs)
        noteQueued()
    }

    /// Idle input: counts timed-out streaks, commits everything waiting and waits for it.
    mutating func tick() async {
        await applier.expire(nowMs: nowMs)
        await flush()
    }

    /// Begins the transaction of the events waiting for one (the input has nothing more ready),
    /// without waiting for it to commit.
    mutating func commit() async {
        await applier.commit()
        noteQueued()
    }

    /// Commits the events waiting for their transaction and waits for every answer.
    mutating func flush() async {
        await applier.flush()
        noteQueued()
    }

    /// Begins the transaction when the oldest waiting event has waited ``groupCommitMs``.
    mutating func flushIfDue() async {
        guard let since = queuedSince, since.duration(to: .now) >= .milliseconds(Self.groupCommitMs) else { return }
        await commit()
    }

    /// Closes open streaks, commits, and returns the report.
    mutating func finish() async -> FeedReport {
        await applier.finish(nowMs: nowMs)
        noteQueued()
        return applier.report
    }

    private mutating func noteQueued() {
        if !applier.hasUncommitted {
            queuedSince = nil
        } else if queuedSince == nil {
            queuedSince = .now
        }
        announceOpened()
    }

    /// Says on standard error when the feed opened a session (once per session, after it committed).
    private mutating func announceOpened() {
        let name = applier.creator.name
        while announced < applier.report.sessionsOpened {
            let text = announced == 0 ? "\(name) was not live: started a LIVE session" : "\(name) went LIVE again: started a new LIVE session"
            FileHandle.standardError.write(Data((text + "\n").utf8))
            announced += 1
        }
    }

    static func print(_ report: FeedReport, json: Bool) {
        if json {
            func dict(_ d: [String: Int]) -> JSONValue { .object(d.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) }) }
            Printer.json(.object([("applied", dict(report.applied)), ("earned", .points(report.earned)),
                                  ("gifts_counted", .int(report.giftsCounted)), ("gifts_to_guests", .int(report.giftsToGuests)),
                                  ("duplicates", .int(Int64(report.duplicates))), ("refused", dict(report.refused)),
                                  ("ignored", dict(report.ignored)), ("warnings", dict(report.warnings)),
                                  ("bad_lines", dict(report.badLines)), ("bad_line_count", .int(Int64(report.badLineCount))),
                                  ("without_msg_id", .int(Int64(report.withoutMsgId))), ("sessions_opened", .int(Int64(report.sessionsOpened))),
                                  ("learned_tiktok_id", .optional(report.learnedTikTokID))]))
        } else {
            FileHandle.standardError.write(Data("feed: \(report.summary)\n".utf8))
            if let id = report.learnedTikTokID {
                FileHandle.standardError.write(Data("feed: learned the creator's TikTok id \(id) from the feed\n".utf8))
            }
        }
    }
}
