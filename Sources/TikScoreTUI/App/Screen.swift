/// Which screen of the dashboard is showing.
public enum Screen: Hashable, Sendable {
    /// The empty-wallet welcome: create an account or load the demo.
    case setup
    /// The dashboard: balances, live panel, battle, activity.
    case home
    case recharge
    case withdraw
    case cards
    /// Sending a gift or points to another account.
    case send
    case history
    /// The account picker.
    case accounts
}
