"""Hybrid search: dense (FAISS) and lexical (FTS5 BM25) lists fused by reciprocal rank fusion,
filtered on review metadata, optionally re-ranked, then diversified by review.

Filters are applied inside both searches (SQL for lexical, an id selector for dense), so
the k hits returned all satisfy them, however rare the matching reviews are. Searches only
read, and run in parallel: the store gives each thread its own SQLite connection, FAISS
searches are thread-safe, and the embedder serialises its own model.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from reviewqa.corpus.store import Facets, Store
from reviewqa.embed.pipeline import CorpusIndex
from reviewqa.settings import DEFAULT_ANSWER_K, DEFAULT_K, MAX_K, AnswerConfig, SearchConfig

from .answer import Answerer
from .lexical import LexicalSearch
from .query import clean_question
from .safety import REFUSAL, is_reidentification_request
from .types import Answer, Filters, Hit, QueryError

if TYPE_CHECKING:
    from .llm import LLMConfig

RERANKER_ENV = "REVIEWQA_RERANKER"


class Retriever:
    """Searches one index folder. Load once, search many times, from any number of threads."""

    def __init__(self, index: CorpusIndex, config: SearchConfig | None = None,
                 reranker_path: str | Path | None = None,
                 answer_config: AnswerConfig | None = None):
        self.index = index
        self.config = config or SearchConfig()
        self.reranker = _load_reranker(reranker_path or os.environ.get(RERANKER_ENV))
        self.lexical = LexicalSearch(index.store)
        self.answerer = Answerer(answer_config or AnswerConfig())

    @classmethod
    def load(cls, index_dir: Path | str | None = None, *, config: SearchConfig | None = None,
             build_if_empty: bool = False, progress: bool = False,
             reranker_path: str | Path | None = None) -> Retriever:
        """Opens the index folder (see CorpusIndex.open); optionally indexes the bundled corpus."""
        index = CorpusIndex.open(Path(index_dir) if index_dir else None, progress=progress)
        if build_if_empty and index.is_empty:
            index.ingest_bundled(progress=progress)
        return cls(index, config, reranker_path=reranker_path)

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> Retriever:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def store(self) -> Store:
        return self.index.store

    def facets(self) -> Facets:
        return self.store.facets()

    # -- search ---------------------------------------------------------------------------------

    def search(self, question: str, k: int = DEFAULT_K, filters: Filters | None = None, *,
               config: SearchConfig | None = None) -> list[Hit]:
        """The top ``k`` passages for ``question`` that satisfy ``filters``."""
        return self._search(clean_question(question), k, filters, config or self.config)

    def _search(self, question: str, k: int, filters: Filters | None,
                cfg: SearchConfig) -> list[Hit]:
        k = max(1, min(int(k), MAX_K))
        allowed = None
        if filters is not None and not filters.empty:
            allowed = np.asarray(self.store.chunk_ids(filters), dtype=np.int64)
            if allowed.size == 0:
                return []
        dense: list[tuple[int, float]] = []
        lexical: list[int] = []
        if cfg.mode in ("hybrid", "dense"):
            query = self.index.embedder.encode_query(question)
            dense = self.index.vectors.top_k(query, cfg.dense_depth, allowed=allowed)
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

    def _hits(self, fused: list[tuple[int, float]], dense: dict[int, float],
              lexical_ranks: dict[int, int]) -> list[Hit]:
        chunks = self.store.chunks([cid for cid, _ in fused])
        reviews = {r.id: r for r in self.store.reviews({c.review_id for c in chunks})}
        documents = {d: self.store.document(d) for d in {c.document_id for c in chunks}}
        score = dict(fused)
        return [Hit(rank=0, score=score[c.id], chunk=c, review=reviews[c.review_id],
                    document=documents[c.document_id],  # type: ignore[arg-type]
                    dense_score=dense.get(c.id), lexical_rank=lexical_ranks.get(c.id))
                for c in chunks]

    def _rerank(self, question: str, hits: list[Hit]) -> list[Hit]:
        scores = self.reranker.predict([(question, h.chunk.text) for h in hits])  # type: ignore[union-attr]
        for hit, s in zip(hits, scores):
            hit.score = float(s)
        return sorted(hits, key=lambda h: -h.score)

    # -- answers -------------------------------------------------------------------------------

    def answer(self, question: str, k: int = DEFAULT_ANSWER_K, filters: Filters | None = None,
               *, generator: LLMConfig | None = None) -> Answer:
        """A cited answer: a refusal, a plain 'nothing found', or sentences of the retrieved
        passages grouped by review (see :class:`reviewqa.retriever.answer.Answerer`). With a
        ``generator``, an LLM writes the answer from the same passages and is checked."""
        question = clean_question(question)
        if is_reidentification_request(question):
            return Answer(question=question, text=REFUSAL, kind="refusal")
        hits = self._search(question, k, filters, self.config)
        return self.answerer.answer(question, hits, generator=generator)


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


def group_by_review(hits: list[Hit]) -> list[dict[str, Any]]:
    """Hits grouped by review as JSON, groups in the order of their best hit:
    ``[{"review": {id, title, area, year, type}, "hits": [...]}]``."""
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.review.id, []).append(hit)
    return [{"review": group[0].to_json()["review"], "hits": [h.to_json() for h in group]}
            for group in groups.values()]


def _load_reranker(path: str | Path | None) -> Any:
    """A local cross-encoder folder, or None. Never a hub name: nothing downloads."""
    if not path:
        return None
    folder = Path(path)
    if not folder.is_dir():
        raise QueryError(f"re-ranker folder {folder} not found ({RERANKER_ENV})")
    from sentence_transformers import CrossEncoder

    return CrossEncoder(str(folder), local_files_only=True)
