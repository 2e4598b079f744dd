/// Focus targets in Tab order: Tab moves to the next, Shift-Tab to the previous, both wrapping.
///
/// ```swift
/// enum Pane: Int, TabOrder { case left, right }
/// Pane.right.next   // .left
/// ```
protocol TabOrder: RawRepresentable, CaseIterable where RawValue == Int, AllCases == [Self] {}

extension TabOrder {
    var next: Self { Self.allCases[(rawValue + 1) % Self.allCases.count] }
    var previous: Self { Self.allCases[(rawValue + Self.allCases.count - 1) % Self.allCases.count] }
}
