import ArgumentParser
import TikScoreCore

/// `tikscore account create|update|list`.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Add, change and list accounts.",
        subcommands: [Create.self, Update.self, List.self, AccountPINCommand.self])

    /// Profile flags shared by create and update.
    struct ProfileOptions: ParsableArguments {
        @Flag(name: .long, help: "A creator account (can earn points).") var creator = false
        @Flag(name: .long, help: "A supporter account.") var supporter = false
        @Option(help: "Followers.") var followers: Int64?
        @Option(help: ArgumentHelp("The owner's birth date.", valueName: "YYYY-MM-DD")) var birthdate: String?
        @Option(help: ArgumentHelp("When the account was opened (default: today).", valueName: "YYYY-MM-DD")) var created: String?
        @Flag(inversion: .prefixedNo, help: "A business account with a trademark.") var business: Bool?
        @Flag(name: .customLong("creator-next"), inversion: .prefixedNo, help: "Subscribed to Creator Next.") var creatorNext: Bool?
        @Option(name: .customLong("last-upload"), help: ArgumentHelp("Date of the newest upload.", valueName: "YYYY-MM-DD")) var lastUpload: String?
        @Option(name: .customLong("tiktok-id"), help: ArgumentHelp("The account's numeric TikTok user id (as LIVE connectors send it); one account each.", valueName: "id")) var tiktokID: String?
        @Option(name: .customLong("tiktok-handle"), help: ArgumentHelp("The account's TikTok @handle (stored without @, matched in any case); one account each.", valueName: "handle")) var tiktokHandle: String?

        func validate() throws {
            if creator && supporter { throw ValidationError("choose --creator or --supporter, not both") }
            if let followers, followers < 0 { throw ValidationError("--followers cannot be negative") }
        }

        func patch() throws -> ProfilePatch {
            ProfilePatch(role: creator ? .creator : supporter ? .supporter : nil, followers: followers,
                         birthDate: try birthdate.map(CalendarDate.parse), createdOn: try created.map(CalendarDate.parse),
                         business: business, creatorNext: creatorNext, lastUpload: try lastUpload.map(CalendarDate.parse),
                         tiktokID: try tiktokID.map(TikTokIdentity.id), tiktokHandle: try tiktokHandle.map(TikTokIdentity.handle))
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Add an account.")
        @OptionGroup var wallet: WalletOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The account's name (any script, case-insensitive).") var name: String
        @OptionGroup var profile: ProfileOptions

        func run() async throws {
            let store = try await wallet.open(creating: true)
            let base = AccountProfile()
            let profile = try self.profile.patch().applied(to: base)
            let account = try await store.createAccount(name: name, profile: profile)
            AccountCommand.show(account, json: output.json, verb: "created")
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Change an account's profile.")
        @OptionGroup var wallet: WalletOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The account's name.") var name: String
        @OptionGroup var profile: ProfileOptions
        @OptionGroup var pin: PINOptions

        func run() async throws {
            let store = try await wallet.open()
            try await pin.authorize(name, in: store)
            let account = try await store.updateAccount(name: name, patch: try profile.patch())
            AccountCommand.show(account, json: output.json, verb: "updated")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts with their balances.")
        @OptionGroup var wallet: WalletOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let store = try await wallet.open(.read)
            let summaries = try await store.summaries()
            if output.json {
                Printer.json(.array(summaries.map { AccountCommand.json($0.account, summary: $0) }))
                return
            }
            if summaries.isEmpty { Printer.out("No accounts yet: `tikscore account create NAME` or `tikscore demo`."); return }
            Printer.table(["name", "role", "followers", "points", "earned", "held"], summaries.map {
                [$0.account.name, $0.account.profile.role.rawValue, Grouping.of($0.account.profile.followers),
                 $0.points.grouped, $0.earned.grouped, $0.held.grouped]
            }, right: [2, 3, 4, 5])
        }
    }

    static func show(_ account: Account, json: Bool, verb: String) {
        if json {
            Printer.json(AccountCommand.json(account, summary: nil))
        } else {
            let p = account.profile
            Printer.out("\(verb) \(p.role.rawValue) account \(account.name)")
            Printer.out("  followers \(Grouping.of(p.followers)), born \(p.birthDate?.description ?? "unknown"), opened \(p.createdOn?.description ?? "unknown")")
            Printer.out("  business \(p.business ? "yes" : "no"), Creator Next \(p.creatorNext ? "yes" : "no"), last upload \(p.lastUpload?.description ?? "none")")
            if p.tiktokID != nil || p.tiktokHandle != nil {
                Printer.out("  TikTok \(p.tiktokHandle.map { "@" + $0 } ?? "(no handle)") \(p.tiktokID.map { "id " + $0 } ?? "(no id)")")
            }
        }
    }

    static func json(_ account: Account, summary: AccountSummary?) -> JSONValue {
        let p = account.profile
        var fields: [(String, JSONValue)] = [
            ("name", .string(account.name)), ("role", .string(p.role.rawValue)), ("followers", .int(p.followers)),
            ("birthdate", .optional(p.birthDate?.description)), ("created", .optional(p.createdOn?.description)),
            ("business", .bool(p.business)), ("creator_next", .bool(p.creatorNext)),
            ("last_upload", .optional(p.lastUpload?.description)),
            ("tiktok_id", .optional(p.tiktokID)), ("tiktok_handle", .optional(p.tiktokHandle)),
        ]
        if let summary {
            fields += [("points", .points(summary.points)), ("earned", .points(summary.earned)), ("held", .points(summary.held))]
        }
        return .object(fields)
    }
}
