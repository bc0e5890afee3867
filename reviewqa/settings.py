"""Every tunable default in one tree: limits, search, answers. Each default says what chose it.

The numbers come from ``reviewqa eval`` on the *tune* split of ``eval/data/dev.jsonl`` (the
grid is ``python -m reviewqa.eval.tune``); the *test* split is only ever reported. Chunking
settings live with the chunker (``reviewqa.corpus.chunker``) because its version is part of
every index's manifest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# -- limits ------------------------------------------------------------------------------------

MAX_QUERY_CHARS = 1000
"""Longest question searched; longer ones are cut here (a question, not a document)."""

MAX_K = 100
"""Most passages one search or answer returns, in the CLI, the API and the Python API."""

DEFAULT_K = 10
"""Passages a search returns unless asked otherwise."""

DEFAULT_ANSWER_K = 8
"""Passages an answer is built from unless asked otherwise."""

# -- search ------------------------------------------------------------------------------------

SearchMode = Literal["hybrid", "dense", "lexical"]


@dataclass(frozen=True)
class SearchConfig:
    """How a search runs. The defaults were chosen on the dev set (see README, Evaluation)."""

    mode: SearchMode = "hybrid"
    dense_depth: int = 60  # candidates taken from each list before fusion
    lexical_depth: int = 60
    rrf_k: int = 20  # reciprocal rank fusion constant: weight / (rrf_k + rank)
    dense_weight: float = 1.5  # dense beats lexical on paraphrases and themes (eval/tune.py)
    lexical_weight: float = 1.0
    per_review: int | None = 3  # at most this many hits per review (2 lost fact questions' second passage)
    rerank: bool = True  # re-score with the cross-encoder, when one is configured
    rerank_depth: int = 30  # fused candidates it re-scores

    def __post_init__(self) -> None:
        if self.mode not in ("hybrid", "dense", "lexical"):
            raise ValueError(f"unknown search mode {self.mode!r}")


# -- answers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerConfig:
    """How the extractive answer picks its sentences."""

    min_dense_score: float = 0.30  # below this cosine, the best passage is not about the question
    max_sentences: int = 6
    max_per_review: int = 2
    passages_read: int = 8
    max_reviews: int = 4  # reviews quoted, in retrieval order
    sentence_margin: float = 0.12  # a review's second sentence must score within this of the best
    min_sentence_words: int = 5
    # Weight of the question's words found in a sentence, beside its passage's similarity:
    # chosen on the dev set's answer evidence recall (0.1: 0.539, 0.25: 0.573, 0.5: 0.560).
    lexical_weight: float = 0.25
