"""The children a question asks about, their ages ("babies under 6 months"), sex ("boys who
were sexually exploited") and the year of what happened ("died in 2014"), read against what
the reviews' catalogue entries state (retriever/children.py), on the bundled index."""

from __future__ import annotations

import pytest

from reviewqa.retriever.children import (
    DAYS,
    AgeSpan,
    age_asked,
    death_asked,
    event_years,
    sex_asked,
    stated_age,
    stated_ages,
    summary_sexes,
    survival_asked,
    tells_a_death,
    tells_of_a_death,
    years_asked,
)
from reviewqa.retriever.followup import with_last_question

YEAR, MONTH, WEEK = DAYS["year"], DAYS["month"], DAYS["week"]


@pytest.mark.parametrize(("question", "low", "high", "said"), [
    ("babies under 6 months with head injuries", 0, 6 * MONTH, "under 6 months"),
    ("deaths of children over 10", 11 * YEAR, None, "over 10 years"),
    ("young people aged under 16", 0, 16 * YEAR, "under 16 years"),
    ("children who were under two", 0, 2 * YEAR, "under 2 years"),
    ("children aged 11 to 15 who self-harmed", 11 * YEAR, 16 * YEAR, "11 to 15 years"),
    ("babies between 3 and 6 months", 3 * MONTH, 7 * MONTH, "3 to 6 months"),
    ("11-15 year olds", 11 * YEAR, 16 * YEAR, "11 to 15 years"),
    # (set AF, read half: "young people aged 16 or 17" was read as 17 alone, or as no age)
    ("young people aged 16 or 17", 16 * YEAR, 18 * YEAR, "16 to 17 years"),
    ("14 or 15 year olds", 14 * YEAR, 16 * YEAR, "14 to 15 years"),
    ("16-year-olds who were stabbed", 16 * YEAR, 17 * YEAR, "16 years"),
    ("8 week old babies on sofas", 8 * WEEK, 9 * WEEK, "8 weeks"),
    ("neglect of the under-fives", 0, 5 * YEAR, "under 5 years"),
    ("neglect teenagers", 13 * YEAR, 20 * YEAR, "13 to 19 years"),
    ("men who groom teenage girls", 13 * YEAR, 20 * YEAR, "13 to 19 years"),
    ("a short case study on neglect of a teenager", 13 * YEAR, 20 * YEAR, "13 to 19 years"),
    # a probe's wordings: "a year", a stage of childhood
    ("infants under a year old who died", 0, YEAR, "under 1 year"),
    ("toddlers who swallowed their parents' drugs", YEAR, 4 * YEAR, "1 to 3 years"),
    # babies beside them are younger still (set T: "babies or toddlers with fractures" left out
    # Child V's 7 months and C101's 8 weeks)
    ("reviews involving babies or toddlers with fractures", 0, 4 * YEAR, "under 4 years"),
    # babies, under 2 as a summary naming them is read (session 76: "reviews from 2018 where a
    # baby died" listed a 13-year-old's death and a 9-year-old's first)
    ("reviews from 2018 where a baby died", 0, 2 * YEAR, "under 2 years"),
    ("babies who were shaken", 0, 2 * YEAR, "under 2 years"),
    ("baby deaths in unsafe sleep", 0, 2 * YEAR, "under 2 years"),
    ("neglect of children of primary school age", 4 * YEAR, 12 * YEAR, "4 to 11 years"),
    ("secondary school pupils who self-harm", 11 * YEAR, 19 * YEAR, "11 to 18 years"),
    # a bound and "or under", "and over" (a helper's "suicide of teenagers aged 14 or under"
    # was read as teenagers, and quoted a 17-year-old's suicide)
    ("suicide of teenagers aged 14 or under", 0, 15 * YEAR, "up to 14 years"),
    ("children 5 and younger", 0, 6 * YEAR, "up to 5 years"),
    ("babies 6 months or younger with injuries", 0, 7 * MONTH, "up to 6 months"),
    ("young people aged 16 or over", 16 * YEAR, None, "at least 16 years"),
])
def test_an_age_asked_of_children_is_read(question, low, high, said):
    asked = age_asked(question)
    assert asked is not None and asked.span == AgeSpan(low, high) and asked.said == said


