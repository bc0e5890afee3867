"""Hybrid search: dense (FAISS) and lexical (FTS5 BM25) lists fused by reciprocal rank fusion,
filtered on review metadata, optionally re-ranked, then diversified by review.

Filters are applied inside both searches (SQL for lexical, an id selector for dense), so
the k hits returned all satisfy them, however rare the matching reviews are. Searches only
read, and run in parallel: the store gives each thread its own SQLite connection, FAISS
searches are thread-safe, and the embedder serialises its own model.
"""

from __future__ import annotations

import calendar
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from reviewqa.corpus.digests import is_newsletter, newsletter_theme, resource_theme
from reviewqa.corpus.store import ChunkRow, Facets, ReviewRow, Store
from reviewqa.corpus.structure import TYPE_ABBREVIATIONS, review_types_named
from reviewqa.corpus.taxonomy import (
    Theme,
    all_terms,
    get_theme,
    glossary_terms,
    glossary_terms_said,
    kind_terms_named,
    lay_expansion,
    lay_words,
    mentions,
    mentions_any,
    names_any_theme,
    term_key,
    theme_filter_terms,
    theme_naming_terms,
    theme_spans,
    theme_terms_named,
    themes_in_query,
    themes_named_in,
)
from reviewqa.corpus.text import counted, holds_words, names_holding, said_as_list, words
from reviewqa.corpus.types import review_heading
from reviewqa.embed.pipeline import CorpusIndex
from reviewqa.settings import (
    ANSWER_LISTS_K,
    ANSWER_NAMED_LESSONS_BOOST,
    DEFAULT_ANSWER_K,
    DEFAULT_K,
    EXAMPLES_MAX,
    MAX_K,
    MAX_QUERY_CHARS,
    AnswerConfig,
    SearchConfig,
)

from .answer import (
    ANSWERED_ALONE,
    CANNOT,
    GENERAL_WORDS,
    GOES_ON,
    GOOD_PRACTICE_QUERY,
    HELP,
    IN_ENGLISH,
    LEARNING_ROLES,
    NO_ANSWER,
    NOT_DISCUSSED,
    RESOURCES_ONLY,
    REVIEWS_TAB,
    REWORK_ASKED,
    SUBJECT_WORDS,
    THANKS,
    Answerer,
    about_the_tool,
    asks_definition,
    asks_methodology,
    field_role,
    grouped_text,
    hyphenated_words,
    praised_on,
    quotable_sentences,
    recommends,
    records_praise,
    topic_stems,
    topic_words,
    with_one_close,
)
from .children import (
    STAGE_WORDS,
    AgeAsked,
    ChildrenStated,
    SexAsked,
    children_stated,
    death_asked,
    stage_said,
    survival_asked,
    tells_of_a_death,
)
from .facts import FOLLOW_UP as FACTS_FOLLOW_UP
from .facts import (
    author_asked,
    collection,
    collection_asked,
    keyword_asked,
    review_facts,
    reviews_by,
    reviews_keyworded,
)
from .followup import (
    across_reviews,
    asks_to_rework,
    child_spoken_of,
    compares_with,
    follows_up,
    goes_on,
    heading_place,
    headings_said,
    one_as_review,
    says_of_it,
    with_last_question,
)
from .junk import is_junk_sentence
from .lexical import FRAMING, STOPWORDS, LexicalSearch, query_terms
from .methods import MethodAsked, MethodsFound, method_asked, reviews_by_method
from .points import asks_only_for_points, numbered_points
from .query import (
    ASKS_FIELD,
    FIGURES_ASKED,
    LESSONS,
    WHOM_WORDS,
    YEAR_SAID,
    Catalogue,
    QueryPlan,
    ReviewName,
    SourceName,
    appendix_asked,
    asked_beside_fields,
    asks_about_the_tool,
    asks_for_help,
    asks_only_for_praise,
    asks_what_it_cannot_do,
    by_title,
    clean_question,
    fields_asked,
    has_topic,
    in_appendix,
    in_english,
    in_welsh,
    set_aside,
    story_told,
    terms_as_written,
    thanks,
    the_question_asked,
    understand,
    without_asks,
    without_collection,
    without_headings_places,
    without_mention,
    without_name,
    without_purpose,
    without_shown,
)
from .resources import ASKING_WORDS as RESOURCE_WORDS
from .resources import Resources, asks_for_resources, listed_text, resource_count, topic_of
from .safety import (
    REFUSAL,
    SERVICE_CONTACT,
    asks_for_a_service_contact,
    help_first,
    is_reidentification_request,
    judgement_note,
    live_case_help,
    live_case_note,
)
from .spelling import (
    ASKING_WORDS,
    Speller,
    in_full,
    misspells_an_asking_word,
    model_words,
    respelt,
    vocabulary_words,
    with_apostrophes,
)
from .themes import count_themes, review_themes
from .types import (
    Answer,
    AnswerKind,
    Citation,
    Filters,
    Hit,
    QueryError,
    Quote,
    Refused,
    ResourceLink,
    ReviewGroup,
    group_text,
)

if TYPE_CHECKING:
    from .llm import LLMConfig

RERANKER_ENV = "REVIEWQA_RERANKER"
COMMON_THEMES = 6  # themes a question on what the reviews share is told of
NAMED_BOOST = 1.0  # above any fused score (at most ~0.12): a named review's passages come first


@dataclass
class Retrieval:
    """One search: its hits, what the question named (``plan``), the reviews its own place
    or years confined the search to (``scope``; None when nothing did), and the question as
    searched, its misspelt words corrected (``question``, ``corrected``: see
    retriever.spelling)."""

    hits: list[Hit]
    plan: QueryPlan
    scope: frozenset[str] | None = None
    query: np.ndarray | None = None  # the question's vector, when dense search ran
    expanded: tuple[str, ...] = ()  # the reviews' own terms searched beside a question's lay words
    unheld: tuple[str, ...] = ()  # terms it names that no passage holds (searched as others)
    apart: tuple[str, ...] = ()  # of those, the ones whose words apart mean other things
    question: str = ""
    # the words searched for it, where not all of it (a child's age is a confinement, not words:
    # "babies under 6 months with head injuries" is "babies with head injuries"; what went
    # well, asked of nothing else, is "good practice", as the reviews record it)
    searched: str = ""
    corrected: tuple[tuple[str, str], ...] = ()  # (as typed, as searched)
    focus: str = ""  # the part of a long message searched, when not all of it was
    english: str = ""  # a question asked in Welsh, as searched in English
    aside: tuple[str, ...] = ()  # the quoted words it sets aside, not searched ("not just 'X'")
    unmet: str = ""  # what no review of the question's place meets, left out: "No review from
    # Bradford published in 2019 is in the index"
    story: tuple[str, ...] = ()  # the sentences of a long message's story searched beside it


# A request for case examples or studies ("For a training day I need 3 or 4 case examples on
# the theme ..."): it asks for the cases
_ASKS_FOR_EXAMPLES = re.compile(r"\b(?:examples?|case\s+stud(?:y|ies))\b", re.I)
# A count asked of the whole country or in total ("How many serious case reviews were
# published in England in 2018 altogether?" was told the index's 8 as if they were all)
_NATIONAL_COUNT = re.compile(r"\b(?:altogether|in\s+total|overall|national(?:ly)?|"
                             r"(?:in|across|throughout)\s+(?:all\s+of\s+)?(?:england|wales|scotland|"
                             r"northern\s+ireland|the\s+uk|britain|great\s+britain|the\s+country))\b",
                             re.I)
NOT_NATIONAL = ("Only the reviews in this index are counted: it is not a national record of "
                "published reviews.")


def _national_note(question: str) -> list[str]:
    """NOT_NATIONAL, for a count asked of the whole country or in total."""
    return [NOT_NATIONAL] if _NATIONAL_COUNT.search(question) else []


MENTION_WORDS = 3  # "which reviews mention X?" is counted for an X of this many words or fewer
# "reviews about neglect that don't mention domestic abuse": what is mentioned is left out
_MENTION_DENIED = re.compile(r"\b(?:not|never|without|no|\w+n['’]?t)\s+(?:\w+\s+)?mention", re.I)

GOOD_PRACTICE_SAID = "good practice"  # as the reviews record it ("Good practice identified: ...")

RARE_TERM_REVIEWS = 3
"""A term of the reviews' words that the passages of this many reviews or fewer hold is
rare enough that a passage holding it answers a question naming it, whatever its meaning
scores (see Retriever._term_users)."""


