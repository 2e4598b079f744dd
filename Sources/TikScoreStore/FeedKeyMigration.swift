import Foundation
import GRDB
import TikScoreCore

/// Copies the feed keys of schema v3 (`feed:CREATOR:MSGID`, one key space for every event) to the
/// keys of v4 (`feed:CREATOR:KIND:MSGID`), so a feed file read again after the upgrade still
/// counts nothing twice.
///
/// The kind comes from the key's fingerprint (`{"cmd":"feed",…,"event":"gift"}`). A key whose
/// fingerprint names no kind (a v1 row that could not be translated) is copied under every kind,
/// so whatever that line was, it stays applied. Streak keys (`feed:CREATOR:streak:MSGID`) already
/// have the new form and stay as they are. The old rows stay too: their transfers name them.
enum FeedKeyMigration {
    /// The kinds a feed key may carry (`FeedEffect.eventKind`, bad lines aside).
    static let kinds = ["gift", "follow", "viewers", "like", "join", "share", "battle", "streamEnd"]

    static func run(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT id, fingerprint FROM commands WHERE id LIKE 'k:feed:%'")
        for raw in rows {
            let row = StrictRow(raw, table: "commands", key: "id")
            let id = try row.text("id")
            guard let (creator, rest) = split(id), !rest.hasPrefix("streak:") else { continue }
            let targets = kind(ofFingerprint: try row.text("fingerprint")).map { [$0] } ?? kinds
            for kind in targets {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO commands (id, fingerprint, state, outcome, refusal_code, refusal, owner, summary, at)
                    SELECT ?, fingerprint, state, outcome, refusal_code, refusal, owner, summary, at FROM commands WHERE id = ?
                    """, arguments: ["k:feed:\(creator):\(kind):\(rest)", id])
            }
        }
    }

    /// `k:feed:CREATOR:REST` → (CREATOR, REST); nil for anything else.
    private static func split(_ id: String) -> (String, String)? {
        let body = id.dropFirst("k:feed:".count)
        guard let colon = body.firstIndex(of: ":") else { return nil }
        let creator = body[..<colon]
        guard !creator.isEmpty, creator.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return (String(creator), String(body[body.index(after: colon)...]))
    }

    /// The `event` of a canonical feed fingerprint, when it is one of `kinds`.
    private static func kind(ofFingerprint text: String) -> String? {
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              object["cmd"] as? String == "feed", let event = object["event"] as? String, kinds.contains(event) else { return nil }
        return event
    }
}
