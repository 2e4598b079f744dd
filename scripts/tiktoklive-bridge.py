#!/usr/bin/env python3
"""Bridge a TikTok LIVE stream into `tikscore feed`.

    python3 scripts/tiktoklive-bridge.py @handle [--retries N] [--wait] | tikscore feed CREATOR -

Connects with the TikTokLive package (v7, `pip install 'TikTokLive>=7,<8'`) and prints one JSON
line per event, `{"event": type(e).__name__, "data": e.to_dict()}`, flushing each line. Events
printed: GiftEvent, FollowEvent, JoinEvent, LikeEvent, ShareEvent, RoomUserSeqEvent,
LinkMicBattleEvent, LinkMicArmiesEvent, LiveEndEvent.

When TikTokLive drops a long stream (the connection closes without a LiveEndEvent, or a websocket
or network error ends it), the bridge reconnects with exponential backoff (1 s doubling to 60 s,
with jitter) and prints one `bridge: disconnected (...); reconnecting in N s` line on stderr.
A reconnect may replay events already printed: they are printed again, and `tikscore feed`
counts each msgId once. After LiveEndEvent it prints that line and exits 0.

Exit status: 0 after LiveEndEvent (or when the creator is found offline on a reconnect, or the
reader closed the pipe, or Ctrl-C); 1 on a fatal error (user not found, not live at start
without --wait, no connection after the retries); 2 on a usage error; 3 without TikTokLive;
75 (EX_TEMPFAIL) when the TikTok sign server keeps refusing with HTTP 429. Errors are one
`bridge: error: ...` line on stderr, never a Python traceback.

`format_line(event)` builds a line without any network access and does not need TikTokLive to be
importable for this module to load (the tests import it). `run_bridge(...)` takes the client
factory, the sleep and the random source as arguments so that tests can fake the connection and
never sleep.
"""

from __future__ import annotations

import argparse
import asyncio
import email.utils
import json
import logging
import os
import random
import re
import sys
import time
from typing import Any, Awaitable, Callable, Iterator, Optional, TextIO

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
    "bridge: error: the TikTokLive package is not installed; "
    "install it with: python3 -m pip install 'TikTokLive>=7,<8'\n"
)

EX_OK = 0
EX_FATAL = 1
EX_USAGE = 2
EX_NO_PACKAGE = 3
EX_TEMPFAIL = 75

DEFAULT_RETRIES = 10
BACKOFF_FIRST = 1.0
BACKOFF_CAP = 60.0
BACKOFF_JITTER = 0.2          # each wait is 80–100 % of the nominal one
MAX_RETRY_AFTER = 900.0       # a sign server's retry-after is honoured up to 15 minutes

