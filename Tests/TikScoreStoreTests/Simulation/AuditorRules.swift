import Foundation
import TikScoreCore

/// The economy's numbers as the auditor reads them: every rate, threshold, price and limit comes
/// from the loaded `Economy` (the `Resources/` catalogs), and the arithmetic on them is the
/// auditor's own (whole hundredths of a point in `Int64`, checked), so a wrong rule in the
/// wallet's decision code disagrees with it instead of being shared.
struct AuditorRules {
    /// Base units in a point (the representation: hundredths).
    static let units = Points.unitsPerPoint

    let pointValue: ExactDecimal
    let commission: ExactDecimal
    let followerUnits: Int64
    let minimumWithdrawalUnits: Int64
    let customRecharge: ClosedRange<Int64>
    let followersMoreThan: Int64
    let minAccountAgeDays: Int
    let uploadWithinDays: Int
    let requiresCreator: Bool
    let requiresBusiness: Bool
    let requiresCreatorNext: Bool
    let adultAge: Int
    let maxRepeatCount: Int64
    let maxSessionUnits: Int64
    let maxGiftPoints: Int64
    /// Catalog gifts: id → price in whole points.
    let giftPoints: [Int64: Int64]
    let packages: [RechargePackage]
    let cards: [GiftCard]

    init(economy: Economy) {
        let rules = economy.rules
        pointValue = rules.pointValueUSD
        commission = rules.commissionPercent
        followerUnits = rules.followerPoints.units
        minimumWithdrawalUnits = rules.minimumWithdrawal.units
        customRecharge = rules.customRechargeMin...rules.customRechargeMax
        followersMoreThan = rules.followersMoreThan
        minAccountAgeDays = rules.minAccountAgeDays
        uploadWithinDays = rules.uploadWithinDays
        requiresCreator = rules.requiresCreatorAccount
        requiresBusiness = rules.requiresBusinessAccount
        requiresCreatorNext = rules.requiresCreatorNext
        adultAge = rules.withdrawalMinAgeYears
        maxRepeatCount = rules.maxRepeatCount
        maxSessionUnits = rules.maxSessionPoints * Self.units
        maxGiftPoints = economy.gifts.map(\.points).max() ?? 0
        giftPoints = Dictionary(economy.gifts.map { ($0.id, $0.points) }, uniquingKeysWith: { first, _ in first })
        packages = economy.packages
        cards = economy.cards
    }

    // MARK: Money

    /// The creator's share and the platform's commission of a gift worth `units`: the share is
    /// floored to the base unit, the commission is the rest. Nil on overflow.
    func split(gift units: Int64) -> (share: Int64, commission: Int64)? {
        guard let scale = Self.power(of: 10, commission.scale) else { return nil }
        let whole = 100 * scale
        let keep = whole - commission.significand
        let (product, overflow) = units.multipliedReportingOverflow(by: keep)
        guard !overflow, whole > 0 else { return nil }
        let share = product / whole
        return (share, units - share)
    }

    /// The price in cents of `whole` points; nil when it is not a whole number of cents.
    func cents(ofWholePoints whole: Int64) -> Int64? {
        guard let denominator = Self.power(of: 10, pointValue.scale) else { return nil }
        let (times, o1) = whole.multipliedReportingOverflow(by: pointValue.significand)
        let (hundred, o2) = times.multipliedReportingOverflow(by: 100)
        guard !o1, !o2, hundred % denominator == 0 else { return nil }
        return hundred / denominator
    }

    /// The smallest step of whole points that keeps prices in whole cents.
    var centStep: Int64 {
        (1...1_000).first { cents(ofWholePoints: Int64($0)) != nil }.map(Int64.init) ?? 1
    }

