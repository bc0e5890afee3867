"""Lexical search: SQLite FTS5 with BM25, where the question's words are data, never syntax.

Each word becomes a quoted FTS5 string ("word"), joined with OR, so quotes, ``*``,
``NEAR``, ``AND``/``OR``/``NOT`` and parentheses in a question are matched as words or
dropped, never interpreted.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

from reviewqa.corpus.store import Store
from reviewqa.corpus.taxonomy import phrases_holding
from reviewqa.corpus.text import IRREGULAR_PLURALS, words
from reviewqa.corpus.types import Filters

STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself no nor not now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which
while who whom whose why will with would you your yours yourself yourselves tell show find give
please reviews review case cases went wrong happened happen say says said know example examples
within across among amongst upon also many actually really basically made ok okay
specifically particularly especially came come comes ever ve re ll stuff
""".split())  # ("came": "What recommendations came out of the Samuel, Shay and Joy practice
# review?" had "came" for a topic, and quoted four lines, not its eight recommendations;
# "many": "how many children have died?" quoted "many missed appointments"; "made":
# "which reviews made no recommendations at all?" led with "made aware"; "ok what
# recommendations were made" after the Sameer case searched "ok", and all reviews;
# "specifically": "for PB specifically, what were agencies told to do?" had a topic, and
# quoted PB's case before its recommendations; "ever", and the ends of "who've", "they're",
# "we'll": "was the LADO ever involved ...?" and "... young people who've been sexually
# assaulted ..." were each told that no passage uses "ever" or "ve")


# Words that ask about the reviews rather than name a topic ("which reviews mention..."), or
# say what a trainer wants them for ("for a session on cross-border working": no passage
# says "session", and the note said so).
FRAMING = frozenset("""mention mentions mentioned mentioning discuss discusses discussed talk talks
talking involve involves involving involved cover covers covered feature features featured
refer refers referred look looks looked looking examine examines examined examining
anything something everything list lists listing summarise summarize summarising summarizing explain
explains describe describes impact impacts effect effects affect affects affected affecting
role roles importance compare compared comparing comparison contrast vs versus
live lives living lived
session sessions slot slide slides workshop workshops module modules bullet bullets
proportion proportions percentage percentages percent fraction altogether total totals overall nationally
narrow narrows narrowed narrowing""".split())
CONTRACTIONS = tuple("""won't don't didn't doesn't isn't aren't wasn't weren't couldn't
wouldn't shouldn't hasn't haven't hadn't can't mustn't needn't""".split())
# What is left of a contraction once indexed ("won't": "won"; "can" is a stopword already):
# searched, as passages say "didn't" too, but no topic ("families who just won't engage" said
# no passage uses "won"; "the police didn't pass on information" quoted Baby Bailey's mother
# who "didn't present for antenatal care").
CONTRACTED = frozenset(c.split("'")[0] for c in CONTRACTIONS) - STOPWORDS
# Prefixes a word written as one may be hyphenated after where the reviews write it
# ("postnatal": "post-natal"); only these, so that an unseen "notable" is not "no table".
SPLIT_PREFIXES = frozenset("""ante anti co counter cross ex inter mid multi non over post pre
re self semi step sub under""".split())


_SINGULARS = {single: plural for plural, single in IRREGULAR_PLURALS.items()}


def word_forms(word: str) -> list[str]:
    """The plural or singular the stemmer does not join to ``word`` ("knife": "knives"),
    searched with it."""
    partner = IRREGULAR_PLURALS.get(word) or _SINGULARS.get(word)
    return [partner] if partner else _EVERYDAY_WORDS.get(word, [])


# Everyday words, searched as the reviews write them (BM25 only: mum and dad searched in the
# dense query too, as a glossary entry, cost tune paraphrase MRR@10 0.701 -> 0.672; here they
# lift it to 0.712, and the whole tune split 0.824 -> 0.828, coverage 0.895 -> 0.898).
_EVERYDAY_WORDS = {"mum": ["mother"], "mums": ["mothers"], "mummy": ["mother"], "dad": ["father"],
                   "dads": ["fathers"], "daddy": ["father"], "kid": ["child"], "kids": ["children"],
                   "info": ["information"]}


# Verb forms the porter stemmer parts: "died" and "dies" stem to "di", "die" to "die" and
# "dying" to "dy". They count as the word where the answer says which words no passage
# uses ("how did Child G die?" was told none uses "die"), but are not searched with it:
# every passage that says "died" then outranked Child K's "drowned" for "a child dying
# from drowning".
_VERB_FORMS = {"die": "died", "dying": "died"}