class Retriever:
    """Searches one index folder. Load once, search many times, from any number of threads."""

    def __init__(self, index: CorpusIndex, config: SearchConfig | None = None,
                 reranker_path: str | Path | None = None,
                 answer_config: AnswerConfig | None = None):
        self.index = index
        self.config = config or SearchConfig()
        self.reranker = _load_reranker(reranker_path or os.environ.get(RERANKER_ENV))
        self.lexical = LexicalSearch(index.store)
        self.answerer = Answerer(answer_config or AnswerConfig())
        self._reviews: dict[str, ReviewRow] | None = None  # the catalogue, read on first use
        self._types: dict[str, frozenset[str]] | None = None  # see _types_said
        self._sources: list[SourceName] | None = None  # the documents, by the names they go by
        self._question_catalogue: Catalogue | None = None  # as a question may name it
        self._children: dict[str, ChildrenStated] | None = None  # what each review says of them
        self._names_said: dict[str, list[str] | None] = {}  # see _names_only
        self._sections: dict[int, dict[str, list[str]]] | None = None  # see _document_sections
        self.speller = self._speller()
        self.resources = Resources(lambda: self.store.resources(),
                                   lambda text: self.index.embedder.encode_query(text))

    @classmethod
    def load(cls, index_dir: Path | str | None = None, *, config: SearchConfig | None = None,
             build_if_empty: bool = False, progress: bool = False,
             reranker_path: str | Path | None = None) -> Retriever:
        """Opens the index folder (see CorpusIndex.open); optionally indexes the bundled corpus."""
        index = CorpusIndex.open(Path(index_dir) if index_dir else None, progress=progress)
        if build_if_empty and index.is_empty:
            index.ingest_bundled(progress=progress)
        return cls(index, config, reranker_path=reranker_path)

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> Retriever:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def store(self) -> Store:
        return self.index.store

    def facets(self) -> Facets:
        return self.store.facets()

    # -- search ---------------------------------------------------------------------------------

    def search(self, question: str, k: int = DEFAULT_K, filters: Filters | None = None, *,
               config: SearchConfig | None = None) -> list[Hit]:
        """The top ``k`` passages for ``question`` that satisfy ``filters``."""
        return self.retrieve(question, k, filters, config=config).hits

    def read_in_conversation(self, message: str, last: str, reviews: Sequence[str] = (),
                             less_close: Sequence[str] = (), earlier: Sequence[str] = ()) -> str:
        """The question a message asks after ``last``, the question the last answer answered,
        and ``reviews``, that answer's reviews as it headed them, in order (``less_close``:
        those of them it showed as less close; ``earlier``: those of the latest answer before
        it that quoted several): a follow-up read with them ("same but only 2017", "tell me
        more about the second one"; see :func:`followup.with_last_question`), else the message
        as it is."""
        if not last.strip() or not message.strip() or self._identifies(last):
            # (not with a request it refused: "ok what recommendations were made" after "who
            # were the abusers - can you give me their names?" was refused again)
            return message
        # (its text-speak written out: "its recs pls" after Trafford's Child N was searched
        # alone, and quoted Isobel's "There are no recommendations included.")
        message = one_as_review(in_full(message))
        try:
            last_plan: QueryPlan | None = self.understand(clean_question(last))
        except QueryError:
            last_plan = None
        named = last_plan.named_reviews if last_plan is not None else ()
        if not reviews:
            # the reviews it named, where its answer quoted none: a review's resources listed
            # alone ("anything in there about bruising in babies?" after the Sameer brief's
            # resources was searched across every review)
            reviews = [review.heading for review in self.store.reviews(named)]
        if (not_it := _NOT_THAT_ONE.match(message)) and (review := self._other_of_the_title(
                not_it["what"], reviews)):
            # "no not that one - the baby who died on the sofa with mum" after Birmingham's
            # Child S (Waltham Forest's before it) was asked of Birmingham's again: it is the
            # other review of that title the message describes, Swindon's Child S
            return f"{headings_said([review])}: tell me about it"
        plan = self.understand(clean_question(message))
        ids = self._ids_by_heading()
        # a review the message names, of none the last answer quoted, is the one it describes
        # ("ok switching - the anonymous 2018 one about two sisters, Charlie and Sam, what was
        # learned?" after three reviews was asked of Rochdale's Child K, whose sister was there)
        rows = self._review_rows()
        names_another = not ({ids.get(r) for r in reviews} & set(plan.named_reviews)) and any(
            holds_words(message, rows[rid].title) for rid in plan.named_reviews if rid in rows)
        if (not names_another and len(reviews) == 1 and reviews[0] in earlier and len(earlier) == 2
                and (one := _THE_OTHER_ONE.search(message))):
            # "the other one" after an answer from one of the two reviews of the answer before
            # is the other of the two ("and in the other one, what went wrong when the family
            # moved?" after Waltham Forest's Child S, of its two, was asked of every review
            # but Child S)
            other = next(r for r in earlier if r != reviews[0])
            rest = _asked_of_it(message, one, _AND_IT)
            return (f"{headings_said([other])}: "
                    f"{'tell me about it' if _ONLY_ABOUT_IT.fullmatch(rest) else rest}")
        group = list(dict.fromkeys([*earlier, *reviews]))
        if not names_another and (placed := _the_place_one(message, group)) is not None:
            # "the Nottingham one" is the one review from Nottingham the last answers quoted
            # ("for the Nottingham one, what did it say about self-harm?" after kinship care,
            # then "which of those ended with the child dying?", was asked of Rochdale's
            # Child K; "and the Luton one - ..." was asked of every Luton review)
            return placed
        if (not names_another and len(reviews) == 1 and (few := _THE_FEW.search(message))
                and len(group) == _FEW[(few["n"] or few["n2"]).lower()]):
            # "the two" or "the three" after answers each from one review are those reviews
            # ("which of the two incidents happened first?" after Samuel, Shay and Joy's
            # review, then Luton's, was asked of Luton's alone)
            return f"{headings_said(group)}: {message}"
        if not names_another and (one := _THE_ONE_WHERE.search(message)) and (
                review := self._review_described(one["what"], reviews)
                or self._review_described(one["what"], [r.heading for r in self._catalogue()])):
            # "what about the one where the boy was killed by a car?" after Bradford's three
            # reviews is Child A's, and its next turn ("what were the learning themes") too;
            # one the last answer did not quote, the index's ("the one with cystic fibrosis -
            # what did it recommend?" after six reviews of neglect was asked of all six)
            rest = _asked_of_it(message, one)
            return (f"{headings_said([review])}: "
                    f"{'tell me about it' if _ONLY_ABOUT_IT.fullmatch(rest) else rest}")
        if not names_another and (one := _THE_DESCRIBED_ONE.search(message)) and (
                review := self._review_described(
                one["what"], list(dict.fromkeys(
                    [*reviews, *(r.heading for r in self.store.reviews(named))])))):
            # "the teenage boy one" of the reviews the conversation is on: the last answer's
            # and those its question named ("and the teenage boy one, what did it recommend
            # nationally?" after the GPs of two FII reviews, one of which said nothing of
            # them, was asked of the other, Children F, G and H)
            return f"{headings_said([review])}: {_asked_of_it(message, one, _AND_IT)}"
        if (plan.named_reviews and set(plan.named_reviews) <= set(named) and not says_of_it(message)
                and _BARE_IT.search(message) and len(combined := f"{last.rstrip(' ?.!')}: {message}")
                <= MAX_QUERY_CHARS):
            # "it" beside the review the last question named too is what that question asked
            # of it ("how was it used in Sama's case?" after "what is the Public Law Outline,
            # according to the Sama report's glossary?" quoted a line on domestic abuse)
            return combined
        if plan.named_reviews and says_of_it(message):
            # "it" is the review the message names, not the last answer's ("ok diff topic -
            # Blackpool Child BW, what did it say about a new baby when the older kids are
            # already on a plan" was asked of the four reviews before it)
            return message
        if last_plan is not None and (turned := _turned_to_place(message, last, plan, last_plan)):
            return turned
        if not plan.named_reviews and (counted_one := self._the_counted_ones(message, reviews)):
            # "the three siblings" of the one review shown whose case is three siblings ("how
            # old were the three siblings?" after the Torbay digest's knife crime answer was
            # searched alone, and quoted Hertfordshire's Family H)
            return f"{headings_said([counted_one])}: {message}"
        meant = self._reviews_meant(set(named), reviews, less_close, last)
        if (len(meant or reviews) > 1 and not plan.named_reviews
                and (child := child_spoken_of(message))):
            # one child spoken of as "he" or "she", after several reviews, is the first of
            # them whose child that may be ("what went wrong on the day he died?" after
            # Thurrock's Harry had led the answer to "any reviews about a young person dying
            # in custody?" was searched alone, and quoted Surrey's Child BB)
            meant = self._child_of(child, meant or [h for h in reviews if h not in less_close])
        if (len(meant or reviews) > 1 and _ONE_POINTED_AT.search(message)
                and set(words(asked := without_asks(message))) - STOPWORDS - FRAMING - _POINTER_WORDS
                and (described := self._review_described(asked, meant or reviews))):
            # one review pointed at, of several, is the one what the message asks points at:
            # "how many men were arrested in that one?" after three reviews from 2016 had been
            # asked of all three (Swindon's "training for staff about working with men"
            # beside Jeanette's "54 suspects were arrested"); where none stands out, or it asks
            # nothing but lessons ("what did that one recommend?"), all
            meant = [described]
        elif (len(meant or reviews) > 1 and _ONE_POINTED_AT.search(message)
              and last_plan is not None and not (last_plan.named_reviews or last_plan.place)
              # (a case told, not reviews asked for: "reviews where a parent's mental illness
              # put the child at risk: which of those involved the dad" asks for several)
              and ":" not in last and not _MANY_REVIEWS.search(last)
              and len(set(words(last)) - STOPWORDS) >= DESCRIPTION_MIN_WORDS
              and (described := self._review_described(last, meant or reviews))):
            # and where it asks nothing but lessons, the one the last question described, if
            # one stands out: "what were the recommendations from that one" after "girl who
            # had to look after her mum from young age, then older men were giving her fags
            # booze and drugs" was asked of Jeanette's and the two reviews quoted below it
            meant = [described]
        read = with_last_question(message, last, reviews, plan, meant=meant, earlier=earlier)
        if read and compares_with(message):
            return self._still_naming(read, plan)
        if (read is None and len(reviews) == 1 and _SINCE_ASKED.search(message)
                and len(words(message)) <= _SINCE_MAX_WORDS and not plan.named_reviews):
            # what changed after the one review the last answer was from ("what's been done
            # since?" after the Sameer brief quoted Buckinghamshire's "operations and reviews
            # since then"; asked of the brief in its words, its case's lines): its actions
            # done and what it says improved
            return (f"{headings_said(reviews)}: what has changed or improved since, and which "
                    "actions were completed?")
        if read is None and len(reviews) == 1 and self._still_of_the_review(message, plan, reviews[0]):
            # of the one review the last answer was from, where the message points at its
            # case and that review is what it finds first anyway: "what did the police send
            # over about dad, and where did it end up?" after Baby Sama's plan, and "why
            # didn't the planned social worker visit happen?" after Waltham Forest's Child M,
            # were searched alone, and quoted other families' lines below its own; and the
            # next turn, "what did the review ask the LSCB to consider?", found no review)
            return f"{headings_said(reviews)}: {message}"
        return read or message

    def _still_of_the_review(self, message: str, plan: QueryPlan, heading: str) -> bool:
        """Whether ``message``, after an answer from the one review headed ``heading``, asks
        of its case: it names no review, place, year, type or document, asks across no
        reviews nor for a list, speaks of someone or something definite ("the police", "dad",
        "it"), and its own search finds that review's passage first."""
        if (plan.named_reviews or plan.place or plan.year_from or plan.year_to or plan.sources
                or plan.review_types or plan.lists_reviews or plan.counts_reviews
                or across_reviews(message) or not _DEFINITE.search(message)):
            return False
        rid = self._ids_by_heading().get(heading)
        try:
            hits = self.search(message, k=1)
            if rid is not None and hits and hits[0].review.id == rid:
                return True
            # or a party to its case that its passages name ("why weren't the nursery's
            # worries acted on?" after the Sameer brief found Philip's nursery staff first)
            party = _PARTY_OF_THE_CASE.search(message)
            return party is not None and any(
                hit.review.id == rid and party[1].casefold() in words(hit.chunk.text.casefold())
                for hit in self.search(f"{heading}: {message}", k=3))
        except QueryError:  # (a request refused, or nothing it says can be searched)
            return False

    def _other_of_the_title(self, what: str, reviews: Sequence[str]) -> str | None:
        """Of the reviews whose titles hold (or are held by) those of ``reviews`` (headings:
        "Child S"), less those, the one ``what`` describes (:meth:`_review_described`)."""
        rows = self._review_rows()
        ids = self._ids_by_heading()
        titles = [rows[ids[h]].title for h in reviews if h in ids]
        others = [r.heading for r in rows.values() if r.heading not in reviews and any(
            holds_words(r.title, title) or holds_words(title, r.title) for title in titles)]
        return self._review_described(what, others) if others else None

    def _still_naming(self, read: str, plan: QueryPlan) -> str:
        """A comparison read as asked of the last answer's review (``read``: "Merton 2017 –
        Child B: compare that with the isle of wight review ...") with the reviews the
        message named (``plan``: by their place, here) named beside it: they had been lost
        from its reading, and the Isle of Wight's Child G was never quoted."""
        before, said, after = read.partition(": ")
        if not plan.named_reviews or not said:
            return read
        lost = [rid for rid in plan.named_reviews if rid not in self.understand(read).named_reviews]
        if not lost:
            return read
        return f"{headings_said([before, *(self._review_rows()[rid].heading for rid in lost)])}: {after}"

    def _child_of(self, child: str, reviews: Sequence[str]) -> list[str]:
        """Of ``reviews`` (headings), the first whose summary names its child as ``child``
        ("boy", "girl") or names no child by sex; none where none does."""
        ids = self._ids_by_heading()
        stated = self._children_stated()
        return next(([h] for h in reviews if h in ids and (
            child in stated[ids[h]].sexes or not stated[ids[h]].sexes)), [])

    def _the_counted_ones(self, message: str, reviews: Sequence[str]) -> str | None:
        """Of ``reviews`` (headings, two or more), the one whose summary tells of the children
        a message counts ("the three siblings", "the two brothers"), where one alone does."""
        if len(reviews) < 2 or (said := _COUNTED_CHILDREN.search(message)) is None:
            return None
        number, who = said["number"].casefold(), said["who"].casefold()
        told = re.compile(rf"\b(?:{number}|{_NUMBERS.get(number, number)})\s+(?:[\w-]+\s+)?{who}\b", re.I)
        ids = self._ids_by_heading()
        rows = self._review_rows()
        telling = [h for h in reviews if h in ids and told.search(rows[ids[h]].summary or "")]
        return telling[0] if len(telling) == 1 else None

    def _review_described(self, described: str, reviews: Sequence[str]) -> str | None:
        """Of ``reviews`` (headings, two or more: the last answer's, or the index's), the
        one whose closest passage is closest to what a message says of it ("the boy was
        killed by a car"), by a clear margin (REVIEW_DESCRIBED_MARGIN in cosine); else the one
        whose closest sentence is close and closest, the index's too, by a clear margin
        (DESCRIBED_SENTENCE, DESCRIBED_SENTENCE_MARGIN); else the one whose passage holds the
        most of its words by weight, by a clear margin too, where it holds most of them
        (DESCRIBED_WORDS_HELD) or half and is also the closest in meaning
        (DESCRIBED_WORDS_HELD_CLOSEST); None where none stands out."""
        ids = self._ids_by_heading()
        said = {ids[h]: h for h in reviews if h in ids}
        if len(said) < 2 or not has_topic(described):
            return None
        if (of_age := self._of_the_age_said(described, said)) is not None:
            return said[of_age]
        if (lived := survival_asked(described)) or death_asked(described):
            # "the one where the child survived" is of those whose entries tell of no death
            # (it had been Isle of Wight's Child G, who died), "the one where the baby died"
            # of those that do; where one is left, it, and where none, none
            rows = self._review_rows()
            said = {rid: h for rid, h in said.items() if rows[rid].summary
                    and tells_of_a_death(rows[rid].summary) != bool(lived)}
            if len(said) <= 1:
                return next(iter(said.values()), None)
        closest = sorted(((hits[0].score, rid) for rid, hits in
                          self.closest_passages(described, said, 1).items()), reverse=True)
        if len(closest) >= 2 and closest[0][0] - closest[1][0] >= REVIEW_DESCRIBED_MARGIN:
            return said[closest[0][1]]
        # else the one holding the sentence closest to it, by a clear margin: what happened
        # is told in one sentence of an entry about much else ("the one where the foster mum
        # went to prison" is Child T's "The foster mother pleaded guilty to manslaughter and
        # was sentenced to a term of imprisonment", 0.74 to Baby Sama's 0.66; by passage,
        # Child T's was not among the four closest); and closest of the index's too ("the one
        # with the femur fracture" is not Child V's, of the last answer's two, but C101's)
        sentences = self._closest_sentences(described, {r.id for r in self._catalogue()})
        ours = [(score, rid) for score, rid in sentences if rid in said]
        if (len(ours) >= 2 and sentences[0][1] == ours[0][1] and ours[0][0] >= DESCRIBED_SENTENCE
                and ours[0][0] - ours[1][0] >= DESCRIBED_SENTENCE_MARGIN):
            return said[ours[0][1]]
        # else the one whose passage holds most of its words, by a clear margin: the model
        # reads "the little boy abused by his mum and her friend who both worked at his
        # school" as close to Jack's case as to Sameer's (0.46, 0.47), whose entry holds
        # 0.81 of its words by weight, Jack's 0.45
        shares = self._words_held(described, said)
        # (most of them, or fewer where it is also the closest in meaning: "the 7 month old
        # with bruises and broken bones whose parents were living in temporary
        # accommodation" is Child V's, 0.75 in meaning to Baby ON16's 0.72, and whose entry
        # holds 0.60 of its words to Baby Sama's 0.33)
        closest_too = (bool(closest) and shares[0][1] == closest[0][1]
                       and shares[0][0] >= DESCRIBED_WORDS_HELD_CLOSEST)
        if ((shares[0][0] >= DESCRIBED_WORDS_HELD or closest_too)
                and shares[0][0] - shares[1][0] >= DESCRIBED_WORDS_MARGIN):
            return said[shares[0][1]]
        # or, where the closest sentence of all and the most words held are one review's, by
        # the sentence's margin (though not as close as DESCRIBED_SENTENCE) and half the
        # words': "girl who had to look after her mum from young age, then older men were
        # giving her fags booze and drugs" is Jeanette's ("older men who gave her cigarettes,
        # alcohol and drugs", 0.65 to Baby Sama's 0.51; 0.52 of its words to 0.35), though
        # another review's passage is closer in meaning
        if (len(ours) >= 2 and sentences[0][1] == ours[0][1] == shares[0][1]
                and ours[0][0] - ours[1][0] >= DESCRIBED_SENTENCE_MARGIN
                and shares[0][0] - shares[1][0] >= DESCRIBED_WORDS_MARGIN / 2):
            return said[shares[0][1]]
        return None

    def _of_the_age_said(self, described: str, reviews: Collection[str]) -> str | None:
        """Of ``reviews`` (ids), the one review whose entry states a child's age of the stage
        of childhood a description says and says nothing else of ("the toddler", "the teenage
        boy"): "the one about the toddler" after Luton's two reviews was neither (a 13-month-old
        and a 16-year-old, each a "boy") and was searched alone."""
        if set(words(described)) - STOPWORDS - STAGE_WORDS:
            return None
        if (age := stage_said(described)) is None:
            return None
        stated = self._children_stated()
        of_age = [rid for rid in reviews
                  if rid in stated and any(a.overlaps(age.span) for a in stated[rid].ages)]
        return of_age[0] if len(of_age) == 1 else None

    def _words_held(self, described: str, reviews: Collection[str]) -> list[tuple[float, str]]:
        """Of ``reviews`` (ids), the share of what is ``described`` (its words by weight) that
        each one's passage holding the most of it holds, the most first, then (0.0, "")."""
        owner = self.store.chunk_reviews(None, reviews)
        held: dict[str, float] = {}
        for cid, share in self.lexical.search(described, len(owner), None, within=list(owner)):
            held.setdefault(owner[cid], share)
        return sorted(((share, rid) for rid, share in held.items()), reverse=True) + [(0.0, "")]

    def _closest_sentences(self, described: str, reviews: Collection[str]) -> list[tuple[float, str]]:
        """Each of ``reviews`` (ids) by its sentence closest in meaning to ``described``, best
        first, as (cosine, review id); none where the index holds no sentence vectors."""
        owner = self.store.chunk_reviews(None, reviews)
        best: dict[str, float] = {}
        for cid, score in self.index.sentences.best(self._encode(described, []), owner).items():
            best[owner[cid]] = max(best.get(owner[cid], -math.inf), score)
        return sorted(((score, rid) for rid, score in best.items()), reverse=True)

    def _reviews_meant(self, named: Collection[str], reviews: Sequence[str],
                       less_close: Sequence[str], last: str = "") -> list[str]:
        """Of ``reviews``, those the last answer was about, where fewer: those its question
        ``named``; else, where ``last`` (its question) asked for one review, the one it led
        with; else those not shown as less close; none where that is all of them: "what did
        it recommend?" after an answer to "what did the Child K review find?" that quoted
        Child L beside it is Child K's; "what did that review find?" after Dudley's, the one
        review to use the method asked of, shown above seven less close, is Dudley's; "what
        did it recommend about intersectionality?" after "which one is about the 7 year old
        hit by a car?" is Bradford's Child A's, not also the three others quoted below it."""
        ids = self._ids_by_heading()
        apart = set(less_close)
        said = [h for h in reviews if ids.get(h) in named]
        # (of those named, those not shown apart: "that review" after "Jack and Dudley: which
        # of those used SILP?" is Dudley's)
        meant = [h for h in said if h not in apart] or said
        if not said:
            meant = (list(reviews[:1]) if _ASKS_FOR_ONE.search(last)
                     else [h for h in reviews if h not in apart])
        elif len(meant) == len(reviews):  # (naming them all, it asked of them all: "which
            # review model did they use?" of three, then "and who wrote it?", is of the three)
            meant = [h for h in reviews if h not in apart]
        return meant if 0 < len(meant) < len(reviews) else []

    def retrieve(self, question: str, k: int = DEFAULT_K, filters: Filters | None = None, *,
                 config: SearchConfig | None = None) -> Retrieval:
        """:meth:`search`, with what the question itself constrained (see :class:`Retrieval`).
        A request to identify, locate or blame a real person is refused (:class:`Refused`):
        "Baby Sama's real name and a photo of her" found her review's passages for a trainer's
        slides, which an answer refuses."""
        question = clean_question(question)
        if self._identifies(question):
            raise Refused(REFUSAL)
        return self._retrieve(question, k, filters, config or self.config)

    def understand(self, question: str) -> QueryPlan:
        """The places, years, reviews and themes the question names (see retriever.query)."""
        if self._question_catalogue is None:  # once per catalogue, not per question
            reviews = self._catalogue()
            self._question_catalogue = Catalogue(
                [r.area for r in reviews if r.area],
                [ReviewName(r.id, r.title, r.area, r.year, r.type,
                            tuple(self._types_said()[r.id] - {r.type})) for r in reviews])
        plan = understand(question, self._question_catalogue,
                          unseen=lambda word: bool(self.lexical.unseen([word])),
                          sources=self._source_names())
        meant = self._one_review_meant(question, plan)
        if not meant and (meant := self._entry_numbered(question, plan)):
            question = " ".join(_ENTRY_NUMBER.sub(" ", question).split())  # (a number, no topic)
        if meant:
            # named as if by their headings, as a follow-up names the reviews it means
            plan = understand(f"{' and '.join(meant)}: {question}", self._question_catalogue,
                              unseen=lambda word: bool(self.lexical.unseen([word])),
                              sources=self._source_names())
        if plan.child_age and not self._ages_apart(plan.child_age):
            # an age every stated one fits confines nothing ("children under 18")
            plan = replace(plan, child_age=None)
        if plan.child_sex and not self._sexes_apart(plan.child_sex):
            plan = replace(plan, child_sex=None)
        return plan

    def _one_review_meant(self, question: str, plan: QueryPlan) -> list[str]:
        """The headings of the reviews a question means by a place (or year, or type) and a
        theme, where it speaks of one review ("what happened with the child in the Swindon
        co-sleeping review?" quoted a line of Child D's key issues, "... safe sleeping", as a theme
        question confined to Swindon, and not what happened to either of Swindon's two
        babies who died asleep with their mothers): the place's reviews tagged with a theme
        it names, where there are one or two; the one review of its place, year or type,
        where there is one ("what were the recommendations of the Luton thematic review on
        exploitation and gangs" quoted two of six, as a question on its topic); else the one,
        of the place's or the index's, that what it says of the review points at (see
        :meth:`_review_described`); else none."""
        told = _TOLD_THEN_THAT.match(question)
        one = _THE_ONE_WHERE.search(question)
        spoken = one is not None or _ONE_REVIEW.search(question) is not None
        if plan.named_reviews or _MANY_REVIEWS.search(question) or not (told or spoken):
            return []
        placed = self._scope(replace(plan, themes_left_out=(), agencies_left_out=()))
        headings = [r.heading for r in self._reviews_in(placed)]
        if told and (described := self._review_described(told["what"], headings)):
            return [described]
        if not spoken:
            return []
        meant = set() if placed is None else set(placed) if len(placed) == 1 else set().union(
            *(self.reviews_carrying(theme, placed) for theme in plan.themes))
        if not meant and one:
            # or by what happened in it, as a follow-up points at one ("What did the Luton
            # review about gangs and youth violence recommend?" was asked of both of Luton's;
            # "what was the review about the two brothers who went to syria" quoted a line)
            described = self._review_described(one["what"], headings)
            return [described] if described else []
        if not 0 < len(meant) <= 2:
            return []
        return [r.heading for r in sorted(self._reviews_in(meant), key=lambda r: (r.year or 0, r.heading))]

    def _entry_numbered(self, question: str, plan: QueryPlan) -> list[str]:
        """The heading of the review a question names by its entry's number in the one
        document it names ("torbay jan 2024 digest item 4": the digest numbers its six
        reviews, and the question was asked of all six), counted in the document's order."""
        if len(plan.sources) != 1 or plan.named_reviews or not (said := _ENTRY_NUMBER.search(question)):
            return []
        entries = self.store.document_reviews(plan.sources[0])
        if not 1 <= (number := int(said[1])) <= len(entries):
            return []
        meant = entries[number - 1].id
        return [r.heading for r in self._catalogue() if r.id == meant]

    def _ages_apart(self, asked: AgeAsked) -> set[str]:
        """The reviews whose entries state children's ages, none of which can be ``asked``."""
        return {rid for rid, c in self._children_stated().items()
                if c.ages and not any(age.overlaps(asked.span) for age in c.ages)}

    def _ages_unstated(self) -> set[str]:
        """The reviews whose entries state no child's age that is read."""
        return {rid for rid, c in self._children_stated().items() if not c.ages}

    def _sexes_apart(self, asked: SexAsked) -> set[str]:
        """The reviews whose summaries name only children of the sex not ``asked``."""
        return {rid for rid, c in self._children_stated().items() if c.sexes == {asked.other}}

    def _sexes_unstated(self) -> set[str]:
        """The reviews whose summaries name no child as a boy or a girl."""
        return {rid for rid, c in self._children_stated().items() if not c.sexes}

    def _children_stated(self) -> dict[str, ChildrenStated]:
        """What each review's entry gives of its children (:func:`children_stated`), read once
        per catalogue: a question asking for boys read every summary three times."""
        if self._children is None:
            self._children = {r.id: children_stated(r.child_age, r.summary)
                              for r in self._catalogue()}
        return self._children

    def _source_names(self) -> list[SourceName]:
        """Each document of the index by its title, its publisher and the publisher's place
        ("Torbay" of "Torbay Safeguarding Children Partnership"), read once."""
        if self._sources is None:
            self._sources = []
            for d in self.store.documents():
                publisher = (d.publisher or "").strip()
                place = _PUBLISHER_BODY.sub("", publisher).strip()
                names = dict.fromkeys(n for n in (publisher, place,
                                                  _COUNCIL_WORD.sub("", place).strip()) if n)
                label = f"{publisher}'s “{d.title}”" if publisher else f"“{d.title}”"
                self._sources.append(SourceName(d.id, d.title, tuple(names), label))
        return self._sources

    def _glossary_entries(self, question: str, plan: QueryPlan, hits: list[Hit]) -> list[Hit]:
        """``hits`` with, first, the passages of a report's glossary that hold a word the
        question asks the meaning of (the review it names', where it names one): "what does
        PLO mean?" quoted two lines using it, and not the Baby Sama glossary's "PLO Public Law
        Outline – Protocol for managing cases designed to reduce unnecessary drift ...", which
        the search ranked below them."""
        terms = [t for t in self.lexical.topic_terms(without_asks(plan.topic or question))
                 if t not in STOPWORDS | {"glossary", "mean", "meaning", "defin", "stand"}]
        glossary = self.store.chunk_ids_in_sections("glossary", set(plan.named_reviews) or None)
        if not terms or not glossary:
            return hits
        holding = set().union(*self.store.chunks_holding([[t] for t in terms], glossary))
        shown = {hit.chunk.id for hit in hits}
        return self._hits([(cid, 0.0) for cid in glossary if cid in holding and cid not in shown],
                          {}, {}) + hits

    def _document_dated(self, source: int) -> tuple[str, list[str]]:
        """A document's date, as the corpus manifest gives it and as its own opening lines
        say when it was updated, and the years of the reviews it holds, with where each came
        from."""
        document = self.store.document(source)
        assert document is not None  # (a source the question named is one of the index's)
        label = next(s.label for s in self._source_names() if s.id == source)
        said = f"{label} is dated {_date_said(document.date)}" if document.date else \
            f"{label} has no date in the corpus manifest"
        stated = _DATED_LINE.search(self.store.document_slice(source, 0, _DATED_LINE_WITHIN))
        rows = self._review_rows()
        years = Counter(rows[r.id].year for r in self.store.document_reviews(source) if r.id in rows)
        by_year = [f"{n} from {year}" for year, n in sorted(
            ((y, n) for y, n in years.items() if y is not None), reverse=True)]
        if None in years:
            by_year.append(f"{years[None]} with no year")
        held = f" It holds {counted(sum(years.values()), 'review')}: {said_as_list(by_year)}."
        text = (f"{said}; its text opens with “{stated[0].strip()}”." if stated else f"{said}.") + (
            held if by_year else "")
        return text, [f"The date is from the corpus manifest ({document.name}); the reviews' years are "
                      "each review's year of publication as the index records it.", REVIEWS_TAB]

    def _identifies(self, question: str) -> bool:
        """Whether answering would identify, locate or blame a real person
        (:func:`is_reidentification_request`), a review's published title read as the
        review: "Shi-Anne Downer [birth name]: AKA Keegan Downer", as a follow-up names it
        ("... and Nottingham 2017 – Child J: what did they recommend?"), asks for no name."""
        for title in {r.title for r in self._catalogue() if r.title in question}:
            if is_reidentification_request(title):
                question = question.replace(title, "the review")
        return is_reidentification_request(question)

    def refresh(self) -> bool:
        """Picks up an ingest another process made into this index since it was loaded (new
        vectors, catalogue, term counts); a stat when nothing changed. Runs before every
        search, so a running server sees new documents at its next request."""
        if not self.index.refresh():
            return False
        self._reviews = self._sources = self._question_catalogue = self._children = None
        self._types = self._sections = None
        self._names_said = {}
        self.lexical = LexicalSearch(self.index.store)
        self.speller = self._speller()
        self.resources.forget()
        return True

    def _speller(self) -> Speller:
        """Corrects misspelt words to the words of the taxonomy and of the catalogue that
        some passage holds (read at the first question that has a suspect word); the
        catalogue's places too ("the swindn child s review" named every Child S)."""
        def vocabulary() -> list[str]:
            candidates = vocabulary_words([*all_terms(), *ASKING_WORDS, *(
                f"{r.area or ''} {r.title} {r.summary or ''} {' '.join(r.keywords)}"
                for r in self._catalogue())])
            held = self.store.term_chunk_counts(candidates)
            return [w for w, n in zip(candidates, held, strict=True) if n]
        return Speller(lambda: model_words(self.index.embedder.folder), vocabulary)

    def _types_said(self) -> dict[str, frozenset[str]]:
        """Each review's types: its recorded type, and any other the line it was read from
        names. Luton's 2024 review is recorded as the "child safeguarding practice review" its
        digest heading names first, and the heading goes on "thematic review: which examines
        ..." ("summarise the Luton thematic review" was told no thematic review from Luton is
        in the index)."""
        if self._types is None:  # (built whole, then set: requests on other threads read it)
            types: dict[str, frozenset[str]] = {}
            for r in self._catalogue():
                said = {r.type} if r.type else set()
                source = r.sources.get("review_type")
                if source and source.document and source.start is not None:
                    said |= set(review_types_named(self.store.document_line(
                        source.document, source.start, source.end or source.start)))
                types[r.id] = frozenset(said)
            self._types = types
        return self._types

    def _catalogue(self) -> list[ReviewRow]:
        return list(self._review_rows().values())

    def _ids_by_heading(self) -> dict[str, str]:
        """Each review's id by its heading, as an answer heads it (and a follow-up is told it)."""
        return {r.heading: r.id for r in self._catalogue()}

    def _review_rows(self) -> dict[str, ReviewRow]:
        """Every review by id, read once (and again after a refresh that found an ingest)."""
        if self._reviews is None:
            self._reviews = {r.id: r for r in self.store.reviews()}
        return self._reviews

    def _retrieve(self, question: str, k: int, filters: Filters | None,
                  cfg: SearchConfig) -> Retrieval:
        """:meth:`_find` for the question with its misspelt words corrected, less what a
        trainer wants its examples for (:func:`without_purpose`) and the story a long
        message tells before it (:func:`the_question_asked`)."""
        self.refresh()
        focus = ""
        aside: list[str] = []  # (quoted words it sets aside, not searched: see set_aside)
        story: list[str] = []
        if cfg.understand:
            # (less the author it names a review by: "what about child R in haringey, by Moira
            # Murray - any good practice picked out?" was told no passage uses "moira", "murray")
            if author := author_asked(self._catalogue(), question):
                said = _by_author(author)
                reviews = [r for r in self._catalogue() if author in r.authors]
                # (the plan read only where it can tell: a review named beside the author; a
                # review the plan takes some other words to describe is not: "the Keith
                # Ibbetson SCR before supervision" read "SCR before supervision" as Child V's)
                named = (len(reviews) <= 2 and said.search(question) is not None
                         and not {r.id for r in reviews} & set(self.understand(question).named_reviews))
                question = " ".join(said.sub(" ", question).split())
                if named:
                    # a review named by its author alone is that review ("the SCR written by
                    # Eleanor Stobart - what evidence does it give that things have actually
                    # got better?" was answered with the reviews she wrote, and no passage)
                    question = f"{' and '.join(r.heading for r in reviews)}: {question}"
            asked = self._with_reviews_told(question, the_question_asked(question))
            story = story_told(question, asked)
            focus, question = (asked if asked != question else ""), without_purpose(asked)
            question, aside = set_aside(in_full(with_apostrophes(question)))
        # a question in Welsh is searched by the English terms of its Welsh words ("trais
        # domestig" was searched as "domestic"), with no spelling correction
        english = in_english(question) if cfg.understand and in_welsh(question) else ""
        question = english or question
        corrected: dict[str, str] = {}
        if cfg.understand and not english:
            unseen = self.lexical.unseen(self.lexical.topic_terms(question))
            corrected = self.speller.corrections(unseen, question)
            # a word the reviews hyphenate, written as one ("postnatal": "post-natal")
            corrected |= {w: apart for w in unseen
                          if w not in corrected and (apart := self.lexical.held_apart(w))}
        question = respelt(question, corrected)
        retrieval = self._find(question, k, filters, cfg, story)
        retrieval.question, retrieval.corrected = question, tuple(corrected.items())
        retrieval.focus, retrieval.english = focus, english
        retrieval.aside = tuple(aside)
        return retrieval

    def _with_reviews_told(self, message: str, asked: str) -> str:
        """The part of a long message that asks its question (``asked``), with the titles of
        the reviews the message names before it ("Martin's SCR was published 'on behalf of an
        unnamed London LSCB' — why would the board not be named ...?" was searched without
        Martin's review, and quoted two others; a child's case name goes with it already:
        see :func:`the_question_asked`)."""
        if asked == message:
            return asked
        named = set(self.understand(asked).named_reviews)
        told = [self._review_rows()[rid].title for rid in self.understand(message).named_reviews
                if rid not in named]
        return f"{asked} ({', '.join(told)})" if told else asked

    def _find(self, question: str, k: int, filters: Filters | None,
              cfg: SearchConfig, story: Sequence[str] = ()) -> Retrieval:
        filters = filters or Filters()
        plan = self.understand(question).within(filters) if cfg.understand else QueryPlan()
        if story and (plan.child_age or plan.child_sex):
            # a child's age or sex the story tells is the asker's child's, not a confinement:
            # an early help worker's "family of three kids under 5 just moved into our area
            # ... how do reviews say transfers like this should be handled?" searched only the
            # reviews of under-5s "as your question asks", which left out Waltham Forest's
            # Child M, 6, whose family was not tracked across local authority boundaries
            age, sex = plan.child_age, plan.child_sex
            plan = replace(plan,
                           child_age=None if age and _told_only(age.words, question, story) else age,
                           child_sex=None if sex and _told_only(sex.words, question, story) else sex)
        if cfg.which_reviews_k and plan.asks_which and not plan.themes:
            k = max(k, cfg.which_reviews_k)
        if cfg.lists_reviews_k and plan.lists_reviews:
            k = max(k, cfg.lists_reviews_k)
        k = max(1, min(int(k), MAX_K))
        if plan.child_age:
            question = plan.child_age.left_out_of(question, whom=not _lists(plan))
        if plan.survived or plan.died:  # (what is searched for is what happened to them)
            question = " ".join(question.replace(plan.survived or plan.died or "", " ", 1).split())
        if plan.happened:  # (and not when: a year is no topic)
            question = " ".join(question.replace(plan.happened.year_words, " ", 1).split())
        if (plan.review_types and not plan.named_reviews and plan.topic
                and _TYPE_AS_SCOPE.search(question)):
            # a review type said as where to look confines the search, and is not searched
            # for ("young carers in serious case reviews" quoted passages on serious case
            # reviews, not Merton's young carer); one asked about is ("the purpose of
            # serious case reviews")
            question = plan.topic
        question = without_shown(question)  # (the reviews named only to be left out)
        if plan.sources and plan.named_reviews:  # (and an entry's number: "digest item 4")
            question = " ".join(_ENTRY_NUMBER.sub(" ", question).split())
        for words_said in plan.theme_leaving_out:  # nor what it leaves out ("which reviews
            question = " ".join(question.replace(words_said, " ", 1).split())  # were NOT
            # about a child dying?" listed eight deaths first, not naming "child death")
        if (cfg.mode == "hybrid" and plan.wants_good_practice and not plan.named_reviews
                and asks_only_for_praise(question)):
            # the passages recording it, across the reviews searched, found by the reviews'
            # words for it (the model ranks its blander passages near it)
            question, plan = GOOD_PRACTICE_SAID, replace(plan, across_reviews=True)
            cfg = replace(cfg, mode="lexical")
        scope = self._scope(plan)
        if plan.lists_reviews and scope is None and plan.constrained:
            return Retrieval([], plan, scope)  # "learning briefs from Rochdale": there are none
        unmet = ""
        if scope is None and plan.place and (plan.year_from or plan.year_to or plan.review_types):
            # "Bradford reviews from 2019 on neglect", "the Luton thematic review": none of
            # that year or type, so the place's others, not every review (all were searched,
            # and quoted from anywhere)
            placed = replace(plan, year_from=None, year_to=None, recent="",
                             review_type=None, review_types=())
            if (scope := self._scope(placed)) is not None:
                unmet, plan = f"No {' '.join([_noun(plan), *_where(plan)])} is in the index", placed
        allowed = None
        if not filters.empty or scope is not None:
            allowed = np.asarray(self.store.chunk_ids(filters, reviews=scope,
                                                      documents=plan.sources or None),
                                 dtype=np.int64)
            if allowed.size == 0:
                return Retrieval([], plan, scope)
        # what the passages are searched by: the reviews it names by their titles alone
        sought = without_collection(without_headings_places(question) if plan.named_reviews
                                    else question)
        query = None
        dense: list[tuple[int, float]] = []
        cosine: dict[int, float] = {}
        lexical: list[int] = []
        extra, unheld, apart = self._expansion(sought) if cfg.expand else ([], [], [])
        if cfg.mode in ("hybrid", "dense"):
            query = self._encode(sought, extra)
            dense, cosine = self._dense(query, cfg, allowed)
            if cfg.theme_query_weight and plan.across_reviews and plan.themes:
                dense = self._with_theme_queries(dense, cosine, query, plan.themes, cfg, allowed)
            if cfg.story_weight and story:
                # and with the dense list of each sentence of the story a long message
                # tells before its question (see story_told)
                vectors = [self.index.embedder.encode_query(sentence) for sentence in story]
                dense = self._with_queries(dense, cosine, query, vectors, cfg.story_weight,
                                           cfg, allowed)
        lexical_weight = cfg.lexical_weight
        if cfg.mode in ("hybrid", "lexical"):
            # without the terms no passage holds whose words apart mean other things ("child
            # criminal exploitation and county lines" led with Buckinghamshire's operations
            # "across the county"); where such a term is all it asks, the terms searched for it
            asked = _without_terms(sought, apart)
            found = self.lexical.search(
                asked if not apart or has_topic(asked) else "", cfg.lexical_depth, filters,
                extra_terms=extra, within=None if allowed is None else allowed.tolist())
            lexical = [cid for cid, _ in found]
            if cfg.mode == "hybrid" and cfg.confidence_full:
                confidence = found[0][1] if found else 0.0  # see LexicalSearch.search
                lexical_weight *= min(1.0, confidence / cfg.confidence_full) ** 2
        fused = fuse(dense, lexical, cfg.dense_weight, lexical_weight, cfg.rrf_k)
        if cfg.mode == "hybrid" and cfg.glossary_weight:
            phrased = self._holding([t for t in glossary_terms(sought) if t in extra and " " in t],
                                    cfg, filters, allowed)
            # (where the question's own words are in no passage, the phrases are all it says:
            # "s47" is "section 47")
            if phrased and (own := self.lexical.topic_terms(sought)) and (
                    len(self.lexical.unseen(own)) < len(own)):
                phrased = [cid for cid in phrased if cosine.get(cid, 0.0) >= cfg.glossary_min_cosine]
            # and so are the passages holding the words it quotes, as written, however near
            # in meaning: it asks for them ("the words professionals used about a child ('risk
            # taking', 'consensual', ...)" quoted none of the reviews that use them)
            quoted = self._holding(terms_as_written(sought), cfg, filters, allowed)
            for listed in (phrased, quoted):
                fused = fuse(fused, listed, 1.0, cfg.glossary_weight * cfg.lexical_weight,
                             cfg.rrf_k, ranked=False)
        named = set(plan.named_reviews)
        if named:
            fused, cosine = self._named_first(fused, cosine, query, named, filters, cfg,
                                              lessons=plan.wants_lessons,
                                              recommendations=plan.wants_recommendations,
                                              all_lessons=not has_topic(plan.topic or question),
                                              documents=plan.sources,
                                              appendix=appendix_asked(question),
                                              method=asks_methodology(question),
                                              praise=plan.wants_good_practice)
        hits = self._hits(fused, cosine, {cid: i + 1 for i, cid in enumerate(lexical)})
        if cfg.rerank and self.reranker is not None and hits:
            head = hits[:cfg.rerank_depth]
            if cfg.whole_entry_chars:  # the re-ranker reads the passages as they will be shown
                head = self._whole_entries(head, cosine, cfg.whole_entry_chars, set())
            hits = self._rerank(question, head) + hits[cfg.rerank_depth:]
        per_review = cfg.per_review_across if plan.across_reviews else cfg.per_review
        if plan.lists_reviews:  # one passage a review, answers included: each tells its case
            per_review = 1
        hits = self._select(hits, k, replace(cfg, per_review=per_review), named, cosine,
                            fill=not plan.lists_reviews)
        if plan.lists_reviews:
            hits = [self._account(hit, filters, cosine, plan.sources) for hit in hits]
        for rank, hit in enumerate(hits, 1):
            hit.rank = rank
        return Retrieval(hits, plan, scope, query, tuple(extra), tuple(unheld), tuple(apart),
                         searched=question, unmet=unmet,
                         story=tuple(story) if query is not None and cfg.story_weight else ())

    def _expansion(self, question: str,
                   per_term: int = 3) -> tuple[list[str], list[str], list[str]]:
        """The reviews' own terms searched beside the question's; the question's terms no
        passage holds (said in the answer's notes); and of those, the ones whose words apart
        mean other things, which are not searched as words ("county lines": its words found
        Buckinghamshire's operations "across the county"). For lay words,
        :func:`lay_expansion`; for a term of a theme's kind that no passage holds, the kind's
        terms that passages do hold: those sharing a word with it where there are any ("knife
        crime": "use of knives", its words then meaning what they mean there), else up to
        ``per_term`` ("county lines": "criminal exploitation" and "gangs" are what reviews
        say of it); none where the question names one already ("criminal exploitation and
        county lines"). An acronym no passage holds ("SEND"), or a compound ("bed-sharing"),
        is searched as its theme's terms that passages hold, nearest it in the taxonomy
        first; a compound sharing no word with them, not as its words apart."""
        # an acronym no passage holds helps no search ("health visitor" is not searched as
        # "HV"; the model reads acronyms poorly); other unheld terms still lead the dense
        # search ("fits": "seizures" finds the teenager with epilepsy)
        lay = lay_expansion(question)
        unused = {t for t in self.lexical.unheld(lay) if t.isupper()}
        extra, unheld, apart = [t for t in lay if t not in unused], [], []
        named = kind_terms_named(question)
        said = {term_key(t) for t in [*(t for t, _, _ in named), *extra]}
        for term, near, others in named:
            if not self.lexical.unheld([term]):
                continue
            unheld_kin = set(self.lexical.unheld([*near, *others]))
            near, others = (tuple(t for t in ts if t not in unheld_kin) for ts in (near, others))
            if not near:
                apart.append(term)
            if said & {term_key(t) for t in near + others}:
                if not near:  # "gangs or county lines": searched as gangs, and said
                    unheld.append(term)
                continue
            terms = near or others[:per_term]
            if terms:
                extra += terms
                unheld.append(term)
                said |= {term_key(t) for t in terms}
        # an acronym of a theme, as typed, that no passage holds ("SEND children"), searched as the
        # theme's name and the synonyms listed nearest it that passages do hold ("special
        # educational needs"; its letters apart mean nothing else)
        for term, theme in theme_terms_named(question):
            typed = re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", question, re.I)
            acronym = typed is not None and typed[0].isupper()
            # or one word of two joined ("bed-sharing": "sharing" alone led with "information
            # sharing"); not "teachers", nor a phrase whose words say it ("language barriers")
            compound = " " not in term and "-" in term
            if (not (acronym or compound) or term_key(term) in said
                    or not self.lexical.unheld([term])):
                continue
            place = theme.synonyms.index(term) if term in theme.synonyms else 0
            nearest = sorted(enumerate(theme.synonyms), key=lambda p: abs(p[0] - place))
            candidates = [theme.theme, *(t for _, t in nearest)]
            held = set(candidates) - set(self.lexical.unheld(candidates))
            if searched := [t for t in candidates
                            if t in held and term_key(t) not in said][:per_term]:
                extra += searched
                unheld.append(term)
                said |= {term_key(t) for t in searched}
                if compound and set(words(term)).isdisjoint(w for t in searched for w in words(t)):
                    apart.append(term)
        return extra, unheld, apart

    def _holding(self, terms: Sequence[str], cfg: SearchConfig, filters: Filters,
                 allowed: np.ndarray | None) -> list[int]:
        """The passages holding any of ``terms`` (the glossary's phrases for a question's
        everyday words, the words it quotes), BM25's order among them; none where no passage
        holds one."""
        unheld = set(self.lexical.unheld(terms)) if terms else set()
        held = [term for term in terms if term not in unheld]
        if not held:
            return []
        found = self.lexical.search("", cfg.lexical_depth, filters, extra_terms=held,
                                    within=None if allowed is None else allowed.tolist())
        return [cid for cid, _ in found]

    def _encode(self, question: str, extra: Sequence[str]) -> np.ndarray:
        """The question's vector; a lay question's professional terms are said beside it."""
        return self.index.embedder.encode_query(
            f"{question} ({', '.join(extra)})" if extra else question)

    def closest_passages(self, question: str, reviews: Collection[str], per_review: int,
                         filters: Filters | None = None) -> dict[str, list[Hit]]:
        """The passages of each of ``reviews`` closest in meaning to ``question`` (at most
        ``per_review`` a review, best first), within ``filters``; a review with no passage
        there is left out. For reviews a list must hold whether the search ranked them or
        not (Find examples lists every review carrying the theme it is asked for)."""
        owner = self.store.chunk_reviews(filters, reviews) if reviews else {}
        if not owner:
            return {}
        question = clean_question(question)
        query = self._encode(question, self._expansion(question)[0] if self.config.expand else [])
        ranked = self.index.vectors.top_k(query, len(owner),
                                          allowed=np.asarray(sorted(owner), dtype=np.int64))
        taken: Counter[str] = Counter()
        best = []
        for cid, score in ranked:
            if taken[owner[cid]] < per_review:
                taken[owner[cid]] += 1
                best.append((cid, score))
        out: dict[str, list[Hit]] = {}
        for hit in self._hits(best, dict(best), {}):
            out.setdefault(hit.review.id, []).append(hit)
        return out

    def _dense(self, query: np.ndarray, cfg: SearchConfig,
               allowed: np.ndarray | None) -> tuple[list[tuple[int, float]], dict[int, float]]:
        """The dense list, best first, and each candidate's cosine with the question.

        With sentence vectors, a deeper pool is ranked by (1 - w) x the chunk's cosine + w x
        its best sentence's, so that a digest entry whose one relevant sentence sits among
        many topics still ranks; the hits keep the chunk's own cosine."""
        sentences = self.index.sentences
        w = cfg.sentence_weight if len(sentences) else 0.0
        pool = self.index.vectors.top_k(query, cfg.dense_depth * (cfg.sentence_pool if w else 1),
                                        allowed=allowed)
        cosine = dict(pool)
        if not w:
            return pool, cosine
        best = sentences.best(query, cosine)
        ranked = sorted(((cid, (1 - w) * score + w * best.get(cid, score)) for cid, score in pool),
                        key=lambda item: (-item[1], item[0]))
        return ranked[:cfg.dense_depth], cosine

    def _with_theme_queries(self, dense: list[tuple[int, float]], cosine: dict[int, float],
                            query: np.ndarray, themes: Sequence[str], cfg: SearchConfig,
                            allowed: np.ndarray | None) -> list[tuple[int, float]]:
        """The dense list of a question across reviews fused with that of each theme it
        names, by the theme's name alone ("professional curiosity"): "what do reviews say
        about ..." weighs on the question's vector, and passages that discuss the theme in
        other words rank low."""
        vectors = [self.index.embedder.encode_query(theme) for theme in themes]
        return self._with_queries(dense, cosine, query, vectors,
                                  cfg.theme_query_weight / len(themes), cfg, allowed)

    def _with_queries(self, dense: list[tuple[int, float]], cosine: dict[int, float],
                      query: np.ndarray, vectors: Sequence[np.ndarray], weight: float,
                      cfg: SearchConfig, allowed: np.ndarray | None) -> list[tuple[int, float]]:
        """The dense list fused (reciprocal rank) with the dense list of each of ``vectors``,
        each at ``weight`` against the question's 1. Passages only they found are added to
        ``cosine`` with their cosine with the question, which is what hits report."""
        scores = {cid: 1.0 / (cfg.rrf_k + rank) for rank, (cid, _) in enumerate(dense, 1)}
        for vector in vectors:
            found, _ = self._dense(vector, cfg, allowed)
            for rank, (cid, _) in enumerate(found, 1):
                scores[cid] = scores.get(cid, 0.0) + weight / (cfg.rrf_k + rank)
        fused = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:cfg.dense_depth]
        if missing := [cid for cid, _ in fused if cid not in cosine]:
            cosine.update(self.index.vectors.top_k(query, len(missing),
                                                   allowed=np.asarray(missing, dtype=np.int64)))
        return fused

    def _scope(self, plan: QueryPlan) -> frozenset[str] | None:
        """The reviews a question's own place, years or review type confine it to (None: no
        confinement; what the user's filters set is not in the plan, see QueryPlan.within).
        A confinement that would leave no review is dropped."""
        if not plan.constrained:
            return None
        described = {r.id for d in plan.sources for r in self.store.document_reviews(d)}
        on_left_out = self._reviews_on(plan.themes_left_out) - set(plan.named_reviews)
        on_left_out |= self.store.reviews_holding(plan.agencies_left_out)
        # a child's age rules out the reviews giving only others, and from a list of reviews
        # those giving none ("reviews of babies under 1" lists those whose entries say so)
        if plan.child_age:
            on_left_out |= self._ages_apart(plan.child_age)
            if _lists(plan):
                on_left_out |= self._ages_unstated()
        if plan.child_sex:  # (and a summary naming only the other sex's children)
            on_left_out |= self._sexes_apart(plan.child_sex)
            if _lists(plan):
                on_left_out |= self._sexes_unstated()
        if plan.survived or plan.died:
            on_left_out |= {rid for rid, c in self._children_stated().items()
                            if c.death == bool(plan.survived)}
        if plan.happened:  # (and a summary giving no year: nothing says it fits)
            on_left_out |= {rid for rid, c in self._children_stated().items()
                            if not (c.years and plan.happened.overlaps(c.years))}
        chosen = frozenset(
            r.id for r in self._catalogue()
            # (a review the question names beside a place's is searched with them: "Rochdale
            # Child K and Baby Sama")
            if (plan.place is None or r.area in plan.areas or r.id in plan.beside)
            and r.area not in plan.areas_left_out and r.id not in plan.reviews_left_out
            and r.id not in on_left_out
            and (not plan.anonymous or not r.area)
            and (plan.year_from is None or (r.year or 0) >= plan.year_from)
            and (plan.year_to is None or (r.year or 9999) <= plan.year_to)
            and (not plan.review_types or not self._types_said()[r.id].isdisjoint(plan.review_types))
            and (not plan.sources or r.id in described))
        return chosen or None

    def _named_first(self, fused: list[tuple[int, float]], cosine: dict[int, float],
                     query: np.ndarray | None, named: set[str], filters: Filters,
                     cfg: SearchConfig, lessons: bool = False, recommendations: bool = False,
                     all_lessons: bool = False, documents: Collection[int] = (),
                     appendix: str | None = None, method: bool = False, praise: bool = False
                     ) -> tuple[list[tuple[int, float]], dict[int, float]]:
        """Puts the passages of the reviews a question names first: a question about one case
        answers about that case before any other. Their best passages by meaning join the
        candidates even where neither list found them; for a question about ``lessons``,
        those in findings, learning or recommendations sections (:func:`field_role`) lead by
        ``cfg.named_lessons_boost`` (answers only; see SearchConfig), and for one about
        ``recommendations`` each of the review's documents offers its closest passage
        (:meth:`_document_leads`) and every passage holding recommendations
        (:func:`recommends`) leads beside them; for one about its ``method``, those in the
        sections on how it was run ("Methodology") lead as lessons do, and for its good
        ``praise``, the passages recording it (:func:`records_praise`). Given ``documents`` (a
        source the question names), only their passages. The passages of the ``appendix`` a
        question asks for by number lead them ("what does Appendix 2 of the Sama review say
        about models of CSE?" found none of it: its heading is the one place that says
        "Appendix 2")."""
        own = set(self.store.chunk_ids(filters, reviews=named, documents=documents or None))
        preferred: set[int] = set()
        leads: dict[int, float] = {}
        asked_part = set() if appendix is None or not own else {
            c.id for c in self.store.chunks(sorted(own)) if in_appendix(c.section, appendix)}
        if asked_part and query is not None:
            leads.update(self.index.vectors.top_k(
                query, len(asked_part), allowed=np.asarray(sorted(asked_part), dtype=np.int64)))
        if own and cfg.named_lessons_boost:  # an answer's search
            rows = self.store.chunks(sorted(own))
            if method:  # ("how was the Baby Sama review carried out?" quoted its time period,
                # its case summary and its conclusion, never its "Methodology" section)
                preferred = {c.id for c in rows if field_role(c.section) == "about the review"}
            if praise:  # ("was any good practice by health picked out in the Baby Sama case?"
                # read none of its "strengths ... include:" or "It is positive and evidence of")
                preferred |= {c.id for c in rows if records_praise(c.section, c.text)}
            if lessons:
                preferred |= {c.id for c in rows if field_role(c.section) in LEARNING_ROLES}
                if all_lessons and not recommendations and query is not None:
                    # a long report's lessons, asked for whole ("what were the lessons from
                    # the Baby Sama review?"), are its learning sections' (3.4 "Learning Point
                    # 1: ..."), each offering its passage closest to the question, not its
                    # "Findings" chapter, most of it an account of the case ("A discharge
                    # planning meeting was held ...")
                    # (its "Areas for consideration by BBSCB" are for a question on what it
                    # recommends)
                    labelled = [c for c in rows if _own_role(c.section) == "learning"] or [
                        c for c in rows if _own_role(c.section) in LEARNING_ROLES]
                    leads = self._closest_of_each(query, labelled, lambda row: row.section)
                    preferred = {c.id for c in labelled} or preferred
            if recommendations and query is not None:
                leads = self._document_leads(query, rows)
                # and every passage that holds recommendations (or the questions a
                # systems-model report puts to its board) leads as they do: "what were the
                # recommendations of the Baby Sama review?" was answered by its digest
                # entry's one line, the report's "Areas for consideration" never read.
                recommending = {c.id for c in rows if recommends(c.section, c.text)}
                if recommending:
                    preferred |= recommending
                    leads.update(self.index.vectors.top_k(
                        query, len(recommending),
                        allowed=np.asarray(sorted(recommending), dtype=np.int64)))
        if query is not None and own:
            # each review's own best: "compare the Baby Sama and Child V reviews" took ten
            # of Baby Sama's 190 passages and none of Child V's entry
            extra = [hit for review in sorted(named) for hit in self.index.vectors.top_k(
                query, cfg.named_depth, allowed=np.asarray(sorted(
                    self.store.chunk_ids(filters, reviews={review}, documents=documents or None)
                    if len(named) > 1 else own), dtype=np.int64))]
            extra.sort(key=lambda item: -item[1])
            if preferred:
                extra += self.index.vectors.top_k(
                    query, cfg.named_depth, allowed=np.asarray(sorted(preferred), dtype=np.int64))
            cosine = {**dict(extra), **leads, **cosine}
            scores = dict(fused)
            for rank, (cid, _) in enumerate(extra, 1):
                scores.setdefault(cid, cfg.dense_weight / (cfg.rrf_k + cfg.dense_depth + rank))
            for cid in leads:
                scores.setdefault(cid, 0.0)
            fused = list(scores.items())
        boosted = [(cid, score + (NAMED_BOOST if cid in own else 0.0)
                    + (NAMED_BOOST if cid in asked_part else 0.0)
                    + (cfg.named_lessons_boost if cid in preferred else 0.0)
                    + (2 * cfg.named_lessons_boost if cid in leads else 0.0))
                   for cid, score in fused]
        return sorted(boosted, key=lambda item: (-item[1], item[0])), cosine

    def _closest_of_each(self, query: np.ndarray, rows: list[ChunkRow],
                         group: Callable[[ChunkRow], object]) -> dict[int, float]:
        """Of ``rows``, the passage closest to the question in each ``group`` (a section, a
        document), with its similarity."""
        if not rows:
            return {}
        of = {c.id: group(c) for c in rows}
        closest: dict[object, tuple[int, float]] = {}
        for cid, similarity in self.index.vectors.top_k(
                query, len(of), allowed=np.asarray(sorted(of), dtype=np.int64)):
            closest.setdefault(of[cid], (cid, similarity))
        return dict(closest.values())

    def _document_leads(self, query: np.ndarray, rows: list[ChunkRow]) -> dict[int, float]:
        """Where a named review is told by more than one document (a report and a digest
        entry), each document's passage closest to the question, so that an answer reads
        them all: "what did the Baby Sama review recommend?" found 30 passages of the
        report, which has no recommendations section, before the entry's "Recommendations:"
        line. (Not for other lessons questions: the entry's "Key issues", mostly the family's
        history, then crowd out the report's findings.)"""
        if len({row.document_id for row in rows}) < 2:
            return {}
        return self._closest_of_each(query, rows, lambda row: row.document_id)

    def _hits(self, fused: list[tuple[int, float]], dense: dict[int, float],
              lexical_ranks: dict[int, int]) -> list[Hit]:
        chunks = self.store.chunks([cid for cid, _ in fused])
        reviews = self._review_rows()
        if missing := {c.review_id for c in chunks} - reviews.keys():  # written since the refresh
            reviews = {**reviews, **{r.id: r for r in self.store.reviews(missing)}}
        documents = {d: self.store.document(d) for d in {c.document_id for c in chunks}}
        score = dict(fused)
        return [Hit(rank=0, score=score[c.id], chunk=c, review=reviews[c.review_id],
                    document=documents[c.document_id],  # type: ignore[arg-type]
                    dense_score=dense.get(c.id), lexical_rank=lexical_ranks.get(c.id))
                for c in chunks]

    def _select(self, hits: list[Hit], k: int, cfg: SearchConfig, named: Collection[str],
                cosine: dict[int, float], fill: bool = True) -> list[Hit]:
        """The first ``k`` hits, whole entries joined (see :meth:`_whole_entries`) and at most
        ``per_review`` a review (:func:`diversify`). Entries are looked up a batch of hits at
        a time, only as far down the list as ``k`` hits need. Where the cap leaves fewer than
        ``k`` hits, because the candidates hold fewer reviews (a place's three reviews), and
        ``fill`` is set, the passages it held back follow, best first: "what have reviews in
        Bradford said about escalating concerns?" showed three passages, not ten."""
        batch = max(2 * k, 20)
        joined: list[Hit] = []
        shown: set[tuple[str, int]] = set()
        chosen: list[Hit] = []
        for start in range(0, len(hits), batch):
            part = hits[start:start + batch]
            joined += (self._whole_entries(part, cosine, cfg.whole_entry_chars, shown)
                       if cfg.whole_entry_chars else part)
            chosen = diversify(joined, cfg.per_review, k, uncapped=named)
            if len(chosen) == k:
                return chosen
        if fill:
            taken = {id(hit) for hit in chosen}
            chosen += [hit for hit in joined if id(hit) not in taken][:k - len(chosen)]
        return chosen

    def _accounts_first(self, retrieval: Retrieval, filters: Filters) -> list[Hit]:
        """For a question asking for the case of a review it names and no more, each named
        review's account (:meth:`_account`) first: "tell me about the Child K review" quoted
        "Child K was taken to hospital by ambulance where her death was confirmed", not the
        entry's "Death of a baby girl, Child K, who drowned in a bath ...", and "a short case
        summary of the Baby Sama review" four dates of its assessments, never her death."""
        hits, query = retrieval.hits, retrieval.query
        leads: list[Hit] = []
        for review_id in retrieval.plan.named_reviews:
            first = next((hit for hit in hits if hit.review.id == review_id), None)
            if first is None:
                continue
            account = self._account(first, filters, {}, retrieval.plan.sources)
            if query is not None:
                closeness = self.index.vectors.top_k(
                    query, 1, allowed=np.asarray([account.chunk.id], dtype=np.int64))
                account = replace(account, dense_score=closeness[0][1] if closeness else None)
            leads.append(account)
        led = {hit.chunk.id for hit in leads}
        return leads + [hit for hit in hits if hit.chunk.id not in led]

    def _account(self, hit: Hit, filters: Filters, cosine: dict[int, float],
                 documents: Collection[int] = ()) -> Hit:
        """For a question listing a place's or year's reviews, the review's passage that
        tells its case in place of ``hit``: the first of a section on the case ("What was
        the story?", "Why this case was chosen"), else the opening of a digest's entry, else
        its first passage. The passage closest to "Case reviews from Bedford" was a list of
        the agencies that took part, with nothing to quote."""
        rows = self.store.chunks(self.store.chunk_ids(filters, reviews={hit.review.id},
                                                      documents=documents or None))
        best = min(rows, key=lambda c: (0 if field_role(c.section) == "summary" else
                                        1 if not c.section else 2, c.document_id, c.ord),
                   default=hit.chunk)
        document = self.store.document(best.document_id)
        if best.id == hit.chunk.id or document is None:
            return hit
        return replace(hit, chunk=best, document=document, dense_score=cosine.get(best.id),
                       lexical_rank=None, parts=())

    def _whole_entries(self, hits: list[Hit], cosine: dict[int, float], max_chars: int,
                       shown: set[tuple[str, int]]) -> list[Hit]:
        """Each hit inside a short passage the chunker split (see SearchConfig.whole_entry_chars)
        becomes that whole passage, at the rank of its best part; its other parts, here or in
        ``shown`` (the passages already given), are dropped. The hit keeps its own chunk id;
        its cosine is its parts' best. A hit already joined (before re-ranking) stays as it is."""
        entries = self.store.entry_chunks(
            ((h.review.id, h.chunk.document_id) for h in hits if not h.parts), max_chars)
        out: list[Hit] = []
        for hit in hits:
            key = (hit.review.id, hit.chunk.document_id)
            parts = entries.get(key)
            if parts is None and not hit.parts:
                out.append(hit)
                continue
            if key in shown:
                continue
            shown.add(key)
            if parts is None:  # joined already
                out.append(hit)
                continue
            first, last = parts[0], parts[-1]
            section = first.section if first.section == last.section else ""
            hit.chunk = replace(
                hit.chunk, start=first.start, end=last.end, ord=first.ord, page=first.page,
                header=first.header, section=section,
                locator=_joined_locator(first.locator, last.locator),
                text=self.store.document_slice(first.document_id, first.start, last.end))
            hit.parts = tuple(c.id for c in parts)
            known = [cosine[c.id] for c in parts if c.id in cosine]
            hit.dense_score = max(known) if known else hit.dense_score
            out.append(hit)
        return out

    def _rerank(self, question: str, hits: list[Hit]) -> list[Hit]:
        scores = self.reranker.predict([(question, h.chunk.text) for h in hits])
        for hit, s in zip(hits, scores, strict=True):
            hit.score = float(s)
        return sorted(hits, key=lambda h: -h.score)

    # -- answers -------------------------------------------------------------------------------

    def answer(self, question: str, k: int = DEFAULT_ANSWER_K, filters: Filters | None = None,
               *, generator: LLMConfig | None = None) -> Answer:
        """A cited answer: a refusal, a plain 'nothing found', or sentences of the retrieved
        passages grouped by review (see :class:`reviewqa.retriever.answer.Answerer`). With a
        ``generator``, an LLM writes the answer from the same passages and is checked."""
        question = message = clean_question(question)
        if unsearched := self._answer_unsearched(question, generator):
            return unsearched
        if (filters is None or filters.empty) and (alone := self._resources_alone(question)):
            return alone
        # An answer quotes a few reviews and reads more than one passage of each: the spread a
        # list of hits gets for a question across reviews (per_review_across) is not for it.
        # It also reads a named case's findings before the rest of it (named_lessons_boost),
        # and not the passages a theme's name alone finds (theme_query_weight: on the tune
        # split they cost answer review coverage 0.717 -> 0.706). Asked which reviews say
        # something, it reads twice as many passages, and names up to eight reviews ("which
        # reviews used the SCIE Learning Together model?" named three of the eight that say
        # so); not for a theme, whose tagged reviews are read already (_theme_carriers).
        config = replace(self.config, per_review_across=self.config.per_review,
                         named_lessons_boost=ANSWER_NAMED_LESSONS_BOOST, theme_query_weight=0.0,
                         which_reviews_k=2 * DEFAULT_ANSWER_K, lists_reviews_k=ANSWER_LISTS_K)
        retrieval = self._retrieve(question, k, filters, config)
        if retrieval.plan.wants_account:
            retrieval.hits = self._accounts_first(retrieval, filters or Filters())
        read = retrieval.question  # its misspelt words corrected: the answer's "query"
        question = retrieval.searched or read  # what its passages are read for
        plan = retrieval.plan
        if retrieval.story and not plan.named_reviews and not _ASKS_FOR_EXAMPLES.search(message):
            # A case told before the question asks what reviews learnt from cases like it,
            # and which of their cases are like it: each review is quoted for its learning
            # beside the line telling its case (an emergency duty social worker's boy found
            # in a lorry got Enfield's "Death of 17-year-old boy ..." and not its "reviewing
            # out of hours emergency child protection to record all aspects of
            # vulnerability"). Judged blind on 72 long stories, learning first: 18 answers
            # better (7 clearly), 13 worse (2 clearly), 7 alike; the better ones paired a line
            # placing the case with one of learning, which asking for both keeps. Not a
            # trainer's request for examples, whose cases are what it asks for, nor a
            # message naming a review, whose case it may ask for.
            plan = replace(plan, wants_lessons=True, wants_story=True)
        if not plan.named_reviews and (section := self._heading_for(message, plan.sources)):
            return self._section_answer(section, read, plan, k, filters, generator)
        if not plan.named_reviews and (laid_out := self._headings_answer(message, read, plan.sources)):
            return laid_out
        if not plan.named_reviews and (section := self._section_asked(message, plan.sources)):
            return self._section_answer(section, read, plan, k, filters, generator)
        if plan.counts_reviews and plan.lists_reviews and not _ASKS_WHICH_TOO.search(message):
            # "How many reviews are there?" quoted Baby Sama's "Reviews are not ends in
            # themselves": the catalogue answers it, and no passage does. (Asked which they
            # are too, they are listed, the count in a note: "how many Sunderland reviews are
            # in the NSPCC list and what were they each about?" was told the count alone.)
            return Answer(question=read, text=self._count(retrieval, filters),
                          kind="catalogue", notes=[*_national_note(message), REVIEWS_TAB])
        if len(plan.sources) == 1 and not plan.named_reviews and _ASKS_WHEN_DATED.search(message):
            # "When was the NSPCC "Case reviews published in 2018" page last updated, and is
            # it only 2018 reviews?" quoted Sameer's actions of 2018: the document's date and
            # its reviews' years answer it, and no review's passage does
            text, notes = self._document_dated(plan.sources[0])
            return Answer(question=read, text=text, kind="catalogue", notes=notes)
        if (authors := self._authors_of_scope(question, plan)) is not None:
            return Answer(question=read, text=authors[0], kind="catalogue",
                          notes=[*authors[1], FACTS_FOLLOW_UP])
        if plan.asks_fields:
            # "Who wrote the Baby Sama review?" quoted the family's words on her death: the
            # catalogue answers it, each fact with where it came from, and no passage does.
            text, sources = review_facts(self.store, plan.named_reviews, plan.asks_fields,
                                         {d.id: d.label for d in self._source_names()}, plan.sources)
            if (beside := asked_beside_fields(read)) and plan.named_reviews:
                # and what else it asks of the review, from its passages, the facts first
                # ("who authored the Baby Sama SCR ... and how was the review actually carried
                # out?" was told its author alone)
                named = [r.heading for r in self.store.reviews(plan.named_reviews)]
                rest = self.answer(f"{headings_said(named)}: {' and '.join(beside)}", k, filters,
                                   generator=generator)
                if rest.citations:
                    rest.question, rest.notes[:0] = read, [text, *sources]
                    return rest
            return Answer(question=read, text=text, kind="catalogue",
                          notes=[*sources, FACTS_FOLLOW_UP])
        if points := self._points(plan, read, filters or Filters()):
            return points
        if asks_definition(question):
            retrieval.hits = self._glossary_entries(question, plan, retrieval.hits)
        carriers = self._theme_carriers(retrieval, question)
        retrieval.hits += self._closest_of_unfound(retrieval, question, carriers, filters,
                                                   naming=True)
        if recorders := self._praise_recorders(retrieval, question):
            retrieval.hits += self._closest_of_unfound(
                retrieval, f"{GOOD_PRACTICE_QUERY} {question}", recorders, filters)
            carriers |= recorders
        users, theme_users, saying = self._term_users(retrieval, question, filters)
        users |= self._mentioning(retrieval, question, filters)
        carriers |= users | theme_users
        # nor are such a term's words apart on the question's topic: "child criminal
        # exploitation and county lines" quoted Buckinghamshire's operations "across the
        # county"; where the term is all it asks, the terms searched for it stand in its
        # place ("what did reviews say about county lines?" quoted that sentence too)
        asked = _without_terms(question, retrieval.apart)
        if not has_topic(asked):
            asked = _without_terms(question, retrieval.apart, ", ".join(retrieval.expanded))
        asked = asked if has_topic(asked) else question
        similarity = self._sentence_similarity(retrieval)
        rarest = self.lexical.rarest(plan.topic or asked)

        def answered(case: str | None = None) -> Answer:
            return self.answerer.answer(asked, retrieval.hits, plan=plan, similarity=similarity,
                                        expanded=retrieval.expanded, generator=generator,
                                        carriers=carriers, term_users=users, term_sentences=saying,
                                        rarest=rarest, case=case)

        answer = answered()
        if (case := self._case_told(question, plan, answer)) is not None:
            # quoted as a review standing out is, the others less close ("stepdad was a known
            # sex offender and mum kept signing agreements" quoted three of Child P's lines,
            # not its "four written agreements with Child P's mother")
            fuller = answered(case)
            answer = with_one_close(fuller if fuller.groups and fuller.groups[0].review_id == case
                                    else answer, case)
        answer.question = read
        if (answer.citations or answer.kind == "no_answer") and self._asks_only_unheld(question, retrieval):
            # what is closest in meaning to a term no passage uses, where the question asks
            # of nothing else, is not about it ("what does the corpus say about female genital
            # mutilation (FGM)?" quoted a case of child sexual exploitation; "what about
            # FGM?" found nothing): it is said that no passage uses it, and nothing quoted;
            # nor that other words might find it ("Try other words, or remove filters")
            answer = Answer(question=read, text=NOT_DISCUSSED, kind="no_answer", hits=answer.hits)
        if answer.citations and _asks_only_of_unknown_cases(read, plan):
            # other reviews' passages answer nothing asked only of a case no review is of
            # ("what did the Child Q review find?" quoted four reviews' "reviews"): the note
            # says where the reviews held are listed (not "try other words, or remove filters")
            answer = Answer(question=read, text=f"No review of {' or '.join(plan.unknown_cases)} is "
                            "in the index, so no passage is quoted.", kind="no_answer", hits=answer.hits)
        if answer.kind != "refusal":
            counted = ([self._count(retrieval, filters), *_national_note(question)]
                       if plan.counts_reviews else [])
            answer.notes[:0] = counted + self._scope_notes(retrieval, bool(answer.citations),
                                                           [q.text for c in answer.citations
                                                            for q in c.quotes],
                                                           {g.review_id for g in answer.groups})
            answer.notes += self._answer_notes(question, retrieval, answer, filters)
            if note := judgement_note(message):
                answer.notes.insert(0, note)
            if note := live_case_note(message):
                answer.notes.insert(0, note)
            if in_welsh(message):
                answer.notes.append(IN_ENGLISH)
            # (a resource has no review's year, place or type; it is matched to all the message
            # says: "... sexually exploited. Is there anything I can hand out - films, guides?"
            # listed every film and guide, read as its last sentence)
            if not filters or filters.empty:
                answer.resources = self._resources_of_named(message, plan) or (
                    self.resources.for_question(message))
                if not (answer.resources or asks_for_resources(message)):
                    # (one it names by a name no review passage says; where it asks for
                    # resources, those that meet it are listed above, or none)
                    answer.resources = self.resources.naming(self.lexical.unseen(
                        [w.lower() for w in _NAME_IN_CAPITALS.findall(message)]))
                if answer.resources and answer.text == NO_ANSWER:
                    # (not "try other words" where a document's resource is what it asks of:
                    # "south glos newsletter - what is DART?" listed the DART evaluation below it)
                    answer.text = RESOURCES_ONLY
        return answer

    def _authors_of_scope(self, question: str, plan: QueryPlan) -> tuple[str, list[str]] | None:
        """Who wrote the reviews of a theme, place or years a question asks of and nothing
        else ("who wrote the CSE reviews" quoted five reviews' lines on CSE, and named no
        author): each that records its author, from the catalogue, and where each fact came
        from; None where it asks more, names a review, or no review is of that scope."""
        if (plan.named_reviews or not (plan.themes or plan.constrained)
                or "authors" not in fields_asked(question) or asked_beside_fields(question)):
            return None
        rest = ASKS_FIELD["authors"].sub(" ", question)
        for start, end, _ in sorted(theme_spans(rest), reverse=True):
            rest = f"{rest[:start]} {rest[end:]}"
        said = set(words(rest)) - STOPWORDS - FRAMING - _SCOPE_WORDS - set(words(plan.place or ""))
        if any(not word.isdigit() for word in said):
            return None
        scope = self._scope(plan) if plan.constrained else None
        ids = {r.id for r in self._catalogue()} if scope is None else set(scope)
        for theme in plan.themes:
            ids &= self.reviews_carrying(theme)
        if not ids:
            return None
        reviews = self.store.reviews(sorted(ids))
        wrote = [r.id for r in reviews if r.authors]
        which = " ".join([*([f"tagged with {' and '.join(plan.themes)}"] if plan.themes else []),
                          *_where(plan)])
        if not wrote:
            return f"None of the {len(reviews)} reviews {which} records its author.", []
        text, sources = review_facts(self.store, wrote, ["authors"])
        return (f"Of the {len(reviews)} reviews {which}, {len(wrote)} record"
                f"{'s its' if len(wrote) == 1 else ' their'} author: {text}", sources)

    def _case_told(self, question: str, plan: QueryPlan, answer: Answer) -> str | None:
        """The review whose case a question tells of one child or family, where the answer
        leads with it and its passage holds the most of the question's words by a clear
        margin (CASE_WORDS_HELD, CASE_WORDS_MARGIN) and is the closest in meaning: the
        others are less close. "little boy was being hurt by his mum and her friend who both
        worked at his school ..." quoted Sameer's case (0.57 of its words), then Norfolk's
        Child P ("poor attendance at school", 0.25), Child Y and Warrington's Child 1 as if
        as close. Not where it names a review, asks across reviews or which ones, asks for
        examples, or says too little to describe one case (DESCRIPTION_MIN_WORDS); nor where
        it tells of no one ("learning for fostering social workers about supervising foster
        carers" is Warwickshire's Child T's in all its words, and Croydon's and Trafford's
        in most), or of a child the asker is working with."""
        close = [g for g in answer.groups if not g.less_close]
        if (len(close) < 2 or plan.named_reviews or plan.across_reviews or plan.lists_reviews
                or plan.asks_which or not _ONE_PERSON.search(question) or _ASKS_EXAMPLES.search(question)
                or len(set(words(question)) - STOPWORDS) < DESCRIPTION_MIN_WORDS
                # (nor the asker's own case: "I'm a health visitor and mum won't let me see
                # the baby, what should I do?" is answered by every review on it alike)
                or judgement_note(question) or live_case_note(question)):
            return None
        lead, quoted = close[0].review_id, {g.review_id for g in close}
        shares = self._words_held(question, quoted)
        passages = self.closest_passages(question, quoted, 1)
        closest = max(((hits[0].score, rid) for rid, hits in passages.items()), default=(0.0, ""))
        return lead if (shares[0][1] == lead == closest[1] and shares[0][0] >= CASE_WORDS_HELD
                        and shares[0][0] - shares[1][0] >= CASE_WORDS_MARGIN) else None

    def _points(self, plan: QueryPlan, question: str, filters: Filters) -> Answer | None:
        """The numbered learning points, findings or recommendations of the one review a
        question names and asks for nothing but (see :mod:`reviewqa.retriever.points`):
        their headings as its report gives them, each cited to the passage opening its
        section; None where it names no such list."""
        if len(plan.named_reviews) != 1 or not asks_only_for_points(plan.topic):
            return None
        rows = self.store.chunks(self.store.chunk_ids(filters, reviews=set(plan.named_reviews)))
        points = numbered_points(rows, plan.wants_recommendations)
        if not points:
            return None
        hits = {hit.chunk.id: hit for hit in self._hits([(p.chunk.id, 0.0) for p in points], {}, {})}
        citations = [Citation(n, hits[p.chunk.id]) for n, p in enumerate(points, start=1)]
        review = citations[0].hit.review
        group = ReviewGroup(review.id, review.heading, listed=True, sentences=[
            (point.heading, citation.number)
            for point, citation in zip(points, citations, strict=True)])
        return Answer(question=question, text=group_text(group), kind="extractive",
                      citations=citations, hits=[c.hit for c in citations], groups=[group],
                      notes=[f"The review's {len(points)} {points[0].named}, as its report heads "
                             "them; each source opens the section that sets one out."])

    def _answer_unsearched(self, question: str, generator: LLMConfig | None) -> Answer | None:
        """The answer to a question no search serves, or None: a refusal; "help"; one that
        needs the last answer ("same but only 2017" searched the word "same"); one about the
        tool ("are you using ChatGPT?"); what the collection holds, or an author's reviews
        ("which reviews did Jane Wiffin write?" quoted Baby Sama's "writing for multiple
        audiences"), which the catalogue answers, with no spelling correction of a name it
        holds."""
        def said(text: str, kind: AnswerKind = "no_answer", notes: Sequence[str] = ()) -> Answer:
            return Answer(question=question, text=text, kind=kind, notes=list(notes))

        if support := help_first(question):
            return said(support)
        if asks_for_a_service_contact(question):
            return said(SERVICE_CONTACT)
        if self._identifies(question):
            # with where help is, for someone worried about a child they know ("I think Child O
            # ... is my nephew ... I need to know who to keep him away from" lost the helpline
            # its answer had given); else what may be asked of the reviews the request names
            # (not pointed out to one who thinks the child is family)
            help_ = live_case_help(question)
            return said(REFUSAL, "refusal", [help_] if help_ else self._what_to_ask_instead(question))
        if asks_for_help(question):
            return said(HELP)
        if thanks(question):
            return said(THANKS)
        if follows_up(question):
            return said(REWORK_ASKED if asks_to_rework(question) else ANSWERED_ALONE)
        if asks_about_the_tool(question):
            return said(about_the_tool(generator.url if generator else None))
        if asks_what_it_cannot_do(question):
            return said(CANNOT)
        if aspect := collection_asked(question):
            held = [(source.id, source.label) for source in self._source_names()]
            return said(collection(self.store, aspect, held), "catalogue", [REVIEWS_TAB])
        if (author := author_asked(self._catalogue(), question)) and not self._asks_more_of_one(question):
            text, sources = reviews_by(self.store, author)
            return said(text, "catalogue", [*sources, FACTS_FOLLOW_UP])
        if ((keyword := keyword_asked(question)) and not self._names_a_review(question)
                and (tagged := reviews_keyworded(self.store, keyword))):
            return said(tagged[0], "catalogue", [*tagged[1], FACTS_FOLLOW_UP])
        if (method := method_asked(question)) and (found := self._reviews_by_method(question, method)):
            return self._method_answer(question, found)
        return None

    def _method_answer(self, question: str, found: MethodsFound) -> Answer:
        """The reviews run by the method asked, each quoting the line of its entry that says
        how it was run (those asked about that name another method after them, apart), and
        how many say nothing of it; the count alone where none says anything."""
        shown = [*((review, stated, False) for review, stated in found.fits),
                 *((review, stated, True) for review, stated in (found.other if found.asked else ()))]
        citations: list[Citation] = []
        groups: list[ReviewGroup] = []
        for review, stated, apart in shown:
            said = stated[0]  # (the first document's: another's says it again)
            rows = self.store.chunks(self.store.chunk_ids(reviews={review.id}, documents={said.document_id}))
            chunk = next((c for c in rows if c.start <= said.start < c.end), None)
            if chunk is None:
                continue
            citations.append(Citation(len(citations) + 1, self._hits([(chunk.id, 0.0)], {}, {})[0],
                                      [Quote(said.text, said.start, said.end)]))
            groups.append(ReviewGroup(review.id, review.heading, [(said.text, len(citations))],
                                      less_close=apart))
        if not groups:
            return Answer(question=question, text=found.summary(), kind="catalogue", notes=[FACTS_FOLLOW_UP])
        return Answer(question=question, text=grouped_text(groups), kind="extractive", citations=citations,
                      hits=[c.hit for c in citations], groups=groups, notes=[found.summary()])

    def _reviews_by_method(self, question: str, method: MethodAsked) -> MethodsFound | None:
        """The reviews a question asks for by how they were run, of the index, or of those it
        lists before its question, as a follow-up's "which of those used SCIE?" is read; None
        where it names one review (its method is quoted from its passages), or a place or
        years (they are searched)."""
        listed = question.rpartition(": ")[0]
        among = [r for r in self._catalogue()
                 if listed and holds_words(listed, review_heading(r.title, r.area, r.year, None))]
        if len(among) == 1:
            return None
        if not among:
            try:
                plan = self.understand(question)
            except QueryError:
                return None
            if plan.named_reviews or plan.place or plan.year_from or plan.year_to:
                return None
            if not (method.words or (_MANY_REVIEWS.search(question) and not _POINTS_BACK.search(question))):
                return None  # (what method, of no reviews said: "what model", "that model")
        return reviews_by_method(self.store, method, among)

    def _names_a_review(self, question: str) -> bool:
        """Whether a question names a review: a keyword quoted of it is asked of it ("Greenwich
        W family has 'housing' as a keyword - what was the housing problem?" was told the two
        reviews carrying it)."""
        try:
            return bool(self.understand(question).named_reviews)
        except QueryError:
            return False

    def _asks_more_of_one(self, question: str) -> bool:
        """Whether a question names a review by its author as well as its title, and asks
        what it found, recommended or praised: "what about child R in haringey, by Moira
        Murray - any good practice picked out?" was answered with the reviews she wrote."""
        try:
            plan = self.understand(question)
        except QueryError:
            return False
        lessons = (plan.wants_lessons or plan.wants_good_practice or plan.wants_recommendations
                   or plan.wants_failings)
        if bool(plan.named_reviews) and lessons:
            return True
        # or by its author alone, and asks something of it ("the SCR written by Eleanor Stobart
        # - what evidence does it give that things have got better?", "what did the Amy Weir
        # SCR recommend?"; not "which reviews are by Jane Wiffin?")
        if not (author := author_asked(self._catalogue(), question)):
            return False
        by = _by_author(author)
        return by.search(question) is not None and (
            lessons or has_topic(_REVIEW_NOUNS.sub(" ", by.sub(" ", question))))

    def _what_to_ask_instead(self, question: str) -> list[str]:
        """Beside a refusal, what may be asked of the reviews a refused request names: "which
        was most to blame for Child BB's death, police or probation?" was told only that it
        "could ask what a review says went wrong", not which review it could ask of."""
        try:
            named = self._reviews_in(self.understand(question).named_reviews)
        except QueryError:
            return []
        if not named or len(named) > 3:
            return []
        which = said_as_list([r.label for r in named])
        return [f"You could ask what {'the review' if len(named) == 1 else 'the reviews'} of {which} "
                f"found, or what {'it' if len(named) == 1 else 'they'} recommended."]

    def _resources_alone(self, question: str) -> Answer | None:
        """The resources a question asks for and nothing else ("any films?", "what resources do
        the documents point to?"), and how many there are; None where it names a topic, or
        none is of the kind asked. No passage answers it: "any resources?" quoted Somerset's
        question whether the police are "sufficiently resourced", and "any films?" was told
        that no passage was found, above the films."""
        if not asks_for_resources(question):
            return None
        plan = self.understand(question)
        if (plan.named_reviews or plan.sources) and not topic_of(plan.topic or question):
            # a review's or a document's own list ("what resources does the Sameer learning
            # brief list?" quoted its learning for professionals; "what films does the South
            # Glos newsletter list?" found nothing)
            named = " and ".join([review.heading for review in self.store.reviews(plan.named_reviews)]
                                 or [plan.source or "The document"])
            if listed := self._resources_of_named(question, plan):
                return Answer(question=question, kind="catalogue", resources=listed,
                              text=f"{named} lists {resource_count(len(listed))}, below.")
            return Answer(question=question, kind="no_answer",
                          text=f"No resource that {named} lists, of those asked for, is in the index.")
        if topic_of(question):
            return None
        listed, matching = self.resources.listing(question)
        if not listed:
            return None
        return Answer(question=question, text=listed_text(question, len(listed), matching),
                      kind="catalogue", resources=listed)

    def _document_sections(self) -> dict[int, dict[str, list[str]]]:
        """For each document that groups its reviews under theme headings (the newsletter's
        "Neglect", "Adolescence"), each heading's reviews by id, in the document's order;
        read once."""
        if self._sections is None:
            self._sections = {}
            for document in self.store.documents():
                text = self.store.document_text(document.id)
                if not is_newsletter(text):
                    continue
                sections: dict[str, list[str]] = {}
                for review in self.store.document_reviews(document.id):  # (in document order)
                    theme = newsletter_theme(text, review.start)
                    if theme and review.id not in sections.get(theme, []):
                        sections.setdefault(theme, []).append(review.id)
                if sections:
                    self._sections[document.id] = sections
        return self._sections

    def _section_asked(self, message: str, sources: Sequence[int]) -> Section | None:
        """The theme section of a document a message asks for ("what's in the neglect section
        of the south glos newsletter?", "how many reviews are under the Adolescence
        heading?"): of the documents it names, else of any, the headings the words before
        "section" or "heading" say (a part of a heading joined by "/" or ";" counts:
        "substance abuse" is two sections'), and their reviews; None where none is."""
        if (asked := _SECTION_ASKED.search(message)) is None:
            return None
        said = [w.casefold() for w in words(asked["heading"] or asked["under"])]
        documents = self._document_sections()
        for document_id in [d for d in sources if d in documents] or list(documents):
            sections = documents[document_id]
            themes: list[str] = []
            end = len(said)
            while end:  # headings joined by "and" ("the Looked After Children and Parental
                # Learning Disability headings"), each the longest run of words before the next
                for n in range(end, 0, -1):
                    phrase = " ".join(said[end - n:end])
                    if phrase in STOPWORDS:
                        break
                    if named := [theme for theme in sections if phrase == theme.casefold() or phrase in (
                            " ".join(words(part)).casefold() for part in re.split(r"[/;]", theme))]:
                        themes[:0] = [theme for theme in named if theme not in themes]
                        end -= n
                        break
                else:
                    break
                if not themes or end == 0 or said[end - 1] not in ("and", "or"):
                    break
                end -= 1
            if themes:
                reviews = list(dict.fromkeys(r for theme in themes for r in sections[theme]))
                return Section(document_id, tuple(themes), tuple(reviews))
        return None

    def _document_label(self, document_id: int) -> str:
        """How answers name a document of the index ("South Gloucestershire Safeguarding
        Children Board's “News and Research Quarter Two”"): every document is one of
        _source_names, which a refresh rereads with the sections."""
        return next(d.label for d in self._source_names() if d.id == document_id)

    def _newsletter_named(self, message: str, sources: Sequence[int]) -> list[int]:
        """The documents laid out under theme headings that ``message`` names (``sources``),
        or the one such document where it speaks of "the newsletter"."""
        documents = self._document_sections()
        named = [d for d in sources if d in documents]
        if not named and len(documents) == 1 and re.search(r"\bnewsletters?\b", message, re.I):
            named = list(documents)
        return named

    def _heading_for(self, message: str, sources: Sequence[int]) -> Section | None:
        """The heading of a newsletter that a message asks which covers something ("which one
        covers parents who are offenders?", after its headings were told, was told them all
        again): the heading closest in meaning to it, where one is close (HEADING_MIN_COSINE)
        and clearly closer than the next (HEADING_MARGIN); None where none is."""
        if (asked := _HEADING_FOR.search(message)) is None:
            return None
        named = self._newsletter_named(message, sources)
        if len(named) != 1:
            return None
        sections = self._document_sections()[named[0]]
        what = self._encode(asked["what"], [])
        scored = sorted(((float(self._encode(theme, []) @ what), theme) for theme in sections),
                        reverse=True)
        if not scored or scored[0][0] < HEADING_MIN_COSINE or (
                len(scored) > 1 and scored[0][0] - scored[1][0] < HEADING_MARGIN):
            return None
        theme = scored[0][1]
        return Section(named[0], (theme,), tuple(sections[theme]))

    def _headings_answer(self, message: str, read: str, sources: Sequence[int]) -> Answer | None:
        """The theme headings a document groups its reviews under, asked for ("how is the south
        glos newsletter laid out - what topic headings does it use?" quoted three reviews of
        it): each with its reviews, in the document's order; of a document the message names,
        or of the one newsletter it speaks of (a digest with none is said to have none); None
        where it asks for none."""
        if not _HEADINGS_ASKED.search(message):
            return None
        documents = self._document_sections()
        named = self._newsletter_named(message, sources)
        entries = len({review.id for review in self.store.document_reviews(sources[0])}) if (
            not named and len(sources) == 1) else 0
        if entries > 1:  # (a digest that lists its entries alone)
            label = self._document_label(sources[0])
            return Answer(question=read, kind="catalogue", notes=[REVIEWS_TAB],
                          text=f"{label} groups its reviews under no theme headings: each of its "
                               f"{counted(entries, 'review')} has an entry of its own. Find "
                               "examples lists the reviews on a theme.")
        if len(named) != 1:
            return None
        rows = self._review_rows()
        label = self._document_label(named[0])
        sections = documents[named[0]]
        told = "; ".join(f"“{theme}” ({headings_said([rows[r].heading for r in reviews if r in rows])})"
                         for theme, reviews in sections.items())
        return Answer(question=read, kind="catalogue", notes=[REVIEWS_TAB],
                      text=f"{label} groups its reviews under {len(sections)} headings, in this "
                           f"order: {told}. Each heading's reviews are followed by the research "
                           "and resources it links.")

    def _section_answer(self, section: Section, read: str, plan: QueryPlan, k: int,
                        filters: Filters | None, generator: LLMConfig | None) -> Answer:
        """A document's theme section asked for: how many reviews it lists and which, and,
        unless only counted, each one's account (the newsletter's headings are kept as its
        reviews' keywords, but searched as words they had quoted reviews of other sections:
        "what's in the neglect section of the south glos newsletter?" quoted Hertfordshire's
        Child A and Bethany beside Child M, and never Child J)."""
        rows = self._review_rows()
        headings = [rows[r].heading for r in section.reviews if r in rows]
        label = self._document_label(section.document_id)
        under = said_as_list([f"“{t}”" for t in section.themes])
        if asks_for_resources(read):
            # the reading a section links after its reviews ("what extra reading does the
            # newsletter give under the Looked After Children ... headings?" quoted Bethany)
            document = self.store.document(section.document_id)
            links, _ = self.resources.listing(read, lambda row: document is not None and (
                row.document == document.name and row.theme in section.themes), topic="")
            text = (f"{label} lists {resource_count(len(links))} under {under}, below." if links
                    else f"{label} lists no resource of the kind asked under {under}.")
            return Answer(question=read, text=text, kind="catalogue", resources=links)
        listed = (f"{label} lists {counted(len(headings), 'review')} under {under}: "
                  f"{headings_said(headings)}.")
        if plan.counts_reviews and not _ASKS_WHICH_TOO.search(read):
            return Answer(question=read, text=listed, kind="catalogue", notes=[REVIEWS_TAB])
        answer = self.answer(f"{headings_said(headings)}: tell me about them", k, filters,
                             generator=generator)
        answer.question = read
        answer.notes.insert(0, listed)
        return answer

    def _resources_of_named(self, question: str, plan: QueryPlan) -> list[ResourceLink]:
        """The resources the reviews or documents a question names list, that it asks about
        (see Resources.of_reviews): a document's, where it names the document; a review's,
        where a document tells it alone (the Sameer brief's), or in a digest, those of the
        section its entry is in (the newsletter's "Linked Research & Resources" after its
        theme's reviews): not every resource of a digest that tells it ("what resources did
        it link to?" after Haringey's Child R listed the newsletter's first twelve)."""
        whole = {row.name for document_id in plan.sources
                 if (row := self.store.document(document_id)) is not None}
        sections: set[tuple[str, str]] = set()
        listing = self.resources.documents()
        for review_id in plan.named_reviews:
            for source in self.store.review_sources(review_id):
                document = self.store.document_by_key(source.document_key)
                if document is None or document.name not in listing:
                    continue
                if {r.id for r in self.store.document_reviews(document.id)} <= set(plan.named_reviews):
                    whole.add(document.name)
                elif theme := resource_theme(self.store.document_text(document.id), source.start):
                    sections.add((document.name, theme))
        if not whole and not sections:
            return []
        listed = self.resources.of_reviews(
            question, lambda row: row.document in whole or (row.document, row.theme) in sections,
            topic_of(plan.topic or question))
        if not listed and sections and asks_for_resources(question):
            # the few its section lists, asked for by words none of them is close to ("and
            # the barnardo's resource under that heading?" after Philip's review listed none:
            # "Barnardos iHop ...")
            listed, _ = self.resources.listing(question, lambda row: (row.document, row.theme) in sections,
                                               topic="")
        return listed

    def _count(self, retrieval: Retrieval, filters: Filters | None) -> str:
        """How many reviews the index holds of those a question counts: of its place, years
        or review type, within the user's filters, and of those how many carry each theme
        it names ("how many reviews from 2017 are about neglect?")."""
        plan = retrieval.plan
        ids = self.store.review_ids(filters)
        if plan.constrained:
            ids &= set(retrieval.scope or ())
        noun = _noun(plan)
        where = " ".join([*_where(plan), *([] if filters is None or filters.empty
                                            else ["within your filters"])])
        n = len(ids)
        held = (f"The index holds {n or 'no'} {noun}{'s' if n != 1 else ''} {where}".strip()
                + ".")
        if not plan.themes and not plan.lists_reviews and n:
            # "how many reviews involved a child dying in custody?" was told "The index holds
            # 84 reviews.", which read as the count
            return (f"{held} Reviews are counted by place, year, type, theme and the child's "
                    "age and sex their entries give; what else this question counts is not: the "
                    "passages below are the closest.")
        if not plan.themes or not n:
            return held
        counts = {t: len(self.reviews_carrying(t, ids)) for t in plan.themes}
        tagged = "; ".join(f"{c} {'is' if c == 1 else 'are'} tagged with {t}"
                           for t, c in counts.items())
        # and the reviews whose passages say the theme's term the question used, where that
        # is narrower ("parental alcohol misuse" was counted as substance misuse alone)
        said = [(term, len(self.store.reviews_holding([term]) & ids))
                for term, theme in theme_terms_named(retrieval.question)
                if term_key(term) != term_key(theme.theme) and theme.theme in counts]
        named = "".join(f"; the passages of {c} name “{_as_typed(retrieval.question, term)}”"
                        for term, c in said if c)
        counted = f"{held[:-1]}: {tagged} (Find examples lists them){named}."
        if uncounted := self._uncounted(retrieval):
            # ("how many reviews involved a child dying in custody?" was told the 20 reviews
            # tagged with child death, as if all had died in custody)
            return (f"{counted} What else it asks (“{'”, “'.join(uncounted)}”) is not counted: "
                    "the passages below are the closest.")
        return counted

    def _uncounted(self, retrieval: Retrieval) -> list[str]:
        """The topic words of a counting question beside the themes it names and whom and
        where it asks about, which no count reads ("custody" of "how many reviews involved a
        child who died in custody?")."""
        # (not "in England" or "altogether" of a count asked of the whole country: see
        # NOT_NATIONAL)
        question, plan = _NATIONAL_COUNT.sub(" ", retrieval.question), retrieval.plan
        counted = {w for a, b, _ in theme_spans(question) for w in words(question[a:b].lower())}
        if plan.review_type:  # as abbreviated ("how many SCRs ...")
            counted |= {f"{a.lower()}{s}" for a in TYPE_ABBREVIATIONS for s in ("", "s")}
        counted |= set(words(" ".join([plan.place or "", plan.review_type or "",
                                       plan.child_age.words if plan.child_age else "",
                                       plan.child_sex.words if plan.child_sex else ""]).lower()))
        # (a word of a counted theme's terms, in any form: "parents misusing alcohol")
        stems = {w[:5] for theme in plan.themes if (found := get_theme(theme))
                 for term in found.own_terms for w in words(term.lower())}
        return [t for t in self.lexical.topic_terms(question) if t not in counted
                and t[:5] not in stems and not _WHOM.fullmatch(t) and not t.isdigit()]

    def _theme_terms_used(self, asked: str) -> list[tuple[str, bool]]:
        """Each theme term ``asked`` names, and whether passages use any of its theme's own
        terms, other than within a name (see :meth:`_theme_names_only`)."""
        return [(term, self._theme_names_only(theme) is None)
                for term, theme in theme_terms_named(asked)]

    def _theme_names_only(self, theme: Theme) -> list[str] | None:
        """The names holding a theme's own terms where passages say them only within names
        (see :meth:`_names_only`; [] where no passage says them at all); None where a
        passage says one in prose."""
        names: list[str] = []
        for own in theme.own_terms:
            if self.lexical.unheld([own]):
                continue
            if (held := self._names_only(own)) is None:
                return None
            names += held
        return list(dict.fromkeys(names))

    def _names_only(self, term: str) -> list[str] | None:
        """The names that hold ``term`` where passages say it only within names ("Honour
        Based Violence", only in the Baby Sama glossary's "Domestic Abuse, Stalking and
        Honour Based Violence Risk Assessment", the DASH tool: "what do the reviews say
        about forced marriage or honour-based abuse?" quoted Warrington's "marriage
        difficulties" as closest); else None."""
        if term not in self._names_said:
            found = [names_holding(text, term) for text in self.store.texts_holding([term])]
            self._names_said[term] = (list(dict.fromkeys(n for names in found if names for n in names))
                                      if found and all(found) else None)
        return self._names_said[term]

    def _tagged_terms(self, asked: str) -> set[str]:
        """The theme terms ``asked`` names whose themes reviews are tagged with: "parents in
        the criminal justice system", a newsletter's heading over two reviews kept as their
        keyword, is in no passage, and was answered that nothing in the index says it."""
        return {term for term, theme in theme_terms_named(asked)
                if self.reviews_carrying(theme.theme)}

    def _asks_only_unheld(self, question: str, retrieval: Retrieval) -> bool:
        """Whether a question asks about nothing but taxonomy terms no passage uses in any
        of their theme's terms ("female genital mutilation (FGM)", "forced marriage"), and
        was searched in no other term for them."""
        if retrieval.expanded or retrieval.plan.lists_reviews or retrieval.plan.named_reviews:
            return False
        asked = without_asks(retrieval.plan.topic or question)
        named = self._theme_terms_used(asked)
        if not named or any(used for _, used in named) or self._tagged_terms(asked):
            return False
        rest = asked
        for term, _ in named:
            rest = without_name(rest, term, joined_alike=True)
        return not (set(words(rest)) - STOPWORDS - FRAMING - {"corpus", "index", "database"})

    def _answer_notes(self, question: str, retrieval: Retrieval, answer: Answer,
                      filters: Filters | None) -> list[str]:
        """What the reader should know of how the answer was found, after the scope notes:
        words of the question no passage uses, a listed place's or year's reviews the answer
        leaves out, how many reviews carry the theme asked about, and the reviews' own terms
        searched for lay words."""
        focus = retrieval.focus
        notes = [f"Searched for what your message asks: “{focus}”" + (
            ", and for the case it describes before it." if retrieval.story
            else "" if focus.endswith(("?", ".", "!")) else ".")] if focus else []
        if goes_on(question) and not focus:  # (the message's opening, not its question's)
            notes.append(GOES_ON)
        notes += [f"Searched for “{right}” in place of “{wrong}”, which no passage uses."
                  for wrong, right in retrieval.corrected]
        notes += [f"Not searched for “{words_}”, which your question sets aside."
                  for words_ in retrieval.aside]
        if retrieval.english:
            notes.append(f"Searched in English for “{retrieval.english}”"
                         + ("" if retrieval.english.endswith("?") else "."))
        # not the place, nor the words asking for lessons ("learn" of "what did reviews learn
        # about private fostering?" hid that no passage says "private")
        asked = without_asks(retrieval.plan.topic or question)
        topic = self.lexical.topic_terms(asked)
        # (not a misspelling of a word it asks with: "wat did teh reveiw say abot dogs")
        unseen = [w for w in self.lexical.unseen(topic)
                  if not misspells_an_asking_word(w, self.speller.known_words())
                  and not (w in RESOURCE_WORDS and asks_for_resources(question))
                  and not (retrieval.plan.wants_figures and FIGURES_ASKED.fullmatch(w))]
        # a compound whose parts are each used, but never together ("trauma-informed")
        # (not one naming a theme whose other terms passages use: "over-optimism", where they
        # say "over-optimistic" and "overly optimistic", and are quoted)
        named = self._theme_terms_used(asked)
        theirs = {word for term, used in named if used for word in words(term)}
        unseen += [part for pair in self.lexical.unseen_compounds(hyphenated_words(asked))
                   if not set(pair) & set(unseen) and not set(pair) <= theirs
                   for part in pair if part in topic]
        # of the words saying what it is about: "children" of "children who were not taken to
        # the dentist" is not one, nor "died" of "children who died in house fires" (what
        # most reviews are about; no passage says "fires")
        about = [t for t in topic if t not in SUBJECT_WORDS | _HARMS] or topic
        # the terms searched beside it that passages do hold: the others are no reviews' own
        # terms (said below, and they leave the unused words' note to be said)
        unused = set(self.lexical.unheld(retrieval.expanded))
        own = [t for t in retrieval.expanded if t not in unused]
        # a theme named in the reviews' words that no passage names in any of them ("forced
        # marriage": "marriage difficulties" is what is closest), unless it was searched in
        # the words reviews use for it ("toxic trio": domestic abuse, mental health ...)
        absent = list(dict.fromkeys(  # once, though said twice ("MAPPA - do reviews mention MAPPA")
            term for term, used in named if not retrieval.expanded and not used))
        # and a term of a theme named, of several words one of which no passage says, where
        # the theme's other terms are said ("anything on private fostering arrangements?"
        # quoted kinship carers with no word that no passage says "private"; not "knife
        # crime" nor "parental mental health", whose words passages say, and whose themes
        # they discuss in others)
        unsaid = [] if retrieval.expanded else list(dict.fromkeys(
            term for term, used in named if used and " " in term
            and self.lexical.unseen(self.lexical.topic_terms(term))))
        closest = ": what is quoted is closest in meaning." if answer.citations else "."
        if absent:
            # (those a name holds, no passage discussing them, are said apart)
            in_names = {term: names for term, theme in theme_terms_named(asked)
                        if term in absent and (names := self._theme_names_only(theme))}
            if not_held := [term for term in absent if term not in in_names]:
                terms = " or ".join(f"“{_as_typed(question, t)}”" for t in not_held)
                # (not "nor another term" where reviews are tagged with its theme: said below)
                notes.append(f"No passage in the index uses {terms}" + (
                    "" if set(not_held) <= self._tagged_terms(asked) else
                    f" nor another term for {'it' if len(not_held) == 1 else 'them'}")
                    + (closest if not in_names and len(absent) == len(dict(named)) else "."))
            notes += [f"No passage in the index discusses “{_as_typed(question, term)}”: its words "
                      f"are said only within {said_as_list([f'“{n}”' for n in names])}."
                      for term, names in in_names.items()]
        elif unsaid:
            # (with the other words naming a thing that none says: "an eating disorder like
            # anorexia")
            inside = {w for term in unsaid for w in words(term)}
            said = [_as_typed(question, t) for t in unsaid] + _things(
                [w for w in unseen if w not in inside])
            notes.append(f"No passage in the index uses {' or '.join(f'“{t}”' for t in said)}" + closest)
        elif sections := [] if retrieval.expanded else [
                section for section in _sections(question) if self.lexical.unheld([section])]:
            # a number is no topic word: "section 20" was answered by Baby Sama's "no section
            # in the report template", with no word of warning
            notes.append(f"No passage in the index uses {' or '.join(f'“{s}”' for s in sections)}"
                         + closest)
        elif (not retrieval.plan.lists_reviews and not retrieval.story
              and (noted := unseen if (whole := not own and (
                  2 * len(unseen) >= len(about) > 0 or _names_unseen(question, unseen)
                  or self._asked_of_the_review(question, retrieval.plan, unseen)))
                   else _things(_beside_lay_phrases(question, unseen) if own else unseen))
              and set(noted) - {w for name in retrieval.plan.unknown_cases for w in words(name)}):
            # "which reviews mention cannabis?": none does; what is quoted is close in meaning,
            # and without this line it reads as the reviews that mention it. (Not for a story
            # told, searched by its sentences' meaning: a youth worker's was told that no
            # passage uses "lad", "eritrea", "lorry", "ago", "hardly" ...; nor for a
            # question in everyday words with a word or two the reviews do not use: "mum";
            # nor where a term searched for it is one passages hold, said below; nor the words
            # of a case said above to have no review here. Searched in terms no passage holds
            # either, it is said: "sexting" had no note. Where terms passages hold were
            # searched for its everyday phrases, the words outside them naming a thing are
            # said: see _beside_lay_phrases.)
            # (the words naming a thing, alone: "deficiency" of "vitamin D deficiency rather
            # than abuse" is no "deficiency rather")
            # (of one review named, each asked of it: see _asked_of_the_review)
            said = _as_written(question, noted) if whole else noted
            words_ = ", ".join(f"“{w}”" for w in said)
            kind = ("" if any(" " in w for w in said)  # (a phrase is no word)
                    else f"the word{'s' if len(said) > 1 else ''} ")
            notes.append(f"No passage in the index uses {kind}{words_}" + closest)
        plan = retrieval.plan
        for agency in plan.agencies_left_out:
            # (a helper's "which reviews did not involve the police?" listed a murder
            # conviction: what an entry leaves unsaid, the agency may still have done)
            notes.append(f"A review whose passages do not name {_AGENCY_SHOWN.get(agency, agency)} "
                         "may still have involved them: entries summarise their reviews.")
        if ((plan.lists_reviews or plan.lessons_of_scope) and retrieval.scope is not None
                and 0 < len(answer.groups) < len(retrieval.scope)):
            notes.append(f"This answer quotes {len(answer.groups)} of them: the Reviews tab "
                         "lists every review with its area and year.")
        if (answer.groups and plan.across_reviews and not plan.counts_reviews
                and (filters is None or filters.empty)):
            # (with the user's own filters, a count over the index would be of other reviews)
            naming: dict[str, set[str]] = defaultdict(set)  # the themes each review's quotes name
            for citation in answer.citations:
                for quote in citation.quotes:
                    for theme in themes_named_in(quote.text):
                        naming[theme].add(citation.hit.review.id)
            notes += self._tagged_notes(retrieval, {g.review_id for g in answer.groups}, naming)
        if plan.wants_recommendations and any(
                any(q.text.endswith("?") for q in c.quotes)
                and recommends(c.hit.chunk.section, c.hit.chunk.text) for c in answer.citations):
            # Baby Sama's "How effectively are the pre-birth procedures ... used?" read as a
            # recommendation asked for, and reads oddly as one unless the reader is told.
            notes.append("The questions quoted are those the review puts to its safeguarding "
                         "board in place of recommendations.")
        if plan.wants_recommendations and len(plan.named_reviews) == 1 and answer.groups and not any(
                _RECOMMENDATIONS_GIVEN.search(text)
                for _, _, text in self.store.review_entries(plan.named_reviews[0])):
            # ("Derbyshire Polly - what recommendations did the review make?" quoted its
            # learning as if it were what it recommended: its one entry gives none)
            notes.append(f"The index's entries for {self._review_rows()[plan.named_reviews[0]].label} "
                         "give no recommendations: the lines quoted are what the review found.")
        if plan.asks_themes:
            notes += self._common_themes_note(retrieval, filters)
        if (plan.asks_mention and answer.groups and not plan.named_reviews
                and not plan.counts_reviews  # (the count says it: "the passages of 6 name ...")
                and not _MENTION_DENIED.search(question)):
            notes += self._mention_note(retrieval, question, topic,
                                        {g.review_id for g in answer.groups})
        unheld = ", ".join(f"“{_as_typed(question, t)}”" for t in retrieval.unheld)
        if answer.citations and own:
            # Lay wording ("broken bones nobody could explain") is answered by passages that
            # use other words: say which, so that the reader sees how the question was read.
            # Where the question's own term is one no passage holds ("county lines"), say so.
            notes.append((f"No passage in the index uses {unheld}: also searched for "
                          if unheld else "Also searched for ")
                         + f"the reviews' own terms: {', '.join(own)}.")
            notes += self._keywords_alone(own, answer)
        elif unheld:  # beside a term of its kind that passages hold ("CCE and county lines")
            notes.append(f"No passage in the index uses {unheld}.")
        return notes

    def _keywords_alone(self, terms: Sequence[str], answer: Answer) -> list[str]:
        """Where the answer quotes none of ``terms`` (the reviews' own terms searched for a
        question's words), for each that only keyword lines say, which an answer never
        quotes, the reviews not quoted whose keywords name it, at most RARE_TERM_REVIEWS of
        them: "bedwetting" was searched as "enuresis", which only Isobel's keywords say, and
        the answer quoted a foster carer's home under a note that it had been searched for."""
        said = [quote.text for citation in answer.citations for quote in citation.quotes]
        if any(mentions_any(text, terms) for text in said):
            return []  # (the answer quotes one: "domestic abuse", beside "partner violence")
        quoted = {g.review_id for g in answer.groups}
        min_words = self.answerer.config.min_sentence_words
        notes = []
        for term in terms:
            holding = self._hits([(cid, 0.0) for cid in self.store.bm25([term], 30)], {}, {})
            if any(mentions(quote.text, term) for hit in holding
                   for quote, _ in quotable_sentences(hit, min_words)):
                continue
            keyed = [r for r in self._catalogue()
                     if r.id not in quoted and any(mentions(k, term) for k in r.keywords)]
            if 0 < len(keyed) <= RARE_TERM_REVIEWS:
                notes.append(f"“{term}” is a keyword of {said_as_list([r.label for r in keyed])}, "
                             f"not quoted here: ask about {'it' if len(keyed) == 1 else 'them'} "
                             "by name to read more.")
        return notes

    def _sentence_similarity(self, retrieval: Retrieval) -> dict[tuple[int, int], float]:
        """Each retrieved sentence's cosine with the question, by (chunk id, end offset),
        from the vectors made at ingest. For a question naming a case or a place, the mean of
        its cosine with the question and with the question's topic (without the name or place,
        encoded once more): the name alone would lift whichever sentence repeats it."""
        query = retrieval.query
        if query is None:
            return {}
        plan = retrieval.plan
        queries = [query]
        if plan.topic:
            queries.append(self.index.embedder.encode_query(plan.topic))
        sims: dict[tuple[int, int], float] = {}
        for q in queries:
            for h in retrieval.hits:
                for part in _ids(h):
                    for sc in self.index.sentences.scores(q, part, h.chunk.text, h.chunk.start):
                        key = (h.chunk.id, sc.span.end)
                        sims[key] = sims.get(key, 0.0) + sc.score / len(queries)
        return sims

    def _scope_notes(self, retrieval: Retrieval, quoted: bool,
                     quotes: Sequence[str] = (), reviews: Collection[str] = ()) -> list[str]:
        """What the question's own place, years, review type or source did to the search,
        in a line each (a type the index has no review of, and a confinement no review
        meets, are said and not applied); and, where the question names a theme none of the
        reviews searched carries (in its keywords or its title), that it does not, or a
        review that is not among them, that it is not, unless what the answer ``quotes``
        names it ("did the community midwife in the Bedford case get safeguarding
        supervision?" quoted "no supervision of the professionals from the community
        midwifery service", under a note that Baby Sama's review is not tagged with
        supervision). ``quoted``: the answer quotes some, of ``reviews``.

        A place that only says which reviews the names mean, where the answer quotes those
        reviews alone, is not said to have confined the search: "Rochdale 2017 – Child K: what
        did it recommend?", a follow-up read with the review the answer before it was from,
        was told "Only the 2 reviews from Rochdale (as your question asks) were searched"; so
        was one read with four reviews, one of them of no place ("Only the 6 reviews from
        Sunderland and Surrey and Buckinghamshire and the Considering child sexual
        exploitation review")."""
        plan, scope = retrieval.plan, retrieval.scope
        # (one note for them all: "... into Arthur Labinjo-Hughes and Star Hobson" had two)
        notes = [f"No review of {' or '.join(plan.unknown_cases)} is in the index: "
                 + ("what is quoted is from other reviews." if quoted else
                    "the reviews it holds are listed in the Reviews tab.")
                 ] if plan.unknown_cases else []
        if plan.review_type and not plan.review_types:
            notes.append(f"No review in the index is a {plan.review_type}; reviews of every "
                         "type were searched.")
        notes += self._themes_named_review_lacks(plan, quoted)
        if (quoted and reviews and plan.named_reviews and set(reviews).isdisjoint(plan.named_reviews)
                and (retrieval.scope is None or set(plan.named_reviews) <= set(retrieval.scope))):
            # (the answer is of other reviews alone: "what did the Joe review say about dogs?"
            # quoted Baby Sama's, Baby A's and Child G's dogs, as if they were Joe's)
            named = said_as_list([f"the {review.title} review"
                                  for review in self._reviews_in(plan.named_reviews)])
            notes.append(f"No passage of {named} is close to this question: what is quoted is "
                         "from other reviews.")
        if (label := appendix_asked(retrieval.searched)) is not None and plan.named_reviews and not any(
                in_appendix(c.section, label) for c in self.store.chunks(
                    self.store.chunk_ids(reviews=set(plan.named_reviews)))):
            # ("what does appendix B of the Baby Sama review say?" quoted its findings)
            named = said_as_list([f"the {review.title} review"
                                  for review in self._reviews_in(plan.named_reviews)])
            notes.append(f"No passage of {named} is headed Appendix {label}: what is quoted is "
                         "closest in meaning.")
        notes += _shared_title_notes(self._reviews_in(plan.named_reviews))
        if not plan.constrained:
            return notes
        where, noun = _where(plan), _noun(plan)
        if scope is None:
            searched = "" if plan.lists_reviews else "; all reviews were searched"
            return [*notes, f"No {' '.join([noun, *where])} is in the index{searched}."]
        asks = (f"the {plan.recent} in the index, as your question asks" if plan.recent
                else "as your question asks")
        n = len(scope)
        if retrieval.unmet:
            notes.append(f"{retrieval.unmet}: the {counted(n, 'review')} "
                         f"{' '.join(where)} {'were' if n != 1 else 'was'} searched.")
        elif not (reviews and set(reviews) <= set(plan.named_reviews)
                  and not replace(plan, place=None).constrained
                  and self._names_areas(plan)):
            beside = self._reviews_in(plan.beside)
            m = n - len(beside)
            parts = [f"{m} {noun}{'s' if m != 1 else ''} {' '.join(where)}".strip(),
                     *(f"the {r.title} review" for r in beside)] if m else [
                     f"{n} {noun}{'s' if n != 1 else ''} {' '.join(where)}".strip()]
            notes.append(f"Only the {said_as_list(parts)} ({asks}) "
                         f"{'were' if n != 1 else 'was'} searched.")
        notes += self._unstated_notes(plan)
        if plan.places_absent:  # ("from Scotland, Wales or Northern Ireland")
            notes.append(f"No review from {' or '.join(plan.places_absent)} is in the index.")
        if plan.named_reviews and scope.isdisjoint(plan.named_reviews):
            # "What does the Torbay repository say about Child K?": Child K is not in it, and
            # what is quoted is of its other reviews.
            titles = list(dict.fromkeys(r.title for r in self._reviews_in(plan.named_reviews)))
            notes.append(f"{' and '.join(titles)} {'is' if len(titles) == 1 else 'are'} not "
                         "among them" + (": what is quoted is from the others."
                                         if quoted else "."))
        # Only reviews with keywords can say they lack one: Sameer's learning brief has none,
        # and is all about escalation. Not where the place only said which review a name
        # means ("Warwickshire Child T and neglect"): what that review lacks is said above.
        scoped = self._reviews_in(scope)
        if plan.themes and all(r.keywords for r in scoped) and scope.isdisjoint(plan.named_reviews):
            missing = [t for t in plan.themes if not self.reviews_carrying(t, scope)]
            if missing:
                # A thematic review's title names its subject ("Keeping young people safe from
                # risks related to exploitation ..."), whatever its keywords say.
                titled = {t for r in scoped for t in themes_named_in(r.title)}
                quoted_themes = set(themes_named_in(" ".join(quotes)))
                missing = [t for t in missing if t not in titled | quoted_themes]
            if missing:
                # (the closest passages, where any is quoted: "is smacking legal in scotland"
                # quoted none beneath "these are the closest passages")
                notes.append(f"None of {'them' if n != 1 else 'it'} is tagged with "
                             f"{' or '.join(missing)}" + ("; these are the closest passages."
                                                           if quoted else "."))
        return notes

    def _unstated_notes(self, plan: QueryPlan) -> list[str]:
        """For a list or count of reviews of a child's age or sex, how many reviews of its
        other confinements state neither, and so are left out of it."""
        if not _lists(plan) or not (plan.child_age or plan.child_sex):
            return []
        notes = []
        others = self._scope(replace(plan, child_age=None, child_sex=None))
        for asked, unstated, what in ((plan.child_age, self._ages_unstated, "no child's age"),
                                      (plan.child_sex, self._sexes_unstated,
                                       "no child as a boy or a girl")):
            if asked is None:
                continue
            if n := len(unstated() & (others or self._review_rows().keys())):
                notes.append(f"{counted(n, 'review')} {'state' if n != 1 else 'states'} "
                             f"{what} and {'are' if n != 1 else 'is'} left out.")
        return notes

    def _themes_named_review_lacks(self, plan: QueryPlan, quoted: bool) -> list[str]:
        """Where a question asks the one review it names about a theme the review is not
        tagged with and none of its passages names, in the reviews' words or by the words of
        the theme's name ("the mother's mental health in the Baby Sama case": its report
        never says "mental"), that it does not: the answer otherwise reads as the review's
        account of it. Not for a word saying whom it is about ("what injuries did the baby
        C101 have?" asks of C101, not of infants), nor the review's title ("Baby Sama")."""
        if len(plan.named_reviews) != 1:
            return []
        review = self._reviews_in(plan.named_reviews)[0]
        asked = [t for t in _themes_beyond_whom(plan.topic) if t in plan.themes
                 and t not in review_themes(review.keywords)]
        own = self.store.chunk_ids(reviews=set(plan.named_reviews)) if asked else []
        said = [(term, found.theme) for term, found in theme_terms_named(plan.topic)]
        lacking = []
        for theme in asked:
            own_words = [[w] for w in query_terms(theme) if w not in GENERAL_WORDS]
            # or by the term the question names it by ("the gp in Jack's case": "GPs")
            terms = [*theme_filter_terms(theme), *(term for term, of in said if of == theme)]
            naming, *held = self.store.chunks_holding([terms, *own_words], own)
            if not naming and not (held and set.intersection(*held)):
                lacking.append(theme)
        return [f"The {review.title} review is not tagged with {theme}, and none of its "
                "passages names it" + (": what is quoted is closest in meaning." if quoted
                                       else ".") for theme in lacking]

    def _asked_of_the_review(self, question: str, plan: QueryPlan, unseen: Collection[str]) -> bool:
        """Whether words no passage uses are asked of the one review the question names, said
        after its title or after the question's opening clause: what is asked of one review
        is narrow, and "How much did the Baby Sama serious case review cost and how long did
        it take to finish?" quoted its timeline as if it answered (not the asker's role or a
        turn said before both: "I'm a school DSL, give me ... the Sameer learning brief",
        "ok switching - the anonymous 2018 one ...")."""
        if len(plan.named_reviews) != 1 or not unseen:
            return False
        title = self._reviews_in(plan.named_reviews)[0].title
        said = list(re.finditer(_spaced(title), question, re.I))
        opened = _OPENING_CLAUSE.search(question)
        starts = [m.end() for m in (said[-1] if said else None, opened) if m is not None]
        return bool(starts) and set(words(question[min(starts):])) >= set(unseen)

    def _tagged_notes(self, retrieval: Retrieval, quoted: set[str],
                      naming: Mapping[str, set[str]] | None = None) -> list[str]:
        """For a question across reviews on a theme, how many reviews (of those searched)
        carry the theme, where the answer quotes fewer of them: an answer is a sample, and
        Find examples lists them all. Counted against the ``quoted`` reviews that carry it:
        "children who go missing" quoted four reviews, one of the four tagged with missing
        children; and, by theme, how many others it quotes whose quoted lines name the theme
        (``naming``): "6 reviews ... are tagged with information sharing (this answer quotes
        0 of them)" sat under four reviews' lines on information sharing, none tagged."""
        scope = retrieval.scope
        naming = naming or {}
        more = []
        # (not a theme the question names only by saying whom it is about: "3 reviews in the
        # index are tagged with infants" stood under questions on babies, of whom some 27
        # entries tell; few entries' keywords say so)
        said = [(theme, bool(_WHOM.fullmatch(retrieval.question[start:end])))
                for start, end, theme in theme_spans(retrieval.question)]
        only_whom = {theme for theme, whom in said if whom} - {theme for theme, whom in said if not whom}
        for theme in retrieval.plan.themes:
            if theme in only_whom or (retrieval.plan.died and theme in _DEATH_THEMES):
                # (nor a death where only the reviews of one were searched: "which of those
                # children died?" quoted two deaths, under "18 reviews of those searched are
                # tagged with child death (this answer quotes 0 of them)")
                continue
            carriers = self.reviews_carrying(theme, scope)
            if len(carriers) > len(carriers & quoted):
                others = len((naming.get(theme, set()) & quoted) - carriers)
                more.append((theme, len(carriers), len(carriers & quoted), others))
        if not more:
            return []
        (theme, n, q, k), *rest = more
        where = "in the index" if scope is None else "of those searched"

        def besides(others: int) -> str:
            return f", and {others} other{'s' if others != 1 else ''} naming it" if others else ""

        # (A theme only one review carries is noted where the answer leaves that review out.)
        first = (f"{n} reviews {where} are tagged with {theme} (this answer quotes {q} of them"
                 f"{besides(k)})" if n != 1 else
                 f"1 review {where} is tagged with {theme} (this answer does not quote it"
                 f"{besides(k)})")
        return [first + "".join(f" and {m} with {t} ({p}{besides(o)})" for t, m, p, o in rest)
                + ": Find examples lists "
                + ("each theme’s reviews, asked for one at a time." if rest
                   else "it." if n == 1 else "them all." if n <= EXAMPLES_MAX
                   else f"the {EXAMPLES_MAX} closest.")]

    def _mention_note(self, retrieval: Retrieval, question: str, terms: Sequence[str],
                      quoted: set[str]) -> list[str]:
        """For "which reviews mention X?" (X: the question's topic ``terms``), how many
        reviews' passages use X where the answer quotes fewer: "which reviews mention audits?"
        quoted three, and eleven say it."""
        if not terms or len(terms) > MENTION_WORDS:
            return []
        said = " ".join(terms)  # (as a phrase: "multi-agency audits", not either word)
        holding = self.store.reviews_holding([said])
        if retrieval.scope is not None:
            holding &= set(retrieval.scope)
        if len(holding) <= len(holding & quoted):
            return []
        return [f"Passages of {len(holding)} reviews use “{_as_typed(question, said)}” (this "
                f"answer quotes {len(holding & quoted)} of them): Find examples lists them."]

    def _common_themes_note(self, retrieval: Retrieval, filters: Filters | None) -> list[str]:
        """For a question asking which themes the reviews share, the themes most of the
        reviews searched carry (their own tags, counted as the Themes tab counts them): the
        passages quoted show what some reviews say, not what they have in common."""
        reviews = self._reviews_in(retrieval.scope)
        if filters is not None and not filters.empty:
            kept = self.store.review_ids(filters)
            reviews = [r for r in reviews if r.id in kept]
        counts = count_themes(reviews)[:COMMON_THEMES]
        if not counts:
            return []
        first, *rest = counts
        if first.reviews == 1:  # ("what themes do the Bradford reviews have in common?")
            return [f"No theme is tagged on more than one of the {len(reviews)} reviews "
                    f"searched; their tags include {', '.join(c.theme for c in counts)}. The "
                    "Themes tab lists every theme with its reviews."]
        listed = ", ".join([f"{first.theme} ({first.reviews} reviews)",
                            *(f"{c.theme} ({c.reviews})" for c in rest)])
        return [f"The themes most often tagged among the {len(reviews)} reviews searched: "
                f"{listed}. The Themes tab lists every theme with its reviews."]

    def _theme_carriers(self, retrieval: Retrieval, question: str) -> set[str]:
        """The reviews an answer across reviews reads for the themes its question asks about,
        found by the search or not: those tagged with every one of two themes or more
        ("co-sleeping and alcohol": Swindon's Child D, tagged with both, was eleventh of the
        hits, past the passages read); for one theme, named other than by whom the question
        is about, those tagged with it where the passages read hold fewer than two of them
        ("children who were not brought to appointments" read Baby Bailey's alone of the six
        reviews tagged with missed appointments)."""
        plan = retrieval.plan
        if not plan.across_reviews or plan.named_reviews or not plan.themes:
            return set()
        read = {hit.review.id for hit in retrieval.hits[:self.answerer.config.passages_read]}

        def alone(theme: str) -> set[str]:
            carriers = self.reviews_carrying(theme, retrieval.scope)
            if len(carriers & read) >= 2 or theme not in _themes_beyond_whom(question):
                return set()
            return carriers

        if len(plan.themes) == 1:
            return alone(plan.themes[0])
        if _either_theme(question):
            # each as if asked alone ("disabled children or children with serious long-term
            # medical conditions" read the reviews tagged with both, which none is)
            return set().union(*map(alone, plan.themes))
        return set.intersection(*(self.reviews_carrying(t, retrieval.scope) for t in plan.themes))

    def _praise_recorders(self, retrieval: Retrieval, question: str) -> set[str]:
        """For a question asking what went well of anyone ("did any review say something
        went well?"), the reviews whose passages say "good practice", where the passages
        read hold good practice of fewer reviews than an answer quotes: the search finds
        passages sharing the question's words, and "good practice - did any review say
        something went well?" quoted one review of the six. None for one asking it of
        someone ("what did the police do well?"): their good practice is what the search
        finds."""
        plan = retrieval.plan
        if (not plan.wants_good_practice or plan.named_reviews or praised_on(question, plan)):
            return set()
        config = self.answerer.config
        if len({hit.review.id for hit in retrieval.hits[:config.passages_read] if any(
                role == "good practice" for _, role in quotable_sentences(hit, 1))}
               ) >= config.max_reviews:
            return set()
        recording = self.store.reviews_holding(["good practice"])
        return recording & retrieval.scope if retrieval.scope is not None else recording

    def _closest_of_unfound(self, retrieval: Retrieval, question: str,
                            reviews: Collection[str], filters: Filters | None,
                            naming: bool = False) -> list[Hit]:
        """The closest passage of each of ``reviews`` that the search did not find, at most
        AnswerConfig.theme_reviews, ranked after its hits in their scale. ``naming``: the
        closest of those naming a theme the question asks about or a term searched for it,
        where the review has one, since the answer quotes no other sentence of a review
        past its first ("parents with learning disabilities" read Bethany's findings, not
        the passage saying "both parents had learning difficulties", and quoted nothing of
        it). The reviews are those whose closest passages are closest either way."""
        unfound = set(reviews) - {hit.review.id for hit in retrieval.hits}
        if not unfound:
            return []
        closest = self.closest_passages(question, unfound, NAMING_DEPTH if naming else 1, filters)
        ranked = sorted(closest.values(), key=lambda hits: -hits[0].score)
        added = [hits[0] for hits in ranked[:self.answerer.config.theme_reviews]]
        if naming:
            asked = retrieval.plan.topic or question
            rare = topic_stems(" ".join(self.lexical.rarest(asked) or self.lexical.topic_terms(asked)))
            floor = self.answerer.config.min_dense_score_lexical  # (an answer reads none below)
            for i, hits in enumerate(ranked[:len(added)]):
                others = [hit for hit in hits[1:] if hit.score >= floor]
                if others and not self._passage_names_asked(hits[0], retrieval, rare):
                    added[i] = next((hit for hit in others
                                     if self._passage_names_asked(hit, retrieval, rare)), hits[0])
        last = retrieval.hits[-1].score if retrieval.hits else 0.0
        for rank, hit in enumerate(added, len(retrieval.hits) + 1):
            # after the search's hits, in its ranks and scale (its score is a cosine)
            hit.rank, hit.score = rank, last
        return added

    def _passage_names_asked(self, hit: Hit, retrieval: Retrieval, rare: frozenset[str]) -> bool:
        """Whether a passage, less its keyword line (which no answer quotes), names a theme
        the question asks about, in the reviews' words or in everyday ones ("Both parents
        had learning difficulties"), a term searched for it, or one of the question's
        ``rare`` stems (of its rarest words, or all where none is rarer: Child V's "sympathy
        for parents leading to optimism", for "the rule of optimism")."""
        text = "\n".join(line for line in hit.chunk.text.splitlines()
                         if is_junk_sentence(line) != "keywords")
        return (not rare.isdisjoint(topic_words(text))
                or names_any_theme(text, retrieval.plan.themes)
                or mentions_any(text, retrieval.expanded))

    def _mentioning(self, retrieval: Retrieval, question: str, filters: Filters | None) -> set[str]:
        """Asked which reviews mention a word or two, the reviews of the passages BM25 finds
        saying them all where the passages read say none (see :meth:`_users`): "which reviews
        mention hotels?" had no answer, Surrey's Child GG, the one passage saying "hotels",
        being 0.0 in meaning, far past the dense list's first."""
        if not retrieval.plan.asks_mention or retrieval.expanded:
            return set()
        words_ = self.lexical.topic_terms(without_mention(retrieval.plan.topic or question))
        if not words_ or len(words_) > MENTION_WORDS or self.lexical.unseen(words_):
            return set()
        stems = topic_stems(" ".join(words_))

        def says_them(hit: Hit) -> bool:
            return stems <= topic_words(hit.chunk.text)

        if any(says_them(hit) for hit in retrieval.hits[:self.answerer.config.passages_read]):
            return set()
        return self._users(retrieval, words_, filters, says_them)

    def _term_users(self, retrieval: Retrieval, question: str,
                    filters: Filters | None) -> tuple[set[str], set[str], set[tuple[int, int]]]:
        """The reviews an answer reads for a term the question names in the reviews' words
        where none of the passages it reads first uses it, as (those read for the term, those
        read for its theme, and the sentences saying the term where it is rare, held by
        RARE_TERM_REVIEWS reviews or fewer, as (chunk id, start): read however the model
        scores them, and preferred, see :meth:`Answerer.extractive`): the best passages that
        use it, at most
        AnswerConfig.theme_reviews, join the hits (where the search's are not among them).
        The term is one of a theme's kind or of the glossary in two words or more
        ("the National Referral Mechanism": Samuel, Shay and Joy's "use of the national
        referral mechanism (NRM)" was first of BM25's list but past the passages read, and
        the answer quoted Baby Sama's anonymous "referrals"), or a theme's own term of two
        words or more other than its name ("coercive control - how well did agencies
        recognise it?" quoted five reviews saying "domestic abuse", none saying the term), or
        else a theme named by its own terms, used in a sentence an answer can quote ("which
        reviews show over-optimism?" had no answer: the model reads the word poorly, the
        passages saying "over-optimistic" scored 0.14, and those read named it in keyword
        lines alone)."""
        if retrieval.plan.named_reviews:
            return set(), set(), set()
        read = retrieval.hits[:self.answerer.config.passages_read]
        theme_terms = theme_terms_named(question)
        # the words it quotes first: it asks for them as written ("the words professionals
        # used about a child ('risk taking', 'consensual', 'self-harm', ...)" quoted Child J's
        # self-harm alone)
        quoted = terms_as_written(question)
        quoted = [term for term in quoted if term not in set(self.lexical.unheld(quoted))]
        terms = quoted or [term for term, _, _ in kind_terms_named(question)
                           if len(term.split()) > 1 and term not in retrieval.unheld
                           # or one of the glossary's ("any reviews where a young carer got
                           # missed" quoted foster carers: the model reads carers alike)
                           ] or glossary_terms_said(question) or [
                     # a theme's term of two words or more other than its name, as typed
                     # ("coercive control" of domestic abuse)
                     term for term, theme in theme_terms
                     if len(term.split()) > 1 and term_key(term) != term_key(theme.theme)
                     and not self.lexical.unheld([term])]
        min_words = self.answerer.config.min_sentence_words
        if terms:
            # (in a sentence an answer can quote, word for word: a passage holding "safe
            # sleep assessment", which the index stems as "safe sleeping", kept Swindon's
            # Child D's "safe sleeping" unread)
            def saying(hits: Sequence[Hit]) -> set[tuple[int, int]]:
                return {(hit.chunk.id, quote.start) for hit in hits
                        for quote, _ in quotable_sentences(hit, min_words)
                        if mentions_any(quote.text, terms)}

            in_read = saying(read)
            if quoted:
                # each word it quotes is read for, where no passage read says it, and every
                # sentence saying one is, however many reviews say it ("... ('risk taking',
                # 'consensual', 'self-harm', 'consenting relationship')" quoted neither Child
                # F's "describing sex as consensual" nor Baby Sama's "consenting relationship")
                read_text = [quote.text for hit in read
                             for quote, _ in quotable_sentences(hit, min_words)]
                users = set().union(*(
                    self._users(retrieval, [term], filters, lambda hit: True) for term in terms
                    if not any(mentions(text, term) for text in read_text)))
                return users, set(), in_read | saying(retrieval.hits[len(read):])
            users = set() if in_read else self._users(retrieval, terms, filters,
                                                       lambda hit: True)
            # the passages that use a term few reviews do are read for it however the model
            # scores them ("halo effect", which it reads poorly: Camden's Child B, first of
            # BM25's list, had been left out as unrelated, the answer quoting Luton's
            # "effective transfer arrangements"); those past the passages read, the search's
            # or joined for the term, are looked at once more
            rare = len(self.store.reviews_holding(terms)) <= RARE_TERM_REVIEWS
            return users, set(), in_read | saying(retrieval.hits[len(read):]) if rare else set()
        themes = set(theme.theme for _, theme in theme_terms)

        def quotes_theme(hit: Hit) -> bool:
            return any(not themes.isdisjoint(themes_named_in(quote.text))
                       for quote, _ in quotable_sentences(hit, min_words))

        if not themes or any(quotes_theme(hit) for hit in read):
            return set(), set(), set()
        return set(), self._users(retrieval, [t for theme in sorted(themes)
                                              for t in theme_filter_terms(theme)],
                                  filters, quotes_theme), set()

    def _users(self, retrieval: Retrieval, terms: Sequence[str], filters: Filters | None,
               quotes: Callable[[Hit], bool]) -> set[str]:
        """The reviews of the best passages using ``terms`` (BM25) that ``quotes`` accepts,
        at most AnswerConfig.theme_reviews, those passages joining the hits where they are
        not among them already."""
        within = (None if (filters is None or filters.empty) and retrieval.scope is None
                  else self.store.chunk_ids(filters, reviews=retrieval.scope))
        users = self.store.bm25(terms, 10 * self.answerer.config.theme_reviews, filters,
                                within=within)
        last = retrieval.hits[-1].score if retrieval.hits else 0.0
        ranks = {cid: rank for rank, cid in enumerate(users, 1)}
        candidates = sorted(self._hits([(cid, last) for cid in users], {}, ranks),
                            key=lambda hit: ranks[hit.chunk.id])
        best: dict[str, Hit] = {}  # each review's best passage using the terms
        for hit in candidates:
            if hit.review.id not in best and quotes(hit):
                best[hit.review.id] = hit
                if len(best) == self.answerer.config.theme_reviews:
                    break
        found = {cid for hit in retrieval.hits for cid in _ids(hit)}
        added = [hit for hit in best.values() if hit.chunk.id not in found]
        if added and retrieval.query is not None:  # their cosine, for the passages added alone
            cosine = dict(self.index.vectors.top_k(
                retrieval.query, len(added),
                allowed=np.asarray([hit.chunk.id for hit in added], dtype=np.int64)))
            for hit in added:
                hit.dense_score = cosine.get(hit.chunk.id)
        for hit in added:
            hit.rank = len(retrieval.hits) + 1
            retrieval.hits.append(hit)
        return set(best)

    def _reviews_on(self, themes: Collection[str]) -> set[str]:
        """The ids of the reviews tagged with any of ``themes`` or with a passage naming one,
        in the reviews' words or everyday ones (those a question leaving the themes out does
        not search: "which reviews were NOT about a child dying?" listed "Death of a boy aged
        less than 1 year", which names no "child death")."""
        return {review for theme in themes for review in
                self.reviews_carrying(theme) | self.store.reviews_holding(
                    [*theme_filter_terms(theme), *theme_naming_terms(theme)])}

    def reviews_carrying(self, theme: str, scope: Collection[str] | None = None) -> set[str]:
        """The ids of the reviews (of ``scope``; None: all) tagged with ``theme``."""
        return {r.id for r in self._reviews_in(scope) if theme in review_themes(r.keywords)}

    def _names_areas(self, plan: QueryPlan) -> bool:
        """Whether every area the question's place matched is, or holds, the area of a review
        it names ("Croydon" of "Croydon 2018 – Joe" matched Croydon and Lewisham too)."""
        named = [r.area for r in self._reviews_in(plan.named_reviews) if r.area]
        return all(any(holds_words(area, own) for own in named) for area in plan.areas)

    def _reviews_in(self, scope: Collection[str] | None) -> list[ReviewRow]:
        """The catalogue's reviews of ``scope`` (None: all)."""
        return [r for r in self._catalogue() if scope is None or r.id in scope]


