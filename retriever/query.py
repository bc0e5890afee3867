"""The question as searched: cleaned once, then read for the places, years and reviews it
names, before any search or answer."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol, TypeVar

from reviewqa.corpus.places import areas_in, outside_wider_places, place_name, places_named, written_out
from reviewqa.corpus.structure import REVIEW_TYPES, TYPE_ABBREVIATIONS
from reviewqa.corpus.taxonomy import (
    acronym_themes,
    theme_spans,
    themes_in_query,
    welsh_terms,
    welsh_words_in,
)
from reviewqa.corpus.text import holds_words, said_as_list, visible, words
from reviewqa.corpus.types import Filters, QueryError, is_valid_unicode, review_heading
from reviewqa.settings import MAX_QUERY_CHARS

from .children import AgeAsked, SexAsked, age_asked, death_asked, sex_asked, survival_asked
from .lexical import FRAMING, STOPWORDS


def clean_question(question: object) -> str:
    """The question trimmed, its whitespace folded, its compatibility forms folded (NFKC:
    full-width letters, ligatures) and its invisible characters gone (a zero-width space
    inside "n\u200bame" hid the word from the search); a question that is empty, holds no
    letter or digit, or is longer than MAX_QUERY_CHARS is a :class:`QueryError` (a longer
    one had been cut without a word: what was left out went unsearched, unsaid)."""
    if not isinstance(question, str):
        raise QueryError("the question must be text")
    if not is_valid_unicode(question):
        # (a command line's undecodable byte, or a lone surrogate in JSON: the model's
        # tokenizer raised TypeError on it)
        bad = next(ch for ch in question if "\ud800" <= ch <= "\udfff")
        raise QueryError(f"the question is not valid text: it holds {bad!a}, which is "
                         "no character (is it UTF-8?)")
    cleaned = " ".join(visible(question).split())
    if not cleaned:
        raise QueryError("the question is empty")
    if not any(ch.isalnum() for ch in cleaned):
        raise QueryError("the question has no words to search for")
    if len(cleaned) > MAX_QUERY_CHARS:
        raise QueryError(f"the question is {len(cleaned):,} characters long; a question may "
                         f"be at most {MAX_QUERY_CHARS:,}: ask it in fewer words")
    return cleaned


# -- query understanding ---------------------------------------------------------------------

# "since 2017", "from 2017 onwards", "after 2016" (2017 on); "reviews from 2017" alone are
# that year's, as "reviews from Bradford" are that place's ("anything from 2020" too: it had
# been 2020 on).
_YEAR_FROM = re.compile(r"\b(?:since|starting(?: in)?)\s+(?P<year>(?:19|20)\d\d)\b|"
                        r"\bfrom\s+(?P<first>(?:19|20)\d\d)\s+(?:on|onwards?|or later|and later)\b|"
                        r"\bafter\s+(?P<before>(?:19|20)\d\d)\b", re.I)
_YEAR_ONLY = re.compile(r"\b(?:reviews|cases|scrs|reports|briefs|anything|something|everything)\b"
                        r"(?:\s+\S+){0,6}?\s+from\s+"
                        r"((?:19|20)\d\d)\b", re.I)
_YEAR_FROM_ANY = re.compile(r"\bfrom\s+((?:19|20)\d\d)\b", re.I)  # "neglect from 2016": 2016 on
_YEAR_TO = re.compile(r"\b(?:before|until|up to|prior to)\s+((?:19|20)\d\d)\b", re.I)
_YEAR_SPAN = re.compile(r"\b(?:between|from)\s+((?:19|20)\d\d)\s*(?:and|to|-|–|until)\s*"
                        r"((?:19|20)\d\d)\b", re.I)
# "recent reviews", "the latest case reviews", "newest SCRs": the newest years of the index
# (a "recent" alone is not: "the mother's recent drug use").
_RECENT = re.compile(r"\b(?:recent|latest|newest)\s+(?:\w+\s+)?(?:reviews?|cases?|reports?|"
                     r"scrs?|cscprs?|lcsprs?|learning)\b", re.I)
RECENT_YEARS = 3  # "recent" is the newest year of the index and the two before it
# "the oldest review", "earliest cases about neglect": the oldest year of the index ("what's
# the oldest review?" quoted Baby Sama's timeframe)
_OLDEST = re.compile(r"\b(?:oldest|earliest)\s+(?:\w+\s+)?(?:reviews?|cases?|reports?|scrs?|cscprs?|"
                     r"lcsprs?|ones?)\b|\b(?:oldest|earliest)\W*$", re.I)
_YEAR_IN = re.compile(r"\b(?:publish(?:ed)?|reviews?|reported|written)\s+(?:in\s+)?((?:19|20)\d\d)\b"
                      # (not the span a title gives: "the Bucks CSE review 1998-2016", nor
                      # "the Buckinghamshire 1998-2016 review" below)
                      r"(?!\s*[-–]\s*(?:19|20)\d\d)"
                      r"|(?<![-–])(?<![-–]\s)\b((?:19|20)\d\d)\s+(?:case\s+)?reviews?\b"
                      # "2017 neglect reviews", "2016 domestic abuse cases" (not "the 2022
                      # thematic review": the year of its cases)
                      r"|\b((?:19|20)\d\d)\s+(?:(?!(?:and|or|the|a|an|in|of|to|for|with|by|on|"
                      r"at|when|where|while|after|before|but)\b)[a-z][\w'’-]*\s+){1,3}"
                      r"(?:case\s+)?(?:reviews|cases|scrs)\b"
                      # "the 2017 Bradford review", "the 2018 Sunderland serious case reviews"
                      r"|\b((?:19|20)\d\d)\s+(?:(?-i:[A-Z][\w'’-]*)\s+){1,3}"
                      r"(?:serious\s+case\s+|(?:local\s+)?(?:child\s+)?safeguarding\s+practice\s+|"
                      r"case\s+|learning\s+)?(?:reviews?|scrs?|briefs?)\b", re.I)
# A place then a year is a review's place and year, as the reviews are named ("Sunderland
# 2018", "neglect in Birmingham 2017"), and so is a place "in" a year after words for
# reviews ("reviews from Sunderland in 2018"); each was searched across every year. (Not
# "a baby who died in Sunderland in 2016": the year of what happened.) See _year_after_place.
_YEAR_NEXT = r"(?:['’]s)?\s+((?:19|20)\d\d)\b(?!\s*[-–]\s*(?:19|20)\d\d)"  # (not a span)
_IN_A_YEAR = r"\s+in\s+((?:19|20)\d\d)\b"
_REVIEWS_WORD = re.compile(r"\b(?:reviews?|scrs?|cases|reports|briefs)\b", re.I)


def _year_after_place(question: str, places_said: Sequence[str]) -> re.Match[str] | None:
    """The year a question says right after a place it names, or "in" a year after a word
    for reviews (see _YEAR_NEXT)."""
    for place in map(re.escape, places_said):
        if m := re.search(rf"\b{place}{_YEAR_NEXT}", question, re.I):
            return m
        if (m := re.search(rf"\b{place}{_IN_A_YEAR}", question, re.I)) and (
                _REVIEWS_WORD.search(question[:m.start()])):
            return m
    return None


# The words asking what was learnt, of those asking for lessons below (not "find" nor "went
# wrong": "what did reviews find about sexual abuse in the family?" is answered by the cases too)
# (not "learning disabilities", a learning brief, nor SCIE's "Learning Together" model)
_LEARNT = (r"lessons?|learn(?:ing|t|ed)?(?!\s+(?:disabilit|difficult|briefs?\b|reviews?\b|together\b))|"
           r"recommend\w*(?:\s+(?:were|was|have\s+been|had\s+been)\s+made)?|findings?")
_ASKS_LEARNT = re.compile(rf"\b(?:{_LEARNT})\b", re.I)
# what a review puts to its board in place of recommendations ("what did the review say the
# board should consider?" after Baby Sama's pre-birth assessment quoted its commissioning;
# Fenestra's "considerations for the LSCB")
_CONSIDER = (r"considerations?|(?:board|lscb|partnership|panel)\s+(?:should|to|must|might)\s+consider|"
             r"should\s+(?:the\s+)?(?:board|lscb|partnership|panel)\s+consider")
_LESSONS = re.compile(rf"\b(?:(?:key|main|learning|teaching)\s+(?:messages?|points?)|learning\s+themes?|"
                      rf"{_LEARNT}|{_CONSIDER}|"
                      r"should\s+(?:have|be)|"
                      r"what\s+needs?\s+to\s+(?:happen|change)|improve\w*|actions?|"
                      # not a search's "find reviews where ...", nor "drugs were found"
                      r"find(?!\s+(?:me\s+)?(?:reviews?|cases?|examples?|reports?)\b)|"
                      r"(?<!were\s)found(?!\s+(?:dead|guilty|unresponsive)\b)|"
                      r"(?:went|go|goes|gone|going)\s+wrong|(?:get|got|gets|getting)\s+wrong|wrong|failings?|"
                      # "what was missed?", not "missed health appointments"
                      r"mistakes?|missed(?!\s+(?:\w+\s+)?(?:appointments?|visits?|checks?))|"
                      r"(?:issues?|problems?)\s+(?:with|in|around)|"
                      r"take-?aways?|take\s+(?:away\s+)?from|"
                      r"practice\s+points?)\b", re.I)
# How practitioners at large acted, which any passage on the topic tells ("how did
# professionals respond to missed health appointments?" quoted a YOI's "immediate response";
# "did professionals consider the impact of poverty?", "the LSCB consider questions");
# not a named role's ("how should health visitors respond ...": the role is the topic).
_HOW_THEY_ACTED = re.compile(r"\b(?:how\s+(?:well\s+)?)?(?:did|do|does|should|could)\s+(?:the\s+)?"
                             r"(?:professionals?|practitioners?|agencies|services|staff|workers)"
                             r"\s+(?:(?:respond|react|deal|handle|manage|consider)\w*(?:\s+(?:to|with))?|"
                             r"think\s+about|take\s+(?:into\s+)?account\s+of)", re.I)
_RECOMMENDS = re.compile(r"\brecommend\w*|\bwhat\s+needs?\s+to\s+(?:happen|change)\b|"
                         rf"\bwhat\s+should\s+(?:be|have\s+been)\s+done\b|\b(?:{_CONSIDER})\b", re.I)
# What went well: reviews record good practice beside failings ("Good practice identified: ...").
_GOOD_PRACTICE = re.compile(r"\bgood\s+(?:practice|work|joint|multi|partnership|examples?)|"
                            r"\b(?:went|do|does|done|did|worked|work|works|working|go|goes)\s+"
                            r"(?:(?:really|very|so|quite)\s+)?(?:well|right)\b|\bstrengths?\b|"
                            r"\bpositive\s+(?:practice|examples?)\b|\bwhat\s+worked(?:\s+well)?\b|"
                            # "did something right", "praised", "good information sharing" (of
                            # which only "good" asks for praise: the rest is its topic)
                            r"\b(?:did|do|does|done|got|get|gets)\s+(?:(?:something|anything|things?|it|this|that|"
                            r"much|most|everything|any)\s+){0,2}?right\b|"
                            r"\bpraise[ds]?\b|\bcommended\b|\bexamples?\s+of\s+good(?:\s+(?:practice|work))?\b|"
                            r"\bgood(?=\s+(?:[\w-]+\s+){0,2}?(?:sharing|working|communication|"
                            r"responses?|assessments?)\b)", re.I)
# ...unless it asks what went wrong as well ("strengths and weaknesses"; "good examples of
# escalation not working").
_FAILINGS = re.compile(r"\bwrong\b|\bfail\w*|\bmistakes?\b|\bweakness\w*|\bgaps?\b|"
                       r"(?:\bnot|\bnever|n['’]t)\s+work(?:ing|ed|s)?\b|"
                       r"\bshortcomings?\b|\bpoor\b|(?:\bnot|\bnever|n't)(?:\s+\w+){1,3}?\s+well\b",
                       re.I)  # "what didn't the police do well?"
# Which themes the reviews share: "what are the common themes across these reviews?", "which
# themes come up most?" (answered beside the passages by the reviews' own tags).
_ASKS_THEMES = re.compile(r"\b(?:common|main|recurring|frequent|key|top|biggest)\s+themes?\b|"
                          # "the most common failings across the reviews": not "key findings
                          # about neglect", which asks for passages
                          r"\b(?:common|recurring|frequent)\s+(?:failings?|failures?|issues|"
                          r"problems|mistakes|weaknesses|findings|lessons|concerns)\b|"
                          r"\bwhat\s+(?:are\s+the\s+)?themes?\b|\bwhich\s+themes?\b|"
                          # "do they share any themes?", "themes in common"
                          r"\b(?:share|shared|sharing)\s+(?:any\s+|the\s+same\s+|some\s+)?themes?\b|"
                          r"\bthemes?\s+(?:in\s+common|they\s+share|shared)\b|"
                          r"\bthemes?\s+(?:come\s+up|recur|appear|emerge)", re.I)
# How many reviews the index holds ("how many reviews are there?", "how many serious case
# reviews from Bradford?", "the number of reviews about neglect", "what proportion of reviews
# involve neglect"): the catalogue answers it.
_COUNTS_REVIEWS = re.compile(r"\b(?:how\s+many|(?:number|proportion|percentage|share|fraction)\s+of)\s+"
                             r"(?:\w+\s+){0,3}?"
                             r"(?:reviews|cases|scrs|briefs|reports)\b", re.I)
# "Which reviews mention the MASH?", "do any refer to ...", "which use the term ...".
_ASKS_MENTION = re.compile(r"\b(?:mention(?:s|ed|ing)?|refers?\s+to|(?:use|uses|used)"
                           r"\s+the\s+(?:words?|terms?|phrase))\b", re.I)
# A fact the catalogue records of a review the question names, asked outright: "who wrote
# the Baby Sama review?" quoted the family's words on her death, "when was the Sameer review
# published?" the story of his abuse. (Not "what year did Child K die?": when the review was
# published, not when its events happened.)
_REVIEW_NOUN = r"(?:review|report|brief|scr|cspr|lcspr)s?"
ASKS_FIELD = {
    # not "who chaired the review panel?": a review's chair is not its author
    "authors": re.compile(r"\bwho\s+(?:wrote|authored|led|conducted|carried\s+out|"
                          rf"undertook|did)\s+(?:the\s+|this\s+|that\s+)?(?:\S+\s+){{0,5}}?"
                          rf"{_REVIEW_NOUN}\b|\bauthors?\s+of\s+(?:the\s+|this\s+|that\s+)?"
                          rf"(?:\S+\s+){{0,5}}?{_REVIEW_NOUN}\b|\b{_REVIEW_NOUN}[’']?s?\s+authors?\b|"
                          r"\bwho\s+(?:was|were|is|are)\s+(?:the\s+|its\s+)?(?:authors?|reviewers?)\b|"
                          r"\bwritten\s+by\b|\b(?:lead|independent)\s+(?:reviewers?|authors?)\b",
                          re.I),
    "year": re.compile(r"\b(?:when|what\s+year|which\s+year|what\s+date)\b.*\b(?:published|"
                       r"publish|written|completed|released|come\s+out|came\s+out)\b|"
                       r"\b(?:publication|published)\s+(?:date|year)\b|"
                       r"\bdate\s+of\s+publication\b", re.I),
    "type": re.compile(rf"\bwhat\s+(?:kind|type|sort)\s+of\s+{_REVIEW_NOUN}\b", re.I),
}
_HAPPENED = re.compile(r"\bwhat\s+happened\b|\bhappened\s+to\b", re.I)  # (the story asked by name)
_STORY = re.compile(_HAPPENED.pattern + r"|\bwho\s+(?:was|were)\b|"
                    r"\bhow\s+did\b.*\bdie\b|\bbackground\b|\bcircumstances\b|"
                    r"\btell\s+me\s+(?:more\s+)?about\b|\bwhat\s+was\s+the\s+(?:story|case)\b|"
                    r"\b(?:summari[sz]e|explain|describe)\s+(?:the\s+(?:\S+\s+){0,4}?(?:review|"
                    r"case|story)\b|what\s+happened)", re.I)
# and, of a review the question names, a summary of it ("a short case summary of the Baby
# Sama review"; not "a summary of what reviews say about neglect", which asks for findings)
_CASE_SUMMARY = re.compile(r"\bsummary\s+of\b|\bcase\s+summary\b|\boverview\s+of\b", re.I)
# (Those at large who acted as well: "how did services respond to children running away?")
_ACROSS = re.compile(r"\b(?:reviews|cases|lessons|professionals|practitioners|agencies|services)\b"
                     r"|\brecommend\w*", re.I)
# What a trainer wants examples for, not what they are of, at the end of a question asking
# for them: "give me case examples of neglect for a training session" quoted neglect
# strategies' "training strategy" and no case. Only there: "what recommendations were made
# for training?" asks about training.
_FOR_TRAINING = re.compile(r"\b(?:examples?|case\s+stud(?:y|ies)|cases?)\b.*?(\s+(?:for|to\s+use\s+"
                           r"(?:in|for))\s+(?:a\s+|an\s+|my\s+|our\s+|the\s+)?(?:training|teaching)"
                           r"(?:\s+(?:session|course|day|event|workshop|presentation|pack))?)\W*$",
                           re.I)
# ...or what the asker will use them as or in, however they ask ("which reviews highlight
# good practice I could use as positive examples" was told no passage records good practice
# "on this": "positive examples" was searched as its topic), where that is all it says
_TO_USE = re.compile(r"\b(?:examples?|case\s+stud(?:y|ies)|cases?|reviews?|practice)\b.*?"
                     r"(\s+(?:(?:that|which)\s+)?(?:(?:I|we)\s+(?:could|can|might|would|will)\s+"
                     r"|to\s+)(?:use\s+(?:in|for|as|with)\s+(?:a\s+|an\s+|my\s+|our\s+|the\s+|some\s+)?"
                     r"(?:(?:positive|good|case|real|practice)\s+)*(?:training|teaching|examples?|"
                     r"case\s+stud(?:y|ies)|slides|handouts?)(?:\s+(?:session|course|day|event|"
                     r"workshop|presentation|pack|materials?))?|"
                     # ("... examples of good practice I can share with my team" was told no
                     # passage records good practice "on this": sharing with a team)
                     r"(?:share|show|use|take|present)\s+(?:with|to|in|at)\s+(?:my|our|the)\s+"
                     r"(?:team|staff|colleagues|students|group|meeting|supervision|service)))\W*$", re.I)
_REVIEW_WORDS = re.compile(r"\b(?:(?:serious\s+case|safeguarding\s+practice|learning)\s+)?"
                           r"(?:reviews?|case|report|brief)\b", re.I)
# Beside stopwords, the words of a question that asks only which reviews a place or a year
# has ("Case reviews from Sunderland", "What reviews are there from Nottingham?", "Which
# reviews were published in 2024?"): with the place and the year taken out, nothing is left
# to ask but what the cases were.
_LIST_WORDS = frozenset("""list show publish published come comes came there any all serious since onwards
safeguarding practice local child children scr scrs cspr lcspr report reports recent latest
newest oldest earliest year years summarise summarize summary summaries overview own happened
database collection corpus index library altogether total overall
compare comparing contrast both two three four five differ differs differed difference
differences ones another region area county patch common cause causes
carried conducted undertaken done held written produced commissioned summarised summarized
included contained listed featured
january february march april may june july august september october november december
""".split())  # "the latest review in the database", "what's in the Torbay January 2024 digest";
# "which reviews came from Birmingham?" and "compare the two Swindon reviews" had quoted one;
# "which reviews were carried out in Hertfordshire?" one of three, and "how many SCRs are
# summarised in the South Glos newsletter?" was told what else it counts is not counted
# "What is a serious case review?", "what does LCSPR mean?": what a review type is, not its
# reviews (it confined the answer to the serious case reviews and listed six of them).
_DEFINES = re.compile(r"^\W*(?:what\s+(?:is|are)\s+(?:an?\s+)?(?!the\b)|what\s+does\b.*\bmean\b|"
                      r"define\b|(?:the\s+)?(?:meaning|definition)\s+of\b)", re.I)


# Review types a question can name: the four nations' types as printed (the vocabulary the
# corpus reads them with), "practice review" for any of them, and the abbreviations, in
# capitals ("CMR", "SCRs").
_CANONICAL_TYPE = dict(REVIEW_TYPES)
_TYPE_SAID = re.compile(
    r"(?<!\w)(" + "|".join(r"[\s-]+".join(map(re.escape, phrase.split())) for phrase in sorted(
        {*_CANONICAL_TYPE, "practice review"}, key=len, reverse=True)) + r")s?(?!\w)"
    # (the national Child Safeguarding Practice Review Panel is no type, nor a way of
    # reviewing: "the Welsh child practice review methodology" was told no review is one)
    r"(?!\s+(?:panel|methodolog\w*|methods?|models?|guidance|process|approach|framework)\b)", re.I)
_ABBREVIATION_SAID = re.compile(r"(?<!\w)(" + "|".join(TYPE_ABBREVIATIONS) + r")s?(?!\w)")


@dataclass(frozen=True)
class ReviewName:
    """What a question can name a review by: its id, title, and area (and its year and
    type, which a question can confine to)."""

    id: str
    title: str
    area: str | None
    year: int | None = None
    type: str | None = None
    also: tuple[str, ...] = ()  # other types the line recording its type names ("thematic review")


Named = tuple[ReviewName, list[tuple[int, int]]]  # a review and the spans that name it


class Catalogue:
    """The index's areas and reviews as a question may name them, with what a question is
    read against worked out once: the review types, the newest and oldest years, and each
    review by the last word of each name it goes by (see :func:`_title_names`), so that a
    question is matched against the few reviews whose names' words it holds. Read review by review, a
    catalogue of 5,000 reviews cost 0.5 s a question."""

    def __init__(self, areas: Sequence[str], reviews: Sequence[ReviewName]):
        self.areas = sorted(set(areas))
        self.reviews = list(reviews)
        self.types = sorted({t for r in self.reviews for t in (r.type, *r.also) if t})
        self.newest = max((r.year for r in self.reviews if r.year), default=None)
        self.oldest = min((r.year for r in self.reviews if r.year), default=None)
        self.titles = [r.title for r in self.reviews]
        self._by_word: dict[str, list[int]] = {}
        for i, review in enumerate(self.reviews):
            for name in _title_names(review.title):
                self._by_word.setdefault(_WORD.findall(name)[-1].lower(), []).append(i)

    def names_said(self, question: str, *, alone: bool = False) -> list[Named]:
        """The reviews the question names by title (:func:`_name_spans`), in its order, each
        with where it names them: :func:`reviews_named`, looked up by the names' words."""
        said = set(_WORD.findall(question.lower()))
        said |= {word[:-1] for word in said if word.endswith("s")}  # "Harrys death"
        held = {i for word in said for i in self._by_word.get(word, ())}
        return _names_said(question, [self.reviews[i] for i in sorted(held)], alone=alone)


