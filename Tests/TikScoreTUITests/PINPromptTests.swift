import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore
@testable import TikScoreTUI

/// The dashboard asks for the PIN of an account that has one before a protected operation, as a
/// masked field; a wrong PIN counts as on the command line, and Esc does nothing.
final class PINPromptTests: XCTestCase {
    private var fixture: DashboardFixture!

    override func setUp() async throws {
        fixture = try await DashboardFixture.make()
        let found = try await fixture.wallet.account(named: "mia")
        let mia = try XCTUnwrap(found)
        try await fixture.wallet.savePIN(try PINHasher.record(for: "4821", rounds: fixture.economy.rules.pinHashRounds), accountID: mia.id)
    }

    private func transferTyped() async throws -> (AppModel, [Effect]) {
        let start = try await fixture.model(account: "mia")
        XCTAssertEqual(start.snapshot?.pinProtected, true)
        return AppUpdate.run(start, press(.char("t"), .enter) + typing("250") + press(.enter, .enter))
    }

    func testAProtectedTransferWaitsBehindAMaskedPrompt() async throws {
        let (asking, effects) = try await transferTyped()
        XCTAssertEqual(effects, [], "nothing runs before the PIN")
        XCTAssertEqual(asking.pinPrompt?.account, "mia")
        let (typed, _) = AppUpdate.run(asking, typing("48x21") + press(.backspace) + typing("1"))
        XCTAssertEqual(typed.pinPrompt?.value, "4821", "digits only, Backspace erases")
        let screen = AppView.render(typed).plainText()
        XCTAssertTrue(screen.contains("PIN for mia"), screen)
        XCTAssertTrue(screen.contains("••••_"), screen)
        XCTAssertFalse(screen.contains("4821"), "the PIN is never drawn")

        let (sent, run) = AppUpdate.update(typed, .key(.enter))
        XCTAssertNil(sent.pinPrompt)
        XCTAssertEqual(run, [.withPIN(pin: "4821", .transfer(from: "mia", to: "omar", points: try Points(whole: 250), key: "test-1"))])
        let done = await fixture.settle(sent, run)
        await XCTAssertEqualAsync(try await fixture.wallet.summary(of: "omar").points, try Points(whole: 34_578 + 250))
        XCTAssertEqual(done.snapshot?.summary?.points, try Points(whole: 50_904 - 250))
    }

    func testAWrongPINIsRecordedAndShownAndMovesNothing() async throws {
        let (asking, _) = try await transferTyped()
        let (sent, run) = AppUpdate.run(asking, typing("0000") + press(.enter))
        let done = await fixture.settle(sent, run)
        await XCTAssertEqualAsync(try await fixture.wallet.summary(of: "omar").points, try Points(whole: 34_578))
        XCTAssertTrue(done.status?.text.contains("wrong PIN for mia") ?? false, "\(String(describing: done.status))")
        let found = try await fixture.wallet.account(named: "mia")
        let mia = try XCTUnwrap(found)
        await XCTAssertEqualAsync(try await fixture.wallet.pinRecord(accountID: mia.id)?.failures, 1)
    }

    func testEscClosesThePromptAndNothingIsDone() async throws {
        let (asking, _) = try await transferTyped()
        let (closed, run) = AppUpdate.run(asking, typing("12") + press(.esc))
        XCTAssertNil(closed.pinPrompt)
        let done = await fixture.settle(closed, run)
        await XCTAssertEqualAsync(try await fixture.wallet.summary(of: "omar").points, try Points(whole: 34_578))
        XCTAssertFalse(done.isWorking)
        let found = try await fixture.wallet.account(named: "mia")
        let mia = try XCTUnwrap(found)
        await XCTAssertEqualAsync(try await fixture.wallet.pinRecord(accountID: mia.id)?.failures, 0, "no PIN is not a wrong PIN")
    }

    func testARunnerWithoutAPromptRefusesAProtectedOperation() async throws {
        let actions = await EffectRunner(wallet: fixture.wallet).perform(.transfer(from: "mia", to: "omar", points: try Points(whole: 5), key: "k"))
        guard case .transferred(.failure(let error))? = actions.first else { return XCTFail("\(actions)") }
        XCTAssertEqual(error.code, .pinRequired)
    }
}
