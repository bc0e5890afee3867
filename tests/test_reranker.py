"""The re-ranker hook: a local cross-encoder folder re-scores the fused candidates.

No cross-encoder with packaged weights exists on the registries, so the test makes one from
the bundled MiniLM (its classification head freshly initialised, seeded): its scores mean
nothing, which is the point: the order must follow them exactly, whatever they are."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reviewqa.corpus.types import QueryError
from reviewqa.embed.model import bundled_model_path
from reviewqa.embed.pipeline import CorpusIndex
from reviewqa.retriever.search import Retriever


@pytest.fixture(scope="module")
def cross_encoder_dir(tmp_path_factory):
    import torch
    from sentence_transformers import CrossEncoder

    torch.manual_seed(0)
    folder = tmp_path_factory.mktemp("cross-encoder")
    CrossEncoder(str(bundled_model_path()), num_labels=1, local_files_only=True).save(str(folder))
    return folder


def test_the_reranker_orders_the_top_candidates_by_its_own_scores(bundled_index_dir, embedder,
                                                                   cross_encoder_dir):
    reranked = Retriever(CorpusIndex.open(bundled_index_dir, embedder=embedder),
                         reranker_path=cross_encoder_dir)
    try:
        question = "what went wrong with escalation?"
        plain = reranked.search(question, k=10, config=replace(reranked.config, rerank=False))
        hits = reranked.search(question, k=10)
        scores = reranked.reranker.predict([(question, h.chunk.text) for h in hits])
        assert [h.score for h in hits] == pytest.approx([float(s) for s in scores], abs=1e-5)
        assert all(a.score >= b.score for a, b in zip(hits, hits[1:], strict=False))
        assert [h.chunk.id for h in hits] != [h.chunk.id for h in plain]  # it changed the order
    finally:
        reranked.close()


def test_a_missing_reranker_folder_is_a_one_line_error(bundled_index_dir, embedder, tmp_path):
    index = CorpusIndex.open(bundled_index_dir, embedder=embedder)
    try:
        with pytest.raises(QueryError, match=r"re-ranker folder .* not found"):
            Retriever(index, reranker_path=tmp_path / "nowhere")
    finally:
        index.close()
