"""The structure of a document that holds one review (a learning brief or a full report).

Works on repaired text (see :mod:`reviewqa.corpus.repair`), where every paragraph, list item
and heading is one line. :func:`parse_single` turns it into one :class:`Entry` whose blocks
are the units to chunk: numbered paragraphs ("2.72"), list items, plain paragraphs; headings
are not blocks but set each block's ``section``.

The rest reads what a document states about itself: :func:`review_evidence` says whether it
presents itself as a review (a title line naming a review type, "this serious case review",
a child "known as X for the purposes of this review") or as something else (an annual
report, a newsletter, a policy); :func:`infer_meta` takes a review's title, type, area,
year, author and child's age from the words that state them, each with its span, and
leaves empty what the text does not state; :func:`document_meta` names a document that is
not a review by its heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from .digests import child_age_span
from .types import PAGE_BREAK, Block, Entry, FieldSource, ReviewMeta, trim_span

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
    for line, after in zip(lines, lines[1:], strict=False):
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

    stacked = {i for i, (line, after) in enumerate(zip(lines, lines[1:], strict=False))
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

REVIEW_TYPES = (
    # England
    ("local child safeguarding practice review", "local child safeguarding practice review"),
    ("child safeguarding practice review", "child safeguarding practice review"),
    ("safeguarding children practice review", "child safeguarding practice review"),
    ("serious case review", "serious case review"),
    ("rapid review", "rapid review"),
    # Wales
    ("multi-agency child practice review", "child practice review"),
    ("concise child practice review", "child practice review"),
    ("extended child practice review", "child practice review"),
    ("child practice review", "child practice review"),
    ("single unified safeguarding review", "single unified safeguarding review"),
    # Scotland
    ("significant case review", "significant case review"),
    ("initial case review", "initial case review"),
    ("learning review", "learning review"),
    # Northern Ireland
    ("case management review", "case management review"),
    # Any nation
    ("learning brief", "learning brief"),
    ("thematic review", "thematic review"),
    ("safeguarding adults review", "safeguarding adults review"),
    ("domestic homicide review", "domestic homicide review"),
)
"""The review types of the four UK nations, as printed (lower case) and as recorded."""

# Abbreviations a review uses for itself, and the types they stand for, matched in capitals
# only ("CPR" is left out: it is also resuscitation).
TYPE_ABBREVIATIONS = {"SCR": "serious case review", "LCSPR": "local child safeguarding practice review",
                      "CSPR": "child safeguarding practice review", "CMR": "case management review",
                      "SUSR": "single unified safeguarding review"}
_ABBREVIATIONS = "(?-i:" + "|".join(TYPE_ABBREVIATIONS) + ")"
_TYPE_ALTERNATIVES = "|".join(
    r"[\s-]+".join(re.split(r"[\s-]+", phrase))
    for phrase, _ in sorted(REVIEW_TYPES, key=lambda t: -len(t[0])))
_TYPE_PHRASE = re.compile(rf"\b(?:{_TYPE_ALTERNATIVES})\b(?!s\b)", re.IGNORECASE)
# The document calling itself a review: "This Serious Case Review...", "this SCR".
_SELF = re.compile(rf"\bthis\s+(?:(?P<type>{_TYPE_ALTERNATIVES})|(?:{_ABBREVIATIONS})\b)(?!s\b)",
                   re.IGNORECASE)
# Any "this review/report", for a sentence that says who commissioned or published it.
_SELF_ANY = re.compile(rf"\bthis\s+(?:{_TYPE_ALTERNATIVES}|{_ABBREVIATIONS}|review|report|"
                       r"brief|briefing)\b", re.IGNORECASE)
_GENRE = re.compile(
    r"\b(?:annual\s+report|newsletter|bulletin|minutes|agenda|policy|policies|procedures?|"
    r"guidance|protocol|strategy|toolkit|template|handbook|leaflet|training|business\s+plan|"
    r"action\s+plan|terms\s+of\s+reference|learning\s+from|lessons\s+from|themes\s+from|"
    r"analysis\s+of|summary\s+of|overview\s+of|digest|repository|triennial|biennial|"
    r"case\s+reviews\s+published|notes|meeting|seminar|workshop|presentation)\b",
    re.IGNORECASE)
_SUBJECT = re.compile(
    r"\b(?:known|referred\s+to|called|named)\s+(?:here\s+)?as\s+['‘“\"]?(?P<name>[A-Z][\w’'-]*"
    r"(?:\s+[A-Z][\w’'-]*){0,2})['’”\"]?[^.\n]{0,40}?\b(?:for\s+the\s+purposes?\s+of|in|"
    r"throughout|within)\s+this\s+(?:review|report|brief|learning\s+brief|" + _ABBREVIATIONS
    + r")\b")
# The review speaking of its subject: "This SCR ... following the death of Sama",
# "The review concerns Child M".
_THE_REVIEW = re.compile(rf"\b(?:this|the)\s+(?:{_TYPE_ALTERNATIVES}|{_ABBREVIATIONS}|review)\b"
                         r"(?:\s+(?:was|is|has\s+been))?\s+(?:concerns?|considers?|relates?\s+to|"
                         r"is\s+about|examines?|examined|looks\s+at|looked\s+at|focus(?:es|ed)\s+on|"
                         r"commissioned)\b", re.IGNORECASE)
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
                    r"Safeguarding\s+Partnership|Safeguarding\s+Board\b(?!\s+for)|"
                    r"Child\s+Protection\s+Committee")
_SBNI = re.compile(r"Safeguarding\s+Board\s+for\s+(Northern\s+Ireland)")
_AREA_SUFFIX = re.compile(r"\s+(?:Borough|City|County|District|Metropolitan|Council)$")
_RELATION = re.compile(r"\b(?:commission\w*|publish\w*|on\s+behalf\s+of|undert(?:ook|aken)|"
                       r"conduct\w*|carried\s+out)\b", re.IGNORECASE)
_PERSON_WORD = r"[A-Z][a-z’'-]+"
_AUTHOR = (
    re.compile(r"\b(?:Lead\s+)?(?:Author|Reviewer|Independent Reviewer)s?\s*:\s*"
               rf"({_PERSON_WORD}(?:\s+{_PERSON_WORD}){{1,2}})\b"),
    re.compile(rf"\b({_PERSON_WORD}\s+{_PERSON_WORD}),[^.]{{0,80}}?"
               r"\b(?:authoring|author of|lead reviewer|independent reviewer)\b"),
)
# The months, written out or short ("March", "Sept"), as alternatives for a pattern
MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_YEAR = r"((?:19|20)\d\d)\b"
# "Published: March 2017", "Date of publication 12/03/2017", "© 2017 Rochdale LSCB", or
# "this report was published in 2017": a publication year the document states.
_PUBLISHED = re.compile(
    r"(?:^[^\S\n]*(?:date\s+)?(?:published|publication\s+date|date\s+of\s+publication)\b"
    r"|©|\bcopyright\b"
    r"|\bthis\s+(?:review|report|brief|briefing)\s+(?:was|is|has\s+been)\s+published\b)"
    rf"[^\n\d]{{0,20}}(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-])?{_YEAR}",
    re.IGNORECASE | re.MULTILINE)
# A title-page line that is only a date ("March 2017", "Final report – 12th June 2018").
_DATE_LINE = re.compile(rf"^(?:[A-Za-z][\w ]{{0,30}}?[\s–—:-]+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?"
                        rf"(?:{MONTHS})\.?\s+{_YEAR}$", re.IGNORECASE)
_METADATA_LINE = re.compile(r"^(?:last\s+)?(?:updated|date|dated|published|version|issued|"
                            r"author|prepared\s+by)\b", re.IGNORECASE)
_SENTENCE_BOUND = re.compile(r"[.!?](?=\s)|\n[^\S\n]*\n")
_OPENING_CHARS = 3000
_AUTHOR_CHARS = 30000
_TITLE_LINES = 6  # a title block is at most this many lines...
_TITLE_WORDS = 20  # ...each of at most this many words
_HEADING_LINES = 3  # a heading printed over this many lines at most


@dataclass(frozen=True)
class Evidence:
    """What a document states about what it is. ``review`` says it presents itself as one
    review, ``reason`` what showed it (or that nothing did), ``genre`` the other kind of
    document its title names ("annual report"), if any."""

    review: bool
    reason: str
    genre: str | None = None


def title_block(text: str) -> list[tuple[int, int]]:
    """Spans of the lines that open the document as its title: up to the first line that
    reads as running text (long, or a finished sentence), at most a few lines."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group().strip(" \t" + PAGE_BREAK)
        if not line:
            continue
        if len(spans) == _TITLE_LINES or not _title_like(line):
            break
        start = m.start() + m.group().index(line)
        spans.append((start, start + len(line)))
    return spans


