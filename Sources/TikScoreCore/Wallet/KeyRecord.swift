import Foundation

/// What a wallet keeps under a command's key: its fingerprint and its first answer, or the mark
/// that it is in flight (a payment asked, the answer not yet recorded).
public struct KeyRecord: Sendable, Equatable {
    /// Where the command under the key is.
    public enum State: Sendable, Equatable {
        /// Reserved before an outside step; `owner` names the process that reserved it.
        case inFlight(owner: String, summary: String)
        case done(CommandOutcome)
        case refused(WalletError)
    }

    public var fingerprint: String
    public var state: State
    public var at: Date

    public init(fingerprint: String, state: State, at: Date) {
        self.fingerprint = fingerprint
        self.state = state
        self.at = at
    }

    /// The answer a replay gives, or nil while in flight.
    public var answer: Result<CommandOutcome, WalletError>? {
        switch state {
        case .inFlight: return nil
        case .done(let outcome): return .success(outcome)
        case .refused(let error): return .failure(error)
        }
    }
}

/// The rules every store applies to keys, in one place: how a stored record answers a command
/// submitted or reserved under its key.
public enum KeyRules {
    /// The refusal for an idempotency key used with a different command.
    public static func reused(_ key: CommandKey) -> WalletError {
        WalletError(.keyReused, "key '\(key)' was already used for a different command; use a new key")
    }

    /// How long a key may stay in flight before another host may take it over.
    public static let staleAfter: TimeInterval = 600

    /// What reserving `key` for `command` finds in `record`; nil means "reserve it (again) now".
    ///
    /// - Throws: `keyReused` when the record belongs to another command.
    public static func reservation(of record: KeyRecord?, command: Command, key: CommandKey, secret: WalletSecret,
                                   now: Date, ownerIsAlive: (String) -> Bool) throws -> KeyReservation? {
        guard let record else { return nil }
        guard command.matches(fingerprint: record.fingerprint, secret: secret) else { throw reused(key) }
        switch record.state {
        case .done(let outcome): return .completed(outcome)
        case .refused(let error): return .refused(error)
        case .inFlight(let owner, _):
            let stale = !ownerIsAlive(owner) || now.timeIntervalSince(record.at) > staleAfter
            return stale ? nil : .inProgress(since: record.at)
        }
    }

    /// The stored answer for a command submitted under `key`, or nil to decide it now.
    ///
    /// - Throws: `keyReused` when the record belongs to another command.
    public static func replay(of record: KeyRecord?, command: Command, key: CommandKey, secret: WalletSecret) throws -> CommandResult? {
        guard let record else { return nil }
        guard command.matches(fingerprint: record.fingerprint, secret: secret) else { throw reused(key) }
        return record.answer.map { CommandResult(answer: $0, replayed: true) }
    }
}
