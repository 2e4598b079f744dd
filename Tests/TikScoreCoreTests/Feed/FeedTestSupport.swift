import Foundation
import TikScoreCore
import TikScoreResources
import XCTest

enum FeedTestSupport {
    /// `Tests/` in the source tree.
    static var testsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func fixtureLines(_ name: String) throws -> [String] {
        let url = testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func catalog() throws -> FeedGiftTable {
        let directory = try XCTUnwrap(DefaultCatalogs.directory)
        let data = try Data(contentsOf: directory.appendingPathComponent("gifts.json"))
        return try FeedGiftTable.decodeJSON([UInt8](data)).get()
    }

    static func gift(_ json: String, catalog: (any FeedGiftCatalog)? = nil) throws -> GiftLine {
        let event = try FeedLineDecoder(catalog: catalog).decode("{\"event\":\"gift\",\"data\":\(json)}").get()
        guard case .gift(let line) = event.kind else {
            XCTFail("not a gift: \(event)")
            throw FeedProblem(.notAnObject)
        }
        return line
    }

    static func line(giftId: Int64 = 5655, name: String = "Rose", points: Int64 = 1, count: Int64, end: Bool = false,
                     type: Int = 1, user: String = "ann", groupId: String? = nil, msgId: String? = nil) -> GiftLine? {
        GiftLine(giftId: giftId, giftName: name, unitPoints: points, repeatCount: count, repeatEnd: end, giftType: type,
                 sender: FeedUser(uniqueId: user), groupId: groupId, msgId: msgId)
    }
}