    /// `a × b × c` or nil on overflow.
    static func product(_ factors: Int64...) -> Int64? {
        var result: Int64 = 1
        for factor in factors {
            let (next, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            result = next
        }
        return result
    }

    /// `base` to the power `exponent`, or nil on overflow.
    private static func power(of base: Int64, _ exponent: Int) -> Int64? {
        var result: Int64 = 1
        for _ in 0..<max(0, exponent) {
            guard let next = product(result, base) else { return nil }
            result = next
        }
        return result
    }

    // MARK: Catalogs

    /// A package by id, else by its one name, compared without case or surrounding spaces.
    func package(matching text: String) -> RechargePackage? {
        Self.match(packages, text, id: \.id, name: \.name)
    }

    /// A gift card by id, else by its one name.
    func card(matching text: String) -> GiftCard? {
        Self.match(cards, text, id: \.id, name: \.name)
    }

    private static func match<T>(_ items: [T], _ text: String, id: KeyPath<T, String>, name: KeyPath<T, String>) -> T? {
        let wanted = Auditor.nameKey(text)
        if let byID = items.first(where: { Auditor.nameKey($0[keyPath: id]) == wanted }) { return byID }
        let byName = items.filter { Auditor.nameKey($0[keyPath: name]) == wanted }
        return byName.count == 1 ? byName.first : nil
    }

    // MARK: Eligibility

    /// Whether an account with `profile` may earn on day `today` (days since 1970, UTC).
    func canEarn(_ profile: AccountProfile, today: Int) -> Bool {
        if requiresCreator && profile.role != .creator { return false }
        if requiresBusiness && !profile.business { return false }
        if requiresCreatorNext && !profile.creatorNext { return false }
        guard let created = profile.createdOn, today - Self.day(of: created) >= minAccountAgeDays else { return false }
        guard let upload = profile.lastUpload else { return false }
        let ago = today - Self.day(of: upload)
        guard ago >= 0, ago <= uploadWithinDays else { return false }
        return profile.followers > followersMoreThan
    }

    /// Whether the owner is old enough to withdraw on day `today`.
    func isAdult(_ profile: AccountProfile, today: Int) -> Bool {
        guard let birth = profile.birthDate else { return false }
        let now = Self.civil(today)
        var age = now.year - birth.year
        if (now.month, now.day) < (birth.month, birth.day) { age -= 1 }
        return age >= adultAge
    }

    /// Why cashing out (withdrawal, gift card) is refused, or nil when it is allowed.
    func cashOutRefusal(_ profile: AccountProfile, today: Int) -> WalletError.Code? {
        if !canEarn(profile, today: today) { return .notEligible }
        if !isAdult(profile, today: today) { return .underage }
        return nil
    }

    // MARK: Days, through Foundation's calendar (not the wallet's own date code)

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// Days since 1970-01-01 of a calendar day.
    static func day(of date: CalendarDate) -> Int {
        let instant = utc.date(from: DateComponents(year: date.year, month: date.month, day: date.day)) ?? Date(timeIntervalSince1970: 0)
        return Int((instant.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// Days since 1970-01-01 of an instant.
    static func day(of instant: Date) -> Int { Int((instant.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// The year, month and day of a day number.
    static func civil(_ day: Int) -> (year: Int, month: Int, day: Int) {
        let parts = utc.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(day) * 86_400))
        return (parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// A calendar day `offset` days from `day`, for building profiles.
    static func date(_ day: Int) -> CalendarDate {
        let parts = civil(day)
        return CalendarDate(year: parts.year, month: parts.month, day: parts.day) ?? CalendarDate(dayNumber: day)
    }

    // MARK: Payment details, as a checkout form checks them

    /// The digits of a card number that passes the Luhn check, or nil.
    static func cardDigits(_ text: String) -> String? {
        let digits = text.filter { $0 != " " && $0 != "-" }
        guard (12...19).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let values = digits.reversed().compactMap(\.wholeNumberValue)
        let sum = values.enumerated().reduce(0) { total, item in
            let doubled = item.offset % 2 == 1 ? item.element * 2 : item.element
            return total + (doubled > 9 ? doubled - 9 : doubled)
        }
        return sum % 10 == 0 ? digits : nil
    }

    /// The trimmed address when it is a plausible email (one `@`, a dotted domain, no spaces), or nil.
    static func email(_ text: String) -> String? {
        let address = Auditor.trimmed(text)
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !address.contains(where: \.isWhitespace) else { return nil }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
              parts[1].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        return address
    }

    /// The validated payment details, or the refusal for them.
    static func validated(_ payment: PaymentDetails) -> Result<PaymentDetails, WalletError> {
        switch payment {
        case .card(let number):
            guard let digits = cardDigits(number) else { return .failure(WalletError(.invalidCard, "not a card number")) }
            return .success(.card(number: digits))
        case .paypal(let address):
            guard let email = email(address) else { return .failure(WalletError(.invalidEmail, "not an email address")) }
            return .success(.paypal(email: email))
        }
    }
}
