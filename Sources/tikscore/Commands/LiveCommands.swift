import ArgumentParser
import Foundation
import TikScoreCore

/// `tikscore live start|stop|status NAME`.
struct LiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "live", abstract: "Start, stop and show a creator's LIVE session.",
                                                    subcommands: [Start.self, Stop.self, Status.self])

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Go LIVE: gifts and followers from now on count to the session.")
        @OptionGroup var wallet: WalletOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The creator.") var name: String

        func run() async throws {
            let store = try await wallet.open()
            let session = try await store.liveStart(creator: name)
            if output.json { Printer.json(LiveCommand.json(session, store: store)) } else { Printer.out("\(session.creatorName) is LIVE (session \(session.id))") }
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End the LIVE session and print its summary.")
        @OptionGroup var wallet: WalletOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The creator.") var name: String

        func run() async throws {
            let store = try await wallet.open()
            let session = try await store.liveStop(creator: name)
            if output.json { Printer.json(LiveCommand.json(session, store: store)) } else { LiveCommand.print(session, store: store) }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the open (or the last) LIVE session of a creator.")
        @OptionGroup var wallet: WalletOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The creator.") var name: String

        func run() async throws {
            let store = try await wallet.open()
            let account = try await store.existing(name)
            let open = try await store.openSession(creatorID: account.id)
            let last = try await store.sessions(of: account, limit: 1).first
            guard let session = open ?? last else {
                throw WalletError(.notLive, "\(account.name) has never been LIVE")
            }
            if output.json { Printer.json(LiveCommand.json(session, store: store)) } else { LiveCommand.print(session, store: store) }
        }
    }

    static func json(_ s: LiveSession, store: any WalletService) -> JSONValue {
        .object([
            ("id", .string(s.id)), ("creator", .string(s.creatorName)), ("live", .bool(s.isLive)),
            ("started_at", .string(Timestamp.format(s.startedAt))), ("ended_at", .optional(s.endedAt.map(Timestamp.format))),
            ("viewers", .int(s.viewers)), ("peak_viewers", .int(s.peakViewers)), ("new_followers", .int(s.newFollowers)),
            ("gifts", .int(s.gifts)), ("likes", .int(s.likes)), ("joins", .int(s.joins)), ("shares", .int(s.shares)),
            ("points", .points(s.points)), ("points_usd", .usd((try? store.economy.usd(of: s.points)) ?? .zero)),
            ("top_gifters", .array(s.topGifters.prefix(10).map { .object([("name", .string($0.name)), ("points", .points($0.points))]) })),
        ])
    }

    static func print(_ s: LiveSession, store: any WalletService) {
        let end = s.endedAt ?? store.now
        let minutes = Int(end.timeIntervalSince(s.startedAt) / 60)
        Printer.out("\(s.creatorName): \(s.isLive ? "LIVE" : "ended"), \(Plural.of(Int64(minutes), "min", "min")) since \(Timestamp.format(s.startedAt))")
        Printer.out("  points \(s.points.grouped) ($\(((try? store.economy.usd(of: s.points)) ?? .zero).money)), gifts \(Grouping.of(s.gifts)), new followers \(Grouping.of(s.newFollowers))")
        Printer.out("  viewers \(Grouping.of(s.viewers)) (peak \(Grouping.of(s.peakViewers))), likes \(Grouping.of(s.likes)), joins \(Grouping.of(s.joins)), shares \(Grouping.of(s.shares))")
        for (rank, g) in s.topGifters.prefix(5).enumerated() { Printer.out("  \(rank + 1). \(g.name) \(g.points.grouped) points") }
    }
}

