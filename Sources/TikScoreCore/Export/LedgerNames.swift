/// People's names for ledger accounts: `ana:points`, `platform:commission`.
public struct LedgerNames: Sendable {
    private let names: [Int64: String]

    /// Names from the wallet's accounts.
    public init(accounts: [Account]) {
        names = Dictionary(accounts.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// `ana:points` for a user's account, the code for a platform account.
    public func label(_ account: LedgerAccount) -> String {
        guard let id = account.userID, let name = names[id] else { return account.code }
        return "\(name):\(account.leaf)"
    }

    /// How a screen names a ledger account: `ana:points`, or `follower rewards` for a platform one.
    public func display(_ account: LedgerAccount) -> String {
        if account.isUser { return label(account) }
        return account.leaf.replacingOccurrences(of: "_", with: " ")
    }

    /// The name of the account with this id.
    public func name(of id: Int64) -> String? { names[id] }
}
