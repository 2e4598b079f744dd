import TikScoreTestSupport
import XCTest
import TikScoreCore

/// Each earning and withdrawal condition on its own, with its boundary.
final class EligibilityTests: XCTestCase {
    let rules = CoreFixtures.economy.rules
    let today = CoreFixtures.date("2026-11-24")

    private func evaluate(_ edit: (inout AccountProfile) -> Void, today: CalendarDate? = nil) -> Eligibility {
        var profile = CoreFixtures.eligibleCreator(today: today ?? self.today)
        edit(&profile)
        return Eligibility.evaluate(Account(id: 1, name: "leo", profile: profile), rules: rules, today: today ?? self.today)
    }

    private func condition(_ report: Eligibility, _ id: String) -> EligibilityCondition {
        report.conditions.first { $0.id == id }!
    }

    /// Asserts that exactly condition `id` fails, with a reason containing `reason`.
    private func assertOnlyFailing(_ report: Eligibility, _ id: String, _ reason: String, line: UInt = #line) {
        XCTAssertEqual(report.failing.map(\.id), [id], line: line)
        let failing = condition(report, id)
        XCTAssertTrue(failing.reason.contains(reason), "reason: \(failing.reason)", line: line)
    }

    func testTheFixtureMeetsEveryCondition() {
        let report = evaluate { _ in }
        XCTAssertTrue(report.canEarn)
        XCTAssertTrue(report.canWithdraw)
        XCTAssertEqual(Set(report.conditions.map(\.id)),
                       ["creator_account", "business_account", "creator_next", "account_age", "recent_upload", "followers", "adult"])
        XCTAssertEqual(report.failing, [])
    }

    /// `canEarn` (the verdicts without words, which a feed asks for every gift) agrees with the
    /// full report on every condition failing alone, and on several failing at once.
    func testCanEarnAgreesWithTheFullReport() {
        let edits: [(inout AccountProfile) -> Void] = [
            { _ in }, { $0.role = .supporter }, { $0.business = false }, { $0.creatorNext = false },
            { $0.followers = 100_000 }, { $0.followers = 100_001 }, { $0.createdOn = nil }, { $0.lastUpload = nil },
            { $0.lastUpload = self.today.adding(days: 1) }, { $0.createdOn = self.today.adding(days: -5) },
            { $0.birthDate = CalendarDate(year: 2015, month: 1, day: 1) }, { $0.birthDate = nil },
            { $0.business = false; $0.followers = 10 },
        ]
        for (index, edit) in edits.enumerated() {
            var profile = CoreFixtures.eligibleCreator(today: today)
            edit(&profile)
            let account = Account(id: 1, name: "leo", profile: profile)
            XCTAssertEqual(Eligibility.canEarn(account, rules: rules, today: today),
                           Eligibility.evaluate(account, rules: rules, today: today).canEarn, "edit \(index)")
        }
        XCTAssertFalse(Eligibility.canEarn(Account(id: 1, name: "mia", profile: AccountProfile(role: .supporter)), rules: rules, today: today))
    }

    func testSupporterAccountCannotEarn() {
        let report = evaluate { $0.role = .supporter }
        assertOnlyFailing(report, "creator_account", "supporter")
        XCTAssertFalse(report.canEarn)
        XCTAssertFalse(report.canWithdraw)
    }

    func testNoBusinessAccount() {
        let report = evaluate { $0.business = false }
        assertOnlyFailing(report, "business_account", "business")
        XCTAssertFalse(report.canEarn)
    }

    func testNoCreatorNext() {
        let report = evaluate { $0.creatorNext = false }
        assertOnlyFailing(report, "creator_next", "Creator Next")
        XCTAssertFalse(report.canEarn)
    }

    func testExactlyOneHundredThousandFollowersDoesNotQualify() {
        let report = evaluate { $0.followers = 100_000 }
        assertOnlyFailing(report, "followers", "100,000 followers; more than 100,000")
        XCTAssertFalse(report.canEarn)
        XCTAssertTrue(evaluate { $0.followers = 100_001 }.canEarn)
        XCTAssertFalse(evaluate { $0.followers = 0 }.canEarn)
    }

