/// Battle lines (`linkMicBattle`, `linkMicArmies`) in every connector's shape.
extension FeedLineDecoder {
    private enum BattleStep { case start, end, other(String) }

    /// The step of a `linkMicBattle` line, from `action` / `battleAction` / `battleStatus` /
    /// `status`: absent, `4`, `OPEN`, `BATTLE_ACTION_OPEN`, `BATTLE_ONGOING`, `start` → started;
    /// `5`, `6`, `FINISH`, `CUT_SHORT`, `BATTLE_ACTION_FINISH`, `BATTLE_FINISHED`, `end` → ended;
    /// anything else → a notice.
    private func battleStep(_ data: FeedFields) throws(FeedProblem) -> BattleStep {
        guard let value = data.raw(["action", "battleAction", "battleStatus", "status"]) else { return .start }
        switch value {
        case .number(let text):
            switch text {
            case "4": return .start
            case "5", "6": return .end
            default: return .other(text)
            }
        case .string(let text):
            var upper = text.uppercased()
            for prefix in ["LINK_MIC_BATTLE_BATTLE_ACTION_", "BATTLE_ACTION_"] where upper.hasPrefix(prefix) {
                upper = String(upper.dropFirst(prefix.count))
            }
            if ["OPEN", "START", "STARTED", "BATTLE_ONGOING", "ONGOING", "4"].contains(upper) { return .start }
            if ["FINISH", "END", "ENDED", "CUT_SHORT", "BATTLE_FINISHED", "FINISHED", "5", "6"].contains(upper) { return .end }
            return .other(text)
        default:
            throw FeedProblem(.wrongType("action"), detail: value.compactText)
        }
    }

    /// The battle's id: `battleId`, else `id` (TikTokLive 6.0–6.3).
    private func battleID(_ data: FeedFields) throws(FeedProblem) -> String? {
        if let id = FeedEnvelope.nonDefault(try data.id("battleId")) { return id }
        return FeedEnvelope.nonDefault(try data.id("id", label: "battleId"))
    }

    /// A `linkMicBattle` line. Hosts from `battleUsers` / `hosts` (1.x: a list of users),
    /// `anchorInfo` (2.0–2.2: a map by user id of `{user}`; TikTokLive 6.4–6.6: a list of
    /// `{userId, userInfo: {user}}`), `anchorsInfo` (2.3+, TikTokLive v7: `[{key, value: {user}}]`)
    /// or `hostTeam[].hostGroup[].host[]` (TikTokLive 6.0–6.3). The length from
    /// `battleSetting.duration` (seconds). Final scores (on end) from `battleResult`, the armies, or
    /// `hostTeam[].hostGroup[].points`.
    func decodeBattle(_ data: FeedFields) throws(FeedProblem) -> FeedEventKind {
        let battleId = try battleID(data)
        switch try battleStep(data) {
        case .start:
            let setting = try data.object("battleSetting", "battleSettings", label: "battleSetting")
            let seconds = try setting?.int("duration", label: "battleSetting.duration")
            if let seconds { try checkCount(seconds, "battleSetting.duration") }
            return .battleStarted(battleId: battleId, hosts: try decodeHosts(data), seconds: seconds.flatMap { $0 > 0 ? $0 : nil })
        case .end:
            var scores = try decodeScores(data, names: ["battleResult"]) ?? []
            if scores.isEmpty { scores = try decodeScores(data, names: ["battleArmies", "armies", "battleItems"]) ?? [] }
            if scores.isEmpty { scores = try hostTeamScores(data) }
            return .battleEnded(battleId: battleId, scores: scores)
        case .other(let action):
            return .battleNotice(battleId: battleId, action: action)
        }
    }

