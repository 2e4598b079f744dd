"""A fake TikTok for the bridge tests: real TikTokLiveClient objects whose network is replaced.

Each connection attempt of the bridge asks the factory for a client; the factory builds a real
`TikTokLiveClient` and replaces only what would touch the network, following the next `Attempt`:

- the room-id lookup and the is-live check (two TikTokLive routes) answer from the attempt;
- the sign server is an `httpx.MockTransport` behind TikTokLive's own sign request, so a 429 is
  turned into an exception by TikTokLive's own code (`SignatureRateLimitError`, or the TypeError
  that 7.0 raises when the 429 has no `RateLimit-Remaining` header);
- the websocket is a stand-in for TikTokLive's `WebcastConnect` (the class that opens the socket
  and yields push frames): TikTokLive's `WebcastWSClient`, its parsing into event classes, its
  LiveEndEvent handling (it disconnects itself) and its DisconnectEvent all run as they do live.

Nothing here sleeps or opens a socket. The module needs no pytest, so that a test can also run
the bridge in a child process with the same fakes (`python3 fakelive.py SCENARIO ARGS...`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import importlib.util
import pathlib
import sys
from typing import Any, Optional

import httpx
from TikTokLive import TikTokLiveClient
from TikTokLive.client.errors import UserNotFoundError, UserOfflineError
from TikTokLive.proto import ProtoMessageFetchResult, ProtoMessageFetchResultBaseProtoMessage, WebcastPushFrame
from TikTokLiveProto.v3.webcast.im import ControlAction
from TikTokLiveProto.v3.webcast.model import Gift
from TikTokLiveProto.v3.webcast.model import message as m
from TikTokLiveProto.v3.webcast.model.base.user import User
from TikTokLiveProto.v3.webcast.shared.message import CommonMessageData
from websockets.exceptions import ConnectionClosedError
from websockets.frames import Close

ROOT = pathlib.Path(__file__).resolve().parents[2]
ROOM = 7400000000000000999
T0 = 1732470000000

ANN = User(id=7234567890123456789, nickname="Ann", display_id="ann.live")
BO = User(id=7234567890123456790, nickname="Bo", display_id="bo_k")
ROSE = Gift(id=5655, name="Rose", diamond_count=1, type=1)
CONFETTI = Gift(id=5585, name="Confetti", diamond_count=100, type=2)


def load_bridge():
    spec = importlib.util.spec_from_file_location("tiktoklive_bridge", ROOT / "scripts" / "tiktoklive-bridge.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- messages as TikTok sends them -------------------------------------------------------------

def common(n: int) -> CommonMessageData:
    return CommonMessageData(msg_id=7310000000000000000 + n, create_time=T0 + n * 1000)


def gift_message(n: int, user: User = ANN, gift: Gift = CONFETTI, **fields: Any) -> m.WebcastGiftMessage:
    return m.WebcastGiftMessage(common=common(n), gift_id=gift.id, user=user, gift=gift, **fields)


def like_message(n: int, count: int = 5, total: int = 5) -> m.WebcastLikeMessage:
    return m.WebcastLikeMessage(common=common(n), user=BO, count=count, total=total)


def viewers_message(n: int, total: int) -> m.WebcastRoomUserSeqMessage:
    return m.WebcastRoomUserSeqMessage(common=common(n), total=total, total_user=total * 2)


def end_message(n: int) -> m.WebcastControlMessage:
    return m.WebcastControlMessage(common=common(n), action=ControlAction.STREAM_ENDED)


def fetch_result(*messages: Any, is_first: bool = False) -> ProtoMessageFetchResult:
    """One ProtoMessageFetchResult (what a push frame carries) holding these messages."""
    return ProtoMessageFetchResult(
        is_first=is_first,
        cursor="fake-cursor",
        messages=[ProtoMessageFetchResultBaseProtoMessage(method=type(message).__name__, payload=bytes(message))
                  for message in messages])


def dropped(code: int = 1006) -> ConnectionClosedError:
    """What websockets raises when the socket dies without a clean close."""
    return ConnectionClosedError(Close(code, ""), None)


# --- one connection attempt ----------------------------------------------------------------------

@dataclasses.dataclass
class Attempt:
    """What the network does for one attempt.

    live: the is-live answer; not_found: the room lookup says the user does not exist;
    sign_status/sign_headers: the sign server's answer (200 carries `initial`, the messages of
    the first fetch); frames: the websocket's push frames, each a list of messages; end: None
    for a clean close after the frames (the loop returns, TikTokLive emits DisconnectEvent), or
    an exception raised by the socket after them; refused: an exception raised by the socket's
    handshake, before anything arrives.
    """

    live: bool = True
    not_found: bool = False
    sign_status: int = 200
    sign_headers: Optional[dict] = None
    initial: list = dataclasses.field(default_factory=list)
    frames: list = dataclasses.field(default_factory=list)
    end: Optional[BaseException] = None
    refused: Optional[BaseException] = None


def rate_limited(retry_after: Optional[int] = 30, header: str = "RateLimit-Remaining") -> Attempt:
    headers = {header: str(retry_after)} if retry_after is not None else {}
    return Attempt(sign_status=429, sign_headers=headers)


class FakeSocket:
    """The websocket protocol object TikTokLive talks to: `open`, `send`, `close`."""

    def __init__(self) -> None:
        self.open = True
        self.sent: list[bytes] = []

    async def send(self, message: bytes) -> None:
        self.sent.append(message)

    async def close(self) -> None:
        self.open = False


def fake_connect_class(attempt: Attempt):
    """A stand-in for TikTokLive.client.ws.ws_connect.WebcastConnect for this attempt."""

    class FakeWebcastConnect:
        def __init__(self, initial_webcast_response: ProtoMessageFetchResult, **_kwargs: Any) -> None:
            self._initial = initial_webcast_response
            self._ws: Optional[FakeSocket] = None
            # A long ping interval: TikTokLive's ping task never wakes during a test.
            self.ws_options = {"ping-interval": "3600"}

        @property
        def ws(self) -> Optional[FakeSocket]:
            return self._ws

        async def __aiter__(self):
            if attempt.refused is not None:
                raise attempt.refused
            self._ws = FakeSocket()
            try:
                yield None, self._initial
                for index, messages in enumerate(attempt.frames):
                    await asyncio.sleep(0)          # let TikTokLive's tasks run (a LiveEnd disconnects)
                    if not self._ws.open:
                        return
                    result = fetch_result(*messages)
                    yield WebcastPushFrame(payload_type="msg", log_id=index + 1, payload=bytes(result)), result
                await asyncio.sleep(0)
                if attempt.end is not None and self._ws.open:
                    raise attempt.end
            finally:
                self._ws = None

    return FakeWebcastConnect


class FakeTikTok:
    """The client factory handed to the bridge: one `Attempt` per connection attempt."""

    def __init__(self, *attempts: Attempt) -> None:
        self.attempts = list(attempts)
        self.used = 0
        self.sign_requests = 0

    def __call__(self, handle: str) -> TikTokLiveClient:
        if self.used >= len(self.attempts):
            raise AssertionError(f"the bridge made attempt {self.used + 1}; the test scripted {len(self.attempts)}")
        attempt = self.attempts[self.used]
        self.used += 1
        client = TikTokLiveClient(unique_id=handle)

        async def room_id(unique_id: str, *_args: Any, **_kwargs: Any) -> int:
            if attempt.not_found:
                raise UserNotFoundError(unique_id, "The requested user is not capable of going LIVE on TikTok.")
            if not attempt.live:
                raise UserOfflineError("The requested TikTok LIVE user is offline.")
            return ROOM

        async def is_live(*_args: Any, **_kwargs: Any) -> bool:
            return attempt.live

        def sign_server(request: httpx.Request) -> httpx.Response:
            self.sign_requests += 1
            if attempt.sign_status == 429:
                return httpx.Response(429, json={"message": "Too many connections", "limit_label": "minute"},
                                      headers=attempt.sign_headers or {}, request=request)
            body = bytes(fetch_result(*attempt.initial, is_first=True))
            return httpx.Response(200, content=body, headers={"X-Set-TT-Cookie": "ttwid=fake; Path=/"},
                                  request=request)

        client.web.fetch_room_id_from_html = room_id
        client.web.fetch_room_id_from_api = room_id
        client.web.fetch_is_live = is_live
        client.web.signer.sdk_client.set_async_httpx_client(
            httpx.AsyncClient(base_url="https://sign.invalid", transport=httpx.MockTransport(sign_server)))
        client._ws._connect_generator_class = fake_connect_class(attempt)
        return client


class FakeSleep:
    """An injectable sleep that records each wait and returns at once."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.waits.append(delay)
        await asyncio.sleep(0)


# --- scenarios for a child process ----------------------------------------------------------------

def scenario(name: str) -> FakeTikTok:
    if name == "drop-then-end":
        return FakeTikTok(
            Attempt(frames=[[gift_message(1)], [like_message(2)]], end=dropped()),
            Attempt(frames=[[gift_message(3)], [end_message(4)]]))
    if name == "always-429":
        return FakeTikTok(*[rate_limited(30) for _ in range(50)])
    if name == "not-found":
        return FakeTikTok(Attempt(not_found=True))
    raise SystemExit(f"unknown scenario {name}")


if __name__ == "__main__":
    # python3 Tests/python/fakelive.py SCENARIO BRIDGE-ARGS...: the bridge's main() on a fake TikTok,
    # with the real stdout and stderr, and a sleep that does not wait.
    bridge = load_bridge()
    sys.exit(bridge.main(sys.argv[2:], client_factory=scenario(sys.argv[1]), sleep=FakeSleep()))
