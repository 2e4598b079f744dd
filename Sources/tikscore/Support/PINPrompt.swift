import ArgumentParser
import Foundation
import TikScoreCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--pin-stdin` on every protected command: the PIN is read from standard input, one per line.
/// Without it the PIN is asked on the terminal (`/dev/tty`) with echo off. Never an argument, so
/// it is not in the shell's history or in `ps`.
struct PINOptions: ParsableArguments {
    @Flag(name: .customLong("pin-stdin"), help: "Read the PIN from standard input instead of asking on the terminal.")
    var pinStdin = false

    /// Asks for a PIN with `prompt`: the next line of standard input, or the terminal.
    ///
    /// - Throws: `CLIError` when there is no terminal to ask on and no `--pin-stdin`.
    func read(_ prompt: String) throws -> String {
        if pinStdin {
            guard let line = readLine(strippingNewline: true) else { throw CLIError("--pin-stdin: standard input ended before the PIN") }
            return line.trimmingCharacters(in: .whitespaces)
        }
        return try PINPrompt.ask(prompt)
    }
}

extension PINOptions {
    /// Passes when `name` has no PIN, or the PIN is given (see `PINGate`).
    @discardableResult
    func authorize(_ name: String, in store: any WalletService) async throws -> Account {
        let account = try await store.existing(name)
        try await PINGate(wallet: store).authorize(account) { try read("PIN for \(account.name)") }
        return account
    }

    /// `--reveal` of what several accounts own: the PIN of each protected one, in turn.
    func authorize(revealing accounts: [Account], in store: any WalletService) async throws {
        let gate = PINGate(wallet: store)
        for account in accounts { try await gate.authorize(account) { try read("PIN for \(account.name) (to reveal)") } }
    }
}

/// A prompt on the controlling terminal with echo off, put back however the read ends (Ctrl-C
/// included).
enum PINPrompt {
    /// The terminal's settings while echo is off, for the signal handler.
    nonisolated(unsafe) private static var saved = termios()
    nonisolated(unsafe) private static var savedFD: Int32 = -1

    static func ask(_ prompt: String) throws -> String {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { throw CLIError("a PIN is needed and there is no terminal to ask it on; pass --pin-stdin and give it on standard input") }
        defer { close(fd) }
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else { throw CLIError("cannot ask for the PIN on this terminal; pass --pin-stdin") }
        saved = settings
        savedFD = fd
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { Glibc.signal(signal, restoreAndDie) }
        defer {
            tcsetattr(fd, TCSAFLUSH, &saved)
            savedFD = -1
            for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { Glibc.signal(signal, SIG_DFL) }
        }
        var quiet = settings
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(fd, TCSAFLUSH, &quiet)
        write(fd, prompt + ": ")
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(fd, &byte, 1) == 1, byte != 10, byte != 13 {
            if line.count < 256 { line.append(byte) }
        }
        write(fd, "\n")
        return String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }

    private static func write(_ fd: Int32, _ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress, $0.count - 1) }
    }

    /// Puts echo back and dies of the same signal.
    private static let restoreAndDie: @convention(c) (Int32) -> Void = { signal in
        if PINPrompt.savedFD >= 0 { tcsetattr(PINPrompt.savedFD, TCSAFLUSH, &PINPrompt.saved) }
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
    }
}
