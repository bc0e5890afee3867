"""The practitioner's defects of issue #10, each on the real sample corpus: word forms,
places, named cases, junk quotes, theme synonyms, and practice questions that must not be
taken for blame requests (the blame variants are refused in test_retriever.py)."""

from __future__ import annotations

import re

import pytest

from reviewqa.corpus import places
from reviewqa.corpus.taxonomy import themes_named_in
from reviewqa.corpus.text import said_as_list
from reviewqa.corpus.types import Filters
from reviewqa.retriever.answer import (
    ANSWERED_ALONE,
    GOES_ON,
    HELP,
    IN_ENGLISH,
    LEARNING_ROLES,
    NO_PRAISE,
    REWORK_ASKED,
    THANKS,
    about_the_tool,
    field_role,
    gives_a_figure,
    quotable_sentences,
    recommends,
    topic_stems,
    topic_words,
)
from reviewqa.retriever.children import summary_sexes
from reviewqa.retriever.examples import find_examples
from reviewqa.retriever.followup import headings_said, with_last_question
from reviewqa.retriever.junk import is_junk_sentence
from reviewqa.retriever.query import (
    FIGURES_ASKED,
    quoted_terms,
    set_aside,
    the_question_asked,
    without_asks,
    without_collection,
    without_purpose,
)
from reviewqa.retriever.safety import (
    BEREAVED_SUPPORT,
    CRISIS_SUPPORT,
    FAMILY_NOTE,
    LEGAL_NOTE,
    LEGAL_SUPPORT,
    LIVE_CASE_NOTE,
    OPINION_NOTE,
    PARENT_THOUGHTS_SUPPORT,
    PROCEEDINGS_NOTE,
    RISK_NOTE,
    SERVICE_CONTACT,
    SHARING_LAW_NOTE,
    THOUGHTS_NOTE,
    VERDICT_NOTE,
    YOUNG_PERSON_NOTE,
    help_first,
    live_case_note,
)
from reviewqa.retriever.search import _sections, _turned_to_place
from reviewqa.retriever.spelling import in_full
from reviewqa.retriever.themes import review_themes, theme_counts
from reviewqa.settings import ANSWER_LISTS_K, DEFAULT_ANSWER_K

KEYWORD_LINE = re.compile(r"^\s*\**\s*keywords?\s*:", re.IGNORECASE)

PRACTITIONER_QUESTIONS = [
    "what recommendations were made for GPs?",
    "tell me about neglect cases in Rochdale",
    "what did the Child K review find?",
    "co-sleeping and alcohol: what were the lessons?",
    "bruising on a non-mobile baby",
    "domestic abuse",
    "what went wrong with escalation?",
    "mum kept hiding things from social workers",
    "information sharing between agencies",
    "voice of the child",
]


BIRMINGHAM_CHILD_S = ("Birmingham 2017 Child S, the toddler left with his half-sister and her "
                      "partner - friends and relatives saw his injuries and said nothing. what did "
                      "the review say about that and about migrant communities?")


def _quotes(answer) -> list[str]:
    return [q.text for c in answer.citations for q in c.quotes]


def test_a_plural_word_form_is_answered(retriever):
    answer = retriever.answer("what recommendations were made for GPs?")
    assert answer.kind == "extractive"
    assert any(re.search(r"\bGPs?\b", q) for q in _quotes(answer)), _quotes(answer)
    # Most reviews quoted say what they recommend for GPs, not merely that they recommend:
    # "GP" counts as a word the question shares with a sentence, "recommendations" does not.
    on_gps = {c.hit.review.id for c in answer.citations
              if any(re.search(r"\bGPs?\b", q.text) for q in c.quotes)}
    assert len(on_gps) >= 3, answer.text


def test_the_rarest_word_asked_for_outweighs_a_common_word_repeated(retriever):
    # BM25 ranked a passage of Baby Sama's report that says "father" seven times above Baby
    # J's "head injuries associated with being shaken", and the answer led with Sama's
    # anonymous calls. Passages that hold more of the question's words now rank first.
    question = "babies shaken by their fathers"
    first_lexical = next(h for h in retriever.search(question) if h.lexical_rank == 1)
    assert first_lexical.review.id == "hull-2017-baby-j"
    answer = retriever.answer(question)
    assert answer.groups[0].review_id == "hull-2017-baby-j", answer.text


def test_an_irregular_plural_is_answered_from_its_singular(retriever):
    # "midwives" and "midwife" share no stem (porter: "midwiv", "midwif"): Baby Sama's
    # "the community midwife ... were not afforded ... supervision" was not on the topic, and
    # the answer led with a recommendation for GPs.
    answer = retriever.answer("what should midwives learn?")
    first = answer.groups[0]
    assert any(re.search(r"\bmidwi(fe|ves|fery)\b", s, re.IGNORECASE) for s, _ in first.sentences), \
        answer.text


@pytest.mark.parametrize("question", ["what should midwives learn?", "findings about midwives"])
def test_a_question_on_what_was_learnt_quotes_later_reviews_for_their_lessons(retriever, question):
    # Swindon's Child D has no lesson on midwives, only "His mother was visited by midwives,
    # his health visitor and his social worker": quoted, it read as a lesson.
    answer = retriever.answer(question)
    assert answer.groups, answer.text
    assert not any("visited by midwives" in q for q in _quotes(answer)), answer.text


def test_the_first_review_open_whole_is_quoted_on_the_topic_too(retriever):
    # Sameer's brief, the first found, is open to quoting whole: it was quoted in its
    # "professional hierarchies" alone, not in its "escalation policy did not work"
    answer = retriever.answer("What have reviews in Bradford said about escalating concerns?")
    sameer = next(g for g in answer.groups if g.review_id == "bradford-2018-sameer")
    assert any("escalation" in s for s, _ in sameer.sentences), answer.text


def test_a_kinship_question_finds_children_cared_for_by_extended_family(retriever):
    # Baby ON16's "reviewing procedures for children cared for by extended family members"
    # says kinship care in other words, and went unquoted
    answer = retriever.answer("what did Nottingham reviews learn about kinship care?")
    assert any("cared for by extended family" in q for q in _quotes(answer)), answer.text


@pytest.mark.parametrize("question", ["what did reviews say about seeing the child alone?",
                                      "was the child seen alone?"])
def test_seeing_the_child_alone_is_searched_as_the_voice_of_the_child(retriever, question):
    # No bundled review says "seeing the child alone": searched for as written, the answer
    # was Hertfordshire's two lines on disabled children, and nothing on the child's voice.
    answer = retriever.answer(question)
    quotes = _quotes(answer)
    assert quotes and all(re.search(r"voice|lived experience|child-centred|listen", q)
                          for q in quotes[1:]), answer.text
    assert any("voice of the child" in q for q in quotes), answer.text


def test_hostile_parents_are_answered_by_the_reviews_on_resistant_and_hostile_parents(retriever):
    # Led with Norfolk's "guidance for managing school absences reported by parents", on
    # "parents" alone; Kent's "update training on resistant and hostile parents" came fourth.
    answer = retriever.answer("hostile parents who intimidated workers")
    assert "resistant and hostile parents" in answer.groups[0].sentences[0][0], answer.text


def test_a_trainers_request_for_case_examples_is_answered_with_cases(retriever):
    # "for a training session" was read as the topic: the answer quoted neglect strategies'
    # "training strategy" and "audit of cases", and no case of neglect.
    answer = retriever.answer("give me case examples of neglect for a training session")
    assert answer.groups[0].sentences[0][0].startswith("Neglect of"), answer.text
    assert not any("training" in q for q in _quotes(answer)), answer.text


@pytest.mark.parametrize(("question", "rest"), [
    ("give me case examples of neglect for a training session", "give me case examples of neglect"),
    ("neglect case studies for training", "neglect case studies"),
    ("examples of neglect for my training course.", "examples of neglect"),
    # training is what these ask about
    ("what recommendations were made for training?", "what recommendations were made for training?"),
    ("examples of poor training", "examples of poor training"),
    # or what they will use them as or in ("positive examples" had been searched as a topic)
    ("which reviews highlight good practice I could use as positive examples",
     "which reviews highlight good practice"),
    ("good practice examples I could use in training", "good practice examples"),
    ("case studies of CSE that I can use for teaching", "case studies of CSE"),
    ("cases of neglect to use in a training session", "cases of neglect"),
    # a topic after "use in" is the question's
    ("reviews I could use in a session on neglect", "reviews I could use in a session on neglect"),
    ("examples of good practice I can share with my team", "examples of good practice"),
    ("what should I share with my team about neglect?",
     "what should I share with my team about neglect?"),
])
def test_what_a_trainer_wants_examples_for_is_not_searched(question, rest):
    assert without_purpose(question) == rest


def test_good_practice_to_use_as_examples_is_answered_with_good_practice(retriever):
    # was told "None of the passages found records good practice on this", above a quote
    # that records it
    answer = retriever.answer("which reviews highlight good practice I could use as positive examples")
    assert answer.groups and all("good practice" in g.sentences[0][0].lower() for g in answer.groups), \
        answer.text
    assert not any("records good practice" in note for note in answer.notes), answer.notes


@pytest.mark.parametrize("question", [
    "cases where professionals got it right",  # (quoted two reviews)
    "cases where professionals showed good practice",  # (told none records good practice)
    "what went well?",
    # a helper's trainer (told none records good practice "on this", sharing with a team)
    "I want a case where things went well - examples of good practice I can share with my team",
    # (set AD: Harry's failure "to call emergency services" was searched for)
    "to balance my session with what went well: which reviews call out good practice?",
    # (set AG: "anything positive in that one?" after Blackpool's Child BW quoted its failings)
    "were there any positives in the reviews at all?",
])
def test_a_question_on_what_went_well_and_nothing_else_quotes_the_good_practice_recorded(
        retriever, question):
    # searched as its words, "cases" and "professionals" led, and the model ranks bland
    # passages near "good practice"; the reviews record it in their words
    answer = retriever.answer(question)
    recording = {g.review_id for g in answer.groups
                 if "good practice" in g.sentences[0][0].lower()}
    assert len(recording) >= 4 and len(recording) == len(answer.groups), answer.text
    assert "blackpool-2017-child-bw" in recording, answer.text  # "Good practice identified: ..."
    assert not any("records good practice" in note for note in answer.notes), answer.notes


@pytest.mark.parametrize("question", ["what recommendations were made for health visitors?",
                                      "what recommendations were made for schools?"])
def test_asked_for_recommendations_good_practice_noted_is_not_one(retriever, question):
    # Somerset's and Baby ON16's "Examples of good practice were noted by ... the health
    # visiting service", and Jack's "Good practice identified by the school and GPs", were
    # quoted as if they were recommendations.
    quotes = _quotes(retriever.answer(question))
    assert quotes and not any(re.search(r"good practice", q, re.I) for q in quotes), quotes


def test_a_question_on_what_reviews_found_still_quotes_the_cases(retriever):
    # "find" asks what the reviews say, cases included: not only what they learnt
    answer = retriever.answer("what did reviews find about child sexual abuse in the family?")
    assert any("by their older brother" in q or "by her older brother" in q
               for q in _quotes(answer)), answer.text


def test_asked_which_reviews_mention_a_term_the_answer_quotes_only_those_that_do(retriever):
    # "MARAC", searched as "multi-agency risk assessment conference" too, quoted Child V's
    # "invitations to child protection conferences" and Child O's "risk assessments" beside
    # Baby Sama's "Multi-Agency Risk Assessment Conferences (MARACs) are held ...".
    quotes = _quotes(retriever.answer("which reviews mention MARAC?"))
    assert quotes and all(re.search(r"MARAC|multi-agency risk assessment conference", q, re.I)
                          for q in quotes), quotes


def test_an_acronym_is_answered_from_the_passages_that_use_it(retriever):
    # The model reads "MASH" poorly (cosine 0.15 with Luton's recommendation to refer
    # children "to the MASH"): "No relevant passages found". It is now also searched as
    # "multi-agency safeguarding hub", and the answer says so.
    answer = retriever.answer("what was learnt about the MASH?")
    assert any(re.search(r"\bMASH\b", q) for q in _quotes(answer)[:2]), answer.text
    assert any("multi-agency safeguarding hub" in note for note in answer.notes), answer.notes


@pytest.mark.parametrize(("question", "field", "asks"), [
    ("what are the common themes across these reviews?", "asks_themes", True),
    ("Which themes come up most?", "asks_themes", True),
    ("what are the main themes in reviews since 2018?", "asks_themes", True),
    ("what do reviews say about the theme of neglect?", "asks_themes", False),
    ("what are the key issues in the Child K review?", "asks_themes", False),
    ("what are the most common failings across all the reviews?", "asks_themes", True),
    ("what were the recurring issues?", "asks_themes", True),
    ("what were the key findings about neglect in 2017 reviews?", "asks_themes", False),
    # which passages use its words, not what is near them in meaning
    ("which reviews mention the MASH?", "asks_mention", True),
    ("do any reviews refer to private fostering?", "asks_mention", True),
    ("which reviews use the term disguised compliance?", "asks_mention", True),
    ("what did reviews say about the MASH?", "asks_mention", False),
    ("were children referred to the MASH?", "asks_mention", False),
    # ("what did it say was going well?" of the Sameer brief quoted a failing: the brief's own
    # heading is "What's going well?")
    ("what did it say was going well?", "wants_good_practice", True),
    ("what went well?", "wants_good_practice", True),
    ("what went wrong?", "wants_good_practice", False),
])
def test_the_plan_reads_what_a_question_asks_for(retriever, question, field, asks):
    assert getattr(retriever.understand(question), field) is asks


def test_a_practitioners_own_caseload_names_no_theme(retriever):
    # "16yo on my caseload ... reviews on kids missing education?" was told how many reviews
    # are tagged with supervision and management oversight (caseloads)
    assert retriever.understand("16yo on my caseload has been out of school for 8 months. "
                                "reviews on kids missing education?").themes == (
        "schools and education",)
    assert "supervision and management oversight" in retriever.understand(
        "did reviews talk about caseloads and workload pressure").themes


def test_a_question_on_common_themes_is_told_the_themes_most_reviews_carry(retriever):
    # The passages quoted show what a few reviews say, not what they share (one sentence of
    # a thematic review was the whole answer): the reviews' own tags say what they share.
    answer = retriever.answer("what are the common themes across these reviews?")
    counts = theme_counts(retriever.store)
    reviews = len(retriever.store.reviews())
    note = next(n for n in answer.notes if n.startswith("The themes most often tagged"))
    assert note.startswith(f"The themes most often tagged among the {reviews} reviews searched: "
                           f"{counts[0].theme} ({counts[0].reviews} reviews), "
                           f"{counts[1].theme} ({counts[1].reviews})"), note
    assert note.endswith("The Themes tab lists every theme with its reviews.")
    # Confined by the question's years, the count is of those years' reviews.
    recent = retriever.answer("what are the main themes in reviews since 2018?")
    n = sum(1 for r in retriever.store.reviews() if (r.year or 0) >= 2018)
    assert any(x.startswith(f"The themes most often tagged among the {n} reviews searched")
               for x in recent.notes), recent.notes
    # And by the user's own filters (Store.review_ids), not over the whole index.
    filtered = retriever.answer("what are the common themes?", filters=Filters(year_from=2018))
    assert any(x.startswith(f"The themes most often tagged among the {n} reviews searched")
               for x in filtered.notes), filtered.notes
    assert retriever.store.review_ids(Filters(year_from=2018)) == {
        r.id for r in retriever.store.reviews() if (r.year or 0) >= 2018}
    # asked whether a place's reviews share themes, in other words; where none is shared,
    # that is said ("assessment (1 reviews)" had led the list of "most often tagged")
    somerset = retriever.answer("Somerset had three reviews published in 2017 - do they share "
                                "any themes or recommendations?")
    assert any(x.startswith("The themes most often tagged among the 3 reviews searched: ")
               for x in somerset.notes), somerset.notes
    bradford = retriever.answer("what themes do the Bradford reviews have in common")
    assert any(x.startswith("No theme is tagged on more than one of the 3 reviews searched; "
                            "their tags include ") for x in bradford.notes), bradford.notes


def test_a_place_in_the_question_confines_the_answer_or_says_there_is_none(retriever):
    answer = retriever.answer("tell me about neglect cases in Rochdale")
    quoted_areas = {c.hit.review.area for c in answer.citations}
    assert quoted_areas <= {"Rochdale"}, quoted_areas
    assert any("Rochdale" in note for note in answer.notes)
    rochdale = [r for r in retriever.store.reviews() if r.area == "Rochdale"]
    if not any("neglect" in " ".join(r.keywords).lower() for r in rochdale):
        assert any("neglect" in note for note in answer.notes), answer.notes


@pytest.mark.parametrize(("question", "place", "areas"), [
    # the places a question names are all searched: it was the longest name's alone
    ("what do the Luton and Bradford reviews say about exploitation?", "Luton and Bradford",
     {"Luton", "Bradford"}),
    ("reviews from Rochdale and Sunderland", "Rochdale and Sunderland", {"Rochdale", "Sunderland"}),
    # a joint area is one place, not its parts ("in Croydon" is both Croydon's areas)
    ("reviews from Croydon and Lewisham", "Croydon and Lewisham", {"Croydon and Lewisham"}),
    ("reviews from Croydon", "Croydon", {"Croydon", "Croydon and Lewisham"}),
])
def test_every_place_a_question_names_confines_it(retriever, question, place, areas):
    plan = retriever.understand(question)
    assert (plan.place, set(plan.areas)) == (place, areas)
    answer = retriever.answer(question)
    assert answer.citations and {c.hit.review.area for c in answer.citations} <= areas
    assert re.search(rf"from {place} \(as your question asks\) (?:was|were) searched\.$",
                     answer.notes[0]), answer.notes
    if " and " in question and "Lewisham" not in question:
        assert len({c.hit.review.area for c in answer.citations}) == 2 or not plan.lists_reviews


def test_a_thematic_review_titled_with_the_theme_is_not_said_to_lack_it(retriever):
    # Luton's 2024 review is about exploitation and gangs by its title, though its keywords
    # (the digest's learning themes) name neither.
    question = "Tell me about the Luton review on gangs"
    assert "child exploitation" in retriever.understand(question).themes
    answer = retriever.answer(question)
    assert any("Luton" in note for note in answer.notes)
    assert not any("None of them is tagged" in note for note in answer.notes), answer.notes


def test_a_place_the_question_leaves_out_is_not_searched(retriever):
    # "... but not in london boroughs" searched London's reviews alone
    answer = retriever.answer("neglect reviews from 2017 about babies under 1 but not in "
                              "london boroughs")
    london = set(retriever.understand("reviews from London").areas)
    assert len(london) > 3 and answer.citations
    assert not {c.hit.review.area for c in answer.citations} & london, answer.text
    assert all(c.hit.review.year == 2017 for c in answer.citations)
    assert any("not from London published in 2017" in n for n in answer.notes), answer.notes
    answer = retriever.answer("neglect cases outside of Bradford and Rochdale")
    assert not {c.hit.review.area for c in answer.citations} & {"Bradford", "Rochdale"}
    plan = retriever.understand("young carers - apart from merton are there others? jeanette "
                                "calderdale?")
    assert (plan.areas, plan.areas_left_out) == (("Calderdale",), ("Merton",))
    # a place no review is from leaves none out, and is not read as the place asked about
    assert not any("Wales" in n for n in retriever.answer("not in wales: what about fathers").notes)
    # nor is a place said after one ("outside the house in Bradford")
    assert not retriever.understand("a car parked outside the house in Bradford").areas_left_out


def test_a_review_the_question_leaves_out_is_not_searched(retriever):
    # a trainer's "domestic abuse and babies but not the Baby Sama one, we've used it loads"
    # was answered, and listed in Find examples, from Baby Sama alone
    question = "domestic abuse and babies but not the Baby Sama one, we've used it loads"
    answer = retriever.answer(question)
    assert answer.citations and all(c.hit.review.title != "Baby Sama" for c in answer.citations)
    # (of those whose entry could be of babies, which it asks about: see test_children.py)
    assert any(n.startswith("Only the ") and "reviews other than the Baby Sama review" in n
               for n in answer.notes), answer.notes
    rows = find_examples(retriever, question)
    assert len(rows) >= 10 and "Baby Sama" not in {row["title"] for row in rows}
    plan = retriever.understand("what do reviews besides mark and jack say about exploitation")
    assert set(plan.titles_left_out) == {"Young Person Mark", "Jack"} and not plan.named_reviews
    # nor does the name of the review it leaves out name a theme: "... other than Baby Sama"
    # was noted "3 with infants (this answer quotes 0 of them)"
    other_than = retriever.answer("child sexual exploitation reviews other than Baby Sama")
    assert retriever.understand("child sexual exploitation reviews other than Baby Sama"
                                ).themes == ("child exploitation",)
    assert other_than.citations and not any("infants" in n for n in other_than.notes), \
        other_than.notes


@pytest.mark.parametrize(("question", "themes", "left_out"), [
    ("reviews about neglect that dont mention domestic abuse", ("neglect",), ("domestic abuse",)),
    ("neglect cases without domestic violence", ("neglect",), ("domestic abuse",)),
    ("what do reviews say about neglect, excluding any that involve domestic abuse",
     ("neglect",), ("domestic abuse",)),
    ("cases excluding drug or alcohol misuse", (), ("substance misuse",)),
    ("cases without any sexual abuse, but with neglect", ("neglect",), ("sexual abuse",)),
    # "not about", "not involving" (a probe's "reviews that were NOT about ..." was searched
    # for what it left out)
    ("reviews that were NOT about neglect", (), ("neglect",)),
    ("physical abuse cases not involving domestic abuse", ("physical abuse",), ("domestic abuse",)),
    # "that were not", "other than those about" (a probe's "deaths of children over 10 that
    # were not suicide" quoted three suicides)
    ("deaths of children that were not suicide", (), ("self-harm and suicide",)),
    ("neglect reviews other than those about domestic abuse", ("neglect",), ("domestic abuse",)),
    ("children who were not brought to appointments", ("missed appointments",), ()),
    # "did not find", after "a" (each was answered with the reviews that did)
    ("which reviews did NOT find problems with information sharing?", (), ("information sharing",)),
    ("which reviews were NOT about a child dying?", (), ("child death",)),
    # telling one thing apart from another leaves neither out
    ("reviews about telling poverty apart from neglect?", ("neglect",), ()),
    # ", not" (a probe's question quoted three reviews of exploitation first)
    ("sexual abuse within the family, not sexual exploitation", ("sexual abuse",),
     ("child exploitation",)),
    ("epilepsy diagnosis not on school records", ("schools and education",), ()),
    # lacking someone is a topic, not a theme left out
    ("babies without a health visitor", ("infants", "health professionals"), ()),
    ("neglect but not in london", ("neglect",), ()),  # a place (see above)
    # a review named is searched whatever it carries
    ("what other than domestic abuse was found in the Sama case", (), ()),
])
def test_the_plan_reads_a_theme_the_question_leaves_out(retriever, question, themes, left_out):
    plan = retriever.understand(question)
    assert (plan.themes, plan.themes_left_out) == (themes, left_out), plan


def test_a_theme_the_question_leaves_out_is_not_searched(retriever):
    # "reviews about neglect that dont mention domestic abuse" quoted Baby Sama's neglect
    # category "in cases of domestic abuse" first, and two more reviews naming it
    question = "reviews about neglect that dont mention domestic abuse"
    answer = retriever.answer(question)
    on_it = retriever.reviews_carrying("domestic abuse") | retriever.store.reviews_holding(
        ["domestic abuse", "domestic violence"])
    assert len(answer.groups) >= 3 and not {g.review_id for g in answer.groups} & on_it, \
        answer.text
    assert "neglect" in answer.text.lower()
    searched = len(retriever.store.review_ids() - retriever._reviews_on(["domestic abuse"]))
    assert (f"Only the {searched} reviews neither tagged with nor naming domestic abuse (as "
            "your question asks) were searched.") in answer.notes, answer.notes
    rows = find_examples(retriever, "neglect but not domestic abuse")
    assert len(rows) >= 10 and not {row["review_id"] for row in rows} & on_it


def test_the_words_that_show_a_passage_tells_of_a_theme_leave_its_reviews_out(retriever):
    # "which reviews did NOT find problems with information sharing?" listed Martin, whose
    # recommendation is "to strengthen the sharing of information"
    holding = retriever.store.reviews_holding(["sharing of information"])
    assert holding and holding <= retriever._reviews_on(["information sharing"])
    answer = retriever.answer("which reviews did NOT find problems with information sharing?")
    assert answer.groups and not {g.review_id for g in answer.groups} & holding, answer.text


def test_the_reviews_a_question_leaves_out_alone_are_listed(retriever):
    # "which reviews were NOT about a child dying?" quoted Dudley's two deaths; asked with
    # nothing else, the reviews left are listed, none naming the theme in everyday words
    # either ("Death of a boy aged less than 1 year" names no "child death")
    answer = retriever.answer("which reviews were NOT about a child dying?")
    on_it = retriever._reviews_on(["child death"])
    assert retriever.understand("which reviews were NOT about a child dying?").lists_reviews
    assert len(answer.groups) >= 5 and not {g.review_id for g in answer.groups} & on_it, answer.text
    assert retriever.store.reviews_holding(["death of"]) <= on_it
    assert not any("death" in text.lower() for g in answer.groups for text, _ in g.sentences), \
        answer.text


@pytest.mark.parametrize("query", ["good multi-agency working", "praised multi-agency working"])
def test_find_examples_of_what_went_well_leads_with_the_good_practice_reviews_record(retriever,
                                                                                  query):
    # It listed twenty reviews' failings and recommendations on multi-agency working, and
    # not Blackpool's "Good practice identified: robust information sharing processes and
    # good local professional relationships."
    rows = find_examples(retriever, query)
    recording = retriever.store.reviews_holding(["good practice"])
    leading = [row["review_id"] for row in rows[:len(recording)]]
    assert "blackpool-2017-child-bw" in leading[:4], leading
    assert any("robust information sharing processes" in row["key_learning"]
               for row in rows[:4]), rows[:4]
    # (Baby Sama's report lists "strengths ... in the multi-agency response", one of which
    # may lead: what leads is good practice recorded, not a failing)
    strengths = ("More timely completion", "named/lead professionals", "Introduction of systems")
    assert all(row["review_id"] in recording or row["key_learning"].startswith(strengths)
               for row in rows[:4]), rows[:4]
    assert len(rows) <= 20


@pytest.mark.parametrize(("question", "tagged"), [
    # whom a question is about is no theme its answer samples: "3 reviews in the index are
    # tagged with infants" stood under questions on babies, whom some 27 entries tell of
    ("what did reviews find about babies who were not safe at home?", None),
    ("adolescent neglect", "tagged with neglect"),
    ("teenagers who self-harm", "tagged with self-harm and suicide"),
])
def test_whom_a_question_is_about_is_not_counted_as_a_theme_sampled(retriever, question, tagged):
    notes = [n for n in retriever.answer(question).notes if "tagged with" in n]
    assert not any("infants" in n or "adolescents" in n for n in notes), notes
    assert (tagged is None and not notes) or (tagged and any(tagged in n for n in notes)), notes


@pytest.mark.parametrize(("question", "note"), [
    # a name no passage holds is what the question asks of, however many of its words the
    # passages hold: four passages on babies stood under the Lullaby Trust's room temperature
    # with no word that none says "Lullaby" (two unheld words of five were too few)
    ("what room temperature does the Lullaby Trust recommend for a baby's room",
     "No passage in the index uses “temperature”, “lullaby trust”: what is quoted is closest "
     "in meaning."),
    # (not a name said only as its question opens, nor a name passages hold)
    ("Neglect and babies: what went wrong?", None),
    ("what did the Bradford reviews say about babies?", None),
])
def test_a_name_no_passage_holds_is_said(retriever, question, note):
    notes = retriever.answer(question).notes
    if note:
        assert note in notes, notes
    else:
        assert not any(n.startswith("No passage in the index uses") for n in notes), notes


def test_a_theme_a_named_review_lacks_is_said_once(retriever):
    # "Warwickshire Child T and neglect" said that the Child T review is not tagged with
    # neglect, and then that none of Warwickshire's two reviews is: the place only said
    # which Child T
    notes = retriever.answer("Warwickshire Child T and neglect").notes
    assert [n for n in notes if "tagged with neglect" in n] == [
        "The Child T review is not tagged with neglect, and none of its passages names it: "
        "what is quoted is closest in meaning."], notes
    notes = retriever.answer("what have Rochdale reviews said about neglect").notes
    assert "None of them is tagged with neglect; these are the closest passages." in notes, notes


def test_a_scope_is_not_said_to_lack_a_theme_its_quotes_name(retriever):
    # "None of them is tagged with escalation" stood under quotes on escalation from the
    # 2017 reviews: their keywords lack it, their passages do not
    answer = retriever.answer("what went wrong with escalation: 2017 reviews")
    assert any("escalat" in q.text.lower() for c in answer.citations for q in c.quotes), answer.text
    assert not any("tagged with escalation" in n for n in answer.notes), answer.notes
    midwife = retriever.answer("did the community midwife in the Bedford case get safeguarding "
                               "supervision?")
    assert not any("supervision and management oversight" in n for n in midwife.notes), midwife.notes


def test_an_answer_to_lay_wording_says_which_of_the_reviews_terms_it_searched(retriever):
    answer = retriever.answer("tiny baby with broken bones nobody could explain")
    searched = [n for n in answer.notes if n.startswith("Also searched for the reviews' own terms")]
    assert len(searched) == 1 and "fractures" in searched[0], answer.notes
    # The note names terms that the quoted passages use.
    assert any("fracture" in q.lower() for q in _quotes(answer)), _quotes(answer)
    # A question already in the reviews' words gets no such note.
    assert not any("own terms" in n for n in retriever.answer("domestic abuse").notes)


@pytest.mark.parametrize("question", ["teenager with fits who died while locked up",
                                      "mum kept hiding things from social workers",
                                      "newborn killed by the family's pet"])
def test_the_terms_said_to_be_the_reviews_own_are_terms_passages_use(retriever, question):
    # "Also searched for the reviews' own terms: seizures, ..." named words no passage uses
    # (the glossary's "seizures"; the theme's "superficial cooperation").
    notes = [n for n in retriever.answer(question).notes if "the reviews' own terms: " in n]
    assert len(notes) == 1, notes
    terms = notes[0].split("the reviews' own terms: ")[1].rstrip(".").split(", ")
    assert terms and retriever.lexical.unheld(terms) == [], terms


@pytest.mark.parametrize(("question", "quoted"), [
    ("IRO here - was the IRO role criticised in any of these",
     "compromised the role of the Independent Reviewing Officer"),
    ("was FNP involved with Luton's Child J?", "Family Nurse Partnership"),
    ("DV cases", "domestic violence"),  # (no answer: "No passage in the index uses “dv”")
])
def test_a_practitioners_acronym_is_searched_by_its_long_form(retriever, question, quoted):
    # "IRO" is written out in the reviews ("Independent Reviewing Officer"): the answer was
    # "No passage in the index uses the words iro" and the LADO's role.
    answer = retriever.answer(question)
    assert any(quoted.lower() in q.lower() for q in _quotes(answer)[:3]), answer.text


def test_an_acronym_for_a_theme_names_the_theme_and_finds_its_examples(retriever):
    # Find examples for "DV" led with Child V's "impact of living in temporary accommodation"
    # and named no theme; "DA" had no theme either
    assert retriever.understand("DV cases").themes == ("domestic abuse",)
    # not one the passages hold, searched as itself ("CIN" is no question on assessment)
    assert retriever.understand("case got stepped down from CP to CIN").themes == ()
    for query in ("DV", "DA"):
        rows = find_examples(retriever, query)
        assert rows and rows[0]["theme"] == "domestic abuse", rows[:1]
        assert all(row["on_theme"] for row in rows[:8])
        assert sum(bool(re.search(r"domestic (?:abuse|violence)", row["key_point"], re.I))
                   for row in rows[:8]) >= 5, [row["key_point"] for row in rows[:8]]
    # one the passages hold is read as itself ("CIN" is no question on assessment)
    cin = find_examples(retriever, "CIN")
    assert cin and "theme" not in cin[0], cin[:1]


def test_a_child_wetting_herself_finds_the_review_tagged_enuresis(retriever):
    # set AD: "keeps wetting herself" was told no passage uses "wetting", and quoted Swindon's
    # Child D; Birmingham's Isobel is the one review tagged enuresis, and is quoted or pointed at
    quoted = retriever.answer("child keeps wetting herself")
    assert quoted.groups and quoted.groups[0].review_id == "birmingham-2017-isobel", quoted.text
    told = retriever.answer("girl of 8 wetting herself a lot lately")
    assert any("enuresis" in note and "Isobel" in note for note in told.notes) or (
        told.groups and told.groups[0].review_id == "birmingham-2017-isobel"), told.text


def test_a_young_person_treated_as_a_criminal_leads_with_the_review_asking_about_it(retriever):
    # set AD: "lad at our youth club keeps getting nicked ... everyone treats him like a
    # criminal not a kid at risk" led with Buckinghamshire's youth clubs; Luton's thematic
    # review asks who gets a 'safeguarding' response and who a 'criminal justice' one
    answer = retriever.answer("the lad keeps getting nicked and the police treat him like a "
                              "criminal, not a child at risk - any reviews on that?")
    assert answer.groups and answer.groups[0].review_id.startswith("luton-2024"), answer.text
    assert any("'criminal justice' response" in q for q in _quotes(answer)), answer.text


def test_a_lay_question_about_separation_quotes_the_reviews_on_it(retriever):
    # "the parents split up and that's when it got really dangerous" quoted Warrington's
    # police contacts, not its "a point of separation represents increased risk of harm".
    quotes = _quotes(retriever.answer("the parents split up and that's when it got really dangerous"))
    assert any("point of separation" in q for q in quotes), quotes
    fella = retriever.answer("the fella in the background at every visit who nobody ever asked his name")
    assert fella.kind == "extractive" and any("father" in q for q in _quotes(fella)), fella.text


@pytest.mark.parametrize("question", ["MASH", "what did reviews say about the MASH?",
                                      "were children referred to the MASH?"])
def test_the_mash_is_answered_by_what_says_it_not_by_multi_agency_working(retriever, question):
    # the MASH is one kind of information sharing: "MASH" quoted Luton's referrals "to the
    # MASH", then Baby Sama's "multi-agency response", Bradford's "multi-agency response to
    # neglect" and Merton's "Think Family" (a helper's search-box query)
    answer = retriever.answer(question)
    quotes = _quotes(answer)
    assert quotes and all(re.search(r"\bMASH\b|multi-agency safeguarding hub", q, re.I)
                          for q in quotes), answer.text


def test_an_acronyms_long_form_counts_said_whole(retriever):
    # "has any review said the IRO role was compromised for a looked after child" was
    # searched as "independent reviewing officer" too, and quoted Baby Sama's "consideration
    # to be given to reviewing the situation", on topic by "reviewing"
    question = "has any review said the IRO role was compromised for a looked after child"
    assert "review" not in topic_stems(question, ["independent reviewing officer"])
    answer = retriever.answer(question)
    quotes = _quotes(answer)
    assert "Independent Reviewing Officer" in quotes[0], answer.text
    assert not any("reviewing the situation" in q for q in quotes), answer.text


def test_a_term_no_passage_uses_is_said_whole_even_where_searched_in_other_terms(retriever):
    # a helper's search box: "sexting" was searched as "indecent images" and "sexual
    # images", which no passage holds either, and answered with no word that none says it;
    # "private fostering" was told that no passage uses "private"
    sexting = retriever.answer("sexting")
    assert any(n.startswith("No passage in the index uses the word “sexting”") for n in sexting.notes), \
        sexting.notes
    fostering = retriever.answer("what do reviews say about private fostering?")
    assert any(n.startswith("No passage in the index uses “private fostering”")
               for n in fostering.notes), fostering.notes


def test_a_named_reviews_lessons_asked_for_as_a_list_are_quoted_whole(retriever):
    # a helper's trainer: "... I want to read out the learning for professionals list" quoted
    # four of the Sameer brief's seven points
    answer = retriever.answer("What does the Sameer learning brief say professionals need to "
                              "learn? I want to read out the learning for professionals list.")
    listed = [q.text for c in answer.citations
              if c.hit.chunk.locator.startswith("Learning for Professionals") for q in c.quotes]
    assert len(listed) == 7 and any("shared with relevant agencies" in q for q in listed), answer.text
    # and "as bullet points" asks for none of "bullet" (a note said no passage uses it)
    jack = retriever.answer("what did the Jack review learn? as bullet points please")
    assert not any("bullet" in note for note in jack.notes), jack.notes


@pytest.mark.parametrize("question", ["what did the Baby Sama review find?",
                                      "what went wrong in the Baby Sama case?"])
def test_a_long_reports_findings_asked_for_whole_are_its_learning_sections(retriever, question):
    # the Baby Sama report's "2. The findings" chapter is mostly its account of the case: "what
    # did the Baby Sama review find?" quoted "The Strategy Meeting notes record ..." and "A
    # referral was made for a Legal Planning Meeting ...", not its six learning points (§3)
    answer = retriever.answer(question)
    report = [c for c in answer.citations if c.hit.document.name.endswith("overview-report.txt")]
    assert report and all(c.hit.chunk.locator.startswith(("§3.", "§4.")) for c in report), answer.text
    assert len({c.hit.chunk.section for c in report}) >= 3, answer.text
    # a question with a topic of its own is answered from where the report treats it
    meeting = retriever.answer("What did the Baby Sama review find about the strategy meeting?")
    assert any("Strategy Meeting" in c.hit.chunk.section for c in meeting.citations), meeting.text


def test_a_baby_being_shaken_finds_the_review_that_says_shaking(retriever):
    # Camden's Child B ("a single episode of shaking") was shown last, as less close, and in
    # a conversation left out of "which of those came out in 2016?"
    answer = retriever.answer("Which reviews involve a baby being shaken?")
    close = [g.review_id for g in answer.groups if not g.less_close]
    assert {"hull-2017-baby-j", "camden-2016-child-b"} <= set(close[:3]), answer.text


def test_a_digest_entrys_findings_are_its_learning_not_its_key_issues(retriever):
    # an NSPCC entry's "Key issues" are often the family's history: "what did the Luton Child
    # J review find?" quoted four lines of them ("Child J lived with his parents for the first
    # weeks of his life.") and none of its "Learning:"
    found = _quotes(retriever.answer("what did the Luton Child J review find?"))
    assert any("children of avoidant parents at risk of harm" in q for q in found), found
    assert not any("first weeks of his life" in q for q in found), found
    # and what happened is told by them beside the entry's summary line
    told = _quotes(retriever.answer("what happened in the Hull Baby J case?"))
    assert any(q.startswith("Death of Baby J aged 4 weeks") for q in told), told
    assert any("homeless and living in separate hostels" in q for q in told), told
    # a case told in which someone "was found hiding" asks for no lessons: the line of the
    # case that tells it is what it is after ("PB was found hiding undressed at FC2's home")
    told = ("teenage lad kept going back to his old foster dad's house, found hiding there with no "
            "clothes on")
    assert not retriever.understand(told).wants_lessons
    assert any("found hiding undressed" in q for q in _quotes(retriever.answer(told)))


def test_a_digest_entrys_key_issues_asked_by_that_label_are_quoted(retriever):
    # "NE Lincolnshire Child T, the 4 yr old with the drugs and head injuries - key issues?"
    # (set AD) quoted the entry's first line alone: the child described chose the line
    asked = "North East Lincolnshire Child T, the 4 year old girl who took drugs - key issues?"
    plan = retriever.understand(asked)
    assert plan.wants_key_issues and plan.wants_lessons
    found = _quotes(retriever.answer(asked))
    key_issues = ("the need for robust assessment", "where siblings are born",
                  "all contacts from family members", "tools and skills to combat disguised")
    assert sum(any(issue in q for issue in key_issues) for q in found) >= 2, found
    # asked by another name, an entry's findings are still its learning before them
    assert not retriever.understand("what did the Luton Child J review find?").wants_key_issues


@pytest.mark.parametrize(("question", "opening", "learning", "history"), [
    # the account's opening, then the lessons: "Tell me about the Hertfordshire Child G review.
    # What did it find and recommend?" never said the boy died with seven fractures
    ("Tell me about the Hertfordshire Child G review. What did it find and recommend?",
     "Death of a boy aged less than 1 year", "the crucial importance of the assessment process",
     None),
    # and not the entry's history in place of what went wrong: four lines of Polly's history,
    # one of learning
    ("what happened to Polly in Derbyshire and what went wrong?", "Death of a 21-month-old girl",
     "medical staff did not consider the possibility", "Between January and April 2014"),
])
def test_a_named_reviews_story_and_lessons_asked_together_are_its_opening_and_its_learning(
        retriever, question, opening, learning, history):
    quotes = _quotes(retriever.answer(question))
    assert quotes and quotes[0].startswith(opening), quotes
    assert any(learning in q for q in quotes), quotes
    assert history is None or not any(history in q for q in quotes), quotes


def test_whether_anyone_was_held_responsible_is_searched_in_the_courts_words(retriever):
    # "was anyone held responsible for Child T's death in foster care?" quoted how Child T
    # came into care and the fostering social workers' learning, not "The foster mother
    # pleaded guilty to manslaughter"
    answer = retriever.answer("was anyone held responsible for Child T's death in foster care?")
    assert any("pleaded guilty" in q for q in _quotes(answer)), answer.text
    assert any("pleaded guilty" in note for note in answer.notes), answer.notes


def test_a_case_closed_too_soon_in_everyday_words_is_answered(retriever):
    # "case got shut down too soon and then it all went wrong again" had no answer: no
    # passage is close to it in meaning, and none says its words
    answer = retriever.answer("case got shut down too soon and then it all went wrong again")
    assert answer.kind == "extractive", answer.text
    assert any("case closed" in q or "case was closed" in q for q in _quotes(answer)), answer.text


@pytest.mark.parametrize(("question", "review"), [
    # from a set of 30 lay accounts of the sample's cases: "smother" was searched as
    # "mother"; "made her son ill" and "sleeping pills" found other cases' words
    ("mum tried to smother her child then tried to kill herself", "Child AB (2017)"),
    ("mum made her son ill on purpose for years", "Child Y (2017)"),
    ("mum poisoned her two kids with sleeping pills and then killed herself", "W family ("),
    ("kid who died from a tummy infection and had a broken skull", "Child G (Wolverhampton"),
])
def test_a_case_told_in_everyday_words_is_quoted(retriever, question, review):
    answer = retriever.answer(question)
    assert any(c.hit.review.label.startswith(review) for c in answer.citations), answer.text


@pytest.mark.parametrize(("question", "quoted"), [
    ("workers bending over backwards for mum and forgetting about the kids",
     "parents' needs received more professional attention than those of the children"),
    ("kids who basically looked after themselves because mum was out of it",
     "concerns about their mother's alcohol misuse"),
    # (Norfolk's "written agreements with Child P's mother" and a planned social worker
    # visit came before the reviews on believing parents)
    ("social worker believed everything mum said", "over-optimistic"),
    # (Nolan's "follow up referrals with checks and a visit" alone)
    ("workers were too busy to visit properly", "excessive caseloads"),
    # a place's three reviews: its dogs and alcohol, not Mark's "lack of professional
    # curiosity" (from a probe of 60 fresh practitioner questions)
    ("Sunderland reviews where professionals weren't curious enough",
     "a lack of professional curiosity"),
])
def test_everyday_words_for_practice_quote_the_reviews_that_name_it(retriever, question, quoted):
    # each quoted reviews about something else first ("Child 1 was the eldest of 3 siblings")
    assert quoted in _quotes(retriever.answer(question))[0], retriever.answer(question).text


@pytest.mark.parametrize(("question", "quoted"), [
    # from a set of 120 in everyday words: the first had no answer, the others quoted
    # "Mother's failure to engage", a health visitor's referral, and the Stockholm Syndrome
    ("workers got so used to hearing about fights at home they stopped reacting",
     "too hardened to domestic violence"),
    ("mum kept saying all the right things to social but nothing at home ever actually changed",
     "disguised compliance"),
    ("the health visitor couldnt get in the door, kept knocking, nobody answered",
     "disguised compliance"),
    ("lots of small worries that never seemed serious enough on their own", "cumulative harm"),
    ("staff talking about the girl like she was choosing it, like it was her own fault",
     "blaming or holding children responsible"),
    ("a boy says his dad hits him and he's been watching extremist videos", "radicalisation"),
    ("girl living with her auntie under a court order, auntie said she was hurting herself",
     "Special Guardianship Order"),
    ("do workers get proper time to talk through hard cases with their manager",
     "reflective supervision"),
])
def test_everyday_words_for_a_practice_idea_find_the_reviews_words(retriever, question, quoted):
    answer = retriever.answer(question)
    assert answer.kind == "extractive" and any(quoted in q for q in _quotes(answer)), answer.text


@pytest.mark.parametrize(("question", "review"), [
    # set X: "the Dudley review of Child P" quoted Norfolk's Child P's recommendations, its
    # note saying only Dudley's review and the Child P review were searched
    ("what did the Dudley review of Child P recommend?", "dudley-2017-child-p-and-child-h"),
    ("Somerset Child L", "somerset-2017-child-l-and-child-j"),
    # (a place's own review of that title is still the one meant)
    ("what did the Norfolk Child P review recommend?", "norfolk-2016-child-p"),
    ("what did the Rochdale Child L review find?", "rochdale-2017-child-l"),
])
def test_a_name_said_with_a_place_is_the_places_review_whose_title_holds_it(retriever, question,
                                                                              review):
    plan = retriever.understand(question)
    assert plan.named_reviews == (review,) and not plan.beside, plan
    answer = retriever.answer(question)
    assert answer.groups and {g.review_id for g in answer.groups} == {review}, answer.text


def test_a_review_named_beside_a_place_qualifying_another_is_searched_too(retriever):
    # "compare Warwickshire Child T and Baby Sama": Warwickshire said which Child T, and
    # Baby Sama was dropped; "Baby Sama and the Hull review" was told Baby Sama is not
    # among the Hull reviews, and quoted it all the same
    ids = {f"{r.area} {r.title}": r.id for r in retriever.store.reviews()}
    plan = retriever.understand("compare Warwickshire Child T and Baby Sama on how long the "
                                "review took")
    assert set(plan.named_reviews) == {ids["Warwickshire Child T"], ids["Bedford Baby Sama"]}
    answer = retriever.answer("what did Baby Sama and the Hull review say about fathers")
    assert {c.hit.review.id for c in answer.citations} <= {ids["Bedford Baby Sama"],
                                                           ids["Hull Baby J"]}, answer.text
    assert ("Only the 1 review from Hull and the Baby Sama review (as your question asks) "
            "were searched.") in answer.notes, answer.notes
    assert not any("not among them" in n for n in answer.notes), answer.notes
    # a place next to a name says which review the name means ("Waltham Forest Child S": not
    # Birmingham's or Swindon's Child S)
    assert not retriever.understand("Waltham Forest Child S escalation of concerns").beside
    # three named, two beside a place's: searched together, and no note says a place
    # confined the search where the place only says which review is meant
    three = retriever.answer("In cases where the death was judged accidental or natural, such as "
                             "Baby Sama, Harry or Blackpool Child BW, what learning did the "
                             "reviews still find?")
    assert {g.review_id for g in three.groups} == {ids["Bedford Baby Sama"], ids["Thurrock Harry"],
                                                   ids["Blackpool Child BW"]}, three.text
    assert not any(n.startswith("Only the") for n in three.notes), three.notes


def test_a_reviews_name_names_no_theme(retriever):
    # "Baby Sama" read as a question about infants ("None of them is tagged with infants")
    assert retriever.understand("what did Baby Sama say about police?").themes == ()
    assert "infants" in retriever.understand("Baby Sama and domestic abuse against babies").themes
    assert "infants" in retriever.understand("Swindon had two babies die on a sofa, Child D and "
                                             "Child S").themes


@pytest.mark.parametrize(("question", "themes"), [
    # a stage of childhood beside children in general names all children: "the risk that
    # domestic abuse poses to babies and children" searched and quoted infants' cases
    ("the risk that domestic abuse poses to babies and children", ("domestic abuse",)),
    ("neglect of toddlers, babies and children", ("neglect",)),
    ("domestic abuse and babies", ("domestic abuse", "infants")),
    ("self-harm in teenagers and young people", ("self-harm and suicide", "adolescents")),
])
def test_a_stage_beside_children_in_general_names_no_theme(retriever, question, themes):
    assert retriever.understand(question).themes == themes


def test_a_question_on_how_reviews_were_run_quotes_their_method(retriever):
    # "which reviews used the SCIE Learning Together model?" quoted Halton's findings: a
    # review's "Model:" line was kept out unless the question said "method"
    quotes = _quotes(retriever.answer("which reviews used the SCIE Learning Together model?"))
    assert sum("Learning Together" in q for q in quotes) >= 2, quotes


def test_a_long_form_is_not_said_to_be_searched_as_an_acronym_no_passage_uses(retriever):
    # "domestic abuse" was searched as "DA" too, which no passage says, and the note said so.
    assert not any("own terms" in n for n in retriever.answer("domestic abuse and babies").notes)


@pytest.mark.parametrize(("question", "named"), [
    ("How did Sama die?", "Baby Sama"),  # the name after "Baby" names the review alone
    ("What happened to Bailey?", "Baby Bailey"),
    ("What did the Baby Sama review find?", "Baby Sama"),
    ("How should practitioners mark a concern?", None),  # not "Young Person Mark": capitals
    ("What did reviews say about K?", None),  # one letter names no one
    # typed in lower case, as a chat is: a child's code name in any case ("what did the baby
    # sama review find" was searched across every review), a given name beside a word for a
    # review or the review's own place
    ("what did the baby sama review find", "Baby Sama"),
    ("kent child c - recs for substance misuse services", "Child C"),
    ("what does the c101 review say about curiosity", "C101"),
    ("the emily review on diagnosis", "Emily"),
    ("in the sameer brief the nursery raised concerns", "Sameer"),
    ("polly derbyshire - the mothers mental health", "Polly"),
    ("bethany central bedfordshire extended family", "Bethany"),
    ("the mark review", "Young Person Mark"),
    # or after words that ask about a person ("how old was harry" quoted Nottingham's Child J)
    ("what happened to sama", "Baby Sama"),
    # but not a code that is a word, a given name alone, or a title in words
    ("bruises seen on the child a week before", None),
    ("the child i work with has bruises", None),
    ("a bruise mark on a baby's ear", None),
    ("sama and the health visitor", None),
    ("babies who sustained injuries", None),
])
def test_a_case_is_named_by_the_childs_name_alone(retriever, question, named):
    titles = {retriever.store.review(i).title for i in retriever.understand(question).named_reviews}
    assert titles == ({named} if named else set())


@pytest.mark.parametrize(("question", "age", "other"), [
    # the age the review's entry gives its child, not another age of its story ("how old was
    # Harry?" quoted "his parents separated when he was aged 5"; Child J's "placed with a
    # foster family at 4-years-old")
    ("How old was Harry?", "16-year-old", "aged 5"),
    ("how old was Child J in the Nottingham review?", "7-year-old", "4-years-old"),
])
def test_a_childs_age_asked_is_the_age_the_review_gives(retriever, question, age, other):
    answer = retriever.answer(question)
    assert age in answer.text and other not in answer.text, answer.text


def test_what_happened_and_what_went_wrong_opens_with_the_account(retriever):
    # asked with its lessons, the story was told from the middle: "what happened to Polly in
    # Derbyshire and what went wrong" never said that Polly died
    answer = retriever.answer("what happened to Polly in Derbyshire and what went wrong")
    assert [g.review_id for g in answer.groups] == ["derbyshire-2017-polly"]
    assert answer.groups[0].sentences[0][0].startswith("Death of a 21-month-old girl, Polly")
    assert "lack of understanding by some professionals about their role" in answer.text


@pytest.mark.parametrize(("question", "account", "asked"), [
    # (each quoted what its second part asked alone, and never said what had happened)
    ("What happened to Polly in Derbyshire, and what did the review say about professionals' "
     "understanding of the supervision order?", "Death of a 21-month-old girl, Polly",
     "supervision order"),
    ("What was the 2017 Luton Child J case about, and what did it recommend about health "
     "visiting when families move?", "Death of a 13-month old boy", "health visiting"),
])
def test_what_happened_and_something_else_opens_with_the_account(retriever, question, account,
                                                                 asked):
    answer = retriever.answer(question)
    first = answer.groups[0].sentences
    assert first[0][0].startswith(account), answer.text
    assert any(asked in sentence for sentence, _ in first[1:]), answer.text


def test_what_happened_to_a_named_case_quotes_the_account_of_what_happened(retriever):
    for question in ("What happened to Baby Sama?", "How did Sama die?"):
        answer = retriever.answer(question)
        assert len(answer.groups) == 1 and "Baby Sama" in answer.groups[0].heading, answer.text
        # The report tells the event under "Why this case was chosen to be reviewed".
        assert any("car seat" in q for q in _quotes(answer)), _quotes(answer)


def test_a_case_described_not_named_is_told_more_than_in_its_one_matching_sentence(retriever):
    # Only the sentence saying "stabbing" was quoted (0.43 above the rest of the account).
    answer = retriever.answer("tell me about the Luton stabbing")
    assert len(answer.groups) == 1 and "Luton" in answer.groups[0].heading, answer.text
    quotes = _quotes(answer)
    assert quotes[0].startswith("Fatal stabbing") and len(quotes) >= 3, quotes
    assert any("exclusions from school" in q for q in quotes), quotes


@pytest.mark.parametrize(("question", "kept", "dropped"), [
    ("lessons about safe sleep advice", {"sleep", "advic"}, {"safe"}),
    ("what about domestic abuse?", {"domest"}, {"abuse"}),
    ("cases involving fabricated or induced illness", {"fabric", "induc"}, {"involv", "illnes"}),
    ("parental mental health", {"mental"}, {"parent", "health"}),
    # (a helper's researcher: "which reviews from 2017 involved special guardianship orders"
    # quoted Baby Sama's father's "community order")
    ("reviews involving special guardianship orders", {"specia", "guardi"}, {"order"}),
    # no word of its own; the hyphenated word whole (see the compound tests below)
    ("good multi-agency working", {"multi agency", "work"}, {"multi", "agency"}),
    ("keeping children safe online", {"safe", "onlin"}, set()),  # no theme term
    # what "didn't" leaves beside its "t": the police question quoted a mother who "didn't
    # present for antenatal care"
    ("the police didn't pass on information", {"polic", "pass"}, {"didn"}),
    ("carers who couldn't cope and wouldn't ask", {"cope", "ask"}, {"couldn", "wouldn"}),
    # where a child lives frames what it is about: Blackpool's "Child BW lived with mother"
    # was quoted for temporary accommodation (a lived experience is one compound, kept)
    ("children living in temporary accommodation", {"tempor", "accomm"}, {"liv"}),
    ("the child's lived experience", {"lived experience"}, {"liv"}),
    # "whose" is no topic: it kept "children whose parents had learning difficulties" from
    # leading with Emily's "parents who have learning or mental health difficulties"
    ("children whose parents had learning difficulties", {"learn", "diffic"}, {"whose"}),
])
def test_a_questions_topic_words_leave_out_framing_and_a_theme_terms_general_words(
        question, kept, dropped):
    stems = topic_stems(question)
    assert kept <= stems and not dropped & stems, stems


def test_an_expanded_terms_general_words_are_not_topic_words():
    stems = topic_stems("which reviews mention the MASH?", ["multi-agency safeguarding hub"])
    # (an acronym's long form is said whole or not at all: none of its words is a topic word)
    assert "mash" in stems and not {"multi", "agency", "safegu", "hub", "mentio"} & stems, stems
    # nor is their compound ("multi-agency"), unless the question says it itself
    assert not stems & topic_words("the multi-agency response to safeguarding babies"), stems
    own = topic_stems("multi-agency working and the MASH", ["multi-agency safeguarding hub"])
    assert own & topic_words("the multi-agency response to safeguarding babies"), own
    # a general word in the plural is general too: "escalate concerns", searched for "social
    # services brushed them off, how do you push back", put Croydon's "There were concerns
    # about domestic abuse" on the topic
    pushed = topic_stems("social services brushed them off, how do you push back",
                         ["escalation", "escalate concerns"])
    assert "escal" in pushed and not pushed & topic_words("There were concerns about abuse"), pushed
    # "A&E", searched as "hospital attendances" too, is not "Attend ... training"
    a_and_e = topic_stems("A&E", ["emergency department", "hospital attendances"])
    assert "hospit" in a_and_e and not a_and_e & topic_words("Attend Neglect training"), a_and_e


@pytest.mark.parametrize(("question", "sentence", "on_topic"), [
    # a hyphenated word counts whole, written with a hyphen, a space or as one word
    ("which reviews mention bed-sharing?", "improving information sharing", False),
    ("which reviews mention bed-sharing?", "the risks of bed sharing", True),
    ("co-sleeping and alcohol", "co-operation between agencies", False),
    ("co-sleeping and alcohol", "died while co-sleeping", True),
    ("co-sleeping and alcohol", "mother's alcohol misuse", True),
    ("wellbeing of children", "concerns about the child's well-being", True),
    ("co\u2010sleeping", "died while co-sleeping", True),  # a hyphen as PDFs print it
    # six letters of "follow-up" or "social-workers" written as one are the first part's
    ("follow-up appointments", "should follow practice policy", False),
    ("what do social-workers say?", "children's social care", False),
    # a job's word by the word that says which ("housing", not a police "officer")
    ("what do reviews say about housing officers?", "poor judgement of the officers involved",
     False),
    ("what do reviews say about housing officers?", "housing involvement in plans", True),
    ("what do reviews say about young carers?", "approving new foster carers", False),
    ("what do reviews say about young carers?", "She was also a young carer", True),
    ("what do reviews say about social workers?", "children's social care", False),
    # two words that say one thing only together, whose first the crude stems join to another
    ("what was the daily lived experience of the children?",
     "a sibling living in the same home", False),
    ("what was the daily lived experience of the children?",
     "the young person's lived experiences", True),
    # nor "home" nor "educate" alone is home education, however it is said ("children who
    # were electively home educated" quoted "living in the same home", "educate children ...
    # online"; "children who were home schooled" missed "a review of home educated children")
    ("children who were electively home educated", "a sibling living in the same home", False),
    ("children who were electively home educated", "we must educate children and parents", False),
    ("children who were home schooled", "conduct a review of home educated children", True),
    # "home" of "missing from home" is where, as "safe" of "safe sleep" is which: alone it put
    # every review whose child died at home on "children who go missing"
    ("children who go missing from home", "died at home in unrelated incidents", False),
    ("children who go missing from home", "all girls had missing from home episodes", True),
    ("home education", "children taken out of school for home schooling", True),
])
def test_a_compound_puts_a_sentence_on_topic_whole(question, sentence, on_topic):
    assert bool(topic_stems(question) & topic_words(sentence)) is on_topic


@pytest.mark.parametrize(("question", "sentence", "on_topic"), [
    # a word's forms share its stem, where the word ends in "e" or "ss" ("what did reviews say
    # about housing?" quoted Warwickshire's mother "housed in her home town", not "the need to
    # respond flexibly to requests to house families in other local authority areas")
    ("what did reviews say about housing?", "requests to house families in other areas", True),
    ("what should we assess?", "no assessment was made", True),
    ("babies who were bruised", "a bruise on his ear", True),
    # (a word of four letters keeps its "e": "care" is not a "car" seat)
    ("what did reviews say about a car seat?", "the care offered by foster carers", False),
])
def test_a_words_forms_share_its_stem(question, sentence, on_topic):
    assert bool(topic_stems(question) & topic_words(sentence)) is on_topic


def test_children_going_missing_is_answered_by_what_says_it(retriever):
    # "children who go missing" quoted Dudley's children who died "at home" and Child Z's
    # "review of home educated children", on topic by "home" of "missing from home"
    quotes = _quotes(retriever.answer("children who go missing"))
    assert quotes and all("missing" in q for q in quotes), quotes


def test_home_education_is_answered_by_what_says_it(retriever):
    # "children who were home schooled" led with Norfolk's "poor attendance at school" and
    # quoted "The school had responded appropriately": a school is no home education
    quotes = _quotes(retriever.answer("children who were home schooled"))
    assert quotes and all("home educat" in q for q in quotes), quotes


@pytest.mark.parametrize(("question", "sentence", "on_topic"), [
    # how good something was, or who practised, says which of the topic is meant
    ("what did reviews say about overcrowded or poor housing?",
     "poor decision-making by the police", False),
    ("what did reviews say about overcrowded or poor housing?",
     "the location of the supported housing provision", True),
    ("what did reviews say about trauma-informed practice?",
     "improve practice regarding GP input to conferences", False),
    ("did professionals think about the child's disability?",
     "dealing with concerns with professionals who are also colleagues", False),
    # alone in the question, they are its topic
    ("what was poor practice?", "poor practice by the agencies", True),
    # nor does a preposition ("within" was a word of the topic, and of BM25's query)
    ("what did reviews find about sexual abuse within the family?",
     "the use of professional interpreters within safeguarding practice", False),
    # nor "how many" ("how many children have died in custody?" quoted "many missed
    # appointments")
    ("how many children have died in custody?",
     "Contact with all agencies featured many missed appointments.", False),
    # nor the agencies and services every review is of
    ("what did reviews say about agencies closing cases too soon?",
     "agencies had been involved with their families because of concerns about neglect", False),
    ("what did reviews say about agencies closing cases too soon?",
     "This was stepped down to a Child in Need plan before the case closed.", True),
    ("what do reviews say about the transition from children's to adult services?",
     "poor communication between the police and children's services", False),
    # nor, beside another word, a word for those who do a job ("staff", "workers")
    ("what did reviews say about staff turnover and caseloads?",
     "professional standards; mother's impact on staff; safe sleeping", False),
    ("what did reviews say about staff turnover and caseloads?",
     "staff working in the assessment team had excessive caseloads", True),
    ("what did reviews say about staff?", "training for staff about working with men", True),
    # nor a question's asking whether practitioners thought of it, nor "were made"
    ("did professionals consider the impact of poverty?",
     "Recommends the LSCB consider questions including", False),
    ("what recommendations were made about record keeping?",
     "substance misuse services to be made aware of the learning", False),
])
def test_words_for_how_well_and_who_practised_alone_do_not_put_a_sentence_on_topic(
        question, sentence, on_topic):
    assert bool(topic_stems(without_asks(question)) & topic_words(sentence)) is on_topic


def test_the_reviews_own_terms_keep_their_words_for_how_well():
    # "what went well?" is searched as "good practice": there "good" and "practice" are
    # the topic, or Haringey's "Good practice identified include: ..." went unquoted
    assert {"good", "practi"} <= topic_stems("what went well?", ["good practice", "strengths"])


def test_poor_housing_is_not_answered_by_poor_decisions(retriever):
    answer = retriever.answer("what did reviews say about overcrowded or poor housing?")
    quotes = _quotes(answer)
    assert quotes and all(re.search(r"hous|overcrowd", q, re.I) for q in quotes), answer.text


def test_a_compound_is_answered_whole(retriever):
    # "young carers" quoted four reviews of foster carers (the model reads them alike) and
    # not Merton's Child B, "a young carer for her mother"; "housing officers" led with a
    # reviewing officer's role and Child K's police officers.
    carers = _quotes(retriever.answer("what do reviews say about young carers?"))
    assert carers and all(re.search(r"young carers?\b", q) for q in carers), carers
    housing = _quotes(retriever.answer("what do reviews say about housing officers?"))
    assert housing and all(re.search(r"\bhous", q, re.I) for q in housing), housing


def test_reviews_saying_all_that_was_asked_are_quoted_before_those_saying_part(retriever):
    # "examples where fathers were not assessed" quoted Philip's "the role of fathers" and
    # Dorset's "involving non-resident fathers" (on topic by "fathers" alone), while
    # Staffordshire's "failure to involve birth fathers in assessment" went unquoted.
    answer = retriever.answer("examples where fathers were not assessed")
    for group in answer.groups:
        assert any(re.search(r"father", s, re.I) and re.search(r"assess", s, re.I)
                   for s, _ in group.sentences), answer.text
    assert any("birth fathers in assessment" in q for q in _quotes(answer)), answer.text


def test_reviews_saying_all_a_question_searched_in_other_terms_says_lead_too(retriever):
    # searched as "learning disability" too, no sentence said all of the question's words and
    # the glossary's: Bethany's "Both parents had learning difficulties" (seventh of the hits)
    # went unquoted, behind Child Z's "dealing with challenging parents".
    answer = retriever.answer("what happened to children whose parents had learning "
                              "difficulties?")
    assert any("Both parents had learning difficulties" in q for q in _quotes(answer)), \
        answer.text
    said = [any(re.search(r"learning (?:or [a-z ]+)?difficulties", s) for s, _ in g.sentences)
            for g in answer.groups]
    assert sum(said) >= 2 and said == sorted(said, reverse=True), answer.text


def test_reviews_saying_all_that_was_asked_lead_the_answer(retriever):
    # "coercive control" led with Baby Sama's "power and control over their partner" and
    # two reviews saying "domestic abuse"; C101's and Baby J's "coercive control" came
    # fourth and fifth.
    answer = retriever.answer("what do reviews say about coercive control?")
    said = [any(re.search(r"coercive,? control", s, re.I) for s, _ in g.sentences)
            for g in answer.groups]
    assert sum(said) >= 2 and said == sorted(said, reverse=True), answer.text


@pytest.mark.parametrize(("question", "note"), [
    # Baby Sama's report never says "mental": the answer quoted a sentence on the father's
    # violent history as if it were the review's account of the mother's mental health.
    ("what did reviews say about the mother's mental health in the Baby Sama case?",
     "The Baby Sama review is not tagged with parental mental health, and none of its passages "
     "names it: what is quoted is closest in meaning."),
    ("what did the Child K review say about neglect?",
     "The Child K review is not tagged with neglect, and none of its passages names it: what "
     "is quoted is closest in meaning."),
    # nor for a theme the review has, nor for a word saying whom the question is about
    ("what did the Nolan review say about bruising?", None),
    ("What injuries did the baby C101 have?", None),
    ("neglect in the Sameer case", None),
    # nor where its passages say the term the question names the theme by (Jack's say "GPs"
    # of "health professionals", which is no filter term of the theme)
    ("what about the gp in jacks case", None),
])
def test_a_theme_the_named_review_lacks_is_said(retriever, question, note):
    notes = retriever.answer(question).notes
    if note:
        assert note in notes, notes
    else:
        assert not any("is not tagged with" in n for n in notes), notes


def test_asking_how_practitioners_acted_is_answered_on_what_they_met(retriever):
    # "how did professionals respond when a child disclosed abuse?" quoted Child M's
    # "professional responses appeared more positive than the available evidence" and Baby
    # Sama's mother "accepted by professionals", on topic by "respond" and "professionals".
    answer = retriever.answer("how did professionals respond when a child disclosed abuse?")
    assert answer.groups and all(any(re.search(r"disclos", s, re.I) for s, _ in group.sentences)
                                 for group in answer.groups), answer.text
    assert not any("responses appeared" in q for q in _quotes(answer)), answer.text
    # a role named is the topic, not a way of asking
    assert without_asks("how should health visitors respond when dad is hostile?") == \
        "how should health visitors respond when dad is hostile?"


def test_a_kind_of_a_theme_asked_is_answered_by_that_kind(retriever):
    # Child exploitation is sexual, criminal or trafficking: "criminal exploitation of boys"
    # quoted four reviews of the sexual exploitation of girls before Samuel, Shay and Joy's
    # criminal exploitation; health professionals are GPs, health visitors, paediatricians:
    # "what should paediatricians learn?" quoted what GPs should do.
    quotes = _quotes(retriever.answer("what do reviews say about criminal exploitation of boys?"))
    assert any("criminal exploitation" in q for q in quotes), quotes
    assert not any(re.search(r"sexual exploitation|\bCSE\b", q, re.I) for q in quotes), quotes
    quotes = _quotes(retriever.answer("what should paediatricians learn?"))
    assert quotes and not any(re.search(r"\bGPs?\b", q) and "paediatric" not in q
                              for q in quotes), quotes
    # Assessment's kinds: thresholds are not a risk assessment or "an initial assessment"
    for question, said in [("What problems did reviews find with thresholds?", r"threshold"),
                           ("what do reviews say about strategy discussions?", r"strategy")]:
        quotes = _quotes(retriever.answer(question))
        assert quotes and all(re.search(said, q, re.I) for q in quotes), (question, quotes)


def test_a_question_on_two_themes_quotes_the_reviews_tagged_with_both(retriever):
    # "co-sleeping and alcohol: what were the lessons?" missed Swindon's Child D, one of the
    # two reviews tagged with both (eleventh of the hits, past the eight an answer reads).
    answer = retriever.answer("co-sleeping and alcohol: what were the lessons?")
    both = retriever.reviews_carrying("co-sleeping") & retriever.reviews_carrying(
        "substance misuse")
    assert "swindon-2016-child-d" in both
    assert both <= {g.review_id for g in answer.groups}, answer.text
    # read after the search's hits, numbered and scored as theirs
    assert [h.rank for h in answer.hits] == list(range(1, len(answer.hits) + 1))
    assert [h.score for h in answer.hits] == sorted((h.score for h in answer.hits), reverse=True)


def test_an_answer_reads_the_reviews_of_its_theme_where_the_search_found_few(retriever):
    # "children who were not brought to appointments" read Baby Bailey's passages alone of
    # the six reviews tagged with missed appointments; "a child going missing" quoted one
    # of the four tagged with missing children, and not Trafford's "PB went missing".
    answer = retriever.answer("what did reviews say about children who were not brought to "
                              "appointments?")
    tagged = retriever.reviews_carrying("missed appointments")
    quoted = [g for g in answer.groups if g.review_id in tagged]
    assert len(quoted) >= 2, answer.text
    assert all(re.search(r"appointments", s) for g in quoted for s, _ in g.sentences)
    missing = _quotes(retriever.answer("how did agencies respond to a child going missing?"))
    assert any("PB went missing" in q for q in missing), missing
    # Not for a theme named only by whom the question is about ("the baby": infants)
    plain = retriever.answer("how did professionals deal with a mother who would not let them "
                             "see the baby?")
    assert len(plain.hits) == DEFAULT_ANSWER_K, plain.text  # the search's hits, none added


@pytest.mark.parametrize("question", [
    "what do reviews say about parents with learning disabilities?",
    # (set T: searched as "learning disability" too, which the account does not say)
    "reviews where the parents had learning difficulties",
])
def test_a_theme_review_read_past_the_hits_is_read_where_it_names_the_theme(retriever, question):
    # "parents with learning disabilities": Bethany, the one review tagged with it, was read
    # in its findings, its closest passage, which say nothing of a learning disability, and
    # so was not quoted; its account says "Both parents had learning difficulties".
    answer = retriever.answer(question)
    bethany = next((g for g in answer.groups if g.review_id == "central-bedfordshire-2016-bethany"),
                   None)
    assert bethany is not None, answer.text
    assert any("learning difficulties" in s for s, _ in bethany.sentences), bethany.sentences


@pytest.mark.parametrize("question", ["lessons for police officers from serious case reviews",
                                      "what were the failings of the police?"])
def test_an_entry_saying_only_that_it_has_learning_for_someone_is_not_its_lesson(retriever, question):
    # set S: Haringey's "Identifies learning for the police, the courts and the probation
    # service." was its answer to "lessons for police officers", and says none of it
    answer = retriever.answer(question)
    quotes = _quotes(answer)
    assert not any(q.startswith("Identifies learning for") for q in quotes), quotes
    assert any("welfare check" in q for q in quotes), answer.text


def test_a_review_of_the_last_answer_is_pointed_at_by_what_happened_in_it(retriever):
    # a held-out conversation (set S): "what case reviews are there from Bradford", then
    # "what about the one where the boy was killed by a car" was read as the first question
    # again, and its next turn, "what were the learning themes", quoted one of Child A's
    # eight learning themes
    first = "what case reviews are there from Bradford"
    headings = [g.heading for g in retriever.answer(first).groups]
    assert len(headings) == 3
    read = retriever.read_in_conversation("what about the one where the boy was killed by a car",
                                          first, headings)
    assert read == "Bradford 2024 – Child A: tell me about it"
    answer = retriever.answer(read)
    assert [g.review_id for g in answer.groups] == ["bradford-2024-child-a"]
    themes = retriever.answer(retriever.read_in_conversation(
        "what were the learning themes", read, [g.heading for g in answer.groups]))
    assert len(themes.groups[0].sentences) >= 7, themes.text
    # where no review stands out, the message is read as before
    assert retriever._review_described("the review", headings) is None
    # one the last answer did not quote is the index's (set T: "the one with cystic fibrosis
    # - what did it recommend?" after six reviews of neglect was asked of all six; "cases of
    # neglect in children with serious medical conditions", as set T asked, now quotes Alex)
    first = "what did reviews say about neglect?"
    headings = [g.heading for g in retriever.answer(first).groups]
    assert not any("Alex" in h for h in headings)
    read = retriever.read_in_conversation("the one with cystic fibrosis - what did it recommend?",
                                          first, headings)
    assert read == "2017 – Alex: what did it recommend?"


@pytest.mark.parametrize(("message", "last", "read_as", "reviews"), [
    # set U: each was asked of the last question's scope as well, or not at all
    ("and the Hull one?", "what did the camden one recommend", "what did the Hull one recommend",
     {"hull-2017-baby-j"}),
    ("what about Rochdale?", "neglect reviews from Bradford", "neglect reviews from Rochdale", None),
    ("what about for boys?", "which reviews are about sexual exploitation of girls",
     "which reviews are about sexual exploitation of boys", None),
])
def test_a_follow_up_turning_the_last_question_to_a_place_or_sex_is_asked_so(
        retriever, message, last, read_as, reviews):
    headings = [g.heading for g in retriever.answer(last).groups]
    read = retriever.read_in_conversation(message, last, headings)
    assert read == read_as
    answer = retriever.answer(read)
    if reviews is not None:
        assert {g.review_id for g in answer.groups} == reviews, answer.text
    if "boys" in read:
        rows = retriever._review_rows()
        assert any(rows[g.review_id].title == "Jack" for g in answer.groups), answer.text
        assert not any(summary_sexes(rows[g.review_id].summary) == {"girl"}
                       for g in answer.groups), answer.text
    # a follow-up saying more than the place is read as before
    message, last = "and in Bradford, what went wrong?", "neglect reviews from Rochdale"
    assert _turned_to_place(message, last, retriever.understand(message),
                            retriever.understand(last)) is None


def test_just_a_places_ones_confines_a_follow_up_to_it(retriever):
    # set U: "just the London ones" after a question on parents' mental health was searched
    # across every review ("London ones" named no place)
    read = retriever.read_in_conversation(
        "just the London ones", "reviews where a parent's mental health was a big factor",
        ["Isle of Wight 2017 – Child G (serious case review)"])
    answer = retriever.answer(read)
    london = {r.id for r in retriever.store.reviews() if r.area and places.in_london(r.area)}
    assert answer.groups and {g.review_id for g in answer.groups} <= london, answer.text


def test_one_review_spoken_of_by_its_place_and_theme_is_answered_as_named(retriever):
    # a held-out question (set S): "what happened with the child in the Swindon co-sleeping
    # review?" quoted "...professional standards; mother's impact on staff; safe sleeping"
    # of Child D's key issues, and nothing of what happened to either Swindon baby
    answer = retriever.answer("what happened with the child in the Swindon co-sleeping review?")
    assert {g.review_id for g in answer.groups} == {"swindon-2016-child-d", "swindon-2017-child-s"}
    assert all(g.sentences[0][0].startswith("Death of") for g in answer.groups), answer.text
    # the one review of a place and type, spoken of, is named too (set S: two of the Luton
    # thematic review's six recommendations)
    luton = retriever.answer("what were the recommendations of the Luton thematic review on "
                             "exploitation and gangs")
    assert [g.review_id for g in luton.groups] == [LUTON_2024]
    assert len(luton.groups[0].sentences) >= 4, luton.text
    # nor one of a place's reviews spoken of by what happened in it (set T: "the Luton review
    # about gangs and youth violence" was asked of Luton's two), or of the index's
    gangs = retriever.understand("What did the Luton review about gangs and youth violence "
                                 "recommend?")
    assert gangs.named_reviews == (LUTON_2024,)
    syria = retriever.understand("what was the review about the two brothers who went to syria")
    assert syria.named_reviews == ("brighton-and-hove-2017-siblings-w-and-x",)
    assert retriever.understand("what did the review about neglect find?").named_reviews == ()
    assert retriever.understand("what were the recommendations from the 2017 Bradford "
                                "review?").named_reviews == ("bradford-2017-jack",)
    # not where it speaks of more than one, nor of a place's reviews none of which it fits
    assert retriever.understand("the Swindon reviews on co-sleeping").named_reviews == ()
    assert retriever.understand("the Bradford review on co-sleeping").named_reviews == ()


def test_a_named_term_is_read_where_the_passages_read_name_only_its_theme(retriever):
    # "coercive control - how well did agencies recognise it?" quoted five reviews saying
    # "domestic abuse" (its theme), none of them C101's or Baby J's "coercive control": the
    # question's other words led the search away from the two passages that use the term.
    answer = retriever.answer("coercive control - how well did agencies recognise it?")
    assert any(re.search(r"coercive,? control", q, re.I) for q in _quotes(answer)), answer.text


def test_a_term_named_only_where_no_answer_can_quote_it_is_read_where_it_can(retriever):
    # Swindon's Child D says "safe sleeping" in its key issues; Child BW's passage, read
    # first, holds the words only as the index stems them ("safe sleep assessment"), and
    # counted as using the term, so no review saying it was read
    answer = retriever.answer("What are safe sleeping messages practitioners should give "
                              "about co-sleeping on a sofa?")
    assert any(g.review_id == "swindon-2016-child-d" for g in answer.groups), answer.text


def test_gypsy_families_are_answered_by_the_review_of_traveller_communities(retriever):
    # "gypsy and traveller families" quoted migrant families, interpreters and racism; the
    # one review of traveller communities (Hertfordshire's Child G) was not quoted
    answer = retriever.answer("gypsy and traveller families")
    assert any("traveller communities" in q for q in _quotes(answer)), answer.text


def test_a_child_going_missing_is_not_searched_as_one_out_of_school(retriever):
    # "the teenager kept going missing" was searched as "home education" too, and led with
    # Child Z's "conduct a review of home educated children"; Trafford's PB, who "went missing
    # several times", went unquoted
    answer = retriever.answer("the teenager kept going missing")
    assert "home education" not in " ".join(answer.notes), answer.notes
    assert any("went missing several times" in q for q in _quotes(answer)), answer.text
    assert not any("home educated" in q for q in _quotes(answer)), answer.text
    # one out of school still is
    school = retriever.answer("kid gets taken out of school to be taught at home")
    assert any("home educated" in q for q in _quotes(school)), school.text


@pytest.mark.parametrize("question", ["what did the 2016 reviews recommend?",
                                      "2016 reviews - main recommendations",
                                      "recommendations from 2016 reviews"])
def test_a_years_recommendations_are_quoted_from_each_of_its_reviews(retriever, question):
    """A year's recommendations are a list of each review's, which similarity to the question
    cannot order: "2016 reviews - main recommendations" quoted Calderdale's alone, while the
    note said all eight 2016 reviews were searched."""
    answer = retriever.answer(question)
    years = {c.hit.review.year for c in answer.citations}
    assert years == {2016} and len(answer.groups) >= 5, answer.text
    assert (f"This answer quotes {len(answer.groups)} of them: the Reviews tab lists every "
            "review with its area and year.") in answer.notes, answer.notes
    assert retriever.understand(question).lessons_of_scope
    assert not retriever.understand("what did the Bradford reviews recommend about escalation?"
                                    ).lessons_of_scope


def test_which_reviews_mention_a_word_says_how_many_do(retriever):
    """"Which reviews mention audits?" quoted three reviews, where the passages of eleven say
    it: the answer is a sample, and says so, counted from the passages themselves."""
    answer = retriever.answer("which reviews mention audits?")
    holding = {c.review_id for c in retriever.store.chunks() if re.search(r"\baudit", c.text, re.I)}
    quoted = {g.review_id for g in answer.groups} & holding
    assert len(holding) > len(quoted) > 0
    assert (f"Passages of {len(holding)} reviews use “audits” (this answer quotes {len(quoted)} "
            "of them): Find examples lists them.") in answer.notes, answer.notes
    # not for a word the question leaves out, nor where the count answers it
    for question in ("reviews about neglect that don't mention domestic abuse",
                     "how many reviews mention disguised compliance"):
        assert not any(n.startswith("Passages of") for n in retriever.answer(question).notes)


def test_made_is_no_word_the_search_looks_for(retriever):
    # "which reviews made no recommendations at all?" led with Warwickshire's "made aware"
    # and "make arrangements"; "reviews with no recommendations" quoted Isobel's
    answer = retriever.answer("which reviews made no recommendations at all?")
    assert _quotes(answer)[0] == "There are no recommendations included.", answer.text


def test_a_passage_using_the_term_asked_is_read_however_the_model_scores_it(retriever):
    # "hidden men" quoted Baby Sama's "networks ... multiple men" alone: Waltham Forest's
    # Child S, first of BM25's list, says "hidden men" in its list of key issues, which the
    # model scores as unrelated to the two words (under the answer's floor).
    answer = retriever.answer("hidden men")
    assert any("hidden men" in q for q in _quotes(answer)), answer.text
    assert any(g.review_id == "waltham-forest-2017-child-s" for g in answer.groups), answer.text
    # a theme's passages are not read so: "drowning" (of child death) quotes no conviction
    # for "allowing the death of a child"
    drowning = retriever.answer("which reviews involve drowning or bath time")
    assert not any("allowing the death" in q for q in _quotes(drowning)), drowning.text
    # nor is one the read passages use that the model scores low, where it is rare: "halo
    # effect" quoted Luton's "effective transfer arrangements" alone, and Camden's Child B,
    # first of BM25's list, was left out as unrelated
    for question in ("halo effect", "what is the halo effect?"):
        halo = retriever.answer(question)
        assert halo.groups[0].review_id == "camden-2016-child-b", halo.text
        assert any("the 'halo effect' of seemingly cooperative parents" in q
                   for q in _quotes(halo)), halo.text
        assert not any("effective transfer" in q for q in _quotes(halo)), halo.text


@pytest.mark.parametrize("question", ["which reviews mention bed-sharing?",
                                      "what went wrong with bed sharing?"])
def test_a_term_no_passage_holds_is_answered_by_its_theme_and_said_whole(retriever, question):
    # No passage says "bed-sharing": the answer quoted Baby J's "improving information
    # sharing" alone, under a note that no passage uses "bed"; "what went wrong with bed
    # sharing?" led with it, its "sharing" searched alone. A compound no passage holds is
    # searched as its theme's terms that passages hold, and not as its words apart.
    retrieval = retriever.retrieve(question)
    assert retrieval.apart == ("bed-sharing",) and "co-sleeping" in retrieval.expanded
    answer = retriever.answer(question)
    quotes = _quotes(answer)
    assert quotes and not any("information sharing" in q for q in quotes), answer.text
    assert all(re.search(r"sleep|SUDI", q) for q in quotes), answer.text
    assert any("“bed-sharing”" in note for note in answer.notes), answer.notes


def test_a_kind_term_no_passage_holds_is_searched_as_its_kinds_terms_and_said(retriever):
    # No bundled passage says "county lines": its words alone found Buckinghamshire's police
    # operations "across the county", and Luton's review of gang associations and criminal
    # exploitation was not quoted.
    answer = retriever.answer("what did reviews say about county lines?")
    assert any(re.search(r"criminal exploitation|\bgang", q) for q in _quotes(answer)), answer.text
    assert any(n.startswith("No passage in the index uses “county lines”: also searched for the "
                            "reviews' own terms: child criminal exploitation") for n in answer.notes), \
        answer.notes
    # a term the reviews write another way is searched as that alone ("use of knives")
    assert retriever.retrieve("knife crime").expanded == ("use of knives",)
    # nothing added where the question names a term of the kind that passages hold
    assert retriever.retrieve("young people in gangs or county lines").expanded == ()
    assert retriever.retrieve("what did reviews say about gangs?").unheld == ()


@pytest.mark.parametrize("question", [
    "What do the reviews say about child criminal exploitation and county lines?",
    "what did reviews say about county lines?",
])
def test_a_term_no_passage_holds_is_not_searched_as_its_words_apart(retriever, question):
    # "child criminal exploitation and county lines" was searched as written (the question
    # names a term of the kind that passages hold), and "county" led with Buckinghamshire's
    # operations "across the county", quoted with no word that no passage says county lines.
    retrieval = retriever.retrieve(question)
    assert retrieval.apart == ("county lines",) and retrieval.unheld == ("county lines",)
    answer = retriever.answer(question)
    assert answer.citations[0].hit.review.id.startswith("luton-2024"), answer.text
    assert not any("across the county" in q for q in _quotes(answer)), answer.text
    assert any(n.startswith("No passage in the index uses “county lines”") for n in answer.notes)
    # a term sharing a word with one passages hold keeps its words ("knife": "use of knives")
    assert retriever.retrieve("Learning about knife crime and serious youth violence").apart == ()
    assert any("use of knives" in q for q in _quotes(retriever.answer(
        "Learning about knife crime and serious youth violence"))), "use of knives"


def test_which_reviews_mention_a_term_is_answered_by_sentences_that_hold_it(retriever):
    # Baby Sama led with "the strengths and gaps in the multi-agency response to
    # safeguarding babies", a sentence naming information sharing, the MASH's theme.
    answer = retriever.answer("which reviews mention the MASH?")
    quotes = _quotes(answer)
    assert quotes and all("MASH" in q or "hub" in q.lower() for q in quotes), quotes


@pytest.mark.parametrize(("question", "words"), [
    # Philip's "early help in keeping children safe" and Jack's "how to keep safe whilst
    # online" were quoted for sharing "safe"; Child AB's and Croydon's "mental illness" for
    # sharing "illness".
    ("what are the lessons about safe sleep advice?", ("sleep", "sofa", "co-sleeping")),
    ("cases involving fabricated or induced illness", ("fabricated", "induced", "FII")),
])
def test_later_reviews_are_quoted_on_the_theme_not_on_its_general_word(retriever, question,
                                                                        words):
    answer = retriever.answer(question)
    assert len(answer.groups) >= 2, answer.text
    for group in answer.groups[1:]:
        assert any(w.lower() in s.lower() for s, _ in group.sentences for w in words), \
            answer.text


def test_children_who_went_missing_are_not_answered_with_missed_opportunities(retriever):
    # "missing" and "missed" share a stem: the answer quoted "Opportunities were missed to
    # assess the children's needs" and "a number of missed opportunities to safeguard".
    answer = retriever.answer("which reviews involved children who went missing?")
    quotes = _quotes(answer)
    assert any("missing" in q for q in quotes), answer.text
    assert not any(re.search(r"\bmissed\b", q) for q in quotes), answer.text


def test_the_impact_of_something_is_a_question_about_that_thing(retriever):
    # "impact" was a topic word: Swindon's "the impact of time spent in hospital" was quoted
    # for "the impact of covid".
    assert "impact" not in topic_stems("what did reviews say about the impact of covid?")
    answer = retriever.answer("what did reviews say about the impact of covid?")
    quotes = _quotes(answer)
    assert quotes and all("covid" in q.lower() for q in quotes), answer.text


def test_a_passage_naming_a_term_searched_for_lay_words_is_read(retriever):
    # "poverty" is searched as "deprived area" too, but Child BW's passage that says it
    # scores under the answer's similarity gate and was never read.
    answer = retriever.answer("how did reviews describe the impact of poverty?")
    assert any("deprived area" in q for q in _quotes(answer)), answer.text
    # and not a passage that says "area" alone: "moved from one local authority area to
    # another" led the answer
    assert all(re.search(r"depriv|povert|financ", q) for q in _quotes(answer)), answer.text


@pytest.mark.parametrize("question", ["were any children killed by their mothers?",
                                      "children killed by their mothers"])
def test_a_child_killed_by_a_mother_is_searched_as_homicide(retriever, question):
    # Answered with a mother referred for mental health support and a baby found dead on the
    # sofa after his mother fell asleep: the model reads "killed by their mothers" as death
    # and mothers; the glossary joins it to homicide, murder, manslaughter and filicide.
    answer = retriever.answer(question)
    assert any(re.search(r"\bby (the |their )?mother\b|mother was convicted|hands of their mother",
                         q) for q in _quotes(answer)), answer.text


def test_teenagers_who_took_their_own_life_are_found_as_suicide(retriever):
    # "took their own life" was no lay phrase of suicide ("took his/her own life" were):
    # the answer quoted an asthma attack and a question of consent, and no teenager's suicide.
    answer = retriever.answer("which reviews were about teenagers who took their own life?")
    on_suicide = {g.review_id for g in answer.groups
                  if any("suicide" in s.lower() for s, _ in g.sentences)}
    assert len(on_suicide) >= 2, answer.text


def test_a_digest_entry_whose_one_sentence_answers_is_read(retriever):
    # Digest entries that say "use of chronologies" among other topics are BM25's best but
    # score 0.00-0.15 by meaning as wholes: the answer quoted one review of the three.
    answer = retriever.answer("what did reviews say about chronologies?")
    on_it = {g.review_id for g in answer.groups
             if any("chronolog" in s.lower() for s, _ in g.sentences)}
    assert len(on_it) >= 3, answer.text
    bruising = retriever.answer("Reviews since 2017 about bruising")
    assert any("bruising to non-mobile babies mandatory" in q for q in _quotes(bruising)), \
        bruising.text
    # a sentence only near in meaning is no answer: Baby Sama's car seat, at 0.27
    assert retriever.answer("car insurance quotes").kind == "no_answer"


def test_an_answer_about_one_short_entry_gives_its_learning_beside_its_account(retriever):
    answer = retriever.answer("Tell me about Child YT")
    assert len(answer.groups) == 1 and "Child YT" in answer.groups[0].heading, answer.text
    roles = {role for c in answer.citations
             for quote, role in quotable_sentences(c.hit, 1) if quote in c.quotes}
    assert "summary" in roles and roles & LEARNING_ROLES, answer.text


def test_passages_that_name_the_theme_asked_about_are_read_though_they_score_low(retriever):
    # Digest entries name information sharing among many topics: by meaning they score
    # 0.2-0.25, under the answer's similarity gate, and the answer had two reviews.
    answer = retriever.answer("information sharing between agencies")
    assert len(answer.groups) >= 3, answer.text
    for group in answer.groups:  # or in another of the theme's terms ("joint working")
        assert any(re.search(r"information sharing|sharing of information", text, re.IGNORECASE)
                   or "information sharing" in themes_named_in(text)
                   for text, _ in group.sentences), answer.text
    # Such a passage is quoted where it names the theme: "housing" quoted W family's "Think
    # Family" recommendation from an entry that names housing elsewhere.
    answer = retriever.answer("what did reviews say about housing?")
    assert len(answer.groups) >= 3, answer.text
    for group in answer.groups:
        assert any("hous" in text.lower() for text, _ in group.sentences), answer.text


def test_reviews_after_the_first_are_quoted_only_on_the_questions_topic(retriever):
    # Close in meaning alone, two of 2024's reviews were quoted on domestic abuse training and
    # services for perpetrators of domestic violence, under "exploitation or gangs".
    answer = retriever.answer("Reviews published in 2024 about exploitation or gangs")
    assert answer.groups, answer.text
    for group in answer.groups:
        for text, _ in group.sentences:
            assert re.search(r"exploit|gang|youth violen|criminal|extra-familial", text,
                             re.IGNORECASE), answer.text
    # Nor is the first review quoted off the topic where later ones are on it: "the impact of
    # poverty" led with a review of disabled children, the reviews that say "a deprived area"
    # or "financial pressures" after it.
    answer = retriever.answer("what do reviews say about the impact of poverty?")
    assert re.search(r"deprived|deprivation|financial", answer.groups[0].sentences[0][0]), \
        answer.text


def test_an_answer_across_reviews_on_a_theme_quotes_more_reviews_that_name_it(retriever):
    cfg = retriever.answerer.config
    answer = retriever.answer("what did reviews learn about working with fathers?")
    assert cfg.max_reviews < len(answer.groups) <= cfg.max_reviews + cfg.theme_reviews, answer.text
    for group in answer.groups[cfg.max_reviews:]:
        assert any(re.search(r"\bfathers?\b|\bmen\b", text) for text, _ in group.sentences), answer.text
    # Only a sentence naming every theme asked about, or a review tagged with every one,
    # opens a further review: "lack of professional curiosity when faced with adults who
    # misused drugs and alcohol" names alcohol, not co-sleeping; a question not asked across
    # reviews keeps to max_reviews.
    answer = retriever.answer("co-sleeping and alcohol: what were the lessons?")
    both = retriever.reviews_carrying("co-sleeping") & retriever.reviews_carrying(
        "substance misuse")
    assert all(g.review_id in both for g in answer.groups[cfg.max_reviews:]), answer.text
    assert not any("drugs and alcohol" in q for q in _quotes(answer)), answer.text
    assert not retriever.understand("the teenager kept going missing").across_reviews
    answer = retriever.answer("the teenager kept going missing")
    assert len(answer.groups) <= cfg.max_reviews, answer.text


@pytest.mark.parametrize("question", ["self-harm", "neglect", "domestic abuse", "escalation",
                                      "what went wrong with escalation?", "Shaken babies"])
def test_a_question_naming_only_themes_is_asked_across_reviews(retriever, question):
    """What is typed in a search box ("self-harm", "neglect") asks what the reviews say of it,
    as "what do reviews say about self-harm?" does: more reviews are quoted, each on it, and
    the answer says how many carry the theme. "self-harm" had quoted three reviews, not
    Brighton's 'A' or Martin, both tagged with it."""
    cfg = retriever.answerer.config
    assert retriever.understand(question).across_reviews
    answer = retriever.answer(question)
    assert cfg.max_reviews < len(answer.groups), answer.text
    assert any(re.search(r"reviews? (?:in the index|of those searched) (?:is|are) tagged with", note)
               for note in answer.notes) or "escalat" in question, answer.notes


@pytest.mark.parametrize("question", ["the teenager kept going missing", "dad got violent at home",
                                      "neglect in Rochdale", "mum kept hiding things from social workers"])
def test_a_question_saying_more_than_themes_is_not_read_as_across_reviews(retriever, question):
    # a story (about one case, as often as not) or a place names more than a theme
    assert not retriever.understand(question).across_reviews


def test_an_answer_says_when_no_passage_uses_the_word_asked_about(retriever):
    # No review mentions cannabis; the drug-use passages quoted must not read as ones that do.
    assert not any("cannabis" in c.text.lower() for c in retriever.store.chunks())
    answer = retriever.answer("which reviews mention cannabis?")
    assert "No passage in the index uses the word “cannabis”: what is quoted is closest in " \
           "meaning." in answer.notes, answer.notes
    # "look at" frames the question, as "mention" does: "autism" is half its topic, not a third.
    looked = retriever.answer("did any reviews look at children with autism?")
    assert any(n.startswith("No passage in the index uses the word “autism”")
               for n in looked.notes), looked.notes
    # Nor are the words for whom every review is about: "children" made "dentist" a third.
    dentist = retriever.answer("children who were not taken to the dentist")
    assert any(n.startswith("No passage in the index uses the word “dentist”")
               for n in dentist.notes), dentist.notes
    # Nor what befell the children most reviews are about: "died" made "fires" a third.
    fires = retriever.answer("reviews about children who died in house fires")
    assert any(n.startswith("No passage in the index uses the word “fires”")
               for n in fires.notes), fires.notes
    # An illness is a thing asked about however many other words passages hold: "type 1
    # diabetes ... their insulin" was answered from disabled children's reviews, unnoted.
    for illness, question in (
            ("diabetes", "Are there any reviews about children with type 1 diabetes whose "
                         "parents weren't managing their insulin?"),
            ("anorexia", "Is there any learning on children with anorexia or other eating "
                         "disorders and when it becomes a safeguarding matter?")):
        assert not any(illness in c.text.lower() for c in retriever.store.chunks())
        noted = retriever.answer(question)
        # (beside a theme's term none says: "eating disorders")
        assert any(n.startswith("No passage in the index uses") and f"“{illness}”" in n
                   for n in noted.notes), noted.notes
    # Nor is a number: "section 20" was answered by Baby Sama's "no section in the report
    # template" with no word of warning; "s47" is searched as the reviews write it, unnoted.
    section = retriever.answer("section 20")
    assert "No passage in the index uses “section 20”: what is quoted is closest in meaning." \
        in section.notes, section.notes
    assert not any(n.startswith("No passage") for n in retriever.answer("s47 enquiries").notes)
    # The words asking for lessons are no topic: "learn" made "private" a third of it.
    learnt = retriever.answer("what did reviews learn about private fostering?")
    assert any(n.startswith("No passage in the index uses “private fostering”")
               for n in learnt.notes), learnt.notes
    # A compound whose words each occur, but never together: any sentence saying "practice"
    # had been quoted with no word of warning.
    assert not any(re.search(r"trauma[\s\-\u2010\u2011]*informed", c.text, re.I)
                   for c in retriever.store.chunks())
    trauma = retriever.answer("what did reviews say about trauma-informed practice?")
    assert any(n.startswith("No passage in the index uses the word “trauma-informed”")
               for n in trauma.notes), trauma.notes
    assert not any(n.startswith("No passage") for n in retriever.answer(
        "what do reviews say about co-sleeping?").notes)
    # nor a theme's compound the reviews write otherwise ("over-optimistic", "overly
    # optimistic") said to be answered by what is closest in meaning: it is searched as
    # those, and the note says so; one they lack altogether is still said ("private
    # fostering")
    optimism = [n for n in retriever.answer(
        "Examples of over-optimism or the 'rule of optimism' in these case reviews").notes
        if n.startswith("No passage")]
    assert optimism == ["No passage in the index uses “over-optimism”: also searched for the "
                        "reviews' own terms: optimism, overly optimistic, over-optimistic."], \
        optimism
    assert any(n.startswith("No passage in the index uses “private fostering”") for n in
               retriever.answer("what did reviews learn about private fostering?").notes)
    # Words the reviews use, and everyday wording the answer translates, get no such line.
    for question in ("which reviews mention domestic abuse?", "mum kept hiding things from "
                     "social workers", "what recommendations were made for GPs?",
                     "list all the reviews about neglect",  # "list" asks, names nothing
                     "Child K vs Child L",  # nor does "vs": it was said to be in no passage
                     "Tell me everything about Child K"):
        assert not any(n.startswith("No passage") for n in retriever.answer(question).notes)


def test_a_theme_reviews_are_tagged_with_is_answered_though_no_passage_names_it(retriever):
    # The newsletter's heading "Parents in the Criminal Justice System" is kept as the
    # keyword of the two reviews under it (Haringey's Child R, Gloucestershire's Philip), and
    # no passage says it: the question was answered that nothing in the index uses it "nor
    # another term for it", and nothing was quoted, though Child R's mother's criminal
    # background is what that review is about.
    for question in ("what do reviews say about parents in the criminal justice system?",
                     "what did the South Gloucestershire newsletter say about parents in the "
                     "criminal justice system?"):
        answer = retriever.answer(question)
        assert answer.kind == "extractive", answer.text
        assert "haringey-2016-child-r" in {g.review_id for g in answer.groups}, answer.text
        assert not any("nor another term" in n for n in answer.notes), answer.notes
        assert ("No passage in the index uses “parents in the criminal justice system”: what is "
                "quoted is closest in meaning.") in answer.notes, answer.notes


def test_an_answer_says_no_passage_uses_a_theme_term_the_reviews_never_say(retriever):
    # set X: "Are there reviews about abuse linked to beliefs in witchcraft or spirit
    # possession?" quoted Child AB's "professional biases and beliefs" with no note at all
    # (neither word names a thing by its ending); "witchcraft" alone is not discussed
    belief = retriever.answer("Are there reviews about abuse linked to beliefs in witchcraft or "
                              "spirit possession?")
    assert ("No passage in the index uses “witchcraft” or “spirit possession” nor another term for "
            "them: what is quoted is closest in meaning.") in belief.notes, belief.notes
    alone = retriever.answer("any reviews about witchcraft?")
    assert alone.kind == "no_answer" and not alone.citations, alone.text
    # a term of a theme whose other terms passages say ("anything on private fostering
    # arrangements?" quoted kinship and foster carers, with no word that none says it)
    fostering = retriever.answer("Is there anything on private fostering arrangements?")
    assert ("No passage in the index uses “private fostering”: what is quoted is closest in "
            "meaning.") in fostering.notes, fostering.notes


def test_an_answer_says_when_no_passage_names_a_theme_asked_about_in_any_term(retriever):
    # Both words of "forced marriage" are in the index, never together: Warrington's
    # "marriage difficulties" was quoted with no word of warning, and then as what is
    # "closest in meaning", which is not about it: a question asking of nothing else is told
    # so, and nothing is quoted (a helper's "female genital mutilation (FGM)" quoted a case of
    # child sexual exploitation)
    for question in ("what did reviews say about forced marriage?", "forced marriage in Bradford",
                     "what does the corpus say about female genital mutilation (FGM)?"):
        answer = retriever.answer(question)
        assert answer.kind == "no_answer" and not answer.citations, answer.text
        assert any(n.startswith("No passage in the index uses “f")
                   and n.endswith(("for it.", "for them.")) for n in answer.notes), answer.notes
    # the theme's term as the question writes it; no answer, nothing "quoted"
    assert "No passage in the index uses “FGM” nor another term for it." in retriever.answer(
        "what did reviews say about FGM?").notes
    # a term whose words passages hold apart: "mental capacity" quoted Polly's "capacity to
    # parent" and 'A''s "organisational capacity", with no word of warning
    capacity = retriever.answer("what do reviews say about mental capacity?")
    assert capacity.kind == "no_answer" and not capacity.citations, capacity.text
    assert "No passage in the index uses “mental capacity” nor another term for it." in \
        capacity.notes, capacity.notes
    # named twice, said once ("uses “MAPPA” or “MAPPA”"); not "nor another term for it"
    # where reviews are tagged with its theme (parental offending: see below)
    twice = retriever.answer("MAPPA - do any reviews mention MAPPA and whether childrens "
                             "services were part of it")
    assert "No passage in the index uses “MAPPA”: what is quoted is closest in meaning." in \
        twice.notes, twice.notes
    # beside a theme the reviews do name, what is quoted is on that theme, not "closest"
    both = retriever.answer("forced marriage and neglect")
    assert "No passage in the index uses “forced marriage” nor another term for it." in \
        both.notes, both.notes
    # not where the question was searched in the words reviews use ("toxic trio"); where
    # another term of the theme is held within a name alone ("Honour Based Violence Risk
    # Assessment"), not that no passage uses it (see the test below)
    assert not any(n.startswith("No passage") for n in retriever.answer(
        "what do reviews say about the toxic trio?").notes)
    assert not any(n.startswith("No passage in the index uses") for n in retriever.answer(
        "what did reviews say about honour-based abuse?").notes)


@pytest.mark.parametrize(("question", "sections"), [
    ("section 20", ["section 20"]),
    ("s47 and S.17 enquiries", ["section 47", "section 17"]),
    ("what did the Child S1 review find?", []),  # a case's name
    ("cases from the 1990s", []),
])
def test_a_section_of_an_act_is_read_by_its_number(question, sections):
    assert _sections(question) == sections


def test_an_answer_on_a_theme_says_how_many_reviews_carry_it(retriever):
    question = "Which case reviews involve domestic abuse or domestic violence in the family?"
    answer = retriever.answer(question)
    tagged = {r.id for r in retriever.store.reviews() if "domestic abuse" in review_themes(r.keywords)}
    quoted = tagged & {g.review_id for g in answer.groups}
    assert len(tagged) > len(answer.groups) >= len(quoted) > 0
    naming = {c.hit.review.id for c in answer.citations
              if any("domestic abuse" in themes_named_in(q.text) for q in c.quotes)} - tagged
    others = (f", and {len(naming)} other{'s' if len(naming) != 1 else ''} naming it"
              if naming else "")
    assert (f"{len(tagged)} reviews in the index are tagged with domestic abuse (this answer "
            f"quotes {len(quoted)} of them{others}): Find examples lists them all.") in answer.notes
    # Counted against the quoted reviews that carry it, not all those quoted: an answer
    # quoting four reviews, of which only some are tagged, still says how many more are.
    missing = retriever.answer("what did reviews say about children who go missing?")
    tagged = {r.id for r in retriever.store.reviews() if "missing children" in review_themes(r.keywords)}
    quoted = tagged & {g.review_id for g in missing.groups}
    assert len(tagged) > len(quoted)
    assert (f"{len(tagged)} reviews in the index are tagged with missing children (this answer "
            f"quotes {len(quoted)} of them)") in " ".join(missing.notes), missing.notes
    # A question about one case gets no count, nor one the user's filters narrowed.
    assert not any("tagged with" in n for n in retriever.answer("what did the Child K review find?").notes)
    filtered = retriever.answer(question, filters=Filters(year_from=2017))
    assert filtered.groups and not any("tagged with" in n for n in filtered.notes)


def test_a_named_review_leads_the_answer_and_the_hits(retriever):
    answer = retriever.answer("what did the Child K review find?")
    assert answer.groups[0].review_id.endswith("child-k")
    assert answer.hits[0].review.title == "Child K" and answer.hits[0].review.area == "Rochdale"


def test_a_name_inside_a_longer_one_is_the_longer_ones(retriever):
    # "Charlie and Sam" named Somerset's Child Sam too; Waltham Forest's "Child S and Family"
    # was not named by "Child S" beside its place, and "Waltham Forest Child S" named
    # Birmingham's and Swindon's
    def titles(question: str) -> set[str]:
        return {retriever.store.review(i).title
                for i in retriever.understand(question).named_reviews}

    assert titles("the Charlie and Sam review on interpreters") == {"Charlie and Sam"}
    assert titles("Waltham Forest Child S escalation of concerns") == {"Child S and Family"}
    assert titles("waltham forest child s, cerebral palsy") == {"Child S and Family"}
    assert titles("Child S and Family") == {"Child S and Family"}
    assert titles("what happened to Child S?") == {"Child S", "Child S and Family"}
    assert titles("compare swindon child S and durham baby bailey") == {"Child S", "Baby Bailey"}


def test_a_misspelt_place_is_read_as_the_place(retriever):
    # "swindn" was no word of the speller's vocabulary (places were not in it): the question
    # named every Child S and led with Waltham Forest's
    answer = retriever.answer("the swindn child s review, 8 week old on the sofa - what "
                              "training was recommended")
    assert answer.groups[0].review_id == "swindon-2017-child-s", answer.text
    assert "Searched for “swindon” in place of “swindn”, which no passage uses." in answer.notes


def test_a_review_named_in_lower_case_is_answered_from_it(retriever):
    # the Nolan review's bruising recommendation came first, then Child V, Baby ON16 and Baby
    # Sama's Family Nurse Partnership, as a question across reviews
    answer = retriever.answer("ed nurse - what did the nolan review (central beds) say about "
                              "reporting bruises on non mobile babies")
    assert [g.review_id for g in answer.groups] == ["central-bedfordshire-2017-nolan"], answer.text
    assert "reporting of bruising to non-mobile babies mandatory" in answer.text
    answer = retriever.answer("probation officer. in the baby sama review what was wrong with the "
                              "report the national probation service sent to the icpc?")
    assert [g.review_id for g in answer.groups] == ["bedford-2017-baby-sama"], answer.text
    assert "National Probation Service" in answer.text


@pytest.mark.parametrize(("question", "review"), [
    # a possessive typed without its apostrophe: "Harrys death" answered with four reviews'
    # accounts of a death
    ("role of the young offender institution staff in Harrys death", "thurrock-2017-harry"),
    ("was Martins death ruled a suicide??", "anonymous-2017-martin"),
    ("what about the gp in jacks case", "bradford-2017-jack"),
    # its names listed without their commas, in lower case ("Samuel, Shay, and Joy"): the
    # answer went on to the Buckinghamshire review's taxi drivers
    ("samuel shay and joy review, what does it say about using the National Referral "
     "Mechanism", "anonymous-2024-samuel-shay-and-joy"),
])
def test_a_review_named_in_a_possessive_without_its_apostrophe_is_answered_from_it(
        retriever, question, review):
    assert retriever.understand(question).named_reviews == (review,)
    answer = retriever.answer(question)
    assert [g.review_id for g in answer.groups] == [review], answer.text


@pytest.mark.parametrize(("question", "review"), [
    # a given name typed in lower case after words that ask about a person: "harry" was read
    # as a word, and Nottingham's Child J ("Death of a 7-year-old girl") answered beside Harry
    ("how old was harry", "thurrock-2017-harry"),
    ("what happened to jack", "bradford-2017-jack"),
    ("who was claire", "croydon-2017-claire"),
])
def test_a_given_name_in_lower_case_asked_about_as_a_person_names_its_review(
        retriever, question, review):
    assert retriever.understand(question).named_reviews == (review,)
    assert [g.review_id for g in retriever.answer(question).groups] == [review]
    # and not a word of a question about people in general
    assert not retriever.understand("what happened to children in care").named_reviews


def test_a_plural_that_is_a_name_with_an_s_names_no_review(retriever):
    # the possessive without its apostrophe is read only before a word for what is a
    # person's ("Harrys death"): "Marks on the baby's arms" named Young Person Mark
    assert not retriever.understand("Marks on the baby's arms - what do reviews say?").named_reviews
    assert not retriever.understand("Jacks and sockets left in reach of a toddler").named_reviews
    assert retriever.understand("what did Marks mum say").named_reviews == (
        "sunderland-2018-young-person-mark",)


def test_reviews_named_together_share_the_hits_and_the_answer(retriever):
    # Baby Sama's report has 190 passages, Sameer's brief a handful: the eight passages an
    # answer reads were all Baby Sama's, and the answer said nothing of Sameer.
    question = "what do Baby Sama and Sameer have in common?"
    named = set(retriever.understand(question).named_reviews)
    assert named == {"bedford-2017-baby-sama", "bradford-2018-sameer"}
    assert {h.review.id for h in retriever.search(question, k=8)} == named
    assert {g.review_id for g in retriever.answer(question).groups} == named
    # Each review's own best passages are candidates: Child V's one entry had none among
    # the ten closest of both reviews' passages, all ten Baby Sama's.
    question = "compare the Baby Sama and Child V reviews"
    named = set(retriever.understand(question).named_reviews)
    assert named == {"bedford-2017-baby-sama", "anonymous-2024-child-v"}
    ids = [h.review.id for h in retriever.search(question, k=8)]
    others = next(i for i, review_id in enumerate(ids) if review_id not in named)
    assert set(ids[:others]) == named, ids  # Child V's one entry, then other reviews
    assert {g.review_id for g in retriever.answer(question).groups} == named


def test_a_named_case_is_answered_from_that_case_alone_with_its_findings(retriever):
    question = "What went wrong in the Sameer case?"
    answer = retriever.answer(question)
    assert len(answer.groups) == 1 and "Sameer" in answer.groups[0].heading, answer.text
    quotes = _quotes(answer)
    # More than the two sentences a review gets in a question across reviews...
    assert len(quotes) > retriever.answerer.config.max_per_review, quotes
    # ...and one of the learning brief's findings leads, not its account of the family.
    findings = ("professional hierarchies", "disproportionate weight", "did not work effectively")
    assert any(f in answer.groups[0].sentences[0][0] for f in findings), quotes


@pytest.mark.parametrize(("question", "topic", "lessons", "story"), [
    ("What did the Jeanette review recommend?", "What did the recommend?", True, False),
    ("What happened to Child YT?", "What happened to ?", False, True),
    ("What did the Rochdale review of Child K recommend about families reluctant to engage?",
     "What did the of recommend about families reluctant to engage?", True, False),
    ("tell me about neglect cases in Rochdale", "tell me about neglect cases in", False, True),
    ("what went wrong with escalation?", "", True, False),  # names neither: no topic of its own
    ("how were parents with learning disabilities supported?", "", False, False),
    ("what are the key messages about neglect?", "", True, False),
    # A review type that confines the search is no topic word ("SCR reports" led the answer).
    ("what did SCRs find about escalation?", "what did find about escalation?", True, False),
    ("which learning briefs are there?", "which are there?", False, True),  # a type: a list
    # asked to summarise or explain a case, its account leads (as for "what happened")
    ("explain the Child K case", "explain the", False, True),
    ("summarise the Shi-Anne Downer review", "summarise the", False, True),
    ("how did reviews describe the impact of poverty?", "", False, False),
    # what to take from a review is its lessons, as its take-aways are
    ("what should schools take from the Child K review?", "what should schools take from the ?",
     True, False),
    # a search's "find", and what was found in a home, ask for no findings ("Find reviews where
    # a baby died while co-sleeping" quoted recommendations on pre-birth audits, not the cases)
    ("Find reviews where a baby died while co-sleeping", "", False, False),
    ("cases where drugs were found in the home", "", False, False),
    ("what did reviews find about neglect?", "", True, False),
    # a source's name, with its title's words, is no topic, nor is the name of each of two
    # sources said ("what's in the January 2024" kept its title's month and year)
    ("what's in the Torbay January 2024 digest", "what's in the", False, True),
    # nor is the type a review named is said to be ("practice" put recommendations for
    # practitioners before "Death of a 7-year-old boy")
    ("How did Child A die in the Bradford practice review?", "How did die in the ?", False, True),
    # a review's longest name first ("three siblings Shay and Joy" kept two of its names)
    ("three siblings Samuel Shay and Joy - what were the recommendations",
     "three siblings - what were the recommendations", True, False),
    ("which reviews appear in both the South Glos newsletter and the NSPCC list",
     "which reviews appear in both the and the", False, False),
    # who a child was is a story asked; children who were something are not one ("children
    # who were home schooled" quoted the whole of Child Z's entry, its plans and lead
    # professional, for its one line on home education)
    ("who was Child K?", "who was ?", False, True),
    ("children who were home schooled", "", False, False),
])
def test_the_plan_reads_what_a_question_asks_of_the_reviews_it_names(retriever, question, topic,
                                                                     lessons, story):
    plan = retriever.understand(question)
    assert (plan.topic, plan.wants_lessons, plan.wants_story) == (topic, lessons, story)


@pytest.mark.parametrize(("question", "rest"), [
    ("what recommendations were made for GPs?", "what for GPs?"),
    ("Co-sleeping and alcohol: what were the lessons?", "Co-sleeping and alcohol: what were the ?"),
    ("what went wrong with escalation?", "what with escalation?"),
    ("what were the lessons?", "what were the lessons?"),  # nothing else left: kept whole
    ("parents with learning disabilities", "parents with learning disabilities"),
    ("what were the issues with child protection conferences?",
     "what were the child protection conferences?"),
    ("problems with information sharing", "information sharing"),
    ("mental health problems of parents", "mental health problems of parents"),
    ("key messages about neglect", "about neglect"),
    ("I'm a health visitor: what should I take away from these reviews?",
     "I'm a health visitor: what should I these reviews?"),
    # "missed" asks what went wrong, but not of appointments, which is a topic
    ("what was missed by the GP?", "what was by the GP?"),
    ("were there problems with missed health appointments?",
     "were there missed health appointments?"),
    ("what about missed appointments?", "what about missed appointments?"),
    ("what recommendations were made about record keeping?", "what about record keeping?"),
    ("did professionals consider the impact of poverty?", "the impact of poverty?"),
    ("did agencies think about the father?", "the father?"),
])
def test_the_words_asking_for_lessons_are_not_the_topic(question, rest):
    assert " ".join(without_asks(question).split()) == rest


def test_a_named_review_whose_entries_give_no_recommendations_is_said_to_give_none(retriever):
    # (set AJ's read half: "Derbyshire Polly - what recommendations did the review make?"
    # quoted its learning as if it were what it recommended: its one entry gives none)
    answer = retriever.answer("Derbyshire Polly - what recommendations did the review make?")
    assert answer.groups and "The index's entries for Polly (Derbyshire, 2017) give no " \
        "recommendations: the lines quoted are what the review found." in answer.notes, answer.notes
    # (a review that gives them, in whatever words, is not said to give none)
    for question in ("what did the Sameer review recommend?", "what did Fenestra recommend?"):
        assert not any("give no recommendations" in n for n in retriever.answer(question).notes), question


def test_what_a_named_review_recommended_is_answered_from_its_recommendations(retriever):
    # Sameer's learning brief lists them under "What needs to happen?", in words like the
    # question in nothing (cosine 0.09): its findings ("What are we worried about?") led.
    plan = retriever.understand("what did the Sameer review recommend?")
    assert plan.wants_recommendations and plan.named_reviews
    answer = retriever.answer("what did the Sameer review recommend?")
    sections = {c.hit.chunk.section for c in answer.citations}
    assert sections == {"What needs to happen?"}, answer.text
    assert len(_quotes(answer)) >= 3, answer.text
    # A review told by a report and a digest entry is read in both: Baby Sama's report has
    # no recommendations section, its NSPCC entry a "Recommendations:" line.
    answer = retriever.answer("what did the Baby Sama review recommend?")
    assert any("makes recommendations relating to the safeguarding of babies" in q
               for q in _quotes(answer)), answer.text
    # ...and its report's "Areas for consideration by BBSCB", the questions a report by the
    # systems model puts to its board in place of recommendations: the answer was the
    # entry's one line, the report's questions never read.
    answer = retriever.answer("what were the recommendations of the Baby Sama review?")
    considered = [q for c in answer.citations if "Areas for consideration" in c.hit.chunk.text
                  or c.hit.chunk.section.endswith("Areas for consideration by BBSCB")
                  for q in c.quotes]
    assert len(considered) >= 3, answer.text
    assert all(q.text.endswith("?") for q in considered), answer.text
    assert "The questions quoted are those the review puts to its safeguarding board in place " \
           "of recommendations." in answer.notes, answer.notes
    # A lessons question reads its learning too, not only what it recommends.
    answer = retriever.answer("what were the lessons from the Sameer case?")
    assert {field_role(c.hit.chunk.section) for c in answer.citations} <= LEARNING_ROLES


def test_a_named_case_is_answered_on_what_was_asked_not_on_its_name(retriever):
    # Every sentence of Jeanette's review is about Jeanette; the one that repeats her name
    # must not crowd out the recommendations asked for.
    answer = retriever.answer("What did the Jeanette review recommend?")
    assert len(answer.groups) == 1 and "Jeanette" in answer.groups[0].heading
    recommendations = [q for c in answer.citations if "Recommendations" in c.hit.chunk.locator
                       for q in c.quotes]
    assert len(recommendations) >= 1 and len(_quotes(answer)) >= 3, answer.text
    story = retriever.answer("What happened to Child YT?")
    assert story.groups[0].sentences[0][0].startswith("Death of 17-year-old boy"), story.text


def test_a_question_listing_a_places_reviews_says_what_each_case_was(retriever):
    plan = retriever.understand("Which case reviews come from Luton?")
    assert plan.lists_reviews and plan.wants_story
    assert not retriever.understand("What have reviews in Bradford said about escalating "
                                     "concerns?").lists_reviews
    # Asking what went wrong asks for findings, though "went wrong" is no topic word.
    assert not retriever.understand("what went wrong in the Luton case?").lists_reviews
    luton = [r for r in retriever.store.reviews() if r.area == "Luton"]
    answer = retriever.answer("Which case reviews come from Luton?")
    # Every review of the place, though a list question is like none of them in meaning...
    assert len(answer.groups) == len(luton) >= 2, answer.text
    # ...each opening with its case: "Death of a 13-month old boy...", not a later line.
    child_j = next(g for g in answer.groups if "Child J" in g.heading)
    assert child_j.sentences[0][0].startswith("Death of a 13-month old boy"), answer.text
    # Two reviews' like sentences are two cases, both quoted ("a 15-year-old girl / boy being
    # placed in a secure setting").
    answer = retriever.answer("Case reviews from Sunderland")
    sunderland = [r for r in retriever.store.reviews() if r.area == "Sunderland"]
    assert len(answer.groups) == len(sunderland) == 3, answer.text
    # A year's reviews, likewise, as many as are read (a helper's researcher got six of the
    # eight from 2016); where there are more than an answer holds, it says so.
    assert retriever.understand("Which reviews were published in 2016?").lists_reviews
    of_2016 = retriever.answer("Which reviews were published in 2016?")
    assert len(of_2016.groups) == len([r for r in retriever.store.reviews() if r.year == 2016]) == 8
    assert not any("This answer quotes" in note for note in of_2016.notes), of_2016.notes
    assert not retriever.understand("Reviews since 2017 about bruising").lists_reviews
    # Summarising a year's or a place's reviews is telling each case ("summarise the 2024
    # reviews" quoted one of the six).
    answer = retriever.answer("summarise the 2024 reviews")
    assert retriever.understand("give me an overview of the reviews from Rochdale").lists_reviews
    assert len(answer.groups) == len([r for r in retriever.store.reviews() if r.year == 2024]), \
        answer.text


@pytest.mark.parametrize(("question", "area"), [
    # (a helper's trainer and researcher: each had quoted one review of the place's)
    ("Which reviews came from Birmingham?", "Birmingham"),
    ("Compare the two Swindon reviews.", "Swindon"),
])
def test_a_place_s_reviews_asked_for_in_other_words_are_each_told(retriever, question, area):
    assert retriever.understand(question).lists_reviews
    answer = retriever.answer(question)
    reviews = {r.id for r in retriever.store.reviews() if r.area == area}
    assert {c.hit.review.id for c in answer.citations} == reviews and len(reviews) >= 2, answer.text


def test_a_source_named_by_its_title_and_publisher_lists_its_reviews(retriever):
    # a helper's "list the case reviews published in 2018 in the NSPCC list" quoted one
    # review's recommendations: "NSPCC" beside the title was read as a topic; and where the
    # publisher names it, the title's words say what they say (read as the title, 2017's
    # reviews were listed)
    question = "list the case reviews published in 2018 in the NSPCC list"
    plan = retriever.understand(question)
    assert plan.lists_reviews and plan.year_from == plan.year_to == 2018
    answer = retriever.answer(question)
    nspcc = next(d for d in retriever.store.documents() if d.title == "Case reviews published in 2018")
    held = {r.id for r in retriever.store.document_reviews(nspcc.id) if r.year == 2018}
    assert len(answer.groups) >= 5 and {g.review_id for g in answer.groups} <= held, answer.text
    # named by its title alone, it is still that document, whatever year its title says
    alone = retriever.understand("what does Case reviews published in 2018 say about neglect?")
    assert alone.sources == (nspcc.id,) and alone.year_from is None


@pytest.mark.parametrize("question", ["List all case reviews published in 2018",
                                      "case reviews published in 2018"])
def test_a_titles_words_not_said_as_a_document_ask_for_that_year(retriever, question):
    # a helper's "List all case reviews published in 2018" was read as the NSPCC's list of
    # that title, and listed 7 reviews of 2017 and 1 of 2018
    plan = retriever.understand(question)
    assert plan.sources == () and plan.year_from == plan.year_to == 2018 and plan.lists_reviews
    answer = retriever.answer(question)
    assert len(answer.groups) >= 5 and all(c.hit.review.year == 2018 for c in answer.citations)


def test_a_years_reviews_asked_for_are_each_listed_up_to_twenty(retriever):
    # a helper's "List all case reviews published in 2018" listed 8 of the 14, the note
    # pointing at the Reviews tab for the rest
    of_2018 = {r.id for r in retriever.store.reviews() if r.year == 2018}
    answer = retriever.answer("List all case reviews published in 2018")
    assert {g.review_id for g in answer.groups} == of_2018 and len(of_2018) > 8, answer.text
    assert not any("This answer quotes" in note for note in answer.notes), answer.notes
    # (a year of more: twenty of them, and the note says so)
    of_2017 = {r.id for r in retriever.store.reviews() if r.year == 2017}
    answer = retriever.answer("reviews from 2017")
    assert len(of_2017) > ANSWER_LISTS_K == len(answer.groups)
    assert {g.review_id for g in answer.groups} <= of_2017
    assert (f"This answer quotes {ANSWER_LISTS_K} of them: the Reviews tab lists every review "
            "with its area and year.") in answer.notes


@pytest.mark.parametrize(("question", "years"), [
    # "reviews from 2017" are that year's, as "reviews from Bradford" are that place's: the
    # question was searched over every review published since.
    ("show me reviews about self-harm from 2017", (2017, 2017)),
    ("Reviews from 2024", (2024, 2024)),
    ("reviews since 2017", (2017, None)),
    ("reviews from 2017 onwards", (2017, None)),
    ("reviews after 2016", (2017, None)),  # after 2016 is 2017 on
    ("reviews before 2018", (None, 2017)),
    ("reviews from 2016 to 2017", (2016, 2017)),
    # (set AD: "... published in 2015 or earlier" was read as 2015's alone)
    ("any SCRs published in 2016 or earlier?", (None, 2016)),
    ("neglect reviews from 2017 or later", (2017, None)),
    ("how many reviews did Bradford publish in 2018", (2018, 2018)),  # was no year
    # a place between the year and "review" ("the 2017 Bradford review" was Bradford's three)
    ("what were the recommendations from the 2017 Bradford reviews?", (2017, 2017)),
    ("the 2018 Sunderland serious case reviews", (2018, 2018)),
    # or a theme ("2017 neglect reviews" was searched across every year, and its note
    # counted the neglect reviews of the index), but not "the 2022 thematic review", the year
    # of its cases
    ("2017 neglect reviews", (2017, 2017)),
    ("2016 domestic abuse cases", (2016, 2016)),
    ("in the 2022 thematic review on three injured babies, what progress was needed?",
     (None, None)),
    ("a child died in 2016 and the review found nothing", (None, None)),  # an event's year
    # a year said with a review's title picks that review, and confines nothing more
    ("what did the 2017 Child G review find?", (None, None)),
    # a place then its year, as reviews are named ("Sunderland 2018" searched all three of
    # Sunderland's, of 2017 and 2018), or "in" a year after words for reviews; not the year
    # of what happened there
    ("Sunderland 2018", (2018, 2018)),
    ("neglect in Birmingham 2017", (2017, 2017)),
    ("what did Sunderland's 2018 reviews find?", (2018, 2018)),
    ("reviews from Sunderland in 2018", (2018, 2018)),
    ("a baby who died in Sunderland in 2016", (None, None)),
    ("the Buckinghamshire 1998-2016 review", (None, None)),  # a title's span
    # a year reviews "came out" or were "released" in is the year they were published ("which
    # of those came out in 2016?" was searched across every year)
    ("which of those came out in 2016?", (2016, 2016)),
    ("neglect reviews that came out in 2017", (2017, 2017)),
    ("which were released in 2018?", (2018, 2018)),
    # (set AC: "2018-published anonymous reviews in the NSPCC list" was every year's)
    ("2018-published anonymous reviews in the NSPCC list - which ones?", (2018, 2018)),
    ("2017 published reviews on neglect", (2017, 2017)),
    ("the Buckinghamshire 1998-2016 published review", (None, None)),
])
def test_the_years_a_question_names(retriever, question, years):
    # (one review spoken of, its place and year's one, is named, and its year confines no more:
    # "the 2017 Bradford review" is Jack's, see
    # test_one_review_spoken_of_by_its_place_and_theme_is_answered_as_named)
    plan = retriever.understand(question)
    assert (plan.year_from, plan.year_to) == years
    # a year's reviews are listed as many as are read, and where there are more, it says so
    answer = retriever.answer("2017 reviews")
    published = [r for r in retriever.store.reviews() if r.year == 2017]
    assert len(answer.groups) == min(len(published), ANSWER_LISTS_K)
    assert all("2017" in g.heading for g in answer.groups), answer.text
    assert len(published) > len(answer.groups)
    assert any(f"quotes {len(answer.groups)} of them" in n for n in answer.notes), answer.notes


@pytest.mark.parametrize(("question", "year"), [
    # "2018-published anonymous reviews" searched every 2018 review for "anonymous", and
    # quoted Sameer's; the index records no area for the reviews the NSPCC list heads
    # "Anonymous" (and the Torbay digest's, which name none)
    ("which reviews are anonymous?", None),
    ("anonymous SCRs from 2018", 2018),
])
def test_anonymous_reviews_are_those_that_name_no_area(retriever, question, year):
    answer = retriever.answer(question)
    unnamed = [r for r in retriever.store.reviews() if not r.area and (year is None or r.year == year)]
    assert unnamed and {g.review_id for g in answer.groups} <= {r.id for r in unnamed}, answer.text
    assert len(answer.groups) == min(len(unnamed), ANSWER_LISTS_K), answer.text
    assert any("that name no area" in note for note in answer.notes), answer.notes
    # (not anonymous referrals or callers, which a review may tell of)
    assert not retriever.understand("reviews where there were anonymous referrals").anonymous


def test_reviews_published_in_a_year_or_earlier_that_none_was_are_said_to_be_none(retriever):
    # set AD: "any serious case reviews published in 2015 or earlier in here?" was told none
    # of 2015 is in the index, and quoted Martin's review for its "December 2015"
    answer = retriever.answer("any SCRs published in 2014 or earlier in here?")
    assert any("up to 2014 is in the index" in note for note in answer.notes), answer.notes
    assert not answer.groups, answer.text


def test_listing_a_places_reviews_quotes_each_case_even_from_a_long_report(retriever):
    # The passage closest to "Case reviews from Bedford" listed the agencies that took part,
    # with nothing to quote: the answer was "No relevant passages found".
    answer = retriever.answer("Case reviews from Bedford")
    assert answer.kind == "extractive" and len(answer.groups) == 1, answer.text
    assert "Sama" in answer.text and "car seat" in answer.text, answer.text


LUTON_2024 = ("luton-2024-keeping-young-people-safe-from-risks-related-to-exploitation-violent-"
              "youth-crime-and-gang-associations-luton")


@pytest.mark.parametrize("question, review_type, reviews, also", [
    ("what did learning briefs say about escalation?", "learning brief", 1, set()),
    # Luton's practice review is a thematic review too: its heading says both
    ("what do thematic reviews say about injuries?", "thematic review", 2, {LUTON_2024}),
    ("what do practice reviews say about exploitation?", "practice review", 4, set()),
    ("what did SCRs find about neglect?", "serious case review", 77, set()),
])
def test_a_review_type_in_the_question_confines_the_search_and_the_answer_says_so(
        retriever, question, review_type, reviews, also):
    plan = retriever.understand(question)
    assert plan.review_type == review_type and plan.review_types
    scoped = {r.id for r in retriever.store.reviews() if r.type in plan.review_types} | also
    assert len(scoped) == reviews
    hits = retriever.search(question, k=10)
    assert hits and all(h.review.id in scoped for h in hits)
    noun = review_type if reviews == 1 else review_type + "s"
    answer = retriever.answer(question)
    assert any(n.startswith(f"Only the {reviews} {noun} (as your question asks)")
               for n in answer.notes), answer.notes


@pytest.mark.parametrize("question", ["what is a serious case review?",
                                      "What are child safeguarding practice reviews?",
                                      "what does SCR mean?",
                                      "what are the differences between serious case reviews "
                                      "and practice reviews?",
                                      # a body's name ("searched only the 4 child
                                      # safeguarding practice reviews")
                                      "Which review asked the national Child Safeguarding "
                                      "Practice Review Panel to take something up with a "
                                      "government department?"])
def test_asking_what_a_review_type_is_confines_nothing(retriever, question):
    # "What is a serious case review?" was confined to the 77 serious case reviews and
    # listed six of their cases; a question naming two types, to the first.
    plan = retriever.understand(question)
    assert not plan.review_types and not plan.lists_reviews and not plan.constrained
    assert not any(n.startswith("Only the") for n in retriever.answer(question).notes)


def test_a_way_of_reviewing_named_by_a_type_or_nation_confines_nothing(retriever):
    # asked which reviews used a method, the answer said "No review in the index is a child
    # practice review" and "No review from Wales is in the index", and led with four reviews
    # that used other methods
    question = "Which reviews used the Welsh child practice review methodology?"
    plan = retriever.understand(question)
    assert plan.review_type is None and plan.place is None
    answer = retriever.answer(question)
    assert not any(n.startswith(("No review", "Only the")) for n in answer.notes), answer.notes
    assert answer.groups[0].review_id == "croydon-2018-joe", answer.text
    assert "durham-2017-baby-bailey" in [g.review_id for g in answer.groups]
    # (a type and a nation said of reviews still confine: "any Welsh child practice reviews?")
    plan = retriever.understand("any Welsh child practice reviews?")
    assert plan.review_type == "child practice review" and plan.place == "Wales"


def test_a_review_type_the_index_lacks_or_a_named_review_confines_nothing(retriever):
    answer = retriever.answer("what do case management reviews say about neglect?")
    assert "No review in the index is a case management review; reviews of every type were " \
           "searched." in answer.notes and answer.citations, answer.notes
    # A review with no keywords (Sameer's learning brief) is not said to lack the theme.
    brief = retriever.answer("what did learning briefs say about escalation?")
    assert brief.citations and not any("tagged with" in n for n in brief.notes), brief.notes
    # Whatever the question calls a named review, it is that review's.
    plan = retriever.understand("what did the Sameer serious case review find?")
    assert not plan.review_types and plan.named_reviews == ("bradford-2018-sameer",)
    # A type and a place no review has together: said, and a list of them is empty.
    listed = retriever.answer("learning briefs from Rochdale")
    assert listed.kind == "no_answer" and listed.notes == [
        "No learning brief from Rochdale is in the index."], listed.notes
    # The user's own type filter is theirs: the question's type is neither applied nor said.
    filtered = retriever.answer("what did learning briefs say?",
                                filters=Filters(review_type="serious case review"))
    assert all(c.hit.review.type == "serious case review" for c in filtered.citations)
    assert not any("learning brief" in n for n in filtered.notes), filtered.notes


def test_a_uk_place_the_index_has_no_area_of_is_read_and_said(retriever):
    # "Wales" is in no passage: the question was answered with a Croydon review's
    # recommendations, as if it had been about them.
    wales = retriever.answer("Were there any reviews from Wales?")
    assert wales.kind == "no_answer" and not wales.citations
    assert wales.notes == ["No review from Wales is in the index."], wales.notes
    # A question on a theme there is answered from every review, and says so.
    leeds = retriever.answer("What did reviews in Leeds find about escalation?")
    assert leeds.citations and leeds.notes[0] == (
        "No review from Leeds is in the index; all reviews were searched."), leeds.notes
    assert not any("uses the word" in n for n in leeds.notes), leeds.notes
    # (one review is tagged with escalation, and the note counts it in the singular)
    assert not any(re.search(r"\b1 reviews\b|quotes 0 of", n) for n in leeds.notes), leeds.notes
    # A nation, London, or a borough of a joint review confine it to the areas there.
    scotland = retriever.answer("What reviews are there from Scotland?")
    assert {c.hit.review.area for c in scotland.citations} == {"Edinburgh"}
    london = {h.review.area for h in retriever.search(
        "what do reviews from London say about domestic abuse?", k=10)}
    assert london and london <= {"Camden", "City of London and Hackney", "Croydon",
                                 "Croydon and Lewisham", "Enfield", "Greenwich", "Haringey",
                                 "Merton", "Waltham Forest"}, london
    lewisham = retriever.answer("neglect cases in Lewisham")
    assert {c.hit.review.area for c in lewisham.citations} == {"Croydon and Lewisham"}
    # A name that is also a body or a word is not a place.
    assert not retriever.understand("what did reviews recommend for NHS England?").constrained
    assert not retriever.understand("Reading the reviews, what went wrong?").constrained


def test_an_answer_from_other_reviews_than_the_one_named_says_so(retriever):
    # "what did the Joe review say about dogs?" quoted Baby Sama's, Baby A's and Child G's
    # dogs with no word that Joe's passages say nothing close to it
    answer = retriever.answer("what did the Joe review say about dogs?")
    assert answer.citations and "croydon-2018-joe" not in {g.review_id for g in answer.groups}
    assert ("No passage of the Joe review is close to this question: what is quoted is from other "
            "reviews.") in answer.notes, answer.notes
    # (not where the named review is quoted)
    joe = retriever.answer("what did the Joe review say about burns?")
    assert [g.review_id for g in joe.groups] == ["croydon-2018-joe"], joe.text
    assert not any(note.startswith("No passage of") for note in joe.notes), joe.notes


def test_the_review_saying_a_rare_term_a_story_names_is_quoted_beside_the_closest(retriever):
    # a family support worker's story naming "no recourse to public funds" was answered with
    # four other reviews; Wolverhampton's Child G, the one review to say it, was sixth of the
    # passages read and unquoted
    answer = retriever.answer(
        "family support worker - family from abroad with no recourse to public funds, mum relies "
        "on people from her church to babysit and there's a man around who she calls her cousin. "
        "toddler has a bruise on his ear. what should i be looking at?")
    assert "wolverhampton-2018-child-g" in {g.review_id for g in answer.groups}, answer.text
    assert any("no recourse to public funds" in q for q in _quotes(answer)), answer.text
    assert len(answer.groups) >= 5, answer.text  # (beside the four, not in place of one)


def test_a_term_searched_that_only_keyword_lines_say_is_said_to_be_a_reviews_keyword(retriever):
    # "bedwetting" was searched as "enuresis", which only Isobel's keyword line says (never
    # quoted), and the answer quoted a foster carer's home under "Also searched for ...
    # enuresis", with no word of where it is said
    answer = retriever.answer("my son is 9 and still wets the bed most nights. is bedwetting "
                              "something that comes up in these case reviews?")
    isobel = retriever._review_rows()["birmingham-2017-isobel"]
    assert "birmingham-2017-isobel" not in {g.review_id for g in answer.groups}, answer.text
    assert (f"“enuresis” is a keyword of {isobel.label}, not quoted here: ask about it by name to "
            "read more.") in answer.notes, answer.notes
    # not where a term searched is quoted ("domestic abuse", beside "partner violence", which
    # keyword lines alone say)
    abuse = retriever.answer("GP surgery knew she was getting knocked about but never passed it on")
    assert not any(" is a keyword of " in note for note in abuse.notes), abuse.notes


def test_a_parent_in_custody_is_searched_as_the_reviews_say_it(retriever):
    # "which reviews had a parent in custody?" (a trainer's, for children of prisoners) quoted
    # parenting capacity and "parent-centred practice"; the reviews say "imprisoned", "in
    # prison", "custodial sentence"
    answer = retriever.answer("which reviews had a parent in custody?")
    assert "norfolk-2016-child-p" in {g.review_id for g in answer.groups}, answer.text
    assert any("imprisoned" in q or "in prison" in q for q in _quotes(answer)), answer.text


@pytest.mark.parametrize(("question", "term"), [
    # a held-out set's harmful practices, answered with a probation line and asthma attacks
    # and no word that no review mentions them
    ("has breast ironing ever come up in any of these case reviews? a mum at our family centre "
     "mentioned it happens in her community", "breast ironing"),
    ("are there reviews about teenagers who were victims of acid attacks?", "acid attacks"),
])
def test_a_harmful_practice_no_review_mentions_is_said_to_be_absent(retriever, question, term):
    answer = retriever.answer(question)
    assert any(n.startswith(f"No passage in the index uses “{term}” nor another term for it")
               for n in answer.notes), answer.notes


def test_a_case_the_index_has_no_review_of_is_said_to_be_missing(retriever):
    # "Baby P" is a review practitioners know; the sample holds none, and the answer read as
    # if Baby Bailey's and Baby J's passages were about him. Asked nothing else of it, other
    # reviews' passages answer nothing ("what did the Child Q review find?" quoted four
    # reviews' "reviews"), and none is quoted.
    for question, case in (("What happened to Baby P?", "Baby P"),
                           ("what did the Child Q review find?", "Child Q"),
                           ("Leeds 2018 'Baby Oliver' review - what were the findings and what "
                            "changed afterwards?", "Baby Oliver")):
        answer = retriever.answer(question)
        assert answer.kind == "no_answer" and not answer.citations, answer.text
        # (not "Try other words, or remove filters", where none was set)
        assert answer.text == f"No review of {case} is in the index, so no passage is quoted."
        assert answer.notes[0].endswith(" is in the index: the reviews it holds are listed in the "
                                        "Reviews tab."), answer.notes
    # asked about something too, what other reviews say of it is quoted, and said to be theirs
    answer = retriever.answer("what did the Baby Oliver review recommend about bruising?")
    assert answer.citations and answer.notes[0] == (
        "No review of Baby Oliver is in the index: what is quoted is from other reviews."), answer.notes
    assert retriever.understand("What did the Child Q review find?").unknown_cases == ("Child Q",)
    # so is a review asked for by its children's names (a helper's "the national review into
    # Arthur Labinjo-Hughes and Star Hobson" quoted Baby Sama's panel, under a note listing
    # the names as words no passage uses), in one note
    national = retriever.answer("What did the national review into Arthur Labinjo-Hughes and "
                                "Star Hobson recommend?")
    assert national.notes[0].startswith("No review of Arthur Labinjo-Hughes or Star Hobson is in "
                                        "the index"), national.notes
    assert not any("labinjo" in note for note in national.notes[1:]), national.notes
    for question in ("reviews about DA and alcohol", "what did the review into Baby Sama find?",
                     "reviews about Domestic Abuse and alcohol"):
        assert not retriever.understand(question).unknown_cases, question
    # The index's own cases, however a title writes them, are not missing.
    for question in ("what did the Child K review find?", "what happened to Child C101?",
                     "the case of Child R", "Young person Rachel", "Child P and Child H",
                     "what about Child S in Children R, S and W?",
                     # nor are the capitalised words that follow "Child" in practice
                     "What do reviews say about Child Protection Conferences?",
                     "Child Death Overview Panel", "Child In Need plans"):
        assert not retriever.understand(question).unknown_cases, question
    assert retriever.understand("Baby Peter").unknown_cases == ("Baby Peter",)  # in no passage


def test_a_misspelt_word_is_searched_as_the_reviews_spell_it_and_said(retriever):
    # "neglet" found nothing: "No relevant passages found".
    answer = retriever.answer("neglet")
    assert answer.notes[0] == "Searched for “neglect” in place of “neglet”, which no passage uses."
    assert answer.citations and all("neglect" in q.lower() for q in _quotes(answer))
    together = retriever.answer("cosleeping deaths")
    assert "Searched for “co-sleeping” in place of “cosleeping”" in together.notes[0]
    assert any("sleeping" in q for q in _quotes(together)), _quotes(together)
    # and a plural so ("hiddenmen" had no answer: the term's key is singular, "hiddenman")
    men = retriever.answer("hiddenmen")
    assert "Searched for “hidden men” in place of “hiddenmen”" in men.notes[0], men.notes
    assert any("hidden men" in q for q in _quotes(men)), men.text
    # nor a word a question asks with ("recomendations for police" was searched as typed,
    # and said to use a word no passage holds)
    asked = retriever.answer("recomendations for police")
    assert asked.notes[0] == ("Searched for “recommendations” in place of “recomendations”, "
                              "which no passage uses."), asked.notes
    assert retriever.understand(asked.question).wants_recommendations
    # Everyday words the reviews do not use are not "corrected" ("locked" to "looked",
    # "Wales" to "males", "kids" to "kinds").
    for question in ("teenager with fits who died while locked up", "reviews from Wales",
                     "kids abused by the staff in children's homes"):
        assert not retriever.retrieve(question).corrected, question


def test_a_year_in_the_question_confines_the_search(retriever):
    hits = retriever.search("Which reviews published in 2016 involved domestic abuse?", k=10)
    assert hits and {h.review.year for h in hits} == {2016}
    # An event's year is not a publication constraint.
    assert {h.review.year for h in retriever.search("a baby who died in 2016", k=10)} != {2016}


def test_a_span_of_years_or_recent_reviews_confine_the_search_and_the_answer_says_so(retriever):
    hits = retriever.search("reviews between 2016 and 2017 about neglect", k=10)
    assert hits and {h.review.year for h in hits} <= {2016, 2017}
    answer = retriever.answer("reviews between 2016 and 2017 about neglect")
    assert any("published 2016–2017" in note for note in answer.notes), answer.notes

    newest = max(r.year for r in retriever.store.reviews() if r.year)
    answer = retriever.answer("recent reviews about exploitation")
    assert answer.citations and all(c.hit.review.year >= newest - 2 for c in answer.citations)
    assert any("newest in the index" in note for note in answer.notes), answer.notes
    # "recent" that is not about the reviews confines nothing.
    assert not retriever.understand("what about the mother's recent drug use?").constrained


@pytest.mark.parametrize("question", PRACTITIONER_QUESTIONS)
def test_answers_never_quote_keyword_lines_links_or_signposts(retriever, question):
    for quote in _quotes(retriever.answer(question)):
        assert not KEYWORD_LINE.match(quote), quote
        assert "http" not in quote and not quote.lower().startswith("read the"), quote
        assert "following section" not in quote, quote
        assert len(quote.split()) >= 5, quote
        assert is_junk_sentence(quote) is None, quote  # the evaluation's own definition
        assert not re.match(r"includes?:", quote), quote  # "Key issues: include: ..."


@pytest.mark.parametrize(("question", "off_topic"), [
    # where the voice asked about was (not) heard is no topic alone: Baby Sama's "An Initial
    # Child Protection Conference (ICPC) was arranged within 15 working days" led the answer
    ("what did reviews say about the voice of the child in child protection conferences?",
     "Initial Child Protection Conference (ICPC) was arranged"),
    # nor whom it happened to: "a teenage boy due to fabricated or induced illness"
    ("cases of CSE: boys", "fabricated or induced illness"),
    ("children who go missing from home or care", "2 other children removed from her care"),
    # nor what it is set against: Buckinghamshire's recommendations on engaging "Young
    # Carers, Youth Clubs" with statutory agencies on CSE, through "risk"
    ("What do reviews say about abuse and risk that started online or through social media?",
     "Young Carers, Youth Clubs"),
])
def test_a_word_beside_the_theme_asked_puts_no_sentence_on_topic_alone(
        retriever, question, off_topic):
    quotes = _quotes(retriever.answer(question))
    assert quotes and not any(off_topic in q for q in quotes), quotes


def test_the_theme_asked_is_quoted_in_place_of_a_word_beside_it(retriever):
    answer = retriever.answer(
        "what did reviews say about the voice of the child in child protection conferences?")
    voiced = {c.hit.review.id for c in answer.citations
              if any(re.search(r"voice|views|wishes", q.text) for q in c.quotes)}
    assert len(voiced) >= 3 and len(voiced) == len(answer.groups), answer.text


@pytest.mark.parametrize(("question", "sentence"), [
    # a review tagged with the theme asked is quoted on the word beside it: that word is what
    # the question asks of the theme
    ("what should be done about cab drivers in grooming cases",
     "national central database of all licensed taxi drivers"),
    # a word of the theme's own, though the question's term is another ("fathers")
    ("How well did professionals involve fathers and other men in the household?",
     "training for staff about working with men"),
])
def test_a_word_beside_the_theme_asked_is_quoted_where_it_is_the_themes(retriever, question,
                                                                       sentence):
    assert any(sentence in q for q in _quotes(retriever.answer(question)))


def test_abuse_beside_another_topic_word_puts_no_sentence_on_topic_alone(retriever):
    # "abuse" is what most reviews are about: the GP question quoted Norfolk's "training on
    # the impact of domestic abuse for school nurses" and Child V's "services for perpetrators
    # of domestic violence ... mutual abuse"
    answer = retriever.answer("were there cases where the GP missed signs of abuse?")
    quotes = _quotes(answer)
    assert quotes and not any("school nurses" in q or "perpetrators of domestic violence" in q
                              for q in quotes), answer.text
    assert all(re.search(r"\bGPs?\b|\bsigns\b|\bmiss", q) for q in quotes), answer.text


def test_a_follow_up_asking_to_narrow_is_not_told_no_passage_says_narrow(retriever):
    answer = retriever.answer("domestic abuse reviews: can you narrow that to serious case reviews")
    assert answer.citations and not any("narrow" in note for note in answer.notes), answer.notes


def test_a_themes_note_counts_the_untagged_reviews_quoted_that_name_it(retriever):
    # "6 reviews in the index are tagged with information sharing (this answer quotes 1 of
    # them)" sat under three more reviews' lines on information sharing, untagged: it read
    # as though the answer held little on the theme
    answer = retriever.answer("What went wrong with information sharing between agencies?")
    tagged = retriever.reviews_carrying("information sharing")
    naming = {c.hit.review.id for c in answer.citations
              if any("information sharing" in themes_named_in(q.text) for q in c.quotes)}
    others = len(naming - tagged)
    quoted = len({g.review_id for g in answer.groups} & tagged)
    assert others >= 1
    assert any(n.startswith(f"{len(tagged)} reviews in the index are tagged with information "
                            f"sharing (this answer quotes {quoted} of them, and {others} other"
                            f"{'s' if others != 1 else ''} naming it)") for n in answer.notes), \
        answer.notes


def test_a_doubled_field_label_is_trimmed_whole(retriever):
    hits = retriever.search("Blackpool Child BW views on a good enough home environment", k=20)
    hit = next(h for h in hits if "good enough home environment" in h.chunk.text)
    quotes = [q.text for q, _ in quotable_sentences(hit, 5)]
    assert any(q.startswith("views on a good enough home environment") for q in quotes), quotes


def test_a_short_clause_of_a_list_is_quoted_with_its_neighbour_not_dropped(retriever):
    # Swindon's Child D: "Recommendations include: training for staff about working with men;
    # use of chronologies; identifying sexual exploitation; ...": "use of chronologies" was
    # under five words and never quotable, so "what did reviews say about chronologies?"
    # quoted the clause before it.
    hit = next(h for h in retriever.search("Swindon Child D recommendations chronologies", k=20)
               if "use of chronologies" in h.chunk.text)
    quotes = [q for q, _ in quotable_sentences(hit, 5)]
    joined = next(q for q in quotes if "use of chronologies" in q.text)
    assert joined.text == "use of chronologies; identifying sexual exploitation"
    text = retriever.store.document_text(hit.chunk.document_id)
    assert " ".join(text[joined.start:joined.end].split()) == joined.text
    answer = retriever.answer("what did reviews say about chronologies?")
    assert any("chronolog" in q.lower() for q in _quotes(answer)[:1]), answer.text
    assert not any(q.startswith("training for staff about working with men") for q in _quotes(answer))


def test_a_lone_short_item_of_a_list_is_quoted_with_the_long_one_after_it(retriever):
    # Waltham Forest's Child S and Family: "Learning: escalation of concerns; core and follow
    # up assessments; ...": the first item, three words once its label is off, stood alone
    # between the label and a long item, a fragment never quoted; Find examples on escalation
    # quoted "core and follow up assessments" for it.
    hit = next(h for h in retriever.search("Waltham Forest Child S escalation of concerns", k=20)
               if "escalation of concerns" in h.chunk.text)
    quotes = [q.text for q, _ in quotable_sentences(hit, 5)]
    assert "escalation of concerns; core and follow up assessments" in quotes, quotes
    rows = {r["title"]: r for r in find_examples(retriever, "escalation")}
    assert "escalation of concerns" in rows["Child S and Family"]["key_point"]
    # a lone "or" is no item: Baby Sama's list of risks keeps its lines as they were
    sama = next(h for h in retriever.search("deliberate harm of animals", k=20)
                if "Deliberate harm of animals" in h.chunk.text)
    assert not any(q.text.endswith("; or") for q, _ in quotable_sentences(sama, 5))


def test_examples_found_only_by_a_list_of_guidance_come_after_those_found_by_what_they_say(
        retriever):
    # Sameer's "NSPCC guidance on bruising in children ... Protocol for the Assessment of
    # Bruising ... in non-mobile babies", a list with no sentence to quote, led the examples
    # of bruising in non-mobile babies, shown as Sameer's key learning.
    rows = find_examples(retriever, "bruising in non-mobile babies")
    first = {r["title"] for r in rows[:3]}
    # (Baby ON16's, Child V's and Child M's bruised babies may come first)
    assert "Nolan" in {r["title"] for r in rows[:4]} and "Sameer" not in first, \
        [r["title"] for r in rows[:5]]
    assert not any(r["key_learning"].startswith(("NSPCC guidance", "- NSPCC guidance"))
                   for r in rows), [r["key_learning"][:60] for r in rows]


@pytest.mark.parametrize("question", [*PRACTITIONER_QUESTIONS,
                                      "What were the lessons from the Child T review?"])
def test_one_sentence_is_quoted_once(retriever, question):
    quotes = [" ".join(q.lower().split()).strip(" .…") for q in _quotes(retriever.answer(question))]
    assert len(quotes) == len(set(quotes))
    # Nor a clause of it: a digest often quotes part of the report's sentence.
    for a in quotes:
        assert not [b for b in quotes if a != b and a in b], quotes


def test_a_findings_question_does_not_quote_how_the_review_was_run(retriever):
    answer = retriever.answer("what did the Baby Sama review find?")
    quotes = _quotes(answer)
    assert quotes and all("Sama" in g.heading for g in answer.groups)
    for quote in quotes:
        assert not re.search(r"commissioned|time period|terms of reference", quote, re.I), quote
    # Nor why reviews are held at all: asked about "reviews involving...", the answer led
    # with "LSCBs ... should translate the findings from reviews into programmes of action".
    quotes = _quotes(retriever.answer("reviews involving children with autism"))
    assert quotes
    for quote in quotes:
        assert not re.search(r"findings from reviews|ends in themselves|purpose of these reviews",
                             quote, re.I), quote
    # "The purpose of Serious Case Reviews is to identify learning ..." led the answer on
    # case closure, which no passage says.
    quotes = _quotes(retriever.answer("what were the lessons about case closure?"))
    assert not any(re.search(r"purpose of", q, re.I) for q in quotes), quotes
    # Nor the reviews a thematic report draws on, as a failing of the police who made one
    quotes = _quotes(retriever.answer("what were the failings of the police?"))
    assert quotes and not any(re.search(r"reviews carried out by", q) for q in quotes), quotes
    # ...unless it is what is asked.
    quotes = _quotes(retriever.answer("what methodology did the reviews use?"))
    assert any(re.search(r"methodology", q, re.I) for q in quotes), quotes


@pytest.mark.parametrize("question", [
    "what's the difference between a serious case review and a child safeguarding practice review",
    "what is the purpose of serious case reviews?",
])
def test_what_a_kind_of_review_is_for_is_answered_by_what_reviews_say_of_it(retriever, question):
    # quoted four reviews' cases and recommendations ("Serious injury of a 2-year-11-month-old
    # boy ..."); Baby Sama's report says what serious case reviews are for
    answer = retriever.answer(question)
    quotes = _quotes(answer)
    assert any("purpose of" in q.lower() for q in quotes), answer.text
    assert [g.review_id for g in answer.groups] == ["bedford-2017-baby-sama"], answer.text


def test_which_reviews_used_a_model_is_answered_by_their_model_lines(retriever):
    # "which reviews used the SCIE Learning Together model?" quoted three reviews' learning:
    # "Learning Together" was read as asking for lessons, which the digests' "Model: ..."
    # lines are not
    question = "which reviews used the SCIE Learning Together model?"
    assert not retriever.understand(question).wants_lessons
    answer = retriever.answer(question)
    assert len(answer.groups) >= 4 and all(
        "learning together" in g.sentences[0][0].lower() for g in answer.groups), answer.text
    # and the line saying a review's method leads its review's quotes ("use of chronologies"
    # had been Swindon's answer to "what methodology did the reviews use?")
    method = retriever.answer("what methodology did the reviews use?")
    assert len(method.groups) >= 20 and all(
        re.search(r"^(?:Model|Methodology):|\b(?:uses?|used|using|conducted)\b", g.sentences[0][0], re.I)
        for g in method.groups), method.text
    # and Wales's review process, named as a method: "which reviews followed the Welsh Child
    # Practice Review guidance?" quoted Philip's and Bailey's guidance for professionals, and
    # not Croydon's Joe, whose review was based on it
    welsh = retriever.answer("which reviews followed the Welsh Child Practice Review guidance?")
    assert welsh.groups and welsh.groups[0].review_id == "croydon-2018-joe", welsh.text
    assert "Welsh Child Practice Reviews Guidance" in welsh.groups[0].sentences[0][0], welsh.text


@pytest.mark.parametrize("question", [
    "which reviews used SILP?", "which reviews used the Significant Incident Learning Process?"])
def test_the_reviews_that_used_a_method_named_lead_and_the_others_are_less_close(retriever,
                                                                               question):
    # Dudley's "Model: Significant Incident Learning Process." (four words once its label is
    # trimmed) was never quoted: "SILP" found nothing, and the method spelt out listed
    # Dudley's findings among seven other reviews', as if all eight had used it.
    answer = retriever.answer(question)
    close = [g for g in answer.groups if not g.less_close]
    assert [g.review_id for g in close] == ["dudley-2017-child-p-and-child-h"], answer.text
    assert any(text == "Model: Significant Incident Learning Process." for text, _ in
               close[0].sentences), answer.text
    assert all(g.less_close for g in answer.groups[1:]), answer.text
    # of a method several used, those naming it; those run another way are counted, not
    # quoted (see methods.py)
    together = retriever.answer("which reviews used the Learning Together model?")
    close = [g for g in together.groups if not g.less_close]
    assert len(close) >= 4 and all("learning together" in g.sentences[0][0].lower()
                                   for g in close), together.text
    assert "bradford-2017-jack" not in {g.review_id for g in together.groups}, together.text
    assert "name another method" in together.notes[0], together.notes


@pytest.mark.parametrize(("section", "role"), [
    # A report's sections on how the review was run, though one names "learning".
    ("1. Introduction › Organisational learning and improvement", "about the review"),
    ("1. Introduction › Methodology", "about the review"),
    ("Learning for Professionals and multi-agency practice", "learning"),
    ("What needs to happen?", "recommendation"),
    ("1. Introduction › Why this case was chosen to be reviewed", "summary"),
    ("Good practice identified", "good practice"),
    ("Appendix 4 –Knowledge requirements about Domestic Abuse and perpetrator behaviour",
     "appendix"),
    ("Appendix 1 - Glossary", "glossary"),
    ("Model", "about the review"),  # a digest entry's "Model: uses the Child Practice Review ..."
    ("What went well?", "good practice"),
    ("Learning Point 1: CSE › Areas for consideration by BBSCB", "recommendation"),
])
def test_a_sections_heading_says_what_it_holds(section, role):
    assert field_role(section) == role


def test_a_fields_bulleted_list_keeps_the_fields_role(retriever):
    # "Areas for consideration for BBSCB:" opens a list of questions, one bullet a line,
    # in a Learning Point section: each is what the report asks of its board.
    hit = next(h for h in retriever.search("Areas for consideration for BBSCB pre-birth procedures",
                                           k=20)
               if h.chunk.text.startswith("Areas for consideration"))
    roles = {q.text: role for q, role in quotable_sentences(hit, 5)}
    assert roles["How effectively are the pre-birth procedures and guidance used?"] == \
        "recommendation", roles
    # A line that is no bullet ends the field: the learning section's own role again.
    assert roles["How do you know they do?"] == "learning", roles
    assert recommends(hit.chunk.section, hit.chunk.text)
    assert not recommends("2. The findings", "The assessment was not shared.\nNo one asked.")


def test_a_lessons_question_about_a_long_report_quotes_its_findings_not_its_introduction(retriever):
    # The Baby Sama overview report retells the case in its introduction in the words the
    # question uses; "what went wrong" is answered from its findings and learning sections.
    answer = retriever.answer("what went wrong in the Baby Sama case?")
    sections = [c.hit.chunk.section for c in answer.citations]
    assert sections and all(field_role(s) in LEARNING_ROLES for s in sections), sections
    assert all("Sama" in g.heading for g in answer.groups)
    for quote in _quotes(answer):  # nor a sentence about the review itself
        assert not re.search(r"SCR Author|the review considers", quote, re.I), quote


@pytest.mark.parametrize("question", ["what good practice did reviews find?",
                                      "what went well in these cases?",
                                      # (it led with information sharing's "weaknesses")
                                      "examples of good information sharing reviewers praised",
                                      "what did GPs get right?"])
def test_a_question_on_what_went_well_quotes_the_good_practice_reviews_record(retriever,
                                                                            question):
    # Digest entries record it in a short field ("Good practice identified: robust
    # information sharing processes and good local professional relationships."), once taken
    # for metadata; the failings that share the question's words ("the GP practice ...") and
    # the statutory line on why reviews are held ("... what works well and also why things
    # can go wrong") are no answer.
    answer = retriever.answer(question)
    quotes = _quotes(answer)
    assert len(answer.groups) >= (2 if "these" in question or "find" in question else 1), \
        answer.text
    assert all(re.search(r"good practice|went well|worked well", q, re.I) for q in quotes), quotes
    if "find" in question:
        assert any(q.startswith("Good practice identified: robust information sharing")
                   for q in quotes), quotes


def test_a_section_on_what_is_going_well_records_good_practice(retriever):
    # Sameer's brief says what went well under "What's going well?", which was no field:
    # "what went well in the Sameer case?" was told no passage records good practice, and
    # quoted "the multi-agency children's workforce was not consistently well skilled" first
    assert field_role("What's going well?") == "good practice"
    answer = retriever.answer("what went well in the Sameer case?")
    assert NO_PRAISE not in answer.notes and answer.citations, answer.notes
    assert all(c.hit.chunk.section == "What's going well?" for c in answer.citations), \
        answer.text
    # ...and is no answer to what went wrong, nor a lesson ahead of its learning
    for question in ("What went wrong in the Sameer case?",
                     "what were the lessons from the Sameer case?"):
        answer = retriever.answer(question)
        assert answer.citations and answer.citations[0].hit.chunk.section != "What's going well?"
        if "wrong" in question:
            assert all(c.hit.chunk.section != "What's going well?" for c in answer.citations), \
                answer.text


@pytest.mark.parametrize("question", [
    "good practice - did any review say something actually went well?",
    "did any review say something went well?", "what worked well?",
    "which reviews identified good practice?"])  # (asked of "identified": two reviews)
def test_good_practice_asked_of_anyone_quotes_the_reviews_that_record_it(retriever, question):
    # "good practice - did any review say something actually went well?" quoted one review,
    # Somerset's: Jack's "Good practice identified by the school and GPs" says neither "well"
    # nor "strengths", and the search read two of the six reviews recording good practice
    answer = retriever.answer(question)
    quotes = _quotes(answer)
    assert NO_PRAISE not in answer.notes and len(answer.groups) >= 3, answer.text
    assert all(re.search(r"good practice", q, re.I) for q in quotes), quotes


def test_find_examples_give_good_practice_as_key_learning_only_when_asked(retriever):
    # "CSE" gave Jack's "Good practice identified by the school and GPs." as its key learning
    rows = {row["review_id"]: row for row in find_examples(retriever, "CSE")}
    assert "bradford-2017-jack" in rows
    assert "good practice" not in rows["bradford-2017-jack"]["key_learning"].lower()
    praised = find_examples(retriever, "examples of good practice by schools")
    assert any(row["key_learning"].startswith("Good practice identified by the school")
               for row in praised), [row["key_learning"] for row in praised]


@pytest.mark.parametrize("question", [
    "unaccompanied asylum seeking children",
    "unaccompanied asylum seeking child died after being placed - what went wrong",
    # (hyphenated, it was left out again, and Birmingham's migrant families answered alone)
    "What do reviews say about unaccompanied asylum-seeking children?"])
def test_a_review_tagged_with_what_is_asked_is_quoted_though_no_sentence_says_it(retriever,
                                                                                question):
    # Child YT's entry says "unaccompanied asylum seeking children" only in its keywords: the
    # search put it first, and the answer left it out for reviews that say "seek" or "died"
    answer = retriever.answer(question)
    assert answer.groups and answer.groups[0].review_id == "enfield-2017-child-yt", answer.text
    # opening with what its case was, which is why it answers
    assert answer.groups[0].sentences[0][0].startswith(
        "Death of 17-year-old boy after his arrest for illegal entry into the UK"), answer.text


@pytest.mark.parametrize(("question", "about"), [
    ("any reviews where a child died while in foster care? what was learnt", r"foster"),
    ("list the 2017 reviews where a baby died co-sleeping on a sofa", r"sleep|sofa|couch"),
])
def test_a_death_asked_of_with_another_theme_is_no_topic_of_its_own(retriever, question, about):
    # most reviews are about a death: "Death of 3-month old child in 2015 due to medical
    # causes." was quoted from three reviews with no foster care
    answer = retriever.answer(question)
    assert answer.groups, answer.text
    for group in answer.groups:
        said = " ".join(text for text, _ in group.sentences)
        assert re.search(about, said, re.I), (group.heading, said)


def test_an_answer_says_when_no_passage_records_the_good_practice_asked_for(retriever):
    # The passages found for it describe multi-agency failings; quoted bare, they read as the
    # examples asked for.
    answer = retriever.answer("examples of good multi-agency working")
    assert answer.kind == "extractive" and NO_PRAISE in answer.notes
    assert NO_PRAISE not in retriever.answer("what good practice did reviews find?").notes
    # nor where a line it quotes says good practice was noted ("Nottingham 'Baby ON16' SCR
    # (2017) ... what were the recs, and who does it say showed good practice?", set AE,
    # quoted "Examples of good practice were noted by the GP, ..." under the note)
    answer = retriever.answer("Baby ON16, Nottingham: recommendations and good practice?")
    assert any(q.startswith("Examples of good practice were noted") for q in _quotes(answer)), answer.text
    assert NO_PRAISE not in answer.notes, answer.notes


def test_good_practice_asked_of_anyone_in_a_case_is_that_cases(retriever):
    # "did anyone do anything right?" asked it of "anyone": Haringey's "Good practice
    # identified include: the actions of the safeguarding midwifery team ..." was quoted under
    # the note that no passage records good practice on it, after three other reviews' text
    for question in ("Haringey 2016 – Child R: did anyone do anything right?",
                     "Haringey 2016 – Child R, Hull 2017 – Baby J and Wolverhampton 2018 – Child G: "
                     "did anyone do anything right?"):
        answer = retriever.answer(question)
        quotes = _quotes(answer)
        assert NO_PRAISE not in answer.notes, answer.notes
        assert quotes and all(q.startswith("Good practice identified") for q in quotes), answer.text
        assert [g.review_id for g in answer.groups] == ["haringey-2016-child-r"], answer.text


def test_good_practice_is_quoted_where_it_is_on_what_was_asked(retriever):
    # "Examples of good practice by police" quoted the midwifery team's, the GP's and the
    # school's good practice as if they were the police's: the police's is in Sameer's
    # "What's going well?" alone.
    police = retriever.answer("what did the police do well?")
    assert NO_PRAISE not in police.notes and [g.review_id for g in police.groups] == [
        "bradford-2018-sameer"], police.text
    assert all("Police" in q and "midwifery team" not in q for q in _quotes(police))
    quotes = _quotes(retriever.answer("examples of good practice by health visitors"))
    assert quotes and all("good practice" in q.lower() and "health visiting" in q
                          for q in quotes), quotes


@pytest.mark.parametrize("question", ["examples where professionals did well",
                                      "examples where professionals did really well"])
def test_good_practice_asked_of_professionals_is_anyones(retriever, question):
    # "professionals" is whoever practised: no good practice says it, so the answer said none
    # was on it and quoted Sameer's "professional hierarchies which compromised child-centred
    # practice" first (and, with "really", no good practice at all).
    answer = retriever.answer(question)
    quotes = _quotes(answer)
    assert NO_PRAISE not in answer.notes and quotes, answer.text
    assert all("good practice" in q.lower() for q in quotes), quotes


def test_a_reports_appendix_is_quoted_only_where_it_is_what_is_asked(retriever):
    # Baby Sama's Appendix 4 ("Domestic abuse is about power and control ...") led the answer
    # to "domestic abuse", before what the review found of it in this case.
    sections = [c.hit.chunk.section for c in retriever.answer("domestic abuse").citations]
    assert sections and not [s for s in sections if s.startswith("Appendix")], sections
    sections = [c.hit.chunk.section
                for c in retriever.answer("what is the Stockholm syndrome?").citations]
    assert any(s.startswith("Appendix 3") for s in sections), sections


@pytest.mark.parametrize(("question", "praise"), [
    ("what went well?", True),
    ("examples of good multi-agency working", True),
    ("what good practice did reviews find?", True),
    # asking for failings too: the answer is not confined to praise
    ("what were the strengths and weaknesses of practice?", False),
    ("what went wrong and what went well?", False),
    ("what went wrong with escalation?", False),
    ("where did agencies work well together?", True),
    ("what didn't go well?", False),
    ("where did agencies not work well together?", False),
    ("what did the police do well?", True),  # "do well" was no question on good practice
    ("what didn't the police do well?", False),
    ("examples where professionals did really well", True),  # "really" was no praise
    ("what worked well?", True),
    # good examples of what did not work are examples of failings
    ("Which reviews are good examples of escalation not working?", False),
    # praise said otherwise ("did something right" quoted the police's poor decision-making)
    ("which reviews say the police did something right", True),
    ("what did the GP get right?", True),
    ("examples of good information sharing that reviewers praised", True),
    ("any reviews that actually praised housing staff?", True),
    ("did they do the right checks?", False),
])
def test_the_plan_reads_a_question_on_what_went_well(retriever, question, praise):
    assert retriever.understand(question).wants_good_practice is praise


def test_a_places_lessons_are_quoted_from_each_of_its_reviews(retriever):
    # With no topic but "lessons", a later review was quoted only in a sentence saying
    # "lessons": Luton's 2024 review, which says "learning", went unquoted.
    answer = retriever.answer("what are the lessons from Luton?")
    luton = {r.id for r in retriever.store.reviews() if r.area == "Luton"}
    assert len(luton) == 2 and {g.review_id for g in answer.groups} == luton, answer.text


def test_lessons_questions_quote_learning_or_recommendations(retriever):
    answer = retriever.answer("co-sleeping and alcohol: what were the lessons?")
    assert len(answer.groups) >= 2  # several reviews, not one case's story
    learning = [c for c in answer.citations for q in c.quotes
                if re.search(r"learn|recommend|should|need", q.text, re.IGNORECASE)]
    assert learning, _quotes(answer)


@pytest.mark.parametrize("question, review", [
    ("lessons from the drowning of a baby in the bath", "Child K"),
    ("what went wrong with the Luton stabbing?", "gang associations"),
])
def test_a_lessons_question_describing_a_case_gets_its_lessons_not_only_its_story(
        retriever, question, review):
    # The question's words are the case's account ("drowned in a bath"), which leads; the
    # answer still quotes what the review learnt.
    answer = retriever.answer(question)
    group = next(g for g in answer.groups if review in g.heading)
    roles = [role for c in answer.citations if c.hit.review.id == group.review_id
             for quote, role in quotable_sentences(c.hit, 1) if quote in c.quotes]
    assert len(roles) >= 2 and set(roles) & LEARNING_ROLES, _quotes(answer)


def test_a_theme_filter_matches_its_synonyms(retriever):
    hits = retriever.search("what happened", k=50, filters=Filters(theme="domestic abuse"))
    keywords = {kw.lower() for h in hits for kw in h.review.keywords}
    assert {"partner violence", "family violence"} & keywords, keywords
    assert all(any(t in " ".join(h.review.keywords).lower()
                   for t in ("domestic", "violen", "coercive", "abusive relationship"))
               for h in hits)


@pytest.mark.parametrize("question", [
    "what did agencies do wrong in the Child K case?",
    "which agencies were involved with Child K?",
    "which professionals were involved with Sameer?",
    "which services were involved with Baby Sama?",
    "which social workers are responsible for pre-birth assessments?",
    "who was the social worker supposed to tell?",
    "who is the lead professional in a child protection plan?",
    "where did agencies work well together?",
    "where did professionals work closely with the family?",
])
def test_questions_about_practice_are_not_refused(retriever, question):
    assert retriever.answer(question).kind != "refusal"


@pytest.mark.parametrize(("question", "counts", "only"), [
    ("how many reviews are there?", True, True),
    ("How many case reviews are in the collection?", True, True),  # the collection is the index
    ("How many reviews from Bradford?", True, True),
    ("how many serious case reviews were published in 2017?", True, True),
    ("how many reviews did Bradford publish in 2018", True, True),
    ("what is the number of reviews from London?", True, True),
    ("how many learning briefs are there?", True, True),
    ("how many reviews are about neglect?", True, False),
    ("How many cases involved co-sleeping?", True, False),
    # (told no passage uses "proportion", with no count)
    ("what proportion of reviews involve neglect?", True, False),
    ("what percentage of the reviews are about domestic abuse?", True, False),
    ("how should agencies share information about neglect cases?", False, False),
    ("How many times did the Family Nurse Partnership ask for a strategy discussion?", False, False),
    ("How many suspects were arrested after Jeanette's disclosure?", False, False),
])
def test_the_plan_reads_a_question_on_how_many_reviews(retriever, question, counts, only):
    plan = retriever.understand(question)
    assert plan.counts_reviews == counts
    assert (plan.counts_reviews and plan.lists_reviews) == only


def test_a_list_or_count_in_other_words_or_text_speak_is_answered_from_the_catalogue(retriever):
    # a helper's: "hw many reviews wer published in 2018" quoted two of Sameer's action dates;
    # "how many SCRs are summarised in the South Glos newsletter?" was told that what else it
    # counts is not counted; "which reviews were carried out in Hertfordshire?" quoted one of
    # the three
    of_2018 = len(retriever.store.review_ids(Filters(year_from=2018, year_to=2018)))
    answer = retriever.answer("hw many reviews wer published in 2018")
    assert answer.kind == "catalogue"
    assert answer.text == f"The index holds {of_2018} reviews published in 2018."
    newsletter = retriever.answer("How many SCRs are summarised in the South Glos newsletter?")
    assert newsletter.kind == "catalogue" and newsletter.text.startswith("The index holds 19 serious case "
                                                                         "reviews"), newsletter.text
    herts = {r.id for r in retriever.store.reviews() if r.area == "Hertfordshire"}
    listed = retriever.answer("Which reviews were carried out in Hertfordshire?")
    assert len(herts) == 3 and {g.review_id for g in listed.groups} == herts, listed.text
    # and a review's letter is no text-speak ("Child N" is not "Child and"), in any case
    assert retriever.understand("what did the Child N review find?").named_reviews
    assert in_full("what happened to child n? wot r the lessons") == (
        "what happened to child n? what are the lessons")
    assert in_full("children r, s and w in croydon") == "children r, s and w in croydon"


@pytest.mark.parametrize(("question", "place"), [
    # set K: the region said as one's own, its counties in brackets, was read as the counties
    # alone (Philip's review quoted; Bournemouth and Poole's and Swindon's left out), and
    # "my region" was a topic; what the reviews of a place have in common, and their causes of
    # death, quoted one of two and five of seven
    ("Any case reviews from my region, the South West (Somerset, Dorset, Wiltshire, Gloucestershire)?",
     "the South West"),
    ("What do the Warwickshire reviews have in common?", "Warwickshire"),
    ("List the 2018 reviews in which a child died, with the cause of death", None),
])
def test_a_list_of_a_places_or_a_years_reviews_in_other_words_quotes_each(retriever, question, place):
    plan = retriever.understand(question)
    assert plan.lists_reviews and plan.place == place, plan
    wanted = ({r.id for r in retriever.store.reviews() if r.area in plan.areas} if place
              else retriever.store.review_ids(Filters(year_from=2018, year_to=2018)))
    answer = retriever.answer(question)
    shown = {g.review_id for g in answer.groups}
    if place:
        assert shown == wanted and len(shown) >= 2, answer.text
    else:  # (those of 2018 whose summary opens on a death)
        assert len(shown) == 7 and shown <= wanted, answer.text


def test_how_many_reviews_is_answered_from_the_catalogue(retriever):
    # "How many reviews are there?" quoted Baby Sama's "Reviews are not ends in themselves".
    answer = retriever.answer("how many reviews are there?")
    assert answer.kind == "catalogue" and not answer.citations
    assert answer.text == f"The index holds {len(retriever.store.review_ids())} reviews."
    bradford = {r.id for r in retriever.store.reviews() if r.area == "Bradford"}
    answer = retriever.answer("How many reviews from Bradford?")
    assert answer.text == f"The index holds {len(bradford)} reviews from Bradford.", answer.text
    assert retriever.answer("how many reviews from Wales?").text == \
        "The index holds no reviews from Wales."
    # the user's own filters count too, and are said to
    answer = retriever.answer("how many reviews are there?", filters=Filters(year_from=2024))
    assert answer.text == (f"The index holds {len(retriever.store.review_ids(Filters(year_from=2024)))}"
                           " reviews within your filters.")
    # A count on a theme is answered beside the passages on it, by the reviews' tags.
    answer = retriever.answer("how many reviews are about neglect?")
    tagged = len(retriever.reviews_carrying("neglect"))
    assert answer.kind == "extractive" and answer.citations
    assert answer.notes[0].endswith(f": {tagged} are tagged with neglect (Find examples lists them).")
    assert sum("tagged with neglect" in note for note in answer.notes) == 1, answer.notes
    proportion = retriever.answer("what proportion of reviews involve neglect?")
    assert proportion.notes[0].endswith(f": {tagged} are tagged with neglect (Find examples "
                                        "lists them).") and len(proportion.notes) == 1, \
        proportion.notes
    # a narrower term of the theme is counted too, in the passages that name it (alcohol was
    # counted as substance misuse alone)
    alcohol = retriever.answer("how many reviews involve parents misusing alcohol?").notes[0]
    naming = len(retriever.store.reviews_holding(["alcohol"]))
    assert alcohol.endswith(f"(Find examples lists them); the passages of {naming} name "
                            "“alcohol”.") and 0 < naming < 18, alcohol
    # and a count of no theme says it is none ("The index holds 84 reviews." read as the count)
    taxis = retriever.answer("how many reviews mention taxi drivers?").notes[0]
    assert taxis.endswith("Reviews are counted by place, year, type, theme and the child's "
                          "age and sex their entries give; what else this question counts is "
                          "not: the passages below are the closest."), taxis
    # and what it asks beside a theme is said not to be counted ("... a child dying in
    # custody?" was told the reviews tagged with child death, as if all had died in custody)
    custody = retriever.answer("how many reviews involved a child dying in custody?").notes[0]
    assert "are tagged with child death" in custody and custody.endswith(
        "What else it asks (“custody”) is not counted: the passages below are the closest."), custody


def _document(retriever, title_start):
    return next(d for d in retriever.store.documents() if d.title.startswith(title_start))


@pytest.mark.parametrize(("question", "title"), [
    ("what does the Torbay repository say about neglect?", "NSPCC Repository"),
    ("what does the newsletter from South Gloucestershire say?", "News and Research"),
    ("what does the NSPCC list say about co-sleeping?", "Case reviews published in 2018"),
    ("list the reviews from Bradford", None),  # a place's reviews, not its one document
    ("what do reports from Bradford say?", None),
    ("reviews from Torbay", None),  # no review is from Torbay: the place is kept, and said
    ("what does Case reviews published in 2018 say?", "Case reviews published in 2018"),
    # its title said loosely, a month short, names it, not the NSPCC's list its title names
    ("give me an overview of the NSPCC repository Jan 2024 digest - how many reviews and what "
     "themes", "NSPCC Repository"),
    # its publisher's place with words of its title before the word for a document, one of
    # them another publisher's name: Torbay's, not the NSPCC's ("NSPCC digest")
    ("main themes across the six reviews in the torbay jan 2024 nspcc digest?",
     "NSPCC Repository"),
    # its reviews, said with words of its title ("No review from Torbay is in the index")
    ("which of the january 2024 torbay reviews involve knives", "NSPCC Repository"),
    # or with its publisher's place that no review is from ("the torbay review")
    ("what did the torbay review say about schools using on site alternative provision",
     "NSPCC Repository"),
    # and its "own" case reviews (told no passage uses "torbay", and quoted Baby Sama)
    ("What have Torbay's own case reviews found?", "NSPCC Repository"),
    # the one document of its kind, named by its kind alone (a helper's "what does the
    # newsletter say about radicalisation" was searched as the word "newsletter")
    ("what does the newsletter say about radicalisation", "News and Research"),
    ("what does the repository say about domestic abuse?", "NSPCC Repository"),
    ("what do newsletters say about neglect?", None),
])
def test_the_plan_reads_a_source_document_named_by_its_publisher(retriever, question, title):
    plan = retriever.understand(question)
    expected = () if title is None else (_document(retriever, title).id,)
    assert plan.sources == expected, plan
    # its publisher is no place, nor the year in its title a year asked for
    assert title is None or (plan.place is None and plan.year_from is None)


@pytest.mark.parametrize(("question", "source"), [
    ("What have Torbay's own case reviews found?", True),
    ("what have the 2016 reviews found?", False),
])
def test_what_a_scopes_reviews_found_is_each_reviews_lessons(retriever, question, source):
    # "found" asks for their findings as "find" and "lessons" do: the 2016 reviews' answer
    # quoted one review of eight
    plan = retriever.understand(question)
    assert plan.lessons_of_scope and bool(plan.sources) == source, plan
    answer = retriever.answer(question)
    cfg = retriever.answerer.config
    assert len(answer.groups) == cfg.max_reviews + cfg.theme_reviews, answer.text


def test_a_question_on_a_source_document_is_answered_from_it_alone(retriever):
    # "What did the Torbay repository say?" had no answer: no passage says "Torbay".
    torbay = _document(retriever, "NSPCC Repository")
    described = {r.id for r in retriever.store.document_reviews(torbay.id)}
    answer = retriever.answer("what did the Torbay repository say?")
    assert {g.review_id for g in answer.groups} == described, answer.text
    # the month of its title is no topic ("what's in the ... digest" had no answer)
    listed = retriever.answer("what's in the Torbay January 2024 digest")
    assert {g.review_id for g in listed.groups} == described, listed.text
    assert all(c.hit.chunk.document_id == torbay.id for c in answer.citations)
    assert any(n.startswith(f"Only the {len(described)} reviews in Torbay Safeguarding "
                            "Children Partnership's “NSPCC Repository") for n in answer.notes)
    # A review named that the document does not hold is said to be missing from it.
    other = retriever.answer("what does the Torbay repository say about Child K?")
    assert "Child K is not among them: what is quoted is from the others." in other.notes
    assert all("Child K" not in g.heading for g in other.groups)
    # Baby Sama is in the NSPCC list and has a report of its own: only the list is searched.
    nspcc = _document(retriever, "Case reviews published in 2018")
    hits = retriever.search("what does the NSPCC list say about Baby Sama?", k=10)
    assert hits and all(h.chunk.document_id == nspcc.id for h in hits)


def test_the_children_every_review_is_about_do_not_alone_put_a_sentence_on_topic(retriever):
    # "children" was a topic word like any other: "what did reviews say about children who
    # were not brought to appointments?" quoted Child Z's "ensure all children with plans have
    # regular reviews" and Dudley's account of two deaths, each on topic by "child" alone.
    question = "what did reviews say about children who were not brought to appointments?"
    assert "child" not in topic_stems(question)
    assert "child" in topic_stems("children")  # the question's one topic word stays
    answer = retriever.answer(question)
    quotes = _quotes(answer)
    assert any("not brought" in q for q in quotes), answer.text
    assert not any("regular reviews" in q for q in quotes), answer.text


def test_a_doubled_consonant_before_a_suffix_is_one_stem(retriever):
    # "stabbed" was stemmed "stabb", which no "stab wounds" shares: Warrington's Child 1 was
    # quoted for "children and teenagers who were stabbed" by "children" alone, and left out
    # once that was no longer a topic word.
    assert topic_stems("stabbed") == topic_stems("stab") == topic_stems("stabbing")
    assert topic_stems("killed") == topic_stems("kill")
    answer = retriever.answer("Children and teenagers who were stabbed")
    assert sum("stab wounds" in q for q in _quotes(answer)) >= 2, answer.text


@pytest.mark.parametrize("question", ["how did the pandemic affect safeguarding?",
                                      "how were families affected by lockdown?"])
def test_the_pandemic_is_searched_as_covid_and_answered_from_the_review_that_names_it(
        retriever, question):
    # No review says "pandemic" or "lockdown"; Bradford's Child A names "impact of Covid-19 on
    # service delivery". The answer led with Baby Sama's "problems in the safeguarding system"
    # and quoted two more reviews on topic by "safeguarding" or "families" alone.
    answer = retriever.answer(question)
    said: dict[str, bool] = {}  # by review quoted: whether one of its quotes names covid
    for citation in answer.citations:
        said[citation.hit.review.id] = said.get(citation.hit.review.id, False) or any(
            "covid" in q.text.lower() for q in citation.quotes)
    assert said and all(said.values()), answer.text


def test_a_question_in_words_no_passage_holds_is_measured_by_the_terms_searched_for_it(
        retriever):
    # "s47" is no word of the reviews; the glossary searches it as "section 47" and "child
    # protection enquiries", which BM25 finds, but BM25's confidence was measured on the
    # question's own words alone (none found: weight 0) and the Section 47 passage was lost.
    answer = retriever.answer("s47")
    assert any("Section 47" in q for q in _quotes(answer)), answer.text
    assert "child protection enquiries" in " ".join(_quotes(answer)), answer.text


def test_words_said_together_are_answered_where_a_passage_says_them_together(retriever):
    # "young carers" quoted Trafford's foster carers: every passage on fostering holds both
    # words, and the one review that says "young carers" ranked tenth.
    answer = retriever.answer("what did reviews say about young carers?")
    quotes = _quotes(answer)
    assert quotes and answer.citations[0].hit.review.id == "merton-2017-child-b", answer.text
    assert any("young carers were not always recognised" in q for q in quotes), answer.text
    assert not any("foster carer" in q for q in quotes), answer.text


@pytest.mark.parametrize(("question", "fields"), [
    ("who wrote the Baby Sama review?", ("authors",)),
    ("who were the authors of the Polly review?", ("authors",)),
    ("who was the independent reviewer for Sameer?", ("authors",)),
    ("when was the Sameer review published?", ("year",)),
    ("what year was the Child K review published?", ("year",)),
    ("what type of review is the Harry review?", ("type",)),
    # when its events happened, not when the review was published; the abuser, no author
    ("what year did Child K die?", ()),
    ("when was Child K's case referred to children's services?", ()),
    ("what did the Sameer review say about the author of the abuse?", ()),
    ("who led the police investigation in the Child K case?", ()),
    ("who wrote the reviews on neglect?", ()),  # no review named: nothing to look up
    # a review's chair is not its author ("was written by Liz Murphy" answered who chaired it)
    ("who chaired the Baby Sama review panel?", ()),
    # one said not to be asked ("... not asking who wrote it, just what was missing" was told
    # the review's author)
    ("Baby Sama review: what was missing from the police report? I'm not asking who wrote it", ()),
    ("Sameer brief, never mind when it was published - what did it say about the school?", ()),
    ("not after the year - who wrote the Polly review?", ("authors",)),
])
def test_the_plan_reads_a_catalogue_fact_asked_of_a_named_review(retriever, question, fields):
    assert retriever.understand(question).asks_fields == fields


def test_a_catalogue_fact_is_answered_from_the_index_with_its_source_never_invented(retriever):
    # "who wrote the Baby Sama review?" quoted the family's words on her death; "when was
    # the Sameer review published?" the story of his abuse.
    sama = retriever.store.review("bedford-2017-baby-sama")
    sameer = retriever.store.review("bradford-2018-sameer")
    assert sama is not None and sama.authors and sameer is not None and not sameer.authors
    answer = retriever.answer("who wrote the Sameer and Baby Sama reviews?")
    assert answer.kind == "catalogue" and not answer.citations
    assert f"{sama.label} was written by {sama.authors[0]}." in answer.text, answer.text
    assert f"The index does not record who wrote {sameer.label}." in answer.text, answer.text
    assert any(note.startswith(f"{sama.label}, author: from the corpus manifest")
               for note in answer.notes), answer.notes
    year = retriever.answer("when was the Sameer review published?")
    assert year.kind == "catalogue"
    assert year.text == f"{sameer.label} was published in {sameer.year}.", year.text
    # a review the index does not hold is no catalogue fact: the answer says it is not there
    other = retriever.answer("who wrote the Child Q review?")
    assert other.kind != "catalogue"
    assert any("No review of Child Q" in note for note in other.notes), other.notes


@pytest.mark.parametrize(("question", "live"), [
    ("I'm a health visitor and mum won't let me see the baby, what should I do?", True),
    ("I’m worried about a pupil who keeps coming in hungry", True),
    ("should I refer a baby with a bruise?", True),
    ("I think one of my pupils is being abused", True),
    ("we think the child is at risk, what should we do?", True),
    ("how do I make a referral to children's social care?", True),
    ("I've got a family where mum had older children removed, what do reviews say?", True),
    ("we have a Year 10 boy who hangs around with older lads", True),
    ("social care said NFA. how do I escalate this, what do the reviews say", True),
    # questions about the reviews' practice, not a case of the asker's own
    ("what should GPs do differently?", False),
    ("what should professionals do when parents refuse access?", False),
    ("what should I learn from the Child K review?", False),
    ("housing - we're evicting a family for rent arrears and the kids are on a child in need "
     "plan. should i be telling someone", True),
    ("16yo on my caseload has been out of school for 8 months", True),
    ("what do reviews say about social workers' caseloads?", False),
    ("I think the children in these reviews were failed", False),
    ("I've got a question about the Baby Sama case", False),
    ("I'm a teacher and a little boy keeps telling us his mum hurts him but social services "
     "don't seem to believe him, has this happened before?", True),
    ("is it a worry if a baby who can't even crawl yet has bruises?", True),
    ("is it normal for reviews to take two years?", False),
    ("what should my pupils learn about online safety?", False),
    ("how did professionals respond when a child disclosed abuse?", False),
    # a decision on a child now (a helper's "should i remove this baby from mum tonight, dad
    # has DV convictions" was answered with Sama's father's convictions and no note)
    ("should i remove this baby from mum tonight, dad has DV convictions", True),
    ("should we close the case?", True),
    ("do I need to refer this to the LADO?", True),
    ("should we let dad have unsupervised contact with the baby?", True),
    ("do we close cases too early?", False),
    ("should practitioners remove children from neglectful homes?", False),
    ("should we allow contact?", True),
    ("should we place more weight on fathers' histories?", False),
    ("I've just been allocated a 19 year old first-time mum who is 20 weeks pregnant", True),
])
def test_a_question_about_a_child_the_asker_works_with_is_told_where_advice_is(
        retriever, question, live):
    # "mum won't let me see the baby, what should I do?" got quotes about other babies and no
    # word that they are not advice on the case in hand, nor where advice is.
    assert (live_case_note(question) is not None) is live
    assert live_case_note(question) == (LIVE_CASE_NOTE if live else None)
    if live:
        answer = retriever.answer(question)
        assert answer.kind != "refusal"  # the reviews' learning is still quoted
        assert answer.notes and answer.notes[0] == LIVE_CASE_NOTE, answer.notes
        assert "local safeguarding procedures" in LIVE_CASE_NOTE and "999" in LIVE_CASE_NOTE


@pytest.mark.parametrize(("question", "note"), [
    # a relative: the NSPCC helpline and children's services, not "your designated
    # safeguarding lead or manager"
    ("my sister drinks a lot and falls asleep on the sofa with her baby, have babies died like "
     "that?", FAMILY_NOTE),
    ("my ex has bad depression and I'm scared she might hurt the kids, have any reviews looked "
     "at this?", FAMILY_NOTE),
    ("my niece's mum keeps taking her to different hospitals saying she's really ill but the "
     "doctors never find anything", FAMILY_NOTE),
    ("my 8 year old says she hurts herself on purpose, should the school be worried", FAMILY_NOTE),
    ("my stepdad hits me", FAMILY_NOTE),
    ("here are the details of my family, will this end in a death like the reviews?", FAMILY_NOTE),
    # (as typed: "grandsons", "neice")
    ("My grandsons mum has a new boyfriend we know nothing about. what have these reviews "
     "found about new partners hurting children?", FAMILY_NOTE),
    ("my neice is 15 and meeting older men she met online, what do these reports say parents "
     "can do", FAMILY_NOTE),
    # the neighbours' children (set AE: "neighbours are def dealing from there house ... just
    # had a baby plus 2 older kids" was given no note)
    ("the neighbours keep leaving their toddler on his own in the garden for hours, is that "
     "neglect?", FAMILY_NOTE),
    ("did neighbours hear anything before the baby died in the Child S review?", None),
    # a young person about themselves: Childline
    ("I'm 15 and I've been talking to older men in chat rooms online, what happened to other "
     "kids like me?", YOUNG_PERSON_NOTE),
    ("I am in year 9 and scared to go home", YOUNG_PERSON_NOTE),
    # at work, though a word says "my": their own procedures
    ("I'm a teacher and my pupil says her dad hits her", LIVE_CASE_NOTE),
    # not a child now
    ("I am 16 years into the job: what do reviews say about burnout?", None),
    # nor a practitioner fearing the review blamed "someone like me"
    ("I was a health visitor for 30 years. I need to know the review didn't blame someone like "
     "me", None),
])
def test_a_relative_or_a_young_person_is_told_where_help_is_for_them(retriever, question, note):
    # Relatives worried about a child now got no note (5 of a helper's 10 everyday questions),
    # or one telling them to follow their local procedures and ask their manager; a
    # 15-year-old talking to older men online got none.
    assert live_case_note(question) == note
    if note is not None and help_first(question) is None:
        answer = retriever.answer(question)
        assert answer.kind != "refusal" and answer.notes[0] == note, answer.notes
    assert "0808 800 5000" in FAMILY_NOTE and "0800 1111" in YOUNG_PERSON_NOTE
    assert all("999" in n for n in (FAMILY_NOTE, YOUNG_PERSON_NOTE))


@pytest.mark.parametrize("question", [
    # set AD: thoughts of harming a baby told of someone the asker knows were answered with
    # other families' cases and no word of where help is (the judge's failure of the held-out
    # half; these are other wordings)
    "my sister says she has thoughts about harming her newborn",
    "new mum I know said she sometimes thinks about smothering the baby",
    "a neighbours wife told me shes been having thoughts of hurting her toddler",
])
def test_a_parents_thoughts_of_harming_a_child_are_answered_with_where_help_is(retriever, question):
    answer = retriever.answer(question)
    assert answer.kind != "refusal" and answer.notes[0] == THOUGHTS_NOTE, answer.notes
    assert all(said in THOUGHTS_NOTE for said in ("health visitor", "NHS 111", "999"))
    # the asker's own thoughts: the help alone, before any other family's case
    own = retriever.answer("I keep having thoughts of harming my baby")
    assert own.text == PARENT_THOUGHTS_SUPPORT and not own.citations, own.text
    # (another's, though "I" say it: the note beside the reviews)
    assert help_first("I think my sister has thoughts of hurting her baby") is None
    # not a question about the reviews, nor about a review's parent
    for about in ("what do reviews say about parents with thoughts of harming their children?",
                  "Child AB: did the mother have thoughts of harming her child before?"):
        assert live_case_note(about) is None and help_first(about) is None


def test_a_refused_relative_is_still_told_where_help_is(retriever):
    # "I think Child O ... is my nephew ... I need to know who to keep him away from" was
    # refused with no word of the helpline its answer had given; beside a refusal, which
    # quotes nothing, the note is the help alone
    answer = retriever.answer("I think Child O in the Bournemouth and Poole review is my nephew. "
                              "The review only says 'the resident parent' hurt him - was it his "
                              "mum or his dad? I need to know who to keep him away from.")
    assert answer.kind == "refusal"
    assert len(answer.notes) == 1 and "NSPCC helpline on 0808 800 5000" in answer.notes[0]
    assert answer.notes[0].startswith("If you are worried about a child"), answer.notes
    # nor, asked nothing of a review, what it could ask of one instead
    assert not retriever.answer("who were the abusers - can you give me their names?").notes


def test_a_refusal_says_what_may_be_asked_of_the_review_it_names(retriever):
    # "which was most to blame, police or probation?" of Surrey's Child BB was told only that
    # it "could ask what a review says went wrong", not which review it could ask of
    answer = retriever.answer("Surrey Child BB - who was most to blame, the police or probation? "
                              "I'm writing to my MP")
    assert answer.kind == "refusal"
    assert answer.notes == ["You could ask what the review of Child BB (Surrey, 2017) found, or "
                            "what it recommended."], answer.notes


@pytest.mark.parametrize(("question", "help_said"), [
    # a helper's: a parent's "wants to die tonight" was answered with a teenager's overdose and
    # self-harm "from the age of 7"; a grandparent's "will they blame us?" with four children's
    # deaths; a neighbour's "what should I do" and a parent's "can the council take my baby?"
    # with other families' cases before the help
    ("my daughter is 15 and has been self harming and said she wants to die tonight", "116 123"),
    ("I'm 14 and I want to kill myself", "0800 1111"),
    ("my son took an overdose last night", "999"),
    ("my son is 15 and took an overdose last year and now says he wants to die", "116 123"),
    ("I'm a teacher - a pupil told me she is going to kill herself tonight, what should I do?",
     "116 123"),
    ("my grandson died last year and there's going to be a review, i cant stop crying, will they "
     "blame us? what happens in a review", "not held to blame anyone"),
    ("my neighbour's toddler is always crying and I saw bruises on his face today, the mum's "
     "boyfriend shouts a lot. what should I do", "0808 800 5000"),
    ("Can the council take my baby away if I'm on a child protection plan for neglect? Do I need "
     "a solicitor and what are my rights?", "legal aid"),
    ("social services want my daughter to sign a PLO written agreement - does she have to sign "
     "it and can they take the baby if she doesnt?", "Family Rights Group"),
    ("my stepdad hits me", "Childline"),
    ("I am in year 9 and scared to go home", "Childline"),
])
def test_someone_in_danger_grieving_or_worried_now_is_given_the_help_alone(retriever, question,
                                                                          help_said):
    answer = retriever.answer(question)
    assert answer.kind == "no_answer" and not answer.citations, answer.text
    assert help_said in answer.text and answer.text == help_first(question)


def test_the_help_given_alone_says_what_a_regrader_found_missing():
    # a regrade of the help: the crisis reply lacked removing the means and Scotland's NHS 24,
    # the bereaved one the child death review's key worker and a charity for bereaved
    # grandparents, the legal one that removing a baby needs a court order or agreement
    assert "remove anything they could use" in CRISIS_SUPPORT and "NHS 24" in CRISIS_SUPPORT
    assert "key worker" in BEREAVED_SUPPORT and "Compassionate Friends" in BEREAVED_SUPPORT
    assert "court order" in LEGAL_SUPPORT and "72 hours" in LEGAL_SUPPORT


@pytest.mark.parametrize("question", [
    # questions about the reviews, a practitioner's own, or someone worried for others
    "reviews of teenagers who wanted to die",
    "what do reviews say about suicidal pupils?",
    "what do reviews say about children who threatened to kill themselves?",
    "Reviews of teenagers who died by suicide or where suicide was suspected",
    "the child's mother died when she was young - what did reviews say about bereaved children?",
    "I'm a social worker and I'm worried about a baby on my caseload, what should I do?",
    "my ex has bad depression and I'm scared she might hurt the kids, have any reviews looked at this?",
    "I'm a teacher and my pupil says her dad hits her",
    # set T: a danger told as past, a practitioner's history of a pupil, had the crisis lines
    ("I'm the DSL at a secondary school. We have a Year 9 girl who has self-harmed on and off "
     "since she was about 7 and took an overdose last year. She has grown up with domestic abuse "
     "at home and mum is quite hostile to us and to CAMHS. The CAMHS referral keeps getting "
     "bounced back and social care say she doesn't meet threshold. What do the reviews say we "
     "should be doing?"),
    "my daughter took an overdose two years ago, do the reviews talk about this?",
])
def test_a_question_about_the_reviews_is_answered_from_them_not_with_help_alone(retriever, question):
    assert help_first(question) is None
    assert retriever.answer(question).kind == "extractive"


@pytest.mark.parametrize(("question", "reviews"), [
    # a helper's relatives, each answered before from reviews on something else: Swindon's
    # Child S (time in hospital) alone; Harry, Alex and Halton on hospitals and GPs
    ("my ex has bad depression and I'm scared she might hurt the kids, have any reviews "
     "looked at this?", {"W family", "Child AB"}),
    ("my niece's mum keeps taking her to different hospitals saying she's really ill but the "
     "doctors never find anything, is that something reviews talk about?",
     {"Children F, G and H", "Child Y"}),
])
def test_a_relatives_everyday_words_find_the_reviews_of_what_they_describe(retriever, question,
                                                                           reviews):
    answer = retriever.answer(question)
    titles = {c.hit.review.title for c in answer.citations}
    assert reviews <= titles, answer.text


def test_a_lists_last_item_is_quoted_without_the_and_that_joined_it(retriever):
    # Luton's Child J: "... Learning: ...; and transfer of information between health
    # visitors where families are transient." was quoted from its "and", a fragment.
    hit = next(h for h in retriever.search("transfer of information between health visitors "
                                           "where families are transient", k=20)
               if "families are transient" in h.chunk.text)
    quote = next(q for q, _ in quotable_sentences(hit, 5) if "families are transient" in q.text)
    assert quote.text.startswith("transfer of information between health visitors"), quote.text
    text = retriever.store.document_text(hit.chunk.document_id)
    assert " ".join(text[quote.start:quote.end].split()) == quote.text  # offsets kept true
    assert text[:quote.start].rstrip().endswith("and")
    answer = retriever.answer("What did reviews recommend for health visitors?")
    assert _quotes(answer) and not any(q.startswith(("and ", "or ")) for q in _quotes(answer))


def test_a_kind_term_the_question_names_is_answered_from_the_passages_that_use_it(retriever):
    # "the National Referral Mechanism": Samuel, Shay and Joy's "use of the National Referral
    # Mechanism (NRM)" was first of BM25's list but past the passages read, and, mostly in
    # capitals with no full stop, taken for a title; Baby Sama's anonymous "referrals" led.
    answer = retriever.answer("What do reviews say about the National Referral Mechanism?")
    assert _quotes(answer)[0] == "use of the National Referral Mechanism (NRM)", answer.text
    # and where the entry comes third, with a sentence the model likes better: that entry
    # quoted "adopt the term 'extra-familial harm'", not the term asked about
    other = retriever.answer("modern slavery or National Referral Mechanism for exploited children")
    samuel = next(g for g in other.groups if "Samuel" in g.heading)
    assert "National Referral Mechanism" in samuel.sentences[0][0], other.text


def test_the_latest_review_in_the_database_lists_the_newest_reviews(retriever):
    # "what's the latest review in the database?" searched "latest" and "database" (and the
    # "s" of "what's") as its topic, found nothing, and said no passage uses "latest".
    plan = retriever.understand("what's the latest review in the database?")
    assert plan.lists_reviews and plan.recent == "newest"
    answer = retriever.answer("what's the latest review in the database?")
    assert plan.year_from is not None
    assert answer.citations and all((c.hit.review.year or 0) >= plan.year_from
                                    for c in answer.citations), answer.text
    assert not any(n.startswith("No passage") for n in answer.notes), answer.notes


def test_the_oldest_review_lists_the_oldest_years_reviews(retriever):
    # "what's the oldest review?" quoted Baby Sama's timeframe and "Reviews are not ends in
    # themselves", and said no passage uses "oldest"
    reviews = retriever.store.reviews(retriever.store.review_ids())
    oldest = min(r.year for r in reviews if r.year)
    first = {r.id for r in reviews if r.year == oldest}
    answer = retriever.answer("what's the oldest review?")
    assert retriever.understand("what's the oldest review?").recent == "oldest"
    assert first and {g.review_id for g in answer.groups} == first, answer.text
    assert (f"Only the {len(first)} reviews published in {oldest} (the oldest in the index, as your "
            "question asks) were searched.") in answer.notes, answer.notes
    # and with a topic, the oldest year's reviews on it
    neglect = retriever.answer("the earliest reviews about neglect")
    assert neglect.citations and all(c.hit.review.year == oldest for c in neglect.citations), neglect.text


@pytest.mark.parametrize("question", ["help", "Help!", "what can I ask?", "hello",
                                      "how do I use this?",
                                      # (a helper's: no passage found, and C101's "pre-birth tool")
                                      "what are you and what can you do?", "what can this tool do?",
                                      "who are you?"])
def test_a_question_on_how_to_use_the_tool_is_told_how(retriever, question):
    # "help" searched the word and answered "No relevant passages found".
    answer = retriever.answer(question)
    assert answer.kind == "no_answer" and answer.text == HELP and not answer.citations


def test_help_with_a_topic_is_a_question_on_the_topic(retriever):
    answer = retriever.answer("help with neglect cases")
    assert answer.kind == "extractive" and answer.citations


def test_the_reviews_an_author_wrote_are_listed_from_the_catalogue(retriever):
    # "which reviews did Jane Wiffin write?" quoted Baby Sama's "writing for multiple
    # audiences": the catalogue records who wrote which review, with its source.
    written = [r for r in retriever.store.reviews() if "Jane Wiffin" in r.authors]
    assert len(written) >= 2
    for question in ("Which reviews did Jane Wiffin write?", "reviews by jane wiffin"):
        answer = retriever.answer(question)
        assert answer.kind == "catalogue" and not answer.citations
        assert f"as the author of {len(written)} reviews" in answer.text, answer.text
        assert all(r.heading in answer.text for r in written), answer.text
        assert sum(", author: " in note for note in answer.notes) == len(written), answer.notes
    # a question on a topic "by" someone no review was written by is a question on the topic
    assert retriever.answer("babies shaken by their fathers").kind == "extractive"
    # nor one naming a review by its author as well, that asks what it found ("what about
    # child R in haringey, by Moira Murray - any good practice picked out?", set AE, was told
    # the reviews she wrote)
    answer = retriever.answer("the Calderdale Jeanette SCR by Barry Raynes - what went wrong?")
    assert answer.kind == "extractive", answer.text
    assert {g.review_id for g in answer.groups} == {"calderdale-2016-jeanette"}, answer.text
    # and "written by" a name says who wrote it, not asks (it was told the author again), and
    # the name is no word to search ("no passage uses moira, murray")
    answer = retriever.answer("Gloucestershire's Philip review, written by Jane Wiffin - what did "
                              "it recommend?")
    assert answer.kind == "extractive", answer.text
    assert not any("wiffin" in note.lower() for note in answer.notes), answer.notes


def test_who_wrote_the_reviews_is_answered_from_the_catalogue_by_author(retriever):
    # "who wrote the reviews?" quoted Baby Sama's "Reviews are not ends in themselves"; "which
    # newsletter summaries name the review author ...?" found nothing
    reviews = retriever.store.reviews()
    named = [r for r in reviews if r.authors]
    for question in ("who wrote the reviews?", "which reviews name their author?",
                     "Which newsletter summaries name the review author, and does any author "
                     "appear more than once?"):
        answer = retriever.answer(question)
        assert answer.kind == "catalogue" and not answer.citations, answer.text
        assert answer.text.startswith(f"{len(named)} of the index's {len(reviews)} reviews "
                                      "record their author: "), answer.text
        assert all(r.label in answer.text for r in named)
        assert "Authors of more than one: Jane Wiffin." in answer.text, answer.text
    # one review's author, and a topic that says "author", are not the list
    assert retriever.answer("who wrote the Baby Sama review?").text.startswith("Baby Sama")
    assert retriever.answer("what do reviews say about the author of a referral").kind == "extractive"


def test_who_wrote_a_theme_s_or_a_place_s_reviews_is_answered_from_the_catalogue(retriever):
    # set AB: "who wrote the CSE reviews" quoted five reviews' lines on CSE and named no author
    tagged = retriever.reviews_carrying("child exploitation")
    named = [r for r in retriever.store.reviews(sorted(tagged)) if r.authors]
    assert len(tagged) > len(named) >= 2
    answer = retriever.answer("who wrote the CSE reviews")
    assert answer.kind == "catalogue" and not answer.citations, answer.text
    assert answer.text.startswith(f"Of the {len(tagged)} reviews tagged with child exploitation, "
                                  f"{len(named)} record their author: "), answer.text
    assert all(f"{r.label} was written by {said_as_list(r.authors)}." in answer.text for r in named)
    assert sum(", author: " in note for note in answer.notes) == len(named), answer.notes
    # a place's, and its years'
    bradford = retriever.answer("who wrote the Bradford reviews")
    assert bradford.text == ("Of the 3 reviews from Bradford, 1 records its author: "
                             "Jack (Bradford, 2017) was written by Stephen Ashley."), bradford.text
    # asked with something else, the passages answer it
    assert retriever.answer("who wrote the CSE reviews and what did they find").kind == "extractive"


def test_which_documents_describe_a_named_review_is_answered_from_the_index(retriever):
    # set AC: "is it in both the newsletter and the NSPCC list?" (of Harry's review) was
    # searched in both documents, and listed twenty reviews
    labels = {d.id: d.label for d in retriever._source_names()}
    harry = retriever.store.review_documents("thurrock-2017-harry")
    assert len(harry) == 2
    for question in ("Thurrock 2017 – Harry: is it in both the newsletter and the NSPCC list?",
                     "which documents is the Harry review in?"):
        answer = retriever.answer(question)
        assert answer.kind == "catalogue" and not answer.citations, answer.text
        assert answer.text.startswith("Harry (Thurrock, 2017) is described in 2 of the index's documents: "
                                      f"{labels[harry[0]]} and {labels[harry[1]]}. Its entries there run to "
                                      ), answer.text
    # a document it is not in, named, is said to be one it is not in
    torbay = next(d for d, label in labels.items() if "Torbay" in label)
    jack = retriever.answer("is the Jack review in the Torbay digest?")
    assert jack.text.endswith(f"It is not in {labels[torbay]}."), jack.text
    # not documents asked about a topic
    assert retriever.answer("which documents say something about neglect").kind == "extractive"


def test_what_worked_well_is_answered_from_good_practice_without_the_none_found_note(retriever):
    # "what worked well?" left "well" as its topic once "what worked" was read as praise: the
    # good practice quoted was said to be none ("None of the passages found records good
    # practice on this").
    answer = retriever.answer("what worked well?")
    assert answer.citations and NO_PRAISE not in answer.notes, answer.notes
    assert all("good practice" in q.lower() for q in _quotes(answer)), answer.text


HEALTH_VISITOR = (
    "Hi, I'm a health visitor in a busy team and I've got a family where mum had older children "
    "removed before and now she's pregnant again with a new partner who won't let me see him or "
    "give his surname, my manager says we can't do much until baby's born but I keep hearing "
    "that reviews say we should think about the dads earlier, what exactly do the reviews say "
    "about including fathers and partners in pre-birth work?")


HEAD_OF_YEAR = (
    "I'm head of year at a secondary school. One of my Year 9 girls has gone from full attendance "
    "to about 60% this term. She's turned up with a new iPhone and designer trainers that mum says "
    "she \"got from a friend\". Staff have seen her getting into a car with older lads at the school "
    "gates, and she's started hanging around with a Year 11 girl we already have concerns about. "
    "Mum is working nights and says she can't keep track of her. She laughs it off when we ask. "
    "What do case reviews say about the warning signs we should be picking up on and what schools "
    "should do?")


@pytest.mark.parametrize(("message", "asked"), [
    (HEALTH_VISITOR, "what exactly do the reviews say about including fathers and partners in "
                     "pre-birth work?"),
    ("I work in a nursery and a little girl keeps arriving hungry and in dirty clothes and mum "
     "says money is tight, my manager thinks it's poverty not neglect, is there anything in the "
     "reviews about telling poverty apart from neglect?",
     "is there anything in the reviews about telling poverty apart from neglect?"),
    # the last clause asks nothing of its own: the story is what it is about
    ("I'm a DSL in a secondary school and we have a Year 10 boy who's been excluded twice, hangs "
     "around with older lads, has new trainers and two phones, and the police keep stopping him "
     "- I'm trying to understand what went wrong in similar reviews, what did they find?", None),
    # what it asks about follows the question, and is most of the message
    ('I copied this from our audit, which published reviews had similar findings: "practitioners '
     "accepted parental accounts at face value, fathers were rarely included in assessments, and "
     'where neglect was identified its cumulative impact was not analysed. Supervision was task '
     'focused."', None),
    ("what do reviews say about including fathers and partners in pre-birth work?", None),
    # nor one that names only whom it asks of: the story is what it asks about ("schools"
    # alone was searched, and led with school absences and epilepsy)
    ("I'm a teacher. a year 10 boy keeps turning up with new trainers and phones, he's been "
     "excluded twice and there's talk he carries a knife. what do the reviews say schools should "
     "do?", None),
    # a last question that names nothing of its own needs the story before it
    ("I'm the DSL at a primary. A parent who also works in our school keeps making allegations "
     "about other staff members. Has anything like this come up in case reviews?", None),
    ("I'm a community midwife starting a pre birth assessment. Mum was in care at 15 and her "
     "partner is a lot older than her. what does the learning say I should look at?", None),
    # nor one asking for the warning signs (of what, the story says: "older lads" and a new
    # iPhone had been left out, and schools' absences and epilepsy led)
    (HEAD_OF_YEAR, None),
    # a case the story names goes with its question (the audit was searched across every
    # review)
    ("As a business manager I want to audit our partnership against the Baby Sama 'areas for "
     "consideration' - can you list the questions the review put to the board under each "
     "learning point?", "can you list the questions the review put to the board under each "
                        "learning point? (Baby Sama)"),
    # and so do the words it quotes (the plan's own words were left out, and Baby Sama's plan,
    # which says them, was missed)
    ('the plan just says dad will "work with the local authority in all assessments" and do a '
     "hair strand test - no dates on anything, how do we know if it's drifting?",
     "how do we know if it's drifting? (work with the local authority in all assessments)"),
    # a last question that points back at the story needs it, though it names a case ("what
    # did the Sama review say about this kind of thing" quoted Sama's conference dates)
    ("family nurse - my 17yo client's partner is 28 and she met him when she was 14. she says "
     "its a proper relationship. what did the Sama review say about this kind of thing", None),
    # a message that opens by asking asks in two parts (its first, on Sameer, was lost)
    ("What did the Sameer learning brief ask the board to request from the Early Help Board, "
     "and have other reviews asked partnerships to check what difference early help is making?",
     None),
    # nor after a label: the last part's "that" is the first part's subject
    ("Student probation officer: what does it mean when someone is assessed as a high or "
     "medium risk of harm to 'known adults', and how did that play out in the Sama review?",
     None),
    # one asking about cases "like this" asks about the story (a pasted referral ending "Are
    # there any case reviews about kids like this and what did they recommend?" was searched
    # for its last sentence alone, and answered with a 7-year-old girl's case)
    ("Pasted from a referral: 15 year old boy, permanently excluded in year 10, now in "
     "alternative provision, missing episodes at night, found with a knife twice, hanging around "
     "with older lads known to police, older brother was stabbed last year, mum struggling. Are "
     "there any case reviews about kids like this and what did they recommend?", None),
    # nor one asking whether reviews have seen it, or how it goes wrong (each was searched
    # alone: "Have reviews seen this before?" quoted Baby Sama's midwife booking)
    ("Mum drinks heavily but honestly in every meeting she's the most likeable person in the "
     "room - bright, warm, really self-aware about her drinking - and I think we've all gone "
     "soft on her. Have reviews seen this before?", None),
    ("I'm a family nurse: I still can't get into the GP system for my new client, the midwife "
     "says there was no domestic abuse flag on mum's notes, but police have just told us she "
     "was assessed as high risk a couple of years ago. How does this go wrong according to the "
     "reviews?", None),
    # nor one asking what "the reports" say (searched alone, it quoted Baby Sama's statutory
    # guidance on SCR reports)
    ("my 14 yr old has completely turned against me and her dad since she started hanging round "
     "with a girl of about 19. she stays out, says we're controlling and the girl is the only one "
     "who gets her. police say she's not a missing person if she comes back. what do the reports "
     "say?", None),
    # nor one asking what to raise (a midwife's, searched alone, quoted Baby Sama's
    # "discharge"), nor one asking for films or toolkits and a case to discuss (a trainer's
    # lost its session on radicalisation)
    ("I'm a community midwife. A woman came in last night in labour having had no antenatal "
     "care at all, says she didn't realise she was pregnant. Two older kids at home, partner "
     "known to police for dealing. Discharge planning meeting is tomorrow - what have case "
     "reviews said that I should raise?", None),
    ("putting together a twilight session for secondary staff on prevent and radicalisation - "
     "are there any films or toolkits mentioned in the documents i could use, plus a real case to "
     "discuss?", None),
    # a case the story names goes with the place and year said before it ("Child S" alone
    # was answered from three Child S reviews, with a note to name a place or year) ...
    ("I am reading about Waltham Forest 2017 Child S, whose family moved boroughs and whose "
     "records did not follow them. what did the review recommend about transfers between local "
     "authorities?", "what did the review recommend about transfers between local authorities? "
                     "(Waltham Forest 2017 Child S)"),
    # ... and one asking "about that and" more asks about the story too
    (BIRMINGHAM_CHILD_S, None),
    # nor one whose question asks nothing of its own ("does this ring any bells?" was told
    # no passage uses "ring" or "bells"), nor one asking of someone "in his situation"
    ("housing officer. single mum with two kids facing eviction, very depressed since the "
     "youngest was born and on a methadone script. today she said she can't see a way out for "
     "any of us. does this ring any bells?", None),
    ("GP. separated dad with depression came in for more sleeping tablets, said 'the kids would "
     "be better off without me'. he has his 6 yr old daughter every other weekend. does "
     "anything in the reviews apply here?", None),
    ("I'm a youth worker at a drop-in. 16 yr old lad from Eritrea, came over in the back of a "
     "lorry 3 weeks ago. says he cant sleep and keeps saying 'better to die'. what have reviews "
     "said about young people in his situation?", None),
    ("I work in a drug and alcohol team. my client is on a methadone script and his partner had "
     "their 2nd baby 7 weeks ago. he answers for her when I ring, tracks her phone and she isn't "
     "allowed her own bank card. is this something reviews have picked up on?", None),
    # nor one asking where two things compared agree ("... - where do they agree and where do
    # they differ?" was searched alone, and quoted Baby Sama's age gap)
    ("For a training slide, compare what the Baby Sama review and the Sameer learning brief "
     "each say about escalation of professional disagreements - where do they agree and where "
     "do they differ?", None),
])
def test_a_long_message_is_searched_for_the_question_it_ends_with(message, asked):
    assert the_question_asked(message) == (asked or message)


def test_a_named_case_in_a_story_is_answered_for_the_story_and_its_question(retriever):
    answer = retriever.answer(BIRMINGHAM_CHILD_S)
    assert {g.heading for g in answer.groups} == {"Birmingham 2017 – Child S (serious case review)"}
    quoted = " ".join(_quotes(answer))
    assert "friends and relatives were aware of the injuries" in quoted, quoted
    assert "migrant communities" in quoted, quoted
    assert not any("name a place or year" in note for note in answer.notes), answer.notes


def test_a_review_a_story_names_by_a_title_that_is_no_childs_goes_with_its_question(retriever):
    # "Martin's SCR was published 'on behalf of an unnamed London LSCB' — why would the board
    # not be named ...?" (set AE, read half) was searched for its last clause alone, and quoted
    # Hertfordshire's Child A and the Isle of Wight's Child G
    answer = retriever.answer(
        "Jeanette's review in the newsletter lists its author and its board, which not every "
        "entry does - why would a board leave its name off, and what can we still learn from it?")
    assert {g.review_id for g in answer.groups} == {"calderdale-2016-jeanette"}, answer.text


def test_a_story_asking_whether_reviews_have_seen_it_is_answered_from_the_story(retriever):
    # searched as "Have reviews seen this before?", it quoted Baby Sama's midwife booking and
    # an anonymous call; Staffordshire's mother "pleasant, intelligent, and having insight into
    # her difficulties" is the likeable drinking mother, and what it learnt, that she "was not
    # challenged or confronted about her behaviour", is what a story asks for beside her case
    answer = retriever.answer(
        "Mum drinks heavily but honestly in every meeting she's the most likeable person in the "
        "room - bright, warm, really self-aware about her drinking - and I think we've all gone "
        "soft on her. Have reviews seen this before?")
    assert answer.groups[0].heading.startswith("Staffordshire 2017 – Child B"), answer.text
    assert any("not challenged or confronted" in q for q in _quotes(answer)[:3]), answer.text


def test_a_long_message_quoting_a_plan_finds_the_review_that_says_it(retriever):
    answer = retriever.answer('the plan just says dad will "work with the local authority in all '
                              'assessments" and do a hair strand test - no dates on anything, how do '
                              "we know if it's drifting?")
    assert answer.groups[0].review_id == "bedford-2017-baby-sama", answer.text
    assert "to work with the Local Authority in all assessments" in answer.text, answer.text


def test_the_signs_a_story_tells_are_searched_in_the_reviews_words(retriever):
    # a Year 9 girl "getting into a car with older lads" with a new iPhone: no review of child
    # sexual exploitation was quoted
    assert "child sexual exploitation" in retriever.retrieve(HEAD_OF_YEAR).expanded
    answer = retriever.answer(HEAD_OF_YEAR)
    exploitation = retriever.reviews_carrying("child exploitation")
    assert len({g.review_id for g in answer.groups} & exploitation) >= 2, answer.text


def test_a_practitioners_story_before_the_question_is_neither_refused_nor_searched(retriever):
    # The health visitor's partner "won't ... give his surname": refused as if she had asked
    # for one; and searched whole, her story led with Baby Sama's parents at their conference.
    answer = retriever.answer(HEALTH_VISITOR)
    assert answer.kind == "extractive", answer.text
    assert answer.notes[0] == LIVE_CASE_NOTE
    assert any(note.startswith("Searched for what your message asks: “what exactly do the "
                               "reviews say about including fathers") for note in answer.notes)
    assert any(re.search(r"\binvolv\w* (?:birth )?fathers\b", q) for q in _quotes(answer)[:4]), \
        answer.text


def test_a_span_of_years_in_a_reviews_title_is_no_publication_year(retriever):
    # "bucks CSE review 1998-2016 ..." was told "No review published in 1998 is in the index"
    question = "bucks CSE review 1998-2016 how many thames valley police operations were there"
    assert retriever.understand(question).year_from is None
    answer = retriever.answer(question)
    assert not any("1998" in n for n in answer.notes), answer.notes
    assert answer.citations[0].hit.review.area == "Buckinghamshire", answer.text
    assert retriever.understand("reviews 2017").year_from == 2017  # a year alone still is
    # nor is the span said in words ("from 1998 to 2016" was told "No review from
    # Buckinghamshire published in 1998 is in the index")
    spoken = "review of all the CSE cases in Buckinghamshire from 1998 to 2016"
    plan = retriever.understand(spoken)
    assert (plan.year_from, plan.year_to, plan.place) == (None, None, "Buckinghamshire")
    answer = retriever.answer(spoken)
    assert not any("1998" in n for n in answer.notes), answer.notes
    assert answer.citations[0].hit.review.area == "Buckinghamshire", answer.text
    spans = retriever.understand("reviews from 2016 to 2018")  # a span no title gives still is
    assert (spans.year_from, spans.year_to) == (2016, 2018)


def test_a_criminal_record_is_searched_as_the_reviews_criminal_history(retriever):
    # "my ex's new boyfriend has a criminal record ..." quoted GPs recording information on
    # adult records
    answer = retriever.answer("my ex's new boyfriend has a criminal record. is there a review "
                              "where a partner with a record hurt a child and nobody checked")
    assert re.search(r"criminal (?:history|background)", _quotes(answer)[0]), answer.text


def test_a_reviews_term_the_model_reads_as_another_is_quoted_where_passages_say_it(retriever):
    # "any reviews where a young carer got missed" quoted foster carers: the model reads
    # carers alike, and Merton's Child B, a young carer, was not among the passages read
    answer = retriever.answer("any reviews where a young carer got missed")
    assert answer.citations and answer.citations[0].hit.review.area == "Merton", answer.text
    assert any("young carer" in q for q in _quotes(answer)), answer.text


@pytest.mark.parametrize("question", ["which reviews show over-optimism?",
                                      "which reviews show the rule of optimism?"])
def test_a_theme_the_model_reads_poorly_is_quoted_where_reviews_name_it(retriever, question):
    # "which reviews show over-optimism?" had no answer: passages saying "overly optimistic"
    # score 0.14 by meaning, and those read first named it in keyword lines alone
    answer = retriever.answer(question)
    assert answer.kind == "extractive", answer.text
    quotes = [q for q in _quotes(answer) if "optimis" in q.lower()]
    assert len({c.hit.review.id for c in answer.citations
                if any(q in c.hit.chunk.text for q in quotes)}) >= 2, answer.text


@pytest.mark.parametrize(("question", "opening"), [
    # a named case's account leads, from its opening: "tell me about the Child K review"
    # quoted "Child K was taken to hospital by ambulance where her death was confirmed" first
    ("tell me about the Child K review",
     "Death of a baby girl, Child K, who drowned in a bath in the presence of her older "
     "brother and sister."),
    ("tell me about the North East Lincolnshire Child T review",
     "Death of a 4-year-1-month-old girl as a result of non-accidental head injuries"),
    # a trainer's: four dates of Sama's assessments and conferences, never what happened
    ("Give me a short case summary of the Baby Sama review that I can read out at the start "
     "of a training session",
     "In October 2015 the mother and father of Sama (not their real name) were involved in an "
     "altercation outside Sama’s home address."),
    ("summarise the Child K review", "Death of a baby girl, Child K, who drowned"),
    ("tell me more about the Child K review", "Death of a baby girl, Child K, who drowned"),
    # a name said alone asks for the case: "the Croydon Joe review" quoted three lines of its
    # learning; "Baby Bailey", that Bailey had been co-sleeping, not that he died
    ("the Croydon Joe review", "Serious injury of a 2-year-11-month-old boy in June 2016"),
    ("Baby Bailey", "Death of a 7-week-old boy in November 2015."),
    ("What is the Child K review about?", "Death of a baby girl, Child K, who drowned"),
    # a review titled by one letter, named in quotes ("the Brighton 'A' review" was read as
    # Brighton's two reviews, and its follow-ups carried Siblings W and X)
    ("the Brighton 'A' review", "Death by suicide of a 17-year-old boy in January 2016."),
    ("what happened in the \u2018A\u2019 case in Brighton and Hove?", "Death by suicide of a 17-year-old"),
])
def test_a_named_cases_story_opens_with_its_account(retriever, question, opening):
    answer = retriever.answer(question)
    assert retriever.understand(question).wants_account
    assert answer.groups and answer.groups[0].sentences[0][0].startswith(opening), answer.text


def test_a_review_named_with_its_place_is_that_review_not_a_list_of_the_places(retriever):
    # "what happened in the 'A' case in Brighton and Hove?" says nothing else but stopwords:
    # it was read as a list of Brighton's reviews, and noted "This answer quotes 1 of them"
    for question in ("what happened in the \u2018A\u2019 case in Brighton and Hove?",
                     "what happened to Child A in the Bradford 2020 case?"):
        plan = retriever.understand(question)
        assert len(plan.named_reviews) == 1 and not plan.lists_reviews, plan
        answer = retriever.answer(question)
        assert {g.review_id for g in answer.groups} == set(plan.named_reviews), answer.text
        assert not any("of them" in note for note in answer.notes), answer.notes
    # and its follow-up is asked of it alone, not of Siblings W and X beside it
    first = retriever.answer("the Brighton 'A' review")
    asked = retriever.read_in_conversation("what did it recommend?", "the Brighton 'A' review",
                                           [g.heading for g in first.groups])
    assert asked == "Brighton and Hove 2017 – 'A': what did it recommend?", asked


def test_a_named_case_asked_of_a_topic_is_answered_on_the_topic_not_its_account(retriever):
    assert not retriever.understand("what happened to Sameer at school?").wants_account
    assert not retriever.understand("tell me about the Child K review: what did it recommend?"
                                    ).wants_account
    # nor is a summary of what reviews say a case's story
    summary = retriever.understand("give me a summary of what reviews say about neglect")
    assert not summary.wants_story and not summary.wants_account


def test_a_question_pointing_back_at_the_story_is_answered_on_the_story(retriever):
    # "... she met him when she was 14 ... what did the Sama review say about this kind of
    # thing" was searched as its last clause: Sama's referral and conference dates
    answer = retriever.answer("family nurse - my 17yo client's partner is 28 and she met him "
                              "when she was 14. she says its a proper relationship. what did "
                              "the Sama review say about this kind of thing")
    assert {c.hit.review.title for c in answer.citations} == {"Baby Sama"}, answer.text
    assert any(re.search(r"aged 14|age difference|age differential", q) for q in _quotes(answer)), \
        answer.text


def test_an_acronym_the_model_reads_as_letters_is_searched_as_its_long_form_too(retriever):
    # "SUDI" had no answer: Emily's "Sudden Unexpected Death in Infancy (SUDI)" was first of
    # BM25's list, but its cosine with the four letters was 0.04, under the answer's floor.
    answer = retriever.answer("SUDI")
    assert answer.kind == "extractive" and answer.groups[0].review_id.endswith("emily"), answer.text
    assert "(SUDI)" in _quotes(answer)[0], answer.text


def test_an_acronym_no_passage_uses_is_searched_as_its_themes_terms(retriever):
    # "SEND children" searched the word "send", which no passage holds, and quoted Luton's
    # "They were known to children's social care services."
    answer = retriever.answer("SEND children")
    assert any(note.startswith("No passage in the index uses “SEND”: also searched for the "
                               "reviews' own terms: special educational needs") for note in answer.notes), \
        answer.notes
    assert answer.citations and re.search(r"disab|special educational|complex needs",
                                          answer.citations[0].hit.chunk.text, re.I), answer.text
    # not a word no passage uses that is no acronym ("teachers"), nor one typed in lower case
    other = retriever.answer("examples involving online abuse for a teachers INSET day")
    assert not any("also searched" in note and "teachers" in note for note in other.notes)


@pytest.mark.parametrize("question", [
    "tell me more", "same but only 2017", "what about the recommendations?",
    "anything else?", "what about them?",
    "and what about the second one you mentioned?",
    "can you expand on the last case you told me about",
    "and the recommendations?",  # (quoted four reviews' recommendations on nothing)
    "and", "also", "and the",  # (told no passage was found, and answered "on its own")
    "tell me more about the second one",  # (quoted foster carers and police systems)
    "what did that review recommend?", "what did it find?",  # (quoted a stabbing)
])
def test_a_message_that_needs_the_last_answer_says_each_is_answered_alone(retriever, question):
    # "same but only 2017" searched the word "same"; "what about the recommendations?"
    # quoted four reviews' recommendations on nothing in particular
    answer = retriever.answer(question)
    assert answer.kind == "no_answer" and answer.text == ANSWERED_ALONE and not answer.citations


@pytest.mark.parametrize("question", ["can you summarise that in 3 bullet points",
                                      "summarise that", "please rephrase the last answer",
                                      # (had no answer: no passage holds "quote")
                                      "give me the full quote", "can I see the whole passage",
                                      # (set AG: "can you give me that in 3 bullets for a team
                                      # briefing" had no answer)
                                      "could you put it into a short list for my manager",
                                      # (set AH's held-out half, after its grading: "can you
                                      # say that more simply?" searched the last question)
                                      "could you explain the learning a bit more simply?",
                                      "say it in plain language please"])
def test_a_message_asking_to_rework_the_last_answer_says_the_answers_are_quoted(retriever,
                                                                               question):
    # "summarise that" in the web chat was told that only a conversation (the web chat)
    # reads a follow-up
    answer = retriever.answer(question)
    assert answer.kind == "no_answer" and answer.text == REWORK_ASKED and not answer.citations
    assert "conversation" not in answer.text


@pytest.mark.parametrize(("message", "asked"), [
    # what it asks for, not what the last question did ("what went wrong")
    ("and the recommendations?", "escalation: the recommendations?"),
    ("what about the recommendations?", "escalation: the recommendations?"),
    ("and what went well?", "escalation: what went well?"),
    ("same but only 2017", "what went wrong with escalation: 2017 reviews"),
    ("but only in 2018?", "what went wrong with escalation: 2018 reviews?"),
    # nothing to add, or about the last answer itself, or a topic of its own: not read with it
    ("tell me more", None), ("anything else?", None), ("summarise that", None),
    ("tell me more about the second one", None),
    ("what did the Child K review recommend?", None),
    # a theme it turns to, in place of the last question's
    ("what about neglect?", "what went wrong with neglect"),
    # an agency it turns to, beside the last question's topic
    ("and what about the police?", "what went wrong with escalation: the police"),
])
def test_a_follow_up_that_adds_to_the_last_question_is_read_with_it(message, asked):
    assert with_last_question(message, "what went wrong with escalation?") == asked


@pytest.mark.parametrize(("last", "message", "asked"), [
    # the family member it names in place of the one the last question asked of ("and the
    # dads?" had been searched as "... brothers and sisters: the dads", and answered the same)
    ("Staffordshire 2017 – Child B: did anyone listen to her brothers and sisters?", "and the dads?",
     "Staffordshire 2017 – Child B: did anyone listen to the dads"),
    ("what did reviews say about mothers who drink?", "and the dads?",
     "what did reviews say about the dads who drink"),
    ("were the grandparents relied on too much?", "what about aunts and uncles?",
     "were the aunts and uncles relied on too much"),
    # not a review's name ("Siblings W and X"), nor one whose member it is ("the mother's
    # partner", "Child B's siblings"), nor the people of a story it told
    ("Brighton and Hove 2017 – Siblings W and X: did the fathers get a say?", "and the mothers?",
     "Brighton and Hove 2017 – Siblings W and X: did the mothers get a say"),
    ("was the mother's partner assessed?", "and the dads?", "was the mother's partner assessed: the dads"),
    ("14 month old died co-sleeping with her mum and nan who'd both been drinking", "and the dads?",
     "14 month old died co-sleeping with her mum and nan who'd both been drinking: the dads"),
])
def test_a_follow_up_naming_a_family_member_turns_the_last_question_to_them(retriever, last,
                                                                          message, asked):
    assert retriever.read_in_conversation(message, last) == asked


@pytest.mark.parametrize(("message", "review"), [
    ("tell me more about the second one", "Bradford 2018 – Sameer"),
    ("and what about the second one you mentioned?", "Bradford 2018 – Sameer"),
    ("can you expand on the last case you told me about", "2024 – Child V"),
    # with the kind of passage it asks for
    ("can you give me just the recommendations from the second one you listed",
     "Bradford 2018 – Sameer recommendations"),
    ("tell me more about the fifth one", None),  # it quoted three
    ("summarise your last answer", None),  # a rework, which an extract cannot do
])
def test_a_follow_up_on_a_review_of_the_last_answer_is_read_with_that_review(retriever, message,
                                                                              review):
    reviews = ["Bedford 2017 – Baby Sama", "Bradford 2018 – Sameer", "2024 – Child V"]
    asked = with_last_question(message, "what went wrong with escalation?", reviews)
    topic = "escalation" if review and review.endswith("recommendations") else (
        "what went wrong with escalation")
    assert asked == (review and f"{topic}: {review}")
    if review:  # answered from that review
        groups = retriever.answer(asked).groups
        assert groups and groups[0].heading.startswith(review.removesuffix(" recommendations")), \
            groups


def test_one_of_the_reviews_the_last_question_named_is_asked_that_question_alone(retriever):
    # "tell me more about the second one" after "... and Swindon – Child D: what did they
    # recommend?" was asked of all four again, the second appended
    reviews = ["Liverpool 2017 – Chris", "Birmingham 2017 – Child D", "Nottingham 2017 – Baby ON16",
               "Swindon 2016 – Child D"]
    last = ("Liverpool – Chris, Birmingham – Child D, Nottingham – Baby ON16 and Swindon – Child D: "
            "what did they recommend?")
    asked = with_last_question("tell me more about the second one", last, reviews)
    assert asked == "Birmingham 2017 – Child D: what did it recommend"
    assert [g.review_id for g in retriever.answer(asked).groups] == ["birmingham-2017-child-d"]


def test_reviews_named_apart_are_told_in_the_order_named(retriever):
    # set K: "what did it recommend?" after Norfolk's Child P led an answer was read as asked of
    # its three reviews, and led with Edinburgh's, the last; one name of two reviews ("the
    # Child S review") still leads with the closer
    asked = ("Norfolk 2016 – Child P, 2017 – Child F and Family and Edinburgh 2017 – The Sexual "
             "abuse of children in care: what did they recommend?")
    assert [g.review_id for g in retriever.answer(asked).groups] == [
        "norfolk-2016-child-p", "anonymous-2017-child-f",
        "edinburgh-2017-the-sexual-abuse-of-children-in-care"]
    assert retriever.understand("compare Baby Sama and Sameer").named_reviews == (
        "bedford-2017-baby-sama", "bradford-2018-sameer")
    answer = retriever.answer("In the Child S review, where had the family moved from and what does that "
                              "teach about transferring cases between local authorities?")
    assert answer.groups[0].review_id == "waltham-forest-2017-child-s", answer.text


_SAMA = "Bedford 2017 – Baby Sama (serious case review)"
_BAILEY = "Durham 2017 – Baby Bailey (serious case review)"
_CHILD_G = "Wolverhampton 2018 – Child G (serious case review)"
_MERTON = "Merton 2017 – Child B (serious case review)"
_EXCLUDED = ["Thurrock 2017 – Harry (serious case review)",
             "2024 – Samuel, Shay, and Joy (local child safeguarding practice review)"]
_CHILD_T = ["Warwickshire 2017 – Child T (serious case review)"]


# follow-ups by pronoun, correction or another name (see the test below)
_BY_PRONOUN_CORRECTION_OR_ANOTHER = [
    # the children of the last answer by a pronoun ("how old were they?" after school
    # exclusions, searched alone, gave Baby Sama's and other children's ages); and after their
    # ages, the reviews alone ("which ones mention gangs?" is not of their ages)
    ("how old were they?", "any reviews about kids excluded from school", _EXCLUDED,
     "Thurrock 2017 – Harry and 2024 – Samuel, Shay, and Joy: how old were they?"),
    ("which ones mention gangs?", "Thurrock 2017 – Harry and 2024 – Samuel, Shay, and Joy: how "
     "old were they?", _EXCLUDED, "Thurrock 2017 – Harry and 2024 – Samuel, Shay, and Joy: which "
     "ones mention gangs?"),
    # "why?" of the last question (it quoted Baby Sama's "why things can go wrong")
    ("why?", "reviews where police decisions were criticised", _EXCLUDED,
     "reviews where police decisions were criticised: why?"),
    # "why did it go wrong?" of the last question, as "what went wrong?" is (after mothers
    # drinking with babies on a plan it quoted Baby Sama's "Failure to review judgements and
    # plans is a predictable and persistent error in human reasoning")
    ("why did it go wrong?", "reviews where mum was drinking heavily and the kids were on a CP "
     "plan: babies", _EXCLUDED, "where mum was drinking heavily and the kids were on a CP plan: "
     "babies: why did it go wrong?"),
    # "it" and "that" for what the last question asked about (quoted a foreword; no answer)
    ("which reviews mention it", "what is disguised compliance?", [],
     "which reviews mention disguised compliance"),
    ("what does that mean", "which reviews talk about unknown men", [], "what does unknown men mean"),
    ("examples?", "which reviews talk about unknown men", [], "examples of unknown men"),
    # narrowing (each was searched alone, dropping the topic)
    ("only reviews about babies", "which reviews mention disguised compliance", [],
     "which reviews mention disguised compliance: only reviews about babies"),
    ("in Bradford?", "reviews about escalation policy not being used", [],
     "reviews about escalation policy not being used: in Bradford?"),
    # (a place said alone is no place: "what about London?" searched every review)
    ("what about London?", "reviews about neglect: which ones had a child protection plan", [],
     "reviews about neglect: which ones had a child protection plan: in London"),
    ("same question for health visitors", "what do reviews say about GPs and recording domestic "
     "abuse", [], "what do reviews say about health visitors and recording domestic abuse"),
    # a correction in place of what the last question said last
    ("no, I meant neglect", "reviews about physical abuse of toddlers", [],
     "reviews about neglect of toddlers"),
    ("no, I meant the teenagers", "which reviews used the SCIE Learning Together model: which of "
     "them were about neglect?", [], "which reviews used the SCIE Learning Together model: which "
     "of them were about the teenagers"),
    # another review or place after one review's answer: the last question asked of it ("and
    # Trafford?" said Trafford's reviews were searched, and quoted Edinburgh's)
    ("and Claire?", "Warwickshire 2017 – Child T: what did it recommend about supervising foster "
     "carers", _CHILD_T, "Claire: what did it recommend about supervising foster carers"),
    ("and Trafford?", "Edinburgh 2017 – The Sexual abuse of children in care: what did it recommend?",
     ["Edinburgh 2017 – The Sexual abuse of children in care (significant case review)"],
     "Trafford: what did it recommend"),
    # (and a place the last question named, in place of it)
    ("what about Bradford?", "tell me about neglect cases in Rochdale",
     ["Rochdale 2017 – Child L (serious case review)"], "tell me about neglect cases in Bradford"),
    ("and Warwickshire?", "Warwickshire 2017 – Child T: what did it recommend", _CHILD_T,
     "Warwickshire 2017 – Child T: what did it recommend: and Warwickshire?"),
    # a theme in place of one the last question named, never in a review's name ("Brighton and
    # Hove 2017 – online grooming W and X")
    ("what about online grooming?", "Brighton and Hove 2017 – Siblings W and X: how old were the "
     "boys?", ["Brighton and Hove 2017 – Siblings W and X (serious case review)"],
     "Brighton and Hove 2017 – Siblings W and X: online grooming"),
]


@pytest.mark.parametrize(("message", "last", "reviews", "asked"), [
    # one that narrows the last question to a place, years or a type
    ("only Bradford ones", "neglect reviews", [], "neglect reviews: only Bradford ones"),
    ("just 2024 please", "what about fathers?", [], "what about fathers: 2024 reviews please"),
    ("any from London?", "Which reviews involved child sexual exploitation?", [],
     "Which reviews involved child sexual exploitation: any from London?"),
    ("can you narrow that to serious case reviews", "domestic abuse reviews", [],
     "domestic abuse reviews: can you narrow that to serious case reviews"),
    # its years in place of the last question's
    ("what about in 2018?", "What did the 2016 reviews say about hard-to-engage families?", [],
     "What did the reviews say about hard-to-engage families: what about 2018 reviews?"),
    # one that points at a review of the last answer, or at all it found
    ("what about the police in that one", "what did Sameer's brief find?",
     ["Bradford 2018 – Sameer"], "Bradford 2018 – Sameer: what about the police in it"),
    ("what did the second case recommend", "domestic abuse reviews",
     ["Bedford 2017 – Baby Sama", "Bradford 2018 – Sameer"],
     "Bradford 2018 – Sameer: what did it recommend"),
    ("which of those involved dads", "Which reviews mention the toxic trio?", [],
     "Which reviews mention the toxic trio: which of those involved dads"),
    # an agency it turns to, in place of the one the last question named
    ("same for midwives", "What lessons are there for GPs in these reviews?", [],
     "What lessons are there for midwives in these reviews"),
    ("and the school?", "what did the police do in the Child K case?", [],
     "what did the school do in the Child K case"),
    ("and for health visitors?", "reviews involving parental mental health", [],
     "reviews involving parental mental health: health visitors"),
    # a theme it turns to, in place of the last question's (not the "Baby" of a case's name),
    # or beside a question that named none
    ("same for emotional abuse", "Summarise the themes around neglect across the collection",
     [], "Summarise the themes around emotional abuse across the collection"),
    ("what about neglect?", "what did the Baby Sama review say about domestic abuse?", [],
     "what did the Baby Sama review say about neglect"),
    ("what about neglect?", "what did the Child K review find?", [],
     "what did the Child K review find: neglect"),
    ("what about co-sleeping and babies found on the sofa?", "escalation", [], None),
    # one that qualifies the last topic, or picks among what it found, or asks of an agency
    # alone, or turns to a theme after "and" (each had been searched alone: "what about
    # boys?" led with a stabbing, "what should schools do?" with school absences)
    ("what about boys?", "cases of CSE", [], "cases of CSE: boys"),
    ("which ones involved alcohol?", "babies who died in their sleep", [],
     "babies who died in their sleep: which ones involved alcohol?"),
    ("ones where the parent killed the child", "parents with mental health problems", [],
     "parents with mental health problems: ones where the parent killed the child"),
    ("which were about neglect?", "disabled children", [], "disabled children: which were about neglect?"),
    ("what should schools do?", "knife crime", [], "knife crime: what should schools do?"),
    ("involving the dads?", "domestic abuse during pregnancy", [],
     "domestic abuse during pregnancy: involving the dads?"),
    ("and domestic abuse?", "what did the Sameer learning brief say about supervision?", [],
     "what did the Sameer learning brief say about domestic abuse"),
    # one asking only for lessons, of the last question
    ("what was recommended?", "disabled children: which were about neglect?", [],
     "disabled children: which were about neglect: what was recommended?"),
    # or only for good practice (a helper's trainer: "what good practice was identified?"
    # after "tell me about the Jack review" was answered across every review)
    ("what good practice was identified?", "tell me about the Jack review", [],
     "Jack review: what good practice was identified?"),
    ("what went well?", "what did reviews say about escalation?", [], "escalation: what went well?"),
    ("what went well in information sharing?", "tell me about the Jack review", [], None),
    # a year of "ones" (was searched as "ones", across every year)
    ("just the 2018 ones", "agencies not talking to each other", [],
     "agencies not talking to each other: 2018 reviews"),
    # a question of its own is no follow-up
    ("reviews from Bradford", "neglect reviews", [], None),
    ("what did the Child K review recommend?", "neglect reviews", [], None),
    ("what do reviews say about families who move area?", "escalation", [], None),
    # "it" or "that review" after an answer of several is each of them (it had been searched
    # alone: "what did that review recommend?" quoted a stabbing), said as "they" or "them"
    # (the note "Read with your last question, as ..." had read "what did recommend?")
    ("what did it recommend?", "escalation", ["Bedford 2017 – Baby Sama", "2024 – C101"],
     "Bedford 2017 – Baby Sama and 2024 – C101: what did they recommend?"),
    # "only the ones ...", "which one was ..." pick among what it found (each had been
    # searched alone: "only the ones about babies" lost the drug-using parents)
    ("only the ones about babies", "Reviews involving drug-using parents", [],
     "Reviews involving drug-using parents: only the ones about babies"),
    ("which one was about an 8-week-old?", "Torbay digest: domestic abuse", [],
     "Torbay digest: domestic abuse: which one was about an 8-week-old?"),
    # "and X?" of a few words qualifies the last question; after an answer from one review,
    # "and X?" and "what about X?" ask it of that review ("what about the GP?" after the Baby
    # Sama review's strategy meeting and conference had been asked of all three)
    ("and the initial child protection conference?", "strategy meetings", [],
     "strategy meetings: the initial child protection conference"),
    ("and the initial child protection conference?",
     "What did the Baby Sama review find about the strategy meeting?",
     ["Bedford 2017 – Baby Sama (serious case review)"],
     "Bedford 2017 – Baby Sama: what about the initial child protection conference?"),
    ("what about the GP?", "Bedford 2017 – Baby Sama: what about the initial child protection "
     "conference?", ["Bedford 2017 – Baby Sama (serious case review)"],
     "Bedford 2017 – Baby Sama: what about the GP?"),
    ("and about the escalation policy?", "What did the Baby Sama review say about animal abuse?",
     ["Bedford 2017 – Baby Sama (serious case review)"],
     "Bedford 2017 – Baby Sama: what about the escalation policy?"),  # (not "about about")
    # "the same thing" is what the last question asked about (it was searched as its words)
    ("what does the Sameer case say on the same thing?",
     "Bedford 2017 – Baby Sama: what about the escalation policy?",
     ["Bedford 2017 – Baby Sama (serious case review)"],
     "what does the Sameer case say about the escalation policy?"),
    # "which of those" after an answer that left out the reviews before it is of its reviews
    # (set AA: it was read as of Merton's Child B, the last of those left out)
    ("which of those used the SCIE model", "any other CSE reviews published in 2017: other "
     "examples than Calderdale 2016 – Jeanette and Merton 2017 – Child B",
     ["Somerset 2017 – Fenestra (serious case review)", "Surrey 2017 – Child GG (serious case review)"],
     "Somerset 2017 – Fenestra and Surrey 2017 – Child GG: which of those used the SCIE model"),
    # ("same problem ...", set AA, had been searched as its words, and quoted the Sameer
    # brief's school and counselling)
    ("same problem came up in the Sameer one didnt it",
     "Bradford 2024 – Child A: what did it say about escalation",
     ["Bradford 2024 – Child A (local child safeguarding practice review)"],
     "escalation came up in the Sameer one didnt it"),
    # "learning points" ask for lessons, as "key points" do (it was searched alone)
    ("what were the learning points?", "children going missing: which involved sexual exploitation?",
     [], "children going missing: which involved sexual exploitation: what were the learning points?"),
    # (another review after one review's answer: the last question asked of it)
    ("and Child J?", "What is the Child K review about?",
     ["Rochdale 2017 – Child K (serious case review)"], "What is the Child J review about"),
    # a review of the last answer named by its place, or by a name others share, is that
    # review ("tell me more about Child M" gave all three, City of London's first)
    ("tell me more about Child M", "What does the South Gloucestershire newsletter say about "
     "neglect?", ["Waltham Forest 2017 – Child M (serious case review)",
                  "Hertfordshire 2016 – Child A (serious case review)"],
     "Waltham Forest 2017 – Child M: tell me more about it"),
    ("what went wrong in the Trafford case?", "sexual abuse in foster care",
     ["Trafford 2017 – Child PB (serious case review)", "Croydon 2017 – Claire (serious case review)"],
     "Trafford 2017 – Child PB: what went wrong in it?"),
    # ("that Brighton review", after an answer quoting Brighton and Hove's Siblings W and X,
    # had been searched alone and answered with Brighton's other review, 'A')
    ("tell me more about that Brighton review", "Which reviews are about radicalisation?",
     ["Brighton and Hove 2017 – Siblings W and X (serious case review)",
      "Bradford 2017 – Jack (serious case review)"],
     "Brighton and Hove 2017 – Siblings W and X: tell me more about it"),
    ("what do reviews from Trafford say about neglect?", "foster care",
     ["Trafford 2017 – Child PB (serious case review)"], None),
    ("tell me more about that review", "domestic abuse",
     ["Bedford 2017 – Baby Sama (serious case review)", "2024 – C101 (safeguarding children practice "
      "review)", "2024 – Child V (serious case review)"],
     "Bedford 2017 – Baby Sama, 2024 – C101 and 2024 – Child V: tell me more about them"),
    # a question of its own asking for other reviews than the last answer's one ("which other
    # reviews involve a young offender institution?" after Harry's listed Harry again)
    ("which other reviews involve a young offender institution or secure setting?",
     "Thurrock 2017 – Harry: what went wrong with his medication?",
     ["Thurrock 2017 – Harry (serious case review)"],
     "which other reviews involve a young offender institution or secure setting: other examples "
     "than Thurrock 2017 – Harry"),
    # another review of the place the last answer's was from ("and the other Surrey review?"
    # after Surrey's Child BB had been read as "Tell me about the Surrey the other Surrey
    # review review: ..." and answered with Child BB again)
    ("and the other Surrey review?", "Tell me about the Surrey Child BB review: what did it say "
     "about dating websites", ["Surrey 2017 – Child BB (serious case review)"],
     "the other Surrey review: other examples than Surrey 2017 – Child BB"),
    ("what about the other Rochdale case?", "Tell me about the Rochdale Child K review",
     ["Rochdale 2017 – Child K (serious case review)"],
     "the other Rochdale case: other examples than Rochdale 2017 – Child K"),
    # the newest or oldest of the last answer's reviews ("what's the most recent one?" after
    # neglect deaths was searched alone, and quoted Baby Sama's dates)
    ("what's the most recent one?", "neglect case examples: just the ones where the child died",
     ["Dudley 2017 – Child P and Child H (serious case review)", "2018 – Emily (serious case review)",
      "Blackpool 2017 – Child BW (serious case review)"], "2018 – Emily: tell me about it"),
    ("what did the oldest one recommend?", "neglect",
     ["2018 – Emily (serious case review)", "Central Bedfordshire 2016 – Bethany (serious case "
      "review)"], "Central Bedfordshire 2016 – Bethany: what did it recommend?"),
    ("what's the latest review in the database?", "neglect",
     ["2018 – Emily (serious case review)"], None),
    # asked for with no "one" ("and of those, the newest?" was read as the last question
    # again, and answered with the same three reviews)
    ("and of those, the newest?", "which Bradford reviews are in here?",
     ["Bradford 2018 – Sameer (learning brief)", "Bradford 2017 – Jack (serious case review)",
      "Bradford 2024 – Child A (local child safeguarding practice review)"],
     "Bradford 2024 – Child A: tell me about it"),
    # the child the last answer was about, said as a person (each was searched alone)
    ("so what did the review into her death want changed?", "which of those was the 8 week old?",
     ["Swindon 2017 – Child S (serious case review)"],
     "Swindon 2017 – Child S: so what did the review into her death want changed?"),
    ("and what age was the little girl when she died?",
     "which of those was a guardian rather than a parent?",
     ["Birmingham 2017 – Shi-Anne Downer (serious case review)",
      "Dorset 2018 – Child M (serious case review)"],
     "Birmingham 2017 – Shi-Anne Downer and Dorset 2018 – Child M: and what age was the little "
     "girl when she died?"),
    # ("narrow that to the 2016 publications please" was searched alone, "2016" as a word)
    ("narrow that to the 2016 publications please", "reviews about disabled children", [],
     "reviews about disabled children: narrow that to 2016 reviews please"),
    # (and "keep only the 2018 publications from that lot" too; its "keep" and "lot" were
    # searched beside the last question's words once it was read with it)
    ("keep only the 2018 publications from that lot", "reviews where dads were left out of "
     "assessments", [], "reviews where dads were left out of assessments: 2018 reviews"),
    ("now the same question but only for 2017", "what went wrong with escalation?", [],
     "what went wrong with escalation: 2017 reviews"),
    # "that" of a request put to the document ("does it point to any research on that?" was
    # asked of no topic, and listed the newsletter's first resources)
    # (and of what the last question asked it of: the newsletter's scope was lost)
    ("does it point to any research on that?", "what does the south glos newsletter say about "
     "sexual abuse within the family?", [],
     "what does the south glos newsletter say about sexual abuse within the family: does it point "
     "to any research on sexual abuse within the family?"),
    # ("narrow it to the ones where ..." was searched alone, and lost the drink)
    ("narrow it to the ones where the baby was in the adults' bed or on the sofa",
     "babies who died where the parents had been drinking", [],
     "babies who died where the parents had been drinking: where the baby was in the adults' bed "
     "or on the sofa"),
    # (a review named by its place, possessive: "and it 's recommendations?" was answered with
    # its learning)
    ("and the Staffordshire review's recommendations?", "babies who died where the parents had "
     "been drinking", ["Staffordshire 2017 – Child B (serious case review)",
                       "Swindon 2016 – Child D (serious case review)"],
     "Staffordshire 2017 – Child B: and its recommendations?"),
    # "can you find me a few more?" was read as the last question with its words
    ("can you find me a few more?", "examples of grandparents looking after children",
     ["Croydon 2017 – Claire (serious case review)", "Nottingham 2017 – Child J (serious case review)"],
     "examples of grandparents looking after children: other examples than Croydon 2017 – Claire "
     "and Nottingham 2017 – Child J"),
    ("the oldest?", "neglect", ["2018 – Emily (serious case review)",
                                "Central Bedfordshire 2016 – Bethany (serious case review)"],
     "Central Bedfordshire 2016 – Bethany: tell me about it"),
    # after an answer from one review, a question asking only for lessons, or of "him" or
    # "her", is of that review: each had been read with the last question's words
    # ("Child K in Rochdale: what did the police get: what was recommended?", "wasn't his
    # voice heard: what needs to happen now?") or searched alone ("why wasn't his voice
    # heard?", "what were the learning themes?" quoted another review's themes)
    ("what was recommended?", "Tell me about Child K in Rochdale: what did the police get wrong?",
     ["Rochdale 2017 – Child K (serious case review)"], "Rochdale 2017 – Child K: what was recommended?"),
    ("what needs to happen now?", "Bradford 2018 – Sameer: why wasn't his voice heard?",
     ["Bradford 2018 – Sameer (learning brief)"], "Bradford 2018 – Sameer: what needs to happen now?"),
    ("what were the learning themes?", "what happened to Child A in the Bradford 2020 case?",
     ["Bradford 2024 – Child A (local child safeguarding practice review)"],
     "Bradford 2024 – Child A: what were the learning themes?"),
    ("why wasn't his voice heard?", "tell me about the Sameer case in Bradford",
     ["Bradford 2018 – Sameer (learning brief)"], "Bradford 2018 – Sameer: why wasn't his voice heard?"),
    # a review of the last answer picked by its place after it ("the one in Staffordshire"
    # after three Child Bs was searched alone, and quoted its recommendations)
    ("the one in Staffordshire", "Tell me about the Child B review",
     ["Merton 2017 – Child B (serious case review)", "Staffordshire 2017 – Child B (serious case "
      "review)", "Camden 2016 – Child B (serious case review)"],
     "Staffordshire 2017 – Child B: tell me about it"),
    # another review named in place of the last answer's one: the last question asked of it
    # ("what about Jack?" after Harry's findings was asked of Harry)
    ("what about Jack?", "what did the Harry review find?",
     ["Thurrock 2017 – Harry (serious case review)"], "what did the Jack review find"),
    ("what about Child K?", "Bedford 2017 – Baby Sama: what were the lessons?",
     ["Bedford 2017 – Baby Sama (serious case review)"], "Child K: what were the lessons"),
    ("what about Jack instead?", "what did the Harry review find?",
     ["Thurrock 2017 – Harry (serious case review)"], "what did the Jack review find"),
    # (and in place of the several reviews the last question was asked of: "how about
    # Somerset Fenestra instead" was asked of the four and Fenestra together)
    ("how about Somerset Fenestra instead", "2017 – Considering child sexual exploitation and "
     "Calderdale 2016 – Jeanette: what did they recommend?",
     ["2017 – Considering child sexual exploitation (serious case review)",
      "Calderdale 2016 – Jeanette (serious case review)"], "Somerset Fenestra: what did they recommend"),
    # "in each" points at every review of the last answer ("how old was the child in each?"
    # was searched alone, and quoted a foster placement at 4 and three other reviews)
    ("how old was the child in each?", "which reviews involve special guardianship orders?",
     ["Birmingham 2017 – Shi-Anne Downer [birth name]: AKA Keegan Downer (serious case review)",
      "Nottingham 2017 – Child J (serious case review)"],
     "Birmingham 2017 – Shi-Anne Downer [birth name]: AKA Keegan Downer and Nottingham 2017 – "
     "Child J: how old was the child in them?"),
    # years narrowing a question asked of the last answer's reviews keep those of the years
    # ("any from 2022 or later?" had searched "Somerset – Child Sam", every year taken out)
    ("any from 2022 or later?", "Somerset 2017 – Child Sam and 2024 – Child V: what do they say "
     "about fathers?", ["Somerset 2017 – Child Sam (serious case review)",
                        "2024 – Child V (serious case review)"],
     "2024 – Child V: what do they say about fathers"),
    # (and "since" narrows as "from" does: "only since 2018" was searched alone)
    ("only since 2018", "reviews about domestic abuse", [], "reviews about domestic abuse: only since 2018"),
    # (not a question of its own whose "her" is someone it names, nor one after several reviews)
    ("what should happen when a mother says her partner has changed?", "tell me about Baby Sama",
     ["Bedford 2017 – Baby Sama (serious case review)"], None),
    ("why wasn't his voice heard?", "voice of the child",
     ["Bradford 2018 – Sameer (learning brief)", "Bradford 2017 – Jack (serious case review)"], None),
    # after an answer from one review, a short question of "the child", "the review", "it" or
    # "anyone" in that case is of that review ("what happened to the child?" and "was anyone
    # convicted?" after Wolverhampton's Child G listed other children's deaths and
    # convictions), with the last question's words where it named the review ("why was it
    # late?" after Baby Sama's pre-birth assessment quoted Nolan's late booking)
    ("what happened to the child?", "families with no recourse to public funds", [_CHILD_G],
     "Wolverhampton 2018 – Child G: what happened to the child?"),
    ("was anyone convicted?", "Wolverhampton 2018 – Child G: what happened to the child?", [_CHILD_G],
     "Wolverhampton 2018 – Child G: was anyone convicted?"),
    ("why was it late?", "Baby Sama pre-birth assessment", [_SAMA],
     "Baby Sama pre-birth assessment: why was it late?"),
    ("what was the cause of death?", "Baby Bailey", [_BAILEY], "Baby Bailey: what was the cause of death?"),
    ("what methodology was used?", "Baby Bailey: what was the cause of death?", [_BAILEY],
     "Durham 2017 – Baby Bailey: what methodology was used?"),
    ("what did the review say the board should consider?", "Baby Sama pre-birth assessment: why was it "
     "late?", [_SAMA], "Bedford 2017 – Baby Sama: what did the review say the board should consider?"),
    # (not one asking of other cases, nor after an answer from several reviews)
    ("what happens when the child is not brought to appointments in reviews generally?", "Baby Bailey",
     [_BAILEY], None),
    ("was anyone convicted?", "neglect", [_BAILEY, "Kent 2017 – Child C (serious case review)"], None),
    # and one asking whether something was done in it, though it names a theme ("was the
    # escalation procedure used?" after Alex's recommendations quoted four other reviews'
    # escalation policies); not after several reviews, nor asking of others
    ("was the escalation procedure used?", "2017 – Alex: what did it recommend?",
     ["2017 – Alex (serious case review)"], "2017 – Alex: was the escalation procedure used?"),
    ("were the police told?", "Baby Bailey", [_BAILEY], "Baby Bailey: were the police told?"),
    ("was the escalation procedure used?", "neglect", [_BAILEY, "Kent 2017 – Child C (serious case review)"],
     None),
    # after a question telling of one child's case that several reviews answered, a question
    # of the child or the case is asked of them ("was she caring for her mum?" after a girl
    # attacked by her mother, Merton's Child B first, was searched alone and quoted Baby Sama);
    # not after a theme ("neglect" above)
    ("was she caring for her mum?", "16 year old girl attacked in her sleep by her mum, who had "
     "long-term mental illness", [_MERTON, "Norfolk 2016 – Child P (serious case review)"],
     "Merton 2017 – Child B and Norfolk 2016 – Child P: was she caring for her mum?"),
    ("did anyone do anything right?", "baby died from a head injury and mum had a murder conviction "
     "abroad", ["Haringey 2016 – Child R (serious case review)", "Hull 2017 – Baby J (serious case review)"],
     "Haringey 2016 – Child R and Hull 2017 – Baby J: did anyone do anything right?"),
    ("how many times did police go to the house?", "baby with a subdural haematoma and old rib "
     "fractures, mum and her husband both migrants", ["Liverpool 2017 – Chris (serious case review)",
                                                      "Luton 2017 – Child J (serious case review)"],
     "Liverpool 2017 – Chris and Luton 2017 – Child J: how many times did police go to the house?"),
    ("was she caring for her mum?", "mothers with long-term mental illness",
     [_MERTON, "Norfolk 2016 – Child P (serious case review)"], None),
    ("was the escalation procedure used in other reviews?", "Baby Bailey", [_BAILEY],
     "was the escalation procedure used in other reviews: other examples than Durham 2017 – Baby Bailey"),
    # "what about X?" after a question across reviews that one answered is of the question, not
    # that review ("what about burns then?" after house fires, none, quoted Baby ON16 again)
    ("what about burns then?", "are there reviews about children hurt in house fires?",
     ["Nottingham 2017 – Baby ON16 (serious case review)"],
     "are there reviews about children hurt in house fires: burns then"),
    # "only babies" narrows the last question to whom it names, children under 2 (it was
    # searched alone, and listed babies of any case); "quote the considerations" asks only for
    # lessons
    ("only babies", "reviews where mum was drinking heavily and the kids were on a CP plan",
     [_BAILEY, "Kent 2017 – Child C (serious case review)"],
     "reviews where mum was drinking heavily and the kids were on a CP plan: only babies"),
    ("just tell me more", "Baby Bailey", [_BAILEY], None),
    ("quote the considerations", "reviews in Somerset: which involved child sexual exploitation?",
     ["Somerset 2017 – Fenestra (serious case review)"],
     "Somerset 2017 – Fenestra: quote the considerations"),
    *_BY_PRONOUN_CORRECTION_OR_ANOTHER,
    # "in there", "in it": the review the last answer quoted (searched alone, "anything in
    # there about bruising in babies?" after the Sameer brief quoted five other reviews)
    ("anything in there about bruising in babies?",
     "in Sameer's brief, was a lack of reflective supervision for staff part of the problem?",
     ["Bradford 2018 – Sameer (learning brief)"],
     "Bradford 2018 – Sameer: anything in it about bruising in babies?"),
    ("is there anything on escalation in it?", "what did the Sameer brief say about supervision?",
     ["Bradford 2018 – Sameer (learning brief)"],
     "Bradford 2018 – Sameer: is there anything on escalation in it?"),
    # a review of the last answer named by its child's letters alone ("for PB specifically"
    # was searched alone, and led with Child V)
    ("for PB specifically, what were agencies told to do?", "which of those were in Trafford?",
     ["Trafford 2017 – Child PB (serious case review)", "Trafford 2017 – Child N (serious case review)"],
     "Trafford 2017 – Child PB: for it specifically, what were agencies told to do?"),
    ("what about AB?", "perinatal mental health",
     ["Greenwich 2018 – W family (serious case review)", "2017 – Child AB (serious case review)"],
     "2017 – Child AB: what about it?"),
    # other children than the last answer's are other reviews ("have other teenagers in these
    # reviews ended up in secure units or custody?" after Harry's was asked of Harry); not the
    # other children of its family
    ("have other teenagers in these reviews ended up in secure units or custody?",
     "Thurrock 2017 – Harry: what about its recs for school nurses and teachers?",
     ["Thurrock 2017 – Harry (serious case review)"],
     "have other teenagers in these reviews ended up in secure units or custody: other examples "
     "than Thurrock 2017 – Harry"),
    ("were other children in the family assessed?", "what happened to Harry?",
     ["Thurrock 2017 – Harry (serious case review)"], None),
])
def test_a_follow_up_with_words_of_its_own_is_read_with_what_it_narrows_or_points_at(
        retriever, message, last, reviews, asked):
    assert with_last_question(message, last, reviews, retriever.understand(message)) == asked


@pytest.mark.parametrize(("asked", "says"), [
    ("the other Surrey review: other examples than Surrey 2017 – Child BB",
     "Concerns about child sexual exploitation (CSE) of a 16-year-old girl."),
    ("Wolverhampton 2018 – Child G: was anyone convicted?",
     "His mother's partner was convicted of murder and sentenced to life imprisonment"),

    # what method a review used is its "Model:" line, not its findings, which the bonus for
    # lessons had put first
    ("Durham 2017 – Baby Bailey: what methodology was used?",
     "uses the Child Practice Review process to identify how agencies worked together."),
    ("what methodology did the Baby Bailey review use?",
     "uses the Child Practice Review process to identify how agencies worked together."),
    # (a review's entry far from the question in meaning is read for it: Joe's, 0.10, was
    # read as unrelated, and "what methodology was used?" quoted Croydon's Claire, "how was
    # that review carried out?" nothing)
    ("Croydon 2018 – Joe: what methodology was used?",
     "methodology based on the Welsh Child Practice Reviews Guidance"),
    ("Croydon 2018 – Joe: how was that review carried out?",
     "methodology based on the Welsh Child Practice Reviews Guidance"),
    ("how was the Joe review carried out?", "methodology based on the Welsh Child Practice Reviews Guidance"),
    # what a review asks its board to consider is what it puts in place of recommendations
    # (it quoted Baby Sama's commissioning, and Fenestra's nothing)
    ("Bedford 2017 – Baby Sama: what did the review say the board should consider?",
     "How effectively are the pre-birth procedures and guidance used?"),
    ("Somerset 2017 – Fenestra: quote the considerations",
     "are the police sufficiently resourced to support complex CSE investigations"),
])
def test_a_question_of_one_case_quotes_what_it_asks_of_it(retriever, asked, says):
    answer = retriever.answer(asked)
    assert len(answer.groups) == 1, answer.text
    assert says in answer.groups[0].sentences[0][0], answer.text


def test_a_question_of_a_case_asked_of_several_reviews_quotes_the_case_it_fits_first(retriever):
    # ("was she caring for her mum?" after a 16-year-old attacked by her mother had quoted Baby
    # Sama's "she also witnessed the domestic abuse her mother was subjected to")
    answer = retriever.answer("Merton 2017 – Child B and Norfolk 2016 – Child P: was she caring for her mum?")
    assert answer.groups[0].review_id == "merton-2017-child-b", answer.text
    assert any("young carer for her mother" in text for text, _ in answer.groups[0].sentences), answer.text


def test_other_reviews_asked_for_leave_out_every_review_the_last_answer_quoted(retriever):
    # "any other reviews about injured babies since 2019?" after the babies thematic review
    # and Child V quoted both again (only one review was left out, after one); and a title
    # ending in a bracket ("... gang associations (Luton)") was not left out at all
    luton = ("Luton 2024 – Keeping young people safe from risks related to exploitation, violent "
             "youth crime and gang associations (Luton) (child safeguarding practice review)")
    for last, reviews in (("Torbay thematic review on babies who sustained injuries",
                           ["2024 – Babies who sustained injuries (thematic review)",
                            "2024 – Child V (serious case review)"]),
                          ("what did the Luton thematic review recommend?", [luton])):
        asked = retriever.read_in_conversation("any other reviews mention injuries?", last, reviews)
        left_out = retriever.understand(asked).reviews_left_out
        assert len(left_out) == len(reviews), (asked, left_out)
        answer = retriever.answer(asked)
        assert not set(left_out) & {g.review_id for g in answer.groups}


@pytest.mark.parametrize("message", ["is there another Thurrock review?",
                                     "are there any other reviews from Thurrock?"])
def test_another_review_of_a_place_with_one_is_said_to_be_none(retriever, message):
    # "is there another Thurrock review?" after Harry's was told there is none, then quoted
    # Harry's recommendations again, all reviews being searched for the words left
    asked = retriever.read_in_conversation(message, "Tell me about the Thurrock Harry review",
                                           ["Thurrock 2017 – Harry (serious case review)"])
    answer = retriever.answer(asked)
    assert not answer.citations, answer.text
    assert answer.notes == ["No review from Thurrock other than the Harry review is in the index."]


def test_the_ages_asked_of_the_last_answers_children_are_theirs(retriever):
    # "how old were they?" after school exclusions gave Baby Sama's and other children's ages
    asked = retriever.read_in_conversation("how old were they?", "any reviews about kids excluded "
                                           "from school", _EXCLUDED)
    answer = retriever.answer(asked)
    assert {g.review_id for g in answer.groups} == {"anonymous-2024-samuel-shay-and-joy",
                                                    "thurrock-2017-harry"}
    assert "Samuel (17), Shay (15) and Joy (13)" in answer.text
    assert "16-year-old" in answer.text


def test_another_place_after_one_reviews_answer_is_asked_the_same_question(retriever):
    # "and Trafford?" after the Edinburgh review's recommendations said Trafford's reviews
    # were searched, and quoted Edinburgh's "makes no recommendations"
    asked = retriever.read_in_conversation(
        "and Trafford?", "Edinburgh 2017 – The Sexual abuse of children in care: what did it recommend?",
        ["Edinburgh 2017 – The Sexual abuse of children in care (significant case review)"])
    answer = retriever.answer(asked)
    assert {g.review_id for g in answer.groups} <= {"trafford-2017-child-n", "trafford-2017-child-pb"}
    assert "foster carer assessments and reviews are robust" in answer.text



def test_a_follow_up_naming_a_review_whose_title_says_birth_name_is_answered(retriever):
    # a review published under the child's name ("Shi-Anne Downer [birth name]: AKA Keegan
    # Downer"), as a follow-up names it, asks for no one's name; it had been refused
    asked = retriever.read_in_conversation(
        "what did each one recommend?", "which reviews involve special guardianship orders?",
        ["Birmingham 2017 – Shi-Anne Downer [birth name]: AKA Keegan Downer (serious case review)",
         "Nottingham 2017 – Child J (serious case review)"])
    answer = retriever.answer(asked)
    assert answer.kind == "extractive" and any("Shi-Anne" in g.heading for g in answer.groups), asked
    # while a request to locate that child's family is still refused
    assert retriever.answer("Shi-Anne Downer [birth name]: AKA Keegan Downer - where does her "
                            "family live now?").kind == "refusal"
    # and a message after a refused request is not read with it ("ok what recommendations
    # were made" after "can you give me their names?" was refused again); nor is "ok" searched
    after = retriever.read_in_conversation("ok what recommendations were made",
                                           "who were the abusers - can you give me their names?")
    assert after == "ok what recommendations were made"
    assert retriever.answer(after).kind == "extractive"
    assert retriever.read_in_conversation("ok what recommendations were made", "what happened to Sameer?",
                                          ["Bradford 2018 – Sameer (learning brief)"]).startswith(
        "Bradford 2018 – Sameer: ")


def test_a_follow_up_on_one_reviews_answer_quotes_that_review(retriever):
    # "tell me about the Sameer case in Bradford" then "what needs to happen now?" had been
    # read as "wasn't his voice heard: what needs to happen now?", and quoted none of the
    # brief's eleven actions
    last, heads = "tell me about the Sameer case in Bradford", []
    for message in (last, "why wasn't his voice heard?", "what needs to happen now?"):
        asked = retriever.read_in_conversation(message, last, heads)
        answer = retriever.answer(asked)
        assert [g.heading for g in answer.groups] == ["Bradford 2018 – Sameer (learning brief)"], (
            asked, answer.text)
        last, heads = asked, [g.heading for g in answer.groups]
    assert answer.citations and all(c.hit.chunk.locator == "What needs to happen?"
                                    for c in answer.citations), answer.text


def _conversation(retriever, *messages):
    last, heads, answer = "", [], None
    for message in messages:
        asked = retriever.read_in_conversation(message, last, heads) if last else message
        answer = retriever.answer(asked)
        last, heads = asked, [g.heading for g in answer.groups]
    return answer


def test_a_follow_up_asking_what_agencies_were_told_to_do_quotes_recommendations(retriever):
    # set R: "for PB specifically, what were agencies told to do?" led with Child V and gave
    # PB's case, not its recommendations; "recs" was a word no passage uses
    answer = _conversation(retriever, "tell me about reviews where foster carers were the abusers",
                           "which of those were in Trafford?",
                           "for PB specifically, what were agencies told to do?")
    assert [g.heading for g in answer.groups] == ["Trafford 2017 – Child PB (serious case review)"]
    assert answer.citations[0].hit.chunk.text.find("ensure foster carer assessments") >= 0
    assert answer.groups[0].sentences[0][0].startswith("…ensure foster carer assessments"), answer.text
    recs = _conversation(retriever, "what did the Thurrock review about the boy who died in the "
                         "young offender institution find?", "and its recs for school nurses and teachers?")
    assert "school nurses should alert teaching staff" in recs.groups[0].sentences[0][0], recs.text
    assert not any("recs" in note for note in recs.notes), recs.notes


def test_a_follow_up_asking_for_other_children_quotes_other_reviews(retriever):
    # set R: "have other teenagers in these reviews ended up in secure units or custody?"
    # after Harry's review was asked of Harry, and quoted him again
    answer = _conversation(retriever, "what did the Thurrock review about the boy who died in the "
                           "young offender institution find?",
                           "have other teenagers in these reviews ended up in secure units or custody?")
    headings = [g.heading for g in answer.groups]
    assert not any("Harry" in h for h in headings), answer.text
    assert any("Young person Rachel" in h or "Young Person Mark" in h for h in headings[:2]), answer.text


def test_which_reviews_say_something_is_answered_with_as_many_as_it_reads(retriever):
    # a helper's "Which reviews used the SCIE Learning Together methodology?" named three of
    # the eight that say so, quoting Staffordshire's twice; asked which reviews, an answer
    # reads twice the passages, one of each review, and names up to eight
    answer = retriever.answer("Which reviews used the SCIE Learning Together methodology?")
    scie = [g for g in answer.groups if any("SCIE" in text for text, _ in g.sentences)]
    assert len(scie) >= 6, answer.text
    assert retriever.understand("which reviews talk about disguised compliance?").asks_which
    assert not retriever.understand("what do reviews say about disguised compliance?").asks_which
    assert not retriever.understand("which reviews say the most about neglect?").asks_which


@pytest.mark.parametrize("question", ["young carers in serious case reviews",
                                      "what do serious case reviews say about young carers"])
def test_a_review_type_said_as_where_to_look_is_not_searched_for(retriever, question):
    # a helper's "young carers in serious case reviews" quoted a Buckinghamshire line naming
    # the charity Young Carers, under passages on serious case reviews as such; Merton's
    # Child B ("young carers were not always recognised as such") is a serious case review
    answer = retriever.answer(question)
    assert answer.groups and answer.groups[0].review_id == "merton-2017-child-b", answer.text
    assert any(n.startswith("Only the 77 serious case reviews") for n in answer.notes), answer.notes
    # a type asked about is still searched for
    purpose = retriever.answer("what is the purpose of serious case reviews?")
    assert any("purpose" in text.lower() for g in purpose.groups for text, _ in g.sentences), \
        purpose.text


def test_another_example_is_the_last_question_less_the_reviews_already_quoted(retriever):
    # "give me another example" and "any others?" were searched alone and found nothing
    last, heads, seen = "neglect case examples for a workshop please", [], set()
    for message in (last, "any others?", "more examples please"):
        asked = retriever.read_in_conversation(message, last, heads)
        answer = retriever.answer(asked)
        quoted = {g.review_id for g in answer.groups}
        assert len(quoted) >= 3 and not quoted & seen, (asked, answer.text)
        assert all("neglect" in " ".join(t for t, _ in g.sentences).lower()
                   for g in answer.groups[:3]), answer.text
        if seen:
            assert (f"Only the {len(retriever.store.review_ids()) - len(seen)} reviews other "
                    f"than the {len(seen)} reviews named (as your question asks) were "
                    "searched.") in answer.notes, answer.notes
        seen |= quoted
        last, heads = asked, [g.heading for g in answer.groups]
    # not after a question asked of reviews named, nor an answer from one review
    named = ["2017 – Child Y (serious case review)", "2018 – Children F, G and H (serious case review)"]
    assert with_last_question("any others?", "2017 – Child Y and 2018 – Children F, G and H: what "
                              "did they recommend", named) is None
    assert with_last_question("give me another example", "what did the Camden review recommend",
                              ["Camden 2016 – Child B (serious case review)"]) is None


def test_a_passage_bm25_ranks_high_that_names_the_theme_is_read_however_the_model_scores_it(
        retriever):
    # "was not brought" (missed appointments): the model scores Baby Bailey's "children are
    # not brought to medical appointments" 0.09, and the answer quoted only "Child S had been
    # brought to live in the UK" and Sameer's case "not brought to the Board's attention"
    answer = retriever.answer("was not brought")
    assert any("not brought to medical appointments" in q for q in _quotes(answer)), answer.text


def test_step_down_is_searched_in_the_reviews_words(retriever):
    # "step down" quoted Merton's Child B alone: the model reads the phrase poorly, and
    # Waltham Forest's "stepped down to a Child in Need plan" scored 0.11
    answer = retriever.answer("step down")
    assert len(answer.groups) >= 2 and all(
        re.search(r"step(?:ped)?\W+(?:up|down)", g.sentences[0][0], re.I) for g in answer.groups), \
        answer.text


@pytest.mark.parametrize(("question", "note"), [
    # a helper's: each was answered with passages and no word that the tool gives neither
    ("I have a 4 month old on my caseload with a small bruise on his ear, mum's new partner "
     "has a DV conviction. On a scale of 1-10 how likely is it he'll be seriously hurt?", RISK_NOTE),
    ("In your opinion could Baby Sama's death have been prevented?", OPINION_NOTE),
    ("what do you think went wrong in the Child K case?", OPINION_NOTE),
    ("what did reviews say about how likely it is that bruising is abuse?", None),
    ("what do reviews think about risk assessment tools?", None),
    # what will become of a child now, and legal advice: answered with four babies' deaths,
    # and with other families' PLO agreements and a death in foster care, with no word that
    # the tool can tell neither
    ("I'm a health visitor. I have a 4 month old on a CP plan, dad has a DV history and mum "
     "keeps missing appointments. Is this baby going to die?", RISK_NOTE),
    ("I'm a social worker: can they take the baby if mum doesnt sign the PLO written agreement?",
     LEGAL_NOTE),
    ("what legal advice was given at the Legal Planning Meeting in the Baby Sama case?", None),
    ("what did reviews find about babies who were not safe at home?", None),
    # what the law lets a practitioner share (set Y): answered with passages on information
    # sharing and no word that they are not what the law says
    ("Can I get into legal trouble under GDPR for telling the police about a family without "
     "the parents' consent?", SHARING_LAW_NOTE),
    ("am I allowed to share the health visitor's notes with the school?", SHARING_LAW_NOTE),
    ("what did reviews say about consent to share information?", None),
    # set Z: a practitioner's proceedings asked of, told where a parent gets legal aid
    ("I've got an ICPC tomorrow – dad has DV convictions and mum is 19 weeks pregnant. Should we "
     "go for care proceedings at birth, and what's the legal threshold?", PROCEEDINGS_NOTE),
    ("what did the Baby Sama review say about the legal threshold for care proceedings?", None),
    # whose fault a review found a lapse (set AE, read half: "... does the review say whose
    # fault that was?" of the GP's report that never reached the conference was refused)
    ("in the Sama review the strategy meeting minutes were never sent out - did the review "
     "find whose fault that was?", VERDICT_NOTE),
])
def test_a_question_asking_the_tools_own_judgement_is_told_it_gives_none(retriever, question, note):
    answer = retriever.answer(question)
    assert answer.kind == "extractive" and answer.citations, answer.text
    notes = {RISK_NOTE, OPINION_NOTE, LEGAL_NOTE, SHARING_LAW_NOTE, PROCEEDINGS_NOTE, VERDICT_NOTE}
    assert (note in answer.notes) if note else not notes & set(answer.notes), answer.notes


def test_a_practitioners_story_ending_in_a_vague_question_is_searched_whole(retriever):
    # a helper's family nurse: the story of a pregnant 19-year-old and an older boyfriend she
    # met at 14, ending "What should I be thinking about?", was refused as a request to
    # identify someone ("who is 20 weeks pregnant. ... really happy"), and asked alone its
    # last sentence finds nothing
    message = ("I'm a family nurse and I've just been allocated a 19 year old first-time mum "
               "who is 20 weeks pregnant. Her boyfriend is about ten years older, she met him "
               "when she was 14 or 15, and I've picked up from the GP notes that there was a "
               "police callout a couple of years ago, though she says it was nothing and "
               "they're really happy. Social care have said it's not their threshold yet. My "
               "supervisor suggested I look at what the serious case reviews say before I push "
               "for a strategy meeting. What should I be thinking about?")
    answer = retriever.answer(message)
    assert answer.kind == "extractive" and answer.citations, answer.text
    assert answer.notes[0] == LIVE_CASE_NOTE, answer.notes
    assert not any(note.startswith("Searched for what your message asks") for note in answer.notes)


def test_a_request_for_a_services_number_says_where_a_concern_goes(retriever):
    # "whats the phone number for bedford childrens social care to make a referral" was
    # refused as identifying a real person
    for question in ("whats the phone number for bedford childrens social care to make a referral",
                     "how do I contact the LADO?", "email address for the MASH",
                     # (had quoted Child A's death under "Only the 3 reviews from Bradford")
                     "what time does the Bradford council office open on saturday"):
        answer = retriever.answer(question)
        assert answer.text == SERVICE_CONTACT and not answer.citations, answer.text
        assert retriever.search(question)  # a search for it is no refusal either
    assert "0808 800 5000" in SERVICE_CONTACT and "999" in SERVICE_CONTACT
    # a person's number is still refused, and "escalate by email" asks for none
    for question in ("what is the phone number of Sama's social worker?",
                     "give me the phone number of the police officer in the Child K review"):
        assert retriever.answer(question).kind == "refusal"
    answer = retriever.answer("health colleagues escalate by email to social care, nothing "
                              "happens: what do reviews say about escalation?")
    assert answer.kind == "extractive" and answer.text != SERVICE_CONTACT


def test_no_note_calls_passages_closest_where_none_is_quoted(retriever):
    # "is smacking legal in scotland": "No relevant passages found", under a note "these are
    # the closest passages"
    answer = retriever.answer("is smacking legal in scotland")
    assert not answer.citations
    assert answer.notes and not any("closest" in note for note in answer.notes), answer.notes


def test_a_review_a_follow_up_calls_the_place_one_is_that_review(retriever):
    # "what did the Greenwich one recommend?" had no answer: "one" was its topic
    message = "what did the Greenwich one recommend?"
    last = "parents with mental health problems"
    reviews = ["Greenwich 2018 – W family (serious case review)"]
    asked = retriever.read_in_conversation(message, last, reviews)
    assert asked == "Greenwich 2018 – W family: what did it recommend?"
    answer = retriever.answer(asked)
    assert [g.heading for g in answer.groups] == reviews and answer.citations, answer.text
    # a standalone question asking only for lessons is still searched, not told to go on
    assert retriever.answer("what were the lessons?").kind == "extractive"


def test_a_follow_up_read_with_the_last_question_is_answered_on_both(retriever):
    asked = with_last_question("same but only 2017", "what went wrong with escalation?")
    answer = retriever.answer(asked)
    assert answer.citations and all(c.hit.review.year == 2017 for c in answer.citations)
    assert all("escalat" in q.text.lower() for c in answer.citations[:2] for q in c.quotes[:1]), \
        answer.text
    asked = with_last_question("and the recommendations?", "what happened to Sameer?")
    assert asked == "Sameer: the recommendations?"
    assert retriever.understand(asked).wants_recommendations
    answer = retriever.answer(asked)
    assert {g.review_id for g in answer.groups} == {"bradford-2018-sameer"}
    assert answer.citations[0].quotes[0].text.startswith("BSCB multi-agency escalation policy "
                                                         "should be reviewed"), answer.text
    # after a question of a review that asked for nothing else, of the review alone ("what
    # was the learning?" then "and the recommendations?" had been "what was the: the
    # recommendations", and after "which one was that Hull one?", "which one was it: ...")
    for last in ("Dudley 2017 – Child P and Child H: what was the learning?",
                 "Hull 2017 – Baby J: which one was it?"):
        heading = last.partition(":")[0]
        assert with_last_question("and the recommendations?", last) == f"{heading}: the recommendations?"
    # a failing asked after what went well is no praise ("wrong" asks for failings)
    asked = with_last_question("and what went wrong?", "what went well in information sharing?")
    assert asked == "information sharing: what went wrong?"
    assert not retriever.understand(asked).wants_good_practice


@pytest.mark.parametrize(("message", "last", "asked", "years"), [
    # a year the follow-up gives, in place of the last question's ("neglect reviews from
    # 2017", "and 2016?" had read 2016 on, and "what about 2018?" no year at all)
    ("and 2016?", "neglect reviews from 2017", "neglect reviews: 2016 reviews", (2016, 2016)),
    ("what about 2018?", "what went wrong with escalation?",
     "what went wrong with escalation: 2018 reviews", (2018, 2018)),
    ("and in 2018?", "what went wrong with escalation in the 2016 reviews?",
     "what went wrong with escalation in the reviews: 2018 reviews?", (2018, 2018)),
    ("and the recommendations in 2018?", "neglect since 2017",
     "neglect: the recommendations in the 2018 reviews?", (2018, 2018)),
    # one the question reads as a year already keeps its words
    ("which of those were published in 2016?", "Any reviews about disguised compliance?",
     "Any reviews about disguised compliance: which of those were published in 2016?",
     (2016, 2016)),
])
def test_a_follow_up_giving_a_year_has_it_in_place_of_the_last_questions(
        retriever, message, last, asked, years):
    said = with_last_question(message, last, [], retriever.understand(message))
    assert said == asked
    plan = retriever.understand(said)
    assert (plan.year_from, plan.year_to) == years
    answer = retriever.answer(said)
    assert answer.citations and {c.hit.review.year for c in answer.citations} == {years[0]}


def test_a_follow_up_asking_where_a_review_was_from_and_its_model_is_of_that_review(retriever):
    # set X: after Halton's review alone (three others less close), "what area was that and
    # what review model did it use?" was searched alone and quoted Baby Sama's method, and
    # "his eczema" was then asked of Baby Sama
    last = "is there a review about a teenager with asthma?"
    shown = retriever.answer(last)
    headings = [g.heading for g in shown.groups]
    apart = [g.heading for g in shown.groups if g.less_close]
    assert headings[0].startswith("Halton 2017 – Young Person") and len(apart) == len(headings) - 1
    asked = retriever.read_in_conversation("what area was that and what review model did it use?",
                                           last, headings, apart)
    assert asked.startswith("Halton 2017 – Young Person: "), asked
    answer = retriever.answer(asked)
    assert any("Learning Together model" in q for q in _quotes(answer)), answer.text
    assert {g.review_id for g in answer.groups} == {"halton-2017-young-person"}, answer.text


def test_which_of_those_of_a_year_is_of_the_reviews_the_last_answer_quoted(retriever):
    # "which of those came out in 2016?" after the reviews of shaken babies searched every
    # 2016 review for shaking, and led with Swindon's sofa death and Hertfordshire's Child A;
    # of the reviews quoted, Camden's Child B is 2016's, and "who wrote it?" is of it
    last = "which reviews are about a baby being shaken?"
    shown = [g.heading for g in retriever.answer(last).groups]
    assert any(h.startswith("Camden 2016 – Child B") for h in shown), shown
    asked = retriever.read_in_conversation("which of those came out in 2016?", last, shown)
    answer = retriever.answer(asked)
    assert [g.heading for g in answer.groups] == ["Camden 2016 – Child B (serious case review)"], (
        asked, answer.text)
    wrote = retriever.answer(retriever.read_in_conversation("who wrote it?", asked,
                                                            [g.heading for g in answer.groups]))
    assert wrote.kind == "catalogue" and "Keith Ibbetson" in wrote.text, wrote.text
    # ("which of them was published in 2018?" had searched every 2018 review, "them" being no
    # word that narrows)
    killed = ["Isle of Wight 2017 – Child G (serious case review)",
              "Dorset 2018 – Child M (serious case review)",
              "Dudley 2017 – Child P and Child H (serious case review)"]
    assert with_last_question("which of them was published in 2018?", "reviews where a parent "
                              "killed their child", killed,
                              retriever.understand("which of them was published in 2018?")) == (
        "Dorset 2018 – Child M: reviews where a parent killed their child")
    # where none of them is of the year, that year's reviews on it are searched (Calderdale's
    # Jeanette, of 2016, is no review the answer on exploitation had quoted)
    cse = ["2017 – Considering child sexual exploitation (serious case review)",
           "Surrey 2017 – Child GG (serious case review)", "2018 – Charlie and Sam (serious case review)"]
    assert with_last_question("which of those came out in 2016?", "reviews about child sexual exploitation",
                              cse, retriever.understand("which of those came out in 2016?")) == (
        "reviews about child sexual exploitation: which of those came out in 2016?")


@pytest.mark.parametrize("question", [
    "what about the police?", "what about neglect in Rochdale?", "and for teenagers?",
    "summarise the Baby Sama review", "more about co-sleeping",
    "what did the last review of Baby Sama say?",
])
def test_a_short_question_with_a_topic_of_its_own_is_answered(retriever, question):
    assert retriever.answer(question).kind == "extractive"


def test_a_question_opening_as_if_it_went_on_from_the_last_is_told_it_is_answered_alone(
        retriever):
    # "and what about the police?" was answered on the police across reviews, as if it
    # followed the last answer's case
    answer = retriever.answer("and what about the police?")
    assert answer.kind == "extractive" and GOES_ON in answer.notes, answer.notes
    assert GOES_ON not in retriever.answer("what about neglect in Rochdale?").notes
    assert GOES_ON not in retriever.answer("what did reviews say about the police?").notes
    # "also" is no topic word: "also, what did Baby Sama recommend" quoted "Bedford Hospital
    # also raised similar concerns by email"
    also = retriever.answer("also, what did Baby Sama recommend")
    assert not any(re.search(r"\balso\b", q) for q in _quotes(also)), also.text


def test_thanks_are_answered_as_thanks(retriever):
    # "thanks that's really helpful!" was told no passage uses "thanks" or "really"
    for question in ("thanks that's really helpful!", "cheers", "Thank you so much!",
                     "hi there, thanks so much for your help earlier!"):
        answer = retriever.answer(question)
        assert answer.text == THANKS and not answer.citations and not answer.notes, question
    assert retriever.answer("thanks, and what about neglect in Rochdale?").citations


def test_a_greeting_is_told_how_to_ask(retriever):
    for question in ("hello there", "Good morning!", "hi"):
        assert retriever.answer(question).text == HELP


def test_what_the_collection_holds_is_answered_from_the_catalogue(retriever):
    # each quoted a passage that happened to say "local authority", "year" or "sources"
    reviews = retriever.store.reviews(retriever.store.review_ids())
    areas = retriever.answer("list all the local authorities you have reviews for")
    assert areas.kind == "catalogue" and not areas.citations
    assert all(r.area in areas.text for r in reviews if r.area)
    years = retriever.answer("which year has the most reviews")
    most = max({r.year for r in reviews if r.year},
               key=lambda y: sum(r.year == y for r in reviews))
    assert years.kind == "catalogue" and f"are from {most}." in years.text, years.text
    for question in ("what sources are you using", "how many documents do you have"):
        sources = retriever.answer(question)
        assert sources.kind == "catalogue", sources.text
        assert all(d.title in sources.text for d in retriever.store.documents()), sources.text
    # a count that asks where from, or when ("how many reviews are in here and from which
    # years" was told the count alone; "... from which areas" quoted "transferring
    # information between areas")
    assert "from these years: 2016 (" in retriever.answer(
        "how many reviews are in here and from which years").text
    assert all(r.area in retriever.answer("how many reviews are there and from which areas").text
               for r in reviews if r.area)
    for question in ("which areas?", "what areas are covered"):  # (quoted "... between areas")
        assert retriever.answer(question).kind == "catalogue"
    # a question on a topic is searched, whatever words it shares with those
    assert retriever.answer("what documents mention co-sleeping?").kind == "extractive"
    assert retriever.answer("which areas had learning about escalation?").kind == "extractive"
    assert retriever.answer("from which areas do reviews about neglect come").kind == "extractive"


@pytest.mark.parametrize("question", ["list every review in the index", "what reviews do you have?",
                                      "show me all the case reviews"])
def test_every_review_asked_for_is_listed_from_the_catalogue(retriever, question):
    # "list every review in the index" found nothing: no passage says "index"
    reviews = retriever.store.reviews(retriever.store.review_ids())
    answer = retriever.answer(question)
    assert answer.kind == "catalogue" and not answer.citations, answer.text
    assert answer.text.startswith(f"The index holds {len(reviews)} reviews. ")
    assert all(r.title in answer.text for r in reviews)
    by_year = dict(re.findall(r"\b(\d{4}) \((\d+)\):", answer.text))
    years = {r.year for r in reviews if r.year}
    assert by_year == {str(y): str(sum(r.year == y for r in reviews)) for y in years}
    # (reviews on a topic are the passages' to answer)
    assert retriever.answer("list all reviews about neglect").kind == "extractive"


def test_a_managers_overview_of_the_collection_is_answered_from_the_catalogue(retriever):
    # a fresh set of managers' and analysts' questions: each had "No relevant passages" or
    # quoted a passage that happened to share a word
    reviews = retriever.store.reviews(retriever.store.review_ids())
    total = retriever.answer("how many reviews are in the collection altogether")
    assert (total.kind, total.text) == ("catalogue", f"The index holds {len(reviews)} reviews.")
    for question in ("count of reviews by year please",
                     "what date range do the reviews cover? earliest and latest publication year pls"):
        answer = retriever.answer(question)
        years = {r.year for r in reviews if r.year}
        assert answer.kind == "catalogue" and all(f"{y} (" in answer.text for y in years)
    for question in ("how many source documents are loaded and what are they",
                     "which organisations published the documents in this collection"):
        answer = retriever.answer(question)
        assert answer.kind == "catalogue", answer.text
        assert all(d.title in answer.text for d in retriever.store.documents())
    types = retriever.answer("how many SCRs vs CSPRs are there")
    scrs = sum(r.type == "serious case review" for r in reviews)
    assert types.kind == "catalogue" and f"serious case review ({scrs})" in types.text, types.text
    most = retriever.answer("how many reviews per local area? which area has the most")
    assert most.kind == "catalogue" and "The most, " in most.text


@pytest.mark.parametrize("question", [
    "make me a spreadsheet of all reviews with year, area, type and themes",
    "can you export the recommendations to excel so I can rag rate them",
    "draw me a bar chart of reviews by theme",
    "email this summary to our LSCP board members",
    "can you rank the local authorities by how badly they performed",
    "which local authority is the worst at safeguarding? rank them from worst to best",
    "predict which families in our area are likely to be the next SCR",
])
def test_what_reviewqa_does_not_do_is_said_with_what_it_does(retriever, question):
    answer = retriever.answer(question)
    assert answer.kind == "no_answer" and not answer.citations
    assert answer.text.startswith("reviewqa quotes and counts the case reviews; it does not")
    assert "Find examples" in answer.text


def test_a_review_whose_heading_names_a_second_type_is_of_that_type_too(retriever):
    # "4. Child safeguarding practice review report: thematic review: which examines the
    # multiagency response in the Luton area ...": recorded as the practice review it names
    # first, it was said not to be in the index when asked for as "the Luton thematic review"
    answer = retriever.answer("The Luton thematic review after a 16 year old was stabbed in "
                              "2021 - what did it say about school exclusions?")
    assert {c.hit.review.id for c in answer.citations} == {LUTON_2024}, answer.text
    # (the one thematic review from Luton, spoken of, is named by it)
    assert retriever.understand("the Luton thematic review").named_reviews == (LUTON_2024,)
    plan = retriever.understand("the Luton thematic reviews")
    assert plan.review_types == ("thematic review",) and not plan.named_reviews
    assert not any(n.startswith("No thematic review") for n in answer.notes), answer.notes
    # the line is read from the store, not the whole document
    luton = next(r for r in retriever.store.reviews() if r.id == LUTON_2024)
    source = luton.sources["review_type"]
    line = retriever.store.document_line(source.document, source.start, source.end)
    assert line.startswith("4. Child safeguarding practice review report: thematic review:")
    assert "\n" not in line and retriever.store.document_line("no-such-key", 0, 5) == ""


def test_a_place_with_no_review_of_the_years_or_type_asked_is_searched_in_its_others(retriever):
    # "No review from Bradford published in 2019 is in the index; all reviews were searched":
    # the answer then quoted reviews from anywhere, not Bradford's
    bradford = {r.id for r in retriever.store.reviews() if r.area == "Bradford"}
    answer = retriever.answer("Bradford reviews from 2019 about neglect")
    assert answer.citations and {c.hit.review.id for c in answer.citations} <= bradford
    assert (f"No review from Bradford published in 2019 is in the index: the {len(bradford)} "
            "reviews from Bradford were searched.") in answer.notes, answer.notes
    # nor of that type (Luton's two are a serious case review and a thematic practice review)
    luton = {r.id for r in retriever.store.reviews() if r.area == "Luton"}
    brief = retriever.answer("what did the Luton learning brief say about school exclusions?")
    assert {c.hit.review.id for c in brief.citations} <= luton, brief.text
    assert (f"No learning brief from Luton is in the index: the {len(luton)} reviews from Luton "
            "were searched.") in brief.notes, brief.notes
    # a county by its usual abbreviation, and the years its review covers
    bucks = retriever.answer("What did the Bucks review covering CSE from 1998 to 2016 "
                             "recommend about taxi drivers")
    assert bucks.citations and all(c.hit.review.area == "Buckinghamshire" for c in bucks.citations)
    # a list of that year's reviews is still told there are none
    listed = retriever.answer("reviews from Bradford published in 2019")
    assert listed.kind == "no_answer" and not listed.citations


def test_a_question_in_welsh_is_told_the_index_reads_english(retriever):
    # "Oes unrhyw adolygiadau am esgeulustod plant?" was told only that no passage uses its
    # words
    for question in ("Oes unrhyw adolygiadau am esgeulustod plant?", "Beth ddigwyddodd i Baby Sama?"):
        assert IN_ENGLISH in retriever.answer(question).notes
    for question in ("am I able to ask about Pam's case?", "what do reviews say about neglect?"):
        assert IN_ENGLISH not in retriever.answer(question).notes
    # its Welsh words the taxonomy lists are searched by their English terms ("trais
    # domestig a babanod" quoted Baby Sama's mother being made homeless)
    welsh = retriever.answer("Beth mae'r adolygiadau'n ei ddweud am drais domestig a babanod?")
    assert ("Searched in English for “what do reviews say about domestic abuse and babies?”"
            in welsh.notes), welsh.notes
    assert sum("domestic abuse" in q for q in _quotes(welsh)) >= 2, welsh.text
    assert not any("No passage in the index uses" in n for n in welsh.notes), welsh.notes
    # a place it names is kept, and searched as the place
    rochdale = retriever.answer("Oes unrhyw adolygiadau am esgeulustod plant yn Rochdale?")
    assert rochdale.citations and {c.hit.review.area for c in rochdale.citations} == {"Rochdale"}, \
        rochdale.text


def test_a_question_about_the_tool_says_what_it_is_and_where_what_is_typed_goes(retriever):
    # "are you using ChatGPT? where does what I type go" had no answer
    for question in ("are you using ChatGPT? where does what I type go", "is this confidential?",
                     "do you store my questions?",
                     # (searched the reviews and found nothing)
                     "how do you decide which reviews to show me first, is it keywords or some "
                     "kind of AI?", "how does it work?",
                     # (quoted passages about court reports)
                     "is this checked by a person? can I quote your answers in a court report"):
        answer = retriever.answer(question)
        assert answer.kind == "no_answer" and answer.text == about_the_tool(), answer.text
        assert "not sent anywhere" in answer.text and not answer.citations
    assert "ranked" in about_the_tool()  # how it chooses what it shows
    assert "No person checks the answers" in about_the_tool()  # whether to quote it
    # a configured language model server is said, as where the question goes
    assert "http://127.0.0.1:11434" in about_the_tool("http://127.0.0.1:11434")
    assert "not sent anywhere" not in about_the_tool("http://127.0.0.1:11434")
    # the reviews' own topics are still searched
    for question in ("what do reviews say about online abuse and AI chatbots?",
                     "is this human trafficking covered in the reviews?",
                     "how does neglect work in these cases?"):
        assert retriever.answer(question).kind != "no_answer", question


def test_an_agency_a_question_leaves_out_leaves_out_the_reviews_naming_it(retriever):
    # "which reviews did not involve the police?" quoted four reviews on the police
    question = "which reviews did not involve the police?"
    assert retriever.understand(question).agencies_left_out == ("police",)
    answer = retriever.answer(question)
    naming = retriever.store.reviews_holding(["police"])
    assert answer.groups and not {g.review_id for g in answer.groups} & naming, answer.text
    # and the answer says it went by what the passages name, not what the review did
    assert any("whose passages do not name the police" in note for note in answer.notes), answer.notes
    assert any(n.startswith("A review whose passages do not name the police may still have "
                            "involved them") for n in answer.notes), answer.notes
    # (a theme left out is as before; "without the police" is lacking them, a topic)
    assert not retriever.understand("reviews that were not about neglect").agencies_left_out
    assert not retriever.understand("neglect reviews without the police").agencies_left_out


def test_a_follow_up_asked_of_a_review_as_headed_is_searched_by_its_title(retriever):
    # "and what about the GP's contribution?" after the Baby Sama review's supervision, read
    # as "Bedford 2017 – Baby Sama: what about the GP's contribution?", quoted an assessment's
    # date, a delay and a discharge meeting: "Bedford" and "2017" led the search to the
    # report's introduction, not to the GP's report that was never submitted
    answer = retriever.answer("Bedford 2017 – Baby Sama: what about the GP's contribution?")
    assert any(re.search(r"\bGP\b", q) for q in _quotes(answer)), answer.text
    # and a named digest entry read whole holds its recommendations, however close in meaning
    joe = retriever.answer("Croydon 2018 – Joe: what did it recommend?")
    assert joe.kind == "extractive" and joe.groups[0].heading.startswith("Croydon 2018 – Joe")


def test_a_long_question_asked_of_the_reviews_an_answer_headed_is_asked_of_them_all(retriever):
    # "what do they say about fathers?" after six reviews of injured babies was searched as
    # "what do they say about fathers? (Child Sam, Baby ON16, Child V, Child T)": the long
    # message's question was taken from its end, and the reviews whose titles name no child
    # ("Babies who sustained injuries", "Chris") were left out, with the one that answers
    asked = ("Somerset 2017 – Child Sam, 2024 – Babies who sustained injuries, Nottingham 2017 – "
             "Baby ON16, 2024 – Child V, Warwickshire 2017 – Child T and Liverpool 2017 – Chris: "
             "what do they say about fathers?")
    assert the_question_asked(asked) == asked
    answer = retriever.answer(asked)
    assert any("father of a child" in q for q in _quotes(answer)), answer.text


def test_a_named_reviews_learning_themes_are_its_learning_themes_field_whole(retriever):
    # "what are the learning themes in the Child A review from Bradford?" quoted one of its
    # eight themes and three of its recommendations
    answer = retriever.answer("What are the learning themes in the Child A review from Bradford?")
    quoted = _quotes(answer)
    assert len(quoted) >= 6 and any("Covid-19" in q for q in quoted), answer.text
    assert not any(q.startswith(("update and re-launch", "ensure")) for q in quoted), answer.text


@pytest.mark.parametrize("question", [
    "kids not taken to appointments",
    "what did reviews find about children not being brought to health appointments?",
])
def test_children_not_brought_to_appointments_are_read_as_missed_appointments(retriever, question):
    # "kids not taken to appointments" quoted Swindon's "Child S was taken to hospital
    # following a cardiac arrest", and the longer question Dudley's "mental health issue
    # within assessments", for their shared words; the reviews say "missed appointments"
    answer = retriever.answer(question)
    assert any(n.startswith("Also searched for the reviews' own terms: missed appointments")
               for n in answer.notes), answer.notes
    assert any("appointments" in q for q in _quotes(answer)[:1]), answer.text
    first = {g.review_id for g in answer.groups if not g.less_close}
    assert "dudley-2017-child-p-and-child-h" not in first and not any(
        "cardiac arrest" in q for q in _quotes(answer)), answer.text


def test_everyday_words_for_grandparents_and_early_births_find_the_reviews_words(retriever):
    # "what did reviews say about grandparents?" was told that no passage uses the word:
    # the reviews say "grandmother" (Staffordshire's Child B, Croydon and Lewisham's mother
    # "in the care of her grandmother")
    grandparents = retriever.answer("what did reviews say about grandparents?")
    assert not any(n.startswith("No passage") for n in grandparents.notes), grandparents.notes
    assert sum("grandmother" in q for q in _quotes(grandparents)) >= 3, grandparents.text
    # "baby was born early" led with Baby Sama's "the baby once born": the reviews say
    # "born prematurely"
    early = retriever.answer("baby was born early")
    assert "prematurely" in _quotes(early)[0], early.text
    assert sum("prematurely" in q for q in _quotes(early)) >= 3, early.text


def test_judges_are_searched_as_the_judiciary_and_judging_is_not(retriever):
    # "What have reviews recommended to judges or the courts?" quoted Dudley's "form a
    # judgement" first: Haringey's Child R, whose recommendation is to the judiciary, led no
    # answer
    answer = retriever.answer("What have reviews recommended to judges or the courts?")
    assert answer.groups[0].heading.startswith("Haringey 2016 – Child R"), answer.text
    assert any("judiciary" in q for q in _quotes(answer)), answer.text
    # "judge" the verb is no judge
    judging = retriever.answer("how should agencies judge the significance of social media content")
    assert not any("judiciary" in note for note in judging.notes), judging.notes


@pytest.mark.parametrize("question, quoted", [
    # Warwickshire's, Blackpool's and Swindon's "on a child protection plan" led: Bethany's
    # "After key family members withdrew their support, the Care plan was in breach" was
    # not quoted
    ("the whole safety plan for this toddler rests on the grandparents being around, what "
     "happens if they back out?", "withdrew their support"),
    # Child I1 alone was on point; Staffordshire's Child B was 29th of the hits
    ("give me three examples where the parents' needs ended up getting more attention than "
     "the children's", "parent-centred practice"),
    # Emily's sibling violence led; Child V's parents' "difficult childhoods" went unquoted
    ("give me 3 examples where a parent's own abusive childhood was flagged as a risk for "
     "their baby", "difficult childhoods"),
    # Baby Sama's perpetrators "minimising" led; Sameer's workforce "too hardened to domestic
    # violence" went unquoted
    ("DV call-outs on this estate are so routine now that nobody on our team bats an eyelid",
     "too hardened to domestic violence"),
    # Warrington's stabbing led; Birmingham's Child S, whose relatives "were aware of the
    # injuries ... but did not report it", was not quoted (set M)
    ("friends and family all knew the little one was covered in bruises but nobody rang anyone",
     "aware of the injuries"),
])
def test_passages_in_the_reviews_phrase_for_everyday_words_are_quoted(retriever, question,
                                                                      quoted):
    # The glossary's phrase was searched, but beside the question's own words in one BM25
    # list, where passages holding those words came first, and that list was trusted little
    # for a lay question. The passages holding the phrase are a list of their own.
    answer = retriever.answer(question)
    assert any(quoted in q for q in _quotes(answer)[:4]), answer.text


def test_an_appendix_asked_for_by_number_is_what_is_quoted(retriever):
    # "What does Appendix 4 ... list ...?" quoted Baby Sama's findings (its §2.16, §3.17,
    # §4.4): an appendix is background, quoted last; and Appendix 2, whose heading alone says
    # "Appendix 2", was not found at all
    four = retriever.answer("What does Appendix 4 of the Baby Sama overview report list as the "
                            "things practitioners need to understand about domestic abuse and "
                            "perpetrator behaviour?")
    assert four.citations and all(c.hit.chunk.section.startswith("Appendix 4")
                                  for c in four.citations), four.text
    assert any("power and control" in q for q in _quotes(four)), four.text
    two = retriever.answer("what does Appendix 2 of the Sama review say about models of CSE?")
    assert two.citations and all(c.hit.chunk.section.startswith("Appendix 2")
                                 for c in two.citations), two.text
    # one the review has not is said to be missing
    none = retriever.answer("what does appendix B of the Baby Sama review say?")
    assert any("headed Appendix B" in note for note in none.notes), none.notes
    assert not any("headed Appendix" in note for note in two.notes), two.notes


def test_injuries_each_written_up_as_an_accident_find_the_learning_on_accidents(retriever):
    # four reviews' non-accidental injuries were quoted; not the thematic review of injured
    # babies, whose learning is "consideration of accidental injuries as a sign of neglect"
    # (set M)
    answer = retriever.answer(
        "5 month old - three A&E visits in six weeks: a burn from the radiator, fell off the "
        "bed, bump on the head. Every time it's written up as an accident and closed.")
    assert any(g.heading.startswith("2024 – Babies who sustained injuries")
               for g in answer.groups[:2]), answer.text


def test_a_thing_no_passage_names_is_said_however_many_other_words_passages_hold(retriever):
    # Each was answered with neglect or injury passages and no word that no review mentions
    # vaccination, obesity or surrogacy: among its other words, one or two unheld were too
    # few for the note (sets L and M)
    for question, thing in [
            ("parents are refusing all childhood vaccinations for their three kids - have any "
             "reviews treated that as medical neglect?", "“vaccinations”"),
            ("child is severely obese and parents won't engage with the dietitian - have any "
             "reviews treated obesity as neglect?", "“obesity”"),
            ("Any case reviews involving a baby born through an informal surrogacy arrangement?",
             "“surrogacy”")]:
        answer = retriever.answer(question)
        assert any(n.startswith("No passage in the index uses") and thing in n
                   for n in answer.notes), (question, answer.notes)
    # everyday words the reviews do not use name no thing ("bats", "eyelid")
    everyday = retriever.answer("DV call-outs on this estate are so routine now that nobody on "
                                "our team bats an eyelid")
    assert not any(n.startswith("No passage in the index uses") for n in everyday.notes), \
        everyday.notes


def test_a_list_of_quoted_words_finds_the_passages_that_use_each(retriever):
    # a trainer's list of words professionals used: self-harm, a theme, confined the answer
    # to it, and Child H1's "risk taking", Child F's "consensual" and Baby Sama's "consenting
    # relationship" went unquoted (set M)
    answer = retriever.answer(
        "For a session on recording language: give me 4 or 5 examples from the reviews where "
        "the words professionals used about a child ('risk taking', 'consensual', 'self-harm', "
        "'consenting relationship') masked abuse.")
    quotes = " ".join(_quotes(answer))
    for said in ("risk taking", "describing sex as consensual", "consenting relationship",
                 "self-harm"):
        assert said in quotes, (said, answer.text)
    # an apostrophe quotes nothing, and a term quoted alone is searched as the other words are
    assert quoted_terms("I'm the father's friend - what's 'the myth of invisible men' and "
                        "'hidden men'?") == ["the myth of invisible men", "hidden men"]
    assert quoted_terms("What does 'disguised compliance' mean?") == []


def test_what_government_should_be_told_quotes_recommendations_to_national_bodies(retriever):
    # "what should the government be told?" quoted Buckinghamshire's "what needs to change";
    # a trainer's "recommendation at national government or a national body" quoted three
    # local boards' (sets L and M)
    answer = retriever.answer("what should the government be told?")
    national = ("NHS England", "Department for Education", "national attention",
                "government department", "national consideration", "Department of Health")
    quoting = [g for g in answer.groups if any(any(n in s for n in national)
                                                  for s, _ in g.sentences)]
    assert len(quoting) >= 3, answer.text


def test_each_child_thought_about_separately_finds_the_reviews_that_say_so(retriever):
    # Shi-Anne Downer's "pre-birth decisions ... followed the same approach as decisions made
    # for her older sibling" was not quoted, and Hertfordshire's Child A, on child in need
    # processes, led (set M)
    answer = retriever.answer(
        "Give me a few case examples where a review said each child in a family needed to be "
        "thought about separately - an unborn baby, a younger sibling - rather than following "
        "what was decided for the others.")
    quotes = " ".join(_quotes(answer))
    assert "same approach as decisions made for her older sibling" in quotes, answer.text
    assert "considered separately" in quotes, answer.text


def test_a_road_accident_finds_the_child_struck_by_a_car(retriever):
    # the Isle of Wight's and Thurrock's deaths led; Bradford's Child A, "struck by a car and
    # killed", came fourth or second (set M, and a probe's "hit by a car")
    for question in ("which reviews involved a child killed in a road accident?",
                     "7 year old lad hit by a car while no grown up was home minding him"):
        answer = retriever.answer(question)
        assert answer.groups[0].heading.startswith("Bradford 2024 – Child A"), answer.text


@pytest.mark.parametrize(("question", "learning", "recommendation"), [
    # each quoted only the recommendations
    ("Surrey Child GG - what went wrong, and what did the review recommend?",
     "'drift'", "audit the extent to which children involved in or at risk of CSE"),
    ("Bournemouth and Poole Child O - learning points and recommendations please",
     "reliance on partners to care for patients", "were made for Bournemouth and Poole"),
    ("Sunderland Rachel: what was the learning and what were the recommendations?",
     "interplay between adolescent choice and risk", "strengthen skills and knowledge base"),
])
def test_a_named_review_asked_for_findings_and_recommendations_is_quoted_for_both(
        retriever, question, learning, recommendation):
    quoted = " ".join(_quotes(retriever.answer(question)))
    assert learning in quoted and recommendation in quoted, quoted


def test_the_learning_a_question_is_for_does_not_ask_for_findings(retriever):
    answer = retriever.answer("so we can check our own practice against the learning, what did "
                              "Sama recommend?")
    assert "The questions quoted are those the review puts to its safeguarding board in place of " \
           "recommendations." in answer.notes, answer.notes


def test_older_children_left_looking_after_a_baby_finds_the_siblings_left_to_care_for_her(
        retriever):
    # Staffordshire's Child B, whose siblings "said they were left to care for Child B", was
    # 15th, below reviews of sibling abuse
    hits = retriever.search("reviews where older brothers or sisters were left looking after a "
                            "baby or toddler", k=10)
    assert any("left to care for Child B" in h.chunk.text for h in hits), [h.review.title for h in hits]


def test_a_dad_left_out_is_answered_with_reviews_on_involving_fathers(retriever):
    # it led with Baby Sama's parents "continuously talking about contact"; Dorset's
    # "involving non-resident fathers" was fifth
    answer = retriever.answer(
        "I'm the kids' dad but I don't live with them. their mum's new fella is bad news and "
        "social services only ever talk to her, they never ring me back. do these reports say "
        "anything about dads like me being left out?")
    assert answer.groups[0].heading.startswith("Dorset 2018 – Child M"), answer.text
    assert "involving non-resident fathers" in answer.groups[0].sentences[0][0], answer.text


@pytest.mark.parametrize(("question", "rest", "aside"), [
    ("examples of drift (not just 'neglect' in general) please", "examples of drift please",
     ["neglect"]),
    ("reviews on engagement rather than 'disguised compliance'", "reviews on engagement",
     ["disguised compliance"]),
    ("what did reviews say about 'disguised compliance'?", "what did reviews say about "
     "'disguised compliance'?", []),
])
def test_quoted_words_a_question_sets_aside_are_taken_out(question, rest, aside):
    assert set_aside(question) == (rest, aside)


def test_words_a_question_sets_aside_are_not_what_it_is_answered_with(retriever):
    # it led with Alex's "the importance of the voice of the child", the one thing the trainer
    # had ruled out, searched as the theme it names
    answer = retriever.answer(
        "training request: examples where the review said nobody really found out what day to "
        "day life was like for the child (not just 'voice of the child' in general) - 3 or 4 "
        "please with the review names")
    quoted = " ".join(_quotes(answer))
    assert "the importance of the voice of the child" not in quoted, quoted
    assert "lived experience" in quoted, quoted
    assert "Not searched for “voice of the child”, which your question sets aside." in answer.notes


@pytest.mark.parametrize(("question", "asks"), [
    ("do any of these documents give a figure I can quote?", True),
    ("stats on domestic abuse in the reviews", True),
    ("what percentage of babies were under one?", True),
    ("who was the father figure for Child K?", False),
    ("how do I figure out which review to read?", False),
])
def test_a_question_asking_for_a_figure_is_read(question, asks):
    assert bool(FIGURES_ASKED.search(question)) is asks


@pytest.mark.parametrize(("sentence", "gives"), [
    ("45% of Serious Case Reviews in England relate to babies under the age of one year", True),
    ("babies are eight times more likely to be killed than older children", True),
    ("Child Neglect 19,448 reports of child neglect in 2016-17", True),
    ("Death of a 7-week-old boy in November 2015.", False),
    ("§3.9 The vulnerability of children under one year of age is well evidenced.", False),
])
def test_a_sentence_giving_a_figure_is_told_apart(sentence, gives):
    assert gives_a_figure(sentence) is gives


def test_a_figure_asked_for_leads_with_the_review_that_gives_one(retriever):
    # Baby Sama's "45% of Serious Case Reviews ..." came second, after a thematic review's
    # line with no figure
    answer = retriever.answer("I need a stat for my slides on why babies under one are so "
                              "vulnerable - do any of these documents give a figure I can quote?")
    assert answer.groups[0].heading.startswith("Bedford 2017 – Baby Sama"), answer.text
    assert any("45% of Serious Case Reviews" in s for s, _ in answer.groups[0].sentences)
    stats = retriever.answer("stats on domestic abuse in the reviews")
    assert not any("stats" in note for note in stats.notes), stats.notes


@pytest.mark.parametrize("question", ["which reviews mention hotels?", "reviews mentioning hotels"])
def test_a_word_one_passage_says_is_found_when_asked_which_reviews_mention_it(retriever, question):
    # no answer: Surrey's Child GG, the one passage saying "hotels", is 0.0 in meaning, far
    # past the dense list's first; "mentioning" was told no passage uses it
    answer = retriever.answer(question)
    assert answer.groups and answer.groups[0].heading.startswith("Surrey 2017 – Child GG")
    assert any("hotels" in q for q in _quotes(answer)), answer.text
    assert not any("mentioning" in note for note in answer.notes), answer.notes


def test_adhd_is_searched_as_the_attention_deficit_disorder_a_review_names(retriever):
    # "No passage in the index uses 'ADHD'", and Hertfordshire's Family H, whose keywords
    # say "attention deficit disorder", was not quoted
    answer = retriever.answer("the 7 year old I foster gets called naughty every day at school, "
                              "everyone says its ADHD but I think its what he went through before "
                              "he came to me. have reviews said anything about this?")
    assert answer.groups[0].heading.startswith("Hertfordshire 2017 – Family H"), answer.text


def test_a_nanny_beside_a_childminder_is_no_grandmother(retriever):
    # "nanny" was searched as the reviews' "grandmother" (a note said so), and no note said
    # that no passage names a childminder or a nanny
    answer = retriever.answer("any serious case reviews where a baby was hurt while being looked "
                              "after by a childminder or a nanny?")
    assert not any("grandmother" in note for note in answer.notes), answer.notes
    assert any("“childminder”, “nanny”" in note for note in answer.notes), answer.notes


def test_the_place_one_names_that_places_review_and_asks_for_its_lessons(retriever):
    # set V: "what did the blackburn one recommend?" quoted Gloucestershire's Philip ("one" was
    # no word for a review after a place, and "blackburn" no area of the index), and once
    # read as Blackburn with Darwen, found nothing ("one" was read as its topic)
    answer = retriever.answer("what did the blackburn one recommend?")
    assert [g.review_id for g in answer.groups] == ["blackburn-with-darwen-2018-child-y"], answer.text
    assert any("Child Independent Sexual Violence Advisor" in q for q in _quotes(answer)), answer.text


@pytest.mark.parametrize("question", [
    "why do the reviews keep saying workers should be more nosy and ask more questions?",
    "should workers be more nosey?",
])
def test_being_nosy_is_professional_curiosity(retriever, question):
    # set V: the first found nothing at all, the second no passage saying "nosey"
    answer = retriever.answer(question)
    assert answer.kind == "extractive", answer.text
    assert sum("curiosity" in q for q in _quotes(answer)) >= 2, answer.text


def test_involving_dads_is_about_fathers(retriever):
    # set V: read as a question about assessment, it quoted Dorset's "misled by parents",
    # Gloucestershire's NICE guidance and Bethany's parental capacity
    answer = retriever.answer("What do the reviews say about involving dads and other men in "
                              "assessments?")
    quotes = _quotes(answer)
    assert sum("father" in q.lower() for q in quotes) >= 4, answer.text
    assert not any("NICE" in q or "misled by parents" in q for q in quotes), answer.text


@pytest.mark.parametrize(("question", "national"), [
    ("How many serious case reviews were published in England in 2018 altogether?", True),
    ("how many SCRs nationally were about neglect?", True),
    ("how many reviews are there?", False),
])
def test_a_count_of_the_whole_country_says_the_index_is_no_national_record(
        retriever, question, national):
    # set V: "... in England in 2018 altogether?" was told "The index holds 8 serious case
    # reviews from England published in 2018", as if they were all; "nationally" and
    # "SCRs" were said to be counted by nothing
    answer = retriever.answer(question)
    assert any(note.startswith("Only the reviews in this index are counted")
               for note in answer.notes) is national, answer.notes
    assert not any("is not counted" in note for note in answer.notes), answer.notes


def test_a_review_told_by_what_happened_in_it_is_found_by_its_words_where_meaning_ties(retriever):
    # set V: the model reads this as close to Jack's case as to Sameer's (0.46, 0.47), and
    # the answer quoted Bradford's three reviews; Sameer's entry holds most of its words
    answer = retriever.answer("the bradford case where the little boy was abused by his mum and "
                              "her friend who both worked at his school - what went wrong?")
    assert [g.review_id for g in answer.groups] == ["bradford-2018-sameer"], answer.text
    # and where two hold its words alike, neither is chosen ("the girl in foster care" of
    # Croydon's Claire and Children R, S and W)
    headings = [g.heading for g in retriever.answer("any reviews from croydon?").groups]
    assert retriever._review_described("the girl in foster care", headings) is None


def test_themes_asked_as_alternatives_read_the_reviews_tagged_with_either(retriever):
    # set V: read as asking for reviews tagged with both (none is), the answer quoted only
    # disabled children's reviews, and neither Alex (cystic fibrosis) nor Halton's Young
    # Person (a chronic illness)
    answer = retriever.answer("Which reviews are about disabled children or children with serious "
                              "long-term medical conditions?")
    reviews = {g.review_id for g in answer.groups}
    assert {"anonymous-2017-alex", "halton-2017-young-person"} <= reviews, answer.text
    assert "hertfordshire-2016-child-a" in reviews, answer.text
    # not babies "or toddlers with fractures", whose babies say whom (Chris's rib and leg
    # fractures were lost)
    fractures = retriever.answer("reviews involving babies or toddlers with fractures")
    assert "liverpool-2017-chris" in {g.review_id for g in fractures.groups}, fractures.text


def test_a_child_who_saw_their_mother_killed_witnessed_her_murder(retriever):
    # set V: Waltham Forest's M, "who witnessed the murder of her mother", was not quoted
    answer = retriever.answer("Are there reviews where a child saw their mother being killed?")
    reviews = [g.review_id for g in answer.groups]
    assert {"waltham-forest-2017-child-m", "warrington-2017-child-1"} <= set(reviews[:2]), answer.text


@pytest.mark.parametrize(("question", "review"), [
    ("A 16 year old with epilepsy died in a young offenders institution - what did that review "
     "find?", "thurrock-2017-harry"),
    ("the baby who drowned in the bath while her brother and sister were there. what did that "
     "review recommend?", "rochdale-2017-child-k"),
])
def test_a_case_told_then_asked_of_as_that_review_is_that_reviews(retriever, question, review):
    # set V: the first quoted four teenagers' deaths beside Harry's (Child F, Child YT, Child Z)
    answer = retriever.answer(question)
    assert [g.review_id for g in answer.groups] == [review], answer.text


def test_the_given_name_one_names_that_review_and_a_follow_up_on_its_theme_asks_it_alone(retriever):
    # set V: "what did the sameer one say about the child's voice?" named no review ("sameer"
    # in lower case counts before "review" or "case", and now between "the" and "one") and
    # quoted Alex, Child A and Child N beside Sameer; then "did the escalation policy get
    # changed after that?" was searched across every review
    last = "what did the sameer one say about the child's voice?"
    answer = retriever.answer(last)
    assert [g.review_id for g in answer.groups] == ["bradford-2018-sameer"], answer.text
    read = retriever.read_in_conversation("did the escalation policy get changed after that?", last,
                                          [g.heading for g in answer.groups])
    assert read == "Bradford 2018 – Sameer: did the escalation policy get changed after that?"
    quotes = _quotes(retriever.answer(read))
    assert any("completed December 2017" in q for q in quotes), quotes
    assert not any("voice" in q for q in quotes), quotes
    assert retriever.understand("jack one of the boys").named_reviews == ()


def test_sexual_abuse_by_a_brother_quotes_the_brothers_cases_not_a_stepfathers(retriever):
    # set V: the answer listed eight reviews of sexual abuse by anyone, Norfolk's Child P
    # (abused by her step-father) among them
    answer = retriever.answer("which reviews involve a child being sexually abused by their brother?")
    reviews = [g.review_id for g in answer.groups]
    assert reviews[:2] == ["anonymous-2018-child-h1", "hertfordshire-2017-family-h"], answer.text
    assert "norfolk-2016-child-p" not in reviews, answer.text


def test_a_babys_death_while_co_sleeping_is_quoted_where_its_sentence_says_no_death(retriever):
    # set V: "Baby Bailey had been co-sleeping on the couch" was not quoted, its sentence
    # naming no death, which the question asked of too
    answer = retriever.answer("Which case reviews involve a baby who died while sleeping on a sofa "
                              "or sharing a bed with an adult?")
    reviews = {g.review_id for g in answer.groups}
    assert {"durham-2017-baby-bailey", "swindon-2016-child-d", "swindon-2017-child-s"} <= reviews


def test_a_named_reviews_learning_asked_with_its_case_told_is_its_learning(retriever):
    # set V (held out, read after its judgement): "... the C101 review, the 8 week old with
    # the fractures?" quoted "Femur fracture to an 8-week-old girl" and no learning: the
    # words that tell the case its summary tells are no topic to quote by
    answer = retriever.answer("What was the learning from the C101 review, the 8 week old with "
                              "the fractures?")
    quotes = _quotes(answer)
    assert [g.review_id for g in answer.groups] == ["anonymous-2024-c101"], answer.text
    assert not any("Femur fracture" in q for q in quotes), quotes
    assert any("coercive control" in q or "male carers" in q for q in quotes), quotes
    # a topic its summary does not tell is still one
    sama = _quotes(retriever.answer("What did the Sama review recommend about domestic abuse?"))
    assert all("domestic abuse" in q for q in sama), sama


def test_a_case_told_is_found_by_meaning_and_words_together(retriever):
    # set V (held out, read after its judgement): Child V is closest in meaning by 0.03 and
    # its entry holds 0.60 of the words (Baby Sama's 0.33); neither margin alone was enough,
    # and four other reviews' recommendations were quoted beside Child V's
    answer = retriever.answer("the 7 month old with bruises and broken bones whose parents were "
                              "living in temporary accommodation - what did that review recommend?")
    assert [g.review_id for g in answer.groups] == ["anonymous-2024-child-v"], answer.text
    assert any("Unexplained Injuries" in q for q in _quotes(answer)), answer.text
    # not where its entry holds few of them: "the one with the femur fracture", after the
    # Torbay digest's babies, is C101's, not Child V's, closest of those two in meaning, whose
    # entry says "fractures" alone
    last = "what's in the Torbay January 2024 digest: which ones are about babies"
    headings = [g.heading for g in retriever.answer(last).groups]
    assert "2024 – Child V (serious case review)" in headings
    read = retriever.read_in_conversation("the one with the femur fracture - what did it recommend?",
                                          last, headings)
    assert read == "2024 – C101: what did it recommend?"


def test_a_case_told_in_one_sentence_is_found_by_that_sentence(retriever):
    # set V (read): "the one where the foster mum went to prison" quoted Child T's sentence
    # beside three other reviews' mothers in prison or in care; by passage no review stood
    # out (Child T's entry was not among the four closest), by its sentence Child T's does
    answer = retriever.answer("the one where the foster mum went to prison")
    assert [g.review_id for g in answer.groups] == ["warwickshire-2017-child-t"], answer.text
    assert any("pleaded guilty to manslaughter" in q for q in _quotes(answer)), answer.text
    # and a follow-up asking "it" of that one is asked of Child T alone, not of all four
    last = "Are there cases where a child was hurt or killed by their foster carers?"
    headings = [g.heading for g in retriever.answer(last).groups]
    assert len(headings) > 1 and "Warwickshire 2017 – Child T (serious case review)" in headings
    assert (retriever.read_in_conversation("the one where the foster mum went to prison", last, headings)
            == "Warwickshire 2017 – Child T: tell me about it")
    # not where two reviews' sentences say it nearly alike: "the baby who died on the sofa
    # with his mum" is Swindon's Child D's (0.72) or Child S's (0.69)
    assert retriever.understand("the one where the baby died on the sofa with his mum").named_reviews == ()


def test_a_review_named_by_a_name_its_entry_never_says_is_told(retriever):
    # "tell me about the Joe review" had no answer: his entry never says "Joe", and scores
    # 0.10 in meaning, below what an answer reads
    for question in ("tell me about the Joe review", "Croydon 2018 – Joe: tell me about it"):
        answer = retriever.answer(question)
        assert answer.kind == "extractive", (question, answer.text)
        assert [g.review_id for g in answer.groups] == ["croydon-2018-joe"], answer.text
        assert any("third-degree burns" in q for q in _quotes(answer)), answer.text


def test_a_kind_of_review_set_aside_as_the_question_ends_is_not_searched(retriever):
    # set W (read half): "rather than single-case reviews" had no answer, "single-case"
    # being in no passage; the two thematic reviews are what it asks for
    answer = retriever.answer("Which of the reviews are thematic reviews rather than single-case reviews?")
    assert answer.kind == "extractive", answer.text
    assert {g.heading for g in answer.groups} == {
        "2024 – Babies who sustained injuries (thematic review)",
        "Luton 2024 – Keeping young people safe from risks related to exploitation, violent youth "
        "crime and gang associations (Luton) (child safeguarding practice review)"}, answer.text
    assert any("single-case reviews" in note and "sets aside" in note for note in answer.notes), answer.notes
    # and after a comma (set AC: "Thematic reviews only please, not single-child SCRs" named no
    # type, and quoted the Baby Sama SCR's panel)
    aside = retriever.answer("Thematic reviews only please, not single-child SCRs")
    assert {g.heading for g in aside.groups} == {g.heading for g in answer.groups}, aside.text
    assert any("single-child SCRs" in note and "sets aside" in note for note in aside.notes), aside.notes


def test_each_thing_asked_of_a_named_review_is_answered(retriever):
    # set W (read half): what happened to Child K was quoted, what the review said of the
    # police was not
    quotes = _quotes(retriever.answer("What happened in the Rochdale case where the baby drowned in the "
                                      "bath, and what did the review say about the police?"))
    assert any("drowned in a bath" in q for q in quotes), quotes
    assert any("police decision to interview" in q for q in quotes), quotes


def test_a_long_question_is_said_by_more_than_one_of_its_words(retriever):
    # a case told in a dozen words is not said by a sentence sharing two of them: Martin's
    # "special education provision ... special school" stood beside Harry's epilepsy as if
    # as close; it is now shown apart, as less close
    answer = retriever.answer("lad with epilepsy died in youth jail, school never even knew he had fits")
    close = [g.review_id for g in answer.groups if not g.less_close]
    assert close == ["thurrock-2017-harry"], answer.text
    assert len(answer.groups) > 1, answer.text
    # a short one still is: two of its words
    short = retriever.answer("which reviews mention fathers in prison?")
    assert sum(not g.less_close for g in short.groups) >= 2, short.text


def test_a_theme_said_only_within_a_name_is_not_discussed(retriever):
    # set W (read half) and set V: "Honour Based Violence" is in the index only in the Baby
    # Sama glossary's name of the DASH tool; "forced marriage or honour-based abuse" quoted
    # Warrington's "marriage difficulties", and "FGM or honour-based abuse" Baby Sama's
    # general domestic abuse questions, as if they were on it
    dash = "“Domestic Abuse, Stalking and Honour Based Violence Risk Assessment”"
    for question in ("What do the reviews say about forced marriage or honour-based abuse?",
                     "are there any reviews about honour based violence?"):
        answer = retriever.answer(question)
        assert answer.kind == "no_answer" and not answer.citations, answer.text
        assert any(note.startswith("No passage in the index discusses “honour")
                   and note.endswith(f"said only within {dash}.") for note in answer.notes), answer.notes
    # and not told to try other words, which would not help: the reviews do not discuss it
    for question in ("Are there any case reviews about FGM or honour-based abuse?",
                     "what did reviews say about FGM?"):
        answer = retriever.answer(question)
        assert answer.kind == "no_answer" and answer.text.startswith(
            "The indexed reviews do not discuss what this question asks about"), answer.text
    # a theme some passage says in prose is as before: domestic abuse, said in the same name
    assert retriever.answer("what do reviews say about domestic abuse?").citations


def test_a_review_pointed_at_alone_is_told(retriever):
    # set W (read half): "the second one" after two reviews of fabricated or induced illness
    # was read as "2018 – Children F, G and H: it", and answered with its learning alone
    last = "any reviews on fabricated or induced illness?"
    headings = [g.heading for g in retriever.answer(last).groups]
    assert len(headings) == 2
    read = retriever.read_in_conversation("the second one", last, headings)
    assert read.endswith(": tell me about it") and read.startswith(headings[1].rsplit(" (", 1)[0]), read
    quotes = _quotes(retriever.answer(read))
    assert any("fabricated or induced illness" in q for q in quotes), quotes


def test_a_parent_with_a_learning_disability_is_the_parents_theme(retriever):
    # set W (read half): "reviews where a parent had a learning disability" was read as the
    # theme of disabled children alone; Bethany's "Both parents had learning difficulties"
    # went unquoted
    answer = retriever.answer("reviews where a parent had a learning disability")
    assert "parental learning disability" in retriever.understand(
        "reviews where a parent had a learning disability").themes
    assert any("Both parents had learning difficulties" in q for q in _quotes(answer)), answer.text


def test_a_babys_age_says_it_was_a_baby(retriever):
    # set W (read half), and set V before it: Staffordshire's Child B, 14 months old, "died
    # while co-sleeping with her mother and maternal grandmother", was left out of babies who
    # died co-sleeping: its sentence names co-sleeping and no word for a baby
    answer = retriever.answer("Which case reviews involve a baby dying while co-sleeping or sleeping on a "
                              "sofa with a parent?")
    assert "staffordshire-2017-child-b" in {g.review_id for g in answer.groups}, answer.text
    assert any("co-sleeping with her mother and maternal grandmother" in q for q in _quotes(answer))
    # not a teenager's: the themes of a teenager's suicide are an adult's too
    girls = retriever.answer("which reviews are about young people who killed themselves: girls")
    assert "surrey-2017-child-bb" not in {g.review_id for g in girls.groups}, girls.text


def test_a_reviews_numbered_points_asked_after_its_story_are_its_own(retriever):
    # set W (held out, mended after its judgement): "what were the six learning points?"
    # after the Baby Sama review's story was searched alone ("six" read as its topic), and
    # quoted "This report will now consider in turn the six key learning points ..."
    last = "tell me about the baby sama review"
    headings = [g.heading for g in retriever.answer(last).groups]
    read = retriever.read_in_conversation("what were the six learning points?", last, headings)
    assert read == "Bedford 2017 – Baby Sama: what were the six learning points?", read
    points = [text for g in retriever.answer(read).groups for text, _ in g.sentences]
    assert len(points) == 6 and points[5].startswith("Learning Point 6:"), points


def test_a_review_spoken_of_by_its_place_as_its_author_is_that_review(retriever):
    # set W (held out, mended after its judgement): "what did Bradford say needs to happen?"
    # after Sameer's story was searched in Bradford's three reviews and quoted his story
    last = "what happened to Sameer?"
    headings = [g.heading for g in retriever.answer(last).groups]
    assert headings == ["Bradford 2018 – Sameer (learning brief)"]
    read = retriever.read_in_conversation("what did Bradford say needs to happen?", last, headings)
    assert read == "Bradford 2018 – Sameer: what did it say needs to happen?", read


def test_what_a_review_says_needs_to_happen_is_its_actions(retriever):
    # "what did it say needs to happen?" asked for Sameer's story; "what needs to happen?"
    # for its "What needs to happen?" list
    quotes = _quotes(retriever.answer("Bradford 2018 – Sameer: what did it say needs to happen?"))
    assert any("escalation policy should be reviewed" in q for q in quotes), quotes
    assert not any("born and brought up in Bradford" in q for q in quotes), quotes


def test_that_one_of_several_is_the_one_the_question_points_at(retriever):
    # set W (held out, mended after its judgement): "how many men were arrested in that one?"
    # after three 2016 reviews of sexual exploitation was asked of all three, and quoted
    # Swindon's "training for staff about working with men" beside Jeanette's arrests
    last = "reviews about child sexual exploitation: which of those were from the 2016 reviews?"
    headings = [g.heading for g in retriever.answer(last).groups]
    assert len(headings) > 1 and "Calderdale 2016 – Jeanette (serious case review)" in headings
    read = retriever.read_in_conversation("how many men were arrested in that one?", last, headings)
    assert read == "Calderdale 2016 – Jeanette: how many men were arrested in it?", read
    assert any("54 suspects were arrested" in q for q in _quotes(retriever.answer(read)))
    # asking nothing of it but its lessons, it is each of them, as before
    read = retriever.read_in_conversation("what did that one recommend?", last, headings)
    assert read.startswith(headings_said(headings)), read


def test_a_named_reviews_case_told_as_the_child_died_is_still_its_case(retriever):
    # set W (held out, mended after its judgement): "the boy who died in a young offender
    # institution" was read as the topic asked of Harry's review, its summary saying "Death
    # of", and what went wrong was answered with his story alone
    quotes = _quotes(retriever.answer("What went wrong in the Harry review, the boy who died in a young "
                                      "offender institution?"))
    assert any("diagnosis was not recorded" in q or "medication" in q for q in quotes), quotes
    assert not any(q.startswith("Death of a 16-year-old") for q in quotes), quotes


def test_a_parent_who_killed_their_child_and_then_themselves_is_found(retriever):
    # set Y (held out): "... and then themselves, or tried to?" found Isle of Wight's Child G
    # alone of the three, beside Dorset's and Dudley's, where no parent took their own life
    answer = retriever.answer("Any reviews where a parent killed their child and then themselves, "
                              "or tried to?")
    found = {g.review_id for g in answer.groups if not g.less_close}
    assert {"isle-of-wight-2017-child-g", "greenwich-2018-w-family", "anonymous-2017-child-ab"} <= found, (
        answer.text)


def test_missed_appointments_in_a_practitioners_shorthand_are_answered(retriever):
    # "mum keeps cancelling appts and wont let the HV in the house" quoted Baby Sama's
    # supported housing and Child V's housing recommendation
    answer = retriever.answer("mum keeps cancelling appts and wont let the HV in the house - "
                              "any reviews like that??")
    assert {"durham-2017-baby-bailey", "central-bedfordshire-2017-nolan"} <= {
        g.review_id for g in answer.groups}, answer.text
    assert not any("hv" in note.lower() for note in answer.notes), answer.notes


def test_where_a_question_says_to_look_is_every_review_it_is_not_searched(retriever):
    # "What are the lessons for health visitors in these case reviews?" (set X) was searched
    # for case reviews too, found no passage on health visitors, and quoted Baby Sama's
    # "using the case that is being reviewed as a 'window' on the system"
    assert without_collection("What are the lessons for health visitors in these case reviews?") == (
        "What are the lessons for health visitors ?")
    for said in ("what is the purpose of serious case reviews?", "lessons from reviews of babies",
                 "what came up in reviews about neglect", "in these reviews"):
        assert without_collection(said) == said
    framed = retriever.answer("What are the lessons for health visitors in these case reviews?")
    plain = retriever.answer("What are the lessons for health visitors?")
    assert _quotes(framed) == _quotes(plain), framed.text
    assert any("health visit" in q for q in _quotes(framed)), framed.text


def test_a_named_reviews_good_practice_is_its_strengths_as_it_lists_them(retriever):
    # "was any good practice by health picked out in that case?" of Baby Sama (set Y) was
    # told no passage records good practice: the report lists "A number of strengths ...
    # include: • Contribution of named/lead professionals in health ...", and says "It is
    # positive and evidence of the value of management oversight that ... SEPT picked up on
    # this matter"
    for question in ("Bedford 2017 – Baby Sama: was any good practice by health picked out?",
                     "what good practice did the Baby Sama review identify?"):
        answer = retriever.answer(question)
        quotes = _quotes(answer)
        assert any("named/lead professionals in health" in q for q in quotes), (question, quotes)
        assert any(q.startswith("It is positive") for q in quotes), (question, quotes)
        assert NO_PRAISE not in answer.notes


@pytest.mark.parametrize(("question", "said"), [
    # set Y (graded partial): Baby Sama's first two lines, not its third
    ("CP plan says dad should do anger managment for the DV - is that actually recommended?",
     "Anger management is not a suitable intervention"),
    # "not even crawling" was no phrase for a non-mobile baby: Nolan's recommendation unquoted
    ("baby brused on face but not even crawling yet, what do reviews say",
     "make the reporting of bruising to non-mobile babies mandatory"),
])
def test_the_line_that_answers_a_practitioners_question_is_quoted(retriever, question, said):
    assert any(said in q for q in _quotes(retriever.answer(question))), question


def test_a_reviews_recommendations_asked_by_its_names_with_commas_are_listed(retriever):
    # "What recommendations came out of the Samuel, Shay and Joy practice review?" (set Y)
    # kept "Shay and Joy" and "came" as its topic, and quoted two of the eight
    answer = retriever.answer("What recommendations came out of the Samuel, Shay and Joy "
                              "practice review?")
    assert {g.review_id for g in answer.groups} == {"anonymous-2024-samuel-shay-and-joy"}
    assert len(_quotes(answer)) >= 5 and any("extra-familial harm" in q for q in _quotes(answer)), (
        answer.text)


def test_a_meeting_on_a_child_soon_is_a_live_case(retriever):
    # set Z: "I've got an ICPC tomorrow ... Should we go for care proceedings at birth?" was
    # answered with reviews' lines and no word that they are no advice on the case
    answer = retriever.answer("I've got an ICPC tomorrow – dad has DV convictions and mum is 19 "
                              "weeks pregnant. Should we go for care proceedings at birth?")
    assert answer.notes[0] == LIVE_CASE_NOTE and answer.citations, answer.notes
    assert LIVE_CASE_NOTE not in retriever.answer("what happened at the ICPC in the Baby Sama "
                                                  "case?").notes


@pytest.mark.parametrize(("question", "reviews"), [
    # set Z (graded bad): one review's line of a place's four, or of a digest's six
    ("Which reviews in the collection come from Birmingham, and is there a common thread?", 4),
    ("what are the common themes in the Birmingham reviews?", 4),
    ("what kinds of cases were in the Torbay NSPCC repository digest from January 2024?", 6),
])
def test_the_kinds_or_common_themes_of_a_places_reviews_list_them(retriever, question, reviews):
    answer = retriever.answer(question)
    assert len(answer.groups) == reviews, answer.text


@pytest.mark.parametrize("question", [
    # set AA: Charlie and Sam's "the importance of accurate assessment" among the hidden men
    "hidden men in assessments",
    # set Y: North East Lincolnshire's "the need for robust assessment to understand family
    # functioning" beside three reviews' lines on fathers left out
    "What learning is there about fathers, stepdads and other men in the household being left "
    "out of assessments?",
])
def test_assessment_alone_is_no_answer_on_whom_assessments_left_out(retriever, question):
    answer = retriever.answer(question)
    men = re.compile(r"\b(?:fathers?|males?|men|step-?fathers?|partners?)\b", re.I)
    quotes = _quotes(answer)
    assert sum(bool(men.search(q)) for q in quotes) >= 4, answer.text
    assert not any("accurate assessment" in q or "robust assessment" in q for q in quotes), (
        answer.text)


def test_a_parent_agreeing_to_everything_and_nothing_changing_is_disguised_compliance(retriever):
    # set AA: quoted Baby Sama's conference and its MARAC, and no review's disguised compliance
    answer = retriever.answer("mum kept saying yes to everything and agreeing with the sw but "
                              "nothing actualy changed")
    saying = {g.review_id for g in answer.groups
              if any("disguised compliance" in text for text, _ in g.sentences)}
    assert len(saying) >= 2, answer.text


def test_which_of_the_reviews_named_used_a_method_leads_with_it(retriever):
    # set AA: "which of those used the SCIE model", of four CSE reviews, quoted Fenestra's
    # "SCIE Learning Together methodology" third, beside the others as close
    answer = retriever.answer("Buckinghamshire 2017 – Child Sexual Exploitation 1998 - 2016, "
                              "Bedford 2017 – Baby Sama, Somerset 2017 – Fenestra and Surrey "
                              "2017 – Child GG: which of those used the SCIE model")
    assert answer.groups[0].review_id == "somerset-2017-fenestra", answer.text
    assert all(g.less_close for g in answer.groups[1:]), answer.text


def test_a_bracket_saying_which_review_is_meant_is_not_what_is_asked_of_it(retriever):
    # set AA: "(radicalisation)" had made the topic, and the one sentence saying it was quoted
    answer = retriever.answer("key findings from the siblings W and X review (radicalisation)")
    assert [g.review_id for g in answer.groups] == ["brighton-and-hove-2017-siblings-w-and-x"]
    assert len(_quotes(answer)) >= 3 and any("long standing trauma" in q for q in _quotes(answer)), (
        answer.text)


@pytest.mark.parametrize(("question", "off_topic"), [
    # set AA: led with Blackpool's account of a death from medical causes
    ("any reviews about co-sleeping or babies dying in unsafe sleep?", "due to medical causes"),
    # Baby Sama's scheduling of the case, before its caseloads
    ("what do reviews say about social workers' caseloads?", "was allocated to a social worker"),
])
def test_asked_across_reviews_the_first_reviews_lines_off_the_topic_are_not_quoted(
        retriever, question, off_topic):
    answer = retriever.answer(question)
    assert answer.groups and not any(off_topic in q for q in _quotes(answer)), answer.text


@pytest.mark.parametrize("question", [
    # set Z (graded partial): half the answer was sexual exploitation (Jeanette's, Rachel's)
    "What themes come up in reviews about criminal exploitation, gangs and knife crime involving "
    "teenagers?",
    "what did reviews say about knife crime and county lines?",
])
def test_a_review_tagged_with_another_kind_of_exploitation_is_not_as_close(retriever, question):
    answer = retriever.answer(question)
    close = [g.review_id for g in answer.groups if not g.less_close]
    assert "calderdale-2016-jeanette" not in close and "bedford-2017-baby-sama" not in close, (
        answer.text)
    assert any(re.search(r"criminal exploitation|knife|knives|stabb|gang", q)
               for q in _quotes(answer)), answer.text


def test_asked_across_reviews_the_first_reviews_findings_stay_open(retriever):
    # set AA's held-out half (judged, blind): closing the first review to all but its lines
    # on the topic's words lost Sameer's "professional hierarchies ... at the top of the
    # hierarchy" finding for a question on hierarchy between agencies
    answer = retriever.answer("cases where professional disagreement or hierarchy between "
                              "agencies stopped concerns being heard")
    assert any("professional hierarchies" in q for q in _quotes(answer)), answer.text


@pytest.mark.parametrize(("question", "author"), [
    # set AA (held out, judged bad): quoted four lines of the family's story
    ("Baby Sama author", "Liz Murphy"),
    ("Child K review Rochdale author", "James Blewett"),
])
def test_a_reviews_author_typed_as_in_a_search_box_is_given(retriever, question, author):
    answer = retriever.answer(question)
    assert answer.kind == "catalogue" and author in answer.text, answer.text


@pytest.mark.parametrize("question", ["Child K review Rochdale", "Rochdale Child K"])
def test_a_reviews_name_alone_gives_what_happened_and_what_it_found(retriever, question):
    # set AA (held out, judged partial): "Child K review Rochdale" quoted the drowning, then
    # where the family lived and "Child K was born in Rochdale.", the lines closest to its name
    answer = retriever.answer(question)
    quotes = _quotes(answer)
    assert [g.review_id for g in answer.groups] == ["rochdale-2017-child-k"], answer.text
    assert quotes[0].startswith("Death of a baby girl, Child K"), answer.text
    assert any("police" in q for q in quotes), answer.text
    # (asked what it is about, its account as before)
    about = retriever.answer("What is the Child K review about?")
    assert any("history of domestic violence" in q for q in _quotes(about)), about.text


@pytest.mark.parametrize("question", [
    # set AA (held out, judged partial): "only the recent ones" after "child criminal
    # exploitation reviews" kept Baby Sama's 2017 review
    "child criminal exploitation reviews: recent ones",
    "recent child criminal exploitation reviews",
])
def test_recent_ones_are_the_newest_years_reviews(retriever, question):
    plan = retriever.understand(question)
    assert plan.recent == "newest" and plan.year_from is not None, plan
    answer = retriever.answer(question)
    assert answer.groups and all((c.hit.review.year or 0) >= plan.year_from
                                 for c in answer.citations), answer.text
    assert retriever.understand("the mother's recent drug use in the cases").recent == ""


def test_the_most_recent_one_asked_alone_lists_the_newest_reviews(retriever):
    # ("one" now says "recent" of reviews: asked alone it had found nothing, and before that
    # quoted Baby Sama's allocation dates)
    plan = retriever.understand("what's the most recent one?")
    assert plan.lists_reviews and plan.recent == "newest", plan
    answer = retriever.answer("what's the most recent one?")
    assert len(answer.groups) >= 3 and all((c.hit.review.year or 0) >= plan.year_from
                                           for c in answer.citations), answer.text


@pytest.mark.parametrize(("question", "recommends"), [
    # set AA (held out, judged partial): the siblings and four learning themes, no
    # recommendation
    ("can you summarise the Samuel, Shay and Joy practice review", "extra-familial harm"),
    ("give me a summary of the Jack review", "investigate technology-assisted abuse"),
    # set AB: its brothers are of its title, no topic ("brothers" quoted two lines on where
    # they were placed)
    ("Philip and his brothers Gloucestershire SCR summary", "compliant with NICE Guidelines"),
])
def test_a_summary_of_a_review_gives_its_case_findings_and_recommendations(retriever, question,
                                                                          recommends):
    answer = retriever.answer(question)
    quotes = _quotes(answer)
    assert len(answer.groups) == 1 and len(quotes) >= 6, answer.text
    assert any(recommends in q for q in quotes), answer.text


@pytest.mark.parametrize("question", [
    "any others that made no recommendations at all",  # set AB: quoted Rachel's recommendations
    "which reviews didn't make any recommendations",
    "reviews without recommendations",
])
def test_reviews_that_made_no_recommendations_are_those_saying_so(retriever, question):
    answer = retriever.answer(question)
    saying = {g.review_id for g in answer.groups if not g.less_close
              and any("no recommendations" in t.lower() for t, _ in g.sentences)}
    assert {"birmingham-2017-isobel", "edinburgh-2017-the-sexual-abuse-of-children-in-care"} <= saying, \
        answer.text


def test_a_documents_entry_said_by_its_number_is_the_review_asked_about(retriever):
    # (set AF, read half) "torbay jan 2024 digest item 4 - what does it say about the role of
    # extended family ...?" was asked of all six of the digest's reviews, and led with
    # Bradford's Child A; the digest numbers its entries, and the fourth is Luton's
    answer = retriever.answer("what does item 4 in the Torbay digest recommend?")
    assert len(answer.groups) == 1 and answer.groups[0].heading.startswith("Luton 2024 – Keeping young"), (
        answer.text)
    second = retriever.answer("Torbay digest item 2 - what were its learning themes?")
    assert [g.heading.split(" (")[0] for g in second.groups] == ["2024 – Babies who sustained injuries"]
    assert not any("“item”" in note for note in second.notes), second.notes
    # (a number past its last entry, or no document named, names none)
    assert not retriever.understand("Torbay digest item 9 - what did it recommend?").named_reviews
    assert not retriever.understand("what does item 4 on the agenda say?").named_reviews


def test_whether_a_reviews_name_is_the_childs_real_one_is_answered_from_what_it_says(retriever):
    # (set AF, held-out half, mended after its grading) "Is 'Sameer' the boy's real name? How
    # does the Bradford learning brief handle anonymity?" and "... calls her 'Salma' at one
    # point - is that her real name slipping through?" were refused; each review says its
    # name is not the child's
    answer = retriever.answer("was Sama the baby's real name in the Bedford report?")
    assert answer.kind == "extractive"
    assert any("(not their real name)" in q.text for c in answer.citations for q in c.quotes), answer.text
    assert retriever.answer("is that her real name? if not, what is it?").kind == "refusal"


@pytest.mark.parametrize("question", [
    "which reviews are tagged 'disguised compliance'?",
    "list the entries with \"fractures\" as a keyword",
    # (set AG: "which NSPCC list entries have 'sleeping behaviour' in the keywords?" was searched)
    "which entries have 'unknown men' in their keywords?",
])
def test_the_reviews_carrying_a_keyword_quoted_are_listed_from_the_catalogue(retriever, question):
    # (set AF, held-out half, mended after its grading) "which entries carry the keyword
    # 'unknown men'?" quoted passages on fathers from three reviews, two of them without it
    keyword = question.split("'")[1] if "'" in question else question.split('"')[1]
    answer = retriever.answer(question)
    carrying = [r for r in retriever.store.reviews() if keyword in [k.casefold() for k in r.keywords]]
    assert answer.kind == "catalogue" and len(carrying) >= 2
    assert answer.text.startswith(f"{len(carrying)} reviews in the index carry the keyword “{keyword}”")
    assert all(r.heading in answer.text for r in carrying), answer.text
    # each with the line of its entry that says it
    assert sum("“Keywords: " in note and keyword in note for note in answer.notes) == len(carrying)
    # (a keyword no entry carries is searched for as words)
    assert retriever.answer("which reviews are tagged 'purple elephants'?").kind != "catalogue"
    # (and one quoted of a review named is asked of that review: set AG, "Greenwich W family
    # has 'housing' as a keyword - what was the housing problem?" was told the two reviews
    # carrying it)
    of_one = retriever.answer(f"Dorset Child M has '{keyword}' as a keyword - what does it say of it?")
    assert of_one.kind == "extractive" and {g.review_id for g in of_one.groups} == {"dorset-2018-child-m"}, \
        of_one.text


def test_a_review_named_by_its_author_alone_is_asked_what_the_question_asks(retriever):
    # (set AF, held-out half, mended after its grading) "In the South Glos newsletter, the SCR
    # written by Eleanor Stobart - what evidence does it give that things have actually got
    # better in tackling CSE?" was told the one review she wrote, and quoted none of it
    answer = retriever.answer("what did the review by Jane Wiffin find about disabled children?")
    assert answer.kind == "extractive"
    assert {g.review_id for g in answer.groups} <= {"hertfordshire-2016-child-a",
                                                   "gloucestershire-2016-philip-and-his-siblings-john-and-darren"}
    assert any("disabled children" in q.text for c in answer.citations for q in c.quotes), answer.text
    # (which reviews an author wrote is still the catalogue's to say)
    assert retriever.answer("which reviews are by Jane Wiffin?").kind == "catalogue"


@pytest.mark.parametrize("question, review_id, said", [
    # (set AG: "been told to read 'the Keith Ibbetson SCR' before supervision tomorrow - which
    # case is it and what did it say about the parents getting lots of services ...?" quoted
    # Child V's, "SCR before supervision" read as Child V's)
    ("got to present the Helen Davies SCR after supervision on friday - which professionals "
     "visited the home?", "swindon-2016-child-d", "midwives"),
    ("what did the Mick Muir review recommend?", "staffordshire-2017-child-b", "fathers"),
])
def test_a_review_named_as_its_author_s_is_that_review(retriever, question, review_id, said):
    answer = retriever.answer(question)
    assert answer.kind == "extractive" and {g.review_id for g in answer.groups} == {review_id}, answer.text
    assert any(said in q.text for c in answer.citations for q in c.quotes), answer.text
    # (which review it is, asked alone, is the catalogue's)
    assert retriever.answer("which case is the Helen Davies review?").text.startswith(
        "The index records Helen Davies as the author of 1 review: Swindon 2016 – Child D")


def test_who_wrote_a_part_of_a_report_is_not_answered_with_its_author(retriever):
    # (set AH's held-out half, mended after its grading: "Who wrote the foreword to the Baby
    # Sama SCR ...?" was told that Liz Murphy wrote the review; the board's chair wrote it)
    for question in ("who wrote the introduction to the Baby Sama report?",
                     "who wrote the glossary in the Sama SCR?"):
        answer = retriever.answer(question)
        assert answer.kind != "catalogue" and not any("written by" in n for n in answer.notes), answer.notes
    assert retriever.answer("who wrote the Baby Sama report?").kind == "catalogue"


def test_words_no_passage_uses_asked_of_one_review_are_said(retriever):
    # (set AH's read half: "How much did the Baby Sama serious case review cost and how long
    # did it take to finish?" quoted its timeline, with no word that no passage says what it
    # cost; one or two such words among several had been left unsaid)
    answer = retriever.answer("Baby Sama review - what was its budget and how long did the panel take "
                              "to finish?")
    assert any(n.startswith("No passage in the index uses the words “budget”, “finish”")
               for n in answer.notes), answer.notes
    # (not the asker's opening, said before the review: "I'm a school DSL, ...")
    answer = retriever.answer("ok im a school DSL, give me the short version of the Sameer learning brief")
    assert not any("“dsl”" in n.lower() for n in answer.notes), answer.notes


def test_when_a_document_was_updated_is_answered_from_its_date_and_its_reviews_years(retriever):
    # (set AH's held-out half, mended after its grading: 'When was the NSPCC "Case reviews
    # published in 2018" page last updated, and is it only 2018 reviews?' searched 2018's
    # reviews, and quoted Sameer's actions of 2018)
    answer = retriever.answer("how up to date is the 'Case reviews published in 2018' list, "
                              "and which years are its reviews from?")
    assert answer.kind == "catalogue", answer.text
    assert "dated 4 September 2018" in answer.text and "“Last updated: 04 Sep 2018”" in answer.text
    assert "It holds 68 reviews: 13 from 2018 and 55 from 2017." in answer.text, answer.text
    assert any("corpus manifest" in n for n in answer.notes), answer.notes
    torbay = retriever.answer("when was the Torbay digest put together?")
    assert torbay.text.startswith("Torbay Safeguarding Children Partnership's “NSPCC Repository - "
                                  "January 2024” is dated January 2024."), torbay.text
    # (a review's date is the catalogue's, as before)
    assert retriever.answer("when was the Baby Sama review published?").text == \
        "Baby Sama (Bedford, 2017) was published in 2017."


def test_what_a_term_means_is_quoted_from_a_report_s_glossary(retriever):
    # (set AH's held-out half, mended after its grading: "what is the Public Law Outline,
    # according to the Sama report's glossary?" quoted a line using the term; a glossary's
    # lines had been quoted for no question)
    def quotes(question: str) -> list[str]:
        return [q.text for c in retriever.answer(question).citations for q in c.quotes]
    assert any(q.startswith("MASH Multi-Agency Safeguarding Hub - A MASH is a multi-agency team")
               for q in quotes("what does MASH stand for?"))
    assert any(q.startswith("Viability assessments are a way to quickly and effectively gather")
               for q in quotes("can you define viability assessments for me?"))
    # (not for a question asking what a review found of it)
    assert not any(q.startswith("MARAC Multi-Agency Risk Assessment Conference -")
                   for q in quotes("what did the Baby Sama review find about the MARAC?"))


def test_families_from_eastern_europe_are_found_by_the_peoples_the_reviews_name(retriever):
    # (set AI's read half: "families from Eastern Europe - which reviews involve them ...?"
    # quoted Brighton's "North African/Middle Eastern country of origin" alone, none of the
    # East European, Lithuanian or Czech families)
    answer = retriever.answer("families from Eastern Europe - which reviews involve them and what came up?")
    found = {g.review_id for g in answer.groups}
    assert {"haringey-2016-child-r", "birmingham-2017-child-d", "birmingham-2017-child-s"} <= found, \
        answer.text
    assert any("East European" in n and "Lithuanian" in n for n in answer.notes), answer.notes


def test_aunties_are_searched_as_the_aunt_the_reviews_say(retriever):
    # (set AI's read half: "kinship care - kids living with grandparents, aunties, other
    # relatives" had "aunties" searched as "aunti", which no passage says)
    answer = retriever.answer("any reviews where a kid was living with one of their aunties?")
    assert "nottingham-2017-child-j" in {g.review_id for g in answer.groups}, answer.text
    assert any("aunt" in n for n in answer.notes if "own terms" in n), answer.notes


def test_ever_and_the_end_of_who_ve_are_no_words_a_note_says_are_unused(retriever):
    # (set AI's read half: "was the LADO ever involved in the Sameer case?" and "... young
    # people who've been sexually assaulted ..." were each told that no passage uses the
    # word "ever" or "ve")
    for question in ("was the LADO ever involved in the Sameer case?",
                     "Blackburn with Darwen Child Y: what should young people who've been sexually "
                     "assaulted be offered?",
                     "Bradford 2017 – Jack: was any of it about online stuff?"):
        answer = retriever.answer(question)
        assert answer.citations and not any("No passage in the index uses" in n for n in answer.notes), \
            (question, answer.notes)


def test_reviews_searched_for_a_death_are_not_counted_again_as_tagged_with_it(retriever):
    # (set AI's held-out half, mended after its grading, in other words: "which of those
    # children died?" after children with long-term illnesses quoted two deaths under "18
    # reviews of those searched are tagged with child death (this answer quotes 0 of them)")
    answer = retriever.answer("reviews about children with complex medical needs: which of those kids died?")
    assert any("whose summary opens on a death" in n for n in answer.notes), answer.notes
    assert not any("tagged with child death" in n for n in answer.notes), answer.notes
    assert "anonymous-2017-alex" in {g.review_id for g in answer.groups}, answer.text


def test_a_role_typed_as_its_acronym_finds_the_review_that_writes_it_out(retriever):
    # (set AJ's held-out half, mended after its grading in other words: the acronym of a
    # Child Independent Sexual Violence Advisor, which no passage holds, quoted Baby Sama's
    # MARAC referral; Blackburn with Darwen's Child Y recommends the referral in full words)
    for question in ("which review said sexually assaulted young people should get a ChISVA?",
                     "any reviews mentioning an ISVA?"):
        answer = retriever.answer(question)
        assert answer.groups[0].review_id == "blackburn-with-darwen-2018-child-y", answer.text
        assert any("Independent Sexual Violence Advisor" in q for q in _quotes(answer)), answer.text
