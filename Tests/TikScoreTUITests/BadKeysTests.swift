import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore
@testable import TikScoreTUI

/// Keys nobody means, on every screen the dashboard key `r w c C W g t y a` opens: codes the
/// backend does not know, control characters, function keys past F12, clicks and wheels outside
/// the screen, sizes down to 0×0. None may change the wallet (no effect that writes it), and every
/// frame after them must still draw.
final class BadKeysTests: XCTestCase {
    private static let garbage: [Key] = [
        .unknown(-1), .unknown(0), .unknown(Int32.max), .unknown(410), .f(0), .f(13), .f(64), .f(-1),
        .char("\u{0}"), .char("\u{1B}"), .char("\u{7F}"), .char("\u{202E}"), .char("👨‍👩‍👧"), .char("\u{FFFD}"),
        .ctrl("@"), .ctrl("["), .ctrl("z"), .ctrl("é"), .delete, .home, .end, .pageUp, .pageDown, .backTab,
        .mouse(MouseEvent(x: -1, y: -1, kind: .press)), .mouse(MouseEvent(x: 100_000, y: 100_000, kind: .press)),
        .mouse(MouseEvent(x: Int.min, y: Int.max, kind: .release)), .mouse(MouseEvent(x: 5, y: 5, kind: .wheelDown)),
        .resize,
    ]

    func testGarbageKeysOnEveryScreenWriteNothingAndEveryFrameDraws() async throws {
        let fixture = try await DashboardFixture.make()
        let start = try await fixture.model(account: "leo", width: 100, height: 30)
        var tried = 0
        for opener in ["", "r", "w", "c", "C", "W", "g", "t", "y", "a"] {
            let (opened, _) = AppUpdate.run(start, opener.isEmpty ? [] : typing(opener))
            for key in Self.garbage {
                let (after, effects) = AppUpdate.update(opened, .key(key))
                XCTAssertFalse(effects.contains { $0.changesWallet }, "\(opener) then \(key): \(effects)")
                XCTAssertEqual(after.snapshot, opened.snapshot)
                for (width, height) in [(0, 0), (1, 1), (59, 17), (100, 30)] {
                    let (sized, _) = AppUpdate.update(after, .resize(width: width, height: height))
                    let buffer = AppView.render(sized)
                    XCTAssertEqual(buffer.area.width, width)
                    XCTAssertEqual(buffer.area.height, height)
                }
                tried += 1
            }
        }
        XCTAssertEqual(tried, 10 * Self.garbage.count)
    }
}