_WHOM = re.compile(rf"\b(?:{WHOM_WORDS})\b", re.IGNORECASE)  # (see query.WHOM_WORDS)
# a review of the last answer's said not to be the one meant, and the one meant described
# ("no not that one - the baby who died on the sofa with mum")
_NOT_THAT_ONE = re.compile(r"^\W*(?:(?:no|nope|sorry|oops)\W+)*not\s+(?:that|this|the\s+\w+)\s+"
                           r"(?:one|review|case)\W+(?:i\s+mean(?:t)?\s+)?(?P<what>\w.*)$", re.I)
# a review pointed at by what happened in it, of the last answer's ("what about the one where
# the boy was killed by a car?") or spoken of ("the Luton review about gangs and youth
# violence"), and a follow-up that asks nothing else of it
_THE_ONE_WHERE = re.compile(r"\bthe\s+(?:[\w'’-]+\s+){0,3}?(?:one|case|review)\s+(?:where|in\s+which|"
                            r"when|with|about|that|who|whose|"
                            # ("the Brighton and Hove review of the two brothers who went to
                            # Syria", "the review into the death of a baby")
                            r"(?<=case\s)of(?=\s+(?:the|a|an)\s)|"
                            r"(?<=review\s)(?:of|into)(?=\s+(?:the|a|an)\s))"
                            r"\s+(?P<what>(?:(?!\s[-–—]\s)[^?.!;,:])+)", re.I)
