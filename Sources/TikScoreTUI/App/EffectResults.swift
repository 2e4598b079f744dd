import TikScoreCore

/// How the results of effects (wallet reads and changes) change the model.
enum EffectResults {
    static func apply(_ m: inout AppModel, _ action: Action) -> [Effect] {
        let reload: [Effect] = [.load(account: m.accountName)]
        switch action {
        case .loaded(let snapshot): return loaded(&m, snapshot)
        case .historyLoaded(let page, let filter): m.history.received(page, filter: filter)
        case .failed(let message):
            m.loading = false
            m.status = StatusLine(message, .error)
        case .recharged(let result):
            m.recharge.finish(result)
            switch result {
            case .success(let r):
                m.status = StatusLine("Recharged \(r.points.grouped) points by \(r.method.display); balance \(r.balance.grouped) points", .success)
                return reload
            case .failure(let e): m.status = StatusLine(e.message, .error)
            }
        case .withdrawalHeld(let result):
            let next = m.withdraw.held(result)
            if case .failure(let e) = result { m.status = StatusLine(e.message, .error) }
            return next + reload
        case .withdrawalSettled(let result):
            m.withdraw.settled(result)
            switch result {
            case .success(let w) where w.status == .paid:
                m.status = StatusLine("Paid \(MoneyText.dollars(w.usd)) to \(w.paypal)", .success)
            case .success(let w):
                m.status = StatusLine("Payout failed: \(w.reason ?? "no reason given"); \(w.points.grouped) points are back in earned", .error)
            case .failure(let e): m.status = StatusLine(e.message, .error)
            }
            return reload
        case .gifted(let result):
            m.send.working = false
            switch result {
            case .success(let g):
                m.status = StatusLine("Sent \(g.giftName) ×\(g.count) to \(g.to) (\(g.points.grouped) points; \(g.to) earns \(g.creatorShare.grouped))", .success)
                AppUpdate.goHome(&m)
                return reload
            case .failure(let e): m.status = StatusLine(e.message, .error)
            }
        case .transferred(let result):
            m.send.working = false
            switch result {
            case .success(let t):
                m.status = StatusLine("Gave \(t.points.grouped) points to \(t.to); you have \(t.senderBalance.grouped) left", .success)
                AppUpdate.goHome(&m)
                return reload
            case .failure(let e): m.status = StatusLine(e.message, .error)
            }
        case .redeemed(let result):
            m.cards.working = false
            switch result {
            case .success(let r):
                m.cards.redemption = r
                m.status = StatusLine("Redeemed \(r.cardName) for \(r.points.grouped) earned points", .success)
                return reload
            case .failure(let e): m.status = StatusLine(e.message, .error)
            }
        case .accountCreated(let result):
            m.setup.working = false
            switch result {
            case .success(let account):
                m.status = StatusLine("Welcome, \(account.name)! Press r to recharge points.", .success)
                m.loading = true
                return [.switchAccount(account.name)]
            case .failure(let e): m.status = StatusLine(e.message, .error)
            }
        case .profileSaved(let result):
            m.profile.working = false
            switch result {
            case .success(let account):
                m.profile = ProfileState(account.profile)
                let report = Eligibility.evaluate(account, rules: m.economy.rules, today: m.today)
                m.status = StatusLine("Saved: \(account.name) \(report.canEarn ? "can earn" : "cannot earn") and \(report.canWithdraw ? "can withdraw" : "cannot withdraw")", .success)
                return reload
            case .failure(let e): m.status = StatusLine(e.message, .error)
            }
        case .goalSaved(let result):
            m.goal.working = false
            switch result {
            case .success(let goal):
                m.status = StatusLine(goal.map { "Goal set: " + GoalText.targets($0) } ?? "Goal cleared", .success)
                m.screen = .home
                return reload
            case .failure(let e): m.status = StatusLine(e.message, .error)
            }
        case .demoLoaded(let result):
            m.setup.working = false
            switch result {
            case .success:
                m.status = StatusLine("The demo wallet is ready: choose an account", .success)
                m.loading = true
                return [.load(account: nil)]
            case .failure(let e): m.status = StatusLine(e.message, .error)
            }
        case .recovered(let settled, let interrupted):
            if let first = interrupted.first {
                let more = interrupted.count > 1 ? " (and \(interrupted.count - 1) more)" : ""
                m.status = StatusLine("Not credited: \(first.summary), interrupted at \(Clock.hhmm(first.startedAt))\(more); "
                                      + "retry with key \(first.key) to finish it", .error)
            } else if !settled.isEmpty {
                let paid = settled.filter { $0.status == .paid }.count
                m.status = StatusLine("Finished \(settled.count) interrupted withdrawal\(settled.count == 1 ? "" : "s") (\(paid) paid)", .info)
            }
            return settled.isEmpty ? [] : reload
        default: break
        }
        return []
    }

    /// Shows `snapshot`; news since the last one goes to the status line, and to the bell and the
    /// desktop when they are on (at most once per `NotificationSettings.alertInterval`).
    private static func loaded(_ m: inout AppModel, _ snapshot: WalletSnapshot) -> [Effect] {
        m.loading = false
        let previous = m.snapshot?.account?.id
        let news = Notices.between(m.snapshot, snapshot, settings: m.notifications, economy: m.economy)
        m.snapshot = snapshot
        m.requestedAccount = nil
        if snapshot.accounts.isEmpty {
            m.screen = .setup
            return []
        }
        guard let account = snapshot.account else {
            if m.screen != .accounts {
                m.accounts = AccountsState()
                m.screen = .accounts
            }
            return []
        }
        if previous != account.id { m.home.activityScroll = 0 }
        if m.screen == .setup || (m.screen == .accounts && previous == nil) { m.screen = .home }
        m.home.activityScroll = min(m.home.activityScroll, max(0, snapshot.history.count - 1))
        guard let last = news.last else { return [] }
        m.status = StatusLine(news.count == 1 ? last : "\(last) (+\(news.count - 1) more)", .success)
        guard m.notifications.alerts, m.lastAlertAt.map({ snapshot.now.timeIntervalSince($0) >= NotificationSettings.alertInterval || snapshot.now < $0 }) ?? true else {
            return []
        }
        m.lastAlertAt = snapshot.now
        return [.alert(last, bell: m.notifications.bell, desktop: m.notifications.desktop)]
    }
}
