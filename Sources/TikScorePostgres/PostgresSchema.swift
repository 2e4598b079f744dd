import Foundation
import TikScoreCore

/// The wallet's tables on PostgreSQL, and their versions. The same tables as the SQLite store's,
/// in PostgreSQL's types (BIGINT units, BOOLEAN flags, BIGSERIAL order); every record keeps the
/// JSON form of `RecordJSON`, and times their `Timestamp` text.
enum PostgresSchema {
    /// The version this TikScore writes; a database marked with a higher one is refused.
    static let version: Int64 = 1

    /// Serializes the creation of the tables between hosts (`pg_advisory_xact_lock`).
    static let creationLock: Int64 = 0x7469_6b73_636f_7265   // "tikscore"
    /// The wallet's write lock: every writing transaction holds it (see `PostgresLink.transaction`).
    static let writeLock: Int64 = 0x7469_6b73_7772_6974   // "tikswrit"

    /// The setting that holds the wallet's fingerprint secret (as on SQLite).
    static let secretSetting = "wallet.secret"

    /// The channel `NOTIFY` tells of every commit that changed the wallet.
    static let changesChannel = "tikscore_changes"

    static let tables = """
        CREATE TABLE tikscore_schema (
            version BIGINT NOT NULL
        );
        CREATE TABLE accounts (
            id BIGINT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('supporter', 'creator')),
            followers BIGINT NOT NULL CHECK (followers >= 0),
            birth_date TEXT,
            created_on TEXT,
            business BOOLEAN NOT NULL,
            creator_next BOOLEAN NOT NULL,
            last_upload TEXT,
            tiktok_id TEXT UNIQUE,
            tiktok_handle TEXT,
            tiktok_handle_key TEXT UNIQUE
        );
        CREATE TABLE balances (
            account TEXT PRIMARY KEY,
            units BIGINT NOT NULL,
            CHECK (account NOT LIKE 'user:%' OR units >= 0)
        );
        CREATE TABLE transfers (
            seq BIGSERIAL PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            debit TEXT NOT NULL,
            credit TEXT NOT NULL,
            units BIGINT NOT NULL CHECK (units > 0),
            kind TEXT NOT NULL,
            command_id TEXT NOT NULL,
            pending_id TEXT,
            memo TEXT NOT NULL,
            at TEXT NOT NULL,
            CHECK (debit <> credit)
        );
        CREATE INDEX transfers_by_debit ON transfers (debit, seq);
        CREATE INDEX transfers_by_credit ON transfers (credit, seq);
        CREATE INDEX transfers_by_pending ON transfers (pending_id) WHERE pending_id IS NOT NULL;
        CREATE TABLE commands (
            id TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('done', 'refused', 'in_flight')),
            outcome TEXT,
            refusal_code TEXT,
            refusal TEXT,
            owner TEXT,
            summary TEXT,
            at TEXT NOT NULL,
            operator TEXT,
            CHECK (state <> 'done' OR outcome IS NOT NULL),
            CHECK (state <> 'refused' OR (refusal_code IS NOT NULL AND refusal IS NOT NULL)),
            CHECK (state <> 'in_flight' OR (owner IS NOT NULL AND summary IS NOT NULL))
        );
        CREATE INDEX commands_in_flight ON commands (at) WHERE state = 'in_flight';
        CREATE TABLE withdrawals (
            seq BIGSERIAL UNIQUE,
            id TEXT PRIMARY KEY,
            account_id BIGINT NOT NULL REFERENCES accounts(id),
            status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
            record TEXT NOT NULL
        );
        CREATE INDEX withdrawals_by_account ON withdrawals (account_id);
        CREATE TABLE redemptions (
            seq BIGSERIAL UNIQUE,
            id TEXT PRIMARY KEY,
            account_id BIGINT NOT NULL REFERENCES accounts(id),
            record TEXT NOT NULL
        );
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE live_sessions (
            seq BIGSERIAL UNIQUE,
            id TEXT PRIMARY KEY,
            creator_id BIGINT NOT NULL REFERENCES accounts(id),
            open BOOLEAN NOT NULL,
            record TEXT NOT NULL
        );
        CREATE UNIQUE INDEX one_open_session ON live_sessions (creator_id) WHERE open;
        CREATE TABLE battles (
            seq BIGSERIAL UNIQUE,
            id TEXT PRIMARY KEY,
            running BOOLEAN NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX running_battles ON battles (running) WHERE running;
        CREATE TABLE live_events (
            seq BIGSERIAL PRIMARY KEY,
            session_id TEXT NOT NULL,
            at_ms BIGINT NOT NULL,
            kind TEXT NOT NULL,
            line TEXT NOT NULL
        );
        CREATE INDEX live_events_by_session ON live_events (session_id, seq);
        CREATE TABLE pins (
            account_id BIGINT PRIMARY KEY REFERENCES accounts(id),
            salt TEXT NOT NULL,
            hash TEXT NOT NULL,
            rounds BIGINT NOT NULL CHECK (rounds > 0),
            failures BIGINT NOT NULL DEFAULT 0 CHECK (failures >= 0),
            locked_until TEXT
        );
        """

    /// The wallet's fingerprint secret, after checking that the database holds a wallet this
    /// TikScore can read; creates the tables first in an empty database when `create` allows.
    ///
    /// - Throws: `WalletError` `noWallet` for an empty database that may not be created, and
    ///   `storage` for a database of other tables, a newer schema, or a damaged secret.
    static func open(_ link: PostgresLink, create: Bool) throws -> WalletSecret {
        if try !exists(link) {
            guard create else {
                throw WalletError(.noWallet, "there is no wallet in the PostgreSQL database \(link.location) yet")
            }
            try link.transaction { tx in
                try tx.query("SELECT pg_advisory_xact_lock($1)", [.int(creationLock)])
                // Another host may have made it while this one waited for the lock.
                guard try !exists(tx) else { return }
                if try tx.query("SELECT to_regclass('accounts') IS NOT NULL AS taken").first?.bool("taken", table: "pg_class") == true {
                    throw WalletError(.storage, "the PostgreSQL database \(link.location) has tables of its own (an accounts table) but is not a TikScore wallet; name an empty database")
                }
                try tx.execute(tables)
                try tx.query("INSERT INTO tikscore_schema (version) VALUES ($1)", [.int(version)])
                try tx.query("INSERT INTO settings (key, value) VALUES ($1, $2)", [.text(secretSetting), .text(WalletSecret.random().hex)])
            }
        }
        return try link.snapshot { tx in
            let versions = try tx.query("SELECT version FROM tikscore_schema").map { try $0.int64("version", table: "tikscore_schema") }
            guard let stored = versions.max() else {
                throw WalletError(.storage, "the wallet is damaged: tikscore_schema holds no version")
            }
            guard stored <= version else {
                throw WalletError(.storage, "this wallet was written by a newer TikScore (schema \(stored)); upgrade TikScore to open it")
            }
            guard let text = try tx.query("SELECT value FROM settings WHERE key = $1", [.text(secretSetting)]).first?
                    .optionalText("value", table: "settings"),
                  let secret = WalletSecret(hex: text) else {
                throw WalletError(.storage, "the wallet is damaged: its fingerprint secret (setting \(secretSetting)) is missing or not 64 hex digits")
            }
            return secret
        }
    }

    private static func exists(_ link: PostgresLink) throws -> Bool {
        try link.query("SELECT to_regclass('tikscore_schema') IS NOT NULL AS present").first?.bool("present", table: "pg_class") ?? false
    }
}
