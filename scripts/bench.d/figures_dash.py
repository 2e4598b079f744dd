"""Dashboard figures, through a pseudo-terminal of 100×30 and a small terminal emulator."""
import fcntl
import json
import os
import select
import signal
import struct
import subprocess
import termios
import time

import vt
from common import (BenchError, ProductError, describe_status, error_record, median, percentile,
                    record, spawn, spread, untrack)
from context import account_id, format_points, max_seq, points_units
from wallets import label

ROWS, COLS = 30, 100
HELP_MARK = "Keys:"      # the title of the `?` overlay ("Keys: Dashboard (Esc closes)")
CLK_TCK = os.sysconf("SC_CLK_TCK")


class Dashboard:
    def __init__(self, ctx, db, account):
        self.ctx, self.db = ctx, db
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = ctx.env(db, TERM="xterm-256color")
        env.pop("NO_COLOR", None)
        self.screen = vt.Screen(ROWS, COLS)
        self.bytes = 0
        self.last_output = None
        self.started = time.perf_counter()
        self.proc = spawn([ctx.bin, "--db", db, "--account", account], stdin=slave, stdout=slave, stderr=slave,
                          env=env)
        os.close(slave)
        os.set_blocking(self.master, False)

    @property
    def pid(self):
        return self.proc.pid

    def pump(self, timeout):
        """Reads what is there (waiting up to timeout for the first bytes): bytes read."""
        got = 0
        ready, _, _ = select.select([self.master], [], [], timeout)
        while ready:
            try:
                data = os.read(self.master, 65536)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:  # EIO: the program closed the terminal
                break
            if not data:
                break
            now = time.perf_counter()
            self.last_output = now
            self.bytes += len(data)
            got += len(data)
            self.screen.feed(data)
            ready, _, _ = select.select([self.master], [], [], 0)
        return got

    def wait_for(self, predicate, timeout):
        """Pumps until predicate(screen) holds: the time of the chunk that made it true, or None."""
        deadline = time.perf_counter() + timeout
        while True:
            if predicate(self.screen):
                return self.last_output if self.last_output is not None else time.perf_counter()
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            if self.proc.poll() is not None:
                self.pump(0)
                if predicate(self.screen):
                    return self.last_output
                return None
            self.pump(min(left, 0.005))

    def settle(self, quiet, timeout=10):
        """Pumps until no output for `quiet` seconds: the time of the last output (or None on timeout)."""
        called = time.perf_counter()
        deadline = called + timeout
        while time.perf_counter() < deadline:
            ref = max(self.last_output or self.started, called)
            if time.perf_counter() - ref >= quiet:
                return self.last_output
            self.pump(max(0.001, min(quiet - (time.perf_counter() - ref), 0.02)))
        return None

    def press(self, key):
        os.write(self.master, key)
        return time.perf_counter()

    def cpu_ticks(self):
        with open("/proc/%d/stat" % self.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime (fields 14 and 15)

    def status(self, key):
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])  # KiB
        return None

    def quit(self, timeout=5):
        """`q`, then waits for the exit; kills it on timeout. Returns the exit code (None if killed)."""
        code = None
        if self.proc.poll() is None:
            try:
                self.press(b"q")
            except OSError:
                pass
            deadline = time.perf_counter() + timeout
            while time.perf_counter() < deadline and self.proc.poll() is None:
                self.pump(0.02)
            code = self.proc.poll()
        else:
            code = self.proc.returncode
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
            code = None
        untrack(self.proc)
        try:
            os.close(self.master)
        except OSError:
            pass
        return code


def balance_on_screen(text):
    return lambda screen: any("Points" in row and text in row for row in (screen.line(i) for i in range(ROWS)))


def help_shown(screen):
    return screen.contains(HELP_MARK)


def first_screen(ctx, db, account, text):
    """Seconds from spawn to the last byte before 100 ms of quiet once `text` is on screen."""
    dash = Dashboard(ctx, db, account)
    try:
        seen = dash.wait_for(balance_on_screen(text) if account == "mia" else (lambda s: s.contains(text)), 30)
        if seen is None:
            if dash.proc.poll() is not None:
                raise ProductError("the dashboard exited %s before its first screen"
                                   % describe_status(dash.proc.returncode))
            raise BenchError("the dashboard showed no %r within 30 s" % text)
        last = dash.settle(0.1)
        if last is None:
            last = seen
        return last - dash.started, dash
    except Exception:
        dash.quit()
        raise


