import Foundation

/// RFC 4180 CSV: fields quoted when they hold a comma, a quote or a line break; rows end in CRLF.
///
/// ```swift
/// CSVFormat.row(["a", "b,c"])   // a,"b,c"
/// ```
public enum CSVFormat {
    /// One field, quoted when it must be.
    public static func field(_ text: String) -> String {
        // Bytes, not characters: a CRLF is one Character, and it must be quoted too.
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One row, without its line end.
    public static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") }

    /// Every row, each ended by CRLF.
    public static func document(_ rows: [[String]]) -> String { rows.map { row($0) + "\r\n" }.joined() }

    /// Appends one row and its CRLF to `out` (what `document([fields])` would add).
    public static func appendRow(_ fields: [String], to out: inout String) {
        for (index, text) in fields.enumerated() {
            if index > 0 { out.append(",") }
            out.append(field(text))
        }
        out.append("\r\n")
    }
}

/// The ledger's transfers as CSV rows, for `export --format csv` and anything else that exports.
public enum TransferCSV {
    /// The header row.
    public static let header = ["seq", "time", "id", "kind", "from_account", "to_account", "from", "to", "points", "units", "command", "pending_id", "memo"]

    /// The row of the `seq`-th transfer (1 for the oldest).
    public static func row(_ transfer: Transfer, seq: Int, names: LedgerNames) -> [String] {
        [String(seq), Timestamp.format(transfer.timestamp), transfer.id, transfer.kind.rawValue, transfer.debit.code, transfer.credit.code,
         names.label(transfer.debit), names.label(transfer.credit), transfer.amount.description, String(transfer.amount.units),
         transfer.commandID, transfer.pendingID ?? "", transfer.memo]
    }
}
