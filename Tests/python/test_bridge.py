"""Tests for scripts/tiktoklive-bridge.py, built on TikTokLive v7's own event classes.

Run from the repository root:

    python3 -m pip install 'TikTokLive>=7,<8' pytest
    python3 -m pytest Tests/python

Each event is made the way TikTokLiveClient makes it: the upstream protobuf message is
serialised to bytes and parsed by the event class (`GiftEvent().parse(payload)`). The lines
are compared with Tests/Fixtures/tiktoklive-sample.jsonl, which the Swift tests decode to exact
totals. Set TIKSCORE_REGENERATE=1 to rewrite that fixture.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import pathlib

import pytest

tiktoklive = pytest.importorskip("TikTokLive")

from TikTokLive import events as ev  # noqa: E402
from TikTokLiveProto.v3.webcast.im import ControlAction, LinkMicBattleBattleAction  # noqa: E402
from TikTokLiveProto.v3.webcast.model import Gift  # noqa: E402
from TikTokLiveProto.v3.webcast.model import message as m  # noqa: E402
from TikTokLiveProto.v3.webcast.model.base.user import User  # noqa: E402
from TikTokLiveProto.v3.webcast.model.live.match import BattleBaseUserInfo, BattleUserInfo  # noqa: E402
from TikTokLiveProto.v3.webcast.model.message.battle import (  # noqa: E402
    BattleResult,
    BattleUserArmies,
    BattleUserArmy,
    BattleUserInfoWrapper,
)
from TikTokLiveProto.v3.webcast.shared.message import CommonMessageData  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "Tests" / "Fixtures" / "tiktoklive-sample.jsonl"


def load_bridge():
    spec = importlib.util.spec_from_file_location("tiktoklive_bridge", ROOT / "scripts" / "tiktoklive-bridge.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bridge = load_bridge()

ANN = User(id=7234567890123456789, nickname="Ann", display_id="ann.live")
BO = User(id=7234567890123456790, nickname="Bo", display_id="bo_k")
CY = User(id=7100000000000000003, nickname="Cy", display_id="cy")
ROSE = Gift(id=5655, name="Rose", diamond_count=1, type=1)
CONFETTI = Gift(id=5585, name="Confetti", diamond_count=100, type=2)
FINGER_HEART = Gift(id=5487, name="Finger Heart", diamond_count=5, type=1)
HAT = Gift(id=6427, name="Hat and Mustache", diamond_count=99, type=4)
LION = Gift(id=6369, name="Lion", diamond_count=29999, type=2)
ME, RIVAL = 6900000000000000001, 6900000000000000002
BATTLE = 7400000000000000001
T0 = 1732470000000


def common(n: int) -> CommonMessageData:
    return CommonMessageData(msg_id=7300000000000000000 + n, create_time=T0 + n * 1000)


def made(event_class, message):
    """An event exactly as TikTokLiveClient builds it: parse the message's wire bytes."""
    return event_class().parse(bytes(message))


def gift(n, user, g, repeat_count=0, repeat_end=0, group_id=0):
    return made(ev.GiftEvent, m.WebcastGiftMessage(common=common(n), gift_id=g.id, repeat_count=repeat_count,
                                                   repeat_end=repeat_end, group_id=group_id, user=user, gift=g))


def armies(n, mine, theirs):
    return made(ev.LinkMicArmiesEvent, m.WebcastLinkMicArmies(
        common=common(n), battle_id=BATTLE,
        armies={ME: BattleUserArmies(hostscore=mine, anchor_id_str=str(ME),
                                     user_armies=[BattleUserArmy(user_id=CY.id, score=mine, nickname="Cy")]),
                RIVAL: BattleUserArmies(hostscore=theirs, anchor_id_str=str(RIVAL))}))


