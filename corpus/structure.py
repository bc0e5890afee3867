"""The structure of a document that holds one review (a learning brief or a full report).

Works on repaired text (see :mod:`reviewqa.corpus.repair`), where every paragraph, list item
and heading is one line. :func:`parse_single` turns it into one :class:`Entry` whose blocks
are the units to chunk: numbered paragraphs ("2.72"), list items, plain paragraphs; headings
are not blocks but set each block's ``section``. :func:`infer_meta` guesses a review's
title, type, area, year, author and child's age from its text when no manifest gives them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from .digests import child_age
from .types import PAGE_BREAK, Block, Entry, ReviewMeta

SECTION_SEPARATOR = " › "

_ROMAN = r"(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)"
_SUBNUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,3})+)\.?\s+(?=[A-Z\"“‘'(])")
_TOPNUMBER = re.compile(r"(\d{1,2})\.\s+(?=[A-Z\"“‘'(])")
_APPENDIX = re.compile(r"(?:Appendix|Annexe?)\s+([\dA-Z]{1,3})\b\s*(?:[-–—:.]|$)")
_MD_HEADING = re.compile(r"(#{1,6})\s+(?=\S)")
_ITEM = re.compile(rf"(?:[-*+•▪◦●]|\(?[a-z]\)|[a-z]\.|\(?{_ROMAN}[.)])\s+(?=\S)")
_FIELD = re.compile(r"[A-Z][\w’'&/-]*(?:\s[\w’'&/-]+){0,2}:\s")
_SERIES = re.compile(r"(?:Learning Point|Finding|Theme|Key Finding|Learning Theme)\s+\d+\b",
                     re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<! )[.!?][\"'”’)\]]*$")
_PROMOTED_WORDS = 8  # a numbered sentence this short that runs straight on is a heading
_AUXILIARIES = frozenset("is are was were be been has have had do does did will would can "
                         "could shall should may might must".split())
_INTRO_END = re.compile(r":\s*[-–—]?$")  # "...include:" or "...stated that the risk was: -"


class _Kind(Enum):
    HEADING = "heading"  # a candidate until the heading path accepts it
    NUMBERED = "numbered"  # a numbered paragraph
    ITEM = "item"  # bullet, lettered or roman item
    PLAIN = "plain"


@dataclass
class _Line:
    """One non-blank line of the text, classified."""

    start: int  # offset of its first character (after any page breaks and indentation)
    end: int  # offset after its last non-space character
    text: str
    tight: bool  # follows the previous line with no blank line between
    kind: _Kind = _Kind.PLAIN
    label: str | None = None  # paragraph number: "2.72", "3"
    level: int = 0  # heading depth given by its numbering or Markdown; 0 for plain lines
    series: bool = False  # a heading such as "Learning Point 2"
    body_start: int = 0  # where the words start, after a paragraph number


@dataclass(frozen=True)
class _Heading:
    level: int
    title: str
    numbered: bool  # has a paragraph number ("2. The findings", "2.19 Strategy Meeting")
    structural: bool  # numbered, an appendix or a Markdown heading (not a plain line)
    series: bool


def parse_single(text: str, meta: ReviewMeta, label: str = "") -> Entry:
    """One entry spanning ``text``; its blocks are the numbered paragraphs, list items and
    plain paragraphs in order, each with the heading path above it as ``section``. Items
    that a paragraph introduces ("...as follows:") stay in that paragraph's block; other
    items are blocks of their own labelled with the paragraph number they fall under."""
    lines = _lines(text)
    for line in lines:
        _classify(line)
    _promote_numbered_headings(lines)
    _demote_stacked_plain_headings(lines)
    blocks: list[Block] = []
    path: list[_Heading] = []
    parent: str | None = None  # the paragraph number the next items fall under
    extendable = False  # the last block is a numbered paragraph a plain one may continue
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind is _Kind.HEADING:
            entered = _enter(path, line)
            if entered is not None and _has_body(lines, i, entered):
                path, parent, extendable, i = entered, line.label, False, i + 1
                continue
            line.kind = _Kind.NUMBERED if line.label else _Kind.PLAIN
        section = SECTION_SEPARATOR.join(h.title for h in path)
        end, i = line.end, i + 1
        if _INTRO_END.search(line.text):
            end, i = _absorb(lines, i, end)
        if line.kind is _Kind.PLAIN and extendable:
            # A paragraph that PDF extraction split after a full stop: the rest of it.
            blocks[-1] = Block(blocks[-1].start, end, section, blocks[-1].label)
        elif line.kind is _Kind.NUMBERED:
            parent = line.label
            blocks.append(Block(line.body_start, end, section, line.label))
        else:
            item_label = parent if line.kind is _Kind.ITEM else None
            blocks.append(Block(line.start, end, section, item_label))
        extendable = line.kind is not _Kind.ITEM and bool(blocks[-1].label)
    return Entry(meta=meta, start=0, end=len(text), blocks=blocks, label=label)


def _lines(text: str) -> list[_Line]:
    """The non-blank lines with their offsets, page breaks and indentation left outside."""
    out: list[_Line] = []
    offset = 0
    tight = False
    for raw in text.split("\n"):
        content = raw.strip(" \t" + PAGE_BREAK)
        if content:
            start = offset + raw.index(content)
            out.append(_Line(start, start + len(content), content, tight, body_start=start))
        tight = bool(content)
        offset += len(raw) + 1
    return out


def _classify(line: _Line) -> None:
    """Sets the line's kind from its own words; headings are only candidates here."""
    text = line.text
    if m := _SUBNUMBER.match(text):
        line.label, line.body_start = m.group(1), line.start + m.end()
        rest = text[m.end():]
        line.series = bool(_SERIES.match(rest))
        line.level = m.group(1).count(".") + 1
        line.kind = _Kind.HEADING if line.series or _short_title(rest) else _Kind.NUMBERED
    elif m := _TOPNUMBER.match(text):
        line.label, line.body_start, line.level = m.group(1), line.start + m.end(), 1
        sentence = len(text.split()) > 25 or text.endswith(".")
        line.kind = _Kind.NUMBERED if sentence else _Kind.HEADING
    elif _APPENDIX.match(text):
        line.kind, line.level = _Kind.HEADING, 1
    elif m := _MD_HEADING.match(text):
        line.kind, line.level = _Kind.HEADING, len(m.group(1))
    elif _ITEM.match(text):
        line.kind = _Kind.ITEM
    elif _plain_title(text):
        line.kind = _Kind.HEADING


