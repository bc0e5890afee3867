"""The dev set's optional ``split`` and ``tags`` fields, and the frozen tune/test split of eval/split.py."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from reviewqa.eval.gold import DEFAULT_DEV_SET, KINDS, SPLITS, TAGS, GoldError, load_questions
from reviewqa.eval.split import SEED, assign, stratum
from reviewqa.eval.split import main as split_main

SNIPPET = "one two three four five six seven eight"


def _record(qid: str = "q1", kind: str = "fact", **extra: object) -> dict:
    return {"id": qid, "kind": kind, "question": "Why?",
            "gold": [{"review": "R 2017 – X", "snippet": SNIPPET}], **extra}


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# --- parsing --------------------------------------------------------------------------------------

def test_split_and_tags_are_optional_and_exposed(tmp_path: Path) -> None:
    path = _write(tmp_path / "g.jsonl", [_record("q1"), _record("q2", split="test", tags=["place", "lay"]),
                                         _record("q3", split="tune", tags=[])])
    q1, q2, q3 = load_questions(path)
    assert (q1.split, q1.tags) == (None, ())
    assert (q2.split, q2.tags) == ("test", ("place", "lay"))
    assert (q3.split, q3.tags) == ("tune", ())


@pytest.mark.parametrize(("extra", "message"), [
    ({"split": "train"}, "split: unknown split 'train' (expected one of tune, test)"),
    ({"split": None}, "split: unknown split None"),
    ({"tags": "place"}, "tags: must be a list of strings"),
    ({"tags": ["place", 3]}, "tags: must be a list of strings"),
    ({"tags": ["places"]}, "tags[0]: unknown tag 'places'"),
    ({"tags": ["year", "year"]}, "tags[1]: repeats tag 'year'"),
    ({"splits": "test"}, "splits: unknown field"),
])
def test_bad_split_or_tags_name_file_line_and_field(tmp_path: Path, extra: dict, message: str) -> None:
    path = _write(tmp_path / "g.jsonl", [_record("q1"), _record("q2", **extra)])
    with pytest.raises(GoldError) as err:
        load_questions(path)
    assert str(err.value).startswith(f"{path}:2: ")
    assert message in str(err.value)


def test_load_questions_filters_by_split(tmp_path: Path) -> None:
    path = _write(tmp_path / "g.jsonl",
                  [_record("a", split="tune"), _record("b", split="test"), _record("c")])
    assert [q.id for q in load_questions(path, split="test")] == ["b"]
    assert [q.id for q in load_questions(path, split="tune")] == ["a"]
    assert [q.id for q in load_questions(path)] == ["a", "b", "c"]
    with pytest.raises(GoldError, match="unknown split 'dev'"):
        load_questions(path, split="dev")


# --- the split script -----------------------------------------------------------------------------

def _fixture(n: int = 30) -> list[dict]:
    records = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        tags = [["place"], ["lay"], [], ["wordform", "year"]][i % 4]
        records.append(_record(f"{kind}-{i:02d}", kind, **({"tags": tags} if tags else {})))
    return records


def test_assign_is_deterministic_stratified_and_about_half() -> None:
    records = _fixture()
    first = assign(records)
    assert first == assign(list(reversed(records)))  # line order does not matter
    assert set(first.values()) <= set(SPLITS) and set(first) == {r["id"] for r in records}
    for kind in KINDS:
        halves = Counter(first[r["id"]] for r in records if r["kind"] == kind)
        assert abs(halves["test"] - halves["tune"]) <= 1, kind
    strata = Counter((r["kind"], stratum(r), first[r["id"]]) for r in records)
    for kind, name, _ in strata:
        assert abs(strata[kind, name, "test"] - strata[kind, name, "tune"]) <= 1
    assert assign(records, seed=SEED + 1) != first  # the seed matters


def test_assign_keeps_frozen_splits_and_places_new_questions() -> None:
    records = _fixture(20)
    frozen = assign(records)
    with_splits = [{**r, "split": frozen[r["id"]]} for r in records]
    assert assign(with_splits) == frozen
    flipped = [{**r, "split": "tune"} for r in with_splits]
    assert assign(flipped) == {r["id"]: "tune" for r in records}  # kept, not rebalanced
    assert assign(flipped, reassign=True) == frozen
    added = with_splits + [_record("fact-new-1", "fact"), _record("fact-new-2", "fact")]
    again = assign(added)
    assert all(again[qid] == split for qid, split in frozen.items())
    assert {again["fact-new-1"], again["fact-new-2"]} <= set(SPLITS)


def test_split_cli_writes_once_then_changes_nothing(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "g.jsonl", _fixture(12))
    assert split_main([str(path), "--check"]) == 1
    assert split_main([str(path), "--dry-run"]) == 0
    assert all("split" not in json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    assert split_main([str(path)]) == 0
    written = path.read_text(encoding="utf-8")
    assert split_main([str(path)]) == 0 and path.read_text(encoding="utf-8") == written
    assert split_main([str(path), "--check"]) == 0
    records = [json.loads(line) for line in written.splitlines()]
    assert all(list(r)[-1] == "split" for r in records)
    assert "nothing to write" in capsys.readouterr().err


# --- the real dev set -----------------------------------------------------------------------------

def test_dev_set_is_split_and_tagged() -> None:
    questions = load_questions(DEFAULT_DEV_SET)
    assert all(q.split in SPLITS for q in questions)
    assert all(set(q.tags) <= set(TAGS) for q in questions)
    for kind in KINDS:
        halves = Counter(q.split for q in questions if q.kind == kind)
        assert abs(halves["test"] - halves["tune"]) <= 1, kind
    test = load_questions(DEFAULT_DEV_SET, split="test")
    tune = load_questions(DEFAULT_DEV_SET, split="tune")
    assert len(test) + len(tune) == len(questions) and abs(len(test) - len(tune)) <= 2


def test_dev_set_split_is_frozen() -> None:
    records = [json.loads(line)
               for line in DEFAULT_DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    frozen = {r["id"]: r["split"] for r in records}
    assert assign(records) == frozen  # rerunning eval/split.py changes nothing


def test_dev_set_covers_the_hard_question_types() -> None:
    questions = load_questions(DEFAULT_DEV_SET)
    tags = Counter(tag for q in questions for tag in q.tags)
    assert len(questions) >= 130
    assert tags["place"] + tags["year"] + tags["case"] >= 15
    assert tags["wordform"] >= 10
    assert sum(q.kind == "paraphrase" for q in questions) >= 36
