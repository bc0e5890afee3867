"""Lexical search on a real SQLite FTS5 store large enough to prune common words."""

from __future__ import annotations

import pytest

from reviewqa.corpus.store import ChunkRow, Store
from reviewqa.corpus.types import Filters, ReviewMeta
from reviewqa.retriever.lexical import LexicalSearch, query_terms, side_by_side, word_forms


def _store(tmp_path, chunks: list[tuple[str, str]]) -> Store:
    """A store of one document whose chunks are (review id, text), ids 1, 2, ... in order;
    a review id "r2016" is a review of 2016."""
    store = Store.open(tmp_path)
    with store.transaction():
        doc = store.insert_document(key="k", path=str(tmp_path / "d.txt"), name="d.txt",
                                    title="d", kind=None, publisher=None, date=None,
                                    provenance=None, format="txt", sha256="0" * 64, paged=False,
                                    text="")
        for n, review in enumerate(dict.fromkeys(r for r, _ in chunks)):
            year = int(review[1:]) if review[1:].isdigit() else None
            store.add_review_source(review, doc, n, f"Review {review}", f"review {review}",
                                    0, 0, ReviewMeta(title=f"Review {review}", year=year))
        store.insert_chunks([ChunkRow(id=i + 1, document_id=doc, review_id=review, ord=i,
                                      section="", locator=f"entry {i}", page=None, start=0, end=0,
                                      header="Review", text=text)
                             for i, (review, text) in enumerate(chunks)])
    return store


def _ids(found: list[tuple[int, float]]) -> list[int]:
    return [cid for cid, _ in found]


@pytest.fixture()
def big_store(tmp_path) -> Store:
    """2,500 chunks: every one mentions the child, 1 in 10 neglect, 1 in 100 escalation."""
    chunks = []
    for i in range(2500):
        words = ["the child was seen by the health visitor"]
        if i % 10 == 0:
            words.append("signs of neglect were missed")
        if i % 100 == 0:
            words.append("nobody used the escalation policy")
        chunks.append((f"r{2016 + i % 2}", ". ".join(words)))
    store = _store(tmp_path, chunks)
    yield store
    store.close()


def test_common_words_are_left_out_and_rare_ones_rank(big_store):
    lexical = LexicalSearch(big_store)
    assert lexical.total == 2500
    terms = query_terms("was the child's escalation policy used?")
    assert "child" in terms and "escalation" in terms
    assert "child" not in lexical._informative(terms)  # in every chunk
    ids = _ids(lexical.search("child escalation", depth=50))
    assert ids[:25] and all((i - 1) % 100 == 0 for i in ids[:25])  # the 25 escalation chunks


def test_a_question_of_only_common_words_keeps_the_rarest(big_store):
    lexical = LexicalSearch(big_store)
    assert lexical._informative(["child", "health", "neglect"]) == ["neglect"]
    ids = _ids(lexical.search("child health neglect", depth=10))
    assert len(ids) == 10 and all((i - 1) % 10 == 0 for i in ids)


def test_filters_apply_inside_the_lexical_search(big_store):
    lexical = LexicalSearch(big_store)
    # Chunks alternate between the 2016 and 2017 reviews; every 10th (neglect) is a 2016 one.
    ids = _ids(lexical.search("neglect", depth=300, filters=Filters(year_to=2016)))
    assert len(ids) == 250 and all(big_store.chunks([i])[0].review_id == "r2016" for i in ids)
    assert lexical.search("neglect", depth=10, filters=Filters(year_from=2017)) == []


@pytest.mark.parametrize(("question", "as_words"), [
    ('"neglect', "neglect"),  # an unbalanced quote is no FTS5 string
    ("neglect*", "neglect"),  # no prefix query
    ("text:neglect", "text neglect"),  # no column filter ("text" is in no chunk)
    ("NOT neglect", "neglect"),  # no operator ("not" is a stopword)
    ("neglect AND escalation", "neglect escalation"),  # words, joined with OR as always
    ("NEAR(neglect escalation)", "near neglect escalation"),
])
def test_query_syntax_is_never_interpreted(big_store, question, as_words):
    lexical = LexicalSearch(big_store)
    expected = lexical.search(as_words, depth=300)
    assert expected and lexical.search(question, depth=300) == expected


def test_punctuation_alone_finds_nothing_and_raises_nothing(big_store):
    assert LexicalSearch(big_store).search("* ( ) : ^", depth=5) == []


