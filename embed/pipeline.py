"""The index folder: the SQLite store and the FAISS vectors kept in step.

``CorpusIndex.open`` loads both and checks the vector manifest against the configured
model and chunker. Ingestion commits the store first and then writes the vectors; if the
process dies between the two, the next open finds the ids out of step and embeds or drops
exactly the difference, so the folder is always loadable and never silently stale.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from tqdm import tqdm

from reviewqa.corpus.chunker import CHUNKER_VERSION
from reviewqa.corpus.ingest import IngestReport, ingest, remove_document
from reviewqa.corpus.manifest import bundled_corpus_dir
from reviewqa.corpus.store import ChunkRow, Store

from .index import IndexManifest, IndexMissingError, VectorIndex
from .model import Embedder

INDEX_ENV = "REVIEWQA_INDEX"
DEFAULT_INDEX_DIRNAME = ".reviewqa-index"


def default_index_dir() -> Path:
    """``$REVIEWQA_INDEX``, else ``.reviewqa-index`` in the working directory."""
    return Path(os.environ.get(INDEX_ENV) or Path.cwd() / DEFAULT_INDEX_DIRNAME)


def _file_bar(enabled: bool):
    """A tqdm progress bar over files, or the files as they are."""
    return (lambda xs: tqdm(xs, desc="Reading", unit="file")) if enabled else (lambda xs: xs)


def embed_text(chunk: ChunkRow) -> str:
    """What the model embeds for a chunk: its context header, then its text."""
    return f"{chunk.header}\n{chunk.text}"


class CorpusIndex:
    """A store and its vectors in one folder. Open with :meth:`open`; close when done."""

    def __init__(self, directory: Path, store: Store, vectors: VectorIndex, embedder: Embedder):
        self.directory = directory
        self.store = store
        self.vectors = vectors
        self.embedder = embedder

    @classmethod
    def open(cls, directory: Path | None = None, *, embedder: Embedder | None = None,
             index_kind: str = "auto", progress: bool = False) -> CorpusIndex:
        """Opens (or creates) the index folder, refusing vectors built another way.

        ``index_kind`` "flat" or "hnsw" converts saved vectors of the other kind; "auto"
        keeps what is saved (exact until APPROX_THRESHOLD vectors, then HNSW).
        """
        directory = Path(directory or default_index_dir())
        embedder = embedder or Embedder.load(lazy=True)  # loaded only if something needs it
        store = Store.open(directory)
        converted = False
        try:
            vectors, saved = VectorIndex.load(directory, expected=cls._manifest(embedder, 0, "auto"),
                                              kind=index_kind)
            converted = vectors.kind != saved.index_kind
        except IndexMissingError:
            vectors = VectorIndex.new(embedder.dim, kind=index_kind)
        except Exception:
            store.close()
            raise
        index = cls(directory, store, vectors, embedder)
        if not any(index.sync(progress=progress)) and converted:
            index._save()
        return index

    @classmethod
    def rebuild(cls, directory: Path | None = None, *, embedder: Embedder | None = None,
                index_kind: str = "auto", progress: bool = False) -> tuple[CorpusIndex, IngestReport]:
        """Re-reads every stored document and re-embeds every chunk, ignoring the old vectors:
        the way out after a change of model or chunker. A document whose file has gone
        keeps its stored chunks (reported as failed), so nothing indexed is lost."""
        directory = Path(directory or default_index_dir())
        embedder = embedder or Embedder.load(lazy=True)
        store = Store.open(directory)
        index = cls(directory, store, VectorIndex.new(embedder.dim, kind=index_kind), embedder)
        paths = [Path(d.path) for d in store.documents()]
        report = ingest(store, paths, tokenizer=embedder, progress=_file_bar(progress),
                        force=True)
        index.sync(progress=progress)
        return index, report

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> CorpusIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def is_empty(self) -> bool:
        return self.store.counts()["documents"] == 0

    # -- changes ------------------------------------------------------------------------------

    def ingest(self, paths: Iterable[Path], *, progress: bool = False) -> IngestReport:
        """Ingests files into the store, then embeds the new chunks and drops the old ones."""
        paths = list(paths)
        report = ingest(self.store, paths, tokenizer=self.embedder, progress=_file_bar(progress))
        self._apply(report.added_chunks, report.removed_chunk_ids, progress=progress)
        return report

    def ingest_bundled(self, *, progress: bool = False) -> IngestReport:
        return self.ingest([bundled_corpus_dir()], progress=progress)

    def remove(self, name_or_path: str) -> tuple[str, int]:
        """Drops one document's reviews and chunks from store and vectors."""
        name, removed = remove_document(self.store, name_or_path)
        self._apply([], removed)
        return name, len(removed)

    def sync(self, *, progress: bool = False) -> tuple[int, int]:
        """Brings the vectors into step with the store; returns (embedded, dropped)."""
        stored = np.asarray(self.store.chunk_ids(), dtype=np.int64)
        indexed = self.vectors.ids()
        missing = np.setdiff1d(stored, indexed).tolist()
        extra = np.setdiff1d(indexed, stored).tolist()
        if missing or extra:
            self._apply(self.store.chunks(missing), extra, progress=progress)
        return len(missing), len(extra)

    def _apply(self, added: Sequence[ChunkRow], removed_ids: Sequence[int], *,
               progress: bool = False) -> None:
        if not added and not removed_ids:
            return
        present = set(self.vectors.ids().tolist())
        gone = [i for i in removed_ids if i in present]
        if gone:
            self.vectors.remove(np.asarray(gone, dtype=np.int64))
        if added:
            vectors = self.embedder.encode([embed_text(c) for c in added], progress=progress)
            self.vectors.add(np.asarray([c.id for c in added], dtype=np.int64), vectors)
        self._save()

    def _save(self) -> None:
        self.vectors.save(self.directory, self._manifest(self.embedder, len(self.vectors),
                                                         self.vectors.kind))

    @staticmethod
    def _manifest(embedder: Embedder, count: int, index_kind: str) -> IndexManifest:
        return IndexManifest(model_name=embedder.name, model_checksum=embedder.checksum,
                             dim=embedder.dim, normalized=True,
                             chunker_version=CHUNKER_VERSION, count=count,
                             index_kind=index_kind)
