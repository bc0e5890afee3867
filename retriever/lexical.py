"""Lexical search: SQLite FTS5 with BM25, where the question's words are data, never syntax.

Each word becomes a quoted FTS5 string ("word"), joined with OR, so quotes, ``*``,
``NEAR``, ``AND``/``OR``/``NOT`` and parentheses in a question are matched as words or
dropped, never interpreted.
"""

from __future__ import annotations

import re
import sqlite3

from .filters import filter_sql
from .types import Filters

STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself no nor not now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves tell show find give
please reviews review case cases went wrong happened happen say says said know example examples
""".split())

_WORD = re.compile(r"\w+", re.UNICODE)


def query_terms(question: str) -> list[str]:
    """The question's searchable words, lower-cased, without stopwords (unless that leaves
    nothing), in order, at most 64."""
    words = [w.lower() for w in _WORD.findall(question)]
    terms = list(dict.fromkeys(w for w in words if w not in STOPWORDS and len(w) > 1))
    if not terms:
        terms = list(dict.fromkeys(w for w in words if len(w) > 1))
    return terms[:64]


class LexicalSearch:
    """BM25 search over the store's FTS5 table.

    On a large corpus, words found in more than COMMON_SHARE of all chunks are left out of
    the query: their BM25 weight is next to nothing, yet each one makes SQLite score most
    of the corpus (0.25 s a question at 100,000 chunks). Words are compared by FTS5's own
    porter stems, read from a scratch FTS5 table in the connection's temp schema.
    """

    COMMON_SHARE = 0.2
    MIN_CHUNKS = 2000  # below this, every word is kept: scoring all matches is cheap

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.total = db.execute("SELECT count(*) FROM chunks").fetchone()[0]
        self._doc_counts: dict[str, int] = {}
        if self.total >= self.MIN_CHUNKS:
            db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.rqa_vocab"
                       " USING fts5vocab(main, chunks_fts, 'row')")
            db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.rqa_words"
                       " USING fts5(w, tokenize='porter unicode61')")
            db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.rqa_stems"
                       " USING fts5vocab(temp, rqa_words, 'instance')")

    def search(self, question: str, depth: int, filters: Filters | None = None) -> list[int]:
        """Chunk ids ranked by BM25 (text weighted above the context header)."""
        terms = self._informative(query_terms(question))
        if not terms:
            return []
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        where, params = filter_sql(filters)
        if where:
            sql = ("SELECT c.id FROM chunks_fts f JOIN chunks c ON c.id = f.rowid"
                   " JOIN reviews r ON r.id = c.review_id"
                   f" WHERE chunks_fts MATCH ? {where}"
                   " ORDER BY bm25(chunks_fts, 1.0, 0.6) LIMIT ?")
        else:  # no join: half the time on a large corpus
            sql = ("SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ?"
                   " ORDER BY bm25(chunks_fts, 1.0, 0.6) LIMIT ?")
        return [r[0] for r in self.db.execute(sql, (match, *params, depth))]

    def _informative(self, terms: list[str]) -> list[str]:
        """The terms minus the too common ones; the rarest one if all are common."""
        if self.total < self.MIN_CHUNKS or not terms:
            return terms
        counts = dict(zip(terms, self._counts(terms)))
        kept = [t for t in terms if counts[t] <= self.COMMON_SHARE * self.total]
        return kept or [min(terms, key=counts.__getitem__)]

    def _counts(self, terms: list[str]) -> list[int]:
        """How many chunks hold each term (by its stem); cached per stem."""
        self.db.execute("DELETE FROM temp.rqa_words")
        self.db.executemany("INSERT INTO temp.rqa_words(rowid, w) VALUES (?, ?)",
                            list(enumerate(terms)))
        stems = dict(self.db.execute("SELECT doc, term FROM temp.rqa_stems"))
        counts = []
        for i in range(len(terms)):
            stem = stems.get(i)
            if stem is None:
                counts.append(0)
                continue
            if stem not in self._doc_counts:
                row = self.db.execute("SELECT doc FROM temp.rqa_vocab WHERE term = ?",
                                      (stem,)).fetchone()
                self._doc_counts[stem] = row[0] if row else 0
            counts.append(self._doc_counts[stem])
        return counts
