import GRDB
import TikScoreCore

/// The wallet's tables and their migrations.
enum WalletSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger") { db in
            try db.execute(sql: """
                CREATE TABLE accounts (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    name_key TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL CHECK (role IN ('supporter', 'creator')),
                    followers INTEGER NOT NULL CHECK (followers >= 0),
                    birth_date TEXT,
                    created_on TEXT,
                    business INTEGER NOT NULL,
                    creator_next INTEGER NOT NULL,
                    last_upload TEXT
                );
                CREATE TABLE balances (
                    account TEXT PRIMARY KEY,
                    units INTEGER NOT NULL,
                    CHECK (account NOT LIKE 'user:%' OR units >= 0)
                );
                CREATE TABLE transfers (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    debit TEXT NOT NULL,
                    credit TEXT NOT NULL,
                    units INTEGER NOT NULL CHECK (units > 0),
                    kind TEXT NOT NULL,
                    command_id TEXT NOT NULL,
                    pending_id TEXT,
                    memo TEXT NOT NULL,
                    at TEXT NOT NULL,
                    CHECK (debit <> credit)
                );
                CREATE INDEX transfers_by_debit ON transfers (debit, seq);
                CREATE INDEX transfers_by_credit ON transfers (credit, seq);
                CREATE TABLE commands (
                    id TEXT PRIMARY KEY,
                    fingerprint TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    at TEXT NOT NULL
                );
                CREATE TABLE withdrawals (
                    id TEXT PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES accounts(id),
                    status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
                    record TEXT NOT NULL
                );
                CREATE INDEX withdrawals_by_account ON withdrawals (account_id);
                CREATE TABLE redemptions (
                    id TEXT PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES accounts(id),
                    record TEXT NOT NULL
                );
                CREATE TABLE settings (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-live") { db in
            try db.execute(sql: """
                CREATE TABLE live_sessions (
                    id TEXT PRIMARY KEY,
                    creator_id INTEGER NOT NULL REFERENCES accounts(id),
                    open INTEGER NOT NULL,
                    record TEXT NOT NULL
                );
                CREATE UNIQUE INDEX one_open_session ON live_sessions (creator_id) WHERE open = 1;
                CREATE TABLE battles (
                    id TEXT PRIMARY KEY,
                    running INTEGER NOT NULL,
                    record TEXT NOT NULL
                );
                CREATE INDEX running_battles ON battles (running);
                """)
        }
        migrator.registerMigration("v3-keys") { db in
            // Key records gain a state (done, refused, in flight), and fingerprints become canonical.
            try db.execute(sql: """
                CREATE TABLE commands_v3 (
                    id TEXT PRIMARY KEY,
                    fingerprint TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('done', 'refused', 'in_flight')),
                    outcome TEXT,
                    refusal_code TEXT,
                    refusal TEXT,
                    owner TEXT,
                    summary TEXT,
                    at TEXT NOT NULL,
                    CHECK (state <> 'done' OR outcome IS NOT NULL),
                    CHECK (state <> 'refused' OR (refusal_code IS NOT NULL AND refusal IS NOT NULL)),
                    CHECK (state <> 'in_flight' OR (owner IS NOT NULL AND summary IS NOT NULL))
                );
                INSERT INTO commands_v3 (id, fingerprint, state, outcome, at) SELECT id, fingerprint, 'done', outcome, at FROM commands;
                DROP TABLE commands;
                ALTER TABLE commands_v3 RENAME TO commands;
                """)
            for row in try Row.fetchAll(db, sql: "SELECT id, fingerprint, outcome FROM commands WHERE id LIKE 'k:%'") {
                let strict = StrictRow(row, table: "commands", key: "id")
                let id = try strict.text("id")
                let outcome = try? RecordCoding.decode(CommandOutcome.self, from: strict, column: "outcome")
                let canonical = LegacyFingerprints.canonical(old: try strict.text("fingerprint"), outcome: outcome,
                                                             outcomeText: try strict.optionalText("outcome"))
                try db.execute(sql: "UPDATE commands SET fingerprint = ? WHERE id = ?", arguments: [canonical, id])
            }
            try db.execute(sql: "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
                           arguments: [secretSetting, WalletSecret.random().hex])
        }
        migrator.registerMigration("v4-feed") { db in
            // TikTok identities (an id and a handle belong to one account each), the LIVE event
            // log, and feed keys by event kind.
            try db.execute(sql: """
                ALTER TABLE accounts ADD COLUMN tiktok_id TEXT;
                ALTER TABLE accounts ADD COLUMN tiktok_handle TEXT;
                ALTER TABLE accounts ADD COLUMN tiktok_handle_key TEXT;
                CREATE UNIQUE INDEX accounts_by_tiktok_id ON accounts (tiktok_id) WHERE tiktok_id IS NOT NULL;
                CREATE UNIQUE INDEX accounts_by_tiktok_handle ON accounts (tiktok_handle_key) WHERE tiktok_handle_key IS NOT NULL;
                CREATE TABLE live_events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    session_id TEXT NOT NULL,
                    at_ms INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    line TEXT NOT NULL
                );
                CREATE INDEX live_events_by_session ON live_events (session_id, seq);
                """)
            try FeedKeyMigration.run(db)
        }
        migrator.registerMigration("v5-indexes") { db in
            // `verify` reads the transfers that settle a withdrawal's hold, and the dashboard the
            // commands left in flight, without scanning every row.
            try db.execute(sql: """
                CREATE INDEX transfers_by_pending ON transfers (pending_id) WHERE pending_id IS NOT NULL;
                CREATE INDEX commands_in_flight ON commands (at) WHERE state = 'in_flight';
                """)
        }
        migrator.registerMigration("v6-pins") { db in
            // Apart from the accounts, so no export or profile ever carries a PIN's hash.
            try db.execute(sql: """
                CREATE TABLE pins (
                    account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
                    salt TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    rounds INTEGER NOT NULL CHECK (rounds > 0),
                    failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
                    locked_until TEXT
                );
                -- Every writing command looks for payouts a stopped process left pending.
                CREATE INDEX withdrawals_pending ON withdrawals (id) WHERE status = 'pending';
                """)
        }
        migrator.registerMigration("v7-feed-event-keys") { db in
            // The key of a feed event lives in its event row with its answer (FeedEventKey):
            // one row and one index entry per gift, like or viewer count instead of two rows.
            try db.execute(sql: """
                ALTER TABLE live_events ADD COLUMN creator_id INTEGER;
                ALTER TABLE live_events ADD COLUMN msg_id INTEGER;
                ALTER TABLE live_events ADD COLUMN opened INTEGER;
                ALTER TABLE live_events ADD COLUMN earned INTEGER;
                ALTER TABLE live_events ADD COLUMN guest INTEGER;
                CREATE UNIQUE INDEX live_events_by_key ON live_events (msg_id, kind, creator_id) WHERE msg_id IS NOT NULL;
                """)
        }
        migrator.registerMigration("v8-event-shapes") { db in
            // A feed line is kept as its values, beside its shape (keys and punctuation), which
            // every line of one kind and fields shares and which is kept once (FeedLineShape).
            // Rows written before keep their whole line (shape NULL).
            try db.execute(sql: """
                CREATE TABLE live_event_shapes (
                    id INTEGER PRIMARY KEY,
                    template TEXT NOT NULL UNIQUE
                );
                ALTER TABLE live_events ADD COLUMN shape INTEGER REFERENCES live_event_shapes(id);
                """)
        }
        migrator.registerMigration("v9-operators") { db in
            // Who ran each command (`--operator`, else the OS user), kept once per name: a key
            // record names its operator, and so does a feed event that keeps its key in its row.
            try db.execute(sql: """
                CREATE TABLE operators (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE
                );
                ALTER TABLE commands ADD COLUMN operator INTEGER REFERENCES operators(id);
                ALTER TABLE live_events ADD COLUMN operator INTEGER REFERENCES operators(id);
                """)
        }
        return migrator
    }

    /// The setting that holds the wallet's fingerprint secret.
    static let secretSetting = "wallet.secret"

    /// The wallet's fingerprint secret.
    ///
    /// - Throws: a storage error when it is missing or damaged.
    static func secret(_ db: Database) throws -> WalletSecret {
        guard let text = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [secretSetting]),
              let secret = WalletSecret(hex: text) else {
            throw WalletError(.storage, "the wallet is damaged: its fingerprint secret (setting \(secretSetting)) is missing or not 64 hex digits")
        }
        return secret
    }

    /// Throws unless the file holds TikScore's tables.
    static func checkIsWallet(_ db: Database) throws {
        for table in ["accounts", "balances", "transfers", "commands", "withdrawals"] where try !db.tableExists(table) {
            throw WalletError(.storage, "the file is an SQLite database but not a TikScore wallet (no \(table) table)")
        }
    }
}
