"""A named review's own numbered points: the headings its report gives its learning points,
findings or recommendations ("Learning Point 1: CSE: Recognising and addressing the impact
of child sexual exploitation in assessment and planning", "Finding 3: ...").

Asked "what were the six learning points of the Baby Sama review?", the answer quoted four
sentences from three of the six sections, one of them "Priority learning is identified
because ..."; the list its authors wrote is the answer, each heading cited to the passage
that opens its section. Headings are read from the sections the chunker recorded, never
made up: a review whose report numbers no such headings is answered from its sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reviewqa.corpus.store import ChunkRow
from reviewqa.corpus.text import words

from .lexical import STOPWORDS

# "Learning Point 1: ...", "Key finding 2 - ...", "Recommendation 3. ...", "Lesson 4 ...":
# a kind, its number, then the point itself (a heading that is a number alone says nothing)
_POINT = re.compile(
    r"^(?:key\s+|priority\s+)?(?P<kind>learning\s+points?|learning|lessons?|findings?|"
    r"recommendations?|key\s+messages?)\s+(?:no\.?\s*)?(?P<number>\d{1,2})\s*[:.)–—-]?\s+"
    r"(?P<title>\S.*)$", re.I)

# the kinds a question can ask for, by the first word of a heading's kind
_RECOMMENDATIONS = "recommendation"
_LEARNING = "learning"
_KINDS = {"learning": _LEARNING, "lesson": _LEARNING, "lessons": _LEARNING,
          "finding": _LEARNING, "findings": _LEARNING, "key": _LEARNING,
          "recommendation": _RECOMMENDATIONS, "recommendations": _RECOMMENDATIONS}

# words that ask for a review's points and nothing else: "what were the six learning points
# of the review?", "list the key findings", "its main recommendations"
_ASKING = frozenset("""learning points point lessons lesson learnt learned learn findings finding
key main six five four three seven eight nine ten two all list numbered each what were was
are is the its their give me show tell identified identify set out made make recommend
recommended recommendations recommendation messages message please review
end ended ends finish finished finishes close closed closes conclude concluded concludes with
come came up""".split())  # ("what learning points did it end with?", set AA)
# and of those, the ones that name what is asked for ("what did the review say?" is no list)
_NOUNS = frozenset("""points point lessons lesson learnt learned learn findings learning
recommend recommended recommendations messages""".split())


@dataclass(frozen=True)
class Point:
    """One numbered point: its heading as the report gives it, and the passage opening it."""

    number: int
    heading: str  # "Learning Point 1: CSE: Recognising ..."
    chunk: ChunkRow
    named: str  # what the report calls them: "learning points", "findings"


def numbered_points(chunks: Sequence[ChunkRow], recommendations: bool) -> list[Point]:
    """The numbered learning points (or, with ``recommendations``, recommendations) that
    ``chunks`` (one review's, in any order) fall under, in their numbers' order, each with its
    section's first passage; [] unless there are two or more, numbered from 1 without a gap
    (a list read in part would be given as whole)."""
    wanted = _RECOMMENDATIONS if recommendations else _LEARNING
    first: dict[int, Point] = {}
    for chunk in sorted(chunks, key=lambda c: (c.document_id, c.start)):
        for part in chunk.section.split(" › "):
            match = _POINT.match(part.strip())
            if match is None:
                continue
            kind = _KINDS.get(match["kind"].split()[0].lower())
            number = int(match["number"])
            if kind == wanted and number not in first:
                named = " ".join(match["kind"].lower().split()).removesuffix("s") + "s"
                first[number] = Point(number, part.strip(), chunk, named)
    numbers = sorted(first)
    if len(numbers) < 2 or numbers != list(range(1, len(numbers) + 1)):
        return []
    return [first[n] for n in numbers]


def asks_only_for_points(topic: str) -> bool:
    """Whether a question, the review it names taken out (``topic``), asks for that review's
    points and nothing more: "what were the six learning points in the review?", not "what
    did the review learn about GPs?"."""
    said = set(words(topic))
    return bool(said & _NOUNS) and not (said - STOPWORDS - _ASKING)