    /// A `linkMicArmies` line: each side's running total, from `battleArmies` / `armies` /
    /// `battleItems`. A line that says the battle is over (`battleStatus` 2 or `ARMY_FINISHED`,
    /// `triggerReason` `TRIGGER_REASON_BATTLE_END` or 2) carries the final totals.
    func decodeArmies(_ data: FeedFields, protobufDefaults: Bool) throws(FeedProblem) -> FeedEventKind {
        let battleId = try battleID(data)
        guard let scores = try decodeScores(data, names: ["battleArmies", "armies", "battleItems"]) else {
            if protobufDefaults { return .battleScores(battleId: battleId, scores: []) }
            throw FeedProblem(.missingField("battleArmies"))
        }
        let finalMarks = ["2", "ARMY_FINISHED", "TRIGGER_REASON_BATTLE_END", "BATTLE_END"]
        var final = false
        for name in ["battleStatus", "triggerReason"] {
            switch data.raw([name]) {
            case .number(let text)?, .string(let text)?: final = final || finalMarks.contains(text.uppercased())
            default: break
            }
        }
        return final ? .battleEnded(battleId: battleId, scores: scores) : .battleScores(battleId: battleId, scores: scores)
    }

    private func decodeHosts(_ data: FeedFields) throws(FeedProblem) -> [BattleHost] {
        if let list = data.raw(["battleUsers", "hosts"]) {
            return try objects(list, "battleUsers").map { fields throws(FeedProblem) in
                var user = try userFields(fields, prefix: "battleUsers.")
                if let nested = try fields.object("user") { user = merged(user, try userFields(nested, prefix: "battleUsers.user.")) }
                return BattleHost(user: user)
            }
        }
        if let list = data.raw(["anchorsInfo"]) {
            return try objects(list, "anchorsInfo").map { wrapper throws(FeedProblem) in
                let key = FeedEnvelope.nonDefault(try wrapper.id("key", label: "anchorsInfo.key"))
                var user = FeedUser(userId: key)
                if let inner = try wrapper.object("value", label: "anchorsInfo.value")?.object("user", label: "anchorsInfo.value.user") {
                    user = merged(try userFields(inner, prefix: "anchorsInfo.value.user."), user)
                }
                return BattleHost(user: user)
            }
        }
        if let value = data.raw(["anchorInfo"]) {
            var hosts: [BattleHost] = []
            switch value {
            case .object(let members):
                for key in members.keys.sorted() {
                    guard case .object(let entry)? = members[key] else { throw FeedProblem(.wrongType("anchorInfo"), detail: key) }
                    hosts.append(BattleHost(user: try anchor(FeedFields(entry), key: key)))
                }
            case .array:
                for entry in try objects(value, "anchorInfo") {
                    hosts.append(BattleHost(user: try anchor(entry, key: nil)))
                }
            default:
                throw FeedProblem(.wrongType("anchorInfo"), detail: value.compactText)
            }
            return hosts
        }
        if data.raw(["hostTeam"]) != nil {
            return try hostTeamHosts(data).map { BattleHost(user: $0.user) }
        }
        return []
    }

    /// One `anchorInfo` entry: `{user}` (2.x map, keyed by id) or `{userId, userInfo: {user}}`.
    private func anchor(_ entry: FeedFields, key: String?) throws(FeedProblem) -> FeedUser {
        let id = FeedEnvelope.nonDefault(try entry.id("userId", label: "anchorInfo.userId"))
        var user = FeedUser(userId: id ?? key)
        var nested = try entry.object("user", label: "anchorInfo.user")
        if nested == nil { nested = try entry.object("userInfo", label: "anchorInfo.userInfo")?.object("user", label: "anchorInfo.userInfo.user") }
        if let nested { user = merged(try userFields(nested, prefix: "anchorInfo.user."), user) }
        return user
    }

    /// TikTokLive 6.0–6.3 teams: each `hostTeam[].hostGroup[]` names its host and, on the
    /// finished battle, its points.
    private func hostTeamHosts(_ data: FeedFields) throws(FeedProblem) -> [(user: FeedUser, points: Int64?)] {
        guard let teams = data.raw(["hostTeam"]) else { return [] }
        var found: [(user: FeedUser, points: Int64?)] = []
        for team in try objects(teams, "hostTeam") {
            guard let groups = team.raw(["hostGroup"]) else { continue }
            for group in try objects(groups, "hostTeam.hostGroup") {
                var user = FeedUser(userId: FeedEnvelope.nonDefault(try group.id("hostId", label: "hostTeam.hostGroup.hostId")))
                if let hosts = group.raw(["host"]), let first = try objects(hosts, "hostTeam.hostGroup.host").first {
                    let named = FeedUser(userId: FeedEnvelope.nonDefault(try first.id("id", label: "host.id")),
                                         uniqueId: try first.string("profileId", label: "host.profileId"),
                                         nickname: try first.string("name", label: "host.name"))
                    user = merged(named, user)
                }
                let points = try group.int("points", label: "hostTeam.hostGroup.points")
                if let points { try checkCount(points, "hostTeam.hostGroup.points") }
                found.append((user, points))
            }
        }
        return found
    }

