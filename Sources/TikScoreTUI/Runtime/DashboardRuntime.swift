import Foundation
import TikScoreCore
import TikScoreStore

/// The run loop: owns the terminal backend, draws the model, turns keys, resizes, ticks and
/// changes from other processes into actions, and performs effects against the wallet.
/// Waiting for input has a timeout, so an idle dashboard sleeps in the backend, never spins.
public final class DashboardRuntime {
    /// How the dashboard was asked to start.
    public struct Options: Sendable {
        public var account: String?
        public var mouse: Bool
        public var color: Bool
        public var environment: [String: String]

        public init(account: String? = nil, mouse: Bool = true, color: Bool = true, environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.account = account
            self.mouse = mouse
            self.color = color
            self.environment = environment
        }
    }

    /// Milliseconds the loop waits for a key before it looks at the wallet again.
    public static let inputTimeoutMs = 150

    private let store: WalletStore
    private let options: Options
    private let backend = NCursesBackend()
    private let runner: EffectRunner
    private var model: AppModel
    private var shown: AppModel?
    private var lastToken: Int64 = 0

    /// Prepares the dashboard on `store`; nothing happens to the terminal before `run`.
    public init(store: WalletStore, options: Options) {
        self.store = store
        self.options = options
        self.runner = EffectRunner(store: store)
        self.model = AppModel(economy: store.economy, width: 0, height: 0, requestedAccount: options.account,
                              keyPrefix: "dash-" + UUID().uuidString.prefix(8).lowercased())
    }

    /// Runs until the user quits; the terminal is restored on every way out.
    ///
    ///     try DashboardRuntime(store: store, options: .init(account: "leo")).run()
    public func run() throws {
        try backend.start(mouse: options.mouse, color: options.color)
        defer { backend.stop() }
        let env = options.environment
        let theme = options.color ? Theme.detect(environment: env, terminalHasColors: backend.hasColors) : .monochrome
        model.look = Look(theme: theme, symbols: Symbols.detect(environment: env), mouse: backend.mouseEnabled)
        let (width, height) = backend.size()
        model.width = width
        model.height = height
        model.loading = true
        lastToken = (try? store.changeToken()) ?? 0
        draw()
        dispatch(.tick(store.now), effects: [options.account.map { Effect.switchAccount($0) } ?? .load(account: nil)])
        while !model.quitting {
            draw()
            if let key = backend.readKey(timeoutMs: Self.inputTimeoutMs) {
                if key == .resize {
                    let (w, h) = backend.size()
                    dispatch(.resize(width: w, height: h))
                } else {
                    dispatch(.key(key))
                }
            } else {
                dispatch(.tick(store.now))
            }
            checkForChanges()
        }
    }

    /// Reloads when another process committed to the wallet (PRAGMA data_version moved).
    private func checkForChanges() {
        guard let token = try? store.changeToken(), token != lastToken else { return }
        lastToken = token
        dispatch(.walletChanged)
    }

    /// Runs `action` through `update`, then performs the effects (and their results) in order.
    private func dispatch(_ action: Action, effects initial: [Effect] = []) {
        var pending: [Action] = [action]
        var work = initial
        while !pending.isEmpty || !work.isEmpty {
            if !pending.isEmpty {
                let (next, effects) = AppUpdate.update(model, pending.removeFirst())
                model = next
                work += effects
                continue
            }
            let effect = work.removeFirst()
            switch effect {
            case .quit: model.quitting = true
            case .redraw:
                backend.forceRedraw()
                shown = nil
            default:
                draw() // show the spinner or "pending" before the wallet work starts
                pending += runner.perform(effect)
            }
        }
    }

    /// Draws the model when it changed since the last frame.
    private func draw() {
        guard shown != model else { return }
        backend.draw(AsciiFallback.apply(AppView.render(model), symbols: model.look.symbols))
        shown = model
    }
}
