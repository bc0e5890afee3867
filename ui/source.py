"""The source viewer: a whole document as stored, with one passage highlighted.

Every character of the document is HTML-escaped before any markup is added, so a
document that contains markup (``<script>``, ``<img onerror=...>``) shows as text. The
page has no script, and its one inline style is allowed by hash in the
Content-Security-Policy that the server sends with it (``SOURCE_CSP``).
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from reviewqa.corpus.store import DocumentReview, DocumentRow, Store
from reviewqa.corpus.types import PAGE_BREAK, review_facts
from reviewqa.retriever.types import source_url

STYLE = """
body{font-family:system-ui,sans-serif;margin:0;color:#1f2937;background:#fff}
header{padding:1rem 1.5rem;border-bottom:1px solid #e5e7eb;background:#f9fafb}
h1{font-size:1.25rem;margin:0 0 .25rem}
.meta{color:#4b5563;font-size:.9rem;margin:.2rem 0}
.reviews{font-size:.9rem;margin:.5rem 0 0;padding-left:1.2rem}
.note{font-size:.85rem;color:#6b7280;margin:.5rem 0 0}
main{padding:1rem 1.5rem;max-width:60rem}
.text{white-space:pre-wrap;font-size:.95rem;line-height:1.55}
mark{background:#fde68a;padding:.1rem 0;scroll-margin-top:4rem}
.page-break{display:block;border-top:1px dashed #9ca3af;color:#6b7280;font-family:system-ui,sans-serif;
 font-size:.75rem;margin:.75rem 0;padding-top:.25rem}
@media (prefers-color-scheme: dark){body{background:#0b0f19;color:#e5e7eb}
 header{background:#111827;border-color:#374151}.meta,.note{color:#9ca3af}mark{color:#111827}}
""".strip()

_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()

SOURCE_CSP = ("default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
              f"form-action 'none'; frame-ancestors 'self'; style-src 'sha256-{_STYLE_HASH}'")


def valid_span(text: str, start: int | None, end: int | None) -> tuple[int, int] | None:
    """The [start, end) span to highlight, or None when the offsets are absent or out of range."""
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None
    return start, end


def render_text(text: str, span: tuple[int, int] | None) -> str:
    """The escaped text, the span wrapped in ``<mark id="passage">``, page breaks shown."""
    if span is None:
        return _escape_pages(text, 1)
    start, end = span
    before, inside = text[:start], text[start:end]
    page = before.count(PAGE_BREAK) + 1
    return (_escape_pages(before, 1)
            + '<mark id="passage">' + _escape_pages(inside, page) + "</mark>"
            + _escape_pages(text[end:], page + inside.count(PAGE_BREAK)))


def _escape_pages(text: str, page: int) -> str:
    """Escapes ``text`` and turns each form feed into a visible 'page N' rule."""
    parts = text.split(PAGE_BREAK)
    out = [escape(parts[0])]
    for n, part in enumerate(parts[1:], page + 1):
        out.append(f'<span class="page-break" role="separator">page {n}</span>{escape(part)}')
    return "".join(out)


def source_page(store: Store, key: str, start: int | None = None, end: int | None = None) -> str | None:
    """The HTML page of document ``key`` with [start, end) highlighted; None if no such document."""
    document = store.document_by_key(key)
    if document is None:
        return None
    text = store.document_text(document.id)
    span = valid_span(text, start, end)
    header = _header(document, document.provenance,
                     store.document_reviews(document.id), span is None and start is not None)
    return _page(document.title, header + f'<main><div class="text">{render_text(text, span)}</div></main>')


def not_found_page(key: str) -> str:
    """The 404 page for an unknown document key."""
    body = (f"<main><h1>Document not found</h1><p>No indexed document has the key "
            f"<code>{escape(key)}</code>. It may have been removed from the index.</p>"
            '<p><a href="/">Back to reviewqa</a></p></main>')
    return _page("Document not found", body)


def _header(document: DocumentRow, prov: dict, reviews: list[DocumentReview], bad_span: bool) -> str:
    published = " · ".join(escape(x) for x in (document.publisher, document.date, document.kind) if x)
    origin = [f"file {escape(document.name)} ({escape(document.format)})",
              f"sha256 {escape(document.sha256[:16])}…"]
    if prov.get("original_name"):
        origin.append(f"original name {escape(str(prov['original_name']))}")
    items = "".join(
        f'<li><a href="{escape(source_url(document.key, r.start, r.end))}">{escape(r.title)}</a>'
        f" — {escape(_review_facts(r))}</li>" for r in reviews)
    parts = [f"<h1>{escape(document.title)}</h1>",
             f'<p class="meta">{published}</p>' if published else "",
             f'<p class="meta">Provenance: {"; ".join(origin)}</p>',
             f'<p class="note">{escape(str(prov["note"]))}</p>' if prov.get("note") else "",
             f'<details class="meta"><summary>Reviews described ({len(reviews)})</summary>'
             f'<ul class="reviews">{items}</ul></details>' if reviews else "",
             '<p class="note">The requested passage is outside this document; showing it whole.</p>'
             if bad_span else "",
             '<p class="note">Text as extracted and cleaned for search; the published original may '
             'differ in layout. <a href="/">Back to reviewqa</a></p>']
    return "<header>" + "".join(parts) + "</header>"


def _review_facts(review: DocumentReview) -> str:
    return ", ".join(review_facts(review.area, review.year, review.type))


def _page(title: str, body: str) -> str:
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)} — reviewqa</title><style>{STYLE}</style></head>"
            f"<body>{body}</body></html>")
