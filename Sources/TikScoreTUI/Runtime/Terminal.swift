import TikScoreCore

/// Owns the double buffer, as ratatui's `Terminal<B>` does: keeps the last frame and sends the
/// backend only the cells that changed (all of them after a resize or `forceRedraw`).
///
///     let terminal = Terminal(backend: TestBackend(width: 80, height: 24))
///     terminal.draw(AppView.render(model))
final class Terminal<Backend: TerminalBackend> {
    let backend: Backend
    private var shown: Buffer?
    /// How many cells the last `draw` sent (for benchmarks and tests).
    private(set) var lastChangeCount = 0

    init(backend: Backend) {
        self.backend = backend
    }

    /// Shows `buffer`, sending only what differs from the frame on screen.
    func draw(_ buffer: Buffer) {
        let changes: [CellChange]
        if let shown, shown.width == buffer.width, shown.height == buffer.height {
            changes = buffer.diff(from: shown)
            if changes.isEmpty { return }
        } else {
            backend.clear()
            changes = buffer.diff(from: Buffer(width: 0, height: 0))
        }
        backend.draw(changes)
        lastChangeCount = changes.count
        shown = buffer
    }

    /// Clears the screen and sends every cell at the next `draw` (Ctrl-L).
    func forceRedraw() {
        shown = nil
    }
}
