"""Shared pieces of the benchmark: records, statistics, running and timing processes."""
import json
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

NOW = "2026-11-24T12:00:00Z"


def log(text):
    print(text, file=sys.stderr, flush=True)


class ProductError(Exception):
    """TikScore itself failed a basic command (non-zero exit, crash): this fails --check."""


class BenchError(Exception):
    """The measurement could not be made (a peer, a timeout of the harness, ...)."""


# --- records -------------------------------------------------------------------------------

def meets(value, op, target):
    if value is None:
        return False
    return value <= target if op == "<=" else value >= target


def far_off(value, op, target, factor=3.0):
    """More than `factor` times worse than the target (what --check fails on)."""
    if value is None:
        return False
    if op == "<=":
        return value > target * factor
    return value < target / factor


def record(name, value, unit, *, target=None, op="<=", of="value", target_text="", peer=None,
           ratio=None, samples=None, spread=None, extra=None, error=None, product_error=False,
           group=None):
    """One figure. `of` says whether the target is on the value itself or on the ratio to the peer."""
    rec = {
        "name": name,
        "value": value,
        "unit": unit,
        "peer": peer,
        "ratio": ratio,
        "target": target,
        "target_op": op,
        "target_of": of,
        "target_text": target_text,
        "samples": samples,
        "spread": spread,
    }
    judged = ratio if of == "ratio" else value
    rec["meets"] = bool(error is None and target is not None and meets(judged, op, target))
    if target is None and error is None:
        rec["meets"] = None  # reported only
    # A skipped peer never fails the check; an error fails it only when the product failed.
    rec["far_off"] = bool(error is None and target is not None and far_off(judged, op, target))
    if error is not None:
        rec["error"] = error
        rec["product_error"] = bool(product_error)
    if extra:
        rec["extra"] = extra
    if group:
        rec["group"] = group
    return rec


def error_record(name, unit, error, *, target=None, op="<=", of="value", target_text="",
                 product_error=False, peer=None):
    return record(name, None, unit, target=target, op=op, of=of, target_text=target_text,
                  error=error, product_error=product_error, peer=peer)


def skipped_peer(name):
    return {"name": name, "value": None, "skipped": True}


# --- statistics ----------------------------------------------------------------------------

def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def spread(values):
    values = [v for v in values if v is not None]
    return [min(values), max(values)] if values else None


def percentile(values, q):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    index = min(len(values) - 1, max(0, int(round(q * (len(values) - 1)))))
    return values[index]


# --- processes -----------------------------------------------------------------------------

_children = set()
_children_lock = threading.Lock()


def track(proc):
    with _children_lock:
        _children.add(proc)
    return proc


def untrack(proc):
    with _children_lock:
        _children.discard(proc)


def kill_children():
    """Ends every child process this run started and has not reaped (by its own pid/group)."""
    with _children_lock:
        procs = list(_children)
    for proc in procs:
        try:
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    proc.kill()
                proc.wait(timeout=5)
        except Exception:
            pass
        untrack(proc)


def spawn(argv, **kwargs):
    """Popen in its own process group (so that it and its children can be ended together)."""
    kwargs.setdefault("start_new_session", True)
    return track(subprocess.Popen(argv, **kwargs))


def finish(proc, timeout):
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        raise
    finally:
        untrack(proc)


def run(argv, *, env=None, timeout=600, input=None, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        check=False, what=None):
    """Runs argv, returns CompletedProcess. check=True raises ProductError on a non-zero exit."""
    proc = spawn(argv, env=env, stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                 stdout=stdout, stderr=stderr)
    try:
        out, err = proc.communicate(input=input, timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        untrack(proc)
        raise BenchError("%s: timed out after %d s" % (what or shlex.join(argv[:3]), timeout))
    untrack(proc)
    result = subprocess.CompletedProcess(argv, proc.returncode, out, err)
    if check and proc.returncode != 0:
        text = (err or b"").decode("utf-8", "replace").strip().splitlines()
        raise ProductError("%s exited %s: %s" % (what or shlex.join(argv[1:4]), describe_status(proc.returncode),
                                                  text[-1] if text else "(no message)"))
    return result


def describe_status(code):
    if code is None:
        return "?"
    if code < 0:
        try:
            return "by signal %s" % signal.Signals(-code).name
        except ValueError:
            return "by signal %d" % -code
    return str(code)


def timed(argv, *, env=None, timeout=600, stdout=None, stdin=None):
    """Runs argv once: (seconds, exit code, max RSS in KiB) from its own rusage (os.wait4)."""
    out = subprocess.DEVNULL if stdout is None else stdout
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdin=stdin if stdin is not None else subprocess.DEVNULL,
                            stdout=out, stderr=subprocess.DEVNULL, start_new_session=True)
    track(proc)
    timer = threading.Timer(timeout, lambda: _kill_group(proc.pid))
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    untrack(proc)
    if elapsed >= timeout:
        raise BenchError("%s: timed out after %d s" % (shlex.join(argv[:3]), timeout))
    return elapsed, proc.returncode, usage.ru_maxrss


