import TikScoreCore
import Foundation
import TikScoreTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// End to end in a real terminal: tmux (on its own socket) runs the built `tikscore` binary on a
/// temporary demo wallet; the tests type with send-keys and read the screen with capture-pane.
/// Every wait polls for a condition with a deadline. Skipped when tmux is not installed.
final class DashboardTmuxTests: XCTestCase {
    private var socket = ""
    private var folder: URL!
    private var database = ""
    private var tmuxPath = ""
    private let now = "2026-11-24T12:00:00Z"
    /// The tmux session that keys go to and screens come from.
    private var target = "dash"
    private var dropDatabase: (() -> Void)?

    override func setUpWithError() throws {
        guard let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("tmux is not installed")
        }
        tmuxPath = tmux
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            throw XCTSkip("the tikscore binary is not built next to the tests (\(Self.binary.path))")
        }
        socket = "tikscore-test-\(UUID().uuidString.prefix(8))"
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tikscore-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = folder.appendingPathComponent("wallet.sqlite").path
        let demo = try cli(["demo"])
        XCTAssertEqual(demo.status, 0, demo.output)
    }

    override func tearDown() {
        _ = try? tmux(["kill-server"])
        dropDatabase?()
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    // MARK: Tests

    func testRechargeByKeysUpdatesTheScreenAndTheDatabase() throws {
        try open(account: "mia")
        try waitForScreen { $0.contains("50,904") && $0.contains("r Recharge") }
        try keys("r")
        try waitForScreen { $0.contains("How many points?") }
        try keys("Down", "Down", "Enter")
        try waitForScreen { $0.contains("Pay with:") }
        try keys("Enter")
        try waitForScreen { $0.contains("Card number") }
        try type("4242 4242 4242 4242")
        try keys("Enter")
        try waitForScreen { $0.contains("Confirm the payment") && $0.contains("[ Pay ]") }
        try keys("Enter")
        try waitForScreen { $0.contains("Payment approved") && $0.contains("51,604 points") }
        XCTAssertEqual(try balance("mia")["points"] as? Int, 51_604)
        try keys("Enter")
        try waitForScreen { $0.contains("Latest activity") && $0.contains("51,604") }
    }

    func testDeclinedCardLeavesTheBalance() throws {
        try open(account: "mia")
        try waitForScreen { $0.contains("50,904") }
        try keys("r", "Enter", "Enter")
        try waitForScreen { $0.contains("Card number") }
        try type("4000000000000002")
        try keys("Enter", "Enter")
        try waitForScreen { $0.contains("The payment did not go through") && $0.contains("declined") }
        XCTAssertEqual(try balance("mia")["points"] as? Int, 50_904)
    }

    func testWithdrawalByKeys() throws {
        try open(account: "leo")
        try waitForScreen { $0.contains("24,203") }
        try keys("w")
        try waitForScreen { $0.contains("Every condition holds") && $0.contains("Eligibility") }
        try keys("Enter")
        try waitForScreen { $0.contains("How many earned points?") }
        try type("20000")
        try waitForScreen { $0.contains("= 20,000 points = 2,000 diamonds = $100.00") }
        try keys("Enter")
        try waitForScreen { $0.contains("PayPal account") }
        try type("leo@example.com")
        try keys("Enter")
        try waitForScreen { $0.contains("Confirm the withdrawal") }
        try keys("Enter")
        try waitForScreen { $0.contains("paid: $100.00 sent to leo@example.com") }
        let json = try balance("leo")
        XCTAssertEqual(json["earned"] as? Int, 4_203)
        XCTAssertEqual(json["held"] as? Int, 0)
    }

    func testARechargeFromAnotherProcessAppearsWithoutAKey() throws {
        try open(account: "mia")
        try waitForScreen { $0.contains("50,904") }
        let result = try cli(["recharge", "mia", "--package", "p700", "--method", "card", "--card", "4242424242424242"])
        XCTAssertEqual(result.status, 0, result.output)
        let started = Date()
        try waitForScreen(timeout: 5) { $0.contains("51,604") }
        // the loop polls every 150 ms; allow for a busy machine, but it must not wait for a key
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.0)
    }

    /// Two dashboards on one PostgreSQL wallet (as on two hosts): a recharge made by keys in one
    /// shows in the other, and one made by another process shows in both, without a key pressed
    /// (LISTEN/NOTIFY). Skipped without TIKSCORE_TEST_POSTGRES_URL and psql.
    func testTwoDashboardsOnAPostgreSQLWalletSeeEachOthersChanges() throws {
        guard let server = ProcessInfo.processInfo.environment["TIKSCORE_TEST_POSTGRES_URL"], !server.isEmpty,
              let psql = ["/usr/bin/psql", "/usr/local/bin/psql"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("PostgreSQL dashboard test skipped: set TIKSCORE_TEST_POSTGRES_URL (.ci/run starts a server) and install psql")
        }
        let name = "tikscore_tmux_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        let psqlURL = URL(fileURLWithPath: psql)
        let made = try run(psqlURL, [server, "-qAt", "-c", "CREATE DATABASE \(name)"], environment: ProcessInfo.processInfo.environment)
        XCTAssertEqual(made.status, 0, made.output)
        dropDatabase = { [self] in
            _ = try? run(psqlURL, [server, "-qAt", "-c", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"], environment: ProcessInfo.processInfo.environment)
        }
        guard let slash = server.range(of: "://").flatMap({ server[$0.upperBound...].firstIndex(of: "/") }) else {
            return XCTFail("the test server's URL has no database part")
        }
        database = String(server[..<slash]) + "/" + name + (server.firstIndex(of: "?").map { String(server[$0...]) } ?? "")
        let demo = try cli(["demo"])
        XCTAssertEqual(demo.status, 0, demo.output)
        try open(account: "mia", session: "one")
        try waitForScreen { $0.contains("50,904") && $0.contains("r Recharge") }
        XCTAssertTrue(try capture().contains("50,904"))
        try open(account: "mia", session: "two")
        try waitForScreen { $0.contains("50,904") }

        // Each recharge from another process is timed from its exit to its balance on each
        // screen, both screens polled in turn; the issue's bound is on the median.
        var latencies: [String: [TimeInterval]] = ["one": [], "two": []]
        var points = 50_904
        for _ in 0..<7 {
            let result = try cli(["recharge", "mia", "--package", "p700", "--method", "card", "--card", "4242424242424242"])
            XCTAssertEqual(result.status, 0, result.output)
            let started = Date()
            points += 700
            let shown = try firstShown(Self.grouped(points), in: ["one", "two"], timeout: 5)
            for (session, seconds) in shown { latencies[session, default: []].append(seconds - started.timeIntervalSince1970) }
        }
        for (session, samples) in latencies.sorted(by: { $0.key < $1.key }) {
            let median = samples.sorted()[samples.count / 2]
            print("dashboard \(session): another process's recharge on screen after \(samples.map { Int($0 * 1000) }) ms, median \(Int(median * 1000)) ms")
            XCTAssertLessThan(median, 0.25, "dashboard \(session) showed another host's recharge after \(samples.map { Int($0 * 1000) }) ms")
        }

        target = "one"
        try keys("r")
        try waitForScreen { $0.contains("How many points?") }
        try keys("Down", "Down", "Enter")
        try waitForScreen { $0.contains("Pay with:") }
        try keys("Enter")
        try waitForScreen { $0.contains("Card number") }
        try type("4242 4242 4242 4242")
        try keys("Enter")
        try waitForScreen { $0.contains("Confirm the payment") && $0.contains("[ Pay ]") }
        try keys("Enter")
        points += 700
        try waitForScreen { $0.contains("Payment approved") && $0.contains(Self.grouped(points) + " points") }
        target = "two"
        try waitForScreen(timeout: 5) { $0.contains(Self.grouped(points)) }
        XCTAssertEqual(try balance("mia")["points"] as? Int, points)
    }

    /// The config file: its account opens without --account, and a bad key is one warning on
    /// the status bar while everything else applies.
    func testTheConfigFileChoosesTheAccountAndWarnsOfABadKey() throws {
        let config = folder.appendingPathComponent("tikscore.toml")
        try "account = \"leo\"\ncolour = \"red\"\ncurrency = \"SAR\"\n[notifications]\nbell = true\n".write(to: config, atomically: true, encoding: .utf8)
        try open(account: "", extraFlags: ["--config", config.path, "--quiet"])
        try waitForScreen { $0.contains("Dashboard · leo") && $0.contains("unknown key 'colour'") }
        XCTAssertTrue(try capture().contains("SAR"), "the config's second currency is shown")
        try keys("q")
        try waitForScreen { $0.contains("TIKSCORE-EXIT=0") }
        XCTAssertTrue(try capture().contains("warning: config: unknown key 'colour'"), "the warning is printed on the terminal too")
    }

    func testResizeTo60x20AndBack() throws {
        try open(account: "leo")
        try waitForScreen { $0.contains("Latest activity") }
        try keys("w", "Enter")
        try type("2000")
        try tmux(["resize-window", "-t", "dash", "-x", "60", "-y", "20"])
        try waitForScreen { screen in screen.split(separator: "\n").allSatisfy { $0.count <= 60 } && screen.contains("› 2000") }
        try tmux(["resize-window", "-t", "dash", "-x", "40", "-y", "12"])
        try waitForScreen { $0.contains("Terminal too small") }
        try tmux(["resize-window", "-t", "dash", "-x", "100", "-y", "30"])
        // Keys do not act behind "too small"; type once the wizard is visible again, as a person would.
        try waitForScreen { $0.contains("Withdraw earnings to PayPal") }
        try type("0")
        try waitForScreen { $0.contains("› 20000") && $0.contains("= 20,000 points") }
    }

    func testQuitLeavesTheShellUsable() throws {
        try open(account: "leo")
        try waitForScreen { $0.contains("Latest activity") }
        XCTAssertEqual(try tmux(["display-message", "-p", "-t", "dash", "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines), "1")
        try keys("q")
        try waitForScreen { $0.contains("TIKSCORE-EXIT=0") }
        XCTAssertEqual(try tmux(["display-message", "-p", "-t", "dash", "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines), "0")
        try type("echo still-$((40+2))")
        try keys("Enter")
        try waitForScreen { $0.contains("still-42") }
    }

    func testCtrlCInsideAWizardFieldQuitsAndRestoresTheTerminal() throws {
        try open(account: "leo")
        try waitForScreen { $0.contains("Latest activity") }
        try keys("w", "Enter")
        try type("123")
        try waitForScreen { $0.contains("› 123") }
        try keys("C-c")
        try waitForScreen { $0.contains("TIKSCORE-EXIT=") }
        XCTAssertEqual(try tmux(["display-message", "-p", "-t", "dash", "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines), "0")
        try type("echo back-$((40+3))")
        try keys("Enter")
        try waitForScreen { $0.contains("back-43") }
    }

    func testWithoutATerminalItSaysSoAndExits1() throws {
        let result = try cli([])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("needs a terminal"), result.stderr)
        XCTAssertTrue(result.stderr.contains("tikscore --help"), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
    }

    // MARK: Harness

    /// The binary next to the test bundle.
    static var binary: URL {
        var dir = Bundle.main.bundleURL
        if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("tikscore")
    }

    private var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["TIKSCORE_DB"] = database
        env["TIKSCORE_NOW"] = now
        env["LANG"] = "C.UTF-8"
        env.removeValue(forKey: "LC_ALL")
        env.removeValue(forKey: "TIKSCORE_RESOURCES")
        env["TERM"] = "xterm-256color"
        return env
    }

    /// Starts a shell in a 100x30 tmux window (the session `session`, which keys then go to) and
    /// runs the dashboard in it.
    private func open(account: String, session: String = "dash", extraFlags: [String] = []) throws {
        target = session
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", "sh"])
        try waitForScreen { _ in true }
        let env = ["TIKSCORE_DB=\(quote(database))", "TIKSCORE_NOW=\(now)", "LANG=C.UTF-8", "TERM=xterm-256color",
                   "XDG_CONFIG_HOME=\(quote(folder.appendingPathComponent("config-home").path))"].joined(separator: " ")
        let flags = account.isEmpty ? extraFlags : ["--account", account] + extraFlags
        try type("PS1='$ '; clear; env -u TIKSCORE_CONFIG \(env) \(quote(Self.binary.path)) \(flags.map(quote).joined(separator: " ")); echo TIKSCORE-EXIT=$?")
        try keys("Enter")
    }

    private func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    private func keys(_ names: String...) throws {
        for name in names { try tmux(["send-keys", "-t", target, name]) }
    }

    private func type(_ text: String) throws {
        try tmux(["send-keys", "-t", target, "-l", text])
    }

    private func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", target])
    }

    /// Polls the screen until `condition` holds, failing with the last screen after `timeout` seconds.
    private func waitForScreen(timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line, _ condition: (String) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = (try? capture()) ?? ""
            if condition(screen) { return }
            usleep(50_000)
        }
        XCTFail("timed out waiting for the screen; it shows:\n\(screen)", file: file, line: line)
        throw XCTSkip("stopping after a timeout")
    }

    /// Polls `sessions` in turn until each shows `text`; when each first did (seconds since 1970).
    private func firstShown(_ text: String, in sessions: [String], timeout: TimeInterval) throws -> [String: TimeInterval] {
        let deadline = Date().addingTimeInterval(timeout)
        var seen: [String: TimeInterval] = [:]
        while seen.count < sessions.count, Date() < deadline {
            for session in sessions where seen[session] == nil {
                if try tmux(["capture-pane", "-p", "-t", session]).contains(text) { seen[session] = Date().timeIntervalSince1970 }
            }
            usleep(5_000)
        }
        for session in sessions where seen[session] == nil {
            XCTFail("dashboard \(session) never showed \(text); it shows:\n\((try? tmux(["capture-pane", "-p", "-t", session])) ?? "")")
            throw XCTSkip("stopping after a timeout")
        }
        return seen
    }

    /// 51604 as the dashboard shows it: 51,604.
    private static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        return String(digits.enumerated().flatMap { index, digit in
            (index > 0 && (digits.count - index) % 3 == 0) ? [",", digit] : [digit]
        })
    }

    private func balance(_ name: String) throws -> [String: Any] {
        let result = try cli(["balance", name, "--json"])
        XCTAssertEqual(result.status, 0, result.output)
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    private struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var output: String { stdout + stderr }
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try run(URL(fileURLWithPath: tmuxPath), ["-L", socket] + arguments, environment: ProcessInfo.processInfo.environment)
        guard result.status == 0 else { throw FixtureError("tmux \(arguments.joined(separator: " ")) failed: \(result.stderr)") }
        return result.stdout
    }

    private func cli(_ arguments: [String]) throws -> Output {
        try run(Self.binary, arguments, environment: environment)
    }

    /// Runs a program to its end with posix_spawn and waitpid. Output goes to files, and the child
    /// inherits nothing else: the tmux server stays alive after its client exits, and would keep
    /// open any pipe or descriptor Foundation's Process uses to notice the end.
    private func run(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> Output {
        let outPath = folder.appendingPathComponent("out-\(UUID().uuidString)").path
        let errPath = folder.appendingPathComponent("err-\(UUID().uuidString)").path
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw FixtureError("could not start \(executable.path): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Output(status: exitStatus, stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
