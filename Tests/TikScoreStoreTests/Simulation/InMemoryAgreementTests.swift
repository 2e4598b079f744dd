import Foundation
import TikScoreTestSupport
import XCTest
import TikScoreCore
import TikScoreStore

/// What one step gave, compared between the two wallets.
enum AgreementResult: Equatable, CustomStringConvertible {
    case outcome(CommandOutcome)
    case recharge(RechargeReceipt)
    case withdrawal(Withdrawal)
    case refused(WalletError.Code)

    var description: String {
        switch self {
        case .outcome(let o): return "outcome \(o)"
        case .recharge(let r): return "recharge \(r)"
        case .withdrawal(let w): return "withdrawal \(w)"
        case .refused(let code): return "refused \(code.rawValue)"
        }
    }

    var succeeded: Bool { if case .refused = self { return false } else { return true } }
}

/// The differential check: the same seeded random operations against the in-memory wallet and the
/// SQLite store; both must answer alike at every step (sessions and battles included), and both
/// ledgers must stay sound. Both sides share `WalletMachine.decide`, so this proves the stores
/// agree, not that the rules are right: `WalletSimulationTests` checks the rules against an
/// independent auditor.
final class InMemoryAgreementTests: XCTestCase {
    private enum Operation {
        case command(Command, key: String)
        case rechargeFlow(account: String, amount: RechargeAmount, payment: PaymentDetails, key: String)
        case withdrawalFlow(account: String, points: Points, paypal: String, key: String)
        case holdOnly(account: String, points: Points, paypal: String, key: String)
        case settle(withdrawalID: String, key: String)
    }

    func testRandomOperationsAgreeAndKeepTheLedgerSound() async throws {
        for seed: UInt64 in [0x7153_C0DE, 42, 2_026] {
            try await simulate(seed: seed, steps: 2_500)
        }
    }

    private func simulate(seed: UInt64, steps: Int) async throws {
        var random = SimulationRandom(seed: seed)
        let clock = SimulationClock(StoreFixtures.now)
        let memory = WalletUnderTest.memory(clock: { clock.now })
        let path = StoreFixtures.temporaryWalletPath()
        defer { StoreFixtures.removeWallet(at: path) }
        let store = WalletUnderTest.sqlite(try WalletStore(path: path, economy: StoreFixtures.economy, clock: { clock.now }))
        let gateway = SandboxGateway()

        let namePool = ["ana", "leo", "mia", "noa", "Zoé", "kai", "李雷", "omar", "sara", "tom", "uma", "vic"]
        var names: [String] = []                       // accounts that exist (as created)
        var history: [(key: String, command: Command)] = []
        var pendingIDs: [String] = []
        var liveNames: [String] = []
        var successes = 0
        var counts: [String: Int] = [:]

        func someName() -> String {
            if names.isEmpty || random.chance(4) { return random.pick(["ghost", "nobody", ""]) }
            let name = random.pick(names)
            // The same account in another case, sometimes.
            return random.chance(20) ? name.uppercased() : name
        }
        func someDate(daysAgo range: ClosedRange<Int64>) -> CalendarDate {
            CalendarDate(clock.now).adding(days: -Int(random.int(range)))
        }
        func someProfile() -> AccountProfile {
            // Half are creators who meet every condition; the rest break one or more at random.
            var profile = AccountProfile(role: .creator, followers: random.int(100_001...400_000),
                                         birthDate: someDate(daysAgo: 6_600...20_000), createdOn: someDate(daysAgo: 30...400),
                                         business: true, creatorNext: true, lastUpload: someDate(daysAgo: 0...5))
            guard random.chance(50) else { return profile }
            if random.chance(30) { profile.role = .supporter }
            if random.chance(20) { profile.followers = random.int(99_998...100_002) }
            if random.chance(15) { profile.birthDate = random.chance(50) ? nil : someDate(daysAgo: 6_560...6_580) }  // about 18
            if random.chance(15) { profile.createdOn = random.chance(50) ? nil : someDate(daysAgo: 28...31) }
            if random.chance(10) { profile.business = false }
            if random.chance(10) { profile.creatorNext = false }
            if random.chance(15) { profile.lastUpload = random.chance(30) ? nil : someDate(daysAgo: -1...32) }
            return profile
        }
        func somePoints(typical: ClosedRange<Int64>) -> Points {
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<3: return .zero
            case 3..<5: return Points(units: -random.int(1...10_000))
            case 5..<7: return Points(units: Int64.max - random.int(0...10))
            case 7..<12: return Points(units: random.int(1...99))      // fractions of a point
            case 12..<17: return Points(units: (random.int(typical) * StoreFixtures.economy.centStep + 1) * 100)   // not whole cents
            default: return Points(units: random.int(typical) * StoreFixtures.economy.centStep * 100)
            }
        }
        func somePaypal() -> String {
            random.pick(["\(someName())@example.com", "payee@fail.example", "not-an-email", "x@example.org"])
        }

