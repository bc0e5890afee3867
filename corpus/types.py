"""The public types of the corpus stage: documents in, reviews and chunks out.

Offsets (``start``/``end``) are always character offsets into a document's *cleaned*
text (the output of :func:`reviewqa.corpus.repair.repair_text`), which is what the store
keeps and what the source viewer shows. Page breaks survive cleaning as form feeds
(``\\f``): the page of an offset is the number of form feeds before it, plus one.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

PAGE_BREAK = "\f"


AREA_NOT_STATED = "Area not stated"
YEAR_NOT_STATED = "year not stated"


def review_label(title: str, area: str | None, year: int | None) -> str:
    """'Child K (Rochdale, 2017)': a review named in a line of text; what the sources do not
    state is left out."""
    where = ", ".join(str(x) for x in (area, year) if x)
    return f"{title} ({where})" if where else title


def review_heading(title: str, area: str | None, year: int | None, review_type: str | None) -> str:
    """'Bradford 2018 – Sameer (learning brief)': a review heading a group of quotes."""
    place = " ".join(str(x) for x in (area, year) if x)
    return (f"{place} – {title}" if place else title) + (f" ({review_type})" if review_type else "")


def review_facts(area: str | None, year: int | None, review_type: str | None) -> list[str]:
    """['Bradford', '2018', 'learning brief']: a review's facts for a card or a handout, saying
    so where the sources do not state the area or year (a reader must not assume one)."""
    return [area or AREA_NOT_STATED, str(year) if year else YEAR_NOT_STATED,
            *([review_type] if review_type else [])]


def trim_span(text: str, start: int, end: int, chars: str = "") -> tuple[int, int]:
    """The span ``[start, end)`` of ``text`` shrunk past whitespace (and ``chars``) at both
    ends, as ``str.strip`` would."""
    while start < end and (text[start] in chars or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in chars or text[end - 1].isspace()):
        end -= 1
    return start, end


class QueryError(ValueError):
    """A question or filter that cannot be searched (empty, only punctuation, a year that is
    not a year). One-line message."""


FILTER_KEYS = ("year", "year_from", "year_to", "area", "type", "review_type", "theme")

YEAR_MIN, YEAR_MAX = 1900, 2100
"""The years a filter may name: a review's year of publication, never a guess outside these."""

SHOWN_CHARS = 80
"""How much of a bad value an error message echoes."""

_YEAR_TEXT = re.compile(r"[0-9]{1,9}")


def loads_strict(text: str) -> Any:
    """``json.loads`` refusing the numbers JSON cannot write back (NaN, Infinity, 1e400) with
    a ValueError saying which, as it refuses an integer over Python's 4,300 digits."""
    return json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {shown(text)} is too large")
    return value


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """``repr(value)`` cut to about ``limit`` characters, for one-line error messages that
    must not echo kilobytes of input back."""
    try:
        text = repr(value)
    except ValueError:  # an int too long to print (Python's 4300-digit limit)
        return "a number too long to show"
    return text if len(text) <= limit else text[:limit - 1] + "…"


@dataclass(frozen=True)
class Filters:
    """Review metadata every returned hit must satisfy. Empty fields filter nothing."""

    year_from: int | None = None
    year_to: int | None = None
    area: str | None = None  # matched case-insensitively against the review's area
    review_type: str | None = None  # substring, e.g. "serious case review", "thematic"
    theme: str | None = None  # substring of a keyword/learning theme

    @property
    def empty(self) -> bool:
        return not any((self.year_from, self.year_to, self.area, self.review_type, self.theme))

    @classmethod
    def from_mapping(cls, data: Mapping[str, object] | None) -> Filters:
        """From JSON or query parameters: year, year_from, year_to, area, type, theme.

        A year is a whole number from YEAR_MIN to YEAR_MAX (an int, a float without a
        fraction, or decimal digits; never a bool); ``year`` sets both ends of the range;
        ``year_from`` may not be after ``year_to``. Anything else is a one-line QueryError
        that echoes at most SHOWN_CHARS of the value."""
        data = {k: v for k, v in (data or {}).items() if v is not None and v != ""}
        unknown = set(data) - set(FILTER_KEYS)
        if unknown:
            raise QueryError(f"unknown filter(s): {shown(', '.join(sorted(unknown)))}")
        exact = _filter_year(data, "year")
        year_from = exact if exact is not None else _filter_year(data, "year_from")
        year_to = exact if exact is not None else _filter_year(data, "year_to")
        if year_from is not None and year_to is not None and year_from > year_to:
            raise QueryError(f"filter 'year_from' ({year_from}) is after 'year_to' ({year_to})")
        return cls(year_from=year_from, year_to=year_to,
                   area=_filter_text(data, "area"), theme=_filter_text(data, "theme"),
                   review_type=_filter_text(data, "type") or _filter_text(data, "review_type"))


def _filter_year(data: Mapping[str, object], key: str) -> int | None:
    if key not in data:
        return None
    value = data[key]
    year: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    elif isinstance(value, float) and value.is_integer():  # not inf, nan or 2017.5
        year = int(value)
    elif isinstance(value, str) and _YEAR_TEXT.fullmatch(value.strip()):
        year = int(value.strip())
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        raise QueryError(f"filter {key!r} must be a year from {YEAR_MIN} to {YEAR_MAX}, "
                         f"got {shown(value)}")
    return year


