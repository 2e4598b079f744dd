import GRDB
import TikScoreCore

/// The key of a feed event, kept in the event's own `live_events` row (with the answer it was
/// given) instead of a `commands` row of its own. Nearly every line of a LIVE is such an event;
/// this is what keeps its cost to one row and one index entry beside the transfers it makes.
///
/// Only a key of the applier's exact form `feed:CREATOR:KIND:MSGID` with a numeric msgId (as
/// connectors send them), for an event recorded in its creator's open session, is kept this
/// way; any other key, a refusal, a battle, the stream's end and a bad line keep their
/// `commands` row.
///
/// ```swift
/// FeedEventKey(key: .caller("feed:1:like:7300000000000000021"))   // creator 1, kind "like", msgID 7300000000000000021
/// ```
struct FeedEventKey: Equatable {
    let creatorID: Int64
    let kind: String
    let msgID: Int64

    /// The event kinds kept this way: each answers with what it earned (gifts and followers) or
    /// nothing, in the session it counted into.
    static let kinds: Set<String> = ["gift", "follow", "viewers", "like", "join", "share", "streak"]

    /// The key's parts, when it has the kept form and names a kind kept this way.
    init?(key: CommandKey) {
        guard let caller = key.callerKey, caller.hasPrefix("feed:") else { return nil }
        // By bytes: the key is ASCII when it has the kept form, and every mark here is.
        let utf8 = caller.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: 5)
        guard let firstColon = utf8[start...].firstIndex(of: UInt8(ascii: ":")),
              let secondColon = utf8[utf8.index(after: firstColon)...].firstIndex(of: UInt8(ascii: ":")),
              let creator = Self.exactInt(utf8[start..<firstColon]),
              let msg = Self.exactInt(utf8[utf8.index(after: secondColon)...]) else { return nil }
        let kind = String(decoding: utf8[utf8.index(after: firstColon)..<secondColon], as: UTF8.self)
        guard Self.kinds.contains(kind) else { return nil }
        creatorID = creator
        self.kind = kind
        msgID = msg
    }

    /// Whether `command` is a feed event of this key's kind (the fingerprint of a feed key).
    func matches(_ command: Command) -> Bool {
        guard case .feed(_, let effect, _) = command else { return false }
        return effect.eventKind == kind
    }

    /// Whether `command` can keep this key in the event row it records.
    func canKeep(_ command: Command) -> Bool {
        guard case .feed(_, let effect, let source) = command else { return false }
        return effect.eventKind == kind && source?.line != nil
    }

    /// A decimal integer written as `String(value)` writes it (no sign, no leading zero), so
    /// the key it came from is the only one that gives it.
    private static func exactInt(_ digits: Substring.UTF8View) -> Int64? {
        guard let first = digits.first, digits.count <= 19, first != UInt8(ascii: "0") || digits.count == 1 else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !overflow, !overflowSum else { return nil }
            value = sum
        }
        return value
    }
}

/// Reading and writing the keys of ``FeedEventKey`` in `live_events`.
struct FeedEventRows {
    let db: Database
    /// The transaction's shape ids (see `RecordCache`); nil looks each one up.
    var cache: RecordCache? = nil
    /// Who runs the feed (an `operators` row), kept in each event row.
    var operatorID: Int64? = nil

    /// Whether the key is kept in an event row, and whether a `commands` row has the id.
    func presence(of key: FeedEventKey, commandID: String) throws -> (inEvents: Bool, inCommands: Bool) {
        let sql = """
            SELECT EXISTS (SELECT 1 FROM live_events WHERE msg_id = ? AND kind = ? AND creator_id = ?)
                 + 2 * EXISTS (SELECT 1 FROM commands WHERE id = ?)
            """
        let found = try Int64.fetchOne(db.cachedStatement(sql: sql), arguments: [key.msgID, key.kind, key.creatorID, commandID]) ?? 0
        return (found & 1 != 0, found & 2 != 0)
    }

    /// The answer the event under `key` was given, if it was applied.
    func receipt(for key: FeedEventKey) throws -> FeedReceipt? {
        let sql = "SELECT session_id, opened, earned, guest FROM live_events WHERE msg_id = ? AND kind = ? AND creator_id = ?"
        guard let raw = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [key.msgID, key.kind, key.creatorID]) else {
            return nil
        }
        let row = StrictRow(raw, table: "live_events", key: "msg_id")
        // An event kept this way counted into an open session (or opened one).
        return FeedReceipt(earned: Points(units: try row.optionalInt64("earned") ?? 0), sessionID: try row.text("session_id"),
                           sessionLive: true, openedSession: try row.optionalInt64("opened") == 1,
                           guestEarned: Points(units: try row.optionalInt64("guest") ?? 0))
    }

    /// Stores the event with its key and its answer (zeros and false stored as NULL, which
    /// costs one byte), and its line in its kept form (`FeedKeptLine`): values beside a shared
    /// shape when it splits exactly.
    func record(_ event: LiveEventRecord, key: FeedEventKey, receipt: FeedReceipt) throws {
        // Made on the feed's reading side for this line, msgId and time; else made here.
        let kept = event.kept.flatMap { $0.keeps(event.line, msgID: key.msgID, atMs: event.atMs) ? $0 : nil }
            ?? FeedKeptLine(line: event.line, msgID: key.msgID, atMs: event.atMs)
        let line = kept.text
        let shape = try kept.template.map(shapeID)
        try db.cachedStatement(sql: """
            INSERT INTO live_events (session_id, at_ms, kind, line, creator_id, msg_id, opened, earned, guest, shape, operator)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [event.sessionID, event.atMs, event.kind, line, key.creatorID, key.msgID,
                                     receipt.openedSession ? 1 : nil, receipt.earned.units == 0 ? nil : receipt.earned.units,
                                     receipt.guestEarned.units == 0 ? nil : receipt.guestEarned.units, shape, operatorID])
    }

    /// The id of a shape, kept on first use.
    private func shapeID(_ template: String) throws -> Int64 {
        let find = {
            if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM live_event_shapes WHERE template = ?"),
                                           arguments: [template]) {
                return id
            }
            try db.cachedStatement(sql: "INSERT INTO live_event_shapes (template) VALUES (?)").execute(arguments: [template])
            return db.lastInsertedRowID
        }
        guard let cache else { return try find() }
        return try cache.shapeID(template: template, load: find)
    }

    /// The line a row keeps: its values in its shape when it has one.
    ///
    /// - Throws: a storage error when the row names no shape the wallet has, or values that do
    ///   not fit it (a damaged row).
    static func line(stored: String, shape: Int64?, shapes: [Int64: String], seq: Int64) throws -> String {
        guard let shape else { return stored }
        guard let template = shapes[shape], let line = FeedLineShape.join(template: template, values: stored) else {
            throw WalletError(.storage, "the wallet is damaged: live_events row \(seq) names shape \(shape), which does not fit its values")
        }
        return line
    }

    /// Every shape the wallet keeps, by id.
    static func shapes(_ db: Database) throws -> [Int64: String] {
        var shapes: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, template FROM live_event_shapes") {
            let strict = StrictRow(row, table: "live_event_shapes", key: "id")
            shapes[try strict.int64("id")] = try strict.text("template")
        }
        return shapes
    }

    /// The stored id (`k:feed:CREATOR:KIND:MSGID`) of every key kept in an event row, as SQL
    /// for `verify --full` to find the command of each transfer.
    static let keyIDsSQL = "SELECT 'k:feed:' || creator_id || ':' || kind || ':' || msg_id FROM live_events WHERE msg_id IS NOT NULL"
}
