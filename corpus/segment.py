"""From a document's cleaned text to the reviews it describes.

A manifest can say what a document is ('single': one review, such as a learning brief or
a full report; 'digest': one review per entry). Without one, a document is a digest when a
digest parser recognises at least two entries in it, and a single review otherwise.
"""

from __future__ import annotations

from dataclasses import fields, replace

from .digests import parse_digest
from .structure import infer_meta, parse_single
from .types import IngestError, ReviewMeta, Segmented

LAYOUTS = ("single", "digest")


def segment(text: str, *, layout: str | None = None, review: dict | None = None,
            fallback_title: str = "Untitled review") -> Segmented:
    """Cuts ``text`` into entries; ``review`` (from a manifest) fills or overrides a single
    review's metadata where the text does not state it in a form we can parse."""
    if layout not in (None, *LAYOUTS):
        raise IngestError(f"unknown layout {layout!r} in manifest (expected one of {LAYOUTS})")
    if layout != "single":
        digest = parse_digest(text)
        if digest is not None:
            return _fields_as_labels(digest)
        if layout == "digest":
            raise IngestError("manifest says 'digest' but no review entries were recognised")
    meta = _with_overrides(infer_meta(text, fallback_title), review or {})
    return Segmented(entries=[parse_single(text, meta)])


def _fields_as_labels(digest: Segmented) -> Segmented:
    """A digest entry's fields (Summary, Learning, Keywords...) are short: they name a block
    (its label, cited in the locator) but do not divide the entry into sections, so the
    chunker may keep a whole entry together when it fits the window."""
    for entry in digest.entries:
        entry.blocks = [replace(b, section="", label=b.label or b.section or None)
                        for b in entry.blocks]
    return digest


def _with_overrides(meta: ReviewMeta, review: dict) -> ReviewMeta:
    known = {f.name for f in fields(ReviewMeta)}
    aliases = {"type": "review_type"}
    values = {aliases.get(k, k): v for k, v in review.items()}
    unknown = set(values) - known
    if unknown:
        raise IngestError(f"unknown review field(s) in manifest: {', '.join(sorted(unknown))}")
    return replace(meta, **values)