        for step in 0..<steps {
            clock.advance(seconds: Int(random.int(1...1_800)))
            let key = "s\(seed)-\(step)"
            let operation: Operation
            let roll = Int.random(in: 0..<100, using: &random)
            switch roll {
            case 0..<8:
                let name = names.isEmpty || random.chance(80) ? random.pick(namePool) + (random.chance(30) ? "\(random.int(1...9))" : "")
                                                             : someName().uppercased()
                operation = .command(.createAccount(name: name, profile: someProfile()), key: key)
            case 8..<12:
                var patch = ProfilePatch()
                if random.chance(50) { patch.followers = random.int(99_999...100_002) }
                if random.chance(70) { patch.lastUpload = someDate(daysAgo: 0...35) }
                if random.chance(20) { patch.role = random.pick([.creator, .supporter]) }
                if random.chance(10) { patch.followers = -1 }
                operation = .command(.updateAccount(name: someName(), patch: patch), key: key)
            case 12..<24:
                operation = .command(.recharge(account: someName(), points: somePoints(typical: 1...30_000), packageID: nil,
                                               payment: .card(number: "4242424242424242"), reference: "ref-\(step)"), key: key)
            case 24..<30:
                let amount: RechargeAmount = random.chance(60) ? .package(random.pick(["p70", "p700", "Mega", "p3500", "nope"]))
                                                               : .custom(random.int(0...40_000))
                let payment: PaymentDetails = random.pick([.card(number: "4242 4242 4242 4242"), .card(number: "4000000000000002"),
                                                           .card(number: "4242424242424241"), .paypal(email: "fan@example.com"),
                                                           .paypal(email: "fan@fail.example"), .paypal(email: "fan@")])
                operation = .rechargeFlow(account: someName(), amount: amount, payment: payment, key: key)
            case 30..<46:
                let gift = random.chance(95) ? random.pick(StoreFixtures.economy.gifts).id : 12_345
                let count = random.chance(95) ? random.int(1...20) : random.pick([0, -1, Int64.max / 3])
                operation = .command(.sendGift(from: someName(), to: someName(), giftID: gift, count: count), key: key)
            case 46..<56:
                operation = .command(.transferPoints(from: someName(), to: someName(), points: somePoints(typical: 1...3_000)), key: key)
            case 56..<64:
                let viewer = "@viewer\(random.int(1...12))"
                func liveName() -> String { liveNames.isEmpty || random.chance(25) ? someName() : random.pick(liveNames) }
                switch Int.random(in: 0..<100, using: &random) {
                case 0..<22:
                    let name = someName()
                    operation = .command(random.chance(75) ? .liveStart(creator: name) : .liveStop(creator: liveName()), key: key)
                case 22..<40:
                    let gift = random.pick(StoreFixtures.economy.gifts)
                    let count = random.chance(95) ? random.int(1...60) : random.pick([0, -3, Int64.max / 2])
                    operation = .command(.feed(creator: liveName(), effect: .gift(giftID: gift.id, name: gift.name, unitPoints: gift.points,
                                                                                  count: count, gifter: viewer)), key: key)
                case 40..<48:
                    operation = .command(.battleStart(left: liveName(), right: liveName(), seconds: random.int(30...1_200)), key: key)
                case 48..<52:
                    operation = .command(.battleEnd(creator: random.chance(60) ? liveName() : nil), key: key)
                case 52..<56:
                    operation = .command(.settleBattles, key: key)
                case 56..<68:
                    let effect: FeedEffect = random.pick([
                        .viewers(random.int(0...5_000)), .likes(random.int(1...300)), .joins(1), .shares(1), .follow(count: random.int(1...5)),
                        .streak(giftID: 5655, name: "Rose", unitPoints: 1, count: random.int(1...40), gifter: viewer),
                        .badLine(kind: "notJSON"), .battleStarted(opponent: liveName()),
                        .battleScores(mine: random.int(0...5_000), theirs: random.int(0...5_000), opponent: nil, final: random.chance(30)),
                        .streamEnded,
                    ])
                    operation = .command(.feed(creator: liveName(), effect: effect), key: key)
                default:
                    let count = random.chance(97) ? random.int(1...15_000) : random.pick([0, Int64.max])
                    operation = .command(.liveFollowers(creator: someName(), count: count), key: key)
                }
            case 64..<70:
                operation = .command(.redeem(account: someName(), cardID: random.pick(["amc", "uber", "Sephora", "walmart", "nope"])), key: key)
            case 70..<78:
                operation = .withdrawalFlow(account: someName(), points: somePoints(typical: random.chance(25) ? 100...19_999 : 20_000...40_000), paypal: somePaypal(), key: key)
            case 78..<83:
                operation = .holdOnly(account: someName(), points: somePoints(typical: random.chance(25) ? 100...19_999 : 20_000...30_000), paypal: somePaypal(), key: key)
            case 83..<88:
                let id = pendingIDs.isEmpty || random.chance(10) ? "w-unknown" : random.pick(pendingIDs)
                operation = .settle(withdrawalID: id, key: key)
            default:
                // A repeated key: the same command again, or another command under it.
                guard let old = history.isEmpty ? nil : random.pick(history) else { continue }
                let command: Command = random.chance(70) ? old.command : .liveFollowers(creator: someName(), count: 1)
                operation = .command(command, key: old.key)
            }

            let first = await perform(operation, on: memory.runner, gateway: gateway)
            let second = await perform(operation, on: store.runner, gateway: gateway)
            guard first == second else {
                XCTFail("seed \(seed) step \(step): \(operation)\n in-memory: \(first)\n sqlite:    \(second)")
                return
            }
            if first.succeeded { successes += 1 }
            let label: String
            switch first {
            case .refused(let code): label = code.rawValue
            default: label = "ok"
            }
            counts[label, default: 0] += 1

            switch (operation, first) {
            case (.command(let command, let key), _):
                if first.succeeded, !history.contains(where: { $0.key == key }) { history.append((key, command)) }
                if case .outcome(.account(let account)) = first, !names.contains(account.name) { names.append(account.name) }
                if case .outcome(.live(let session)) = first {
                    liveNames.removeAll { $0 == session.creatorName }
                    if session.isLive { liveNames.append(session.creatorName) }
                }
                // A feed event opens the next session of a creator who is off-air, and streamEnd closes it.
                if case .outcome(.feed(let receipt)) = first, receipt.sessionID != nil, case .feed(let creator, _, _) = command,
                   let name = names.first(where: { NameKey.of($0) == NameKey.of(creator) }) {
                    liveNames.removeAll { $0 == name }
                    if receipt.sessionLive { liveNames.append(name) }
                }
            case (.holdOnly, .withdrawal(let w)):
                pendingIDs.append(w.id)
            case (.settle(let id, _), .withdrawal):
                pendingIDs.removeAll { $0 == id }
            default:
                break
            }

            if step % 100 == 99 {
                await XCTAssertEqualAsync(try await memory.audit(), [], "seed \(seed) step \(step)")
                await XCTAssertEqualAsync(try await store.audit(), [], "seed \(seed) step \(step)")
            }
        }

