"""LangChain's own standard retriever suite (``langchain-tests``) on ``ReviewRetriever`` over
the real bundled index, plus the adapter's per-call ``k`` and ``filters``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from langchain_core.documents import Document
from langchain_tests.integration_tests import RetrieversIntegrationTests

from reviewqa.corpus.types import Filters, QueryError
from reviewqa.retriever.langchain_adapter import ReviewRetriever
from reviewqa.retriever.search import Retriever


@pytest.fixture(scope="module")
def search(bundled_index_dir, embedder) -> Iterator[Retriever]:
    """A Retriever over the bundled index (the suite's own fixture is named ``retriever``)."""
    from reviewqa.embed.pipeline import CorpusIndex

    r = Retriever(CorpusIndex.open(bundled_index_dir, embedder=embedder))
    yield r
    r.close()


# The suite's one async test (test_ainvoke_returns_documents) needs the asyncio mark; the
# suite forbids overriding its tests, so the mark goes on the class, sync tests included.
@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore:.*marked with '@pytest.mark.asyncio' but it is not an async")
class TestReviewRetrieverStandard(RetrieversIntegrationTests):
    """Every test of the suite, none overridden (the suite checks that itself)."""

    _search: Retriever | None = None

    @pytest.fixture(autouse=True)
    def _bind(self, search: Retriever) -> None:
        type(self)._search = search

    @property
    def retriever_constructor(self) -> type[ReviewRetriever]:
        return ReviewRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        assert self._search is not None
        return {"retriever": self._search, "k": 5}

    @property
    def retriever_query_example(self) -> str:
        return "what went wrong with escalation?"


# -- the adapter's own behaviour -----------------------------------------------------------------


def test_k_and_filters_per_call_override_the_constructor(search):
    retriever = ReviewRetriever(retriever=search, k=5, filters={"area": "Bedford"})
    docs = retriever.invoke("co-sleeping risks")
    assert len(docs) <= 5 and docs and all(d.metadata["area"] == "Bedford" for d in docs)
    one = retriever.invoke("co-sleeping risks", k=1)
    assert len(one) == 1 and isinstance(one[0], Document) and one[0].id == docs[0].id
    by_year = retriever.invoke("neglect", k=4, filters=Filters(year_from=2018, year_to=2018))
    assert by_year and all(d.metadata["year"] == 2018 for d in by_year)
    as_dict = retriever.invoke("neglect", k=4, filters={"year": 2018})
    assert [d.id for d in as_dict] == [d.id for d in by_year]
    assert one[0].metadata["source"]["url"].startswith("/source/")


@pytest.mark.parametrize("kwargs", [{"k": 0}, {"k": True}, {"k": 2.5}, {"k": 10**30},
                                    {"filters": {"year": 10**30}}, {"filters": {"colour": "red"}},
                                    {"filters": ["neglect"]}])
def test_bad_per_call_arguments_are_query_errors(search, kwargs):
    with pytest.raises(QueryError):
        ReviewRetriever(retriever=search).invoke("neglect", **kwargs)


def test_unknown_per_call_arguments_are_refused(search):
    with pytest.raises(TypeError, match="top_k"):
        ReviewRetriever(retriever=search).invoke("neglect", top_k=3)


def test_constructor_checks_k_and_filters(search):
    with pytest.raises(ValueError):
        ReviewRetriever(retriever=search, k=0)
    with pytest.raises(ValueError):
        ReviewRetriever(retriever=search, filters={"year_from": 2019, "year_to": 2016})
    assert ReviewRetriever(retriever=search, filters={"year": "2017"}).filters == Filters(2017, 2017)
