#!/usr/bin/env python3
"""Turn a public community list of TikTok LIVE gifts into TikScore's catalog format.

Hand-run, stdlib only. Reads a gift list (ids, names, coin prices) and, optionally, one or more
typed gift-list dumps, merges them with our current catalog, and writes
`scripts/gifts/gifts.generated.json`: a JSON array with one
`{"id": INT, "name": STR, "points": INT, "type": INT}` object per line, the layout of
`Resources/catalogs/gifts.json`.

    python3 scripts/gifts/import_gifts.py                 # defaults below
    python3 scripts/gifts/import_gifts.py SOURCE --types DUMP [--types DUMP ...] [--out PATH]

The source files are not in the repository (see scripts/gifts/README.md for why): download them
into scripts/gifts/source/ first. The defaults are the files of jwdeveloper/TikTokLiveJava at
commit f7a92d501544172cdf90c279801aa8f78272d53c (2024-01-05):

    SOURCE  = scripts/gifts/source/tiktoklivejava-output_1_0_15.json
              (Tools/src/main/resources/gifts/used_outputs/output_1_0_15.json)
    --types = every scripts/gifts/source/tiktoklivejava-official_*.json
              (Tools/src/main/resources/gifts/official/official_DD_MM_YYYY.json)

Accepted layouts for every input: a list of gift objects, an object mapping ids to gift objects,
or TikTok's own gift-list response `{"data": {"gifts": [...]}}`. A gift object needs `id`, and
its price as `diamondCost`, `diamond_count`, `diamondCount`, `coins` or `points`; `name`, `type`
(or `giftType` / `gift_type`) and `combo` (true = streakable) are optional.

Rules (the README says why):
- Every id, name, price and type in our catalog (Resources/catalogs/gifts.json) and in the shared
  reference list (shared/data/gifts-reference.tsv) is kept; where the source differs, the
  difference is listed.
- Prices must be positive integers; an entry without one is left out and counted.
- Type: ours when we have the gift; else the source's own `type`; else the type in a typed dump;
  else `combo: true` -> 1; else by price: up to 99 coins -> 1 (streakable), 100 or more -> 2.
  (In the typed dumps no gift of 100 coins or more is of type 1; below 100 most are.)
- A gift without a name is named `Gift ID` (the name the feed decoder shows for unknown gifts).
- Names are unique without regard to case: when a name repeats, the first keeps it (the one in
  our catalog, else the lowest id) and every other one becomes `NAME (ID)`.

Prints a summary: count, min/max price, renamed duplicates, differences kept. Exit status 1 on a
bad input file, 0 otherwise.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SOURCE_DIR = os.path.join(HERE, "source")
DEFAULT_SOURCE = os.path.join(SOURCE_DIR, "tiktoklivejava-output_1_0_15.json")
DEFAULT_TYPES_GLOB = os.path.join(SOURCE_DIR, "tiktoklivejava-official_*.json")
DEFAULT_CATALOG = os.path.join(REPO, "Resources", "catalogs", "gifts.json")
DEFAULT_REFERENCE = os.path.join(os.path.dirname(REPO), "shared", "data", "gifts-reference.tsv")
DEFAULT_OUT = os.path.join(HERE, "gifts.generated.json")

PRICE_KEYS = ("diamondCost", "diamond_count", "diamondCount", "coins", "points")
TYPE_KEYS = ("type", "giftType", "gift_type")
STREAK_PRICE_LIMIT = 99  # no-type rule: up to this many coins -> 1, above -> 2


class InputError(Exception):
    """A file that cannot be read as a gift list."""


@dataclass
class Entry:
    """One gift as a source gives it; `points` and `gtype` may be missing."""

    gift_id: int
    name: Optional[str]
    points: Optional[int]
    gtype: Optional[int]
    combo: Optional[bool]


@dataclass
class Gift:
    gift_id: int
    name: str
    points: int
    gtype: int
    ours: bool
    type_from: str


@dataclass
class Report:
    skipped_price: List[Tuple[int, Any]] = field(default_factory=list)
    skipped_id: List[Any] = field(default_factory=list)
    source_conflicts: List[str] = field(default_factory=list)
    dump_price_conflicts: List[str] = field(default_factory=list)
    kept: List[str] = field(default_factory=list)
    ours_conflicts: List[str] = field(default_factory=list)
    renamed: List[Tuple[int, str, str]] = field(default_factory=list)
    unnamed: List[int] = field(default_factory=list)
    type_sources: Dict[str, int] = field(default_factory=dict)


def _relative(path: str) -> str:
    try:
        return os.path.relpath(path, REPO)
    except ValueError:
        return path


def _as_int(value: Any) -> Optional[int]:
    """An exact integer from a JSON number or a decimal string; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _first(obj: Dict[str, Any], keys: Iterable[str]) -> Any:
    for key in keys:
        if key in obj and obj[key] is not None:
            return obj[key]
    return None