def _short_title(rest: str) -> bool:
    """A numbered line that reads as a title: a few words, neither a finished sentence nor
    one that introduces what follows ("Areas for consideration:" keeps its list)."""
    return (len(rest.split()) <= 12 and not _SENTENCE_END.search(rest)
            and not _INTRO_END.search(rest))


def _plain_title(text: str) -> bool:
    """An unnumbered line that reads as a heading: short, capitalised, not a sentence that
    ends in a full stop, not a "Field: value" line."""
    bare = text[:-2] if text.endswith(" .") else text
    return (len(bare.split()) <= 12 and len(bare) <= 100 and bare[0].isupper()
            and not re.search(r"[.,;:]$", bare) and not re.search(r"[.!?] +[A-Z]", bare)
            and not _FIELD.match(bare))


def _promote_numbered_headings(lines: list[_Line]) -> None:
    """A short numbered phrase with no auxiliary verb, followed at once by the next numbered
    paragraph or by a list, is a heading ("2.11 Information sharing and pre-birth
    assessment." then "2.12 ..."); "1.8 Sama was the only child of her parents." is not."""
    for line, after in zip(lines, lines[1:]):
        if line.kind is not _Kind.NUMBERED or line.level < 2:
            continue
        rest = line.text[line.body_start - line.start:]
        if _INTRO_END.search(rest):
            continue
        words = rest.lower().split()
        if len(words) <= _PROMOTED_WORDS and not _AUXILIARIES.intersection(words) \
                and not re.search(r"[.!?] +[A-Z]", rest) \
                and (after.kind is _Kind.ITEM or (after.tight and after.label is not None)):
            line.kind = _Kind.HEADING


def _demote_stacked_plain_headings(lines: list[_Line]) -> None:
    """Plain heading candidates on consecutive lines are text (a signature block, a label
    broken over two lines), and so is a candidate on the last line."""
    def plain_candidate(line: _Line) -> bool:
        return line.kind is _Kind.HEADING and not line.level

    stacked = {i for i, (line, after) in enumerate(zip(lines, lines[1:]))
               if after.tight and plain_candidate(line) and plain_candidate(after)}
    for i in stacked | {i + 1 for i in stacked} | {len(lines) - 1}:
        if 0 <= i < len(lines) and plain_candidate(lines[i]):
            lines[i].kind = _Kind.PLAIN


