/// Creating and changing accounts.
enum AccountRules {
    static func create(name: String, profile: AccountProfile, state: WalletReading, context: DecisionContext) throws -> Decision {
        let clean = try validName(name)
        try validProfile(profile)
        if let existing = try state.account(named: clean) {
            throw WalletError(.duplicateAccount, "an account called '\(existing.name)' already exists")
        }
        var profile = profile
        if profile.createdOn == nil { profile.createdOn = context.today }
        let account = Account(id: try state.nextAccountID(), name: clean, profile: profile)
        return Decision(changes: [.insertAccount(account)], outcome: .account(account))
    }

    static func update(name: String, patch: ProfilePatch, state: WalletReading) throws -> Decision {
        var account = try WalletMachine.existing(name, in: state)
        guard !patch.isEmpty else { throw WalletError(.invalidInput, "nothing to change: give at least one flag") }
        account.profile = patch.applied(to: account.profile)
        try validProfile(account.profile)
        return Decision(changes: [.updateAccount(account)], outcome: .account(account))
    }

    /// A name as `NameRules` allows it.
    static func validName(_ name: String) throws -> String { try NameRules.clean(name) }

    private static func validProfile(_ profile: AccountProfile) throws {
        guard profile.followers >= 0 else { throw WalletError(.invalidInput, "followers cannot be negative") }
    }
}
