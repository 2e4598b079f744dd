import Crypto
import Foundation

/// Reads and checks the six catalog files of an economy folder.
///
/// ```swift
/// let economy = try CatalogLoader.load(directory: URL(fileURLWithPath: "Resources/catalogs"))
/// ```
public enum CatalogLoader {
    /// The files an economy folder must hold.
    public static let fileNames = ["economy.json", "packages.json", "gifts.json", "giftcards.json",
                                   "currencies.json", "battle-tasks.json"]

    /// The most days an earning condition may span (a century): dates are computed from it.
    static let maxDays: Int64 = 36_500
    /// The most followers an earning condition may ask for; counts above it are computed from it.
    static let maxFollowers: Int64 = 1_000_000_000_000

    /// Loads every catalog in `directory`; throws a `CatalogError` naming the file and field at fault.
    public static func load(directory: URL) throws -> Economy {
        var files = CatalogFiles(directory: directory)
        let rules = try parseRules(try files.json("economy.json"))
        let packages = try parsePackages(try files.json("packages.json"), pointValue: rules.pointValueUSD)
        let gifts = try parseGifts(try files.json("gifts.json"))
        let cards = try parseCards(try files.json("giftcards.json"), pointValue: rules.pointValueUSD)
        let currencies = try parseCurrencies(try files.json("currencies.json"))
        let tasks = try parseTasks(try files.json("battle-tasks.json"))
        guard currencies.contains(where: { $0.code == rules.displayCurrency }) else {
            throw CatalogError(file: "economy.json", field: "display_currency",
                               message: "'\(rules.displayCurrency)' is not in currencies.json")
        }
        var economy = Economy(rules: rules, packages: packages, gifts: gifts, cards: cards, currencies: currencies, battleTasks: tasks)
        economy.fingerprint = files.fingerprint
        return economy
    }

    // MARK: Files

    /// The catalog files as they are read, and a SHA-256 of their names and bytes in that order:
    /// the same files anywhere give the same fingerprint.
    private struct CatalogFiles {
        let directory: URL
        private var hash = SHA256()

        init(directory: URL) {
            self.directory = directory
        }

        var fingerprint: String {
            hash.finalize().map { String(format: "%02x", $0) }.joined()
        }

