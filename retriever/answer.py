"""Extractive, cited answers: the retrieved passages' most relevant sentences, grouped by review.

Nothing is written that the reviews do not say: every sentence of the answer is a
sentence of a retrieved passage, followed by the number of the passage it comes from.
When the best passage is not similar enough to the question, the answer says so plainly
instead of quoting weak matches. The :class:`Answerer` works over hits: it neither
searches nor checks the question, which :meth:`Retriever.answer` has done.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from reviewqa.corpus.digests import child_age_span
from reviewqa.corpus.taxonomy import (
    acronyms_typed,
    get_theme,
    kinds_asked,
    lay_expansion,
    mentions,
    mentions_any,
    names_any_theme,
    term_key,
    theme_phrases,
    theme_terms_named,
    themes_named_as_asked,
    themes_named_in,
    words_kinds_share,
)
from reviewqa.corpus.text import IRREGULAR_PLURALS, sentences, words
from reviewqa.settings import AnswerConfig

from .children import tells_a_death
from .junk import count_words, is_junk_sentence, looks_like_title
from .lexical import CONTRACTED, FRAMING, SHARED_STEMS, STOPWORDS
from .query import (
    AND_ASKS,
    QueryPlan,
    appendix_asked,
    has_topic,
    in_appendix,
    terms_as_written,
    without_asks,
    without_praise,
)
from .themes import review_themes
from .types import Answer, Citation, Hit, Quote, ReviewGroup, group_text

if TYPE_CHECKING:
    from .llm import LLMConfig

NO_ANSWER = ("No relevant passages found in the indexed reviews for this question. "
             "Try other words, or remove filters.")
# ... where a document's resource (research, a guide, a training offer) is what it matches
RESOURCES_ONLY = ("No passage of the indexed reviews answers this question; the resources listed "
                  "with it are those the documents link to that match it.")
# ... where what it asks about is in no passage, in any of its terms: not the wording's fault
# ("are there any case reviews about FGM or honour-based abuse?" was told to try other words)
NOT_DISCUSSED = ("The indexed reviews do not discuss what this question asks about (see the note "
                 "above), so no passage is quoted.")

HELP = ("reviewqa finds what published child-safeguarding case reviews say, and quotes them; "
        "it gives no advice of its own. Ask what the case reviews say, in your own words: for "
        "example \u201cwhat went wrong with escalation?\u201d, \u201clessons on co-sleeping and "
        "alcohol\u201d, \u201cwhat did the Child K review find?\u201d or \u201cneglect cases in "
        "Rochdale\u201d. Each answer quotes the reviews, grouped by review, with a link to each "
        "passage. Find examples lists the reviews on a theme; the Reviews tab lists every review.")

REVIEWS_TAB = "The Reviews tab lists every review with its area and year."

CANNOT = ("reviewqa quotes and counts the case reviews; it does not make spreadsheets or "
          "charts, send email, rank councils or agencies, or predict which families will come "
          "to harm. The Reviews tab lists every review with its area, year, type and themes; "
          "Find examples lists the reviews on a theme and downloads them as a table (CSV) or "
          "a handout (Markdown, Word); the Themes tab charts the themes by year.")

THANKS = ("Glad it helped. Ask another question whenever you like, in your own words; Find "
          "examples lists the reviews on a theme.")

GOES_ON = "Answered as a question on its own, not read with the last one."
LESS_CLOSE = "Less close to the question:"  # heads the reviews an answer shows apart


def read_with_last(asked: str) -> str:
    """The note said first where a follow-up was read with the question before it."""
    return f"Read with your last question, as \u201c{asked}\u201d."


# "summarise that" in the web chat was told to ask the whole question again, since "only a
# conversation (the web chat ...) reads a follow-up": it was in one. Extractive answers
# write nothing of their own to summarise with.
REWORK_ASKED = ("reviewqa quotes the reviews and writes nothing of its own, so it cannot "
                "summarise, expand or reword an answer. Each quote links to its whole passage; "
                "to narrow the answer, go on from it (\u201cand the recommendations?\u201d, "
                "\u201conly the 2017 ones\u201d, \u201ctell me more about the second one\u201d).")
ANSWERED_ALONE = ("To go on from the last answer, ask the whole question again, for example "
                  "\u201cwhat did the Child K review recommend?\u201d or \u201cneglect reviews "
                  "from 2017\u201d. Only a conversation (the web chat, or the API given the "
                  "last question as \u201cprevious\u201d) reads a follow-up with the last question, "
                  "and only one that adds to it (\u201cand the recommendations?\u201d, \u201csame "
                  "but only 2017\u201d) or names one of its reviews (\u201cthe second one\u201d).")


def about_the_tool(llm_url: str | None = None) -> str:
    """What reviewqa is, and where what is typed goes: nowhere, unless whoever runs it has
    given it a language model server to write answers (``llm_url``)."""
    where = (f"Your question and the passages found are sent to the language model server "
             f"this copy is set up with ({llm_url}), which writes the answer from them; "
             "nothing else leaves this computer, and nothing is tracked." if llm_url else
             "It runs on this computer: what you type, the answers and the documents are not "
             "sent anywhere, and nothing is tracked. It is not ChatGPT or any online AI: each "
             "answer is sentences quoted from the reviews, found by a search model that runs "
             "here. Passages are ranked by how close they are in meaning to your question (a "
             "sentence-embedding model) together with the words they share with it (keyword "
             "search), and the answer quotes each review's closest sentences, best first.")
    return (f"reviewqa answers from published UK child-safeguarding case reviews, each quote "
            f"linked to its source. {where} No person checks the answers: before quoting a "
            "review (in a report, say), open its passage and cite the published review, not "
            "this tool. Do not type names or details of real people. The About tab says more.")


IN_ENGLISH = ("reviewqa reads the reviews' English text, and knows only some Welsh words, "
              "searched by their English terms: ask in English for the best answer (for "
              "example \u201cwhat do reviews say about neglect?\u201d).")

NO_PRAISE = ("None of the passages found records good practice on this: what is quoted is "
             "closest to the question, and may say what went wrong.")

# the words "didn't", "wasn't" ... leave beside their "t" (lexical.CONTRACTED): no topic
# words, though BM25 keeps them (a question saying "didn't" finds passages saying what was not
# done: left out of its query too, tune coverage@10 fell 0.895 -> 0.893)
_SUFFIX = re.compile(r"(ations?|ings?|ed|es|(?<!s)s|ly|ments?)$")
# A question asking for a list whole ("as bullet points", "read out the list", "all of its
# recommendations")
_WHOLE_LIST = re.compile(r"\b(?:(?:the|a|as\s+a|in\s+a)\s+(?:whole\s+|full\s+)?list|bullet(?:\s*points?|s)|"
                         r"all\s+(?:of\s+)?(?:the|its)\s+(?:\w+\s+)?(?:points|recommendations|lessons|"
                         r"learning|findings)|read\s+(?:them\s+|it\s+)?out|in\s+full)\b", re.I)
_THEMES_LISTED = re.compile(r"\blearning\s+themes?\b", re.I)
# a question of alternatives ("twins or premature babies"), either of which a review may say
_ALTERNATIVES = re.compile(r"\w\s+or\s+\w", re.I)
_DOUBLED = re.compile(r"([bdgmnprt])\1$")  # "stabb" of "stabbed" is "stab" ("kill" stays)
METHOD_BONUS = 0.1  # for a sentence on how the review was run, where the question asks that
AGE_BONUS = 0.3  # for a sentence stating the child's age, where the question asks it
LEARNING_BONUS = 0.03  # beside passage similarity (0.3-0.7) and word overlap (0-0.25)
LESSONS_BONUS = 0.08
RECOMMENDATION_BONUS = 0.04
GOOD_PRACTICE_BONUS = 0.08  # a question asking what went well: good practice over failings
FIGURE_BONUS = 0.08  # a sentence giving a figure, where the question asks for one
ROLE_FIRST = 0.3  # the role asked for, where the question has no topic words (see _bonuses)
NEAR_DUPLICATE = 0.6  # word-set Jaccard above which two sentences are one
CONTAINED = 0.8  # share of the shorter sentence's words in the longer above which it is held in it
# Words every kind of review uses, which in a theme's term only say which kind of safety,
# abuse, health or plan is meant: alone in a sentence they do not put it on the theme.
GENERAL_WORDS = frozenset("""safe safety unsafe child children young person people family
parent parental care health abuse harm risk social professional agency multi work working
safeguard safeguarding information service plan protection support concern illness area
areas attendance attendances home homes order orders""".split())
# Whom, and what, every review is about: with another topic word in the question, these alone
# do not put a sentence on its topic ("children who were not brought to appointments" quoted
# "ensure all children with plans have regular reviews", on topic by "children" alone; "how
# did the pandemic affect safeguarding?" quoted "common 'problems' in the safeguarding system";
# "agencies closing cases too soon", "agencies had been involved with their families"; "were
# there cases where the GP missed signs of abuse?" quoted "training on the impact of domestic
# abuse for school nurses").
SUBJECT_WORDS = frozenset("""child children young person people family families safeguard
safeguarding agency agencies service services abuse abused""".split())
# Of the question's own words, those for who practises and how well, which with another topic
# word say only which of it is meant, where the reviews' terms searched for it do not hold
# them ("good practice"): "overcrowded or poor housing" quoted "poor decision-making by the
# police", "trauma-informed practice" any sentence saying "practice".
QUALIFIER_WORDS = frozenset("""poor poorly good bad better worse best worst adequate
inadequate sufficient insufficient appropriate inappropriate effective ineffective proper
robust weak strong practice practices practitioner practitioners professional
professionals""".split())
# Words for those who do a job, which the word before them says which of ("housing officers",
# "young carers", "youth workers"): alone they do not put a sentence on that topic ("housing
# officers" quoted Child K's police "officers" and a reviewing officer; "young carers",
# reviews of foster carers), nor beside another topic word ("A&E staff", searched as
# "emergency department" too, quoted "training for staff about working with men").
ROLE_HEADS = frozenset("carer carers officer officers worker workers staff".split())
# Two words that say one thing only together, where either alone would meet another sense,
# each pair with the key a sentence holds it by, whichever of its forms it says ("children who
# were electively home educated" quoted Swindon's "living in the same home" and Jack's
# "educate children ... online"; "home schooled" missed "home educated")
PHRASES_WHOLE = {("lived", "experience"): "lived experience", ("lived", "experiences"): "lived experience",
                 **{("home", taught): "home education" for taught in (
                     "educated", "education", "educating", "schooled", "schooling")}}
# "bed-sharing": two parts, joined by a hyphen as typed or as a PDF prints it (U+2010, U+2011)
_HYPHENATED = re.compile(r"(?<![\w\-\u2010\u2011])([^\W_]+)[\-\u2010\u2011]([^\W_]+)(?![\w\-\u2010\u2011])")
FIELD_VALUE_WORDS = 12  # "Label: value" shorter than this, under an unknown label, is metadata
METHOD_LINE_WORDS = 3  # a method's line ("Model: Partnership Learning Review") is quoted from this
_METHOD_LABEL = re.compile(r"\s*(?:review\s+)?(?:model|method\w*)\s*$", re.I)

Candidate = tuple[Hit, Quote]


class Answerer:
    """Builds an :class:`Answer` from a question and the hits retrieved for it."""

    def __init__(self, config: AnswerConfig | None = None):
        self.config = config or AnswerConfig()

    def answer(self, question: str, hits: list[Hit], *, plan: QueryPlan | None = None,
               similarity: Mapping[tuple[int, int], float] | None = None,
               expanded: Sequence[str] = (), generator: LLMConfig | None = None,
               carriers: Collection[str] = (), term_users: Collection[str] = (),
               term_sentences: Collection[tuple[int, int]] = (),
               rarest: Collection[str] = (), case: str | None = None) -> Answer:
        """Sentences of the relevant hits grouped by review with [n] citations, or a plain
        'nothing found'. ``plan`` (retriever.query) says what the question asks beside its
        topic: lessons or recommendations (sentences of those fields are preferred), what
        happened (the case's account is), the reviews it names (where they have relevant
        passages, the answer is theirs alone, up to ``max_per_named_review`` sentences each)
        and its topic: sentences are scored against the question without the reviews and the
        place it names, which every passage found repeats. ``similarity`` holds sentences'
        cosine with the question (and its topic), by (chunk id, end offset), where the index
        has sentence vectors. ``expanded`` are the reviews' terms searched beside the
        question's lay words, and ``carriers`` the reviews carrying the themes it asks about,
        read where the first hits miss them (see :meth:`extractive`), and of them
        ``term_users`` those read for a term the question names in the reviews' words, and
        ``term_sentences`` the sentences saying a rare one, as (chunk id, start) (see
        :meth:`relevant` and :meth:`extractive`); ``rarest`` the question's words the fewest
        passages hold (see :meth:`extractive`); ``case``, the review whose case the question
        tells, where it has been found to (quoted as one that stands out is). With a
        ``generator``
        (see retriever.llm), an LLM writes the answer from the same passages and is checked,
        falling back to the extractive answer."""
        plan = plan or QueryPlan()
        relevant = self.relevant(hits, plan, expanded, similarity, term_users, term_sentences,
                                 question=question, carriers=carriers)
        if not relevant:
            return Answer(question=question, text=NO_ANSWER, kind="no_answer", hits=hits)
        if generator is not None:
            from .llm import generate_answer

            return generate_answer(generator, question, relevant,
                                   fallback=lambda: self.extractive(question, hits, plan,
                                                                    similarity, expanded,
                                                                    relevant=relevant,
                                                                    carriers=carriers,
                                                                    term_sentences=term_sentences,
                                                                    rarest=rarest, case=case))
        return self.extractive(question, hits, plan, similarity, expanded, relevant=relevant,
                               carriers=carriers, term_sentences=term_sentences, rarest=rarest,
                               case=case)

    def relevant(self, hits: list[Hit], plan: QueryPlan | None = None,
                 expanded: Sequence[str] = (),
                 similarity: Mapping[tuple[int, int], float] | None = None,
                 term_users: Collection[str] = (),
                 term_sentences: Collection[tuple[int, int]] = (), *,
                 question: str = "", carriers: Collection[str] = ()) -> list[Hit]:
        """The hits close enough to the question to answer from (:meth:`_read_whole`), and
        those not unrelated in meaning that name in the reviews' words one of the themes the
        question asks about, or one of the ``expanded`` terms searched for its lay words.
        (A dense score alone left "information sharing between agencies" two reviews, where
        digest entries that name information sharing among other topics score 0.2–0.25;
        "the impact of poverty", searched as "deprived area" too, missed Child BW's
        "working in a deprived area".) Of the ``term_users`` (the reviews read for a term the
        question names), a passage naming it is read however it scores by meaning:
        "hidden men" quoted Baby Sama's "networks ... multiple men" alone, where Waltham
        Forest's Child S, first of BM25's list, says "hidden men" in a list of its key issues
        that the model reads as unrelated. So is each passage of ``term_sentences``, which
        say a rare term the question names ("halo effect", which the model reads poorly), and
        one naming the theme among BM25's best that says a word of the ``question`` (see
        ``trusted`` below), or any such passage where the question asks which mention its
        words ("which reviews mention hotels?": Surrey's Child GG, 0.0 in meaning). A passage
        of one of the ``carriers`` (the reviews carrying a theme asked, read for it) names
        it in everyday words too: Bethany's "Both parents had learning difficulties", for
        "reviews where the parents had learning difficulties", searched as "learning
        disability" too."""
        plan = plan or QueryPlan()
        best = _best_sentences(similarity)
        term_passages = {chunk_id for chunk_id, _ in term_sentences}
        topic = plan.topic or question
        asked = topic_stems(without_asks(topic)) if topic else frozenset()

        def trusted(hit: Hit) -> bool:
            # among BM25's best and saying a word of the question, however the model reads
            # them ("was not brought": it scores Baby Bailey's "children are not brought to
            # medical appointments" 0.09, and the answer quoted "Child S had been brought to
            # live in the UK"); not a passage naming the theme in other words alone
            # ("drowning", of child death, is not answered by "allowing the death of a child")
            return (hit.lexical_rank is not None
                    and hit.lexical_rank <= self.config.lexical_rank_trusted
                    and not asked.isdisjoint(topic_words(hit.chunk.text)))

        how_reviewed = _ASKS_HOW_REVIEWED.search(question or topic) is not None
        appendix = appendix_asked(question or topic)
        return [h for h in hits if self._read_whole(h, plan, best, how_reviewed=how_reviewed,
                                                    appendix=appendix)
                or h.chunk.id in term_passages or (plan.asks_mention and trusted(h)) or (
            ((h.dense_score or 0.0) >= self.config.min_dense_score_lexical
             or h.review.id in term_users or trusted(h))
            and (_names_asked(h.chunk.text, plan, expanded) or (
                h.review.id in carriers and names_any_theme(h.chunk.text, plan.themes))))]

    def _read_whole(self, hit: Hit, plan: QueryPlan, best: Mapping[int, float] | None = None, *,
                    how_reviewed: bool = False, appendix: str | None = None) -> bool:
        """Relevant in every sentence: similar in meaning, or among BM25's best and not
        unrelated in meaning (a dense score alone refused "what recommendations were made
        for GPs?", whose passages score 0.20–0.25: the model reads "GPs" poorly, while BM25's
        stemmer finds them), or among BM25's best with one sentence (of ``best``: the best
        sentence's cosine by chunk id) as close as a relevant passage (digest entries that
        say "use of chronologies" among other topics score 0.00–0.15 as wholes, 0.33–0.77 by
        that sentence; "car insurance quotes" finds Baby Sama's car seat at 0.27); any
        passage of a place's or year's reviews a question lists;
        a learning or recommendations section of a review whose lessons the question asks
        for (Sameer's "What needs to happen?" list is like "what did the Sameer review
        recommend?" in no words: 0.09); any passage of a review named where the question asks
        ``how_reviewed`` it was ("Croydon 2018 – Joe: what methodology was used?" read Joe's
        entry, 0.10 in meaning, as unrelated, and quoted Croydon's Claire: "uses the SCIE
        methodology"), or what happened in it ("tell me about the Joe review" had no answer:
        his entry never says "Joe"); any passage of the ``appendix`` of a review named that
        the question asks for ("Appendix 2 of the Sama review")."""
        cfg, dense = self.config, hit.dense_score or 0.0
        sentence = (best or {}).get(hit.chunk.id, 0.0)
        return dense >= cfg.min_dense_score or (
            hit.lexical_rank is not None and hit.lexical_rank <= cfg.lexical_rank_trusted
            and (dense >= cfg.min_dense_score_lexical or sentence >= cfg.min_dense_score)
        ) or plan.lists_reviews or plan.lessons_of_scope or (
            plan.wants_lessons and hit.review.id in plan.named_reviews
            and holds_lessons(hit.chunk.section, hit.chunk.text)) or (
            (how_reviewed or plan.wants_account) and hit.review.id in plan.named_reviews) or (
            appendix is not None and hit.review.id in plan.named_reviews
            and in_appendix(hit.chunk.section, appendix))

    def extractive(self, question: str, hits: list[Hit], plan: QueryPlan | None = None,
                   similarity: Mapping[tuple[int, int], float] | None = None,
                   expanded: Sequence[str] = (), *,
                   relevant: list[Hit] | None = None,
                   carriers: Collection[str] = (),
                   term_sentences: Collection[tuple[int, int]] = (),
                   rarest: Collection[str] = (), case: str | None = None) -> Answer:
        """Picks the passages' sentences closest to the question and cites each one; a
        question about a named case quotes that case alone where it can (see :meth:`answer`).
        ``relevant`` is :meth:`relevant`'s choice of ``hits``, where the caller has made it.
        A sentence of ``term_sentences`` (chunk id, start), saying a rare term the question
        names, is its review's first (see :func:`_term_sentences_first`).

        A later review whose best sentence scores far below the answer's best
        (``less_close_margin``) is shown apart, after the others, as less close to the
        question, unless it says enough of it: two of its words (one of a question of
        alternatives), one of its ``rarest`` (the words the fewest passages hold), a term
        searched for it, or a theme it asks about, by name or in the review's tags.

        Past the first review, a review is quoted only in sentences on the question's topic:
        sharing one of its content words or of the ``expanded`` terms, or naming one of its
        themes. Close in meaning alone let in reviews about something else ("a baby died
        while co-sleeping" quoted a review's recommendation on the timeliness of reviews);
        so did a word that frames the question or only qualifies its theme (see
        :func:`topic_stems`)."""
        plan = plan or QueryPlan()
        read = (self.relevant(hits, plan, expanded, similarity, question=question,
                              carriers=carriers)
                if relevant is None else relevant)
        best = _best_sentences(similarity)
        own = [h for h in read if h.review.id in plan.named_reviews]
        cfg = self.config
        term_passages = {chunk_id for chunk_id, _ in term_sentences}
        per_review, margin = ((cfg.max_per_named_review, cfg.named_sentence_margin) if own
                              else (cfg.max_per_review, cfg.sentence_margin))
        if own and plan.wants_account:  # (its account's opening is one more, see below)
            per_review += 1
        if own and _SUMMARY_ASKED.search(question):  # (and a summary two more: see _bonuses)
            per_review += 2
        wanted = set(plan.themes)
        # the reviews carrying the themes asked are read where the first passages miss them
        # (Retriever._theme_carriers), up to theme_reviews more
        carrying = set() if own else set(carriers)
        # (asked which reviews say it, twice as many: see QueryPlan.asks_which; asked for a
        # place's or a year's reviews, one passage of each, as many as were found)
        head = (own or read)[:len(read) if plan.lists_reviews and not own
                             else cfg.passages_read * (2 if plan.asks_which and not own else 1)]
        missed = carrying - {hit.review.id for hit in head}
        # (and the passages saying one of the words a question quotes, read for it: Baby
        # Sama's "consenting relationship", past the first passages, where two others of its
        # were)
        quoted = terms_as_written(question)
        quoting = [] if own or not quoted else [
            hit for hit in read[len(head):] if hit.chunk.id in term_passages]
        read = head + quoting + _first_of_each([hit for hit in read if hit.review.id in missed
                                                and hit not in quoting])[:cfg.theme_reviews]
        candidates: list[Candidate] = []
        roles: list[str | None] = []
        method_lines: set[tuple[int, int]] = set()  # (see below: a method asked with lessons)
        defines = bool(_DEFINES_REVIEWS.search(question))
        how_reviewed = defines or bool(_ASKS_HOW_REVIEWED.search(question))
        # the stems of what the question itself says, without the terms searched beside it
        question_stems = topic_stems(without_asks(plan.topic or question))
        mentioned = question_stems if plan.asks_mention else frozenset()
        defining = asks_definition(question)  # (a glossary's definitions quotable)
        for hit in read:
            # read for a term: quoted where named (a rare one's passage, read for it, as whole)
            by_name = (not self._read_whole(hit, plan, best, how_reviewed=how_reviewed)
                       and hit.chunk.id not in term_passages)
            for quote, role in quotable_sentences(hit, cfg.min_sentence_words, glossary=defining):
                # (asked which mention its words, a sentence saying them: see relevant)
                # (and a review carrying a theme asked, read for it, where a sentence names
                # it in everyday words: Bethany's "Both parents had learning difficulties"
                # for "reviews where the parents had learning difficulties")
                if by_name and not _names_asked(quote.text, plan, expanded) and (
                        mentioned.isdisjoint(topic_words(quote.text))) and not (
                        hit.review.id in carrying and names_any_theme(quote.text, wanted)):
                    continue
                candidates.append((hit, quote))
                roles.append(role)
        if (not own and not how_reviewed
                and any(role != "about the review" for role in roles)):
            # How a review was run, or why reviews are held, is no answer where the passages
            # say anything else ("reviews involving children with autism" led with
            # "LSCBs ... should translate the findings from reviews into programmes of action")
            # unless that is what the question asks.
            candidates, roles = _with_roles(candidates, roles, lambda r: r != "about the review")
        if defines and "about the review" in roles:
            candidates, roles = _with_roles(candidates, roles, lambda r: r == "about the review")
        elif _ASKS_METHODOLOGY.search(question) and any(
                role == "about the review" and _METHOD_SAID.search(quote.text)
                for (_, quote), role in zip(candidates, roles, strict=True)):
            # what method a review used: "Durham 2017 – Baby Bailey: what methodology was
            # used?" quoted its findings, not its "Model: uses the Child Practice Review
            # process ...", which the bonus for lessons put below them (and not its "Home
            # conditions throughout the period under review fluctuated ...", also about the
            # review in the words it uses)
            stated = [role == "about the review" and _METHOD_SAID.search(quote.text) is not None
                      for (_, quote), role in zip(candidates, roles, strict=True)]
            if own and (plan.wants_lessons or plan.wants_recommendations):
                # asked of a named review with its lessons, its method line first and its
                # lessons beside it ("the key learning from the Jack serious case review
                # about online grooming, and which review model was used?" quoted the model
                # alone)
                method_lines = _keys(candidates, [i for i, said in enumerate(stated) if said])
            else:
                candidates, roles = _kept(candidates, roles, stated)
        elif own and _ASKS_SCOPE.search(question) and "about the review" in roles:
            # what a review named was set up to look at: its lines on itself ("What questions
            # was the Bedford Borough SCR into Baby Sama actually set up to answer, and what
            # time period did it look at?" quoted four lines that say "Bedford")
            candidates, roles = _with_roles(candidates, roles, lambda r: r == "about the review")
        if plan.wants_failings and any(role != "good practice" for role in roles):
            # what went wrong is not answered by what went well ("What went wrong in the
            # Sameer case?" quoted "Sameer showed great courage and did report his abuse")
            candidates, roles = _with_roles(candidates, roles, lambda r: r != "good practice")
        praised = [role == "good practice" for role in roles]
        about = praised_on(question, plan) if plan.wants_good_practice else frozenset()
        if about:
            # on what it is asked of: "what did the police do well?" is not answered by the
            # midwifery team's good practice, the only good practice near it ("professionals"
            # or "staff" of "examples where professionals did well" is anyone's)
            praised = [p and (bool(about & topic_words(quote.text))
                              or not wanted.isdisjoint(themes_named_in(quote.text)))
                       for p, (_, quote) in zip(praised, candidates, strict=True)]
        praise_missing = plan.wants_good_practice and not any(praised)
        if plan.wants_good_practice and not praise_missing:
            # "What went well?" is answered by the good practice reviews record, not by their
            # failings that share its words ("the GP practice ...")
            candidates, roles = _kept(candidates, roles, praised)
        # asked of anyone, every review's good practice answers it, on topic whatever its
        # words, which similarity to the question cannot order ("good practice - did any
        # review say something went well?" quoted Somerset's "Examples of good practice were
        # noted by ..." and no more: Jack's "Good practice identified by the school and
        # GPs" says neither "well" nor "strengths")
        praised_anyones = plan.wants_good_practice and not praise_missing and not own and not about
        if praised_anyones:
            margin = math.inf
        # (a year's or a place's lessons have no topic: the year or the place is their scope)
        # (of a named review, its names are no topic: "Rochdale Child K")
        topical = ((bool(expanded) or has_topic(plan.topic if own else plan.topic or question))
                   and not praised_anyones
                   and not plan.lessons_of_scope and not _tells_its_case(plan.topic or question, own))
        asked = _asked_roles(plan, roles)
        # a named review's learning themes, where its entry has a field headed so, are that
        # field, a list quoted whole ("what are the learning themes in the Child A review from
        # Bradford?" quoted one of its eight themes and three recommendations)
        themes_listed = bool(own) and plan.wants_lessons and bool(_THEMES_LISTED.search(question))
        in_field = [_in_field(c, _THEMES_LISTED) for c in candidates] if themes_listed else []
        themes_listed = any(in_field)
        if themes_listed:
            candidates, roles = _kept(candidates, roles, in_field)
        # a named review's lessons asked for as a list ("I want to read out the learning for
        # professionals list" quoted four of the Sameer brief's seven): its lessons, each
        # open to quoting, up to twice a named review's sentences
        whole_list = bool(own) and plan.wants_lessons and (
            bool(_WHOLE_LIST.search(question)) or themes_listed)
        if whole_list:
            per_review = 2 * cfg.max_per_named_review
        if ((own or plan.lessons_of_scope) and plan.wants_lessons and (not topical or whole_list)
                and asked & set(roles)):
            # "What were the recommendations of the Baby Sama review?" asks for a list, which
            # similarity to the question cannot order: every recommendation is open to
            # quoting, not those within a margin of the one that says "makes recommendations".
            # So do a year's or a place's reviews ("what did the 2016 reviews recommend?"
            # quoted one of the eight).
            # (and the opening of each named review's account where its story is asked too:
            # "what happened to Polly in Derbyshire and what went wrong" never said she died)
            opening = _account_openings(candidates) if plan.wants_account else set()
            candidates, roles = _kept(candidates, roles, [
                role in asked or i in opening or (hit.chunk.id, quote.start) in method_lines
                for i, ((hit, quote), role) in enumerate(zip(candidates, roles, strict=True))])
            margin = math.inf
            if own and plan.wants_recommendations:
                per_review = cfg.max_sentences
        if (label := appendix_asked(question)) is not None and any(
                in_appendix(hit.chunk.section, label) for hit, _ in candidates):
            # the appendix it numbers is what it asks about, as a review named is ("what does
            # Appendix 2 of the Sama review say about models of CSE?" quoted its findings on
            # CSE first)
            candidates, roles = _kept(candidates, roles, [
                in_appendix(hit.chunk.section, label) for hit, _ in candidates])
        if not candidates:
            return Answer(question=question, text=NO_ANSWER, kind="no_answer", hits=hits)
        # (a named review asked for whole is scored by no words of the question, which are its
        # names: "Child K review Rochdale" quoted "Child K was born in Rochdale.")
        scores = self.sentence_scores(plan.topic or ("" if own else question), candidates,
                                      similarity)
        # (a question with no topic beside its asking for lessons is on topic in every
        # sentence: "what are the lessons from Luton?" quoted one of its two reviews, the
        # other having no sentence that says "lessons")
        terms = frozenset() if plan.lists_reviews or not topical else (
            topic_stems(without_asks(plan.topic or question), expanded))
        # (of a question searched in other terms too, only what it says itself)
        asked_terms = question_stems if expanded else terms
        scores = scores + _bonuses(plan, candidates, roles, topical=topical)
        if term_sentences:
            scores = _term_sentences_first(scores, candidates, term_sentences)
        if method_lines:
            scores = _term_sentences_first(scores, candidates, method_lines)
        # a follow-up narrowing the last question ("...: any that deal with babies too young to
        # talk?", "...: which of those had the baby on a child protection plan already?"):
        # each review's sentence saying what narrows it is its first, and those reviews lead
        # (read with the voice of the child, Croydon and Lewisham's "very young, pre-verbal
        # children" went unquoted below six reviews' lines on the child's voice)
        narrowing = set() if own else _keys(candidates, _saying_the_narrowing(
            question, candidates, expanded))
        if narrowing:
            scores = _term_sentences_first(scores, candidates, narrowing)
        if plan.wants_account:
            # the opening of each named review's account, which the search put first: "Death
            # of a baby girl, Child K, who drowned in a bath ...", not "Child K was taken to
            # hospital by ambulance where her death was confirmed"
            scores = _term_sentences_first(scores, candidates,
                                           _keys(candidates, _account_openings(candidates)))
        if own and (further_asks := _further_asks(plan.topic or question)):
            # each further thing asked of a named review, its best sentence quoted too ("what
            # happened in the Rochdale case where the baby drowned in the bath, and what did
            # the review say about the police?" quoted the drowning alone)
            scores = _term_sentences_first(scores, candidates, _keys(candidates, [
                int(np.argmax(self.sentence_scores(ask, candidates, similarity)))
                for ask in further_asks]))
        if plan.died and not (plan.wants_lessons or plan.wants_good_practice):
            # the sentence saying the child died, where the question asks for the children who
            # did: "which of those died?" after "babies with bruising" quoted Nolan's "make the
            # reporting of bruising to non-mobile babies mandatory" alone (not where it asks
            # what was learnt of them: "... which of those died: what was the learning?")
            scores = _term_sentences_first(scores, candidates, _deaths_told(candidates, scores))
        if how_reviewed:  # what a review's method was, where that is what is asked
            scores = scores + np.array([METHOD_BONUS * (role == "about the review") for role in roles])
        if _ASKS_AGE.search(question):
            scores = scores + np.array([AGE_BONUS * _states_the_age(hit, quote.text)
                                        for hit, quote in candidates])
        # a theme whose kinds the question names only by them ("criminal exploitation of
        # boys" is not on "child sexual exploitation of 3 girls")
        asked_kinds = kinds_asked(plan.topic or question)
        named = [wanted & themes_named_as_asked(quote.text, asked_kinds) for _, quote in candidates]
        if plan.asks_mention and terms:
            # "Which reviews mention MARAC?", searched as "multi-agency risk assessment
            # conference" too: a sentence holding the term, or that phrase whole, not one
            # sharing "conference" (Child V's "invitations to child protection conferences")
            on_topic = [bool(asked_terms & topic_words(quote.text))
                        or mentions_any(quote.text, expanded)
                        for _, quote in candidates]
            if not any(on_topic):
                # No passage read holds it ("bed-sharing"): those naming its theme in the
                # reviews' words ("co-sleeping") are the nearest, not one sharing "sharing".
                on_topic = [bool(themes) for themes in named]
        else:
            # A death, which most reviews are about, puts no sentence on a question that
            # asks of another theme too, in its words nor in those searched for it ("any
            # reviews where a child died while in foster care?" quoted "Death of 3-month old
            # child in 2015 due to medical causes." from three reviews with no foster care)
            # (not where the other is whom it is about: "a baby who died in 2016" asks of
            # the death)
            background = (_BACKGROUND_THEMES & wanted if wanted - _BACKGROUND_THEMES - _WHOM_THEMES
                          else set())
            fore = terms - _theme_stems(background)
            # Of a theme the question names in the reviews' words, a word beside it is on
            # topic only in a review tagged with the theme ("cab drivers in grooming cases"):
            # elsewhere it is where or to whom, not what ("the voice of the child in child
            # protection conferences" led with Baby Sama's "An Initial Child Protection
            # Conference (ICPC) was arranged within 15 working days"; "cases of CSE: boys"
            # quoted "a teenage boy due to fabricated or induced illness").
            theme_asked = wanted - _BACKGROUND_THEMES - _WHOM_THEMES - _AGENCY_THEMES
            # (a process every review has is no topic beside a theme of its own: "hidden men
            # in assessments" led with Hertfordshire's "the crucial importance of the
            # assessment process", then Charlie and Sam's "the importance of accurate
            # assessment", neither of them on men)
            process = _processes_beside(theme_asked)
            core = _theme_words(plan.topic or question, theme_asked - process, expanded) & fore
            spelt_out = [long for _, long in acronyms_typed(plan.topic or question)]
            on_topic = [bool(themes - background - process) or not terms
                        or bool((core or fore or terms) & topic_words(quote.text))
                        or mentions_any(quote.text, spelt_out)
                        or bool(fore & topic_words(quote.text)
                                and not (theme_asked - process).isdisjoint(
                                    _tagged_as_asked(hit, asked_kinds)))
                        for themes, (hit, quote) in zip(named, candidates, strict=True)]
            # the review the search put first, tagged with what is asked though no sentence
            # of it says it, is on it (others so tagged quoted lines on something else)
            saying = {hit.review.id for (hit, _), said in zip(candidates, on_topic, strict=True)
                      if said}
            tagged = _tagged_with_asked(candidates[:1], terms) - saying
            on_topic = [said or hit.review.id in tagged
                        for (hit, _), said in zip(candidates, on_topic, strict=True)]
            if tagged:  # and it opens with what its case was, which is why it is on it
                scores = _term_sentences_first(scores, candidates, _keys(candidates, [
                    i for i in _account_openings(candidates) if candidates[i][0].review.id in tagged]))
        # a sentence saying a word the question quotes is on it, whatever theme another
        # quoted word names, and its review is quoted first ("the words professionals used
        # ('risk taking', 'consensual', 'self-harm', ...)" quoted self-harm alone)
        says_quoted = [mentions_any(quote.text, quoted) for _, quote in candidates]
        on_topic = [said or says for said, says in zip(on_topic, says_quoted, strict=True)]
        if plan.wants_learnt and not own and terms and candidates:
            # A question asking what was learnt quotes a later review only where it learnt
            # something on the topic: "what should midwives learn?" quoted Swindon's "his
            # mother was visited by midwives", which has no lesson on them (its account may
            # still stand beside its lesson: see _lessons_beside_accounts). A review tagged
            # with a theme asked is quoted as before: its case is an example of the theme
            # ("co-sleeping and alcohol: what were the lessons?": Swindon's Child D).
            # Asked for recommendations, good practice noted is no lesson of that kind ("what
            # recommendations were made for health visitors?" quoted "Examples of good
            # practice were noted by ... the health visiting service").
            lessons = (LEARNING_ROLES - {"good practice"}
                       if plan.wants_recommendations and not plan.wants_good_practice
                       else LEARNING_ROLES)
            first = candidates[0][0].review.id
            learnt = {hit.review.id for (hit, _), role, said in zip(candidates, roles, on_topic,
                                                                    strict=True)
                      if said and (role in lessons
                                   or not wanted.isdisjoint(review_themes(hit.review.keywords)))}
            on_topic = [said and hit.review.id in learnt | carrying | {first}
                        for (hit, _), said in zip(candidates, on_topic, strict=True)]
        listed = plan.lists_reviews or plan.lessons_of_scope
        # (a sentence naming each theme asked but that a child died is on them: "a baby who
        # died while sleeping on a sofa or sharing a bed" left out "Baby Bailey had been
        # co-sleeping on the couch")
        # (nor that it was a baby, which an age in weeks or months says: "a baby dying while
        # co-sleeping or sleeping on a sofa" left out Staffordshire's 14-month-old "died while
        # co-sleeping with her mother and maternal grandmother"; not a teenager, whose
        # themes adults share: a mother's partner's suicide is no teenager's)
        but_death = wanted - _BACKGROUND_THEMES
        enough = but_death - {"infants"} or but_death
        on_theme = [listed or themes == wanted or hit.review.id in carrying
                    or (bool(enough) and enough <= themes)
                    for themes, (hit, _) in zip(named, candidates, strict=True)]
        # (a place's or a year's reviews asked for are each told, as many as are read: a
        # helper's "reviews from the newsletter published in 2016" showed six of its eight)
        further = (max(0, len(head) - cfg.max_reviews) if plan.lists_reviews
                   else cfg.passages_read - cfg.max_reviews if plan.asks_which
                   else cfg.theme_reviews if listed or (plan.across_reviews and wanted and not own)
                   else 0)
        # Reviews that say all of what was asked before those that say part of it ("examples
        # where fathers were not assessed" quoted Philip's "the role of fathers" and Dorset's
        # "involving non-resident fathers", while Staffordshire's "failure to involve birth
        # fathers in assessment" went unquoted). Of a question searched in other terms too,
        # all of what it says itself: "children whose parents had learning difficulties",
        # searched as "learning disability" too, left out Bethany's "Both parents had
        # learning difficulties" (no sentence says the question's words and the glossary's).
        whole = [] if own or not asked_terms else [
            asked_terms <= topic_words(quote.text) for _, quote in candidates]
        if any(says_quoted) and not own:
            whole = [says or bool(whole and whole[i]) for i, says in enumerate(says_quoted)]
        # (asked which reviews say it, the reviews past the first few are those that say it
        # nearly as well: "which reviews used the SCIE Learning Together model?" had named
        # Durham's "Child Practice Review process" among the eight)
        # and the reviews saying a rare term it names, word for word, beside them ("family
        # from abroad with no recourse to public funds ... what should i be looking at?" left
        # Wolverhampton's Child G, the one review to say it, sixth of those read and unquoted)
        saying = set() if own else {hit.review.id for hit, quote in candidates
                                    if (hit.chunk.id, quote.start) in {*term_sentences, *narrowing}}
        chosen = self._choose(candidates, scores, per_review, margin,
                              on_topic=None if own else on_topic,
                              # (asked across reviews, the first review's findings and lessons
                              # are open, its account is not: see _choose)
                              first_open=[role in _FINDINGS_ROLES for role in roles]
                              if plan.across_reviews else (),
                              on_theme=on_theme, further=further, whole=whole,
                              further_margin=3 * margin if plan.asks_which and not wanted
                              else None, saying=saying)
        if plan.wants_story and not own and len({hit.review.id for hit, _ in chosen}) == 1:
            # A case told by one review alone, though the question did not name it ("tell me
            # about the Luton stabbing" quoted "Fatal stabbing of a 16-year-old boy in June
            # 2021." and no more: the one sentence that says "stabbing" scores 0.43 above the
            # rest of the account), gets the sentences a named case gets, its best first: no
            # other review needs the room.
            chosen = self._choose(candidates, scores, cfg.max_per_named_review, math.inf,
                                  on_topic=on_topic, on_theme=on_theme, further=further)
        elif not own and not plan.lists_reviews and (top := case or _standing_out(
                candidates, scores, cfg.less_close_margin)) is not None:
            # a review whose best sentence stands far above every other review's answers the
            # question, and is quoted as a named review is ("CP plan says dad should do anger
            # managment for the DV - is that actually recommended?" quoted two of Baby Sama's
            # lines, not its third, "Anger management is not a suitable intervention in cases
            # of domestic abuse"), as is the one whose case the question tells (``case``);
            # the others as they were
            fuller = [c for c in self._choose(
                candidates, scores, cfg.max_per_named_review, margin, on_topic=on_topic,
                on_theme=on_theme, further=further, whole=whole, saying=saying)
                if c[0].review.id == top]
            if fuller:
                chosen = fuller + [c for c in chosen if c[0].review.id != top]
        if plan.wants_lessons and not own:
            chosen = _lessons_beside_accounts(chosen, candidates, scores, roles, on_topic)
        # and lead it: "coercive control" led with Baby Sama's "power and control over their
        # partner", C101's and Baby J's "coercive control" fourth and fifth
        leading = {hit.review.id for hit, quote in chosen
                   if (whole and asked_terms <= topic_words(quote.text))
                   or (hit.chunk.id, quote.start) in narrowing}
        # asked which reviews used a method it names, those whose lines about the review name
        # it, the others shown apart ("which reviews used the Significant Incident Learning
        # Process?" quoted Dudley's, the one to use it, among seven reviews' findings)
        picked = _places_in(chosen, candidates)
        # (and of several reviews named, which of them: "Buckinghamshire 2017 – ..., Bedford
        # 2017 – Baby Sama, Somerset 2017 – Fenestra and Surrey 2017 – Child GG: which of
        # those used the SCIE model" quoted Fenestra's third)
        of_own = own and not (_WHICH_OF_THEM.search(question) and len(set(plan.named_reviews)) > 1)
        by_method = set() if of_own or defines or not how_reviewed else _naming_a_method(
            picked, candidates, roles, asked_terms - _METHOD_STEMS, expanded)
        leading |= by_method
        if plan.wants_figures:  # (asked for a figure, the reviews quoted giving one)
            leading |= {hit.review.id for hit, quote in chosen if gives_a_figure(quote.text)}
        # Reviews far below the best are shown apart, after the others, unless they say two
        # of the question's words (its one; one of a question of alternatives, "twins or
        # premature babies"), one of its rarest ("premature" of "premature babies"), a term
        # searched for it ("initial child protection conference" for "ICPC"), or name a
        # theme it asks about, or are tagged so, or with those words (Rochdale's Child K,
        # "sudden infant death"); not a list's items, which answer alike however they score,
        # nor how reviews were run, asked for
        # (of a long question, a third of its own words: see on_the_point)
        need = min(1 if _ALTERNATIVES.search(plan.topic or question)
                   else max(2, len(question_stems & terms) // 3), len(terms))
        rare = terms & topic_stems(" ".join(rarest))
        asked_themes = wanted - _BACKGROUND_THEMES - _WHOM_THEMES
        # (a process every review has, beside a theme of its own: "special guardianship order
        # assessments" is not said by Baby Sama's "... should manage the assessment and the
        # PLO process should be commenced")
        minor = _processes_beside(asked_themes)

        def says_enough(said: frozenset[str]) -> bool:
            return len(terms & said) >= need or bool(rare & said)

        def on_the_point(i: int) -> bool:  # (asked of the chosen sentences alone)
            hit, quote = candidates[i]
            if says_quoted[i]:  # (the words it asks for as written: "no recommendations")
                return True
            said = topic_words(quote.text)
            if need > 2:
                # a long question, a case told, is said by a sentence saying as many of its
                # points, a theme or a term searched for it each one, not by one of them
                # alone ("step dad was a known sex offender and mum kept promising social
                # services he wouldnt be alone with the girl": Hertfordshire's "stepfather's
                # probation officer ... referrals to children's social care" beside Norfolk's
                # Child P)
                points = (len(terms & said) + len(named[i] - _BACKGROUND_THEMES - _WHOM_THEMES)
                          + sum(mentions(quote.text, term) for term in expanded))
                return points >= need or bool(rare & said)
            return (says_enough(said)
                    or says_enough(topic_words(", ".join(hit.review.keywords)))
                    or bool(named[i] - _BACKGROUND_THEMES - _WHOM_THEMES - minor)
                    or mentions_any(quote.text, expanded)
                    or not (asked_themes - minor).isdisjoint(_tagged_as_asked(hit, asked_kinds)))

        if by_method:
            apart = {hit.review.id for hit, _ in chosen} - by_method
        elif own or listed or plan.asks_mention or margin == math.inf or how_reviewed:
            apart = set()
        else:
            apart = _less_close(picked, candidates, scores, cfg.less_close_margin,
                                on_the_point) - leading
        if narrowing and not own and not _NARROWED_TO_WHOM.search(question):
            # narrowed, the reviews saying nothing of what narrows it answer less ("which of
            # those involved alcohol?" after babies dying in unsafe sleep quoted Blackpool's
            # safe sleep assessment and Swindon's sofa death beside Staffordshire's drinking)
            # (by the passages read, not only their sentences; not where it narrows to the
            # children who died or were of an age, which a review's summary says in many
            # words: "Death of 3-year-old Child S" for "which of those involved a child who
            # died?", Baby Sama's for "which of those were babies")
            passages = [(hit, Quote(hit.chunk.text, 0, len(hit.chunk.text)))
                        for hit in {hit.chunk.id: hit for hit, _ in candidates}.values()]
            apart |= {hit.review.id for hit, _ in chosen} - {
                passages[i][0].review.id
                for i in _saying_the_narrowing(question, passages, expanded, of_it=False)}
        # several reviews named are told in the order named ("Norfolk 2016 – Child P, 2017 –
        # Child F and Family and Edinburgh 2017 – ...: what did they recommend?", a follow-up
        # read with the last answer's reviews, led with the last of them); those one name
        # names ("the Child S review": Child S and Family's too) as they rank
        named_at = dict(zip(plan.named_reviews, plan.named_at, strict=True))
        answer = _assemble(question, chosen, hits, leading, apart,
                           named=named_at if len(set(plan.named_at)) > 1 else None)
        if praise_missing and not any(_PRAISE.search(quote.text) for _, quote in chosen):
            # else failings quoted for "good multi-agency working" read as praise (not where a
            # line quoted says it, under no such heading: "Examples of good practice were
            # noted by the GP, ..." was quoted under this note)
            answer.notes.append(NO_PRAISE)
        return answer

    def sentence_scores(self, question: str, candidates: list[Candidate],
                        similarity: Mapping[tuple[int, int], float] | None = None) -> np.ndarray:
        """Each sentence's similarity to the question, plus the share of the question's
        content words (crudely stemmed; not the words asking for lessons or
        recommendations, which would favour "makes recommendations to ...") that the
        sentence contains.

        The similarity is the passage's cosine, blended with the sentence's own where the
        index holds sentence vectors (made at ingest: encoding sentences at question time
        cost 350 ms on a 2-core CPU)."""
        terms = _stems(without_asks(question))
        overlap = np.array([len(terms & _stems(q.text)) / max(1, len(terms)) for _, q in candidates])
        passage = np.array([hit.dense_score or 0.0 for hit, _ in candidates])
        if similarity:
            w = self.config.sentence_weight
            ends: dict[int, list[tuple[int, float]]] = {}
            for (chunk_id, end), score in similarity.items():
                ends.setdefault(chunk_id, []).append((end, score))
            # a quote of several clauses (short ones joined) is as close as its closest
            own = np.array([max((score for end, score in ends.get(hit.chunk.id, ())
                                 if q.start < end <= q.end), default=hit.dense_score or 0.0)
                            for hit, q in candidates])
            passage = (1 - w) * passage + w * own
        return passage + self.config.lexical_weight * overlap

    def best_sentence(self, question: str, hit: Hit, lessons: bool = False) -> Quote:
        """The hit's quotable sentence that best matches the question (the whole passage if
        it has none), scored as answers score theirs."""
        pairs = quotable_sentences(hit, self.config.min_sentence_words)
        if not pairs:
            return Quote(hit.chunk.text, hit.chunk.start, hit.chunk.end)
        group = [(hit, q) for q, _ in pairs]
        bonus = np.array([_role_bonus(role, lessons) for _, role in pairs])
        return group[int((self.sentence_scores(question, group) + bonus).argmax())][1]

    def _choose(self, candidates: list[Candidate], scores: np.ndarray,
                per_review: int, margin: float, on_topic: Sequence[bool] | None = None,
                on_theme: Sequence[bool] = (), further: int = 0,
                whole: Sequence[bool] = (), further_margin: float | None = None,
                saying: Collection[str] = (), first_open: Sequence[bool] = ()) -> list[Candidate]:
        """Breadth first: the best sentence of each of the first max_reviews reviews (in the
        order retrieval ranked them), then further sentences of a review (``per_review`` in
        all) where they score within ``margin`` of the best; at most max_sentences. Where
        ``on_topic`` is given, the first review's sentences are all open to quoting (where
        one of them is on topic, or none of any review's is), later reviews' only where
        on_topic holds (a review without one is not quoted). The reviews with a sentence
        ``whole`` (holding every word of the question's topic) are taken first. Up to
        ``further`` more reviews are quoted where their best sentence is ``on_theme`` (and,
        given ``further_margin``, scores within it of the best), and max_sentences grows by
        one for each; so are the reviews ``saying`` a rare term the question names."""
        cfg = self.config
        first = candidates[0][0].review.id
        if on_topic is not None:
            # The first review is open whole, unless none of its sentences is on the topic
            # while another review's are ("the impact of poverty" led with a review of
            # disabled children; the reviews that say "a deprived area" came after).
            # (of it, only the sentences ``first_open`` holds open, where given: "any reviews
            # about co-sleeping or babies dying in unsafe sleep?" led with Blackpool's "Death
            # of 3-month old child in 2015 due to medical causes.")
            open_first = any(on_topic[i] for i, (hit, _) in enumerate(candidates)
                             if hit.review.id == first) or not any(on_topic)
            keep = [i for i, (hit, _) in enumerate(candidates)
                    if on_topic[i] or (open_first and hit.review.id == first
                                       and (not first_open or first_open[i] or not any(on_topic)))]
            candidates, scores = [candidates[i] for i in keep], scores[keep]
            on_theme = [on_theme[i] for i in keep] if on_theme else on_theme
            whole = [whole[i] for i in keep] if whole else whole
            on_topic = [on_topic[i] for i in keep]
        best = float(scores.max())
        order = [int(i) for i in np.argsort(-scores, kind="stable")]
        reviews = list(dict.fromkeys(hit.review.id for hit, _ in candidates))
        if whole:
            said = {hit.review.id for (hit, _), w in zip(candidates, whole, strict=True) if w}
            reviews.sort(key=lambda review_id: review_id not in said)
        top = {review_id: next(i for i in order if candidates[i][0].review.id == review_id)
               for review_id in reviews}
        review_order = reviews[:cfg.max_reviews]
        if further and on_theme:
            review_order += [r for r in reviews[cfg.max_reviews:] if on_theme[top[r]] and (
                further_margin is None or scores[top[r]] >= best - further_margin)][:further]
        review_order += [r for r in reviews if r in saying and r not in review_order]
        # (a review's list asked for whole may hold more: see extractive)
        max_sentences = max(cfg.max_sentences, per_review) + max(0, len(review_order) - cfg.max_reviews)
        chosen = [top[review_id] for review_id in review_order]
        for i in list(chosen):
            if any(_repeats(candidates[i], candidates[j]) for j in chosen if j < i):
                chosen.remove(i)
        for i in order:
            hit = candidates[i][0]
            if len(chosen) >= max_sentences or scores[i] < best - margin:
                break
            taken = sum(candidates[j][0].review.id == hit.review.id for j in chosen)
            if (hit.review.id in review_order and taken < per_review
                    and not any(_repeats(candidates[i], candidates[j]) for j in chosen)):
                chosen.append(i)
        if on_topic is not None and any(candidates[i][0].review.id == first for i in chosen):
            chosen = _first_on_topic(first, candidates, order, chosen, on_topic, per_review)
        return [candidates[i] for i in chosen]


def _tells_its_case(topic: str, own: Sequence[Hit]) -> bool:
    """Whether all a question asking of named reviews says beside its asking is what their
    summaries tell of their cases: "What was the learning from the C101 review, the 8 week
    old with the fractures?" is C101's learning, not its sentences on fractures (the answer
    quoted "Femur fracture to an 8-week-old girl" and no learning)."""
    # (a death said as the child died: "What went wrong in the Harry review, the boy who
    # died in a young offender institution?" quoted his story, its summary saying "Death of")
    died = topic_stems("died dies dying die")
    asked = frozenset("death" if stem in died else stem for stem in topic_stems(without_asks(topic)))
    summaries = " ".join(dict.fromkeys(hit.review.summary or "" for hit in own))
    return bool(asked) and bool(summaries.strip()) and asked <= topic_words(summaries)


def _account_openings(candidates: list[Candidate]) -> set[int]:
    """The candidates that open each review's account: the first sentence of its first
    passage read (passages in the order read, sentences in theirs)."""
    account: dict[str, int] = {}  # each review's first passage read
    openings: dict[int, int] = {}  # and its first sentence
    for i, (hit, _) in enumerate(candidates):
        if account.setdefault(hit.review.id, hit.chunk.id) == hit.chunk.id:
            openings.setdefault(hit.chunk.id, i)
    return set(openings.values())


def _deaths_told(candidates: list[Candidate], scores: np.ndarray) -> set[tuple[int, int]]:
    """Each review's best scored sentence that tells of a death, as (chunk id, start):
    Child BB's "taken to hospital ... with bruises and burn marks, and died the following
    day" for bruising, not its "Death of a 23-month old child ..."."""
    told: dict[str, tuple[float, tuple[int, int]]] = {}
    for (hit, quote), score in zip(candidates, scores, strict=True):
        if tells_a_death(quote.text) and float(score) > told.get(hit.review.id, (-math.inf,))[0]:
            told[hit.review.id] = (float(score), (hit.chunk.id, quote.start))
    return {key for _, key in told.values()}


# a second question joined to the first ("what happened ..., and what did the review say
# about the police?")
def _further_asks(topic: str) -> list[str]:
    """The questions a question joins to its first with "and", each with a topic of its own
    (not "and what did it recommend?", which asking for lessons answers)."""
    return [ask for ask in AND_ASKS.split(topic)[1:] if has_topic(without_asks(ask))]


# what a follow-up narrowing the last question asks, after the colon it was read with
_NARROWED = re.compile(r":\s+(?:and\s+|but\s+)?(?:are\s+there\s+)?(?:any|which|only|just)\b"
                       r"(?:\s+(?:of\s+)?(?:those|these|them|ones?))?\s+(?P<what>[^:]+?)\W*$", re.I)


def _saying_the_narrowing(question: str, candidates: list[Candidate],
                          expanded: Sequence[str], *, of_it: bool = True) -> list[int]:
    """Where ``question`` is a follow-up narrowing the last one (:data:`_NARROWED`), the
    candidates saying what narrows it: two of its topic words (its one, where it has one), or
    a term it was searched as ("pre-verbal" for "too young to talk"); none otherwise. Those
    of reviews on what it narrows only, unless not ``of_it``."""
    if (said := _NARROWED.search(question)) is None:
        return []
    what = said["what"]
    terms = topic_stems(without_asks(_singular_ies(what)))
    searched = [t for t in expanded if t in lay_expansion(what)]
    need = min(2, len(terms))
    if not need and not searched:
        return []
    saying = [i for i, (_, quote) in enumerate(candidates)
              if (need and len(terms & topic_words(_singular_ies(quote.text))) >= need)
              or mentions_any(quote.text, searched)]
    if not of_it:
        return saying
    # of the reviews on what it narrows, too: a review saying that word alone is not one of
    # "those" ("disabled children: which were about neglect?" led with five reviews of
    # neglect that say nothing of disability)
    asked_before = question[:said.start()]
    before = {stem for stem in topic_stems(without_asks(asked_before)) if not stem.isdigit()}
    themes = set(themes_named_in(asked_before))
    on_it = {hit.review.id for hit, quote in candidates
             if not (before or themes) or before & (topic_words(quote.text)
                                                    | topic_words(", ".join(hit.review.keywords)))
             or not themes.isdisjoint(review_themes(hit.review.keywords))}
    return [i for i in saying if candidates[i][0].review.id in on_it]


# a narrowing to the children of an age, a sex, or who died, which a review's summary says in
# words of its own ("Death of 3-year-old Child S", "Sama, a baby of nearly 2 months")
_NARROWED_TO_WHOM = re.compile(r":\s+[^:]*\b(?:died|dead|death|killed|bab(?:y|ies)|infants?|toddlers?"
                               r"|teen(?:ager)?s?|adolescents?|boys?|girls?|old)\b[^:]*$", re.I)


def _singular_ies(text: str) -> str:
    """``text`` with its plurals in "-ies" as their singulars, which the crude stems part
    ("babies" as "babi", "baby" as "baby": "which of those were babies?" found no sentence
    saying "baby")."""
    return _IES.sub(r"\1y", text)


_IES = re.compile(r"\b(\w{2,})ies\b")


def _best_by_review(candidates: list[Candidate], scores: np.ndarray,
                    places: Iterable[int] | None = None) -> dict[str, float]:
    """Each review's best score, of the candidates at ``places`` (all of them where None)."""
    best: dict[str, float] = {}
    for i in range(len(candidates)) if places is None else places:
        review_id = candidates[i][0].review.id
        best[review_id] = max(best.get(review_id, -math.inf), float(scores[i]))
    return best


def _standing_out(candidates: list[Candidate], scores: np.ndarray, margin: float) -> str | None:
    """The review whose best sentence scores ``margin`` or more above every other review's
    best, where there is one and others; else None."""
    ranked = sorted(_best_by_review(candidates, scores).items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] >= margin:
        return ranked[0][0]
    return None


def _term_sentences_first(scores: np.ndarray, candidates: list[Candidate],
                          term_sentences: Collection[tuple[int, int]]) -> np.ndarray:
    """``scores`` with each sentence of ``term_sentences`` (chunk id, start: those saying a
    rare term the question names) raised to its review's best, and a hair above, so that one
    of them is the review's sentence quoted first ("modern slavery or National Referral
    Mechanism for exploited children" quoted Samuel, Shay and Joy's "adopt the term
    'extra-familial harm'", not the entry's "use of the National Referral Mechanism (NRM)");
    no more than that hair, so that what other sentences are quoted beside it is as before."""
    best = _best_by_review(candidates, scores)
    raised = scores.copy()
    for i, (hit, quote) in enumerate(candidates):
        if (hit.chunk.id, quote.start) in term_sentences:
            # (in their own order: a hair each, by its own score)
            raised[i] = max(raised[i], best[hit.review.id] + 1e-3 * (1.0 + float(scores[i])))
    return raised


def _first_on_topic(first: str, candidates: list[Candidate], order: list[int], chosen: list[int],
                    on_topic: Sequence[bool], per_review: int) -> list[int]:
    """``chosen`` with the ``first`` review's best sentence on the topic, where none of its
    chosen sentences is and it has one: open whole, it was quoted in its closest sentences
    alone, which may say nothing of the topic (Sameer's brief, for "what have reviews in
    Bradford said about escalating concerns?", in its "professional hierarchies" and not in
    "the BSCB multi-agency escalation policy did not work effectively"). It takes the place
    of the review's last sentence past its first where the review has its fill."""
    own = [i for i in chosen if candidates[i][0].review.id == first]
    said = next((i for i in order if candidates[i][0].review.id == first and on_topic[i]
                 and not any(_repeats(candidates[i], candidates[j]) for j in own)), None)
    if said is None or any(on_topic[i] for i in own):
        return chosen
    if len(own) >= per_review and len(own) > 1:
        chosen = [i for i in chosen if i != own[-1]]
    return [*chosen, said]


# -- which sentences an answer may quote ---------------------------------------------------------

# A report's sections on how the review was run ("1. Introduction › Organisational learning
# and improvement" is on why reviews are held, not what this one learnt).
_PROCESS = ("methodolog", "timeframe", "time frame", "terms of reference",
            "organisational learning", "reviewing expertise", "acronyms", "specialist advice")
# A report written by the systems model puts questions to the board in place of
# recommendations ("Areas for consideration by BBSCB: How effective is ...?").
_RECOMMENDATION = ("recommend", "what needs to happen", "areas for consideration",
                   "questions for the")
LEARNING_ROLES = frozenset({"learning", "key issues", "recommendation", "good practice"})
_FINDINGS_ROLES = LEARNING_ROLES - {"key issues"}  # (a digest's "Key issues" tell its case)
GOOD_PRACTICE_QUERY = "good practice identified:"  # finds the good practice a review records
_GOOD_PRACTICE_LABELS = ("good practice", "what went well", "going well", "worked well", "done well",
                         "strengths", "positive practice")  # (Sameer's "What's going well?")
_LEARNING = ("learning", "lesson", "finding", "issues identified", "key issues",
             "what are we worried", "conclusion", "improve", "practice points", "key messages")
_SUMMARY = ("summary", "background", "what was the story", "incident", "the case",
            "case was chosen", "circumstances")
# "Label:" or "**Label include:**" at the start of a sentence names the field it opens.
_LABEL = re.compile(r"^\**\s*(?P<label>[A-Z][A-Za-z’' ]{2,40}?)\s*(?:include|includes|considers|"
                    r"themes include|for the [A-Za-z ]{2,20} include)?\s*:\**\s*"
                    r"(?:includes?\s*:\s*)?")  # "Key issues: include: ..." as printed
_SIGNPOST = re.compile(
    r"\b(?:is|are)\s+(?:contained|set\s+out|described|discussed|detailed|summarised|outlined)"
    r"\s+(?:in|below|above|at)\b|\bfollowing\s+(?:section|chapter|paragraphs?)\b|"
    r"\bsee\s+(?:section|appendix|paragraph|below|above|the\s+(?:full|overview))\b|"
    r"\bas\s+follows\b|\bthis\s+(?:section|chapter)\s+(?:sets\s+out|describes|considers)\b",
    re.IGNORECASE)
# A sentence about the review itself (who commissioned it, the period it covers, its method)
# tells a practitioner nothing about the case or its lessons.
_ABOUT_THE_REVIEW = re.compile(
    r"\bcommissioned\b|\bterms of reference\b|\btime period\b.*\b(?:covered|review)\b|"
    r"\bperiod (?:under review|covered by (?:the|this) review)\b|\bmethodology\b|"
    r"\b(?:review|panel) (?:met|agreed|was (?:conducted|chaired|undertaken))\b|"
    r"\bindependent (?:author|reviewer|chair|lead reviewer)\b|\btime\s?frame\b|"
    r"\b(?:systems|hybrid) (?:model|methodology)\b|\bsets out (?:its |the )?findings\b|"
    r"\b(?:SCR|lead|the review's) author\b|"
    r"\bthe (?:review|report) (?:considers|examines|explores|describes|goes on)\b|"
    r"\b(?:an )?(?:overview|summary|account) (?:is|was) (?:provided|given)\b|"
    r"\bappendix \w+ (?:sets out|contains|describes|lists|provides|gives)\b|"
    # why reviews are held at all, as statutory guidance puts it and reports repeat
    r"\breviews are not ends in themselves\b|"
    r"\bpurpose of (?:these |such |the )?(?:serious case |(?:safeguarding )?practice )?reviews\b|"
    r"\bfindings (?:from|of) (?:these |such |all )?reviews\b|"
    r"\bwhat works well and (?:also )?why things (?:can )?go wrong\b|"
    # the reviews a thematic report draws on: "Outlines reviews carried out by Thames
    # Valley Police, ..."
    r"\breviews (?:were )?carried out by\b|"
    # that an entry has learning for someone, and no more ("Identifies learning for the
    # police, the courts and the probation service." was Haringey's answer to "lessons for
    # police officers", its recommendation on welfare checks beside it unquoted)
    r"^\W*(?:it\s+|the\s+review\s+)?identifies\s+(?:learning|lessons)\s+for\s+[\w\s,'’-]+\W*$",
    re.IGNORECASE)
# A sentence that reports good practice outside a "Good practice identified:" field.
_PRAISE = re.compile(r"\bgood practice (?:identified|noted|was|were|found|included?|by|in)\b|"
                     r"\bexamples? of (?:good|positive) practice\b|"
                     # ("It is positive and evidence of the value of management oversight that
                     # those with management responsibility for this case in SEPT picked up
                     # on this matter.")
                     r"^it is positive\b|"
                     r"(?<!not )(?<!n't )(?<!never )\b(?:worked|went) well\b",
                     re.IGNORECASE)
# A question asking a child's age ("how old was she?", "what ages were the children?")
# (or who was youngest: "which of the three had the youngest baby?" quoted no age)
_ASKS_AGE = re.compile(r"\bhow\s+old\b|\bwhat\s+ages?\b|\bages?\s+of\s+the\b|\b(?:youngest|oldest)\b", re.I)


def _states_the_age(hit: Hit, text: str) -> bool:
    """Whether a sentence states the age its review's entry gives its child, as digests
    state one ("Death of a 16-year-old ..."; not "his parents separated when he was aged 5"
    nor "placed with a foster family at 4-years-old", each quoted for "how old was he?"), or
    states any age where the entry gives none."""
    said = child_age_span(text)
    return said is not None and hit.review.child_age in (None, said[0])


# what method a review was run by ("what methodology was used?", "which model did the review
# follow?"), not a method of anything else ("the methods the abuser used")
_ASKS_METHODOLOGY = re.compile(r"\bmethodolog\w*|\b(?:review'?s?|its|their)\s+(?:method|model|approach)s?\b|"
                               r"\b(?:what|which)\s+(?:review\s+)?(?:method|model)s?\s+(?:was|were|did|does)\b|"
                               # ("how was that review carried out?" had no answer)
                               r"\bhow\s+(?:was|were|is|did)\s+(?:the|that|this|its|their)\s+(?:[\w'’-]+\s+){0,3}?(?:review|report)s?\s+"
                               r"(?:\w+ly\s+)?(?:carried\s+out|conducted|done|run|undertaken|do\s+it)\b",
                               re.I)


# what a review was set up to look at: its terms of reference, the period it covered, the
# questions it was to answer
_ASKS_SCOPE = re.compile(r"\bterms\s+of\s+reference\b|\btime\s?frame\b|\btime\s+period\b|"
                         r"\bwhat\s+period\b|\bperiod\s+(?:did\s+)?(?:it|the\s+review)\s+(?:cover|look)|"
                         r"\b(?:set\s+up|asked|commissioned|meant|supposed)\s+to\s+(?:answer|address|"
                         r"look\s+(?:at|into)|examine|find\s+out)\b|"
                         r"\bquestions?\b[^?]{0,40}\b(?:to\s+address|to\s+answer|it\s+addressed|it\s+answered)\b|"
                         r"\bscope\s+of\s+(?:the|this|that|its)\s+review\b", re.I)


def asks_methodology(question: str) -> bool:
    """Whether a question asks how a review was run: its method, model or approach."""
    return _ASKS_METHODOLOGY.search(question) is not None


# the words a sentence says a method in ("uses the Child Practice Review process", "a hybrid
# methodology", "the SCIE Learning Together model")
_METHOD_SAID = re.compile(r"\bmethod\w*|\bmodel\b|\bprocess\b|\bapproach\b|\bframework\b|\bscie\b|"
                          r"\bsilp\b|\bsignificant\s+incident\s+learning\b|\blearning\s+together\b|"
                          r"\bsystems?\b", re.I)
_ASKS_HOW_REVIEWED = re.compile(r"\bmethod|\bcommission|\bterms of reference\b|\btime\s?frame\b|"
                                # the approaches reviews are run by ("SILP", "SCIE Learning
                                # Together", "a systems model"): their "Model:" lines
                                r"\bsilp\b|\bsignificant\s+incident\s+learning\b|\bscie\b|"
                                r"\blearning\s+together\b|\bchild\s+practice\s+reviews?\b|"
                                # ("what review model did it use?")
                                r"\b(?:review|what|which)\s+model\b|"
                                r"\bsystems?\s+"
                                r"(?:model|approach|review|methodology)\b|\bhybrid\b|"
                                r"\b(?:review|panel|author)s?\b.*\b(?:conducted|carried out|"
                                r"run|chaired|led|written)\b", re.IGNORECASE)
# What a kind of review is, or is for: answered by what the reports say of reviews, alone
# where they say it ("what is a serious case review?" quoted four reviews' recommendations
# and cases; Baby Sama's report says "The purpose of Serious Case Reviews is to identify
# learning to improve safeguarding systems ...")
_DEFINES_REVIEWS = re.compile(r"\b(?:what\s+(?:is|are)|what['’]s|purpose\s+of|point\s+of|"
                              r"difference\s+between|why\s+(?:do|are|have)\b)\s+(?:\w+\s+){0,3}?"
                              r"(?:(?:serious\s+case|(?:local\s+)?(?:child\s+)?safeguarding\s+"
                              r"practice|significant\s+case|thematic|rapid)\s+reviews?|scrs?|"
                              r"l?csprs?)\b(?!\s+(?:of|on|about|into|for|in|from)\b)", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^[-•*]")  # what opens a line of a bulleted list
# a list's lead-in that says its items are strengths or good practice
_PRAISE_LEAD = re.compile(r"\bstrengths\b[^:]*\b(?:identified|include[sd]?|were|are)\b|"
                          r"\b(?:good|positive)\s+practice\b[^:]*\binclud\w*|\bwent\s+well\b", re.I)
_LINK = re.compile(r"^>|\bclick here\b", re.IGNORECASE)  # beside junk.is_junk_sentence's links
_JUNK_ROLES = frozenset({"keywords", "foreword", "resources", "glossary"})
# A question asking what a term means, which a report's glossary answers ("what is the Public
# Law Outline, according to the Sama report's glossary?" quoted a line using the term, not
# the glossary's definition of it)
_ASKS_DEFINITION = re.compile(r"\bglossary\b|\bdefin(?:e|ed|es|ition)\b|\bstands?\s+for\b|"
                              r"\bmeaning\s+of\b|\bwhat\s+(?:does|do)\s+(?:the\s+)?(?:term\s+|acronym\s+)?"
                              r"[\w'’-]+(?:\s+[\w'’-]+){0,4}?\s+mean\b", re.I)


def asks_definition(question: str) -> bool:
    """Whether a question asks what a term means ("what does MASH stand for?", "define a
    viability assessment", "what does the glossary say a MARAC is?")."""
    return _ASKS_DEFINITION.search(question) is not None


def quotable_sentences(hit: Hit, min_words: int,
                       glossary: bool = False) -> list[tuple[Quote, str | None]]:
    """The sentences of a passage an answer may quote, each with its role ("learning",
    "summary", "about the review": its commissioning, period or method; or None), field
    labels ("Learning:") trimmed off.

    Never quoted: keyword lines, link or resource lists, signposts ("... is contained in
    the following section"), headings and titles (no closing stop, mostly capitalised),
    lead-ins that end with a colon, forewords, and anything under ``min_words`` words; nor
    a glossary's definitions, unless ``glossary`` (a question asking what a term means)."""
    chunk = hit.chunk
    base = field_role(chunk.section)
    junk = _JUNK_ROLES - {"glossary"} if glossary else _JUNK_ROLES
    if base in junk:
        return []
    out: list[tuple[Quote, str | None]] = []
    role = base
    previous_end = chunk.start
    first_field = None  # where the first labelled field ("Learning:") starts, if any
    for quote in _short_clauses_joined(chunk.text, chunk.start, min_words):
        method_line = False
        gap = chunk.text[previous_end - chunk.start:quote.start - chunk.start]
        if "\n" in gap and not _LIST_ITEM.match(gap.strip()):
            # A new line ends the field of the line before, unless it is an item of the
            # field's list ("Areas for consideration by BBSCB:" and its bulleted questions).
            role = base
        previous_end = quote.end
        if m := _LABEL.match(quote.text):
            labelled = field_role(m.group("label"))
            if labelled is not None:
                role = labelled
                first_field = quote.start if first_field is None else first_field
                trimmed = _trimmed(quote, chunk.text, chunk.start, len(m.group(0)))
                # a method too short to quote alone is quoted with its label, whatever its
                # shape: its name is the answer to how the review was run ("Model:
                # Significant Incident Learning Process.", the one review to use it, was never
                # quoted; nor Merton's "Model: Multi-Agency Child Practice Review
                # methodology", shaped as a title, for "what method did they use?")
                method_line = (labelled == "about the review" and _junk(trimmed.text, min_words)
                               and _METHOD_LABEL.match(m.group("label")) is not None)
                if labelled != "good practice" and not method_line:  # ("Good practice
                    quote = trimmed  # identified:" is praise)
            elif len(quote.text[m.end():].split()) < FIELD_VALUE_WORDS:
                continue  # a metadata field ("Model: ...", "Author: ..."), not a finding
        if _leads_a_praise_list(quote.text):
            # a list of strengths is good practice, item by item ("A number of strengths have
            # been identified ... and include: • Contribution of named/lead professionals in
            # health ..." was never quoted for good practice by health in the Baby Sama case)
            role = "good practice"
        if m := _LAST_ITEM.match(quote.text):
            # a list's last item is quoted without the "and" that joined it to the one before
            # ("and transfer of information between health visitors ...")
            quote = _trimmed(quote, chunk.text, chunk.start, len(m.group(0)))
        if role in junk or (_junk(quote.text, min_words) and not (
                method_line and len(quote.text.split()) >= METHOD_LINE_WORDS)):
            continue
        out.append((quote, "about the review" if _ABOUT_THE_REVIEW.search(quote.text)
                    else "good practice" if _PRAISE.search(quote.text) else role))
    if base is None and first_field is not None:
        # A digest entry opens with the case ("Death of a 3-month-old ...") before its
        # labelled fields: that opening is the case's account.
        out = [(q, "summary" if r is None and q.start < first_field else r) for q, r in out]
    return out


def _short_clauses_joined(text: str, offset: int, min_words: int) -> list[Quote]:
    """The sentences of ``text`` (see :func:`sentences`), where consecutive "; "-separated
    clauses of under ``min_words`` words each are joined into one: "Recommendations include:
    training for staff about working with men; use of chronologies; identifying sexual
    exploitation; ..." lost "use of chronologies" as a fragment, and "what did reviews say
    about chronologies?" quoted the clause before it. A lone short item of a list beside
    long ones is joined to the long one after it, else to the one before ("Learning:
    escalation of concerns; core and follow up assessments; ..." lost "escalation of
    concerns" as a fragment, and Find examples on escalation quoted the item after it); a
    lone "or" is not."""
    out: list[Quote] = []
    run: list[Quote] = []  # short clauses of one list, in a row

    def flush() -> None:  # the run in groups of just enough words, a short rest in the last
        if len(run) == 1 and out and _in_list(text, offset, out[-1], run[0]) and _item(run[0]):
            out[-1] = _join(text, offset, out[-1], run.pop())  # a lone item after long ones
            return
        groups: list[list[Quote]] = []
        for clause in run:
            if not groups or sum(count_words(c.text) for c in groups[-1]) >= min_words:
                groups.append([])
            groups[-1].append(clause)
        if len(groups) > 1 and sum(count_words(c.text) for c in groups[-1]) < min_words:
            tail = groups.pop()
            groups[-1] += tail
        out.extend(_join(text, offset, g[0], g[-1]) for g in groups)
        run.clear()

    for quote in sentences(text, offset):
        if count_words(quote.text) >= min_words:
            if len(run) == 1 and _in_list(text, offset, run[0], quote) and _item(run[0]):
                out.append(_join(text, offset, run.pop(), quote))
                continue
            flush()
            out.append(quote)
            continue
        if run and not _in_list(text, offset, run[-1], quote):
            flush()
        run.append(quote)
    flush()
    return out


def _item(clause: Quote) -> bool:
    """Whether a short clause says something: two words or more, not a lone "or" or "and"."""
    return count_words(clause.text) >= 2


def _in_list(text: str, offset: int, first: Quote, second: Quote) -> bool:
    """Whether ``second`` follows ``first`` after nothing but a semicolon."""
    return text[first.end - offset:second.start - offset].strip() == ";"


def _join(text: str, offset: int, first: Quote, last: Quote) -> Quote:
    """The text from ``first`` to ``last`` as one quote (``first`` itself when they are one)."""
    if first is last:
        return first
    return Quote(" ".join(text[first.start - offset:last.end - offset].split()),
                 first.start, last.end)


def field_role(label: str) -> str | None:
    """What a field label or section heading holds: "recommendation" (recommendations,
    "what needs to happen"), "good practice" (what went well), "learning" (findings,
    lessons...), "key issues" (a digest entry's: its case or its issues), "summary" (the
    case), "about the review" (its method, timeframe...), "appendix" (a report's background
    material), "keywords", "foreword", "resources", "glossary", or None. All of LEARNING_ROLES are
    learning."""
    low = label.lower()
    if "keyword" in low:
        return "keywords"
    if "foreword" in low or "preface" in low:
        return "foreword"
    if "glossary" in low:
        return "glossary"
    if any(word in low for word in ("resource", "further reading", "useful links",
                                    "guidance on", "references")):
        return "resources"
    if any(word in low for word in _PROCESS) or low.startswith("model"):
        return "about the review"  # "Model: uses the Child Practice Review process ..."
    if low.lstrip().startswith("appendix"):
        return "appendix"
    if any(word in low for word in _RECOMMENDATION):
        return "recommendation"
    if any(word in low for word in _GOOD_PRACTICE_LABELS):
        return "good practice"
    if "key issues" in low:
        return "key issues"
    if any(word in low for word in _LEARNING):
        return "learning"
    if any(word in low for word in _SUMMARY):
        return "summary"
    return None


def _roles_held(section: str, text: str) -> set[str | None]:
    """The roles (:func:`field_role`) a passage holds: its section's, and each of the field
    labels its lines open with."""
    return {field_role(section)} | {field_role(m.group("label")) for line in text.splitlines()
                                    if (m := _LABEL.match(line.strip())) is not None}


def holds_lessons(section: str, text: str) -> bool:
    """Whether a passage holds findings, learning or recommendations: its section is such a
    section, or one of its lines opens with such a field label (a digest entry read whole,
    "Summary–Keywords", holds "Learning: ..." and "Recommendations: ...": "Croydon 2018 –
    Joe: what did it recommend?" found no passage once the search read it as "Joe: ...")."""
    return not LEARNING_ROLES.isdisjoint(_roles_held(section, text))


def recommends(section: str, text: str) -> bool:
    """Whether a passage holds recommendations: its section is one ("Recommendations",
    "Areas for consideration by BBSCB"), or one of its lines opens with such a field label
    ("Recommendations include: ...")."""
    return "recommendation" in _roles_held(section, text)


def records_praise(section: str, text: str) -> bool:
    """Whether a passage records good practice: its section or a field of it is headed so
    ("What's going well?", "Good practice identified:"), or it says so ("It is positive and
    evidence of ...", a list of strengths)."""
    return "good practice" in _roles_held(section, text) or any(
        _PRAISE.search(said.text) or _leads_a_praise_list(said.text) for said in sentences(text))


def _leads_a_praise_list(sentence: str) -> bool:
    """Whether a sentence is a list's lead-in saying its items are strengths or good practice
    ("A number of strengths have been identified ... and include:")."""
    return _PRAISE_LEAD.search(sentence) is not None and sentence.rstrip().endswith(":")


def _junk(text: str, min_words: int) -> bool:
    """What the evaluation calls junk (:func:`reviewqa.retriever.junk.is_junk_sentence`), and
    more: lead-ins ending in a colon, quoted lines, short sentences that point elsewhere, and
    anything shaped like a heading."""
    if is_junk_sentence(text) is not None:
        return True
    words_ = text.split()
    if len(words_) < min_words or text.rstrip(" -–—•*").endswith(":"):  # a lead-in ("was: -")
        return True
    if _LINK.search(text) or (_SIGNPOST.search(text) and len(words_) < 25):
        return True
    # a heading or a title ("Multi-Agency Protocol for the Assessment...")
    return looks_like_title(text, share=0.6, max_words=None)


_LAST_ITEM = re.compile(r"(?:and|or)\s+(?=\S)")


def _trimmed(quote: Quote, text: str, offset: int, cut: int) -> Quote:
    """``quote`` without its first ``cut`` characters (a field label, a list's "and"),
    offsets kept true."""
    start = quote.start + cut
    end = quote.end
    while start < end and text[start - offset].isspace():
        start += 1
    return Quote(" ".join(text[start - offset:end - offset].split()), start, end)


def _role_bonus(role: str | None, lessons: bool, story: bool = False,
                recommendations: bool = False, good_practice: bool = False,
                account: bool = False) -> float:
    """Findings, learning and recommendations are what a practitioner asks for; a question
    about lessons wants them over the case's story, one about what happened the story over
    them, one about recommendations those over findings, one about what went well good
    practice over failings; nobody asks how the review was run. Good practice is what a
    question asking what went well wants, and no more than any other line otherwise ("what
    were the lessons from the Sameer case?" led with "Counselling provided by the school for
    Sameer.", from the brief's "What's going well?")."""
    if role == "good practice" and not good_practice:
        return 0.0
    if role == "key issues" and lessons and (account or not story):
        # a digest entry's "Key issues" are as often the family's history as the review's
        # issues ("Child J lived with his parents for the first weeks of his life."): less a
        # lessons question's than its learning ("what did the Luton Child J review find?"
        # quoted four lines of them, and none of its "Learning:"), and where a named review's
        # story is asked too, its account's opening tells it ("what happened to Polly and
        # what went wrong?" quoted four lines of her history and one of learning); else
        # learning
        return LEARNING_BONUS
    if role in LEARNING_ROLES:
        return LEARNING_BONUS + (LESSONS_BONUS if lessons else 0.0) - (
            LESSONS_BONUS if story and not lessons else 0.0) + (
            RECOMMENDATION_BONUS if recommendations and role == "recommendation" else 0.0) + (
            GOOD_PRACTICE_BONUS if good_practice and role == "good practice" else 0.0)
    if role in ("about the review", "appendix"):
        # An appendix is background a report gives ("Domestic abuse is about power and
        # control ..."), quoted where nothing of the review's own says as much.
        return -(LEARNING_BONUS + LESSONS_BONUS)
    if role == "summary":
        return (LESSONS_BONUS if story else 0.0) - (LESSONS_BONUS if lessons else 0.0)
    return 0.0


def _bonuses(plan: QueryPlan, candidates: list[Candidate], roles: list[str | None],
             topical: bool) -> np.ndarray:
    """Each candidate sentence's bonus for its role (:func:`_role_bonus`). Where the question
    has no topic words of its own, similarity picks any line, so the role decides:
    - "Case reviews from Sunderland": what each case was, which its account's first sentence
      says ("Death of a baby girl, Child K, who drowned in a bath..."); a passage without an
      account offers its first sentence;
    - "what did the Sameer review recommend?": its recommendations ("What needs to
      happen?") before its findings (where it has none, its learning), and a lessons
      question its learning before the rest.
    A digest entry's "Key issues", asked for by that label, are learning like the rest."""
    if plan.wants_key_issues:
        roles = ["learning" if role == "key issues" else role for role in roles]
    bonus = np.array([_role_bonus(role, plan.wants_lessons, plan.wants_story,
                                  plan.wants_recommendations, plan.wants_good_practice,
                                  plan.wants_account)
                      for role in roles])
    if plan.wants_figures:  # (a sentence that gives one, before those that do not)
        bonus += np.array([FIGURE_BONUS if gives_a_figure(quote.text) else 0.0
                           for _, quote in candidates])
    if plan.lists_reviews:
        opening: dict[int, int] = {}
        for i, ((hit, _), role) in enumerate(zip(candidates, roles, strict=True)):
            if role == "summary" and roles[opening.get(hit.chunk.id, i)] != "summary":
                opening[hit.chunk.id] = i
            opening.setdefault(hit.chunk.id, i)
        bonus[list(opening.values())] += LESSONS_BONUS
    elif plan.wants_lessons and plan.named_reviews and not topical:
        asked = _asked_roles(plan, roles)
        bonus += np.array([ROLE_FIRST if role in asked else 0.0 for role in roles])
    elif (plan.wants_account and plan.named_reviews and not topical
          and (_SUMMARY_ASKED.search(plan.topic)
               or not (plan.wants_story or _ASKS_ANYTHING.search(plan.topic)))):
        # a review's name alone ("Child K review Rochdale") asks what happened, which its
        # account's opening says, and what it found: its findings before the rest of its
        # account ("Child K was born in Rochdale.", the line closest to its name); so does a
        # summary of it ("can you summarise the Samuel, Shay and Joy practice review" gave
        # the siblings and four learning themes, and no recommendation)
        bonus += np.array([ROLE_FIRST if role in _FINDINGS_ROLES else 0.0 for role in roles])
    return bonus


# a summary of a review asked for ("can you summarise the Samuel, Shay and Joy practice
# review", "give me an overview of the Jack review")
_SUMMARY_ASKED = re.compile(r"\bsummar(?:y|ies|i[sz]e|i[sz]ing)\b|\boverview\b", re.I)
# words asking something of a review named ("what is the Child K review about?", "tell me
# about ...", "what about Jack?"), where a name said alone asks nothing more than it
_ASKS_ANYTHING = re.compile(r"\b(?:what|who|how|why|which|when|where|tell|about|happen\w*|summar\w*|"
                            r"explain|describe|say|said|says)\b|\?", re.I)


# A figure a sentence gives: a percentage, "eight times more likely", "19,448 reports", "1 in
# 10" (not a year, a paragraph's number or a child's age)
_FIGURE = re.compile(r"\b\d+(?:\.\d+)?\s*(?:%|per\s*cent\b)|\b(?:\d+|two|three|four|five|six|seven|"
                     r"eight|nine|ten)\s+times\s+(?:more|less|as|higher|greater)\b|\b\d{1,3}(?:,\d{3})+\b|"
                     r"\b\d+\s+(?:in|out\s+of)\s+(?:every\s+)?\d+\b", re.I)


def gives_a_figure(sentence: str) -> bool:
    """Whether a sentence gives a statistic (:data:`_FIGURE`)."""
    return _FIGURE.search(sentence) is not None


def _asked_roles(plan: QueryPlan, roles: Sequence[str | None]) -> frozenset[str]:
    """The roles a lessons question asks for: recommendations where it asks for them and
    some sentence is one, else all learning; none for another question."""
    if not plan.wants_lessons:
        return frozenset()
    if plan.wants_recommendations and "recommendation" in roles:
        return frozenset({"recommendation"})
    return LEARNING_ROLES


def _lessons_beside_accounts(chosen: list[Candidate], candidates: list[Candidate],
                             scores: np.ndarray, roles: list[str | None],
                             on_topic: Sequence[bool]) -> list[Candidate]:
    """For a question asking for lessons, each review quoted only in its case's account (or
    in other sentences that are no finding, learning or recommendation) also gets its best
    of those: a question that describes a case rather than names it ("lessons from the
    drowning of a baby in the bath", "what went wrong with the Luton stabbing?") matches
    the account's words, and was told what happened, never what was learnt. As in
    :meth:`Answerer._choose`, the first review is open whole and later ones only in
    sentences ``on_topic`` ("what recommendations were made about safe sleep?" gave a case
    of a baby dying on a sofa its recommendation on drug use)."""
    role = {id(c): r for c, r in zip(candidates, roles, strict=True)}
    first = candidates[0][0].review.id
    out = list(chosen)
    for review in dict.fromkeys(hit.review.id for hit, _ in chosen):
        quoted = [c for c in chosen if c[0].review.id == review]
        if any(role[id(c)] in LEARNING_ROLES for c in quoted):
            continue
        learning = [i for i, c in enumerate(candidates) if c[0].review.id == review
                    and roles[i] in LEARNING_ROLES and (review == first or on_topic[i])
                    and not any(_repeats(c, q) for q in quoted)]
        if learning:
            out.append(candidates[max(learning, key=lambda i: scores[i])])
    return out


def _with_roles(candidates: list[Candidate], roles: list[str | None],
                keep: Callable[[str | None], bool]) -> tuple[list[Candidate], list[str | None]]:
    """The candidates (and their roles) whose role ``keep`` accepts."""
    return _kept(candidates, roles, [keep(role) for role in roles])


def _in_field(candidate: Candidate, label: re.Pattern[str]) -> bool:
    """Whether a candidate sentence is of a field (a line of its passage opening with a
    label) whose label ``label`` matches ("**Learning themes include:** ...")."""
    hit, quote = candidate
    offset = hit.chunk.start
    for line in _LINES.finditer(hit.chunk.text):
        m = _LABEL.match(line[0].strip())
        if (m is not None and label.search(m[0])
                and offset + line.start() <= quote.start < offset + line.end()):
            return True
    return False


_LINES = re.compile(r"[^\n]+")


def _kept(candidates: list[Candidate], roles: list[str | None],
          mask: Sequence[bool]) -> tuple[list[Candidate], list[str | None]]:
    """The candidates (and their roles) where ``mask`` holds."""
    kept = [i for i, keep in enumerate(mask) if keep]
    return [candidates[i] for i in kept], [roles[i] for i in kept]


def _repeats(a: Candidate, b: Candidate) -> bool:
    """One sentence once: a review told by two documents (a report and a digest entry) often
    carries the same sentence, or nearly, in both. Two reviews' like sentences are two facts
    ("a 15-year-old girl / boy being placed in a secure setting")."""
    return a[0].review.id == b[0].review.id and _same_sentence(a[1], b[1])


def _same_sentence(a: Quote, b: Quote) -> bool:
    """The same sentence, or nearly (two documents' wording of one review's summary), or one
    held within the other (a digest quoting a clause of the report's sentence)."""
    wa, wb = set(words(a.text)), set(words(b.text))
    if not (wa and wb):
        return False
    shared = len(wa & wb)
    return shared / len(wa | wb) >= NEAR_DUPLICATE or shared / min(len(wa), len(wb)) >= CONTAINED


def _first_of_each(hits: Sequence[Hit]) -> list[Hit]:
    """Each review's first hit, in order."""
    firsts: dict[str, Hit] = {}
    for hit in hits:
        firsts.setdefault(hit.review.id, hit)
    return list(firsts.values())


def _best_sentences(similarity: Mapping[tuple[int, int], float] | None) -> dict[int, float]:
    """Each passage's best sentence cosine with the question, by chunk id."""
    best: dict[int, float] = {}
    for (chunk_id, _), score in (similarity or {}).items():
        best[chunk_id] = max(score, best.get(chunk_id, score))
    return best


_BACKGROUND_THEMES = frozenset({"child death"})
_WHOM_THEMES = frozenset({"infants", "adolescents"})
# a question asking which of the reviews it names ("...: which of those used the SCIE model")
_WHICH_OF_THEM = re.compile(r"\bwhich\s+(?:of\s+(?:those|these|them)|ones?)\b", re.I)
_PROCESS_THEMES = frozenset({"assessment"})  # what nearly every review covers in passing
# themes that say who acted, more often the question's setting than its topic ("my 8 year old
# hurts herself on purpose, should the school be worried" asks of self-harm)
_AGENCY_THEMES = frozenset({"schools and education", "health professionals"})


def _theme_words(question: str, themes: Collection[str], expanded: Sequence[str]) -> frozenset[str]:
    """The stems of the question's own terms for ``themes`` (in the reviews' words: a lay
    phrase says too little to tell its words from those beside it), and of the ``expanded``
    terms searched beside it; none where it names none of them."""
    terms = [term for term, theme in theme_terms_named(question) if theme.theme in themes]
    if not terms:
        return frozenset()
    return topic_stems(" ".join(terms), expanded) | _stems(" ".join(terms))


def _theme_stems(themes: Collection[str]) -> frozenset[str]:
    """The stems of the words of ``themes``' terms, lay ones included ("died")."""
    return frozenset().union(*(_stems(" ".join(theme.terms)) for name in themes
                               if (theme := get_theme(name)) is not None))


def _processes_beside(themes: Collection[str]) -> frozenset[str]:
    """The processes every review covers in passing (_PROCESS_THEMES) where ``themes``, those
    a question asks about, hold another: then they are no topic of their own."""
    return _PROCESS_THEMES if set(themes) - _PROCESS_THEMES else frozenset()


def _tagged_as_asked(hit: Hit, asked_kinds: Mapping[str, frozenset[str]]) -> set[str]:
    """The themes a hit's review is tagged with, one whose kinds the question asked only
    where its keywords name one of them: "criminal exploitation, gangs and knife crime"
    is not Jeanette's "child sexual exploitation" (see themes_named_as_asked)."""
    tagged = review_themes(hit.review.keywords)
    if not asked_kinds.keys() & set(tagged):
        return set(tagged)
    return ({theme for theme in tagged if theme not in asked_kinds}
            | themes_named_as_asked(", ".join(hit.review.keywords), asked_kinds))


def _tagged_with_asked(candidates: Sequence[Candidate], terms: frozenset[str]) -> set[str]:
    """The reviews of ``candidates`` whose own keywords hold one of two words or more that
    the question says whole (``terms``: its topic's stems): "unaccompanied asylum seeking
    children" is Child YT's keyword, said in no sentence of its entry ("Death of 17-year-old
    boy after his arrest for illegal entry into the UK ..."), and the answer had left out
    the review the search put first. A word hyphenated in the question is its words too
    ("unaccompanied asylum-seeking children", whose "asylum seek" the keyword's "asylum" and
    "seek" were not)."""
    said = terms | {part for term in terms for part in term.split()}
    return {hit.review.id for hit, _ in candidates for keyword in hit.review.keywords
            if len(stems := topic_stems(keyword)) >= 2 and stems <= said}


def _names_asked(text: str, plan: QueryPlan, expanded: Sequence[str]) -> bool:
    """Whether ``text`` names, in the reviews' words, a theme the question asks about, a
    term its lay words were searched as, or the good practice it asks for (as the question
    said it: "good practice - did any review say something went well?" read Jack's "Good
    practice identified by the school and GPs" as unrelated)."""
    return (not set(plan.themes).isdisjoint(themes_named_in(text))
            or mentions_any(text, expanded)
            or (plan.wants_good_practice and mentions(text, "good practice")))


def praised_on(question: str, plan: QueryPlan) -> frozenset[str]:
    """The stems of what a question asking what went well asks it of ("what did the police
    do well?": the police); none where it asks what went well of anyone ("did any review
    say something went well?")."""
    return topic_stems(without_asks(without_praise(plan.topic or question))) - _ANYONES_STEMS


def topic_stems(question: str, expanded: Sequence[str] = ()) -> frozenset[str]:
    """The stems of the words that say what a question is about, and of the ``expanded``
    terms searched beside it: not the words that frame it ("cases involving fabricated or
    induced illness" let in "the professionals involved"), nor the field's general words
    inside one of its theme terms or of an expanded term where the term has a word of its
    own ("safe" of "safe sleep", "abuse" of "domestic abuse": "lessons about safe sleep
    advice" quoted "the importance of formal early help in keeping children safe"; "which
    reviews mention the MASH?", searched as "multi-agency safeguarding hub" too, led with
    Baby Sama's "strengths and gaps in the multi-agency response to safeguarding babies"),
    nor the words for whom and what every review is about, where the question has another
    topic word (SUBJECT_WORDS), nor its own words for who practised and how well
    (QUALIFIER_WORDS). A compound counts whole (see :func:`_compounds`): the keys it gives
    meet those :func:`topic_words` finds in a sentence."""
    # an acronym's long form, searched for it, is said whole or not at all: "IRO" searched as
    # "independent reviewing officer" put Baby Sama's "reviewing the situation" on its topic
    # (see spelt_out)
    spelt = {term_key(long) for _, long in acronyms_typed(question)}
    expanded = [term for term in expanded if term_key(term) not in spelt]
    rest, compounds = zip(*(_compounds(text) for text in (question, *expanded)), strict=True)
    phrases = [*theme_phrases(question), *(words(term) for term in expanded)]
    general = {w for phrase in phrases if not {_key(x) for x in phrase} <= _GENERAL_STEMS
               for w in phrase if _key(w) in _GENERAL_STEMS} | words_kinds_share(question)
    # so is a compound of them ("multi-agency" of "multi-agency safeguarding hub": "what did
    # reviews say about the MASH?" quoted the same line), unless the question says it itself
    general_keys = {key for term in expanded for a, b in hyphenated_words(term)
                    if {a, b} <= general for key in (f"{_key(a)} {_key(b)}", _joined(a, b))}
    keys = frozenset().union(*compounds) - (general_keys - compounds[0])
    stems = _stems(" ".join(rest)) - _stems(" ".join(FRAMING | general))
    secondary = _SUBJECT_STEMS | _ROLE_STEMS | (_QUALIFIER_STEMS - _stems(" ".join(rest[1:])))
    return (stems - secondary if keys or stems - secondary else stems) | keys


@lru_cache(maxsize=8192)
def topic_words(text: str) -> frozenset[str]:
    """A sentence's stems, with its hyphenated words written as one, and the keys of each
    two words it holds side by side, and of the PHRASES_WHOLE it holds, to meet the compounds
    of :func:`topic_stems`."""
    written = words(text)
    said = [_key(w) for w in written]
    keys = {_joined(a, b) for a, b in hyphenated_words(text)}
    keys |= {f"{a} {b}" for a, b in zip(said, said[1:], strict=False) if a and b}
    keys |= {PHRASES_WHOLE.get(pair, "") for pair in zip(written, written[1:], strict=False)}
    return _stems(text) | (keys - {""})


def _compounds(text: str) -> tuple[str, frozenset[str]]:
    """``text`` less its compounds, and their keys, by which a sentence holds one: a
    hyphenated word's two words side by side or written as one ("bed-sharing": "bed
    sharing", "bedsharing"), where a sentence holding only one of them is not on it
    ("information sharing" is not bed-sharing, "co-operation" not co-sleeping); a word for
    those who do a job (ROLE_HEADS) by the word before it ("housing officers": "housing"),
    or by the two side by side where that word is one every review uses ("young carers");
    and the PHRASES_WHOLE, by their two words side by side ("lived experience": not
    "living in the same home", which the crude stems join to "lived")."""
    hyphenated = hyphenated_words(text)
    keys = {f"{_key(a)} {_key(b)}" for a, b in hyphenated} | {_joined(a, b) for a, b in hyphenated}
    said = words(_HYPHENATED.sub(" ", text))
    dropped: set[int] = set()
    for i, (before, head) in enumerate(zip(said, said[1:], strict=False)):
        if phrase := PHRASES_WHOLE.get((before, head)):
            dropped |= {i, i + 1}
            keys.add(phrase)
        elif (head in ROLE_HEADS and len(before) > 1  # not the "s" of "the children's carers"
                and before not in STOPWORDS and before not in FRAMING):
            dropped.add(i + 1)
            if before in GENERAL_WORDS or before in SUBJECT_WORDS:
                dropped.add(i)
                keys.add(f"{_key(before)} {_key(head)}")
    return " ".join(w for i, w in enumerate(said) if i not in dropped), frozenset(keys - {""})


def hyphenated_words(text: str) -> list[tuple[str, str]]:
    """The two parts of each hyphenated word of ``text``, lower-cased ("trauma-informed":
    ("trauma", "informed"))."""
    return _HYPHENATED.findall(text.lower())


def _joined(first: str, second: str) -> str:
    """The key of a hyphenated word written as one ("wellbeing"), where its stem keeps some of
    the second part: six letters of "social-workers" are "social", which alone is no key
    of the compound."""
    return _key(first + second) if len(_key(first + second)) > len(_key(first)) else ""


def _key(word: str) -> str:
    """A word as :func:`_stems` keys it."""
    return word if word in SHARED_STEMS else _stem(word)


def _stem(word: str) -> str:
    """A word crudely stemmed: its plural or suffix off ("ations", "ings", "ed", "es", "s"
    but not of "ss", "ly", "ments"), a consonant it doubled before the suffix undone, a
    closing "e" off a stem of five letters or more ("house" as "housing", "assess" as
    "assessment"; "care" is not "car"), six letters at most."""
    base = IRREGULAR_PLURALS.get(word, word)
    stem = _SUFFIX.sub("", base)
    stem = _DOUBLED.sub(r"\1", stem) if stem != base else stem
    return (stem[:-1] if stem.endswith("e") and len(stem) > 4 else stem)[:6]


@lru_cache(maxsize=8192)  # each candidate sentence is read for its score and its topic
def _stems(text: str) -> frozenset[str]:
    """Content words, crudely stemmed; two letters are a word once stemmed ("GPs" and "GP").
    A word the stemmer would join to another sense is kept whole ("missing" is not "missed":
    see lexical.SHARED_STEMS), and what "didn't" leaves beside its "t" is none ("the police
    didn't pass on information" quoted Baby Bailey's mother who "didn't present for antenatal
    care")."""
    return frozenset(w if w in SHARED_STEMS else stem for w in words(text)
                     if w not in STOPWORDS and w not in CONTRACTED
                     if len(stem := _stem(w)) >= 2)


_SUBJECT_STEMS = _stems(" ".join(SUBJECT_WORDS))
_GENERAL_STEMS = _stems(" ".join(GENERAL_WORDS))  # (a plural is its word: "concerns" of "escalate concerns")
_ROLE_STEMS = _stems(" ".join(ROLE_HEADS))
_QUALIFIER_STEMS = _stems(" ".join(QUALIFIER_WORDS))
# (and the words for a review recording it: "which reviews identified good practice?" asked it
# of "identified", and quoted two reviews of the six)
_ANYONES_STEMS = _QUALIFIER_STEMS | _stems("staff identified noted recorded highlighted found "
                                            "things want "  # ("a case where things went well")
                                            # ("did anyone do anything right?": Haringey's
                                            # good practice was quoted under NO_PRAISE)
                                            "anyone anybody someone somebody anything")


def _as_excerpt(sentence: str) -> str:
    """A sentence that starts mid-list ("and review whether...") is shown as the excerpt it is."""
    return f"…{sentence}" if sentence[:1].islower() else sentence


# the words any method is asked of in ("used", "model", "guidance"), as topic stems: what is
# left names the method ("significant incident", "learning together", "welsh")
METHOD_SHARE = 2 / 3  # of a method's words, those a review's "Model:" line must say
_METHOD_STEMS = topic_stems("use used follow model method methodology approach process framework "
                            "guidance")  # ("review" is no topic word already)


def _places_in(chosen: list[Candidate], candidates: list[Candidate]) -> list[int]:
    """Where each of ``chosen`` stands in ``candidates``, whose tuples they are."""
    at = {id(candidate): i for i, candidate in enumerate(candidates)}
    return [at[id(candidate)] for candidate in chosen]


def _keys(candidates: list[Candidate], places: Iterable[int]) -> set[tuple[int, int]]:
    """The candidates at ``places`` as (chunk id, start), as :func:`_term_sentences_first`
    takes them."""
    return {(candidates[i][0].chunk.id, candidates[i][1].start) for i in places}


def _naming_a_method(picked: Sequence[int], candidates: list[Candidate],
                     roles: Sequence[str | None], method: frozenset[str],
                     expanded: Sequence[str]) -> set[str]:
    """The reviews of the ``picked`` candidates with a sentence about the review (its
    "Model:" line) that holds the ``method`` stems, all but a third of them at most (a
    method named two ways: "SCIE (Social Care Institute for Excellence) Learning Together or
    systems methodology" showed Fenestra's "SCIE Learning Together methodology" as less
    close, for want of "systems"), or a term searched for it (SILP's "significant incident
    learning process"); none where the question names no method."""
    if not method:
        return set()
    return {candidates[i][0].review.id for i in picked
            if roles[i] == "about the review"
            and (len(method & topic_words(candidates[i][1].text)) >= math.ceil(
                len(method) * METHOD_SHARE) or mentions_any(candidates[i][1].text, expanded))}


def _less_close(picked: Sequence[int], candidates: list[Candidate], scores: np.ndarray,
                margin: float, saying: Callable[[int], bool]) -> set[str]:
    """The reviews of the ``picked`` candidates whose best sentence scores more than
    ``margin`` below the best of all, less those with a sentence ``saying`` enough of the
    question (asked of its place in ``candidates``)."""
    best = _best_by_review(candidates, scores, picked)
    kept: set[str] = set()
    for i in picked:
        review_id = candidates[i][0].review.id
        if review_id not in kept and saying(i):
            kept.add(review_id)
    top = max(best.values(), default=0.0)
    return {review_id for review_id, s in best.items() if s < top - margin} - kept


def with_one_close(answer: Answer, review_id: str) -> Answer:
    """The answer with the reviews but ``review_id``'s, its first, shown as less close."""
    for group in answer.groups:
        group.less_close = group.review_id != review_id
    answer.text = grouped_text(answer.groups)
    return answer


def grouped_text(groups: Sequence[ReviewGroup]) -> str:
    """The groups' text, those less close after the others under :data:`LESS_CLOSE`."""
    close = [group_text(g) for g in groups if not g.less_close]
    further = [group_text(g) for g in groups if g.less_close]
    return "\n\n".join(close + [LESS_CLOSE] + further if close and further else close + further)


def _assemble(question: str, chosen: list[Candidate], hits: list[Hit],
              leading: Collection[str] = (), apart: Collection[str] = (),
              named: Mapping[str, int] | None = None) -> Answer:
    """Groups the chosen sentences by review (the ``leading`` reviews first, then those
    ``named`` by their place in the question, then in rank order, those ``apart`` last, less
    close; sentences in text order) and numbers the passages they come from."""
    order = {h.chunk.id: i for i, h in enumerate(hits)}
    said = named or {}
    review_rank: dict[str, tuple[bool, bool, int, int]] = {}
    for hit, _ in chosen:  # a review's first chosen sentence is its best
        review_rank.setdefault(hit.review.id, (hit.review.id in apart, hit.review.id not in leading,
                                               said.get(hit.review.id, len(said)), order[hit.chunk.id]))
    chosen.sort(key=lambda hq: (review_rank[hq[0].review.id], hq[0].chunk.document_id, hq[1].start))
    citations: dict[int, Citation] = {}
    groups: dict[str, ReviewGroup] = {}
    for hit, quote in chosen:
        citation = citations.setdefault(hit.chunk.id, Citation(len(citations) + 1, hit))
        citation.quotes.append(quote)
        group = groups.setdefault(hit.review.id, ReviewGroup(
            hit.review.id, hit.review.heading, less_close=hit.review.id in apart))
        group.sentences.append((_as_excerpt(quote.text), citation.number))
    return Answer(question=question, text=grouped_text(list(groups.values())), kind="extractive",
                  citations=list(citations.values()), hits=hits, groups=list(groups.values()))
