import Foundation
import TikScoreCore
import TikScoreStore
import TikScoreTestSupport
import XCTest
@testable import TikScoreTUI

/// The real run loop on an in-memory terminal: scripted keys, other writers, resizes, and slow
/// effects that must not stop the keys or the spinner.
final class RunLoopTests: XCTestCase {
    private static let environment = ["LANG": "C.UTF-8", "TERM": "xterm-256color"]

    /// A running dashboard on `wallet`, and the task that ends with the loop.
    private struct Running {
        let backend: TestBackend
        let done: Task<String?, Error>

        func wait(_ what: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) async {
            let shown = await backend.waitForScreen(timeout: timeout) { $0.contains(what) }
            XCTAssertTrue(shown, "never showed \"\(what)\"; the screen:\n\(backend.text)", file: file, line: line)
        }

        /// Quits with `q` and returns what the dashboard prints after.
        func quit() async throws -> String? {
            backend.send(.char("q"))
            return try await done.value
        }
    }

    private func start(_ wallet: any WalletService, account: String?, width: Int = 100, height: Int = 30) -> Running {
        let backend = TestBackend(width: width, height: height)
        let loop = RunLoop(wallet: wallet, options: .init(account: account, mouse: true, color: false, environment: Self.environment),
                           backend: backend)
        return Running(backend: backend, done: Task { try await loop.runOnOwnThread() })
    }

    func testScriptedKeysRechargeThroughTheRealLoop() async throws {
        let fixture = try await DashboardFixture.make()
        let running = start(fixture.wallet, account: "mia")
        await running.wait("Latest activity")
        running.backend.send(.char("r"))
        await running.wait("How many points?")
        running.backend.send(.down, .down, .enter, .enter)
        await running.wait("Card number")
        running.backend.type("4242 4242 4242 4242")
        running.backend.send(.enter)
        await running.wait("Confirm the payment")
        running.backend.send(.enter)
        await running.wait("Payment approved")
        await running.wait("51,604 points")
        await XCTAssertEqualAsync(try await fixture.wallet.summary(of: "mia").points, try Points(whole: 51_604))
        _ = try await running.quit()
        XCTAssertFalse(running.backend.started, "the terminal is given back")
    }

    func testAChangeByAnotherWriterIsDrawnWithoutAKey() async throws {
        let fixture = try await DashboardFixture.make()
        let running = start(fixture.wallet, account: "leo")
        await running.wait("Latest activity")
        XCTAssertFalse(running.backend.text.contains("250 points from mia"))
        _ = try await fixture.wallet.transferPoints(from: "mia", to: "leo", points: try Points(whole: 250), key: nil)
        await running.wait("250 points from mia to leo")
        _ = try await running.quit()
    }