/// `tikscore follow CREATOR [--count N]`.
struct FollowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "follow", abstract: "New followers during a LIVE session: one earned point each.")
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The creator.") var creator: String
    @Option(help: "How many new followers.") var count: Int64 = 1
    @OptionGroup var idempotency: KeyOptions

    func run() async throws {
        let store = try await wallet.open()
        let r = try await store.liveFollowers(creator: creator, count: count, key: idempotency.key)
        if output.json {
            Printer.json(.object([("creator", .string(r.creator)), ("followers", .int(r.followers)), ("points", .points(r.points)), ("earned", .points(r.earned))]))
        } else {
            Printer.out("\(r.creator) +\(Plural.of(r.followers, "follower")): +\(Plural.points(r.points)), earned \(r.earned.grouped)")
        }
    }
}

/// `tikscore battle start|status|end`.
struct BattleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "battle", abstract: "Run a LIVE battle between two creators.",
                                                    subcommands: [Start.self, Status.self, End.self])

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start a battle between two live creators.")
        @OptionGroup var wallet: WalletOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "One creator.") var left: String
        @Argument(help: "The other creator.") var right: String
        @Option(help: "Length in minutes (default from the economy catalog).") var minutes: Int64?

        func run() async throws {
            let store = try await wallet.open()
            let length = minutes ?? store.economy.rules.battleMinutes
            guard length > 0, length <= 1440 else { throw ValidationError("--minutes must be 1 to 1440") }
            let b = try await store.battleStart(left: left, right: right, seconds: length * 60)
            if output.json { Printer.json(BattleCommand.json(b, now: store.now)) } else { BattleCommand.print(b, now: store.now) }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the running battle, or the last one.")
        @OptionGroup var wallet: WalletOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let store = try await wallet.open()
            let battles = try await store.battles(limit: 20)
            let shown = battles.filter(\.isRunning)
            let list = shown.isEmpty ? Array(battles.prefix(1)) : shown
            if output.json {
                Printer.json(list.count == 1 ? BattleCommand.json(list[0], now: store.now) : .array(list.map { BattleCommand.json($0, now: store.now) }))
                return
            }
            if list.isEmpty { Printer.out("No battles yet: `tikscore battle start A B`."); return }
            list.forEach { BattleCommand.print($0, now: store.now) }
        }
    }

    struct End: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End the running battle now and show the result.")
        @OptionGroup var wallet: WalletOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "A creator in the battle (needed when several run).") var creator: String?

        func run() async throws {
            let store = try await wallet.open()
            let b = try await store.battleEnd(creator: creator)
            if output.json { Printer.json(BattleCommand.json(b, now: store.now)) } else { BattleCommand.print(b, now: store.now) }
        }
    }

    static func json(_ b: Battle, now: Date) -> JSONValue {
        func side(_ s: BattleSide) -> JSONValue {
            .object([("name", .string(s.name)), ("score", .points(s.score)),
                     ("top_gifters", .array(s.topGifters.prefix(5).map { .object([("name", .string($0.name)), ("points", .points($0.points))]) }))])
        }
        return .object([("id", .string(b.id)), ("status", .string(b.status.rawValue)), ("left", side(b.left)), ("right", side(b.right)),
                        ("started_at", .string(Timestamp.format(b.startedAt))), ("ends_at", .string(Timestamp.format(b.endsAt))),
                        ("seconds_left", .int(Int64(b.remaining(at: now).rounded(.up)))), ("winner", .optional(b.winnerName)),
                        ("loser", .optional(b.loserName)), ("loser_task", .optional(b.loserTask))])
    }

    static func print(_ b: Battle, now: Date) {
        Printer.out("\(b.left.name) \(b.left.score.grouped)  vs  \(b.right.score.grouped) \(b.right.name)")
        switch b.status {
        case .running:
            let left = Int(b.remaining(at: now).rounded(.up))
            Printer.out("  running: \(left / 60):\(String(format: "%02d", left % 60)) left")
        case .draw:
            Printer.out("  draw")
        case .won:
            Printer.out("  \(b.winnerName ?? "?") wins; \(b.loserName ?? "?")'s task: \(b.loserTask ?? "none")")
        }
    }
}
