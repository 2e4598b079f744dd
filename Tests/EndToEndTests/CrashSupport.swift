import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TikScoreCore
import TikScoreResources
import TikScoreTestSupport
@testable import TikScoreStore

/// The seed a crash test draws its kill moments from: `TIKSCORE_CRASH_SEED`, or a random one.
/// Printed at the start, so a failing run can be replayed.
enum CrashSeed {
    /// A setting or a file the crash tests cannot work with.
    struct Invalid: Error, CustomStringConvertible { let description: String }

    static func take(for test: String) throws -> UInt64 {
        let seed: UInt64
        if let text = ProcessInfo.processInfo.environment["TIKSCORE_CRASH_SEED"], !text.isEmpty {
            guard let value = UInt64(text) else { throw Invalid(description: "TIKSCORE_CRASH_SEED='\(text)' is not a whole number") }
            seed = value
        } else {
            seed = UInt64.random(in: 0...UInt64.max)
        }
        print("\(test): kill moments from seed \(seed) (reproduce with TIKSCORE_CRASH_SEED=\(seed))")
        return seed
    }
}

/// A `tikscore` command running in the background, its output going to files, so that a test
/// can kill it at a moment it chooses.
final class BackgroundCommand {
    /// How the command ended.
    enum Ending: Equatable {
        /// It printed its answer and exited 0: the command was acknowledged.
        case acknowledged(stdout: String)
        /// SIGKILL stopped it.
        case killed
        /// It exited with another status.
        case failed(status: Int32, stderr: String)
    }

    let arguments: [String]
    private let process = Process()
    private let output: URL
    private let errors: URL
    /// When it started.
    let started = Date()

    init(_ cli: CLIHarness, _ arguments: [String]) throws {
        self.arguments = arguments
        let name = UUID().uuidString
        output = cli.folder.appendingPathComponent("\(name).out")
        errors = cli.folder.appendingPathComponent("\(name).err")
        for file in [output, errors] where !FileManager.default.createFile(atPath: file.path, contents: nil) {
            throw CrashSeed.Invalid(description: "cannot create \(file.path)")
        }
        process.executableURL = CLIHarness.binary
        process.arguments = arguments
        process.environment = cli.environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
    }

    /// A command a failing test left behind is killed, not left running.
    deinit {
        kill()
        process.waitUntilExit()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Sends SIGKILL (when it still runs).
    func kill() {
        if process.isRunning { signal(pid, SIGKILL) }
    }

    /// Waits for the process to end and says how.
    func finish() -> Ending {
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL { return .killed }
        let stdout = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        if process.terminationReason == .exit && process.terminationStatus == 0 { return .acknowledged(stdout: stdout) }
        return .failed(status: process.terminationStatus, stderr: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }
}

/// The wallet as a crash test watches it, through its own connection to the file (reads only).
final class WalletWatch {
    let store: WalletStore

    init(_ cli: CLIHarness) throws {
        guard let catalogs = DefaultCatalogs.directory else { throw CrashSeed.Invalid(description: "the built-in catalogs are missing") }
        store = try WalletStore(path: cli.database, economy: try CatalogLoader.load(directory: catalogs), create: false)
    }

    /// An account's earned points.
    func earned(of name: String) async throws -> Points { try await store.summary(of: name).earned }

    /// The state of the record under a caller's key, if it has one.
    func keyState(_ key: String) async throws -> KeyRecord.State? {
        let id = CommandKey.caller(key).id
        return try await store.read { db in try CommandRows(db: db).record(id: id)?.state }
    }

    /// Whether the key's command is in flight (reserved, its answer not recorded yet).
    func isInFlight(_ key: String) async throws -> Bool {
        if case .inFlight = try await keyState(key) { return true }
        return false
    }

    /// Withdrawals still pending (held, payout not recorded).
    func pendingWithdrawals() async throws -> [Withdrawal] {
        try await store.withdrawals(of: nil).filter { $0.status == .pending }
    }

    /// Steps `command` until `condition` holds, then leaves it stopped (SIGSTOP) in that state, for
    /// the caller to kill: each step lets it run `sliceMicroseconds`, stops it, and looks. A look
    /// that waits on a lock the stopped command holds is freed by a watchdog that lets it go on.
    ///
    /// - Returns: false when the command ended or `seconds` passed first.
    func stop(_ command: BackgroundCommand, upTo seconds: Double = 30, sliceMicroseconds: UInt32 = 300,
              when condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        let pid = command.pid
        while Date() < deadline && command.isRunning {
            signal(pid, SIGSTOP)
            let watchdog = Task {
                try await Task.sleep(nanoseconds: 50_000_000)
                signal(pid, SIGCONT)
            }
            let holds = try await condition()
            watchdog.cancel()
            if holds { return true }
            signal(pid, SIGCONT)
            usleep(sliceMicroseconds)
        }
        return false
    }

    /// Polls `condition` every `everyMs` until it holds (true) or `command` ends or `seconds` pass (false).
    func wait(upTo seconds: Double = 30, everyMs: UInt64 = 2, while command: BackgroundCommand,
              for condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline && command.isRunning {
            if try await condition() { return true }
            try await Task.sleep(nanoseconds: everyMs * 1_000_000)
        }
        return false
    }
}

/// Sends a signal to one process the test started.
private func signal(_ pid: Int32, _ number: Int32) { _ = kill(pid, number) }

/// How many of a wallet's transfers each command id made, by kind, from `history --json`.
struct HistoryCounts {
    private var counts: [String: [String: Int]] = [:]
    /// Transfers that settle a hold, by the hold's transfer id.
    private var settlements: [String: [String]] = [:]

    init(json: [[String: Any]]) {
        for line in json {
            guard let id = line["id"] as? String, let kind = line["kind"] as? String else { continue }
            let command = String(id.split(separator: "/").dropLast().joined(separator: "/"))
            counts[command, default: [:]][kind, default: 0] += 1
            if let pending = line["pending_id"] as? String { settlements[pending, default: []].append(kind) }
        }
    }

    /// How many transfers of `kind` the command under caller key `key` made.
    func count(_ kind: TransferKind, key: String) -> Int { counts[CommandKey.caller(key).id]?[kind.rawValue] ?? 0 }

    /// The kinds of the transfers that settled the hold `holdID`.
    func settlements(of holdID: String) -> [String] { settlements[holdID] ?? [] }
}