def test_irregular_plurals_find_their_singulars_and_back(tmp_path):
    # Porter stems "midwives" to "midwiv" and "midwife" to "midwif", "knives" to "knive":
    # each form is searched with its partner, and counts as present in the confidence.
    store = _store(tmp_path, [("r", "the community midwife visited twice"),
                              ("r", "two knives were found at home"),
                              ("r", "the health visitor called"),
                              ("r", "the midwives met the family")])
    lexical = LexicalSearch(store)
    assert set(_ids(lexical.search("what should midwives learn?", depth=10))) == {1, 4}
    assert _ids(lexical.search("knife crime", depth=10)) == [2]
    assert lexical.coverage("midwives", [1, 3]) == {1: 1.0, 3: 0.0}
    assert word_forms("knife") == ["knives"] and word_forms("children") == ["child"]
    assert word_forms("visitor") == []
    store.close()


def test_mum_dad_and_kids_are_searched_as_the_reviews_write_them(tmp_path):
    # No passage of the sample corpus says "mum", "dad" or "kids": BM25 found nothing by
    # them, and the answer said no passage uses them ("concerns abt mum drinking on a CP plan")
    store = _store(tmp_path, [("r", "the mother was drinking heavily"),
                              ("r", "the father was in prison"),
                              ("r", "the children were hungry")])
    lexical = LexicalSearch(store)
    assert _ids(lexical.search("mum drinking", depth=10)) == [1]
    assert _ids(lexical.search("dads in prison", depth=10)) == [2]
    assert _ids(lexical.search("hungry kids", depth=10)) == [3]
    assert lexical.unseen(["mum", "dad", "kids"]) == []
    assert word_forms("info") == ["information"]
    store.close()


def test_what_a_trainer_wants_examples_for_is_no_topic():
    # "for a session on cross-border working, ..." was told no passage uses "session"
    topic = LexicalSearch.topic_terms("for a session on cross-border working, which reviews show "
                                      "families moving")
    assert "session" not in topic and {"cross", "border", "families"} <= set(topic)
    assert "slot" not in LexicalSearch.topic_terms("a 20 min slot for governors on neglect")


def test_die_and_dying_count_as_used_where_died_is(tmp_path):
    # Porter stems "died" to "di", "die" to "die" and "dying" to "dy": "how did Child G
    # die?" was told that no passage uses "die". They are not searched with "died" (every
    # passage saying "died" then outranked one saying "drowned" for "a child dying from
    # drowning").
    store = _store(tmp_path, [("r", "the baby died in hospital"),
                              ("r", "the mother was arrested")])
    lexical = LexicalSearch(store)
    assert lexical.unseen(["die", "dying", "hospice"]) == ["hospice"]
    assert word_forms("die") == []
    store.close()


def test_missing_is_searched_as_a_child_gone_missing_not_as_missed(tmp_path):
    # Porter stems "missing" and "missed" alike: "children going missing from care" found
    # passages saying "missed opportunities". Asked about children who go missing, the word
    # is searched in the theme's phrases; asked about missing appointments, as itself.
    store = _store(tmp_path, [("r1", "there were missed opportunities to protect the children"),
                              ("r2", "the girl went missing from care several times"),
                              ("r3", "the family kept missing appointments with the GP")])
    lexical = LexicalSearch(store)
    assert _ids(lexical.search("children going missing from care", depth=10))[0] == 2
    held = lexical.coverage("missing from home", [1, 2, 3])
    assert held[1] == held[3] == 0.0 and held[2] > 0
    assert set(_ids(lexical.search("missing appointments", depth=10))) >= {1, 3}
    store.close()


def test_a_narrow_scope_is_searched_within_not_filtered_from_the_best_overall(tmp_path):
    # A question confined to a place's few passages took BM25's best overall (four times
    # deeper) and kept those in the place: where other places' passages match better, it
    # kept none. The search now runs among the passages in scope.
    chunks = [("r1", "neglect neglect neglect of the children") for _ in range(60)]
    chunks += [("r2", "a report of neglect at home"), ("r2", "the school saw neglect")]
    store = _store(tmp_path, chunks)
    within = [61, 62]
    assert set(_ids(LexicalSearch(store).search("neglect", depth=5, within=within))) == {61, 62}
    assert store.bm25(["neglect"], 5, within=[]) == []
    store.close()


