"""Retrieval and answer metrics for one gold question, and their aggregation. Pure functions.

A *hit* is the text of one retrieved passage, best first. Evidence is matched as in
:mod:`reviewqa.eval.gold`: a gold snippet is *found* in a hit when the hit's normalised text
contains the snippet's normalised text. Every function treats an empty hit list as scoring 0
and a ``k`` larger than the list as "all the hits there are".

- ``recall_at_k``: found gold snippets / all gold snippets of the question, where a snippet
  counts as found when any of the top ``k`` hits contains it.
- ``reciprocal_rank``: 1 / rank of the first hit containing any gold snippet, if that rank is
  within ``cutoff`` (10), else 0. Its mean over questions is MRR@10.
- ``ndcg_at_k``: binary relevance per hit (1 when it contains any gold snippet),
  DCG = sum(rel_i / log2(i + 1)); the ideal DCG puts min(k, number of gold snippets) relevant
  hits first. The relevant *passages* are not known in advance (one snippet may sit in two
  documents describing the same review, or in overlapping chunks), so the gold snippet count
  is the size of the ideal list; when more hits than that are relevant the score is capped at 1.
- ``review_coverage_at_k``: the share of the question's gold reviews with at least one of
  their snippets found in the top ``k`` — what a trainer asking for "every case where ..." needs.
- ``answer_evidence_recall``: the share of gold snippets that an answer quotes or cites: found
  in the answer text or in one of the passages it cites.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from statistics import fmean
from typing import Any

from .gold import Question, normalise

MRR_CUTOFF = 10
DEFAULT_KS = (1, 3, 5, 10)


def _check_k(k: int) -> None:
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")


def _found_in(texts: Iterable[str], question: Question) -> set[int]:
    """Indices of the gold items contained in any of the texts."""
    normalised = [normalise(text) for text in texts]
    return {i for i, item in enumerate(question.gold)
            if any(item.normalised in text for text in normalised)}


def _relevance(hits: Sequence[str], question: Question, k: int) -> list[int]:
    """1 or 0 for each of the top k hits: does it contain any gold snippet?"""
    snippets = [item.normalised for item in question.gold]
    return [int(any(s in text for s in snippets)) for text in map(normalise, hits[:k])]


def recall_at_k(hits: Sequence[str], question: Question, k: int) -> float:
    """Share of the question's gold snippets contained in at least one of the top k hits."""
    _check_k(k)
    return len(_found_in(hits[:k], question)) / len(question.gold)


def reciprocal_rank(hits: Sequence[str], question: Question, cutoff: int = MRR_CUTOFF) -> float:
    """1/rank of the first relevant hit within ``cutoff``, else 0."""
    _check_k(cutoff)
    for rank, relevant in enumerate(_relevance(hits, question, cutoff), start=1):
        if relevant:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(hits: Sequence[str], question: Question, k: int) -> float:
    """Binary-relevance nDCG with an ideal list of min(k, gold snippets) relevant hits, capped at 1."""
    _check_k(k)
    dcg = sum(rel / math.log2(rank + 1)
              for rank, rel in enumerate(_relevance(hits, question, k), start=1))
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(k, len(question.gold)) + 1))
    return min(1.0, dcg / ideal)


def review_coverage_at_k(hits: Sequence[str], question: Question, k: int) -> float:
    """Share of the question's gold reviews with at least one of their snippets in the top k."""
    _check_k(k)
    found = _found_in(hits[:k], question)
    covered = {question.gold[i].review for i in found}
    return len(covered) / len(question.reviews)


def answer_evidence_recall(answer: str | Sequence[str], question: Question) -> float:
    """Share of gold snippets quoted in the answer or in a passage it cites.

    ``answer`` is the answer text, or a sequence of the answer text and the cited passages.
    """
    texts = [answer] if isinstance(answer, str) else list(answer)
    return len(_found_in(texts, question)) / len(question.gold)


def score_hits(hits: Sequence[str], question: Question, ks: Sequence[int] = DEFAULT_KS) -> dict[str, float]:
    """The retrieval metrics of one question as a flat row: recall@k, nDCG@k, coverage@k, RR."""
    row = {f"recall@{k}": recall_at_k(hits, question, k) for k in ks}
    row.update({f"ndcg@{k}": ndcg_at_k(hits, question, k) for k in ks})
    row.update({f"review_coverage@{k}": review_coverage_at_k(hits, question, k) for k in ks})
    row["rr@10"] = reciprocal_rank(hits, question)
    return row


def summarise(per_question_rows: Iterable[Mapping[str, Any]], by: str = "kind") -> dict[str, Any]:
    """Means of every numeric field, overall and per value of ``by``.

    Returns ``{"overall": {"n": N, metric: mean, ...}, "by_<by>": {group: {...}, ...}}``. A
    metric missing from some rows is averaged over the rows that have it; booleans and the
    ``by`` field itself are not averaged.
    """
    rows = list(per_question_rows)
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        groups.setdefault(str(row.get(by)), []).append(row)
    return {"overall": _means(rows, by),
            f"by_{by}": {name: _means(members, by) for name, members in groups.items()}}


def _means(rows: list[Mapping[str, Any]], by: str) -> dict[str, float]:
    """Row count and the mean of each numeric field present in any row."""
    names = dict.fromkeys(name for row in rows for name, value in row.items()
                          if name != by and _is_number(value))
    result: dict[str, float] = {"n": len(rows)}
    for name in names:
        values = [row[name] for row in rows if _is_number(row.get(name))]
        result[name] = fmean(values)
    return result


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
