import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TikScoreCore

/// Opens a wallet file: creates its folder (0700) and file (0600), sets WAL and a busy
/// timeout, and migrates the schema.
///
/// ```swift
/// let queue = try WalletDatabase.open(path: "/tmp/w.sqlite")
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

    /// Makes a file readable and writable by its owner only, when it exists and is not already.
    private static func ownerOnly(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o777 != 0o600 else { return }
        _ = chmod(path, 0o600)
    }

    static func open(path: String, create: Bool) throws -> DatabaseQueue {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if !create && !files.fileExists(atPath: url.path) {
            throw WalletError(.noWallet, "there is no wallet at \(path)")
        }
        if !files.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            do {
                try files.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw WalletError(.storage, "cannot create the wallet folder \(folder.path)")
            }
        } else if !isDirectory.boolValue {
            throw WalletError(.storage, "\(folder.path) is not a folder")
        }
        if files.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw WalletError(.storage, "\(path) is a folder, not a wallet file")
        }
        let isNew = !files.fileExists(atPath: url.path)
        if isNew {
            guard files.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw WalletError(.storage, "cannot create the wallet file \(path)")
            }
        }
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "tikscore"
        config.prepareDatabase { db in db.add(function: WalletDatabase.contains) }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: url.path, configuration: config)
            // Another program's database (tables, but no migrations of ours) is refused, not migrated into.
            let (foreign, current) = try queue.read { db in
                let ours = try db.tableExists("grdb_migrations")
                let foreign = try !ours && (Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0) > 0
                return (foreign, try ours && WalletSchema.migrator.hasCompletedMigrations(db))
            }
            if foreign { throw WalletError(.storage, "\(path) is an SQLite database but not a TikScore wallet") }
            // Durable means durable: every commit is fsynced (GRDB sets NORMAL when it turns WAL on).
            try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            // A wallet already at this version is only read; the migrator runs when there is work.
            if !current { try WalletSchema.migrator.migrate(queue) }
            try queue.read { db in try WalletSchema.checkIsWallet(db) }
        } catch let error as WalletError {
            throw error
        } catch let error as DatabaseError {
            throw StoreErrors.translate(error, path: path)
        } catch {
            throw WalletError(.storage, "\(path) is not a TikScore wallet: \(error)")
        }
        for suffix in ["", "-wal", "-shm"] { ownerOnly(url.path + suffix) }
        return queue
    }
}
