"""Shared fixtures: the real bundled model, and the bundled corpus indexed once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="session")
def embedder():
    """The bundled all-MiniLM-L6-v2, loaded once."""
    from reviewqa.embed.model import Embedder

    return Embedder.load()


@pytest.fixture()
def small_corpus(tmp_path) -> Path:
    """A folder with two of the bundled documents (the Sameer brief and the Torbay digest)."""
    from reviewqa.corpus.manifest import bundled_corpus_dir

    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("bradford-2018-sameer-learning-brief.txt",
                 "torbay-2024-nspcc-repository-january.txt"):
        shutil.copy(bundled_corpus_dir() / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def bundled_index_dir(tmp_path_factory, embedder) -> Path:
    """An index folder holding the bundled sample corpus (store + vectors), built once."""
    from reviewqa.embed.pipeline import CorpusIndex

    folder = tmp_path_factory.mktemp("bundled-index")
    with CorpusIndex.open(folder, embedder=embedder) as index:
        report = index.ingest_bundled()
        assert report.ok, report.failed
    return folder


@pytest.fixture(scope="session")
def retriever(bundled_index_dir, embedder):
    """A Retriever over the bundled index, shared by the read-only tests."""
    from reviewqa.embed.pipeline import CorpusIndex
    from reviewqa.retriever.search import Retriever

    r = Retriever(CorpusIndex.open(bundled_index_dir, embedder=embedder))
    yield r
    r.close()


LINKED_DOCUMENT = "bradford-2018-sameer-learning-brief.txt"
PUBLISHED_URL = "https://bradford-scp.example.org/reviews/sameer-learning-brief.pdf"


@pytest.fixture(scope="session")
def linked_index_dir(tmp_path_factory, embedder) -> Path:
    """An index of the Sameer brief ingested with a fixture manifest that records the
    published report's link (no bundled document states one)."""
    import json

    from reviewqa.corpus.manifest import bundled_corpus_dir
    from reviewqa.embed.pipeline import CorpusIndex

    folder = tmp_path_factory.mktemp("linked-docs")
    shutil.copy(bundled_corpus_dir() / LINKED_DOCUMENT, folder / LINKED_DOCUMENT)
    bundled = json.loads((bundled_corpus_dir() / "manifest.json").read_text(encoding="utf-8"))
    entry = next(d for d in bundled["documents"] if d["file"] == LINKED_DOCUMENT)
    entry["provenance"] = {**entry["provenance"], "published_url": PUBLISHED_URL}
    (folder / "manifest.json").write_text(json.dumps({"documents": [entry]}), encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("linked-index")
    with CorpusIndex.open(index_dir, embedder=embedder) as index:
        report = index.ingest([folder])
        assert report.ok, report.failed
    return index_dir