# a review of the conversation's spoken of by what it was about, in a few plain words ("the
# teenage boy one"; not "the other one", "the second one", "the most recent one")
_THE_DESCRIBED_ONE = re.compile(
    r"\bthe\s+(?P<what>(?:(?!(?:other|first|second|third|fourth|last|same|next|previous|"
    r"recent|latest|newest|oldest|earliest|most|older|newer|right|only|main|one)\b)"
    r"[a-z][\w'’-]*\s+){1,3})one\b")
# "the two" or "the three" of reviews, not of people ("which of the two kids ...")
_FEW = {"two": 2, "2": 2, "both": 2, "three": 3, "3": 3}
_THE_FEW = re.compile(r"\b(?:(?:which|one|each|either|neither|any|all)\s+of\s+)?the\s+(?P<n>two|three|2|3)\b"
                      r"(?!\s+(?:kids|children|child|girls|boys|siblings|babies|sisters|brothers|twins|"
                      r"parents|adults|men|women|carers|mothers|fathers|families|years|months|weeks|days)\b)|"
                      r"\b(?P<n2>both)\s+(?:of\s+them|reviews|cases|incidents)\b", re.I)
# a theme section of a document asked for ("the neglect section of the newsletter", "under
# the Adolescence heading"), the words before its name said (see Retriever._section_asked)
_SECTION_ASKED = re.compile(r"\b(?P<heading>[\w'’&/;, -]{3,80}?)['’\"”]?\s+(?:section|heading|part)s?\b"
                            r"(?!\s+(?:of|in)\s+(?:the\s+)?(?:report|review|law|act)\b)|"
                            r"\bunder\s+(?:the\s+)?['‘\"“]?(?P<under>[\w'’&/;, -]{3,80}?)['’\"”]?\s+"
                            r"(?:heading|section|title)\b", re.I)


