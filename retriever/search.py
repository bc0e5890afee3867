"""Hybrid search: dense (FAISS) and lexical (FTS5 BM25) lists fused by reciprocal rank fusion,
filtered on review metadata, optionally re-ranked, then diversified by review.

Filters are applied inside both searches (SQL for lexical, an id selector for dense), so
the k hits returned all satisfy them, however rare the matching reviews are.
"""

from __future__ import annotations

import os
import threading
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from reviewqa.embed.pipeline import CorpusIndex

from .filters import allowed_chunk_ids, facets
from .lexical import LexicalSearch
from .types import MAX_QUERY_CHARS, Filters, Hit, QueryError

RERANKER_ENV = "REVIEWQA_RERANKER"


@dataclass(frozen=True)
class SearchConfig:
    """How a search runs. The defaults were chosen on the dev set (see README, Evaluation)."""

    mode: str = "hybrid"  # "hybrid", "dense" or "lexical"
    dense_depth: int = 60  # candidates taken from each list before fusion
    lexical_depth: int = 60
    rrf_k: int = 20  # reciprocal rank fusion constant: weight / (rrf_k + rank)
    dense_weight: float = 1.5  # dense beats lexical on paraphrases and themes (eval/tune.py)
    lexical_weight: float = 1.0
    per_review: int | None = 3  # at most this many hits per review; None for no cap
    rerank: bool = True  # re-score with the cross-encoder, when one is configured
    rerank_depth: int = 30  # fused candidates it re-scores

    def __post_init__(self) -> None:
        if self.mode not in ("hybrid", "dense", "lexical"):
            raise ValueError(f"unknown search mode {self.mode!r}")


def clean_question(question: str) -> str:
    """The question as searched: trimmed, capped at MAX_QUERY_CHARS; empty is an error."""
    if not isinstance(question, str):
        raise QueryError("the question must be text")
    question = " ".join(question.split())
    if not question:
        raise QueryError("the question is empty")
    if not any(ch.isalnum() for ch in question):
        raise QueryError("the question has no words to search for")
    return question[:MAX_QUERY_CHARS]