def sample_events():
    """A short LIVE: a Rose streak, a Confetti, likes, a battle with score updates, a duplicate."""
    host = lambda uid, name: BattleUserInfoWrapper(  # noqa: E731
        key=uid, value=BattleUserInfo(user=BattleBaseUserInfo(user_id=uid, nick_name=name, display_id=name)))
    rose_end = gift(5, ANN, ROSE, repeat_count=5, repeat_end=1, group_id=T0 + 3)
    return [
        made(ev.RoomUserSeqEvent, m.WebcastRoomUserSeqMessage(common=common(1), total=120, total_user=300)),
        made(ev.JoinEvent, m.WebcastMemberMessage(common=common(2), user=ANN, member_count=121)),
        gift(3, ANN, ROSE, repeat_count=1, group_id=T0 + 3),
        gift(4, ANN, ROSE, repeat_count=3, group_id=T0 + 3),
        rose_end,
        made(ev.LikeEvent, m.WebcastLikeMessage(common=common(6), user=BO, count=15, total=15)),
        gift(7, BO, CONFETTI),                      # type 2, no repeatCount: counts once
        made(ev.FollowEvent, m.WebcastSocialMessage(common=common(8), user=BO, action=1, follow_count=1)),
        made(ev.ShareEvent, m.WebcastSocialMessage(common=common(9), user=CY, action=3, share_count=1)),
        made(ev.LinkMicBattleEvent, m.WebcastLinkMicBattle(common=common(10), battle_id=BATTLE,
                                                           action=LinkMicBattleBattleAction.OPEN,
                                                           anchors_info=[host(ME, "me"), host(RIVAL, "rival")])),
        gift(11, CY, FINGER_HEART, repeat_count=2, group_id=T0 + 11),
        gift(12, CY, FINGER_HEART, repeat_count=2, repeat_end=1, group_id=T0 + 11),
        armies(13, 10, 0),                          # the rival's 0 is left out by to_dict()
        gift(14, CY, HAT, repeat_count=1, repeat_end=1),
        rose_end,                                   # the same message again: counts once
        made(ev.RoomUserSeqEvent, m.WebcastRoomUserSeqMessage(common=common(16), total=150, total_user=340)),
        made(ev.LikeEvent, m.WebcastLikeMessage(common=common(17), user=ANN, count=5, total=20)),
        armies(18, 109, 250),
        made(ev.LinkMicBattleEvent, m.WebcastLinkMicBattle(common=common(19), battle_id=BATTLE,
                                                           action=LinkMicBattleBattleAction.FINISH,
                                                           battle_result={ME: BattleResult(user_id=ME, score=109),
                                                                          RIVAL: BattleResult(user_id=RIVAL, score=250)})),
        made(ev.RoomUserSeqEvent, m.WebcastRoomUserSeqMessage(common=common(20), total=90, total_user=350)),
        gift(21, BO, LION, repeat_count=1),
        made(ev.LiveEndEvent, m.WebcastControlMessage(common=common(22), action=ControlAction.STREAM_ENDED)),
    ]


def test_format_line_uses_class_name_and_to_dict():
    event = gift(4, ANN, ROSE, repeat_count=3, group_id=T0 + 3)
    line = bridge.format_line(event)
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["event"] == "GiftEvent"
    assert parsed["data"] == event.to_dict()


def test_gift_keys_are_what_tiktoklive_v7_emits():
    partial = json.loads(bridge.format_line(gift(4, ANN, ROSE, repeat_count=3, group_id=T0 + 3)))["data"]
    assert partial["giftId"] == "5655"                          # int64 → string
    assert partial["repeatCount"] == 3                          # int32 → number
    assert "repeatEnd" not in partial                           # 0 is the default: left out
    assert partial["groupId"] == str(T0 + 3)
    assert partial["gift"] == {"id": "5655", "type": 1, "diamondCount": 1, "name": "Rose"}
    assert partial["user"] == {"id": "7234567890123456789", "nickname": "Ann", "displayId": "ann.live"}
    assert partial["common"] == {"msgId": "7300000000000000004", "createTime": str(T0 + 4000)}
    end = json.loads(bridge.format_line(gift(5, ANN, ROSE, repeat_count=5, repeat_end=1)))["data"]
    assert end["repeatEnd"] == 1
    once = json.loads(bridge.format_line(gift(7, BO, CONFETTI)))["data"]
    assert "repeatCount" not in once and "repeatEnd" not in once


