import Foundation

/// What a store answered to a submitted command: the outcome or the refusal, and whether the
/// answer was the stored one of an earlier run under the same key (so nothing changed now).
public struct CommandResult: Sendable, Equatable {
    /// The outcome, or why the wallet refused.
    public var answer: Result<CommandOutcome, WalletError>
    /// True when the key had answered before: the answer is that first one.
    public var replayed: Bool

    public init(answer: Result<CommandOutcome, WalletError>, replayed: Bool) {
        self.answer = answer
        self.replayed = replayed
    }
}

/// What reserving a key before a slow outside step (a payment) found.
public enum KeyReservation: Sendable, Equatable {
    /// The key is now marked in flight: ask the gateway, then submit the command under the key.
    case reserved
    /// The key answered before; here is its outcome.
    case completed(CommandOutcome)
    /// The key answered before with this refusal.
    case refused(WalletError)
    /// Another process is working under this key right now.
    case inProgress(since: Date)
}

/// A command that was in flight under a key when its process stopped (a payment whose answer was
/// never recorded), as the key's record tells it.
public struct InterruptedCommand: Sendable, Equatable {
    public var key: CommandKey
    /// What was being done, in words ("a recharge of 700 points ($3.50) for ana by card •••• 4242").
    public var summary: String
    public var startedAt: Date

    public init(key: CommandKey, summary: String, startedAt: Date) {
        self.key = key
        self.summary = summary
        self.startedAt = startedAt
    }
}
