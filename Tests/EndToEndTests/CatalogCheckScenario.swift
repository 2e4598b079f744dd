import Foundation
import XCTest

extension CLIHarness {
    /// The economy check as a user meets it, on whichever store this harness's wallet is: an
    /// identical copy of the catalogs is accepted; a changed package is refused in one line by
    /// `balance`, `transfer` and `history` and nothing changes; `economy adopt` switches, after
    /// which the built-in catalogs are the other ones.
    ///
    /// Expects a wallet seeded by `seedCreatorAndSupporter(points: 7000)`.
    func checkOtherCatalogsAreRefusedUntilAdopted(file: StaticString = #filePath, line: UInt = #line) throws {
        let source = try XCTUnwrap(TestCatalogs.directory, file: file, line: line)
        let copy = folder.appendingPathComponent("same-catalogs")
        try FileManager.default.copyItem(at: source, to: copy)
        try ok(["transfer", "mia", "leo", "5", "--economy", copy.path])
        let changed = folder.appendingPathComponent("new-catalogs")
        try FileManager.default.copyItem(at: source, to: changed)
        let packages = changed.appendingPathComponent("packages.json")
        let text = try String(contentsOf: packages, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"points\": 70 }", with: "\"points\": 80 }")
        XCTAssertNotEqual(edited, text, file: file, line: line)
        try edited.write(to: packages, atomically: true, encoding: .utf8)
        let before = try ok(["export", "--format", "json"]).stdout
        for args in [["balance", "mia"], ["transfer", "mia", "leo", "5"], ["history", "mia"]] {
            let refused = try run(args + ["--economy", changed.path])
            XCTAssertEqual(refused.status, 1, "\(args)", file: file, line: line)
            XCTAssertTrue(refused.stderr.hasPrefix("error: ") && refused.stderr.contains("other catalogs")
                          && refused.stderr.contains("economy adopt"), refused.stderr, file: file, line: line)
            XCTAssertEqual(refused.stderr.filter { $0 == "\n" }.count, 1, refused.stderr, file: file, line: line)
        }
        XCTAssertEqual(try ok(["export", "--format", "json"]).stdout, before, "a refusal changed nothing", file: file, line: line)
        let adopted = try ok(["economy", "adopt", "--economy", changed.path])
        XCTAssertTrue(adopted.stdout.contains("now uses these catalogs"), adopted.stdout, file: file, line: line)
        try ok(["transfer", "mia", "leo", "5", "--economy", changed.path])
        let old = try run(["balance", "mia"])
        XCTAssertEqual(old.status, 1, "the built-in catalogs are the other ones now", file: file, line: line)
        XCTAssertTrue(old.stderr.contains("other catalogs"), old.stderr, file: file, line: line)
        XCTAssertTrue(try ok(["economy", "adopt"]).stdout.contains("now uses these catalogs"), file: file, line: line)
        XCTAssertEqual(try ok(["balance", "mia", "--json"]).object()["points"] as? Int, 6990, file: file, line: line)
    }
}