def _enter(path: list[_Heading], line: _Line) -> list[_Heading] | None:
    """The heading path after ``line``, or None where it cannot be a heading. Numbered
    headings sit at their number's depth (one deeper under a "Learning Point N" of the same
    depth); plain ones nest under an appendix or Markdown heading, replace a plain one, and
    are never headings inside a numbered section, where text runs in numbered paragraphs."""
    structural = bool(line.level)
    deepest = path[-1] if path else None
    if structural:
        level = line.level
        same = next((h for h in path if h.level == level), None)
        if same and same.series and not line.series and line.label:
            level += 1
    elif deepest is None:
        level = 1
    elif deepest.numbered:
        return None
    else:
        level = deepest.level + (1 if deepest.structural else 0)
    heading = _Heading(level, _title(line), line.label is not None, structural, line.series)
    return [h for h in path if h.level < level] + [heading]


def _has_body(lines: list[_Line], i: int, entered: list[_Heading]) -> bool:
    """Whether text follows the heading at ``i`` before the next heading of its level or
    above; a "heading" with nothing under it is body text (a signature, a list item)."""
    level = entered[-1].level
    path = entered
    for line in lines[i + 1:]:
        if line.kind is not _Kind.HEADING:
            return True
        nested = _enter(path, line)
        if nested is None:
            return True  # it will be body text
        if nested[-1].level <= level:
            return False
        path = nested
    return False


def _title(line: _Line) -> str:
    """The heading as a section name: "2. The findings" at the top, "Strategy Meeting"
    below (without its paragraph number), trailing " ." and ":" dropped."""
    text = line.text
    if _SUBNUMBER.match(text):
        text = text[line.body_start - line.start:]
    elif m := _MD_HEADING.match(text):
        text = text[m.end():].rstrip("# ")
    return re.sub(r"\s*[.:;,]?\s*[-–—]?\s*$", "", text) or line.text


def _absorb(lines: list[_Line], i: int, end: int) -> tuple[int, int]:
    """Extends a paragraph that introduces a list over the items that follow it (and over
    one plain paragraph first, such as a quotation)."""
    if i < len(lines) and lines[i].kind is _Kind.PLAIN:
        end, i = lines[i].end, i + 1
    while i < len(lines) and lines[i].kind is _Kind.ITEM:
        end, i = lines[i].end, i + 1
    return end, i


# --- metadata ---------------------------------------------------------------------------

_TYPES = (
    ("local child safeguarding practice review", "practice review"),
    ("child safeguarding practice review", "practice review"),
    ("multi-agency child practice review", "practice review"),
    ("child practice review", "practice review"),
    ("serious case review", "serious case review"),
    ("significant case review", "significant case review"),
    ("safeguarding adults review", "safeguarding adults review"),
    ("domestic homicide review", "domestic homicide review"),
    ("learning brief", "learning brief"),
    ("learning review", "learning review"),
    ("thematic review", "thematic review"),
)
_NAME_WORD = r"[A-Z][\w’'-]*"
_NOT_A_NAME = (r"(?!(?:Board|Services?|Social|Protection|Safeguarding|Partnership|Sexual|"
               r"Practice|Care|Health|Exploitation|Death|Abuse|Review|Plan|Act|Trust)\b)")
_CHILD_NAME = re.compile(
    rf"\b(?:Baby|Child|Children|Infant|Young Person|Siblings?|Family)\s+{_NOT_A_NAME}{_NAME_WORD}"
    rf"(?:(?:,\s*|\s+and\s+){_NAME_WORD})*"
    rf"|\b(?:child|baby|boy|girl|young person) (?:known|referred to) as ({_NAME_WORD})")
_GENERIC = frozenset("overview report executive summary final draft panel the this a an "
                     "into of for and in on by board learning review".split())
_BOARD = re.compile(r"Safeguarding\s+Children\s+(?:Board|Partnership)|\bLSCB\b|"
                    r"Safeguarding\s+Partnership")