def reviews_named(question: str, reviews: Sequence[ReviewName], *,
                  alone: bool = False) -> list[ReviewName]:
    """Those of ``reviews`` the question names (:func:`_name_spans`), in its order; a name
    inside another's is that one's ("the Charlie and Sam review" names no Child Sam, "Child
    L and Child J" no Child L)."""
    return [review for review, _ in _names_said(question, reviews, alone=alone)]


def _names_said(question: str, reviews: Sequence[ReviewName], *, alone: bool) -> list[Named]:
    """:func:`reviews_named`, each review with its spans, in the order the question names
    them."""
    found = sorted(((review, spans) for review in reviews
                    if (spans := _name_spans(question, review, alone=alone))),
                   key=lambda found: min(start for start, _ in found[1]))
    return [(review, spans) for review, spans in found
            if not all(any(a <= start and end <= b and (a, b) != (start, end)
                           for other, theirs in found if other is not review for a, b in theirs)
                       for start, end in spans)]


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SourceName:
    """What a question can name a source document by ("the Torbay repository", "the South
    Gloucestershire newsletter"): its title, its publisher and the publisher's place, said
    with a word for a document, as ``label`` in messages."""

    id: int
    title: str
    names: tuple[str, ...]  # the publisher and its place
    label: str  # "Torbay Safeguarding Children Partnership's “NSPCC Repository - January 2024”"


# Words that name a document ("the Torbay repository", "the NSPCC list"): with a publisher's
# name they name its document, not its place.
_DOCUMENT_WORDS = frozenset("""document digest newsletter bulletin repository list report
overview brief briefing summary""".split())
_DOCUMENT_WORD = "(?:" + "|".join(sorted(_DOCUMENT_WORDS)) + ")"
_DOCUMENT_SAID = re.compile(rf"\b{_DOCUMENT_WORD}s?\b", re.I)
_SAYS_WORDS = frozenset("say says said hold holds contain contains cover covers".split())
# A document named by its kind alone, and the words of the titles of that kind
_KIND_TITLES = {"newsletter": {"news", "newsletter"}, "bulletin": {"news", "bulletin"},
                "repository": {"repository"}}
_KIND_SAID = re.compile(rf"\bthe\s+({'|'.join(_KIND_TITLES)})\b", re.I)


@dataclass(frozen=True)
class QueryPlan:
    """What a question says beside its topic: places, years, reviews it names, and whether
    it asks for lessons or recommendations. Empty fields constrain nothing."""

    # The place the question names, as it names it (for messages), and the index's areas in
    # it: every area that contains an area named, or those in a nation, London or a local
    # authority named; none where no review of the index is from the place.
    areas: tuple[str, ...] = ()
    place: str | None = None
    places_absent: tuple[str, ...] = ()  # other places it names, from which no review is
    # A place the question leaves out ("not in London", "outside Bradford", "apart from
    # Merton"), as it names it, and the index's areas in it, whose reviews are not searched.
    areas_left_out: tuple[str, ...] = ()
    place_left_out: str | None = None
    # Reviews it names to leave out ("domestic abuse and babies but not the Baby Sama one"),
    # by id, and their titles.
    reviews_left_out: tuple[str, ...] = ()
    titles_left_out: tuple[str, ...] = ()
    # The themes it leaves out ("neglect reviews that don't mention domestic abuse"): the
    # reviews tagged with them or naming them are not searched; and the words that say so,
    # which are not searched for either.
    themes_left_out: tuple[str, ...] = ()
    theme_leaving_out: tuple[str, ...] = ()
    # An agency the question leaves out ("which reviews did not involve the police?"): the
    # reviews whose passages name it are not searched
    agencies_left_out: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    # "newest" where year_from is the question's "recent" (RECENT_YEARS), "oldest" where the
    # years are its "oldest" (the oldest year), not years it gave
    recent: str = ""
    # The children's ages it asks about ("babies under 6 months", "children over 10"): the
    # reviews whose entries give only other ages are not searched.
    child_age: AgeAsked | None = None
    # Boys or girls alone ("boys who were sexually exploited"): the reviews whose summaries
    # name only children of the other sex are not searched.
    child_sex: SexAsked | None = None
    # Children who lived ("babies who survived", "non-fatal injuries"), as the question says
    # it: the reviews whose summaries open on a death are not searched.
    survived: str | None = None
    # and children who died ("only the ones where a child died"): those whose summaries do
    # not open on a death are not searched
    died: str | None = None
    # The review type the question names, as a type ("learning brief" for "learning briefs",
    # "serious case review" for "SCRs"), and the types of the index it covers ("practice
    # review": every type of practice review); none where the index holds no such review.
    review_type: str | None = None
    review_types: tuple[str, ...] = ()
    # The source documents the question names ("what does the Torbay repository say about
    # neglect?"), by id, and as messages name them; their passages alone are searched.
    sources: tuple[int, ...] = ()
    source: str | None = None
    named_reviews: tuple[str, ...] = ()  # ids of reviews the question names, in its order
    named_at: tuple[int, ...] = ()  # where it names each (one name may name two: "Child T")
    beside: tuple[str, ...] = ()  # of those, the ones searched beside its place's reviews
    # Cases the question names as reviews name children ("Baby P", "Child Q") that no review
    # of the index is titled: what is found is from other reviews, and the answer says so.
    unknown_cases: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()  # canonical themes the question mentions
    wants_lessons: bool = False  # "what were the lessons", "what was recommended"
    wants_learnt: bool = False  # of those, "lessons", "learn", "recommend", "findings" (not "find")
    wants_story: bool = False  # "what happened to ...", "tell me about ...", "how did ... die"
    # of those about a review it names, one asking for its case and nothing more ("tell me
    # about the Child K review", "a short case summary of the Baby Sama review I can read out
    # at the start of a training session"): its account's opening leads the answer
    wants_account: bool = False
    wants_recommendations: bool = False  # "what was recommended", "what needs to happen"
    wants_good_practice: bool = False  # "what went well", "good practice", "strengths"
    wants_failings: bool = False  # "what went wrong", "failings", "gaps": and not what went well
    asks_themes: bool = False  # "what are the common themes across these reviews?"
    # Asks which passages use its words ("which reviews mention the MASH?"), not what is
    # near them in meaning: a sentence answers it by holding them.
    asks_mention: bool = False
    # Asks which reviews say something ("which reviews used the SCIE Learning Together
    # model?"): its answer reads twice the passages and names up to eight reviews (see
    # asks_which_reviews)
    asks_which: bool = False
    # Asks how many reviews ("how many reviews are there?", "how many cases of neglect from
    # 2017?"); with lists_reviews, that alone, which the catalogue answers.
    counts_reviews: bool = False
    # Asks only which reviews a place or a year has ("Case reviews from Sunderland", "2016
    # reviews"): every passage of those reviews answers it, and what each case was is the
    # answer.
    lists_reviews: bool = False
    # Asks only for the lessons or recommendations of a place's, a year's or a type's reviews
    # ("what did the 2016 reviews recommend?", "lessons from Luton's reviews"): each review's
    # are the answer, a list that similarity to the question cannot order.
    lessons_of_scope: bool = False
    # Asks across reviews ("what do reviews say", "cases where", "lessons", "recommendations",
    # "professionals", "agencies") and names none: the hits spread over more reviews.
    across_reviews: bool = False
    # The question without the reviews and the place it names, which confine the search and
    # so tell no passage found from another ("What did the Jeanette review recommend?" ->
    # "What did the recommend?"); "" when it names neither.
    topic: str = ""
    # The catalogue's facts it asks of the reviews it names ("who wrote the Baby Sama
    # review?": "authors"; "when was it published?": "year"; "what type of review": "type").
    asks_fields: tuple[str, ...] = ()

    @property
    def constrained(self) -> bool:
        return bool(self.place or self.year_from or self.year_to or self.review_types
                    or self.sources or self.areas_left_out or self.reviews_left_out
                    or self.themes_left_out or self.child_age or self.child_sex or self.survived
                    or self.died or self.agencies_left_out)

    def within(self, filters: Filters) -> QueryPlan:
        """The plan less what the user's own filters already set (a place, years, a type):
        those are theirs, and the question's are neither applied nor reported."""
        plan = self
        if filters.area:
            plan = replace(plan, areas=(), place=None, areas_left_out=(), place_left_out=None)
        if filters.year_from or filters.year_to:
            plan = replace(plan, year_from=None, year_to=None, recent="")
        if filters.review_type:
            plan = replace(plan, review_type=None, review_types=())
        return plan


