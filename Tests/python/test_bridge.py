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
                  "--created", "2025-01-01", "--business", "--creator-next", "--last-upload", "2026-11-20")
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