RATE_LIMIT_ERROR = (
    "the TikTok sign server keeps refusing (HTTP 429) after {attempts} attempts; "
    "try again later or set a sign API key"
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


# --- backoff ---------------------------------------------------------------------------------


class Backoff:
    """Exponential backoff: 1 s doubling to 60 s; each wait is shortened by up to 20 % at random
    (jitter) so that many bridges started together do not reconnect in step. `floor` (a sign
    server's retry-after) raises a wait above the schedule."""

    def __init__(self, first: float = BACKOFF_FIRST, cap: float = BACKOFF_CAP,
                 jitter: float = BACKOFF_JITTER, rng: Callable[[], float] = random.random) -> None:
        self.first, self.cap, self.jitter, self.rng = first, cap, jitter, rng
        self.step = 0

    def next(self, floor: float = 0.0) -> float:
        nominal = min(self.cap, self.first * (2 ** min(self.step, 30)))
        self.step += 1
        wait = nominal * (1.0 - self.jitter * self.rng())
        return max(wait, min(floor, MAX_RETRY_AFTER))

    def reset(self) -> None:
        self.step = 0


def seconds(value: float) -> str:
    """A wait as printed: one decimal below 10 s, whole seconds above."""
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


# --- what an exception means -----------------------------------------------------------------


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error, then its causes and contexts (TikTokLive re-raises lookups `from` others)."""
    seen: set[int] = set()
    stack = [error]
    while stack:
        current = stack.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        stack.extend([current.__cause__, current.__context__])  # type: ignore[list-item]


def _named(error: BaseException, *names: str) -> bool:
    """Whether the error is an instance of a class with one of these names (TikTokLive's errors
    are matched by name so that this module loads without TikTokLive)."""
    return any(cls.__name__ in names for cls in type(error).__mro__)


def _status(error: BaseException) -> Optional[int]:
    try:
        response = getattr(error, "response", None)
    except Exception:  # httpx raises when a request error has no response
        return None
    code = getattr(response, "status_code", None)
    return code if isinstance(code, int) else None


def _rate_limit_frame_response(error: BaseException) -> tuple[bool, Any]:
    """TikTokLive 7.0 builds SignatureRateLimitError from the 429's `RateLimit-Remaining` header
    and raises a TypeError from the constructor when the header is missing: recognise a 429 by
    the frame that failed, and keep its response for a Retry-After."""
    tb = error.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        owner = frame.f_locals.get("self", frame.f_locals.get("cls"))
        owner_class = owner if isinstance(owner, type) else type(owner)
        if "TikTokLive" in frame.f_code.co_filename and any(
                c.__name__ == "SignatureRateLimitError" for c in getattr(owner_class, "__mro__", ())):
            return True, frame.f_locals.get("response")
        tb = tb.tb_next
    return False, None


def is_rate_limit(error: BaseException) -> bool:
    for e in _chain(error):
        if _named(e, "SignatureRateLimitError"):
            return True
        if getattr(getattr(e, "reason", None), "name", None) == "RATE_LIMIT":
            return True
        if _status(e) == 429:
            return True
        if _rate_limit_frame_response(e)[0]:
            return True
    return False


def _header_seconds(response: Any, now: float) -> Optional[float]:
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    value = headers.get("Retry-After")
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            try:
                when = email.utils.parsedate_to_datetime(value).timestamp()
                return max(0.0, when - now)
            except (TypeError, ValueError):
                pass
    reset = headers.get("RateLimit-Reset")
    if reset:
        try:
            number = float(reset)
        except ValueError:
            return None
        # TikTokLive reads it as a Unix time; the IETF draft as seconds from now.
        return max(0.0, number - now) if number > 1e9 else max(0.0, number)
    return None


def retry_after(error: BaseException, now: Optional[float] = None) -> Optional[float]:
    """The wait a rate-limit error asks for, in seconds: TikTokLive's `retry_after` (from the
    `RateLimit-Remaining` header, as TikTokLive reads it), else the response's `Retry-After`
    or `RateLimit-Reset` header. None when it carries none."""
    now = time.time() if now is None else now
    for e in _chain(error):
        if _named(e, "SignatureRateLimitError"):
            try:
                value = float(e.retry_after)  # type: ignore[attr-defined]
                if value >= 0:
                    return value
            except Exception:
                pass
        try:
            response = getattr(e, "response", None)
        except Exception:
            response = None
        if response is None:
            response = _rate_limit_frame_response(e)[1]
        found = _header_seconds(response, now)
        if found is not None:
            return found
    return None


def describe(error: BaseException) -> str:
    """An exception as a short single line: TikTokLive's 'TikTokLive vX ->' prefix and the box
    it draws around a sign server message are removed."""
    text = str(error)
    parts = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line == "|" or re.fullmatch(r"\+[-\s]*(SIGN SERVER MESSAGE)?[-\s]*\+", line):
            continue
        boxed = re.fullmatch(r"\|\s*(.*?)\s*\|", line)
        parts.append(f"sign server: {boxed.group(1)}" if boxed else line)
    message = re.sub(r"^TikTokLive v\S+ ->\s*", "", " ".join(parts)).strip()
    message = re.sub(r"\s+", " ", message)
    name = type(error).__name__
    if len(message) > 240:
        message = message[:237] + "..."
    return f"{name}: {message}" if message and message != name else name


# --- the bridge ------------------------------------------------------------------------------


class _Connection:
    """What one connection saw."""

    def __init__(self) -> None:
        self.ended = False          # a LiveEndEvent was printed
        self.established = False    # the websocket delivered something (ConnectEvent or an event)
        self.disconnected = False   # TikTokLive emitted DisconnectEvent
        self.pipe_closed = False    # the reader of stdout went away


def _default_client_factory(handle: str) -> Any:
    from TikTokLive import TikTokLiveClient

    return TikTokLiveClient(unique_id=handle)


class _OneLineLogHandler(logging.Handler):
    """TikTokLive's log records as single `bridge: TikTokLive: ...` lines, without tracebacks."""

    def __init__(self, say: Callable[[str], None]) -> None:
        super().__init__()
        self.say = say

    def emit(self, record: logging.LogRecord) -> None:
        try:
            first = (record.getMessage().strip().splitlines() or [""])[0]
            self.say(f"TikTokLive: {record.levelname.lower()}: {first[:240]}")
        except Exception:
            pass


