"""What the web app and the source viewer show: provenance, citations, highlights, themes.

Real retrievers throughout: the bundled index (conftest), and a small index built here from
one bundled document with a fixture manifest that records a published-report link (the
bundled manifest records none, as none of the bundled documents states one).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from html import escape

import pytest
from conftest import LINKED_DOCUMENT as SAMEER
from conftest import PUBLISHED_URL as PUBLISHED

from reviewqa.retriever.examples import (
    NOT_RECORDED,
    catalogue,
    find_examples,
    published_url,
    quoted_url,
)
from reviewqa.retriever.themes import review_themes, theme_counts
from reviewqa.retriever.types import Filters
from reviewqa.ui.export import to_csv, to_markdown
from reviewqa.ui.render import (
    earlier_reviews,
    last_question,
    last_reviews,
    less_close_reviews,
    render_answer,
    render_catalogue,
    render_examples,
    render_question,
    render_themes,
    render_themes_chart,
)
from reviewqa.ui.source import parse_quotes, render_text, source_page


@pytest.fixture(scope="module")
def linked_retriever(linked_index_dir, embedder) -> Iterator:
    """A Retriever over the Sameer brief whose manifest records the published report's link."""
    from reviewqa.embed.pipeline import CorpusIndex
    from reviewqa.retriever.search import Retriever

    retriever = Retriever(CorpusIndex.open(linked_index_dir, embedder=embedder))
    yield retriever
    retriever.close()


# -- provenance --------------------------------------------------------------------------------


def test_cards_show_the_review_publisher_and_the_published_link(linked_retriever):
    answer = linked_retriever.answer("what went wrong with escalation?")
    assert answer.kind == "extractive" and answer.citations
    html = render_answer(answer, anchor="t1")
    assert html.count('class="source-card"') == len(answer.citations)
    assert "Bradford Safeguarding Children Board" in html
    assert f'href="{escape(PUBLISHED)}"' in html and 'rel="noopener noreferrer"' in html
    assert NOT_RECORDED not in html
    # The file name is on the details line, not in the card's title or facts.
    assert f'<p class="source-file">File: {SAMEER}</p>' in html
    assert SAMEER not in re.search(r'<p class="source-meta">(.*?)</p>', html).group(1)


def test_bundled_documents_say_the_link_is_not_recorded(retriever):
    assert all(published_url(d) is None for d in retriever.store.documents())
    html = render_answer(retriever.answer("what went wrong with escalation?"), anchor="t2")
    assert html.count(NOT_RECORDED) == html.count('class="source-card"') > 0
    assert "published-link" not in html


def test_an_answers_notes_come_before_its_sources_and_are_escaped(retriever):
    answer = retriever.answer("tell me about neglect cases in Rochdale")
    assert answer.notes and answer.citations
    answer.notes.append("<script>alert(1)</script>")
    html = render_answer(answer, anchor="t3")
    first_note = html.index('<p class="note">')
    assert html.index('class="answer-group"') < first_note < html.index('class="sources-heading"')
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_how_a_follow_up_was_read_is_said_above_the_answer_and_escaped(retriever):
    # it was the answer's first note, below the quoted passages: off screen on a long answer
    asked = "what went wrong with escalation: 2017 reviews <b>"
    html = render_answer(retriever.answer(asked), anchor="t5", asked=asked)
    said = html.index('<p class="note read-as">Read with your last question, as “')
    assert said < html.index('class="answer-group"') < html.index('class="sources-heading"')
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert "read-as" not in render_answer(retriever.answer(asked), anchor="t6")


def test_a_count_from_the_catalogue_is_shown_as_the_answer_with_no_sources(retriever):
    answer = retriever.answer("how many reviews are there?")
    assert answer.kind == "catalogue"
    html = render_answer(answer, anchor="t4")
    assert f'<p class="catalogue">{escape(answer.text)}</p>' in html
    assert "Reviews tab" in html and "sources-heading" not in html and "no-answer" not in html