@pytest.mark.parametrize("question", [
    "a 17-year-old mother",  # not a child's age
    "teenage mum",
    "Fatal stabbing of a 16-year-old boy in June 2021",  # one case: its words find it
    "a teenager with fits who died while locked up",
    "groomed since she was a young teenager",  # the mother
    "working with a teenage mother",
    "Children and teenagers who were stabbed",  # every child
    "reviews published 2016-2017",
    "over 10 agencies were involved",
    "children under a social worker",  # "a" is one only before a unit
    "reviews with 2 or more children",
    "families with 3 or more agencies involved",
    "talking to the baby's dad",  # one case's baby, not the children asked about
    "children left looking after babies",  # the children are
    "what happened to Baby Sama",
    "pre-birth planning for unborn babies",  # not yet born: no age
])
def test_words_that_confine_no_childs_age_are_not_read_as_one(question):
    assert age_asked(question) is None


@pytest.mark.parametrize(("stated", "low", "high"), [
    ("7 weeks", 7 * WEEK, 8 * WEEK),
    ("2 years 4 months", 2 * YEAR + 4 * MONTH, 2 * YEAR + 5 * MONTH),
    ("2 1/2 years", 2.5 * YEAR, 3 * YEAR),
    ("under 6 months", 0, 6 * MONTH),
    ("less than 1 year", 0, YEAR),
    ("20 days", 20, 21),
])
def test_a_stated_age_is_the_span_it_covers(stated, low, high):
    assert stated_age(stated) == AgeSpan(low, high)
    assert stated_age(None) is None and stated_age("unknown") is None


def test_every_age_an_entry_states_is_read():
    # its entry states the first child's; a summary may give a sibling's
    summary = "Deaths of a 9-year-old mixed heritage girl and her 3-year-old brother in 2017"
    assert stated_ages("9 years", summary) == (AgeSpan(9 * YEAR, 10 * YEAR), AgeSpan(3 * YEAR, 4 * YEAR))
    assert stated_ages(None, "Concerns about three siblings") == ()
    # several ages together, which a digest's one age does not read
    assert stated_ages(None, "Neglect of three siblings aged 0-1, 5 and 3 years") == (
        AgeSpan(0, 2 * YEAR),)
    # a stage of childhood named where no age is given, and only there
    assert stated_ages(None, "A teenage boy, Jack, was sexually abused") == (
        AgeSpan(13 * YEAR, 20 * YEAR),)
    assert stated_ages(None, "Three cases where babies sustained injuries") == (AgeSpan(0, 2 * YEAR),)
    assert stated_ages("23 months", "Death of a 23-month-old infant") == (
        AgeSpan(23 * MONTH, 24 * MONTH),)


def _ages(retriever) -> dict[str, tuple[AgeSpan, ...]]:
    return {r.id: stated_ages(r.child_age, r.summary) for r in retriever.store.reviews()}


def test_a_question_on_babies_under_6_months_quotes_no_older_childs_review(retriever):
    # "babies under 6 months with head injuries" quoted Luton's 13-month-old and North East
    # Lincolnshire's 4-year-old: the age was read as words
    answer = retriever.answer("babies under 6 months with head injuries")
    under = AgeSpan(0, 6 * MONTH)
    ages = _ages(retriever)
    quoted = [ages[g.review_id] for g in answer.groups]
    assert answer.groups and all(not a or any(x.overlaps(under) for x in a) for a in quoted), \
        answer.text
    assert sum(bool(a) for a in quoted) >= 3, answer.text  # the babies are there
    searched = sum(1 for a in ages.values() if not a or any(x.overlaps(under) for x in a))
    assert (f"Only the {searched} reviews whose entry gives a child's age of under 6 months or "
            "none (as your question asks) were searched.") in answer.notes, answer.notes