_AREA_SUFFIX = re.compile(r"\s+(?:Borough|City|County|District|Metropolitan|Council)$")
_PERSON_WORD = r"[A-Z][a-z’'-]+"
_AUTHOR = (
    re.compile(r"\b(?:Lead\s+)?(?:Author|Reviewer|Independent Reviewer)s?\s*:\s*"
               rf"({_PERSON_WORD}(?:\s+{_PERSON_WORD}){{1,2}})\b"),
    re.compile(rf"\b({_PERSON_WORD}\s+{_PERSON_WORD}),[^.]{{0,80}}?"
               r"\b(?:authoring|author of|lead reviewer|independent reviewer)\b"),
)
_PUBLISHED = re.compile(r"(?:\b(?:published|publication date|date of publication)|©)\D{0,20}"
                        r"((?:19|20)\d\d)\b", re.IGNORECASE)
_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_DATED_YEAR = re.compile(rf"\b(?:{_MONTHS})(?:/(?:{_MONTHS}))?\.?\s+((?:19|20)\d\d)\b",
                         re.IGNORECASE)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_OPENING_CHARS = 3000
_AUTHOR_CHARS = 30000


def infer_meta(text: str, fallback_title: str) -> ReviewMeta:
    """Best-effort metadata from a single report's own words: the review type and title
    named in its opening ("Serious Case Review (SCR) Baby Sama"), the area of the board
    named there, an author named as such, the child's age as first stated, and the year:
    a stated publication year, else the latest date the text mentions (a report is
    published after the events it reviews, so this is a lower bound)."""
    opening = text[:_OPENING_CHARS]
    review_type, type_end = _review_type(opening)
    return ReviewMeta(
        title=_review_title(opening, type_end) or fallback_title,
        area=_area(opening),
        year=_year(text),
        review_type=review_type,
        authors=_authors(text[:_AUTHOR_CHARS]),
        child_age=child_age(opening),
    )


def _review_type(opening: str) -> tuple[str | None, int]:
    """The first review type the opening names, and where that name ends."""
    lowered = opening.lower()
    found = [(lowered.find(phrase), phrase, kind) for phrase, kind in _TYPES if phrase in lowered]
    if not found:
        return None, 0
    pos, phrase, kind = min(found, key=lambda f: (f[0], -len(f[1])))
    return kind, pos + len(phrase)


def _review_title(opening: str, type_end: int) -> str | None:
    """The child's name or pseudonym: words such as "Baby Sama" right after the review's
    type, else the first "Child X"-like name in the opening."""
    if type_end:
        after = opening[type_end:type_end + 120]
        m = re.match(rf"\s*(?:\([A-Z]{{2,6}}\))?\s*[:–—-]?\s*(?:(?:into|regarding|concerning|"
                     rf"for|about|in respect of)\s+)?({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})",
                     after)
        words = m.group(1).split() if m else []
        while words and words[-1].lower() in _GENERIC:  # "Child K Overview Report"
            words.pop()
        if words and words[0].lower() not in _GENERIC:
            return " ".join(words)
    m = _CHILD_NAME.search(opening)
    return (m.group(1) or m.group()) if m else None


def _area(opening: str) -> str | None:
    """The place named before "Safeguarding Children Board/Partnership" (or "LSCB")."""
    for m in _BOARD.finditer(opening):
        words = re.findall(r"[\w’'&-]+", opening[max(0, m.start() - 80):m.start()])
        place: list[str] = []
        for word in reversed(words[-4:]):
            if not word[0].isupper() or word == "The":
                break
            place.insert(0, word)
        if place:
            return _AREA_SUFFIX.sub("", " ".join(place))
    return None


def _year(text: str) -> int | None:
    """A publication year stated at the start or the end, else the latest dated year
    ("March 2016"), else the latest year at all; plans and ranges ("Strategy 2017-2020")
    make bare years unreliable."""
    if m := _PUBLISHED.search(text[:_OPENING_CHARS] + "\n" + text[-_OPENING_CHARS:]):
        return int(m.group(1))
    years = [int(y) for y in _DATED_YEAR.findall(text)] or [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None


def _authors(text: str) -> list[str]:
    """The author named as such ("Author: ...", "X Y, ..., has had lead responsibility for
    authoring this report")."""
    for pattern in _AUTHOR:
        if m := pattern.search(text):
            return [m.group(1)]
    return []
