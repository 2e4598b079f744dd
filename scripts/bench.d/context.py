"""The run's context: the binary, the temporary folder, the wallets, and small wallet helpers."""
import json
import os
import shutil
import sqlite3
import subprocess

from common import NOW, ProductError, run


class Context:
    def __init__(self, binary, tmp, quick, repo):
        self.bin = binary
        self.tmp = tmp
        self.quick = quick
        self.repo = repo
        self.wallets = {}      # label -> path ("small", "big", "100k")
        self.sizes = {}        # label -> transfers
        self.notes = []        # printed above the table and stored in results.json
        self.peers = {}        # tool -> path or None
        self.skipped = {}      # tool -> why
        self.timer = None
        self.db = os.path.join(tmp, "wallet.sqlite")

    # --- environment ------------------------------------------------------------------------
    def env(self, db=None, **more):
        env = dict(os.environ)
        env.update({"TIKSCORE_DB": db or self.db, "TIKSCORE_NOW": NOW, "LANG": "C.UTF-8", "NO_COLOR": "1"})
        env.pop("TIKSCORE_RESOURCES", None)
        env.update(more)
        return env

    def path(self, name):
        return os.path.join(self.tmp, name)

    def samples(self, quick, full):
        return quick if self.quick else full

    # --- the product ------------------------------------------------------------------------
    def tik_argv(self, db, *args):
        return [self.bin, "--db", db] + [str(a) for a in args]

    def tik(self, db, *args, timeout=900, input=None, stdout=subprocess.PIPE, what=None):
        """Runs a tikscore command that must succeed (else ProductError)."""
        argv = self.tik_argv(db, *args)
        return run(argv, env=self.env(db), timeout=timeout, input=input, stdout=stdout, check=True,
                   what=what or "tikscore " + " ".join(str(a) for a in args[:2]))

    def tik_json(self, db, *args, timeout=900):
        out = self.tik(db, *args, "--json", timeout=timeout).stdout
        try:
            return json.loads(out)
        except ValueError:
            raise ProductError("tikscore %s --json printed no JSON: %r" % (" ".join(map(str, args[:2])), out[:200]))

    def verified_transfers(self, db):
        report = self.tik_json(db, "verify")
        if not report.get("ok", False):
            raise ProductError("tikscore verify found problems: %s" % report.get("problems"))
        return int(report["transfers"])

    # --- wallets ----------------------------------------------------------------------------
    def copy_wallet(self, src, name):
        dst = self.path(name)
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(dst + suffix):
                os.unlink(dst + suffix)
        shutil.copyfile(src, dst)
        if os.path.exists(src + "-wal"):
            shutil.copyfile(src + "-wal", dst + "-wal")
        os.chmod(dst, 0o600)
        return dst

    def remove_wallet(self, path):
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.unlink(path + suffix)
            except FileNotFoundError:
                pass


def read_only(path):
    """A read-only connection that does not disturb a writer (WAL)."""
    conn = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=5, isolation_level=None,
                           check_same_thread=False)
    conn.execute("PRAGMA query_only = 1")
    return conn


def max_seq(path, table):
    conn = read_only(path)
    try:
        row = conn.execute("SELECT MAX(seq) FROM %s" % table).fetchone()
        return int(row[0] or 0)
    finally:
        conn.close()


def checkpointed_bytes(path):
    """The wallet's size once its WAL is folded in: page_count × page_size (on a file nobody else has open)."""
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        return pages * size
    finally:
        conn.close()


def table_bytes(path, sqlite_shell):
    """Bytes per table and index (dbstat), or None when the shell has no dbstat."""
    if not sqlite_shell:
        return None
    try:
        out = subprocess.run([sqlite_shell, "-readonly", path, "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"],
                             capture_output=True, text=True, timeout=300)
    except Exception:
        return None
    if out.returncode != 0:
        return None
    sizes = {}
    for line in out.stdout.splitlines():
        name, _, size = line.rpartition("|")
        if name and size.isdigit():
            sizes[name] = int(size)
    return sizes


def account_id(path, name):
    conn = read_only(path)
    try:
        row = conn.execute("SELECT id FROM accounts WHERE name = ?", (name,)).fetchone()
        return int(row[0]) if row else None
    finally:
        conn.close()


def points_units(path, account_id_):
    conn = read_only(path)
    try:
        row = conn.execute("SELECT units FROM balances WHERE account = ?", ("user:%d:points" % account_id_,)).fetchone()
        return int(row[0]) if row else 0
    finally:
        conn.close()


def format_points(units):
    """Points as the dashboard shows them: grouped with commas, hundredths only when there are some."""
    whole, cents = divmod(units, 100)
    text = "{:,}".format(whole)
    if cents:
        text += ("." + "%02d" % cents).rstrip("0")
    return text
