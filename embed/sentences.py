"""Sentence vectors: every passage's sentences embedded on their own, kept beside the chunk
vectors, so that a passage whose one relevant sentence is drowned in a long digest entry
still scores, and an answer can pick its sentences by meaning without encoding anything at
question time.

On disk, in the index folder, written atomically (each file to a temporary name, then
renamed), the manifest last:

- ``sentences.npy``: float32, one unit vector per sentence;
- ``sentence_spans.npy``: int64, one row per sentence: chunk id, start, end (offsets into
  the document's cleaned text, as every quote's);
- ``sentences.json``: the model checksum, the count, and the sha256 of both files.

Loading checks the manifest (each file's sha256 read in blocks); anything missing, torn or
from another model is ignored and the caller rebuilds the vectors from the store (see
:meth:`CorpusIndex.sync`). The arrays are memory-mapped, read-only: a search reads only its
candidates' rows, so a large corpus's sentence vectors (1.5 GB at 100,000 chunks) cost page
cache, not process memory; a change makes an in-memory copy (on Windows they are read
whole, see ``MMAP_MODE``). Nothing is pickled (``numpy.load(allow_pickle=False)``).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from reviewqa.corpus.text import Span, sentences

from .files import write_atomic

VECTORS_FILE = "sentences.npy"
SPANS_FILE = "sentence_spans.npy"
MANIFEST_FILE = "sentences.json"
MIN_WORDS = 3  # shorter pieces (numbers, "See below.") carry no meaning of their own
# Memory-mapped where a mapped file can still be replaced (POSIX): on Windows an ingest could
# not swap in new files while a server holds the old ones mapped, so there they are read.
MMAP_MODE: Literal["r"] | None = "r" if os.name == "posix" else None


@dataclass(frozen=True)
class SentenceScore:
    """A sentence of a passage and its cosine similarity with the question."""

    span: Span
    score: float


def passage_sentences(text: str, start: int) -> list[Span]:
    """The sentences of a passage that get a vector of their own."""
    return [s for s in sentences(text, start) if len(s.text.split()) >= MIN_WORDS]


class SentenceVectors:
    """Sentence vectors grouped by chunk. Reads are thread-safe; changes are not."""

    def __init__(self, dim: int, vectors: np.ndarray | None = None,
                 spans: np.ndarray | None = None):
        self.dim = dim
        self.vectors = vectors if vectors is not None else np.empty((0, dim), np.float32)
        self.spans = spans if spans is not None else np.empty((0, 3), np.int64)
        self._rows: dict[int, tuple[int, int]] = {}
        self._reindex()

    def __len__(self) -> int:
        return len(self.vectors)

    def chunk_ids(self) -> set[int]:
        return set(self._rows)

    def _reindex(self) -> None:
        """Rows of each chunk (contiguous: rows are kept grouped by chunk)."""
        self._rows = {}
        ids = self.spans[:, 0] if len(self.spans) else np.empty(0, np.int64)
        if len(ids) == 0:
            return
        breaks = np.flatnonzero(np.diff(ids)) + 1
        starts = np.concatenate([[0], breaks])
        ends = np.concatenate([breaks, [len(ids)]])
        for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
            self._rows[int(ids[a])] = (a, b)

    # -- changes ---------------------------------------------------------------------------

    def add(self, chunk_ids: Sequence[int], spans: Sequence[Sequence[Span]],
            vectors: np.ndarray) -> None:
        """Appends the sentences of new chunks (``spans[i]`` are chunk ``chunk_ids[i]``'s,
        ``vectors`` their rows in the same order)."""
        rows = [(cid, s.start, s.end) for cid, group in zip(chunk_ids, spans, strict=True)
                for s in group]
        if len(rows) != len(vectors):
            raise ValueError(f"{len(rows)} sentences but {len(vectors)} vectors")
        if not rows:
            return
        self.vectors = np.concatenate([self.vectors, np.asarray(vectors, np.float32)])
        self.spans = np.concatenate([self.spans, np.asarray(rows, np.int64)])
        self._reindex()

    def remove(self, chunk_ids: Iterable[int]) -> None:
        gone = np.asarray(list(chunk_ids), np.int64)
        if gone.size == 0 or len(self.spans) == 0:
            return
        keep = ~np.isin(self.spans[:, 0], gone)
        self.vectors, self.spans = self.vectors[keep], self.spans[keep]
        self._reindex()

    # -- reads -------------------------------------------------------------------------------

    def best(self, query: np.ndarray, chunk_ids: Iterable[int]) -> dict[int, float]:
        """Each chunk's best sentence similarity with the (unit) query vector; chunks with
        no sentence vectors are left out."""
        out = {}
        for cid in chunk_ids:
            rows = self._rows.get(cid)
            if rows is not None:
                out[cid] = float(np.max(self.vectors[rows[0]:rows[1]] @ query))
        return out

    def scores(self, query: np.ndarray, chunk_id: int, text: str,
               offset: int) -> list[SentenceScore]:
        """Every embedded sentence of one chunk with its similarity to the query (in text
        order); ``text``/``offset`` are the chunk's, to give each sentence its words."""
        rows = self._rows.get(chunk_id)
        if rows is None:
            return []
        sims = self.vectors[rows[0]:rows[1]] @ query
        return [SentenceScore(Span(" ".join(text[s - offset:e - offset].split()), int(s), int(e)),
                              float(sim))
                for (_, s, e), sim in zip(self.spans[rows[0]:rows[1]].tolist(), sims.tolist(),
                                          strict=True)]

    # -- files -----------------------------------------------------------------------------

    def save(self, directory: Path, model_checksum: str) -> None:
        directory = Path(directory)
        digests = {}
        for name, array in ((VECTORS_FILE, self.vectors), (SPANS_FILE, self.spans)):
            digests[name] = _write_array(directory / name, array)
        manifest = {"model_checksum": model_checksum, "dim": self.dim, "count": len(self),
                    "sha256": digests}
        write_atomic(directory / MANIFEST_FILE, json.dumps(manifest, indent=2) + "\n")

    @classmethod
    def load(cls, directory: Path, dim: int, model_checksum: str) -> SentenceVectors | None:
        """The saved vectors, or None when they are missing, torn, or from another model."""
        directory = Path(directory)
        try:
            manifest = json.loads((directory / MANIFEST_FILE).read_text(encoding="utf-8"))
            if manifest.get("model_checksum") != model_checksum or manifest.get("dim") != dim:
                return None
            arrays = {}
            for name in (VECTORS_FILE, SPANS_FILE):
                if _file_sha256(directory / name) != manifest["sha256"][name]:
                    return None
                arrays[name] = np.load(directory / name, mmap_mode=MMAP_MODE, allow_pickle=False)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        vectors, spans = arrays[VECTORS_FILE], arrays[SPANS_FILE]
        if (vectors.shape != (manifest["count"], dim) or spans.shape != (manifest["count"], 3)
                or vectors.dtype != np.float32 or spans.dtype != np.int64):
            return None
        return cls(dim, vectors, spans)


def _file_sha256(path: Path) -> str:
    """A file's sha256, read a block at a time (never the whole file in memory)."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_array(path: Path, array: np.ndarray) -> str:
    """Saves ``array`` atomically as .npy (no pickle); returns the file's sha256."""
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    data = buffer.getvalue()
    write_atomic(path, data)
    return hashlib.sha256(data).hexdigest()