@dataclass(frozen=True)
class Section:
    """A theme section of a document (see Retriever._section_asked): its themes and reviews."""

    document_id: int
    themes: tuple[str, ...]
    reviews: tuple[str, ...]


# a count asking which the reviews counted are, or what each is about
# the headings a document is laid out under ("how is the newsletter laid out - what topic
# headings does it use?", "what sections does the south glos newsletter have?")
_HEADINGS_ASKED = re.compile(r"\b(?:what|which)\s+(?:\w+\s+){0,2}?(?:headings|sections|categories)\s+"
                             r"(?:does|do|did|is|are|has|have)\b|"
                             r"\b(?:list|give\s+me|tell\s+me)\s+(?:the|its|all\s+the)\s+(?:\w+\s+)?"
                             r"(?:headings|sections)\b|"
                             r"\bhow\s+is\s+(?:\w+\s+){0,6}?(?:laid\s+out|organi[sz]ed|structured|"
                             r"arranged|set\s+out)\b", re.I)
# children a follow-up counts ("how old were the three siblings?")
_NUMBERS = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
            "2": "two", "3": "three", "4": "four", "5": "five", "6": "six"}
_COUNTED_CHILDREN = re.compile(r"\bthe\s+(?P<number>two|three|four|five|six|[2-6])\s+"
                               r"(?P<who>siblings|brothers|sisters|children|kids|boys|girls|babies|"
                               r"teenagers)\b", re.I)
