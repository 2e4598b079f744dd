import Foundation

/// The ledger as an hledger journal: one transaction per command, one posting pair per transfer,
/// amounts in the commodity `PTS` with two decimals.
public enum HledgerJournal {
    /// The journal text for `transfers` (oldest first) of the wallet with `accounts`.
    public static func render(transfers: [Transfer], accounts: [Account]) -> String {
        var writer = Writer(accounts: accounts)
        var text = writer.header
        for t in transfers { text += writer.add(t) }
        return text + writer.finish()
    }

    /// The journal written as it goes: the header, then each transaction once the transfers of
    /// its command have all been seen (they are consecutive, oldest first).
    ///
    /// ```swift
    /// var writer = HledgerJournal.Writer(accounts: accounts)
    /// out(writer.header)
    /// for t in transfers { out(writer.add(t)) }
    /// out(writer.finish())
    /// ```
    public struct Writer {
        /// The account declarations that open the journal.
        public let header: String
        private let names: [LedgerAccount: String]
        private var group: [Transfer] = []

        public init(accounts: [Account]) {
            var lines = ["; TikScore ledger export. Every amount is in points (PTS); 1 PTS = one point.",
                         "commodity 1,000.00 PTS", ""]
            let names = HledgerJournal.accountNames(accounts)
            for account in accounts {
                for ledger in [account.pointsAccount, account.earnedAccount, account.heldAccount] {
                    lines.append("account \(names[ledger] ?? ledger.code)  ; \(ledger.code)")
                }
            }
            for platform in LedgerAccount.platformAccounts { lines.append("account \(platform.code)") }
            lines.append("")
            self.names = names
            self.header = lines.joined(separator: "\n")
        }

        /// Takes the next transfer; returns the text of the transaction it completed, if any.
        public mutating func add(_ transfer: Transfer) -> String {
            var text = ""
            if let first = group.first, first.commandID != transfer.commandID { text = flush() }
            group.append(transfer)
            return text
        }

        /// The last transaction's text.
        public mutating func finish() -> String { flush() }

        private mutating func flush() -> String {
            guard let first = group.first else { return "" }
            let date = String(Timestamp.format(first.timestamp).prefix(10))
            var lines = ["\n\(date) * \(clean(first.memo))  ; command:\(clean(first.commandID))"]
            for t in group {
                let amount = t.amount.decimal.formatted(grouping: false, minimumFraction: 2)
                lines.append("    \(names[t.credit] ?? t.credit.code)    \(amount) PTS  ; id:\(clean(t.id)), kind:\(t.kind.rawValue)")
                lines.append("    \(names[t.debit] ?? t.debit.code)    -\(amount) PTS")
            }
            group.removeAll(keepingCapacity: true)
            return lines.joined(separator: "\n") + "\n"
        }
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

    fileprivate static func clean(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: ";", with: ",")
    }
}
