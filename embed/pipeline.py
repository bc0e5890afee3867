"""The index folder: the SQLite store and the FAISS vectors kept in step.

``CorpusIndex.open`` loads both and checks the vector manifest against the configured
model and chunker. Ingestion commits the store first and then writes the vectors; if the
process dies between the two, the next open finds the ids out of step and embeds or drops
exactly the difference, so the folder is always loadable and never silently stale.

The folder also holds ``query_encoder.json`` (see ``onnx_query.QueryEncoderRecord``),
written after vectors are embedded: probe texts with the vectors the embedding model gave
them, and the ONNX query encoder validated against them. ``open`` encodes the probes with
the query encoder that searches will use and refuses the index when they disagree.

Opening and searching import neither torch nor the document loaders; ingesting does.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from reviewqa.corpus.chunker import CHUNKER_VERSION
from reviewqa.corpus.manifest import bundled_corpus_dir
from reviewqa.corpus.store import ChunkRow, Store, StoreVersionError

from . import onnx_query
from .index import (
    MANIFEST_FILE,
    REBUILD_HINT,
    IndexLoadError,
    IndexManifest,
    IndexMismatchError,
    IndexMissingError,
    Kind,
    VectorIndex,
)
from .model import Embedder
from .sentences import SentenceVectors, passage_sentences

if TYPE_CHECKING:  # the loaders behind ingest import pypdf, docx and bs4: ingest-only
    from reviewqa.corpus.ingest import IngestReport

INDEX_ENV = "REVIEWQA_INDEX"
LOCK_FILE = ".write.lock"
WRITE_WAIT_S = 600.0  # a second ingest waits this long for the first before giving up


class IndexBusyError(IndexLoadError):
    """Another process kept the index folder locked for writing too long."""


class IndexReadOnlyError(IndexLoadError):
    """The index folder cannot be written to: it is searched, never changed."""


DEFAULT_INDEX_DIRNAME = ".reviewqa-index"


def default_index_dir() -> Path:
    """``$REVIEWQA_INDEX``, else ``.reviewqa-index`` in the working directory."""
    return Path(os.environ.get(INDEX_ENV) or Path.cwd() / DEFAULT_INDEX_DIRNAME)


def _file_bar(enabled: bool):
    """A tqdm progress bar over files, or the files as they are."""
    if not enabled:
        return lambda xs: xs
    from tqdm import tqdm

    return lambda xs: tqdm(xs, desc="Reading", unit="file")


def _writing_elsewhere(directory: Path) -> bool:
    """Whether another process holds the folder's write lock (see :meth:`CorpusIndex.writing`)."""
    lock = directory / LOCK_FILE
    try:
        with open(lock, "rb") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
    except OSError:  # no lock file: nobody has written here
        return False
    return False


def embed_text(chunk: ChunkRow) -> str:
    """What the model embeds for a chunk: its context header, then its text."""
    return f"{chunk.header}\n{chunk.text}"