def test_only_http_links_count_as_published(linked_retriever):
    document = linked_retriever.store.documents()[0]
    assert published_url(document) == PUBLISHED
    for bad in ("javascript:alert(1)", "data:text/html,x", "/relative", "http://x y", 42):
        forged = type(document)(**{**document.__dict__,
                                   "provenance": {**document.provenance, "published_url": bad}})
        assert published_url(forged) is None, bad


def test_source_header_is_pinned_and_links_the_published_report(linked_retriever):
    store = linked_retriever.store
    document = store.documents()[0]
    page = source_page(store, document.key, 10, 400, "20-80")
    head = re.search(r'<header class="doc-head">(.*?)</header>', page, re.S).group(1)
    assert escape(document.title) in head and "Bradford Safeguarding Children Board" in head
    assert f'href="{escape(PUBLISHED)}"' in head
    assert "sha256" not in head and SAMEER not in head  # file and hash: the details below
    assert "sha256" in page and SAMEER in page
    assert "position:sticky" in page


def test_catalogue_and_examples_carry_provenance(linked_retriever, retriever):
    rows = catalogue(linked_retriever.store)
    source = rows[0]["sources"][0]
    assert source["publisher"] == "Bradford Safeguarding Children Board"
    assert source["published_url"] == PUBLISHED
    assert f'href="{escape(PUBLISHED)}"' in render_catalogue(rows)
    bundled = catalogue(retriever.store)
    assert all(s["published_url"] == "" for r in bundled for s in r["sources"])
    assert NOT_RECORDED in render_catalogue(bundled)


def test_catalogue_links_each_field_to_the_words_that_state_it(retriever):
    rows = catalogue(retriever.store)
    page = render_catalogue(rows)
    placed = [r for r in rows if r["stated"].get("area", {}).get("url")]
    assert placed and all(f'<a class="stated" href="{escape(r["stated"]["area"]["url"])}"' in page
                          for r in placed)
    sameer = next(r for r in rows if r["title"] == "Sameer")  # its area is the manifest's
    assert sameer["stated"]["area"] == {"origin": "manifest", "url": None,
                                        "document": "bradford-2018-sameer-learning-brief.txt"}
    assert 'title="From the corpus manifest (bradford-2018-sameer-learning-brief.txt)">Bradford<' in page
    unplaced = [r for r in rows if not r["area"]]
    assert unplaced and page.count('<span class="unstated">not stated</span>') >= len(unplaced)
    forged = {**placed[0], "year": 2017, "area": "<b>Bedford</b>", "type": None,
              "stated": {"area": {"origin": "text", "document": "x.txt", "url": '/source/k?start=1&end=2"'},
                         "year": {"origin": "manifest", "document": "y.txt", "url": None}}}
    cell = render_catalogue([forged])
    assert "&lt;b&gt;Bedford&lt;/b&gt;" in cell and "<b>" not in cell
    assert 'end=2&quot;"' in cell  # the url is escaped inside its attribute
    assert 'title="From the corpus manifest (y.txt)">2017<' in cell
    assert 'data-label="Type"><span class="unstated">not stated</span>' in cell


# -- citations and highlights -------------------------------------------------------------------


def test_citation_markers_link_to_cards_with_ids_unique_per_answer(retriever):
    answer = retriever.answer("what went wrong with escalation?")
    first, second = render_answer(answer), render_answer(answer)
    ids = re.findall(r'class="source-card" id="([^"]+)"', first)
    targets = set(re.findall(r'<a class="cite" href="#([^"]+)"', first))
    assert ids and targets == set(ids)  # every [n] jumps to its card, every card is cited
    assert not set(ids) & set(re.findall(r'class="source-card" id="([^"]+)"', second))
    # Each card's source link carries its quoted sentences' offsets.
    for citation in answer.citations:
        spans = ",".join(f"{q.start}-{q.end}" for q in citation.quotes)
        assert escape(quoted_url(citation.hit.url, [(q.start, q.end) for q in citation.quotes])) in first
        assert f"q={spans}" in quoted_url(citation.hit.url, [(q.start, q.end) for q in citation.quotes])


