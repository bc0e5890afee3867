"""The public types of the corpus stage: documents in, reviews and chunks out.

Offsets (``start``/``end``) are always character offsets into a document's *cleaned*
text (the output of :func:`reviewqa.corpus.repair.repair_text`), which is what the store
keeps and what the source viewer shows. Page breaks survive cleaning as form feeds
(``\\f``): the page of an offset is the number of form feeds before it, plus one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PAGE_BREAK = "\f"


def review_label(title: str, area: str | None, year: int | None) -> str:
    """'Child K (Rochdale, 2017)'; what the sources do not state is left out."""
    where = ", ".join(str(x) for x in (area, year) if x)
    return f"{title} ({where})" if where else title


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span ``[start, end)`` of ``text`` shrunk to exclude surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


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
