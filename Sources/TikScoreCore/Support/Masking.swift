/// Secrets and personal data shown only as much as a person needs to recognise them: a gift card
/// code is a bearer secret, a PayPal address is personal.
///
/// ```swift
/// Masking.code("AMC-NX22-Z3WY-Y378")     // "AMC-••••-••••-Y378"
/// Masking.email("leo@example.com")        // "l••@example.com"
/// ```
public enum Masking {
    /// A code with every group but the first (the brand) and the last replaced by dots.
    public static func code(_ code: String) -> String {
        let groups = code.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.count > 2 else { return String(repeating: "•", count: max(0, code.count - 4)) + code.suffix(4) }
        let middle = groups.dropFirst().dropLast().map { String(repeating: "•", count: $0.count) }
        return ([String(groups[0])] + middle + [String(groups[groups.count - 1])]).joined(separator: "-")
    }

    /// An address with its local part cut to its first character.
    public static func email(_ address: String) -> String {
        guard let at = address.firstIndex(of: "@"), at != address.startIndex else { return address }
        return String(address[address.startIndex]) + "••" + address[at...]
    }
}