# what tells a review's recommendations (or what stands in their place: the Sameer brief's
# "What needs to happen?", Fenestra's "considerations")
_RECOMMENDATIONS_GIVEN = re.compile(r"\brecommend|\bwhat\s+needs\s+to\s+happen\b|\bconsiderations\b", re.I)
# which of a document's headings covers something ("which one covers parents who are
# offenders?"), and how close in meaning one must be to it, and ahead of the next, to be it
_HEADING_FOR = re.compile(r"\bwhich\s+(?:one|heading|section|part|theme)\s+(?:of\s+[^?.!]*?\s+)?"
                          r"(?:covers?|is\s+about|deals?\s+with|looks?\s+at|is\s+on|talks?\s+about|"
                          r"would\s+(?:cover|have|include))\s+(?P<what>[^?.!]+)", re.I)
HEADING_MIN_COSINE = 0.4
HEADING_MARGIN = 0.1
_ASKS_WHICH_TOO = re.compile(r"\bwhat\s+(?:were|are|was|is)\s+(?:they|those|these|each(?:\s+one)?|"
                             r"each\s+of\s+them)\b(?:\s+(?:each|all))?\s+about\b|"
                             r"\b(?:list|name|describe|summari[sz]e)\s+(?:them|those|these|each(?:\s+one)?)\b|"
                             r"\b(?:which|what)\s+(?:ones|were\s+they|are\s+they)\b", re.I)
