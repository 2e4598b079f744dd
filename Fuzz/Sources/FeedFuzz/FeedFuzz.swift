import Foundation
import FuzzSupport
import TikScoreCore

/// Fuzzes the live feed from the bytes up: `FeedJSON` (a parsed value written compactly parses
/// back the same), `FeedLineDecoder` with and without the catalog, the encoder's round trip, and
/// `StreakTracker`. `FeedApplyFuzz` takes the same inputs through `FeedApplier`.
@main
enum FeedFuzz: FuzzTarget {
    /// At most this many lines of one input reach the tracker.
    static let maxLines = 32
    /// The tracker's clock for lines without a time (2026-11-24T12:00:00Z).
    static let nowMs: Int64 = 1_795_521_600_000
    static let economy = DefaultEconomy.shared
    static let plain = FeedLineDecoder()
    static let priced = FeedLineDecoder(catalog: FeedGiftTable(economy: economy))

    static func test(_ bytes: UnsafeBufferPointer<UInt8>) {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(maxLines)
        var events: [FeedEvent] = []
        for line in lines {
            checkJSONRoundTrip(line)
            if case .success(let event) = plain.decode(bytes: line) { checkEncoderRoundTrip(event) }
            switch priced.decode(bytes: line) {
            case .success(let event): events.append(event)
            case .failure(let problem): _ = (problem.kindName, problem.message)
            }
        }
        track(events)
    }

    /// A parsed JSON text written compactly parses back to the same value.
    static func checkJSONRoundTrip(_ line: some Collection<UInt8>) {
        guard case .success(let value) = FeedJSON.parse(line) else { return }
        let text = value.compactText
        switch FeedJSON.parse(text) {
        case .success(let again): FuzzCheck.require(again == value, "compactText changed the value: \(text)")
        case .failure(let error): FuzzCheck.fail("compactText is not JSON (\(error.reason) at \(error.offset)): \(text)")
        }
    }

    /// A decoded event, encoded, decodes again, and its encoding is then stable.
    static func checkEncoderRoundTrip(_ event: FeedEvent) {
        let line = FeedLineEncoder().encode(event)
        switch plain.decode(line) {
        case .success(let again):
            FuzzCheck.require(FeedLineEncoder().encode(again) == line || seconds(event.timestamp),
                              "the encoding is not stable: \(line) -> \(FeedLineEncoder().encode(again))")
        case .failure(let problem):
            FuzzCheck.fail("the decoder refuses the encoder's line (\(problem.message)): \(line)")
        }
    }

    /// A time below 10¹¹ ms reads back as seconds (the decoder's rule for old lines), so such a
    /// time does not round-trip; nothing real is that old.
    static func seconds(_ timestamp: Int64?) -> Bool { (timestamp ?? Int64.max) < 100_000_000_000 }

    /// Every gift line through a streak tracker: no counted gift is above the highest count its
    /// streak key ever showed, and a flush leaves nothing open.
    static func track(_ events: [FeedEvent]) {
        var tracker = StreakTracker(timeoutMs: economy.rules.streakTimeoutSeconds * 1000)
        var highest: [StreakKey: Int64] = [:]
        var clock = nowMs
        for event in events {
            guard case .gift(let line) = event.kind else { continue }
            clock = event.timestamp ?? clock + 250
            let stamped = line.stamped(msgId: event.msgId, timestamp: event.timestamp)
            highest[StreakKey(line: stamped), default: 0] = max(highest[StreakKey(line: stamped)] ?? 0, stamped.repeatCount)
            check(tracker.ingest(stamped, at: clock), highest)
            _ = tracker.inProgress
        }
        check(tracker.expire(now: clock &+ 1), highest)
        check(tracker.flush(at: clock &+ 2), highest)
        FuzzCheck.require(tracker.inProgress.isEmpty, "a flush left streaks open")
    }

    static func check(_ counted: [CountedGift], _ highest: [StreakKey: Int64]) {
        for gift in counted {
            FuzzCheck.require(gift.count >= 0, "a negative count: \(gift)")
            FuzzCheck.require(gift.count <= highest[gift.streakKey] ?? 0, "counted more than the streak showed: \(gift)")
        }
    }
}