def _gift_objects(document: Any, path: str) -> List[Dict[str, Any]]:
    if isinstance(document, dict) and isinstance(document.get("data"), dict) and "gifts" in document["data"]:
        document = document["data"]["gifts"]
    if isinstance(document, dict):
        document = list(document.values())
    if not isinstance(document, list):
        raise InputError(f"{_relative(path)}: not a list of gifts")
    objects = [item for item in document if isinstance(item, dict)]
    if len(objects) != len(document):
        raise InputError(f"{_relative(path)}: {len(document) - len(objects)} entries are not objects")
    return objects


def read_entries(path: str, report: Report) -> Dict[int, Entry]:
    """Every gift of a file by id. Ids or prices that are not positive integers are left out."""
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except OSError as error:
        raise InputError(f"{_relative(path)}: {error.strerror}") from error
    except json.JSONDecodeError as error:
        raise InputError(f"{_relative(path)}: not JSON ({error.msg}, line {error.lineno})") from error
    entries: Dict[int, Entry] = {}
    for obj in _gift_objects(document, path):
        gift_id = _as_int(obj.get("id"))
        if gift_id is None or gift_id <= 0:
            report.skipped_id.append(obj.get("id"))
            continue
        raw_price = _first(obj, PRICE_KEYS)
        points = _as_int(raw_price)
        if points is not None and points <= 0:
            points = None
        raw_name = obj.get("name")
        name = raw_name.strip() if isinstance(raw_name, str) and raw_name.strip() else None
        gtype = _as_int(_first(obj, TYPE_KEYS))
        combo = obj.get("combo") if isinstance(obj.get("combo"), bool) else None
        entry = Entry(gift_id, name, points, gtype, combo)
        previous = entries.get(gift_id)
        if previous is not None and (previous.name, previous.points) != (entry.name, entry.points):
            report.source_conflicts.append(
                f"{_relative(path)}: id {gift_id} twice: {previous.name!r} {previous.points} / {entry.name!r} {entry.points} (later kept)")
        entries[gift_id] = entry
    return entries


def read_catalog(path: str) -> Dict[int, Entry]:
    with open(path, encoding="utf-8") as handle:
        items = json.load(handle)
    out: Dict[int, Entry] = {}
    for item in items:
        out[int(item["id"])] = Entry(int(item["id"]), str(item["name"]), int(item["points"]), int(item["type"]), None)
    return out


def read_reference(path: str) -> Dict[int, Entry]:
    out: Dict[int, Entry] = {}
    header_seen = False
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if not header_seen:
                header_seen = True
                if cells[:4] == ["id", "name", "points", "type"]:
                    continue
            gift_id, name, points, gtype = cells[0], cells[1], cells[2], cells[3]
            out[int(gift_id)] = Entry(int(gift_id), name, int(points), int(gtype), None)
    return out


def rule_type(points: int) -> int:
    return 1 if points <= STREAK_PRICE_LIMIT else 2