def _title_like(line: str) -> bool:
    if _MD_HEADING.match(line):
        return True
    bare = line[:-2] if line.endswith(" .") else line
    return (len(bare.split()) <= _TITLE_WORDS and len(bare) <= 160
            and not re.search(r"[,;]$|[^.]\.$", bare) and not re.search(r"[.!?] +[A-Z]", bare)
            and not _ITEM.match(bare))


def document_heading(text: str) -> tuple[str, int, int] | None:
    """The document's own title and its span: the first Markdown heading of its title
    block, else the block's first line that is not a date or version line or a question,
    with the title lines printed right under it ("Northbridge Safeguarding Children
    Partnership" / "Annual Report 2018-19"), their line breaks read as spaces."""
    block = title_block(text)
    for s, e in block:
        if m := _MD_HEADING.match(text, s, e):
            s, e = trim_span(text, m.end(), e, "#*_ .:")
            if e > s:
                return text[s:e], s, e
    plain = [i for i, (s, e) in enumerate(block)
             if not _METADATA_LINE.match(text[s:e]) and not text[s:e].endswith("?")]
    if not plain:
        return None
    first = plain[0]
    last = first
    while (last + 1 < len(block) and last + 1 - first < _HEADING_LINES
           and last + 1 in plain and text[block[last][1]:block[last + 1][0]].count("\n") == 1):
        last += 1
    s, e = trim_span(text, block[first][0], block[last][1], "*_ .:")
    return (" ".join(text[s:e].split()), s, e) if e > s else None


