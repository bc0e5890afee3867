"""Answer metrics (does the answer quote gold evidence, is what it quotes junk) and the
bootstrap intervals, on real sentences of the bundled corpus. Pure functions: no index."""

from __future__ import annotations

import pytest

from reviewqa.eval.gold import GoldItem, Question, default_corpus_dir, load_corpus_texts, normalise
from reviewqa.eval.metrics import (
    answer_evidence,
    answer_review_coverage,
    bootstrap_interval,
    is_junk_sentence,
    junk_share,
    quoted_gold,
    quotes_gold,
    score_answer,
    summarise_with_intervals,
)

# --- the junk classifier, on lines of corpus/data/*.txt ------------------------------------------

JUNK = [
    ("Keywords: fabricated or induced illness, discguised compliance, general practitioners, "
     "professional curiosity", "keywords"),
    ("Keywords: abandoned children, child death, physical abuse, migrants", "keywords"),
    ("> Read the overview report", "links"),
    ("Read the overview report", "links"),  # as the sentence splitter quotes it
    ("Other resources Read practice review (PDF)", "links"),
    ("Multi-agency resources for this case", "links"),
    ("- [Key documents and resources \\(BSCB website\\)](#)", "links"),
    ("[Multi-Agency Threshold Guidance for Bradford](#)", "links"),
    ("http://pages.uoregon.edu/dynamic/jjf/defineBT.html", "links"),
    ("Previous NSPCC Repositories and published Torbay case reviews can be found on our website: "
     "Child Safeguarding Practice Reviews - Torbay Safeguarding Children Partnership", "links"),
    ("For further training, guidance and resources for professionals, including policies and "
     "procedures visit the Bradford Safeguarding Children Board website and the Bradford "
     "Safeguarding Adults Board", "links"),
    ("Analysis about the use of the BBSCB Escalation Policy is contained in the following section.",
     "signpost"),
    ("This will be explained in the next key practice episode.", "signpost"),
    ("The shift of professional focus in this case to the potential risk posed by the care "
     "leaver is explored in the next section of this report.", "signpost"),
    ("A summary of the learning points is set out below and it is hoped they will be used to "
     "inform the ongoing development of safeguarding systems and practice in Bedford Borough.",
     "signpost"),
    ("To support individual agencies and BBSCB to continuously focus their attention on relevant "
     "issues they are set out below:", "signpost"),
    ("This report has thus far focused on exploring what happened and why in this case.",
     "signpost"),
    # how many learning points or themes a report sets out next ("The review has also
    # identified seven other learning themes ..." led an answer on families moving areas)
    ("The review has also identified seven other learning themes of wider relevance for the "
     "safeguarding system in Bedford Borough.", "signpost"),
    ("Six key learning points have been identified that have wider relevance for the "
     "multi-agency response to safeguarding of unborn/baby children from domestic abuse.",
     "signpost"),
    ("These seven themes are not specific to the area of practice under review.", "signpost"),
    ("The preceding text explains how these seven themes featured in this case.", "signpost"),
    ("# NSPCC Repository – January 2024", "heading"),
    ("**Learning themes include:**", "heading"),
    ("Appendix 1 - Glossary", "heading"),
    ("Multi-Agency Threshold Guidance for Bradford", "heading"),  # a link's title, link stripped
    ("Resolving Professional Disagreement and Escalation", "heading"),
    ("Multi-Agency Protocol for the Assessment of Bruising, Burns and Scalds in non-mobile babies",
     "heading"),
    ("Guidance on non-accidental injuries", "fragment"),
    ("Multi-agency training", "fragment"),
]

