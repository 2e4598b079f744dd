/// Creating and changing accounts.
enum AccountRules {
    static func create(name: String, profile: AccountProfile, state: WalletReading, context: DecisionContext) throws -> Decision {
        let clean = try validName(name)
        try validProfile(profile, today: context.today)
        if let existing = try state.account(named: clean) {
            throw WalletError(.duplicateAccount, "an account called '\(existing.name)' already exists")
        }
        var profile = try identified(profile, accountID: nil, state: state)
        if profile.createdOn == nil { profile.createdOn = context.today }
        let account = Account(id: try state.nextAccountID(), name: clean, profile: profile)
        return Decision(changes: [.insertAccount(account)], outcome: .account(account))
    }

    static func update(name: String, patch: ProfilePatch, state: WalletReading, context: DecisionContext) throws -> Decision {
        var account = try WalletMachine.existing(name, in: state)
        guard !patch.isEmpty else { throw WalletError(.invalidInput, "nothing to change: give at least one flag") }
        account.profile = try identified(patch.applied(to: account.profile), accountID: account.id, state: state)
        try validProfile(account.profile, today: context.today)
        return Decision(changes: [.updateAccount(account)], outcome: .account(account))
    }

    /// A name as `NameRules` allows it.
    static func validName(_ name: String) throws -> String { try NameRules.clean(name) }

    /// The profile with its TikTok identity in stored form (`TikTokIdentity`), refused when
    /// another account already has that id or handle.
    ///
    /// - Throws: `invalidInput` for a malformed id or handle, `identityTaken` for one in use.
    private static func identified(_ profile: AccountProfile, accountID: Int64?, state: WalletReading) throws -> AccountProfile {
        var profile = profile
        if let id = profile.tiktokID {
            let clean = try TikTokIdentity.id(id)
            if let owner = try state.account(tiktokID: clean), owner.id != accountID {
                throw WalletError(.identityTaken, "TikTok id \(clean) already belongs to \(owner.name)")
            }
            profile.tiktokID = clean
        }
        if let handle = profile.tiktokHandle {
            let clean = try TikTokIdentity.handle(handle)
            if let owner = try state.account(tiktokHandle: clean), owner.id != accountID {
                throw WalletError(.identityTaken, "the TikTok handle @\(clean) already belongs to \(owner.name)")
            }
            profile.tiktokHandle = clean
        }
        return profile
    }

    private static func validProfile(_ profile: AccountProfile, today: CalendarDate) throws {
        guard profile.followers >= 0 else { throw WalletError(.invalidInput, "followers cannot be negative") }
        if let birth = profile.birthDate, birth > today {
            throw WalletError(.invalidInput, "the birth date \(birth) is in the future (today is \(today))")
        }
    }
}
