import Foundation
import TikScoreCore
import TikScoreStore

/// One run of a feed into a creator's LIVE session, shared by `feed`, `simulate` and `connect`:
/// opens the session when the creator is not live, applies lines exactly once, and reports.
struct FeedRun {
    let store: WalletStore
    private(set) var applier: FeedApplier
    private let startedSession: Bool

    init(store: WalletStore, creator name: String) throws {
        self.store = store
        let creator = try WalletMachine.existing(name, in: store)
        if try store.openSession(creatorID: creator.id) == nil {
            _ = try store.run(.liveStart(creator: creator.name), key: nil)
            FileHandle.standardError.write(Data("\(creator.name) was not live: started a LIVE session\n".utf8))
            startedSession = true
        } else {
            startedSession = false
        }
        applier = FeedApplier(runner: store, creator: creator)
    }

    var nowMs: Int64 { Int64((store.now.timeIntervalSince1970 * 1000).rounded(.down)) }

    mutating func line(_ text: String) { applier.apply(line: text, nowMs: nowMs) }

    mutating func event(_ event: FeedEvent) { applier.apply(event: event, nowMs: nowMs) }

    mutating func tick() { applier.expire(nowMs: nowMs) }

    /// Closes open streaks and returns the report; a session this run opened and nothing
    /// reached (a feed read again in full) is closed again.
    mutating func finish() -> FeedReport {
        applier.finish(nowMs: nowMs)
        if startedSession && applier.report.applied.isEmpty && !applier.streamEnded {
            _ = try? store.run(.liveStop(creator: applier.creator.name), key: nil)
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
