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
        return migrator
    }

    /// Throws unless the file holds TikScore's tables.
    static func checkIsWallet(_ db: Database) throws {
        for table in ["accounts", "balances", "transfers", "commands", "withdrawals"] where try !db.tableExists(table) {
            throw WalletError(.storage, "the file is an SQLite database but not a TikScore wallet (no \(table) table)")
        }
    }
}
