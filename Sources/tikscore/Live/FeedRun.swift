import Foundation
import TikScoreCore

/// One run of a feed into a creator's LIVE session, shared by `feed`, `simulate` and `connect`:
/// opens the session when the creator is not live, applies lines exactly once, and reports.
struct FeedRun {
    let store: any WalletService
    private(set) var applier: FeedApplier
    private let startedSession: Bool

    init(store: any WalletService, creator name: String) async throws {
        self.store = store
        let creator = try await store.existing(name)
        if try await store.openSession(creatorID: creator.id) == nil {
            _ = try await store.liveStart(creator: creator.name)
            FileHandle.standardError.write(Data("\(creator.name) was not live: started a LIVE session\n".utf8))
            startedSession = true
        } else {
            startedSession = false
        }
        applier = FeedApplier(runner: store, creator: creator)
    }

    var nowMs: Int64 { Int64((store.now.timeIntervalSince1970 * 1000).rounded(.down)) }

    mutating func line(_ text: String) async { await applier.apply(line: text, nowMs: nowMs) }

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