        let a = try await memory.snapshot()
        let b = try await store.snapshot()
        XCTAssertEqual(a.accounts, b.accounts)
        XCTAssertEqual(a.balances, b.balances)
        XCTAssertEqual(a.transfers, b.transfers)
        XCTAssertEqual(a.withdrawals, b.withdrawals)
        XCTAssertEqual(a.redemptions, b.redemptions)
        let memorySessions = try await memory.runner.sessions(of: nil, limit: 100_000).sorted { $0.id < $1.id }
        let memoryBattles = try await memory.runner.battles(limit: 100_000).sorted { $0.id < $1.id }
        await XCTAssertEqualAsync(try await store.runner.sessions(of: nil, limit: 100_000).sorted { $0.id < $1.id }, memorySessions, "seed \(seed): sessions")
        await XCTAssertEqualAsync(try await store.runner.battles(limit: 100_000).sorted { $0.id < $1.id }, memoryBattles, "seed \(seed): battles")
        XCTAssertGreaterThan(memoryBattles.filter { !$0.isRunning }.count, 0, "seed \(seed): no battle was settled; \(memoryBattles.count) battles, \(memorySessions.count) sessions")
        await XCTAssertEqualAsync(try await memory.audit(), [])
        await XCTAssertEqualAsync(try await store.audit(), [])
        XCTAssertTrue(a.balances.allSatisfy { !$0.key.isUser || $0.value.units >= 0 })
        XCTAssertEqual(a.balances.values.reduce(Int64(0)) { $0 + $1.units }, 0)
        // The run exercised the wallet: many successes, many kinds of refusals, money in every place.
        XCTAssertGreaterThan(successes, steps / 5, "\(counts)")
        for code: WalletError.Code in [.unknownAccount, .duplicateAccount, .insufficientPoints, .notEligible, .invalidAmount,
                                       .keyReused, .paymentDeclined, .invalidCard, .invalidEmail, .belowMinimum] {
            XCTAssertGreaterThan(counts[code.rawValue] ?? 0, 0, "seed \(seed) never saw \(code): \(counts)")
        }
        for account: LedgerAccount in [.commission, .followerRewards, .payouts, .giftCards, .sales, .externalFeed] {
            XCTAssertNotEqual(a.balances[account] ?? .zero, .zero, "seed \(seed): nothing reached \(account)")
        }
    }

    private func perform(_ operation: Operation, on runner: any WalletService, gateway: PaymentGateway) async -> AgreementResult {
        do {
            switch operation {
            case .command(let command, let key):
                return .outcome(try await runner.run(command, key: key))
            case .rechargeFlow(let account, let amount, let payment, let key):
                return .recharge(try await RechargeFlow(runner: runner, gateway: gateway).run(account: account, amount: amount, payment: payment, key: key))
            case .withdrawalFlow(let account, let points, let paypal, let key):
                return .withdrawal(try await WithdrawalFlow(runner: runner, gateway: gateway).run(account: account, points: points, paypal: paypal, key: key))
            case .holdOnly(let account, let points, let paypal, let key):
                return .withdrawal(try await WithdrawalFlow(runner: runner, gateway: gateway).hold(account: account, points: points, paypal: paypal, key: key))
            case .settle(let id, let key):
                guard let pending = try await runner.withdrawal(id: id) else {
                    return .outcome(try await runner.run(.settleWithdrawal(id: id, answer: .approved(reference: "x")), key: key))
                }
                return .withdrawal(try await WithdrawalFlow(runner: runner, gateway: gateway).settle(pending))
            }
        } catch let error as WalletError {
            return .refused(error.code)
        } catch {
            return .refused(.storage)
        }
    }
}
