import Foundation
import XCTest
@testable import TikScoreCore

/// The byte-level paths that exports take for every transfer (a time, a CSV field, a memo's
/// addresses, an account code) give what the character-level rules say, including the cases
/// where they must fall back.
final class ByteFastPathTests: XCTestCase {
    func testATimeIsWrittenInTheStoredFormAndReadBack() throws {
        let samples: [Int64] = [0, 1, 999, 86_399_999, 1_796_126_400_123, 253_402_300_799_999, -1, -86_400_000, -62_135_596_800_000]
        for millis in samples {
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            let text = Timestamp.format(date)
            XCTAssertEqual(text.utf8.count, 24, text)
            XCTAssertEqual(Timestamp.parse(text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }, millis, text)
        }
        XCTAssertEqual(Timestamp.format(Date(timeIntervalSince1970: 1_796_126_400.5)), "2026-12-01T12:00:00.500Z")
        XCTAssertEqual(Timestamp.format(Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(Timestamp.format(Date(timeIntervalSince1970: -62_135_596_800)), "0001-01-01T00:00:00.000Z")
    }

    func testACSVFieldIsQuotedForEveryByteThatNeedsItEvenInsideOneCharacter() {
        XCTAssertEqual(CSVFormat.field("plain"), "plain")
        XCTAssertEqual(CSVFormat.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVFormat.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        // "\r\n" is a single Character: a character-level test missed it and broke the row.
        XCTAssertEqual(CSVFormat.field("two\r\nlines"), "\"two\r\nlines\"")
        XCTAssertEqual(CSVFormat.field("only\rreturn"), "\"only\rreturn\"")
        XCTAssertEqual(CSVFormat.field("🎉 Ana"), "🎉 Ana")
        for text in ["plain", "a,b", "say \"hi\"", "two\r\nlines", "only\rreturn", "🎉 Ana", ""] {
            var out: [UInt8] = []
            CSVFormat.appendField(text, to: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), CSVFormat.field(text), text.debugDescription)
        }
    }

    func testAnAddressIsMaskedWhateverComesBeforeItsAt() {
        XCTAssertEqual(Masking.emails(in: "LIVE gift Rose ×1 from @kim"), "LIVE gift Rose ×1 from @kim")
        XCTAssertEqual(Masking.emails(in: "@kim at the start"), "@kim at the start")
        XCTAssertEqual(Masking.emails(in: "paid to leo@example.com"), "paid to l••@example.com")
        // A non-ASCII letter before the @ is part of the address: the byte look must not skip it.
        XCTAssertEqual(Masking.emails(in: "paid to zoé@example.com"), "paid to z••@example.com")
        // An ideographic space is a boundary, found by the full walk.
        XCTAssertEqual(Masking.emails(in: "from\u{3000}@kim"), "from\u{3000}@kim")
        // Every ASCII character before an @: a boundary (whitespace or a mark) leaves the text as
        // it is, anything else starts an address's local part.
        let boundaries = Set(" \t\n\u{0B}\u{0C}\r()[]<>,;:\"'`".unicodeScalars)
        for value in UInt8(1)...UInt8(0x7F) where value != UInt8(ascii: "@") {
            let scalar = Unicode.Scalar(value)
            let text = "x" + String(Character(scalar)) + "@kim.example"
            let expected = boundaries.contains(scalar) ? text : "x••@kim.example"
            XCTAssertEqual(Masking.emails(in: text), expected, text.debugDescription)
        }
    }

    func testAUserAccountCodeGivesItsIdAndLeaf() {
        XCTAssertEqual(LedgerAccount(code: "user:12:earned").userID, 12)
        XCTAssertEqual(LedgerAccount(code: "user:12:earned").leaf, "earned")
        XCTAssertNil(LedgerAccount(code: "platform:commission").userID)
        XCTAssertEqual(LedgerAccount(code: "platform:commission").leaf, "commission")
        XCTAssertNil(LedgerAccount(code: "user:x:points").userID)
        XCTAssertNil(LedgerAccount(code: "user:1:points:extra").userID)
        XCTAssertEqual(LedgerAccount(code: "nocolon").leaf, "nocolon")
    }

    func testTrimmingSpacesKeepsTextWithVisibleEndsAndTrimsEveryOtherKind() {
        // The rule the fast path must agree with: drop whitespace Characters from both ends.
        func byCharacters(_ text: String) -> String {
            var s = Substring(text)
            while let c = s.first, c.isWhitespace { s = s.dropFirst() }
            while let c = s.last, c.isWhitespace { s = s.dropLast() }
            return String(s)
        }
        let samples = ["Rose", " Rose", "Rose ", "\tRose\n", "Rose\r\n", "\u{3000}Rose", "Rose\u{3000}", "\u{00A0}a\u{0085}",
                       "a b", "é", "a\u{301}", " \u{301}", "\u{301} ", "x\u{7F}", "\u{7F}", "", " ", "🎉", "Ana 🎉", "~", "!a!"]
        for sample in samples {
            XCTAssertEqual(sample.trimmingSpaces(), byCharacters(sample), sample.debugDescription)
        }
        XCTAssertEqual("  Ana 🎉\t".trimmingSpaces(), "Ana 🎉")
    }

    func testAnExactIntegerIsOnlyASCIIDigitsWithAnOptionalMinus() {
        XCTAssertEqual(FeedJSON.exactInt64(fromNumberText: "5655"), 5655)
        XCTAssertEqual(FeedJSON.exactInt64(fromNumberText: "-12"), -12)
        XCTAssertEqual(FeedJSON.exactInt64(fromNumberText: "7300000000000000001"), 7_300_000_000_000_000_001)
        for text in ["", "-", "1.0", "1e3", "+1", "12a", "\u{0661}\u{0662}", "١٢", "１２", "--1", " 1", "9223372036854775808"] {
            XCTAssertNil(FeedJSON.exactInt64(fromNumberText: text), text.debugDescription)
        }
    }

    func testATransferRowWrittenByFieldsIsTheDocumentRow() {
        let accounts = [Account(id: 1, name: "leo", profile: AccountProfile()), Account(id: 2, name: "Ana, \"the\" 🎉", profile: AccountProfile()),
                        Account(id: 3, name: "kenji 李", profile: AccountProfile())]
        let names = LedgerNames(accounts: accounts)
        let at = Date(timeIntervalSince1970: 1_796_126_400.25)
        let transfers = [
            Transfer(id: "c:1/0", debit: LedgerAccount(code: "platform:sales"), credit: LedgerAccount(code: "user:1:points"),
                     amount: Points(units: 250_000_000), kind: .recharge, commandID: "c:1", memo: "recharge 2,500,000 points", timestamp: at),
            Transfer(id: "c:2/1", debit: LedgerAccount(code: "user:2:points"), credit: LedgerAccount(code: "user:3:earned"),
                     amount: Points(units: 50), kind: .gift, commandID: "c:2", pendingID: "w:9", memo: "say \"hi\"\r\nbye", timestamp: at),
            Transfer(id: "c:3/0", debit: LedgerAccount(code: "user:99:points"), credit: LedgerAccount(code: "user:3:odd,leaf"),
                     amount: Points(units: -1_234), kind: .transfer, commandID: "c:3", memo: "", timestamp: at),
        ]
        for (offset, transfer) in transfers.enumerated() {
            var out: [UInt8] = [0x7E]
            TransferCSV.appendRow(transfer, seq: offset + 1, names: names, to: &out)
            let expected = "~" + CSVFormat.document([TransferCSV.row(transfer, seq: offset + 1, names: names)])
            XCTAssertEqual(String(decoding: out, as: UTF8.self), expected)
        }
        // One writer for a whole export remembers accounts and times: the same rows, in turn,
        // with accounts and times repeating and changing from row to row.
        var later = transfers[1]
        later.timestamp = at.addingTimeInterval(0.001)
        let stream = transfers + [later] + transfers.reversed() + [later]
        var writer = TransferCSVWriter(names: names)
        var out: [UInt8] = []
        for (offset, transfer) in stream.enumerated() { writer.append(transfer, seq: offset + 1, to: &out) }
        let rows = stream.enumerated().map { TransferCSV.row($0.element, seq: $0.offset + 1, names: names) }
        XCTAssertEqual(String(decoding: out, as: UTF8.self), CSVFormat.document(rows))
    }

    func testPointsTextIsTheExactDecimalForWholeAndFractionalAmounts() {
        for units: Int64 in [0, 1, 50, 99, 100, 101, 250_000_000, -100, -150, -1, Int64.max, Int64.min + 1] {
            let points = Points(units: units)
            XCTAssertEqual(points.description, points.decimal.plain, "\(units)")
        }
        XCTAssertEqual(Points(units: 250_000_000).description, "2500000")
        XCTAssertEqual(Points(units: 1_225).description, "12.25")
    }
}
