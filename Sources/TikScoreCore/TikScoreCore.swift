/// TikScore's pure domain: money, economy, ledger rules and the wallet state machine.
public enum TikScoreCore {}
