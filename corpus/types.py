"""The public types of the corpus stage: documents in, reviews and chunks out.

Offsets (``start``/``end``) are always character offsets into a document's *cleaned*
text (the output of :func:`reviewqa.corpus.repair.repair_text`), which is what the store
keeps and what the source viewer shows. Page breaks survive cleaning as form feeds
(``\\f``): the page of an offset is the number of form feeds before it, plus one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

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


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span ``[start, end)`` of ``text`` shrunk to exclude surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class QueryError(ValueError):
    """A question or filter that cannot be searched (empty, only punctuation, a year that is
    not a year). One-line message."""


FILTER_KEYS = ("year", "year_from", "year_to", "area", "type", "review_type", "theme")


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
        """From JSON or query parameters: year, year_from, year_to, area, type, theme."""
        data = {k: v for k, v in (data or {}).items() if v not in (None, "")}
        unknown = set(data) - set(FILTER_KEYS)
        if unknown:
            raise QueryError(f"unknown filter(s): {', '.join(sorted(unknown))}")

        def year(key: str) -> int | None:
            if key not in data:
                return None
            try:
                return int(data[key])  # type: ignore[call-overload]
            except (TypeError, ValueError):
                raise QueryError(f"filter {key!r} must be a year, got {data[key]!r}") from None

        exact = year("year")
        return cls(year_from=exact or year("year_from"), year_to=exact or year("year_to"),
                   area=_filter_text(data.get("area")), theme=_filter_text(data.get("theme")),
                   review_type=_filter_text(data.get("type") or data.get("review_type")))


def _filter_text(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise QueryError(f"filter value {value!r} must be text")
    return value.strip() or None


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


@dataclass
class ReviewMeta:
    """What a document says about one review. Fields the text does not give stay empty."""

    title: str  # title or pseudonym, e.g. "Child K", "Baby Sama"
    area: str | None = None  # area or partnership, e.g. "Rochdale"; None when anonymous/unknown
    year: int | None = None  # year of publication as the source gives it
    review_type: str | None = None  # "serious case review", "practice review", "learning brief", ...
    authors: list[str] = field(default_factory=list)
    child_age: str | None = None  # as stated, e.g. "7 weeks", "14 years"
    keywords: list[str] = field(default_factory=list)  # keywords or learning themes
    summary: str | None = None  # one line: what happened, as the source puts it


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


@dataclass
class Segmented:
    """A document cut into the reviews it describes, plus any non-review resources."""

    entries: list[Entry]
    resources: list[Resource] = field(default_factory=list)
