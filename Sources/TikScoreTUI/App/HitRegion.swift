import TikScoreCore

/// A clickable part of the screen, collected while drawing so clicks and pixels agree: a click
/// inside `rect` runs `command` on the screen it was drawn on.
struct HitRegion: Hashable, Sendable {
    var rect: Rect
    var command: UICommand

    init(_ rect: Rect, _ command: UICommand) {
        self.rect = rect
        self.command = command
    }
}
