/// Makes a gift card's redemption code, stable for a command so a retry shows the same code.
///
/// ```swift
/// GiftCardCode.make(card: amc, seed: "k:123")   // "AMC-7F3K-Q9XD-2M4T"
/// ```
enum GiftCardCode {
    private static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")

    static func make(card: GiftCard, seed: String) -> String {
        let prefix = String(card.id.uppercased().filter { $0.isLetter }.prefix(4))
        var bits = StableHash.value("card|" + seed)
        var extra = StableHash.value("card2|" + seed)
        var chars: [Character] = []
        for index in 0..<12 {
            if index == 6 { bits = extra; extra = 0 }
            chars.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        let groups = stride(from: 0, to: 12, by: 4).map { String(chars[$0..<$0 + 4]) }
        return ([prefix.isEmpty ? "CARD" : prefix] + groups).joined(separator: "-")
    }
}
