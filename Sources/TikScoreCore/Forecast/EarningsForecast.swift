import Foundation

/// When a creator's earnings reach the withdrawal minimum, at the pace of the last half hour.
///
/// The rate is the earned points of the last 30 minutes, per hour; the minutes are those until
/// the earned balance reaches the minimum at that rate, rounded up. Exact: points are whole
/// cents of a point, and the division is done in integers.
///
/// ```swift
/// let f = EarningsForecast(earned: try Points(whole: 15_000), earnedInWindow: try Points(whole: 1_000),
///                          minimum: try Points(whole: 20_000), canEarn: true)
/// f.ratePerHour.grouped   // "2,000"
/// f.minutesToMinimum      // 150
/// ```
public struct EarningsForecast: Sendable, Equatable {
    /// The window the rate is taken over.
    public static let windowMinutes: Int64 = 30
    /// Transfer kinds that earn a creator points.
    public static let earningKinds: Set<TransferKind> = [.gift, .feedGift, .follower]

    /// Earned points per hour at the pace of the window.
    public let ratePerHour: Points
    /// Minutes until the minimum is reached at that rate; nil when the rate is zero, the minimum
    /// is already reached, or the account cannot earn.
    public let minutesToMinimum: Int64?

    /// A forecast from the earned balance and what the window earned.
    public init(earned: Points, earnedInWindow: Points, minimum: Points, canEarn: Bool) {
        let (rate, overflow) = earnedInWindow.units.multipliedReportingOverflow(by: 60 / Self.windowMinutes)
        ratePerHour = Points(units: overflow ? Int64.max : max(0, rate))
        guard canEarn, ratePerHour.units > 0, earned < minimum else {
            minutesToMinimum = nil
            return
        }
        // ceil(needed × 60 / rate), in integers; a need too large to multiply is "not soon".
        let needed = minimum.units - earned.units
        let (scaled, tooLarge) = needed.multipliedReportingOverflow(by: 60)
        minutesToMinimum = tooLarge ? nil : (scaled + ratePerHour.units - 1) / ratePerHour.units
    }

    /// The earned points among `newestFirst` that reached `account`'s earned balance in the
    /// window before `now`. Transfers after `now` (a clock set back) do not count.
    public static func earnedInWindow(of account: Account, newestFirst: [Transfer], now: Date) -> Points {
        let start = now.addingTimeInterval(-TimeInterval(windowMinutes * 60))
        var units: Int64 = 0
        for transfer in newestFirst where isEarning(transfer, of: account) {
            guard transfer.timestamp > start else { continue }
            guard transfer.timestamp <= now else { continue }
            let (sum, overflow) = units.addingReportingOverflow(transfer.amount.units)
            units = overflow ? Int64.max : sum
        }
        return Points(units: units)
    }

    /// Whether `transfer` earned `account` points.
    public static func isEarning(_ transfer: Transfer, of account: Account) -> Bool {
        earningKinds.contains(transfer.kind) && transfer.credit == account.earnedAccount
    }

    /// The forecast for `summary`'s account at `now`, from its transfers read newest first by
    /// `read(limit)`, in pages that grow until one reaches back past the window. `firstPage`,
    /// when given, is what `read(firstLimit)` gives.
    ///
    /// - Throws: what `read` throws.
    public static func reading(_ summary: AccountSummary, now: Date, minimum: Points,
                               firstPage: [Transfer]? = nil, firstLimit: Int = 512,
                               read: (Int) async throws -> [Transfer]) async throws -> EarningsForecast {
        var limit = max(1, firstLimit)
        var page: [Transfer]
        if let firstPage { page = firstPage } else { page = try await read(limit) }
        while page.count >= limit, let oldest = page.last, oldest.timestamp > now.addingTimeInterval(-TimeInterval(windowMinutes * 60)),
              limit < Int.max / 4 {
            limit *= 4
            page = try await read(limit)
        }
        return EarningsForecast(earned: summary.earned, earnedInWindow: earnedInWindow(of: summary.account, newestFirst: page, now: now),
                                minimum: minimum, canEarn: summary.account.profile.role == .creator)
    }
}

extension WalletService {
    /// The forecast for `summary`'s account now; `page` is a first page of its transfers already
    /// read with `limit` (the dashboard's history), when there is one.
    ///
    ///     let forecast = try await wallet.forecast(for: try await wallet.summary(of: "leo"))
    ///
    /// - Throws: what reading the transfers throws.
    public func forecast(for summary: AccountSummary, page: [Transfer]? = nil, limit: Int = 512) async throws -> EarningsForecast {
        try await EarningsForecast.reading(summary, now: now, minimum: economy.rules.minimumWithdrawal, firstPage: page, firstLimit: limit) {
            try await transfers(of: summary.account, limit: $0)
        }
    }
}
