"""A LangChain ``BaseRetriever`` over reviewqa, so the hybrid, filtered, diversified search
drops into any chain. Each ``Document`` carries the passage and the hit's metadata."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .search import Retriever
from .types import Filters, Hit


def hit_to_document(hit: Hit) -> Document:
    data = hit.to_json()
    metadata = {"rank": data["rank"], "score": data["score"], "chunk_id": data["chunk_id"],
                "review": data["review"], "source": data["source"],
                "title": hit.review.title, "area": hit.review.area, "year": hit.review.year,
                "locator": hit.chunk.locator, "document": hit.document.name}
    return Document(page_content=hit.chunk.text, metadata=metadata, id=data["chunk_id"])


class ReviewRetriever(BaseRetriever):
    """``ReviewRetriever(retriever=Retriever.load(...), k=5, filters=Filters(year_from=2017))``."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Any  # reviewqa.retriever.search.Retriever (Any: pydantic need not inspect it)
    k: int = 5
    filters: Filters | None = None

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        search: Retriever = self.retriever
        return [hit_to_document(h) for h in search.search(query, k=self.k, filters=self.filters)]
