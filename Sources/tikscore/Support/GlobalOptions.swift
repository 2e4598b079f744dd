/// Lets the wallet options come before the subcommand, as in `tikscore --db PATH balance leo`:
/// they are moved after it, where every subcommand declares them.
///
/// ```swift
/// GlobalOptions.reorder(["--db", "w.sqlite", "balance", "leo"])   // ["balance", "leo", "--db", "w.sqlite"]
/// ```
enum GlobalOptions {
    /// Options that take a value and belong to every wallet subcommand.
    /// (A list, not a `Set`: two names, looked up a few times per command; a `Set` costs its
    /// hashing set-up at every start.)
    static let names: [String] = ["--db", "--economy", "--operator"]

    static func reorder(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if names.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else if let name = argument.split(separator: "=", maxSplits: 1).first, names.contains(String(name)), argument.contains("=") {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        let rest = Array(arguments[index...])
        guard !leading.isEmpty, !rest.isEmpty else { return leading + rest }
        if let terminator = rest.firstIndex(of: "--") {
            return Array(rest[..<terminator]) + leading + Array(rest[terminator...])
        }
        return rest + leading
    }
}
