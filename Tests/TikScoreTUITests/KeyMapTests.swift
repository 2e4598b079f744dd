import TikScoreCore
import TikScoreTestSupport
import XCTest
@testable import TikScoreTUI

private enum TestAction: Equatable, Sendable {
    case quit, recharge, up, down, help, redraw
}

final class KeyMapTests: XCTestCase {
    private let keys = KeyMap<TestAction>([
        KeyBinding(keys: [.char("r")], label: "Recharge", help: "Buy points with a package or a custom amount", action: .recharge),
        KeyBinding(keys: [.up, .char("k")], label: "Up", help: "Move the selection up", action: .up, keyLabel: "↑/k"),
        KeyBinding(keys: [.down, .char("j")], label: "Down", help: "Move the selection down", action: .down, showsInHintBar: false),
        KeyBinding(keys: [.ctrl("l")], label: "Redraw", help: "Redraw the screen", action: .redraw, showsInHintBar: false),
        KeyBinding(keys: [.char("?")], label: "Help", help: "Show this help", action: .help),
        KeyBinding(keys: [.char("q"), .esc], label: "Quit", help: "Leave the dashboard", action: .quit),
    ])

    func testDispatch() {
        XCTAssertEqual(keys.action(for: .char("r")), .recharge)
        XCTAssertEqual(keys.action(for: .char("k")), .up)
        XCTAssertEqual(keys.action(for: .up), .up)
        XCTAssertEqual(keys.action(for: .esc), .quit)
        XCTAssertEqual(keys.action(for: .ctrl("l")), .redraw)
        XCTAssertNil(keys.action(for: .char("R")), "keys are exact")
        XCTAssertNil(keys.action(for: .char("x")))
        XCTAssertNil(keys.action(for: .mouse(MouseEvent(x: 1, y: 1, kind: .press))))
        XCTAssertEqual(keys.conflicts, [])
    }

    func testFirstBindingWinsAndConflictsAreReported() {
        var map = keys
        map.bindings.append(KeyBinding(keys: [.char("q"), .char("q")], label: "Other", help: "Shadowed", action: .help))
        XCTAssertEqual(map.action(for: .char("q")), .quit)
        XCTAssertEqual(map.conflicts, [.char("q")])
    }

    func testHintItemsComeFromTheSameTable() {
        let items = keys.hintItems()
        XCTAssertEqual(items, [
            HintBar.Item(key: "r", label: "Recharge"),
            HintBar.Item(key: "↑/k", label: "Up"),
            HintBar.Item(key: "?", label: "Help"),
            HintBar.Item(key: "q/Esc", label: "Quit"),
        ])
        XCTAssertEqual(HintBar(items: items).rendered(width: 60, height: 1).plainText(), "r Recharge  ↑/k Up  ? Help  q/Esc Quit")
    }

    func testHelpListsEveryBindingAndEveryHelpKeyDispatches() {
        let lines = keys.helpLines()
        XCTAssertEqual(lines.count, keys.bindings.count)
        XCTAssertEqual(lines.map(\.keys), ["r", "↑/k", "↓/j", "Ctrl-L", "?", "q/Esc"])
        XCTAssertEqual(lines.last, HelpLine(keys: "q/Esc", text: "Leave the dashboard"))
        // help and dispatch cannot disagree: every key named in help reaches that binding's action
        for binding in keys.bindings {
            for key in binding.keys {
                XCTAssertEqual(keys.action(for: key), binding.action, "\(key)")
            }
        }
    }

    func testASCIIKeyNames() {
        XCTAssertEqual(keys.helpLines(symbols: .ascii).map(\.keys)[2], "Down/j")
        XCTAssertEqual(Key.up.name(symbols: .ascii), "Up")
        XCTAssertEqual(Key.char(" ").name(), "Space")
        XCTAssertEqual(Key.f(5).name(), "F5")
        XCTAssertEqual(Key.backTab.name(), "Shift-Tab")
        XCTAssertEqual(Key.pageDown.name(), "PgDn")
    }

    func testHelpOverlay() {
        let overlay = HelpOverlay(keyMap: keys)
        let buffer = overlay.rendered(width: 64, height: 10)
        let text = buffer.plainText()
        for line in keys.helpLines() {
            XCTAssertTrue(text.contains(line.text), line.text)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // the help texts start in one display column, after the widest key name ("Ctrl-L")
        let columns = keys.helpLines().compactMap { help -> Int? in
            guard let row = lines.first(where: { $0.contains(help.text) }), let range = row.range(of: help.text) else { return nil }
            return CharWidth.width(String(row[..<range.lowerBound]))
        }
        XCTAssertEqual(columns.count, 6)
        XCTAssertEqual(Set(columns).count, 1, "\(columns)")
        GoldenFile.assertMatches(buffer, named: "help_overlay")
    }

    func testHelpOverlayScrollsAndClips() {
        let overlay = HelpOverlay(keyMap: keys, scroll: 4)
        let text = overlay.rendered(width: 50, height: 4).plainText()
        XCTAssertTrue(text.contains("Show this help"), text)
        XCTAssertTrue(text.contains("Leave the dashboard"), text)
        XCTAssertFalse(text.contains("Buy points"), text)
        XCTAssertEqual(HelpOverlay(keyMap: keys).rendered(width: 1, height: 1).plainText(), "")
        assertClipsAtTinySizes(HelpOverlay(keyMap: keys))
    }
}

final class SymbolsAndThemeTests: XCTestCase {
    func testSymbolsFromLocale() {
        XCTAssertEqual(Symbols.detect(environment: ["LANG": "C.UTF-8"]), .unicode)
        XCTAssertEqual(Symbols.detect(environment: ["LANG": "en_US.utf8"]), .unicode)
        XCTAssertEqual(Symbols.detect(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"]), .ascii, "LC_ALL wins")
        XCTAssertEqual(Symbols.detect(environment: [:]), .ascii)
        XCTAssertEqual(Symbols.unicode.sparkline.count, 8)
        XCTAssertEqual(Symbols.ascii.sparkline, ["_", ".", "-", "=", "#"])
        for glyph in [Symbols.ascii.horizontal, Symbols.ascii.tick, Symbols.ascii.cross, Symbols.ascii.ellipsis] + Symbols.ascii.spinner {
            XCTAssertTrue(glyph.allSatisfy(\.isASCII), glyph)
        }
    }

    func testThemeHonoursNoColor() {
        XCTAssertEqual(Theme.detect(environment: ["NO_COLOR": "1"], terminalHasColors: true), .monochrome)
        XCTAssertEqual(Theme.detect(environment: ["NO_COLOR": ""], terminalHasColors: true), .color)
        XCTAssertEqual(Theme.detect(environment: [:], terminalHasColors: false), .monochrome)
        let mono = Theme.monochrome
        let styles = [mono.text, mono.muted, mono.title, mono.border, mono.accent, mono.selection, mono.positive,
                      mono.negative, mono.warning, mono.error, mono.hintKey, mono.hintLabel, mono.gaugeFilled,
                      mono.gaugeEmpty, mono.tugLeft, mono.tugRight, mono.button, mono.buttonFocused, mono.stepDone,
                      mono.stepCurrent, mono.stepUpcoming, mono.cursor]
        XCTAssertTrue(styles.allSatisfy { $0.foreground == .default && $0.background == .default }, "monochrome uses no colour")
    }
}
