import GRDB
import TikScoreCore

/// Turns SQLite's errors into one line a user can act on.
enum StoreErrors {
    static func translate(_ error: DatabaseError, path: String) -> WalletError {
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return WalletError(.storage, "\(path) is not a TikScore wallet (not an SQLite database)")
        case .SQLITE_CORRUPT:
            DamageMarker.leave(beside: path, reason: "SQLite reported corruption: \(error.message ?? "database disk image is malformed")")
            return WalletError(.storage, "the wallet \(path) is damaged (SQLite reports corruption) and now refuses writes; "
                               + "put back a good copy with `tikscore restore FILE` (save what is readable first with `tikscore backup -o FILE`)")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return WalletError(.storage, "the wallet is busy in another program for more than \(Int(WalletDatabase.busyTimeout)) s; try again")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
            return WalletError(.storage, "cannot write the wallet \(path): \(error.message ?? "permission denied")")
        case .SQLITE_FULL:
            return WalletError(.storage, "the disk is full; nothing was changed")
        case .SQLITE_CONSTRAINT:
            return WalletError(.storage, "the wallet refused an inconsistent change (\(error.message ?? "constraint")); nothing was changed")
        default:
            return WalletError(.storage, "wallet database error: \(error.message ?? "\(error.resultCode)")")
        }
    }
}
