"""SQLite, the store of record: documents, reviews, their sources, chunks and an FTS5 index.

One file (``store.sqlite3`` in the index folder). Every change to a document happens in
one transaction, so a failure part-way leaves the previous state intact. Reviews are
shared between documents: ``review_sources`` links a review to each document entry that
describes it, with that entry's own metadata, and the review's row holds the merge.

A document that is not a review (an annual report, minutes, notes) has a row in ``reviews``
too, with ``kind = 'document'`` and only a title, so that its chunks, like every chunk,
belong to a row there and its search hits show that title and nothing else. The catalogue
(:meth:`Store.reviews`), the counts and the facets are of reviews only; such documents are
listed by :meth:`Store.other_documents`. Every field of a review has its source (the
manifest, or a span of a document's text) in ``sources``, JSON.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .digests import resource_theme
from .taxonomy import theme_filter_terms
from .types import FieldSource, Filters, ReviewMeta, review_heading, review_label

SCHEMA_VERSION = 2
"""Bumped whenever a table changes. An index folder written with another version is
refused on open (see :class:`StoreVersionError`); ``reviewqa ingest --rebuild`` starts it
afresh from the documents' files."""

BUSY_TIMEOUT_S = 600.0
"""How long a writer waits for another process's write transaction (a second
``reviewqa ingest`` into the same folder) before giving up with :class:`StoreBusyError`.
Each transaction is one file, so waits are seconds, not minutes."""

WAL_RETRY_S = 0.05


def _use_wal(conn: sqlite3.Connection) -> None:
    """Puts the database in WAL mode, waiting up to BUSY_TIMEOUT_S for another process that
    holds it: SQLite answers a journal-mode change with "database is locked" at once, without
    its busy handler, while another connection is creating or writing the file (two
    ``reviewqa ingest`` processes started together on a new index; one died that way)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(WAL_RETRY_S)

REBUILD_HINT = "rebuild with `reviewqa ingest --rebuild`"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,      -- short content id used in source links
    path        TEXT NOT NULL UNIQUE,      -- resolved path the document was ingested from
    name        TEXT NOT NULL,             -- file name, shown in citations
    title       TEXT NOT NULL,
    kind        TEXT,
    publisher   TEXT,
    date        TEXT,
    provenance  TEXT,                      -- JSON
    format      TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    paged       INTEGER NOT NULL,
    text        TEXT NOT NULL              -- cleaned text; chunk offsets point into it
);
CREATE TABLE IF NOT EXISTS reviews (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    area        TEXT,
    year        INTEGER,
    type        TEXT,
    authors     TEXT NOT NULL DEFAULT '[]',
    child_age   TEXT,
    keywords    TEXT NOT NULL DEFAULT '[]',
    summary     TEXT,
    kind        TEXT NOT NULL DEFAULT 'review',  -- or 'document': not a review, a title only
    sources     TEXT NOT NULL DEFAULT '{}'       -- JSON: field -> {origin, start, end, document}
);
CREATE TABLE IF NOT EXISTS review_sources (
    review_id   TEXT NOT NULL REFERENCES reviews(id),
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,          -- entry number within the document
    label       TEXT NOT NULL,
    title_key   TEXT NOT NULL,             -- normalised title, to find the same review elsewhere
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    meta        TEXT NOT NULL,             -- JSON ReviewMeta as this document gives it, sources too
    PRIMARY KEY (document_id, ord)
);
CREATE INDEX IF NOT EXISTS review_sources_review ON review_sources(review_id);
CREATE INDEX IF NOT EXISTS review_sources_title ON review_sources(title_key);
CREATE TABLE IF NOT EXISTS resources (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    id          INTEGER PRIMARY KEY,       -- 63-bit content hash, also the FAISS id
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    review_id   TEXT NOT NULL REFERENCES reviews(id),
    ord         INTEGER NOT NULL,
    section     TEXT NOT NULL,
    locator     TEXT NOT NULL,
    page        INTEGER,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    header      TEXT NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_document ON chunks(document_id);
-- a review's chunks in one document, in order: its entries' bounds in two index seeks each
CREATE INDEX IF NOT EXISTS chunks_review_document ON chunks(review_id, document_id, start);
DROP INDEX IF EXISTS chunks_review;  -- the index above's prefix serves its queries
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    text, header, content='chunks', content_rowid='id', tokenize='porter unicode61'
);
CREATE TRIGGER IF NOT EXISTS chunks_ai AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts(rowid, text, header) VALUES (new.id, new.text, new.header);
END;
CREATE TRIGGER IF NOT EXISTS chunks_ad AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts(chunks_fts, rowid, text, header) VALUES ('delete', old.id, old.text, old.header);
END;
"""


@dataclass(frozen=True)
class DocumentRow:
    id: int
    key: str
    path: str
    name: str
    title: str
    kind: str | None
    publisher: str | None
    date: str | None
    format: str
    sha256: str
    paged: bool
    provenance: dict = field(default_factory=dict)  # from the manifest, {} when none