def test_other_event_keys():
    like = json.loads(bridge.format_line(made(ev.LikeEvent, m.WebcastLikeMessage(common=common(6), user=BO, count=15, total=15))))
    assert like["event"] == "LikeEvent" and like["data"]["count"] == 15 and like["data"]["total"] == "15"
    seq = json.loads(bridge.format_line(made(ev.RoomUserSeqEvent, m.WebcastRoomUserSeqMessage(total=120, total_user=300))))
    assert seq == {"event": "RoomUserSeqEvent", "data": {"total": "120", "totalUser": "300"}}
    end = json.loads(bridge.format_line(made(ev.LiveEndEvent, m.WebcastControlMessage(action=ControlAction.STREAM_ENDED))))
    assert end == {"event": "LiveEndEvent", "data": {"action": "CONTROL_ACTION_STREAM_ENDED"}}
    army = json.loads(bridge.format_line(armies(13, 10, 0)))["data"]
    assert army["battleId"] == str(BATTLE)
    assert army["armies"][str(ME)]["hostscore"] == "10"
    assert "hostscore" not in army["armies"][str(RIVAL)]


def test_write_line_flushes_one_line():
    out = io.StringIO()
    bridge.write_line(made(ev.JoinEvent, m.WebcastMemberMessage(common=common(2), user=ANN)), out)
    text = out.getvalue()
    assert text.endswith("\n") and text.count("\n") == 1
    assert json.loads(text)["event"] == "JoinEvent"


def test_bridge_listens_to_exactly_the_feed_events():
    assert set(bridge.EVENT_NAMES) == {
        "GiftEvent", "FollowEvent", "JoinEvent", "LikeEvent", "ShareEvent",
        "RoomUserSeqEvent", "LinkMicBattleEvent", "LinkMicArmiesEvent", "LiveEndEvent"}
    for name in bridge.EVENT_NAMES:
        assert hasattr(ev, name)


def test_sample_fixture_matches_real_classes():
    lines = [bridge.format_line(e) for e in sample_events()]
    text = "\n".join(lines) + "\n"
    if os.environ.get("TIKSCORE_REGENERATE") == "1" or not FIXTURE.exists():
        FIXTURE.write_text(text, encoding="utf-8")
    assert FIXTURE.read_text(encoding="utf-8") == text


def _tikscore_binary():
    """The built tikscore binary: $TIKSCORE_BIN, else the debug build folder."""
    import shutil
    candidates = [os.environ.get("TIKSCORE_BIN", ""), str(ROOT / ".build" / "debug" / "tikscore")]
    for path in candidates:
        if path and os.access(path, os.X_OK):
            return path
    return shutil.which("tikscore")


