import Foundation
import GRDB
import TikScoreCore

/// The `commands` table: one row per command id, with its fingerprint and first answer (an outcome,
/// a refusal) or the mark that it is in flight.
struct CommandRows {
    let db: Database
    /// The `operators` row of who runs this transaction's commands, written with each record.
    var operatorID: Int64? = nil

    func record(id: String) throws -> KeyRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM commands WHERE id = ?"), arguments: [id]).map(Self.record)
    }

    static func record(_ raw: Row) throws -> KeyRecord {
        let row = StrictRow(raw, table: "commands", key: "id")
        let state: KeyRecord.State
        switch try row.text("state") {
        case "done": state = .done(try RecordCoding.decodeOutcome(from: row))
        case "refused":
            let code = try row.parsed("refusal_code", as: "a refusal code", WalletError.Code.init(rawValue:))
            state = .refused(WalletError(code, try row.text("refusal")))
        case "in_flight": state = .inFlight(owner: try row.text("owner"), summary: try row.text("summary"))
        case let other: throw row.damaged("state", "'\(other.prefix(20))' is not done, refused or in_flight")
        }
        return KeyRecord(fingerprint: try row.text("fingerprint"), state: state, at: try row.parsed("at", as: "a UTC time", Timestamp.parse))
    }

    /// Writes (or replaces) the record of `id`.
    func save(id: String, _ record: KeyRecord) throws {
        var outcome: String?
        var code: String?
        var refusal: String?
        var owner: String?
        var summary: String?
        let state: String
        switch record.state {
        case .done(let value):
            state = "done"
            outcome = try RecordCoding.encodeOutcome(value)
        case .refused(let error):
            state = "refused"
            code = error.code.rawValue
            refusal = error.message
        case .inFlight(let who, let what):
            state = "in_flight"
            owner = who
            summary = what
        }
        try db.cachedStatement(sql: """
            INSERT INTO commands (id, fingerprint, state, outcome, refusal_code, refusal, owner, summary, at, operator)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint, state = excluded.state, outcome = excluded.outcome,
                refusal_code = excluded.refusal_code, refusal = excluded.refusal, owner = excluded.owner,
                summary = excluded.summary, at = excluded.at, operator = COALESCE(excluded.operator, operator)
            """).execute(arguments: [id, record.fingerprint, state, outcome, code, refusal, owner, summary, Timestamp.format(record.at),
                                     operatorID])
    }

    /// The id of `name` in `operators`, kept on first use (nil for no name).
    static func operatorID(_ name: String?, in db: Database) throws -> Int64? {
        guard let name else { return nil }
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM operators WHERE name = ?"), arguments: [name]) {
            return id
        }
        try db.cachedStatement(sql: "INSERT INTO operators (name) VALUES (?)").execute(arguments: [name])
        return db.lastInsertedRowID
    }

    /// Who ran the command of each id, where the wallet knows: its key record, or for a feed
    /// event kept in its row, that row.
    static func operators(of commandIDs: Set<String>, in db: Database) throws -> [String: String] {
        var found: [String: String] = [:]
        let byKey = try db.cachedStatement(sql: """
            SELECT o.name FROM commands c JOIN operators o ON o.id = c.operator WHERE c.id = ?
            """)
        let byEvent = try db.cachedStatement(sql: """
            SELECT o.name FROM live_events e JOIN operators o ON o.id = e.operator
             WHERE e.msg_id = ? AND e.kind = ? AND e.creator_id = ?
            """)
        for id in commandIDs {
            if let name = try String.fetchOne(byKey, arguments: [id]) {
                found[id] = name
            } else if let key = FeedEventKey(key: CommandKey(id: id)),
                      let name = try String.fetchOne(byEvent, arguments: [key.msgID, key.kind, key.creatorID]) {
                found[id] = name
            }
        }
        return found
    }

    /// Records still in flight, oldest first.
    func inFlight() throws -> [(id: String, record: KeyRecord)] {
        try Row.fetchAll(db, sql: "SELECT * FROM commands WHERE state = 'in_flight' ORDER BY at").map { raw in
            (try StrictRow(raw, table: "commands", key: "id").text("id"), try Self.record(raw))
        }
    }
}