@dataclass(frozen=True)
class ReviewRow:
    id: str
    title: str
    area: str | None
    year: int | None
    type: str | None
    authors: list[str]
    child_age: str | None
    keywords: list[str]
    summary: str | None
    kind: str = "review"  # or "document": not a review; it has a title and nothing else
    sources: dict[str, FieldSource] = field(default_factory=dict)  # field -> where it came from

    @property
    def is_review(self) -> bool:
        return self.kind == "review"

    def field_source(self, name: str) -> FieldSource | None:
        """Where field ``name`` (as this row names it) came from, if recorded: the metadata
        calls ``type`` ``review_type``."""
        return self.sources.get("review_type" if name == "type" else name) or self.sources.get(name)

    @property
    def label(self) -> str:
        """'Child K (Rochdale, 2017)'; what the sources do not state is left out."""
        return review_label(self.title, self.area, self.year)

    @property
    def heading(self) -> str:
        """'Bradford 2018 – Sameer (learning brief)'."""
        return review_heading(self.title, self.area, self.year, self.type)


@dataclass(frozen=True)
class ChunkRow:
    id: int
    document_id: int
    review_id: str
    ord: int
    section: str
    locator: str
    page: int | None
    start: int
    end: int
    header: str
    text: str

    @property
    def hex_id(self) -> str:
        return chunk_hex(self.id)


@dataclass(frozen=True)
class ResourceRow:
    """A resource a document lists (a report, film, toolkit...): not a review, never a passage."""

    title: str
    text: str  # the document's lines about it
    document: str  # the document's file name
    document_key: str
    start: int
    end: int
    theme: str = ""  # the heading of the newsletter section or list it is in ("Radicalisation")


def chunk_hex(chunk_id: int) -> str:
    """The public form of a chunk id: 16 hex digits (JSON-safe, unlike a 63-bit integer)."""
    return f"{chunk_id:016x}"


class StoreError(Exception):
    """The store cannot be used as it is; ``str(err)`` is one line that says what to do."""


class StoreVersionError(StoreError):
    """The index folder was written by a reviewqa with another table layout."""


class StoreBusyError(StoreError):
    """Another process kept the index locked for writing longer than BUSY_TIMEOUT_S."""


@dataclass(frozen=True)
class ReviewSource:
    """One document entry that describes a review (a review has one per document)."""

    document_key: str
    document_name: str
    document_title: str
    label: str
    start: int
    end: int


_REVIEW_SOURCE_FIELDS = ("document_key", "document_name", "document_title", "label", "start", "end")


@dataclass(frozen=True)
class DocumentReview:
    """A review a document describes, and where its entry lies in that document."""

    id: str
    title: str
    area: str | None
    year: int | None
    type: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Facets:
    """The values users can filter on."""

    years: list[int]
    areas: list[str]
    types: list[str]  # by frequency
    themes: list[str]  # keywords carried by at least two reviews, by frequency


