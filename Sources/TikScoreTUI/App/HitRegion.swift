/// A clickable part of the screen, collected while drawing so clicks and pixels agree.
public struct HitRegion: Hashable, Sendable {
    /// What a click there does.
    public enum Target: Hashable, Sendable {
        /// Runs a screen command (hint bar items, buttons).
        case command(UICommand)
        /// Selects row `n` of the screen's list; a click on the selected row chooses it.
        case row(Int)
        /// Focuses button `n` of the open confirmation and presses it.
        case button(Int)
    }

    public var rect: Rect
    public var target: Target

    public init(_ rect: Rect, _ target: Target) {
        self.rect = rect
        self.target = target
    }
}