# a question asking when a document was dated or updated ("When was the NSPCC ... page last
# updated?"), and the line of a document's opening that says so ("Last updated: 04 Sep 2018")
_ASKS_WHEN_DATED = re.compile(r"\bwhen\s+(?:was|were|is|did)\b[^?]{0,80}?\b(?:updated|published|dated|"
                              r"written|issued|released|compiled|put\s+together|come\s+out|came\s+out)\b|"
                              r"\b(?:last\s+updated|publication\s+date|date\s+of\s+publication)\b|"
                              r"\bhow\s+(?:old|recent|up[\s-]to[\s-]date)\s+is\b", re.I)
_DATED_LINE = re.compile(r"(?im)^[ \t*_#]*(?:last\s+updated|updated|published|date)\s*:\s*[^\n]{4,40}$")
_DATED_LINE_WITHIN = 2000
# "it" or "that" as a thing, not a review ("how was it used in Sama's case?")
_BARE_IT = re.compile(r"\b(?:it|that)\b(?!\s+(?:review|report|case|one|brief|scr)\b)", re.I)
# the end of a question's opening clause ("I'm a health visitor - ", "ok switching, ")
_OPENING_CLAUSE = re.compile(r"^[^?:;,–—-]{1,60}?(?:\s[–—-]\s|[,:;]\s)")
_THE_OTHER_ONE = re.compile(r"\bthe\s+other\s+(?:one|review|case|report)\b(?!\s+(?:of|from|in)\b)", re.I)
_AND_IT = re.compile(r"^\W*(?:and|so|but)\s+it\s*[,:-]?\s*", re.I)  # ("and it, what did it ...")
# one review of the last answer's pointed at ("that one", "this case"), not several, and the
# words that point
_POINTED_AT = ("one", "case", "review", "report")
_ONE_POINTED_AT = re.compile(rf"\b(?:that|this)\s+(?:{'|'.join(_POINTED_AT)})\b", re.I)
_POINTER_WORDS = frozenset(("that", "this", *_POINTED_AT))
_ONLY_ABOUT_IT = re.compile(r"\W*(?:(?:and|so|ok|okay)\s+)?(?:what|how)\s+about\s+it\W*|"
                            r"\W*(?:(?:and|so|ok|okay)\s+)?(?:tell\s+me\s+)?(?:more\s+)?about\s+it\W*|"
                            r"\W*(?:(?:and|so|ok|okay|what\s+about)\s+)?it\W*",
                            re.I)
_POINTER_ALONE = re.compile(r"^\W*it\s*[-–—,:]\s*", re.I)


# the theme of a child's death, which a question asking for the reviews of one searches alone
_DEATH_THEMES = frozenset({"child death"})
# a party to a case whose doing a follow-up asks of ("the nursery's worries")
_PARTY_OF_THE_CASE = re.compile(r"\bthe\s+([a-z]{4,})['’]s?\s", re.I)
# what changed after a review, asked of it alone ("what's been done since?", "has it got any
# better since then?"), in a few words
_SINCE_ASKED = re.compile(r"\bsince(?:\s+(?:then|that|the\s+review))?\s*\W*$", re.I)
_SINCE_MAX_WORDS = 8
# someone or something definite that a follow-up speaks of (see _still_of_the_review)
_DEFINITE = re.compile(r"\b(?:the|his|her|their|its|he|she|they|it|mum|mom|dad|mother|father)\b", re.I)
# one review pointed at by its place ("the Nottingham one", "the Luton review"), and what
# stands before the question it asks of it ("for it, what did it say ...")
_ONE_WORD = r"(?:one|review|case|scr|report)\b(?!\s+(?:of|from|in)\b)"
_THE_PLACE_ONE = re.compile(r"\bthe\s+(?P<place>(?-i:[A-Z][\w'’-]*)"
                            rf"(?:\s+(?:and|of|upon|on|(?-i:[A-Z][\w'’-]*)))*)\s+{_ONE_WORD}", re.I)
_FOR_IT = re.compile(r"^\W*(?:and\s+)?(?:for|in|with|about|on)\s+it\s*[,:-]?\s*", re.I)


def _the_place_one(message: str, shown: Sequence[str]) -> str | None:
    """``message`` asked of the one review of ``shown`` (headings the last answers quoted)
    from the place it names as "the <place> one", or None where it names none or several."""
    places = {heading_place(heading).casefold() for heading in shown} - {""}
    one = _THE_PLACE_ONE.search(message)
    if one is None or one["place"].casefold() not in places:
        # (typed in lower case: "and in the croydon one, how did they find out something was
        # wrong?" was asked of the newsletter again, which holds no Croydon review)
        one = next((m for place in sorted(places, key=len, reverse=True) if (m := re.search(
            rf"\bthe\s+(?P<place>{re.escape(place)})\s+{_ONE_WORD}", message, re.I))), None)
    if one is None:
        return None
    place = one["place"].casefold()
    of_place = [heading for heading in shown if heading_place(heading).casefold() == place]
    if len(of_place) != 1:
        return None
    rest = _asked_of_it(message, one, _AND_IT, _FOR_IT)
    if _ONLY_ABOUT_IT.fullmatch(rest) or not set(words(rest)) - {"it"}:
        return None  # ("what about the Croydon one?" asks the last question of it)
    return f"{headings_said(of_place)}: {rest}"