def test_source_viewer_marks_the_quoted_sentences_inside_the_passage(retriever):
    answer = retriever.answer("what went wrong with escalation?")
    citation = answer.citations[0]
    hit, quote = citation.hit, citation.quotes[0]
    page = source_page(retriever.store, hit.document.key, hit.chunk.start, hit.chunk.end,
                       f"{quote.start}-{quote.end}")
    assert '<mark id="passage" class="passage-with-quotes">' in page
    marked = re.search(r'<mark class="quote" id="quote">(.*?)</mark>', page, re.S).group(1)
    assert " ".join(marked.split()) == " ".join(escape(quote.text).split())
    assert 'href="#quote"' in page


def test_quote_offsets_are_validated():
    text = "0123456789" * 3
    assert parse_quotes("2-5,7-9", text) == [(2, 5), (7, 9)]
    assert parse_quotes("4-8,2-5", text) == [(2, 8)]  # overlaps merged
    assert parse_quotes("a-b,5-2,-1-3,0-999,,3", text) == []
    assert parse_quotes("1-20", text, (5, 10)) == [(5, 10)]  # kept inside the passage
    assert parse_quotes(",".join(["1-2"] * 500), text) == [(1, 2)]
    hostile = 'a <script>x</script> b'
    html = render_text(hostile, (0, len(hostile)), parse_quotes("2-20", hostile))
    assert "<script" not in html and "&lt;script&gt;" in html


# -- Find examples and Themes -------------------------------------------------------------------


def test_examples_take_key_learning_from_learning_or_recommendations(retriever):
    rows = find_examples(retriever, "neglect", Filters(theme="neglect"), limit=10)
    assert rows
    learning = [r for r in rows if r["key_kind"] == "learning"]
    assert len(learning) >= len(rows) * 0.7, [(r["title"], r["section"]) for r in rows]
    for row in rows:
        assert not row["key_learning"].lower().startswith(("keywords", "learning:", "include"))
        assert row["key_learning"] not in row["summary"]
        assert not row["summary"].endswith("…")
    html = render_examples(rows, "neglect", {"theme": "neglect"})
    assert f"{len(rows)} reviews found for “neglect” (theme: neglect)" in html


def test_a_themes_key_learning_names_the_theme_where_one_does(retriever):
    # "bruising" showed Child V's first learning point, "the impact of living in temporary
    # accommodation on the child": its sentences tied on their passage's closeness
    rows = {row["title"]: row for row in find_examples(retriever, "bruising")}
    assert rows["Child V"]["key_point"] == "importance of full investigations of all injuries to infants"
    assert "physical abuse" in rows["Philip, (and his siblings, John and Darren)"]["key_point"]
    rows = {row["title"]: row for row in find_examples(retriever, "SUDI")}
    assert "safe sleep" in rows["Child BW"]["key_point"], rows["Child BW"]


def test_examples_naming_one_theme_list_the_reviews_on_it_first(retriever):
    rows = find_examples(retriever, "co-sleeping")
    flags = [row["on_theme"] for row in rows]
    assert all(row["theme"] == "co-sleeping" for row in rows)
    assert 0 < sum(flags) < len(rows) and flags == sorted(flags, reverse=True), flags
    for row in rows[:sum(flags)]:  # tagged with it, or a passage found names it
        assert "co-sleeping" in row["themes"] or re.search(
            r"co-?sleep|sleep(ing)? with|bed-?shar|safe sleep|sudden unexpected death",
            " ".join(c.text for c in retriever.store.chunks() if c.review_id == row["review_id"]),
            re.IGNORECASE), row["title"]
    split = f"The first {sum(flags)} carry or name co-sleeping; the rest are close in meaning only."
    assert split in render_examples(rows, "co-sleeping")
    assert split in to_markdown(rows, "co-sleeping")
    cells = [r["on_theme"] for r in csv.DictReader(io.StringIO(to_csv(rows)))]
    assert cells == ["yes" if flag else "no" for flag in flags]
    # A query naming no theme, or two, keeps the search's order and says nothing of it.
    for query in ("what went wrong", "co-sleeping and alcohol"):
        plain = find_examples(retriever, query, limit=5)
        assert plain and not any("on_theme" in row for row in plain)
        assert {r["on_theme"] for r in csv.DictReader(io.StringIO(to_csv(plain)))} == {""}
        assert "carry or name" not in render_examples(plain, query)


