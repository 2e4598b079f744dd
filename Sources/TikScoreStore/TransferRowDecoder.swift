import Foundation
import GRDB
import GRDBSQLite
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
    /// `columns` as SQLite's column numbers.
    private var sqliteColumns: [Int32]?
    /// Kinds read so far, by their stored bytes (a ledger has a few).
    private var kinds: [(text: [UInt8], kind: TransferKind)] = []
    /// The last time read, by its stored bytes (a command's transfers share one).
    private var lastTime: (text: [UInt8], date: Date)?

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

    /// The transfer in `raw`, the current row of a cursor over `statement`, read with SQLite's
    /// own column calls (no `DatabaseValue` per column) and each value's stored type checked as
    /// the general path checks it; the kind and the time are looked up among those already
    /// read. Any value of another type goes to the general path, which names it.
    ///
    /// - Throws: a storage `WalletError` naming the row and column when a value is missing or damaged.
    mutating func transfer(_ raw: Row, current statement: SQLiteStatement) throws -> Transfer {
        let at = try sqlitePositions(in: raw)
        guard let id = Self.text(statement, at[0]), let debit = Self.text(statement, at[1]),
              let credit = Self.text(statement, at[2]), let units = Self.int64(statement, at[3]),
              let kind = kind(statement, at[4]), let command = Self.text(statement, at[5]),
              let pending = Self.optionalText(statement, at[6]), let memo = Self.text(statement, at[7]),
              let time = time(statement, at[8]) else {
            return try transfer(raw)
        }
        return Transfer(id: id, debit: LedgerAccount(code: debit), credit: LedgerAccount(code: credit),
                        amount: Points(units: units), kind: kind, commandID: command, pendingID: pending,
                        memo: memo, timestamp: time)
    }

    private mutating func sqlitePositions(in raw: Row) throws -> [Int32] {
        if let sqliteColumns { return sqliteColumns }
        let found = try positions(in: raw).map { Int32($0) }
        sqliteColumns = found
        return found
    }

    private mutating func kind(_ statement: SQLiteStatement, _ column: Int32) -> TransferKind? {
        guard let bytes = Self.bytes(statement, column) else { return nil }
        if let known = kinds.first(where: { $0.text.elementsEqual(bytes) }) { return known.kind }
        guard let kind = TransferKind(rawValue: String(decoding: bytes, as: UTF8.self)) else { return nil }
        if kinds.count < 64 { kinds.append((Array(bytes), kind)) }
        return kind
    }

    private mutating func time(_ statement: SQLiteStatement, _ column: Int32) -> Date? {
        guard let bytes = Self.bytes(statement, column) else { return nil }
        if let lastTime, lastTime.text.elementsEqual(bytes) { return lastTime.date }
        guard let date = Timestamp.parse(String(decoding: bytes, as: UTF8.self)) else { return nil }
        lastTime = (Array(bytes), date)
        return date
    }

    /// The bytes of a text value, valid until the statement steps (nil: not a text).
    private static func bytes(_ statement: SQLiteStatement, _ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard sqlite3_column_type(statement, column) == SQLITE_TEXT, let start = sqlite3_column_text(statement, column) else {
            return nil
        }
        // As GRDB reads a text (`String(cString:)`): up to its first NUL.
        return UnsafeBufferPointer(start: start, count: strlen(UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self)))
    }

    private static func text(_ statement: SQLiteStatement, _ column: Int32) -> String? {
        bytes(statement, column).map { String(decoding: $0, as: UTF8.self) }
    }

    /// nil: another type than text or NULL; `.some(nil)`: NULL.
    private static func optionalText(_ statement: SQLiteStatement, _ column: Int32) -> String?? {
        if sqlite3_column_type(statement, column) == SQLITE_NULL { return .some(nil) }
        return text(statement, column).map { .some($0) }
    }

    private static func int64(_ statement: SQLiteStatement, _ column: Int32) -> Int64? {
        guard sqlite3_column_type(statement, column) == SQLITE_INTEGER else { return nil }
        return sqlite3_column_int64(statement, column)
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
