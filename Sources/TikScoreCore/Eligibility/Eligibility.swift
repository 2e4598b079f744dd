/// One condition of earning or withdrawing, with its verdict and the reason for it.
public struct EligibilityCondition: Sendable, Equatable, Codable {
    /// Stable id, e.g. `followers`.
    public var id: String
    /// Short title for screens, e.g. "Over 100,000 followers".
    public var title: String
    public var ok: Bool
    /// Why it holds or not, in a sentence.
    public var reason: String
    /// Whether the condition is needed only for withdrawing.
    public var withdrawOnly: Bool
}

/// Every earning and withdrawal condition checked separately.
///
/// ```swift
/// let report = Eligibility.evaluate(account, rules: economy.rules, today: today)
/// report.canEarn        // all earning conditions hold
/// report.failing.map(\.reason)
/// ```
public struct Eligibility: Sendable, Equatable, Codable {
    public var conditions: [EligibilityCondition]

    /// Whether the account may earn points.
    public var canEarn: Bool { conditions.filter { !$0.withdrawOnly }.allSatisfy(\.ok) }
    /// Whether the account may withdraw or redeem earnings.
    public var canWithdraw: Bool { conditions.allSatisfy(\.ok) }
    /// The conditions that do not hold.
    public var failing: [EligibilityCondition] { conditions.filter { !$0.ok } }

    /// Checks every condition for `account` on `today`.
    public static func evaluate(_ account: Account, rules: EconomyRules, today: CalendarDate) -> Eligibility {
        evaluate(account, rules: rules, today: today, words: true)
    }

    /// Whether `account` may earn points on `today`: the verdicts of `evaluate` without its
    /// titles and reasons (a feed asks this for every gift).
    public static func canEarn(_ account: Account, rules: EconomyRules, today: CalendarDate) -> Bool {
        evaluate(account, rules: rules, today: today, words: false).canEarn
    }

    /// The conditions, with their titles and reasons written only when `words` is true.
    private static func evaluate(_ account: Account, rules: EconomyRules, today: CalendarDate, words: Bool) -> Eligibility {
        let p = account.profile
        var list: [EligibilityCondition] = []
        func add(_ id: String, _ title: @autoclosure () -> String, _ ok: Bool, _ yes: @autoclosure () -> String,
                 _ no: @autoclosure () -> String, withdrawOnly: Bool = false) {
            list.append(EligibilityCondition(id: id, title: words ? title() : "", ok: ok, reason: words ? (ok ? yes() : no()) : "",
                                             withdrawOnly: withdrawOnly))
        }
        if rules.requiresCreatorAccount {
            add("creator_account", "Creator account", p.role == .creator,
                "this is a creator account", "this is a supporter account; switch to a creator account")
        }
        if rules.requiresBusinessAccount {
            add("business_account", "Business account", p.business,
                "a business account with a trademark", "no business account with a trademark")
        }
        if rules.requiresCreatorNext {
            add("creator_next", "Creator Next", p.creatorNext,
                "subscribed to Creator Next", "not subscribed to the Creator Next program")
        }
        let minAge = rules.minAccountAgeDays
        if let created = p.createdOn {
            let age = created.days(until: today)
            add("account_age", "Account \(minAge)+ days old", age >= minAge,
                "the account is \(age) days old", "the account is \(max(age, 0)) days old; it must be at least \(minAge)")
        } else {
            add("account_age", "Account \(minAge)+ days old", false, "", "the account's creation date is not known")
        }
        let window = rules.uploadWithinDays
        if let upload = p.lastUpload {
            let ago = upload.days(until: today)
            let ok = ago >= 0 && ago <= window
            let no = ago < 0 ? "the last upload date \(upload) is in the future"
                : "the last upload was \(ago) days ago; upload a video (within \(window) days)"
            add("recent_upload", "Upload in last \(window) days", ok, "uploaded \(ago) days ago", no)
        } else {
            add("recent_upload", "Upload in last \(window) days", false, "", "no upload in the last \(window) days")
        }
        let needed = rules.followersMoreThan
        add("followers", "Over \(Grouping.of(needed)) followers", p.followers > needed,
            "\(Grouping.of(p.followers)) followers", "\(Grouping.of(p.followers)) followers; more than \(Grouping.of(needed)) are needed")
        let adultAge = rules.withdrawalMinAgeYears
        if let birth = p.birthDate {
            let age = birth.wholeYears(until: today)
            add("adult", "Owner \(adultAge) or older", age >= adultAge,
                "the owner is \(age)", "the owner is \(max(age, 0)); withdrawing needs \(adultAge) or older", withdrawOnly: true)
        } else {
            add("adult", "Owner \(adultAge) or older", false, "", "the owner's birth date is not known", withdrawOnly: true)
        }
        return Eligibility(conditions: list)
    }
}
