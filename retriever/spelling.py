"""A question's misspelt words, corrected to words the index holds ("neglet": neglect).

"neglet" found nothing and the answer said "No relevant passages found": BM25 has no such
word, and the model reads it in pieces. A word is taken for a misspelling only where no
passage holds it, it is at least MIN_LENGTH letters long, it is not a whole word of the
embedding model's own vocabulary (the bundled model's ``vocab.txt``: "locked", "jailed",
"kids" are words, and are left as they are, whatever the reviews say) nor one of them with a
regular ending ("scoping", "wetting"), its stem ("advertise") or after a prefix
("underplaying"), and it names no theme of the taxonomy. Its correction is the closest word,
by difflib's ratio of at least CUTOFF, of those that the taxonomy and the reviews' titles,
summaries and keywords use and some passage holds: the safeguarding words a practitioner
types, spelt as the reviews spell them. A theme's term run together ("cosleeping") is
searched as the taxonomy writes it ("co-sleeping"). The answer says what was searched in its
place.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import cache
from pathlib import Path

from reviewqa.corpus.taxonomy import (
    glossary_words,
    term_key,
    theme_terms_named,
    themes_in_query,
    written_term,
)
from reviewqa.corpus.text import words

from .lexical import CONTRACTIONS, FRAMING, STOPWORDS

MIN_LENGTH = 5
CUTOFF = 0.85
# The words a question asks with, which a correction may be too: "recomendations for
# police" was searched as typed, and said to use a word no passage holds.
ASKING_WORDS = ("recommendations", "recommendation", "recommended", "recommends", "lessons",
                "learning", "learnt", "findings", "conclusions", "summary", "summarise")
VOCAB_FILE = "vocab.txt"  # a WordPiece model's vocabulary, one token a line


@cache
def model_words(model_folder: Path) -> frozenset[str]:
    """The whole words (not "##" pieces) of a WordPiece model's vocabulary; empty where the
    model folder has none (then no word is a suspect: without the model's words, an
    everyday word the reviews do not use cannot be told from a misspelling)."""
    path = model_folder / VOCAB_FILE
    if not path.is_file():
        return frozenset()
    tokens = path.read_text(encoding="utf-8").split()
    return frozenset(t for t in tokens if t.isalpha() and t.islower())


def vocabulary_words(texts: Iterable[str]) -> list[str]:
    """The words of ``texts`` a correction may be: MIN_LENGTH letters or more, sorted."""
    return sorted({w for text in texts for w in words(text)
                   if len(w) >= MIN_LENGTH and w.isalpha()})


# The words every question is asked with, which a misspelling of says nothing of its topic
_ASKED_WITH = frozenset(STOPWORDS | FRAMING | {"review", "reviews", "report", "reports", "case", "cases"})


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter added or dropped, or two side by side swapped
    ("teh": "the", "abot": "about", "reveiw": "review"); not one letter changed, which makes
    other words of short ones ("cot": "not")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]


def misspells_an_asking_word(word: str, known: Collection[str] = ()) -> bool:
    """Whether ``word``, which no passage holds, is a misspelling of a word every question is
    asked with ("wat did teh reveiw say abot dogs" was told that no passage uses "wat",
    "teh", "reveiw" or "abot"); not a word of its own, of the ``known`` words ("hard" of
    "hard-to-engage" is not "had")."""
    return (len(word) >= 3 and word not in known
            and any(one_edit_apart(word, asked) for asked in _ASKED_WITH
                    if abs(len(asked) - len(word)) <= 1))


class Speller:
    """Corrects unseen words against the model's known words (``known``) and a vocabulary
    (``vocabulary``: the candidate words some passage holds), each read on first need, not
    when a retriever starts."""

    def __init__(self, known: Callable[[], frozenset[str]], vocabulary: Callable[[], list[str]]):
        self._known = known
        self._make_vocabulary = vocabulary
        self._vocabulary: list[str] | None = None

    def known_words(self) -> frozenset[str]:
        """The model's whole words: the words a question's word may be, spelt right."""
        return self._known()

    def suspects(self, unseen: Sequence[str], question: str = "") -> list[str]:
        """Those of the ``unseen`` words (no passage holds them) that may be misspelt: not a
        word of a taxonomy term the ``question`` names ("elective" of "elective home
        education" was searched as "reflective"), nor of an everyday phrase the glossary
        gives the reviews' terms for ("mum tried to smother her child" was searched as
        "mother", not as "suffocation")."""
        long = [w for w in unseen if len(w) >= MIN_LENGTH and w.isalpha()]
        if not long:
            return []
        known = self._known()
        termed = {w for term, _ in theme_terms_named(question) for w in words(term)}
        glossed = glossary_words(question)
        return [w for w in long if known and w not in known and not inflects(w, known)
                and not stem_of(w, known) and not prefixed(w, known)
                and w not in termed and not themes_in_query(w) and term_key(w) not in glossed]

    def corrections(self, unseen: Sequence[str], question: str = "") -> dict[str, str]:
        """Each misspelt word of ``unseen`` (of ``question``) with its correction; words
        with none are left out. A theme's term run together ("cosleeping") is written as the
        taxonomy writes it ("co-sleeping"), which is how the index holds it."""
        out = {w: term for w in unseen if (term := written_term(w)) is not None}
        suspects = self.suspects(unseen, question)
        if suspects and self._vocabulary is None:
            self._vocabulary = self._make_vocabulary()
        for word in suspects:
            if close := difflib.get_close_matches(word, self._vocabulary or [], n=1,
                                                  cutoff=CUTOFF):
                out[word] = close[0]
        return out


# Endings that make a word of the model's vocabulary another word: "scoping" (scope),
# "wetting" (wet) and "withdraws" are no misspellings of "coping", "setting" and
# "withdrawn", which they were searched as.
_ENDINGS = ("ing", "ed", "es", "s", "ers", "er", "ly")


def inflects(word: str, known: frozenset[str]) -> bool:
    """Whether ``word`` is a word of ``known`` with a regular ending ("scoping": "scope" +
    "ing", "wetting": "wet" + "t" + "ing")."""
    for ending in _ENDINGS:
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and (
                stem in known or stem + "e" in known
                or (stem[-1] == stem[-2] and stem[:-1] in known)):
            return True
    return False


def stem_of(word: str, known: frozenset[str]) -> bool:
    """Whether ``word`` is a verb whose past and "-ing" forms are words of ``known``:
    "advertise" (the model holds "advertised" and "advertising", not it) is no misspelling of
    "adverse", which "does the newsletter advertise any local training?" was searched as. A
    shorter stem is too often a misspelt word cut short ("stabb", "polic")."""
    return word.endswith("e") and word + "d" in known and word[:-1] + "ing" in known


# Prefixes that make a word of the model's vocabulary another word: "underplaying" (the
# physical risk to kids) is no misspelling of "underlying", which it was searched as, nor
# "misusing" of "missing"; what follows one is a word of five letters or more, as a shorter
# rest is too easily what is left of a misspelt word.
_PREFIXES = ("under", "over", "out", "mis", "non", "self", "counter", "inter", "multi", "anti")
_AFTER_A_PREFIX = 5


def prefixed(word: str, known: frozenset[str]) -> bool:
    """Whether ``word`` is a word of ``known`` (or one with a regular ending, see
    :func:`inflects`) after a prefix ("underplaying": "under" + "playing")."""
    return any(word.startswith(prefix) and len(rest := word[len(prefix):]) >= _AFTER_A_PREFIX
               and (rest in known or inflects(rest, known)) for prefix in _PREFIXES)


# Contractions typed without their apostrophe ("families who just wont engage"): no passage
# holds "wont" (the reviews' "won't" is indexed as "won"), and the note said so.
# and a pronoun's, whose remnant is no word either ("now theyre back together" was searched
# as "there")
_PRONOUNS_CONTRACTED = """i'm i've you're you've you'll they're they've they'll we've she's he's
that's what's there's it'll""".split()
_CONTRACTIONS = {w.replace("'", ""): w for w in (*CONTRACTIONS, *_PRONOUNS_CONTRACTED)}
_APOSTROPHE_LESS = re.compile(rf"\b({'|'.join(_CONTRACTIONS)})\b", re.I)


def with_apostrophes(question: str) -> str:
    """The question with its contractions typed without an apostrophe written with one."""
    def written(m: re.Match[str]) -> str:
        word = _CONTRACTIONS[m[1].lower()]
        return word.capitalize() if m[1][0].isupper() else word

    return _APOSTROPHE_LESS.sub(written, question)


# Text-speak for the words every question is asked with, written out: "hw many reviews wer
# published in 2018" was no count ("how many"), and quoted two of Sameer's action dates;
# "wot r the main lessons on CSE n online grooming". In lower case only, and not after a
# word a review's letter follows, so that "Child N", "child r" and "children r, s and w" are
# left as they are.
_TEXT_SPEAK = {"hw": "how", "wer": "were", "wat": "what", "wot": "what", "wht": "what",
               "abt": "about", "bout": "about", "u": "you", "ur": "your", "r": "are", "n": "and",
               "pls": "please", "plz": "please", "ppl": "people", "bc": "because", "coz": "because",
               "thx": "thanks", "wiv": "with", "dat": "that", "dis": "this", "yr": "year",
               "yrs": "years", "mths": "months", "govt": "government",
               # ("and its recs for school nurses and teachers?" was told no passage uses "recs",
               # and quoted Harry's background first)
               "recs": "recommendations", "recomms": "recommendations",
               # ("mum keeps cancelling appts" was told no passage uses "appts")
               "appt": "appointment", "appts": "appointments"}
_SPOKEN = re.compile(rf"(?<![\w'’-])({'|'.join(_TEXT_SPEAK)})(?![\w'’-])")
# A practitioner's shorthand for a practitioner in the case, after a word that makes it one
# ("wont let the HV in the house" was told no passage uses "hv", and quoted Baby Sama's
# supported housing), not the asker's role that opens a story ("HV. mum was discharged ...",
# searched as a question on health visitors, showed their mentions as less close)
# (not "the SW": "social worker", in nearly every review, only diluted a story's search, and
# a paediatric registrar's story lost Polly's review from its first ten)
_HV_SAID = re.compile(r"\b(the|a|an|my|our|her|his|their|no|new)\s+hv(s?)(?![\w'’-])", re.I)
_LETTER_AFTER = re.compile(r"\b(?:child|children|baby|babies|person|family|siblings)\W*$", re.I)


def in_full(question: str) -> str:
    """The question with its text-speak (:data:`_TEXT_SPEAK`) written out, and a
    practitioner's shorthand for a practitioner in the case (:data:`_HV_SAID`)."""
    def written(m: re.Match[str]) -> str:
        if _LETTER_AFTER.search(question[:m.start()]):
            return m[0]  # (a review's letter)
        return _TEXT_SPEAK[m[1]]
    question = _SPOKEN.sub(written, question)
    return _HV_SAID.sub(lambda m: f"{m[1]} health visitor{m[2]}", question)


def respelt(question: str, corrections: dict[str, str]) -> str:
    """The question with each misspelt word (any case, whole words) replaced."""
    for wrong, right in corrections.items():
        question = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, question, flags=re.I)
    return question