def mia_balance_text(db):
    return format_points(points_units(db, account_id(db, "mia")))


def fig_first_screen(ctx, which):
    db = ctx.wallets[which]
    n = ctx.samples(5, 20)
    text = mia_balance_text(db)
    times, codes = [], []
    for _ in range(n + 1):  # one warm-up start
        seconds, dash = first_screen(ctx, db, "mia", text)
        code = dash.quit()
        codes.append(code)
        times.append(seconds)
    times = times[1:]
    bad = [c for c in codes if c != 0]
    rec = record("dashboard first screen (%s)" % label(ctx, which), median(times), "s", target=0.1, op="<=",
                 target_text="≤ 100 ms" + (" on the 1M wallet" if which == "big" else ""),
                 samples=len(times), spread=spread(times),
                 extra={"quit_not_clean": len(bad), "exit_codes": sorted(set(map(str, codes)))})
    if bad:
        rec["extra"]["note"] = "`q` did not end the dashboard cleanly %d time(s)" % len(bad)
    return [rec]


def fig_session(ctx, which, idle=True, keys=True):
    """One dashboard on `which`: recharges from another process (bytes, latency), idle CPU, RSS, keys."""
    db = ctx.wallets[which]
    where = label(ctx, which)
    n = ctx.samples(5, 20)
    mia = account_id(db, "mia")
    units = points_units(db, mia)
    records = []
    seconds, dash = first_screen(ctx, db, "mia", format_points(units))
    try:
        dash.settle(0.3)
        lat, sizes, misses = [], [], 0
        for i in range(n):
            points = 30 + 2 * i
            units += points * 100
            text = format_points(units)
            before = dash.bytes
            proc = spawn(ctx.tik_argv(db, "recharge", "mia", "--points", points, "--method", "card", "--card",
                                      "4242424242424242"), env=ctx.env(db), stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
            seen_early = None
            while proc.poll() is None:
                dash.pump(0.002)
                if seen_early is None and balance_on_screen(text)(dash.screen):
                    seen_early = dash.last_output
            exited = time.perf_counter()
            err = proc.stderr.read()
            proc.stderr.close()
            untrack(proc)
            if proc.returncode != 0:
                raise ProductError("tikscore recharge exited %s: %s" % (describe_status(proc.returncode),
                                                                      err.decode("utf-8", "replace").strip()[-200:]))
            seen = seen_early or dash.wait_for(balance_on_screen(text), 5)
            if seen is None:
                misses += 1
                dash.settle(0.2)
                continue
            lat.append(max(0.0, seen - exited))
            dash.settle(0.15)
            sizes.append(dash.bytes - before)
        if not lat:
            raise ProductError("the dashboard never showed a recharge made by another process (%d tries)" % n)
        records.append(record("dashboard live update after a CLI recharge (%s)" % where, median(lat), "s",
                              target=0.1, op="<=", target_text="≤ 100 ms", samples=len(lat), spread=spread(lat),
                              extra={"not_shown_within_5s": misses, "p95_s": percentile(lat, 0.95)}))
        records.append(record("dashboard bytes per balance change (%s, 100×30)" % where, median(sizes), "B",
                              target=200, op="<=", target_text="≤ 200 bytes", samples=len(sizes),
                              spread=spread(sizes)))
        if idle:
            dash.settle(0.5)
            span = ctx.samples(5.0, 10.0)
            t0, c0 = time.perf_counter(), dash.cpu_ticks()
            out0 = dash.bytes
            while time.perf_counter() - t0 < span:
                dash.pump(0.2)
            t1, c1 = time.perf_counter(), dash.cpu_ticks()
            cpu = (c1 - c0) / CLK_TCK / (t1 - t0) * 100
            records.append(record("dashboard idle CPU (%s, %.0f s)" % (where, span), cpu, "%", target=0.5, op="<=",
                                  target_text="≤ 0.5 %", samples=1,
                                  extra={"cpu_ms": (c1 - c0) * 1000 / CLK_TCK, "bytes_while_idle": dash.bytes - out0}))
        rss = dash.status("VmRSS")
        records.append(record("dashboard RSS (%s)" % where, rss * 1024 if rss else None, "B", target=40e6, op="<=",
                              target_text="≤ 40 MB, flat", samples=1,
                              extra={"peak_rss_bytes": (dash.status("VmHWM") or 0) * 1024}))
        if keys:
            records.append(key_latency(ctx, dash, ctx.samples(10, 20),
                                       "dashboard key answered on screen (`?` help, idle, %s)" % where))
    finally:
        code = dash.quit()
    if code != 0:
        for rec in records:
            rec.setdefault("extra", {})["quit"] = "exit %s after q" % describe_status(code)
    return records


def key_latency(ctx, dash, n, name, stop=None, gap=0.05):
    """Presses `?` (help opens) and `?` again (help closes), timing each until the screen shows it."""
    lat, misses = [], 0
    for i in range(n):
        if stop is not None and stop():
            break
        shown = help_shown(dash.screen)
        t = dash.press(b"?")
        seen = dash.wait_for(lambda s: help_shown(s) != shown, 3)
        if seen is None:
            misses += 1
        else:
            lat.append(max(0.0, seen - t))
        dash.settle(gap, timeout=0.5)
    if help_shown(dash.screen):
        dash.press(b"?")
        dash.wait_for(lambda s: not help_shown(s), 2)
    if not lat:
        return error_record(name, "s", "no key press was answered within 3 s", target=0.05,
                            target_text="≤ 50 ms", product_error=True)
    return record(name, median(lat), "s", target=0.05, op="<=", target_text="≤ 50 ms", samples=len(lat),
                  spread=spread(lat), extra={"p95_s": percentile(lat, 0.95), "not_answered_within_3s": misses})


def fig_battle(ctx):
    """`simulate --rate 2000 --battle mia` in real time into the wallet of an open dashboard (leo)."""
    db = ctx.wallets["big"]
    where = label(ctx, "big")
    seconds = ctx.samples(3, 10)
    argv = ["simulate", "leo", "--rate", "2000", "--seconds", seconds, "--seed", 27, "--battle", "mia"]
    expected_lines = ctx.tik(db, *argv, "--jsonl", timeout=300).stdout.count(b"\n")
    records = []
    dash = Dashboard(ctx, db, "leo")
    try:
        if dash.wait_for(lambda s: s.contains("leo") and s.contains("Balance"), 30) is None:
            raise BenchError("the dashboard as leo showed no first screen within 30 s")
        dash.settle(0.2)
        before = max_seq(db, "live_events")
        proc = spawn(ctx.tik_argv(db, *argv, "--json"), env=ctx.env(db), stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        started = time.perf_counter()
        # let the stream get going, then type while it runs
        while time.perf_counter() - started < 1.0 and proc.poll() is None:
            dash.pump(0.01)
        n = ctx.samples(10, 20)
        rec = key_latency(ctx, dash, 1000, "battle under load: key answered on screen (%s)" % where,
                          stop=lambda: proc.poll() is not None, gap=0.15)
        try:
            out, err = proc.communicate(timeout=120 + seconds * 5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            untrack(proc)
            raise BenchError("simulate did not finish in time")
        took = time.perf_counter() - started
        untrack(proc)
        if proc.returncode != 0:
            raise ProductError("tikscore simulate --battle exited %s: %s"
                               % (describe_status(proc.returncode), err.decode("utf-8", "replace").strip()[-200:]))
        try:
            report = json.loads(out)
        except ValueError:
            report = {}
        stored = max_seq(db, "live_events") - before
        rec.setdefault("extra", {}).update({"stream_seconds": took, "lines_per_s": expected_lines / took})
        if rec.get("samples") is not None and rec["samples"] < n:
            rec["extra"]["note"] = "only %d key presses fit in the stream (wanted %d)" % (rec["samples"], n)
        records.append(rec)
        lost = max(0, expected_lines - stored)
        records.append(record("battle under load: events lost (%s lines)" % "{:,}".format(expected_lines), lost,
                              "events", target=0, op="<=", target_text="0 lost", samples=1,
                              extra={"expected_lines": expected_lines, "stored_live_events": stored,
                                     "applied": report.get("applied"), "lines_per_s": expected_lines / took}))
    finally:
        dash.quit()
    return records
