/// A goal in words, the same in `live goal`, `live status` and the dashboard.
///
/// ```swift
/// GoalText.summary(progress)   // "1,200 / 5,000 points, 12 / 100 new followers"
/// ```
public enum GoalText {
    /// Each target with its progress, and "(reached)" once every one is met.
    public static func summary(_ shown: LiveGoalProgress) -> String {
        var parts: [String] = []
        if let target = shown.goal.points { parts.append(points(shown, target)) }
        if let target = shown.goal.followers { parts.append(followers(shown, target)) }
        return parts.joined(separator: ", ") + (shown.reached ? " (reached)" : "")
    }

    /// "1,200 / 5,000 points".
    public static func points(_ shown: LiveGoalProgress, _ target: Points) -> String {
        "\(shown.points.grouped) / \(target.grouped) points"
    }

    /// "12 / 100 new followers".
    public static func followers(_ shown: LiveGoalProgress, _ target: Int64) -> String {
        "\(Grouping.of(shown.followers)) / \(Grouping.of(target)) new followers"
    }
}

extension GoalText {
    /// The targets alone: "5,000 points and 100 new followers".
    public static func targets(_ goal: LiveGoal) -> String {
        [goal.points.map { "\($0.grouped) points" }, goal.followers.map { "\(Grouping.of($0)) new followers" }]
            .compactMap { $0 }.joined(separator: " and ")
    }
}
