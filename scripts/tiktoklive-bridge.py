#!/usr/bin/env python3
"""Bridge a TikTok LIVE stream into `tikscore feed`.

    python3 scripts/tiktoklive-bridge.py @handle | tikscore feed CREATOR -

Connects with the TikTokLive package (v7, `pip install TikTokLive`) and prints one JSON line per
event, `{"event": type(e).__name__, "data": e.to_dict()}`, flushing each line. Events printed:
GiftEvent, FollowEvent, JoinEvent, LikeEvent, ShareEvent, RoomUserSeqEvent, LinkMicBattleEvent,
LinkMicArmiesEvent, LiveEndEvent. Exits 0 after LiveEndEvent or a disconnect.

`format_line(event)` builds a line without any network access and does not need TikTokLive to be
importable for this module to load (the tests import it).
"""

from __future__ import annotations

import json
import sys
from typing import Any, Optional, TextIO

EVENT_NAMES = (
    "GiftEvent",
    "FollowEvent",
    "JoinEvent",
    "LikeEvent",
    "ShareEvent",
    "RoomUserSeqEvent",
    "LinkMicBattleEvent",
    "LinkMicArmiesEvent",
    "LiveEndEvent",
)

MISSING_PACKAGE = (
    "tiktoklive-bridge: the TikTokLive package is not installed.\n"
    "Install it with:  python3 -m pip install 'TikTokLive>=7,<8'\n"
)


def format_line(event: Any) -> str:
    """One feed line for a TikTokLive event: compact JSON, no trailing newline.

    betterproto2's to_dict() writes camelCase keys, leaves out fields at their default value,
    writes 64-bit integers as strings and nests messages (gift, user, common) as objects.
    """
    payload = {"event": type(event).__name__, "data": event.to_dict()}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def write_line(event: Any, out: Optional[TextIO] = None) -> None:
    stream = out if out is not None else sys.stdout
    stream.write(format_line(event) + "\n")
    stream.flush()


def _handle(argv: list[str]) -> Optional[str]:
    args = [a for a in argv if a.strip()]
    if len(args) != 1 or args[0] in ("-h", "--help"):
        return None
    return args[0].strip()


def main(argv: Optional[list[str]] = None) -> int:
    handle = _handle(sys.argv[1:] if argv is None else argv)
    if handle is None:
        sys.stderr.write("usage: tiktoklive-bridge.py @handle   (pipe into: tikscore feed CREATOR -)\n")
        return 2
    try:
        from TikTokLive import TikTokLiveClient
        from TikTokLive import events as tiktok_events
    except ImportError:
        sys.stderr.write(MISSING_PACKAGE)
        return 3

    client = TikTokLiveClient(unique_id=handle)

    def forward(event: Any) -> None:
        try:
            write_line(event)
        except BrokenPipeError:
            # The reader went away: stop quietly.
            client_stop()
        except Exception as error:  # a malformed event must not end the stream
            sys.stderr.write(f"tiktoklive-bridge: could not format {type(event).__name__}: {error}\n")

    def client_stop() -> None:
        import asyncio

        try:
            if client.connected:
                asyncio.get_running_loop().create_task(client.disconnect())
        except Exception:
            pass

    for name in EVENT_NAMES:
        event_class = getattr(tiktok_events, name)
        client.add_listener(event_class, forward)

    async def on_end(_event: Any) -> None:
        # TikTokLive disconnects by itself after LiveEndEvent; the run loop then returns.
        sys.stderr.write("tiktoklive-bridge: the LIVE ended\n")

    async def on_disconnect(_event: Any) -> None:
        sys.stderr.write("tiktoklive-bridge: disconnected\n")

    client.add_listener(tiktok_events.LiveEndEvent, on_end)
    client.add_listener(tiktok_events.DisconnectEvent, on_disconnect)

    try:
        client.run()
    except KeyboardInterrupt:
        return 0
    except BrokenPipeError:
        return 0
    except Exception as error:
        sys.stderr.write(f"tiktoklive-bridge: {type(error).__name__}: {error}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