def understand(question: str, catalogue: Catalogue, *,
               unseen: Callable[[str], bool] = lambda word: False,
               sources: Sequence[SourceName] = ()) -> QueryPlan:
    """Reads ``question`` against the index's areas and review titles (``catalogue``).

    A place is any area of the index whose name the question holds as whole words ("in
    Croydon" names both Croydon and Croydon and Lewisham); a year counts only as a
    publication constraint ("since 2017", "published in 2016", "2024 reviews", "between
    2016 and 2017"), never an event's year ("died in 2016"); "recent reviews" are those of
    the index's newest RECENT_YEARS years. A review is named by its title as printed, a capital
    letter first ("the Child K review", "Baby Sama", "Sameer"); where the question also
    names a place, only that place's reviews of that title count. A child's case named as
    reviews name them ("Baby P") that no review is titled is noted (``unknown_cases``) where
    its name is a code or a word no passage holds (``unseen``; without it, codes alone):
    "Child Protection" is no case. A source document is named by its title, or by its
    publisher or the publisher's place said with a word for a document ("the Torbay
    repository"), which is then no place.
    """
    question = written_out(question)  # "the Bucks review": Buckinghamshire's
    chosen = [(source, name) for source in sources
              if (name := _source_said(question, source, catalogue.areas))]
    if not chosen and (kind := _KIND_SAID.search(question)):
        # the one document of its kind ("what does the newsletter say about radicalisation":
        # South Gloucestershire's "News and Research", searched as the word "newsletter")
        titled_so = [source for source in sources
                     if _KIND_TITLES[kind[1].lower()] & set(words(source.title))]
        if len(titled_so) == 1:
            chosen = [(titled_so[0], kind[0])]
    # a source said by its title is the one meant, not another whose publisher its title
    # names ("the NSPCC repository Jan 2024 digest" is Torbay's, not the NSPCC's 2018 list)
    titled = [name for source, name in chosen if _title_said(name, source.title)]
    if titled:
        chosen = [(source, name) for source, name in chosen
                  if name in titled or not any(holds_words(t, name) for t in titled)]
    # nor one whose name is said inside another's ("the Torbay Jan 2024 NSPCC digest" is
    # Torbay's, not the NSPCC's "NSPCC digest")
    chosen = [(source, name) for source, name in chosen
              if not any(len(other) > len(name) and holds_words(other, name)
                         for _, other in chosen)]
    source_said = max((name for _, name in chosen), key=len, default="")
    # the source's own words are no place, type nor year ("Case reviews published in 2018")
    rest = without_name(question, source_said) if source_said else question
    rest, leaving_out, left_out, left_out_areas, unwanted = _left_out(rest, catalogue)
    themes_left_out, theme_leaving_out = _themes_left_out(rest)
    for words_said in theme_leaving_out:
        rest = rest.replace(words_said, " ")
    leaving_out += theme_leaving_out
    agencies_left_out, agency_leaving_out = _agencies_left_out(rest)
    for words_said in agency_leaving_out:
        rest = rest.replace(words_said, " ")
    leaving_out += agency_leaving_out
    place, matched, places_said, absent = _places(rest, catalogue.areas)
    review_type, said_type, types = _review_types(rest, catalogue.types)
    # "what is a serious case review?" asks what the type is; two types ("the differences
    # between serious case reviews and practice reviews") ask about types: neither is asking
    # for one type's reviews
    if said_type and ((_DEFINES.search(rest) and not _says_something(_means_less(rest, said_type)))
                      or _review_types(without_name(rest, said_type), catalogue.types)[0]):
        review_type, said_type, types = None, None, []
    year_from = year_to = None
    if m := _YEAR_IN.search(rest) or _year_after_place(rest, places_said):
        year_from = year_to = int(next(year for year in m.groups() if year))
    if m := _YEAR_FROM.search(rest):
        year_from = (int(m["before"]) + 1 if m["before"] else int(m["year"] or m["first"]))
    elif m := _YEAR_ONLY.search(rest):
        year_from = year_to = int(m.group(1))
    elif m := _YEAR_FROM_ANY.search(rest):
        year_from = int(m.group(1))
    if m := _YEAR_TO.search(rest):
        year_to = int(m.group(1)) - (0 if "up to" in m.group(0).lower() else 1)
    if m := _YEAR_SPAN.search(rest):
        year_from, year_to = sorted((int(m.group(1)), int(m.group(2))))
    recent = ""
    if year_from is None and _RECENT.search(question) and (newest := catalogue.newest):
        year_from, recent = newest - RECENT_YEARS + 1, "newest"
    elif year_from is None and year_to is None and _OLDEST.search(question) and catalogue.oldest:
        year_from = year_to = catalogue.oldest
        recent = "oldest"
    kept = question  # less what it leaves out: a review named only to be left out is not
    for words_said in leaving_out:  # asked about (nor one sharing its title: "other examples
        kept = kept.replace(words_said, " ")  # than Camden 2016 – Child B")
    said_at = catalogue.names_said(kept)
    at = {r.id: min(start for start, _ in spans) for r, spans in said_at}
    named = [r for r, _ in said_at if r not in unwanted]  # ("but not the Baby Sama one")
    beside: list[ReviewName] = []
    if matched:
        # the place says which of a shared title's reviews is meant ("Warwickshire Child T");
        # a review named by a title the place holds none of is asked about too ("...
        # Child T and Baby Sama" had lost Baby Sama), and is searched beside the place's
        in_place = [r for r in named if r.area in matched]
        beside = [r for r in named if not any(holds_words(p.title, r.title)
                                              or set(_title_names(p.title)) & set(_title_names(r.title))
                                              for p in in_place)
                  # ("Waltham Forest Child S" names its Child S and Family, not Swindon's)
                  and (in_place or not _said_with(question, r.title, places_said))]
        named = [r for r in named if r in in_place or r in beside] or named  # (as said)
    named = _of_the_years_said(question, named)
    # a type said is no topic, even of a review named ("the Child A practice review": its
    # "practice" put recommendations for practitioners on the topic)
    type_said = said_type if types or named else None
    # (a review named is the one asked about, whatever age the question gives its child: "the
    # Swindon Child S review, 8 week old on the sofa")
    age, sex = (None, None) if named else (age_asked(rest), sex_asked(rest))
    survived = None if named else survival_asked(rest)
    died = None if named or survived else death_asked(rest)
    if named:  # the review named is the one asked about, whatever type the question calls it
        review_type, said_type, types = None, None, []  # or year: "the 2017 Child G review"
        year_from = year_to = None                       # picks a title's review, no more
        recent = ""
    topic = ""
    if named or place or types or chosen or leaving_out:  # a type or source, like a place,
        topic = question                                  # tells no passage apart
        for words_said in leaving_out:
            topic = topic.replace(words_said, " ")
        if chosen:  # "the ... repository": every passage searched is of it (first: what
            for _, name in chosen:  # names a source holds other names, "Bedford Baby Sama report")
                topic = without_name(topic, name)
            topic = _DOCUMENT_SAID.sub(" ", topic)
        for name in [*_names_of(named), *places_said, *([type_said] if type_said else [])]:
            topic = without_name(topic, name, any_case=name not in question)  # ("baby sama")
        if named:  # "the ... review", "the ... case": every passage of it is of the review
            topic = _REVIEW_WORDS.sub(" ", topic)
            # and so is its year, which picked it ("Bedford 2017 – Baby Sama: the GP", a
            # follow-up read with the review it was about, quoted dates of 2015, not the GP)
            for year in {r.year for r in named if r.year}:
                topic = re.sub(rf"\b{year}\b", " ", topic)
        topic = " ".join(topic.split()) if any(ch.isalnum() for ch in topic) else ""
    # (what it leaves out asks for nothing: "did NOT find problems with information sharing")
    lessons = bool(_LESSONS.search(kept))
    counts = bool(_COUNTS_REVIEWS.search(question)) and not named
    # a review's name names no theme ("Baby Sama" is not a question about infants), nor do
    # the words leaving a theme or a review out ask about it ("... other than Baby Sama")
    unnamed = question
    for words_said in leaving_out:
        unnamed = unnamed.replace(words_said, " ")
    for name in _names_of(named):
        unnamed = without_name(unnamed, name, any_case=name not in question)
    # "how many reviews from Bradford?" lists as "reviews from Bradford?" does, by number
    # and "what does the Torbay repository say?" as "which reviews does it hold?"
    # and "which reviews were NOT about a child dying?" as the reviews left (it had quoted a
    # death, its words searched)
    scoped = bool(place or year_from or year_to or types or chosen or age or sex or survived
                  or died or leaving_out)
    # (a source's publisher said beside its title names it too: "the case reviews published
    # in 2018 in the NSPCC list" quoted one review)
    scope_said = " ".join([*places_said, said_type or "", source_said,
                           *(name for source, _ in chosen for name in source.names),
                           age.words if age else "", sex.words if sex else "", survived or "",
                           # (and "the cause of death": what each summary opens on)
                           f"{died} death deaths" if died else ""])
    # (a review named is what is asked about: "what happened in the 'A' case in Brighton and
    # Hove?" says nothing else but stopwords, and was read as a list of Brighton's reviews)
    lists = (scoped or counts) and not lessons and not named and (
        _lists_reviews(_COUNTS_REVIEWS.sub(" reviews ", kept), scope_said, source=bool(chosen)))
    # and what a year's or a place's reviews recommend
    lessons_of_scope = scoped and lessons and not (named or counts) and _says_only(
        _LESSONS_ASKED.sub(" ", question), scope_said, source=bool(chosen))
    return QueryPlan(areas=tuple(matched), place=place, places_absent=tuple(absent),
                     areas_left_out=tuple(left_out_areas), place_left_out=left_out,
                     reviews_left_out=tuple(r.id for r in unwanted),
                     titles_left_out=tuple(dict.fromkeys(r.title for r in unwanted)),
                     # (a review named is searched whatever it carries: "what other than
                     # domestic abuse was found in the Sama case" asks of the rest of it)
                     themes_left_out=() if named else tuple(themes_left_out),
                     theme_leaving_out=tuple(theme_leaving_out),
                     agencies_left_out=() if named else tuple(agencies_left_out),
                     year_from=year_from, year_to=year_to, child_age=age, child_sex=sex,
                     survived=survived, died=died,
                     recent=recent, review_type=review_type, review_types=tuple(types),
                     sources=tuple(source.id for source, _ in chosen),
                     source=" and ".join(source.label for source, _ in chosen) or None,
                     named_reviews=tuple(r.id for r in named),
                     named_at=tuple(at.get(r.id, len(question)) for r in named),
                     beside=tuple(r.id for r in beside),
                     unknown_cases=_unknown_cases(question, catalogue.titles, unseen),
                     themes=tuple(dict.fromkeys([
                         *themes_in_query(_ALL_CHILDREN.sub(" ", _OWN_CASES.sub(" ", unnamed))),
                         # an acronym no passage holds is searched as its long form: its
                         # theme is asked about ("DV cases"); one passages hold ("CIN") is
                         # searched as itself
                         *(theme for short, theme in acronym_themes(unnamed)
                           if unseen(short.lower()))])),
                     wants_lessons=lessons,
                     wants_learnt=bool(_ASKS_LEARNT.search(question)),
                     wants_recommendations=bool(_RECOMMENDS.search(question)),
                     wants_good_practice=bool(_GOOD_PRACTICE.search(question))
                     and not _FAILINGS.search(question),
                     wants_failings=bool(_FAILINGS.search(question))
                     and not _GOOD_PRACTICE.search(question),
                     asks_themes=bool(_ASKS_THEMES.search(question)) and not named,
                     asks_mention=bool(_ASKS_MENTION.search(kept)),
                     # (not of what reviews did not do: "which reviews made no
                     # recommendations?" would name more that made some)
                     asks_which=(asks_which_reviews(kept) and not named
                                 and not _ASKS_MENTION.search(kept) and not _NEGATION.search(kept)),
                     counts_reviews=counts,
                     wants_story=bool(_STORY.search(question)) or lists,
                     # (a review's name said alone asks for it too: "the Croydon Joe review"
                     # quoted three lines of its learning, and not what had happened)
                     wants_account=bool(named) and bool(
                         _STORY.search(question) or _CASE_SUMMARY.search(question)
                         or not set(words(topic)) - STOPWORDS - FRAMING - _VAGUE) and (
                         _asks_only_for_the_story(topic) if not lessons
                         # (and its lessons: "what happened to Polly in Derbyshire and what
                         # went wrong" never said that Polly died)
                         else bool(_HAPPENED.search(question)) and _asks_only_for_the_story(
                             _FAILINGS.sub(" ", _LESSONS.sub(" ", topic)))),
                     lists_reviews=lists,
                     lessons_of_scope=lessons_of_scope,
                     across_reviews=(bool(_ACROSS.search(question))
                                     or _names_only_themes(question)) and not named,
                     topic=topic,
                     asks_fields=tuple(field for field, asks in ASKS_FIELD.items()
                                       if named and asks.search(question)))


# A practitioner's own cases name no theme ("16yo on my caseload has been out of school":
# missing education, not workload pressures)
_OWN_CASES = re.compile(r"\b(?:on|in|from|of)\s+(?:my|our|her|his|their)\s+case\s?loads?\b",
                        re.I)


# A stage of childhood named beside children in general names all of them, not the stage's
# theme ("the risk that domestic abuse poses to babies and children" searched infants' cases)
_STAGE = r"(?:bab(?:y|ies)|infants?|toddlers?|teenagers?|adolescents?)"
_ALL_CHILDREN = re.compile(rf"\b{_STAGE}(?:\s*,\s*{_STAGE})*\s*(?:,\s*)?(?:and|or|&)\s+(?:other\s+)?"
                           rf"children\b|\bchildren(?:\s*,\s*{_STAGE})*\s*(?:,\s*)?(?:and|or|&)\s+{_STAGE}",
                           re.I)


_POSSESSIVE_S = re.compile(r"(?<=\w)['’]s\b")


def _names_only_themes(question: str) -> bool:
    """Whether a question says nothing but themes, as typed in a search box ("teenage
    pregnancy", "neglect of teenagers", "what about self-harm?"): it asks what the reviews
    say of them, across reviews, as "what do reviews say about ...?" does."""
    spans = theme_spans(question)
    rest = question
    for start, end, _ in reversed(spans):
        rest = rest[:start] + " " + rest[end:]
    return bool(spans) and not set(words(rest)) - STOPWORDS - FRAMING


# The words asking for a review's lessons, which say nothing of what they are on ("the main
# recommendations of the 2016 reviews")
_LESSONS_ASKED = re.compile(r"\b(?:main|key|recommend\w*|lessons?|learn\w*|findings?|learning|"
                            r"find|found)\b", re.I)  # "what have the 2016 reviews found?"


# What asks for whatever a place or a year has, said alone with it ("anything from the North
# East?", "what have you got from Rochdale?" found no passage, or quoted one review of two)
_ANYTHING = frozenset("anything something stuff got else".split())


def _lists_reviews(question: str, named: str, *, source: bool = False) -> bool:
    """Whether a question that names a place, a year, a review type or a ``source`` document
    asks for nothing but its reviews (``named``: the place, the type and the source as said):
    of a source, what it says or holds is its reviews; said with no word for reviews, only
    where nothing else is said ("Bradford?", "anything from the North East?")."""
    said = set(words(_POSSESSIVE_S.sub("", question)))  # not the "s" of "what's"
    if source or not said.isdisjoint({"review", "reviews", "case", "cases", "brief", "briefs"}):
        return _says_only(question, named, source=source)
    return _says_only(" ".join(w for w in words(question) if w.lower() not in _ANYTHING), named)


def _says_only(question: str, named: str, *, source: bool = False) -> bool:
    """Whether ``question`` says nothing beside ``named`` (a place, a type, a source as said)
    and years but the words of a list of reviews."""
    rest = set(words(_POSSESSIVE_S.sub("", question))) - STOPWORDS - _LIST_WORDS - set(words(named))
    if source:
        rest -= _DOCUMENT_WORDS | _SAYS_WORDS
    return all(w.isdigit() for w in rest)


def _source_said(question: str, source: SourceName, areas: Collection[str] = ()) -> str:
    """The name the question gives ``source`` by: its title, or its publisher or place with
    a word for one document beside it ("the Torbay repository", "the Bradford learning
    brief", "the newsletter from South Gloucestershire"; not "list the reviews from
    Bradford", nor "reports from Bradford"); "" where it names it by none."""
    # (by its title where the title has three words or more: not "Report")
    title = _title_said(question, source.title) if len(words(source.title)) >= 3 else ""
    lowered = question.lower()  # most documents go unnamed: a substring test settles them
    doc = _DOCUMENT_WORD  # one: "reports from Bradford" are any
    # between the name and the word for a document, up to two words, and any of its title's
    # ("the Torbay Jan 2024 NSPCC digest")
    titled = "|".join(_title_words(source.title))
    # and with words of its title, its reviews ("the january 2024 torbay reviews")
    own = "|".join(_title_words(" ".join(w for w in words(source.title)
                                         if len(w) >= 3 and w not in STOPWORDS))) or "(?!)"
    said = [m[0] for name in source.names if name.lower() in lowered and (m := re.search(
        rf"(?<!\w){re.escape(name)}(?:'s)?\s+(?:(?:{titled})\W+)*?(?:\w+\s+){{0,2}}?{doc}\b|"
        rf"\bthe\s+{doc}\s+(?:from|of|by|published\s+by)\s+(?:the\s+)?{re.escape(name)}(?!\w)|"
        rf"(?<!\w)(?:(?:{own})\W+)+{re.escape(name)}(?:'s)?\s+(?:reviews|cases)\b|"
        rf"(?<!\w){re.escape(name)}(?:'s)?\s+(?:(?:{own})\W+)+(?:reviews|cases)\b",
        question, re.I))]
    # and a place no review is from, said of reviews ("the torbay review", "Torbay's cases",
    # "Torbay's own case reviews": the reviews of its document; not "reviews from Torbay",
    # whose place is said to have none)
    said += [m[0] for name in source.names if name.lower() in lowered
             and not any(holds_words(area, name) or holds_words(name, area) for area in areas)
             and (m := re.search(rf"(?<!\bfrom\s)(?<!\bin\s)(?<!\w){re.escape(name)}(?:['’]s)?\s+"
                                 r"(?:own\s+)?(?:case\s+)?(?:reviews?|cases?)\b", question, re.I))]
    # its title, unless its publisher names it too: then the title's words say what they
    # say ("list the case reviews published in 2018 in the NSPCC list" asks for 2018's; read
    # as the title, it listed 2017's)
    if title and not said and _YEAR_SAID.search(title) and not _as_a_document(question, title):
        # and so where a title that gives a year is not said as a document's: "List all case
        # reviews published in 2018" asks for that year's (read as the NSPCC's list of that
        # title, it listed 7 reviews of 2017 and 1 of 2018)
        return ""
    return title if title and not said else max(said, key=len, default="")


def _as_a_document(question: str, title: str) -> bool:
    """Whether ``title``, said in ``question``, is said as a document's: what it says or
    holds, what is in it, or with a word for a document beside the question's opening verb
    ("what does Case reviews published in 2018 say?", "in Case reviews published in 2018",
    "the Case reviews published in 2018 list"; not "List all case reviews published in
    2018")."""
    rest = without_name(question, title)
    return bool(set(words(rest)) & _SAYS_WORDS
                or re.search(rf"\b(?:in|from|of)\s+(?:the\s+)?{re.escape(title)}", question, re.I)
                or _DOCUMENT_SAID.search(re.sub(r"^\W*(?:please\s+)?list\b", " ", rest, flags=re.I)))


_MONTHS = ("january february march april may june july august september october november "
           "december").split()


def _title_words(title: str) -> list[str]:
    """Patterns for the words of ``title``, a month also by its first three letters."""
    return [rf"{w[:3]}(?:{w[3:]}|\.)?" if w.lower() in _MONTHS else re.escape(w)
            for w in re.findall(r"\w+", title)]


def _title_said(question: str, title: str) -> str:
    """The words of the question that say ``title``: its words in order, in any case, with
    any punctuation between them and a month by its first three letters ("the NSPCC
    repository Jan 2024 digest" says "NSPCC Repository - January 2024"); "" where none."""
    m = re.search(r"(?<!\w)" + r"\W+".join(_title_words(title)) + r"(?!\w)", question, re.I)
    return m[0] if m else ""


# The end of a name, which may be a possessive typed without its apostrophe, before a word
# for what is a person's ("Harrys death", "jacks case"; not "Marks on the baby's arms")
_OWNED = (r"(?:death|case|review|story|life|voice|needs|injur\w*|home|school|nursery|mum|mother|"
          r"dad|father|step-?father|step-?mother|parents?|family|brothers?|sisters?|siblings?|"
          r"grand(?:mother|father|parents?)|aunt|uncle|carers?|partner|gp|social|health|foster|"
          r"teachers?|abusers?|abuse|murder|suicide|killing)\b")
_NAME_END = rf"(?:s(?=\s+{_OWNED}))?(?!\w)"
_POSSESSIVE_END = rf"(?:['’]s|s(?=\s+{_OWNED}))?(?!\w)"


