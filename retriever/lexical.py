"""Lexical search: SQLite FTS5 with BM25, where the question's words are data, never syntax.

Each word becomes a quoted FTS5 string ("word"), joined with OR, so quotes, ``*``,
``NEAR``, ``AND``/``OR``/``NOT`` and parentheses in a question are matched as words or
dropped, never interpreted.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reviewqa.corpus.store import Store
from reviewqa.corpus.text import IRREGULAR_PLURALS, words
from reviewqa.corpus.types import Filters

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


# Words that ask about the reviews rather than name a topic ("which reviews mention...").
FRAMING = frozenset("""mention mentions mentioned discuss discusses discussed talk talks
talking involve involves involving involved cover covers covered feature features featured
refer refers referred look looks looked looking examine examines examined examining
anything something""".split())


_SINGULARS = {single: plural for plural, single in IRREGULAR_PLURALS.items()}


def word_forms(word: str) -> list[str]:
    """The plural or singular the stemmer does not join to ``word`` ("knife": "knives"),
    searched with it."""
    partner = IRREGULAR_PLURALS.get(word) or _SINGULARS.get(word)
    return [partner] if partner else []


def query_terms(question: str) -> list[str]:
    """The question's searchable words, lower-cased, without stopwords (unless that leaves
    nothing), in order, at most 64."""
    all_words = words(question)
    terms = list(dict.fromkeys(w for w in all_words if w not in STOPWORDS and len(w) > 1))
    if not terms:
        terms = list(dict.fromkeys(w for w in all_words if len(w) > 1))
    return terms[:64]


class LexicalSearch:
    """BM25 search over the store's FTS5 table (:meth:`Store.bm25`).

    On a large corpus, words found in more than COMMON_SHARE of all chunks are left out of
    the query: their BM25 weight is next to nothing, yet each one makes SQLite score most
    of the corpus (0.25 s a question at 100,000 chunks).
    """

    COMMON_SHARE = 0.2
    MIN_CHUNKS = 2000  # below this, every word is kept: scoring all matches is cheap

    def __init__(self, store: Store):
        self.store = store
        self.total = store.chunk_count()
        self._doc_counts: dict[str, int] = {}

    def search(self, question: str, depth: int, filters: Filters | None = None,
               extra_terms: Sequence[str] = ()) -> list[int]:
        """Chunk ids ranked by BM25 (text weighted above the context header). ``extra_terms``
        (words or phrases, e.g. a theme's synonyms) are searched beside the question's words."""
        terms = self._informative(query_terms(question))
        terms += [form for t in terms for form in word_forms(t) if form not in terms]
        extra = [t.lower() for t in extra_terms if t.lower() not in terms]
        return self.store.bm25(terms + extra, depth, filters)

    def confidence(self, question: str, top_chunk: int | None) -> float:
        """How much of the question the best lexical match holds: the share of the question's
        IDF mass (BM25's term weights) whose terms occur in ``top_chunk`` (0 when none).

        A question whose every rare word sits in one passage ("the Child K review", "GPs")
        is one BM25 answers well; a lay paraphrase that shares only common words with the
        reviews is one where BM25's list is noise that drags dense-found passages down."""
        terms = query_terms(question)
        if top_chunk is None or not terms:
            return 0.0
        idf = dict(zip(terms, self._idf(terms), strict=True))
        present = [here or any(self.store.terms_in_chunk(top_chunk, word_forms(t)))
                   for t, here in zip(terms, self.store.terms_in_chunk(top_chunk, terms), strict=True)]
        total = sum(idf.values())
        return sum(idf[t] for t, here in zip(terms, present, strict=True) if here) / total if total else 0.0

    @staticmethod
    def topic_terms(question: str) -> list[str]:
        """The question's words that name its topic: not numbers, nor the words that frame a
        question ("which reviews mention...")."""
        return [t for t in query_terms(question) if not t.isdigit() and t not in FRAMING]

    def unseen(self, terms: Sequence[str]) -> list[str]:
        """Those of ``terms`` that no passage holds, compared by stem."""
        self._count(list(terms))
        return [t for t in terms if not self._doc_counts[t]]

    def _idf(self, terms: list[str]) -> list[float]:
        """BM25's inverse document frequency of each term, from FTS5's own counts."""
        self._count(terms)
        n = max(1, self.total)
        return [math.log((n - self._doc_counts[t] + 0.5) / (self._doc_counts[t] + 0.5) + 1.0)
                for t in terms]

    def _count(self, terms: list[str]) -> None:
        unknown = [t for t in dict.fromkeys(terms) if t not in self._doc_counts]
        if unknown:
            self._doc_counts.update(zip(unknown, self.store.term_chunk_counts(unknown), strict=True))

    def _informative(self, terms: list[str]) -> list[str]:
        """The terms minus the too common ones; the rarest one if all are common."""
        if self.total < self.MIN_CHUNKS or not terms:
            return terms
        self._count(terms)
        kept = [t for t in terms if self._doc_counts[t] <= self.COMMON_SHARE * self.total]
        return kept or [min(terms, key=self._doc_counts.__getitem__)]
