import Foundation

/// Where a creator's LIVE goal is kept: a wallet setting per creator, as JSON, on either store.
///
/// ```swift
/// try await wallet.setLiveGoal(goal, of: leo)
/// let shown = try await wallet.liveGoalShown(of: leo)   // against the open or last session
/// ```
extension WalletService {
    /// The setting that holds `account`'s goal.
    static func goalSetting(_ account: Account) -> String { "live.goal.\(account.id)" }

    /// Sessions looked at to decide which one a waiting goal went to.
    static var goalSessionWindow: Int { 50 }

    /// `account`'s goal, or nil.
    ///
    /// - Throws: `WalletError.invalidInput` when the stored goal cannot be read.
    public func liveGoal(of account: Account) async throws -> LiveGoal? {
        guard let text = try await setting(Self.goalSetting(account)), !text.isEmpty else { return nil }
        do {
            return try LiveGoalRecord.decode(text)
        } catch {
            throw WalletError(.invalidInput, "the goal kept for \(account.name) cannot be read; set it again, or: tikscore live goal \(account.name) --clear")
        }
    }

    /// Keeps `goal` as `account`'s (replacing any), or clears it with nil.
    public func setLiveGoal(_ goal: LiveGoal?, of account: Account) async throws {
        try await setSetting(Self.goalSetting(account), goal.map(LiveGoalRecord.encode) ?? "")
    }

    /// `account`'s goal beside its open (else last) session, as `live status` and the LIVE panel show it.
    public func liveGoalShown(of account: Account, session: LiveSession?) async throws -> LiveGoalProgress? {
        guard let goal = try await liveGoal(of: account) else { return nil }
        return goal.shown(beside: session, among: try await sessions(of: account, limit: Self.goalSessionWindow))
    }
}

/// A goal as its setting holds it: canonical JSON with the points in units and the time as text.
enum LiveGoalRecord {
    private struct Fields: Codable {
        var pointsUnits: Int64?
        var followers: Int64?
        var sessionID: String?
        var setAt: String

        enum CodingKeys: String, CodingKey {
            case followers
            case pointsUnits = "points_units"
            case sessionID = "session_id"
            case setAt = "set_at"
        }
    }

    static func encode(_ goal: LiveGoal) -> String {
        let fields = Fields(pointsUnits: goal.points?.units, followers: goal.followers,
                            sessionID: goal.sessionID, setAt: Timestamp.format(goal.setAt))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(fields)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
    }

    static func decode(_ text: String) throws -> LiveGoal {
        let fields = try JSONDecoder().decode(Fields.self, from: Data(text.utf8))
        guard let setAt = Timestamp.parse(fields.setAt) else { throw WalletError(.invalidInput, "a goal's time cannot be read") }
        return try LiveGoal(points: fields.pointsUnits.map { Points(units: $0) }, followers: fields.followers,
                            sessionID: fields.sessionID, setAt: setAt)
    }
}
