/// The whole economy: rules and catalogs, with the conversions every screen and command uses.
///
/// ```swift
/// let economy = try CatalogLoader.load(directory: folder)
/// try economy.usd(of: Points(whole: 20_000)).money   // "100.00"
/// try economy.split(gift: Points(whole: 1)).creator  // 0.5 points
/// ```
public struct Economy: Sendable, Equatable {
    public var rules: EconomyRules
    public var packages: [RechargePackage]
    /// Every gift a LIVE may send, in catalog order (`panelGifts` is the short list people pick from).
    public private(set) var gifts: [Gift]
    private var giftsByID: [Int64: Gift]
    public var cards: [GiftCard]
    public var currencies: [Currency]
    public var battleTasks: [BattleTask]
    /// A SHA-256 of the catalog files this economy was read from (`CatalogLoader`), which a
    /// wallet records so that other catalogs are not used on it unnoticed; empty when made in code.
    public var fingerprint = ""

    public init(rules: EconomyRules, packages: [RechargePackage], gifts: [Gift], cards: [GiftCard],
                currencies: [Currency], battleTasks: [BattleTask]) {
        self.rules = rules
        self.packages = packages
        self.gifts = gifts
        self.giftsByID = Dictionary(gifts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.cards = cards
        self.currencies = currencies
        self.battleTasks = battleTasks
    }

    // MARK: Conversions

    /// Exact dollar value of an amount of points.
    public func usd(of points: Points) throws -> ExactDecimal {
        guard let value = points.decimal.multiplied(by: rules.pointValueUSD) else {
            throw WalletError.overflow("\(points) points in dollars")
        }
        return value
    }

    /// Diamonds in an amount of points (exact when the ratio allows; otherwise rounded to 4 places).
    public func diamonds(of points: Points) -> ExactDecimal {
        let ratio = ExactDecimal(significand: rules.pointsPerDiamond, scale: 0)
        if let exact = points.decimal.divided(by: ratio, maxScale: 6) { return exact }
        let scaled = points.decimal.rescaled(to: Points.fractionDigits + 4) ?? 0
        return ExactDecimal(significand: scaled / rules.pointsPerDiamond, scale: Points.fractionDigits + 4).normalized
    }

    /// Points worth exactly `usd` dollars; throws when that is not a whole number of hundredths.
    public func points(fromUSD usd: ExactDecimal) throws -> Points {
        guard let value = usd.divided(by: rules.pointValueUSD, maxScale: 18) else {
            throw WalletError.invalidAmount("$\(usd.plain) is not a whole number of hundredths of a point")
        }
        return try points(exactly: value, what: "$\(usd.plain)")
    }

    /// Points in `diamonds` diamonds.
    public func points(fromDiamonds diamonds: ExactDecimal) throws -> Points {
        guard let value = diamonds.multiplied(by: ExactDecimal(significand: rules.pointsPerDiamond, scale: 0)) else {
            throw WalletError.overflow("\(diamonds.plain) diamonds")
        }
        return try points(exactly: value, what: "\(diamonds.plain) diamonds")
    }

    /// An amount of dollars in another currency.
    public func convert(usd: ExactDecimal, to currency: Currency) throws -> ExactDecimal {
        guard let value = usd.multiplied(by: currency.perUSD) else {
            throw WalletError.overflow("$\(usd.plain) in \(currency.code)")
        }
        return value
    }

    /// How a gift's points divide between the creator and the platform.
    ///
    /// The creator's share is floored to the base unit; the remainder is the commission, so the
    /// two always add up to the gift.
    public func split(gift amount: Points) throws -> (creator: Points, commission: Points) {
        guard amount.units >= 0 else { throw WalletError.invalidAmount("a gift cannot be negative") }
        let hundred = ExactDecimal(significand: 100, scale: 0)
        guard let keep = hundred.adding(ExactDecimal(significand: -rules.commissionPercent.significand,
                                                      scale: rules.commissionPercent.scale)),
              let keepScaled = keep.rescaled(to: keep.scale),
              let divisor = ExactDecimal.powerOfTen(keep.scale + 2) else {
            throw WalletError.overflow("commission of \(amount) points")
        }
        let product = amount.units.multipliedFullWidth(by: keepScaled)
        let (quotient, _) = divisor.dividingFullWidth(product)
        let creator = Points(units: quotient)
        return (creator, Points(units: amount.units - quotient))
    }

    // MARK: Prices

    /// What a number of points costs to recharge.
    public func price(ofPoints points: Points) throws -> ExactDecimal { try usd(of: points) }

    // MARK: Lookups

    /// A package by id or name, case-insensitively.
    public func package(named text: String) throws -> RechargePackage {
        try CatalogMatch.one(in: packages, matching: text, id: { $0.id }, name: { $0.name },
                             kind: "recharge package", missing: .unknownPackage)
    }

    /// A gift by id or name, case-insensitively.
    public func gift(named text: String) throws -> Gift {
        try CatalogMatch.one(in: gifts, matching: text, id: { String($0.id) }, name: { $0.name },
                             kind: "gift", missing: .unknownGift)
    }

    /// A gift by its public id.
    public func gift(id: Int64) -> Gift? { giftsByID[id] }

    /// A gift card by id or name, case-insensitively.
    public func card(named text: String) throws -> GiftCard {
        try CatalogMatch.one(in: cards, matching: text, id: { $0.id }, name: { $0.name },
                             kind: "gift card", missing: .unknownCard)
    }

    /// A currency by code, case-insensitively.
    public func currency(code: String) throws -> Currency {
        guard let found = currencies.first(where: { $0.code.caseInsensitiveEquals(code) }) else {
            let known = currencies.map(\.code).joined(separator: ", ")
            throw WalletError(.unknownCurrency, "unknown currency '\(code)'; known: \(known)")
        }
        return found
    }

    private func points(exactly value: ExactDecimal, what: String) throws -> Points {
        guard value.normalized.scale <= Points.fractionDigits else {
            throw WalletError.invalidAmount("\(what) is not a whole number of hundredths of a point")
        }
        guard let units = value.rescaled(to: Points.fractionDigits) else { throw WalletError.overflow(what) }
        return Points(units: units)
    }
}