def test_teenagers_of_an_age_or_under_are_answered_with_no_older_childs_review(retriever):
    answer = retriever.answer("suicide of teenagers aged 14 or under")
    ages = _ages(retriever)
    asked = AgeSpan(0, 15 * YEAR)
    assert answer.groups and all(not ages[g.review_id] or any(a.overlaps(asked)
                                                              for a in ages[g.review_id])
                                 for g in answer.groups), answer.text
    assert "'A' (Brighton and Hove" not in answer.text  # a 17-year-old's suicide
    assert any("a child's age of up to 14 years or none" in n for n in answer.notes), answer.notes


@pytest.mark.parametrize(("summary", "death"), [
    ("Death of a 14-month old girl in July 2014.", True),
    ("Deaths of a 9-year-old mixed heritage girl and her 3-year-old brother.", True),
    ("Fatal stabbing of a 16-year-old boy in June 2021.", True),
    ("Harmful sexual behaviour and death of 17-year-old boy in 2015 as the result of stab wounds.",
     True),
    ("Reported deaths of two brothers in Syria in 2014.", True),
    # a parent's death, and a child who lived
    ("Child 1 witnessed mother’s death in the family home in 2014 from multiple stab wounds.",
     False),
    ("6-year-old child, \"M\", who witnessed the murder of her mother, \"B\", in September 2014.",
     False),
    ("Serious injury of a nine-week-old girl resulting in permanent disability. She later died.",
     False),  # (its first sentence only)
    ("Life threatening attempted strangulation and suffocation of child by mother.", False),
    (None, False),
])
def test_a_summary_opening_on_a_death_is_read(summary, death):
    assert tells_of_a_death(summary) is death


@pytest.mark.parametrize(("question", "said"), [
    ("non-accidental injuries to babies who survived", "who survived"),
    ("non-fatal injuries to babies", "non-fatal"),
    ("children who did not die", "who did not die"),
    ("what do reviews say about babies who died?", None),
    ("injuries the baby survived", "survived"),
    # those abused, now adults, and a dead child's siblings, are no children who lived ("which
    # reviews spoke to the child, survivors or family members?" searched only reviews of the
    # living)
    ("which reviews spoke to the child, survivors or family members?", None),
    ("what support did the surviving siblings get?", None),
])
def test_children_who_lived_are_read_as_asked(question, said):
    assert survival_asked(question) == said


def test_babies_who_survived_are_answered_from_no_review_of_a_death(retriever):
    # a helper's "non-accidental injuries to babies who survived" quoted Warwickshire's
    # "Death of a 23-month-old infant due to non-accidental injuries"
    question = "non-accidental injuries to babies who survived"
    answer = retriever.answer(question)
    reviews = {r.id: r for r in retriever.store.reviews()}
    assert answer.groups and not any(tells_of_a_death(reviews[g.review_id].summary)
                                     for g in answer.groups), answer.text
    ages = _ages(retriever)
    lived = sum(not tells_of_a_death(r.summary) for r in reviews.values() if r.kind == "review"
                and (not ages[r.id] or any(a.overlaps(AgeSpan(0, 2 * YEAR)) for a in ages[r.id])))
    assert (f"Only the {lived} reviews whose entry gives a child's age of under 2 years or none "
            "and whose summary does not open on a death (as your question asks) were searched."
            ) in answer.notes, answer.notes


def test_a_list_of_reviews_of_an_age_holds_those_stating_it_and_says_who_is_left_out(retriever):
    ages = _ages(retriever)
    under_one = {rid for rid, a in ages.items() if any(x.overlaps(AgeSpan(0, YEAR)) for x in a)}
    # a sibling's age counts: Dudley's entry states Child P's (2 years 4 months), its summary
    # Child H's (7 months)
    assert "dudley-2017-child-p-and-child-h" in under_one
    unstated = sum(not a for a in ages.values())
    answer = retriever.answer("reviews of babies under 1")
    assert answer.groups and {g.review_id for g in answer.groups} <= under_one, answer.text
    assert f"{unstated} reviews state no child's age and are left out." in answer.notes
    count = retriever.answer("how many reviews are about babies under 1?")
    assert count.text.startswith(f"The index holds {len(under_one)} reviews whose entry gives a "
                                 "child's age of under 1 year"), count.text


