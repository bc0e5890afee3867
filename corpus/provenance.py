"""Where each of a review's metadata fields came from, resolved for a reader: the manifest,
the file's name, or the words of a document that state it (quoted, with their offsets).
``reviewqa info --reviews`` prints it so that a librarian can audit a corpus."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .store import ReviewRow, Store

FIELDS = ("title", "area", "year", "type", "authors", "child_age", "keywords", "summary")
QUOTE_CHARS = 160


@dataclass(frozen=True)
class FieldProvenance:
    """One field's value and its source; ``quote`` is the text span that states it."""

    field: str
    value: str
    origin: str  # "manifest", "text", "file", or "not stated"
    document: str | None = None  # the document's file name
    start: int | None = None
    end: int | None = None
    quote: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def review_provenance(store: Store, review: ReviewRow) -> list[FieldProvenance]:
    """Every metadata field of ``review``, stated or not, with where its value came from."""
    texts: dict[str, tuple[str, str]] = {}  # document key -> (name, text)
    out = []
    for name in FIELDS:
        raw = getattr(review, name)
        value = ", ".join(raw) if isinstance(raw, list) else ("" if raw is None else str(raw))
        source = review.field_source(name)
        if not value:
            out.append(FieldProvenance(name, "", "not stated"))
            continue
        if source is None:
            out.append(FieldProvenance(name, value, "not recorded"))
            continue
        document = quote = None
        if source.document:
            if source.document not in texts:
                row = store.document_by_key(source.document)
                texts[source.document] = ((row.name, store.document_text(row.id)) if row
                                          else (source.document, ""))
            document, text = texts[source.document]
            if source.origin == "text" and source.start is not None and source.end is not None:
                quote = " ".join(text[source.start:source.end].split())[:QUOTE_CHARS]
        out.append(FieldProvenance(name, value, source.origin, document, source.start,
                                   source.end, quote))
    return out
