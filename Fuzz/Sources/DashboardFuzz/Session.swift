import Foundation
import FuzzSupport
import TikScoreCore
@testable import TikScoreTUI

/// A dashboard as the run loop keeps it: the model, the terminal it draws on, the wallet, and the
/// effects started and not yet answered.
struct Session {
    let wallet: InMemoryWallet
    var model: AppModel
    let backend: TestBackend
    let terminal: Terminal<TestBackend>
    /// Effects started, in order; `answer` picks one of them.
    private(set) var running: [Effect] = []
    /// The newest read of each kind waiting for the running one (the run loop's coalescing).
    private var waiting: [String: Effect] = [:]
    private var clock: Date
    /// The model of the frame on screen: a step that changes nothing draws nothing new.
    private var drawn: AppModel?

    /// A session on a fresh wallet, started as `RunLoop.run` starts one.
    init(demo: Bool, account: String?, look: Look, width: Int, height: Int) {
        let now = DashboardFuzz.now
        wallet = InMemoryWallet(economy: DashboardFuzz.economy, clock: { now })
        clock = now
        if demo {
            let wallet = self.wallet
            if case .failure(let error) = Blocking.attempt({
                try await DemoWallet.fill(runner: wallet, gateway: SandboxGateway(), today: CalendarDate(now))
            }) { FuzzCheck.fail("the demo does not fill: \(error)") }
        }
        backend = TestBackend(width: width, height: height)
        terminal = Terminal(backend: backend)
        model = AppModel(economy: DashboardFuzz.economy, look: look, width: width, height: height,
                         requestedAccount: account, keyPrefix: "fuzz")
        model.walletLocation = wallet.location
        model.loading = true
        draw()
        start(account.map { Effect.switchAccount($0) } ?? .load(account: nil))
        start(.recover)
        dispatch(.tick(now))
    }

    mutating func step(_ step: Step) {
        switch step {
        case .key(.resize):
            // The run loop turns the backend's resize key into the size it reads.
            let (width, height) = backend.size()
            dispatch(.resize(width: width, height: height))
        case .key(let key):
            _ = key.name(symbols: model.look.symbols)
            dispatch(.key(key))
        case .resize(let width, let height):
            backend.resize(width: width, height: height)
            _ = backend.nextEvents(timeoutMs: 0)
            dispatch(.resize(width: width, height: height))
        case .tick(let seconds):
            clock = clock.addingTimeInterval(Double(seconds))
            dispatch(.tick(clock))
        case .walletChanged: dispatch(.walletChanged)
        case .answer(let index): answer(index)
        case .settle: settle()
        case .interrupt: dispatch(.interrupted)
        }
    }

    /// Answers every effect, and those their answers start, as far as `limit` answers go.
    mutating func settle(limit: Int = 64) {
        var answered = 0
        while !running.isEmpty, answered < limit, !model.quitting {
            answer(0)
            answered += 1
        }
    }

    /// The ledger is sound whatever the keys did.
    func verifyWallet() {
        let wallet = self.wallet
        switch Blocking.attempt({ try await wallet.verify(full: true).problems }) {
        case .success(let problems): FuzzCheck.require(problems.isEmpty, "the wallet does not verify: \(problems)")
        case .failure(let error): FuzzCheck.fail("verify failed: \(error)")
        }
    }

    // MARK: The loop's parts

    private mutating func dispatch(_ action: Action) {
        let (next, effects) = AppUpdate.update(model, action)
        model = next
        for effect in effects { start(effect) }
        draw()
    }

    private mutating func start(_ effect: Effect) {
        switch effect {
        case .quit: model.quitting = true
        case .redraw: terminal.forceRedraw()
        default:
            if let kind = effect.readKind, running.contains(where: { $0.readKind == kind }) {
                if case .switchAccount = waiting[kind], case .load = effect { return }
                waiting[kind] = effect
                return
            }
            running.append(effect)
        }
    }

    /// The effect at `index` (mod the count) answers; a read answers only after the older reads
    /// of its kind, as the run loop runs them one at a time.
    private mutating func answer(_ index: Int) {
        guard !running.isEmpty else { return }
        var position = index % running.count
        if let kind = running[position].readKind, let first = running.firstIndex(where: { $0.readKind == kind }) {
            position = first
        }
        let effect = running.remove(at: position)
        let runner = EffectRunner(wallet: wallet)
        let actions = Blocking.run { await runner.perform(effect) }
        if let kind = effect.readKind, let next = waiting.removeValue(forKey: kind) { running.append(next) }
        for action in actions { dispatch(action) }
    }

    /// Renders the model as the run loop does and checks the frame fits the model's size.
    private mutating func draw() {
        if drawn == model { return }
        drawn = model
        let frame = AsciiFallback.apply(AppView.render(model), symbols: model.look.symbols)
        FuzzCheck.require(frame.width == max(0, model.width) && frame.height == max(0, model.height),
                          "a \(model.width)x\(model.height) model drew a \(frame.width)x\(frame.height) frame")
        terminal.draw(frame)
    }
}
