import TikScoreCore
/// The ncurses dashboard.
public enum TikScoreTUI {}
