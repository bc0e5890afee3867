"""A practitioner's long message tells a case before it asks: the case is searched too.

Each sentence of the story (retriever.query.story_told) is a dense query of its own, fused
with the question's (SearchConfig.story_weight). On the bundled corpus.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from reviewqa.retriever.query import story_told, the_question_asked

YOUTH_WORKER = (
    "I'm a youth worker at a drop-in. 16 yr old lad from Eritrea, came over in the back of a "
    "lorry 3 weeks ago, out of hours team put him in a B&B. hardly any English, says he cant "
    "sleep and keeps saying 'better to die'. what have reviews said about young people in his "
    "situation?")
GP = (
    "GP. separated dad with depression came in for more sleeping tablets, said 'the kids would "
    "be better off without me'. he has his 6 yr old daughter every other weekend, on the "
    "psychotherapy waiting list. does anything in the reviews apply here?")
SOCIAL_WORKER = (
    "social worker, CP plan for neglect open 20 months now. same issues at every core group, "
    "mum engages on paper, house goes up and down. my manager says keep going with the plan. "
    "what do reviews say about plans that drag on?")
TENANCY = (
    "tenancy support worker. mum of two little ones, rent arrears and a court date for eviction "
    "next month. she's been low since her last baby and is on a methadone prescription. "
    "yesterday she told me she can't see the point any more and that she's been stocking up on "
    "painkillers. I'm not sure anyone is thinking about the children. does this ring any bells?")


def _reviews(hits) -> list[str]:
    return list(dict.fromkeys(hit.review.label for hit in hits))


def test_the_story_is_the_sentences_told_before_the_question():
    assert story_told(SOCIAL_WORKER) == [
        "social worker, CP plan for neglect open 20 months now.",
        "same issues at every core group, mum engages on paper, house goes up and down.",
        "my manager says keep going with the plan."]
    # a sentence of fewer than four words tells nothing to search by
    assert story_told(GP)[0].startswith("separated dad with depression")


@pytest.mark.parametrize("question", [
    "what do reviews say about plans that drag on?",
    # (27 words: not a long message)
    "my manager says keep going with a neglect plan open 20 months, same issues at "
    "every core group. what do reviews say about plans that drag on?",
])
def test_a_short_message_tells_no_story(question):
    assert story_told(question) == []


@pytest.mark.parametrize("message", [GP, TENANCY, YOUTH_WORKER])
def test_a_question_that_points_back_at_the_story_is_not_searched_alone(message):
    # "does this ring any bells?", "does anything in the reviews apply here?", "young people
    # in his situation": each was searched alone, and the answer to "ring any bells" said no
    # passage uses "ring" or "bells"
    assert the_question_asked(message) == message
    assert story_told(message)  # and the story is searched beside it, a sentence at a time


def test_the_case_a_story_tells_is_found(retriever):
    # a boy who came into the country illegally and died the day after his placement: the
    # story's sentences find his review, which the message as one text did not lead with
    off = replace(retriever.config, story_weight=0.0)
    assert _reviews(retriever.search(YOUTH_WORKER, k=10))[0] == "Child YT (Enfield, 2017)"
    assert _reviews(retriever.search(YOUTH_WORKER, k=10, config=off))[0] != "Child YT (Enfield, 2017)"


def test_a_story_ending_in_a_question_that_asks_nothing_of_its_own_is_answered_for_it(retriever):
    # a depressed father who had said his children would be better off without him, "does
    # anything in the reviews apply here?": searched alone, it quoted one Waltham Forest
    # passage on neglect, not the Isle of Wight review of a depressed father who killed his
    # daughter
    answer = retriever.answer(GP)
    headings = [g.heading for g in answer.groups]
    assert any(h.startswith("Isle of Wight 2017 – Child G") for h in headings[:3]), answer.text


def test_the_answer_to_a_story_quotes_the_case_and_says_how_it_was_searched(retriever):
    answer = retriever.answer(YOUTH_WORKER)
    assert answer.groups[0].heading.startswith("Enfield 2017 – Child YT"), answer.text
    # the line telling its case, and what it learnt (its case alone was quoted: "Death of
    # 17-year-old boy after his arrest for illegal entry into the UK ...")
    first = " ".join(sentence for sentence, _ in answer.groups[0].sentences)
    assert "illegal entry" in first and "record all aspects of vulnerability" in first, first
    # (no list of the story's words no passage uses: "lad", "lorry", "ago", "hardly" ...)
    assert not any(note.startswith("No passage in the index uses") for note in answer.notes)
    asked = retriever.answer(SOCIAL_WORKER)
    assert ("Searched for what your message asks: “what do reviews say about plans that drag "
            "on?”, and for the case it describes before it.") in asked.notes, asked.notes


def test_a_follow_up_read_with_the_reviews_before_it_tells_no_story():
    # (their names searched a sentence at a time added Croydon and Lewisham's foster care to
    # "which of them ended with the child dying?")
    assert story_told(
        "examples of grandparents looking after children in the reviews: other examples than "
        "Croydon 2017 – Claire, Warwickshire 2017 – Child T, North East Lincolnshire 2017 – "
        "Child T, Nottingham 2017 – Child J and Warwickshire 2017 – Child J: which of them "
        "ended with the child dying?") == []


def test_a_pregnancy_booked_late_in_everyday_words_finds_the_reviews_of_late_booking(retriever):
    # "mum didnt book till 30 wks" quoted Waltham Forest's police reports and Baby Sama's
    # probation service, not Nolan's "lack of curiosity about late booked pregnancy"
    message = ("health visitor - 5 month old, mum didnt book till 30 wks, baby was born at home "
               "before the ambulance got there, she's cancelled my last 3 visits and he missed his "
               "8 week check at the GP. 2 referrals to CSC already, both NFA. what should i take "
               "from the reviews?")
    answer = retriever.answer(message)
    quotes = " ".join(q.text for c in answer.citations for q in c.quotes)
    assert "late booked pregnancy" in quotes, answer.text
    assert any(note.startswith("Also searched for the reviews' own terms: late booking")
               for note in answer.notes), answer.notes


def test_a_story_of_many_sentences_is_searched_by_its_longest():
    # each sentence is a search of its own: a pasted chronology of fifteen is searched by
    # eight, the longest, in their order
    from reviewqa.retriever.query import STORY_MAX_SENTENCES
    days = [f"day {i}: mum missed the appointment with the health visitor again" for i in range(1, 15)]
    days[3] = "day 4: mum missed the appointment with the health visitor again and the baby was not seen"
    message = ". ".join(days) + ". what do reviews say?"
    told = story_told(message)
    assert len(told) == STORY_MAX_SENTENCES
    assert told[0].startswith("day 1:") and any("was not seen" in s for s in told)


HEALTH_VISITOR = (
    "health visitor, mum on a methadone script, 2 yr old and an 8 yr old. on last visit the "
    "bottle was on the kitchen worktop in reach, older kid often late and tired. drug team say "
    "she's \"stable and engaging\" and social care closed after an assessment. i'm uneasy but "
    "can't put my finger on it. what should i be doing differently according to the reviews?")


def test_a_story_asking_what_to_do_differently_is_answered_for_the_case(retriever):
    # "what should i be doing differently ...?" names no topic of its own: searched as that
    # (and the words it quotes), nothing was found; the reviews of a child who swallowed her
    # mother's methadone and of "healthy scepticism about long term drug using parents" apply
    assert the_question_asked(HEALTH_VISITOR) == HEALTH_VISITOR
    answer = retriever.answer(HEALTH_VISITOR)
    headings = [g.heading for g in answer.groups]
    assert any(h.startswith("Kent 2017 – Child C") for h in headings), answer.text
    quotes = " ".join(q.text for c in answer.citations for q in c.quotes)
    assert "methadone" in quotes or "drug using parents" in quotes, answer.text


def test_a_childs_age_the_story_tells_does_not_confine_the_search(retriever):
    # "three kids under 5" is the asker's family: read as asking for the reviews of under-5s,
    # it left out Waltham Forest's Child M, 6, whose family moved between boroughs
    message = (
        "early help worker. family of three kids under 5 just moved into our area from another "
        "borough, all three were on CP plans for neglect there. the transfer paperwork says the "
        "family were \"missing\" for a while and mum won't answer the door to us. how do reviews "
        "say transfers like this should be handled?")
    retrieval = retriever.retrieve(message)
    assert retrieval.story and retrieval.plan.child_age is None
    assert not any("child's age" in note for note in retriever.answer(message).notes)
    # an age the question asks for still confines it
    asked = message.replace("how do reviews say transfers like this should be handled?",
                            "what do reviews of children under 5 say about transfers?")
    assert retriever.retrieve(asked).plan.child_age is not None


def test_a_dog_named_by_its_breed_finds_the_baby_killed_by_the_family_dog(retriever):
    # "staffie" is in no passage: the answer quoted co-sleeping on a couch, not Sunderland's
    # Baby A, "Death of a 20-day-old baby following an assault by the family dog"
    answer = retriever.answer("should we keep our staffie away from the newborn?")
    assert answer.groups[0].heading.startswith("Sunderland 2018 – Baby A"), answer.text
