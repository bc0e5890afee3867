"""How the reviews were run, where their entries say it ("Model: SCIE Learning Together
model.", "Uses a hybrid systems methodology ...", "Review was conducted using a Partnership
Learning Review model."), and the reviews a question asks for by how they were run ("which
reviews used SCIE?", "which of those followed SILP?", "which didn't use a systems
approach?"): answered from those sentences, each quoted and cited to its passage. A review
whose entries say nothing of its method is never said to have used one: searched, "which
reviews used the SCIE model?" listed six of the eight that say so, and "which of those used
SCIE?" after a list of neglect reviews repeated the list."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reviewqa.corpus.store import ReviewRow, Store
from reviewqa.corpus.taxonomy import acronyms_for_long_forms, acronyms_typed
from reviewqa.corpus.text import counted, words

from .lexical import STOPWORDS

# a sentence saying how a review was run: a "Model:" or "Methodology:" line, or one saying
# it used, followed or was conducted with a method, model or approach ("1.19 BBSCB determined
# that the review would use a 'hybrid methodology' ..."); not "the use of neglect as a
# category" nor "the national focus on the group/gang model of sexual exploitation"
_STATED = re.compile(r"^\W*(?:model|methodology)\s*:\s*\w|\bmethodology\s+used\b|"
                     r"\b(?:uses?|used|using|follow(?:s|ed)?|conducted)\b(?!\s+of\b)[^.:;]{0,90}?"
                     r"\b(?:methodolog\w*|model|approach)\b", re.I)
# a sentence: up to a stop before a capital, or a line's end; a paragraph number before it
# ("1.19 BBSCB determined ...") is not of it
_SENTENCE = re.compile(r"(?m)(?:^[ \t]*\d+(?:\.\d+)+[ \t]+)?(?P<said>[^\n]+?(?:[.!?](?=\s+[A-Z‘'“\"(])|$))")
_LONGEST = 400  # characters: longer "sentences" are runs of text a break was missed in

# a question asking for reviews by how they were run: a word of using or of a method, and
# one of asking which
_METHOD_NOUN = re.compile(r"\b(?:methods?|methodolog(?:y|ies)|models?|approach(?:es)?|frameworks?|"
                          r"process|guidance|learning\s+together)\b", re.I)
_USED = re.compile(r"\b(?:us(?:e|es|ed|ing)|follow(?:s|ed|ing)?|adopt(?:s|ed|ing)?|appl(?:y|ies|ied|ying))\b",
                   re.I)
_OR = re.compile(r"\bor\b|/", re.I)
_WHICH = re.compile(r"\b(?:which|what|list|any|how\s+many|name|show)\b", re.I)
_NOT = re.compile(r"\b(?:not|never|other\s+than|except|besides|apart\s+from|rather\s+than|"
                  r"instead\s+of)\b|\Bn['’]t\b", re.I)
# the words of such a question; the others name the method ("scie", "learning together")
_FRAME = frozenset("""use uses used using follow follows followed following adopt adopts
adopted adopting apply applies applied applying method methods methodology methodologies
model models approach approaches framework frameworks process guidance review reviews reviewed case
cases which what list any how many name show those these them ones one of say says said
stated state states was were did do does didn don doesn isn wasn aren weren t the a an
their its in index there not never other than except besides apart from rather instead
please me give serious scr scrs""".split())


@dataclass(frozen=True)
class MethodAsked:
    """The words a question names a method in, each way it names one ("SCIE Learning
    Together or systems methodology": "scie", "learning", "together", or "systems"), and
    those it names one it does not want in ("a systems approach that ISN'T the SCIE
    Learning Together model": "systems", less "scie", "learning", "together"). An acronym
    of the taxonomy stands for its long form, either way written."""

    ways: tuple[tuple[str, ...], ...]
    unwanted: tuple[str, ...]

    @property
    def name(self) -> str:
        """The method as the question says it: "naming “SCIE”", "naming “systems” and not
        “SCIE learning together”", "not naming “SCIE”"."""
        wanted = " or ".join(" ".join(_as_typed(word) for word in way) for way in self.ways)
        unwanted = " ".join(_as_typed(word) for word in self.unwanted)
        if not wanted:
            return f"not naming “{unwanted}”"
        return f"naming “{wanted}”" + (f" and not “{unwanted}”" if unwanted else "")

    @property
    def words(self) -> tuple[str, ...]:
        return (*(word for way in self.ways for word in way), *self.unwanted)

    def fits(self, sentence: str) -> bool:
        """Whether ``sentence`` names the method one of the ways asked, all but a third of its
        words at most (Durham's "uses the Child Practice Review process" is "the Welsh child
        practice review methodology", Wales's), and nothing unwanted, before its first comma
        (what follows says what the method was for: "Model: methodology based on the Welsh
        Child Practice Reviews Guidance, taking a multi-agency approach, focussing on systemic
        strengths and weaknesses" is no systems model)."""
        method = acronyms_for_long_forms(sentence.partition(", ")[0])
        return ((not self.ways or any(sum(self.says(method, word) for word in way)
                                      >= math.ceil(len(way) * _SHARE) for way in self.ways))
                and not any(self.says(method, word) for word in self.unwanted))

    def closeness(self, sentence: str) -> float:
        """The most of one way's words ``sentence`` says, as a share (1.0 where it asks none)."""
        method = acronyms_for_long_forms(sentence.partition(", ")[0])
        return max((sum(self.says(method, word) for word in way) / len(way) for way in self.ways),
                   default=1.0)

    @staticmethod
    def says(sentence: str, word: str) -> bool:
        """Whether ``sentence`` holds ``word``, singular or plural, or, of five letters or
        more, the start of a word ("systemic" for "systems")."""
        stem = word.removesuffix("s")
        ends = "" if len(stem) >= _STEM else r"s?(?!\w)"
        return re.search(rf"(?<!\w){re.escape(stem)}{ends}", sentence, re.I) is not None


_SHARE = 2 / 3  # of the words a method is asked in, those a sentence must say
_STEM = 5  # letters: a word this long or longer meets the words it starts ("system": "systemic")


def _as_typed(word: str) -> str:
    """An acronym in its capitals ("scie": "SCIE"), any other word as it is."""
    return word.upper() if acronyms_typed(word.upper()) else word


def method_asked(question: str) -> MethodAsked | None:
    """The method a question asks for reviews by ("which reviews used SCIE?"), read after
    the reviews it names where it names some ("Luton 2017 – Child J and ...: which of those
    used SCIE?"), the words after a "not" naming what it does not want, none where it asks
    what method they used; None where it asks no such thing: a word of using alone does not
    ("which one was about a mum with long-term drug use?"), unless with an acronym ("which
    of those used SCIE?")."""
    asked = acronyms_for_long_forms(question.rpartition(": ")[2])
    if not (_WHICH.search(asked) and (_METHOD_NOUN.search(asked)
                                      or (_USED.search(asked) and acronyms_typed(asked)))):
        return None
    negation = _NOT.search(asked)
    wanted, unwanted = (asked[:negation.start()], asked[negation.end():]) if negation else (asked, "")
    ways = tuple(way for way in (_named(part) for part in _OR.split(wanted)) if way)
    return MethodAsked(ways, _named(unwanted))


def _named(text: str) -> tuple[str, ...]:
    """The words of ``text`` naming a method: those not of the question's frame."""
    return tuple(word for word in dict.fromkeys(words(text))
                 if word not in STOPWORDS and word not in _FRAME and len(word) > 1)


@dataclass(frozen=True)
class Stated:
    """A sentence of a review's entry that says how it was run, where it is: its document,
    and its offsets in that document's text."""

    document_id: int
    start: int
    end: int
    text: str  # whitespace folded, a paragraph number ("1.19") left off


def methods_stated(store: Store, review: ReviewRow) -> list[Stated]:
    """Each sentence of a review's entries that says how it was run, the first of each
    document."""
    stated: list[Stated] = []
    for source, document_id, entry in store.review_entries(review.id):
        for sentence in _SENTENCE.finditer(entry):
            said = sentence["said"]
            text = " ".join(said.split())
            if len(text) <= _LONGEST and _STATED.search(text):
                start = source.start + sentence.start("said") + len(said) - len(said.lstrip())
                stated.append(Stated(document_id, start, source.start + sentence.end("said"), text))
                break
    return stated


@dataclass(frozen=True)
class MethodsFound:
    """The reviews run by a method asked (of those ``asked`` about, or of the index), each with
    the sentences saying how; those that name another method, with theirs; and those whose
    entries say nothing of it."""

    method: MethodAsked
    asked: bool  # of the reviews a question lists, not of the index
    fits: list[tuple[ReviewRow, list[Stated]]]
    other: list[tuple[ReviewRow, list[Stated]]]
    silent: list[ReviewRow]

    @property
    def count(self) -> int:
        return len(self.fits) + len(self.other) + len(self.silent)

    def summary(self) -> str:
        """What was found, in a sentence or three: how many, of how many, run by the method,
        how many by another (shown less close where they were asked about), how many say
        nothing of it (each named where they were asked about)."""
        fits, other, silent = len(self.fits), len(self.other), len(self.silent)
        run = (f"{'say how they were' if fits > 1 else 'says how it was'} run" if not self.method.words
               else f"{'say they were' if fits > 1 else 'says it was'} run by a method {self.method.name}")
        if self.asked:
            every = "both" if self.count == 2 else f"all {self.count}"
            how_many = every if fits == self.count else fits or "none"
            text = f"Of the {self.count} reviews asked about, {how_many} {run}."
        else:
            text = f"{_count(fits).capitalize()} in the index {run}."
        if other:
            apart = " (quoted below, apart)" if self.asked else ""
            name = "name" if other != 1 else "names"
            text += f" {_count(other).capitalize()} {name} another method{apart}."
        if silent:
            named = f": {'; '.join(r.heading for r in self.silent)}" if self.asked else ""
            said = "say nothing of how they were" if silent != 1 else "says nothing of how it was"
            text += f" {_count(silent).capitalize()} {said} run, in the entries the index holds{named}."
        return text


def reviews_by_method(store: Store, method: MethodAsked,
                      among: Sequence[ReviewRow] = ()) -> MethodsFound | None:
    """The reviews whose entries say they were run by ``method``, of ``among`` where given
    (else of the index); None where no review's entry names the method, or one it is not
    (the question is searched: "which reviews didn't use restraint?" is no question of
    method)."""
    catalogue = sorted((r for r in store.reviews() if r.is_review), key=lambda r: (r.year or 0, r.heading))
    stated = {r.id: methods_stated(store, r) for r in catalogue}
    sentences = [acronyms_for_long_forms(said.text) for saying in stated.values() for said in saying]
    if not (any(method.fits(sentence) for sentence in sentences)
            and all(any(method.says(sentence, word) for sentence in sentences) for word in method.words)):
        return None
    asked = {r.id for r in among}
    reviews = [r for r in catalogue if r.id in asked] if among else catalogue
    # (those saying all the method's words first: the Welsh guidance's Joe before Durham's
    # "Child Practice Review process")
    fits = sorted((r for r in reviews if any(method.fits(said.text) for said in stated[r.id])),
                  key=lambda r: -max(method.closeness(said.text) for said in stated[r.id]))
    return MethodsFound(method, bool(among), [(r, stated[r.id]) for r in fits],
                        [(r, stated[r.id]) for r in reviews if stated[r.id] and r not in fits],
                        [r for r in reviews if not stated[r.id]])


def _count(n: int) -> str:
    return counted(n, "review") if n else "no reviews"
