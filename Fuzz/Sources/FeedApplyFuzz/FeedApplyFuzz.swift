import Foundation
import FuzzSupport
import TikScoreCore

/// Fuzzes `FeedApplier`, the trust model and the wallet's feed commands: the lines of one input
/// go to a fresh in-memory wallet, one event per transaction or in batches (the group commit of
/// `tikscore feed`: the batch size is 1 + the input's length mod 4, so both paths get inputs).
@main
enum FeedApplyFuzz: FuzzTarget {
    /// At most this many lines of one input are applied.
    static let maxLines = 64
    /// The wallet's clock, as `tikscore feed` passes it (2026-11-24T12:00:00Z).
    static let nowMs: Int64 = 1_795_521_600_000
    static let economy = DefaultEconomy.shared

    static func test(_ bytes: UnsafeBufferPointer<UInt8>) {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(maxLines)
        apply(lines.map { String(decoding: $0, as: UTF8.self) }, batchLimit: 1 + bytes.count % 4)
    }

    /// The lines through `FeedApplier` on a fresh in-memory wallet: whatever they say, the
    /// ledger verifies afterwards and the creator's earnings never go below zero.
    static func apply(_ lines: [String], batchLimit: Int) {
        let problems = Blocking.run { () async -> [String] in
            let wallet = InMemoryWallet(economy: economy, secret: secret,
                                        clock: { Date(timeIntervalSince1970: Double(nowMs) / 1000) })
            do {
                let leo = try await wallet.createAccount(name: "leo", profile: creator)
                var applier = FeedApplier(runner: wallet, creator: leo, batchLimit: batchLimit)
                for line in lines { await applier.apply(line: line, nowMs: nowMs) }
                await applier.finish(nowMs: nowMs)
                _ = applier.report.summary
                let earned = try await wallet.balance(of: leo.earnedAccount)
                let report = try await wallet.verify(full: true)
                return report.problems + (earned < .zero ? ["leo's earnings are negative: \(earned)"] : [])
            } catch {
                return ["the wallet failed: \(error)"]
            }
        }
        FuzzCheck.require(problems.isEmpty, "after the feed: \(problems)")
    }

    /// A fixed secret, so one input always gives the same fingerprints.
    static let secret = WalletSecret(hex: String(repeating: "07", count: 32)) ?? .random()

    /// An eligible creator known by TikTok id and handle, so battle lines match a side.
    static var creator: AccountProfile {
        AccountProfile(role: .creator, followers: 100_001, birthDate: CalendarDate(year: 1990, month: 6, day: 15),
                       createdOn: CalendarDate(year: 2024, month: 1, day: 1), business: true, creatorNext: true,
                       lastUpload: CalendarDate(year: 2026, month: 11, day: 20), tiktokID: "6900000000000000001", tiktokHandle: "leo")
    }
}
