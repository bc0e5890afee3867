"""Store and vectors kept in step: incremental ingest, removal, crashes, mismatches."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from reviewqa.embed.index import INDEX_FILE, MANIFEST_FILE, IndexLoadError, VectorIndex
from reviewqa.embed.pipeline import CorpusIndex, embed_text
from reviewqa.ui.cli import app

SAMEER = "bradford-2018-sameer-learning-brief.txt"
TORBAY = "torbay-2024-nspcc-repository-january.txt"


def _in_step(index: CorpusIndex) -> bool:
    return sorted(index.store.chunk_ids()) == sorted(index.vectors.ids().tolist())


def test_a_chunk_is_its_own_nearest_neighbour(retriever):
    index = retriever.index
    for chunk in index.store.chunks()[::97]:
        query = index.embedder.encode_query(embed_text(chunk))
        _scores, ids = index.vectors.search(query[None, :], 1)
        assert ids[0][0] == chunk.id


def test_ingest_remove_reingest_keeps_store_and_index_in_agreement(tmp_path, small_corpus, embedder):
    folder = tmp_path / "index"
    with CorpusIndex.open(folder, embedder=embedder) as index:
        index.ingest([small_corpus])
        assert _in_step(index)
        full = sorted(index.store.chunk_ids())
        _name, n = index.remove(SAMEER)
        assert n > 0 and _in_step(index)
        assert len(index.store.chunk_ids()) == len(full) - n
    with CorpusIndex.open(folder, embedder=embedder) as index:  # reload from disk
        assert _in_step(index) and len(index.vectors) == len(full) - n
        report = index.ingest([small_corpus])
        assert report.added == [str(small_corpus / SAMEER)] and len(report.unchanged) == 1
        assert sorted(index.store.chunk_ids()) == full and _in_step(index)


def test_unchanged_reingest_embeds_nothing(tmp_path, small_corpus, embedder):
    folder = tmp_path / "index"
    with CorpusIndex.open(folder, embedder=embedder) as index:
        index.ingest([small_corpus])
    stamp = (folder / INDEX_FILE).stat().st_mtime_ns
    with CorpusIndex.open(folder, embedder=embedder) as index:
        report = index.ingest([small_corpus])
    assert len(report.unchanged) == 2 and not report.added_chunks
    assert (folder / INDEX_FILE).stat().st_mtime_ns == stamp  # vectors not even rewritten


def test_crash_between_store_and_vector_writes_leaves_a_loadable_index(tmp_path, small_corpus, embedder):
    folder = tmp_path / "index"
    with CorpusIndex.open(folder, embedder=embedder) as index:
        index.ingest([small_corpus / TORBAY])
    saved_vectors = (folder / INDEX_FILE).read_bytes(), (folder / MANIFEST_FILE).read_bytes()
    with CorpusIndex.open(folder, embedder=embedder) as index:
        index.ingest([small_corpus / SAMEER])
    # Simulate dying after the store committed but before the new vectors were written:
    (folder / INDEX_FILE).write_bytes(saved_vectors[0])
    (folder / MANIFEST_FILE).write_bytes(saved_vectors[1])
    with CorpusIndex.open(folder, embedder=embedder) as index:  # loads, and catches up
        assert _in_step(index)
        hits = index.vectors.top_k(embedder.encode_query("Sameer's voice was not heard"), 3)
        assert {index.store.chunks([i])[0].document_id for i, _ in hits} == {
            index.store.document_by_path(str((small_corpus / SAMEER).resolve())).id}


def _build(tmp_path, small_corpus, embedder) -> Path:
    folder = tmp_path / "index"
    with CorpusIndex.open(folder, embedder=embedder) as index:
        index.ingest([small_corpus / TORBAY])
    return folder


def test_tampered_manifest_is_refused_with_a_rebuild_hint(tmp_path, small_corpus, embedder):
    folder = _build(tmp_path, small_corpus, embedder)
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    manifest["chunker_version"] = "0"
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))
    with pytest.raises(IndexLoadError, match="rebuild"):
        CorpusIndex.open(folder, embedder=embedder)


def test_a_different_model_is_refused(tmp_path, small_corpus, embedder):
    folder = _build(tmp_path, small_corpus, embedder)
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    manifest["model_checksum"] = "0" * 64
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))
    with pytest.raises(IndexLoadError, match="model"):
        CorpusIndex.open(folder, embedder=embedder)


def test_a_truncated_index_file_is_refused(tmp_path, small_corpus, embedder):
    folder = _build(tmp_path, small_corpus, embedder)
    data = (folder / INDEX_FILE).read_bytes()
    (folder / INDEX_FILE).write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexLoadError, match="rebuild"):
        CorpusIndex.open(folder, embedder=embedder)


@pytest.mark.parametrize("damage", ["overwritten", "emptied of its tables"])
def test_a_damaged_store_is_one_line_with_a_rebuild_hint(tmp_path, small_corpus, embedder,
                                                          damage):
    # "reviewqa search" and "info" printed about 30 lines of traceback ending
    # "sqlite3.DatabaseError: file is not a database"
    folder = _build(tmp_path, small_corpus, embedder)
    store = folder / "store.sqlite3"
    for extra in ("-wal", "-shm"):
        Path(f"{store}{extra}").unlink(missing_ok=True)
    data = store.read_bytes()
    store.write_bytes(b"x" * 2000 + data[2000:] if damage == "overwritten" else data[:2048])
    for command in (["info"], ["search", "neglect"]):
        result = CliRunner().invoke(app, [*command, "--index", str(folder)])
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert result.exit_code == 1 and len(lines) == 1, result.stderr
        assert lines[0].startswith(f"error: {store}: cannot open the index (")
        assert "rebuild" in lines[0] and "Traceback" not in result.output


def test_cli_reports_mismatch_in_one_line_and_rebuild_recovers(tmp_path, small_corpus, embedder):
    folder = _build(tmp_path, small_corpus, embedder)
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    manifest["model_checksum"] = "f" * 64
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))
    runner = CliRunner()
    result = runner.invoke(app, ["info", "--index", str(folder)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and "rebuild" in lines[0]
    result = runner.invoke(app, ["ingest", "--rebuild", "--index", str(folder)])
    assert result.exit_code == 0, result.output
    with CorpusIndex.open(folder, embedder=embedder) as index:
        assert _in_step(index) and len(index.vectors) > 0


def test_vectors_are_normalised_and_keyed_by_chunk_id(retriever):
    index = retriever.index
    ids = index.vectors.ids()
    assert set(ids.tolist()) == set(index.store.chunk_ids())
    sample = index.store.chunks(ids[:5].tolist())
    vectors = index.embedder.encode([embed_text(c) for c in sample])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert isinstance(index.vectors, VectorIndex)


def test_a_paraphrase_finds_its_target(retriever):
    index = retriever.index
    query = index.embedder.encode_query(
        "the little girl was killed when she dropped out of her baby seat as dad drove off")
    top = [index.store.chunks([i])[0] for i, _ in index.vectors.top_k(query, 3)]
    assert any("fell from her car seat" in c.text for c in top), [c.locator for c in top]


def test_the_vector_index_kind_can_be_chosen_and_converted(tmp_path, small_corpus, embedder):
    folder = tmp_path / "index"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(small_corpus), "--index", str(folder),
                                 "--vectors", "hnsw"])
    assert result.exit_code == 0, result.output
    assert json.loads((folder / MANIFEST_FILE).read_text())["index_kind"] == "hnsw"
    with CorpusIndex.open(folder, embedder=embedder) as index:  # "auto" keeps what is saved
        assert index.vectors.kind == "hnsw" and _in_step(index)
    result = runner.invoke(app, ["ingest", "--index", str(folder), "--vectors", "flat"])
    assert result.exit_code == 0, result.output
    assert json.loads((folder / MANIFEST_FILE).read_text())["index_kind"] == "flat"
    assert runner.invoke(app, ["ingest", "--index", str(folder), "--vectors", "ivf"]).exit_code == 2
