import Foundation
import GRDB
import TikScoreCore

/// `backup` and `restore`: whole-wallet copies made with SQLite's online backup, which reads one
/// consistent snapshot while other processes keep writing, and writes into a live wallet under
/// its write lock (so a dashboard that has it open simply sees the restored state).
///
/// ```swift
/// try await store.backup(to: "/backups/monday.sqlite")
/// let report = try await WalletBackup.restore(from: "/backups/monday.sqlite", to: store.path, economy: economy)
/// ```
public enum WalletBackup {
    /// What a restore did.
    public struct RestoreReport: Sendable, Equatable {
        /// Transfers in the restored wallet, all checked by `verify --full`.
        public var transfers: Int
        /// Where the wallet that was replaced was kept, when there was one.
        public var keptPrevious: String?
    }

    /// Copies the wallet behind `source` into a new single file at `destination` (0600), from one
    /// snapshot. The wallet itself is only read.
    ///
    /// - Throws: `storage` when `destination` exists or cannot be written.
    static func backup(_ source: DatabaseQueue, to destination: String) throws {
        guard !destination.isEmpty else { throw WalletError(.storage, "the backup path is empty") }
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw WalletError(.storage, "\(destination) already exists; choose a new file for the backup")
        }
        guard FileManager.default.createFile(atPath: destination, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw WalletError(.storage, "cannot create the backup file \(destination)")
        }
        do {
            var config = Configuration()
            config.label = "tikscore-backup"
            let copy = try DatabaseQueue(path: destination, configuration: config)
            try source.backup(to: copy)
            // One self-contained file: no -wal beside it to forget when it is copied away.
            try copy.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            if let error = error as? DatabaseError { throw StoreErrors.translate(error, path: destination) }
            throw error
        }
    }

    /// Replaces the wallet at `wallet` by the backup at `source`, after checking the backup with
    /// `verify --full` (on a working copy: the backup file itself is never changed, not even
    /// migrated). The wallet that was there is first saved beside it (`….before-restore-TIME`).
    /// Clears the damage marker.
    ///
    /// - Throws: `storage` when the backup is not a wallet, is from a newer TikScore, or fails
    ///   `verify --full` (then nothing is replaced).
    public static func restore(from source: String, to wallet: String, economy: Economy, now: Date = Date()) async throws -> RestoreReport {
        let working = wallet + ".restoring"
        try? FileManager.default.removeItem(atPath: working)
        defer { try? FileManager.default.removeItem(atPath: working) }
        let original = try WalletDatabase.open(path: source, access: .read)
        try backup(original, to: working)
        try original.close()
        let candidate = try WalletStore(path: working, economy: economy, access: .write)
        let report = try await candidate.verify(full: true)
        guard report.isSound else {
            throw WalletError(.storage, "\(source) fails `verify --full` (\(report.problems.count) problems, first: \(report.problems.first ?? "")); nothing was replaced")
        }
        try await candidate.queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let stamp = Timestamp.format(now).replacingOccurrences(of: ":", with: "")
        let kept = FileManager.default.fileExists(atPath: wallet) ? try keepPrevious(wallet, as: "\(wallet).before-restore-\(stamp)") : nil
        try replace(wallet, with: candidate.queue)
        try candidate.queue.close()
        DamageMarker.clear(beside: wallet)
        return RestoreReport(transfers: report.transfers, keptPrevious: kept)
    }

    /// Saves the wallet about to be replaced: by the online backup when it can be read, else
    /// (a damaged file) by copying its files as they are.
    private static func keepPrevious(_ wallet: String, as kept: String) throws -> String {
        if let queue = try? WalletDatabase.open(path: wallet, access: .read), (try? backup(queue, to: kept)) != nil {
            return kept
        }
        let files = FileManager.default
        for suffix in ["", "-wal"] where files.fileExists(atPath: wallet + suffix) {
            do {
                try files.copyItem(atPath: wallet + suffix, toPath: kept + suffix)
            } catch {
                throw WalletError(.storage, "cannot keep a copy of the wallet being replaced at \(kept): \(error.localizedDescription); nothing was replaced")
            }
        }
        return kept
    }

    /// Writes the checked copy into the wallet: into the live file under its write lock when
    /// SQLite can open it, else (a file too broken to open) in place of its files.
    private static func replace(_ wallet: String, with copy: DatabaseQueue) throws {
        if let target = try? WalletDatabase.open(path: wallet, access: .create, honouringDamageMarker: false) {
            do {
                try copy.backup(to: target)
                try target.close()
                return
            } catch {
                try? target.close()
            }
        }
        let files = FileManager.default
        for suffix in ["-wal", "-shm", ""] { try? files.removeItem(atPath: wallet + suffix) }
        guard files.createFile(atPath: wallet, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw WalletError(.storage, "cannot write the wallet file \(wallet)")
        }
        do {
            let target = try DatabaseQueue(path: wallet, configuration: WalletDatabase.configuration(readonly: false))
            try copy.backup(to: target)
            try target.close()
        } catch let error as DatabaseError {
            throw StoreErrors.translate(error, path: wallet)
        }
    }
}

extension WalletStore {
    /// Copies this wallet into a new file at `destination` (see `WalletBackup`).
    ///
    /// - Throws: `storage` when `destination` exists or cannot be written, or the wallet cannot be read.
    public func backup(to destination: String) async throws {
        try WalletBackup.backup(queue, to: destination)
    }
}
