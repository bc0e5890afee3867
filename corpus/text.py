"""Text primitives shared by every stage: words, sentences, years, list numerals, lists said.

One definition of each, so that the chunker, the repairer, review identity, lexical search,
answers and the LLM check agree on what a word or a sentence is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

# Plurals that no suffix rule (nor the porter stemmer: "midwives" is "midwiv", "midwife"
# "midwif") joins to their singulars; taxonomy keys, lexical search and answers read them.
IRREGULAR_PLURALS = {
    "children": "child", "grandchildren": "grandchild", "stepchildren": "stepchild",
    "men": "man", "women": "woman", "people": "person", "feet": "foot", "teeth": "tooth",
    "wives": "wife", "midwives": "midwife", "housewives": "housewife", "knives": "knife",
    "lives": "life", "selves": "self", "halves": "half", "thieves": "thief",
}

_Value = TypeVar("_Value")


def longest_first(found: Iterable[tuple[int, int, _Value]]) -> list[tuple[int, int, _Value]]:
    """Of (start, end, value) matches in a text (word or character positions), those that
    overlap no longer one (nor an earlier one as long), longest first."""
    taken: set[int] = set()
    kept = []
    for i, j, value in sorted(found, key=lambda m: (-(m[1] - m[0]), m[0])):
        if taken.isdisjoint(range(i, j)):
            taken.update(range(i, j))
            kept.append((i, j, value))
    return kept


WORD = re.compile(r"\w+")
"""A run of letters, digits or underscores: the unit of matching and overlap."""

LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
"""Letters only, with inner apostrophes ("don't"): the unit of spelling repair."""

ROMAN = r"(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)"
"""Lower-case roman numerals that number list items ("ii. Outcome")."""

YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
"""A four-digit year of the 20th or 21st century; group 1 is the year."""


def said_as_list(items: Sequence[str]) -> str:
    """Items as a sentence lists them: "A", "A and B", "A, B and C" ("" for none)."""
    return f"{', '.join(items[:-1])} and {items[-1]}" if len(items) > 1 else "".join(items)


def counted(n: int, noun: str) -> str:
    """ "1 review", "3 reviews": a count and its noun, plural unless one."""
    return f"{n} {noun}{'s' if n != 1 else ''}"


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``."""
    return WORD.findall(text.lower())


def holds_words(text: str, needle: str) -> bool:
    """Whether ``text`` holds ``needle`` as whole words, in any case ("Croydon and
    Lewisham" holds "lewisham", not "Lewis")."""
    return (needle.casefold() in text.casefold()  # a substring test first: most texts lack it
            and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", text, re.IGNORECASE) is not None)


@dataclass(frozen=True)
class Span:
    """A piece of text with its offsets: ``text`` is the piece with its whitespace folded."""

    text: str
    start: int
    end: int


# A sentence ends at . ! ? (before an optional closing quote or bracket) when the next one
# starts with a capital, digit or opening quote; a line break, a "; " before a lower-case
# clause and a " • " bullet also end one, so list items and fields stand alone.
# (not after "e.g." or "i.e.", which go on: "information about the child's circumstances e.g.
# Child Protection Plan" was quoted as far as its "e.g.")
_BOUNDARY = re.compile(r"(?<=[.!?])(?<!\be\.g\.)(?<!\bi\.e\.)[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|"
                       r"\n+|;\s+(?=[a-z])|\s+•\s+")
_BULLET = re.compile(r"^(?:[-•*>]|\(?[a-z0-9]{1,3}[.)])\s+")


def sentences(text: str, offset: int = 0) -> Iterator[Span]:
    """The sentences (or list items, or fields) of ``text``, bullets stripped, with offsets
    into the document that ``text`` starts at ``offset`` of."""
    cursor = 0
    for match in [*_BOUNDARY.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[cursor:end]
        stripped = piece.strip()
        bullet = _BULLET.match(stripped)
        if bullet:
            stripped = stripped[bullet.end():]
        if stripped:
            start = cursor + piece.index(stripped)
            yield Span(" ".join(stripped.split()), offset + start, offset + start + len(stripped))
        cursor = match.end() if match else len(text)


def visible(text: str) -> str:
    """``text`` as it reads: its compatibility forms folded (NFKC: full-width letters,
    ligatures) and its invisible characters gone (zero-width spaces and joiners, direction
    marks, control characters other than white space, and the noncharacters U+FFFE and
    U+FFFF and their kin, which no XML may hold: a Word handout of a search holding one
    failed to be written)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text)
                   if (unicodedata.category(ch) not in ("Cf", "Cc") or ch.isspace())
                   and not _noncharacter(ch))


def _noncharacter(ch: str) -> bool:
    """One of Unicode's 66 noncharacters (U+FDD0..U+FDEF, and the last two of each plane)."""
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


_NAME_WORD = re.compile(r"[A-Z][\w'’-]*,?|[A-Z]{2,}")
_NAME_JOINS = frozenset("and of for the & in on".split())


def names_holding(text: str, term: str) -> list[str] | None:
    """The names (runs of capitalised words: "Domestic Abuse, Stalking and Honour Based
    Violence Risk Assessment") that hold each place ``text`` says ``term`` (its words in any
    case, joined by spaces or hyphens, each with any ending), where every place is within one;
    None where ``text`` says it once in prose, or not at all."""
    parts = [re.escape(w) + r"\w*" for w in words(term)]
    if not parts:
        return None
    names: list[str] = []
    for m in re.finditer(r"(?<![\w-])" + r"[\s-]+".join(parts), text, re.I):
        said = re.split(r"[\s-]+", m[0])
        before = text[:m.start()].split()
        after = text[m.end():].split()
        if not all(w[:1].isupper() for w in said) or not (
                (before and _NAME_WORD.fullmatch(before[-1])) or (after and _NAME_WORD.fullmatch(after[0]))):
            return None
        start = len(before)
        while start and (_NAME_WORD.fullmatch(before[start - 1]) or before[start - 1] in _NAME_JOINS):
            start -= 1
        end = 0
        while end < len(after) and (_NAME_WORD.fullmatch(after[end]) or after[end] in _NAME_JOINS):
            end += 1
        name = [*before[start:], m[0], *after[:end]]
        while name and name[0] in _NAME_JOINS:
            name.pop(0)
        while name and name[-1] in _NAME_JOINS:
            name.pop()
        names.append(" ".join(name).rstrip(","))
    return names or None
