import ArgumentParser
import Foundation
import TikScoreCore

/// `tikscore sessions NAME [--json]`: a creator's past LIVE sessions with what each brought.
struct SessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List a creator's LIVE sessions, newest first: length, earned points, followers, gifts, top gifters and battles.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The creator.") var name: String
    @Option(help: "How many sessions (1 to 10000).") var limit: Int = 20

    /// Battles read to place in the sessions listed.
    private static let battleWindow = 10_000

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1 to 10000 (got \(limit))") }
    }

    func run() async throws {
        let store = try await wallet.open(.read)
        let account = try await store.existing(name)
        let sessions = try await store.sessions(of: account, limit: limit)
        let battles = try await store.battles(limit: Self.battleWindow).filter { $0.involves(account.id) }
        let now = store.now
        let rows = sessions.map { session in (session, battles.filter { $0.happened(during: session) }.sorted { $0.startedAt < $1.startedAt }) }
        if output.json {
            Printer.json(.array(rows.map { Self.json($0.0, battles: $0.1, of: account, now: now) }))
            return
        }
        guard !rows.isEmpty else {
            Printer.out("\(account.name) has never been LIVE.")
            return
        }
        Printer.table(["session", "started", "length", "points", "followers", "gifts", "battles", "top gifter"], rows.map { session, battles in
            let outcomes = battles.map { $0.outcome(for: account.id) }
            let record = battles.isEmpty ? "-" : ["won", "lost", "draw"].map { kind in "\(outcomes.filter { $0 == kind }.count)" }.joined(separator: "-")
            let top = session.topGifters.first.map { "\($0.name) \($0.points.grouped)" } ?? "-"
            return [session.id, Timestamp.format(session.startedAt) + (session.isLive ? " (LIVE)" : ""),
                    ForecastText.duration(Self.seconds(session, now: now) / 60), session.points.grouped, Grouping.of(session.newFollowers),
                    Grouping.of(session.gifts), record, OneLine.sanitize(top)]
        }, right: [3, 4, 5])
    }

    /// Whole seconds the session lasted (so far, when still open).
    static func seconds(_ session: LiveSession, now: Date) -> Int64 {
        Int64(max(0, (session.endedAt ?? now).timeIntervalSince(session.startedAt)).rounded(.down))
    }

    static func json(_ session: LiveSession, battles: [Battle], of account: Account, now: Date) -> JSONValue {
        .object([
            ("id", .string(session.id)), ("started_at", .string(Timestamp.format(session.startedAt))),
            ("ended_at", .optional(session.endedAt.map(Timestamp.format))), ("live", .bool(session.isLive)),
            ("duration_seconds", .int(seconds(session, now: now))), ("points", .points(session.points)),
            ("followers", .int(session.newFollowers)), ("gifts", .int(session.gifts)),
            ("top_gifters", .array(session.topGifters.prefix(10).map { .object([("name", .string($0.name)), ("points", .points($0.points))]) })),
            ("battles", .array(battles.map { battle in
                let sides = battle.sides(of: account.id)
                return .object([
                    ("id", .string(battle.id)), ("started_at", .string(Timestamp.format(battle.startedAt))),
                    ("opponent", .optional(sides?.other.name)), ("score", .points(sides?.own.score ?? .zero)),
                    ("opponent_score", .points(sides?.other.score ?? .zero)), ("result", .string(battle.outcome(for: account.id))),
                ])
            })),
        ])
    }
}