def test_passages_holding_more_of_the_question_rank_before_those_repeating_one_word(tmp_path):
    # BM25 alone ranks the passage that says "father" five times above the one holding every
    # word asked for, "shaken" the rarest (Baby Sama's report against Baby J's entry).
    filler = " ".join(f"word{i}" for i in range(40))
    store = _store(tmp_path, [("r1", "father father father father father baby"),
                              ("r2", f"a baby shaken by a father, {filler}"),
                              ("r3", "the health visitor saw the mother"),
                              ("r4", "the health visitor saw the baby"),
                              ("r5", "the father was seen"), ("r6", "the school nurse"),
                              ("r7", "the shaken nurse")])
    lexical = LexicalSearch(store)
    question = "babies shaken by their fathers"
    bm25 = store.bm25(query_terms(question), 10)
    assert bm25.index(1) < bm25.index(2)
    found = lexical.search(question, depth=10)
    assert _ids(found)[0] == 2
    coverage = dict(found)
    assert coverage[2] == pytest.approx(1.0) and 0 < coverage[1] < 1
    assert coverage[4] < coverage[1]  # "baby" alone is worth less than "baby" and "father"
    # Asked again, the scratch table holds this question's passages only.
    assert _ids(lexical.search("health visitor", depth=10)) == [3, 4]
    store.close()


def test_within_keeps_only_the_given_chunks_from_a_deeper_pool(big_store):
    lexical = LexicalSearch(big_store)
    wanted = {i for i in range(1, 2501) if (i - 1) % 20 == 0}  # half the neglect chunks
    found = _ids(lexical.search("neglect", depth=10, within=wanted))
    assert len(found) == 10 and set(found) <= wanted


def test_a_question_with_one_word_the_index_holds_keeps_bm25s_order(tmp_path):
    # "what went well?" holds one word the index has ("well"): moving the passages that hold
    # it first would put those only the reviews' own terms find ("good practice") last.
    filler = " ".join(f"word{i}" for i in range(40))
    store = _store(tmp_path, [("r1", f"the visit went well, {filler}"),
                              ("r2", "good practice: good practice by the school nurse"),
                              ("r3", "the health visitor called")])
    lexical = LexicalSearch(store)
    extra = ["good practice"]
    bm25 = store.bm25([*query_terms("what went well?"), *extra], 10)
    assert bm25 == [2, 1]
    assert _ids(lexical.search("what went well?", depth=10, extra_terms=extra)) == bm25
    store.close()


def test_words_said_together_in_the_question_rank_the_passage_saying_them_together(tmp_path):
    # "young carers" found foster carers of young children, and Merton's "young carers were
    # not always recognised" tenth: both words are in both, and BM25 favours the repeats.
    filler = " ".join(f"word{i}" for i in range(40))
    store = _store(tmp_path, [("r1", "young children with foster carers; the carers were new carers"),
                              ("r2", f"{filler}: young carers were not always recognised"),
                              ("r3", "the health visitor called")])
    lexical = LexicalSearch(store)
    question = "what did reviews say about young carers?"
    assert side_by_side(question, query_terms(question)) == ["young carers"]
    assert store.bm25(query_terms(question), 10) == [1, 2]  # apart, BM25 prefers the repeats
    found = lexical.search(question, depth=10)
    assert _ids(found) == [2, 1]
    assert dict(found)[1] == dict(found)[2] == pytest.approx(1.0)  # each holds both words
    # only words side by side in the question, each searched: not across a stopword
    assert side_by_side("children in care", ["children", "care"]) == []
    assert side_by_side("care care", ["care"]) == []
    store.close()


def test_the_rarest_words_of_a_question_are_those_few_passages_hold(big_store):
    # of 2,500 passages, every one holds "child", 250 "neglect", 25 "escalation"
    lexical = LexicalSearch(big_store)
    assert lexical.rarest("escalation of neglect for a child") == ["escalation"]
    assert lexical.rarest("neglect of the child's health") == ["neglect"]
    # every passage holds both: neither is rarer than the other
    assert lexical.rarest("the child's health") == []
    assert lexical.rarest("escalation of hospice neglect") == ["escalation"]  # unheld: not rare
    assert lexical.rarest("escalation") == []  # one word is rarer than no other


def test_words_held_as_often_as_twice_the_rarest_are_rarest_too(tmp_path):
    store = _store(tmp_path, [("r", "a chronology of events"), ("r", "a chronology kept"),
                              ("r", "the dates of events"), ("r", "the dates were wrong"),
                              ("r", "events recorded"), ("r", "recorded events"),
                              ("r", "dates recorded"), ("r", "recorded late"),
                              ("r", "recorded in full"), ("r", "it was recorded")])
    lexical = LexicalSearch(store)  # chronology 2, dates 3, events 4, recorded 6
    assert lexical.rarest("recorded dates of events in a chronology") == ["dates", "events", "chronology"]
    store.close()
