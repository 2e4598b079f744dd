import ArgumentParser
import TikScoreCore

extension LiveCommand {
    /// `tikscore live goal NAME --points N [--followers N]`, `--clear`, or alone to show it.
    struct Goal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "goal",
            abstract: "Set a goal for the current (or the next) LIVE session: earned points, new followers, or both.",
            discussion: "Without --points, --followers or --clear it shows the goal and how far the session got.")
        @OptionGroup var wallet: WalletOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The creator.") var name: String
        @Option(help: "Earned points to reach this session (up to two decimals).") var points: String?
        @Option(help: "New followers to reach this session.") var followers: Int64?
        @Flag(help: "Remove the goal.") var clear = false

        func validate() throws {
            if let points { _ = try NumberArguments.points(points, name: "--points") }
            try NumberArguments.check(followers, "--followers", in: 1...Int64.max)
            if clear, points != nil || followers != nil { throw ValidationError("--clear takes no --points or --followers") }
        }

        func run() async throws {
            let setting = clear || points != nil || followers != nil
            let store = try await wallet.open(setting ? .write : .read)
            let account = try await store.existing(name)
            guard account.profile.role == .creator else {
                throw WalletError(.invalidInput, "\(account.name) is not a creator: only a creator's LIVE earns points")
            }
            let open = try await store.openSession(creatorID: account.id)
            if clear {
                try await store.setLiveGoal(nil, of: account)
                if output.json { Printer.json(.null) } else { Printer.out("\(account.name) has no LIVE goal now") }
                return
            }
            if setting {
                let goal = try LiveGoal(points: try points.map { try NumberArguments.points($0, name: "--points") },
                                        followers: followers, sessionID: open?.id, setAt: store.now)
                try await store.setLiveGoal(goal, of: account)
            }
            var session = open
            if session == nil { session = try await store.sessions(of: account, limit: 1).first }
            let shown = try await store.liveGoalShown(of: account, session: session)
            if output.json {
                Printer.json(LiveCommand.json(shown))
                return
            }
            guard let shown else {
                Printer.out("\(account.name) has no LIVE goal (set one: tikscore live goal \(account.name) --points N)")
                return
            }
            Printer.out("\(account.name)'s goal for \(shown.sessionID == nil ? "the next LIVE" : open == nil ? "the last LIVE" : "this LIVE"): "
                        + GoalText.summary(shown))
        }
    }

    /// A goal as `live status --json` and `live goal --json` print it; null without one.
    static func json(_ shown: LiveGoalProgress?) -> JSONValue {
        guard let shown else { return .null }
        return .object([
            ("points_target", shown.goal.points.map(JSONValue.points) ?? .null),
            ("points_progress", .points(shown.points)),
            ("followers_target", shown.goal.followers.map(JSONValue.int) ?? .null),
            ("followers_progress", .int(shown.followers)),
            ("reached", .bool(shown.reached)),
            ("session", .optional(shown.sessionID)),
            ("set_at", .string(Timestamp.format(shown.goal.setAt))),
        ])
    }
}