def merge(source: Dict[int, Entry], dumps: Dict[int, Entry], ours: Dict[int, Entry], report: Report) -> List[Gift]:
    gifts: List[Gift] = []
    for gift_id in sorted(set(source) | set(ours)):
        theirs = source.get(gift_id)
        dump = dumps.get(gift_id)
        if theirs is not None and dump is not None and theirs.points and dump.points and theirs.points != dump.points:
            report.dump_price_conflicts.append(f"{gift_id} {theirs.name!r}: list {theirs.points}, typed dump {dump.points} (list kept)")
        mine = ours.get(gift_id)
        if mine is not None:
            assert mine.name is not None and mine.points is not None and mine.gtype is not None
            if theirs is None:
                report.kept.append(f"{gift_id} {mine.name}: not in the source; kept ({mine.points} points, type {mine.gtype})")
            else:
                source_type = theirs.gtype if theirs.gtype is not None else (dump.gtype if dump else None)
                if theirs.name is not None and theirs.name != mine.name:
                    report.kept.append(f"{gift_id}: name {mine.name!r} kept (source: {theirs.name!r})")
                if theirs.points is not None and theirs.points != mine.points:
                    report.kept.append(f"{gift_id} {mine.name}: {mine.points} points kept (source: {theirs.points})")
                if source_type is not None and source_type != mine.gtype:
                    report.kept.append(f"{gift_id} {mine.name}: type {mine.gtype} kept (source: {source_type})")
            gifts.append(Gift(gift_id, mine.name, mine.points, mine.gtype, True, "ours"))
            continue
        assert theirs is not None
        if theirs.points is None:
            report.skipped_price.append((gift_id, "no positive integer price"))
            continue
        if theirs.gtype is not None:
            gtype, type_from = theirs.gtype, "source type"
        elif dump is not None and dump.gtype is not None:
            gtype, type_from = dump.gtype, "typed dump"
        elif theirs.combo is True:
            gtype, type_from = 1, "combo flag"
        else:
            gtype, type_from = rule_type(theirs.points), "price rule"
        if not 0 <= gtype <= 100:
            report.skipped_price.append((gift_id, f"type {gtype}"))
            continue
        name = theirs.name or (dump.name if dump is not None else None)
        if name is None:
            name = f"Gift {gift_id}"
            report.unnamed.append(gift_id)
        gifts.append(Gift(gift_id, name, theirs.points, gtype, False, type_from))
    for gift in gifts:
        report.type_sources[gift.type_from] = report.type_sources.get(gift.type_from, 0) + 1
    return gifts


def make_names_unique(gifts: List[Gift], report: Report) -> None:
    groups: Dict[str, List[Gift]] = {}
    for gift in gifts:
        groups.setdefault(gift.name.casefold(), []).append(gift)
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda g: (not g.ours, g.gift_id))
        for gift in members[1:]:
            if gift.ours:
                raise SystemExit(f"import_gifts: two of our own gifts share the name {gift.name!r}; fix the catalog first")
            new_name = f"{gift.name} ({gift.gift_id})"
            report.renamed.append((gift.gift_id, gift.name, new_name))
            gift.name = new_name
    seen: Dict[str, int] = {}
    for gift in gifts:
        key = gift.name.casefold()
        if key in seen:
            raise SystemExit(f"import_gifts: {gift.name!r} still names both {seen[key]} and {gift.gift_id}")
        seen[key] = gift.gift_id


