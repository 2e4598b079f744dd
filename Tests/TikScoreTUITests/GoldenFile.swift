import TikScoreCore
import Foundation
import XCTest
@testable import TikScoreTUI

/// Compares a buffer's plain text with Tests/TikScoreTUITests/Golden/NAME.txt in the source tree.
/// With TIKSCORE_RECORD=1 in the environment it writes the file instead and fails, saying so.
///
///     GoldenFile.assertMatches(buffer, named: "dialog_confirm")
enum GoldenFile {
    /// The Golden folder beside this file in the source tree (not the copied test resources).
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func url(named name: String) -> URL {
        directory.appendingPathComponent(name + ".txt")
    }

    static func assertMatches(_ buffer: Buffer, named name: String, file: StaticString = #filePath, line: UInt = #line) {
        let actual = buffer.plainText() + "\n"
        let url = url(named: name)
        if ProcessInfo.processInfo.environment["TIKSCORE_RECORD"] == "1" {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
                XCTFail("Recorded golden file \(url.path); run again without TIKSCORE_RECORD=1 to compare.", file: file, line: line)
            } catch {
                XCTFail("Could not record golden file \(url.path): \(error)", file: file, line: line)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("Missing golden file \(url.path); run with TIKSCORE_RECORD=1 to record it.", file: file, line: line)
            return
        }
        if expected != actual {
            XCTFail("Buffer differs from golden file \(name).txt.\n--- expected\n\(expected)--- actual\n\(actual)", file: file, line: line)
        }
    }
}