def without_name(question: str, name: str, *, any_case: bool = True, joined_alike: bool = False,
                 instead: str = "") -> str:
    """``question`` less ``name`` (and its "'s") as whole words; in its own case only where
    not ``any_case`` (a review's title or an area, as printed: "K" of "Child K" is no "k");
    where ``joined_alike``, a hyphen or a space between two of its words alike ("bed
    sharing" of "bed-sharing"); with ``instead`` in its place."""
    said = (r"[\s\-]+".join(re.escape(word) for word in re.split(r"[\s\-]+", name))
            if joined_alike else re.escape(name))
    return re.sub(rf"(?<!\w){said}{_POSSESSIVE_END}", f" {instead} " if instead else " ",
                  question, flags=re.I if any_case else 0)


def _review_types(question: str, types: list[str]) -> tuple[str | None, str | None, list[str]]:
    """The review type a question names (as a type), its words as said, and the types of the
    index it covers: a type covers another that holds it, once both are read as recorded
    ("child safeguarding practice review" covers the local ones)."""
    if m := _ABBREVIATION_SAID.search(question):
        named = TYPE_ABBREVIATIONS[m.group(1)]
    elif m := _TYPE_SAID.search(question):
        named = " ".join(m.group(1).lower().replace("-", " ").split())
    else:
        return None, None, []
    wanted = _CANONICAL_TYPE.get(named, named)
    return named, m.group(0), [t for t in types
                               if wanted in _CANONICAL_TYPE.get(t.lower(), t.lower())]


def without_asks(question: str) -> str:
    """The question without the words that ask for lessons or recommendations ("what were
    the lessons", "recommend", "went wrong"), or how practitioners acted ("how did
    professionals respond to"): they say what kind of passage is wanted, which the answer's
    preference for findings and recommendations serves, not what it is about. The question
    itself when nothing but stopwords is left ("what were the lessons?")."""
    rest = _LESSONS.sub(" ", _HOW_THEY_ACTED.sub(" ", question))
    return rest if _says_something(rest) else question


def without_purpose(question: str) -> str:
    """The question without what its examples are for ("... for a training session", "...
    I could use as positive examples")."""
    found = _TO_USE.search(question) or _FOR_TRAINING.search(question)
    return question[:found.start(1)] if found else question


# A long message whose question comes after the asker's own story ("... my manager says we
# can't do much until baby's born, what exactly do the reviews say about including fathers
# in pre-birth work?"): searched whole, the story led the answer with Baby Sama's parents at
# their conference. From the first clause after the first that asks something of its own
# (not "what did they find?", which needs the story) to the end is what is searched, where
# the story is a third of the message or more (not "I've copied this from our audit, which
# reviews had similar findings: ...", where the rest is what it asks about).
FOCUS_MIN_WORDS = 30
_SENTENCE_END = re.compile(r"[.!?]\s")
_CLAUSE_BREAK = re.compile(r"(?<=[.!?;,:])\s+|\s+[-–—]\s+")
_ASKS = re.compile(r"^\W*(?:(?:so|and|but|please)\s+)?(?:(?:what|how|which|why|where|when|who)\b|"
                   r"(?:do|does|did|are|is|were|was|can|could|should|have|has)\s+(?:\S+\s+){0,2}?"
                   r"(?:reviews?|there|any|anything|you)\b)", re.I)


def the_question_asked(question: str) -> str:
    """The part of a long message that asks the question (see FOCUS_MIN_WORDS), or the
    whole of it when no later clause asks one with a topic of its own."""
    n_words = len(question.split())
    if n_words < FOCUS_MIN_WORDS or _ASKED_OF_REVIEWS.match(question):
        # (nor one asked of the reviews an answer headed, as a follow-up is read: "Somerset
        # 2017 – Child Sam, 2024 – Babies who sustained injuries, ...: what do they say about
        # fathers?" was searched as "what do they say about fathers? (Child Sam, ...)",
        # the reviews without a child's name in their titles left out)
        return question
    clauses = _CLAUSE_BREAK.split(question)
    for i in range(1, len(clauses)):
        asked = " ".join(clauses[i:])
        if _ASKS.match(clauses[i - 1]):
            # what comes before asks too (the clauses before it were each checked in turn): a
            # question in two parts, not a story before one
            # ("What did the Sameer learning brief ask the board ..., and have other reviews
            # asked ...?" lost its first part; "... what does it mean ..., and how did that
            # play out in the Sama review?" its subject)
            return question
        if len(asked.split()) > 2 * n_words / 3 or _SENTENCE_END.search(asked):
            continue  # not a third of it told before, or more than its last sentence
        if _POINTS_BACK.search(asked):
            return question  # "what did the Sama review say about this kind of thing?"
        if _ASKS.match(clauses[i]) and _names_its_own_topic(asked) and len(words(asked)) >= 5:
            # a case the story names goes with it ("... audit our partnership against the
            # Baby Sama 'areas for consideration' - can you list the questions the review put
            # to the board?" was searched across every review)
            told = " ".join(clauses[:i])
            cases = [m[0] for m in _CASE_NAME.finditer(told) if m[0] not in asked]
            return f"{asked} ({', '.join(dict.fromkeys(cases))})" if cases else asked
    return question


# Words that say nothing of what a question is about on their own: "Has anything like this
# come up in case reviews?" and "what does the learning say I should look at?" need the
# story before them.
_VAGUE = frozenset("""like come comes came look looks looking happen happens happened similar
relevant anything something say says said think know need needs help helps useful thing things
situation kind sort type same one ones up get got should
warning warnings sign signs signal signals indicator indicators flag flags red picking pick spot
spotting notice noticing thinking consider considering mind aware watch watching ask asking
""".split())  # ("the warning signs we should be picking up on"; a family nurse's story ending
# "What should I be thinking about?" was searched as that alone, and nothing was found)


# A question that points back at the story ("my 17-year-old client met her 28-year-old
# partner at 14 ... what did the Sama review say about this kind of thing?" was searched as
# its last clause, and quoted Sama's conference dates)
_POINTS_BACK = re.compile(
    r"\b(?:this|that|these|those|such)\s+(?:kind|sort|type)s?\s+of\s+(?:thing|case|situation|"
    r"issue|relationship|behaviou?r|family|concern)s?\b|\bsomething\s+like\s+(?:this|that)\b|"
    r"\b(?:about|like|with|on)\s+(?:this|that|it|these|those|them)\s*[?.!]*$|"
    r"\b(?:this|that)\s+situation\b|"
    # "Are there any case reviews about kids like this and what did they recommend?" (after a
    # pasted referral) was searched alone, and found a 7-year-old's case
    r"\blike\s+(?:this|these|that|those|him|her|them)\b(?!\s+(?:one|review|case)\b)|"
    r"\bsimilar\s+(?:features|cases|circumstances|situations?|issues|concerns|families)\b", re.I)


def _names_its_own_topic(asked: str) -> bool:
    """Whether the clause says what it asks about: an agency alone is whom it asks of ("I'm
    a teacher. a year 10 boy keeps turning up with new trainers and phones ... what do the
    reviews say schools should do?" was searched as its last clause, and led with school
    absences and epilepsy)."""
    said = _AGENCY_SAID.sub(" ", _LESSONS.sub(" ", asked))
    return bool(set(words(said)) - STOPWORDS - FRAMING - _VAGUE)


def without_praise(question: str) -> str:
    """The question without the words that ask what went well ("good practice", "do well"):
    what is left is what the good practice should be about ("the police")."""
    return _GOOD_PRACTICE.sub(" ", question)


# Words a question asking for good practice says beside it that name no topic: "cases where
# professionals got it right", "which reviews identified good practice?"
_PRAISE_FRAME = frozenset("""case cases review reviews professional professionals practitioner
practitioners agency agencies services staff example examples instance instances show showed
shown showing identify identified identifies highlight highlights highlighted record recorded
records note noted find found say said says any some where which what when thing things
want wants wanted need needs looking""".split())  # ("I want a case where things went well")


def asks_only_for_praise(question: str) -> bool:
    """Whether a question asks what went well and about nothing in particular: it is searched
    as the reviews say it, "good practice" ("cases where professionals got it right" found
    the passages on "cases" and "professionals", two of them recording good practice)."""
    return (_GOOD_PRACTICE.search(question) is not None
            and not set(words(without_praise(question))) - STOPWORDS - FRAMING - _PRAISE_FRAME)


_HELP = re.compile(r"^\W*(?:help|help\s+me|(?:hi|hello|hey)(?:\s+there)?|"
                   r"good\s+(?:morning|afternoon|evening)|how\s+do\s+i\s+use\s+(?:this|it|the\s+tool)|"
                   r"what\s+can\s+(?:you|i)\s+(?:do|ask)|how\s+does\s+this\s+work|"
                   # "what are you and what can you do?" found no passage, and "what can this
                   # tool do?" quoted C101's "pre-birth tool"
                   r"(?:what|who)\s+are\s+you(?:\W+(?:and\s+)?what\s+(?:can|do)\s+you\s+do)?|"
                   r"what\s+(?:can|does)\s+(?:this|the|this\s+tool|the\s+tool|reviewqa|it)\s+"
                   r"(?:do|be\s+used\s+for)|what\s+is\s+(?:this|this\s+tool|reviewqa)|"
                   r"what\s+do\s+you\s+do|"
                   r"instructions|usage)\W*$", re.I)


# A message that only makes sense after the last answer ("tell me more", "same but only
# 2017", "what about the recommendations?", "can you summarise that?"): searched alone,
# "same but only 2017" was searched as the word "same" (see with_last_question).
_BACK = re.compile(r"^\W*(?:(?:and|but|so)\s+)?(?:(?:tell\s+me|say)\s+more|more|go\s+on|continue|what\s+else|"
                   r"anything\s+else|and\s+then|(?:what|how)\s+about\s+(?:the|that|those|this|them|it)\b.*|"
                   r"same\b.*|(?:and|but)\s+only\b.*|(?:and|but|also)\s+(?:the|its|their)\s+.*)\W*$",
                   re.I)  # ("and the recommendations?")
_REWORK = re.compile(r"^\W*(?:can\s+you\s+|could\s+you\s+|please\s+)?(?:summari[sz]e|shorten|"
                     r"simplify|expand\s+on|rephrase|reword|explain|translate)\s+"
                     r"(?:that|this|it|those|them|these|the\s+(?:last\s+)?answer)\b|"
                     # "give me the full quote" (had no answer: no passage holds "quote")
                     r"^\W*(?:(?:can|could)\s+(?:you|i)\s+|please\s+)?(?:(?:give|show|send)\s+(?:me\s+)?|"
                     r"(?:see|have|get)\s+)?(?:the\s+)?(?:full|whole|complete|entire)\s+(?:quotes?|"
                     r"quotations?|passages?|text|paragraphs?|sentences?)(?:\s+please)?\W*$", re.I)


# The Welsh words a question asks with that name no term ("Oes unrhyw adolygiadau am ...?"):
# the taxonomy's Welsh list holds those that do ("esgeulustod", "trais domestig"). Not "am",
# "pam" or "i", which are English words too.
_WELSH_ASKING = frozenset("""beth yw yr yn mae oes unrhyw sut ble pwy pryd gyda ynglyn ynglŷn
adolygiadau adolygiad achos achosion ddigwyddodd dysgu""".split())


def _welsh_count(text: str) -> int:
    return len(set(words(text.lower())) & _WELSH_ASKING) + welsh_words_in(text)


def in_welsh(question: str) -> bool:
    """Whether the question is asked in Welsh: two or more of its words or phrases are Welsh
    ones ("argymhellion i feddygon teulu" as well as "beth yw'r gwersi am esgeulustod?")."""
    return _welsh_count(question) >= 2


def in_english(question: str) -> str:
    """A question asked in Welsh as an English question made of the English terms of its
    Welsh words and the names it says ("Beth yw'r argymhellion am gysgu ar y cyd?" -> "what
    were the recommendations about co-sleeping?"; "... am esgeulustod yn Rochdale?" keeps
    "Rochdale"); "" where none of its words is in the taxonomy's Welsh list. The model and
    the index read English: searched as typed, "gwersi am blant sy'n derbyn gofal" quoted a
    passage on trauma."""
    terms = welsh_terms(question)
    if not terms:
        return ""
    text = question.strip()
    names = [m[0] for m in re.finditer(r"\b[A-Z][\w'’-]*(?:\s+[A-Z0-9][\w'’-]*)*", text)
             if m.start() > 0 and not _welsh_count(m[0])]
    asks = [t for t in terms if _ASKS_LEARNT.fullmatch(t)]  # "argymhellion", "gwersi"
    about = " and ".join(t for t in [*terms, *names] if t not in asks)
    if not about:
        return f"what were the {' and '.join(asks)}?"
    return (f"what were the {' and '.join(asks)} about {about}?" if asks
            else f"what do reviews say about {about}?")


_BACK_WORDS = frozenset("more else same only anything continue go then".split())


# what a message says of an earlier answer ("the second one you mentioned", "the last case
# you told me about")
_EARLIER = re.compile(r"\byou\s+(?:just\s+)?(?:mentioned|said|told\s+me|listed|quoted|gave|showed)\b|"
                      r"\b(?:your|the)\s+(?:last|previous)\s+(?:answer|reply)\b|"
                      # ("tell me more about the second one")
                      r"\b(?:about|on|in|from|with)\s+(?:the|that)\s+(?:first|second|third|"
                      r"fourth|fifth|last|other)\s+(?:one|review|case|quote|passage)\s*[?.!]*$",
                      re.I)


# Words for whom a question is about, which name themes (infants, adolescents) without asking
# about them (as in a case's name: "the Baby Sama review")
WHOM_WORDS = (r"bab(?:y|ies)|infants?|newborns?|toddlers?|child(?:ren)?|teenagers?|adolescents?|"
              r"young (?:person|people)|boys?|girls?")


# How a follow-up opens, which says only that it goes on from the last question ("and",
# "same but", "what about")
_GOING_ON = re.compile(r"^\W*(?:(?:and|but|so|also)\s+)*(?:same\s+(?:but|for|with)?\s*|"
                       r"(?:what|how)\s+about\s+|(?:and|but)\s+)*", re.I)


# What opens a question once its asking words are out ("what with escalation")
_ASKING_OPENS = re.compile(r"^(?:(?:what|how|which|who|why|did|do|does|were|was|is|are|the|with|"
                           r"about|on|in|for|of|to|tell|me|happened|reviews?|say|says|said|"
                           r"find|found|collection|there|any)\s+)+", re.I)
_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "sixth": 5, "last": -1}
_ORDINAL_WORD = "|".join(_ORDINALS)
_ORDINAL = re.compile(rf"\b({_ORDINAL_WORD})\b(?!\s+(?:answer|reply)\b)", re.I)
# a review of the last answer picked by its year ("what's the most recent one?" after a list
# of neglect deaths had quoted Baby Sama's dates): the newest, or the oldest
_BY_YEAR = {"most recent": max, "latest": max, "newest": max, "oldest": min, "earliest": min}
_BY_YEAR_WORD = r"(?:most\s+recent|latest|newest|oldest|earliest)"
_HEADING_YEAR = re.compile(r"\b((?:19|20)\d\d)\s+–")
_YEAR_SAID = re.compile(r"\b(?:19|20)\d\d\b")


# What says a message goes on from the last answer though it says something of its own: it
# narrows it ("only Bradford ones", "just 2024 please", "any from London?", "can you narrow
# that to serious case reviews"), or points back at its reviews ("which of those involved
# dads", "what about the police in that one", "what did the first case recommend")
_NARROWS = re.compile(r"\b(?:only|just|any|those|these|narrow\w*|ones|filter|limit)\b|"
                      r"^\W*(?:and|but|so|what\s+about|how\s+about|in|from)\b", re.I)  # ("in Bradford?")
_NARROWING_WORDS = frozenset("""only just please ones one any those these them which narrow
narrowed down filter limit published reviews review cases case ok okay since onwards later
earlier newer older""".split())
_THAT_ONE = re.compile(r"\b(?:that|this|the\s+same)\s+(?:one|case|review|family|child)\b|"
                       rf"\bthe\s+({_ORDINAL_WORD}|{_BY_YEAR_WORD}(?=\s+one\b))\s+(?:one|case|review)\b|"
                       r"\b(?:it|they)\s+((?:recommend|find|found|say|said|learn)\w*)|"
                       # "how old was the child in each?" (after the reviews of special
                       # guardianship orders: searched alone, it quoted a foster placement at 4)
                       r"(?:(?<=\bin\s)|(?<=\bof\s)|(?<=\bfor\s))each(?:\s+(?:one|case|review))?\b|"
                       r"\beach\s+(?:one|case|review)\b", re.I)
