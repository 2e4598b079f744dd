import TikScoreCore
/// The SQLite ledger behind the wallet.
public enum TikScoreStore {}
