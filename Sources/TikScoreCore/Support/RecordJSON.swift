import Foundation

/// The JSON form in which every store keeps its records (withdrawals, redemptions, sessions,
/// battles, command outcomes): sorted keys, and times as `Timestamp` text, so a record reads
/// back exactly, whichever store wrote it.
///
/// ```swift
/// let text = try RecordJSON.encode(withdrawal)
/// let same = try RecordJSON.decode(Withdrawal.self, text: text)
/// ```
public enum RecordJSON {
    /// - Throws: an `EncodingError` when the value cannot be encoded.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// - Throws: a `DecodingError` when the text is not such a record (a time included).
    public static func decode<T: Decodable>(_ type: T.Type, text: String) throws -> T {
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