class CorpusIndex:
    """A store and its vectors in one folder. Open with :meth:`open`; close when done."""

    def __init__(self, directory: Path, store: Store, vectors: VectorIndex, embedder: Embedder,
                 sentences: SentenceVectors | None = None):
        self.directory = directory
        self.store = store
        self.vectors = vectors
        self.embedder = embedder
        self.sentences = sentences or SentenceVectors(embedder.dim)
        self._loaded = self._stamp()

    @classmethod
    def open(cls, directory: Path | None = None, *, embedder: Embedder | None = None,
             index_kind: Kind = "auto", progress: bool = False) -> CorpusIndex:
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
        else:
            try:
                check_query_encoder(directory, embedder)
            except Exception:
                store.close()
                raise
        sentences = SentenceVectors.load(directory, embedder.dim, embedder.checksum)
        index = cls(directory, store, vectors, embedder, sentences)
        if _writing_elsewhere(directory):
            # An ingest in another process commits the store before it saves the vectors:
            # what is saved is searched meanwhile, and the writer brings them into step. (A
            # `reviewqa info` run then took the store's lead for a crashed ingest and
            # embedded the new document itself, over a minute, beside the writer.)
            return index
        if not any(index.sync(progress=progress)) and converted:
            index._save()
        return index

    @classmethod
    def rebuild(cls, directory: Path | None = None, *, embedder: Embedder | None = None,
                index_kind: Kind = "auto", progress: bool = False) -> tuple[CorpusIndex, IngestReport]:
        """Re-reads every stored document and re-embeds every chunk, ignoring the old vectors:
        the way out after a change of model or chunker. A document whose file has gone
        keeps its stored chunks (reported as failed), so nothing indexed is lost.

        It is also the way out for a query encoder that disagrees with the index: the
        cached ONNX export is re-checked against the torch model (and re-exported if it
        disagrees) and the folder's query-encoder record is written afresh."""
        from reviewqa.corpus.ingest import ingest

        directory = Path(directory or default_index_dir())
        embedder = embedder or Embedder.load(lazy=True)
        try:
            store = Store.open(directory)
            paths = [Path(d.path) for d in store.documents()]
        except StoreVersionError:  # an older table layout: start afresh from its files
            store, old_paths = Store.recreate(directory)
            paths = [Path(p) for p in old_paths]
        index = cls(directory, store, VectorIndex.new(embedder.dim, kind=index_kind), embedder)
        with index.writing():
            report = ingest(store, paths, tokenizer=embedder, progress=_file_bar(progress),
                            force=True)
            index.sentences = SentenceVectors(embedder.dim)
            index.sync(progress=progress)
        if len(index.vectors):
            index.record_query_encoder(fresh=True)
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

    # -- a running reader noticing writes --------------------------------------------------------

    def _stamp(self) -> tuple[int, int, int] | None:
        """When and how the saved vectors last changed (their manifest is written last, by
        a rename: a new inode each save, so two saves within one clock tick still differ)."""
        try:
            stat = (self.directory / MANIFEST_FILE).stat()
        except OSError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def refresh(self) -> bool:
        """Reloads the vectors when another process has saved new ones since this one
        loaded them (an ingest into the folder a server serves); returns whether it did.
        A stat per call: cheap enough to run before every search. Readers holding the old
        vectors finish with them; the store needs nothing, SQLite shows committed data."""
        stamp = self._stamp()
        if stamp is None or stamp == self._loaded:
            return False
        try:
            vectors, _ = VectorIndex.load(self.directory, expected=self._manifest(
                self.embedder, 0, "auto"), kind="auto")
        except IndexLoadError:
            return False  # caught mid-write: the next call tries again
        sentences = SentenceVectors.load(self.directory, self.embedder.dim, self.embedder.checksum)
        self.vectors = vectors
        self.sentences = sentences or self.sentences
        self._loaded = stamp
        return True

    # -- changes ------------------------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Holds the folder's write lock: a second writer (another ``reviewqa ingest`` into
        the same index) waits its turn, saying so, and then works from what the first one
        saved, so both land; past WRITE_WAIT_S it stops with a one-line IndexBusyError.
        A folder that cannot be written to is an IndexReadOnlyError, before anything is read."""
        if self.store.read_only:
            raise IndexReadOnlyError(f"{self.directory}: the index folder is read-only: it can "
                                     "be searched, not changed")
        with open(self.directory / LOCK_FILE, "a+b") as handle:
            waited = False
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                waited = True
                print(f"reviewqa: waiting for another process writing to {self.directory} ...",
                      file=sys.stderr, flush=True)
                deadline = time.monotonic() + WRITE_WAIT_S
                while True:
                    time.sleep(0.2)
                    try:
                        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() > deadline:
                            raise IndexBusyError(
                                f"{self.directory}: another process has been writing to this "
                                f"index for over {WRITE_WAIT_S:.0f} s; try again when it "
                                "has finished") from None
            # Start from what another writer saved since this one loaded (whether or not it
            # had to wait: it may have opened the folder before the other one wrote).
            if self.refresh() or waited:
                self.sync()
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def ingest(self, paths: Iterable[Path], *, progress: bool = False) -> IngestReport:
        """Ingests files into the store, then embeds the new chunks and drops the old ones."""
        from reviewqa.corpus.ingest import ingest

        paths = list(paths)
        with self.writing():
            report = ingest(self.store, paths, tokenizer=self.embedder,
                            progress=_file_bar(progress))
            self._apply(report.added_chunks, report.removed_chunk_ids, progress=progress)
        return report

    def ingest_bundled(self, *, progress: bool = False) -> IngestReport:
        return self.ingest([bundled_corpus_dir()], progress=progress)

    def remove(self, name_or_path: str) -> tuple[str, int]:
        """Drops one document's reviews and chunks from store and vectors."""
        from reviewqa.corpus.ingest import remove_document

        with self.writing():
            name, removed = remove_document(self.store, name_or_path)
            self._apply([], removed)
        return name, len(removed)

    def sync(self, *, progress: bool = False) -> tuple[int, int]:
        """Brings the vectors (chunks' and sentences') into step with the store; returns
        (chunks embedded, chunks dropped). An index written before sentence vectors existed
        gets them here, once (this loads torch)."""
        stored = np.asarray(self.store.chunk_ids(), dtype=np.int64)
        indexed = self.vectors.ids()
        missing = np.setdiff1d(stored, indexed).tolist()
        extra = np.setdiff1d(indexed, stored).tolist()
        if missing or extra:
            self._apply(self.store.chunks(missing), extra, progress=progress)
        stored_ids = set(stored.tolist())
        have = self.sentences.chunk_ids()
        lacking = sorted(stored_ids - have)
        stale = sorted(have - stored_ids)
        if lacking or stale:
            self.sentences.remove(stale)
            self._add_sentences(self.store.chunks(lacking), progress=progress)
            self._save()
        return len(missing), len(extra)

    def _add_sentences(self, chunks: Sequence[ChunkRow], *, progress: bool = False) -> None:
        spans = [passage_sentences(c.text, c.start) for c in chunks]
        texts = [s.text for group in spans for s in group]
        vectors = self.embedder.encode(texts, progress=progress, label="Embedding sentences")
        self.sentences.add([c.id for c in chunks], spans, vectors)

    def _apply(self, added: Sequence[ChunkRow], removed_ids: Sequence[int], *,
               progress: bool = False) -> None:
        if not added and not removed_ids:
            return
        present = set(self.vectors.ids().tolist())
        gone = [i for i in removed_ids if i in present]
        if gone:
            self.vectors.remove(np.asarray(gone, dtype=np.int64))
        self.sentences.remove(removed_ids)
        if added:
            vectors = self.embedder.encode([embed_text(c) for c in added], progress=progress,
                                           label="Embedding passages")
            self.vectors.add(np.asarray([c.id for c in added], dtype=np.int64), vectors)
            self._add_sentences(added, progress=progress)
        self._save()
        if added:  # torch is loaded now: export and record the query encoder if not done yet
            self.record_query_encoder()

    def record_query_encoder(self, *, fresh: bool = False) -> onnx_query.QueryEncoderRecord | None:
        """Writes ``query_encoder.json`` when the folder lacks one for this model (or
        ``fresh``): the embedding model's vectors for the probe texts, and the ONNX query
        encoder (exported now if need be) with its least cosine against them. Loads torch.
        With ``fresh`` the cached encoder is re-checked against torch first. A folder that
        cannot be written keeps working: searches then run unchecked, as before."""
        embedder = self.embedder
        record = onnx_query.QueryEncoderRecord.read(self.directory)
        current = record is not None and record.model_checksum == embedder.checksum
        encoder = embedder.prepare_query_encoder(revalidate=fresh)
        identity = encoder.identity if encoder is not None else None
        if current and not fresh and record is not None:
            recorded = (record.query_encoder or {}).get("onnx_sha256")
            if identity is None or recorded == identity["onnx_sha256"]:
                return record
            texts, reference, built_by = record.probe_texts, record.probe_vectors, record.reference
        else:
            texts = list(onnx_query.PROBES)
            reference = embedder.encode(texts)
            built_by = onnx_query.describe_torch_reference(embedder.device)
        least = onnx_query.agreement(encoder, texts, reference) if encoder is not None else None
        if least is not None and least < onnx_query.MIN_COSINE:
            identity = None  # never record an encoder that disagrees; open will refuse it
        record = onnx_query.QueryEncoderRecord(
            model_name=embedder.name, model_checksum=embedder.checksum,
            probe_texts=list(texts), probe_vectors=np.asarray(reference, dtype=np.float32),
            reference=built_by,
            query_encoder=identity, min_cosine=least if identity is not None else None)
        try:
            record.write(self.directory)
        except OSError as err:
            onnx_query.log.warning("cannot write %s in %s: %s", onnx_query.RECORD_FILE,
                                   self.directory, err)
        return record

    def _save(self) -> None:
        if self.store.read_only:  # vectors an older read-only index lacked stay in memory
            return
        self.sentences.save(self.directory, self.embedder.checksum)
        self.vectors.save(self.directory, self._manifest(self.embedder, len(self.vectors),
                                                         self.vectors.kind))
        self._loaded = self._stamp()

    @staticmethod
    def _manifest(embedder: Embedder, count: int, index_kind: str) -> IndexManifest:
        return IndexManifest(model_name=embedder.name, model_checksum=embedder.checksum,
                             dim=embedder.dim, normalized=True,
                             chunker_version=CHUNKER_VERSION, count=count,
                             index_kind=index_kind)


def check_query_encoder(directory: Path, embedder: Embedder) -> float | None:
    """Refuses an index whose query encoder disagrees with the model that built it.

    Encodes the folder's probe texts with the encoder :meth:`Embedder.encode_query` will
    use and compares them with the vectors recorded at build time; raises
    :class:`IndexMismatchError` (one line, with the rebuild hint) when any cosine is below
    ``onnx_query.MIN_COSINE``. Returns the least cosine, or None when there is nothing to
    check: torch answers queries (it is the model that built the index, as the vector
    manifest's checksum has shown), or the folder predates query-encoder records.
    """
    encoder = embedder.query_encoder
    if encoder is None:
        return None
    record = onnx_query.QueryEncoderRecord.read(directory)
    if record is None or record.model_checksum != embedder.checksum:
        return None
    least = onnx_query.agreement(encoder, record.probe_texts, record.probe_vectors)
    if least < onnx_query.MIN_COSINE:
        raise IndexMismatchError(
            f"query encoder {encoder.label} disagrees with the model that built the index in "
            f"{directory} (least cosine {least:.6f} < {onnx_query.MIN_COSINE} on "
            f"{len(record.probe_texts)} probe texts): {REBUILD_HINT}"
        )
    return least
