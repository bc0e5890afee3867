"""The FAISS vector index: unit vectors keyed by chunk id, persisted beside a manifest.

Inner product on L2-normalised vectors is cosine similarity. The index is exact
(``IndexFlatIP``) until it holds ``APPROX_THRESHOLD`` vectors, then approximate
(``IndexHNSWFlat``); both sit inside ``IndexIDMap2`` so results carry chunk ids.

On disk a directory holds two files, written atomically, index first:

- ``vectors.faiss`` -- ``faiss.write_index`` output (no pickle);
- ``vectors.json`` -- an :class:`IndexManifest` that records what built the vectors and
  the sha256 and size of ``vectors.faiss``, so that a torn pair (a crash between the two
  renames), a truncated or edited index file, or an index built by another model or
  chunker is refused on load with a one-line message that says what to do.

Thread safety: concurrent :meth:`VectorIndex.search` calls are safe; ``add``/``remove``
must not run alongside anything else.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any, BinaryIO, Literal, cast

import faiss
import numpy as np

from .files import atomic_file

Kind = Literal["flat", "hnsw", "auto"]

INDEX_FILE = "vectors.faiss"
MANIFEST_FILE = "vectors.json"
FORMAT_VERSION = 1
APPROX_THRESHOLD = 100_000
"""Vector count from which ``kind="auto"`` switches to HNSW. Below it an exact scan costs
tens of milliseconds per query at most (about 50 ms at 100k on 2 CPU cores) and is exact;
beyond it the scan grows linearly while HNSW stays near-constant."""

# HNSW parameters. M=32 links per node suits 384-dim sentence embeddings (M=16 loses
# recall in high dimensions; 64 doubles link memory for little gain). efConstruction=200
# builds a good graph at a one-off cost. efSearch=256: on `make bench`'s 100,000-chunk
# corpus (the sample's chunk vectors plus noise: many near-duplicates) 128 found 0.89 of the
# exact top 10 and 0.85 of the top 120 the retriever asks for; 256 finds 1.0 and 0.98, for
# about a millisecond more. Uniformly random 384-dim vectors are HNSW's worst case (0.35 at
# 100k), which real sentence embeddings, with far lower intrinsic dimension, are not. FAISS
# raises efSearch to k when k is larger.
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 200
HNSW_EF_SEARCH = 256

EXACT_AMONG_MAX = 2_000
"""An HNSW search confined to this many ids or fewer scores them exactly instead. HNSW walks
the whole graph and keeps the allowed ids it meets, so a search confined to a few of
100,000 chunks (a named review's 18) met none of them; on `make bench`'s 100,000-chunk
corpus it found 0.23 of the exact top 10 among 100 random allowed ids, 0.72 among 1,000,
0.97 among 2,000, where scoring 2,000 exactly takes a few milliseconds."""

THREADED_FROM = 32
"""A search of fewer queries than this (a question's: its own, its themes', its story's
sentences) runs on one OpenMP thread. FAISS shares its work among queries, so one query
gains nothing from more threads, yet waking them, between the ONNX encoder's runs on the
same two cores, cost more than the search: on `make bench`'s sample corpus warm search p50
fell from about 18 to 12 ms with one thread, and at 100,000 chunks from 63 to 41 ms."""

REBUILD_HINT = "rebuild with `reviewqa ingest --rebuild`"


class IndexLoadError(Exception):
    """The saved index cannot be used; ``str(err)`` is one line that says what to do."""


class IndexMissingError(IndexLoadError):
    """No saved index (or half of one) in the directory: build one."""


class IndexCorruptError(IndexLoadError):
    """The files are damaged, truncated, edited, or do not belong together."""


class IndexMismatchError(IndexLoadError):
    """The index is sound but was built by another model, chunker or configuration."""


@dataclass(frozen=True)
class IndexManifest:
    """What built the vectors, and a fingerprint of the index file they are saved in.

    The caller fills the first five fields; :meth:`VectorIndex.save` fills ``count``,
    ``index_kind``, ``index_sha256`` and ``index_bytes`` from what it writes.
    """

    model_name: str
    model_checksum: str
    dim: int
    normalized: bool
    chunker_version: str
    count: int = 0
    index_kind: str = "flat"
    index_sha256: str = ""
    index_bytes: int = 0
    format_version: int = FORMAT_VERSION

    def to_json(self) -> str:
        """The manifest as pretty JSON text, one field per line so a person can read it."""
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str, source: str = MANIFEST_FILE) -> IndexManifest:
        """Parse and type-check a manifest; anything malformed raises :class:`IndexCorruptError`."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise IndexCorruptError(f"{source} is not valid JSON ({err}): {REBUILD_HINT}") from err
        if not isinstance(data, dict):
            raise IndexCorruptError(f"{source} is not a JSON object: {REBUILD_HINT}")
        version = data.get("format_version")
        if isinstance(version, int) and version > FORMAT_VERSION:
            raise IndexLoadError(
                f"{source} has format {version}, newer than this reviewqa understands "
                f"({FORMAT_VERSION}): upgrade reviewqa or {REBUILD_HINT}"
            )
        values: dict[str, Any] = {}  # each value type-checked by _checked
        for spec in fields(cls):
            if spec.name not in data:
                raise IndexCorruptError(f"{source} lacks field {spec.name!r}: {REBUILD_HINT}")
            values[spec.name] = _checked(data[spec.name], spec.name, source)
        return cls(**values)

    def require_compatible(self, expected: IndexManifest) -> None:
        """Refuse an index built by a different model, vector size, or chunker version."""
        if (self.model_name, self.model_checksum) != (expected.model_name, expected.model_checksum):
            raise IndexMismatchError(
                f"index was built with model {self.model_name} "
                f"(sha256 {self.model_checksum[:12]}); "
                f"the configured model is {expected.model_name} "
                f"(sha256 {expected.model_checksum[:12]}): {REBUILD_HINT}"
            )
        if self.dim != expected.dim:
            raise IndexMismatchError(
                f"index holds {self.dim}-dim vectors; the configured model makes "
                f"{expected.dim}-dim ones: {REBUILD_HINT}"
            )
        if self.normalized != expected.normalized:
            raise IndexMismatchError(
                f"index vectors are {'' if self.normalized else 'not '}normalised, unlike what "
                f"is configured: {REBUILD_HINT}"
            )
        if self.chunker_version != expected.chunker_version:
            raise IndexMismatchError(
                f"index was built from chunker version {self.chunker_version}; this reviewqa "
                f"chunks with version {expected.chunker_version}: {REBUILD_HINT}"
            )


_FIELD_TYPES: dict[str, type] = {
    "model_name": str,
    "model_checksum": str,
    "dim": int,
    "normalized": bool,
    "chunker_version": str,
    "count": int,
    "index_kind": str,
    "index_sha256": str,
    "index_bytes": int,
    "format_version": int,
}


@contextmanager
def _one_thread_if(one: bool) -> Iterator[None]:
    """FAISS on one OpenMP thread within, where ``one`` (see THREADED_FROM). The setting is
    the calling thread's own, so concurrent searches do not disturb each other."""
    if not one:
        yield
        return
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def _checked(value: object, name: str, source: str) -> object:
    """Return ``value`` if it has the field's JSON type (a bool is not an int here)."""
    wanted = _FIELD_TYPES[name]
    if type(value) is not wanted or (isinstance(value, int) and value < 0):
        raise IndexCorruptError(
            f"{source} field {name!r} is {value!r}, not a valid {wanted.__name__}: {REBUILD_HINT}"
        )
    return value


class VectorIndex:
    """Unit vectors keyed by int64 chunk ids, searched by inner product (cosine)."""

    def __init__(self, index: faiss.IndexIDMap2, policy: Kind, threshold: int) -> None:
        """Wrap a FAISS ``IndexIDMap2``; use :meth:`new` or :meth:`load` instead."""
        self._index = index
        self._policy = policy
        self._threshold = threshold

    @classmethod
    def new(
        cls, dim: int, kind: Kind = "auto", *, threshold: int = APPROX_THRESHOLD
    ) -> VectorIndex:
        """An empty index. ``"auto"`` starts exact and turns HNSW once it holds ``threshold``."""
        if dim <= 0:
            raise ValueError(f"dimension must be positive, not {dim}")
        if kind not in ("flat", "hnsw", "auto"):
            raise ValueError(f"index kind must be 'flat', 'hnsw' or 'auto', not {kind!r}")
        return cls(_empty(dim, "hnsw" if kind == "hnsw" else "flat"), kind, threshold)

    @property
    def dim(self) -> int:
        """Length of each vector."""
        return int(self._index.d)

    @property
    def kind(self) -> str:
        """The structure in use now: ``"flat"`` (exact) or ``"hnsw"`` (approximate)."""
        return _kind_of(self._index)

    def __len__(self) -> int:
        """Number of vectors held."""
        return int(self._index.ntotal)

    def ids(self) -> np.ndarray:
        """The chunk ids held, as int64, in insertion order."""
        return faiss.vector_to_array(self._index.id_map).astype(np.int64, copy=True)

    def add(self, ids: Sequence[int] | np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors under new chunk ids; an id already present or repeated is a ValueError."""
        keys = _as_ids(ids)
        rows = self._as_vectors(vectors)
        if len(keys) != len(rows):
            raise ValueError(f"{len(keys)} ids for {len(rows)} vectors")
        if len(np.unique(keys)) != len(keys):
            raise ValueError("the same id appears twice in one add")
        present = keys[np.isin(keys, self.ids())]
        if len(present):
            raise ValueError(f"ids already in the index: {present[:5].tolist()}")
        if len(keys) == 0:
            return
        self._index.add_with_ids(rows, keys)
        if self._policy == "auto" and self.kind == "flat" and len(self) >= self._threshold:
            self._rebuild("hnsw", keep=np.ones(len(self), dtype=bool))

    def remove(self, ids: Sequence[int] | np.ndarray) -> int:
        """Remove these ids (unknown ones are ignored) and return how many went.

        A flat index removes in place. HNSW cannot unlink graph nodes, so its index is
        rebuilt from the remaining vectors (read back with ``reconstruct_n``), which at
        100k vectors takes from seconds to minutes: remove in one batch per ingest.
        """
        keys = _as_ids(ids)
        if self.kind == "flat":
            return int(self._index.remove_ids(faiss.IDSelectorBatch(keys)))
        keep = ~np.isin(self.ids(), keys)
        removed = int(len(keep) - keep.sum())
        if removed:
            self._rebuild("hnsw", keep=keep)
        return removed

    def search(
        self,
        query_vectors: np.ndarray,
        k: int,
        *,
        allowed: Sequence[int] | np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` nearest ids per query, best first: ``(scores, ids)``, each ``(n, k')``.

        ``k' = min(k, len(self))``. A one-dim query is treated as one row. ``allowed``
        restricts results to those ids (for filters), inside the index so that ``k`` are
        still found; an HNSW search confined to EXACT_AMONG_MAX ids or fewer scores them
        exactly. Slots that cannot be filled (HNSW, or fewer allowed ids than ``k``) hold id
        -1; :meth:`top_k` drops them.
        """
        if k <= 0:
            raise ValueError(f"k must be positive, not {k}")
        queries = self._as_vectors(np.atleast_2d(query_vectors))
        width = min(k, len(self))
        if width == 0:
            return np.empty((len(queries), 0), np.float32), np.empty((len(queries), 0), np.int64)
        keys = _as_ids(allowed) if allowed is not None else None
        if keys is not None and self.kind == "hnsw" and len(keys) <= EXACT_AMONG_MAX:
            return self._exact_among(queries, width, keys)
        selector = faiss.IDSelectorBatch(keys) if keys is not None else None
        with _one_thread_if(len(queries) < THREADED_FROM):
            scores, found = self._index.search(queries, width, params=self._params(selector))
        return scores, found

    def _exact_among(self, queries: np.ndarray, width: int,
                     keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`search` among ``keys`` by scoring each of their vectors (ids not held are
        left out)."""
        keys = np.unique(keys)
        try:
            vectors = self._index.reconstruct_batch(keys) if len(keys) else None
        except RuntimeError:  # an id the index does not hold
            keys = keys[np.isin(keys, self.ids())]
            vectors = self._index.reconstruct_batch(keys) if len(keys) else None
        scores = np.full((len(queries), width), -np.inf, dtype=np.float32)
        found = np.full((len(queries), width), -1, dtype=np.int64)
        if vectors is None:
            return scores, found
        all_scores = queries @ vectors.T
        take = min(width, len(keys))
        order = np.argsort(-all_scores, axis=1, kind="stable")[:, :take]
        scores[:, :take] = np.take_along_axis(all_scores, order, axis=1)
        found[:, :take] = keys[order]
        return scores, found

    def top_k(
        self, query_vector: np.ndarray, k: int, *, allowed: Sequence[int] | np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """One query's ``(chunk_id, score)`` pairs, best first, with empty slots dropped."""
        scores, found = self.search(query_vector, k, allowed=allowed)
        return [(int(i), float(s)) for s, i in zip(scores[0], found[0], strict=True) if i != -1]

    def memory_bytes(self) -> int:
        """Approximate RAM held: vectors, id maps (~40 bytes per id in the reverse hash map),
        and for HNSW its neighbour lists, offsets and levels."""
        total = len(self) * (self.dim * 4 + 8 + 40)
        if self.kind == "hnsw":
            graph = cast(faiss.IndexHNSW, faiss.downcast_index(self._index.index)).hnsw
            # faiss's bundled __init__.pyi omits HNSW.neighbors and .offsets (present at runtime)
            links = graph.neighbors.size() * 4 + graph.offsets.size() * 8  # type: ignore[attr-defined]
            total += links + graph.levels.size() * 4
        return total

    def save(self, directory: Path | str, manifest: IndexManifest) -> IndexManifest:
        """Write ``vectors.faiss`` then ``vectors.json`` atomically; return the manifest written.

        Each file goes to a temporary name in ``directory``, is flushed and fsynced, then
        renamed over the old one, and the directory is fsynced: a crash leaves either the old
        file or the new one, and a crash between the two renames leaves a pair whose
        sha256 disagrees, which :meth:`load` refuses.
        """
        if manifest.dim != self.dim:
            raise ValueError(f"manifest says {manifest.dim} dimensions; the index has {self.dim}")
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        with atomic_file(folder / INDEX_FILE) as handle:
            sha256, size = _write_index(self._index, handle)
        written = replace(
            manifest,
            count=len(self),
            index_kind=self.kind,
            index_sha256=sha256,
            index_bytes=size,
            format_version=FORMAT_VERSION,
        )
        with atomic_file(folder / MANIFEST_FILE) as handle:
            handle.write(written.to_json().encode("utf-8"))
        return written

    @classmethod
    def load(
        cls,
        directory: Path | str,
        expected: IndexManifest | None = None,
        *,
        kind: Kind = "auto",
        threshold: int = APPROX_THRESHOLD,
    ) -> tuple[VectorIndex, IndexManifest]:
        """Read and verify a saved index; ``kind`` governs growth from here on.

        Raises :class:`IndexMissingError` when either file is absent,
        :class:`IndexCorruptError` when they are damaged or do not match each other, and
        :class:`IndexMismatchError` when ``expected`` names another model or chunker.
        An explicit ``kind`` other than the saved structure converts the index.
        """
        folder = Path(directory)
        manifest = IndexManifest.from_json(_read(folder, MANIFEST_FILE).decode("utf-8", "replace"))
        data = _read(folder, INDEX_FILE)
        _verify_bytes(data, manifest, folder / INDEX_FILE)
        index = _deserialize(data, folder / INDEX_FILE)
        _verify_structure(index, manifest, folder)
        if expected is not None:
            manifest.require_compatible(expected)
        loaded = cls(index, kind, threshold)
        if kind in ("flat", "hnsw") and loaded.kind != kind:
            loaded._rebuild(kind, keep=np.ones(len(loaded), dtype=bool))
        return loaded, manifest

    def _params(self, selector: faiss.IDSelector | None) -> faiss.SearchParameters | None:
        """Per-call search parameters: HNSW's efSearch, and the allowed-id selector if any."""
        if self.kind == "hnsw":
            # faiss's bundled __init__.pyi omits SearchParametersHNSW (present at runtime)
            params = faiss.SearchParametersHNSW(efSearch=HNSW_EF_SEARCH)  # type: ignore[attr-defined]
        elif selector is not None:
            params = faiss.SearchParameters()
        else:
            return None
        if selector is not None:
            params.sel = selector
        return params

    def _rebuild(self, kind: str, keep: np.ndarray) -> None:
        """Replace the index by one of ``kind`` holding the rows selected by ``keep``."""
        vectors = faiss.downcast_index(self._index.index).reconstruct_n(0, len(self))
        ids = self.ids()
        fresh = _empty(self.dim, kind)
        if keep.any():
            fresh.add_with_ids(np.ascontiguousarray(vectors[keep]), ids[keep])
        self._index = fresh

    def _as_vectors(self, vectors: np.ndarray) -> np.ndarray:
        """Check shape and finiteness; return C-contiguous float32 rows for FAISS."""
        rows = np.asarray(vectors, dtype=np.float32)
        if rows.ndim != 2 or rows.shape[1] != self.dim:
            raise ValueError(f"vectors must have shape (n, {self.dim}), not {rows.shape}")
        if not np.isfinite(rows).all():
            raise ValueError("vectors contain NaN or infinity")
        return np.ascontiguousarray(rows)


def _empty(dim: int, kind: str) -> faiss.IndexIDMap2:
    """A new empty id-mapped inner-product index of the given structure."""
    inner: faiss.Index
    if kind == "hnsw":
        hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        hnsw.hnsw.efSearch = HNSW_EF_SEARCH
        inner = hnsw
    else:
        inner = faiss.IndexFlatIP(dim)
    return faiss.IndexIDMap2(inner)  # FAISS's wrapper keeps `inner` alive with the map


def _kind_of(index: faiss.IndexIDMap2) -> str:
    """``"flat"`` or ``"hnsw"`` for our two structures, ``""`` for anything else."""
    inner = faiss.downcast_index(index.index)
    if isinstance(inner, faiss.IndexHNSWFlat):
        return "hnsw"
    if isinstance(inner, faiss.IndexFlatIP):
        return "flat"
    return ""


def _as_ids(ids: Sequence[int] | np.ndarray) -> np.ndarray:
    """Validate chunk ids as a 1-D int64 array of non-negative values (-1 means "none")."""
    keys = np.asarray(ids)
    if keys.ndim != 1 or (len(keys) and not np.issubdtype(keys.dtype, np.integer)):
        raise ValueError("ids must be a flat sequence of integers")
    keys = keys.astype(np.int64)
    if len(keys) and keys.min() < 0:
        raise ValueError("ids must be non-negative")
    return np.ascontiguousarray(keys)


def _write_index(index: faiss.Index, handle: BinaryIO) -> tuple[str, int]:
    """Stream ``faiss.write_index`` output into ``handle``; return its sha256 and size."""
    digest = hashlib.sha256()
    size = 0

    def write_chunk(chunk: bytes) -> None:
        nonlocal size
        digest.update(chunk)
        size += len(chunk)
        handle.write(chunk)

    # faiss's bundled __init__.pyi omits PyCallbackIOWriter (present at runtime)
    faiss.write_index(index, faiss.PyCallbackIOWriter(write_chunk))  # type: ignore[attr-defined]
    return digest.hexdigest(), size


def _read(folder: Path, name: str) -> bytes:
    """A file's bytes, or :class:`IndexMissingError` naming what is absent."""
    try:
        return (folder / name).read_bytes()
    except FileNotFoundError as err:
        raise IndexMissingError(
            f"no vector index in {folder} ({name} is missing): build it with `reviewqa ingest`"
        ) from err


def _verify_bytes(data: bytes, manifest: IndexManifest, path: Path) -> None:
    """Check the index file is whole and is the one the manifest was written with."""
    if len(data) != manifest.index_bytes:
        raise IndexCorruptError(
            f"{path} has {len(data)} bytes but its manifest records {manifest.index_bytes} "
            f"(truncated, or a save was interrupted): {REBUILD_HINT}"
        )
    if hashlib.sha256(data).hexdigest() != manifest.index_sha256:
        raise IndexCorruptError(
            f"{path} does not match the sha256 in {MANIFEST_FILE} "
            f"(edited, damaged, or a save was interrupted): {REBUILD_HINT}"
        )


def _deserialize(data: bytes, path: Path) -> faiss.IndexIDMap2:
    """Parse FAISS bytes (already verified) into an ``IndexIDMap2``."""
    try:
        index = faiss.deserialize_index(np.frombuffer(data, dtype=np.uint8))
    except RuntimeError as err:
        raise IndexCorruptError(f"{path} is not a readable FAISS index: {REBUILD_HINT}") from err
    if not isinstance(index, faiss.IndexIDMap2):
        raise IndexCorruptError(f"{path} is not an id-mapped FAISS index: {REBUILD_HINT}")
    return index


def _verify_structure(index: faiss.IndexIDMap2, manifest: IndexManifest, folder: Path) -> None:
    """Check the index agrees with its manifest: metric, structure, dimension and count."""
    problems = []
    kind = _kind_of(index)
    if index.metric_type != faiss.METRIC_INNER_PRODUCT or not kind:
        problems.append("it is not an inner-product flat or HNSW index")
    elif kind != manifest.index_kind:
        problems.append(f"it is {kind}, the manifest says {manifest.index_kind}")
    if index.d != manifest.dim:
        problems.append(f"it has {index.d} dimensions, the manifest says {manifest.dim}")
    if index.ntotal != manifest.count:
        problems.append(f"it holds {index.ntotal} vectors, the manifest says {manifest.count}")
    if problems:
        raise IndexCorruptError(
            f"{folder / INDEX_FILE} disagrees with {MANIFEST_FILE}: {'; '.join(problems)}: "
            f"{REBUILD_HINT}"
        )
