import Foundation
import TikScoreCore

/// Rewrites the fingerprints that wallets of schema v1/v2 stored (`String(describing:)` of Swift
/// values, such as `recharge|mia|10000000||card(last4: "4242")`) into the canonical form, so every
/// key and feed line they recorded still replays. Only caller keys (`k:` ids) matter: fresh ids are
/// never submitted again. The fields come from the stored outcome where the old text is ambiguous
/// (a name may contain `|`); what cannot be read becomes `legacy:…`, which matches no command, so
/// reusing such a key is refused rather than guessed.
enum LegacyFingerprints {
    /// The canonical fingerprint for an old row.
    static func canonical(old: String, outcome: CommandOutcome?, outcomeText: String?) -> String {
        translate(old: old, outcome: outcome, outcomeText: outcomeText) ?? "legacy:" + old
    }

    /// The creator named in an old feed receipt, which held the whole session.
    private struct LegacyFeedOutcome: Decodable {
        struct Receipt: Decodable { struct Session: Decodable { var creatorName: String }; var session: Session? }
        struct Wrapped: Decodable { var _0: Receipt }
        var feed: Wrapped
    }

    private static func translate(old: String, outcome: CommandOutcome?, outcomeText: String?) -> String? {
        let parts = old.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard let kind = parts.first, let outcome else { return nil }
        switch (kind, outcome) {
        case ("recharge", .recharge(let r)):
            let payer: CanonicalJSON
            switch r.method {
            case .card(let last4): payer = .object(["card_last4": .string(last4)])
            case .paypal(let email): payer = .object(["paypal": .string(email.trimmingSpaces().lowercased())])
            }
            return object(["cmd": .string("recharge"), "account": name(r.account), "units": .int(r.points.units),
                           "package": .optional(r.packageID), "payment": payer])
        case ("gift", .gift(let r)):
            return object(["cmd": .string("gift"), "from": name(r.from), "to": name(r.to), "gift_id": .int(r.giftID), "count": .int(r.count)])
        case ("transfer", .transfer(let r)):
            return object(["cmd": .string("transfer"), "from": name(r.from), "to": name(r.to), "units": .int(r.points.units)])
        case ("redeem", .redemption(let r)):
            guard let typed = parts.last, parts.count >= 3 else { return nil }
            return object(["cmd": .string("redeem"), "account": name(r.accountName), "card": .string(typed.trimmingSpaces().lowercased())])
        case ("withdraw", .withdrawal(let w)):
            guard let typed = parts.last, parts.count >= 4 else { return nil }
            return object(["cmd": .string("withdraw"), "account": name(w.accountName), "units": .int(w.points.units),
                           "paypal": .string(typed.trimmingSpaces().lowercased())])
        case ("settle", _):
            guard parts.count == 2 else { return nil }
            return object(["cmd": .string("settle_withdrawal"), "withdrawal": .string(parts[1])])
        case ("followers", .followers(let r)):
            return object(["cmd": .string("followers"), "creator": name(r.creator), "count": .int(r.followers)])
        case ("feed", .feed):
            guard let text = outcomeText, let session = (try? RecordCoding.decode(LegacyFeedOutcome.self, text: text))?.feed._0.session else { return nil }
            let prefix = "feed|" + NameKey.of(session.creatorName) + "|"
            guard old.hasPrefix(prefix) else { return nil }
            let effect = old.dropFirst(prefix.count)
            let caseName = String(effect.prefix { $0 != "(" })
            guard let event = eventKinds[caseName] else { return nil }
            return object(["cmd": .string("feed"), "creator": name(session.creatorName), "event": .string(event)])
        default:
            return nil
        }
    }

    /// The old `FeedEffect` case names and the event kind each stands for (as `FeedEffect.eventKind`).
    private static let eventKinds: [String: String] = [
        "gift": "gift", "follow": "follow", "viewers": "viewers", "likes": "like", "joins": "join", "shares": "share",
        "battleStarted": "battle", "battleScores": "battle", "streak": "streak", "badLine": "bad", "streamEnded": "streamEnd",
    ]

    private static func name(_ text: String) -> CanonicalJSON { .string(NameKey.of(text)) }
    private static func object(_ fields: [String: CanonicalJSON]) -> String { CanonicalJSON.object(fields).text }
}
