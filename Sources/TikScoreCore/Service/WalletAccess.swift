/// How a command opens a wallet (a file, or a PostgreSQL database).
///
/// ```swift
/// let store = try WalletStore(path: path, economy: economy, access: .read)   // balance, history, verify
/// ```
public enum WalletAccess: Sendable, Equatable {
    /// A read-only connection: the file (header included) is never written, so a user who may
    /// only read the wallet can query it. An older schema is upgraded first, by the writer.
    case read
    /// An existing wallet, opened for writing (migrated when an older version wrote it).
    case write
    /// Like `write`, but a missing wallet is created (folder 0700, file 0600).
    case create

    /// Whether this access may change the wallet.
    public var writes: Bool { self != .read }
}