def test_examples_of_a_theme_one_review_names_say_so_in_the_singular(retriever):
    # Only Baby Sama's report names honour-based violence (its "Domestic Abuse, Stalking and
    # Honour Based Violence Risk Assessment tool"): "The first 1 carry or name ...".
    rows = find_examples(retriever, "honour based violence")
    assert [row["on_theme"] for row in rows].count(True) == 1, rows
    said = "The first carries or names honour-based abuse; the rest are close in meaning only."
    assert said in render_examples(rows, "honour based violence")


def test_examples_of_a_kind_of_a_theme_list_the_reviews_naming_it_first_and_say_how_many(retriever):
    # "child criminal exploitation and county lines" listed nine reviews of sexual
    # exploitation among "the first 12 [that] carry or name child exploitation", Samuel, Shay
    # and Joy third: a trainer would take all twelve for criminal exploitation
    query = "child criminal exploitation and county lines"
    rows = find_examples(retriever, query)
    naming = retriever.store.reviews_holding(["child criminal exploitation", "criminal exploitation",
                                              "county lines"])
    first = [row["review_id"] for row in rows[:len(naming)]]
    assert len(naming) >= 2 and set(first) == naming, [row["title"] for row in rows]
    said = (f"The first {len(naming)} of them name child criminal exploitation or county lines.")
    assert said in render_examples(rows, query) and said in to_markdown(rows, query)
    # a theme named as itself has no kind to say
    assert "of them name" not in render_examples(find_examples(retriever, "co-sleeping"), "co-sleeping")


def test_examples_of_a_theme_no_review_carries_say_so(retriever):
    # "FGM" listed twenty reviews under "20 reviews found for “FGM”", none of them on
    # female genital mutilation, with nothing to say so: a trainer would take them for it.
    rows = find_examples(retriever, "FGM")
    assert rows and not any(row["on_theme"] for row in rows)
    said = "None carries or names female genital mutilation: all are close in meaning only."
    assert said in render_examples(rows, "FGM") and said in to_markdown(rows, "FGM")


def test_examples_naming_no_theme_list_the_reviews_that_say_it_first(retriever):
    # The model reads "young carers" as foster carers: Merton's Child B, the one review whose
    # learning says "young carers were not always recognised as such", was third, after Jack
    # and a teenager's asthma attack; for "sofa", Swindon's Child S, who died "whilst sleeping
    # with her mother on the sofa", was below the tenth row.
    rows = find_examples(retriever, "young carers")
    assert "young carers were not always recognised" in rows[0]["key_learning"], rows[0]
    sofa = [row["title"] for row in find_examples(retriever, "sofa")]
    assert "Child S" in sofa[:3], sofa


def test_examples_naming_one_theme_list_every_review_that_carries_it(retriever):
    def carriers(theme: str) -> set[str]:
        return {r.id for r in retriever.store.reviews() if theme in review_themes(r.keywords)}

    # The search ranked one of the reviews tagged with missing children among twenty (not
    # Child PB, who went missing several times); the answers' notes promise them all.
    missing = carriers("missing children")
    assert len(missing) >= 3
    rows = find_examples(retriever, "children who go missing from home or care")
    assert missing <= {row["review_id"] for row in rows}
    assert all(row["on_theme"] for row in rows if row["review_id"] in missing)
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    # Every one, past the rows asked for, and within the filters and the query's place.
    physical = carriers("physical abuse")
    rows = find_examples(retriever, "physical abuse", limit=5)
    assert len(physical) > 5 and physical <= {row["review_id"] for row in rows}
    assert len({row["review_id"] for row in rows}) == len(rows)
    rows = find_examples(retriever, "physical abuse", Filters(year_from=2018, year_to=2018))
    assert rows and all(row["year"] == 2018 for row in rows)
    rows = find_examples(retriever, "physical abuse in Rochdale")
    assert rows and {row["area"] for row in rows} == {"Rochdale"}


