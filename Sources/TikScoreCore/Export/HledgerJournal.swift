import Foundation

/// The ledger as an hledger journal: one transaction per command, one posting pair per transfer,
/// amounts in the commodity `PTS` with two decimals.
public enum HledgerJournal {
    /// The journal text for `transfers` (oldest first) of the wallet with `accounts`.
    public static func render(transfers: [Transfer], accounts: [Account]) -> String {
        var lines = ["; TikScore ledger export. Every amount is in points (PTS); 1 PTS = one point.",
                     "commodity 1,000.00 PTS", ""]
        for account in accounts {
            for leaf in ["points", "earned", "held"] {
                lines.append("account user:\(account.id):\(leaf)  ; \(account.name.replacingOccurrences(of: "\n", with: " "))")
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
                lines.append("    \(t.credit.code)    \(t.amount.decimal.formatted(grouping: false, minimumFraction: 2)) PTS  ; id:\(clean(t.id)), kind:\(t.kind.rawValue)")
                lines.append("    \(t.debit.code)    -\(t.amount.decimal.formatted(grouping: false, minimumFraction: 2)) PTS")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private static func clean(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: ";", with: ",")
    }
}
