"""Feed figures: a recorded file, live ingest over WebSocket and `feed --follow`, wallet growth."""
import json
import os
import random
import select
import signal
import sqlite3
import subprocess
import threading
import time

from common import (BenchError, ProductError, describe_status, error_record, finish, median,
                    percentile, record, spawn, spread, timed, untrack)
from context import checkpointed_bytes, max_seq, read_only, table_bytes
from wallets import RATE, label
from wsserver import FeedServer

def transfers_schema(ctx):
    """The transfers table and its two indexes, exactly as a wallet the product made holds them."""
    conn = read_only(ctx.wallets["small"])
    try:
        rows = conn.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'transfers' AND name IN "
            "('transfers', 'transfers_by_debit', 'transfers_by_credit') ORDER BY type DESC").fetchall()
    finally:
        conn.close()
    if len(rows) != 3:
        raise BenchError("the wallet has no transfers table with its two indexes")
    return ";\n".join(row[0] for row in rows) + ";\n"


MONEY_KINDS = ("gift", "follow")


# --- helpers -------------------------------------------------------------------------------

def simulate_lines(ctx, seed, seconds, battle=None):
    argv = ["simulate", "leo", "--seconds", seconds, "--rate", RATE, "--seed", seed]
    if battle:
        argv += ["--battle", battle]
    out = ctx.tik(ctx.wallets["small"], *argv, "--jsonl", timeout=300).stdout
    return [line for line in out.decode("utf-8").splitlines() if line.strip()]


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(line + "\n")


def applied_total(report, kinds=None):
    applied = report.get("applied", {})
    if kinds is None:
        return sum(applied.values())
    return sum(applied.get(kind, 0) for kind in kinds)


