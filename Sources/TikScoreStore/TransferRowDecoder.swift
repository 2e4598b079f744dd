import GRDB
import TikScoreCore

/// Reads transfers from the rows of one statement: the columns are found by name once, then each
/// row is read by position and by the stored value's own type (GRDB's untyped subscript): what
/// `StrictRow` checks, without a name lookup and a generic conversion per column (a million-row
/// export spent a third of its time there). A value of the wrong type is handed to `StrictRow`, so the damage is
/// reported in the same words.
///
/// ```swift
/// var decoder = TransferRowDecoder()
/// while let row = try cursor.next() { body(try decoder.transfer(row)) }
/// ```
struct TransferRowDecoder {
    /// The transfer's columns, in the order `columns` holds their positions.
    private static let names = ["id", "debit", "credit", "units", "kind", "command_id", "pending_id", "memo", "at"]
    /// Positions of `names` in the statement's rows, found from the first row.
    private var columns: [Int]?

    init() {}

    /// The transfer in `raw`.
    ///
    /// - Throws: a storage `WalletError` naming the row and column when a value is missing or damaged.
    mutating func transfer(_ raw: Row) throws -> Transfer {
        let at = try positions(in: raw)
        let id = try text(raw, at[0], "id")
        let debit = try text(raw, at[1], "debit")
        let credit = try text(raw, at[2], "credit")
        let units = try int64(raw, at[3], "units")
        let kindText = try text(raw, at[4], "kind")
        guard let kind = TransferKind(rawValue: kindText) else {
            return try strict(raw).slowTransfer()
        }
        let command = try text(raw, at[5], "command_id")
        let pending = try optionalText(raw, at[6], "pending_id")
        let memo = try text(raw, at[7], "memo")
        let timeText = try text(raw, at[8], "at")
        guard let time = Timestamp.parse(timeText) else {
            return try strict(raw).slowTransfer()
        }
        return Transfer(id: id, debit: LedgerAccount(code: debit), credit: LedgerAccount(code: credit),
                        amount: Points(units: units), kind: kind, commandID: command, pendingID: pending,
                        memo: memo, timestamp: time)
    }

    private mutating func positions(in raw: Row) throws -> [Int] {
        if let columns { return columns }
        var found: [Int] = []
        let stored = Array(raw.columnNames).map { $0.lowercased() }
        for name in Self.names {
            guard let index = stored.firstIndex(of: name) else {
                // The strict reader reports a missing column (`missing is not a text`).
                _ = try strict(raw).slowTransfer()
                throw strict(raw).damaged(name, "missing")
            }
            found.append(index)
        }
        columns = found
        return found
    }

    /// The by-name reader of this row: every refusal's words come from it.
    private func strict(_ raw: Row) -> StrictRow { StrictRow(raw, table: "transfers", key: "seq") }

    private func text(_ raw: Row, _ index: Int, _ name: String) throws -> String {
        // The untyped subscript: the stored value as it is (text stays String, an integer Int64), no
        // generic decoding.
        if let value = raw[index] as? String { return value }
        return try strict(raw).text(name)
    }

    private func optionalText(_ raw: Row, _ index: Int, _ name: String) throws -> String? {
        switch raw[index] {
        case nil: return nil
        case let value as String: return value
        default: return try strict(raw).optionalText(name)
        }
    }

    private func int64(_ raw: Row, _ index: Int, _ name: String) throws -> Int64 {
        if let value = raw[index] as? Int64 { return value }
        return try strict(raw).int64(name)
    }
}

extension StrictRow {
    /// The transfer read column by column by name: slow, and the source of every damage message.
    func slowTransfer() throws -> Transfer {
        Transfer(id: try text("id"), debit: LedgerAccount(code: try text("debit")),
                 credit: LedgerAccount(code: try text("credit")), amount: Points(units: try int64("units")),
                 kind: try parsed("kind", as: "a transfer kind", TransferKind.init(rawValue:)),
                 commandID: try text("command_id"), pendingID: try optionalText("pending_id"),
                 memo: try text("memo"), timestamp: try parsed("at", as: "a UTC time", Timestamp.parse))
    }
}
