import Foundation
import XCTest

/// `Tests/Support/ws_replay_server.py`, started for one test: replays a JSON-lines file over
/// `ws://` (or `wss://` with a certificate) following a plan of what each connection gets, such as
/// `drop:12,garbage:18,whole` (the script's docstring lists the steps).
final class ReplayServer {
    let port: Int
    private let process: Process
    private let logFile: URL

    /// What the server wrote to standard error (one line per failed connection and per big message).
    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Starts the server on a free port of 127.0.0.1.
    ///
    /// - Throws: `XCTSkip` when python3 is missing; an error when the server does not say its port.
    init(file: String, plan: String, tls: (certificate: String, key: String)? = nil, folder: URL) throws {
        guard let python = which("python3") else { throw XCTSkip("python3 is not installed") }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Support/ws_replay_server.py")
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        var arguments = [script.path, file, "--plan", plan]
        if let tls { arguments += ["--tls", tls.certificate, tls.key] }
        process.arguments = arguments
        logFile = folder.appendingPathComponent("server-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: logFile.path, contents: nil) else {
            throw CLIHarness.HarnessError("cannot create \(logFile.path)")
        }
        let portPipe = Pipe()
        process.standardOutput = portPipe
        process.standardError = try FileHandle(forWritingTo: logFile)
        try process.run()
        let firstLine = portPipe.fileHandleForReading.firstLine()
        guard let port = Int(firstLine.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw CLIHarness.HarnessError("the replay server said '\(firstLine)' instead of its port")
        }
        self.port = port
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// A throwaway self-signed certificate and its key in `folder`, valid for `names` (such as
    /// `DNS:localhost,IP:127.0.0.1`).
    ///
    /// - Throws: `XCTSkip` when openssl is missing (`.ci/run` installs it).
    static func certificate(in folder: URL, names: String, label: String = "server") throws -> (certificate: String, key: String) {
        guard let openssl = which("openssl") else { throw XCTSkip("openssl is not installed: cannot make a certificate for the wss:// tests") }
        let certificate = folder.appendingPathComponent("\(label).pem").path
        let key = folder.appendingPathComponent("\(label)-key.pem").path
        let output = try shell(openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                                         "-addext", "subjectAltName=\(names)", "-days", "2",
                                         "-keyout", key, "-out", certificate])
        guard FileManager.default.fileExists(atPath: certificate), FileManager.default.fileExists(atPath: key) else {
            throw CLIHarness.HarnessError("openssl made no certificate: \(output)")
        }
        return (certificate, key)
    }

    /// A port on 127.0.0.1 that nothing listens on (bound, then released).
    static func closedPort() throws -> Int {
        guard let python = which("python3") else { throw XCTSkip("python3 is not installed") }
        let out = try shell(python, ["-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()"])
        guard let port = Int(out.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw CLIHarness.HarnessError("no free port: \(out)") }
        return port
    }
}

extension FileHandle {
    /// Reads up to the first newline (blocking).
    func firstLine() -> String {
        var bytes: [UInt8] = []
        while true {
            let data = readData(ofLength: 1)
            guard let byte = data.first else { break }
            if byte == 10 { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