        mutating func json(_ name: String) throws -> CatalogValue {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw CatalogError(file: name, field: nil, message: "missing or unreadable in \(directory.path)")
            }
            hash.update(data: Data(name.utf8 + [0]))
            hash.update(data: Data(String(data.count).utf8 + [0]))
            hash.update(data: data)
            return try CatalogLoader.json(name, data: data)
        }
    }

    private static func json(_ name: String, data: Data) throws -> CatalogValue {
        switch FeedJSON.parse(data) {
        case .success(let value): return CatalogValue(file: name, path: nil, raw: value)
        case .failure(let error): throw CatalogError(file: name, field: nil, message: "not valid JSON (\(error.reason) at byte \(error.offset))")
        }
    }

    // MARK: economy.json

    private static func parseRules(_ root: CatalogValue) throws -> EconomyRules {
        let o = try root.object()
        let pointValue = try o.decimal("point_value_usd")
        guard pointValue.significand > 0 else { throw o.error("point_value_usd", "must be above zero") }
        let perDiamond = try o.integer("points_per_diamond")
        guard perDiamond > 0 else { throw o.error("points_per_diamond", "must be above zero") }
        let commission = try o.decimal("commission_percent")
        guard commission.significand >= 0, let scaled = commission.rescaled(to: commission.scale),
              let hundred = ExactDecimal.powerOfTen(commission.scale + 2), scaled <= hundred else {
            throw o.error("commission_percent", "must be between 0 and 100 (got \(commission.plain))")
        }
        guard commission.scale <= 6 else { throw o.error("commission_percent", "at most 6 decimals") }
        let followerPoints = try o.integer("follower_points")
        guard followerPoints >= 0 else { throw o.error("follower_points", "cannot be negative") }
        let minimum = try o.integer("minimum_withdrawal_points")
        guard minimum >= 0 else { throw o.error("minimum_withdrawal_points", "cannot be negative") }
        let custom = try o.child("custom_recharge").object()
        let customMin = try custom.integer("min_points")
        let customMax = try custom.integer("max_points")
        guard customMin > 0 else { throw custom.error("min_points", "must be above zero") }
        guard customMax >= customMin else { throw custom.error("max_points", "must not be below min_points") }
        let earning = try o.child("earning").object()
        let followers = try earning.integer("followers_more_than")
        let age = try earning.integer("min_account_age_days")
        let upload = try earning.integer("upload_within_days")
        for (name, value, limit) in [("followers_more_than", followers, maxFollowers), ("min_account_age_days", age, maxDays),
                                     ("upload_within_days", upload, maxDays)] where !(0...limit).contains(value) {
            throw earning.error(name, value < 0 ? "cannot be negative" : "must be at most \(Grouping.of(limit))")
        }
        let live = try o.child("live").object()
        let battleMinutes = try live.integer("battle_minutes")
        guard (1...1440).contains(battleMinutes) else { throw live.error("battle_minutes", "must be between 1 and 1440") }
        let streakTimeout = try live.integer("streak_timeout_seconds")
        guard (1...3600).contains(streakTimeout) else { throw live.error("streak_timeout_seconds", "must be between 1 and 3600") }
        let feed = try o.child("feed").object()
        let maxRepeat = try feed.positiveInteger("max_repeat_count")
        let maxSession = try feed.positiveInteger("max_session_points")
        let security = try o.child("security").object()
        let pinAttempts = try security.positiveInteger("pin_attempts")
        let pinLockout = try security.positiveInteger("pin_lockout_minutes")
        let pinMin = try security.positiveInteger("pin_min_digits")
        let pinMax = try security.positiveInteger("pin_max_digits")
        guard pinMax >= pinMin, pinMax <= 64 else { throw security.error("pin_max_digits", "must be pin_min_digits to 64") }
        let pinRounds = try security.positiveInteger("pin_hash_rounds")
        guard pinRounds >= PINHasher.minimumRounds, pinRounds <= 100_000_000 else {
            throw security.error("pin_hash_rounds", "must be \(PINHasher.minimumRounds) to 100000000 (PBKDF2-HMAC-SHA256)")
        }
        let adultAge = try o.integer("withdrawal_min_age_years")
        guard (0...150).contains(adultAge) else { throw o.error("withdrawal_min_age_years", "must be between 0 and 150") }
        return EconomyRules(
            pointValueUSD: pointValue, pointsPerDiamond: perDiamond, commissionPercent: commission,
            followerPoints: try points(followerPoints, o, "follower_points"),
            minimumWithdrawal: try points(minimum, o, "minimum_withdrawal_points"),
            customRechargeMin: customMin, customRechargeMax: customMax,
            followersMoreThan: followers, minAccountAgeDays: Int(age), uploadWithinDays: Int(upload),
            requiresCreatorAccount: try earning.bool("requires_creator_account"),
            requiresBusinessAccount: try earning.bool("requires_business_account"),
            requiresCreatorNext: try earning.bool("requires_creator_next"),
            withdrawalMinAgeYears: Int(adultAge), displayCurrency: try o.string("display_currency").uppercased(),
            battleMinutes: battleMinutes, streakTimeoutSeconds: streakTimeout,
            maxRepeatCount: maxRepeat, maxSessionPoints: maxSession,
            pinAttempts: Int(pinAttempts), pinLockoutMinutes: pinLockout, pinDigits: Int(pinMin)...Int(pinMax), pinHashRounds: Int(pinRounds))
    }

    // MARK: Lists

    private static func parsePackages(_ root: CatalogValue, pointValue: ExactDecimal) throws -> [RechargePackage] {
        let items = try root.array().map { item -> RechargePackage in
            let o = try item.object()
            let points = try o.positiveInteger("points")
            guard let price = ExactDecimal(significand: points, scale: 0).multiplied(by: pointValue), !price.needsRounding(toPlaces: 2) else {
                throw o.error("points", "\(points) points at $\(pointValue.plain) each is not a whole number of cents")
            }
            return RechargePackage(id: try o.nonEmptyString("id"), name: try o.nonEmptyString("name"), points: points)
        }
        try unique(items.map { NameKey.of($0.id) }, root, "id")
        return items
    }

    private static func parseGifts(_ root: CatalogValue) throws -> [Gift] {
        let items = try root.array().map { item -> Gift in
            let o = try item.object()
            let type = try o.integer("type")
            guard type == 1 || type == 2 || type == 4 else { throw o.error("type", "unknown gift type \(type); known: 1 (streakable), 2, 4") }
            return Gift(id: try o.positiveInteger("id"), name: try o.nonEmptyString("name"),
                        points: try o.positiveInteger("points"), type: Int(type), panel: try o.optionalBool("panel") ?? false)
        }
        try unique(items.map { String($0.id) }, root, "id")
        // `gift NAME` matches by name, so two gifts may not share one (the import names them `Rosa (8913)`).
        try unique(items.map { NameKey.of($0.name) }, root, "name")
        return items
    }

    private static func parseCards(_ root: CatalogValue, pointValue: ExactDecimal) throws -> [GiftCard] {
        let items = try root.array().map { item -> GiftCard in
            let o = try item.object()
            let points = try o.positiveInteger("points")
            let value = try o.decimal("value_usd")
            let expected = ExactDecimal(significand: points, scale: 0).multiplied(by: pointValue)
            guard let expected, expected.normalized == value.normalized else {
                throw o.error("value_usd", "$\(value.plain) does not match \(points) points at $\(pointValue.plain) each")
            }
            guard !value.needsRounding(toPlaces: 2) else { throw o.error("value_usd", "$\(value.plain) is not a whole number of cents") }
            return GiftCard(id: try o.nonEmptyString("id"), name: try o.nonEmptyString("name"), points: points, valueUSD: value)
        }
        try unique(items.map { NameKey.of($0.id) }, root, "id")
        return items
    }

    private static func parseCurrencies(_ root: CatalogValue) throws -> [Currency] {
        let items = try root.array().map { item -> Currency in
            let o = try item.object()
            let code = try o.nonEmptyString("code").uppercased()
            guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw o.error("code", "'\(code)' is not a three-letter currency code")
            }
            let rate = try o.decimal("per_usd")
            guard rate.significand > 0 else { throw o.error("per_usd", "must be above zero") }
            let decimals = try o.integer("decimals")
            guard (0...6).contains(decimals) else { throw o.error("decimals", "must be between 0 and 6") }
            return Currency(code: code, name: try o.nonEmptyString("name"), perUSD: rate, decimals: Int(decimals))
        }
        try unique(items.map(\.code), root, "code")
        guard let usd = items.first(where: { $0.code == "USD" }), usd.perUSD.normalized == ExactDecimal(significand: 1, scale: 0) else {
            throw CatalogError(file: root.file, field: "USD", message: "USD must be listed with per_usd \"1\"")
        }
        return items
    }

    private static func parseTasks(_ root: CatalogValue) throws -> [BattleTask] {
        let items = try root.array().map { item -> BattleTask in
            let o = try item.object()
            return BattleTask(id: try o.nonEmptyString("id"), text: try o.nonEmptyString("text"))
        }
        guard !items.isEmpty else { throw CatalogError(file: root.file, field: nil, message: "needs at least one task") }
        try unique(items.map(\.id), root, "id")
        return items
    }

    private static func unique(_ keys: [String], _ root: CatalogValue, _ field: String) throws {
        var seen = Set<String>()
        for (index, key) in keys.enumerated() where !seen.insert(key).inserted {
            throw CatalogError(file: root.file, field: "[\(index)].\(field)", message: "duplicate \(field) '\(key)'")
        }
    }

    private static func points(_ whole: Int64, _ o: CatalogValue.Object, _ field: String) throws -> Points {
        do { return try Points(whole: whole) } catch { throw o.error(field, "too large") }
    }
}