    private func hostTeamScores(_ data: FeedFields) throws(FeedProblem) -> [BattleScore] {
        try hostTeamHosts(data).compactMap { entry in
            guard let points = entry.points, let id = entry.user.userId ?? entry.user.uniqueId else { return nil }
            return BattleScore(hostId: id, points: points)
        }
    }

    /// Per-side totals from a list `[{hostUserId, points}]` or a map `{hostId: {hostscore}}`.
    private func decodeScores(_ data: FeedFields, names: [String]) throws(FeedProblem) -> [BattleScore]? {
        guard let value = data.raw(names) else { return nil }
        let label = names.first ?? "battleArmies"
        var scores: [BattleScore] = []
        switch value {
        case .array:
            for side in try objects(value, label) {
                guard let host = FeedEnvelope.nonDefault(try side.id("hostUserId", "userId", "anchorIdStr", "hostId", label: label + ".hostUserId")) else {
                    throw FeedProblem(.missingField(label + ".hostUserId"))
                }
                guard let points = try sidePoints(side, label: label) else {
                    throw FeedProblem(.missingField(label + ".points"))
                }
                scores.append(BattleScore(hostId: host, points: points))
            }
        case .object(let members):
            for key in members.keys.sorted() {
                guard let entry = members[key], case .object(let inner) = entry else {
                    throw FeedProblem(.wrongType(label), detail: key)
                }
                let side = FeedFields(inner)
                let host = FeedEnvelope.nonDefault(try side.id("anchorIdStr", "userId", "hostUserId", label: label + ".hostUserId")) ?? key
                // Protobuf JSON drops a zero score, so an absent score is 0 here.
                scores.append(BattleScore(hostId: host, points: try sidePoints(side, label: label) ?? 0))
            }
        default:
            throw FeedProblem(.wrongType(label), detail: value.compactText)
        }
        return scores
    }

    /// A side's points: `points` / `score` / `hostScore` / `hostscore`, else the sum of
    /// `battleGroups[].points` (TikTokLive 6.0–6.3), else a nested `userArmies.hostScore`
    /// (TikTokLive 6.4–6.6 final armies).
    private func sidePoints(_ side: FeedFields, label: String) throws(FeedProblem) -> Int64? {
        var points = try side.int("points", "score", "hostScore", "hostscore", label: label + ".points")
        if points == nil, let groups = side.raw(["battleGroups"]) {
            var sum: Int64 = 0
            for group in try objects(groups, label + ".battleGroups") {
                let part = try group.int("points", label: label + ".battleGroups.points") ?? 0
                try checkCount(part, label + ".battleGroups.points")
                let (total, overflow) = sum.addingReportingOverflow(part)
                if overflow { throw FeedProblem(.overflow(label + ".points")) }
                sum = total
            }
            points = sum
        }
        if points == nil, case .object(let members)? = side.raw(["userArmies"]) {
            points = try FeedFields(members).int("hostScore", "hostscore", label: label + ".userArmies.hostScore")
        }
        if let points { try checkCount(points, label + ".points") }
        return points
    }

    /// The members of a list of objects.
    private func objects(_ value: FeedJSON, _ label: String) throws(FeedProblem) -> [FeedFields] {
        guard case .array(let items) = value else { throw FeedProblem(.wrongType(label), detail: value.compactText) }
        var out: [FeedFields] = []
        for item in items {
            guard case .object(let members) = item else { throw FeedProblem(.wrongType(label), detail: item.compactText) }
            out.append(FeedFields(members))
        }
        return out
    }
}