def review_evidence(text: str) -> Evidence:
    """Whether the document presents itself as one review: its title names a review type
    ("Serious Case Review: Child K", "Learning Brief – Sameer"), or its opening refers to
    itself as one ("This serious case review...", "known as Sameer for the purpose of this
    review"). A title that names another kind of document ("Annual Report 2018-19",
    "Newsletter", "Escalation policy") overrules both: such a document discusses reviews."""
    block = title_block(text)
    block_text = "\n".join(text[s:e] for s, e in block)
    if genre := _GENRE.search(block_text):
        return Evidence(False, f"its title names another kind of document "
                               f"({' '.join(genre.group().lower().split())})",
                        " ".join(genre.group().lower().split()))
    if kind := _TYPE_PHRASE.search(block_text):
        return Evidence(True, f"its title names a {_canonical(kind.group())}")
    opening = text[:_OPENING_CHARS]
    if m := _SELF.search(opening):
        return Evidence(True, f"it calls itself {' '.join(m.group().split())!r}")
    if m := _SUBJECT.search(opening):
        return Evidence(True, f"it names its subject {' '.join(m.group().split())!r}")
    return Evidence(False, "it does not name itself a review")


def review_types_named(text: str) -> list[str]:
    """The review types ``text`` names, as recorded, in its order, once each: a digest's
    heading "Child safeguarding practice review report: thematic review: ..." names two."""
    return list(dict.fromkeys(_canonical(m.group()) for m in _TYPE_PHRASE.finditer(text)))


def _canonical(phrase: str) -> str:
    key = " ".join(re.split(r"[\s-]+", phrase.lower()))
    for printed, kind in REVIEW_TYPES:
        if " ".join(printed.replace("-", " ").split()) == key:
            return kind
    return key


