/// A feed line in the form the event log keeps it beside its key (msgId, kind, creator): without
/// the `msgId` and `createTime` that the row's columns hold (``stored(_:msgID:atMs:)``), and,
/// when it splits exactly, as its values beside its shape (`FeedLineShape`), which the wallet
/// keeps once. It is made where the line is made, on the feed's reading side, so the writer's
/// transaction only stores it; the writer uses it only for the same line, msgId and time.
///
/// ```swift
/// let kept = FeedKeptLine(line: #"{"event":"like","data":{"msgId":"7","createTime":5,"likeCount":2}}"#, msgID: 7, atMs: 5)
/// kept.template   // "~like\u{1F},\"likeCount\":\u{1D}}}"
/// kept.text       // "2"
/// ```
public struct FeedKeptLine: Sendable, Equatable {
    /// The line it stands for.
    public let line: String
    public let msgID: Int64
    public let atMs: Int64
    /// The values in ``template``, or the whole stored line when it has no template.
    public let text: String
    /// The shape the values fill, or nil when the stored line does not split exactly.
    public let template: String?

    public init(line: String, msgID: Int64, atMs: Int64) {
        self.line = line
        self.msgID = msgID
        self.atMs = atMs
        let stored = Self.stored(line, msgID: msgID, atMs: atMs)
        if let parts = FeedLineShape.split(stored), FeedLineShape.join(template: parts.template, values: parts.values) == stored {
            text = parts.values
            template = parts.template
        } else {
            text = stored
            template = nil
        }
    }

    /// Whether this is the kept form of `line` under this msgId and time.
    public func keeps(_ line: String, msgID: Int64, atMs: Int64) -> Bool {
        self.msgID == msgID && self.atMs == atMs && self.line == line
    }

    /// The line as stored beside its key: without the `msgId` and `createTime` that the row's
    /// `msg_id` and `at_ms` already hold, marked by a leading `~` (no JSON starts so). A line of
    /// another form is stored whole.
    ///
    /// ```swift
    /// FeedKeptLine.stored(#"{"event":"like","data":{"msgId":"7","createTime":5,"likeCount":2}}"#, msgID: 7, atMs: 5)
    /// // ~like\u{1F},"likeCount":2}}
    /// ```
    public static func stored(_ line: String, msgID: Int64, atMs: Int64) -> String {
        // By bytes: every mark compared here is ASCII, so no UTF-8 sequence can match one.
        let utf8 = line.utf8
        guard utf8.starts(with: eventPrefix.utf8) else { return line }
        let nameStart = utf8.index(utf8.startIndex, offsetBy: eventPrefix.utf8.count)
        guard let nameEnd = utf8[nameStart...].firstIndex(of: UInt8(ascii: "\"")) else { return line }
        let name = utf8[nameStart..<nameEnd]
        guard !name.contains(separatorByte) else { return line }
        let afterName = Self.afterName(msgID: msgID, atMs: atMs)
        guard utf8[nameEnd...].starts(with: afterName.utf8) else { return line }
        let restStart = utf8.index(nameEnd, offsetBy: afterName.utf8.count)
        guard restStart < utf8.endIndex, utf8[restStart] == UInt8(ascii: ",") || utf8[restStart] == UInt8(ascii: "}") else { return line }
        var stored: [UInt8] = [UInt8(ascii: "~")]
        stored.reserveCapacity(name.count + utf8.distance(from: restStart, to: utf8.endIndex) + 2)
        stored.append(contentsOf: name)
        stored.append(separatorByte)
        stored.append(contentsOf: utf8[restStart...])
        return String(decoding: stored, as: UTF8.self)
    }

    /// The line a stored one stands for (what ``stored(_:msgID:atMs:)`` was given).
    public static func full(_ stored: String, msgID: Int64?, atMs: Int64) -> String {
        guard stored.hasPrefix("~"), let msgID, let split = stored.firstIndex(of: separator) else { return stored }
        let name = stored[stored.index(after: stored.startIndex)..<split]
        return eventPrefix + name + afterName(msgID: msgID, atMs: atMs) + stored[stored.index(after: split)...]
    }

    private static let eventPrefix = #"{"event":""#
    private static let separator: Character = "\u{1F}"
    private static let separatorByte: UInt8 = 0x1F

    /// What follows the event's name in a line of the kept form, up to the first data field.
    private static func afterName(msgID: Int64, atMs: Int64) -> String {
        #"","data":{"msgId":""# + String(msgID) + #"","createTime":"# + String(atMs)
    }
}