def new_peer_db(ctx, name):
    path = ctx.path(name)
    ctx.remove_wallet(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL").fetchall()
    conn.executescript(transfers_schema(ctx))
    conn.close()
    return path


def insert_script(path, n, seed=7):
    """N INSERTs of rows shaped like the feed's transfers, in one transaction, synchronous=FULL."""
    rng = random.Random(seed)
    names = ["Rose", "TikTok", "Heart Me", "Finger Heart", "Doughnut", "Corgi"]
    with open(path, "w") as f:
        f.write("PRAGMA synchronous=FULL;\nBEGIN;\n")
        for i in range(n):
            msg = 7000099000000000000 + 7 * (i // 2)
            credit = "user:1:earned" if i % 2 == 0 else "platform:commission"
            kind = "feed_gift" if i % 2 == 0 else "feed_commission"
            gift = rng.choice(names)
            count = rng.randint(1, 40)
            memo = "%sLIVE gift %s ×%d (id %d) from @viewer%d" % ("" if i % 2 == 0 else "commission on ",
                                                                 gift, count, 5000 + rng.randint(0, 999), rng.randint(0, 400))
            f.write("INSERT INTO transfers (id, debit, credit, units, kind, command_id, pending_id, memo, at) VALUES "
                    "('k:feed:1:gift:%d/%d', 'platform:external_feed', '%s', %d, '%s', 'k:feed:1:gift:%d', NULL, '%s', "
                    "'2026-11-24T12:00:00.000Z');\n" % (msg, i % 2, credit, 50 * count, kind, msg, memo))
        f.write("COMMIT;\n")


def sqlite_insert_seconds(ctx, n, runs):
    script = ctx.path("insert-%d.sql" % n)
    insert_script(script, n)
    times = []
    for index in range(runs + 1):  # the first run warms the caches and is not counted, as for the feed
        db = new_peer_db(ctx, "peer-insert.sqlite")
        with open(script, "rb") as f:
            elapsed, code, _ = timed([ctx.peers["sqlite3"], db], stdin=f, timeout=300)
        if code != 0:
            raise BenchError("sqlite3 insert of %d rows exited %s" % (n, describe_status(code)))
        if index >= 1:
            times.append(elapsed)
        ctx.remove_wallet(db)
    os.unlink(script)
    return times


class Watcher:
    """Polls a table's MAX(seq) read-only and records when each new row became visible."""

    def __init__(self, path, table="live_events", interval=0.002):
        self.path, self.table, self.interval = path, table, interval
        self.base = max_seq(path, table)
        self.changes = []   # (time, count above base)
        self.stop_flag = threading.Event()
        self.error = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def _run(self):
        try:
            conn = read_only(self.path)
            last = 0
            sql = "SELECT MAX(seq) FROM %s" % self.table
            while not self.stop_flag.is_set():
                try:
                    value = int(conn.execute(sql).fetchone()[0] or 0) - self.base
                except sqlite3.OperationalError:
                    value = last
                now = time.perf_counter()
                if value > last:
                    self.changes.append((now, value))
                    last = value
                time.sleep(self.interval)
            conn.close()
        except Exception as error:
            self.error = str(error)

    def stop(self):
        self.stop_flag.set()
        self.thread.join(timeout=5)

    def count(self):
        return self.changes[-1][1] if self.changes else 0

    def visible_times(self, n):
        """For rows 1..n above base: when each was first seen (None if never)."""
        result = [None] * n
        i = 0
        for when, value in self.changes:
            while i < n and i < value:
                result[i] = when
                i += 1
        return result


def lag_stats(sent, seen):
    lags = [(b - a) * 1000 for a, b in zip(sent, seen) if a is not None and b is not None]
    return lags


# --- feed ingest of a recorded file --------------------------------------------------------

def fig_ingest(ctx):
    small = ctx.wallets["small"]
    seconds = ctx.samples(3, 10)
    runs = ctx.samples(3, 5)
    lines = simulate_lines(ctx, 21, seconds)
    feed = ctx.path("ingest.jsonl")
    write_lines(feed, lines)
    name = "feed ingest, a recorded file (%s lines into the %s)" % ("{:,}".format(len(lines)), label(ctx, "small"))
    target_text = "≥ 0.3 × sqlite3 inserting the same N transfers in one transaction"
    times, added, events, growth = [], None, None, None
    for index in range(runs + 1):  # the first run warms the caches and is not counted
        db = ctx.copy_wallet(small, "ingest.sqlite")
        before = max_seq(db, "transfers")
        before_bytes = checkpointed_bytes(db) if index == 1 else None
        out_path = ctx.path("ingest-report.json")
        with open(out_path, "wb") as out:
            elapsed, code, _ = timed(ctx.tik_argv(db, "feed", "leo", feed, "--json"), env=ctx.env(db), stdout=out,
                                     timeout=900)
        if code != 0:
            raise ProductError("tikscore feed exited %s" % describe_status(code))
        with open(out_path) as f:
            report = json.load(f)
        n = max_seq(db, "transfers") - before
        if added is None:
            added, events = n, applied_total(report)
        elif n != added:
            raise ProductError("the same feed added %d transfers once and %d another time" % (added, n))
        if index >= 1:
            times.append(elapsed)
        if index == 1:
            growth = (checkpointed_bytes(db) - before_bytes) / max(1, len(lines))
        ctx.remove_wallet(db)
    durable = check_durable_on_report(ctx, small, feed, added)
    if ctx.peers.get("sqlite3"):
        peer_times = sqlite_insert_seconds(ctx, added, runs)
        peer_rate = added / median(peer_times)
        peer = {"name": "sqlite3 shell, %s INSERTs in one transaction (WAL, synchronous=FULL)" % "{:,}".format(added),
                "value": peer_rate, "unit": "transfers/s", "spread": [added / max(peer_times), added / min(peer_times)]}
    else:
        peer, peer_rate = {"name": "sqlite3", "value": None, "skipped": ctx.skipped.get("sqlite3")}, None
    rate = added / median(times)
    records = [record(name, rate, "transfers/s", target=0.3, op=">=", of="ratio", target_text=target_text,
                      peer=peer, ratio=(rate / peer_rate) if peer_rate else None, samples=len(times),
                      spread=[added / max(times), added / min(times)],
                      extra={"lines": len(lines), "transfers_added": added, "events_applied": events,
                             "events_per_s": events / median(times), "seconds": times,
                             "wallet_bytes_per_line": growth})]
    if peer_rate is None:
        records[0]["meets"] = None
    records.append(record("feed: applied events durable when the report is printed (kill -9 right after it)",
                          durable["lost"], "lost", target=0, op="<=", target_text="0 lost",
                          samples=1, extra=durable))
    os.unlink(feed)
    return records


def check_durable_on_report(ctx, small, feed, expected):
    """Runs the feed, SIGKILLs it the moment its JSON report is complete, then counts what is in
    the wallet: every transfer the report covers must be there."""
    db = ctx.copy_wallet(small, "durable.sqlite")
    before = max_seq(db, "transfers")
    proc = spawn(ctx.tik_argv(db, "feed", "leo", feed, "--json"), env=ctx.env(db), stdout=subprocess.PIPE,
                 stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    data = b""
    killed_before_exit = False
    deadline = time.monotonic() + 900
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([proc.stdout], [], [], 1.0)
            if not ready:
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            data += chunk
            if data.rstrip().endswith(b"}"):
                try:
                    json.loads(data)
                except ValueError:
                    continue
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGKILL)
                    killed_before_exit = True
                break
    finally:
        try:
            finish(proc, 30)
        except subprocess.TimeoutExpired:
            pass
        proc.stdout.close()
    found = max_seq(db, "transfers") - before
    ctx.remove_wallet(db)
    return {"expected_transfers": expected, "found_after_kill": found, "lost": max(0, expected - found),
            "killed_before_exit": killed_before_exit}


# --- wallet growth -------------------------------------------------------------------------

def money_only(lines):
    """The lines that are applied money events by themselves: follows, and gifts that count at
    once (not streakable, or a streak's end line, which carries the final count)."""
    keep = []
    for line in lines:
        obj = json.loads(line)
        event, data = obj.get("event"), obj.get("data", {})
        if event == "follow":
            keep.append(line)
        elif event == "gift" and (data.get("giftType") != 1 or data.get("repeatEnd") is True):
            keep.append(line)
    return keep


def other_lines(n, seed=23):
    """Non-money events in TikTok-Live-Connector 1.x flat form with msgIds: likes, joins, viewers."""
    rng = random.Random(seed)
    lines = []
    base_time = 1795600000000
    total_likes = 0
    for i in range(n):
        msg = "70000230%011d" % (i * 7 + 3)
        when = base_time + i * 3
        viewer = rng.randint(0, 5000)
        user = {"userId": "70000000%011d" % viewer, "uniqueId": "viewer%d" % viewer, "nickname": "Viewer %d" % viewer}
        kind = i % 3
        if kind == 0:
            count = rng.randint(1, 15)
            total_likes += count
            data = dict(msgId=msg, createTime=str(when), likeCount=count, totalLikeCount=total_likes, **user)
            lines.append(json.dumps({"event": "like", "data": data}, separators=(",", ":")))
        elif kind == 1:
            data = dict(msgId=msg, createTime=str(when), actionId=1, displayType="live_room_enter_toast", **user)
            lines.append(json.dumps({"event": "member", "data": data}, separators=(",", ":")))
        else:
            data = dict(msgId=msg, createTime=str(when), viewerCount=rng.randint(10, 3000))
            lines.append(json.dumps({"event": "roomUser", "data": data}, separators=(",", ":")))
    return lines


def grow(ctx, lines, name):
    db = ctx.copy_wallet(ctx.wallets["small"], name + ".sqlite")
    feed = ctx.path(name + ".jsonl")
    write_lines(feed, lines)
    before = checkpointed_bytes(db)
    tables_before = table_bytes(db, ctx.peers.get("sqlite3"))
    events_before = max_seq(db, "live_events")
    report = ctx.tik_json(db, "feed", "leo", feed)
    after = checkpointed_bytes(db)
    tables_after = table_bytes(db, ctx.peers.get("sqlite3"))
    stored = max_seq(db, "live_events") - events_before
    per_table = None
    if tables_before is not None and tables_after is not None:
        per_table = {k: tables_after.get(k, 0) - tables_before.get(k, 0)
                     for k in sorted(set(tables_before) | set(tables_after))
                     if tables_after.get(k, 0) != tables_before.get(k, 0)}
    ctx.remove_wallet(db)
    os.unlink(feed)
    return after - before, report, stored, per_table


def fig_growth(ctx):
    records = []
    seconds = ctx.samples(3, 10)
    try:
        money = money_only(simulate_lines(ctx, 22, seconds))
        delta, report, stored, per_table = grow(ctx, money, "growth-money")
        applied = applied_total(report, MONEY_KINDS)
        if applied == 0:
            raise ProductError("a feed of %d gift/follow lines applied no money event (%s)" % (len(money), report.get("applied")))
        records.append(record("wallet growth per applied money event (gift, follower)", delta / applied, "B",
                              target=300, op="<=", target_text="≤ 300 bytes per event", samples=applied,
                              extra={"lines": len(money), "applied": report.get("applied"), "bytes": delta,
                                     "live_events_stored": stored, "bytes_per_table": per_table}))
        records[-1]["deterministic"] = True
    except (BenchError, ProductError) as error:
        records.append(error_record("wallet growth per applied money event (gift, follower)", "B", str(error),
                                    target=300, target_text="≤ 300 bytes per event",
                                    product_error=isinstance(error, ProductError)))
    try:
        others = other_lines(ctx.samples(3000, 10000))
        delta, report, stored, per_table = grow(ctx, others, "growth-other")
        applied = applied_total(report, ("like", "join", "viewers"))
        if applied == 0:
            raise ProductError("a feed of %d like/member/roomUser lines applied nothing (%s)" % (len(others), report))
        records.append(record("wallet growth per other stored event (like, join, viewers)", delta / applied, "B",
                              target=64, op="<=", target_text="≤ 64 bytes per event", samples=applied,
                              extra={"lines": len(others), "applied": report.get("applied"), "bytes": delta,
                                     "live_events_stored": stored, "bytes_per_table": per_table}))
        records[-1]["deterministic"] = True
    except (BenchError, ProductError) as error:
        records.append(error_record("wallet growth per other stored event (like, join, viewers)", "B", str(error),
                                    target=64, target_text="≤ 64 bytes per event",
                                    product_error=isinstance(error, ProductError)))
    return records


# --- live ingest ---------------------------------------------------------------------------

def live_connect(ctx, lines, rate, name):
    """Serves `lines` over WebSocket to `connect --once`; returns (sent, seen, report, seconds)."""
    db = ctx.copy_wallet(ctx.wallets["small"], name + ".sqlite")
    server = FeedServer(lines, rate=rate, timeout=60).start()
    watcher = Watcher(db).start()
    proc = spawn(ctx.tik_argv(db, "connect", "leo", server.url, "--once", "--retries", "3", "--json"),
                 env=ctx.env(db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    limit = 60 + len(lines) / 200.0
    try:
        out, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        untrack(proc)
        watcher.stop()
        raise BenchError("connect did not finish within %d s (%d of %d events stored)"
                         % (limit, watcher.count(), len(lines)))
    untrack(proc)
    server.done.wait(15)
    time.sleep(0.05)
    watcher.stop()
    if proc.returncode != 0:
        msg = err.decode("utf-8", "replace").strip().splitlines()
        raise ProductError("tikscore connect exited %s: %s" % (describe_status(proc.returncode), msg[-1] if msg else ""))
    if server.error:
        raise BenchError("the WebSocket server: %s" % server.error)
    try:
        report = json.loads(out)
    except ValueError:
        report = {}
    seen = watcher.visible_times(len(lines))
    ctx.remove_wallet(db)
    return server.sent, seen, report, watcher


def fig_live(ctx):
    records = []
    # Throughput: as fast as the client takes them.
    k = ctx.samples(5000, 20000)
    name = "live ingest (connect): events/s from a local WebSocket, %s events" % "{:,}".format(k)
    try:
        lines = simulate_lines(ctx, 24, max(3, int(k / 1500) + 3))[:k]
        sent, seen, report, watcher = live_connect(ctx, lines, None, "live-blast")
        stored = sum(1 for t in seen if t is not None)
        if stored < len(lines):
            raise ProductError("connect stored %d of %d events (report: %s)" % (stored, len(lines), report.get("applied")))
        seconds = seen[-1] - sent[0]
        lags = lag_stats(sent, seen)
        records.append(record(name, len(lines) / seconds, "events/s", target=5000, op=">=",
                              target_text="≥ 5,000 events/s", samples=len(lines),
                              extra={"seconds": seconds, "applied": report.get("applied"),
                                     "lag_ms_p50": median(lags), "lag_ms_max": max(lags)}))
    except (BenchError, ProductError) as error:
        records.append(error_record(name, "events/s", str(error), target=5000, op=">=", target_text="≥ 5,000 events/s",
                                    product_error=isinstance(error, ProductError)))
    # Durability lag at a steady rate the client keeps up with.
    rate = 1000
    k2 = ctx.samples(2000, 5000)
    name = "live ingest (connect): event durable after arrival, %d events/s" % rate
    target_text = "≤ 100 ms (median; max in extra)"
    try:
        lines = simulate_lines(ctx, 25, max(3, int(k2 / 1500) + 3))[:k2]
        sent, seen, report, watcher = live_connect(ctx, lines, rate, "live-paced")
        lags = lag_stats(sent, seen)
        lost = sum(1 for t in seen if t is None)
        if lost:
            raise ProductError("connect stored %d of %d events" % (len(lines) - lost, len(lines)))
        records.append(record(name, median(lags), "ms", target=100, op="<=", target_text=target_text,
                              samples=len(lags), spread=spread(lags),
                              extra={"lag_ms_p95": percentile(lags, 0.95), "lag_ms_max": max(lags),
                                     "applied": report.get("applied")}))
    except (BenchError, ProductError) as error:
        records.append(error_record(name, "ms", str(error), target=100, target_text=target_text,
                                    product_error=isinstance(error, ProductError)))
    # feed --follow: lines appended to a file at the same steady rate.
    name = "live ingest (feed --follow): event durable after it is appended, %d events/s" % rate
    try:
        lines = simulate_lines(ctx, 26, max(3, int(k2 / 1500) + 3))
        end = [line for line in lines if '"streamEnd"' in line][-1:]
        lines = [line for line in lines if '"streamEnd"' not in line][:k2 - 1] + end
        sent, seen, report = follow_feed(ctx, lines, rate)
        lags = lag_stats(sent, seen)
        lost = sum(1 for t in seen if t is None)
        if lost:
            raise ProductError("feed --follow stored %d of %d events" % (len(lines) - lost, len(lines)))
        records.append(record(name, median(lags), "ms", target=100, op="<=", target_text=target_text,
                              samples=len(lags), spread=spread(lags),
                              extra={"lag_ms_p95": percentile(lags, 0.95), "lag_ms_max": max(lags),
                                     "applied": report.get("applied")}))
    except (BenchError, ProductError) as error:
        records.append(error_record(name, "ms", str(error), target=100, target_text=target_text,
                                    product_error=isinstance(error, ProductError)))
    return records


def follow_feed(ctx, lines, rate):
    db = ctx.copy_wallet(ctx.wallets["small"], "follow.sqlite")
    feed = ctx.path("follow.jsonl")
    open(feed, "w").close()
    watcher = Watcher(db).start()
    proc = spawn(ctx.tik_argv(db, "feed", "leo", feed, "--follow", "--json"), env=ctx.env(db),
                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    sent = [None] * len(lines)
    try:
        time.sleep(0.5)  # the feed is open and waiting for the file to grow
        if proc.poll() is not None:
            raise ProductError("feed --follow exited %s before the file grew" % describe_status(proc.returncode))
        with open(feed, "a", encoding="utf-8") as f:
            start = time.perf_counter()
            interval = 1.0 / rate
            i, n = 0, len(lines)
            while i < n:
                now = time.perf_counter()
                due = min(n, int((now - start) / interval) + 1)
                if due <= i:
                    time.sleep(max(0.0, start + i * interval - now))
                    continue
                f.write("".join(line + "\n" for line in lines[i:due]))
                f.flush()
                t = time.perf_counter()
                for j in range(i, due):
                    sent[j] = t
                i = due
        try:
            out, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            raise ProductError("feed --follow did not stop within 60 s after the stream's end (%d of %d stored)"
                               % (watcher.count(), len(lines)))
        if proc.returncode != 0:
            msg = err.decode("utf-8", "replace").strip().splitlines()
            raise ProductError("feed --follow exited %s: %s" % (describe_status(proc.returncode), msg[-1] if msg else ""))
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        untrack(proc)
        time.sleep(0.05)
        watcher.stop()
    try:
        report = json.loads(out)
    except ValueError:
        report = {}
    seen = watcher.visible_times(len(lines))
    ctx.remove_wallet(db)
    os.unlink(feed)
    return sent, seen, report
