"""A LangChain ``BaseRetriever`` over reviewqa, so the hybrid, filtered, diversified search
drops into any chain. Each ``Document`` carries the passage and the hit's metadata.

``k`` and ``filters`` are set on the retriever and may be overridden per call, as LangChain's
standard retriever tests expect: ``ReviewRetriever(retriever=r, k=5).invoke("neglect", k=1,
filters={"year_from": 2017})``. Filters are a :class:`Filters` or a dict of the API's filter
fields (year, year_from, year_to, area, type, theme).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field, field_validator

from reviewqa.settings import MAX_K

from .search import Retriever
from .types import Filters, Hit, QueryError

IGNORED_CALL_ARGS = frozenset({"verbose"})  # BaseRetriever.invoke passes these on; they are its own


def hit_to_document(hit: Hit) -> Document:
    data = hit.to_json()
    metadata = {"rank": data["rank"], "score": data["score"], "chunk_id": data["chunk_id"],
                "review": data["review"], "source": data["source"],
                "title": hit.review.title, "area": hit.review.area, "year": hit.review.year,
                "locator": hit.chunk.locator, "document": hit.document.name}
    return Document(page_content=hit.chunk.text, metadata=metadata, id=data["chunk_id"])


def as_filters(value: Filters | Mapping[str, object] | None) -> Filters | None:
    """A Filters from a Filters, a dict of filter fields (checked by Filters.from_mapping), or None."""
    if value is None or isinstance(value, Filters):
        return value
    if isinstance(value, Mapping):
        return Filters.from_mapping(value)
    raise QueryError(f"filters must be a Filters or a dict, not {type(value).__name__}")


def check_k(value: object) -> int:
    """The number of documents asked for: a whole number from 1 to MAX_K."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_K:
        raise QueryError(f"k must be a whole number from 1 to {MAX_K}, got {value!r:.80}")
    return value


class ReviewRetriever(BaseRetriever):
    """``ReviewRetriever(retriever=Retriever.load(...), k=5, filters=Filters(year_from=2017))``;
    ``.invoke(question, k=..., filters=...)`` overrides ``k`` and ``filters`` for one call."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Any  # reviewqa.retriever.search.Retriever (Any: pydantic need not inspect it)
    k: int = Field(5, ge=1, le=MAX_K, strict=True)
    filters: Filters | None = None

    @field_validator("filters", mode="before")
    @classmethod
    def _filters(cls, value: Any) -> Filters | None:
        return as_filters(value)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun,
                                k: int | None = None,
                                filters: Filters | Mapping[str, object] | None = None,
                                **kwargs: Any) -> list[Document]:
        unknown = set(kwargs) - IGNORED_CALL_ARGS
        if unknown:
            raise TypeError(f"ReviewRetriever takes k and filters per call, not {', '.join(sorted(unknown))}")
        search: Retriever = self.retriever
        hits = search.search(query, k=self.k if k is None else check_k(k),
                             filters=self.filters if filters is None else as_filters(filters))
        return [hit_to_document(h) for h in hits]
