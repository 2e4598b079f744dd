import Foundation
import TikScoreTestSupport
import XCTest

/// The README's "Try it" block runs as written, in order, on a fresh wallet.
final class ReadmeWalkthroughTests: XCTestCase {
    func testEveryLineOfTheWalkthroughSucceeds() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try XCTUnwrap(text.range(of: "<!-- walkthrough -->"))
        let end = try XCTUnwrap(text.range(of: "<!-- /walkthrough -->"))
        let lines = text[start.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("tikscore ") }
        XCTAssertGreaterThan(lines.count, 15)
        let cli = try CLIHarness()
        let journal = cli.folder.appendingPathComponent("try.journal").path
        for line in lines {
            let arguments = try Self.words(String(line.dropFirst("tikscore ".count)))
                .map { $0 == "/tmp/tikscore-try.journal" ? journal : $0 }
            let result = try cli.run(arguments)
            XCTAssertEqual(result.status, 0, "README line failed: \(line)\n\(result.stderr)")
        }
    }

    /// Splits a shell line into words (single and double quotes; no expansions in the README).
    private static func words(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var started = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                started = true
            } else if character == " " {
                if started || !current.isEmpty { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
            }
        }
        if started || !current.isEmpty { words.append(current) }
        return words
    }
}

/// `--help` names the global options, and completions come out of the binary.
final class HelpAndCompletionTests: XCTestCase {
    func testRootHelpShowsTheGlobalOptionsAndCompletionsAreGenerated() throws {
        let cli = try CLIHarness()
        let help = try cli.ok(["--help"]).stdout
        for needle in ["--db PATH", "--economy DIR", "TIKSCORE_NOW", "NO_COLOR", "redemptions"] {
            XCTAssertTrue(help.contains(needle), "\(needle) in \(help)")
        }
        let bash = try cli.ok(["--generate-completion-script", "bash"]).stdout
        XCTAssertTrue(bash.contains("complete") && bash.contains("redemptions"), String(bash.prefix(200)))
    }
}
