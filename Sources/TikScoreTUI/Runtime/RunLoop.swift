import Foundation
import TikScoreCore

/// The run loop, bubbletea's way: it draws the model, turns keys, resizes, signals, ticks and
/// changes in the wallet into actions, and runs every effect on a task of its own whose result
/// comes back as an action. Waiting for input is interruptible, so results are drawn at once, and
/// an idle dashboard sleeps in the backend.
final class RunLoop<Backend: TerminalBackend>: @unchecked Sendable {
    /// Milliseconds between ticks while something works (the spinner turns).
    static var busyTickMs: Int { 100 }
    /// Milliseconds between ticks otherwise (battle countdowns move by the second).
    static var idleTickMs: Int { 1000 }

    private let wallet: any WalletService
    private let options: DashboardRuntime.Options
    private let terminal: Terminal<Backend>
    private let inbox: Inbox
    private var model: AppModel
    /// Kinds of reads running now, and the newest read of each kind waiting for its turn.
    private var readsRunning: Set<String> = []
    private var readsWaiting: [String: Effect] = [:]
    private var nextTick = Date()

    init(wallet: any WalletService, options: DashboardRuntime.Options, backend: Backend) {
        self.wallet = wallet
        self.options = options
        self.terminal = Terminal(backend: backend)
        self.inbox = Inbox(wake: { [weak backend] in backend?.wake() })
        self.model = AppModel(economy: wallet.economy, width: 0, height: 0, requestedAccount: options.account,
                              keyPrefix: "dash-" + UUID().uuidString.prefix(8).lowercased())
        self.model.walletLocation = wallet.location
        self.model.notifications = options.notifications
        if let code = options.currency?.uppercased(), let index = model.secondCurrencies.firstIndex(where: { $0.code == code }) {
            self.model.currencyIndex = index + 1
        }
        if let note = options.startupNotes.last {
            self.model.status = StatusLine(options.startupNotes.count == 1 ? note : "\(note) (+\(options.startupNotes.count - 1) more)", .error)
        }
    }

    /// The model on screen now (for tests).
    var current: AppModel { model }

    /// Runs the loop on a new thread and returns when it ends, with the message to print after.
    func runOnOwnThread() async throws -> String? {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String?, Error>) in
            let thread = Thread { [self] in
                do { continuation.resume(returning: try run()) } catch { continuation.resume(throwing: error) }
            }
            thread.name = "tikscore-dashboard"
            thread.start()
        }
    }

    /// Runs until the model quits; returns the message to print once the terminal is restored.
    func run() throws -> String? {
        let backend = terminal.backend
        try backend.start(mouse: options.mouse, color: options.color)
        defer { backend.stop() }
        let env = options.environment
        let theme = options.color ? Theme.named(options.theme, environment: env, terminalHasColors: backend.hasColors) : .monochrome
        model.look = Look(theme: theme, symbols: Symbols.detect(environment: env), mouse: backend.mouseEnabled)
        let (width, height) = backend.size()
        model.width = width
        model.height = height
        model.loading = true
        let watcher = Task.detached { [wallet, inbox] in
            for await _ in wallet.changes() { inbox.post([.walletChanged]) }
        }
        defer { watcher.cancel() }
        draw()
        perform(options.account.map { Effect.switchAccount($0) } ?? .load(account: options.defaultAccount))
        perform(.recover)
        dispatch(.tick(wallet.now))
        while !model.quitting {
            draw()
            for event in backend.nextEvents(timeoutMs: timeout()) {
                switch event {
                case .key(.resize):
                    let (w, h) = backend.size()
                    dispatch(.resize(width: w, height: h))
                case .key(let key): dispatch(.key(key))
                case .interrupt: dispatch(.interrupted)
                }
                draw()
            }
            for delivery in inbox.drain() {
                if let kind = delivery.finishedRead { readFinished(kind) }
                for action in delivery.actions { dispatch(action) }
            }
            if Date() >= nextTick { dispatch(.tick(wallet.now)) }
        }
        return model.quitWhenIdle ? model.status?.text : nil
    }

    // MARK: Dispatch

    /// Runs `action` through `update` and starts its effects.
    private func dispatch(_ action: Action) {
        if case .tick = action { scheduleTick() }
        let (next, effects) = AppUpdate.update(model, action)
        model = next
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .quit: model.quitting = true
        case .redraw: terminal.forceRedraw()
        case .alert(let text, let bell, let desktop): terminal.backend.alert(text, bell: bell, desktop: desktop)
        case _ where effect.readKind != nil: read(effect)
        default: start(effect, read: nil)
        }
    }

    /// Reads of a kind run one at a time, and a read asked for while one runs replaces the one
    /// waiting (a switch of account is never replaced by a plain reload), so results arrive in
    /// order and a burst of changes costs one reload.
    private func read(_ effect: Effect) {
        guard let kind = effect.readKind else { return }
        if readsRunning.contains(kind) {
            if case .switchAccount = readsWaiting[kind], case .load = effect { return }
            readsWaiting[kind] = effect
            return
        }
        readsRunning.insert(kind)
        start(effect, read: kind)
    }

    private func readFinished(_ kind: String) {
        readsRunning.remove(kind)
        if let waiting = readsWaiting.removeValue(forKey: kind) { read(waiting) }
    }

    private func start(_ effect: Effect, read kind: String?) {
        let runner = EffectRunner(wallet: wallet)
        let inbox = self.inbox
        Task.detached {
            let actions = await runner.perform(effect)
            inbox.post(actions, finishedRead: kind)
        }
    }

    // MARK: Time and drawing

    private func scheduleTick() {
        let interval = model.isWorking || model.loading ? Self.busyTickMs : Self.idleTickMs
        nextTick = Date().addingTimeInterval(Double(interval) / 1000)
    }

    private func timeout() -> Int {
        max(0, Int((nextTick.timeIntervalSinceNow * 1000).rounded(.up)))
    }

    private func draw() {
        terminal.draw(AsciiFallback.apply(AppView.render(model), symbols: model.look.symbols))
    }
}

/// Where effect tasks leave their results for the run loop, which they wake.
final class Inbox: @unchecked Sendable {
    /// What one effect answered.
    struct Delivery {
        var actions: [Action]
        /// The kind of read that finished, if the effect was a read.
        var finishedRead: String?
    }

    private let lock = NSLock()
    private var deliveries: [Delivery] = []
    private let wake: @Sendable () -> Void

    init(wake: @escaping @Sendable () -> Void) {
        self.wake = wake
    }

    func post(_ actions: [Action], finishedRead: String? = nil) {
        lock.withLock { deliveries.append(Delivery(actions: actions, finishedRead: finishedRead)) }
        wake()
    }

    func drain() -> [Delivery] {
        lock.withLock {
            defer { deliveries.removeAll() }
            return deliveries
        }
    }
}
