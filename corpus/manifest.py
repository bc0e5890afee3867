"""Manifests: a ``manifest.json`` beside documents says what each one is and where it came from.

Optional for a user's own documents. Format (see ``corpus/data/manifest.json``)::

    {"documents": [{"file": "x.pdf", "title": "...", "kind": "...", "layout": "single",
                    "publisher": "...", "date": "...", "review": {...}, "provenance": {...}}]}

``layout`` says what the document is when its text does not show it plainly: "single" (one
review), "digest" (one review per entry) or "other" (not a review: a title, no metadata).
``review`` gives a single review's fields (title, area, year, type, authors, child_age,
keywords, summary); each overrides what the text states, and where the two disagree the
ingest says so. A field set to null is left empty.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .types import IngestError

MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class DocumentInfo:
    file: str
    title: str | None = None
    kind: str | None = None
    layout: str | None = None
    publisher: str | None = None
    date: str | None = None
    review: dict = field(default_factory=dict)
    provenance: dict = field(default_factory=dict)


def bundled_corpus_dir() -> Path:
    """The sample corpus shipped with the package (``corpus/data``)."""
    return Path(str(resources.files("reviewqa.corpus") / "data"))


def read_manifest(folder: Path) -> dict[str, DocumentInfo]:
    """The manifest in ``folder`` by file name; empty when there is none.

    Raises IngestError (one line) when the manifest exists but is malformed.
    """
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise IngestError(f"malformed JSON ({err})") from None
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, list):
        raise IngestError('expected an object with a "documents" list')
    known = set(DocumentInfo.__dataclass_fields__)
    out: dict[str, DocumentInfo] = {}
    for i, item in enumerate(documents):
        if not isinstance(item, dict) or not isinstance(item.get("file"), str):
            raise IngestError(f'documents[{i}] needs a "file" name')
        unknown = set(item) - known
        if unknown:
            raise IngestError(f"documents[{i}] has unknown field(s): {', '.join(sorted(unknown))}")
        out[item["file"]] = DocumentInfo(**item)
    return out
