"""Trainers' features over the index: case examples on a theme (one row per review), and the
catalogue of reviews. Served by the web app's Find examples and Reviews tabs and by the
HTTP API; rows are JSON-ready dicts."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from reviewqa.corpus.store import Store

from .search import Retriever
from .types import Filters, source_url

EXAMPLES_LIMIT = 20
SUMMARY_CHARS = 240


def find_examples(retriever: Retriever, query: str, filters: Filters | None = None,
                  limit: int = EXAMPLES_LIMIT) -> list[dict[str, Any]]:
    """One row per review, ranked by relevance, with the sentence that best matches the query."""
    hits = retriever.search(query, k=limit, filters=filters,
                            config=replace(retriever.config, per_review=1))
    rows = []
    for hit in hits:
        quote = retriever.answerer.best_sentence(query, hit)
        r = hit.review
        rows.append({
            "rank": hit.rank, "review_id": r.id, "title": r.title, "area": r.area or "",
            "year": r.year or "", "type": r.type or "", "summary": one_line(r.summary or ""),
            "key_learning": quote.text, "key_start": quote.start, "key_end": quote.end,
            "document": hit.document.name, "locator": hit.chunk.locator,
            "url": source_url(hit.document.key, quote.start, quote.end)})
    return rows


def one_line(text: str, limit: int = SUMMARY_CHARS) -> str:
    """``text`` on one line, cut at a word boundary near ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def catalogue(store: Store) -> list[dict[str, Any]]:
    """Every review with its metadata and the documents (and entries) that describe it."""
    rows = []
    for r in store.reviews():
        sources = [{"document": s.document_name, "document_title": s.document_title,
                    "label": s.label, "url": source_url(s.document_key, s.start, s.end)}
                   for s in store.review_sources(r.id)]
        rows.append({"id": r.id, "title": r.title, "area": r.area, "year": r.year, "type": r.type,
                     "keywords": r.keywords, "summary": r.summary, "sources": sources})
    return rows


def filter_catalogue(rows: list[dict[str, Any]], text: str | None) -> list[dict[str, Any]]:
    """The reviews whose title, area, year, type, keywords or summary contain ``text``."""
    needle = (text or "").strip().lower()
    if not needle:
        return rows

    def haystack(row: dict[str, Any]) -> str:
        return " ".join(str(x) for x in (row["title"], row["area"], row["year"], row["type"],
                                          " ".join(row["keywords"]), row["summary"]) if x).lower()

    return [row for row in rows if needle in haystack(row)]