class Store:
    """The SQLite store. Use as a context manager or call :meth:`close`.

    Every thread gets its own connection (opened on first use), so searches run in
    parallel: SQLite in WAL mode lets readers proceed while a writer commits. All of
    reviewqa's SQL is in this class; :attr:`db` is the calling thread's connection, for
    inspection in tests and at a debugger.
    """

    FILENAME = "store.sqlite3"

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:  # a file in its way, a name too long, /proc
            raise StoreError(f"{self.path.parent}: cannot create the index folder "
                             f"({err.strerror or err})") from None
        self.read_only = self.path.is_file() and not os.access(self.path.parent, os.W_OK)
        """Whether the index folder cannot be written to (a read-only mount, a folder its
        owner shared read-only): the store is then searched without WAL, which needs to
        write beside it, and any write fails with "attempt to write a readonly database"."""
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        try:
            db = self.db
            has_meta = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
            version = self.get_meta("schema_version") if has_meta else None
            if version is not None and version != str(SCHEMA_VERSION):
                raise StoreVersionError(
                    f"{self.path} was written with table layout {version}; this reviewqa uses "
                    f"{SCHEMA_VERSION}: {REBUILD_HINT}")
            if version is None:
                db.executescript(SCHEMA)
                self._set_default("schema_version", str(SCHEMA_VERSION))
        except sqlite3.DatabaseError as err:
            # a damaged file, or one that is no SQLite database, or a folder that cannot be
            # written to: one line, not a stack trace
            self.close()
            writable = os.access(self.path.parent, os.W_OK) and "readonly" not in str(err)
            raise StoreError(f"{self.path}: cannot open the index ({err}): "
                             + (REBUILD_HINT if writable else "is the folder read-only?")) from None
        except StoreError:
            self.close()
            raise

    @classmethod
    def open(cls, index_dir: Path) -> Store:
        return cls(Path(index_dir) / cls.FILENAME)

    @classmethod
    def exists(cls, index_dir: Path) -> bool:
        """Whether ``index_dir`` holds a store (empty or not)."""
        try:
            return (Path(index_dir) / cls.FILENAME).is_file()
        except OSError:  # a name too long to look up holds nothing
            return False

    @classmethod
    def recreate(cls, index_dir: Path) -> tuple[Store, list[str]]:
        """A fresh, empty store in place of whatever ``index_dir`` holds, and the paths of
        the documents the old one had (read with the one query every layout answers), so
        that a rebuild re-reads them. The old file is kept as ``store.sqlite3.old``."""
        path = Path(index_dir) / cls.FILENAME
        paths: list[str] = []
        if path.exists():
            old = sqlite3.connect(path)
            try:
                paths = [r[0] for r in old.execute("SELECT path FROM documents ORDER BY id")]
            except sqlite3.DatabaseError:
                paths = []
            finally:
                old.close()
            for suffix in ("-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            path.replace(path.with_name(cls.FILENAME + ".old"))
        return cls(path), paths

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self._address(), isolation_level=None,
                                   check_same_thread=False, timeout=BUSY_TIMEOUT_S,
                                   uri=self.read_only)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            if not self.read_only:
                _use_wal(conn)
            self._local.conn = conn
            with self._connections_lock:
                self._connections.append(conn)
        return conn

    def _address(self) -> str | Path:
        """The file, or in a read-only folder a read-only URI: marked immutable (no locks,
        no -shm file to create) unless a write-ahead log was left beside it, whose pages
        SQLite then reads through the -shm file left with it."""
        if not self.read_only:
            return self.path
        wal = Path(f"{self.path}-wal")
        unfinished = wal.is_file() and wal.stat().st_size > 0
        return f"{self.path.resolve().as_uri()}?mode=ro" + ("" if unfinished else "&immutable=1")

    def close(self) -> None:
        with self._connections_lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and settings ------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing: commits on success, rolls back on any exception. Waits up to
        BUSY_TIMEOUT_S for another writer, then raises :class:`StoreBusyError`."""
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            if "locked" in str(err) or "busy" in str(err):
                raise StoreBusyError(
                    f"{self.path}: another process has been writing to this index for over "
                    f"{BUSY_TIMEOUT_S:.0f} s; try again when it has finished") from None
            raise
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def _set_default(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- documents ------------------------------------------------------------------------

    def document(self, document_id: int) -> DocumentRow | None:
        return self._document("id = ?", document_id)

    def document_by_path(self, path: str) -> DocumentRow | None:
        return self._document("path = ?", path)

    def document_by_key(self, key: str) -> DocumentRow | None:
        return self._document("key = ?", key)

    def document_by_sha(self, sha256: str) -> DocumentRow | None:
        return self._document("sha256 = ?", sha256)

    def _document(self, where: str, value: object) -> DocumentRow | None:
        row = self.db.execute(f"SELECT * FROM documents WHERE {where}", (value,)).fetchone()
        return _document_row(row) if row else None

    def documents(self) -> list[DocumentRow]:
        return [_document_row(r) for r in self.db.execute("SELECT * FROM documents ORDER BY name")]

    def document_text(self, document_id: int) -> str:
        return str(self.db.execute("SELECT text FROM documents WHERE id = ?",
                                   (document_id,)).fetchone()[0])

    def insert_document(self, *, key: str, path: str, name: str, title: str, kind: str | None,
                        publisher: str | None, date: str | None, provenance: dict | None,
                        format: str, sha256: str, paged: bool, text: str) -> int:
        cur = self.db.execute(
            "INSERT INTO documents(key, path, name, title, kind, publisher, date, provenance,"
            " format, sha256, paged, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (key, path, name, title, kind, publisher, date,
             json.dumps(provenance) if provenance else None, format, sha256, int(paged), text))
        return int(cur.lastrowid or 0)

    def delete_document(self, document_id: int) -> list[int]:
        """Removes a document, its chunks and sources; returns the removed chunk ids.

        Reviews left without any source are deleted; the others have their merged
        metadata recomputed from the sources that remain.
        """
        chunk_ids = [r[0] for r in self.db.execute(
            "SELECT id FROM chunks WHERE document_id = ?", (document_id,))]
        review_ids = [r[0] for r in self.db.execute(
            "SELECT DISTINCT review_id FROM review_sources WHERE document_id = ?", (document_id,))]
        self.db.execute("DELETE FROM chunks WHERE document_id = ?", (document_id,))
        self.db.execute("DELETE FROM documents WHERE id = ?", (document_id,))
        for review_id in review_ids:
            self.refresh_review(review_id)
        return chunk_ids

    def document_reviews(self, document_id: int) -> list[DocumentReview]:
        """The reviews a document describes, in document order, with their entry spans
        (none for a document that is not a review)."""
        return [DocumentReview(**dict(r)) for r in self.db.execute(
            "SELECT r.id, r.title, r.area, r.year, r.type, s.start, s.end FROM review_sources s"
            " JOIN reviews r ON r.id = s.review_id WHERE s.document_id = ? AND r.kind = 'review'"
            " ORDER BY s.start", (document_id,))]

    def review_documents(self, review_id: str) -> list[int]:
        """The ids of the documents describing a review, in the index's order."""
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT document_id FROM review_sources WHERE review_id = ? ORDER BY document_id",
            (review_id,))]

    def reviews_per_document(self) -> list[tuple[str, int]]:
        """(document name, how many reviews it describes); 0 for other documents."""
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT d.name, count(DISTINCT r.id) FROM documents d"
            " LEFT JOIN review_sources s ON s.document_id = d.id"
            " LEFT JOIN reviews r ON r.id = s.review_id AND r.kind = 'review'"
            " GROUP BY d.id ORDER BY d.name")]

    def other_documents(self) -> list[tuple[ReviewRow, DocumentRow]]:
        """The documents that are not reviews, by title: the row their chunks belong to
        (a title and nothing else) and the document."""
        rows = self.db.execute(
            "SELECT r.id, s.document_id FROM reviews r JOIN review_sources s ON s.review_id = r.id"
            " WHERE r.kind = 'document' ORDER BY r.title, r.id").fetchall()
        out = []
        for review_id, document_id in rows:
            review, document = self.review(review_id), self.document(document_id)
            if review is not None and document is not None:
                out.append((review, document))
        return out

    # -- reviews ----------------------------------------------------------------------------

    def review(self, review_id: str) -> ReviewRow | None:
        row = self.db.execute("SELECT * FROM reviews WHERE id = ?", (review_id,)).fetchone()
        return _review_row(row) if row else None

    def reviews(self, ids: Iterable[str] | None = None) -> list[ReviewRow]:
        """Rows by id, other documents' included (unknown ids skipped), or all the reviews
        (not the other documents), newest first."""
        if ids is None:
            return [_review_row(r) for r in self.db.execute(
                "SELECT * FROM reviews WHERE kind = 'review' ORDER BY year DESC, area, title")]
        return [_review_row(r) for r in self._select_in("SELECT * FROM reviews", "id", list(ids))]

    def review_ids(self, filters: Filters | None = None) -> set[str]:
        """The ids of the reviews (not other documents) that pass ``filters``."""
        where, params = _filter_sql(filters)
        return {r[0] for r in self.db.execute(
            f"SELECT r.id FROM reviews r WHERE r.kind = 'review' {where}", params)}

    def review_candidates(self, title_key: str) -> list[tuple[str, ReviewMeta, str]]:
        """Sources of reviews already stored under the normalised title ``title_key``: (review
        id, meta, text). Other documents are never candidates: nothing merges into them."""
        rows = self.db.execute(
            "SELECT s.review_id, s.meta, substr(d.text, s.start + 1, s.end - s.start)"
            " FROM review_sources s JOIN documents d ON d.id = s.document_id"
            " JOIN reviews r ON r.id = s.review_id"
            " WHERE s.title_key = ? AND r.kind = 'review' ORDER BY d.id, s.ord", (title_key,))
        return [(r[0], ReviewMeta.from_json(json.loads(r[1])), r[2]) for r in rows]

    def new_review_id(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``... whichever is free."""
        candidate, n = base, 1
        while self.db.execute("SELECT 1 FROM reviews WHERE id = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def add_review_source(self, review_id: str, document_id: int, ord: int, label: str,
                          title_key: str, start: int, end: int, meta: ReviewMeta) -> None:
        self.db.execute("INSERT OR IGNORE INTO reviews(id, title, kind) VALUES (?, ?, ?)",
                        (review_id, meta.title, meta.kind))
        self.db.execute(
            "INSERT INTO review_sources(review_id, document_id, ord, label, title_key, start, end,"
            " meta) VALUES (?,?,?,?,?,?,?,?)",
            (review_id, document_id, ord, label, title_key, start, end,
             json.dumps(meta.to_json())))
        self.refresh_review(review_id)

    def refresh_review(self, review_id: str) -> None:
        """Recomputes a review's merged metadata from its sources (deletes it if none remain).

        Full reports and briefs ('single' documents, which describe one review at length)
        come first, then documents in ingestion order; each field takes the first value
        given, with its source (naming the document it is in); keywords and authors are the
        union (their source: the first document that gives any; each document's own are in
        its ``review_sources.meta``).
        """
        sources = self.db.execute(
            "SELECT s.meta, d.key FROM review_sources s JOIN documents d ON d.id = s.document_id"
            " WHERE s.review_id = ? ORDER BY (SELECT count(*) FROM review_sources x"
            " WHERE x.document_id = d.id) ASC, d.id", (review_id,)).fetchall()
        if not sources:
            self.db.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            return
        metas = [_in_document(ReviewMeta.from_json(json.loads(r[0])), r[1]) for r in sources]
        merged = merge_meta(metas)
        self.db.execute(
            "UPDATE reviews SET title=?, area=?, year=?, type=?, authors=?, child_age=?,"
            " keywords=?, summary=?, kind=?, sources=? WHERE id=?",
            (merged.title, merged.area, merged.year, merged.review_type,
             json.dumps(merged.authors), merged.child_age, json.dumps(merged.keywords),
             merged.summary, merged.kind, _sources_json(merged.sources), review_id))

    def review_sources(self, review_id: str) -> list[ReviewSource]:
        """The document entries that describe a review, by document name."""
        return [ReviewSource(**dict(r)) for r in self.db.execute(
            "SELECT d.key AS document_key, d.name AS document_name, d.title AS document_title,"
            " s.label, s.start, s.end FROM review_sources s JOIN documents d"
            " ON d.id = s.document_id WHERE s.review_id = ? ORDER BY d.name, s.ord",
            (review_id,))]

    def review_entries(self, review_id: str) -> list[tuple[ReviewSource, int, str]]:
        """Each entry of :meth:`review_sources`, with its document's id and the entry's text,
        read in one query."""
        return [(ReviewSource(**{k: r[k] for k in _REVIEW_SOURCE_FIELDS}), r["document_id"], r["entry"])
                for r in self.db.execute(
                    "SELECT d.key AS document_key, d.name AS document_name, d.title AS document_title,"
                    " s.label, s.start, s.end, d.id AS document_id,"
                    " substr(d.text, s.start + 1, s.end - s.start) AS entry FROM review_sources s"
                    " JOIN documents d ON d.id = s.document_id WHERE s.review_id = ?"
                    " ORDER BY d.name, s.ord", (review_id,))]

    def add_resource(self, document_id: int, title: str, start: int, end: int) -> None:
        self.db.execute("INSERT INTO resources(document_id, title, start, end) VALUES (?,?,?,?)",
                        (document_id, title, start, end))

    def resources(self) -> list[ResourceRow]:
        """Every resource the documents list, by document name and place in it, with the
        theme of the section listing it, or the heading of its list (read from its document's
        text, as its parser does: see digests.resource_theme)."""
        rows = self.db.execute(
            "SELECT r.title, r.start, r.end, d.name, d.key, r.document_id FROM resources r"
            " JOIN documents d ON d.id = r.document_id ORDER BY d.name, r.start").fetchall()
        texts = {document_id: self.document_text(document_id)
                 for document_id in {row[5] for row in rows}}
        return [ResourceRow(title=title, text=texts[document_id][start:end], document=name,
                            document_key=key, start=start, end=end,
                            theme=resource_theme(texts[document_id], start))
                for title, start, end, name, key, document_id in rows]

    def facets(self) -> Facets:
        """Years, areas, review types and themes (keywords of two reviews or more)."""
        db = self.db
        return Facets(
            years=[r[0] for r in db.execute(
                "SELECT DISTINCT year FROM reviews WHERE year IS NOT NULL ORDER BY year")],
            areas=[r[0] for r in db.execute(
                "SELECT area FROM reviews WHERE area IS NOT NULL GROUP BY lower(area)"
                " ORDER BY area")],
            types=[r[0] for r in db.execute(
                "SELECT type FROM reviews WHERE type IS NOT NULL GROUP BY lower(type)"
                " ORDER BY count(*) DESC, type")],
            themes=[r[0] for r in db.execute(
                "SELECT lower(k.value) AS t FROM reviews r, json_each(r.keywords) k"
                " GROUP BY t HAVING count(*) >= 2 ORDER BY count(*) DESC, t LIMIT 60")])

    # -- chunks -------------------------------------------------------------------------------

    def insert_chunks(self, rows: Iterable[ChunkRow]) -> None:
        self.db.executemany(
            "INSERT INTO chunks(id, document_id, review_id, ord, section, locator, page, start,"
            " end, header, text) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(c.id, c.document_id, c.review_id, c.ord, c.section, c.locator, c.page, c.start,
              c.end, c.header, c.text) for c in rows])

    def chunk_ids(self, filters: Filters | None = None,
                  reviews: Collection[str] | None = None,
                  documents: Collection[int] | None = None) -> list[int]:
        """Every chunk id in ascending order, or those whose review passes ``filters`` and,
        given ``reviews``, is one of those review ids, and given ``documents``, that lie in
        one of those documents."""
        if reviews is None and documents is None and (filters is None or filters.empty):
            return [r[0] for r in self.db.execute("SELECT id FROM chunks ORDER BY id")]
        return list(self.chunk_reviews(filters, reviews, documents))

    def chunk_reviews(self, filters: Filters | None = None,
                      reviews: Collection[str] | None = None,
                      documents: Collection[int] | None = None) -> dict[int, str]:
        """The chunks of :meth:`chunk_ids`, each with its review id."""
        where, params = _filter_sql(filters)
        if reviews is not None:
            reviews = list(reviews)
            where += f" AND c.review_id IN ({','.join('?' * len(reviews))})"
            params += reviews
        if documents is not None:
            documents = [int(d) for d in documents]
            where += f" AND c.document_id IN ({','.join('?' * len(documents))})"
            params += documents
        # reviews first, then their chunks by index (scanning every chunk to join its review
        # took 0.2 s at 100,000 chunks for one area's 600)
        return dict(self.db.execute(
            "SELECT c.id, c.review_id FROM reviews r CROSS JOIN chunks c ON c.review_id = r.id"
            f" WHERE 1 {where} ORDER BY c.id", params).fetchall())

    def chunk_ids_in_sections(self, word: str, reviews: Collection[str] | None = None) -> list[int]:
        """The ids, ascending, of the chunks whose section names ``word`` (in any case), of
        ``reviews`` where given: a report's glossary, found without reading every chunk's
        text."""
        where, params = "instr(lower(section), ?) > 0", [word.lower()]
        if reviews is not None:
            reviews = list(reviews)
            where += f" AND review_id IN ({','.join('?' * len(reviews))})"
            params += reviews
        return [r[0] for r in self.db.execute(f"SELECT id FROM chunks WHERE {where} ORDER BY id", params)]

    def chunks(self, ids: Iterable[int] | None = None) -> list[ChunkRow]:
        """Chunks by id (in the order asked, unknown ids skipped), or all in document order."""
        if ids is None:
            rows = self.db.execute("SELECT * FROM chunks ORDER BY document_id, ord").fetchall()
            return [ChunkRow(**dict(r)) for r in rows]
        return [ChunkRow(**dict(r)) for r in self._select_in("SELECT * FROM chunks", "id", list(ids))]

    def entry_chunks(self, pairs: Iterable[tuple[str, int]],
                     max_chars: int) -> dict[tuple[str, int], list[ChunkRow]]:
        """For each (review id, document id), the review's chunks in that document, in order,
        where there are several and together they span at most ``max_chars`` characters (a
        digest's entry, a short brief); longer passages are left out. Two queries in all."""
        wanted = sorted(set(pairs))
        if not wanted:
            return {}
        # Each pair's first and last chunk by start (index seeks, however many chunks the
        # review has in the document) and whether it has a second one.
        marks = ",".join("(?, ?)" for _ in wanted)
        bounds = self.db.execute(
            f"WITH pair(review_id, document_id) AS (VALUES {marks}) SELECT p.review_id, "
            "p.document_id, (SELECT start FROM chunks c WHERE c.review_id = p.review_id AND "
            "c.document_id = p.document_id ORDER BY start LIMIT 1), (SELECT end FROM chunks c "
            "WHERE c.review_id = p.review_id AND c.document_id = p.document_id ORDER BY start "
            "DESC LIMIT 1), (SELECT count(*) FROM (SELECT 1 FROM chunks c WHERE c.review_id = "
            "p.review_id AND c.document_id = p.document_id LIMIT 2)) FROM pair p",
            [value for pair in wanted for value in pair]).fetchall()
        short = {(r, d) for r, d, start, end, n in bounds
                 if n > 1 and end - start <= max_chars}
        if not short:
            return {}
        out: dict[tuple[str, int], list[ChunkRow]] = {key: [] for key in short}
        marks = ",".join("(?, ?)" for _ in short)
        keys = [value for key in sorted(short) for value in key]
        for row in self.db.execute(f"SELECT * FROM chunks WHERE (review_id, document_id) IN "
                                   f"(VALUES {marks}) ORDER BY document_id, ord", keys):
            chunk = ChunkRow(**dict(row))
            out[(chunk.review_id, chunk.document_id)].append(chunk)
        return out

    def document_line(self, key: str, start: int, end: int, reach: int = 400) -> str:
        """The line of a document's text (the document by its ``key``) that holds characters
        [start, end), read within ``reach`` characters either side; "" for an unknown key."""
        low = max(0, start - reach)
        row = self.db.execute("SELECT substr(text, ?, ?) FROM documents WHERE key = ?",
                              (low + 1, end + reach - low, key)).fetchone()
        if not row:
            return ""
        window, first, last = str(row[0]), start - low, end - low
        stop = window.find("\n", last)
        return window[window.rfind("\n", 0, first) + 1:stop if stop >= 0 else len(window)]

    def document_slice(self, document_id: int, start: int, end: int) -> str:
        """Characters [start, end) of a document's text."""
        row = self.db.execute("SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
                              (start + 1, end - start, document_id)).fetchone()
        return str(row[0]) if row else ""

    def _select_in(self, select: str, column: str, keys: Sequence[Any]) -> list[sqlite3.Row]:
        """``select WHERE column IN keys``, in the order of ``keys`` (unknown keys skipped)."""
        found: dict[Any, sqlite3.Row] = {}
        for i in range(0, len(keys), 900):  # stay under SQLite's bound-parameter limit
            part = keys[i:i + 900]
            marks = ",".join("?" * len(part))
            for r in self.db.execute(f"{select} WHERE {column} IN ({marks})", part):
                found[r[column]] = r
        return [found[k] for k in keys if k in found]

    def counts(self) -> dict[str, int]:
        """Documents, reviews (other documents not counted), other documents, chunks and
        resources."""
        def count(table: str, where: str = "") -> int:
            return int(self.db.execute(f"SELECT count(*) FROM {table} {where}").fetchone()[0])

        return {"documents": count("documents"),
                "reviews": count("reviews", "WHERE kind = 'review'"),
                "other_documents": count("reviews", "WHERE kind = 'document'"),
                "chunks": count("chunks"), "resources": count("resources")}

    # -- lexical search (FTS5, BM25) ----------------------------------------------------------

    def bm25(self, terms: Sequence[str], depth: int, filters: Filters | None = None,
             within: Collection[int] | None = None) -> list[int]:
        """Chunk ids holding any of ``terms`` (porter-stemmed words, matched as quoted FTS5
        strings, so no query syntax is ever interpreted), best BM25 first, text weighted
        above the context header, at most ``depth``; of the chunks ``within`` (ids: a
        question's scope or the user's filters, worked out already) where given, else of
        the reviews passing ``filters``. The ids ``within`` are a scratch table each match
        is looked up in: joining each match to its chunk and review to test the filters
        took 0.3 s at 100,000 chunks, this 0.04 s."""
        if not terms:
            return []
        match = _any_of(terms)
        if within is not None:
            db = self.db
            db.execute("CREATE TEMP TABLE IF NOT EXISTS rqa_within(id INTEGER PRIMARY KEY)")
            db.execute("DELETE FROM temp.rqa_within")
            db.executemany("INSERT INTO temp.rqa_within(id) VALUES (?)",
                           ((int(cid),) for cid in within))
            return [r[0] for r in db.execute(
                "SELECT f.rowid FROM chunks_fts f JOIN temp.rqa_within w ON w.id = f.rowid"
                " WHERE chunks_fts MATCH ? ORDER BY bm25(chunks_fts, 1.0, 0.6) LIMIT ?",
                (match, depth))]
        where, params = _filter_sql(filters)
        if where:
            sql = ("SELECT c.id FROM chunks_fts f JOIN chunks c ON c.id = f.rowid"
                   " JOIN reviews r ON r.id = c.review_id"
                   f" WHERE chunks_fts MATCH ? {where}"
                   " ORDER BY bm25(chunks_fts, 1.0, 0.6) LIMIT ?")
        else:  # no join: half the time on a large corpus
            sql = ("SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ?"
                   " ORDER BY bm25(chunks_fts, 1.0, 0.6) LIMIT ?")
        return [r[0] for r in self.db.execute(sql, (match, *params, depth))]

    def chunks_holding(self, term_groups: Sequence[Sequence[str]],
                       chunk_ids: Sequence[int]) -> list[set[int]]:
        """For each group of terms, those of ``chunk_ids`` that hold any of its terms, matched
        as a search matches them (porter stems, text or header). The chunks are copied into a
        scratch FTS5 table in this connection's temp schema, so that each match reads a few
        passages, not the corpus's lists (matching the index with the ids as a constraint
        took 15 ms a question)."""
        if not chunk_ids:
            return [set() for _ in term_groups]
        db = self.db
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.rqa_passages"
                   " USING fts5(text, header, content='', tokenize='porter unicode61')")
        db.execute("INSERT INTO temp.rqa_passages(rqa_passages) VALUES ('delete-all')")
        ids = list(dict.fromkeys(chunk_ids))
        for start in range(0, len(ids), 500):  # within SQLite's bound-parameter limit
            part = ids[start:start + 500]
            db.execute("INSERT INTO temp.rqa_passages(rowid, text, header) SELECT id, text, header"
                       f" FROM chunks WHERE id IN ({', '.join('?' * len(part))})", part)
        return [{r[0] for r in db.execute("SELECT rowid FROM temp.rqa_passages"
                                          " WHERE rqa_passages MATCH ?", (_any_of(terms),))}
                if terms else set() for terms in term_groups]

    def chunk_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM chunks").fetchone()[0])

    def term_chunk_counts(self, terms: Sequence[str]) -> list[int]:
        """How many chunks hold each term, compared by FTS5's own porter stems (read from a
        scratch FTS5 table in this connection's temp schema)."""
        db = self.db
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.rqa_vocab"
                   " USING fts5vocab(main, chunks_fts, 'row')")
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.rqa_words"
                   " USING fts5(w, tokenize='porter unicode61')")
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.rqa_stems"
                   " USING fts5vocab(temp, rqa_words, 'instance')")
        db.execute("DELETE FROM temp.rqa_words")
        db.executemany("INSERT INTO temp.rqa_words(rowid, w) VALUES (?, ?)", list(enumerate(terms)))
        stems = dict(db.execute("SELECT doc, term FROM temp.rqa_stems").fetchall())
        counts = []
        for i in range(len(terms)):
            stem = stems.get(i)
            row = None if stem is None else db.execute(
                "SELECT doc FROM temp.rqa_vocab WHERE term = ?", (stem,)).fetchone()
            counts.append(int(row[0]) if row else 0)
        return counts

    def reviews_holding(self, terms: Sequence[str]) -> set[str]:
        """The ids of the reviews with a passage holding any of ``terms`` (words or phrases,
        matched as a search matches them)."""
        if not terms:
            return set()
        return {r[0] for r in self.db.execute(
            "SELECT DISTINCT c.review_id FROM chunks_fts f JOIN chunks c ON c.id = f.rowid"
            " WHERE chunks_fts MATCH ?", (_any_of(terms),))}

    def texts_holding(self, terms: Sequence[str], limit: int = 100) -> list[str]:
        """The texts of the chunks holding any of ``terms`` (words or phrases, matched as a
        search matches them), at most ``limit``."""
        if not terms:
            return []
        return [r[0] for r in self.db.execute(
            "SELECT c.text FROM chunks_fts f JOIN chunks c ON c.id = f.rowid"
            " WHERE chunks_fts MATCH ? LIMIT ?", (_any_of(terms), limit))]

    def match_count(self, terms: Sequence[str]) -> int:
        """How many chunks hold any of ``terms`` (words or phrases, matched as a search
        matches them)."""
        if not terms:
            return 0
        return int(self.db.execute("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?",
                                   (_any_of(terms),)).fetchone()[0])


