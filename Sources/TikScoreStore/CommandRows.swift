import Foundation
import GRDB
import TikScoreCore

/// The `commands` table: one row per command id, with its fingerprint and first answer (an outcome,
/// a refusal) or the mark that it is in flight.
struct CommandRows {
    let db: Database

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
            INSERT INTO commands (id, fingerprint, state, outcome, refusal_code, refusal, owner, summary, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint, state = excluded.state, outcome = excluded.outcome,
                refusal_code = excluded.refusal_code, refusal = excluded.refusal, owner = excluded.owner,
                summary = excluded.summary, at = excluded.at
            """).execute(arguments: [id, record.fingerprint, state, outcome, code, refusal, owner, summary, Timestamp.format(record.at)])
    }

    /// Records still in flight, oldest first.
    func inFlight() throws -> [(id: String, record: KeyRecord)] {
        try Row.fetchAll(db, sql: "SELECT * FROM commands WHERE state = 'in_flight' ORDER BY at").map { raw in
            (try StrictRow(raw, table: "commands", key: "id").text("id"), try Self.record(raw))
        }
    }
}
