import Foundation
import TikScoreCore

/// One run of a feed into a creator's LIVE session, shared by `feed`, `simulate` and `connect`:
/// opens the session when the creator is not live, applies lines exactly once, and reports.
struct FeedRun {
    let store: any WalletService
    private(set) var applier: FeedApplier
    private var startedSession = false
    /// Whether ``openSession()`` ran.
    private(set) var sessionOpened = false

    /// Finds the creator and opens their session now (`feed`, `simulate`).
    init(store: any WalletService, creator name: String) async throws {
        try await self.init(store: store, deferringSessionOf: name)
        try await openSession()
    }

    /// Finds the creator but opens no session yet: `connect` calls ``openSession()`` once its first
    /// connection succeeds, so a feed that never connected leaves nothing behind.
    init(store: any WalletService, deferringSessionOf name: String) async throws {
        self.store = store
        let creator = try await store.existing(name)
        applier = FeedApplier(runner: store, creator: creator)
    }

    /// Opens the creator's session when it is not open (once per run).
    mutating func openSession() async throws {
        guard !sessionOpened else { return }
        let creator = applier.creator
        if try await store.openSession(creatorID: creator.id) == nil {
            _ = try await store.liveStart(creator: creator.name)
            FileHandle.standardError.write(Data("\(creator.name) was not live: started a LIVE session\n".utf8))
            startedSession = true
        }
        sessionOpened = true
    }

    var nowMs: Int64 { Int64((store.now.timeIntervalSince1970 * 1000).rounded(.down)) }

    mutating func line(_ text: String) async { await applier.apply(line: text, nowMs: nowMs) }

    /// Applies each line of a WebSocket text message, which may carry several (`\n` or `\r\n`
    /// between them; a `\u{2028}` inside a JSON string is not a line break).
    mutating func message(_ text: String) async {
        for bytes in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let line = bytes.last == 0x0D ? bytes.dropLast() : bytes[...]
            await self.line(String(decoding: line, as: UTF8.self))
        }
    }

    mutating func event(_ event: FeedEvent) async { await applier.apply(event: event, nowMs: nowMs) }

    mutating func tick() async { await applier.expire(nowMs: nowMs) }

    /// Closes open streaks and returns the report; a session this run opened and nothing
    /// reached (a feed read again in full) is closed again.
    mutating func finish() async -> FeedReport {
        await applier.finish(nowMs: nowMs)
        // A feed read again in full applies nothing (its streamEnd is a duplicate too): the session
        // this run opened for it closes again, so the creator is left off-air.
        if startedSession && applier.report.applied.isEmpty {
            _ = try? await store.liveStop(creator: applier.creator.name)
        }
        return applier.report
    }

    static func print(_ report: FeedReport, json: Bool) {
        if json {
            func dict(_ d: [String: Int]) -> JSONValue { .object(d.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) }) }
            Printer.json(.object([("applied", dict(report.applied)), ("earned", .points(report.earned)),
                                  ("gifts_counted", .int(report.giftsCounted)), ("duplicates", .int(Int64(report.duplicates))),
                                  ("refused", dict(report.refused)), ("bad_lines", dict(report.badLines)),
                                  ("bad_line_count", .int(Int64(report.badLineCount))), ("without_msg_id", .int(Int64(report.withoutMsgId)))]))
        } else {
            FileHandle.standardError.write(Data("feed: \(report.summary)\n".utf8))
        }
    }
}
