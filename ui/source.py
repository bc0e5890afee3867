"""The source viewer: a whole document as stored, with one passage highlighted and, inside
it, the sentences an answer quoted (``?start=&end=&q=s-e,s-e``) marked more strongly.

The header, pinned at the top while the text scrolls, names the document, its publisher and
date, and links to the published report where the document's manifest records one (never
guessed); the file name and checksum are in a details line below it.

Every character of the document is HTML-escaped before any markup is added, so a document
that contains markup (``<script>``, ``<img onerror=...>``) shows as text. The page has no
script, and its one inline style is allowed by hash in the
Content-Security-Policy that the server sends with it (``SOURCE_CSP``).
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape

from reviewqa.corpus.store import DocumentReview, DocumentRow, Store
from reviewqa.corpus.types import PAGE_BREAK, review_facts
from reviewqa.retriever.examples import NOT_RECORDED, published_url
from reviewqa.retriever.types import source_url

STYLE = """
body{font-family:system-ui,sans-serif;margin:0;color:#1f2937;background:#fff;line-height:1.5}
a{color:#1d4ed8}a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.doc-head{position:sticky;top:0;z-index:2;padding:.6rem 1.5rem;border-bottom:1px solid #d1d5db;
 background:#f9fafb;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:1.2rem;margin:0 0 .15rem;line-height:1.3}
.meta{color:#374151;font-size:.9rem;margin:.1rem 0}
.published{font-size:.9rem;margin:.2rem 0 0}
.not-recorded{color:#4b5563;font-style:italic}
.doc-details{padding:.5rem 1.5rem;border-bottom:1px solid #e5e7eb;font-size:.85rem;color:#374151}
.doc-details details{margin:.2rem 0}.doc-details summary{cursor:pointer;padding:.3rem 0;min-height:24px}
.reviews{margin:.3rem 0 0;padding-left:1.2rem}
.note{font-size:.85rem;color:#4b5563;margin:.3rem 0 0}
main{padding:1rem 1.5rem;max-width:60rem}
.text{white-space:pre-wrap;overflow-wrap:break-word;font-size:.95rem;line-height:1.6}
mark{background:#fde68a;color:inherit;padding:.1rem 0;scroll-margin-top:10rem}
mark.passage-with-quotes{background:#fef3c7}
mark.quote{background:#fcd34d;text-decoration:underline;text-decoration-color:#92400e;
 text-decoration-thickness:2px;text-underline-offset:3px}
.legend{font-size:.85rem;margin:.3rem 0 0}.legend mark{padding:0 .2rem}
.page-break{display:block;border-top:1px dashed #9ca3af;color:#4b5563;font-family:system-ui,sans-serif;
 font-size:.75rem;margin:.75rem 0;padding-top:.25rem}
@media (max-width:640px){.doc-head,.doc-details,main{padding-left:.75rem;padding-right:.75rem}
 h1{font-size:1.05rem}}
@media (prefers-color-scheme: dark){body{background:#0b0f19;color:#e5e7eb}a{color:#93c5fd}
 .doc-head{background:#111827;border-color:#374151}.meta,.note,.doc-details,.not-recorded{color:#d1d5db}
 mark{color:#111827}mark.passage-with-quotes{background:#3b3414;color:#f9fafb}}
""".strip()

_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()

SOURCE_CSP = ("default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
              f"form-action 'none'; frame-ancestors 'self'; style-src 'sha256-{_STYLE_HASH}'")
MAX_QUOTES = 50
_QUOTE_SPAN = re.compile(r"^\s*(\d{1,12})\s*-\s*(\d{1,12})\s*$")


def valid_span(text: str, start: int | None, end: int | None) -> tuple[int, int] | None:
    """The [start, end) span to highlight, or None when the offsets are absent or out of range."""
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None
    return start, end


def parse_quotes(value: str | None, text: str,
                 span: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """The quoted sentences of ``q=start-end,start-end``: spans within ``text`` (and within
    ``span`` when there is one), sorted, overlaps merged; malformed parts are ignored."""
    spans: list[tuple[int, int]] = []
    for part in (value or "").split(",")[:MAX_QUOTES]:
        m = _QUOTE_SPAN.match(part)
        if not m:
            continue
        start, end = int(m.group(1)), int(m.group(2))
        if span is not None:
            start, end = max(start, span[0]), min(end, span[1])
        if valid_span(text, start, end):
            spans.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def render_text(text: str, span: tuple[int, int] | None,
                quotes: list[tuple[int, int]] | tuple = ()) -> str:
    """The escaped text, the span wrapped in ``<mark id="passage">``, page breaks shown; the
    ``quotes`` (inside the span, from :func:`parse_quotes`) in ``<mark class="quote">``, the
    first with ``id="quote"``, the passage then marked only lightly."""
    if span is None and not quotes:
        return _escape_pages(text, 1)
    out: list[str] = []
    cursor = 0

    def plain(upto: int) -> None:
        nonlocal cursor
        if upto > cursor:
            out.append(_escape_pages(text[cursor:upto], text.count(PAGE_BREAK, 0, cursor) + 1))
            cursor = upto

    def quoted(start: int, end: int, first: bool) -> None:
        nonlocal cursor
        plain(start)
        out.append('<mark class="quote" id="quote">' if first else '<mark class="quote">')
        plain(end)
        out.append("</mark>")

    if span is not None:
        plain(span[0])
        out.append('<mark id="passage" class="passage-with-quotes">' if quotes
                   else '<mark id="passage">')
    for i, (start, end) in enumerate(quotes):
        quoted(start, end, i == 0)
    if span is not None:
        plain(span[1])
        out.append("</mark>")
    plain(len(text))
    return "".join(out)


def _escape_pages(text: str, page: int) -> str:
    """Escapes ``text`` and turns each form feed into a visible 'page N' rule."""
    parts = text.split(PAGE_BREAK)
    out = [escape(parts[0])]
    for n, part in enumerate(parts[1:], page + 1):
        out.append(f'<span class="page-break" role="separator">page {n}</span>{escape(part)}')
    return "".join(out)


def source_page(store: Store, key: str, start: int | None = None, end: int | None = None,
                quotes: str | None = None) -> str | None:
    """The HTML page of document ``key`` with [start, end) highlighted, and in it the quoted
    sentences of ``quotes`` (``"start-end,start-end"``); None if no such document."""
    document = store.document_by_key(key)
    if document is None:
        return None
    text = store.document_text(document.id)
    span = valid_span(text, start, end)
    marked = parse_quotes(quotes, text, span)
    header = _header(document, store.document_reviews(document.id),
                     span is None and start is not None, bool(span), bool(marked))
    return _page(document.title,
                 header + f'<main id="text"><div class="text">{render_text(text, span, marked)}</div></main>')


def not_found_page(key: str) -> str:
    """The 404 page for an unknown document key, echoed no longer than 80 characters (a
    5,000-character key was echoed whole)."""
    body = (f"<main><h1>Document not found</h1><p>No indexed document has the key "
            f"<code>{escape(key if len(key) <= 80 else key[:79] + '…')}</code>. It may have "
            "been removed from the index.</p>"
            '<p><a href="/">Back to reviewqa</a></p></main>')
    return _page("Document not found", body)


def published_link(url: str | None) -> str:
    """The published report's link (opens the publisher's site), or says it is not recorded."""
    if not url:
        return f'<span class="not-recorded">{escape(NOT_RECORDED)}</span>'
    return (f'<a class="published-link" href="{escape(url)}" rel="noopener noreferrer" '
            f'target="_blank">Published report (publisher&#8217;s site)</a>')


def _header(document: DocumentRow, reviews: list[DocumentReview], bad_span: bool,
            has_span: bool, has_quotes: bool) -> str:
    prov = document.provenance or {}
    published = " · ".join(escape(x) for x in (document.publisher, document.date, document.kind) if x)
    origin = [f"file {escape(document.name)} ({escape(document.format)})",
              f"sha256 {escape(document.sha256[:16])}…"]
    if prov.get("original_name"):
        origin.append(f"original name {escape(str(prov['original_name']))}")
    items = "".join(
        f'<li><a href="{escape(source_url(document.key, r.start, r.end))}">{escape(r.title)}</a>'
        f" — {escape(_review_facts(r))}</li>" for r in reviews)
    jump = ('<a href="#quote">Go to the quoted sentences</a> · ' if has_quotes
            else '<a href="#passage">Go to the cited passage</a> · ' if has_span else "")
    legend = ('<p class="legend"><mark class="quote">Quoted in the answer</mark> within '
              '<mark class="passage-with-quotes">the cited passage</mark></p>' if has_quotes else "")
    head = ("<header class=\"doc-head\">"
            f"<h1>{escape(document.title)}</h1>"
            + (f'<p class="meta">{published}</p>' if published else "")
            + f'<p class="published">{published_link(published_url(document))}</p>'
            + legend + "</header>")
    details = [
        f'<p class="note">{jump}<a href="/">Back to reviewqa</a></p>',
        '<p class="note">The requested passage is outside this document; showing it whole.</p>'
        if bad_span else "",
        f'<details><summary>Reviews described ({len(reviews)})</summary>'
        f'<ul class="reviews">{items}</ul></details>' if reviews else "",
        f'<details><summary>About this copy</summary><p class="meta">{"; ".join(origin)}</p>'
        + (f'<p class="note">{escape(str(prov["note"]))}</p>' if prov.get("note") else "")
        + '<p class="note">Text as extracted and cleaned for search; the published original may '
          "differ in layout.</p></details>"]
    return (head + '<section class="doc-details" aria-label="About this document">'
            + "".join(details) + "</section>")


def _review_facts(review: DocumentReview) -> str:
    return ", ".join(review_facts(review.area, review.year, review.type))


def _page(title: str, body: str) -> str:
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)} — reviewqa</title><style>{STYLE}</style></head>"
            f"<body>{body}</body></html>")
