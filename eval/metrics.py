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
- ``answer_evidence_recall`` (the README's earlier answer figure, kept for comparison): the
  share of gold snippets found in the answer text or in one of the passages it cites. A cited
  passage counts whole, so an answer that cites the right passage but quotes the wrong
  sentence of it still scores.

Answer metrics judge only the sentences an answer actually *quotes* (each citation's quotes):

- A quoted sentence *quotes* a gold snippet when, on the normalised text (letters and digits,
  lower-cased): the sentence contains the snippet; or the snippet contains the sentence and the
  sentence has at least :data:`JUNK_MIN_WORDS` (5) words; or the two share one unbroken run of
  text longer than half the snippet (:data:`OVERLAP_SHARE`), which is "most of its words" for a
  snippet that runs across a sentence boundary. See :func:`quotes_gold`.
- ``answer_evidence`` (the headline): 1 when at least one quoted sentence quotes at least one
  gold snippet, else 0; its mean is the share of questions whose answer quotes gold evidence.
- ``answer_review_coverage``: the share of the question's gold reviews with at least one of
  their snippets quoted.
- ``junk_share``: the share of an answer's quoted sentences that :func:`is_junk_sentence` calls
  junk (keyword lines, link or resource lists, signposts, headings, fragments under 5 words);
  absent for an answer that quotes nothing, so its mean is over the answers that quote.

Intervals: :func:`bootstrap_interval` resamples the questions with replacement (a fixed seed,
1000 resamples) and takes the 2.5th and 97.5th percentiles of the resampled means.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from difflib import SequenceMatcher
from statistics import fmean
from typing import Any

import numpy as np

from reviewqa.retriever.junk import JUNK_MIN_WORDS, count_words, is_junk_sentence

from .gold import GoldItem, Question, is_relevant, matched_gold, normalise

MRR_CUTOFF = 10
DEFAULT_KS = (1, 3, 5, 10)
OVERLAP_SHARE = 0.5
RESAMPLES = 1000
SEED = 0
LEVEL = 0.95


def _check_k(k: int) -> None:
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")


def _found_in(texts: Iterable[str], question: Question) -> set[GoldItem]:
    """The gold items contained in any of the texts."""
    return {item for text in texts for item in matched_gold(text, question)}


def _relevance(hits: Sequence[str], question: Question, k: int) -> list[int]:
    """1 or 0 for each of the top k hits: does it contain any gold snippet?"""
    return [int(is_relevant(text, question)) for text in hits[:k]]


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
    covered = {item.review for item in _found_in(hits[:k], question)}
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


# --- answers: which quoted sentences are gold evidence, and which are junk ---------------------
# (what counts as junk is defined once, in reviewqa.retriever.junk, and the answerer skips it)

def quotes_gold(sentence: str, item: GoldItem) -> bool:
    """Whether a quoted sentence quotes the gold snippet (see the module docstring)."""
    text, snippet = normalise(sentence), item.normalised
    if not text:
        return False
    if snippet in text:
        return True
    if text in snippet:
        return count_words(sentence) >= JUNK_MIN_WORDS
    match = SequenceMatcher(None, text, snippet, autojunk=False).find_longest_match(
        0, len(text), 0, len(snippet))
    return match.size > OVERLAP_SHARE * len(snippet)


def quoted_gold(quotes: Sequence[str], question: Question) -> list[GoldItem]:
    """The question's gold items that at least one of the quoted sentences quotes."""
    return [item for item in question.gold if any(quotes_gold(q, item) for q in quotes)]


def answer_evidence(quotes: Sequence[str], question: Question) -> float:
    """1.0 when any quoted sentence quotes any gold snippet, else 0.0."""
    return 1.0 if quoted_gold(quotes, question) else 0.0


def answer_review_coverage(quotes: Sequence[str], question: Question) -> float:
    """Share of the question's gold reviews with at least one snippet quoted."""
    return len({item.review for item in quoted_gold(quotes, question)}) / len(question.reviews)


def junk_share(quotes: Sequence[str]) -> float | None:
    """Share of the quoted sentences that are junk; None when nothing is quoted."""
    if not quotes:
        return None
    return sum(is_junk_sentence(q) is not None for q in quotes) / len(quotes)


def score_answer(quotes: Sequence[str], cited: Sequence[str], question: Question) -> dict[str, Any]:
    """One answer's row: answer evidence, review coverage, junk share (when it quotes), the old
    evidence recall over ``cited`` (the answer text and its cited passages), and counts."""
    junk = [(q, reason) for q in quotes if (reason := is_junk_sentence(q))]
    row: dict[str, Any] = {"answer_evidence": answer_evidence(quotes, question),
                           "answer_review_coverage": answer_review_coverage(quotes, question),
                           "answer_evidence_recall": answer_evidence_recall(list(cited), question),
                           "quoted_sentences": len(quotes)}
    share = junk_share(quotes)
    if share is not None:
        row["junk_share"] = share
    row["junk"] = [{"text": q, "reason": reason} for q, reason in junk]
    return row


# --- aggregation ---------------------------------------------------------------------------------

def bootstrap_interval(values: Sequence[float], *, resamples: int = RESAMPLES, seed: int = SEED,
                       level: float = LEVEL) -> tuple[float, float] | None:
    """Percentile bootstrap interval of the mean: resample the values with replacement
    ``resamples`` times (a fixed ``seed``, so runs repeat) and take the central ``level`` of the
    resampled means. None for no values."""
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return None
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, data.size, size=(resamples, data.size))].mean(axis=1)
    tail = (1.0 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


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


def summarise_with_intervals(per_question_rows: Iterable[Mapping[str, Any]],
                             metrics: Sequence[str], *, tags: Sequence[str] = (),
                             resamples: int = RESAMPLES, seed: int = SEED) -> dict[str, Any]:
    """Like :func:`summarise` by kind, plus ``by_tag`` (a row counts under each of its
    ``tags``; every tag in ``tags`` gets an entry, empty ones with n 0), and for each group a
    ``"ci"`` of ``metric: [low, high]`` bootstrap intervals for the named ``metrics``."""
    rows = list(per_question_rows)
    summary = summarise(rows)
    by_tag: dict[str, list[Mapping[str, Any]]] = {tag: [] for tag in tags}
    for row in rows:
        for tag in row.get("tags", ()):
            by_tag.setdefault(tag, []).append(row)
    summary["by_tag"] = {tag: _means(members, "kind") for tag, members in by_tag.items()}
    groups = [(summary["overall"], rows)]
    groups += [(summary["by_kind"][kind], [r for r in rows if str(r.get("kind")) == kind])
               for kind in summary["by_kind"]]
    groups += [(summary["by_tag"][tag], members) for tag, members in by_tag.items()]
    for target, members in groups:
        target["ci"] = {}
        for metric in metrics:
            values = [row[metric] for row in members if _is_number(row.get(metric))]
            interval = bootstrap_interval(values, resamples=resamples, seed=seed)
            if interval is not None:
                target["ci"][metric] = list(interval)
    return summary


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