def test_real_events_through_the_bridge_and_tikscore_feed(tmp_path):
    """TikTokLive's own events → the bridge's lines → `tikscore feed CREATOR -` → exact wallet totals."""
    import subprocess
    binary = _tikscore_binary()
    if binary is None:
        pytest.skip("build tikscore first (swift build) or set TIKSCORE_BIN")
    env = dict(os.environ, TIKSCORE_DB=str(tmp_path / "w.sqlite"), TIKSCORE_NOW="2026-11-24T12:00:00Z")
    env.pop("TIKSCORE_RESOURCES", None)

    def run(*args, stdin=None):
        return subprocess.run([binary, *args], input=stdin, env=env, capture_output=True, text=True, check=False)

    created = run("account", "create", "leo", "--creator", "--followers", "150000", "--birthdate", "1990-01-01",
                  "--created", "2025-01-01", "--business", "--creator-next", "--last-upload", "2026-11-20",
                  "--tiktok-handle", "me")  # the battle's hosts are @me and @rival: sides by identity, never guessed
    assert created.returncode == 0, created.stderr
    lines = "".join(bridge.format_line(event) + "\n" for event in sample_events())
    fed = run("feed", "leo", "-", "--json", stdin=lines)
    assert fed.returncode == 0, fed.stderr
    report = json.loads(fed.stdout)
    assert report["bad_line_count"] == 0
    # Gifts: Rose streak 5 + Confetti 100 + Finger Heart 2×5 + Hat 99 + Lion 29,999 = 30,213 points,
    # half to the creator = 15,106.5; one new follower = 1 more point.
    assert report["earned"] == 15107.5
    assert report["gifts_counted"] == 10
    balance = json.loads(run("balance", "leo", "--json").stdout)
    assert balance["earned"] == 15107.5
    battle = json.loads(run("battle", "status", "--json").stdout)
    assert (battle["left"]["score"], battle["right"]["score"]) == (109, 250)
    assert battle["status"] == "won"
    again = json.loads(run("feed", "leo", "-", "--json", stdin=lines).stdout)
    assert again["earned"] == 0 and again["applied"] == {}
    assert run("verify").returncode == 0


# --- reconnecting, and a sign server that refuses ---------------------------------------------
#
# The bridge runs on real TikTokLiveClient objects; Tests/python/fakelive.py replaces only their
# network (room lookup, is-live check, the sign server behind an httpx.MockTransport, and the
# websocket behind TikTokLive's WebcastWSClient). The sleep is injected and never waits.

import subprocess  # noqa: E402
import sys  # noqa: E402

import fakelive  # noqa: E402
from fakelive import Attempt, FakeSleep, FakeTikTok, dropped, end_message, gift_message, like_message  # noqa: E402
from fakelive import rate_limited, viewers_message  # noqa: E402

RATE_LIMIT_LINE = ("bridge: error: the TikTok sign server keeps refusing (HTTP 429) after {n} attempts; "
                   "try again later or set a sign API key")


class Run:
    def __init__(self, status, out, err, sleep, tiktok):
        self.status, self.out, self.err, self.sleep, self.tiktok = status, out, err, sleep, tiktok
        self.lines = [json.loads(line) for line in out.splitlines()]
        self.err_lines = err.splitlines()

    @property
    def msg_ids(self):
        return [line["data"].get("common", {}).get("msgId") for line in self.lines]


def run_bridge(capfd, tiktok, *args, rng=lambda: 0.0, out=None):
    """main() on a fake TikTok; stdout and stderr as the process writes them (file descriptors)."""
    sleep = FakeSleep()
    status = bridge.main(["@leo", *args], out=out, client_factory=tiktok, sleep=sleep, rng=rng)
    captured = capfd.readouterr()
    return Run(status, captured.out, captured.err, sleep, tiktok)


def mid(n):
    return str(7310000000000000000 + n)


def assert_clean_stderr(run):
    assert "Traceback" not in run.err
    for line in run.err_lines:
        assert line.startswith("bridge: "), line


def test_backoff_doubles_from_1_to_60_seconds_with_jitter():
    plain = bridge.Backoff(rng=lambda: 0.0)
    assert [plain.next() for _ in range(9)] == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    plain.reset()
    assert plain.next() == 1
    shortest = bridge.Backoff(rng=lambda: 1.0)
    assert [round(shortest.next(), 6) for _ in range(7)] == [0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 48.0]
    import random as stdlib_random
    seeded = bridge.Backoff(rng=stdlib_random.Random(7).random)
    for nominal in (1, 2, 4, 8, 16, 32, 60, 60):
        assert 0.8 * nominal <= seeded.next() <= nominal
    floored = bridge.Backoff(rng=lambda: 0.0)
    assert floored.next(floor=30) == 30                   # a retry-after above the schedule wins
    assert floored.next(floor=0.5) == 2                   # below it, the schedule does
    assert floored.next(floor=10 ** 6) == bridge.MAX_RETRY_AFTER


