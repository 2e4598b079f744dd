import Foundation
import TikScoreCore

/// How the dashboard tells news: always on the status line; with the terminal bell and a desktop
/// notification (OSC 9 and OSC 777) only when the config turns them on, since no terminal can be
/// asked whether it shows them.
///
///     NotificationSettings(bigGiftPoints: 5_000, bell: true, desktop: false, quiet: false)
public struct NotificationSettings: Sendable, Equatable {
    /// Earned points from one gift that make it a big gift.
    public var bigGiftPoints: Int64
    public var bell: Bool
    public var desktop: Bool
    /// `--quiet`: neither bell nor desktop notifications, whatever the config says.
    public var quiet: Bool
    /// The shortest time between two bells or desktop notifications.
    public static let alertInterval: TimeInterval = 10
    /// A big gift when the config says nothing: what a creator earns from a gift worth 2,000 points or more.
    public static let defaultBigGiftPoints: Int64 = 1_000

    public init(bigGiftPoints: Int64 = NotificationSettings.defaultBigGiftPoints, bell: Bool = false, desktop: Bool = false, quiet: Bool = false) {
        self.bigGiftPoints = bigGiftPoints
        self.bell = bell
        self.desktop = desktop
        self.quiet = quiet
    }

    /// Whether anything besides the status line is on.
    var alerts: Bool { !quiet && (bell || desktop) }
}

/// News between two snapshots of the same account: a big gift, a goal reached, a battle won or
/// lost, a payout paid or failed.
enum Notices {
    /// The lines to tell, oldest first; none on the first snapshot or after switching account.
    static func between(_ old: WalletSnapshot?, _ new: WalletSnapshot, settings: NotificationSettings, economy: Economy) -> [String] {
        guard let old, let account = new.account, old.account?.id == account.id else { return [] }
        var lines: [String] = []
        let seen = Set(old.recentEarnings.map(\.id))
        let threshold = Points(units: settings.bigGiftPoints.multipliedReportingOverflow(by: Points.unitsPerPoint).partialValue)
        for transfer in new.recentEarnings.reversed() where !seen.contains(transfer.id) && transfer.kind != .follower && transfer.amount >= threshold {
            lines.append("Big gift: +\(transfer.amount.grouped) points · \(Masking.emails(in: transfer.memo))")
        }
        if let goal = new.goal, goal.reached, let before = old.goal, !before.reached, before.goal == goal.goal, before.sessionID == goal.sessionID {
            lines.append("Goal reached: " + GoalText.summary(goal))
        }
        if let battle = new.battle, !battle.isRunning, old.battle?.id == battle.id, old.battle?.isRunning == true,
           let (own, other) = battle.sides(of: account.id) {
            let score = "\(own.score.grouped) to \(other.score.grouped)"
            switch battle.outcome(for: account.id) {
            case "won": lines.append("Battle won against \(other.name), \(score)")
            case "lost": lines.append("Battle lost to \(other.name), \(score)" + (battle.loserTask.map { "; task: \($0)" } ?? ""))
            case "draw": lines.append("Battle against \(other.name) is a draw, \(score)")
            default: break
            }
        }
        let before = Dictionary(old.withdrawals.map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
        for withdrawal in new.withdrawals.reversed() where withdrawal.status != .pending && before[withdrawal.id] == .pending {
            let usd = "$" + withdrawal.usd.money
            lines.append(withdrawal.status == .paid ? "Payout paid: \(usd) to \(Masking.email(withdrawal.paypal))"
                                                    : "Payout failed: \(usd), \(withdrawal.points.grouped) points returned")
        }
        return lines
    }
}