def test_an_age_every_stated_age_fits_confines_nothing(retriever):
    assert retriever.understand("children under 18 and domestic abuse").child_age is None
    # nor does one beside a review the question names: that review is asked about
    named = retriever.understand("what did the Swindon Child S review say of 8 week old babies?")
    assert named.named_reviews and named.child_age is None


@pytest.mark.parametrize(("message", "last", "asked"), [
    # whom a follow-up turns to narrows the last question ("what about teenagers?" after
    # "domestic abuse" was searched as "teenagers")
    ("what about teenagers?", "domestic abuse", "domestic abuse: teenagers"),
    ("only the under 5s", "neglect cases", "neglect cases: only the under 5s"),
])
def test_a_follow_up_naming_whom_narrows_the_last_question(retriever, message, last, asked):
    assert with_last_question(message, last, [], retriever.understand(message)) == asked
    assert retriever.understand(asked).child_age is not None


@pytest.mark.parametrize(("question", "sex"), [
    ("boys who were sexually exploited", "boy"),
    ("girls who self-harmed", "girl"),
    ("teenage lads on drugs", "boy"),
    ("knife crime and boys", "boy"),
    ("boys and girls who went missing", None),  # both
    ("getting into cars with older boys", None),  # those who groom them
    ("a girl who was groomed", None),  # one case
    # lads who harm the girl the question is about (a DSL's "year 10/11 lads passing a year 9
    # girl between them" searched only the reviews not naming girls alone)
    ("year 10/11 lads passing a year 9 girl between them at parties", None),
    ("a boy groomed by girls at his school", None),
    ("one of my boys' older brother got stabbed - what do the reviews say about the brothers and "
     "sisters in these families?", None),
    # those who abused ("women or girls as the main perpetrators" searched only reviews not
    # naming boys alone, and left out Sameer's), not those abused
    ("which reviews involved women or girls as the main perpetrators?", None),
    ("cases where girls abused younger children", None),
    ("boys who abuse other children", None),
    ("girls abused by older men", "girl"),
    ("girls who were harmed by older men", "girl"),
    # one child of a group, as "a boy" is
    ("One of our reception boys told his TA \"mummy's friend hurts me\"", None),
    # cases chosen by their child's sex, said of one child (a trainer's follow-up to examples
    # of child sexual exploitation listed three girls' cases)
    ("just the ones where the victim was a boy", "boy"),
    ("CSE cases where the child was a girl", "girl"),
    ("reviews where the victim was male", "boy"),
    ("cases where the victim was a boy and cases where the victim was a girl", None),
    # or which of the last answer's involved one (set AC: "which of those involved a boy?",
    # after CSE reviews, was asked of every child, and led with Buckinghamshire's and Child GG's)
    ("CSE reviews: which of those involved a boy?", "boy"),
    ("which ones involved a girl", "girl"),
    ("a boy involved in the case", None),
])
def test_boys_or_girls_asked_about_are_read(question, sex):
    asked = sex_asked(question)
    assert (asked.sex if asked else None) == sex


@pytest.mark.parametrize(("summary", "sexes"), [
    ("Death of a 7-week-old boy in November 2015.", {"boy"}),
    ("Deaths of a 9-year-old mixed heritage girl and her 3-year-old brother", {"boy", "girl"}),
    ("Sexual abuse of a 15-year-old adolescent by her older brother in 2015.", set()),
    ("Concerns about serious harm to three siblings", set()),
    (None, set()),
])
def test_a_summary_names_its_childrens_sex_or_neither(summary, sexes):
    assert summary_sexes(summary) == sexes


def test_boys_who_were_exploited_are_not_answered_with_girls_reviews(retriever):
    # "boys who were sexually exploited" led with three reviews of girls' exploitation, and
    # Jack's was third
    answer = retriever.answer("boys who were sexually exploited")
    rows = retriever._review_rows()
    girls_alone = sum(summary_sexes(r.summary) == {"girl"} for r in rows.values())
    assert answer.groups and all(summary_sexes(rows[g.review_id].summary) != {"girl"}
                                 for g in answer.groups), answer.text
    assert any(rows[g.review_id].title == "Jack" for g in answer.groups[:2]), answer.text
    assert (f"Only the {len(rows) - girls_alone} reviews whose summary does not name girls "
            "alone (as your question asks) were searched.") in answer.notes, answer.notes
    boys = sum("boy" in summary_sexes(r.summary) for r in rows.values())
    count = retriever.answer("how many reviews are about boys?")
    assert count.text.startswith(f"The index holds {boys} reviews whose summary names a boy"), \
        count.text


