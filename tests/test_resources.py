"""The resources the documents point to (the South Gloucestershire newsletter's reports,
films, toolkits, guidance and training), listed beside the answer for a question that asks
for them, on the real sample corpus."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from reviewqa.corpus.digests import listed_resources, resource_theme
from reviewqa.corpus.types import Filters
from reviewqa.retriever.answer import NO_ANSWER, RESOURCES_ONLY
from reviewqa.retriever.resources import (
    RESOURCES_HEADING,
    Resources,
    asks_for_resources,
    topic_of,
)
from reviewqa.retriever.types import Answer, ResourceLink
from reviewqa.ui.render import render_answer


@pytest.mark.parametrize("question", [
    "are there any toolkits or films I could use for a session on radicalisation?",
    "is there any training on domestic abuse?",
    "where can I find safe sleep guidance?",
    "what research is there on parents of sexually exploited children?",
    "any further reading on parental substance misuse?",
    "any films for young people?",
    # a trainer's words a later set found not read so
    "Is there anything I can hand out or show them - films, guides, research summaries?",
    "What research, reports or training do the documents point to that I could use?",
    "are there any evaluations or reports on services for teenagers on the edge of care?",
    "Apart from the case reviews, what reading or resources do the documents recommend?",
    "What guidance or practice tools do the documents mention, and which reviews had a parent in "
    "custody?",
])
def test_a_request_for_reports_films_or_training_asks_for_resources(question):
    assert asks_for_resources(question)


@pytest.mark.parametrize("question", [
    "were there enough resources in the team?",
    "we downloaded a 15 yr olds phone, full of drill videos and pics of him with knives",
    "For a police training day, give me three reviews where call-outs led to nothing",
    "what did the Baby Sama review recommend?",
    "What does the Torbay review of Samuel, Shay and Joy recommend about training on children's "
    "use of social media?",
    "what training or supervision did the reviews recommend?",
])
def test_a_question_about_what_reviews_found_asks_for_no_resources(retriever, question):
    if "Torbay" not in question:
        assert not asks_for_resources(question)
    # (the last asks for training, as a recommendation: no resource is close to it)
    assert retriever.answer(question).resources == []


def test_the_topic_of_a_request_is_its_words_past_the_asking_and_the_audience():
    assert topic_of("any research on learning disabled parents") == "learning disabled parents"
    assert topic_of("is there any e-learning on county lines?") == "county lines"
    assert topic_of("any films for young people?") == ""


def _listed(retriever, question: str) -> list[ResourceLink]:
    return retriever.answer(question).resources


def test_a_long_message_lists_no_film_or_guide_off_its_topic(retriever):
    listed = _listed(retriever, "Planning an evening for foster carers and parents on what to do "
                     "if your teenager is being sexually exploited. Is there anything I can hand "
                     "out or show them - films, guides, research summaries?")
    titles = " ".join(r.title for r in listed)
    assert "Safe Sleeping" not in titles and "county lines" not in titles.lower(), titles


def test_films_and_a_toolkit_on_radicalisation_are_listed_with_where_the_document_lists_them(
        retriever):
    listed = _listed(retriever,
                     "are there any toolkits or films I could use for a session on radicalisation?")
    assert [r.title for r in listed][:1] == ["NEW Prevent Resources"]
    assert "series of films" in listed[0].text
    key, start, end = re.fullmatch(r"/source/(\w+)\?start=(\d+)&end=(\d+)#passage",
                                   listed[0].url).groups()
    document = retriever.store.document_by_key(key)
    assert document is not None and document.name == listed[0].document
    assert retriever.store.document_text(document.id)[int(start):int(end)].startswith(
        "NEW Prevent Resources")


@pytest.mark.parametrize(("question", "first"), [
    ("where can I find safe sleep guidance?", "Safe Sleeping Guidance"),
    ("any resources on county lines?", "Criminal exploitation of children"),
    ("any further reading on parental substance misuse?", "How Parental Substance Misuse"),
    ("any research on learning disabled parents", "Parents with Learning Disabilities"),
    # of the kind asked for first, though the evaluations are closer in meaning (the Sameer
    # brief's "Domestic Abuse training", then South Gloucestershire's: see below)
    ("is there any training on domestic abuse?", "Domestic Abuse training"),
    # a topic word the resource says, though it is less close in meaning
    ("any resources on neglect", "How Safe Are our Children"),
    # what a long message is about, not its last sentence alone (which listed every film and
    # guide the newsletter has)
    ("Planning an evening for foster carers and parents on what to do if your teenager is being "
     "sexually exploited. Is there anything I can hand out or show them - films, guides, research "
     "summaries?", "Supporting Parents of Sexually Exploited Young People"),
    ("Running a workshop for social workers on parents with learning disabilities. Apart from the "
     "case reviews, what reading or resources do the documents recommend?",
     "Parents with Learning Disabilities"),
])
def test_the_resource_on_the_topic_asked_is_listed_first(retriever, question, first):
    listed = _listed(retriever, question)
    assert listed and listed[0].title.startswith(first)


def test_films_asked_for_with_no_topic_are_the_documents_films_and_no_word_is_said_unused(
        retriever):
    answer = retriever.answer("any films for young people?")
    assert answer.resources and all(re.search(r"\bfilms?\b", r.text) for r in answer.resources)
    assert {"About A Boy The BBC has published a short film telling the…",
            "NEW Prevent Resources"} <= {r.title for r in answer.resources}
    # (the note said "No passage in the index uses the word 'films'", above a list of films)
    assert not any("films" in note for note in answer.notes)


@pytest.mark.parametrize("question", ["any resources?", "what resources do the documents point to?"])
def test_resources_asked_for_alone_are_listed_with_how_many_there_are_and_no_passage(
        retriever, question):
    # (it quoted Somerset's question whether the police were "sufficiently resourced", and
    # listed 8 of the newsletter's 24 resources, saying nothing of the others)
    answer = retriever.answer(question)
    total = len(retriever.store.resources())
    assert total > len(answer.resources) > 0
    assert answer.kind == "catalogue" and not answer.citations
    assert answer.text.startswith(f"The documents point to {total} resources; "
                                  f"the first {len(answer.resources)} are below. Name a topic")


def test_films_asked_for_alone_are_not_said_to_have_no_passage(retriever):
    # ("No relevant passages found in the indexed reviews ...", above the films)
    answer = retriever.answer("any films?")
    assert answer.resources and answer.kind == "catalogue"
    assert answer.text == (f"The documents point to {len(answer.resources)} resources of the kind "
                           "asked (films), below.")


def test_a_request_no_resource_meets_lists_none(retriever):
    assert _listed(retriever, "films about female genital mutilation") == []
    assert _listed(retriever, "any toolkits on disguised compliance?") == []


def test_a_filtered_question_lists_no_resource_a_filter_cannot_place(retriever):
    question = "where can I find safe sleep guidance?"
    assert retriever.answer(question, filters=Filters(area="Swindon")).resources == []
    assert retriever.answer(question, filters=Filters()).resources


def test_resources_are_read_and_encoded_once_until_the_index_changes(retriever, embedder):
    reads: list[int] = []

    def rows():
        reads.append(1)
        return retriever.store.resources()

    resources = Resources(rows, embedder.encode_query)
    assert resources.for_question("where can I find safe sleep guidance?")
    assert resources.for_question("any resources on county lines?")
    assert len(reads) == 1
    resources.forget()
    assert resources.for_question("any resources on county lines?")
    assert len(reads) == 2
    assert not resources.for_question("what did the Baby Sama review recommend?")


def test_the_store_keeps_each_resource_as_the_document_says_it(retriever):
    rows = retriever.store.resources()
    assert len(rows) >= 20
    for row in rows:
        document = retriever.store.document_by_key(row.document_key)
        assert document is not None
        assert retriever.store.document_text(document.id)[row.start:row.end] == row.text


def test_each_resource_has_the_theme_of_the_newsletter_section_listing_it(retriever):
    themes = {row.title: row.theme for row in retriever.store.resources()}
    assert themes["What the Prevent Duty Means for Schools"] == "Radicalisation"
    assert themes["Safe Sleeping Guidance from The Lullaby Trust and NHS Choices"] == \
        "Safe Sleeping/Substance Abuse"
    assert all(themes.values())  # (each of the newsletter's is listed under a theme)


@pytest.mark.parametrize(("question", "title"), [
    # ("What the Prevent Duty Means for Schools" never says "radicalisation": cosine 0.01)
    ("putting together a twilight session for secondary staff on prevent and radicalisation - are "
     "there any films or toolkits mentioned in the documents i could use?",
     "What the Prevent Duty Means for Schools"),
    ("Running a workshop for social workers on parents with learning disabilities. Apart from the "
     "case reviews, what reading or resources do the documents recommend?",
     "BILD Resources about Parenting"),
])
def test_a_resource_listed_under_the_theme_asked_about_is_listed(retriever, question, title):
    assert title in {r.title for r in _listed(retriever, question)}


def test_a_theme_a_question_names_lists_its_section_not_a_broader_one(retriever):
    # "sexually exploited" names "Child Sexual Exploitation", not "Sexual Abuse" beside it
    listed = {r.theme for r in _listed(
        retriever, "Planning an evening for foster carers and parents on what to do if your "
        "teenager is being sexually exploited. Is there anything I can hand out or show them - "
        "films, guides, research summaries?")}
    assert listed == {"Child Sexual Exploitation"}
    # (nor "Safe Sleeping/Substance Abuse" its substance misuse report, for safe sleep)
    assert [r.title for r in _listed(retriever, "where can I find safe sleep guidance?")] == [
        "Safe Sleeping Guidance from The Lullaby Trust and NHS Choices"]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


def test_the_page_lists_resources_escaped_with_a_link_to_each_source():
    hostile = ResourceLink(title="<script>alert(1)</script>", text="A <b>film</b> & toolkit",
                           document="news.txt", url="/source/abc?start=1&end=9#passage", score=0.6,
                           theme="<i>Radicalisation</i>")
    for kind in ("extractive", "no_answer"):
        page = render_answer(Answer(question="any films?", text="No relevant passages found.",
                                    kind=kind, resources=[hostile]))
        assert RESOURCES_HEADING in page
        assert "<script>" not in page and "&lt;script&gt;" in page
        assert "A &lt;b&gt;film&lt;/b&gt; &amp; toolkit" in page
        assert "listed under &lt;i&gt;Radicalisation&lt;/i&gt;" in page
        parser = _Links()
        parser.feed(page)
        assert "/source/abc?start=1&end=9#passage" in parser.hrefs
    assert RESOURCES_HEADING not in render_answer(Answer(question="q", text="t", kind="no_answer"))



BRIEF = """Learning for professionals