@pytest.mark.parametrize("end", [dropped(1006), None], ids=["websocket-error", "closed-without-live-end"])
def test_a_drop_mid_stream_reconnects_and_both_connections_lines_come_out_in_order(capfd, end):
    tiktok = FakeTikTok(
        Attempt(initial=[viewers_message(1, 100)],
                frames=[[gift_message(2)], [like_message(3)], [gift_message(4), like_message(5, 3, 8)]], end=end),
        Attempt(frames=[[gift_message(6)], [viewers_message(7, 120), end_message(8)]]))
    run = run_bridge(capfd, tiktok)
    assert run.status == 0
    assert [line["event"] for line in run.lines] == [
        "RoomUserSeqEvent", "GiftEvent", "LikeEvent", "GiftEvent", "LikeEvent",
        "GiftEvent", "RoomUserSeqEvent", "LiveEndEvent"]
    assert run.msg_ids == [mid(n) for n in range(1, 9)]
    assert run.lines[-1]["data"]["action"] == "CONTROL_ACTION_STREAM_ENDED"
    assert tiktok.used == 2 and run.sleep.waits == [1.0]
    assert_clean_stderr(run)
    assert len(run.err_lines) == 1
    why = "websocket error: ConnectionClosedError: received 1006" if end else "the connection closed before the LIVE ended"
    assert run.err_lines[0].startswith(f"bridge: disconnected ({why}")
    assert run.err_lines[0].endswith("; reconnecting in 1.0 s")


def test_live_end_stops_without_reconnecting(capfd):
    tiktok = FakeTikTok(Attempt(frames=[[gift_message(1)], [end_message(2)], [gift_message(3)]]))
    run = run_bridge(capfd, tiktok)
    assert run.status == 0
    assert [line["event"] for line in run.lines] == ["GiftEvent", "LiveEndEvent"]
    assert tiktok.used == 1 and run.sleep.waits == [] and run.err == ""


def test_every_long_stream_drop_reconnects_and_a_working_connection_resets_the_count(capfd):
    # Five drops in a row with --retries 2: each connection worked, so none counts as a failure.
    attempts = [Attempt(frames=[[gift_message(n)]], end=dropped()) for n in range(1, 6)]
    tiktok = FakeTikTok(*attempts, Attempt(frames=[[end_message(6)]]))
    run = run_bridge(capfd, tiktok, "--retries", "2")
    assert run.status == 0
    assert run.msg_ids == [mid(n) for n in range(1, 7)]
    assert run.sleep.waits == [1.0] * 5
    assert [line.split(" (")[0] for line in run.err_lines] == ["bridge: disconnected"] * 5


def test_a_reconnect_that_replays_lines_prints_them_again(capfd):
    # TikTok's first fetch after a reconnect can carry events already seen: the bridge does not
    # de-duplicate (the wallet counts each msgId once; see the tikscore test below).
    tiktok = FakeTikTok(
        Attempt(frames=[[gift_message(1)], [gift_message(2)]], end=dropped()),
        Attempt(initial=[gift_message(2)], frames=[[gift_message(3)], [end_message(4)]]))
    run = run_bridge(capfd, tiktok)
    assert run.status == 0
    assert run.msg_ids == [mid(1), mid(2), mid(2), mid(3), mid(4)]


def test_each_line_is_flushed_as_it_is_written(capfd):
    class Recorder(io.StringIO):
        def __init__(self):
            super().__init__()
            self.flushed_at = []

        def flush(self):
            self.flushed_at.append(self.getvalue().count("\n"))

    out = Recorder()
    tiktok = FakeTikTok(Attempt(frames=[[gift_message(1)], [like_message(2)], [end_message(3)]]))
    run = run_bridge(capfd, tiktok, out=out)
    assert run.status == 0 and run.out == ""
    assert out.getvalue().count("\n") == 3
    assert out.flushed_at == [1, 2, 3]


