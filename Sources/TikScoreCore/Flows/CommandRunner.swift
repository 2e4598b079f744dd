/// Something that applies commands atomically with idempotency keys: the SQLite store, or the
/// in-memory wallet used by simulations.
public protocol CommandRunner: WalletReading {
    /// Decides and applies `command` in one transaction. With a `key` that was used before,
    /// returns the first outcome and changes nothing; throws `keyReused` if the key was used for
    /// a different command.
    func run(_ command: Command, key: String?) throws -> CommandOutcome
    /// Like `run`, and says whether the key had already been used (the outcome is the first
    /// one and nothing changed).
    func runReportingReplay(_ command: Command, key: String?) throws -> (outcome: CommandOutcome, replayed: Bool)
    /// The stored outcome of the command with this key, if it ran.
    func outcome(forKey key: String, fingerprint: String) throws -> CommandOutcome?
    /// The economy in force.
    var economy: Economy { get }
}

extension CommandRunner {
    public func run(_ command: Command, key: String?) throws -> CommandOutcome {
        try runReportingReplay(command, key: key).outcome
    }
}

/// The id of a command: the idempotency key when there is one, a fresh id otherwise.
public enum CommandID {
    /// `k:KEY` for a caller's key, `c:RANDOM` otherwise.
    public static func make(key: String?) -> String {
        if let key { return "k:" + key }
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return "c:" + hex(high) + hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
