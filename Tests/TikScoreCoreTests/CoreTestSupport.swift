import Foundation
import XCTest
import TikScoreCore
import TikScoreResources

/// The default economy and a few fixed facts shared by the core tests.
enum CoreFixtures {
    /// The economy shipped in Resources/catalogs.
    static let economy: Economy = try! CatalogLoader.load(directory: DefaultCatalogs.directory!)

    /// A fixed "now": 2026-11-24 12:00:00 UTC.
    static let now: Date = Timestamp.parse("2026-11-24T12:00:00Z")!

    /// The UTC day of `now`.
    static var today: CalendarDate { CalendarDate(now) }

    /// The economy with another commission rate.
    static func economy(commission: String) -> Economy {
        var copy = economy
        copy.rules.commissionPercent = ExactDecimal(parsing: commission)!
        return copy
    }

    /// A creator that meets every earning and withdrawal condition on `today`.
    static func eligibleCreator(today: CalendarDate = today) -> AccountProfile {
        AccountProfile(role: .creator, followers: 100_001, birthDate: CalendarDate(year: 1990, month: 6, day: 15)!,
                       createdOn: today.adding(days: -365), business: true, creatorNext: true,
                       lastUpload: today.adding(days: -1))
    }

    /// An adult supporter.
    static var supporter: AccountProfile {
        AccountProfile(role: .supporter, birthDate: CalendarDate(year: 1990, month: 1, day: 1)!)
    }

    static func date(_ text: String) -> CalendarDate { try! CalendarDate.parse(text) }

    static func points(_ whole: Int64) -> Points { try! Points(whole: whole) }
}