- Improve skills in communicating with children around abuse.

Multi-agency resources for this case

- Resolving Professional Disagreement and Escalation
- Information sharing: Advice for practitioners providing safeguarding services to {whom}

- Reflective supervision

Guidance on non-accidental injuries
- NSPCC guidance on bruising in children and physical abuse

For further training, guidance and resources for professionals visit the Board's website.
1. Findings about resources
- not a resource: the list above ended

Pressure on resources
- caseloads were high in the team
""".format(whom="children, young people, parents and carers")


def test_a_report_s_own_lists_of_resources_are_its_resources():
    # the Sameer brief's "Multi-agency resources for this case" and "Guidance on
    # non-accidental injuries" were kept as passages only: "what resources did it list?"
    # repeated the answer before
    listed = listed_resources(BRIEF)
    assert [r.title for r in listed] == [
        "Resolving Professional Disagreement and Escalation",
        # (an item is a title: not cut at its colon, at most 20 words)
        "Information sharing: Advice for practitioners providing safeguarding services to children, "
        "young people, parents and carers",
        "Reflective supervision",
        "NSPCC guidance on bruising in children and physical abuse"]
    assert [resource_theme(BRIEF, r.start) for r in listed] == [
        "Multi-agency resources for this case"] * 3 + ["Guidance on non-accidental injuries"]
    # (learning is no resource, nor a sentence saying "resources", nor a numbered heading's list,
    # nor a finding on how resourced the team was)
    assert all(BRIEF[r.start:r.end] == r.title for r in listed)


def test_a_review_s_own_resources_are_listed_when_asked_for(retriever):
    answer = retriever.answer("what resources does the Sameer learning brief list?")
    assert answer.kind == "catalogue" and not answer.citations
    assert answer.text == "Bradford 2018 – Sameer (learning brief) lists 11 resources, below."
    assert [r.theme for r in answer.resources].count("Guidance on non-accidental injuries") == 2
    assert all(r.document == "bradford-2018-sameer-learning-brief.txt" for r in answer.resources)
    # a document's, of the kind asked; a review that lists none is said to list none
    films = retriever.answer("what films does the South Glos newsletter list?")
    assert films.kind == "catalogue" and films.resources
    assert all("film" in r.text.lower() for r in films.resources), films.resources
    # a review a digest tells: the resources of its section, not all the digest's (after
    # Haringey's Child R, "what resources did it link to?" listed the newsletter's first 12)
    linked = retriever.answer("Haringey 2016 – Child R: what resources did it link to?")
    assert [r.theme for r in linked.resources] == ["Risk Assessment; Parents in the Criminal Justice System"]
    assert linked.text == "Haringey 2016 – Child R (serious case review) lists 1 resource, below."
    none = retriever.answer("what resources did the Baby Sama review list?")
    assert none.kind == "no_answer" and not none.resources
    assert none.text == ("No resource that Bedford 2017 – Baby Sama (serious case review) lists, "
                         "of those asked for, is in the index.")


def test_a_named_review_s_resources_on_a_topic_alongside_it_are_listed(retriever):
    # set AC: "any resources on Prevent alongside it?" after the radicalisation review was
    # searched for "Prevent alongside", and listed no resource
    answer = retriever.answer("Brighton and Hove 2017 – Siblings W and X: any resources on Prevent "
                              "alongside it?")
    assert answer.resources and all(r.theme == "Radicalisation" for r in answer.resources), answer.resources
    assert any("Prevent Duty" in r.title for r in answer.resources), answer.resources


def test_training_asked_for_comes_before_a_closer_evaluation(retriever):
    titles = [r.title for r in _listed(retriever, "is there any training on domestic abuse?")]
    assert titles.index("Domestic Violence and Abuse Training in South Gloucestershire") < (
        titles.index("Domestic Abuse Recovering Together (DART)")), titles


def test_a_follow_up_on_the_sameer_brief_lists_its_resources(retriever):
    # set R: "what resources did it list for practitioners?" repeated the answer on
    # supervision, and "anything in there about bruising in babies?" quoted nothing of the
    # brief's guidance on bruising
    first = "in Sameer's brief, was a lack of reflective supervision for staff part of the problem?"
    heads = [g.heading for g in retriever.answer(first).groups]
    asked = retriever.read_in_conversation("what resources did it list for practitioners?", first, heads)
    listed = retriever.answer(asked)
    assert listed.kind == "catalogue" and len(listed.resources) == 11, (asked, listed.text)
    # (its answer quotes no passage: "in there" is still the review the question named)
    asked = retriever.read_in_conversation("anything in there about bruising in babies?", asked,
                                           [g.heading for g in listed.groups])
    assert asked == "Bradford 2018 – Sameer: anything in it about bruising in babies?"
    bruising = retriever.answer(asked)
    assert [r.title for r in bruising.resources][:2] == [
        "NSPCC guidance on bruising in children and physical abuse",
        "Multi-Agency Protocol for the Assessment of Bruising, Burns and Scalds in non-mobile babies"
    ] or {r.title for r in bruising.resources} >= {
        "NSPCC guidance on bruising in children and physical abuse"}, bruising.resources


def test_a_resource_named_by_a_name_no_passage_says_is_listed_and_said_to_be_all_there_is(retriever):
    # (set AF, read half) "south glos newsletter - what is DART?" said "No relevant passages
    # found ... Try other words", over the DART evaluation it listed; "and FASH?" listed
    # nothing: no passage says "FASH", which a resource of the newsletter evaluates
    answer = retriever.answer("what is FASH?")
    assert answer.kind == "no_answer" and answer.text == RESOURCES_ONLY, answer.text
    assert [r.text.startswith("Family and Adolescent Support Service") for r in answer.resources] == [True]
    # (and a word neither passages nor resources say is still told to be tried otherwise; a
    # word no passage says, typed as a word, names no resource: "telling" had listed "What
    # Children are Telling ChildLine about Sexual Abuse" beside a child not believed)
    assert retriever.answer("what is a flibbertigibbet?").text == NO_ANSWER
    assert retriever.answer("what is fash?").resources == []
