"""Misspelt words of a question, corrected to words the index holds (retriever/spelling.py)."""

from __future__ import annotations

import pytest

from reviewqa.embed.model import bundled_model_path
from reviewqa.retriever.spelling import (
    Speller,
    in_full,
    misspells_an_asking_word,
    model_words,
    one_edit_apart,
    respelt,
    vocabulary_words,
    with_apostrophes,
)


def _speller(vocabulary: list[str], made: list[int] | None = None) -> Speller:
    def make() -> list[str]:
        if made is not None:
            made.append(1)
        return vocabulary
    return Speller(lambda: model_words(bundled_model_path()), make)


def test_the_models_vocabulary_knows_everyday_words_and_not_misspellings():
    known = model_words(bundled_model_path())
    assert {"locked", "jailed", "kids", "nobody", "wales"} <= known
    assert not {"neglet", "escalaton", "##ing"} & known


def test_only_long_unknown_words_outside_the_taxonomy_are_suspects():
    speller = _speller(["neglect"])
    assert speller.suspects(["neglet", "locked", "kids", "abc", "c101x", "cosleeping"]) == ["neglet"]
    # a word of a term the question names whole is that term's ("elective home education"
    # was searched as "reflective home education")
    assert _speller(["reflective"]).suspects(["elective"]) == ["elective"]
    assert _speller(["reflective"]).suspects(
        ["elective"], "elective home education - any reviews where the child was home schooled?") == []


def test_a_word_of_an_everyday_phrase_the_glossary_knows_is_no_suspect():
    # "mum tried to smother her child" was searched as "mother" and missed Child AB's
    # "attempted strangulation and suffocation"; the glossary searches it as "suffocation"
    speller = _speller(["mother", "tummy"])
    assert speller.corrections(["smother"]) == {"smother": "mother"}
    assert speller.corrections(["smother"], "mum tried to smother her child") == {}
    assert speller.suspects(["tummy"], "a tummy infection nobody treated") == []


def test_a_known_word_with_a_regular_ending_is_no_suspect():
    # "scoping a review" was searched as "coping", a child "wetting herself" as "setting"
    speller = _speller(["coping", "setting", "withdrawn", "neglect", "escalation"])
    assert speller.corrections(["scoping", "wetting", "withdraws", "neglet", "escalaton"]) == {
        "neglet": "neglect", "escalaton": "escalation"}


def test_the_stem_of_a_known_verb_is_no_suspect():
    # set AJ: "does the newsletter advertise any local training?" was searched as "adverse";
    # the model holds "advertised" and "advertising", not "advertise". A stem cut shorter is
    # still a misspelling ("polic" of "police", though the model holds "policing")
    speller = _speller(["adverse", "police"])
    assert speller.corrections(["advertise", "polic"]) == {"polic": "police"}


def test_a_known_word_after_a_prefix_is_no_suspect():
    # "the workforce getting used to domestic violence and underplaying the physical risk to
    # kids" (set AE) was searched as "underlying", and "parents misusing drugs" as "missing"
    speller = _speller(["underlying", "missing", "pressure"])
    assert speller.corrections(["underplaying", "misusing", "presure"]) == {"presure": "pressure"}


def test_a_suspect_is_corrected_to_the_closest_word_or_left_alone():
    made: list[int] = []
    speller = _speller(["escalation", "neglect", "safeguarding"], made)
    assert speller.corrections(["neglet", "escalaton", "safegaurding"]) == {
        "neglet": "neglect", "escalaton": "escalation", "safegaurding": "safeguarding"}
    assert speller.corrections(["zzzzzzz"]) == {}  # nothing close: no correction
    assert speller.corrections(["locked"]) == {}  # a word the model knows is not a misspelling
    assert made == [1]  # the vocabulary is made once, at the first suspect


def test_a_theme_run_together_is_written_as_the_taxonomy_writes_it():
    assert _speller([]).corrections(["cosleeping"]) == {"cosleeping": "co-sleeping"}


def test_without_the_models_vocabulary_only_run_together_themes_are_corrected(tmp_path):
    speller = Speller(lambda: model_words(tmp_path), lambda: ["neglect"])  # no vocab.txt there
    assert speller.corrections(["neglet", "cosleeping"]) == {"cosleeping": "co-sleeping"}


