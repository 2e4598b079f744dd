import Foundation
import FuzzSupport
import TikScoreCore
@testable import TikScoreTUI

/// Fuzzes the dashboard without a terminal, as the run loop drives it: keys decoded from raw
/// codes by the ncurses backend's own tables, resizes down to 0×0, mouse events, ticks, wallet
/// changes, and effects answered in any order (reads of a kind in order, as the loop runs them)
/// against a fresh in-memory wallet. Every frame is rendered, passed through the ASCII fallback
/// and drawn by a `Terminal` onto a `TestBackend`. Afterwards the wallet must verify.
///
/// Input: byte 0 picks the wallet (demo or empty), the account, colours, glyphs and mouse; bytes
/// 1–2 the first size; then one step per byte (with its operands), see `Step`.
@main
enum DashboardFuzz: FuzzTarget {
    /// At most this many steps run for one input.
    static let maxSteps = 256
    /// The largest terminal tried: every frame is drawn in full, so its area is the cost of a step.
    static let maxWidth = 160
    static let maxHeight = 50
    /// The wallet's clock (2026-11-24T12:00:00Z), as the dashboard's tests fix it.
    static let now = Date(timeIntervalSince1970: 1_795_521_600)
    static let economy = DefaultEconomy.shared
    /// The accounts a session may ask for first (`nil`: the last used or the only one).
    static let accounts: [String?] = [nil, "leo", "mia", "Ana 🎉", "zoe", "kenji 李", "omar", "Sofía"]

    static func test(_ bytes: UnsafeBufferPointer<UInt8>) {
        var input = FuzzInput(bytes)
        let setup = input.byte()
        var session = Session(demo: setup & 1 == 1, account: accounts[Int(setup >> 1) % accounts.count],
                              look: Look(theme: setup & 0x10 == 0 ? .monochrome : .color,
                                         symbols: setup & 0x20 == 0 ? .unicode : .ascii, mouse: setup & 0x40 == 0),
                              width: input.int(in: 0...maxWidth), height: input.int(in: 0...maxHeight))
        var steps = 0
        while !input.isAtEnd, steps < maxSteps, !session.model.quitting {
            session.step(Step.read(from: &input, width: session.model.width, height: session.model.height))
            steps += 1
        }
        session.settle()
        session.verifyWallet()
    }
}

/// One thing that happens to the dashboard. Encoding (op byte mod 16, then operands):
/// 0–5 a printable key (the next byte, itself when printable); 6 a key from any byte code
/// (Enter, Esc, Tab, Ctrl letters…); 7 a key from a 3-byte Unicode code; 8–9 a function key
/// (KEY_MIN + the next byte: arrows, F-keys, PgUp, KEY_RESIZE…); 10 a resize (width, height);
/// 11 a mouse event (x, y, kind); 12 a tick (2 bytes of seconds); 13 an effect answers (its
/// position); 14 the wallet changed; 15 settle (0xFF after it: Ctrl-C instead).
enum Step {
    case key(Key)
    case resize(width: Int, height: Int)
    case tick(seconds: Int)
    case walletChanged
    /// The effect at this position among those running answers now.
    case answer(Int)
    /// Every running effect answers, and the ones they start, until none is left.
    case settle
    case interrupt

    /// The next step: one byte says which, the next ones its operands.
    static func read(from input: inout FuzzInput, width: Int, height: Int) -> Step {
        let op = input.byte()
        switch op % 16 {
        case 0...5:
            let byte = input.byte()
            return .key(NCursesBackend.characterKey(UInt32((32...126).contains(byte) ? byte : 32 + byte % 95)))
        case 6: return .key(NCursesBackend.characterKey(UInt32(input.byte())))
        case 7:
            let code = (UInt32(input.byte()) << 16 | UInt32(input.byte()) << 8 | UInt32(input.byte())) % 0x11_0000
            return .key(NCursesBackend.characterKey(code))
        case 8, 9: return .key(NCursesBackend.functionKey(257 + Int32(input.byte())))
        case 10: return .resize(width: input.int(in: 0...DashboardFuzz.maxWidth), height: input.int(in: 0...DashboardFuzz.maxHeight))
        case 11:
            let kinds: [MouseEvent.Kind] = [.press, .release, .wheelUp, .wheelDown]
            let x = input.int(in: 0...max(0, width))
            let y = input.int(in: 0...max(0, height))
            return .key(.mouse(MouseEvent(x: x, y: y, kind: kinds[input.int(in: 0...3)])))
        case 12: return .tick(seconds: input.int(in: 0...600))
        case 13: return .answer(Int(input.byte()))
        case 14: return .walletChanged
        default: return input.byte() == 0xFF ? .interrupt : .settle
        }
    }
}
