extension Command {
    /// What the command does, in words, for the record of a command in flight.
    ///
    /// ```swift
    /// command.summary(economy: economy)   // "a recharge of 700 points ($3.50) for ana by card •••• 4242"
    /// ```
    public func summary(economy: Economy) -> String {
        switch self {
        case .recharge(let account, let points, _, let payment, _):
            let price = (try? economy.price(ofPoints: points)).map { " ($\($0.money))" } ?? ""
            return "a recharge of \(points.grouped) points\(price) for \(account) by \(payment)"
        case .holdWithdrawal(let account, let points, let paypal):
            return "a withdrawal of \(points.grouped) points for \(account) to \(paypal)"
        default:
            return name
        }
    }
}