def render(gifts: List[Gift]) -> str:
    ordered = sorted(gifts, key=lambda g: (g.points, g.gift_id))
    lines = []
    for gift in ordered:
        lines.append("  {" + f"\"id\": {gift.gift_id}, \"name\": {json.dumps(gift.name, ensure_ascii=False)}, "
                     f"\"points\": {gift.points}, \"type\": {gift.gtype}" + "}")
    return "[\n" + ",\n".join(lines) + "\n]\n"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Build scripts/gifts/gifts.generated.json from a public gift list.")
    parser.add_argument("source", nargs="?", default=DEFAULT_SOURCE, help="the gift list (default: %(default)s)")
    parser.add_argument("--types", action="append", default=None, metavar="DUMP",
                        help="a typed gift-list dump, repeatable (default: source/tiktoklivejava-official_*.json)")
    parser.add_argument("--catalog", default=DEFAULT_CATALOG, help="our catalog (default: %(default)s)")
    parser.add_argument("--reference", default=DEFAULT_REFERENCE,
                        help="the shared reference TSV; skipped with a note when absent (default: %(default)s)")
    parser.add_argument("--out", default=DEFAULT_OUT, help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)

    report = Report()
    if not os.path.exists(args.source):
        sys.stderr.write(f"import_gifts: {_relative(args.source)} is missing: download it first (scripts/gifts/README.md)\n")
        return 1
    type_files = args.types if args.types is not None else sorted(glob.glob(DEFAULT_TYPES_GLOB))
    try:
        source = read_entries(args.source, report)
        dumps: Dict[int, Entry] = {}
        for path in sorted(type_files, key=_dump_order):
            for gift_id, entry in read_entries(path, report).items():
                dumps[gift_id] = entry  # the newest dump wins
    except InputError as error:
        sys.stderr.write(f"import_gifts: {error}\n")
        return 1

    ours = read_catalog(args.catalog)
    if os.path.exists(args.reference):
        for gift_id, entry in read_reference(args.reference).items():
            mine = ours.get(gift_id)
            if mine is None:
                ours[gift_id] = entry
            elif (mine.name, mine.points, mine.gtype) != (entry.name, entry.points, entry.gtype):
                report.ours_conflicts.append(f"{gift_id}: catalog {mine.name!r} {mine.points} type {mine.gtype}, "
                                             f"reference {entry.name!r} {entry.points} type {entry.gtype} (catalog kept)")
        reference_note = _relative(args.reference)
    else:
        reference_note = f"{_relative(args.reference)} (absent, skipped)"

    gifts = merge(source, dumps, ours, report)
    make_names_unique(gifts, report)
    text = render(gifts)
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write(text)

    prices = [g.points for g in gifts]
    print(f"source:     {_relative(args.source)} ({len(source)} ids)")
    print(f"typed:      {len(type_files)} dump(s), {len(dumps)} typed ids")
    print(f"ours:       {_relative(args.catalog)} + {reference_note}: {len(ours)} gifts")
    print(f"written:    {_relative(args.out)}: {len(gifts)} gifts, prices {min(prices)}..{max(prices)} points")
    by_type: Dict[int, int] = {}
    for gift in gifts:
        by_type[gift.gtype] = by_type.get(gift.gtype, 0) + 1
    print("types:      " + ", ".join(f"type {t}: {n}" for t, n in sorted(by_type.items()))
          + "  (from " + ", ".join(f"{k}: {v}" for k, v in sorted(report.type_sources.items())) + ")")
    print(f"left out:   {len(report.skipped_price)} without a positive integer price, {len(report.skipped_id)} without a positive id")
    print(f"unnamed:    {len(report.unnamed)} named 'Gift ID'")
    print(f"renamed:    {len(report.renamed)} duplicate names suffixed with (ID)")
    for gift_id, old, new in report.renamed[:12]:
        print(f"            {gift_id}: {old!r} -> {new!r}")
    if len(report.renamed) > 12:
        print(f"            ... and {len(report.renamed) - 12} more")
    print(f"kept ours:  {len(report.kept)} difference(s) from the source")
    for line in report.kept:
        print(f"            {line}")
    for title, lines in (("catalog/reference disagreements", report.ours_conflicts),
                         ("ids repeated in a file", report.source_conflicts),
                         ("list vs typed dump prices", report.dump_price_conflicts)):
        print(f"{title}: {len(lines)}")
        for line in lines[:20]:
            print(f"            {line}")
    return 0


def _dump_order(path: str) -> Tuple[str, str]:
    """official_DD_MM_YYYY.json sorts by date; anything else by name, first."""
    base = os.path.basename(path)
    parts = base.rsplit(".", 1)[0].split("_")
    if len(parts) >= 3 and all(p.isdigit() for p in parts[-3:]):
        day, month, year = parts[-3:]
        return ("1", f"{year}{month}{day}")
    return ("0", base)


if __name__ == "__main__":
    sys.exit(main())