def test_repeated_429s_exit_75_with_one_error_line_and_no_traceback(capfd):
    tiktok = FakeTikTok(*[rate_limited(retry_after=30) for _ in range(4)])
    run = run_bridge(capfd, tiktok, "--retries", "4")
    assert run.status == 75
    assert run.out == ""
    assert tiktok.used == 4 and tiktok.sign_requests == 4
    assert run.err_lines[-1] == RATE_LIMIT_LINE.format(n=4)
    assert [line for line in run.err_lines if "error" in line] == [RATE_LIMIT_LINE.format(n=4)]
    assert_clean_stderr(run)
    # Three retries, each waiting at least the sign server's retry-after (30 s, above 1, 2, 4).
    assert run.sleep.waits == [30, 30, 30]
    assert all("HTTP 429, retry after 30 s); retrying in 30 s" in line for line in run.err_lines[:-1])


def test_a_429_without_tiktoklives_header_is_still_a_429(capfd):
    # TikTokLive 7.0 raises TypeError while building its SignatureRateLimitError when the 429 has
    # no RateLimit-Remaining header; the bridge still sees a 429 and honours Retry-After.
    tiktok = FakeTikTok(*[rate_limited(retry_after=45, header="Retry-After") for _ in range(3)])
    run = run_bridge(capfd, tiktok, "--retries", "3")
    assert run.status == 75
    assert run.err_lines[-1] == RATE_LIMIT_LINE.format(n=3)
    assert run.sleep.waits == [45, 45]
    assert_clean_stderr(run)


def test_the_default_retries_give_up_on_429s(capfd):
    tiktok = FakeTikTok(*[rate_limited(retry_after=0) for _ in range(bridge.DEFAULT_RETRIES)])
    run = run_bridge(capfd, tiktok)
    assert run.status == 75
    assert run.err_lines[-1] == RATE_LIMIT_LINE.format(n=bridge.DEFAULT_RETRIES)
    assert run.sleep.waits == [1, 2, 4, 8, 16, 32, 60, 60, 60]      # no retry-after: the schedule


def test_one_429_then_the_connection_succeeds(capfd):
    tiktok = FakeTikTok(rate_limited(retry_after=12),
                        Attempt(frames=[[gift_message(1)], [like_message(2)], [end_message(3)]]))
    run = run_bridge(capfd, tiktok, "--retries", "3")
    assert run.status == 0
    assert run.msg_ids == [mid(1), mid(2), mid(3)]
    assert run.sleep.waits == [12]
    assert len(run.err_lines) == 1
    assert run.err_lines[0].startswith("bridge: cannot connect (the sign server refused: HTTP 429, retry after 12 s)")
    assert_clean_stderr(run)


def test_429s_while_reconnecting_after_a_drop(capfd):
    tiktok = FakeTikTok(Attempt(frames=[[gift_message(1)]], end=dropped()),
                        rate_limited(retry_after=5), rate_limited(retry_after=5),
                        Attempt(frames=[[gift_message(2)], [end_message(3)]]))
    run = run_bridge(capfd, tiktok, "--retries", "3")
    assert run.status == 0
    assert run.msg_ids == [mid(1), mid(2), mid(3)]
    assert run.sleep.waits == [1.0, 5, 5]
    assert run.err_lines[0].startswith("bridge: disconnected (")
    assert all("; reconnecting in 5.0 s" in line for line in run.err_lines[1:])


def test_retries_0_retries_forever(capfd):
    tiktok = FakeTikTok(*[rate_limited(retry_after=1) for _ in range(25)], Attempt(frames=[[end_message(1)]]))
    run = run_bridge(capfd, tiktok, "--retries", "0")
    assert run.status == 0
    assert tiktok.used == 26 and len(run.sleep.waits) == 25
    assert max(run.sleep.waits) == 60


