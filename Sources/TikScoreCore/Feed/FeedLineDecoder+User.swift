/// Who a line is from and who it is for.
extension FeedLineDecoder {
    /// The line's user: top-level `userId` / `uniqueId` / `nickname` (1.x flat lines), completed
    /// from a nested `user` (2.x, TikTokLive) or `fromUser` (TikTokLive 6.4–6.6) object. The
    /// protobuf default `"0"` is no id, so a 2.x `member` line's top-level `"0"` gives way to
    /// `user.userId`.
    func decodeUser(_ data: FeedFields) throws(FeedProblem) -> FeedUser {
        var user = FeedUser(userId: FeedEnvelope.nonDefault(try data.id("userId")),
                            uniqueId: try data.string("uniqueId"), nickname: try data.string("nickname"))
        var nested = try data.object("user")
        if nested == nil { nested = try data.object("fromUser", label: "fromUser") }
        if let nested { user = merged(user, try userFields(nested, prefix: "user.")) }
        return user
    }

    /// Who a gift is for, when the line says: `toUser` (2.x, TikTokLive) or `receiverUserId`
    /// (1.x). The 2022 `gift.to_user_id` is a rounded number and is never read.
    func decodeReceiver(_ data: FeedFields) throws(FeedProblem) -> FeedUser? {
        var receiver = FeedUser(userId: FeedEnvelope.nonDefault(try data.id("receiverUserId")))
        if let nested = try data.object("toUser") {
            receiver = merged(receiver, try userFields(nested, prefix: "toUser."))
        }
        return receiver.isEmpty ? nil : receiver
    }

    /// A user object's fields in any connector's spelling: `userId` / `id` / `idStr`, `uniqueId` /
    /// `displayId` / `username`, `nickname` / `nickName`.
    func userFields(_ fields: FeedFields, prefix: String) throws(FeedProblem) -> FeedUser {
        FeedUser(userId: FeedEnvelope.nonDefault(try fields.id("userId", "id", "idStr", label: prefix + "id")),
                 uniqueId: try fields.string("uniqueId", "displayId", "username", label: prefix + "uniqueId"),
                 nickname: try fields.string("nickname", "nickName", label: prefix + "nickname"))
    }

    /// `first`, with what it lacks taken from `second`.
    func merged(_ first: FeedUser, _ second: FeedUser) -> FeedUser {
        FeedUser(userId: first.userId ?? second.userId, uniqueId: first.uniqueId ?? second.uniqueId,
                 nickname: first.nickname ?? second.nickname)
    }
}
