import Foundation
import GRDB
import TikScoreCore

/// Reads a row's columns or throws a storage error naming the table, the row and the column, so a
/// damaged value is reported (and `verify --full` can list it) instead of being replaced by a default.
///
/// ```swift
/// let row = StrictRow(row, table: "accounts", key: "id")
/// let name = try row.text("name")
/// ```
struct StrictRow {
    let row: Row
    let table: String
    /// The column that names the row in messages.
    let keyColumn: String

    init(_ row: Row, table: String, key keyColumn: String) {
        self.row = row
        self.table = table
        self.keyColumn = keyColumn
    }

    func text(_ column: String) throws -> String { try value(column) }
    func optionalText(_ column: String) throws -> String? { try value(column) }
    func int64(_ column: String) throws -> Int64 {
        // The stored integer as it is, with one look at the column; anything else the careful way.
        if case .int64(let number)? = (row[column] as DatabaseValue?)?.storage { return number }
        try requireWhole(column)
        return try value(column)
    }
    func optionalInt64(_ column: String) throws -> Int64? {
        switch (row[column] as DatabaseValue?)?.storage {
        case .int64(let number)?: return number
        case .null?: return nil
        default:
            try requireWhole(column)
            return try value(column)
        }
    }
    func bool(_ column: String) throws -> Bool { try value(column) }

    /// A value the caller parses further; `parse` returning nil is reported as damage.
    func parsed<T>(_ column: String, as what: String, _ parse: (String) -> T?) throws -> T {
        let raw = try text(column)
        guard let value = parse(raw) else { throw damaged(column, "'\(raw.prefix(40))' is not \(what)") }
        return value
    }

    /// An optional value the caller parses further.
    func parsedIfPresent<T>(_ column: String, as what: String, _ parse: (String) -> T?) throws -> T? {
        guard let raw = try optionalText(column) else { return nil }
        guard let value = parse(raw) else { throw damaged(column, "'\(raw.prefix(40))' is not \(what)") }
        return value
    }

    /// The error for a bad value in `column`.
    func damaged(_ column: String, _ why: String) -> WalletError {
        WalletError(.storage, "the wallet is damaged: \(table) row \(rowName) column \(column): \(why)")
    }

    private var rowName: String {
        let value = row[keyColumn] as DatabaseValue?
        switch value?.storage {
        case .int64(let number)?: return String(number)
        case .string(let text)?: return "'\(text.prefix(40))'"
        default: return "?"
        }
    }

    private func value<T: DatabaseValueConvertible>(_ column: String) throws -> T {
        do {
            return try row.decode(T.self, forColumn: column)
        } catch {
            throw damaged(column, "\(shown(column)) is not a \(Self.typeName(T.self))")
        }
    }

    /// GRDB reads a real as a whole number by dropping its fraction: a stored 1.5 would read as 1.
    private func requireWhole(_ column: String) throws {
        if case .double(let number)? = (row[column] as DatabaseValue?)?.storage, Int64(exactly: number) == nil {
            throw damaged(column, "\(shown(column)) is not a whole number")
        }
    }

    /// The stored value as a message shows it.
    private func shown(_ column: String) -> String {
        let stored = row[column] as DatabaseValue?
        return stored.map { $0.isNull ? "NULL" : "\($0)".prefix(40).description } ?? "missing"
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Optional<String>.Type: return "text or NULL"
        case is Int64.Type: return "whole number"
        case is Bool.Type: return "true/false value"
        default: return "\(type)"
        }
    }
}
