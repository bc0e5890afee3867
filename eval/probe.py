"""A probe in everyday words, scored by review: does the search find the reviews that answer it?

The dev set (:mod:`reviewqa.eval.gold`) scores passages against gold snippets, and its tune half
is what settings are chosen on. A probe is a second, cheaper check of how lay wording is read:
questions written by someone else from the corpus documents, not from the dev set, in the words
a relative, a foster carer or a receptionist would type ("mum's fella", "the flat was a tip"),
each with the reviews that answer it. It is scored by review, not by snippet: the rank of the
first hit from an expected review (MRR@10), the share of expected reviews among the first ten
hits' reviews (review coverage@10), and whether the default answer cites one of them.

A probe file is tab-separated, one question a line: the question; the expected reviews, each
written as the start of the review's label ("Child K (Rochdale" for "Child K (Rochdale, 2017)",
"Alex (2017" for a review with no area), several joined by " | "; and the topic in a few words.
An expected review that starts no label of the index is an error, so a typo cannot score as a
miss. Once a probe's misses have been mended it is one more set tuned on: the figures it gives
afterwards say what changed, not how well unseen wording is read.

``eval/data/lay_probe.tsv`` holds 120 such questions, written by two helpers who read the
corpus documents and not the dev set (60 each: a third tell one case, the rest ask about
practice). Each set was scored before the taxonomy was taught its misses; both have been
tuned on since (see docs/evaluation-history.md). ``eval/data/lay_probe_unseen.tsv`` holds 60
more by a third helper, who saw neither the dev set nor the other two: scored, never mended,
so that the next change to how lay words are read can be judged on wording nobody fitted
(once mended, it joins the tuned ones). A fresh probe is written, not reused.

``eval/data/story_probe.tsv`` and ``story_probe_unseen.tsv`` hold 30 practitioners' long
messages each (40 to 110 words: a health visitor's, a youth worker's, a neighbour's own case,
then a question), each with the one to three reviews whose cases it resembles, written by a
fourth helper from the corpus alone. The dev set has no message this long. How a story is
searched (``SearchConfig.story_weight``) was chosen on the first; the second was scored once
before and once after, and is kept unseen. A question refused is scored as found nothing.

    python -m reviewqa.eval.probe                         # eval/data/lay_probe.tsv, bundled corpus
    python -m reviewqa.eval.probe FILE --index DIR --json out.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewqa.retriever.search import Retriever
from reviewqa.retriever.types import Refused

from .gold import GoldError

DEFAULT_PROBE = Path(__file__).parent / "data" / "lay_probe.tsv"
UNSEEN_PROBE = Path(__file__).parent / "data" / "lay_probe_unseen.tsv"
STORY_PROBE = Path(__file__).parent / "data" / "story_probe.tsv"
STORY_UNSEEN_PROBE = Path(__file__).parent / "data" / "story_probe_unseen.tsv"
DEPTH = 10


@dataclass(frozen=True)
class ProbeQuestion:
    question: str
    reviews: tuple[str, ...]  # the starts of the expected reviews' labels
    topic: str
    where: str  # "FILE:LINE"


def read_probe(path: Path) -> list[ProbeQuestion]:
    """The probe's questions; a malformed line is a :class:`GoldError` naming it."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        fields = line.split("\t")
        if len(fields) != 3:
            raise GoldError(f"{where}: expected 3 tab-separated fields (question, reviews, "
                            f"topic), found {len(fields)}")
        question, reviews, topic = (field.strip() for field in fields)
        expected = tuple(r.strip() for r in reviews.split("|") if r.strip())
        if not question or not expected:
            raise GoldError(f"{where}: a question and at least one expected review are needed")
        out.append(ProbeQuestion(question, expected, topic, where))
    if not out:
        raise GoldError(f"{path}: no questions")
    return out


def _matches(label: str, expected: str) -> bool:
    return label.startswith(expected)


def check_reviews(questions: Sequence[ProbeQuestion], labels: Sequence[str]) -> None:
    """Every expected review starts a label of the index, else a :class:`GoldError`."""
    for q in questions:
        for expected in q.reviews:
            if not any(_matches(label, expected) for label in labels):
                raise GoldError(f"{q.where}: no review of the index is labelled "
                                f"{expected!r}...")


def score_probe(retriever: Retriever, questions: Sequence[ProbeQuestion]) -> dict:
    """Each question's row (rank of the first expected review, coverage@10, whether the
    answer cites one) and their means."""
    check_reviews(questions, [r.label for r in retriever.store.reviews()])
    rows: list[dict] = []
    rr: list[float] = []
    coverage: list[float] = []
    cites: list[bool] = []
    for q in questions:
        try:
            labels = [hit.review.label for hit in retriever.search(q.question, k=DEPTH)]
        except Refused:  # (the answer says so: it cites nothing)
            labels = []
        rank = next((i for i, label in enumerate(labels, 1)
                     if any(_matches(label, e) for e in q.reviews)), None)
        found = [e for e in q.reviews if any(_matches(label, e) for label in labels)]
        answer = retriever.answer(q.question)
        cited = [c.hit.review.label for c in answer.citations]
        rr.append(1.0 / rank if rank else 0.0)
        coverage.append(len(found) / len(q.reviews))
        cites.append(any(_matches(label, e) for label in cited for e in q.reviews))
        rows.append({"question": q.question, "topic": q.topic, "expected": list(q.reviews),
                     "rank": rank, "rr@10": rr[-1], "review_coverage@10": coverage[-1],
                     "answer_cites": cites[-1], "refused": answer.kind == "refusal"})
    n = len(rows)
    return {"n": n, "mrr@10": sum(rr) / n, "review_coverage@10": sum(coverage) / n,
            "answer_cites": sum(cites) / n, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reviewqa.eval.probe",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_PROBE)
    parser.add_argument("--index", type=Path, default=None,
                        help="index folder (default: $REVIEWQA_INDEX, else the bundled corpus's)")
    parser.add_argument("--json", type=Path, default=None, help="write every row here")
    args = parser.parse_args(argv)
    from reviewqa.ui.cli import open_index

    try:
        questions = read_probe(args.file)
        retriever = Retriever(open_index(args.index, build_if_missing=True))
        try:
            result = score_probe(retriever, questions)
        finally:
            retriever.close()
    except (GoldError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for row in result["rows"]:
        print(f"{row['rank'] or '-':>2}  {row['review_coverage@10']:.2f}  "
              f"{'refused' if row['refused'] else 'cited  ' if row['answer_cites'] else '       '}"
              f"  {row['question']}")
    print(f"{result['n']} questions: MRR@10 {result['mrr@10']:.3f}, review coverage@10 "
          f"{result['review_coverage@10']:.3f}, answers citing an expected review "
          f"{result['answer_cites']:.3f}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
