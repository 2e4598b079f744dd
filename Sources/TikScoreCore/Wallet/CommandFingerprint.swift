/// What identifies a command for idempotency: a canonical JSON encoding of its fields, written by
/// hand per case so that neither a renamed Swift field nor a toolchain's way of printing values
/// can change it. A card number enters only as an HMAC under the wallet's secret.
///
/// ```swift
/// Command.transferPoints(from: "Ana", to: "leo", points: p).fingerprint(secret: secret)
/// // {"cmd":"transfer","from":"ana","to":"leo","units":25000}
/// ```
extension Command {
    /// The canonical fingerprint under `secret`.
    public func fingerprint(secret: WalletSecret) -> String {
        fields(card: { .object(["card_hmac": .string(secret.digest($0))]) }).text
    }

    /// The fingerprint a wallet written before canonical fingerprints recorded for this command, as
    /// its migration rewrote it: the same, except that a card is known only by its last four digits.
    /// Nil when that form is the canonical one.
    public var legacyFingerprint: String? {
        guard case .recharge(_, _, _, .card, _) = self else { return nil }
        return fields(card: { .object(["card_last4": .string(String(PaymentDetails.digits(of: $0).suffix(4)))]) }).text
    }

    /// The fingerprint of any feed event of `kind` for `creator`: all a feed key's record needs
    /// (a store that keeps feed keys in their event rows gives them this one when it copies them).
    public static func feedFingerprint(creator: String, kind: String) -> String {
        feedFields(creator: creator, kind: kind).text
    }

    private static func feedFields(creator: String, kind: String) -> CanonicalJSON {
        .object(["cmd": .string("feed"), "creator": .string(NameKey.of(creator)), "event": .string(kind)])
    }

    /// Whether `stored` (a fingerprint read from the wallet) is this command's.
    public func matches(fingerprint stored: String, secret: WalletSecret) -> Bool {
        stored == fingerprint(secret: secret) || (legacyFingerprint.map { $0 == stored } ?? false)
    }

    private func fields(card: (String) -> CanonicalJSON) -> CanonicalJSON {
        func name(_ text: String) -> CanonicalJSON { .string(NameKey.of(text)) }
        func units(_ points: Points) -> CanonicalJSON { .int(points.units) }
        let body: [String: CanonicalJSON]
        switch self {
        case .createAccount(let account, let profile):
            body = ["cmd": .string("create_account"), "name": name(account), "profile": profile.canonical]
        case .updateAccount(let account, let patch):
            body = ["cmd": .string("update_account"), "name": name(account), "patch": patch.canonical]
        case .recharge(let account, let points, let packageID, let payment, _):
            let payer: CanonicalJSON
            switch payment {
            case .card(let number): payer = card(PaymentDetails.digits(of: number))
            case .paypal(let email): payer = .object(["paypal": .string(email.trimmingSpaces().lowercased())])
            }
            body = ["cmd": .string("recharge"), "account": name(account), "units": units(points),
                    "package": .optional(packageID), "payment": payer]
        case .sendGift(let from, let to, let giftID, let count):
            body = ["cmd": .string("gift"), "from": name(from), "to": name(to), "gift_id": .int(giftID), "count": .int(count)]
        case .transferPoints(let from, let to, let points):
            body = ["cmd": .string("transfer"), "from": name(from), "to": name(to), "units": units(points)]
        case .redeem(let account, let cardID):
            body = ["cmd": .string("redeem"), "account": name(account), "card": .string(cardID.trimmingSpaces().lowercased())]
        case .holdWithdrawal(let account, let points, let paypal):
            body = ["cmd": .string("withdraw"), "account": name(account), "units": units(points),
                    "paypal": .string(paypal.trimmingSpaces().lowercased())]
        case .settleWithdrawal(let id, _):
            body = ["cmd": .string("settle_withdrawal"), "withdrawal": .string(id)]
        case .liveFollowers(let creator, let count):
            body = ["cmd": .string("followers"), "creator": name(creator), "count": .int(count)]
        case .liveStart(let creator):
            body = ["cmd": .string("live_start"), "creator": name(creator)]
        case .liveStop(let creator):
            body = ["cmd": .string("live_stop"), "creator": name(creator)]
        case .feed(let creator, let effect, _):
            // A feed event is identified by its kind (its key carries the msgId), never by its priced
            // effect, so a change of catalog prices cannot turn a re-read line into a refusal.
            return Self.feedFields(creator: creator, kind: effect.eventKind)
        case .battleStart(let left, let right, let seconds):
            body = ["cmd": .string("battle_start"), "left": name(left), "right": name(right), "seconds": .int(seconds)]
        case .battleEnd(let creator):
            body = ["cmd": .string("battle_end"), "creator": creator.map(name) ?? .null]
        case .settleBattles:
            body = ["cmd": .string("settle_battles")]
        }
        return .object(body)
    }
}

extension AccountProfile {
    /// Every field, for fingerprints.
    var canonical: CanonicalJSON {
        var fields: [String: CanonicalJSON] = [
            "role": .string(role.rawValue), "followers": .int(followers), "birth_date": .optional(birthDate?.description),
            "created_on": .optional(createdOn?.description), "business": .bool(business), "creator_next": .bool(creatorNext),
            "last_upload": .optional(lastUpload?.description)]
        // Only when set, so a profile without one keeps the fingerprint it always had.
        if let tiktokID { fields["tiktok_id"] = .string(tiktokID) }
        if let tiktokHandle { fields["tiktok_handle"] = .string(TikTokIdentity.key(tiktokHandle)) }
        return .object(fields)
    }
}

extension ProfilePatch {
    /// The fields the patch sets, for fingerprints.
    var canonical: CanonicalJSON {
        var fields: [String: CanonicalJSON] = [:]
        if let role { fields["role"] = .string(role.rawValue) }
        if let followers { fields["followers"] = .int(followers) }
        if let birthDate { fields["birth_date"] = .string(birthDate.description) }
        if let createdOn { fields["created_on"] = .string(createdOn.description) }
        if let business { fields["business"] = .bool(business) }
        if let creatorNext { fields["creator_next"] = .bool(creatorNext) }
        if let lastUpload { fields["last_upload"] = .string(lastUpload.description) }
        if let tiktokID { fields["tiktok_id"] = .string(tiktokID) }
        if let tiktokHandle { fields["tiktok_handle"] = .string(TikTokIdentity.key(tiktokHandle)) }
        return .object(fields)
    }
}

extension FeedEffect {
    /// The kind of feed event this effect came from, as its fingerprint names it.
    public var eventKind: String {
        switch self {
        case .gift, .guestGift: return "gift"
        case .follow: return "follow"
        case .viewers: return "viewers"
        case .likes: return "like"
        case .joins: return "join"
        case .shares: return "share"
        case .battleStarted, .battleScores, .battleSidesUnknown: return "battle"
        case .streak: return "streak"
        case .badLine: return "bad"
        case .streamEnded: return "streamEnd"
        }
    }
}