# Words the porter stemmer joins to a commoner word of another sense, and the theme whose
# sense they have: "missing" (a child who went missing) stems as "missed" does, and reviews
# say "missed opportunities" ("children going missing from care" found those). Where the
# question names the theme, the word is searched in the theme's phrases that hold it
# ("went missing", "missing from home"); "kept missing appointments" is searched as is.
SHARED_STEMS = {"missing": "missing children"}


def search_forms(term: str, question: str) -> list[str]:
    """What one of the question's words is searched as: the word and its irregular plural
    or singular, or, for a word of SHARED_STEMS in a question naming its theme, the
    theme's phrases that hold it."""
    if term in SHARED_STEMS and (phrases := phrases_holding(term, SHARED_STEMS[term], question)):
        return phrases
    return [term, *word_forms(term)]


def query_terms(question: str) -> list[str]:
    """The question's searchable words, lower-cased, without stopwords (unless that leaves
    nothing), in order, at most 64."""
    all_words = words(question)
    terms = list(dict.fromkeys(w for w in all_words if w not in STOPWORDS and len(w) > 1))
    if not terms:
        terms = list(dict.fromkeys(w for w in all_words if len(w) > 1))
    return terms[:64]


def side_by_side(question: str, searched: Collection[str]) -> list[str]:
    """Each two of the ``searched`` words that stand side by side in the question, as a
    phrase ("what did reviews say about young carers?": "young carers")."""
    said = words(question)
    return list(dict.fromkeys(f"{a} {b}" for a, b in zip(said, said[1:], strict=False)
                              if a != b and a in searched and b in searched))


