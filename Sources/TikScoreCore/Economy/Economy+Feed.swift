/// The feed's trust model in numbers: what a line from a LIVE connector may credit.
///
/// ```swift
/// try economy.feedPrice(giftID: 5655, declared: 10_000_000)   // .catalog(1, mismatch: true)
/// try economy.feedPrice(giftID: 999_999, declared: 50)         // .declared(50)
/// try economy.feedPrice(giftID: 999_999, declared: 10_000_000) // throws absurdPrice
/// ```
extension Economy {
    /// The gifts on the panel, cheapest first (what the dashboard and `tikscore gifts` offer);
    /// every gift when the catalog marks none.
    public var panelGifts: [Gift] {
        let marked = gifts.filter(\.panel)
        return (marked.isEmpty ? gifts : marked).sorted { ($0.points, $0.id) < ($1.points, $1.id) }
    }

    /// The price of the catalog's most expensive gift: the most an unknown gift may cost.
    public var maxGiftPoints: Int64 { gifts.map(\.points).max() ?? 0 }

    /// How one feed gift is priced.
    ///
    /// - A gift the catalog knows costs the catalog's price; `mismatch` says the line claimed another.
    /// - A gift it does not know costs the line's price, up to `maxGiftPoints`.
    ///
    /// - Throws: `absurdPrice` when an unknown gift claims more than `maxGiftPoints` (or nothing).
    public func feedPrice(giftID: Int64, declared: Int64?) throws -> FeedGiftPrice {
        if let known = gift(id: giftID) {
            return .catalog(known.points, mismatch: declared.map { $0 != known.points } ?? false)
        }
        guard let declared, declared >= 0 else {
            throw WalletError(.absurdPrice, "gift \(giftID) is not in the catalog and its line gives no price")
        }
        guard declared <= maxGiftPoints else {
            throw WalletError(.absurdPrice, "gift \(giftID) is not in the catalog and claims \(Grouping.of(declared)) points, more than the dearest gift (\(Grouping.of(maxGiftPoints)))")
        }
        return .declared(declared)
    }

    /// Checks a feed gift count against `feed.max_repeat_count`.
    ///
    /// - Throws: `absurdCount` above it (and `invalidAmount` below 1).
    public func checkFeedCount(_ count: Int64) throws {
        guard count >= 1 else { throw WalletError.invalidAmount("a gift count must be at least 1 (got \(count))") }
        guard count <= rules.maxRepeatCount else {
            throw WalletError(.absurdCount, "a count of \(Grouping.of(count)) is more than the \(Grouping.of(rules.maxRepeatCount)) one feed line may count")
        }
    }
}

/// What a feed gift costs under the trust model.
public enum FeedGiftPrice: Sendable, Equatable {
    /// From the catalog; `mismatch` when the line claimed another price.
    case catalog(Int64, mismatch: Bool)
    /// From the line (an unknown gift, within the cap).
    case declared(Int64)

    /// The price of one gift in points.
    public var points: Int64 {
        switch self {
        case .catalog(let points, _), .declared(let points): return points
        }
    }

    /// Whether the line claimed a price other than the catalog's.
    public var mismatch: Bool {
        if case .catalog(_, let mismatch) = self { return mismatch }
        return false
    }
}
