import Foundation
import TikScoreCore
import TikScoreResources
@testable import TikScoreTUI

/// An in-memory wallet with a fixed clock (2026-11-24T12:00:00Z), optionally filled with the demo,
/// and models of the dashboard on it.
struct DashboardFixture {
    static let now = Date(timeIntervalSince1970: 1_795_521_600) // 2026-11-24T12:00:00Z

    let wallet: InMemoryWallet

    /// A fixture whose wallet answers payments through `gateway`.
    static func make(demo: Bool = true, gateway: PaymentGateway = SandboxGateway()) async throws -> DashboardFixture {
        guard let catalogs = DefaultCatalogs.directory else { throw FixtureError("the default catalogs are missing") }
        let economy = try CatalogLoader.load(directory: catalogs)
        let fixed = Self.now
        let wallet = InMemoryWallet(economy: economy, gateway: gateway, clock: { fixed })
        if demo { try await DemoWallet.fill(runner: wallet, gateway: SandboxGateway(), today: CalendarDate(fixed)) }
        return DashboardFixture(wallet: wallet)
    }

    var economy: Economy { wallet.economy }

    /// A model showing `account`'s dashboard at `width` x `height`.
    func model(account: String? = "leo", width: Int = 80, height: Int = 24, look: Look = Look(theme: .monochrome, symbols: .unicode)) async throws -> AppModel {
        var model = AppModel(economy: economy, look: look, width: width, height: height, keyPrefix: "test")
        model.loading = true
        let (loaded, _) = AppUpdate.update(model, .loaded(try await SnapshotLoader.load(wallet: wallet, account: account)))
        model = loaded
        return model
    }

    /// Performs `effects` against the wallet and feeds the resulting actions back, until none are left.
    func settle(_ model: AppModel, _ effects: [Effect]) async -> AppModel {
        var m = model
        var work = effects
        let runner = EffectRunner(wallet: wallet)
        while !work.isEmpty {
            let effect = work.removeFirst()
            for action in await runner.perform(effect) {
                let (next, more) = AppUpdate.update(m, action)
                m = next
                work += more
            }
        }
        return m
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
