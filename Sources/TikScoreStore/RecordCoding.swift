import Foundation
import TikScoreCore

/// JSON coding of stored records (withdrawals, redemptions, sessions, battles, command outcomes).
enum RecordCoding {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes the JSON record in `column` of a row.
    ///
    /// - Throws: a storage error naming the table, row and column when the record is damaged.
    static func decode<T: Decodable>(_ type: T.Type, from row: StrictRow, column: String = "record") throws -> T {
        let text = try row.text(column)
        do {
            return try decode(type, text: text)
        } catch {
            throw row.damaged(column, "the stored \(T.self) record cannot be read")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "bad timestamp \(text)")
            }
            return date
        }
        return try decoder.decode(type, from: Data(text.utf8))
    }
}