def test_a_refused_websocket_is_retried_then_gives_up_with_exit_1(capfd):
    from TikTokLive.client.errors import WebcastBlockedError
    refused = WebcastBlockedError('WebSocket rejected by TikTok due to "400 Bad Request"')
    tiktok = FakeTikTok(*[Attempt(refused=refused) for _ in range(3)])
    run = run_bridge(capfd, tiktok, "--retries", "3")
    assert run.status == 1
    assert run.sleep.waits == [1, 2]
    assert run.err_lines[-1].startswith("bridge: error: could not connect to @leo after 3 attempts (WebcastBlockedError: ")
    assert [line for line in run.err_lines if "error:" in line] == [run.err_lines[-1]]
    assert_clean_stderr(run)


def test_not_live_at_start_exits_1_unless_wait(capfd):
    run = run_bridge(capfd, FakeTikTok(Attempt(live=False)))
    assert run.status == 1 and run.out == ""
    assert run.err_lines == ["bridge: error: @leo is not live now; start the bridge during the LIVE, or pass --wait"]

    tiktok = FakeTikTok(Attempt(live=False), Attempt(live=False), Attempt(live=False),
                        Attempt(frames=[[gift_message(1)], [end_message(2)]]))
    run = run_bridge(capfd, tiktok, "--wait", "--retries", "2")       # waiting is not failing
    assert run.status == 0
    assert run.msg_ids == [mid(1), mid(2)]
    assert run.sleep.waits == [1, 2, 4]
    assert run.err_lines == ["bridge: @leo is not live; waiting for the LIVE to start"]


def test_user_not_found_exits_1_with_one_line(capfd):
    run = run_bridge(capfd, FakeTikTok(Attempt(not_found=True)), "--wait")
    assert run.status == 1
    assert run.err_lines == ["bridge: error: TikTok user @leo was not found, or cannot go LIVE"]


def test_a_live_found_offline_on_reconnect_stops_with_exit_0(capfd):
    tiktok = FakeTikTok(Attempt(frames=[[gift_message(1)]], end=dropped()), Attempt(live=False))
    run = run_bridge(capfd, tiktok)
    assert run.status == 0
    assert run.msg_ids == [mid(1)]
    assert run.err_lines[-1] == "bridge: @leo is no longer live; stopping"


def test_an_unexpected_error_is_one_line_and_exit_1(capfd):
    def broken(_handle):
        raise RuntimeError("something inside\nwent wrong")
    run = run_bridge(capfd, broken)
    assert run.status == 1
    assert run.err_lines == ["bridge: error: RuntimeError: something inside went wrong"]


def test_a_closed_pipe_stops_quietly_without_reconnecting(capfd):
    class ClosedPipe(io.StringIO):
        def write(self, _text):
            raise BrokenPipeError(32, "Broken pipe")

    tiktok = FakeTikTok(Attempt(frames=[[gift_message(1)], [gift_message(2)]], end=dropped()),
                        Attempt(frames=[[end_message(3)]]))
    run = run_bridge(capfd, tiktok, out=ClosedPipe())
    assert run.status == 0
    assert tiktok.used == 1 and run.err == ""


def test_describe_removes_tiktoklives_prefix_and_box():
    import httpx
    from TikTokLive.client.errors import SignatureRateLimitError
    response = httpx.Response(429, headers={"RateLimit-Remaining": "7"}, request=httpx.Request("GET", "https://sign.invalid"))
    error = SignatureRateLimitError("Slow down", "(minute) Too many connections started, try again in %s seconds.",
                                    response=response)
    assert bridge.is_rate_limit(error) and bridge.retry_after(error) == 7
    assert bridge.describe(error) == ("SignatureRateLimitError: [RATE_LIMIT] (minute) Too many connections started, "
                                      "try again in 7 seconds. sign server: Slow down")
    assert not bridge.is_rate_limit(RuntimeError("HTTP 500"))
    assert bridge.retry_after(RuntimeError("x")) is None


# --- the script as a process ------------------------------------------------------------------------

