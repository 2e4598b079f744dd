import ArgumentParser
import Foundation
import TikScoreCore

/// Runs the command line: wallet refusals print `error: ...` and exit 1, usage errors exit 64.
func runCommandLine() async {
    // The version needs nothing else: printed before the command tree is built.
    if CommandLine.arguments.dropFirst().elementsEqual(["--version"]) {
        print(TikScoreCLI.configuration.version)
        return
    }
    var command: ParsableCommand
    do {
        command = try await TikScoreCLI.asyncParseAsRoot(GlobalOptions.reorder(Array(CommandLine.arguments.dropFirst())))
    } catch {
        let code = TikScoreCLI.exitCode(for: error)
        if code == .success {
            TikScoreCLI.exit(withError: error)
        }
        let message = TikScoreCLI.message(for: error)
        FileHandle.standardError.write(Data("error: \(message)\n(see `tikscore help`)\n".utf8))
        exit(code.rawValue)
    }
    do {
        if var asynchronous = command as? AsyncParsableCommand {
            try await asynchronous.run()
        } else {
            try command.run()
        }
    } catch let error as WalletError {
        FileHandle.standardError.write(Data("error: \(CLIHints.line(for: error))\n".utf8))
        exit(1)
    } catch let error as CLIError {
        FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
        exit(1)
    } catch {
        TikScoreCLI.exit(withError: error)
    }
}

await runCommandLine()