def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def have(tool):
    return shutil.which(tool) is not None


# --- process-start figures -----------------------------------------------------------------

class Timer:
    """Times short commands: hyperfine when present (several rounds, commands interleaved by
    round), else an interleaved loop of our own. Returns {label: [seconds, ...]}."""

    def __init__(self, workdir, use_hyperfine=True):
        self.workdir = workdir
        self.hyperfine = shutil.which("hyperfine") if use_hyperfine else None
        self.calls = 0

    def times(self, commands, runs, warmup=2, rounds=None, env=None):
        labels = list(commands)
        if rounds is None:
            # short rounds, alternating the order: a slow spell of the machine (another build's
            # fsyncs) falls on every command alike instead of on one
            rounds = max(1, min(8, runs // 4))
        per_round = max(1, (runs + rounds - 1) // rounds)
        result = {label: [] for label in labels}
        for index in range(rounds):
            order = labels if index % 2 == 0 else list(reversed(labels))
            if self.hyperfine:
                got = self._hyperfine({label: commands[label] for label in order}, per_round,
                                      warmup if index == 0 else 0, env)
            else:
                got = self._loop({label: commands[label] for label in order}, per_round,
                                 warmup if index == 0 else 0, env)
            for label in labels:
                result[label].extend(got[label])
        return result

    def _hyperfine(self, commands, runs, warmup, env):
        self.calls += 1
        out = os.path.join(self.workdir, "hyperfine-%d.json" % self.calls)
        argv = [self.hyperfine, "-N", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
                "--export-json", out]
        for label, cmd in commands.items():
            argv += ["-n", label, shlex.join(cmd)]
        proc = run(argv, env=env, timeout=900, what="hyperfine")
        if proc.returncode != 0:
            msg = (proc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
            raise BenchError("hyperfine failed: %s" % (msg[-1] if msg else proc.returncode))
        with open(out) as f:
            data = json.load(f)
        os.unlink(out)
        return {entry["command"]: entry["times"] for entry in data["results"]}

    def _loop(self, commands, runs, warmup, env):
        result = {label: [] for label in commands}
        for _ in range(warmup):
            for cmd in commands.values():
                timed(cmd, env=env, timeout=120)
        for _ in range(runs):
            for label, cmd in commands.items():
                elapsed, code, _ = timed(cmd, env=env, timeout=120)
                if code != 0:
                    raise BenchError("%s exited %s" % (shlex.join(cmd[:3]), describe_status(code)))
                result[label].append(elapsed)
        return result


# --- formatting ----------------------------------------------------------------------------

def fmt_value(value, unit):
    if value is None:
        return "—"
    if unit == "s":
        if value < 1:
            return "%.1f ms" % (value * 1000)
        return "%.2f s" % value
    if unit == "ms":
        return "%.1f ms" % value
    if unit == "B":
        if value >= 10 * 1024 * 1024:
            return "%.1f MB" % (value / 1e6)
        return "%.0f B" % value
    if unit == "KiB":
        return "%.1f MB" % (value * 1024 / 1e6)
    if unit == "%":
        return "%.2f %%" % value
    if unit == "x":
        return "%.2f×" % value
    if isinstance(value, float):
        if abs(value) >= 100:
            return "{:,.0f} {}".format(value, unit).strip()
        return "{:.3g} {}".format(value, unit).strip()
    return "{:,} {}".format(value, unit).strip()


def fmt_ratio(ratio):
    if ratio is None:
        return "—"
    if ratio >= 100:
        return "%.0f×" % ratio
    if ratio >= 10:
        return "%.1f×" % ratio
    if ratio >= 0.01:
        return "%.2f×" % ratio
    return "%.2g×" % ratio


def git_commit(repo):
    try:
        out = subprocess.run(["git", "-C", repo, "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or None
    except Exception:
        return None


def make_tempdir():
    return tempfile.mkdtemp(prefix="tikscore-bench-")
