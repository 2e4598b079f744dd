"""The wallets the figures run on, made with the product's own commands at fixed seeds."""
import math
import os
import time

from common import ProductError, log
from context import max_seq

CREATOR = ["account", "create", "leo", "--creator", "--followers", "150000", "--birthdate", "1990-01-01",
           "--created", "2025-01-01", "--business", "--creator-next", "--last-upload", "2026-11-20"]
SUPPORTER = ["account", "create", "mia"]
# 2,500,000 points = $12,500.00: a whole-cent amount (points × $0.005), the custom recharge's maximum.
RECHARGE = ["recharge", "mia", "--points", "2500000", "--method", "card", "--card", "4242424242424242"]

# Simulated LIVEs: `simulate --rate` above about 1,000 gives the same stream, so chunks use 1,000.
RATE = 1000
SMALL_SEED = 3
BIG_SEED = 1000          # chunk k of the big wallet uses seed BIG_SEED + k
CHUNK_MAX_SECONDS = 600  # keeps one chunk's session well below feed.max_session_points


def make_base(ctx, path):
    ctx.remove_wallet(path)
    ctx.tik(path, *CREATOR)
    ctx.tik(path, *SUPPORTER)
    ctx.tik(path, *RECHARGE)


def make_small(ctx, target=1000):
    """The "1k" wallet: the base accounts, then `simulate --jsonl` files fed with `feed` until
    it holds `target` transfers."""
    path = ctx.path("wallet-1k.sqlite")
    make_base(ctx, path)
    seed, seconds = SMALL_SEED, 1
    while True:
        feed = ctx.path("small-feed.jsonl")
        with open(feed, "wb") as out:
            ctx.tik(path, "simulate", "leo", "--seconds", seconds, "--rate", RATE, "--seed", seed, "--jsonl",
                    stdout=out)
        ctx.tik_json(path, "feed", "leo", feed)
        os.unlink(feed)
        count = max_seq(path, "transfers")
        if count >= target:
            break
        seed += 1
    transfers = ctx.verified_transfers(path)
    ctx.wallets["small"] = path
    ctx.sizes["small"] = transfers
    return path


def make_big(ctx, target, budget, snapshot_at=100_000):
    """The big wallet: simulated LIVEs applied with `simulate --fast` (seed BIG_SEED + k), sized
    from the throughput seen so far so that making it fits in `budget` seconds. When the budget
    runs out first it stays smaller, and says so. A copy is kept when it first reaches
    `snapshot_at` transfers (the ledger-cli/hledger comparison runs on that one)."""
    path = ctx.path("wallet-big.sqlite")
    make_base(ctx, path)
    start = time.monotonic()
    count = max_seq(path, "transfers")
    per_second = None   # transfers per simulated second
    throughput = None   # transfers per second of wall time
    chunk = 0
    want_snapshot = snapshot_at and target > snapshot_at
    while count < target:
        left = budget - (time.monotonic() - start)
        if left <= 0:
            break
        if per_second is None:
            seconds = 10 if ctx.quick else 20
        else:
            goal = target - count
            if want_snapshot and count < snapshot_at:
                goal = min(goal, snapshot_at - count + 200)
            # a chunk takes at most a quarter of the budget, so a slower machine is noticed in time
            affordable = throughput * min(left * 0.85, max(8.0, budget / 4))
            if affordable < min(goal, 2000):
                break
            goal = min(goal, affordable)
            seconds = max(1, min(CHUNK_MAX_SECONDS, int(math.ceil(goal / per_second))))
        t0 = time.monotonic()
        report = ctx.tik_json(path, "simulate", "leo", "--seconds", seconds, "--rate", RATE,
                              "--seed", BIG_SEED + chunk, "--fast", timeout=max(120, budget * 2))
        took = time.monotonic() - t0
        new_count = max_seq(path, "transfers")
        added = new_count - count
        if added <= 0:
            raise ProductError("simulate --fast added no transfers (report %s)" % report.get("applied"))
        per_second = added / seconds
        throughput = added / took if throughput is None else min(added / took, (throughput + added / took) / 2)
        count = new_count
        chunk += 1
        log("  big wallet: %s transfers (chunk %d: %d simulated s, %.1f s, %.0f transfers/s)"
            % ("{:,}".format(count), chunk, seconds, took, throughput))
        if want_snapshot and count >= snapshot_at and "100k" not in ctx.wallets:
            ctx.wallets["100k"] = ctx.copy_wallet(path, "wallet-100k.sqlite")
            ctx.sizes["100k"] = count
    transfers = ctx.verified_transfers(path)
    if "100k" in ctx.wallets:
        ctx.sizes["100k"] = ctx.verified_transfers(ctx.wallets["100k"])
    ctx.wallets["big"] = path
    ctx.sizes["big"] = transfers
    took = time.monotonic() - start
    if transfers < target:
        note = ("the big wallet was scaled down to fit the time budget: %s transfers instead of %s "
                "(made in %.0f s of a %.0f s budget)" % ("{:,}".format(transfers), "{:,}".format(target), took, budget))
        ctx.notes.append(note)
        log("  note: " + note)
    return path


def label(ctx, which):
    """'1k wallet' / '1M wallet' style labels with the real size."""
    n = ctx.sizes.get(which)
    if n is None:
        return which
    if n >= 1_000_000:
        text = "%.2gM" % (n / 1e6)
    elif n >= 1000:
        text = "%dk" % round(n / 1000)
    else:
        text = str(n)
    return "%s wallet" % text
