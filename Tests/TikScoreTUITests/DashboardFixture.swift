import Foundation
import TikScoreCore
import TikScoreResources
import TikScoreStore
@testable import TikScoreTUI

/// A temporary wallet with a fixed clock (2026-11-24T12:00:00Z), optionally filled with the demo,
/// and models of the dashboard on it.
struct DashboardFixture {
    static let now = Date(timeIntervalSince1970: 1_795_521_600) // 2026-11-24T12:00:00Z

    let folder: URL
    let store: WalletStore

    init(demo: Bool = true) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tikscore-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard let catalogs = DefaultCatalogs.directory else { throw FixtureError("the default catalogs are missing") }
        let economy = try CatalogLoader.load(directory: catalogs)
        let fixed = Self.now
        store = try WalletStore(path: folder.appendingPathComponent("wallet.sqlite").path, economy: economy, clock: { fixed })
        if demo { try DemoWallet.fill(runner: store, gateway: store.gateway, today: CalendarDate(fixed)) }
    }

    var economy: Economy { store.economy }

    /// A model showing `account`'s dashboard at `width` x `height`.
    func model(account: String? = "leo", width: Int = 80, height: Int = 24, look: Look = Look(theme: .monochrome, symbols: .unicode)) throws -> AppModel {
        var model = AppModel(economy: economy, look: look, width: width, height: height, keyPrefix: "test")
        model.loading = true
        let (loaded, _) = AppUpdate.update(model, .loaded(try SnapshotLoader.load(store: store, account: account)))
        model = loaded
        return model
    }

    /// Performs `effects` against the store and feeds the resulting actions back, until none are left.
    func settle(_ model: AppModel, _ effects: [Effect]) -> AppModel {
        var m = model
        var work = effects
        let runner = EffectRunner(store: store)
        while !work.isEmpty {
            let effect = work.removeFirst()
            for action in runner.perform(effect) {
                let (next, more) = AppUpdate.update(m, action)
                m = next
                work += more
            }
        }
        return m
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Keys for a typed string.
func typing(_ text: String) -> [Action] { text.map { .key(.char($0)) } }

/// Actions for keys.
func press(_ keys: Key...) -> [Action] { keys.map { .key($0) } }
