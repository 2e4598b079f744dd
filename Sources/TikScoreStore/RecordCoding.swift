import Foundation
import TikScoreCore

/// JSON coding of stored records (withdrawals, redemptions, sessions, battles, command outcomes).
enum RecordCoding {
    static func encode<T: Encodable>(_ value: T) throws -> String { try RecordJSON.encode(value) }

    /// A command's outcome as stored. A feed event's receipt (one per event, the hot path of a
    /// LIVE) is written directly, with the keys `JSONEncoder` would write in the same order, and
    /// read back by `JSONDecoder` like any other; the rest go through `JSONEncoder`.
    static func encodeOutcome(_ outcome: CommandOutcome) throws -> String {
        guard case .feed(let r) = outcome else { return try encode(outcome) }
        var fields = ["\"earned\":\(r.earned.units)"]
        if r.guestEarned != .zero { fields.append("\"guest\":\(r.guestEarned.units)") }
        if r.sessionLive { fields.append("\"live\":true") }
        if r.openedSession { fields.append("\"opened\":true") }
        if let id = r.sessionID { fields.append("\"sid\":" + FeedJSON.quoted(id)) }
        return "{\"feed\":{\"_0\":{" + fields.joined(separator: ",") + "}}}"
    }

    /// Reads a stored outcome: a compact feed receipt (what ``encodeOutcome(_:)`` writes) by the
    /// exact JSON reader, anything else by `JSONDecoder`.
    ///
    /// - Throws: a storage error naming the row when the outcome is damaged.
    static func decodeOutcome(from row: StrictRow, column: String = "outcome") throws -> CommandOutcome {
        let text = try row.text(column)
        if text.hasPrefix("{\"feed\":{\"_0\":{"), let receipt = compactReceipt(text) { return .feed(receipt) }
        return try decode(CommandOutcome.self, from: row, column: column)
    }

    /// A compact feed receipt, or nil when the text is any other form (left to `JSONDecoder`).
    private static func compactReceipt(_ text: String) -> FeedReceipt? {
        guard case .success(.object(let top)) = FeedJSON.parse(text), top.count == 1,
              case .object(let wrapped)? = top["feed"], wrapped.count == 1,
              case .object(let fields)? = wrapped["_0"], fields.keys.allSatisfy(compactKeys.contains),
              case .number(let earnedText)? = fields["earned"], let earned = FeedJSON.exactInt64(fromNumberText: earnedText) else { return nil }
        var guest: Int64 = 0
        if let value = fields["guest"] {
            guard case .number(let guestText) = value, let units = FeedJSON.exactInt64(fromNumberText: guestText) else { return nil }
            guest = units
        }
        func flag(_ key: String) -> Bool? {
            switch fields[key] {
            case nil: return false
            case .bool(let value)?: return value
            default: return nil
            }
        }
        var sessionID: String?
        if let value = fields["sid"] {
            guard case .string(let id) = value else { return nil }
            sessionID = id
        }
        guard let live = flag("live"), let opened = flag("opened") else { return nil }
        return FeedReceipt(earned: Points(units: earned), sessionID: sessionID, sessionLive: live, openedSession: opened,
                           guestEarned: Points(units: guest))
    }

    private static let compactKeys: Set<String> = ["earned", "guest", "live", "opened", "sid"]

    /// Decodes the JSON record in `column` of a row.
    ///
    /// - Throws: a storage error naming the table, row and column when the record is damaged.
    static func decode<T: Decodable>(_ type: T.Type, from row: StrictRow, column: String = "record") throws -> T {
        let text = try row.text(column)
        do {
            return try decode(type, text: text)
        } catch {
            throw row.damaged(column, "the stored \(T.self) record cannot be read")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, text: String) throws -> T { try RecordJSON.decode(type, text: text) }
}