def test_examples_of_a_theme_too_many_reviews_carry_are_capped_and_say_so(retriever,
                                                                           monkeypatch):
    # At 5,000 reviews a theme a fifth of them carry listed 1,000 rows in 3.2 s. The rows
    # stop at EXAMPLES_MAX (here 5 of the sample's 21 reviews of physical abuse), the closest
    # first, and the table and the handout say how many carry it.
    from reviewqa.retriever import examples

    carrying = {r.id for r in retriever.store.reviews() if "physical abuse" in review_themes(r.keywords)}
    monkeypatch.setattr(examples, "EXAMPLES_MAX", 5)
    rows = find_examples(retriever, "physical abuse", limit=3)
    assert len(rows) == 5 and all(row["on_theme"] for row in rows)
    assert rows[0]["theme_reviews"] >= len(carrying) > 5
    said = (f"{rows[0]['theme_reviews']} reviews carry or name physical abuse; the 5 closest are "
            "listed: narrow the years, area or type to see the others.")
    assert said in render_examples(rows, "physical abuse")
    assert said in to_markdown(rows, "physical abuse")
    # and the answers' notes no longer promise them all
    from reviewqa.retriever import search

    monkeypatch.setattr(search, "EXAMPLES_MAX", 5)
    notes = retriever.answer("what do reviews say about physical abuse?").notes
    assert any(n.endswith("Find examples lists the 5 closest.") for n in notes), notes


def test_examples_of_good_practice_give_the_good_practice_each_review_records(retriever):
    rows = {r["title"]: r for r in find_examples(retriever, "good practice", limit=10)}
    # Jack's entry records it ("Good practice identified by the school and GPs."), beside
    # recommendations that named lessons and so led.
    assert "good practice" in rows["Jack"]["key_learning"].lower(), rows["Jack"]
    # A key sentence is that sentence, not the paragraph before it: the search for its
    # start could not see the capital after a full stop ("... the review. Priority ...").
    for row in rows.values():
        assert not re.match(r"An overview is provided|The review considers",
                            row["key_learning"]), row


def test_a_key_sentence_is_never_a_lead_in(retriever):
    # Baby Sama's "... stated that the risk of harm was: -" introduces a list it does not hold.
    for row in find_examples(retriever, "self-harm", limit=10):
        assert not row["key_learning"].rstrip(" -–•").endswith(":"), row


def test_themes_view_lists_every_theme_with_counts_and_buttons(retriever):
    counts = theme_counts(retriever.store)
    html = render_themes(counts)
    names = re.findall(r'class="theme-button" data-theme="([^"]+)"', html)
    assert names == sorted(c.theme for c in counts)  # every theme reachable, alphabetical
    for c in counts:
        for year, n in c.by_year.items():
            assert f'data-theme="{escape(c.theme)}" data-year="{year}"' in html
            assert f">{n}</button>" in html
    chart = render_themes_chart(counts)
    assert chart.startswith('<figure class="themes-chart"><img src="data:image/png;base64,')
    assert 'alt="Heat map of reviews per theme and year' in chart


def test_a_large_catalogue_shows_its_first_rows_and_says_how_many_there_are(retriever):
    rows = catalogue(retriever.store)
    assert f"{len(rows)} reviews</p>" in render_catalogue(rows)
    page = render_catalogue(rows, limit=10)
    assert page.count('class="review-row"') == 10
    assert f"{len(rows)} reviews; the first 10 are shown" in page



def test_a_follow_up_after_a_refusal_goes_on_from_the_turn_before_it(retriever):
    # "ok what recommendations were made" after "who were the abusers - can you give me their
    # names?" (refused) lost the Sameer case the conversation was about
    history = []
    for question in ("what happened to Sameer?", "who were the abusers - can you give me their names?"):
        asked = retriever.read_in_conversation(question, last_question(history), last_reviews(history))
        history += [{"role": "user", "content": render_question(question, asked)},
                    {"role": "assistant", "content": render_answer(retriever.answer(asked))}]
    assert "answer-refusal" in history[-1]["content"]
    assert last_question(history) == "what happened to Sameer?"
    assert last_reviews(history) == ["Bradford 2018 – Sameer (learning brief)"]
    asked = retriever.read_in_conversation("ok what recommendations were made",
                                           last_question(history), last_reviews(history))
    assert asked.startswith("Bradford 2018 – Sameer: ")