def infer_meta(text: str, fallback_title: str,
               fallback_source: FieldSource = FieldSource("file")) -> ReviewMeta:
    """A review's metadata from the words of its own text that state it, each field with
    the span it came from (``sources``); what the text does not state stays empty.

    Type: a review type named in the title block, else in the opening's "this ..." self
    reference. Title: the name after that type ("Serious Case Review (SCR) Baby Sama"), a
    child's pseudonym in the title block, the child "known as X for the purposes of this
    review", a pseudonym where the review speaks of its subject ("The review concerns Child
    M"), else the document's heading, else ``fallback_title`` (from the manifest or the
    file name, as ``fallback_source`` says). Area: a board named in the title block, or in
    an opening sentence saying it commissioned or published the review. Year: a stated
    publication date, or a date line in the title block; never the date of an event. Author:
    someone named as its author. Child's age: the first age stated in an opening sentence
    that names the child.
    """
    block = title_block(text)
    opening_end = min(len(text), _OPENING_CHARS)
    sources: dict[str, FieldSource] = {}

    def stated(name: str, value, span: tuple[int, int] | None):
        if value and span is not None:
            sources[name] = FieldSource.span(*span)
            return value
        return None

    kind, kind_span = _review_type(text, block, opening_end)
    review_type = stated("review_type", kind, kind_span)
    found = _review_title(text, block, kind_span, opening_end)
    title = stated("title", found and found[0], found and found[1:])
    if title is None:
        title = fallback_title
        sources["title"] = fallback_source
    area, area_span = _area(text, block, opening_end)
    year, year_span = _year(text, block)
    authors, author_span = _authors(text[:_AUTHOR_CHARS])
    age = _child_age(text, block, opening_end, title if "title" in sources else None)
    return ReviewMeta(
        title=title,
        area=stated("area", area, area_span),
        year=stated("year", year, year_span),
        review_type=review_type,
        authors=stated("authors", authors, author_span) or [],
        child_age=stated("child_age", age and age[0], age and age[1:]),
        sources=sources,
    )


def document_meta(text: str, fallback_title: str,
                  fallback_source: FieldSource = FieldSource("file")) -> ReviewMeta:
    """The metadata of a document that is not a review: its title only (its heading, else
    ``fallback_title``), never a child, an area, a year or a review type."""
    heading = document_heading(text)
    if heading:
        return ReviewMeta(title=heading[0], kind="document",
                          sources={"title": FieldSource.span(heading[1], heading[2])})
    return ReviewMeta(title=fallback_title, kind="document", sources={"title": fallback_source})


def _review_type(text: str, block: list[tuple[int, int]], opening_end: int
                 ) -> tuple[str | None, tuple[int, int] | None]:
    """The review type the title block names, else the one the opening calls itself
    ("this serious case review"), with the span of its name."""
    for s, e in block:
        if m := _TYPE_PHRASE.search(text, s, e):
            return _canonical(m.group()), m.span()
    for m in _SELF.finditer(text, 0, opening_end):
        if m["type"]:
            return _canonical(m["type"]), m.span("type")
    return None, None


def _review_title(text: str, block: list[tuple[int, int]], kind_span: tuple[int, int] | None,
                  opening_end: int) -> tuple[str, int, int] | None:
    """The review's subject as the text names it: the words right after the review type in
    the title, else a child's pseudonym in the title block, else the child "known as X" for
    the purposes of this review, else a child's pseudonym in an opening sentence where the
    review speaks of its subject ("The review concerns Child M"), else the heading."""
    if kind_span and any(s <= kind_span[0] < e for s, e in block):
        end = next(e for s, e in block if s <= kind_span[0] < e)
        m = re.compile(rf"\s*(?:\([A-Z]{{2,6}}\))?\s*[:–—-]?\s*(?:(?:into|regarding|concerning|"
                       rf"for|about|in respect of)\s+)?({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})"
                       ).match(text, kind_span[1], end)
        if m:
            words = list(re.finditer(r"\S+", m.group(1)))
            while words and words[-1].group().lower() in _GENERIC:  # "Child K Overview Report"
                words.pop()
            if words and words[0].group().lower() not in _GENERIC:
                start = m.start(1)
                return text[start:start + words[-1].end()], start, start + words[-1].end()
    for s, e in block:
        if m := _CHILD_NAME.search(text, s, e):
            span = m.span(1) if m.group(1) else m.span()
            return text[span[0]:span[1]], *span
    if m := _SUBJECT.search(text, 0, opening_end):
        return m["name"], *m.span("name")
    for s, e in _sentences(text, 0, opening_end):  # "The review concerns Child M, ..."
        if (m := _THE_REVIEW.search(text, s, e)) and (name := _CHILD_NAME.search(text, m.end(), e)):
            span = name.span(1) if name.group(1) else name.span()
            return text[span[0]:span[1]], *span
    if heading := document_heading(text):
        return heading
    return None