def test_a_follow_up_choosing_cases_by_the_childs_sex_confines_them(retriever):
    # "I need examples about child sexual exploitation ..." then "just the ones where the
    # victim was a boy" quoted three girls' cases and not Jack's
    first = "I need examples about child sexual exploitation for a training session"
    read = retriever.read_in_conversation("just the ones where the victim was a boy", first,
                                          [g.heading for g in retriever.answer(first).groups])
    answer = retriever.answer(read)
    rows = retriever._review_rows()
    assert answer.groups and all(summary_sexes(rows[g.review_id].summary) != {"girl"}
                                 for g in answer.groups), answer.text
    assert any(rows[g.review_id].title == "Jack" for g in answer.groups), answer.text


def test_a_childs_age_and_sex_are_said_together_after_what_else_confines(retriever):
    girls = retriever.answer("sexual abuse of girls under 12 within the family").notes
    assert any("whose entry gives a child's age of under 12 years or none and whose summary does "
               "not name boys alone (as your question asks) were searched." in n for n in girls), girls
    older = retriever.answer("deaths of children over 10 that were not suicide").notes
    assert any("neither tagged with nor naming self-harm and suicide and whose entry gives a "
               "child's age of over 10 years or none" in n for n in older), older


def test_the_answer_gives_back_the_question_with_its_age_for_the_next_turn(retriever):
    # the answer's "query", which a conversation sends back as the last question, had been
    # the words searched ("babies with head injuries"), so "only 2017" lost the age
    question = "babies under 6 months with head injuries"
    answer = retriever.answer(question)
    assert answer.question == question and answer.to_json()["query"] == question
    follow = retriever.read_in_conversation("only 2017", answer.question,
                                            [g.heading for g in answer.groups])
    plan = retriever.understand(follow)
    assert plan.child_age is not None and plan.year_from == plan.year_to == 2017, follow
    praise = retriever.answer("cases where professionals got it right")
    assert praise.question == "cases where professionals got it right"


def test_only_the_reviews_where_a_child_died_are_searched_when_a_question_says_so(retriever):
    # "only the ones where a child died" (after "parental mental illness") quoted Child AB and
    # Child O, whose children lived
    plan = retriever.understand("parental mental illness: only the ones where a child died")
    assert plan.died == "where a child died"
    answer = retriever.answer("parental mental illness: only the ones where a child died")
    assert answer.citations
    stated = retriever._children_stated()
    assert all(stated[c.hit.review.id].death for c in answer.citations), answer.text
    assert any("whose summary opens on a death" in note for note in answer.notes), answer.notes
    # (not "babies who died", which may be what a question is about)
    assert retriever.understand("what do reviews say about babies who died?").died is None


@pytest.mark.parametrize(("question", "said"), [
    ("babies with bruising: which of those died?", "which of those died"),
    ("which of these babies died?", "which of these babies died"),
    ("kinship care: which ones died?", "which ones died"),
    ("did any of them die?", "did any of them die"),
    # (after the reviews using one method, it quoted Hertfordshire's Child A, who lived)
    ("of those, which ones involved a child dying?", "which ones involved a child dying"),
    ("which of these were about a baby's death?", "which of these were about a baby's death"),
    ("neglect cases, only the ones who died", "the ones who died"),
    ("cases in which the baby died", "in which the baby died"),
    # (set AJ's read half: each quoted children who lived)
    ("foster care: out of those, which child didn't survive?", "which child didn't survive"),
    ("kinship care: which of those ended with the child dying?", "ended with the child dying"),
    ("fathers left out: narrow that down to infants who didn't survive",
     "narrow that down to infants who didn't survive"),
    ("fathers left out of assessments: infants who didn't survive", ": infants who didn't survive"),
    # what a question is about, not which of the reviews found it keeps
    ("what do reviews say about babies who died?", None),
    ("babies who didn't survive", None),
    ("which reviews were about a child who died?", None),
    ("what were the lessons for those working with bereaved families?", None),
])
def test_the_children_who_died_are_read_as_asked_of_the_last_answer(question, said):
    assert death_asked(question) == said


