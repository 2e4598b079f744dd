/// The arguments as the parser should see them: wallet options moved after the subcommand
/// (`GlobalOptions`), and negative numbers kept as values. The parser would take `-5` for an
/// option, so `transfer a b -5` said "Missing expected argument" instead of what is wrong with
/// the number; `--points -5` becomes `--points=-5`, and a trailing `-5` is put after `--`.
///
/// ```swift
/// CommandArguments.prepare(["transfer", "a", "b", "-5"])   // ["transfer", "a", "b", "--", "-5"]
/// ```
enum CommandArguments {
    /// The flags (options without a value) of every command, so a number after one of them is
    /// not taken for its value. (A list: looked up once per negative number.)
    static let flags: [String] = [
        "--all", "--business", "--creator", "--creator-next", "--csv", "--fast", "--follow", "--full", "--json", "--jsonl",
        "--no-color", "--no-mouse", "--once", "--reveal", "--supporter", "--help", "--version", "--pin-stdin",
    ]

    static func prepare(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                out += arguments[index...]
                break
            }
            guard isNegativeNumber(argument) else {
                out.append(argument)
                index += 1
                continue
            }
            if let option = out.last, option.hasPrefix("--"), !option.contains("="), !flags.contains(option) {
                out[out.count - 1] = option + "=" + argument
            } else if !arguments[(index + 1)...].contains(where: { $0.hasPrefix("-") }) {
                // The rest are positional: `--` keeps them so, in their order.
                out += ["--"] + arguments[index...]
                break
            } else if onlyOptions(arguments[(index + 1)...]) {
                // Options follow (`withdraw leo -5 --paypal a@b.c`): the number goes last, after `--`.
                return GlobalOptions.reorder(out + arguments[(index + 1)...] + ["--", argument])
            } else {
                out.append(argument)
            }
            index += 1
        }
        return GlobalOptions.reorder(out)
    }

    /// Whether `rest` is options and their values only (no positional argument among them).
    private static func onlyOptions(_ rest: ArraySlice<String>) -> Bool {
        var index = rest.startIndex
        while index < rest.endIndex {
            let token = rest[index]
            guard token.hasPrefix("-"), token != "--", !isNegativeNumber(token) else { return false }
            let takesValue = token.hasPrefix("--") && !token.contains("=") && !flags.contains(token)
            index += takesValue ? 2 : 1
        }
        return true
    }

    /// `-5`, `-0.5`, `-1e3`: a number, not an option.
    private static func isNegativeNumber(_ text: String) -> Bool {
        // By bytes: an option starts with `-` and an ASCII letter, a number with `-` and a digit.
        let bytes = text.utf8
        guard bytes.count > 1, bytes.first == UInt8(ascii: "-"), let second = bytes.dropFirst().first else { return false }
        let isDigit = second >= UInt8(ascii: "0") && second <= UInt8(ascii: "9")
        return isDigit || (second == UInt8(ascii: ".") && bytes.count > 2)
    }
}
