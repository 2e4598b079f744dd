import Foundation

/// Writes transfers as the rows of `export --format csv`, with the bytes `TransferCSV.appendRow`
/// gives, remembering what repeats from row to row: each account's two fields (its code and
/// its label) and the text of the last time.
///
/// ```swift
/// var writer = TransferCSVWriter(names: LedgerNames(accounts: accounts))
/// var line: [UInt8] = []
/// writer.append(transfer, seq: 1, to: &line)   // 1,2026-11-24T12:00:00.000Z,k:abc/0,…\r\n
/// ```
public struct TransferCSVWriter {
    private let names: LedgerNames
    /// Account code → its code field and its label field, each with its comma.
    private var accountFields: [String: AccountFields] = [:]
    /// The last time written and its field with its comma.
    private var lastTime: (date: Date, field: [UInt8])?

    private struct AccountFields {
        var code: [UInt8] = []
        var label: [UInt8] = []
    }

    public init(names: LedgerNames) { self.names = names }

    /// Appends the `seq`-th transfer's row and its CRLF to `out`.
    public mutating func append(_ transfer: Transfer, seq: Int, to out: inout [UInt8]) {
        func field(_ text: String) {
            CSVFormat.appendField(text, to: &out)
            out.append(0x2C)
        }
        field(String(seq))
        appendTime(transfer.timestamp, to: &out)
        field(transfer.id)
        field(transfer.kind.rawValue)
        // The columns are from_account, to_account, from, to: codes first, then labels.
        let debit = fields(of: transfer.debit)
        let credit = fields(of: transfer.credit)
        out.append(contentsOf: debit.code)
        out.append(contentsOf: credit.code)
        out.append(contentsOf: debit.label)
        out.append(contentsOf: credit.label)
        field(transfer.amount.description)
        field(String(transfer.amount.units))
        field(transfer.commandID)
        field(transfer.pendingID ?? "")
        CSVFormat.appendField(transfer.memo, to: &out)
        out.append(0x0D)
        out.append(0x0A)
    }

    /// An account's code field and label field, each with its comma.
    private mutating func fields(of account: LedgerAccount) -> AccountFields {
        if let known = accountFields[account.code] { return known }
        var fields = AccountFields()
        CSVFormat.appendField(account.code, to: &fields.code)
        fields.code.append(0x2C)
        TransferCSV.labelField(account, names: names, to: &fields.label)
        accountFields[account.code] = fields
        return fields
    }

    private mutating func appendTime(_ date: Date, to out: inout [UInt8]) {
        if let lastTime, lastTime.date == date {
            out.append(contentsOf: lastTime.field)
            return
        }
        var field: [UInt8] = []
        CSVFormat.appendField(Timestamp.format(date), to: &field)
        field.append(0x2C)
        lastTime = (date, field)
        out.append(contentsOf: field)
    }
}