def test_which_of_those_died_quotes_each_review_where_it_says_the_child_died(retriever):
    # "which of those died?" after "babies with bruising" quoted Child V and City of London
    # and Hackney's Child M, who lived, and Nolan by "make the reporting of bruising to
    # non-mobile babies mandatory" alone, which does not say that he died
    question = retriever.read_in_conversation("which of those died?", "babies with bruising", [])
    answer = retriever.answer(question)
    stated = retriever._children_stated()
    assert answer.groups and all(stated[g.review_id].death for g in answer.groups), answer.text
    for group in answer.groups:
        assert any(tells_a_death(text) for text, _ in group.sentences), (group.heading,
                                                                         group.sentences)


def test_a_list_of_reviews_where_a_baby_died_gives_no_older_childs_review(retriever):
    # (session 76) it listed Child Z's 13-year-old and the W family's 9-year-old among 2018's
    # deaths, beside Baby A's and Emily's
    answer = retriever.answer("reviews from 2018 where a baby died")
    babies = AgeSpan(0, 2 * YEAR)
    ages = _ages(retriever)
    assert answer.groups and all(any(a.overlaps(babies) for a in ages[g.review_id])
                                 for g in answer.groups), answer.text
    assert {"Baby A", "Emily"} <= {g.heading.split(" – ")[-1].split(" (")[0] for g in answer.groups}


@pytest.mark.parametrize(("question", "low", "high", "death"), [
    ("which reviews are about a child who died in 2014?", 2014, 2014, True),
    ("children who died in 2015 - which reviews?", 2015, 2015, True),
    ("deaths in July 2014", 2014, 2014, True),
    ("babies injured between 2013 and 2015", 2013, 2015, False),
    ("girls abused in 2010-2014: what went wrong?", 2010, 2014, False),
    ("kids killed in the summer of 2016", 2016, 2016, True),
])
def test_the_year_of_what_happened_is_read_as_asked(question, low, high, death):
    asked = years_asked(question)
    assert asked is not None and (asked.low, asked.high, asked.death) == (low, high, death)


@pytest.mark.parametrize("question", [
    "reviews published in 2017 about neglect",  # (when a review came out)
    "the 2014 reviews on neglect",
    "what happened in 2015 in the Sama case?",  # (a date of a case's chronology)
    "which reviews are about a child who died?",
])
def test_no_year_of_what_happened_is_read_where_none_is_said(question):
    assert years_asked(question) is None


@pytest.mark.parametrize(("summary", "years"), [
    ("Death of a 14-month old girl in July 2014. The review was published in 2017.", (2014, 2014)),
    ("The CSE of Child C and Child Q by Perpetrators A and B between 2010 and 2014.", (2010, 2014)),
    ("Sexual abuse of a 15-year-old girl by her step-father. She disclosed in 2014.", None),
    (None, None),
])
def test_a_summary_dates_what_happened_by_its_first_sentence(summary, years):
    assert event_years(summary) == years


def test_the_reviews_of_children_who_died_in_a_year_are_each_listed_and_no_other(retriever):
    # "which reviews are about a child who died in 2014?" listed 3 of the 7, beside Baby
    # Sama's, who died in 2015: the year was read as nothing at all
    answer = retriever.answer("which reviews are about a child who died in 2014?")
    stated = retriever._children_stated()
    died = {rid for rid, c in stated.items() if c.death and c.years and c.years[0] <= 2014 <= c.years[1]}
    assert len(died) >= 5
    assert {g.review_id for g in answer.groups} == died, answer.text
    assert any("whose summary opens on a death in 2014" in note for note in answer.notes), answer.notes
    # and a year none died in is said to be one
    none = retriever.answer("any reviews about kids who died in 2019?")
    assert any(note.startswith("No review whose summary opens on a death in 2019")
               for note in none.notes), none.notes
