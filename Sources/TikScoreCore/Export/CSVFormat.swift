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
        guard text.utf8.contains(where: needsQuotes) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One row, without its line end.
    public static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") }

    /// Every row, each ended by CRLF.
    public static func document(_ rows: [[String]]) -> String { rows.map { row($0) + "\r\n" }.joined() }

    /// Appends one field's bytes to `out`, quoted when it must be (what `field` gives).
    public static func appendField(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: needsQuotes) else {
                out.append(contentsOf: bytes)
                return
            }
            out.append(0x22)
            for byte in bytes {
                if byte == 0x22 { out.append(0x22) }
                out.append(byte)
            }
            out.append(0x22)
        }
    }

    /// A comma, a quote, a line feed or a carriage return: the bytes that make a field quoted.
    static func needsQuotes(_ byte: UInt8) -> Bool { byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D }
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

    /// Appends the `seq`-th transfer's row and its CRLF to `out`, field by field, with the bytes
    /// of `CSVFormat.document([row(transfer, seq:, names:)])` (no array of fields per row). A
    /// long export keeps one ``TransferCSVWriter`` instead.
    public static func appendRow(_ transfer: Transfer, seq: Int, names: LedgerNames, to out: inout [UInt8]) {
        var writer = TransferCSVWriter(names: names)
        writer.append(transfer, seq: seq, to: &out)
    }

    /// `names.label(account)` as a field and its comma, written from its parts (`name`, `:`, the
    /// leaf) when neither needs quotes.
    static func labelField(_ account: LedgerAccount, names: LedgerNames, to out: inout [UInt8]) {
        guard let id = account.userID, let name = names.name(of: id) else {
            CSVFormat.appendField(account.code, to: &out)
            out.append(0x2C)
            return
        }
        let leaf = account.leaf
        if name.utf8.contains(where: CSVFormat.needsQuotes) || leaf.utf8.contains(where: CSVFormat.needsQuotes) {
            CSVFormat.appendField(names.label(account), to: &out)
        } else {
            out.append(contentsOf: name.utf8)
            out.append(0x3A)
            out.append(contentsOf: leaf.utf8)
        }
        out.append(0x2C)
    }
}
