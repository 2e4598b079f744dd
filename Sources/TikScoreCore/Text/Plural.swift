/// Counts and articles in English sentences: "1 point", "2 points", "1 failed attempt",
/// "an AMC Theaters card", with thousands grouped.
///
/// ```swift
/// Plural.of(1, "follower")       // "1 follower"
/// Plural.of(5_000, "follower")   // "5,000 followers"
/// Plural.article("AMC Theaters") // "an"
/// ```
public enum Plural {
    /// `count` and the noun, plural unless the count is one.
    public static func of(_ count: Int64, _ singular: String, _ plural: String? = nil) -> String {
        "\(Grouping.of(count)) \(count == 1 || count == -1 ? singular : plural ?? singular + "s")"
    }

    /// Points with their unit: "1 point", "0.5 points", "2,500 points".
    public static func points(_ points: Points) -> String {
        "\(points.grouped) \(points.units == Points.unitsPerPoint ? "point" : "points")"
    }

    /// "a" or "an" before `word`, by its first letter (a vowel, or an upper-case initialism sounding
    /// like one, such as "AMC").
    public static func article(_ word: String) -> String {
        guard let first = word.unicodeScalars.first else { return "a" }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        let letter = Character(first).lowercased().first ?? "x"
        if vowels.contains(letter) { return "an" }
        // Initialisms read letter by letter: "an FX card", "an M card"; not "a" + "SUV" style guessing beyond these.
        let initial = word.prefix { $0.isUppercase }
        if initial.count >= 2, "fhlmnrsx".contains(letter) { return "an" }
        return "a"
    }
}
