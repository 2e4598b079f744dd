import TikScoreCore
import Foundation

/// Times as the dashboard prints them, in UTC like the wallet's timestamps.
enum Clock {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// "12:05".
    static func hhmm(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return two(parts.hour ?? 0) + ":" + two(parts.minute ?? 0)
    }

    /// "2026-11-24 12:05".
    static func dateTime(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(parts.year ?? 0)-\(two(parts.month ?? 0))-\(two(parts.day ?? 0)) " + hhmm(date)
    }

    /// "1:05" for a number of seconds.
    static func countdown(_ seconds: Int) -> String {
        let s = max(0, seconds)
        return "\(s / 60):\(two(s % 60))"
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
