import Foundation
import TikScoreCore
import TikScoreTUI
import TOMLKit

/// The user's settings for the dashboard, from `config.toml`: where it is looked for, what it may
/// hold, and what a bad entry does (one `warning:` line naming it; its default applies).
///
/// ```toml
/// theme = "light"            # dark (default), light, high-contrast
/// mouse = false
/// account = "leo"            # opened when no --account is given
/// currency = "SAR"           # the second currency shown at the start
///
/// [notifications]
/// big_gift_points = 5000     # earned points from one gift that make it big
/// bell = true                # the terminal bell (off by default)
/// desktop = true             # OSC 9 / OSC 777 desktop notifications (off by default)
/// ```
struct UserConfig: Equatable {
    var theme: ThemeName?
    var mouse: Bool?
    var account: String?
    var currency: String?
    var bigGiftPoints: Int64?
    var bell: Bool?
    var desktop: Bool?

    /// The file to read: `--config PATH`, else `TIKSCORE_CONFIG`, else
    /// `$XDG_CONFIG_HOME/tikscore/config.toml` (`~/.config/…` without it). Whether it was named
    /// (a named file that is missing is worth a warning; the default one is not).
    static func location(flag: String?, environment: [String: String]) -> (path: String, named: Bool)? {
        if let flag, !flag.isEmpty { return (flag, true) }
        if let path = environment["TIKSCORE_CONFIG"], !path.isEmpty { return (path, true) }
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return (xdg + "/tikscore/config.toml", false) }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return (home + "/.config/tikscore/config.toml", false)
    }

    /// Reads the config at `location`; each problem is a warning line, never a stop.
    static func load(flag: String?, environment: [String: String]) -> (UserConfig, warnings: [String]) {
        guard let (path, named) = location(flag: flag, environment: environment) else { return (UserConfig(), []) }
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            return (UserConfig(), named || exists ? ["warning: config \(OneLine.sanitize(path)): \(exists ? "cannot be read" : "no such file"); using the defaults"] : [])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (UserConfig(), ["warning: config \(OneLine.sanitize(path)): not UTF-8 text; using the defaults"])
        }
        return parse(text, path: path)
    }

    /// Reads config text; `path` names it in warnings.
    static func parse(_ text: String, path: String) -> (UserConfig, warnings: [String]) {
        let name = OneLine.sanitize(path)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return (UserConfig(), ["warning: config \(name): line \(error.source.begin.line): \(OneLine.sanitize(error.description)); using the defaults"])
        } catch {
            return (UserConfig(), ["warning: config \(name): \(OneLine.sanitize("\(error)")); using the defaults"])
        }
        var reader = Reader(file: name)
        var config = UserConfig()
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            switch key {
            case "theme":
                let text = reader.string(value, key)
                config.theme = text.flatMap { choice in
                    ThemeName(rawValue: choice) ?? reader.bad(key, "must be \"dark\", \"light\" or \"high-contrast\" (got \"\(OneLine.sanitize(choice))\")")
                }
            case "mouse": config.mouse = reader.bool(value, key)
            case "account": config.account = reader.string(value, key).flatMap { $0.isEmpty ? reader.bad(key, "must not be empty") : $0 }
            case "currency": config.currency = reader.string(value, key)
            case "notifications":
                guard let inner = value.table else {
                    reader.warn("notifications must be a table ([notifications])")
                    continue
                }
                for innerKey in inner.keys.sorted() {
                    guard let innerValue = inner[innerKey] else { continue }
                    let full = "notifications." + innerKey
                    switch innerKey {
                    case "big_gift_points":
                        config.bigGiftPoints = reader.int(innerValue, full).flatMap { $0 > 0 ? Int64($0) : reader.bad(full, "must be above zero (got \($0))") }
                    case "bell": config.bell = reader.bool(innerValue, full)
                    case "desktop": config.desktop = reader.bool(innerValue, full)
                    default: reader.warn("unknown key '\(OneLine.sanitize(full))' (known: big_gift_points, bell, desktop)")
                    }
                }
            default:
                reader.warn("unknown key '\(OneLine.sanitize(key))' (known: theme, mouse, account, currency, [notifications])")
            }
        }
        return (config, reader.warnings)
    }

    /// Typed reads that warn, naming the key, when a value has the wrong type.
    private struct Reader {
        let file: String
        var warnings: [String] = []

        mutating func warn(_ problem: String) { warnings.append("warning: config: \(problem); its default applies (\(file))") }

        mutating func bad<T>(_ key: String, _ problem: String) -> T? {
            warn("\(key) \(problem)")
            return nil
        }

        mutating func string(_ value: TOMLValueConvertible, _ key: String) -> String? {
            value.string ?? bad(key, "must be a string (got \(value.type))")
        }

        mutating func bool(_ value: TOMLValueConvertible, _ key: String) -> Bool? {
            value.bool ?? bad(key, "must be true or false (got \(value.type))")
        }

        mutating func int(_ value: TOMLValueConvertible, _ key: String) -> Int? {
            value.int ?? bad(key, "must be a whole number (got \(value.type))")
        }
    }
}
