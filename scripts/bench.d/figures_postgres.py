"""PostgreSQL figures (issue 12): commands per second with 1 and 8 clients and feed ingest on a
PostgreSQL wallet, each beside the same on a wallet file, with pgbench's simple-update rate on the
same server as the floor. The server is a throwaway cluster of scripts/pg-cluster."""
import os
import shutil
import subprocess
import tempfile
import threading
import time

from common import BenchError, ProductError, error_record, log, record, run
from figures_feed import applied_total, simulate_lines, write_lines

CLIENTS = 8


class Cluster:
    """scripts/pg-cluster start/stop around the group; databases made with psql."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.script = os.path.join(ctx.repo, "scripts", "pg-cluster")
        self.dir = tempfile.mkdtemp(prefix="tikscore-bench-pg.")
        proc = subprocess.run([self.script, "start", self.dir], capture_output=True, timeout=600)
        if proc.returncode != 0:
            shutil.rmtree(self.dir, ignore_errors=True)
            raise BenchError("scripts/pg-cluster start failed: %s" % proc.stderr.decode(errors="replace").strip()[-300:])
        self.url = proc.stdout.decode().strip()
        bindir = None
        for version in sorted(os.listdir("/usr/lib/postgresql"), reverse=True) if os.path.isdir("/usr/lib/postgresql") else []:
            candidate = os.path.join("/usr/lib/postgresql", version, "bin")
            if os.path.exists(os.path.join(candidate, "pgbench")):
                bindir = candidate
                break
        self.psql = shutil.which("psql") or (bindir and os.path.join(bindir, "psql"))
        self.pgbench = (bindir and os.path.join(bindir, "pgbench")) or shutil.which("pgbench")
        self.port = self.url.rsplit(":", 1)[1].split("/")[0]

    def stop(self):
        subprocess.run([self.script, "stop", self.dir], capture_output=True, timeout=120)

    def database(self, name):
        """A new database's URL."""
        self.psql_run("DROP DATABASE IF EXISTS %s WITH (FORCE)" % name)
        self.psql_run("CREATE DATABASE %s" % name)
        base, query = self.url.split("?", 1) if "?" in self.url else (self.url, "")
        return base.rsplit("/", 1)[0] + "/" + name + ("?" + query if query else "")

    def psql_run(self, sql):
        proc = subprocess.run([self.psql, self.url, "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, timeout=120)
        if proc.returncode != 0:
            raise BenchError("psql: %s: %s" % (sql, proc.stderr.decode(errors="replace").strip()))


def seeded(ctx, cluster, name):
    """A demo wallet on PostgreSQL and one in a file, for the same commands."""
    url = cluster.database(name)
    ctx.tik(url, "demo")
    path = ctx.path(name + ".sqlite")
    ctx.remove_wallet(path)
    ctx.tik(path, "demo")
    return url, path


def commands_per_second(ctx, db, clients, per_client):
    """`transfer` processes, `clients` loops at once, each `per_client` commands: commands/s."""
    failures = []

    def client(index):
        for step in range(per_client):
            argv = ctx.tik_argv(db, "transfer", "mia" if (index + step) % 2 == 0 else "omar",
                                "omar" if (index + step) % 2 == 0 else "mia", "1", "--key", "b%d-%d" % (index, step))
            proc = subprocess.run(argv, env=ctx.env(db), capture_output=True, timeout=120)
            if proc.returncode != 0:
                failures.append(proc.stderr.decode(errors="replace").strip())

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.monotonic() - started
    if failures:
        raise ProductError("%d of %d transfers failed, e.g. %s" % (len(failures), clients * per_client, failures[0][:200]))
    return clients * per_client / took


def pgbench_tps(cluster, clients, seconds):
    """pgbench's built-in simple-update script on the same server: transactions/s."""
    if not cluster.pgbench:
        return None
    url = cluster.database("bench_pgbench")
    init = subprocess.run([cluster.pgbench, "-i", "-q", "-s", "1", url], capture_output=True, timeout=300)
    if init.returncode != 0:
        raise BenchError("pgbench -i: %s" % init.stderr.decode(errors="replace").strip()[-200:])
    proc = subprocess.run([cluster.pgbench, "-b", "simple-update", "-c", str(clients), "-j", str(min(clients, 2)),
                           "-T", str(seconds), "-n", url], capture_output=True, timeout=seconds + 120)
    if proc.returncode != 0:
        raise BenchError("pgbench: %s" % proc.stderr.decode(errors="replace").strip()[-200:])
    for line in proc.stdout.decode().splitlines():
        if line.startswith("tps = "):
            return float(line.split()[2])
    raise BenchError("pgbench printed no tps")


def fig_postgres(ctx):
    records = []
    try:
        cluster = Cluster(ctx)
    except (BenchError, OSError, subprocess.SubprocessError) as error:
        return [error_record("PostgreSQL figures", "", "no PostgreSQL server: %s" % error)]
    try:
        per_one = ctx.samples(40, 200)
        per_many = ctx.samples(8, 40)
        seconds = ctx.samples(3, 10)
        for clients, per_client in ((1, per_one), (CLIENTS, per_many)):
            label = "1 client" if clients == 1 else "%d clients" % clients
            try:
                url, path = seeded(ctx, cluster, "bench_commands_%d" % clients)
                pg = commands_per_second(ctx, url, clients, per_client)
                sqlite = commands_per_second(ctx, path, clients, per_client)
                floor = pgbench_tps(cluster, clients, seconds)
                peer = {"name": "pgbench simple-update, %s, same server" % label, "value": floor, "unit": "transactions/s"} if floor else None
                records.append(record("PostgreSQL: transfer commands/s as processes, %s" % label, pg, "commands/s", peer=peer,
                                      ratio=(pg / floor) if floor else None, samples=clients * per_client,
                                      extra={"sqlite_commands_per_s": sqlite}))
                records.append(record("SQLite: transfer commands/s as processes, %s (same commands)" % label, sqlite, "commands/s",
                                      samples=clients * per_client))
            except (BenchError, ProductError) as error:
                records.append(error_record("PostgreSQL: transfer commands/s, %s" % label, "commands/s", str(error),
                                            product_error=isinstance(error, ProductError)))
        try:
            lines = simulate_lines(ctx, 31, ctx.samples(3, 10))
            feed = ctx.path("bench-pg-feed.jsonl")
            write_lines(feed, lines)
            url, path = seeded(ctx, cluster, "bench_feed")
            rates = {}
            for store, db in (("postgres", url), ("sqlite", path)):
                started = time.monotonic()
                report = ctx.tik_json(db, "feed", "leo", feed, timeout=900)
                rates[store] = applied_total(report) / (time.monotonic() - started)
            records.append(record("PostgreSQL: feed of a recorded file (%d lines)" % len(lines), rates["postgres"], "events/s",
                                  peer={"name": "the same feed into a wallet file", "value": rates["sqlite"], "unit": "events/s"},
                                  ratio=rates["postgres"] / rates["sqlite"], samples=len(lines)))
        except (BenchError, ProductError) as error:
            records.append(error_record("PostgreSQL: feed of a recorded file", "events/s", str(error),
                                        product_error=isinstance(error, ProductError)))
    finally:
        cluster.stop()
    return records