_THOSE = re.compile(r"\b(?:of|in|from|with)\s+(?:those|these|them)\b|"
                    r"\b(?:those|these)\s+(?:ones|reviews|cases)\b|"
                    # "ones where the parent killed the child" (after "parents with mental
                    # health problems"), "which ones involved alcohol?" (were searched alone)
                    r"^\W*(?:(?:and|but|so|what|how)\s+)?(?:about\s+)?(?:the\s+)?ones\s+"
                    r"(?:where|that|who|with|in\s+which|involving)\b|^\W*(?:and\s+)?which\s+ones\b|"
                    # "which were about neglect?" (after "disabled children")
                    r"^\W*(?:and\s+)?which\s+(?:were|are|was|is|involved?|had|have|mention(?:ed)?)\b|"
                    # "only the ones about babies" (after "reviews involving drug-using
                    # parents"), "which one was about an 8-week-old?" (after the Torbay
                    # digest's reviews): each had been searched alone
                    r"^\W*(?:and\s+|but\s+)?(?:only|just)\s+(?:the\s+ones?|ones|those|these|them)\b|"
                    # "only reviews about babies" (after "which reviews mention disguised
                    # compliance", searched alone: any review of a baby)
                    r"^\W*(?:and\s+|but\s+)?(?:only|just)\s+(?:the\s+)?(?:reviews?|cases?)\s+(?:about|of|on|"
                    r"with|where|that|involving|for)\b|"
                    r"^\W*(?:and\s+)?which\s+(?:one|review|case)s?\s+(?:was|were|is|are|had|has|"
                    r"involved?|mentioned|did|does)\b|"
                    # a fragment going on from it: "involving the dads?" (after "domestic abuse
                    # during pregnancy"), "where the mother was the abuser?"
                    r"^\W*(?:and\s+|but\s+)?(?:involving|including|with|without|where)\s+\w", re.I)
# what a follow-up opens with before it turns the last question ("and", "ok so", ...)
_OPENS = r"^\W*(?:(?:and|but|so|ok|okay)\W+)*"
# "what about X?", "how about X?" of a few words, none a theme or agency (see _turned_to)
_WHAT_ABOUT = re.compile(rf"{_OPENS}(?:what|how)\s+about\s+(.+?)\W*$", re.I)
_ABOUT_WORDS = 4
_INSTEAD = re.compile(r"\s+instead$", re.I)
# "only babies", "just the teenagers", "only girls": a few words of whom or what, nothing asked
_ONLY_THESE = re.compile(r"^\W*(?:(?:and|but|so|ok|okay)\W+)?(?:only|just)\s+(?:the\s+|for\s+|about\s+)?"
                         r"(?!(?:ones?|tell|show|give|list|quote|say|summar\w*|explain|those|these|them|"
                         r"recommend\w*|lessons?|learning|findings?)\b)([a-z][\w\s'’-]*?)\W*$", re.I)
# "and X?" of a few words, asking nothing of its own: "and the initial child protection
# conference?" (after "what did the Baby Sama review find about the strategy meeting?") had
# been searched alone, across every review
_AND_ALSO = re.compile(r"^\W*(?:and|also|plus)\s+(?:about\s+|on\s+)?(?!(?:what|how|why|who|whom|which|"
                       r"when|where|is|are|was|were|did|do|does|can|could|should|would|will|has|"
                       r"have|had|tell|show|give|list|find)\b)(.+?)\W*$", re.I)
# A year a follow-up confines the last question to ("only 2017", "in 2018", "2016?"), and the
# years of the last question it replaces ("the 2016 reviews", "published in 2016")
_A_YEAR = re.compile(r"\b(?:(?:only|just|in|from)\s+)+((?:19|20)\d\d)\b|\b((?:19|20)\d\d)\s+only\b|"
                     r"^\W*(?:(?:and|but|so|also|what|how)\s+(?:about\s+)?)*((?:19|20)\d\d)\W*$|"
                     # "just the 2018 ones" (was searched as "ones", across every year)
                     r"\b(?:(?:only|just)\s+)?(?:the\s+)?((?:19|20)\d\d)\s+ones?\b", re.I)
_LAST_YEARS = re.compile(r"\b(?:(?:published|from|in|since|before|after)\s+)?(?:19|20)\d\d\b",
                         re.I)


def _with_years(last: str, addition: str) -> str:
    """The last question and a follow-up's addition, its years in place of the last's:
    "neglect in 2017" and "and 2016?" is "neglect: 2016 reviews" ("in 2017" with "2016"
    had read 2016-2017)."""
    if not _YEAR_SAID.search(addition):
        return f"{last}: {addition}"
    last = " ".join(_LAST_YEARS.sub(" ", last).split()).rstrip(" ?.!:")
    return f"{last}: {_A_YEAR.sub(_year_reviews, addition)}"


def _of_years(reviews: Sequence[str], year_from: int | None, year_to: int | None) -> list[str]:
    """Of ``reviews`` as an answer heads them, those of the years, their types left out."""
    return [_REVIEW_TYPE_SAID.sub("", review) for review in reviews
            if (year := _heading_year(review)) is not None
            and (year_from or 0) <= year <= (year_to or 9999)]


def _heading_year(review: str) -> int | None:
    """A review's year as an answer heads it ("Bradford 2018 – Sameer": 2018), or None."""
    return int(m[1]) if (m := _HEADING_YEAR.search(review)) else None


def _year_reviews(m: re.Match[str]) -> str:
    """A year a follow-up said, as the reviews of that year: "only 2017" and "what about in
    2017?" are "2017 reviews", "the recommendations in 2018" "the recommendations in the 2018
    reviews" (a year alone is no filter: "what happened in 2018")."""
    year, before = m[1] or m[2] or m[3] or m[4], m.string[:m.start()]
    if re.search(r"\b(?:publish\w*|reviews?)\s*$", before, re.I):
        return m[0]  # (read as a year already: "which of those were published in 2016?")
    if _GOING_ON.fullmatch(before) or m[0].split()[0].lower() not in ("in", "from"):
        return f"{year} reviews"  # ("what about in 2018?", "just 2024 please")
    return f"{m[0].split()[0]} the {year} reviews"


# An agency or practitioner a follow-up turns the last question to ("and what about the
# police?", "same for midwives", "and for health visitors?"): that one in place of the one
# the last question named ("what lessons for GPs?"), or beside its topic where it named none
_AGENCY = (r"(?:the\s+)?(?:police|gps?|general\s+practitioners?|schools?|teachers?|nurser(?:y|ies)|"
           r"health\s+visit(?:ors?|ing)|midwi(?:fe|ves|fery)|social\s+workers?|social\s+care|"
           r"children['’]?s\s+(?:social\s+care|services)|probation|housing|nurses?|school\s+nurses?|"
           r"paediatricians?|hospitals?|a\s*&\s*e|ambulance(?:\s+service)?|camhs|mental\s+health\s+"
           r"services|youth\s+offending(?:\s+services?|\s+teams?)?|early\s+help|dsls?|"
           r"designated\s+safeguarding\s+leads?|lados?|health\s+services)")
_TURNS_TO = re.compile(rf"{_OPENS}(?:(?:what|how)\s+about|(?:and\s+)?"
                       rf"(?:the\s+)?same\s+(?:question\s+|thing\s+|again\s+|but\s+)?(?:for|with)|(?:and\s+)?for|"
                       rf"(?:and\s+)?(?:what|how)\s+about\s+for)?\s*"
                       rf"({_AGENCY})\W*$", re.I)
_AGENCY_SAID = re.compile(rf"(?<!\w){_AGENCY}(?!\w)", re.I)


# ... or to a theme, the whole of what it says ("same for emotional abuse" after "the themes
# around neglect", "what about co-sleeping?"): in place of the last question's first theme,
# or beside a question that named none
_WHOM_WORD = re.compile(WHOM_WORDS, re.I)
_TURNS_TO_THEME = re.compile(rf"{_OPENS}(?:(?:what|how)\s+about|"
                             r"(?:and\s+)?(?:the\s+)?same\s+(?:question\s+|thing\s+|again\s+|but\s+)?(?:for|with))"
                             r"\s+(.+?)\W*$|"
                             # "and domestic abuse?" (after "supervision?" of Sameer's brief)
                             r"^\W*(?:and|also)\s+(?:on\s+|for\s+)?(.+?)\W*$", re.I)


_HEADING_YEAR_END = re.compile(r"\s*(?:19|20)\d\d$")


def _another_named(message: str, one: str, plan: QueryPlan) -> str | None:
    """What "what about X?" or "and X?" ("what about X instead?") says where X, of a few
    words, names a review or place other than ``one``, the review the last answer was from
    (where it was from one); else None."""
    about = _WHAT_ABOUT.match(message) or _AND_ALSO.match(message)
    if about is None or not (plan.named_reviews or plan.place):
        return None
    named = _INSTEAD.sub("", about[1])  # ("how about Jack instead")
    if len(set(words(named)) - STOPWORDS) > _ABOUT_WORDS or (one and (
            holds_words(named, one.partition(" – ")[2]) or holds_words(one, named))):
        return None
    return named


def _asked_beside(last: str, said: str, one: str | None) -> str:
    """What a follow-up ``said`` asks, read with the last question; after an answer from
    ``one`` review, asked of that review instead ("Bedford 2017 – Baby Sama: what about the
    GP?")."""
    if not places_named(said) and [p.said for p in places_named(f"in {said}")] == [said]:
        said = f"in {said}"  # a place said alone ("what about London?": "London" is no place)
    return f"{one}: what about {said}?" if one else f"{last}: {said}"


def _turned_to(message: str, last: str, one: str | None = None) -> str | None:
    """The last question turned to the agency a follow-up names (:data:`_TURNS_TO`), or to
    the theme it names (:data:`_TURNS_TO_THEME`); an agency the last question named none of
    is asked of the ``one`` review the last answer quoted, where it quoted one."""
    if (m := _TURNS_TO.match(message)) and re.match(r"^\W*(?:and|but|so|ok|okay|what|how|"
                                                    r"same|the\s+same|for)\b", message, re.I):
        agency = " ".join(m[1].split())
        if _AGENCY_SAID.search(last):
            return _AGENCY_SAID.sub(agency, last, count=1)
        return _asked_beside(last, agency, one)
    if ((m := _TURNS_TO_THEME.match(message)) and (theme := m[1] or m[2])
            and (said := theme_spans(theme))
            and said[0][0] == 0 and said[-1][1] == len(theme) and len(said) == 1):
        # (not a word for whom it is about, as in a case's name: "the Baby Sama review"; and
        # whom it is about narrows the last question: "domestic abuse" then "what about
        # teenagers?" had been searched as "teenagers")
        if _WHOM_WORD.fullmatch(theme):
            return f"{last}: {theme}"
        # (not in the names of the reviews it was asked of: "what about online grooming?"
        # after "Brighton and Hove 2017 – Siblings W and X: ..." had turned "Siblings")
        if of_last := [(a, b, t) for a, b, t in _themes_asked(last) if not _WHOM_WORD.fullmatch(last[a:b])]:
            start, end, _ = of_last[0]
            return f"{last[:start]}{theme}{last[end:]}"
        return f"{last}: {theme}"  # ("what did the Child K review find?", "what about neglect?")
    return None


# A review's type as its heading ends with it: "Bradford 2018 – Sameer (learning brief)"
_REVIEW_TYPE_SAID = re.compile(r"\s+\([^()]*\)$")


def _headings_said(reviews: Sequence[str]) -> str:
    """The last answer's reviews as it headed them, less their types, said as one list
    ("Bradford 2018 – Sameer and 2024 – Child V")."""
    return said_as_list([_REVIEW_TYPE_SAID.sub("", r) for r in reviews])


def _review_said(ordinal: str | None, reviews: Sequence[str]) -> str | None:
    """The review of the last answer a follow-up points at: by its ``ordinal`` ("the second
    one") or its year ("the most recent one": the first of the newest year's), else the one
    review that answer had; None where it had no such review. It is
    given as the answer headed it, less its type ("Bradford 2018 – Sameer")."""
    if ordinal and (pick := _BY_YEAR.get(" ".join(ordinal.lower().split()))):
        years = [_heading_year(r) for r in reviews]
        known = [y for y in years if y is not None]
        place = years.index(pick(known)) if known else None  # (the first of a year's)
    else:
        place = _ORDINALS[ordinal.lower()] if ordinal else 0 if len(reviews) == 1 else None
    if place is None or not -len(reviews) <= place < len(reviews):
        return None
    return _REVIEW_TYPE_SAID.sub("", reviews[place])


_SPACE_BEFORE_STOP = re.compile(r"\s+(?=[?.!,])")


def _of_review_named(message: str, reviews: Sequence[str], plan: QueryPlan) -> str | None:
    """A message naming one review of the last answer by its place ("tell me more about the
    Trafford one") or by a name other reviews share ("tell me more about Child M"), asked of
    that review as the answer headed it: "Trafford 2017 – Child PB: tell me more about it".
    Each had been searched alone, and answered from both Trafford reviews, or all three
    Child Ms, the one the conversation was about not first. None where the last answer had
    no such review, or more than one."""
    found: list[tuple[str, re.Match[str]]] = []
    for heading in reviews:
        review = _REVIEW_TYPE_SAID.sub("", heading)
        area, _, title = review.partition(" – ")
        by_place = plan.place and holds_words(area, plan.place) and re.search(
            rf"\b(?:the|that|this)\s+{re.escape(plan.place)}(?:['’]s)?\s+(?:review|case|one)\b|"
            # ("the one in Staffordshire", after three Child Bs: searched alone, it quoted the
            # review's recommendations, not what happened)
            rf"\b(?:the|that)\s+(?:one|review|case)\s+(?:in|from|of)\s+{re.escape(plan.place)}\b",
            message, re.I)
        by_name = len(plan.named_reviews) > 1 and title and re.search(
            rf"(?<!\w)(?:the\s+)?{re.escape(title)}(?:['’]s)?(?:\s+(?:review|case|one))?(?!\w)",
            message, re.I)
        if said := by_place or by_name:
            found.append((review, said))
    if len(found) != 1:
        return None
    review, pointer = found[0]
    rest = " ".join(f"{message[:pointer.start()]} it {message[pointer.end():]}".split())
    if _ONLY_WHICH.fullmatch(rest) or not re.sub(r"\bit\b", "", rest).strip(" ?.!,;:-"):
        rest = "tell me about it"  # (the review alone: "the one in Staffordshire")
    return f"{review}: {_SPACE_BEFORE_STOP.sub('', rest)}"


def _of_review_pointed_at(message: str, that: re.Match[str], reviews: Sequence[str],
                          meant: Sequence[str] = ()) -> str | None:
    """A message pointing at a review of the last answer (``that``: "the first case", "that
    one"), asked of the review as the answer headed it: "Bradford 2018 – Sameer: what did
    recommend"; "that review" after an answer of several is each of them, the one meant among
    them ("what did that review recommend?" after three reviews of babies who died asleep had
    quoted a stabbing and Baby J's pre-birth assessment). None where it points at none."""
    several = False
    if not that[1] and meant:  # (no ordinal: of the reviews the last answer was about)
        reviews = meant
    if (review := _review_said(that[1], reviews)) is None:
        if that[1] or len(reviews) < 2:
            return None
        review = _headings_said(reviews)
        several = True
    # the pointer said as a pronoun, so that the question reads as one ("what did it
    # recommend", "what about the police in it", "tell me more about them")
    before = message[:that.start()]
    if that[2]:
        pointer = f"{'they' if several else 'it'} {that[2]}"
    else:
        pointer = ("them" if several and _PREPOSITION_BEFORE.search(before)
                   else "they" if several else "it")
    rest = " ".join(f"{before} {pointer} {message[that.end():]}".split())
    if _ONLY_WHICH.fullmatch(rest):  # ("what's the most recent one?": "what's it?")
        rest = f"tell me about {'them' if several else 'it'}"
    return f"{review}: {_SPACE_BEFORE_STOP.sub('', rest)}"


_ONLY_WHICH = re.compile(r"\W*(?:what|which|who)(?:['’]s|\s+(?:is|was|are|were))?\s+(?:it|they|them)\W*",
                         re.I)


_PREPOSITION_BEFORE = re.compile(r"\b(?:about|in|of|from|on|for|with|at|to|by)\s*$", re.I)


def _narrows(message: str, plan: QueryPlan) -> bool:
    """Whether the message only confines the last question, to a place, years, a review type
    or a source, saying nothing else (see _NARROWS)."""
    if not _NARROWS.search(message) or not (_YEAR_SAID.search(message) or plan.place
                                            or plan.review_types or plan.sources
                                            or plan.areas_left_out or plan.child_age):
        return False
    rest = plan.topic if plan.place or plan.review_types or plan.sources else message
    if plan.child_age:  # ("only the under 5s", "just babies under 6 months")
        rest = plan.child_age.left_out_of(rest, whom=False)
    return not (set(words(_YEAR_SAID.sub(" ", rest)))
                - STOPWORDS - _BACK_WORDS - _NARROWING_WORDS - FRAMING)


