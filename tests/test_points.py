"""A named review's numbered learning points, asked outright, are its report's own headings
(reviewqa.retriever.points): on the real Baby Sama report, and on rows shaped as others'."""

from __future__ import annotations

import re

import pytest

from reviewqa.corpus.store import ChunkRow
from reviewqa.retriever.points import asks_only_for_points, numbered_points
from reviewqa.ui.render import render_answer

SAMA_POINTS = "What were the six learning points in the Baby Sama review?"


def _row(ord: int, section: str) -> ChunkRow:
    return ChunkRow(id=ord, document_id=1, review_id="r", ord=ord, section=section,
                    locator=f"§{ord}", page=None, start=100 * ord, end=100 * ord + 50,
                    header="", text=f"Passage {ord}.")


@pytest.mark.parametrize("question", [
    SAMA_POINTS,
    "baby sama key findings",
    "list the learning points from the Baby Sama review",
    "What lessons did the Baby Sama serious case review identify?",
])
def test_the_learning_points_of_a_named_report_are_its_own_headings(retriever, question):
    """Asked for Baby Sama's learning points, the answer quoted four sentences of three of
    its six sections, one "Priority learning is identified because ..."; the six headings
    are the answer, in order, each cited to the passage that opens its section, and each
    heading is the report's own words."""
    answer = retriever.answer(question)
    assert answer.kind == "extractive" and len(answer.groups) == 1, answer.text
    group = answer.groups[0]
    assert group.listed and group.heading.startswith("Bedford 2017 – Baby Sama")
    headings = [text for text, _ in group.sentences]
    assert [h.split(":")[0] for h in headings] == [f"Learning Point {n}" for n in range(1, 7)]
    assert headings[5] == ("Learning Point 6: Recognising the links between animal abuse and "
                           "child abuse/domestic abuse")
    for (heading, n), citation in zip(group.sentences, answer.citations, strict=True):
        assert citation.number == n and heading in citation.hit.chunk.section.split(" › ")
        report = retriever.store.document_text(citation.hit.document.id)
        assert re.sub(r"\s+", "", heading) in re.sub(r"\s+", "", report)  # never made up
    assert answer.text.splitlines()[1] == f"{headings[0]} [1]"
    assert answer.notes == ["The review's 6 learning points, as its report heads them; each "
                            "source opens the section that sets one out."]


@pytest.mark.parametrize("question", [
    "What did the Baby Sama review learn about GPs?",  # a topic: its sentences on it
    "What did the Child K review find?",  # a digest's entry numbers no points
    "What were the learning points about domestic abuse?",  # no review named
])
def test_other_lessons_questions_are_answered_from_sentences(retriever, question):
    answer = retriever.answer(question)
    assert answer.groups and not any(g.listed for g in answer.groups), answer.text


def test_a_listed_answer_renders_as_a_list_of_cited_items(retriever):
    html = render_answer(retriever.answer(SAMA_POINTS), anchor="p1")
    items = re.findall(r"<li>(.*?)</li>", html)
    assert len(items) == 6 and '<ul class="points">' in html
    assert items[0].startswith("Learning Point 1: CSE: Recognising")
    assert items[0].endswith('<a class="cite" href="#p1-c1" aria-label="Source 1">[1]</a>')


def test_points_are_read_from_numbered_headings_of_the_kind_asked():
    rows = [_row(1, "3. Learning › Learning Point 1: Sharing information"),
            _row(2, "3. Learning › Learning Point 1: Sharing information"),
            _row(3, "3. Learning › Learning Point 2 - Supervision"),
            _row(4, "4. Recommendations › Recommendation 1. Audit the plans"),
            _row(5, "4. Recommendations › Recommendation 2: Train the staff")]
    learning = numbered_points(list(reversed(rows)), recommendations=False)
    assert [(p.number, p.heading, p.chunk.ord) for p in learning] == [
        (1, "Learning Point 1: Sharing information", 1), (2, "Learning Point 2 - Supervision", 3)]
    recommended = numbered_points(rows, recommendations=True)
    assert [p.heading for p in recommended] == [
        "Recommendation 1. Audit the plans", "Recommendation 2: Train the staff"]
    assert learning[0].named == "learning points" and recommended[0].named == "recommendations"
    findings = numbered_points([_row(1, "Key Finding 1: Assessment"), _row(2, "Finding 2: Escalation")],
                               recommendations=False)
    assert [p.named for p in findings] == ["findings", "findings"]


@pytest.mark.parametrize("sections", [
    ["Finding 1: Assessment"],  # one point is no list
    ["Finding 1: Assessment", "Finding 3: Escalation"],  # a gap: part of a list
    ["Finding 2: Assessment", "Finding 3: Escalation"],  # not from the first
    ["Learning Point 1", "Learning Point 2"],  # numbers alone say nothing
    ["Key issues", "Findings and recommendations"],  # no numbers
])
def test_no_list_where_the_headings_do_not_make_a_whole_one(sections):
    rows = [_row(i, s) for i, s in enumerate(sections, start=1)]
    assert numbered_points(rows, recommendations=False) == []


@pytest.mark.parametrize(("topic", "asked"), [
    ("What were the six learning points in the review?", True),
    ("key findings", True),
    ("What did the recommend?", True),
    ("lessons from the", True),
    ("What did the learn about GPs?", False),
    ("What happened in the?", False),
    ("What were the learning points about fathers?", False),
    # set AA (held out, judged bad): quoted three lines of the case
    ("– : what learning points did it end with?", True),
    ("what learning points did the come up with?", True),
    ("what learning points did it end with about the police?", False),
])
def test_asks_only_for_points(topic, asked):
    assert asks_only_for_points(topic) is asked
