"""The gold question set: loading and validating it, and deciding whether a hit holds its evidence.

Each gold item is a short verbatim snippet of a review. A retrieved passage is relevant to a
question when it *contains* one of the question's snippets, compared after :func:`normalise`,
which keeps only lower-cased letters and digits. Dropping spaces and punctuation as well as
case is deliberate: the same words reach us hard-wrapped, with PDF damage such as stray
spaces inside words ("t he"), end-of-line hyphens, curly or straight quotes, and whatever
clean-up ``repair_text`` has done. Containment of the letters-and-digits string survives all
of these, while an 8-word minimum keeps an accidental match in unrelated text unlikely.

Besides the required ``id``, ``kind``, ``question`` and ``gold``, a line may carry ``split``
(``"tune"`` or ``"test"``: the frozen partition written by ``eval/split.py``; tune settings on
the tune half and report the test half) and ``tags`` (a list drawn from :data:`TAGS`, naming
what makes the question hard: a place, year or case constraint, an inflected word form, lay
wording). ``load_questions(path, split="test")`` keeps one half.

Run ``python -m reviewqa.eval.gold [FILE] [--corpus DIR] [--split tune|test]`` to check that
every snippet occurs in the corpus as ``repair_text`` leaves it, since that is what hits carry.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewqa.corpus.manifest import bundled_corpus_dir
from reviewqa.corpus.repair import repair_text
from reviewqa.retriever.junk import count_words

KINDS = ("fact", "theme", "examples", "paraphrase")
SPLITS = ("tune", "test")
TAGS = ("place", "year", "case", "wordform", "lay")
"""Tags: the question names an area ("in Rochdale"), a year ("since 2017"), a review ("the Child
K review"); uses an inflected or plural word form ("GPs", "bruised"); or everyday wording of a
professional idea ("mum kept hiding things" for disguised compliance)."""
MIN_WORDS = 8
MAX_WORDS = 25
DEFAULT_DEV_SET = Path(__file__).parent / "data" / "dev.jsonl"
_NOT_ALNUM = re.compile(r"[\W_]+")
_FIELDS = ("id", "kind", "question", "gold")
_OPTIONAL_FIELDS = ("split", "tags")
_ITEM_FIELDS = ("review", "snippet")


class GoldError(ValueError):
    """A malformed gold file; the message is one line naming the file, line and field."""


def normalise(text: str) -> str:
    """Lower-cased letters and digits only, so wraps, split words and punctuation cannot break a match."""
    return _NOT_ALNUM.sub("", text.lower())


@dataclass(frozen=True)
class GoldItem:
    """One piece of evidence: the review it belongs to and a verbatim snippet of its text."""

    review: str
    snippet: str
    normalised: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "normalised", normalise(self.snippet))


@dataclass(frozen=True)
class Question:
    """A dev-set question with the evidence a good retriever should surface."""

    id: str
    kind: str
    question: str
    gold: list[GoldItem]
    split: str | None = None
    tags: tuple[str, ...] = ()

    @property
    def reviews(self) -> list[str]:
        """Distinct review labels of the gold evidence, in order of first appearance."""
        return list(dict.fromkeys(item.review for item in self.gold))


def matched_gold(hit_text: str, question: Question) -> list[GoldItem]:
    """The gold items whose snippet the hit contains (recall, coverage: eval/metrics.py)."""
    text = normalise(hit_text)
    return [item for item in question.gold if item.normalised in text]


def is_relevant(hit_text: str, question: Question) -> bool:
    """Whether the hit contains at least one of the question's gold snippets (the binary
    relevance of reciprocal rank and nDCG: eval/metrics.py)."""
    text = normalise(hit_text)
    return any(item.normalised in text for item in question.gold)


def load_questions(path: Path, split: str | None = None) -> list[Question]:
    """Reads a JSONL gold file, refusing the first bad line with a one-line :class:`GoldError`.

    With ``split`` ("tune" or "test") only the questions of that half are returned; the whole
    file is still validated, and questions without a split belong to neither half.
    """
    if split is not None and split not in SPLITS:
        raise GoldError(f"{path}: split: unknown split {split!r} (expected one of {', '.join(SPLITS)})")
    questions: list[Question] = []
    first_line: dict[str, int] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as err:  # (a binary file had been a traceback)
        raise GoldError(f"{path}: not UTF-8 text (byte {err.start:,}): is it a JSONL file?") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        question = _parse_line(line, where)
        if question.id in first_line:
            raise GoldError(f"{where}: id: duplicate id {question.id!r} "
                            f"(first on line {first_line[question.id]})")
        first_line[question.id] = number
        questions.append(question)
    if not questions:  # (an empty file had been scored as an empty table, exit 0)
        raise GoldError(f"{path}: no questions in the file")
    if split is not None:
        questions = [question for question in questions if question.split == split]
    return questions


def _parse_line(line: str, where: str) -> Question:
    """One JSON object into a validated Question."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise GoldError(f"{where}: malformed JSON: {err.msg} (column {err.colno})") from None
    except RecursionError:  # (thousands of nested brackets had been a traceback)
        raise GoldError(f"{where}: malformed JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise GoldError(f"{where}: expected a JSON object, got {type(record).__name__}")
    _check_fields(record, _FIELDS, where, "", optional=_OPTIONAL_FIELDS)
    for name in ("id", "kind", "question"):
        _require_text(record[name], where, name)
    _require_askable(record["question"], where)
    if record["kind"] not in KINDS:
        raise GoldError(f"{where}: kind: unknown kind {record['kind']!r} "
                        f"(expected one of {', '.join(KINDS)})")
    gold = record["gold"]
    if not isinstance(gold, list) or not gold:
        raise GoldError(f"{where}: gold: must be a non-empty list")
    items = [_parse_item(raw, where, f"gold[{i}]") for i, raw in enumerate(gold)]
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.normalised in seen:
            raise GoldError(f"{where}: gold[{i}].snippet: repeats an earlier snippet of this question")
        seen.add(item.normalised)
    return Question(id=record["id"], kind=record["kind"], question=record["question"], gold=items,
                    split=_parse_split(record["split"], where) if "split" in record else None,
                    tags=_parse_tags(record["tags"], where) if "tags" in record else ())


def _require_askable(question: str, where: str) -> None:
    """A question the search takes: one it refuses, as too long, wordless or not valid
    text, or as asking to identify someone, had been a traceback after loading."""
    from reviewqa.retriever.query import clean_question
    from reviewqa.retriever.safety import is_reidentification_request
    from reviewqa.retriever.types import QueryError

    try:
        cleaned = clean_question(question)
    except QueryError as err:
        raise GoldError(f"{where}: question: {err}") from None
    if is_reidentification_request(cleaned):
        raise GoldError(f"{where}: question: the search refuses it, as asking to identify, "
                        "locate or blame a real person")


def _parse_split(value: Any, where: str) -> str:
    """A present split field: one of SPLITS."""
    if not isinstance(value, str) or value not in SPLITS:
        raise GoldError(f"{where}: split: unknown split {value!r} (expected one of {', '.join(SPLITS)})")
    return value


def _parse_tags(value: Any, where: str) -> tuple[str, ...]:
    """A present tags field: a list of distinct strings from TAGS (possibly empty)."""
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise GoldError(f"{where}: tags: must be a list of strings")
    for i, tag in enumerate(value):
        if tag not in TAGS:
            raise GoldError(f"{where}: tags[{i}]: unknown tag {tag!r} (expected one of {', '.join(TAGS)})")
        if tag in value[:i]:
            raise GoldError(f"{where}: tags[{i}]: repeats tag {tag!r}")
    return tuple(value)


def _parse_item(raw: Any, where: str, name: str) -> GoldItem:
    """One gold entry: a review label and a snippet of MIN_WORDS to MAX_WORDS words."""
    if not isinstance(raw, dict):
        raise GoldError(f"{where}: {name}: expected an object with 'review' and 'snippet'")
    _check_fields(raw, _ITEM_FIELDS, where, f"{name}.")
    _require_text(raw["review"], where, f"{name}.review")
    _require_text(raw["snippet"], where, f"{name}.snippet")
    words = count_words(raw["snippet"])
    if not MIN_WORDS <= words <= MAX_WORDS:
        raise GoldError(f"{where}: {name}.snippet: has {words} words, expected {MIN_WORDS}-{MAX_WORDS}")
    return GoldItem(review=raw["review"].strip(), snippet=raw["snippet"])


def _check_fields(record: dict[str, Any], expected: tuple[str, ...], where: str, prefix: str,
                  optional: tuple[str, ...] = ()) -> None:
    """Every expected key present, no unknown key (a misspelt key would otherwise pass silently)."""
    for name in expected:
        if name not in record:
            raise GoldError(f"{where}: {prefix}{name}: missing field")
    for name in record:
        if name not in expected and name not in optional:
            raise GoldError(f"{where}: {prefix}{name}: unknown field")


def _require_text(value: Any, where: str, name: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise GoldError(f"{where}: {name}: must be a non-empty string")


def check_snippets(questions: Iterable[Question], corpus_texts: dict[str, str]) -> list[str]:
    """One problem line per gold snippet found in none of the corpus texts; empty means all found."""
    haystacks = [normalise(text) for text in corpus_texts.values()]
    problems = []
    for question in questions:
        for i, item in enumerate(question.gold):
            if not any(item.normalised in text for text in haystacks):
                problems.append(f"{question.id} gold[{i}] ({item.review}): snippet not in corpus: "
                                f"{item.snippet!r}")
    return problems


def default_corpus_dir() -> Path:
    """The bundled sample corpus."""
    return bundled_corpus_dir()


def load_corpus_texts(directory: Path, repair: Callable[[str], str] | None = None) -> dict[str, str]:
    """The corpus's text documents by file name, passed through ``repair`` when one is given."""
    texts = {}
    for path in sorted(Path(directory).iterdir()):
        if path.suffix.lower() in (".txt", ".md"):
            text = path.read_text(encoding="utf-8")
            texts[path.name] = repair(text) if repair else text
    return texts


def main(argv: list[str] | None = None) -> int:
    """CLI: check a gold file's snippets against the corpus; non-zero exit on any problem."""
    parser = argparse.ArgumentParser(prog="python -m reviewqa.eval.gold", description=main.__doc__)
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_DEV_SET)
    parser.add_argument("--corpus", type=Path, default=None, help="folder of documents (default: bundled)")
    parser.add_argument("--split", choices=SPLITS, default=None, help="check only this half of the questions")
    args = parser.parse_args(argv)
    try:
        questions = load_questions(args.file, split=args.split)
    except (GoldError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    texts = load_corpus_texts(args.corpus or default_corpus_dir(), repair_text)
    if not texts:
        print(f"error: no .txt or .md documents in {args.corpus or default_corpus_dir()}", file=sys.stderr)
        return 2
    problems = check_snippets(questions, texts)
    for line in problems:
        print(line)
    checked = sum(len(q.gold) for q in questions)
    print(f"{checked - len(problems)}/{checked} snippets of {len(questions)} questions found "
          f"in {len(texts)} documents (repaired text)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
