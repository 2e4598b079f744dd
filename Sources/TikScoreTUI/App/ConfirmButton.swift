import TikScoreCore

/// The two buttons of a confirmation: the one that does it (Pay, Withdraw, Send, Redeem) and the
/// one that goes back.
enum ConfirmButton: Int, CaseIterable, Hashable, Sendable {
    case confirm, back

    /// The other button.
    var other: ConfirmButton { self == .confirm ? .back : .confirm }

    /// The button at a dialog's index `n` (0 confirms), for clicks.
    init(index: Int) { self = index == 0 ? .confirm : .back }
}
