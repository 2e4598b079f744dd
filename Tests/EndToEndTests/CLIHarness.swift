import Foundation
import TikScoreTestSupport
import XCTest

/// Runs the built `tikscore` binary on a temporary wallet and captures what it prints.
struct CLIHarness {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        /// The standard output parsed as JSON.
        func json() throws -> Any {
            try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
        }

        func object() throws -> [String: Any] {
            guard let o = try json() as? [String: Any] else { throw HarnessError("not a JSON object: \(stdout)") }
            return o
        }

        func array() throws -> [[String: Any]] {
            guard let a = try json() as? [[String: Any]] else { throw HarnessError("not a JSON array of objects: \(stdout)") }
            return a
        }
    }

    struct HarnessError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    let folder: URL
    let database: String
    var environment: [String: String]

    /// A fresh folder and wallet path; the clock fixed at `now`.
    init(now: String = "2026-11-24T12:00:00Z") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tikscore-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = folder.appendingPathComponent("wallet.sqlite").path
        var env = ProcessInfo.processInfo.environment
        env["TIKSCORE_DB"] = database
        env["TIKSCORE_NOW"] = now
        // A config of the user running the tests stays out of them.
        env["XDG_CONFIG_HOME"] = folder.appendingPathComponent("config-home").path
        env.removeValue(forKey: "TIKSCORE_CONFIG")
        env.removeValue(forKey: "TIKSCORE_RESOURCES")
        environment = env
    }

    /// The binary next to the test bundle.
    static var binary: URL {
        var dir = Bundle.main.bundleURL
        if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        for candidate in [dir, Bundle(for: BundleToken.self).bundleURL.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("tikscore")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return dir.appendingPathComponent("tikscore")
    }

    /// Runs `tikscore ARGS` and waits for it.
    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = CLIHarness.binary
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs and fails the test unless it exits 0.
    @discardableResult
    func ok(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        let result = try run(arguments)
        XCTAssertEqual(result.status, 0, "tikscore \(arguments.joined(separator: " ")) failed: \(result.stderr)", file: file, line: line)
        return result
    }

    /// An eligible creator, a supporter with points.
    func seedCreatorAndSupporter(points: Int = 7000) throws {
        try ok(["account", "create", "leo", "--creator", "--followers", "150000", "--birthdate", "1990-01-01",
                "--created", "2025-01-01", "--business", "--creator-next", "--last-upload", "2026-11-20"])
        try ok(["account", "create", "mia", "--birthdate", "1995-05-05"])
        try ok(["recharge", "mia", "--points", String(points), "--method", "card", "--card", "4242424242424242"])
    }
}

private final class BundleToken {}
