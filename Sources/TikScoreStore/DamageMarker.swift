import Foundation
import TikScoreCore

/// The file left beside a wallet when SQLite reports it damaged (`wallet.sqlite.damaged`):
/// while it is there every writing command is refused, so nothing is built on broken pages.
/// `tikscore restore FILE` removes it once a checked copy has replaced the wallet.
///
/// ```swift
/// DamageMarker.leave(beside: "/w.sqlite", reason: "SQLite integrity: …")
/// DamageMarker.note(beside: "/w.sqlite")   // "2026-12-01T10:00:00Z SQLite integrity: …"
/// ```
public enum DamageMarker {
    /// The marker's path for the wallet at `wallet`.
    public static func path(beside wallet: String) -> String { wallet + ".damaged" }

    /// The marker's first line (when and why), or nil when the wallet is not marked.
    public static func note(beside wallet: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path(beside: wallet)) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first.map(String.init) ?? ""
        return line.isEmpty ? "marked damaged" : line
    }

    /// Leaves the marker (owner-only), keeping the first one when there is one already. Best
    /// effort: a wallet whose folder cannot be written still reports the damage itself.
    public static func leave(beside wallet: String, reason: String, at time: Date = Date()) {
        let marker = path(beside: wallet)
        guard !FileManager.default.fileExists(atPath: marker) else { return }
        let oneLine = reason.split(whereSeparator: \.isNewline).joined(separator: " ")
        let text = "\(Timestamp.format(time)) \(oneLine)\n"
            + "Writes are refused while this file exists. Put back a good copy with `tikscore restore FILE`.\n"
        _ = FileManager.default.createFile(atPath: marker, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    }

    /// Removes the marker (after a restore).
    static func clear(beside wallet: String) {
        try? FileManager.default.removeItem(atPath: path(beside: wallet))
    }

    /// The refusal of a write to a marked wallet: one line, with the way back.
    static func refusal(wallet: String, note: String) -> WalletError {
        WalletError(.storage, "the wallet \(wallet) is marked damaged (\(path(beside: wallet)): \(note)); writes are refused: "
                    + "put back a good copy with `tikscore restore FILE` (save what is readable first with `tikscore backup -o FILE`)")
    }
}