def _area(text: str, block: list[tuple[int, int]], opening_end: int
          ) -> tuple[str | None, tuple[int, int] | None]:
    """The place of the board named in the title block, or in an opening sentence saying
    that the board commissioned, published or carried out this review."""
    for s, e in block:
        if found := _board_place(text, s, e):
            return found
    for sentence_start, sentence_end in _sentences(text, 0, opening_end):
        sentence = text[sentence_start:sentence_end]
        if (_RELATION.search(sentence) and _SELF_ANY.search(sentence)
                and (found := _board_place(text, sentence_start, sentence_end))):
            return found
    return None, None


def _board_place(text: str, start: int, end: int
                 ) -> tuple[str, tuple[int, int]] | None:
    """The place named before "Safeguarding Children Board/Partnership" (or "LSCB") in
    ``text[start:end]``, without "Borough", "County"..., and the span of its words."""
    if m := _SBNI.search(text, start, end):
        return "Northern Ireland", m.span(1)
    for m in _BOARD.finditer(text, start, end):
        words = list(re.finditer(r"[\w’'&-]+", text[max(start, m.start() - 80):m.start()]))
        base = max(start, m.start() - 80)
        place: list[re.Match[str]] = []
        for word in reversed(words[-4:]):
            if not word.group()[0].isupper() or word.group() == "The":
                break
            place.insert(0, word)
        if place:
            span = (base + place[0].start(), base + place[-1].end())
            name = _AREA_SUFFIX.sub("", " ".join(w.group() for w in place))
            return name, span
    return None


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the sentences (or paragraphs) of ``text[start:end]``."""
    spans, pos = [], start
    for m in _SENTENCE_BOUND.finditer(text, start, end):
        spans.append((pos, m.end()))
        pos = m.end()
    if pos < end:
        spans.append((pos, end))
    return spans


def _year(text: str, block: list[tuple[int, int]]
          ) -> tuple[int | None, tuple[int, int] | None]:
    """A publication year the text states (at its start or end), else the year of a date
    line in the title block; None otherwise: the dates of events are not publication."""
    ending = max(_OPENING_CHARS, len(text) - _OPENING_CHARS)
    for start, end in ((0, min(len(text), _OPENING_CHARS)), (ending, len(text))):
        if m := _PUBLISHED.search(text, start, end):
            return int(m.group(1)), m.span(1)
    for s, e in block:
        if m := _DATE_LINE.match(text[s:e]):
            return int(m.group(1)), (s + m.start(1), s + m.end(1))
    return None, None


def _authors(text: str) -> tuple[list[str], tuple[int, int] | None]:
    """The author named as such ("Author: ...", "X Y, ..., has had lead responsibility for
    authoring this report"), and the span of the name."""
    for pattern in _AUTHOR:
        if m := pattern.search(text):
            return [m.group(1)], m.span(1)
    return [], None


def _child_age(text: str, block: list[tuple[int, int]], opening_end: int,
               title: str | None) -> tuple[str, int, int] | None:
    """The child's age: the first age stated in the title block or in an opening sentence
    that names the child (by the last word of the review's title: "Sama", "K")."""
    for s, e in block:
        if found := child_age_span(text, s, e):
            return found
    if not title:
        return None
    name = re.compile(rf"\b{re.escape(title.split()[-1])}\b")
    for s, e in _sentences(text, 0, opening_end):
        if name.search(text, s, e) and (found := child_age_span(text, s, e)):
            return found
    return None
