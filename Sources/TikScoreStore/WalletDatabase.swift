import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TikScoreCore

/// Opens a wallet file. An existing file is looked at first on a read-only connection, so a
/// foreign database, a wallet from a newer TikScore or a damaged one is refused without a byte
/// of it changing; only then does a writer open it (WAL, `synchronous = FULL`, a busy timeout,
/// the schema migrated). A new wallet gets a folder 0700 and a file 0600.
///
/// ```swift
/// let queue = try WalletDatabase.open(path: "/tmp/w.sqlite", access: .create)
/// ```
enum WalletDatabase {
    /// `tik_contains(text, needle)`: whether `text`, folded as `HistoryFilter` folds, contains the
    /// (already folded) needle; SQLite's own LIKE folds ASCII only.
    static let contains = DatabaseFunction("tik_contains", argumentCount: 2, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]), let needle = String.fromDatabaseValue(values[1]) else { return false }
        return HistoryFilter.fold(text).contains(needle)
    }

    /// How long a writer waits for another process's transaction before giving up.
    static let busyTimeout: TimeInterval = 15

    /// What the read-only look at an existing file found.
    private enum Contents {
        /// No table at all (a zero-length file, or an SQLite file nobody used): a wallet may start here.
        case empty
        /// Another program's database.
        case foreign
        /// A wallet, with the schema migrations it has been through.
        case wallet(applied: Set<String>)
    }

    /// - Throws: `WalletError` `noWallet` when there is none and `access` does not create one;
    ///   `storage` when the path, the file or its schema is refused.
    static func open(path: String, access: WalletAccess, honouringDamageMarker: Bool = true) throws -> DatabaseQueue {
        do {
            return try openChecked(path: path, access: access, honouringDamageMarker: honouringDamageMarker)
        } catch let error as WalletError {
            throw error
        } catch let error as DatabaseError where !access.writes && [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode) {
            throw WalletError(.storage, "cannot read the wallet \(path): SQLite reads a wallet through \(path)-shm and \(path)-wal, "
                              + "which must be readable, or creatable in its folder (\(error.message ?? "read-only"))")
        } catch let error as DatabaseError {
            throw StoreErrors.translate(error, path: path)
        } catch {
            throw WalletError(.storage, "\(path) is not a TikScore wallet: \(error)")
        }
    }

    private static func openChecked(path: String, access: WalletAccess, honouringDamageMarker: Bool) throws -> DatabaseQueue {
        guard !path.isEmpty else { throw WalletError(.storage, "the wallet path is empty") }
        try checkPath(path)
        guard FileManager.default.fileExists(atPath: path) else {
            guard access == .create else { throw WalletError(.noWallet, "there is no wallet at \(path)") }
            try createFile(path)
            return try openWriter(path: path, migrate: true)
        }
        let reader = try DatabaseQueue(path: path, configuration: configuration(readonly: true))
        let known = Set(WalletSchema.migrator.migrations)
        var current = false
        switch try reader.read(contents) {
        case .foreign:
            throw WalletError(.storage, "\(path) is an SQLite database but not a TikScore wallet")
        case .empty:
            guard access.writes else {
                throw WalletError(.noWallet, "\(path) is an empty file, not a wallet yet (`tikscore account create` starts one)")
            }
        case .wallet(let applied):
            let unknown = applied.subtracting(known)
            if !unknown.isEmpty {
                throw WalletError(.storage, "this wallet was written by a newer TikScore (schema \(unknown.sorted().joined(separator: ", "))); upgrade TikScore to open it")
            }
            current = applied == known
        }
        if access.writes, honouringDamageMarker, let note = DamageMarker.note(beside: path) {
            throw DamageMarker.refusal(wallet: path, note: note)
        }
        guard access.writes else {
            if current {
                try reader.read(WalletSchema.checkIsWallet)
                return reader
            }
            // An older schema: the writer upgrades it once, then this command reads.
            try reader.close()
            _ = try openWriter(path: path, migrate: true)
            return try DatabaseQueue(path: path, configuration: configuration(readonly: true))
        }
        try reader.close()
        return try openWriter(path: path, migrate: !current)
    }

    /// Refuses a path that is a folder, or a symbolic link to nothing (which SQLite would
    /// replace by a new file beside the link's target).
    private static func checkPath(_ path: String) throws {
        var link = stat()
        if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
            var target = stat()
            if stat(path, &target) != 0 {
                let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                throw WalletError(.storage, "\(path) is a symbolic link to \(destination), which does not exist; point it at a wallet or pass another --db")
            }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw WalletError(.storage, "\(path) is a folder, not a wallet file")
        }
    }

    /// Creates the wallet's folder (0700) when missing and an empty file (0600).
    private static func createFile(_ path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if !files.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            do {
                try files.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw WalletError(.storage, "cannot create the wallet folder \(folder.path)")
            }
        } else if !isDirectory.boolValue {
            throw WalletError(.storage, "\(folder.path) is not a folder")
        }
        guard files.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw WalletError(.storage, "cannot create the wallet file \(path)")
        }
    }

    /// The writer: WAL, every commit fsynced, the schema migrated when `migrate`.
    private static func openWriter(path: String, migrate: Bool) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(path: path, configuration: configuration(readonly: false))
        // Durable means durable: every commit is fsynced (GRDB sets NORMAL when it turns WAL on).
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        if migrate { try WalletSchema.migrator.migrate(queue) }
        try queue.read(WalletSchema.checkIsWallet)
        for suffix in ["", "-wal", "-shm"] { ownerOnly(path + suffix) }
        return queue
    }

    static func configuration(readonly: Bool) -> Configuration {
        var config = Configuration()
        config.readonly = readonly
        if !readonly { config.journalMode = .wal }
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "tikscore"
        config.prepareDatabase { db in db.add(function: WalletDatabase.contains) }
        return config
    }

    /// Whether the file has tables, and whether they are a wallet's.
    private static func contents(_ db: Database) throws -> Contents {
        guard try db.tableExists("grdb_migrations") else {
            let tables = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0
            return tables == 0 ? .empty : .foreign
        }
        return .wallet(applied: Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")))
    }

    /// Makes a file readable and writable by its owner only, when it exists and is not already.
    private static func ownerOnly(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o777 != 0o600 else { return }
        _ = chmod(path, 0o600)
    }
}