USEFUL = [
    "Death of a 14-month old girl in July 2014.",
    "Child R died on 26 January.",
    "the impact of parental ill health",
    "Sama was aged nearly 2 months old at the time of her death",
    "Recommendations: makes a number of recommendations related to working with migrant families.",
    "Learning: the need to understand the impact of a parent’s mental health on the children and "
    "how professionals should understand the possible wider impact and risk within the family.",
    # Names an appendix, but says something itself.
    "Barnardo’s has identified three different models of child sexual exploitation as set in "
    "Appendix 2, and whilst not exhaustive, they show a spectrum of exploitation",
    "Bedford Borough Safeguarding Children Board (BBSCB) identified that the SCR of this case "
    "should address the following questions:",
    "**Learning themes include:** working with the family, alongside the wider contextual issues "
    "regarding child criminal exploitation and serious youth violence",
    "Life-threatening asthma attack experienced by a teenaged boy in December 2014",
    # a list's item naming a scheme, not a title: it starts as no title does
    "use of the National Referral Mechanism (NRM)",
]
# Missed on purpose: a link's text that reads like a phrase ("NSPCC guidance on bruising in
# children and physical abuse") cannot be told from a theme ("the impact of parental ill health")
# without its markup, which the loaders drop.


@pytest.fixture(scope="module")
def corpus_text() -> str:
    return normalise(" ".join(load_corpus_texts(default_corpus_dir()).values()))


def test_the_examples_are_real_corpus_text(corpus_text: str) -> None:
    for text in [text for text, _ in JUNK] + USEFUL:
        assert normalise(text) in corpus_text, text


@pytest.mark.parametrize(("text", "reason"), JUNK)
def test_junk_is_named_with_its_reason(text: str, reason: str) -> None:
    assert is_junk_sentence(text) == reason


@pytest.mark.parametrize("text", USEFUL)
def test_content_sentences_are_not_junk(text: str) -> None:
    assert is_junk_sentence(text) is None


def test_junk_share_of_an_answers_quotes() -> None:
    quotes = [USEFUL[0], USEFUL[3], JUNK[0][0], JUNK[11][0]]
    assert junk_share(quotes) == 0.5
    assert junk_share(USEFUL) == 0.0
    assert junk_share([]) is None


# --- does a quoted sentence quote a gold snippet? ---------------------------------------------------

SAMA = "Bedford 2017 – Baby Sama"
CHILD_L, CHILD_K = "Rochdale 2017 – Child L", "Rochdale 2017 – Child K"
DEATH = GoldItem(SAMA, "following the death of Sama who was a 7 week old baby in October 2015")
AGE = GoldItem(SAMA, "Sama was aged nearly 2 months old at the time of her death")
# A dev-set snippet of two sentences (examples-15): an answer quotes one sentence at a time.
L = GoldItem(CHILD_L, "Death of Child L aged 14 in 2016. A coroner's verdict found the cause of "
                      "death to be 'death by misadventure'.")
K = GoldItem(CHILD_K, "Death of a baby girl, Child K, who drowned in a bath in the presence of her "
                      "older brother and sister.")
SAMA_Q = Question("fact-01", "fact", "How old was Sama when she died?", [DEATH, AGE])
ROCHDALE_Q = Question("examples-15", "examples", "Tell me about the case reviews from Rochdale", [K, L])


def test_a_sentence_that_contains_the_snippet_quotes_it() -> None:
    sentence = ("This SCR was commissioned by the Independent Chair of Bedford Borough Safeguarding "
                "Children Board (BBSCB) following the death of Sama who was a 7 week old baby in "
                "October 2015.")
    assert quotes_gold(sentence, DEATH)
    assert not quotes_gold(sentence, AGE)


def test_a_sentence_the_snippet_contains_quotes_it_from_five_words() -> None:
    assert quotes_gold("Death of Child L aged 14 in 2016.", L)
    assert quotes_gold("A coroner's verdict found the cause of death to be 'death by misadventure'.", L)
    assert not quotes_gold("the death of Sama", DEATH)  # four words: a fragment, not evidence
    assert not quotes_gold("", DEATH)


def test_a_sentence_sharing_most_of_the_snippet_quotes_it() -> None:
    # Cut before "in October 2015" (a passage boundary): three quarters of the snippet.
    cut = ("This SCR was commissioned by the Independent Chair of Bedford Borough Safeguarding "
           "Children Board (BBSCB) following the death of Sama who was a 7 week old baby")
    assert quotes_gold(cut, DEATH)
    # Less than half of the snippet in one run is not enough.
    assert not quotes_gold("The review looked at the death of Sama and what agencies knew.", DEATH)
    assert not quotes_gold("Death of a 14-month old girl in July 2014.", DEATH)


