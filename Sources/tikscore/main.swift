import ArgumentParser
import Foundation
import TikScoreCore

/// Runs the command line. Every failure is one line on standard error that starts `error:`,
/// with anything the user typed made printable; the exit status is 0 done, 1 refused or
/// failed, 64 a usage error (a bad argument, option or number).
func runCommandLine() async {
    var command: ParsableCommand
    do {
        command = try await TikScoreCLI.asyncParseAsRoot(CommandArguments.prepare(Array(CommandLine.arguments.dropFirst())))
    } catch {
        let code = TikScoreCLI.exitCode(for: error)
        if code == .success { TikScoreCLI.exit(withError: error) }   // --help, help
        fail(usageLine(TikScoreCLI.message(for: error)), status: ExitCode.validationFailure.rawValue)
    }
    do {
        if var asynchronous = command as? AsyncParsableCommand {
            try await asynchronous.run()
        } else {
            try command.run()
        }
    } catch let error as WalletError {
        fail(CLIHints.line(for: error), status: 1)
    } catch let error as CLIError {
        fail(error.description, status: 1)
    } catch let error as ExitCode {
        exit(error.rawValue)
    } catch {
        let code = TikScoreCLI.exitCode(for: error)
        if code == .success { TikScoreCLI.exit(withError: error) }
        fail(usageLine(TikScoreCLI.message(for: error)), status: code == .validationFailure ? code.rawValue : 1)
    }
}

/// A usage message from the parser, on one line: its first paragraph, and where to look.
private func usageLine(_ message: String) -> String {
    var text = message
    if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
    let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
    let meaningful = lines.prefix { !$0.hasPrefix("Usage:") && !$0.hasPrefix("See '") && !$0.isEmpty }
    return (meaningful.isEmpty ? lines.prefix(1) : meaningful).joined(separator: "; ") + " (see `tikscore help`)"
}

/// Prints `error: message` (made one printable line) and exits with `status`.
private func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("error: \(OneLine.sanitize(message))\n".utf8))
    exit(status)
}

// The version needs nothing else: printed before the command tree is built and before the
// concurrency runtime starts its threads (top-level `await` would start them first).
if CommandLine.arguments.dropFirst().elementsEqual(["--version"]) {
    print(TikScoreCLI.version)
    exit(0)
}
Task {
    await runCommandLine()
    exit(0)
}
dispatchMain()