def test_the_answer_before_the_last_is_what_a_year_s_one_may_point_at(retriever):
    # "and the 2017 one?" after two FII reviews, then one of them (2018's) alone: the web
    # chat kept only the last answer's reviews, and asked it of 2017's reviews at large
    history = []
    for question in ("any reviews on fabricated illness FII", "which of those said GPs should coordinate",
                     "what did it recommend nationally", "and the 2017 one?"):
        asked = retriever.read_in_conversation(question, last_question(history), last_reviews(history),
                                               less_close_reviews(history), earlier_reviews(history))
        history += [{"role": "user", "content": render_question(question, asked)},
                    {"role": "assistant", "content": render_answer(retriever.answer(asked))}]
        if len(history) == 4:
            assert earlier_reviews(history)[:2] == ["2017 – Child Y (serious case review)",
                                                    "2018 – Children F, G and H (serious case review)"]
    assert earlier_reviews(history[:2]) == []
    assert asked == "2017 – Child Y: what did it recommend nationally", asked
    # (the latest answer before the last that quoted several: the GPs', not the one before it)
    assert len(last_reviews(history[:6])) == 1 and len(last_reviews(history[:4])) > 1
    assert earlier_reviews(history) == last_reviews(history[:4])


def _conversation(retriever, questions: tuple[str, ...]) -> tuple[str, object]:
    """The questions asked in turn as the web chat reads them; the last one's reading and
    answer."""
    history: list[dict] = []
    for question in questions:
        asked = retriever.read_in_conversation(question, last_question(history), last_reviews(history),
                                               less_close_reviews(history), earlier_reviews(history))
        answer = retriever.answer(asked)
        history += [{"role": "user", "content": render_question(question, asked)},
                    {"role": "assistant", "content": render_answer(answer)}]
    return asked, answer


def test_the_two_or_the_three_after_answers_from_one_review_each_are_those_reviews(retriever):
    # (set AH's read half: "which of the two incidents happened first?" after Samuel, Shay
    # and Joy's review, then Luton's, was asked of Luton's alone; "which of the three had the
    # youngest baby?" after three Torbay reviews, one at a time, of the last one alone)
    asked, answer = _conversation(retriever, ("tell me about the Samuel, Shay and Joy review",
                                              "now the Luton 2024 review on gangs - what happened?",
                                              "and which of the two happened first?"))
    assert {g.review_id for g in answer.groups} == {
        "anonymous-2024-samuel-shay-and-joy",
        "luton-2024-keeping-young-people-safe-from-risks-related-to-exploitation-violent-youth-crime-and-"
        "gang-associations-luton"}, asked
    quoted = [q.text for c in answer.citations for q in c.quotes]
    assert "Fatal stabbing of a 16-year-old boy in June 2021." in quoted, answer.text
    asked, answer = _conversation(retriever, ("Child V in the Torbay digest - what happened?", "and C101?",
                                              "which of the two was the youngest?"))
    assert {g.review_id for g in answer.groups} == {"anonymous-2024-child-v", "anonymous-2024-c101"}, asked
    quoted = " ".join(q.text for c in answer.citations for q in c.quotes)
    assert "8-week-old" in quoted and "7-month-old" in quoted, answer.text


def test_a_follow_up_after_a_request_to_rework_goes_on_from_the_answer_before_it(retriever):
    # "same question for health visitors" after "give me the full quote" (which no search
    # serves) had been read as "give me the full quote: health visitors"
    history = []
    for question in ("what do reviews say about GPs and recording domestic abuse",
                     "give me the full quote"):
        asked = retriever.read_in_conversation(question, last_question(history), last_reviews(history))
        history += [{"role": "user", "content": render_question(question, asked)},
                    {"role": "assistant", "content": render_answer(retriever.answer(asked))}]
    assert "answer-no_answer" in history[-1]["content"]
    assert last_question(history) == "what do reviews say about GPs and recording domestic abuse"
    asked = retriever.read_in_conversation("same question for health visitors",
                                           last_question(history), last_reviews(history))
    assert asked == "what do reviews say about health visitors and recording domestic abuse"