def test_respelling_replaces_whole_words_in_any_case():
    assert respelt("Neglet and neglets of neglet", {"neglet": "neglect"}) == (
        "neglect and neglets of neglect")
    assert vocabulary_words(["Neglect, bruising; GP 2017 abc"]) == ["bruising", "neglect"]


def test_the_models_words_are_read_only_when_a_long_word_is_unseen():
    reads: list[int] = []

    def known() -> frozenset[str]:
        reads.append(1)
        return model_words(bundled_model_path())

    speller = Speller(known, lambda: ["neglect"])
    assert speller.corrections([]) == {} and speller.suspects(["kid", "gp"]) == []
    assert reads == []  # a retriever starts, and most questions run, without reading it
    assert speller.corrections(["neglet"]) == {"neglet": "neglect"} and reads


def test_a_contraction_typed_without_its_apostrophe_is_written_with_it():
    assert (with_apostrophes("families who just wont engage; Didnt anyone ask? dont know")
            == "families who just won't engage; Didn't anyone ask? don't know")
    assert with_apostrophes("the wonton and the dontopedalogy") == "the wonton and the dontopedalogy"
    # a pronoun's too ("now theyre back together" was searched as "there"), not a word that
    # is one ("were", "well", "its", "ill")
    assert (with_apostrophes("now theyre back together and Im worried, thats all")
            == "now they're back together and I'm worried, that's all")
    assert with_apostrophes("we were well, its ill") == "we were well, its ill"


def test_no_answer_says_no_passage_uses_a_contraction(retriever):
    # "families who just wont engage" was told no passage uses "wont"; "won't" would have
    # been told the same of "won", all that is left of it once indexed
    for question in ("families who just wont engage", "families who just won't engage"):
        answer = retriever.answer(question)
        assert answer.citations, answer.text
        assert not any("won" in note for note in answer.notes), answer.notes


def test_a_word_the_reviews_hyphenate_is_searched_as_they_write_it(retriever):
    # "postnatal depression" was told no passage uses "postnatal" and searched by meaning
    # alone; Camden's "accept post-natal as well as antenatal referrals" was not quoted
    assert retriever.lexical.held_apart("postnatal") == "post-natal"
    assert retriever.lexical.held_apart("notable") is None  # "no" is no prefix split here
    answer = retriever.answer("postnatal depression what did reviews find")
    assert "Searched for “post-natal” in place of “postnatal”, which no passage uses." in answer.notes
    assert any("post-natal" in quote.text for c in answer.citations for quote in c.quotes)


@pytest.mark.parametrize(("typed", "word", "apart"), [
    ("teh", "the", True), ("abot", "about", True), ("reveiw", "review", True),
    ("wat", "what", True), ("hte", "the", True),
    ("cot", "not", False),  # one letter changed makes other words of short ones
    ("the", "the", False), ("abut", "about", True), ("revw", "review", False),
])
def test_one_edit_apart_is_a_letter_added_dropped_or_two_swapped(typed, word, apart):
    assert one_edit_apart(typed, word) is apart


def test_a_misspelt_word_a_question_asks_with_is_no_word_the_passages_lack(retriever):
    # a helper's typed "wat did teh reveiw say abot dogs n babys" was told that no passage
    # uses "wat", "teh", "reveiw" or "abot"
    answer = retriever.answer("wat did teh reveiw say abot dogs n babys")
    assert any("dog" in q.text for c in answer.citations for q in c.quotes), answer.text
    assert not any("reveiw" in note or "teh" in note for note in answer.notes), answer.notes
    # a word of its own is still said to be missing, though one letter from another
    known = retriever.speller.known_words()
    assert not misspells_an_asking_word("hard", known) and misspells_an_asking_word("reveiw", known)


def test_a_practitioners_shorthand_is_written_out():
    # "mum keeps cancelling appts and wont let the HV in the house" was told no passage uses
    # "appts" or "hv", and quoted Baby Sama's supported housing
    assert in_full("mum keeps cancelling appts and wont let the HV in the house") == (
        "mum keeps cancelling appointments and wont let the health visitor in the house")
    assert in_full("the sws never visited, and her hvs missed it") == (
        "the sws never visited, and her health visitors missed it")
    # not the asker's role opening a story, nor a child's letters, nor "the SW" (a social
    # worker is in nearly every review: it diluted a story's search)
    for said in ("HV. mum was discharged a fortnight ago", "SW here, what should I do",
                 "what happened to Child SW?", "the HVAC engineer", "the SW was vague"):
        assert in_full(said) == said
