"""Freezes the dev set's tune/test split: every question gets ``"split": "tune"`` or ``"test"``.

Tune retrieval settings (``python -m reviewqa.eval.tune``) on the tune half and report the test
half, so the published numbers are not ones the settings were fitted to.

The split is stratified by kind and, within a kind, by the question's first tag in the order
case, place, year, wordform, lay; an untagged question is "broad" when its gold spans at least
``BROAD_REVIEWS`` reviews (the "every review on the theme" questions) and "none" otherwise. So
each half holds about half of every kind and of every kind of hard question. Within a stratum the
questions are taken in a seeded random order (ids sorted first, then shuffled with
``random.Random(f"{seed}:{kind}:{stratum}")``, which depends neither on ``PYTHONHASHSEED`` nor
on line order) and each goes to whichever half has fewer of its stratum so far, ties broken by
the half with fewer of its kind, then test. Questions that already carry a split keep it and
count towards the balance; only unassigned ones are placed. So rerunning the script changes
nothing, and questions added later are split without moving the frozen ones. On a file with no
splits yet the result is the from-scratch assignment; ``--reassign`` forces that assignment on
every question (this changes the frozen split: do it only on purpose).

    python -m reviewqa.eval.split                 # assign missing splits in eval/data/dev.jsonl
    python -m reviewqa.eval.split --check         # exit 1 if a question has no split
    python -m reviewqa.eval.split FILE --dry-run  # print the counts, write nothing

Lines are rewritten in place, in their order, with their fields in order and ``split`` last;
blank lines are dropped. The file is validated with :func:`reviewqa.eval.gold.load_questions`
before and after.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from .gold import DEFAULT_DEV_SET, KINDS, SPLITS, GoldError, load_questions

SEED = 20261201
STRATUM_TAGS = ("case", "place", "year", "wordform", "lay")
BROAD_REVIEWS = 8
STRATA = (*STRATUM_TAGS, "broad", "none")


def stratum(record: dict[str, Any]) -> str:
    """The record's stratum within its kind: its first tag in STRATUM_TAGS order, else "broad"
    (gold from BROAD_REVIEWS or more reviews), else "none"."""
    tags = record.get("tags") or ()
    tag = next((tag for tag in STRATUM_TAGS if tag in tags), None)
    if tag:
        return tag
    reviews = {item["review"].strip() for item in record["gold"]}
    return "broad" if len(reviews) >= BROAD_REVIEWS else "none"


def seeded_order(ids: list[str], key: str, seed: int = SEED) -> list[str]:
    """The ids of one stratum in their fixed pseudo-random order."""
    order = sorted(ids)
    random.Random(f"{seed}:{key}").shuffle(order)
    return order


def assign(records: list[dict[str, Any]], seed: int = SEED, reassign: bool = False) -> dict[str, str]:
    """The split of every record, by id: existing splits kept (unless ``reassign``); the rest
    placed one by one, in seeded order within each stratum, on the half with fewer of the
    stratum, then fewer of the kind, then test."""
    result: dict[str, str] = {}
    if not reassign:
        result.update({r["id"]: r["split"] for r in records if r.get("split") in SPLITS})
    for kind in sorted({r["kind"] for r in records}):
        members = [r for r in records if r["kind"] == kind]
        in_kind = Counter(result[r["id"]] for r in members if r["id"] in result)
        for name in STRATA:
            group = [r for r in members if stratum(r) == name]
            in_group = Counter(result[r["id"]] for r in group if r["id"] in result)
            todo = [r["id"] for r in group if r["id"] not in result]
            for qid in seeded_order(todo, f"{kind}:{name}", seed):
                split = min(("test", "tune"),
                            key=lambda half: (in_group[half], in_kind[half], half != "test"))
                result[qid] = split
                in_group[split] += 1
                in_kind[split] += 1
    return result


def read_records(path: Path) -> list[dict[str, Any]]:
    """The file's JSON objects in line order (validated first, so errors name file and line)."""
    load_questions(path)
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_records(path: Path, records: list[dict[str, Any]]) -> None:
    """One compact JSON object a line, non-ASCII kept as is (the dev set's own format)."""
    text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    path.write_text(text, encoding="utf-8")


def counts(records: list[dict[str, Any]]) -> str:
    """A per-kind table of tune/test counts."""
    table = Counter((r["kind"], r.get("split")) for r in records)
    kinds = [k for k in KINDS if any(r["kind"] == k for r in records)]
    lines = [f"{kind:<11} tune {table[kind, 'tune']:>3}  test {table[kind, 'test']:>3}" for kind in kinds]
    total = Counter(r.get("split") for r in records)
    lines.append(f"{'all':<11} tune {total['tune']:>3}  test {total['test']:>3}"
                 + (f"  unassigned {total[None]}" if total[None] else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """CLI: write a frozen, kind-stratified tune/test split into a gold question file."""
    parser = argparse.ArgumentParser(prog="python -m reviewqa.eval.split", description=main.__doc__)
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_DEV_SET)
    parser.add_argument("--seed", type=int, default=SEED, help=f"shuffle seed (default {SEED})")
    parser.add_argument("--reassign", action="store_true",
                        help="recompute every question's split, discarding the frozen one")
    parser.add_argument("--dry-run", action="store_true", help="print the resulting counts, write nothing")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if any question lacks a split")
    args = parser.parse_args(argv)
    try:
        records = read_records(args.file)
    except (GoldError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.check:
        missing = [r["id"] for r in records if r.get("split") not in SPLITS]
        print(counts(records))
        if missing:
            print(f"error: {len(missing)} question(s) without a split: {', '.join(missing[:10])}",
                  file=sys.stderr)
            return 1
        return 0
    splits = assign(records, seed=args.seed, reassign=args.reassign)
    changed = sum(r.get("split") != splits[r["id"]] for r in records)
    updated = [{**{k: v for k, v in r.items() if k != "split"}, "split": splits[r["id"]]} for r in records]
    print(counts(updated))
    if args.dry_run:
        print(f"dry run: {changed} question(s) would change", file=sys.stderr)
        return 0
    if changed:
        write_records(args.file, updated)
        load_questions(args.file)  # the rewritten file must still be a valid gold file
    print(f"{changed} question(s) assigned" + (f"; wrote {args.file}" if changed else ", nothing to write"),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