def _tame_tiktoklive_logger(say: Callable[[str], None]) -> None:
    logger = logging.getLogger("TikTokLive")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(_OneLineLogHandler(say))
    logger.propagate = False


async def run_bridge(
        handle: str,
        *,
        retries: int = DEFAULT_RETRIES,
        wait: bool = False,
        out: Optional[TextIO] = None,
        err: Optional[TextIO] = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        client_factory: Optional[Callable[[str], Any]] = None,
        rng: Callable[[], float] = random.random,
) -> int:
    """Print the LIVE of `handle` as feed lines until it ends; the exit status.

    `retries`: give up after this many failed connection attempts in a row (0: never). An
    attempt fails when it does not reach a working connection; a connection that delivered
    events and then dropped is not a failure, and resets the count and the backoff.
    """
    from TikTokLive import events as tiktok_events

    factory = client_factory or _default_client_factory

    def say(text: str) -> None:
        stream = err if err is not None else sys.stderr
        try:
            stream.write(f"bridge: {text}\n")
            stream.flush()
        except Exception:
            pass

    asyncio.get_running_loop().set_exception_handler(
        lambda _loop, context: say(f"warning: {context.get('message', 'an asyncio task failed')}"
                                   + (f" ({describe(context['exception'])})" if context.get("exception") else "")))

    backoff = Backoff(rng=rng)
    failures = 0            # failed attempts in a row
    ever_connected = False
    said_waiting = False
    user = "@" + handle.lstrip("@")

    while True:
        connection = _Connection()
        client = factory(handle)
        _tame_tiktoklive_logger(say)

        def forward(event: Any, connection: _Connection = connection, client: Any = client) -> None:
            connection.established = True
            if type(event).__name__ == "LiveEndEvent":
                connection.ended = True
            if connection.pipe_closed:
                return
            try:
                write_line(event, out)
            except BrokenPipeError:
                # The reader went away: stop quietly, do not reconnect.
                connection.pipe_closed = True
                try:
                    asyncio.get_running_loop().create_task(client.disconnect())
                except Exception:
                    pass
                return
            except Exception as error:  # a malformed event must not end the stream
                say(f"could not format {type(event).__name__}: {describe(error)}")

        def established(_event: Any, connection: _Connection = connection) -> None:
            connection.established = True

        def disconnected(_event: Any, connection: _Connection = connection) -> None:
            connection.disconnected = True

        for name in EVENT_NAMES:
            client.add_listener(getattr(tiktok_events, name), forward)
        client.add_listener(tiktok_events.ConnectEvent, established)
        client.add_listener(tiktok_events.DisconnectEvent, disconnected)

        failure: Optional[BaseException] = None
        try:
            # client.start() + awaiting its task is what client.connect() does, without
            # connect()'s clean-up on cancellation (it calls run_until_complete inside the loop).
            task = await client.start(fetch_live_check=True)
            await task
        except asyncio.CancelledError:
            raise
        except Exception as error:
            failure = error
        finally:
            await _close(client)

        if connection.ended or connection.pipe_closed:
            return EX_OK

        if connection.established:
            ever_connected = True
            failures = 0
            backoff.reset()
            why = (f"websocket error: {describe(failure)}" if failure is not None
                   else "the connection closed before the LIVE ended")
            delay = backoff.next()
            say(f"disconnected ({why}); reconnecting in {seconds(delay)} s")
            await sleep(delay)
            continue

        # The attempt did not reach a working connection.
        if failure is None:
            failure = ConnectionError("the connection closed at once")
        if _named_in_chain(failure, "UserOfflineError"):
            if ever_connected:
                say(f"{user} is no longer live; stopping")
                return EX_OK
            if not wait:
                say(f"error: {user} is not live now; start the bridge during the LIVE, or pass --wait")
                return EX_FATAL
            if not said_waiting:
                say(f"{user} is not live; waiting for the LIVE to start")
                said_waiting = True
            await sleep(backoff.next())
            continue
        if _named_in_chain(failure, "UserNotFoundError"):
            say(f"error: TikTok user {user} was not found, or cannot go LIVE")
            return EX_FATAL
        if _named_in_chain(failure, "AgeRestrictedError"):
            say(f"error: {user}'s LIVE is age-restricted; TikTokLive needs a logged-in session for it")
            return EX_FATAL
        if _named_in_chain(failure, "PremiumEndpointError", "AuthenticatedWebSocketConnectionError"):
            say(f"error: the sign server refused: {describe(failure)}")
            return EX_FATAL

        failures += 1
        limited = is_rate_limit(failure)
        if retries > 0 and failures >= retries:
            if limited:
                say("error: " + RATE_LIMIT_ERROR.format(attempts=failures))
                return EX_TEMPFAIL
            say(f"error: could not connect to {user} after {failures} attempts ({describe(failure)})")
            return EX_FATAL
        if limited:
            hint = retry_after(failure)
            why = "the sign server refused: HTTP 429" + (f", retry after {seconds(hint)} s" if hint else "")
            delay = backoff.next(floor=hint or 0.0)
        else:
            why = describe(failure)
            delay = backoff.next()
        of = f" of {retries}" if retries > 0 else ""
        verb = "reconnecting" if ever_connected else "retrying"
        say(f"cannot connect ({why}); {verb} in {seconds(delay)} s (attempt {failures}{of} failed)")
        await sleep(delay)