    func testAccountTwentyNineDaysOldDoesNotQualifyThirtyDoes() {
        let young = evaluate { $0.createdOn = self.today.adding(days: -29) }
        assertOnlyFailing(young, "account_age", "29 days old")
        XCTAssertTrue(evaluate { $0.createdOn = self.today.adding(days: -30) }.canEarn)
        // Created in the future (a wrong clock) is not old enough either.
        assertOnlyFailing(evaluate { $0.createdOn = self.today.adding(days: 3) }, "account_age", "0 days old")
    }

    func testUploadThirtyDaysAgoQualifiesThirtyOneDoesNot() {
        XCTAssertTrue(evaluate { $0.lastUpload = self.today.adding(days: -30) }.canEarn)
        XCTAssertTrue(evaluate { $0.lastUpload = self.today }.canEarn)
        assertOnlyFailing(evaluate { $0.lastUpload = self.today.adding(days: -31) }, "recent_upload", "31 days ago")
        assertOnlyFailing(evaluate { $0.lastUpload = self.today.adding(days: 1) }, "recent_upload", "future")
    }

    func testEighteenthBirthdayTodayQualifiesTheDayBeforeDoesNot() {
        let onBirthday = evaluate { $0.birthDate = CoreFixtures.date("2008-11-24") }
        XCTAssertTrue(onBirthday.canWithdraw)
        let dayBefore = evaluate({ $0.birthDate = CoreFixtures.date("2008-11-24") }, today: CoreFixtures.date("2026-11-23"))
        assertOnlyFailing(dayBefore, "adult", "17")
        XCTAssertTrue(dayBefore.canEarn, "earning does not need the owner's age")
        XCTAssertFalse(dayBefore.canWithdraw)
        XCTAssertTrue(condition(dayBefore, "adult").withdrawOnly)
    }

    func testLeapDayBirthdaysTurnEighteenOnMarchFirstInCommonYears() {
        let born = CoreFixtures.date("2008-02-29")
        let feb28 = evaluate({ $0.birthDate = born }, today: CoreFixtures.date("2026-02-28"))
        assertOnlyFailing(feb28, "adult", "17")
        XCTAssertTrue(evaluate({ $0.birthDate = born }, today: CoreFixtures.date("2026-03-01")).canWithdraw)
        XCTAssertEqual(born.wholeYears(until: CoreFixtures.date("2026-02-28")), 17)
        XCTAssertEqual(born.wholeYears(until: CoreFixtures.date("2026-03-01")), 18)
        // In a leap year the birthday itself is there.
        XCTAssertEqual(CoreFixtures.date("2004-02-29").wholeYears(until: CoreFixtures.date("2022-02-28")), 17)
        XCTAssertEqual(CoreFixtures.date("2004-02-29").wholeYears(until: CoreFixtures.date("2024-02-29")), 20)
    }

    func testMissingDates() {
        assertOnlyFailing(evaluate { $0.birthDate = nil }, "adult", "birth date is not known")
        assertOnlyFailing(evaluate { $0.createdOn = nil }, "account_age", "creation date is not known")
        assertOnlyFailing(evaluate { $0.lastUpload = nil }, "recent_upload", "no upload")
        let none = evaluate { $0.birthDate = nil; $0.createdOn = nil; $0.lastUpload = nil }
        XCTAssertEqual(Set(none.failing.map(\.id)), ["adult", "account_age", "recent_upload"])
    }

    func testEveryFailingConditionIsListed() {
        let report = Eligibility.evaluate(Account(id: 1, name: "ana", profile: AccountProfile()), rules: rules, today: today)
        XCTAssertEqual(Set(report.failing.map(\.id)), Set(report.conditions.map(\.id)))
        XCTAssertTrue(report.failing.allSatisfy { !$0.reason.isEmpty })
    }

    func testConditionsSwitchedOffInTheRulesAreNotChecked() {
        var relaxed = rules
        relaxed.requiresBusinessAccount = false
        relaxed.requiresCreatorNext = false
        relaxed.requiresCreatorAccount = false
        let account = Account(id: 1, name: "ana", profile: AccountProfile(role: .supporter, followers: 100_001,
                              birthDate: CoreFixtures.date("1990-01-01"), createdOn: today.adding(days: -30),
                              lastUpload: today))
        XCTAssertTrue(Eligibility.evaluate(account, rules: relaxed, today: today).canWithdraw)
        XCTAssertFalse(Eligibility.evaluate(account, rules: rules, today: today).canEarn)
    }
}
