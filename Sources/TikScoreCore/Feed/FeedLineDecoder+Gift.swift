/// Gift lines in every connector's shape.
extension FeedLineDecoder {
    /// A gift line. Each field is read from the first place that has it:
    ///
    /// | field | flat (1.x, TikFinity) | 2.0–2.2 | 2.3+, TikTokLive v7 | TikTokLive 6.4–6.6 | 2022 |
    /// | --- | --- | --- | --- | --- | --- |
    /// | id | `giftId` | `giftId` | `giftId`, `gift.id` | `mGift.id` | `giftId`, `gift.gift_id` |
    /// | price | `diamondCount` | `giftDetails.diamondCount` | `gift.diamondCount` | `mGift.diamondCount` | `extendedGiftInfo.diamond_count` |
    /// | type | `giftType` | `giftDetails.giftType` | `gift.type` | `mGift.type` | `gift.gift_type` |
    /// | name | `giftName` | `giftDetails.giftName` | `gift.name` | `mGift.name` | `extendedGiftInfo.name` |
    /// | count | `repeatCount` | `repeatCount` | `repeatCount` | `repeatCount` | `gift.repeat_count` |
    /// | end | `repeatEnd` | `repeatEnd` (0/1) | `repeatEnd` | `repeatEnd` | `gift.repeat_end` |
    ///
    /// A missing name, price or type comes from the catalog (a gift it does not know needs a
    /// price and a type on its line). `repeatCount` absent → 1 (must be ≥ 1); `repeatEnd` absent →
    /// false; `groupId` optional (`"0"` is none). The price here is the line's; the trust model
    /// (`FeedTrust`) decides the price that counts.
    func decodeGift(_ data: FeedFields, nested: FeedFields?, msgId: String?, timestamp: Int64?) throws(FeedProblem) -> GiftLine {
        let details = try data.object("giftDetails")
        let mGift = try data.object("mGift")
        let extended = try data.object("extendedGiftInfo")
        let places = [details, nested, mGift, extended].compactMap { $0 }

        var foundId = try data.int("giftId", label: "giftId")
        if foundId == nil { foundId = try first(places) { f throws(FeedProblem) in try f.int("id", "giftId", label: "giftId") } }
        guard let giftId = foundId else {
            throw FeedProblem(.missingField("giftId"))
        }
        guard giftId > 0 else { throw FeedProblem(.badValue("giftId"), detail: String(giftId)) }
        let known = catalog?.gift(id: giftId)

        var declared = try data.int("diamondCount")
        if declared == nil { declared = try first(places) { f throws(FeedProblem) in try f.int("diamondCount", label: "diamondCount") } }
        if let declared, declared < 0 { throw FeedProblem(.badValue("diamondCount"), detail: "negative: \(declared)") }
        guard let unitPoints = declared ?? known?.points else {
            throw FeedProblem(.missingField("diamondCount"), detail: "gift \(giftId) is not in the catalog")
        }

        var lineName = try data.string("giftName")
        if lineName == nil { lineName = try first(places) { f throws(FeedProblem) in try f.string("giftName", "name", label: "giftName") } }
        let name = lineName ?? known?.name ?? "Gift \(giftId)"

        var lineType = try data.int("giftType")
        if lineType == nil { lineType = try first(places) { f throws(FeedProblem) in try f.int("giftType", "type", label: "giftType") } }
        let typeValue: Int64
        if let value = lineType {
            typeValue = value
        } else if let known {
            typeValue = Int64(known.type)
        } else {
            throw FeedProblem(.missingField("giftType"), detail: "gift \(giftId) is not in the catalog")
        }
        guard (0...1000).contains(typeValue), let giftType = Int(exactly: typeValue) else {
            throw FeedProblem(.badValue("giftType"), detail: String(typeValue))
        }

        var lineCount = try data.int("repeatCount")
        if lineCount == nil { lineCount = try nested?.int("repeatCount", label: "repeatCount") }
        let repeatCount = lineCount ?? 1
        guard repeatCount >= 1 else { throw FeedProblem(.badValue("repeatCount"), detail: "must be at least 1, got \(repeatCount)") }
        if unitPoints.multipliedReportingOverflow(by: repeatCount).overflow {
            throw FeedProblem(.overflow("repeatCount"), detail: "\(repeatCount) × \(unitPoints) points")
        }
        var lineEnd = try data.flag("repeatEnd")
        if lineEnd == nil { lineEnd = try nested?.flag("repeatEnd", label: "repeatEnd") }
        let repeatEnd = lineEnd ?? false
        let groupId = FeedEnvelope.nonDefault(try data.id("groupId"))
        guard let line = GiftLine(giftId: giftId, giftName: name, unitPoints: unitPoints, repeatCount: repeatCount,
                                  repeatEnd: repeatEnd, giftType: giftType, sender: try decodeUser(data), groupId: groupId,
                                  msgId: msgId, timestamp: timestamp, declaredPoints: declared,
                                  receiver: try decodeReceiver(data)) else {
            throw FeedProblem(.badValue("repeatCount"))
        }
        return line
    }

    /// The first value that one of the places has.
    private func first<Value>(_ places: [FeedFields], _ read: (FeedFields) throws(FeedProblem) -> Value?) throws(FeedProblem) -> Value? {
        for place in places {
            if let value = try read(place) { return value }
        }
        return nil
    }
}