class Retriever:
    """Searches one index folder. Load once, search many times."""

    def __init__(self, index: CorpusIndex, config: SearchConfig | None = None,
                 reranker_path: str | Path | None = None):
        self.index = index
        self.config = config or SearchConfig()
        self.reranker = _load_reranker(reranker_path or os.environ.get(RERANKER_ENV))
        # One SQLite connection and one model serve every thread of the web app.
        self._lock = threading.RLock()
        self.lexical = LexicalSearch(index.store.db)

    @classmethod
    def load(cls, index_dir: Path | str | None = None, *, config: SearchConfig | None = None,
             build_if_empty: bool = False, progress: bool = False, **kwargs) -> Retriever:
        """Opens the index folder (see CorpusIndex.open); optionally indexes the bundled corpus."""
        index = CorpusIndex.open(Path(index_dir) if index_dir else None, progress=progress)
        if build_if_empty and index.is_empty:
            index.ingest_bundled(progress=progress)
        return cls(index, config, **kwargs)

    def close(self) -> None:
        self.index.close()

    @property
    def store(self):
        return self.index.store

    def facets(self) -> dict[str, list]:
        return facets(self.store.db)

    # -- search ---------------------------------------------------------------------------------

    def search(self, question: str, k: int = 10, filters: Filters | None = None, *,
               config: SearchConfig | None = None, **overrides) -> list[Hit]:
        """The top ``k`` passages for ``question`` that satisfy ``filters``."""
        with self._lock:
            return self._search(question, k, filters, config, overrides)

    def _search(self, question: str, k: int, filters: Filters | None,
                config: SearchConfig | None, overrides: dict) -> list[Hit]:
        cfg = replace(config or self.config, **overrides) if overrides else (config or self.config)
        question = clean_question(question)
        k = max(1, min(int(k), 100))
        allowed = None
        if filters is not None and not filters.empty:
            allowed = np.asarray(allowed_chunk_ids(self.store.db, filters), dtype=np.int64)
            if allowed.size == 0:
                return []
        dense: list[tuple[int, float]] = []
        lexical: list[int] = []
        if cfg.mode in ("hybrid", "dense"):
            dense = self._dense(question, cfg.dense_depth, allowed)
        if cfg.mode in ("hybrid", "lexical"):
            lexical = self.lexical.search(question, cfg.lexical_depth, filters)
        fused = fuse(dense, lexical, cfg)
        hits = self._hits(fused, dict(dense), {cid: i + 1 for i, cid in enumerate(lexical)})
        if cfg.rerank and self.reranker is not None and hits:
            hits = self._rerank(question, hits[:cfg.rerank_depth]) + hits[cfg.rerank_depth:]
        hits = diversify(hits, cfg.per_review, k)
        for rank, hit in enumerate(hits, 1):
            hit.rank = rank
        return hits

    def _dense(self, question: str, depth: int, allowed: np.ndarray | None) -> list[tuple[int, float]]:
        query = self.index.embedder.encode_query(question)
        scores, ids = self.index.vectors.search(query[None, :], depth, allowed=allowed)
        return [(int(i), float(s)) for s, i in zip(scores[0], ids[0]) if i >= 0]

    def _hits(self, fused: list[tuple[int, float]], dense: dict[int, float],
              lexical_ranks: dict[int, int]) -> list[Hit]:
        chunks = self.store.chunks([cid for cid, _ in fused])
        reviews = {r: self.store.review(r) for r in {c.review_id for c in chunks}}
        documents = {d: self.store.document(d) for d in {c.document_id for c in chunks}}
        score = dict(fused)
        return [Hit(rank=0, score=score[c.id], chunk=c, review=reviews[c.review_id],
                    document=documents[c.document_id], dense_score=dense.get(c.id),
                    lexical_rank=lexical_ranks.get(c.id)) for c in chunks]

    def _rerank(self, question: str, hits: list[Hit]) -> list[Hit]:
        scores = self.reranker.predict([(question, h.chunk.text) for h in hits])
        for hit, s in zip(hits, scores):
            hit.score = float(s)
        return sorted(hits, key=lambda h: -h.score)

    # -- answers -------------------------------------------------------------------------------

    def answer(self, question: str, k: int = 8, filters: Filters | None = None, **kwargs):
        """A cited answer (see retriever.answer.compose_answer)."""
        from .answer import compose_answer

        with self._lock:
            return compose_answer(self, question, k=k, filters=filters, **kwargs)


def fuse(dense: list[tuple[int, float]], lexical: list[int], cfg: SearchConfig) -> list[tuple[int, float]]:
    """Reciprocal rank fusion of the two ranked lists: (chunk id, fused score), best first."""
    scores: dict[int, float] = defaultdict(float)
    for rank, (cid, _) in enumerate(dense, 1):
        scores[cid] += cfg.dense_weight / (cfg.rrf_k + rank)
    for rank, cid in enumerate(lexical, 1):
        scores[cid] += cfg.lexical_weight / (cfg.rrf_k + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def diversify(hits: list[Hit], per_review: int | None, k: int) -> list[Hit]:
    """The first ``k`` hits, taking at most ``per_review`` from any one review."""
    taken: dict[str, int] = defaultdict(int)
    out: list[Hit] = []
    for hit in hits:
        if per_review is not None and taken[hit.review.id] >= per_review:
            continue
        taken[hit.review.id] += 1
        out.append(hit)
        if len(out) == k:
            break
    return out


def group_by_review(hits: list[Hit]) -> list[dict]:
    """Hits grouped by review as JSON, groups in the order of their best hit:
    ``[{"review": {id, title, area, year, type}, "hits": [...]}]``."""
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.review.id, []).append(hit)
    return [{"review": group[0].to_json()["review"], "hits": [h.to_json() for h in group]}
            for group in groups.values()]


def _load_reranker(path: str | Path | None):
    """A local cross-encoder folder, or None. Never a hub name: nothing downloads."""
    if not path:
        return None
    folder = Path(path)
    if not folder.is_dir():
        raise QueryError(f"re-ranker folder {folder} not found ({RERANKER_ENV})")
    from sentence_transformers import CrossEncoder

    return CrossEncoder(str(folder), local_files_only=True)
