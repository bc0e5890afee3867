"""The FAISS vector index: search, removal, persistence, and refusal of bad saved state."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace
from pathlib import Path

import faiss
import numpy as np
import pytest

from reviewqa.embed.index import (
    FORMAT_VERSION,
    INDEX_FILE,
    MANIFEST_FILE,
    THREADED_FROM,
    IndexCorruptError,
    IndexLoadError,
    IndexManifest,
    IndexMismatchError,
    IndexMissingError,
    VectorIndex,
)
from reviewqa.embed.model import Embedder

DIM = 384
THE_PAIR = [INDEX_FILE, MANIFEST_FILE]
MANIFEST = IndexManifest(
    model_name="all-MiniLM-L6-v2",
    model_checksum="a" * 64,
    dim=DIM,
    normalized=True,
    chunker_version="1",
)


def unit_vectors(n: int, seed: int = 0, dim: int = DIM) -> np.ndarray:
    """Random directions on the unit sphere (the hardest case for HNSW: no structure)."""
    rows = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def chunk_ids(n: int) -> np.ndarray:
    """Sparse, non-sequential ids, so id/position mix-ups cannot pass unnoticed."""
    return np.arange(n, dtype=np.int64) * 7 + 1000


def filled(kind: str, n: int = 600, seed: int = 0) -> tuple[VectorIndex, np.ndarray, np.ndarray]:
    index = VectorIndex.new(DIM, kind)  # type: ignore[arg-type]
    ids, vectors = chunk_ids(n), unit_vectors(n, seed)
    index.add(ids, vectors)
    return index, ids, vectors


def saved(tmp_path: Path, kind: str = "flat", seed: int = 0, name: str = "index") -> Path:
    index, _, _ = filled(kind, seed=seed)
    folder = tmp_path / name
    index.save(folder, MANIFEST)
    return folder


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_self_query_finds_its_own_id_first(kind: str) -> None:
    index, ids, vectors = filled(kind)
    assert index.kind == kind and len(index) == len(ids) and index.dim == DIM
    for row in (0, 17, 599):
        (best_id, best_score), *_ = index.top_k(vectors[row], 5)
        assert best_id == ids[row]
        assert best_score == pytest.approx(1.0, abs=1e-5)


def test_flat_search_is_exact() -> None:
    index, ids, vectors = filled("flat")
    queries = unit_vectors(5, seed=9)
    scores, found = index.search(queries, 10)
    assert scores.shape == found.shape == (5, 10)
    brute = np.argsort(-(queries @ vectors.T), axis=1)[:, :10]
    np.testing.assert_array_equal(found, ids[brute])
    np.testing.assert_allclose(scores, np.take_along_axis(queries @ vectors.T, brute, 1), atol=1e-5)


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_a_few_queries_search_on_one_thread_and_find_what_many_do(kind: str) -> None:
    index, _ids, _vectors = filled(kind)
    queries = unit_vectors(THREADED_FROM, seed=3)
    threads = faiss.omp_get_max_threads()
    together = index.search(queries, 10)  # on the thread's own OpenMP threads
    apart = [index.search(query, 10) for query in queries[:3]]  # one thread each
    for row, (scores, found) in enumerate(apart):
        np.testing.assert_array_equal(found[0], together[1][row])
        np.testing.assert_allclose(scores[0], together[0][row], atol=1e-6)
    assert faiss.omp_get_max_threads() == threads  # the caller's setting is left as it was


def test_search_is_limited_to_what_the_index_holds() -> None:
    index = VectorIndex.new(DIM)
    assert index.top_k(unit_vectors(1)[0], 5) == []
    index.add([3, 4], unit_vectors(2))
    _scores, found = index.search(unit_vectors(1, seed=1), 10)
    assert found.shape == (1, 2) and sorted(found[0].tolist()) == [3, 4]
    with pytest.raises(ValueError):
        index.search(unit_vectors(1), 0)


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_allowed_ids_restrict_the_search(kind: str) -> None:
    index, ids, vectors = filled(kind)
    allowed = ids[100:140]
    query = unit_vectors(1, seed=5)[0]
    result = [chunk_id for chunk_id, _ in index.top_k(query, 5, allowed=allowed)]
    brute = allowed[np.argsort(-(vectors[100:140] @ query))[:5]]
    assert result == brute.tolist()


def test_a_search_confined_to_a_few_ids_far_from_the_query_finds_them_all() -> None:
    # HNSW walks the graph toward the query and keeps the allowed ids it meets: confined to
    # one review's passages, far from the question in meaning, it met none of them (a named
    # review's 18 among `make bench`'s 100,000 chunks). A few ids are scored exactly.
    rng = np.random.default_rng(4)
    axis = np.zeros(DIM, dtype=np.float32)
    axis[0] = 1.0

    def around(direction: np.ndarray, n: int) -> np.ndarray:
        rows = direction + 0.3 * rng.standard_normal((n, DIM)).astype(np.float32) / np.sqrt(DIM)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    near, far = around(axis, 4000), around(-axis, 6)
    ids = chunk_ids(4006)
    index = VectorIndex.new(DIM, "hnsw")
    index.add(ids, np.vstack([near, far]))
    result = [chunk_id for chunk_id, _ in index.top_k(axis, 10, allowed=ids[4000:])]
    assert result == ids[4000:][np.argsort(-(far @ axis))].tolist()
    held_and_not = np.append(ids[4000:4002], 999_999)  # an id the index does not hold
    assert sorted(i for i, _ in index.top_k(axis, 10, allowed=held_and_not)) == ids[4000:4002].tolist()


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_remove(kind: str) -> None:
    index, ids, vectors = filled(kind)
    gone = ids[10:20]
    assert index.remove(np.append(gone, 999_999)) == 10  # an unknown id is ignored
    assert len(index) == len(ids) - 10 and index.kind == kind
    assert not np.isin(gone, index.ids()).any()
    np.testing.assert_array_equal(index.ids(), np.delete(ids, np.s_[10:20]))
    for row in range(10, 20):
        assert index.top_k(vectors[row], 1)[0][0] != ids[row]
    for row in (0, 25, 599):
        assert index.top_k(vectors[row], 1)[0][0] == ids[row]
    assert index.remove([]) == 0 and len(index) == len(ids) - 10


def test_bad_adds_are_rejected_and_change_nothing() -> None:
    index, ids, _vectors = filled("flat", n=50)
    with pytest.raises(ValueError, match="already"):
        index.add([ids[3], 5], unit_vectors(2, seed=3))
    with pytest.raises(ValueError, match="twice"):
        index.add([1, 1], unit_vectors(2, seed=3))
    with pytest.raises(ValueError, match="shape"):
        index.add([1], unit_vectors(1, seed=3, dim=128))
    with pytest.raises(ValueError, match="vectors"):
        index.add([1, 2, 3], unit_vectors(2, seed=3))
    with pytest.raises(ValueError, match="non-negative"):
        index.add([-1], unit_vectors(1, seed=3))
    nan = unit_vectors(1, seed=3)
    nan[0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        index.add([1], nan)
    assert len(index) == 50
    np.testing.assert_array_equal(index.ids(), ids)


def test_auto_turns_approximate_past_the_threshold() -> None:
    index = VectorIndex.new(DIM, "auto", threshold=300)
    ids, vectors = chunk_ids(400), unit_vectors(400)
    index.add(ids[:299], vectors[:299])
    assert index.kind == "flat"
    index.add(ids[299:], vectors[299:])
    assert index.kind == "hnsw" and len(index) == 400
    np.testing.assert_array_equal(index.ids(), ids)
    assert index.top_k(vectors[350], 1)[0][0] == ids[350]
    assert index.top_k(vectors[10], 1)[0][0] == ids[10]


def test_hnsw_recall_at_10_against_exact() -> None:
    vectors, ids = unit_vectors(3000, seed=2), chunk_ids(3000)
    flat, hnsw = VectorIndex.new(DIM, "flat"), VectorIndex.new(DIM, "hnsw")
    flat.add(ids, vectors)
    hnsw.add(ids, vectors)
    queries = unit_vectors(200, seed=3)
    _, exact = flat.search(queries, 10)
    _, approx = hnsw.search(queries, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(exact, approx, strict=True)])
    assert recall >= 0.9
    assert hnsw.memory_bytes() > flat.memory_bytes() > 3000 * DIM * 4


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_save_load_round_trip(tmp_path: Path, kind: str) -> None:
    index, ids, _ = filled(kind)
    written = index.save(tmp_path / "idx", MANIFEST)
    assert sorted(p.name for p in (tmp_path / "idx").iterdir()) == sorted(THE_PAIR)
    assert written.count == len(ids) and written.index_kind == kind
    assert written.index_bytes == (tmp_path / "idx" / INDEX_FILE).stat().st_size

    loaded, manifest = VectorIndex.load(tmp_path / "idx", expected=MANIFEST)
    assert manifest == written
    assert loaded.kind == kind and loaded.dim == DIM
    np.testing.assert_array_equal(loaded.ids(), ids)
    queries = unit_vectors(20, seed=4)
    before, after = index.search(queries, 10), loaded.search(queries, 10)
    np.testing.assert_array_equal(after[1], before[1])
    np.testing.assert_allclose(after[0], before[0], atol=1e-6)


def test_saving_again_replaces_the_pair_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    index, ids, _ = filled("flat")
    folder = tmp_path / "idx"
    index.save(folder, MANIFEST)
    index.remove(ids[:100])
    index.save(folder, replace(MANIFEST, chunker_version="2"))
    assert sorted(p.name for p in folder.iterdir()) == sorted(THE_PAIR)
    loaded, manifest = VectorIndex.load(folder)
    assert len(loaded) == manifest.count == 500 and manifest.chunker_version == "2"


def test_load_can_change_the_structure(tmp_path: Path) -> None:
    folder = saved(tmp_path, kind="hnsw")
    loaded, manifest = VectorIndex.load(folder, kind="flat")
    assert manifest.index_kind == "hnsw" and loaded.kind == "flat" and len(loaded) == 600


def test_save_refuses_a_manifest_of_another_dimension(tmp_path: Path) -> None:
    index, _, _ = filled("flat", n=10)
    with pytest.raises(ValueError, match="dimensions"):
        index.save(tmp_path / "idx", replace(MANIFEST, dim=768))
    assert not (tmp_path / "idx" / INDEX_FILE).exists()


def test_manifest_json_round_trip_and_type_checks() -> None:
    full = replace(MANIFEST, count=3, index_sha256="b" * 64, index_bytes=10)
    assert IndexManifest.from_json(full.to_json()) == full
    data = json.loads(full.to_json())
    for field, bad in [("dim", "384"), ("normalized", 1), ("count", -1), ("count", True)]:
        with pytest.raises(IndexCorruptError, match=field):
            IndexManifest.from_json(json.dumps({**data, field: bad}))
    del data["model_checksum"]
    with pytest.raises(IndexCorruptError, match="model_checksum"):
        IndexManifest.from_json(json.dumps(data))
    with pytest.raises(IndexLoadError, match="newer") as caught:
        IndexManifest.from_json(json.dumps({**data, "format_version": FORMAT_VERSION + 1}))
    assert not isinstance(caught.value, IndexCorruptError)


# --- refusal of bad saved state: every error is one line that says what to do ------------


def load_error(folder: Path, expected: IndexManifest | None = MANIFEST) -> IndexLoadError:
    with pytest.raises(IndexLoadError) as caught:
        VectorIndex.load(folder, expected=expected)
    message = str(caught.value)
    assert "\n" not in message
    assert "reviewqa ingest" in message
    return caught.value


def edit_manifest(folder: Path, **changes: object) -> None:
    path = folder / MANIFEST_FILE
    path.write_text(json.dumps({**json.loads(path.read_text()), **changes}), encoding="utf-8")


def test_tampered_count_is_refused(tmp_path: Path) -> None:
    folder = saved(tmp_path)
    edit_manifest(folder, count=599)
    error = load_error(folder)
    assert isinstance(error, IndexCorruptError) and "599" in str(error)


def test_tampered_kind_is_refused(tmp_path: Path) -> None:
    folder = saved(tmp_path)
    edit_manifest(folder, index_kind="hnsw")
    assert isinstance(load_error(folder), IndexCorruptError)


def test_malformed_manifest_is_refused(tmp_path: Path) -> None:
    folder = saved(tmp_path)
    (folder / MANIFEST_FILE).write_text('{"model_name": "all-MiniLM', encoding="utf-8")
    error = load_error(folder)
    assert isinstance(error, IndexCorruptError) and MANIFEST_FILE in str(error)
    (folder / MANIFEST_FILE).write_text("[1, 2]", encoding="utf-8")
    assert isinstance(load_error(folder), IndexCorruptError)


def test_another_model_is_refused(tmp_path: Path) -> None:
    folder = saved(tmp_path)
    configured = replace(MANIFEST, model_checksum="c" * 64)
    error = load_error(folder, expected=configured)
    assert isinstance(error, IndexMismatchError)
    assert "aaaaaaaaaaaa" in str(error) and "cccccccccccc" in str(error)
    renamed = replace(MANIFEST, model_name="all-mpnet-base-v2")
    assert "all-mpnet-base-v2" in str(load_error(folder, expected=renamed))
    VectorIndex.load(folder, expected=None)  # without expectations the index is sound


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"dim": 768}, "768"),
        ({"chunker_version": "2"}, "chunker version"),
        ({"normalized": False}, "normalised"),
    ],
)
def test_other_configuration_is_refused(tmp_path: Path, change: dict, words: str) -> None:
    folder = saved(tmp_path)
    error = load_error(folder, expected=replace(MANIFEST, **change))
    assert isinstance(error, IndexMismatchError) and words in str(error)


def test_truncated_index_file_is_refused(tmp_path: Path) -> None:
    folder = saved(tmp_path)
    data = (folder / INDEX_FILE).read_bytes()
    (folder / INDEX_FILE).write_bytes(data[: len(data) // 2])
    error = load_error(folder)
    assert isinstance(error, IndexCorruptError) and "truncated" in str(error)


def test_torn_pair_after_an_interrupted_save_is_refused(tmp_path: Path) -> None:
    old = saved(tmp_path, seed=0, name="old")
    new = saved(tmp_path, seed=1, name="new")  # same count, so the same size, other vectors
    assert (old / INDEX_FILE).stat().st_size == (new / INDEX_FILE).stat().st_size
    shutil.copyfile(new / INDEX_FILE, old / INDEX_FILE)  # new index renamed in, old manifest kept
    error = load_error(old)
    assert isinstance(error, IndexCorruptError) and "sha256" in str(error)


@pytest.mark.parametrize("missing", [INDEX_FILE, MANIFEST_FILE])
def test_missing_file_is_reported_as_missing(tmp_path: Path, missing: str) -> None:
    folder = saved(tmp_path)
    (folder / missing).unlink()
    error = load_error(folder)
    assert isinstance(error, IndexMissingError) and missing in str(error)


def test_missing_directory_is_reported_as_missing(tmp_path: Path) -> None:
    assert isinstance(load_error(tmp_path / "never-built"), IndexMissingError)


def test_top_k_drops_the_slots_faiss_cannot_fill() -> None:
    vectors = unit_vectors(3)
    index = VectorIndex.new(DIM, kind="flat")
    index.add(np.array([7, 3, 5], dtype=np.int64), vectors)
    found = index.top_k(vectors[0], 5, allowed=[7, 3])  # 5 asked, 2 allowed: 3 slots hold -1
    assert sorted(i for i, _ in found) == [3, 7]
    assert found[0] == (7, pytest.approx(1.0, abs=1e-5))


def test_real_model_vectors_find_the_matching_passage() -> None:
    embedder = Embedder.load(device="cpu")
    passages = [
        "The GP did not know that the family had moved and the child was missing from education.",
        "Police attended several domestic abuse incidents but children's social care was not told.",
        "The baby died while co-sleeping with a parent who had been drinking.",
        "Staff at the school noticed the child was often hungry and had unexplained bruises.",
    ]
    index = VectorIndex.new(embedder.dim)
    index.add([11, 22, 33, 44], embedder.encode(passages))
    query = embedder.encode_query("Which reviews involve an infant dying in the parents' bed?")
    assert index.top_k(query, 1)[0][0] == 33
    query = embedder.encode_query("police did not share domestic violence call-outs")
    assert index.top_k(query, 1)[0][0] == 22


def l2_index_bytes() -> bytes:
    """A sound FAISS file of the wrong kind: Euclidean distance, not inner product."""
    index = faiss.IndexIDMap2(faiss.IndexFlatL2(DIM))
    index.add_with_ids(unit_vectors(600), chunk_ids(600))
    return faiss.serialize_index(index).tobytes()


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"not a faiss index at all", "not a readable"), (None, "inner-product")],
)
def test_a_foreign_file_with_a_matching_manifest_is_refused(
    tmp_path: Path, content: bytes | None, words: str
) -> None:
    folder = saved(tmp_path)
    data = content if content is not None else l2_index_bytes()
    (folder / INDEX_FILE).write_bytes(data)
    edit_manifest(folder, index_sha256=hashlib.sha256(data).hexdigest(), index_bytes=len(data))
    error = load_error(folder)
    assert isinstance(error, IndexCorruptError) and words in str(error)


# -- sentence vectors: saved, checked, memory-mapped --------------------------------------------


def _sentence_vectors(n_chunks: int = 30, per_chunk: int = 4):
    from reviewqa.corpus.text import Span
    from reviewqa.embed.sentences import SentenceVectors

    ids = chunk_ids(n_chunks).tolist()
    spans = [[Span(f"sentence {j} of chunk {cid}", 10 * j, 10 * j + 9) for j in range(per_chunk)]
             for cid in ids]
    vectors = unit_vectors(n_chunks * per_chunk, seed=5)
    out = SentenceVectors(DIM)
    out.add(ids, spans, vectors)
    return out, ids, vectors


def test_sentence_vectors_load_memory_mapped_and_score_as_saved(tmp_path):
    from reviewqa.corpus.text import Span
    from reviewqa.embed.sentences import MMAP_MODE, SentenceVectors

    saved, ids, vectors = _sentence_vectors()
    saved.save(tmp_path, "model-a")
    loaded = SentenceVectors.load(tmp_path, DIM, "model-a")
    assert loaded is not None and len(loaded) == len(saved) and loaded.chunk_ids() == set(ids)
    if MMAP_MODE:  # read from the file as needed, never written through
        assert isinstance(loaded.vectors, np.memmap) and not loaded.vectors.flags.writeable
    query = unit_vectors(1, seed=9)[0]
    assert loaded.best(query, ids) == saved.best(query, ids)
    assert loaded.best(query, [ids[3]])[ids[3]] == pytest.approx(float(np.max(vectors[12:16] @ query)))
    # A change works on a copy, and saving it over the mapped files is read back whole.
    loaded.remove(ids[:10])
    loaded.add([1], [[Span("a new chunk's one sentence", 0, 26)]], vectors[:1])
    loaded.save(tmp_path, "model-a")
    again = SentenceVectors.load(tmp_path, DIM, "model-a")
    assert again is not None and again.chunk_ids() == set(ids[10:]) | {1}
    assert SentenceVectors.load(tmp_path, DIM, "model-b") is None  # another model's


def test_torn_or_altered_sentence_files_are_ignored(tmp_path):
    from reviewqa.embed.sentences import SPANS_FILE, VECTORS_FILE, SentenceVectors

    saved, _, _ = _sentence_vectors()
    saved.save(tmp_path, "model-a")
    data = (tmp_path / VECTORS_FILE).read_bytes()
    (tmp_path / VECTORS_FILE).write_bytes(data[:-8])  # torn
    assert SentenceVectors.load(tmp_path, DIM, "model-a") is None
    saved.save(tmp_path, "model-a")
    spans = bytearray((tmp_path / SPANS_FILE).read_bytes())
    spans[-1] ^= 1  # one bit changed: the checksum tells
    (tmp_path / SPANS_FILE).write_bytes(bytes(spans))
    assert SentenceVectors.load(tmp_path, DIM, "model-a") is None
    (tmp_path / SPANS_FILE).unlink()
    assert SentenceVectors.load(tmp_path, DIM, "model-a") is None