def _filter_text(data: Mapping[str, object], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise QueryError(f"filter {key!r} must be text, got {shown(value)}")
    if not is_valid_unicode(value):
        raise QueryError(f"filter {key!r} is not valid Unicode text (it holds a lone surrogate)")
    return value.strip() or None


def is_valid_unicode(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8 (JSON may carry lone surrogates such as
    \\ud800, which no encoder, tokenizer or database takes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class IngestError(Exception):
    """A document that cannot be ingested. ``str(err)`` is a one-line reason without the path."""


@dataclass(frozen=True)
class LoadedDocument:
    """What a loader returns: the raw extracted text and where it came from.

    ``text`` holds every page of a paged format joined by ``PAGE_BREAK``; ``paged`` says
    whether page numbers are known (PDF) so that locators may cite them.
    """

    path: Path
    format: str  # "txt", "md", "html", "pdf", "docx"
    text: str
    sha256: str  # of the file's bytes
    paged: bool = False


FieldOrigin = Literal["manifest", "text", "file"]


@dataclass(frozen=True)
class FieldSource:
    """Where one metadata field's value came from: the manifest, a span of the document's
    cleaned text (``start``/``end``: the words that state it), or the file's name (a
    title, when neither states one). ``document`` is the key of the document it belongs to
    (whose text holds the span, whose manifest entry or name gave the value); it is set on a
    review's merged metadata and None on one document entry's (whose document is known)."""

    origin: FieldOrigin
    start: int | None = None
    end: int | None = None
    document: str | None = None

    @classmethod
    def span(cls, start: int, end: int) -> FieldSource:
        return cls("text", start, end)

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> FieldSource:
        return cls(**data)  # type: ignore[arg-type]


MANIFEST = FieldSource("manifest")
FILE_NAME = FieldSource("file")

META_FIELDS = ("title", "area", "year", "review_type", "authors", "child_age", "keywords",
               "summary")
"""The metadata fields of a review; each has a source in ``ReviewMeta.sources`` or is empty."""

MetaKind = Literal["review", "document"]


@dataclass
class ReviewMeta:
    """What a document says about one review. Fields the text does not give stay empty.

    ``sources`` says where each non-empty field came from (keyed by field name): the
    manifest or a span of the text; a field is never filled from a guess. ``kind`` is
    "document" for a document that is not a review: it has a title and nothing else.
    """

    title: str  # title or pseudonym, e.g. "Child K", "Baby Sama"
    area: str | None = None  # area or partnership, e.g. "Rochdale"; None when anonymous/unknown
    year: int | None = None  # year of publication as the source gives it
    review_type: str | None = None  # "serious case review", "practice review", "learning brief", ...
    authors: list[str] = field(default_factory=list)
    child_age: str | None = None  # as stated, e.g. "7 weeks", "14 years"
    keywords: list[str] = field(default_factory=list)  # keywords or learning themes
    summary: str | None = None  # one line: what happened, as the source puts it
    kind: MetaKind = "review"
    sources: dict[str, FieldSource] = field(default_factory=dict)

    def to_json(self) -> dict:
        """A JSON-ready dict (sources as nested objects); :meth:`from_json` reads it back."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> ReviewMeta:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        sources: Mapping[str, Mapping[str, object]] = data.get("sources") or {}  # type: ignore[assignment]
        values["sources"] = {name: FieldSource.from_json(src) for name, src in sources.items()}
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Block:
    """A structural unit of a review's text: a numbered paragraph, a list item, a digest field.

    ``section`` is the heading path inside the review ("3. Findings › Learning Point 2"), or ""
    at the top; ``label`` is what a citation names: a paragraph number ("2.72") or a field
    name ("Learning"), None when the block has neither.
    """

    start: int
    end: int
    section: str = ""
    label: str | None = None


@dataclass
class Entry:
    """One review as described in one document: a digest entry, or a whole report.

    ``start``/``end`` span the entry in the cleaned text; ``blocks`` cover its body in
    order, never outside the entry. ``label`` names the entry in a locator ("entry 12",
    or the heading line as printed).
    """

    meta: ReviewMeta
    start: int
    end: int
    blocks: list[Block]
    label: str = ""


@dataclass(frozen=True)
class Resource:
    """A digest item that is not a review (e.g. the newsletter's "Linked Research & Resources")."""

    title: str
    start: int
    end: int


SegmentKind = Literal["review", "digest", "other"]


@dataclass
class Segmented:
    """A document cut into the reviews it describes, plus any non-review resources.

    ``kind`` is what the document was taken to be: one review ("review"), a digest of
    reviews ("digest", one entry per review), or something else ("other": one entry whose
    metadata is the document's title only, ``kind="document"``), and ``reason`` says what
    showed it ("its title names a serious case review", "the manifest says so"). ``title``
    is the document's own heading where it has one. ``warnings`` are one-line notes for the
    ingest summary: where a manifest and what the text states about itself disagree.
    """

    entries: list[Entry]
    resources: list[Resource] = field(default_factory=list)
    kind: SegmentKind = "review"
    title: str | None = None
    warnings: list[str] = field(default_factory=list)
    reason: str = ""
