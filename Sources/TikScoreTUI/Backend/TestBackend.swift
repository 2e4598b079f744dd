import TikScoreCore
import Foundation

/// A terminal in memory, as ratatui's `TestBackend`: it keeps the screen as a `Buffer`, records
/// every frame, and replays input that a test queues from another thread. `waitForScreen` lets a
/// test wait for what the user would see, without sleeping.
///
///     let backend = TestBackend(width: 80, height: 24)
///     backend.send(.char("r"))
///     let shown = await backend.waitForScreen(timeout: 5) { $0.contains("Recharge") }
final class TestBackend: TerminalBackend, @unchecked Sendable {
    private let lock = NSCondition()
    private var screen: Buffer
    private var queued: [TerminalEvent] = []
    private var woken = false
    private var frameCount = 0
    private var waiters: [(id: UUID, test: (String) -> Bool, resume: (Bool) -> Void)] = []
    private(set) var started = false
    private var alertBytes: [String] = []
    let hasColors = false
    let mouseEnabled = true

    init(width: Int, height: Int) {
        screen = Buffer(width: width, height: height)
    }

    func start(mouse: Bool, color: Bool) throws { lock.withLock { started = true } }
    func stop() { lock.withLock { started = false } }

    func alert(_ text: String, bell: Bool, desktop: Bool) {
        lock.withLock { alertBytes.append(Self.alertBytes(text, bell: bell, desktop: desktop)) }
    }

    /// What each alert wrote, in order.
    var alerts: [String] { lock.withLock { alertBytes } }

    func size() -> (width: Int, height: Int) { lock.withLock { (screen.width, screen.height) } }

    // MARK: Input

    /// Queues keys, as if typed.
    func send(_ keys: Key...) { enqueue(keys.map(TerminalEvent.key)) }

    /// Queues a typed string.
    func type(_ text: String) { enqueue(text.map { .key(.char($0)) }) }

    /// Queues Ctrl-C (SIGINT).
    func interrupt() { enqueue([.interrupt]) }

    /// Changes the size and queues the resize, as a terminal does.
    func resize(width: Int, height: Int) {
        lock.withLock { screen = Buffer(width: width, height: height) }
        enqueue([.key(.resize)])
    }

    private func enqueue(_ events: [TerminalEvent]) {
        lock.withLock {
            queued += events
            lock.broadcast()
        }
    }

    func nextEvents(timeoutMs: Int) -> [TerminalEvent] {
        lock.withLock {
            let deadline = Date().addingTimeInterval(Double(max(0, timeoutMs)) / 1000)
            while queued.isEmpty && !woken {
                if !lock.wait(until: deadline) { break }
            }
            woken = false
            // One event per wait, as a person types: each key is drawn before the next arrives.
            guard !queued.isEmpty else { return [] }
            return [queued.removeFirst()]
        }
    }

    func wake() {
        lock.withLock {
            woken = true
            lock.broadcast()
        }
    }

    // MARK: Output

    func clear() {
        lock.withLock { screen = Buffer(width: screen.width, height: screen.height) }
    }

    func draw(_ changes: [CellChange]) {
        let ready: [(Bool) -> Void] = lock.withLock {
            for change in changes { screen.put(change.cell, x: change.x, y: change.y) }
            frameCount += 1
            let text = screen.plainText()
            let done = waiters.filter { $0.test(text) }
            waiters.removeAll { waiter in done.contains { $0.id == waiter.id } }
            return done.map(\.resume)
        }
        for resume in ready { resume(true) }
    }

    /// The screen as text, one line per row.
    var text: String { lock.withLock { screen.plainText() } }

    /// The screen's cells.
    var buffer: Buffer { lock.withLock { screen } }

    /// How many frames were drawn.
    var frames: Int { lock.withLock { frameCount } }

    /// Waits until the screen's text passes `test` (true), or `timeout` seconds pass (false).
    func waitForScreen(timeout: TimeInterval, _ test: @escaping @Sendable (String) -> Bool) async -> Bool {
        let id = UUID()
        return await withCheckedContinuation { continuation in
            let once = Once(continuation)
            let satisfied: Bool = lock.withLock {
                if test(screen.plainText()) { return true }
                waiters.append((id, test, { once.resume($0) }))
                return false
            }
            if satisfied { once.resume(true); return }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [weak self] in
                self?.lock.withLock { self?.waiters.removeAll { $0.id == id } }
                once.resume(false)
            }
        }
    }
}

/// Resumes a continuation at most once.
private final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Bool, Never>?

    init(_ continuation: CheckedContinuation<Bool, Never>) {
        self.continuation = continuation
    }

    func resume(_ value: Bool) {
        let pending: CheckedContinuation<Bool, Never>? = lock.withLock {
            defer { continuation = nil }
            return continuation
        }
        pending?.resume(returning: value)
    }
}