def _named_in_chain(error: BaseException, *names: str) -> bool:
    return any(_named(e, *names) for e in _chain(error))


async def _close(client: Any) -> None:
    """Close a finished attempt's websocket and HTTP client; a failure here changes nothing."""
    try:
        await client.disconnect()
    except Exception:
        pass
    try:
        await client.web.close()
    except Exception:
        pass


# --- command line ----------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tiktoklive-bridge.py",
        description="Print a creator's TikTok LIVE as JSON lines for `tikscore feed CREATOR -` "
                    "(one {\"event\": ..., \"data\": ...} line per TikTokLive event, flushed).",
        epilog="Reconnects with backoff (1 s doubling to 60 s, with jitter) when TikTokLive drops "
               "the stream, and honours the sign server's retry-after on HTTP 429. "
               "The sign server TikTokLive uses takes an API key from the SIGN_API_KEY "
               "environment variable. Exit status: 0 when the LIVE ends, 1 on a fatal error, "
               "2 on a usage error, 3 without TikTokLive, 75 when the sign server keeps "
               "refusing (HTTP 429).",
    )
    parser.add_argument("handle", help="the creator's TikTok handle, e.g. @leo")
    parser.add_argument("--retries", type=_count, default=DEFAULT_RETRIES, metavar="N",
                        help="give up after N failed connection attempts in a row "
                             f"(default {DEFAULT_RETRIES}; 0: never give up); a connection that "
                             "delivered events resets the count")
    parser.add_argument("--wait", action="store_true",
                        help="if the creator is not live yet, wait for the LIVE to start "
                             "(checking at most every 60 s) instead of exiting 1")
    return parser


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def main(
        argv: Optional[list[str]] = None,
        *,
        out: Optional[TextIO] = None,
        err: Optional[TextIO] = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        client_factory: Optional[Callable[[str], Any]] = None,
        rng: Callable[[], float] = random.random,
) -> int:
    args = [a.strip() for a in (sys.argv[1:] if argv is None else argv) if a.strip()]
    try:
        options = _parser().parse_args(args)
    except SystemExit as stop:  # --help (0) or a usage error (2)
        return int(stop.code or 0)
    handle = options.handle.strip()
    if not handle.lstrip("@"):
        (err or sys.stderr).write("bridge: error: the handle is empty\n")
        return EX_USAGE
    try:
        import TikTokLive  # noqa: F401
        from TikTokLive import events  # noqa: F401
    except ImportError:
        (err or sys.stderr).write(MISSING_PACKAGE)
        return EX_NO_PACKAGE

    try:
        status = asyncio.run(run_bridge(handle, retries=options.retries, wait=options.wait, out=out,
                                        err=err, sleep=sleep, client_factory=client_factory, rng=rng))
    except KeyboardInterrupt:
        return EX_OK
    except BrokenPipeError:
        status = EX_OK
    except Exception as error:
        (err or sys.stderr).write(f"bridge: error: {describe(error)}\n")
        return EX_FATAL
    if out is None:
        _quiet_stdout_if_broken()
    return status


def _quiet_stdout_if_broken() -> None:
    """After the reader closed the pipe, point stdout at /dev/null so that the interpreter's
    final flush does not print 'Exception ignored ... BrokenPipeError'."""
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError, OSError):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass


if __name__ == "__main__":
    sys.exit(main())
