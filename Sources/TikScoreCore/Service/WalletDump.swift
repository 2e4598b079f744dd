import Foundation

/// Everything a wallet holds, as one consistent snapshot in Core's own types, for copying a wallet
/// from one store to another exactly (`tikscore migrate --to`): accounts, balances, transfers with
/// their ids and places, key records, withdrawals, redemptions, sessions, battles, stored events,
/// PINs and lockouts, settings and the wallet secret (so every stored fingerprint stays valid).
///
/// ```swift
/// let dump = try await sqlite.dump()
/// try await postgres.load(dump)
/// ```
public struct WalletDump: Sendable, Equatable {
    /// A transfer and its place in the ledger (`seq`, which exports show).
    public struct PlacedTransfer: Sendable, Equatable {
        public var seq: Int64
        public var transfer: Transfer
        public init(seq: Int64, transfer: Transfer) {
            self.seq = seq
            self.transfer = transfer
        }
    }

    /// A key record under its stored id, with who ran its command.
    public struct StoredKey: Sendable, Equatable {
        public var id: String
        public var record: KeyRecord
        public var operatorName: String?
        public init(id: String, record: KeyRecord, operatorName: String? = nil) {
            self.id = id
            self.record = record
            self.operatorName = operatorName
        }
    }

    public var secret: WalletSecret
    /// Every setting but the secret.
    public var settings: [String: String]
    public var accounts: [Account]
    public var balances: [LedgerAccount: Points]
    /// In ledger order.
    public var transfers: [PlacedTransfer]
    /// In the order they were first written.
    public var keys: [StoredKey]
    /// Oldest first (the order of each list is the order the wallet lists them in).
    public var withdrawals: [Withdrawal]
    public var redemptions: [Redemption]
    public var sessions: [LiveSession]
    public var battles: [Battle]
    /// In the order they were stored, with their whole lines.
    public var events: [LiveEventRecord]
    public var pins: [Int64: PINRecord]

    public init(secret: WalletSecret, settings: [String: String], accounts: [Account], balances: [LedgerAccount: Points],
                transfers: [PlacedTransfer], keys: [StoredKey], withdrawals: [Withdrawal], redemptions: [Redemption],
                sessions: [LiveSession], battles: [Battle], events: [LiveEventRecord], pins: [Int64: PINRecord]) {
        self.secret = secret
        self.settings = settings
        self.accounts = accounts
        self.balances = balances
        self.transfers = transfers
        self.keys = keys
        self.withdrawals = withdrawals
        self.redemptions = redemptions
        self.sessions = sessions
        self.battles = battles
        self.events = events
        self.pins = pins
    }

    /// What the copy holds, in words.
    public var summary: String {
        "\(accounts.count) accounts, \(transfers.count) transfers, \(keys.count) keys, \(withdrawals.count) withdrawals, "
            + "\(redemptions.count) redemptions, \(sessions.count) sessions, \(battles.count) battles, \(events.count) events, \(pins.count) PINs"
    }
}

/// A store a wallet can be copied out of and into.
public protocol WalletCopying: WalletService {
    /// The whole wallet from one consistent snapshot.
    ///
    /// - Throws: `WalletError` `storage` when it cannot be read.
    func dump() async throws -> WalletDump

    /// Writes `dump` into this wallet, which must be empty (no account, transfer, key or event),
    /// in one transaction; the wallet takes the dump's secret. Open the wallet again afterwards.
    ///
    /// - Throws: `WalletError` `storage` when the wallet is not empty or cannot be written.
    func load(_ dump: WalletDump) async throws
}

extension WalletError {
    /// A copy refused because its target already holds a wallet.
    public static func notEmpty(_ location: String) -> WalletError {
        WalletError(.storage, "the wallet at \(location) is not empty; migrate copies into a new wallet only (a missing file, or an empty database)")
    }
}