def test_matching_survives_wraps_and_punctuation() -> None:
    assert quotes_gold("Sama was aged nearly 2 months old at the time of her\ndeath.", AGE)
    assert quotes_gold("SAMA was aged nearly 2-months old at the time of her death", AGE)


def test_answer_evidence_and_review_coverage() -> None:
    only_k = ["Death of a baby girl, Child K, who drowned in a bath in the presence of her older "
              "brother and sister."]
    both = [*only_k, "Death of Child L aged 14 in 2016."]
    assert quoted_gold(only_k, ROCHDALE_Q) == [K]
    assert answer_evidence(only_k, ROCHDALE_Q) == 1.0
    assert answer_review_coverage(only_k, ROCHDALE_Q) == 0.5
    assert answer_review_coverage(both, ROCHDALE_Q) == 1.0
    assert answer_evidence(USEFUL, ROCHDALE_Q) == 0.0
    assert answer_evidence([], ROCHDALE_Q) == 0.0 and answer_review_coverage([], ROCHDALE_Q) == 0.0
    # Two snippets of the same review: one review, covered once.
    assert answer_review_coverage([USEFUL[3]], SAMA_Q) == 1.0


def test_score_answer_row() -> None:
    quotes = ["Death of Child L aged 14 in 2016.", "Keywords: child death, physical abuse, unknown men"]
    cited = ["Rochdale 2017 – Child L: Death of Child L aged 14 in 2016. [1]",
             "Death of Child L aged 14 in 2016. A coroner's verdict found the cause of death to be "
             "'death by misadventure'.\nKeywords: child death, physical abuse, unknown men"]
    row = score_answer(quotes, cited, ROCHDALE_Q)
    assert row == {"answer_evidence": 1.0, "answer_review_coverage": 0.5,
                   "answer_evidence_recall": 0.5, "quoted_sentences": 2, "junk_share": 0.5,
                   "junk": [{"text": quotes[1], "reason": "keywords"}]}
    nothing = score_answer([], ["No relevant passages found."], ROCHDALE_Q)
    assert "junk_share" not in nothing and nothing["answer_evidence"] == 0.0


# --- bootstrap intervals ---------------------------------------------------------------------------

def test_bootstrap_is_deterministic_with_its_seed() -> None:
    values = [1, 0, 1, 1, 0, 0.5, 1, 0, 0.25, 1]
    first = bootstrap_interval(values, seed=7)
    assert first == bootstrap_interval(values, seed=7)
    assert first != bootstrap_interval(values, seed=8)
    low, high = first
    assert 0.0 <= low < sum(values) / len(values) < high <= 1.0


def test_bootstrap_of_constant_data_is_a_point() -> None:
    assert bootstrap_interval([1.0] * 20) == (1.0, 1.0)
    assert bootstrap_interval([0.0]) == (0.0, 0.0)
    assert bootstrap_interval([]) is None


def test_bootstrap_narrows_with_more_questions() -> None:
    few = bootstrap_interval([1, 0] * 5)
    many = bootstrap_interval([1, 0] * 200)
    assert many[1] - many[0] < few[1] - few[0]
    assert many[0] < 0.5 < many[1]


def test_summary_with_intervals_groups_by_kind_and_every_tag() -> None:
    rows = [{"id": "a", "kind": "fact", "tags": ["place", "year"], "rr@10": 1.0},
            {"id": "b", "kind": "fact", "tags": [], "rr@10": 0.0},
            {"id": "c", "kind": "theme", "tags": ["place"], "rr@10": 0.5}]
    summary = summarise_with_intervals(rows, ["rr@10"], tags=("place", "year", "lay"), resamples=50)
    assert summary["overall"]["n"] == 3 and summary["overall"]["rr@10"] == 0.5
    assert summary["by_kind"]["fact"]["rr@10"] == 0.5
    assert {tag: g["n"] for tag, g in summary["by_tag"].items()} == {"place": 2, "year": 1, "lay": 0}
    assert summary["by_tag"]["place"]["rr@10"] == 0.75
    assert summary["by_tag"]["year"]["ci"] == {"rr@10": [1.0, 1.0]}
    assert summary["by_tag"]["lay"]["ci"] == {}
    low, high = summary["overall"]["ci"]["rr@10"]
    assert 0.0 <= low <= 0.5 <= high <= 1.0