def _asked_of_it(message: str, one: re.Match[str], *lead: re.Pattern[str]) -> str:
    """What ``message`` asks of the review ``one`` points at, the pointer said as "it" and a
    bare "it" before the question gone ("the one with ... - what did it recommend?"), after
    ``lead`` ("and it, what did it ...")."""
    rest = re.sub(r"\s+(?=[?.!,])", "", " ".join(f"{message[:one.start()]} it {message[one.end():]}".split()))
    for pattern in lead:
        rest = pattern.sub("", rest)
    return _POINTER_ALONE.sub("", rest)
REVIEW_DESCRIBED_MARGIN = 0.1
# the share of a question telling one case that the passage of the review whose case it is
# holds, and by how much more than any other review's (see Retriever._case_told)
CASE_WORDS_HELD = 0.35
CASE_WORDS_MARGIN = 0.15
# one child or family member, or a child's age, that a question telling a case speaks of
# (not "families", "foster carers")
_ONE_PERSON = re.compile(r"\b(?:baby|toddler|infant|newborn|boy|girl|lad|kid|child|teen|teenager|son|"
                         r"daughter|mum|mom|mother|dad|father|step-?dad|step-?mum|step-?father|step-?mother|"
                         r"aunt|uncle|"
                         r"gran|grandma|grandmother|grandad|grandfather|nan|brother|sister|"
                         r"\d{1,2}[\s-]*(?:yrs?|years?|months?|weeks?)[\s-]*old)\b", re.I)
# the words a question asking who wrote a scope's reviews says them in ("who wrote the
# reviews about neglect published in 2017")
_SCOPE_WORDS = frozenset("reviews review cases published from about on in of tagged".split())
# a request for examples of a kind of case, which any such case answers
_ASKS_EXAMPLES = re.compile(r"\b(?:examples?|case\s+stud(?:y|ies)|training|teach\w*|session|workshop)\b",
                            re.I)
# the content words a last question needs to describe one case ("girl who had to look after
# her mum ..."), not name a theme ("any reviews about co-sleeping?")
DESCRIPTION_MIN_WORDS = 6
# or by its closest sentence, where that says what the message says in other words (cosine)
# and leads the next review's closest: not "the baby who died on the sofa with his mum"
# (Swindon's Child D 0.72, Child S 0.69), nor "the girl in foster care" after Croydon's three
# reviews (Child W "placed in foster care" with her siblings 0.67, Claire's 0.57)
DESCRIBED_SENTENCE = 0.7
DESCRIBED_SENTENCE_MARGIN = 0.075
# or, where none is closest by those margins, the share of its words (by weight) one review's
# passage holds, and its lead over the next review's
DESCRIBED_WORDS_HELD = 0.75
DESCRIBED_WORDS_MARGIN = 0.25
# (or half of them, where it is also the closest in meaning: not "the one with the femur
# fracture" of Child V, closest of the last answer's two, whose entry says "fractures" alone)
DESCRIBED_WORDS_HELD_CLOSEST = 0.5
# what a follow-up turning the last question to another place says beside it ("and the Hull
# one?", "what about in Leeds?")
_PLACE_TURN_WORDS = frozenset("and but so ok okay what how about the in from for one ones review "
                              "reviews case cases then instead too".split())
NAMING_DEPTH = 5  # a theme's review's closest passages looked through for one naming it
# one review spoken of ("the Swindon co-sleeping review", "the Sunderland case where ..."),
# and more ("the Swindon reviews", "cases")
def _by_author(author: str) -> re.Pattern[str]:
    """The words naming a review by ``author``: "(written) by <author>", "<author>'s", "the
    <author> SCR"."""
    return re.compile(rf"\b(?:(?:written|authored|led)\s+)?by\s+{re.escape(author)}\b|"
                      rf"\b{re.escape(author)}['’]s\b|"
                      rf"\b{re.escape(author)}(?=\s+(?:serious\s+case\s+)?(?:reviews?|scrs?|reports?|briefs?)\b)",
                      re.I)


# Words for a review, which ask nothing of it ("the SCR written by ...")
_REVIEW_NOUNS = re.compile(r"\b(?:serious\s+case\s+|learning\s+|practice\s+)?(?:reviews?|scrs?|reports?|"
                           r"briefs?|wrote|write|written)\b", re.I)
# A name typed in capitals ("FASH", "DART"), as a programme or service is named
_NAME_IN_CAPITALS = re.compile(r"\b[A-Z]{3,}\b")
# An entry of a document said by its number: "digest item 4", "entry no. 3", "number 2"
_ENTRY_NUMBER = re.compile(r"\b(?:item|entry|number|no\.?)\s*#?\s*(\d{1,3})\b(?!\s*(?:%|per\s*cent|years?|"
                           r"months?|weeks?|days?))", re.I)
_ONE_REVIEW = re.compile(r"\bthe\s+(?:[\w'’-]+\s+){0,4}?(?:review|case|scr|report)\b(?!['’]?s\b)",
                         re.I)
# a question asking for one review: "is there a review where ...?", "which one is about ...?",
# "which Birmingham review was about a baby ...?" (a place, year or kind between; not "which
# agencies in the case")
_ASKS_FOR_ONE = re.compile(r"\b(?:(?:is|was)\s+there\s+(?:a|one)\s+(?:review|case|scr|report)\b|"
                           # ("any review that talks about violence between siblings being
                           # tolerated?", then "what else came out of that one")
                           r"(?:any|a|one)\s+(?:review|case|scr|report)\s+(?:that|where|which|about|"
                           r"on|with|in\s+which|mentioning|involving|talking|saying)\b|"
                           r"which\s+(?:(?!(?:of|in|on|at|for|with|the|a|an|this|that|these|those"
                           r"|was|were|is|are|did|do|does|had|has)\b)[\w'’-]+\s+){0,2}?"
                           r"(?:one|review|case|scr|report)\b"
                           r"(?!['’]?s\b|\s+(?:reviews|studies)\b))", re.I)
_MANY_REVIEWS = re.compile(r"\b(?:reviews|cases|scrs|reports|ones)\b", re.I)
_POINTS_BACK = re.compile(r"\b(?:that|this|those|these|same|other)\b", re.I)
# a case told, then asked of as "that review" ("A 16 year old with epilepsy died in a young
# offenders institution - what did that review find?" quoted four teenagers' deaths)
_TOLD_THEN_THAT = re.compile(r"^(?P<what>[^?]+?)\s*(?:[-–—:;,.]\s*|\?\s*)(?:so\s+|and\s+)?"
                             r"(?=(?:what|how|why|who|which|when|did|does|was|were|is|are|can|could)\b"
                             r"[^?]*\b(?:that|this)\s+(?:review|report|scr)\b)", re.I)


def _turned_to_place(message: str, last: str, to: QueryPlan, of: QueryPlan) -> str | None:
    """The last question (``of``: what it names) asked of the place a follow-up (``to``)
    names and nothing more, in place of the place it named ("what did the camden one
    recommend", then "and the Hull one?", was asked of both places, and quoted Camden's
    alone); None for any other message."""
    if not to.place or not of.place or of.named_reviews:  # (a heading says its place)
        return None
    said = [m for area in of.areas if (m := re.search(rf"\b{re.escape(area)}\b", last, re.I))]
    place = next((m for area in to.areas
                  if (m := re.search(rf"\b{re.escape(area)}\b", message, re.I))), None)
    if len(said) != 1 or place is None or set(words(
            message[:place.start()] + " " + message[place.end():])) - _PLACE_TURN_WORDS:
        return None
    return f"{last[:said[0].start()]}{place[0]}{last[said[0].end():]}"


def _told_only(said: str, question: str, story: Sequence[str]) -> bool:
    """Whether ``said``, as the question says it, is said in the story it tells
    (:func:`~reviewqa.retriever.query.story_told`) and not after it, where the question is
    asked."""
    told = [sentence for sentence in story if said in sentence and sentence in question]
    if not told:  # (searched as its question alone, the question says it)
        return False
    return said not in question[question.rfind(told[-1]) + len(told[-1]):]


def _ids(hit: Hit) -> tuple[int, ...]:
    """The chunk ids a hit shows: its parts where a digest entry is shown whole."""
    return hit.parts or (hit.chunk.id,)


def _beside_lay_phrases(question: str, unseen: list[str]) -> list[str]:
    """Of the words no passage uses, those outside the everyday phrases searched in the
    reviews' terms, for which the note of those terms speaks ("won" of "parents won't
    engage"): of these, the words naming a thing are said ("child is severely obese and
    parents won't engage with the dietitian - have any reviews treated obesity as neglect?"
    was told nothing of "obesity")."""
    lay = lay_words(question)
    return [w for w in unseen if w not in lay]


def _either_theme(question: str) -> bool:
    """Whether a question names its themes, other than by whom it is about, as
    alternatives: "or" and at most three words between each theme's terms and the next's,
    and no "and" ("neglect or domestic abuse", "disabled children or children with serious
    medical conditions"; not "co-sleeping and alcohol", nor "babies or toddlers with
    fractures", whose babies say whom)."""
    spans = [(start, end, theme) for start, end, theme in theme_spans(question)
             if not _WHOM.fullmatch(question[start:end])]
    gaps = [question[end:start] for (_, end, first), (start, _, second) in pairwise(spans)
            if first != second]
    return bool(gaps) and all(_OR_BETWEEN.fullmatch(gap) for gap in gaps)


_OR_BETWEEN = re.compile(r"[\s,]*or\s+(?:(?!and\b)[\w'’-]+\s+){0,3}", re.I)


def _themes_beyond_whom(text: str) -> list[str]:
    """The themes ``text`` names other than by whom it is about (see _WHOM)."""
    return themes_in_query(_WHOM.sub(" ", text))


def _as_written(question: str, unseen: Sequence[str]) -> list[str]:
    """The words no passage uses as the question writes them: a part of a hyphenated word
    as that word ("bed" of "bed-sharing": no passage says either), and a word before the
    content word it qualifies with that word ("private fostering", where "private" alone
    read as if the question were about privacy)."""
    lowered = question.lower()
    whole = {part: word for word in re.findall(r"\w+(?:-\w+)+", lowered)
             for part in word.split("-")}
    for w in unseen:
        if w not in whole and (m := re.search(rf"\b{re.escape(w)}\s+([a-z]+)\b", lowered)) and (
                m[1] not in STOPWORDS and m[1] not in FRAMING and m[1] not in unseen):
            whole[w] = m[0]
    return list(dict.fromkeys(whole.get(w, w) for w in unseen))


# A noun by its ending: a thing, a state or a practice ("vaccinations", "obesity",
# "surrogacy", "dietitian"), or an illness ("anorexia", "diabetes", "meningitis",
# "tuberculosis": "children with type 1 diabetes whose parents weren't managing their
# insulin" was answered from disabled children's reviews with no word that none mentions it)
_THING = re.compile(r"(?:tions?|sions?|ity|ities|isms?|ness|ments?|acy|ancy|ency|ics|ogy|ists?|"
                    r"ians?|ia|itis|osis|etes)$")


# What says only where a case is, when and in what kind of review ("the Leeds 2018 'Baby
# Oliver' serious case review"), or asks what came of it ("what changed afterwards?")
_CASE_FRAMING = frozenset("""review reviews case cases report serious practice safeguarding learning
brief happened changed change afterwards since outcome outcomes""".split())


def _asks_only_of_unknown_cases(question: str, plan: QueryPlan) -> bool:
    """Whether a question names a case no review is of and asks nothing else of it than its
    story or lessons ("what did the Child Q review find?", "tell me about Baby P"), naming no
    review held; not where it asks about something too ("what did the Baby Oliver review
    recommend about bruising?", which other reviews' passages answer)."""
    if not plan.unknown_cases or plan.named_reviews:
        return False
    rest, place = question, [plan.place] if plan.place else []
    for name in (*plan.unknown_cases, *plan.areas, *plan.places_absent, *place):
        rest = without_name(rest, name)
    rest = LESSONS.sub(" ", YEAR_SAID.sub(" ", rest))
    return not set(words(rest)) - STOPWORDS - FRAMING - _CASE_FRAMING


def _things(unseen: Sequence[str]) -> list[str]:
    """Of the words no passage uses, those that name a thing by their ending (:data:`_THING`):
    one such word says what a question asks about, however many of its other words passages
    hold ("parents refusing all vaccinations - treated as medical neglect?" quoted five
    reviews' neglect, with no word that none mentions vaccination); not an everyday word
    ("nobody bats an eyelid")."""
    return [w for w in unseen if len(w) >= 6 and _THING.search(w)]


# What befell the children most reviews are about: beside another word, it does not say what
# a question is about.
_HARMS = frozenset("die died dies dying death deaths dead harm harmed hurt injured".split())


def _names_unseen(question: str, unseen: Collection[str]) -> bool:
    """Whether a word no passage uses is a name the question gives, capitalised past its
    opening ("what room temperature does the Lullaby Trust recommend for a baby's room" was
    answered by four passages on babies and no word that none says "Lullaby": two of its five
    topic words unheld were too few for the note, but what it asks of is what they name)."""
    capitalised = {m[0].lower() for m in re.finditer(r"(?<![.?!:]\s)(?<!^)(?<![.?!:])\b[A-Z][a-z]+\b",
                                                   question.strip())}
    return not capitalised.isdisjoint(unseen)


# "section 20", "s47", "s.17"; not a case's name ("Child S1")
_SECTION = re.compile(r"(?<!\bchild\s)(?<!\bbaby\s)\b(?:section\s+|s\.?)(\d{1,3}[A-Z]?)\b",
                      re.IGNORECASE)


def _sections(question: str) -> list[str]:
    """The sections of an Act a question names by number, as "section N" ("s47", "s.20",
    "section 17"), each once."""
    return list(dict.fromkeys(f"section {n.upper()}" for n in _SECTION.findall(question)))


def _without_terms(question: str, terms: Sequence[str], instead: str = "") -> str:
    """``question`` less each of ``terms`` where it says them word for word, a hyphen or a
    space between two words alike ("bed sharing" of "bed-sharing"); with ``instead`` in
    their place."""
    for term in terms:
        question = without_name(question, term, joined_alike=True, instead=instead)
    return question


def _date_said(date: str) -> str:
    """A manifest's date as people write it: "2018-09-04" is 4 September 2018, "2024-01"
    January 2024, "2017" 2017; one of no such form as it is."""
    if not (m := re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date.strip())):
        return date
    year, month, day = m.groups()
    if month is None or not 1 <= int(month) <= 12:
        return year
    return " ".join(p for p in (str(int(day)) if day else "", calendar.month_name[int(month)], year) if p)


def _spaced(term: str) -> str:
    """A pattern for ``term``'s words in order, spaces or hyphens between them."""
    return r"[\s-]+".join(re.escape(word) for word in term.split())


def _as_typed(question: str, term: str) -> str:
    """``term`` as the question writes it, where it does word for word ("FGM" for "fgm"),
    hyphens for spaces too ("hard-to-engage")."""
    found = re.search(rf"\b{_spaced(term)}\b", question, re.IGNORECASE)
    return found.group(0) if found else term


def _noun(plan: QueryPlan) -> str:
    """What the question calls the reviews it confines to: its review type, else "review"."""
    return plan.review_type if plan.review_types and plan.review_type else "review"


# What follows a place in a publisher's name: "Torbay Safeguarding Children Partnership",
# "Bradford Safeguarding Children Board", "Leeds LSCB"; and a council's word after its place.
_PUBLISHER_BODY = re.compile(r"\s*(?:\b(?:Local\s+)?Safeguarding\s+Children(?:'s)?\s+"
                             r"(?:Board|Partnership)s?|\bL?SCB|\bSCP)\s*$", re.I)
_COUNCIL_WORD = re.compile(r"\s+(?:Borough|City|County|Council)$", re.I)


# an agency a question leaves out, as a note names it
_AGENCY_SHOWN = {"police": "the police", "gp": "GPs", "gps": "GPs", "camhs": "CAMHS",
                 "a&e": "A&E", "lado": "the LADO", "lados": "the LADO", "dsl": "DSLs", "dsls": "DSLs"}


def _where(plan: QueryPlan) -> list[str]:
    """The question's source, place and years as words: ["in Torbay Safeguarding Children
    Partnership's “NSPCC Repository - January 2024”", "from Bradford", "published in 2017"]."""
    where = [f"in {plan.source}"] if plan.source else []
    if plan.place:
        where.append(f"from {plan.place}")
    if plan.place_left_out:
        where.append(f"not from {plan.place_left_out}")
    if len(plan.titles_left_out) > 2:  # ("other examples than" an answer's six reviews)
        where.append(f"other than the {len(plan.reviews_left_out)} reviews named")
    elif plan.titles_left_out:
        where.append("other than " + " and ".join(f"the {t} review" for t in plan.titles_left_out))
    if plan.themes_left_out:
        where.append("neither tagged with nor naming " + " or ".join(plan.themes_left_out))
    if plan.agencies_left_out:  # (what a passage does not say, the review may have done)
        where.append("whose passages do not name " + " or ".join(
            _AGENCY_SHOWN.get(a, a) for a in plan.agencies_left_out))
    if plan.year_from and plan.year_from == plan.year_to:
        where.append(f"published in {plan.year_from}")
    elif plan.year_from and plan.year_to:
        where.append(f"published {plan.year_from}–{plan.year_to}")
    elif plan.year_from:
        where.append(f"published from {plan.year_from}")
    elif plan.year_to:
        where.append(f"published up to {plan.year_to}")
    if plan.anonymous:  # ("the 5 reviews published in 2018 that name no area")
        where.append("that name no area")
    # the children's age and sex last, after a clause of its own with "and": "published in 2017
    # whose entry gives a child's age of under 1 year", "neither tagged with nor naming neglect
    # and whose summary ..."
    children = []
    if plan.child_age:
        children.append(f"whose entry gives a child's age of {plan.child_age.said}"
                        + ("" if _lists(plan) else " or none"))
    if plan.child_sex:
        children.append(f"whose summary names a {plan.child_sex.sex}" if _lists(plan)
                        else f"whose summary does not name {plan.child_sex.other}s alone")
    happened = plan.happened
    if plan.survived or plan.died:
        children.append(f"whose summary {'does not open' if plan.survived else 'opens'} on a death"
                        + (f" in {happened.said}" if happened and plan.died else ""))
    if happened and not plan.died:
        children.append(f"whose summary's first sentence gives {happened.said}")
    for said in children:
        clause = where and where[-1].startswith(("whose", "neither", "other than", "that"))
        where.append(f"and {said}" if clause else said)
    return where


# A review type said as where to look: "in serious case reviews", "what do SCRs say about",
# "learning briefs on escalation" (not "the purpose of serious case reviews")
_TYPE_AS_SCOPE = re.compile(
    r"\b(?:in|from|among|across|by)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:reviews?|scrs?|briefs?|csprs?|"
    r"lcsprs?)\b|\b(?:reviews?|scrs?|briefs?|csprs?|lcsprs?)\s+(?:[\w-]+\s+)?(?:about|on|say|said|says|"
    r"find|found|recommend\w*|learn\w*|involving|where|that|which|with|into)\b", re.I)


def _lists(plan: QueryPlan) -> bool:
    """Whether the question asks which reviews, or how many, rather than what they say."""
    return plan.lists_reviews or plan.counts_reviews


def _joined_locator(first: str, last: str) -> str:
    """The locator of a passage from ``first``'s chunk to ``last``'s: "A › Summary–Findings"
    and "A › Recommendations" give "A › Summary–Recommendations"."""
    if first == last:
        return first
    head, sep, opening = first.rpartition(" › ")
    head_last, sep_last, closing = last.rpartition(" › ")
    if head != head_last or not (sep and sep_last):
        return first
    start, end = opening.split("–")[0], closing.split("–")[-1]
    return f"{head} › {start}–{end}" if start != end else f"{head} › {start}"


def fuse(dense: list[tuple[int, float]], lexical: list[int], dense_weight: float,
         lexical_weight: float, rrf_k: int, ranked: bool = True) -> list[tuple[int, float]]:
    """Reciprocal rank fusion of the two ranked lists: (chunk id, fused score), best first.
    With ``ranked`` False, the first list's scores are kept (times ``dense_weight``), not its
    ranks': a list fused already, fused with a third."""
    scores: dict[int, float] = defaultdict(float)
    for rank, (cid, score) in enumerate(dense, 1):
        scores[cid] += dense_weight * (1 / (rrf_k + rank) if ranked else score)
    for rank, cid in enumerate(lexical, 1):
        scores[cid] += lexical_weight / (rrf_k + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def _shared_title_notes(named: Sequence[ReviewRow]) -> list[str]:
    """For reviews the question names that share a title ("what went wrong in the Child G
    review?": three reviews are titled Child G), a line saying which they are, and how to ask
    about one."""
    return [f"{len(group)} reviews in the index are titled {title} ("
            + "; ".join(" ".join(str(x) for x in (r.area, r.year) if x) or r.id
                        for r in sorted(group, key=lambda r: (r.area or "", r.year or 0)))
            + "); name a place or year to ask about one."
            for title, group in by_title(named).items() if len(group) > 1]


def diversify(hits: list[Hit], per_review: int | None, k: int,
              uncapped: Collection[str] = ()) -> list[Hit]:
    """The first ``k`` hits, taking at most ``per_review`` from any one review except the
    ``uncapped`` ones (the reviews a question names keep all their passages; where it names
    several, they share the ``k``: "what do Baby Sama and Sameer have in common?" found
    eight passages of Baby Sama's long report and none of Sameer's brief)."""
    share = -(-k // len(uncapped)) if len(uncapped) > 1 else None
    taken: dict[str, int] = defaultdict(int)
    out: list[Hit] = []
    for hit in hits:
        cap = share if hit.review.id in uncapped else per_review
        if cap is not None and taken[hit.review.id] >= cap:
            continue
        taken[hit.review.id] += 1
        out.append(hit)
        if len(out) == k:
            break
    return out


def group_by_review(hits: list[Hit]) -> list[dict[str, Any]]:
    """Hits grouped by review as JSON, groups in the order of their best hit:
    ``[{"review": {id, title, area, year, type}, "hits": [...]}]``."""
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.review.id, []).append(hit)
    return [{"review": group[0].to_json()["review"], "hits": [h.to_json() for h in group]}
            for group in groups.values()]


def _load_reranker(path: str | Path | None) -> Any:
    """A local cross-encoder folder, or None. Never a hub name: nothing downloads."""
    if not path:
        return None
    folder = Path(path)
    if not folder.is_dir():
        raise QueryError(f"re-ranker folder {folder} not found ({RERANKER_ENV})")
    from sentence_transformers import CrossEncoder

    return CrossEncoder(str(folder), local_files_only=True)


def _own_role(section: str) -> str | None:
    """The role (:func:`field_role`) a section's own heading gives it, not a chapter above it
    ("2. The findings › Learning Point 1: ..." is learning; "2. The findings › Post birth
    period" is none)."""
    return field_role(section.rsplit(" › ", 1)[-1])