class LexicalSearch:
    """BM25 search over the store's FTS5 table (:meth:`Store.bm25`).

    On a large corpus, words found in more than COMMON_SHARE of all chunks are left out of
    the query: their BM25 weight is next to nothing, yet each one makes SQLite score most
    of the corpus (0.25 s a question at 100,000 chunks).
    """

    COMMON_SHARE = 0.2
    MIN_CHUNKS = 2000  # below this, every word is kept: scoring all matches is cheap
    RAREST_FACTOR = 2  # see rarest

    def __init__(self, store: Store):
        self.store = store
        self.total = store.chunk_count()
        self._doc_counts: dict[str, int] = {}
        self._phrase_counts: dict[tuple[str, ...], int] = {}

    def search(self, question: str, depth: int, filters: Filters | None = None,
               extra_terms: Sequence[str] = (),
               within: Collection[int] | None = None) -> list[tuple[int, float]]:
        """(chunk id, coverage), best first: the chunks BM25 ranks first (text weighted above
        the context header), those that hold more of the question's words by weight
        (:meth:`coverage`) moved before those that hold fewer, where the question has two or
        more words the index holds. BM25 alone ranked a passage of Baby Sama's report that
        says "father" seven times above Baby J's "head injuries associated with being shaken"
        for "babies shaken by their fathers"; a lay question's common words let passages that
        repeat one of them crowd out those that hold several.

        ``extra_terms`` (words or phrases, e.g. a theme's synonyms) are searched beside the
        question's words, and weigh in BM25 alone: where the question has one word the index
        holds ("what went well?": "well"; "the impact of poverty": "impact"), BM25's order is
        kept, or the passages only they find ("good practice", "deprived area") would come
        last. ``within`` searches only those chunks (those of the reviews a question's own place
        or years confine it to, and of the user's filters): BM25 among them, not a pool of
        the best overall filtered afterwards, which at 100,000 chunks could hold none of a
        place's few hundred.

        The first chunk's coverage says how far BM25 can be trusted: a question whose every
        rare word sits in one passage ("the Child K review", "GPs") is one BM25 answers well;
        a lay paraphrase that shares only common words with the reviews is one where BM25's
        list is noise that drags dense-found passages down.

        Each two searched words side by side in the question are searched as a phrase
        too, so that a passage saying them together outranks one that says them apart:
        "young carers" found foster carers of young children, and Merton's "young carers
        were not always recognised" tenth."""
        asked = query_terms(question)
        informative = self._informative(asked)
        terms = list(dict.fromkeys(form for t in informative
                                   for form in search_forms(t, question)))
        extra = [t.lower() for t in extra_terms if t.lower() not in terms]
        extra += [pair for pair in side_by_side(question, informative) if pair not in extra]
        ids = self.store.bm25(terms + extra, depth, filters, within=within)
        seen = len(asked) - len(self.unseen(asked))
        # a question in words no passage holds ("s47") is measured by the terms searched for it
        held = self.coverage(question if seen or not extra else " ".join(extra), ids)
        if seen < 2:
            return list(held.items())
        return sorted(held.items(), key=lambda item: -item[1])  # stable: BM25's order among equals

    def coverage(self, question: str, chunk_ids: Sequence[int]) -> dict[int, float]:
        """For each chunk, the share of the question's IDF mass (BM25's term weights) whose
        terms it holds, a word's irregular plural or singular counting as the word."""
        held = dict.fromkeys(chunk_ids, 0.0)
        terms = query_terms(question)
        if not terms or not held:
            return held
        groups = [search_forms(t, question) for t in terms]
        idf = self._idf(terms, groups)
        total = sum(idf)
        holders = self.store.chunks_holding(groups, chunk_ids)
        for weight, chunks in zip(idf, holders, strict=True):
            for cid in chunks:
                held[cid] += weight / total
        return held

    @staticmethod
    def topic_terms(question: str) -> list[str]:
        """The question's words that name its topic: not numbers, nor the words that frame a
        question ("which reviews mention..."), nor a contraction's remnant ("won")."""
        return [t for t in query_terms(question)
                if not t.isdigit() and t not in FRAMING and t not in CONTRACTED]

    def rarest(self, question: str) -> list[str]:
        """The question's rarest topic words (:meth:`topic_terms`): those held by no more than
        RAREST_FACTOR times as many passages as the word the fewest hold, one at least ("dates"
        and "chronology" of "how should dates of incidents be recorded in a multi-agency
        chronology?", 10 and 11 of 351; "premature" alone of "premature babies"). None where
        that is every word the passages hold: no word of "school nurses" is rarer than the
        other."""
        terms = self.topic_terms(question)
        self._count(terms)
        held = {t: self._doc_counts[t] for t in terms if self._doc_counts[t]}
        least = min(held.values(), default=0)
        rarest = [t for t, count in held.items() if count <= self.RAREST_FACTOR * least]
        return rarest if len(rarest) < len(held) else []

    def unseen(self, terms: Sequence[str]) -> list[str]:
        """Those of ``terms`` that no passage holds, compared by stem, in none of their
        :func:`word_forms` nor verb forms."""
        forms = {t: [t, *word_forms(t), *([_VERB_FORMS[t]] if t in _VERB_FORMS else [])]
                 for t in terms}
        self._count([f for fs in forms.values() for f in fs])
        return [t for t in terms if not any(self._doc_counts[f] for f in forms[t])]

    def unheld(self, phrases: Sequence[str]) -> list[str]:
        """Those of ``phrases`` that no passage holds word for word, as a search matches
        words (by stem)."""
        return [p for p in phrases if not self._phrase_count((p,))]

    def unseen_compounds(self, compounds: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
        """Those of ``compounds`` (a hyphenated word's two parts) that no passage holds as
        one word: neither hyphenated, side by side, nor written as one."""
        return [(a, b) for a, b in compounds if not self._phrase_count((f"{a} {b}", a + b))]

    def held_apart(self, word: str) -> str | None:
        """``word``, which no passage holds, as the two words hyphenated that passages do hold
        side by side ("postnatal": "post-natal"), where its first part is a prefix of
        :data:`SPLIT_PREFIXES` ("postnatal depression" was said to use a word no passage holds
        and was searched by meaning alone); None where no such split is held."""
        for i in range(2, len(word) - 2):
            first, rest = word[:i], word[i:]
            if first in SPLIT_PREFIXES and self._phrase_count((f"{first} {rest}",)):
                return f"{first}-{rest}"
        return None

    def _idf(self, terms: list[str], groups: list[list[str]]) -> list[float]:
        """BM25's inverse document frequency of each term, from FTS5's own counts; a term
        searched as phrases (:func:`search_forms`) counts the chunks holding any of them."""
        self._count(terms)
        n = max(1, self.total)
        counts = [self._phrase_count(tuple(g)) if " " in g[0] else self._doc_counts[t]
                  for t, g in zip(terms, groups, strict=True)]
        return [math.log((n - c + 0.5) / (c + 0.5) + 1.0) for c in counts]

    def _phrase_count(self, phrases: tuple[str, ...]) -> int:
        if phrases not in self._phrase_counts:
            self._phrase_counts[phrases] = self.store.match_count(phrases)
        return self._phrase_counts[phrases]

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
