import ArgumentParser
import Foundation
import TikScoreCore

/// `tikscore live start|stop|status NAME`.
struct LiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "live", abstract: "Start, stop and show a creator's LIVE session.",
                                                    subcommands: [Start.self, Stop.self, Status.self, Goal.self, Sessions.self, Events.self])

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Go LIVE: gifts and followers from now on count to the session.")
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
        static let configuration = CommandConfiguration(commandName: "stop", abstract: "End the LIVE session and print its summary.")
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
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the open (or the last) LIVE session of a creator.")
        @OptionGroup var wallet: WalletOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The creator.") var name: String

        func run() async throws {
            let store = try await wallet.open(.read)
            let account = try await store.existing(name)
            let open = try await store.openSession(creatorID: account.id)
            let last = try await store.sessions(of: account, limit: 1).first
            guard let session = open ?? last else {
                throw WalletError(.notLive, "\(account.name) has never been LIVE")
            }
            let goal = try await store.liveGoalShown(of: account, session: session)
            if output.json {
                Printer.json(LiveCommand.json(session, store: store, goal: .some(goal)))
            } else {
                LiveCommand.print(session, store: store)
                if let goal { Printer.out("  goal \(GoalText.summary(goal))") }
            }
        }
    }

    struct Sessions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sessions", abstract: "List a creator's LIVE sessions, newest first.")
        @OptionGroup var wallet: WalletOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The creator.") var name: String
        @Option(help: "How many sessions.") var limit: Int = 20

        func validate() throws {
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1 to 10000") }
        }

        func run() async throws {
            let store = try await wallet.open(.read)
            let account = try await store.existing(name)
            let sessions = try await store.sessions(of: account, limit: limit)
            if output.json { Printer.json(.array(sessions.map { LiveCommand.json($0, store: store) })); return }
            if sessions.isEmpty { Printer.out("\(account.name) has never been LIVE."); return }
            Printer.table(["session", "started", "ended", "points", "gifts", "followers", "to guests"], sessions.map {
                [$0.id, Timestamp.format($0.startedAt), $0.endedAt.map(Timestamp.format) ?? "LIVE", $0.points.grouped,
                 Grouping.of($0.gifts), Grouping.of($0.newFollowers), Grouping.of($0.giftsToGuests)]
            }, right: [3, 4, 5, 6])
        }
    }

    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "events", abstract: "Show the event log of a LIVE session (the open or last one), at the source's times.",
            discussion: "With --jsonl the events come out as feed lines, in order, ready to replay into another wallet with `tikscore feed`.")
        @OptionGroup var wallet: WalletOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The creator.") var name: String
        @Option(help: "A session id (from `live sessions`).") var session: String?
        @Flag(help: "Print the events as JSON lines, one feed line each.") var jsonl = false

        func run() async throws {
            let store = try await wallet.open(.read)
            let account = try await store.existing(name)
            let sessions = try await store.sessions(of: account, limit: 10_000)
            guard let chosen = session.map({ id in sessions.first { $0.id == id } }) ?? sessions.first else {
                throw WalletError(.notLive, session.map { "\(account.name) has no session \($0)" } ?? "\(account.name) has never been LIVE")
            }
            let events = try await store.liveEvents(sessionID: chosen.id)
            if jsonl { events.forEach { Printer.out($0.line) }; return }
            if output.json {
                Printer.json(.array(events.map {
                    .object([("at", .string(Timestamp.format(Date(timeIntervalSince1970: TimeInterval($0.atMs) / 1000)))),
                             ("at_ms", .int($0.atMs)), ("kind", .string($0.kind)), ("line", .string($0.line))])
                }))
                return
            }
            if events.isEmpty { Printer.out("Session \(chosen.id) has no feed events."); return }
            Printer.table(["at", "kind", "event"], events.map {
                [Timestamp.format(Date(timeIntervalSince1970: TimeInterval($0.atMs) / 1000)), $0.kind, $0.line]
            })
        }
    }

    /// A session as JSON; `goal`, when given, adds the `goal` field (null for none).
    static func json(_ s: LiveSession, store: any WalletService, goal: LiveGoalProgress?? = .none) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .string(s.id)), ("creator", .string(s.creatorName)), ("live", .bool(s.isLive)),
            ("started_at", .string(Timestamp.format(s.startedAt))), ("ended_at", .optional(s.endedAt.map(Timestamp.format))),
            ("viewers", .int(s.viewers)), ("peak_viewers", .int(s.peakViewers)), ("new_followers", .int(s.newFollowers)),
            ("gifts", .int(s.gifts)), ("likes", .int(s.likes)), ("joins", .int(s.joins)), ("shares", .int(s.shares)),
            ("points", .points(s.points)), ("points_usd", .usd((try? store.economy.usd(of: s.points)) ?? .zero)),
            ("top_gifters", .array(s.topGifters.prefix(10).map { .object([("name", .string($0.name)), ("points", .points($0.points))]) })),
            ("gifts_to_guests", .int(s.giftsToGuests)), ("gifts_to_guests_points", .points(s.guestGiftPoints)),
            ("feed_points", .points(s.feedPoints)), ("bad_lines", .object(s.badLines.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) })),
        ]
        if case .some(let shown) = goal { fields.append(("goal", json(shown))) }
        return .object(fields)
    }

    static func print(_ s: LiveSession, store: any WalletService) {
        let end = s.endedAt ?? store.now
        let minutes = Int(end.timeIntervalSince(s.startedAt) / 60)
        Printer.out("\(s.creatorName): \(s.isLive ? "LIVE" : "ended"), \(Plural.of(Int64(minutes), "min", "min")) since \(Timestamp.format(s.startedAt))")
        Printer.out("  points \(s.points.grouped) ($\(((try? store.economy.usd(of: s.points)) ?? .zero).money)), gifts \(Grouping.of(s.gifts)), new followers \(Grouping.of(s.newFollowers))")
        Printer.out("  viewers \(Grouping.of(s.viewers)) (peak \(Grouping.of(s.peakViewers))), likes \(Grouping.of(s.likes)), joins \(Grouping.of(s.joins)), shares \(Grouping.of(s.shares))")
        if s.giftsToGuests > 0 {
            Printer.out("  gifts to guests \(Grouping.of(s.giftsToGuests)) (\(Plural.points(s.guestGiftPoints))), not \(s.creatorName)'s earning")
        }
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

    func validate() throws { try NumberArguments.check(count, "--count", in: 1...Int64.max) }

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
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Start a battle between two live creators.")
        @OptionGroup var wallet: WalletOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "One creator.") var left: String
        @Argument(help: "The other creator.") var right: String
        @Option(help: "Length in minutes (default from the economy catalog).") var minutes: Int64?

        /// A battle lasts at most a day.
        static let longest: Int64 = 24 * 60

        func validate() throws { try NumberArguments.check(minutes, "--minutes", in: 1...Start.longest) }

        func run() async throws {
            let store = try await wallet.open()
            let length = minutes ?? store.economy.rules.battleMinutes
            let b = try await store.battleStart(left: left, right: right, seconds: length * 60)
            if output.json { Printer.json(BattleCommand.json(b, now: store.now)) } else { BattleCommand.print(b, now: store.now) }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the running battle, or the last one.")
        @OptionGroup var wallet: WalletOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let store = try await wallet.open(.read)
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
        static let configuration = CommandConfiguration(commandName: "end", abstract: "End the running battle now and show the result.")
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
        let result: String
        switch b.status {
        case .running: result = "running"
        case .won: result = "won"
        case .draw: result = "draw"
        case .unsettled: result = "unsettled"
        }
        return .object([("id", .string(b.id)), ("status", .string(b.status.rawValue)), ("result", .string(result)),
                        ("side_known", .bool(b.sideKnown)), ("left", side(b.left)), ("right", side(b.right)),
                        ("hosts", .array(b.reportedHosts.map { .object([("name", .string($0.name)), ("score", .points($0.points))]) })),
                        ("started_at", .string(Timestamp.format(b.startedAt))), ("ends_at", .string(Timestamp.format(b.endsAt))),
                        ("seconds_left", .int(Int64(b.remaining(at: now).rounded(.up)))), ("winner", .optional(b.winnerName)),
                        ("loser", .optional(b.loserName)), ("loser_task", .optional(b.loserTask))])
    }

    static func print(_ b: Battle, now: Date) {
        if b.sideKnown {
            Printer.out("\(b.left.name) \(b.left.score.grouped)  vs  \(b.right.score.grouped) \(b.right.name)")
        } else {
            let hosts = b.reportedHosts.map { "\($0.name) \($0.points.grouped)" }.joined(separator: ", ")
            Printer.out("\(b.left.name): side unknown (no host is \(b.left.name) by TikTok id or handle)" + (hosts.isEmpty ? "" : "; \(hosts)"))
        }
        switch b.status {
        case .running:
            let left = Int(b.remaining(at: now).rounded(.up))
            Printer.out("  running: \(left / 60):\(String(format: "%02d", left % 60)) left")
        case .draw:
            Printer.out("  draw")
        case .won:
            Printer.out("  \(b.winnerName ?? "?") wins; \(b.loserName ?? "?")'s task: \(b.loserTask ?? "none")")
        case .unsettled:
            Printer.out("  unsettled: no winner and no task (set the creator's --tiktok-id or --tiktok-handle)")
        }
    }
}