def with_last_question(message: str, last: str, reviews: Sequence[str] = (),
                       plan: QueryPlan | None = None, meant: Sequence[str] = ()) -> str | None:
    """A follow-up (:func:`follows_up`) read with the question before it, where it adds
    something to it: "what went wrong with escalation?" then "same but only 2017" is "what
    went wrong with escalation: 2017 reviews"; one about a review of the last answer, of
    ``reviews`` (its reviews as it heads them, in order: "Bradford 2018 – Sameer (learning
    brief)"), that
    review's: "tell me more about the second one" is "what went wrong with escalation:
    Bradford 2018 – Sameer". One asking for a kind of passage has it in place of what the
    last question asked for: "and the recommendations?" is "escalation: the
    recommendations?" ("what went wrong" led with a finding, and made "and what went well?"
    failings). None where it adds nothing ("tell me more"), asks to rework the last answer
    ("summarise that"), says no review it had, or is no follow-up; and where the two
    together are longer than a question may be. ``meant``, where the last answer was about
    fewer of its reviews than it quoted (those its question named, or those not shown as less
    close), are those "it" and "that review" point at; an ordinal counts through ``reviews``."""
    last = " ".join(last.split()).rstrip(" ?.!:")
    message = " ".join(message.split())
    if not last or _REWORK.match(message):
        return None
    if (asked := _ASKED_OF_REVIEWS.match(last)) and _HOW_OLD_THEY.match(last[asked.end():]):
        # after the children's ages, the reviews they were asked of ("which ones mention
        # gangs?" is not of their ages)
        last = last[:asked.end() - 1]
    if _MORE_EXAMPLES.match(message) and len(reviews) > 1 and not _ASKED_OF_REVIEWS.match(last):
        # "give me another example", "any others?": the last question again, less the
        # reviews its answer quoted and those it had left out so (searched alone, it found
        # nothing); not after an answer from one review, nor a question asked of reviews
        # named ("2017 – Child Y and 2018 – Children F, G and H: what did they recommend")
        before = _SHOWN_ALREADY.search(last)
        shown = _headings_said(reviews)
        return _other_than(_SHOWN_ALREADY.sub("", last), f"{before[1]} and {shown}" if before else shown)
    if (reviews and ((_OTHER_REVIEWS.search(message) and has_topic(message))
                     or _OTHER_OF.search(message)) and not _MORE_EXAMPLES.match(message)
            and not _SHOWN_ALREADY.search(message)):
        # a question of its own asking for other reviews than those the last answer quoted
        # ("which other reviews involve a young offender institution?" after Harry's had
        # listed Harry again; "was covid mentioned in any other review?" after Bradford's
        # Child A quoted Child A; "any other reviews about injured babies since 2019?" after
        # the babies thematic review and Child V quoted both again)
        return _other_than(_GOING_ON.sub("", message).rstrip(" ?.!"), _headings_said(reviews))
    # one asking only for lessons, after a question ("what was recommended?" after "which
    # were about neglect?" was searched alone), unless of a review it points at ("what did it
    # recommend?": which, of those quoted, is said below)
    that = _THAT_ONE.search(message)  # a review of the last answer it points at
    # (or good practice: "what went well?" after "tell me about the Jack review")
    lessons_only = (that is None and (
        (_LESSONS.search(message) is not None and not has_topic(message))
        or asks_only_for_praise(message)))
    if (that and reviews and not _EARLIER.search(message)
            and follows_up(message)):  # ("what did that review recommend?")
        pointed = _of_review_pointed_at(message, that, reviews, meant)
        return pointed if pointed and len(pointed) <= MAX_QUERY_CHARS else None
    if (plan is not None and reviews and not that
            and (named := _of_review_named(message, reviews, plan)) is not None):
        return named if len(named) <= MAX_QUERY_CHARS else None
    of = meant or reviews  # (the reviews "it" is of)
    one = _REVIEW_TYPE_SAID.sub("", of[0]) if len(of) == 1 else None
    if one and ((lessons_only and not _GOES_ON.match(message)) or (
            plan is not None and not plan.named_reviews and _OF_THE_CHILD.search(message))):
        # after an answer from one review, a question asking only for its lessons, or of a
        # child it does not name, is of that review: "what needs to happen now?" and "why
        # wasn't his voice heard?" after Sameer's had been read with the last question's
        # words ("wasn't his voice heard: what needs to happen now?") or searched alone
        return f"{one}: {message}"
    if one and plan is not None and _of_the_case(message, plan):
        # and one asking of "the child", "the review" or "anyone" in its case: "what happened
        # to the child?" and "was anyone convicted?" after Wolverhampton's Child G had been
        # quoted on families with no recourse to public funds listed four other children's
        # deaths and convictions; with the last question's words where it named the review
        # ("why was it late?" after "Baby Sama pre-birth assessment" quoted Nolan's late
        # booking)
        title = one.partition(" – ")[2]
        names_it = title and ":" not in last and holds_words(last, title)
        combined = f"{last if names_it else one}: {message}"
        return combined if len(combined) <= MAX_QUERY_CHARS else None
    if not follows_up(message) and not lessons_only:
        # one with words of its own, read with the last question where it narrows it or
        # points back at what it found (``plan``: the message's own reading)
        case = None if _across_reviews(last) else one  # (the one review it may be asked of)
        if (corrected := _corrected(message, last)) is not None:
            combined = corrected
        elif reviews and _HOW_OLD_THEY.match(message):
            # the ages of the children the last answer quoted ("how old were they?" after
            # school exclusions, searched alone, gave the ages of Baby Sama and others)
            combined = f"{_headings_said(reviews)}: {message}"
        elif _WHY_ALONE.match(message):
            # ("why?" after "reviews where police decisions were criticised" quoted Baby
            # Sama's "why things can go wrong")
            combined = f"{last}: why?"
        elif (it := _IT_ASKED.search(message)) and (topic := _topic_of(last)):
            # "it" is what the last question asked about ("which reviews mention it" after
            # "what is disguised compliance?" quoted a foreword)
            pronoun = it.lastindex or 1
            combined = f"{message[:it.start(pronoun)]}{topic}{message[it.end(pronoun):]}"
        elif _EXAMPLES_ALONE.match(message) and (topic := _topic_of(last)):
            combined = f"examples of {topic}"  # ("examples?" had no answer)
        elif (same := _SAME_THING.search(message)) and (topic := _last_topic(last)):
            # "the same thing" is what the last question asked about ("what does the Sameer
            # case say on the same thing?" after the Baby Sama review's escalation policy had
            # been searched as the words "same thing")
            combined = f"{message[:same.start()]} about {topic} {message[same.end():]}"
            combined = _SPACE_BEFORE_STOP.sub("", " ".join(combined.split()))
        elif one and plan is not None and (another := _another_named(message, one, plan)):
            # another review or place named in place of the one review the last answer was
            # from: the last question asked of it ("what about Jack?" after "what did the
            # Harry review find?" had been asked of Harry, "Thurrock 2017 – Harry: what about
            # Jack?"; "and Trafford?" after the Edinburgh review's recommendations)
            asked = _ASKED_OF_REVIEWS.match(last)
            rest = last[asked.end():].strip() if asked else last
            place, _, name = one.partition(" – ")
            instead = without_name(rest, name, any_case=False, instead=another)
            if instead == rest and (area := _HEADING_YEAR_END.sub("", place)):
                # (or the place the last question named: "what about Bradford?" after
                # "tell me about neglect cases in Rochdale")
                instead = without_name(rest, area, any_case=False, instead=another)
            combined = (_SPACE_BEFORE_STOP.sub("", " ".join(instead.split())) if instead != rest
                        else f"{another}: {rest}")
        elif (not one and reviews and plan is not None and _INSTEAD.search(message.rstrip(" ?.!"))
              and (asked := _ASKED_OF_REVIEWS.match(last))
              and (another := _another_named(message, "", plan))
              and not any(holds_words(heading, another) for heading in reviews)):
            # a review named in place of the several the last question was asked of ("how
            # about Somerset Fenestra instead" after "... and Calderdale 2016 – Jeanette:
            # what did they recommend?" had been asked of all five)
            combined = f"{another}: {last[asked.end():].strip()}"
        elif (turned := _turned_to(message, last, case)) is not None:
            combined = turned
        elif plan is not None and _narrows(message, plan):
            combined = _with_years(last, message)
            if (asked := _ASKED_OF_REVIEWS.match(last)) and reviews and (plan.year_from or plan.year_to):
                # of a question asked of the reviews the answer before named, those of them
                # from the years it says ("Somerset 2017 – Child Sam, 2024 – Child V ...: what
                # do they say about fathers?" then "any from 2022 or later?" had searched
                # "Somerset – Child Sam", years taken out of every heading)
                if not (kept := _of_years(reviews, plan.year_from, plan.year_to)):
                    return None
                combined = f"{said_as_list(kept)}: {last[asked.end():].strip()}"
        elif that and reviews:
            if (pointed := _of_review_pointed_at(message, that, reviews, meant)) is None:
                return None
            combined = pointed
        elif _THOSE.search(message):
            combined = f"{last}: {message}"
        elif ((only := _ONLY_THESE.match(message)) and plan is not None
              and not (plan.named_reviews or plan.place)
              and 0 < len(set(words(only[1])) - STOPWORDS) <= _ABOUT_WORDS):
            # those of the last question's cases about whom or what it says ("only babies"
            # after mothers drinking heavily with children on a plan was searched alone)
            combined = f"{last}: {only[1]}"
        elif ((about := _WHAT_ABOUT.match(message) or (
                plan is not None and not plan.named_reviews and not plan.place
                and _AND_ALSO.match(message)))
              and len(set(words(about[1])) - STOPWORDS) <= _ABOUT_WORDS):
            # a qualifier of the last question's topic ("cases of CSE", "what about boys?"
            # was searched alone, and led with a stabbing); after an answer from one review,
            # asked of that review ("what about the GP?" after the Baby Sama review's
            # strategy meeting and conference had been asked of all three)
            # (not where the last question asked across reviews and one answered: "what
            # about burns then?" after house fires, none, had been asked of Baby ON16's)
            combined = _asked_beside(last, about[1], case)
        elif _AGENCY_SAID.search(message) and not _names_its_own_topic(message):
            # of an agency alone ("knife crime", "what should schools do?" led with school
            # absences and epilepsy)
            combined = f"{last}: {message}"
        else:
            return None
        return combined if len(combined) <= MAX_QUERY_CHARS else None
    if _EARLIER.search(message):
        said = _ORDINAL.search(message)
        if (review := _review_said(said[1] if said else None, reviews)) is None:
            return None
        # with the kind of passage it asks for ("just the recommendations from the second
        # one you listed")
        wanted = [kind for kind, asking in (("recommendations", _RECOMMENDS),
                                            ("lessons", _LESSONS), ("good practice", _GOOD_PRACTICE))
                  if asking.search(message)][:1]
        if not wanted and (asked := _ASKED_OF_REVIEWS.match(last)):
            # of one of the reviews the last question was asked of, that question of it alone
            # ("tell me more about the second one" after "Liverpool – Chris, Birmingham – Child
            # D, ...: what did they recommend?" was asked of all four again)
            combined = f"{review}: {_THEY.sub('it', last[asked.end():].strip())}"
            return combined if len(combined) <= MAX_QUERY_CHARS else None
        addition, asks = " ".join([review, *wanted]), bool(wanted)
    else:
        addition = _GOING_ON.sub("", " ".join(message.split()))
        asks = bool(_LESSONS.search(addition) or _GOOD_PRACTICE.search(addition))
        if not asks and not set(words(addition)) - STOPWORDS - _BACK_WORDS:
            return None
    if asks:
        rest = _ASKING_OPENS.sub("", " ".join(_GOOD_PRACTICE.sub(
            " ", without_asks(last)).split())).rstrip(" ?.!:")
        if (heading := _ASKED_OF_REVIEWS.match(rest)) and not (
                set(words(rest[heading.end():])) - STOPWORDS - {"which", "one", "ones"}):
            # of reviews named, and nothing else asked of them but what was taken out ("and
            # the recommendations?" after "Dudley ...: what was the learning?" had been "what
            # was the: the recommendations", and after "Hull 2017 – Baby J: which one was it?"
            # "which one was it: the recommendations")
            rest = rest[:heading.end() - 1]
        last = rest if _says_something(rest) else last
    combined = _with_years(last, addition)
    return combined if len(combined) <= MAX_QUERY_CHARS else None


# A child a question speaks of by "he" or "she" before it names anyone ("why wasn't his voice
# heard?", not "when a mother says her partner has changed")
_OF_THE_CHILD = re.compile(r"^(?:(?!\b(?:mother|mum|mom|father|dad|parents?|partner|boyfriend|girlfriend|"
                           r"step\w*|carers?|grand\w+|brother|sister|siblings?|sons?|daughters?|"
                           r"girls?|boys?|child|children|kids?|bab(?:y|ies)|infants?|teenagers?|"
                           r"wom[ae]n|m[ae]n|person|people|someone|worker|officer|nurse|teacher)\b)"
                           r"[^:])*?\b(?:he|him|his|she|her|hers)\b", re.I)


# What a short question asks of the case an answer from one review told ("what happened to
# the child?", "was anyone convicted?", "why was it late?", "what was the cause of death?",
# "what methodology was used?"), not of reviews ("which reviews mention it", "other cases")
_THE_CASE = re.compile(r"\b(?:the|this|that)\s+(?:child|baby|infant|boy|girl|young\s+person|"
                       r"teenager|case|review|report|family|mother|mum|father|dad|parents?|"
                       r"carers?|board|lscb|panel|death|injur(?:y|ies)|cause\s+of\s+death)\b|"
                       r"\b(?:anyone|anybody|it)\b|\bwho\s+wrote\b|"
                       r"\b(?:methodology|method|model)\s+(?:was|did\s+it|did\s+they)\s+(?:used?)\b",
                       re.I)
# Whether something was done in the case ("was the escalation procedure used?", "were the
# police told?", "did the GP know?": after Alex's recommendations the first was searched alone
# and quoted four other reviews' escalation policies)
_WAS_IT_DONE = re.compile(r"^\W*(?:(?:and|but|so|ok|okay)\W+)?(?:was|were|did|had)\s+(?:the|a|an|any|"
                          r"anyone|anybody|anything|there|they|she|he|his|her|their|police|social\s+care|"
                          r"children'?s\s+services|school|nursery|health\s+visitors?|GPs?|midwi\w+)\b", re.I)
_OF_REVIEWS = re.compile(r"\b(?:reviews|cases|other|others|examples?|any\s+more|elsewhere|"
                         r"generally|in\s+general|usually|ever|often)\b", re.I)
_CASE_QUESTION_WORDS = 10


_THEY = re.compile(r"\bthey\b")


def _across_reviews(question: str) -> bool:
    """Whether a question asks across reviews ("are there reviews about house fires?"), not
    of reviews it names."""
    return _OF_REVIEWS.search(question) is not None and not _ASKED_OF_REVIEWS.match(question)


def _of_the_case(message: str, plan: QueryPlan) -> bool:
    """Whether a question asks only of the case the last answer, from one review, told
    (:data:`_THE_CASE`, or whether something was done in it: :data:`_WAS_IT_DONE`): short,
    naming no review, place or year, nor a theme unless it asks what was done."""
    done = _WAS_IT_DONE.match(message) is not None
    return (len(words(message)) <= _CASE_QUESTION_WORDS
            and (done or _THE_CASE.search(message) is not None)
            and not _OF_REVIEWS.search(message) and not _IT_ASKED.search(message)
            and not (plan.named_reviews or plan.place or plan.year_from or plan.year_to
                     or (plan.themes and not done) or plan.review_types or plan.sources))


# A review a follow-up calls "the Greenwich one" (after an answer that quoted it): "one" is
# no topic ("what did the Greenwich one recommend?" had no answer)
_NAMED_ONE = re.compile(r"\b(the\s+(?:[A-Z][\w'’-]*\s+){1,3})one\b")


_SAME_THING = re.compile(r"\b(?:(?:on|about|of|for|with|regarding)\s+)?(?:the\s+same\s+(?:thing|topic|"
                         r"issue|subject|point|question|theme|area)s?|that\s+(?:topic|issue|subject))\b",
                         re.I)  # (not "that area", "at that point": where and when)
# what a question asks about, after its last "about" or the colon a follow-up was read with
_ABOUT_WHAT = re.compile(r"(?:\babout|:)\s+(?!what\b|it\b|them\b)([^:]+?)\W*$", re.I)


# "it" or "that" in a follow-up that stands for what the last question asked about ("which
# reviews mention it", "what does that mean", "any cases of it in Bradford?")
_IT_ASKED = re.compile(r"^\W*(?:(?:and|so|ok|okay)\W+)?(?:which|what|any|are\s+there\s+any)\b[^:]*?"
                       r"\b(?:mention|mentions|mentioned|discuss\w*|cover\w*|talk\s+about|say\s+about|"
                       r"describe\w*|involve[sd]?|about|of|on)\s+(it|this|that)\b(?![-'’])|"
                       r"^\W*(?:and\s+)?what\s+(?:does|do)\s+(that|it|this)\s+(?:term\s+|word\s+|phrase\s+)?"
                       r"mean\W*$", re.I)
# "examples?", "any examples?", "case examples please": of what the last question asked about
_EXAMPLES_ALONE = re.compile(r"^\W*(?:(?:and|ok|okay|so)\W+)?(?:(?:give|show)\s+(?:me\s+)?|any\s+|some\s+|"
                             r"are\s+there\s+any\s+)?(?:case\s+)?examples?(?:\s+please)?\W*$", re.I)
# "why?", "but why?", "why not?"
_WHY_ALONE = re.compile(r"^\W*(?:(?:and|but|so|ok)\W+)?why(?:\s+not|\s+was\s+that|\s+is\s+that)?\W*$",
                        re.I)
# "how old were they?", "how old was she?", "what ages were the boys?": of the children the
# last answer quoted
_HOW_OLD_THEY = re.compile(r"^\W*(?:(?:and|so|ok|okay)\W+)?(?:how\s+old|what\s+ages?)\s+"
                           r"(?:was|were|is|are)\s+(?:they|she|he|them|the\s+(?:boys?|girls?|child(?:ren)?|kids?|bab(?:y|ies)|"
                           r"siblings?|twins|young\s+(?:people|person)|teenagers?|victims?))"
                           r"(?:\s+(?:then|at\s+the\s+time|when\s+\w+(?:\s+\w+)?))?\W*$", re.I)
# A correction of the last question ("no, I meant neglect", "sorry I meant the teenagers")
_CORRECTION = re.compile(r"^\W*(?:(?:no|nope|sorry|oops)\W+)*(?:i\s+(?:meant|mean)|i\s+was\s+asking\s+about)"
                         r"\s+(.+?)\W*$", re.I)


