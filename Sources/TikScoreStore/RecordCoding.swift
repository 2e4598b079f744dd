import Foundation
import TikScoreCore

/// JSON coding of stored records (withdrawals, redemptions, command outcomes).
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

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "bad timestamp \(text)")
            }
            return date
        }
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw WalletError(.storage, "a stored record is damaged and cannot be read (\(T.self))")
        }
    }
}
