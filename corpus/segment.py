"""From a document's cleaned text to the reviews it describes, or to none.

What a document is comes from evidence, never from the first names, places and years it
happens to mention:

- a **digest** when a digest parser recognises at least two entries in it (a repeated entry
  pattern: "2017 – Rochdale – Child K" headers with their fields, a newsletter's "Serious
  Case Reviews:" sections, numbered review headings with "Learning themes include:");
- one **review** when it presents itself as one (see :func:`structure.review_evidence`): a
  title naming a review type, "this serious case review", or a child "known as X for the
  purposes of this review", and its title does not name another kind of document;
- **other** otherwise (an annual report, a newsletter, minutes, a policy, notes): one entry
  whose metadata is the document's title only (its heading, else its file name).

A manifest can say what a document is ('single': one review, 'digest': one review per
entry, 'other': not a review) and give a single review's metadata, which overrides the
text's; where the manifest and the text disagree, :attr:`Segmented.warnings` says so.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace

from .digests import listed_resources, parse_digest
from .identity import normalise_area, normalise_title
from .structure import document_heading, document_meta, infer_meta, parse_single, review_evidence
from .types import FILE_NAME, MANIFEST, FieldSource, IngestError, ReviewMeta, Segmented

LAYOUTS = ("single", "digest", "other")


def segment(text: str, *, layout: str | None = None, review: dict | None = None,
            fallback_title: str = "Untitled review",
            manifest_title: str | None = None) -> Segmented:
    """Cuts ``text`` into entries and says what the document was taken to be (``kind``).

    ``review`` (from a manifest) overrides a single review's metadata. A title nothing else
    gives is ``manifest_title`` (the manifest's title for the document) or else
    ``fallback_title`` (the file's name); their sources say which.
    """
    if layout not in (None, *LAYOUTS):
        raise IngestError(f"unknown layout {layout!r} in manifest (expected one of {LAYOUTS})")
    review = review or {}
    _check_review_fields(review)
    fallback, fallback_source = ((manifest_title, MANIFEST) if manifest_title
                                 else (fallback_title, FILE_NAME))
    heading = document_heading(text)
    title = heading[0] if heading else None
    warnings: list[str] = []
    if layout != "single" and layout != "other":
        digest = parse_digest(text)
        if digest is not None:
            if review:
                warnings.append("the manifest's review metadata is not used: the document is a "
                                f"digest of {len(digest.entries)} reviews")
            digest.kind, digest.title, digest.warnings = "digest", title, warnings
            digest.reason = f"{len(digest.entries)} entries in a digest's repeated pattern"
            return _fields_as_labels(digest)
        if layout == "digest":
            raise IngestError("manifest says 'digest' but no review entries were recognised")
    evidence = review_evidence(text)
    if layout == "other" or (layout is None and not review and not evidence.review):
        if layout == "other" and evidence.review:
            warnings.append(f"the manifest says this is not a review, but {evidence.reason}")
        if review:
            warnings.append("the manifest's review metadata is not used: the manifest says "
                            "the document is not a review")
        meta = document_meta(text, fallback, fallback_source)
        if manifest_title:
            meta = replace(meta, title=manifest_title, sources={"title": MANIFEST})
        reason = "the manifest says so" if layout == "other" else evidence.reason
        return Segmented(entries=[parse_single(text, meta)], resources=listed_resources(text),
                         kind="other", title=title, warnings=warnings, reason=reason)
    if not evidence.review:
        warnings.append(f"the manifest says this is a review, but {evidence.reason}")
    meta, disagreements = _with_overrides(infer_meta(text, fallback, fallback_source), review,
                                          text, heading)
    reason = evidence.reason if evidence.review else "the manifest says so"
    return Segmented(entries=[parse_single(text, meta)], resources=listed_resources(text),
                     kind="review", title=title, warnings=warnings + disagreements, reason=reason)


def _fields_as_labels(digest: Segmented) -> Segmented:
    """A digest entry's fields (Summary, Learning, Keywords...) are short: they name a block
    (its label, cited in the locator) but do not divide the entry into sections, so the
    chunker may keep a whole entry together when it fits the window."""
    for entry in digest.entries:
        entry.blocks = [replace(b, section="", label=b.label or b.section or None)
                        for b in entry.blocks]
    return digest


_ALIASES = {"type": "review_type"}
_LABELS = {"review_type": "type", "child_age": "child's age"}
_NOT_SETTABLE = {"kind", "sources"}


def _check_review_fields(review: dict) -> None:
    known = {f.name for f in fields(ReviewMeta)} - _NOT_SETTABLE
    unknown = {_ALIASES.get(k, k) for k in review} - known
    if unknown:
        raise IngestError(f"unknown review field(s) in manifest: {', '.join(sorted(unknown))}")


def _with_overrides(meta: ReviewMeta, review: dict, text: str,
                    heading: tuple[str, int, int] | None = None) -> tuple[ReviewMeta, list[str]]:
    """``meta`` with the manifest's values (their source: the manifest), and a warning for
    each field the text states otherwise (a title read from the document's heading, for
    want of a better one, is not a statement to disagree with)."""
    values = {_ALIASES.get(k, k): v for k, v in review.items()}
    sources = dict(meta.sources)
    warnings = []
    for name, value in values.items():
        stated, source = getattr(meta, name), sources.get(name)
        from_heading = (name == "title" and heading is not None and source is not None
                        and (source.start, source.end) == heading[1:])
        if (stated and value and source is not None and source.origin == "text"
                and not from_heading and not _agrees(name, stated, value)):
            warnings.append(f"manifest {_LABELS.get(name, name)} {_shown(value)} differs from "
                            f"the text's {_shown(stated)} ({_quote(text, source)})")
        if value:
            sources[name] = MANIFEST
        else:
            sources.pop(name, None)
    return replace(meta, **values, sources=sources), warnings


def _agrees(name: str, stated: object, given: object) -> bool:
    """Whether the text's value and the manifest's say the same, allowing for spelling:
    "Serious case review: Child K" is "Child K", "Bedford Borough" is "Bedford"."""
    if name == "title":
        return normalise_title(str(stated)) == normalise_title(str(given))
    if name == "area":
        return (normalise_area(str(stated)) or "").lower() == (normalise_area(str(given)) or "").lower()
    if name in ("authors", "keywords"):
        def names(values: object) -> set[str]:
            items = values if isinstance(values, list) else [values]
            return {" ".join(str(v).lower().split()) for v in items}
        return names(stated) <= names(given) or names(given) <= names(stated)
    if name == "review_type":
        a, b = (" ".join(re.split(r"[\s-]+", str(v).lower())) for v in (stated, given))
        return a in b or b in a
    return " ".join(str(stated).lower().split()) == " ".join(str(given).lower().split())


def _shown(value: object) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else repr(value)


def _quote(text: str, source: FieldSource) -> str:
    """Where the text says it: '"words" at 1234'."""
    words = " ".join(text[source.start:source.end].split())
    return f"{words[:60]!r} at {source.start}"
