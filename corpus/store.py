"""SQLite, the store of record: documents, reviews, their sources, chunks and an FTS5 index.

One file (``store.sqlite3`` in the index folder). Every change to a document happens in
one transaction, so a failure part-way leaves the previous state intact. Reviews are
shared between documents: ``review_sources`` links a review to each document entry that
describes it, with that entry's own metadata, and the review's row holds the merge.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .types import ReviewMeta, review_label

SCHEMA_VERSION = "1"

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
    summary     TEXT
);
CREATE TABLE IF NOT EXISTS review_sources (
    review_id   TEXT NOT NULL REFERENCES reviews(id),
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,          -- entry number within the document
    label       TEXT NOT NULL,
    title_key   TEXT NOT NULL,             -- normalised title, to find the same review elsewhere
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    meta        TEXT NOT NULL,             -- JSON ReviewMeta as this document gives it
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
CREATE INDEX IF NOT EXISTS chunks_review ON chunks(review_id);
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

    @property
    def label(self) -> str:
        """'Child K (Rochdale, 2017)'; what the sources do not state is left out."""
        return review_label(self.title, self.area, self.year)


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


def chunk_hex(chunk_id: int) -> str:
    """The public form of a chunk id: 16 hex digits (JSON-safe, unlike a 63-bit integer)."""
    return f"{chunk_id:016x}"


class Store:
    """The SQLite store. Use as a context manager or call :meth:`close`."""

    FILENAME = "store.sqlite3"

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.executescript(SCHEMA)
        self._set_default("schema_version", SCHEMA_VERSION)

    @classmethod
    def open(cls, index_dir: Path) -> Store:
        return cls(Path(index_dir) / cls.FILENAME)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and settings ------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing: commits on success, rolls back on any exception."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

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
        return self.db.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()[0]

    def insert_document(self, *, key: str, path: str, name: str, title: str, kind: str | None,
                        publisher: str | None, date: str | None, provenance: dict | None,
                        format: str, sha256: str, paged: bool, text: str) -> int:
        cur = self.db.execute(
            "INSERT INTO documents(key, path, name, title, kind, publisher, date, provenance,"
            " format, sha256, paged, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (key, path, name, title, kind, publisher, date,
             json.dumps(provenance) if provenance else None, format, sha256, int(paged), text))
        return int(cur.lastrowid)

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

    # -- reviews ----------------------------------------------------------------------------

    def review(self, review_id: str) -> ReviewRow | None:
        row = self.db.execute("SELECT * FROM reviews WHERE id = ?", (review_id,)).fetchone()
        return _review_row(row) if row else None

    def reviews(self) -> list[ReviewRow]:
        return [_review_row(r) for r in self.db.execute(
            "SELECT * FROM reviews ORDER BY year DESC, area, title")]

    def review_candidates(self, title_key: str) -> list[tuple[str, ReviewMeta, str]]:
        """Sources already stored under the normalised title ``title_key``: (review id, meta, text)."""
        rows = self.db.execute(
            "SELECT s.review_id, s.meta, substr(d.text, s.start + 1, s.end - s.start)"
            " FROM review_sources s JOIN documents d ON d.id = s.document_id"
            " WHERE s.title_key = ? ORDER BY d.id, s.ord", (title_key,))
        return [(r[0], ReviewMeta(**json.loads(r[1])), r[2]) for r in rows]

    def new_review_id(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``... whichever is free."""
        candidate, n = base, 1
        while self.db.execute("SELECT 1 FROM reviews WHERE id = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def add_review_source(self, review_id: str, document_id: int, ord: int, label: str,
                          title_key: str, start: int, end: int, meta: ReviewMeta) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO reviews(id, title) VALUES (?, ?)", (review_id, meta.title))
        self.db.execute(
            "INSERT INTO review_sources(review_id, document_id, ord, label, title_key, start, end,"
            " meta) VALUES (?,?,?,?,?,?,?,?)",
            (review_id, document_id, ord, label, title_key, start, end, json.dumps(asdict(meta))))
        self.refresh_review(review_id)

    def refresh_review(self, review_id: str) -> None:
        """Recomputes a review's merged metadata from its sources (deletes it if none remain).

        Full reports and briefs ('single' documents, which describe one review at length)
        come first, then documents in ingestion order; each field takes the first value
        given; keywords and authors are the union.
        """
        sources = self.db.execute(
            "SELECT s.meta FROM review_sources s JOIN documents d ON d.id = s.document_id"
            " WHERE s.review_id = ? ORDER BY (SELECT count(*) FROM review_sources x"
            " WHERE x.document_id = d.id) ASC, d.id", (review_id,)).fetchall()
        if not sources:
            self.db.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            return
        metas = [ReviewMeta(**json.loads(r[0])) for r in sources]
        merged = merge_meta(metas)
        self.db.execute(
            "UPDATE reviews SET title=?, area=?, year=?, type=?, authors=?, child_age=?,"
            " keywords=?, summary=? WHERE id=?",
            (merged.title, merged.area, merged.year, merged.review_type,
             json.dumps(merged.authors), merged.child_age, json.dumps(merged.keywords),
             merged.summary, review_id))

    def review_sources(self, review_id: str) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT s.*, d.name AS document_name, d.key AS document_key, d.title AS document_title"
            " FROM review_sources s JOIN documents d ON d.id = s.document_id"
            " WHERE s.review_id = ? ORDER BY d.name, s.ord", (review_id,)).fetchall()

    def document_reviews(self, document_id: int) -> list[sqlite3.Row]:
        """The reviews a document describes, in document order, with their entry spans."""
        return self.db.execute(
            "SELECT r.id, r.title, r.area, r.year, r.type, s.start, s.end FROM review_sources s"
            " JOIN reviews r ON r.id = s.review_id WHERE s.document_id = ? ORDER BY s.start",
            (document_id,)).fetchall()

    def add_resource(self, document_id: int, title: str, start: int, end: int) -> None:
        self.db.execute("INSERT INTO resources(document_id, title, start, end) VALUES (?,?,?,?)",
                        (document_id, title, start, end))

    # -- chunks -------------------------------------------------------------------------------

    def insert_chunks(self, rows: Iterable[ChunkRow]) -> None:
        self.db.executemany(
            "INSERT INTO chunks(id, document_id, review_id, ord, section, locator, page, start,"
            " end, header, text) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(c.id, c.document_id, c.review_id, c.ord, c.section, c.locator, c.page, c.start,
              c.end, c.header, c.text) for c in rows])

    def chunk_ids(self) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM chunks ORDER BY id")]

    def chunks(self, ids: Iterable[int] | None = None) -> list[ChunkRow]:
        """Chunks by id (in the order asked, unknown ids skipped), or all in document order."""
        if ids is None:
            rows = self.db.execute("SELECT * FROM chunks ORDER BY document_id, ord").fetchall()
            return [ChunkRow(**dict(r)) for r in rows]
        ids = list(ids)
        found: dict[int, ChunkRow] = {}
        for i in range(0, len(ids), 900):  # stay under SQLite's bound-parameter limit
            part = ids[i:i + 900]
            marks = ",".join("?" * len(part))
            for r in self.db.execute(f"SELECT * FROM chunks WHERE id IN ({marks})", part):
                found[r["id"]] = ChunkRow(**dict(r))
        return [found[i] for i in ids if i in found]

    def counts(self) -> dict[str, int]:
        def count(table: str) -> int:
            return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

        return {"documents": count("documents"), "reviews": count("reviews"),
                "chunks": count("chunks"), "resources": count("resources")}

    def reviews_per_document(self) -> list[tuple[str, int]]:
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT d.name, count(DISTINCT s.review_id) FROM documents d"
            " LEFT JOIN review_sources s ON s.document_id = d.id GROUP BY d.id ORDER BY d.name")]


def merge_meta(metas: list[ReviewMeta]) -> ReviewMeta:
    """One review's metadata from several sources: first value per field, union of lists."""

    def first(attr: str):
        return next((getattr(m, attr) for m in metas if getattr(m, attr)), None)

    def union(attr: str) -> list[str]:
        seen: dict[str, str] = {}
        for m in metas:
            for value in getattr(m, attr):
                seen.setdefault(value.strip().lower(), value.strip())
        return list(seen.values())

    return ReviewMeta(title=metas[0].title, area=first("area"), year=first("year"),
                      review_type=first("review_type"), authors=union("authors"),
                      child_age=first("child_age"), keywords=union("keywords"),
                      summary=first("summary"))


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
                     summary=row["summary"])
