import Foundation

/// The ledger as an hledger journal: one transaction per command, one posting pair per transfer,
/// amounts in the commodity `PTS` with two decimals.
public enum HledgerJournal {
    /// The journal text for `transfers` (oldest first) of the wallet with `accounts`.
    public static func render(transfers: [Transfer], accounts: [Account]) -> String {
        var lines = ["; TikScore ledger export. Every amount is in points (PTS); 1 PTS = one point.",
                     "commodity 1,000.00 PTS", ""]
        let names = accountNames(accounts)
        for account in accounts {
            for ledger in [account.pointsAccount, account.earnedAccount, account.heldAccount] {
                lines.append("account \(names[ledger] ?? ledger.code)  ; \(ledger.code)")
            }
        }
        for platform in LedgerAccount.platformAccounts { lines.append("account \(platform.code)") }
        lines.append("")
        var index = 0
        while index < transfers.count {
            let command = transfers[index].commandID
            var group: [Transfer] = []
            while index < transfers.count, transfers[index].commandID == command {
                group.append(transfers[index])
                index += 1
            }
            guard let first = group.first else { continue }
            let date = String(Timestamp.format(first.timestamp).prefix(10))
            lines.append("\(date) * \(clean(first.memo))  ; command:\(clean(command))")
            for t in group {
                lines.append("    \(names[t.credit] ?? t.credit.code)    \(t.amount.decimal.formatted(grouping: false, minimumFraction: 2)) PTS  ; id:\(clean(t.id)), kind:\(t.kind.rawValue)")
                lines.append("    \(names[t.debit] ?? t.debit.code)    -\(t.amount.decimal.formatted(grouping: false, minimumFraction: 2)) PTS")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// The hledger name of every user account: `user:NAME:points`, with NAME mapped one to one
    /// onto what hledger can read: `:` (its level separator) becomes `∶` (U+2236), `;` becomes
    /// `；` (U+FF1B), a space after a space becomes `␣` (U+2423; two spaces, even no-break ones, end a name), and
    /// when two names still collide the later account's gets ` #ID`.
    public static func accountNames(_ accounts: [Account]) -> [LedgerAccount: String] {
        var used = Set<String>()
        var names: [LedgerAccount: String] = [:]
        for account in accounts.sorted(by: { $0.id < $1.id }) {
            var name = hledgerName(account.name)
            if used.contains(name.lowercased()) { name += " #\(account.id)" }
            used.insert(name.lowercased())
            for ledger in [account.pointsAccount, account.earnedAccount, account.heldAccount] {
                names[ledger] = "user:\(name):\(ledger.leaf)"
            }
        }
        return names
    }

    private static func hledgerName(_ name: String) -> String {
        var out = ""
        var previous: Character?
        for character in name {
            switch character {
            case ":": out.append("\u{2236}")
            case ";": out.append("\u{FF1B}")
            case " " where previous == " ": out.append("\u{2423}")
            case "\n", "\t", "\r": out.append(" ")
            default: out.append(character)
            }
            previous = out.last
        }
        return out
    }

    private static func clean(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: ";", with: ",")
    }
}
