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


def fts_query(question: str) -> str | None:
    """The FTS5 MATCH expression for a question, or None when it has no searchable word."""
    words = [w.lower() for w in _WORD.findall(question)]
    terms = list(dict.fromkeys(w for w in words if w not in STOPWORDS and len(w) > 1))
    if not terms:
        terms = list(dict.fromkeys(w for w in words if len(w) > 1))
    if not terms:
        return None
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms[:64])


def lexical_search(db: sqlite3.Connection, question: str, depth: int,
                   filters: Filters | None = None) -> list[int]:
    """Chunk ids ranked by BM25 (text weighted above the context header)."""
    match = fts_query(question)
    if match is None:
        return []
    where, params = filter_sql(filters)
    rows = db.execute(
        "SELECT c.id FROM chunks_fts f JOIN chunks c ON c.id = f.rowid"
        " JOIN reviews r ON r.id = c.review_id"
        f" WHERE chunks_fts MATCH ? {where}"
        " ORDER BY bm25(chunks_fts, 1.0, 0.6) LIMIT ?",
        (match, *params, depth)).fetchall()
    return [r[0] for r in rows]