def _themes_asked(last: str) -> list[tuple[int, int, str]]:
    """The themes the last question names (:func:`theme_spans`), not in the names of the
    reviews it was asked of ("what about online grooming?" after "Brighton and Hove 2017 –
    Siblings W and X: ..." had put "online grooming" in place of "Siblings"), nor in reviews
    named alone ("Brighton and Hove 2017 – Siblings W and X", the reviews of their ages)."""
    asked = _ASKED_OF_REVIEWS.match(last if ":" in last else f"{last}:")
    return [span for span in theme_spans(last) if span[0] >= (asked.end() if asked else 0)]


def _corrected(message: str, last: str) -> str | None:
    """The last question corrected as a message says ("no, I meant X"): X in place of the
    last thing of its kind the last question named, an agency for an agency, a whom-word for
    a whom-word, else a theme (what was said last is what is corrected: "reviews about
    physical abuse of toddlers" then "no, I meant neglect" is "reviews about neglect of
    toddlers"); a whom-word where the last question named none, in place of its last theme
    ("which of them were about neglect?" then "no, I meant the teenagers" asks which were
    about teenagers). None where it is no correction or names nothing to put X in place of."""
    if not (m := _CORRECTION.match(message)):
        return None
    said = m[1]
    if _AGENCY_SAID.fullmatch(said) and (agencies := list(_AGENCY_SAID.finditer(last))):
        start, end = agencies[-1].span()
    else:
        whom = _WHOM_WORD.fullmatch(re.sub(r"^the\s+", "", said, flags=re.I)) is not None
        spans = [(a, b) for a, b, _ in _themes_asked(last)
                 if (_WHOM_WORD.fullmatch(last[a:b]) is not None) == whom]
        if not spans and whom:  # (no whom-word before: the last theme)
            spans = [(a, b) for a, b, _ in _themes_asked(last)]
        if not spans:
            return None
        start, end = spans[-1]
    return f"{last[:start]}{said}{last[end:]}"


def _topic_of(last: str) -> str | None:
    """What the last question asked about: after "about" or a colon (:func:`_last_topic`),
    else the question less its asking words ("what is disguised compliance?": "disguised
    compliance")."""
    if topic := _last_topic(last):
        return topic
    rest = _ASKING_OPENS.sub("", re.sub(r"^\W*(?:what|who)['’]s\s+", "", last, flags=re.I))
    rest = re.sub(r"\s+(?:mean|means)$", "", rest.rstrip(" ?.!:")).strip()
    return rest if _says_something(rest) else None


def _last_topic(last: str) -> str | None:
    """What the last question asked about, where it says so after "about" or a colon
    ("Bedford 2017 – Baby Sama: what about the escalation policy": "the escalation
    policy")."""
    m = _ABOUT_WHAT.search(last)
    return m[1] if m and _says_something(m[1]) else None


# A question asking which reviews say something ("which reviews talk about disguised
# compliance?", "what cases mention taxi drivers"), whose answer names as many as it reads
_WHICH_REVIEWS = re.compile(r"\b(?:which|what)\s+(?:other\s+)?(?:reviews|cases|serious\s+case\s+reviews|"
                            r"scrs|ones)\b(?!\s+(?:say|said|says|recommend\w*|found|find|learn\w*)\b)|"
                            r"\b(?:list|name)\s+(?:all\s+)?(?:the\s+)?(?:reviews|cases)\b", re.I)


# (a question asking which reviews did not do something is no such question)
_NEGATION = re.compile(r"\b(?:no|not|never|without|none|nothing)\b|n['’]t\b", re.I)


def asks_which_reviews(question: str) -> bool:
    """Whether a question asks which reviews say something, not what they say ("which
    reviews talk about it?", not "what reviews say about it")."""
    return _WHICH_REVIEWS.search(question) is not None


def asks_to_rework(message: str) -> bool:
    """Whether a message asks to rework the last answer ("summarise that", "can you shorten
    it"), which no search serves."""
    return _REWORK.match(message) is not None


def one_as_review(message: str) -> str:
    """A follow-up's "the Greenwich one" written as "the Greenwich review"."""
    return _NAMED_ONE.sub(r"\1review", message)


def follows_up(question: str) -> bool:
    """Whether the message only makes sense after the last answer (see with_last_question):
    it asks to rework it, picks among what it found, goes on from it with nothing of its own
    ("and the recommendations?"), or asks only of the review it points at ("what did that
    review recommend?", "what did it find?", searched alone)."""
    if _REWORK.match(question) or _EARLIER.search(question):
        return True
    if (that := _THAT_ONE.search(question)) and not has_topic(
            f"{question[:that.start()]} {question[that.end():]}"):
        return True
    said = {w for w in words(_GOOD_PRACTICE.sub(" ", _LESSONS.sub(" ", question)))
            if not w.isdigit()}
    # ("and", "also ...?" with nothing of its own: as "and the recommendations?", "and what
    # went well?")
    return ((_BACK.match(question) is not None or _GOES_ON.match(question) is not None)
            and not said - STOPWORDS - _BACK_WORDS)


# What the tool is and what becomes of what is typed ("are you using ChatGPT? where does what
# I type go"): had no answer, though a practitioner deciding whether to trust it needs one.
_ABOUT_THE_TOOL = re.compile(
    r"\b(?:are|is)\s+(?:you|this|it)\s+(?:using\s+|based\s+on\s+|powered\s+by\s+)?(?:a\s+|an\s+)?"
    # (said alone: not "is this human trafficking?")
    r"(?:chat\s?gpt|gpt|ai|a\.i\.|bot|chatbot|robot|human|llm|copilot|gemini|claude)"
    r"(?:\s*(?:[?.!,]|$)|\s+(?:or|and|model|tool|chatbot|powered|based)\b)|"
    r"\bwhere\s+(?:does|do|is|are)\s+(?:what\s+i\s+(?:type|write|ask)|my\s+(?:questions?|data|"
    r"messages?|searches))\s+(?:go|stored|kept|sent|saved)\b|"
    r"\b(?:do|does|will)\s+(?:you|this|it|reviewqa)\s+(?:store|keep|save|record|log|share|send)\s+"
    r"(?:my|what\s+i)\b|\bwho\s+can\s+see\s+(?:my|what\s+i)\b|"
    r"\bis\s+(?:this|it|reviewqa)\s+(?:confidential|secure|private|gdpr)\b|"
    # whether to rely on it ("is this checked by a person? can I quote your answers in a
    # court report" was answered with passages about court reports)
    r"\b(?:is|are)\s+(?:this|it|these|the|your)\s+(?:answers?\s+|replies\s+)?(?:checked|"
    r"reviewed|verified|moderated|written|approved)\s+by\s+(?:a\s+|an\s+)?(?:person|human|"
    r"people|someone|anyone|expert|professional|social\s+worker)s?\b|"
    r"\bcan\s+(?:i|we)\s+(?:quote|cite|reference|rely\s+on|trust)\s+(?:your|these|the|this\s+"
    r"tool['’]s)\s+(?:answers?|replies|responses|output|results)\b|"
    # how it finds what it shows ("how do you decide which reviews to show me first, is it
    # keywords or some kind of AI?" searched the reviews and found nothing)
    r"\bhow\s+(?:do|does)\s+(?:you|it|this|reviewqa|the\s+tool|this\s+tool)\s+"
    r"(?:decide|choose|pick|rank|order|sort|find|search|select)\s+(?:which|what|the)\b|"
    r"\bhow\s+does\s+(?:it|reviewqa|the\s+tool|this\s+tool)\s+work\b|"
    r"\b(?:some\s+)?(?:kind|sort)\s+of\s+(?:ai|a\.i\.)\s*[?.!]*$", re.I)


def asks_about_the_tool(question: str) -> bool:
    """Whether the question asks what the tool is or what happens to what is typed."""
    return _ABOUT_THE_TOOL.search(question) is not None


# What a manager asks of a tool that quotes and counts, which it does not do ("make me a
# spreadsheet of all reviews", "draw me a bar chart", "email this summary to our board",
# "rank the local authorities by how badly they performed", "predict which families in our
# area are likely to be the next SCR" were answered with passages, or "No relevant passages")
_CANNOT = re.compile(
    r"\b(?:make|draw|create|produce|build|generate|give|send|put|turn)\b[^?.]{0,40}?\b(?:spreadsheets?|"
    r"excel|bar\s+charts?|pie\s+charts?|charts?|graphs?|powerpoint|slide\s+deck)\b|"
    r"\bexport\b[^?.]{0,40}?\b(?:excel|spreadsheets?|powerpoint)\b|"
    r"\b(?:email|e-mail)\s+(?:this|it|that|these|the\s+\w+)\b|\bsend\s+(?:this|it|that)\s+to\b|"
    r"\b(?:predict|forecast)\w*\b[^?.]{0,40}?\b(?:famil(?:y|ies)|children|child|cases?|next|who)\b|"
    # ("which local authority is the worst at safeguarding? rank them from worst to best")
    r"\b(?:which|what)\s+(?:local\s+authorit(?:y|ies)|councils?|agenc(?:y|ies)|partnerships?|lscbs?)\s+"
    r"(?:is|are|was|were|has|have|did|does)\s+(?:\w+\s+){0,2}?(?:the\s+)?(?:worst|best|most\s+dangerous|"
    r"safest|poorest|weakest)\b|\b(?:worst|best)\s+(?:local\s+authorit(?:y|ies)|councils?)\b|"
    r"\brank\w*\s+(?:the\s+)?(?:local\s+authorities|councils|agencies|areas|partnerships|boards|"
    r"services)\b|\bleague\s+tables?\b", re.I)


def asks_what_it_cannot_do(question: str) -> bool:
    """Whether the question asks for what reviewqa does not do (see _CANNOT)."""
    return _CANNOT.search(question) is not None


# Thanks and the like, alone ("thanks that's really helpful!"): had "No relevant passages".
_THANK = r"thanks|thankyou|thx|ty|cheers|ta"
_THANKS = re.compile(rf"^\W*(?:(?:{_THANK}|thank\s+you|many\s+thanks|"
                     r"great|brilliant|perfect|lovely|super|ok|okay|cool|nice|excellent|"
                     r"(?:that['’]?s|that\s+is|this\s+is|very|really|so)|helpful|useful|"
                     r"great\s+help|a\s+lot|(?:so\s+)?much|for\s+(?:that|this|the\s+help|your\s+help)|"
                     # ("hi there, thanks so much for your help earlier!")
                     r"(?:hi|hello|hey)(?:\s+there)?|earlier|again|today|everything|all)"
                     r"[\s!.,:)]*)+$", re.I)
# A question that opens as if it went on from the last answer ("and what about the
# police?"): answered on its own, and the answer says so ("what about neglect in Rochdale?"
# asks afresh as well as it goes on).
_GOES_ON = re.compile(r"^\W*(?:and|but|also|so)\b", re.I)


def thanks(question: str) -> bool:
    """Whether the message only thanks or praises ("thanks, that's really helpful!")."""
    return _THANKS.match(question) is not None and bool(
        re.search(rf"\b(?:thank|{_THANK})\b", question, re.I))


def goes_on(question: str) -> bool:
    """Whether a question with its own topic opens as if it followed the last answer."""
    return _GOES_ON.match(question) is not None and not follows_up(question)


def asks_for_help(question: str) -> bool:
    """Whether the question asks how to use the tool ("help", "what can I ask?"), not the
    reviews: it searched "help" and found nothing."""
    return _HELP.match(question) is not None


def has_topic(question: str) -> bool:
    """Whether a question says what it is about beside asking for lessons or
    recommendations: "what did the recommend?" (a named review taken out) does not."""
    return _says_something(_LESSONS.sub(" ", _QUOTE_THEM.sub(" ", question)))


# A request to quote or list what follows, which asks nothing of its own ("quote the
# considerations" after Fenestra's answer was searched for the word "quote")
_QUOTE_THEM = re.compile(r"^\W*(?:(?:please|can\s+you|could\s+you)\s+)?(?:quote|list|read\s+out)\b", re.I)


def _says_something(text: str) -> bool:
    return bool(set(words(text)) - STOPWORDS)


# The words a request for a case's story is made of, and what a trainer wants it for
_STORY_WORDS = frozenset("""tell told happened happen story case summary summaries summarise
summarize summarising overview outline background short brief quick give read out start
beginning training session sessions slide slides workshop about""".split())


def _asks_only_for_the_story(topic: str) -> bool:
    """Whether a question's topic (its review's name taken out) asks for nothing but the
    case's story: "tell me about the", not "what happened to at school?"."""
    return not (set(words(_CASE_SUMMARY.sub(" ", _STORY.sub(" ", topic))))
                - STOPWORDS - FRAMING - _VAGUE - _STORY_WORDS)


def _means_less(question: str, said: str) -> str:
    """``question`` less ``said`` and the words asking what something means."""
    return re.sub(r"\b(?:mean|means|meaning|define|definition)\b", " ", without_name(question, said),
                  flags=re.I)


def _places(question: str, areas: list[str]) -> tuple[str | None, list[str], list[str], list[str]]:
    """The places the question names (as said, joined), the areas of the index in them, the
    names said, and the places named that no review is from. An area of the index is named
    where no longer one named holds it ("Croydon and Lewisham", not Croydon, where the
    question says the joint area), with every area that contains one as words (not one said
    only inside a wider place's name: "South Gloucestershire" is not Gloucestershire), places
    joined by "and" in the order said ("the Luton and Bradford reviews" had been Bradford's
    alone); any other UK place (a nation, London, a local authority: see corpus.places) with
    the areas that lie in it ("from Scotland, Wales or Northern Ireland" had been Scotland
    alone). Where no review is from any place named, the place is theirs, with no area."""
    spoken = [a for a in areas if holds_words(question, a)  # (most areas go unsaid)
              and holds_words(outside_wider_places(question, a), a)]
    said = sorted((a for a in spoken if not any(a != b and holds_words(b, a) for b in spoken)),
                  key=lambda a: question.lower().find(a.lower()))
    matched = [a for a in areas if any(holds_words(a, p) for p in said)]
    shown, absent = list(said), []
    named = places_named(question)
    # of nations' adjectives, the longest, and none beside places named ("the Welsh child
    # practice review model in English areas" asks about England's reviews)
    adjectives = [p for p in named if p.said not in p.names]
    if len(named) > len(adjectives):
        named = [p for p in named if p not in adjectives]
    elif adjectives:
        named = [max(adjectives, key=lambda p: len(p.said))]
    for place in named:
        if any(holds_words(a, place.said) or holds_words(place.said, a) for a in said):
            continue  # an area of the index, read as one
        said.append(place.said)
        # a nation or a region as named ("Scottish reviews" are from Scotland), an authority
        # as said
        name = place_name(place)
        if inside := areas_in(place, areas):
            if place.kind != "authority":
                # (not the areas it holds said beside it: "my region, the South West
                # (Somerset, Dorset, Wiltshire, Gloucestershire)" is the South West)
                shown = [a for a in shown if a not in inside]
            shown.append(name)
            matched += [a for a in inside if a not in matched]
        elif name not in absent:
            absent.append(name)
    if shown:
        return " and ".join(shown), matched, said, absent
    if absent:
        return " or ".join(absent), [], said, []
    return None, [], [], []


# A place or review said to be left out: "not in London boroughs", "outside of Bradford",
# "apart from Merton", "but not the Baby Sama one" (asked of "neglect reviews from 2017 ...
# but not in london boroughs", only London's reviews were searched).
_LEAVING_OUT = re.compile(r"\b(?:not\s+(?:in|from)|outside(?:\s+of)?|except(?:\s+for)?|excluding|"
                          r"other\s+than|apart\s+from|besides|but\s+not(?:\s+(?:in|from))?)\s+(?:the\s+)?"
                          r"((?:[\w'’-]+\s*){1,4})", re.I)


def _left_out(question: str, catalogue: Catalogue
              ) -> tuple[str, list[str], str | None, list[str], list[ReviewName]]:
    """The question less the places and reviews it leaves out, the words that leave them out
    ("not in london boroughs"), the places as named (joined), the index's areas in them, and
    the reviews (named in any case: "other than sameer")."""
    leaving_out: list[str] = []
    said: list[str] = []
    left_out: list[str] = []
    reviews: list[ReviewName] = []
    if shown := _SHOWN_ALREADY.search(question):  # (see with_last_question: "another example")
        reviews = [r for r in catalogue.reviews if re.search(
            rf"(?:^|,\s|\sand\s){re.escape(review_heading(r.title, r.area, r.year, None))}(?=,|\sand\s|$)",
            shown[1])]
        leaving_out.append(shown[0])
        question = question.replace(shown[0], " ")
    for m in _LEAVING_OUT.finditer(question):
        place, matched, named, _ = _places(f"in {m[1]}", catalogue.areas)  # (UK places are
        said_names = catalogue.names_said(m[1], alone=True)                  # read after "in")
        unwanted = [review for review, _ in said_names]
        spans = [span for _, review_spans in said_names for span in review_spans]
        said_first = (m[1].lower().startswith(tuple(n.lower() for n in named))
                      or any(start == 0 for start, _ in spans))
        if not said_first:  # ("outside the house in the Polly case" leaves nothing out)
            continue
        # the words up to the last place or review named (a place no review is from leaves
        # none out, and is no place asked about either)
        ends = [m[1].lower().rfind(n.lower()) + len(n) for n in named] + [e for _, e in spans]
        leaving_out.append(question[m.start():m.start(1) + max(ends)])
        if matched:
            said.append(place or "")
            left_out += [a for a in matched if a not in left_out]
        reviews += [r for r in unwanted if r not in reviews]
    for words_said in leaving_out:
        question = question.replace(words_said, " ")
    return question, leaving_out, " or ".join(said) or None, left_out, reviews


