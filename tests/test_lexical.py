"""Lexical search on a real SQLite FTS5 store large enough to prune common words."""

from __future__ import annotations

import pytest

from reviewqa.corpus.store import ChunkRow, Store
from reviewqa.retriever.lexical import LexicalSearch, query_terms
from reviewqa.retriever.types import Filters


@pytest.fixture()
def big_store(tmp_path) -> Store:
    """2,500 chunks: every one mentions the child, 1 in 10 neglect, 1 in 100 escalation."""
    store = Store.open(tmp_path)
    with store.transaction():
        doc = store.insert_document(key="k", path=str(tmp_path / "d.txt"), name="d.txt",
                                    title="d", kind=None, publisher=None, date=None,
                                    provenance=None, format="txt", sha256="0" * 64, paged=False,
                                    text="")
        for year in (2016, 2017):
            store.db.execute("INSERT INTO reviews(id, title, year) VALUES (?, ?, ?)",
                             (f"r{year}", f"Review {year}", year))
        rows = []
        for i in range(2500):
            words = ["the child was seen by the health visitor"]
            if i % 10 == 0:
                words.append("signs of neglect were missed")
            if i % 100 == 0:
                words.append("nobody used the escalation policy")
            rows.append(ChunkRow(id=i + 1, document_id=doc, review_id=f"r{2016 + i % 2}", ord=i,
                                 section="", locator=f"entry {i}", page=None, start=0, end=0,
                                 header="Review", text=". ".join(words)))
        store.insert_chunks(rows)
    yield store
    store.close()


def test_common_words_are_left_out_and_rare_ones_rank(big_store):
    lexical = LexicalSearch(big_store.db)
    assert lexical.total == 2500
    terms = query_terms("was the child's escalation policy used?")
    assert "child" in terms and "escalation" in terms
    assert "child" not in lexical._informative(terms)  # in every chunk
    ids = lexical.search("child escalation", depth=50)
    assert ids[:25] and all((i - 1) % 100 == 0 for i in ids[:25])  # the 25 escalation chunks


def test_a_question_of_only_common_words_keeps_the_rarest(big_store):
    lexical = LexicalSearch(big_store.db)
    assert lexical._informative(["child", "health", "neglect"]) == ["neglect"]
    ids = lexical.search("child health neglect", depth=10)
    assert len(ids) == 10 and all((i - 1) % 10 == 0 for i in ids)


def test_filters_apply_inside_the_lexical_search(big_store):
    lexical = LexicalSearch(big_store.db)
    # Chunks alternate between the 2016 and 2017 reviews; every 10th (neglect) is a 2016 one.
    ids = lexical.search("neglect", depth=300, filters=Filters(year_to=2016))
    assert len(ids) == 250 and all(big_store.chunks([i])[0].review_id == "r2016" for i in ids)
    assert lexical.search("neglect", depth=10, filters=Filters(year_from=2017)) == []


@pytest.mark.parametrize("question", ['"quoted', "NEAR(a b)", "col:umn", "*", "AND OR NOT x"])
def test_query_syntax_is_never_interpreted(big_store, question):
    assert isinstance(LexicalSearch(big_store.db).search(question, depth=5), list)
