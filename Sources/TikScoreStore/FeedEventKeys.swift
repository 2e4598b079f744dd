import GRDB
import TikScoreCore

/// The key of a feed event that moves no points (viewers, likes, joins, shares, a growing
/// streak), kept in the event's own `live_events` row instead of a `commands` row of its own.
/// Most lines of a LIVE are such events; this is what keeps their cost to one row and one index
/// entry each.
///
/// Only a key of the applier's exact form `feed:CREATOR:KIND:MSGID` with a numeric msgId (as
/// connectors send them) is kept this way; any other key, a refusal, and every event that
/// moves points keep their `commands` row.
///
/// ```swift
/// FeedEventKey(.feed(creator: "leo", effect: .likes(3), source: source), key: .caller("feed:1:like:7300000000000000021"))
/// // creatorID 1, kind "like", msgID 7300000000000000021
/// ```
struct FeedEventKey: Equatable {
    let creatorID: Int64
    let kind: String
    let msgID: Int64

    /// The event kinds kept this way: none of them credits or debits an account.
    static let kinds: Set<String> = ["viewers", "like", "join", "share", "streak"]

    init?(_ command: Command, key: CommandKey) {
        guard case .feed(_, let effect, let source) = command, source?.line != nil,
              let caller = key.callerKey, caller.hasPrefix("feed:") else { return nil }
        let parts = caller.dropFirst(5).split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let creator = Self.exactInt(parts[0]), let msg = Self.exactInt(parts[2]),
              Self.kinds.contains(String(parts[1])), effect.eventKind == parts[1] else { return nil }
        creatorID = creator
        kind = String(parts[1])
        msgID = msg
    }

    /// A decimal integer written as `String(value)` writes it (no sign, no leading zero), so
    /// the key it came from is the only one that gives it.
    private static func exactInt(_ text: Substring) -> Int64? {
        guard let value = Int64(text), value >= 0, String(value) == text else { return nil }
        return value
    }
}

/// Reading and writing the keys of ``FeedEventKey`` in `live_events`.
struct FeedEventRows {
    let db: Database

    /// The answer the event under `key` was given, if it was applied.
    func receipt(for key: FeedEventKey) throws -> FeedReceipt? {
        let sql = "SELECT session_id, opened FROM live_events WHERE msg_id = ? AND kind = ? AND creator_id = ?"
        guard let raw = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [key.msgID, key.kind, key.creatorID]) else {
            return nil
        }
        let row = StrictRow(raw, table: "live_events", key: "msg_id")
        // Events of these kinds count into an open session (or open one), and move no points.
        return FeedReceipt(earned: .zero, sessionID: try row.text("session_id"), sessionLive: true,
                           openedSession: try row.optionalInt64("opened") == 1)
    }

    /// Stores the event with its key.
    func record(_ event: LiveEventRecord, key: FeedEventKey, opened: Bool) throws {
        try db.cachedStatement(sql: """
            INSERT INTO live_events (session_id, at_ms, kind, line, creator_id, msg_id, opened) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [event.sessionID, event.atMs, event.kind, event.line, key.creatorID, key.msgID, opened ? 1 : nil])
    }
}