    func testAChangeByAnotherProcessToASQLiteWalletIsDrawn() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tikscore-loop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("wallet.sqlite").path
        let fixture = try await DashboardFixture.make(demo: false)
        let now = DashboardFixture.now
        let mine = try WalletStore(path: path, economy: fixture.economy, clock: { now })
        try await DemoWallet.fill(runner: mine, gateway: mine.gateway, today: CalendarDate(now))
        let running = start(mine, account: "leo")
        await running.wait("Latest activity")
        // Another connection, as another process would have: PRAGMA data_version moves.
        let other = try WalletStore(path: path, economy: fixture.economy, clock: { now })
        _ = try await other.transferPoints(from: "omar", to: "leo", points: try Points(whole: 77), key: nil)
        await running.wait("77 points from omar to leo")
        _ = try await running.quit()
    }

    func testResizeToTooSmallIgnoresKeysAndComesBack() async throws {
        let fixture = try await DashboardFixture.make()
        let running = start(fixture.wallet, account: "leo")
        await running.wait("Latest activity")
        running.backend.resize(width: 50, height: 10)
        await running.wait("Terminal too small")
        running.backend.send(.char("r"), .enter)   // nothing acts behind the message
        running.backend.resize(width: 80, height: 24)
        await running.wait("Latest activity")
        XCTAssertFalse(running.backend.text.contains("How many points?"), running.backend.text)
        XCTAssertEqual(running.backend.buffer.width, 80)
        _ = try await running.quit()
    }

    func testASlowPaymentKeepsKeysAndTheSpinnerAlive() async throws {
        let gateway = GatedGateway()
        let fixture = try await DashboardFixture.make(gateway: gateway)
        let running = start(fixture.wallet, account: "mia")
        try await confirmACardRecharge(running)
        await running.wait("Paying $3.50")
        let first = running.backend.text
        let moved = await running.backend.waitForScreen(timeout: 5) { $0 != first }
        XCTAssertTrue(moved, "the spinner turns while the gateway thinks")
        // Help opens and closes while the payment is in flight.
        running.backend.send(.char("?"))
        await running.wait("Keys: Recharge")
        running.backend.send(.esc)
        await running.wait("Paying $3.50")
        // Cancelling explains instead of pretending: the payment goes on.
        running.backend.send(.ctrl("x"))
        await running.wait("can no longer be stopped")
        XCTAssertEqual(gateway.started, 1)
        gateway.release()
        await running.wait("Payment approved")
        await XCTAssertEqualAsync(try await fixture.wallet.summary(of: "mia").points, try Points(whole: 51_604))
        _ = try await running.quit()
    }

    func testQuitDuringAPaymentWaitsForItAndSaysWhatHappened() async throws {
        let gateway = GatedGateway()
        let fixture = try await DashboardFixture.make(gateway: gateway)
        let running = start(fixture.wallet, account: "mia")
        try await confirmACardRecharge(running)
        await running.wait("Paying $3.50")
        running.backend.send(.char("q"))
        await running.wait("Quitting when the payment has finished")
        XCTAssertTrue(running.backend.started, "still running while the payment is in flight")
        gateway.release()
        let message = try await running.done.value
        XCTAssertEqual(message, "Recharged 700 points by card •••• 4242; balance 51,604 points")
        XCTAssertFalse(running.backend.started)
    }

    func testCtrlCQuitsAtOnceWhenNothingIsInFlight() async throws {
        let fixture = try await DashboardFixture.make()
        let running = start(fixture.wallet, account: "leo")
        await running.wait("Latest activity")
        running.backend.interrupt()
        let message = try await running.done.value
        XCTAssertNil(message)
        XCTAssertFalse(running.backend.started)
    }

    func testTheNextStartShowsAPaymentAStoppedProcessLeftInFlight() async throws {
        let fixture = try await DashboardFixture.make()
        let command = Command.recharge(account: "mia", points: try Points(whole: 700), packageID: "p700",
                                       payment: .card(number: "4242424242424242"), reference: "")
        _ = try await fixture.wallet.reserve(command, key: .caller("dash-old-1"))
        fixture.wallet.abandonCommandsInFlight()
        let running = start(fixture.wallet, account: "mia", width: 160)
        await running.wait("Not credited: a recharge of 700 points ($3.50) for mia by card •••• 4242, interrupted at 12:00; retry with key dash-old-1")
        _ = try await running.quit()
    }

    func testTheNextStartFinishesAPayoutAStoppedProcessLeftPending() async throws {
        let fixture = try await DashboardFixture.make()
        // Held, then the process stopped before the payout answered.
        let pending = try await fixture.wallet.holdWithdrawal(account: "leo", points: try Points(whole: 20_000),
                                                              paypal: "leo@example.com", key: "old-hold")
        XCTAssertEqual(pending.status, .pending)
        let running = start(fixture.wallet, account: "leo")
        await running.wait("Finished 1 interrupted withdrawal (1 paid)")
        await XCTAssertEqualAsync(try await fixture.wallet.withdrawal(id: pending.id)?.status, .paid)
        _ = try await running.quit()
    }

    private func confirmACardRecharge(_ running: Running) async throws {
        await running.wait("Latest activity")
        running.backend.send(.char("r"), .down, .down, .enter, .enter)
        await running.wait("Card number")
        running.backend.type("4242424242424242")
        running.backend.send(.enter, .enter)
    }
}

/// A payment provider that answers only when the test says so.
final class GatedGateway: PaymentGateway, @unchecked Sendable {
    private let lock = NSLock()
    private var open = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var calls = 0

    /// How many charges or payouts have been asked for.
    var started: Int { lock.withLock { calls } }

    /// Lets every waiting (and later) call answer.
    func release() {
        let ready: [CheckedContinuation<Void, Never>] = lock.withLock {
            open = true
            defer { waiting.removeAll() }
            return waiting
        }
        for continuation in ready { continuation.resume() }
    }

    func charge(amountUSD: ExactDecimal, payment: PaymentDetails, idempotencyKey: String) async throws -> GatewayAnswer {
        await gate()
        return try await SandboxGateway().charge(amountUSD: amountUSD, payment: payment, idempotencyKey: idempotencyKey)
    }

    func payout(amountUSD: ExactDecimal, paypal: String, idempotencyKey: String) async throws -> GatewayAnswer {
        await gate()
        return try await SandboxGateway().payout(amountUSD: amountUSD, paypal: paypal, idempotencyKey: idempotencyKey)
    }

    private func gate() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let go: Bool = lock.withLock {
                calls += 1
                if open { return true }
                waiting.append(continuation)
                return false
            }
            if go { continuation.resume() }
        }
    }
}