def child(*args, timeout=60):
    """The bridge's main() in a child process on a fake TikTok (Tests/python/fakelive.py)."""
    return subprocess.run([sys.executable, str(pathlib.Path(fakelive.__file__)), *args],
                          capture_output=True, text=True, timeout=timeout, check=False)


def test_help_documents_the_flags():
    shown = subprocess.run([sys.executable, str(ROOT / "scripts" / "tiktoklive-bridge.py"), "--help"],
                           capture_output=True, text=True, check=False)
    assert shown.returncode == 0
    text = " ".join(shown.stdout.split())
    for needle in ("--retries N", "--wait", "0: never give up", "SIGN_API_KEY", "75"):
        assert needle in text
    usage = subprocess.run([sys.executable, str(ROOT / "scripts" / "tiktoklive-bridge.py")],
                           capture_output=True, text=True, check=False)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    bad = subprocess.run([sys.executable, str(ROOT / "scripts" / "tiktoklive-bridge.py"), "@leo", "--retries", "-1"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_as_a_process_429s_give_exit_75_and_only_bridge_lines():
    done = child("always-429", "@leo", "--retries", "3")
    assert done.returncode == 75
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert lines[-1] == RATE_LIMIT_LINE.format(n=3)
    assert len(lines) == 3 and all(line.startswith("bridge: cannot connect (") for line in lines[:-1])
    assert "Traceback" not in done.stderr


def test_as_a_process_a_drop_reconnects_and_ends_0():
    done = child("drop-then-end", "@leo")
    assert done.returncode == 0
    assert [json.loads(line)["event"] for line in done.stdout.splitlines()] == [
        "GiftEvent", "LikeEvent", "GiftEvent", "LiveEndEvent"]
    import re
    assert re.fullmatch(r"bridge: disconnected \(websocket error: .*\); reconnecting in (0\.[89]|1\.0) s\n", done.stderr)


def test_as_a_process_user_not_found_is_exit_1():
    done = child("not-found", "@leo")
    assert done.returncode == 1
    assert done.stderr == "bridge: error: TikTok user @leo was not found, or cannot go LIVE\n"


def test_lines_of_a_reconnected_stream_through_tikscore_feed_count_once(tmp_path, capfd):
    """A drop, a reconnect whose first fetch replays a gift, then the end: the wallet counts each
    msgId once."""
    binary = _tikscore_binary()
    if binary is None:
        pytest.skip("build tikscore first (swift build) or set TIKSCORE_BIN")
    tiktok = FakeTikTok(
        Attempt(frames=[[gift_message(1)], [gift_message(2, user=fakelive.BO)]], end=dropped()),
        Attempt(initial=[gift_message(2, user=fakelive.BO)], frames=[[gift_message(3)], [end_message(4)]]))
    run = run_bridge(capfd, tiktok)
    assert run.status == 0 and run.msg_ids == [mid(1), mid(2), mid(2), mid(3), mid(4)]
    env = dict(os.environ, TIKSCORE_DB=str(tmp_path / "w.sqlite"), TIKSCORE_NOW="2026-11-24T12:00:00Z")
    env.pop("TIKSCORE_RESOURCES", None)

    def tikscore(*args, stdin=None):
        return subprocess.run([binary, *args], input=stdin, env=env, capture_output=True, text=True, check=False)

    created = tikscore("account", "create", "leo", "--creator", "--followers", "150000", "--birthdate", "1990-01-01",
                       "--created", "2025-01-01", "--business", "--creator-next", "--last-upload", "2026-11-20")
    assert created.returncode == 0, created.stderr
    fed = tikscore("feed", "leo", "-", "--json", stdin=run.out)
    assert fed.returncode == 0, fed.stderr
    report = json.loads(fed.stdout)
    assert report["bad_line_count"] == 0
    assert report["gifts_counted"] == 3                  # three Confetti, the replayed one once
    assert report["earned"] == 150                       # 3 × 100 coins, half to the creator
    assert tikscore("verify").returncode == 0
