import Foundation
import FuzzSupport
import TikScoreCore
import TikScoreResources

/// Fuzzes `CatalogLoader` through its one entry point, a folder: a private copy of the default
/// catalogs (with a shorter gift list, see `trimGifts`) gets the input as one of its files, then loads. A folder that loads is then used:
/// every conversion, the feed's gift table and prices, and the demo wallet filled through
/// ordinary commands on an in-memory wallet, whose ledger must verify. A refusal (a thrown
/// error) is fine; a trap is a finding.
@main
enum CatalogFuzz: FuzzTarget {
    /// The private copy, made once per run.
    static let folder: URL = {
        guard let defaults = DefaultCatalogs.directory else { FuzzCheck.fail("the default catalogs are missing") }
        let copy = FileManager.default.temporaryDirectory
            .appendingPathComponent("tikscore-catalog-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: copy)
        do { try FileManager.default.copyItem(at: defaults, to: copy) } catch { FuzzCheck.fail("cannot copy the catalogs: \(error)") }
        trimGifts(in: copy)
        return copy
    }()

    /// Keeps the first `baselineGifts` gifts of the copy: parsing the whole list (about a
    /// thousand gifts) for every input would cost ten times the rest of the work. An input for
    /// gifts.json replaces the list anyway.
    static let baselineGifts = 48

    static func trimGifts(in folder: URL) {
        let url = folder.appendingPathComponent("gifts.json")
        guard let data = FileManager.default.contents(atPath: url.path),
              case .success(.array(let gifts)) = FeedJSON.parse(data) else { FuzzCheck.fail("the default gifts.json is not a list") }
        write(Data(FeedJSON.array(Array(gifts.prefix(baselineGifts))).compactText.utf8), to: url)
    }

    /// Each file's default text, to put back after every input.
    static let originals: [String: Data] = Dictionary(uniqueKeysWithValues: CatalogLoader.fileNames.map { name in
        (name, FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) ?? Data())
    })

    /// The clock of the demo wallet (2026-11-24T12:00:00Z).
    static let now = Date(timeIntervalSince1970: 1_795_521_600)

    static func test(_ bytes: UnsafeBufferPointer<UInt8>) {
        var input = FuzzInput(bytes)
        let names = CatalogLoader.fileNames
        let name = names[input.int(in: 0...names.count - 1)]
        let text = Data(input.rest())
        let url = folder.appendingPathComponent(name)
        write(text, to: url)
        defer { write(originals[name] ?? Data(), to: url) }
        if name == "gifts.json" { _ = FeedGiftTable.decodeJSON(text) }
        let economy: Economy
        do {
            economy = try CatalogLoader.load(directory: folder)
        } catch let error as CatalogError {
            FuzzCheck.require(names.contains(error.file),
                              "the error names no catalog file: \(error)")
            return
        } catch {
            FuzzCheck.fail("not a CatalogError: \(error)")
        }
        convert(economy)
        price(economy)
        fillDemo(economy)
    }

    static func write(_ data: Data, to url: URL) {
        do { try data.write(to: url) } catch { FuzzCheck.fail("cannot write \(url.path): \(error)") }
    }

    /// Every conversion a screen or command makes, on every catalog item.
    static func convert(_ economy: Economy) {
        let rules = economy.rules
        var amounts: [Points] = [rules.minimumWithdrawal, rules.followerPoints]
        amounts += economy.gifts.prefix(64).compactMap { try? Points(whole: $0.points) }
        amounts += economy.packages.compactMap { try? Points(whole: $0.points) }
        amounts += economy.cards.compactMap { try? Points(whole: $0.points) }
        for points in amounts {
            _ = try? economy.split(gift: points)
            _ = economy.diamonds(of: points)
            if let usd = try? economy.usd(of: points) {
                _ = try? economy.points(fromUSD: usd)
                for currency in economy.currencies { _ = try? economy.convert(usd: usd, to: currency) }
            }
        }
        for card in economy.cards { _ = try? economy.points(fromUSD: card.valueUSD) }
        for package in economy.packages { _ = try? economy.package(named: package.id) }
        // Finding by name normalises every name of the catalog: a few are enough.
        for gift in economy.gifts.prefix(4) { _ = try? economy.gift(named: gift.name) }
        for card in economy.cards { _ = try? economy.card(named: card.name) }
        for currency in economy.currencies { _ = try? economy.currency(code: currency.code) }
    }

    /// The feed's view of the catalog: its gift table and the trust model's prices.
    static func price(_ economy: Economy) {
        let table = FeedGiftTable(economy: economy)
        for gift in economy.gifts.prefix(64) {
            FuzzCheck.require(table.gift(id: gift.id) != nil, "gift \(gift.id) is not in the feed's table")
            _ = try? economy.feedPrice(giftID: gift.id, declared: gift.points)
            _ = try? economy.feedPrice(giftID: gift.id, declared: nil)
            _ = try? economy.checkFeedCount(gift.points)
        }
        _ = try? economy.feedPrice(giftID: -1, declared: economy.maxGiftPoints)
        _ = economy.panelGifts
    }

    /// The demo history through ordinary commands; a refusal stops it, the ledger must verify.
    static func fillDemo(_ economy: Economy) {
        let problems = Blocking.run { () async -> [String] in
            let wallet = InMemoryWallet(economy: economy, clock: { now })
            _ = try? await DemoWallet.fill(runner: wallet, gateway: SandboxGateway(), today: CalendarDate(now))
            do { return try await wallet.verify(full: true).problems } catch { return ["verify failed: \(error)"] }
        }
        FuzzCheck.require(problems.isEmpty, "the demo wallet does not verify: \(problems)")
    }
}
