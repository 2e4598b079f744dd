import TikScoreCore
import TikScoreTestSupport
import XCTest

/// Fingerprints are stored forever: each command case's encoding is pinned here, with a fixed
/// secret. A change to any line is a change of the wallet format and needs a migration.
final class FingerprintTests: XCTestCase {
    private let secret = WalletSecret(hex: String(repeating: "ab", count: 32))!
    private func p(_ text: String) -> Points { try! Points.parse(text) }

    /// The card digest was checked independently: `hmac.new(bytes([0xab] * 32), b"4242424242424242", sha256)`.
    func testEveryCommandCaseHasAPinnedCanonicalFingerprint() throws {
        let born = try CalendarDate.parse("1990-06-15")
        let cases: [(Command, String)] = [
            (.createAccount(name: " Ana 🎉 ", profile: AccountProfile(role: .creator, followers: 150_000, birthDate: born)),
             #"{"cmd":"create_account","name":"ana 🎉","profile":{"birth_date":"1990-06-15","business":false,"created_on":null,"creator_next":false,"followers":150000,"last_upload":null,"role":"creator"}}"#),
            (.updateAccount(name: "Leo", patch: ProfilePatch(followers: 200_000, business: true)),
             #"{"cmd":"update_account","name":"leo","patch":{"business":true,"followers":200000}}"#),
            (.recharge(account: "Mia", points: p("700"), packageID: "p700", payment: .card(number: "4242 4242 4242 4242"), reference: "ch_1"),
             #"{"account":"mia","cmd":"recharge","package":"p700","payment":{"card_hmac":"b63f63280c4a1d7fb238936eabeb2a50800ad335ec468daa71c4eeb22509f05c"},"units":70000}"#),
            (.recharge(account: "Omar", points: p("31"), packageID: nil, payment: .paypal(email: " Omar@Example.com "), reference: "pp_1"),
             #"{"account":"omar","cmd":"recharge","package":null,"payment":{"paypal":"omar@example.com"},"units":3100}"#),
            (.sendGift(from: "Mia", to: "Leo", giftID: 5655, count: 3),
             #"{"cmd":"gift","count":3,"from":"mia","gift_id":5655,"to":"leo"}"#),
            (.transferPoints(from: "Mia", to: "Omar", points: p("2.5")),
             #"{"cmd":"transfer","from":"mia","to":"omar","units":250}"#),
            (.redeem(account: "Leo", cardID: " AMC "), #"{"account":"leo","card":"amc","cmd":"redeem"}"#),
            (.holdWithdrawal(account: "Leo", points: p("20000"), paypal: "Leo@Example.com"),
             #"{"account":"leo","cmd":"withdraw","paypal":"leo@example.com","units":2000000}"#),
            (.settleWithdrawal(id: "w-1", answer: .approved(reference: "po_1")), #"{"cmd":"settle_withdrawal","withdrawal":"w-1"}"#),
            (.liveFollowers(creator: "Leo", count: 5_000), #"{"cmd":"followers","count":5000,"creator":"leo"}"#),
            (.liveStart(creator: "Leo"), #"{"cmd":"live_start","creator":"leo"}"#),
            (.liveStop(creator: "Leo"), #"{"cmd":"live_stop","creator":"leo"}"#),
            (.feed(creator: "Leo", effect: .gift(giftID: 5655, name: "Rose", unitPoints: 1, count: 7, gifter: "@ann")),
             #"{"cmd":"feed","creator":"leo","event":"gift"}"#),
            (.feed(creator: "Leo", effect: .battleScores(mine: 1, theirs: 2, opponent: nil, final: true)),
             #"{"cmd":"feed","creator":"leo","event":"battle"}"#),
            (.battleStart(left: "Leo", right: "Ana", seconds: 300), #"{"cmd":"battle_start","left":"leo","right":"ana","seconds":300}"#),
            (.battleEnd(creator: nil), #"{"cmd":"battle_end","creator":null}"#),
            (.settleBattles, #"{"cmd":"settle_battles"}"#),
        ]
        for (command, expected) in cases {
            XCTAssertEqual(command.fingerprint(secret: secret), expected, "\(command.summary(economy: CoreFixtures.economy))")
        }
    }

    func testACardEntersOnlyAsAnHMACUnderTheWalletsSecret() {
        let command = Command.recharge(account: "mia", points: p("700"), packageID: nil, payment: .card(number: "4242424242424242"), reference: "")
        let other = Command.recharge(account: "mia", points: p("700"), packageID: nil, payment: .card(number: "5555555555554444"), reference: "")
        let text = command.fingerprint(secret: secret)
        XCTAssertFalse(text.contains("4242424242424242"))
        XCTAssertNotEqual(text, other.fingerprint(secret: secret), "another card is another command")
        XCTAssertNotEqual(text, command.fingerprint(secret: WalletSecret.random()), "the digest depends on the wallet's secret")
        XCTAssertEqual(text, command.fingerprint(secret: WalletSecret(hex: secret.hex)!), "the secret's stored form gives the same digest")
    }

    func testAFeedEventIsIdentifiedByItsKindNotItsPrice() {
        let cheap = Command.feed(creator: "leo", effect: .gift(giftID: 5655, name: "Rose", unitPoints: 1, count: 1, gifter: "@a"))
        let dear = Command.feed(creator: "leo", effect: .gift(giftID: 5655, name: "Rose", unitPoints: 2, count: 9, gifter: "@b"))
        XCTAssertEqual(cheap.fingerprint(secret: secret), dear.fingerprint(secret: secret))
        XCTAssertNotEqual(cheap.fingerprint(secret: secret), Command.feed(creator: "leo", effect: .follow(count: 1)).fingerprint(secret: secret))
    }

    func testAWalletOfVersionOneMatchesCardRechargesByTheirLastFourDigits() {
        let command = Command.recharge(account: "mia", points: p("100000"), packageID: nil, payment: .card(number: "4242424242424242"), reference: "")
        let legacy = #"{"account":"mia","cmd":"recharge","package":null,"payment":{"card_last4":"4242"},"units":10000000}"#
        XCTAssertEqual(command.legacyFingerprint, legacy)
        XCTAssertTrue(command.matches(fingerprint: legacy, secret: secret))
        let otherCard = Command.recharge(account: "mia", points: p("100000"), packageID: nil, payment: .card(number: "5555555555554444"), reference: "")
        XCTAssertFalse(otherCard.matches(fingerprint: legacy, secret: secret))
        XCTAssertNil(Command.liveStart(creator: "leo").legacyFingerprint)
    }

    func testCanonicalJSONSortsKeysAndEscapesTheSameEverywhere() {
        let value = CanonicalJSON.object(["b": .int(-2), "a": .string("q\"u\\o\nte\u{1}"), "é": .bool(true), "Z": .null])
        XCTAssertEqual(value.text, #"{"Z":null,"a":"q\"u\\o\nte\u0001","b":-2,"é":true}"#)
    }
}
