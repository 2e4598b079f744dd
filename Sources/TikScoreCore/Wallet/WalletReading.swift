import Foundation

/// What the state machine may read of the wallet while it decides a command.
///
/// A store answers from inside the write transaction, so what it reads cannot change before
/// the decision is applied.
public protocol WalletReading {
    /// The account with this name (case-insensitive), if any.
    func account(named name: String) throws -> Account?
    /// The account with this id, if any.
    func account(id: Int64) throws -> Account?
    /// The account with this TikTok user id, if any.
    func account(tiktokID: String) throws -> Account?
    /// The account with this TikTok handle (without `@`, any case), if any.
    func account(tiktokHandle: String) throws -> Account?
    /// The balance of a ledger account (zero if it never moved).
    func balance(of account: LedgerAccount) throws -> Points
    /// A withdrawal by id.
    func withdrawal(id: String) throws -> Withdrawal?
    /// The id the next new account gets.
    func nextAccountID() throws -> Int64
    /// The creator's open LIVE session, if any.
    func openSession(creatorID: Int64) throws -> LiveSession?
    /// Battles still marked running (some may be past their end, waiting to be settled).
    func runningBattles() throws -> [Battle]
}

/// A change the state machine decided, for a store to write.
public enum LedgerChange: Sendable, Equatable {
    case insertAccount(Account)
    case updateAccount(Account)
    case transfer(Transfer)
    case saveWithdrawal(Withdrawal)
    case saveRedemption(Redemption)
    case saveSession(LiveSession)
    case saveBattle(Battle)
    /// One event of a LIVE session, for its event log.
    case recordLiveEvent(LiveEventRecord)
}

/// One event of a LIVE session as the feed delivered it: the source's time and the event as one
/// flat JSON line (`FeedLineEncoder`), so a past LIVE can be replayed in order.
public struct LiveEventRecord: Sendable, Equatable {
    public var sessionID: String
    /// Milliseconds since the epoch: the source's `createTime`, else when the wallet applied it.
    public var atMs: Int64
    /// The event kind (`gift`, `streak`, `follow`, `battle`, …).
    public var kind: String
    public var line: String
    /// The line in the form the event log keeps it, when the feed made it (a store that keeps
    /// that form uses it for the same line, msgId and time). Not part of the record's value.
    public var kept: FeedKeptLine?

    public init(sessionID: String, atMs: Int64, kind: String, line: String, kept: FeedKeptLine? = nil) {
        self.sessionID = sessionID
        self.atMs = atMs
        self.kind = kind
        self.line = line
        self.kept = kept
    }

    public static func == (a: LiveEventRecord, b: LiveEventRecord) -> Bool {
        a.sessionID == b.sessionID && a.atMs == b.atMs && a.kind == b.kind && a.line == b.line
    }
}

/// The state machine's answer to a command: what to write, and what to tell the caller.
public struct Decision: Sendable, Equatable {
    public var changes: [LedgerChange]
    public var outcome: CommandOutcome

    /// The transfers among the changes.
    public var transfers: [Transfer] {
        changes.compactMap { if case .transfer(let t) = $0 { return t } else { return nil } }
    }
}

/// Facts a decision depends on besides the wallet: the economy, the time, the command's id.
public struct DecisionContext: Sendable {
    public var economy: Economy
    public var now: Date
    /// Unique per command; the idempotency key when one was given.
    public var commandID: String

    public init(economy: Economy, now: Date, commandID: String) {
        self.economy = economy
        self.now = now
        self.commandID = commandID
    }

    /// Today's date in UTC.
    public var today: CalendarDate { CalendarDate(now) }
}