def _any_of(terms: Sequence[str]) -> str:
    """An FTS5 query matching any of ``terms``, each a quoted string: never query syntax."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _filter_sql(filters: Filters | None) -> tuple[str, list]:
    """An ``AND ...`` clause (or "") and its parameters, for a query that joins ``reviews r``."""
    if filters is None or filters.empty:
        return "", []
    clauses: list[str] = []
    params: list[object] = []
    if filters.year_from is not None:
        clauses.append("r.year >= ?")
        params.append(filters.year_from)
    if filters.year_to is not None:
        clauses.append("r.year <= ?")
        params.append(filters.year_to)
    if filters.area:
        clauses.append("lower(r.area) = lower(?)")
        params.append(filters.area)
    if filters.review_type:
        clauses.append("instr(lower(r.type), lower(?)) > 0")
        params.append(filters.review_type)
    if filters.theme:
        # A theme matches its synonyms and the corpus's variants too (taxonomy.json):
        # "domestic abuse" finds reviews tagged "partner violence" or "family violence".
        terms = theme_filter_terms(filters.theme)
        clauses.append("EXISTS (SELECT 1 FROM json_each(r.keywords) k WHERE "
                       + " OR ".join(["instr(lower(k.value), ?) > 0"] * len(terms)) + ")")
        params.extend(terms)
    return " AND " + " AND ".join(clauses), params


def merge_meta(metas: list[ReviewMeta]) -> ReviewMeta:
    """One review's metadata from several sources: first value per field, union of lists.
    Each field keeps the source of the value it took (for a union, the first source that
    contributed to it)."""
    sources: dict[str, FieldSource] = {}

    def first(attr: str):
        for m in metas:
            if getattr(m, attr):
                if attr in m.sources:
                    sources[attr] = m.sources[attr]
                return getattr(m, attr)
        return None

    def union(attr: str) -> list[str]:
        seen: dict[str, str] = {}
        for m in metas:
            for value in getattr(m, attr):
                seen.setdefault(value.strip().lower(), value.strip())
            if seen and attr not in sources and attr in m.sources:
                sources[attr] = m.sources[attr]
        return list(seen.values())

    if "title" in metas[0].sources:
        sources["title"] = metas[0].sources["title"]
    merged = ReviewMeta(title=metas[0].title, area=first("area"), year=first("year"),
                        review_type=first("review_type"), authors=union("authors"),
                        child_age=first("child_age"), keywords=union("keywords"),
                        summary=first("summary"), kind=metas[0].kind)
    merged.sources = sources
    return merged


def _in_document(meta: ReviewMeta, document_key: str) -> ReviewMeta:
    """``meta`` with its sources naming the document they belong to (whose text holds the
    span, whose manifest entry or file name gave the value)."""
    return replace(meta, sources={name: replace(src, document=document_key)
                                  for name, src in meta.sources.items()})


def _sources_json(sources: dict[str, FieldSource]) -> str:
    return json.dumps({name: {k: v for k, v in vars(src).items() if v is not None}
                       for name, src in sources.items()})


def _document_row(row: sqlite3.Row) -> DocumentRow:
    return DocumentRow(id=row["id"], key=row["key"], path=row["path"], name=row["name"],
                       title=row["title"], kind=row["kind"], publisher=row["publisher"],
                       date=row["date"], format=row["format"], sha256=row["sha256"],
                       paged=bool(row["paged"]),
                       provenance=json.loads(row["provenance"]) if row["provenance"] else {})


def _review_row(row: sqlite3.Row) -> ReviewRow:
    return ReviewRow(id=row["id"], title=row["title"], area=row["area"], year=row["year"],
                     type=row["type"], authors=json.loads(row["authors"]),
                     child_age=row["child_age"], keywords=json.loads(row["keywords"]),
                     summary=row["summary"], kind=row["kind"],
                     sources={name: FieldSource.from_json(src)
                              for name, src in json.loads(row["sources"]).items()})