def _other_than(asked: str, shown: str) -> str | None:
    """``asked`` with the reviews ``shown`` (as answers head them) left out, as
    :data:`_SHOWN_ALREADY` reads them; None where that is longer than a question may be."""
    combined = f"{asked}: other examples than {shown}"
    return combined if len(combined) <= MAX_QUERY_CHARS else None


def without_shown(question: str) -> str:
    """The question less the reviews a follow-up leaves out as already quoted ("... other
    examples than Bradford 2024 – Child A"), which say nothing of what is searched for."""
    return _SHOWN_ALREADY.sub("", question)


# The reviews a follow-up asking for more examples leaves out, those the last answer quoted,
# as it headed them: "domestic abuse and babies: other examples than Bedford 2017 – Baby Sama
# and 2024 – C101" (a title may end in a bracket: "... gang associations (Luton)")
_SHOWN_ALREADY = re.compile(r":\s+other\s+examples\s+than\s+(.+?)[\s?.!,;:]*$", re.I)
# another review of a place or a kind the last answer's was ("and the other Surrey review?"
# had been read as "Tell me about the Surrey the other Surrey review review")
_OTHER_OF = re.compile(r"\b(?:an)?other\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:[Rr]eviews?|[Cc]ases?|[Oo]nes?)\b")
# a question asking for reviews other than those the last answer quoted
_OTHER_REVIEWS = re.compile(r"\b(?:other|another)\s+(?:reviews?|cases?|examples?|ones?)\b|\bany\s+others\b",
                            re.I)
# a question a follow-up asked of reviews as an answer headed them ("Bradford 2018 – Sameer:")
_ASKED_OF_REVIEWS = re.compile(r"^[^:]*\s–\s[^:]*:")
# a review's place and year as an answer heads it ("Bedford 2017 – ", "2024 – ")
_HEADING_PLACE_YEAR = re.compile(r"(?:(?<=^)|(?<=, )|(?<= and ))(?:[^,:–]*?\s)?(?:19|20)\d\d\s+–\s+")


def without_headings_places(question: str) -> str:
    """A question asked of reviews as an answer headed them ("Bedford 2017 – Baby Sama: what
    about the GP's contribution?") with their titles alone ("Baby Sama: what about ..."): the
    place and year name no more than the title does, and searched, they are words of many of
    the review's passages ("Bedford" led the GP's question to the report's introduction)."""
    if not (m := _ASKED_OF_REVIEWS.match(question)):
        return question
    return _HEADING_PLACE_YEAR.sub("", m[0]) + question[m.end():]


_MORE_EXAMPLES = re.compile(r"^\W*(?:(?:and|ok|okay|so|please|can\s+you|could\s+you)\W+)*(?:give\s+me|"
                            r"show\s+me|are\s+there|any|i\s+need|find)?\s*(?:an\s*other|more|some\s+more|"
                            r"other|further)"
                            r"\s+(?:examples?|cases?|reviews?|ones?)(?:\s+(?:please|like\s+(?:that|this|those|these)))?"
                            r"\W*$|^\W*(?:(?:and|ok|so)\W+)?any\s+(?:others|more)\W*$", re.I)


# A theme a question leaves out: "neglect reviews that don't mention domestic abuse", "cases
# of neglect but not domestic abuse", "excluding substance misuse", "neglect without domestic
# violence", "reviews that were not about neglect", "not involving domestic abuse", "sexual
# abuse within the family, not sexual exploitation", "other than those involving drugs",
# "deaths that were not suicide" (not "without a GP", "without their parents": lacking one,
# which is a topic; nor "children who were not brought", whose "not" is of a person's doing).
_THEME_LEAVING_OUT = re.compile(
    r"(?:(?:\b(?:but|and)|,)\s+not(?:\s+any)?|"
    r"\b(?:(?:excluding|except(?:\s+for)?|other\s+than|apart\s+from)"
    r"(?:\s+(?:any|those|ones|reviews|cases)(?:\s+(?:that|which|where))?\s+"
    r"(?:involv\w*|mention\w*|includ\w*|featur\w*|cover\w*|about|with|on))?|"
    r"without(?!\s+(?:a|an|"
    r"the|any\s+\w+\s+(?:from|by)|their|his|her|its|my|our|your)\b)(?:\s+any)?)|"
    r"(?:\b(?:do|does|did)\s+not|\b(?:don|doesn|didn)['’]?t|\bnever)\s+(?:mention|involve|include|"
    r"cover|feature|discuss|name|touch\s+on|say\s+anything\s+about|"
    # "which reviews did NOT find problems with information sharing?" (was answered with
    # six that did)
    r"(?:find|identify|raise|highlight|report)(?:\s+any)?(?:\s+(?:problems?|issues?|concerns?|"
    r"failings?|gaps?|difficult(?:y|ies))\s+(?:with|about|around|in|over|on))?)(?:\s+any)?|"
    r"\b(?:(?:were|was|are|is)\s+not|(?:weren|wasn|aren|isn)['’]?t|not)\s+(?:about|involving|"
    r"concerning)(?:\s+any)?|"
    r"\b(?:that|which)\s+(?:were|was)\s+not(?:\s+(?:about|involving|concerning|due\s+to|by|from))?)\s+"
    r"((?:[\w'’-]+[\s,]*){1,8})", re.I)


def _themes_said_first(text: str) -> tuple[list[str], int]:
    """The themes ``text`` opens by naming ("domestic abuse or substance misuse in ..."): a
    term at its start, and each after it joined by "or", "and" or a comma; and where the
    last of them ends."""
    themes: list[str] = []
    # (after an article: "not about a child dying" was answered with a child's death)
    end = m.end() if (m := re.match(r"(?:a|an|the)\s+", text, re.I)) else 0
    for start, stop, theme in theme_spans(text):
        between = text[end:start].strip(" ,").lower()
        if themes and between not in ("or", "and", ""):
            break
        if not themes and between and not re.fullmatch(r"[\w-]+\s+(?:or|and)", between):
            break  # (but "drug or alcohol misuse")
        themes.append(theme)
        end = stop
    return list(dict.fromkeys(themes)), end


_TELLING = re.compile(r"\b(?:tell|tells|telling|told|distinguish\w*)\s+(?:[\w'’-]+\s+){1,4}$", re.I)


def _themes_left_out(question: str) -> tuple[list[str], list[str]]:
    """The themes the question leaves out (:data:`_THEME_LEAVING_OUT`), and the words that
    leave them out."""
    themes: list[str] = []
    said: list[str] = []
    for m in _THEME_LEAVING_OUT.finditer(question):
        if _TELLING.search(question[:m.start()]) and m[0].lower().startswith("apart"):
            continue  # ("telling poverty apart from neglect" leaves neither out)
        named, end = _themes_said_first(m[1])
        if named:
            themes += [t for t in named if t not in themes]
            said.append(question[m.start():m.start(1) + end])
    return themes, said


_AGENCY_FIRST = re.compile(rf"(?:{_AGENCY})(?!\w)", re.I)


def _agencies_left_out(question: str) -> tuple[list[str], list[str]]:
    """The agencies the question leaves out as it leaves out themes ("which reviews did not
    involve the police?": "police"; :data:`_THEME_LEAVING_OUT`), and the words that leave
    them out. A review is taken to involve an agency where a passage names it."""
    agencies: list[str] = []
    said: list[str] = []
    for m in _THEME_LEAVING_OUT.finditer(question):
        if (agency := _AGENCY_FIRST.match(m[1])) and not _themes_said_first(m[1])[0]:
            name = re.sub(r"^the\s+", "", " ".join(agency[0].split()), flags=re.I).lower()
            agencies.append(name)
            said.append(question[m.start():m.start(1) + agency.end()])
    return agencies, said


_GENERIC_TITLES = frozenset({"young person", "child", "baby", "family"})
# How reviews name the children they are about: "Baby P", "Child K", "Child C101", "Young
# person Rachel".
_CASE_NAME = re.compile(r"\b(?:Baby|Child|Young [Pp]erson)\s+[A-Z][A-Za-z]*\d*(?![\w-])")
_CASE_CODE = re.compile(r"[A-Z]{1,3}\d*$")
_GIVEN_NAME = re.compile(r"^(?:Baby|Child|Young [Pp]erson)\s+(\S+)$")


_AND_FAMILY = re.compile(r"\s+and\s+(?:(?:his|her|their)\s+)?family$", re.I)


def _core(title: str) -> str:
    """A review title's first words as printed, up to a comma or bracket."""
    return re.split(r"\s*[,(\[:]", title.strip(" '\""), maxsplit=1)[0].strip()


def _unknown_cases(question: str, titles: list[str],
                   unseen: Callable[[str], bool]) -> tuple[str, ...]:
    """The children's names in the question ("Baby P") that no title holds: as printed, as
    the title itself ("Child C101": "C101"), or in a title naming several children ("Child
    R": "Children R, S and W"). A name counts where it is a code, as reviews code children
    ("P", "BW", "C101"), or a word no passage holds ("Baby Peter"): "Child Protection" and
    "Child Death" are not children."""
    unknown = []
    for m in _CASE_NAME.finditer(question):
        name, given = m.group(0), m.group(0).split()[-1]
        if not (_CASE_CODE.match(given) or unseen(given.lower())):
            continue
        if not any(holds_words(t, name) or t == given
                   or (t.startswith(("Children", "Siblings")) and holds_words(t, given))
                   for t in titles):
            unknown.append(name)
    # and a review asked for by its children's names, none a word a passage holds ("the
    # national review into Arthur Labinjo-Hughes and Star Hobson" quoted Baby Sama's panel)
    for m in _REVIEW_INTO.finditer(question):
        names = [n for n in re.split(r"\s+and\s+|\s*,\s*", m[1]) if n]
        if names and all(len(n.split()) >= 2 and not n.isupper() for n in names) and not any(
                holds_words(t, n) for t in titles for n in names) and all(
                unseen(w) for n in names for w in words(n)):
            unknown.extend(names)
    return tuple(dict.fromkeys(unknown))


# A review named for its children: "the review into Arthur Labinjo-Hughes and Star Hobson",
# "the inquiry into the death of Victoria Climbié" (names of two words or more, none of them
# a word a passage holds: not "reviews about DA and alcohol")
_NAME = r"(?-i:[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*)*)"
_REVIEW_INTO = re.compile(r"\b(?:review|reviews|inquiry|report|case)\s+(?:into|of|about|on)\s+"
                          r"(?:the\s+(?:deaths?|murders?|killings?|abuse)\s+of\s+)?"
                          rf"({_NAME}(?:\s*,\s*{_NAME})*(?:\s+and\s+{_NAME})?)", re.I)


def _of_the_years_said(question: str, named: list[ReviewName]) -> list[ReviewName]:
    """``named`` less, of reviews that share a title ("Child G": three reviews), those of
    another year than one the question says ("the 2017 Child G review", "Child G 2017"), the
    year said beside the title where there is one, where it says a year of theirs (an
    event's year none was published in leaves them all)."""
    years = {int(y) for y in _ANY_YEAR.findall(question)}
    if not years:
        return named
    kept = {id(r) for title, group in by_title(named).items()
            for r in ([r for r in group if r.year in (_years_beside(question, title) or years)]
                      or group)}
    return [r for r in named if id(r) in kept]


def _years_beside(question: str, title: str) -> set[int]:
    """The years said next to a title ("2017 – Child Y", "Child Y (2017)", "the 2017 Child
    Y review"): "2017 – Child Y and 2018 – Children F, G and H" had named both Child Ys."""
    name = re.escape(title)
    return {int(m[1] or m[2]) for m in re.finditer(
        rf"\b((?:19|20)\d\d)\s*[–-]?\s*{name}(?!\w)|(?<!\w){name}\s*[–(,-]?\s*((?:19|20)\d\d)\b",
        question, re.I)}


class _HasTitle(Protocol):
    @property
    def title(self) -> str: ...


_Titled = TypeVar("_Titled", bound=_HasTitle)


def by_title(reviews: Iterable[_Titled]) -> dict[str, list[_Titled]]:
    """``reviews`` grouped by title, in the order first met (several reviews share one:
    three are titled Child G)."""
    groups: dict[str, list[_Titled]] = {}
    for review in reviews:
        groups.setdefault(review.title, []).append(review)
    return groups


_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _said_with(question: str, title: str, places: Sequence[str]) -> bool:
    """Whether the question says one of ``places`` next to a name of the review titled
    ``title`` ("Waltham Forest Child S", "Child S in Waltham Forest", "Child S, Waltham
    Forest"): the place then says which review the name means."""
    return any(_beside(question, name, place)
               for name in _title_names(title) for place in places)


def _beside(question: str, name: str, place: str) -> bool:
    """Whether the question says ``name`` next to ``place``, in any case (see _said_with)."""
    n, p = re.escape(name), re.escape(place)
    return re.search(rf"\b{p}['’]?s?\s+{n}\b|\b{n}\s*(?:,|\(|\s|-)\s*(?:(?:in|from|of)\s+)?"
                     rf"(?:the\s+)?{p}\b", question, re.I) is not None


# A name typed in lower case ("the baby sama review", "kent child c"): a title of names
# and case codes alone ("Child K", "Baby Sama", "Charlie and Sam") is read in any case, but
# not one whose code is an English word ("the child a week later", "the child i work
# with"), nor a title in words ("Babies who sustained injuries" is also what a question on
# the theme says); a given name alone ("emily"), only beside a word for a review or the
# review's own area ("the emily review", "polly derbyshire"): "mark" and "jack" are words.
_CODES_THAT_ARE_WORDS = frozenset({"a", "i"})
_NAME_WORDS = frozenset({"and", "person"})  # ("Child L and Child J", "Young person Rachel")
_REVIEW_AFTER = (r"(?:['’]?s)?\s+(?:serious\s+case\s+|learning\s+|practice\s+)?"
                 r"(?:review|case|scr|brief|report)\b")
# Words that ask about a person, before a given name typed in lower case ("how old was harry",
# "what happened to jack": "harry" was read as a word and Nottingham's Child J, 7, answered too)
_PERSON_BEFORE = (r"(?:how\s+old\s+(?:was|is)|what\s+age\s+(?:was|is)|what\s+happened\s+to|"
                  r"who\s+(?:was|is)|why\s+did|when\s+did|how\s+did)\s+")


def _name_spans(question: str, review: ReviewName, *, alone: bool = False
                ) -> list[tuple[int, int]]:
    """Where the question names ``review``: by one of its names (:func:`_title_names`) as
    printed, as whole words, or typed in another case (see above); ``alone``: text that
    says names only, whose given names count in any case ("other than sameer")."""
    lowered = question.lower()
    spans: list[tuple[int, int]] = []
    for name in _title_names(review.title):
        if name in question:  # a substring test first: a catalogue has thousands of titles
            spans += [m.span() for m in re.finditer(rf"(?<!\w){re.escape(name)}{_NAME_END}",
                                                    question)]
        low = name.lower()
        if low not in lowered:
            continue
        parts = name.split()
        if len(parts) == 1 and not _CASE_CODE.match(name):  # a given name alone
            if not (alone or re.search(rf"(?<!\w){re.escape(name)}{_REVIEW_AFTER}", question, re.I)
                    or re.search(rf"{_PERSON_BEFORE}{re.escape(name)}(?!\w)", question, re.I)
                    or (review.area and _beside(question, name, review.area))):
                continue
        elif (parts[-1].lower() in _CODES_THAT_ARE_WORDS
              or not all(p[:1].isupper() or p[:1].isdigit() or p in _NAME_WORDS for p in parts)):
            continue
        spans += [m.span() for m in re.finditer(rf"(?<!\w){re.escape(name)}{_NAME_END}", question,
                                                re.I)]
    return sorted(set(spans))


def _names_of(reviews: Iterable[ReviewName]) -> list[str]:
    """The names the reviews go by, longest first ("Samuel Shay and Joy" before "Samuel")."""
    return sorted({n for r in reviews for n in _title_names(r.title)}, key=lambda n: (-len(n), n))


@lru_cache(maxsize=65536)  # read for every title of the catalogue at every question
def _title_names(title: str) -> tuple[str, ...]:
    """What a question may call a review by: its title's first words as printed (up to a
    comma or bracket), those less "and Family", and the one name after "Baby", "Child" or
    "Young person"."""
    core = _core(title)
    child = _AND_FAMILY.sub("", core)  # "Child S" of "Child S and Family"
    given = _GIVEN_NAME.match(child)
    # its names listed without their commas ("samuel shay and joy" of "Samuel, Shay, and Joy")
    listed = " ".join(re.split(r"\s*[(\[:]", title.strip(" '\""), maxsplit=1)[0].replace(",", " ")
                      .split())
    if _QUOTED_LETTER.match(title):  # ("the Brighton 'A' review"; not the word "A")
        return tuple(f"{opening}{core}{closing}" for opening, closing in _QUOTES)
    return tuple(name for name in dict.fromkeys((core, child, *(given.groups() if given else ()),
                                                 *([listed] if " " in listed else [])))
                 if len(name) >= 3 and name.lower() not in _GENERIC_TITLES
                 and name[:1].isupper())


# A title of one letter in quotes, which a question names as printed in any quotes: "'A'"
_QUOTES = (("'", "'"), ("\u2018", "\u2019"), ('"', '"'), ("\u201c", "\u201d"))
_QUOTED_LETTER = re.compile(r"\s*['\u2018\"\u201c][A-Z]['\u2019\"\u201d]\s*(?:$|[,(\[:])")
