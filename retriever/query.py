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
from reviewqa.corpus.text import holds_words, visible, words
from reviewqa.corpus.types import Filters, QueryError, is_valid_unicode, review_heading
from reviewqa.settings import MAX_QUERY_CHARS

from .children import (
    AgeAsked,
    SexAsked,
    YearsAsked,
    age_asked,
    death_asked,
    sex_asked,
    survival_asked,
    years_asked,
)
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
# reviews published anonymously, without their area ("which reviews are anonymous?",
# "anonymous SCRs from 2018"; not "anonymous referrals", "an anonymous caller")
_ANONYMOUS = re.compile(r"\banonymous(?=\s+(?:(?:serious\s+case\s+|case\s+|practice\s+|thematic\s+)?"
                        r"(?:reviews?|scrs?|reports?|ones?|cases?|briefs?|entries))\b)\s+\w+|"
                        r"\b(?:reviews?|scrs?|ones?|which|that)\s+(?:are|were|is|was)\s+(?:listed\s+as\s+)?"
                        r"anonymous\b|\b(?:published|listed|written)\s+anonymously\b", re.I)
# "2015 or earlier", "2017 or later" ("any serious case reviews published in 2015 or earlier
# in here?" was read as 2015's alone)
_YEAR_OR_EARLIER = re.compile(r"\b((?:19|20)\d\d)\s+(?:or|and)\s+(?:earlier|before|older|prior)\b", re.I)
_YEAR_OR_LATER = re.compile(r"\b((?:19|20)\d\d)\s+(?:or|and)\s+(?:later|after|since|onwards?|newer|"
                            r"more\s+recent)\b", re.I)
_YEAR_SPAN = re.compile(r"\b(?:between|from)\s+((?:19|20)\d\d)\s*(?:and|to|-|–|until)\s*"
                        r"((?:19|20)\d\d)\b", re.I)
# "recent reviews", "the latest case reviews", "newest SCRs": the newest years of the index
# (a "recent" alone is not: "the mother's recent drug use").
# ("only the recent ones" of the last answer's; "recent child criminal exploitation reviews")
_RECENT = re.compile(r"\b(?:recent|latest|newest)\s+(?:[\w-]+\s+){0,3}?(?:reviews?|cases?|reports?|"
                     r"scrs?|cscprs?|lcsprs?|learning|ones?)\b", re.I)
RECENT_YEARS = 3  # "recent" is the newest year of the index and the two before it
# "the oldest review", "earliest cases about neglect": the oldest year of the index ("what's
# the oldest review?" quoted Baby Sama's timeframe)
_OLDEST = re.compile(r"\b(?:oldest|earliest)\s+(?:\w+\s+)?(?:reviews?|cases?|reports?|scrs?|cscprs?|"
                     r"lcsprs?|ones?)\b|\b(?:oldest|earliest)\W*$", re.I)
# The words a review's publication is said in ("published", "came out": "which of those
# came out in 2016?" searched every year, and led with Hull's 2017 review)
PUBLISHED_SAID = r"publish\w*|written|released|issued|c(?:a|o)mes?\s+out"
_YEAR_IN = re.compile(rf"\b(?:{PUBLISHED_SAID}|reviews?|reported)\s+(?:in\s+)?((?:19|20)\d\d)\b"
                      # (not the span a title gives: "the Bucks CSE review 1998-2016", nor
                      # "the Buckinghamshire 1998-2016 review" below)
                      r"(?!\s*[-–]\s*(?:19|20)\d\d)"
                      r"|(?<![-–])(?<![-–]\s)\b((?:19|20)\d\d)\s+(?:(?:case\s+)?reviews?|entr(?:y|ies)|"
                      # "the 2018 part of the NSPCC list" (its entries of that year; the
                      # document's name is taken out before)
                      r"(?:part|section)\s+of\s+the)\b(?!\s+(?:chronology|timeline|report|review|case|"
                      r"story|year))"
                      # "2017 neglect reviews", "2016 domestic abuse cases" (not "the 2022
                      # thematic review": the year of its cases)
                      r"|\b((?:19|20)\d\d)\s+(?:(?!(?:and|or|the|a|an|in|of|to|for|with|by|on|"
                      r"at|when|where|while|after|before|but)\b)[a-z][\w'’-]*\s+){1,3}"
                      r"(?:case\s+)?(?:reviews|cases|scrs)\b"
                      # "the 2017 Bradford review", "the 2018 Sunderland serious case reviews"
                      r"|\b((?:19|20)\d\d)\s+(?:(?-i:[A-Z][\w'’-]*)\s+){1,3}"
                      r"(?:serious\s+case\s+|(?:local\s+)?(?:child\s+)?safeguarding\s+practice\s+|"
                      r"case\s+|learning\s+)?(?:reviews?|scrs?|briefs?)\b"
                      # "2018-published reviews" (was searched across every year)
                      r"|(?<![-–])\b((?:19|20)\d\d)[-\s]+(?:published|released|issued)\b", re.I)
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
# what agencies were asked to do, which is what a review recommends ("for PB specifically,
# what were agencies told to do?" quoted PB's case; "what changes were asked for?", "what was
# asked of agencies afterwards?")
_ASKED_TO = (r"(?:agencies|professionals|practitioners|services|staff|partners|(?:the\s+)?(?:board|lscb|"
             r"partnership)|they)\s+(?:(?:were|was|are|have\s+been)\s+)?(?:told|asked|required|expected)\s+to|"
             r"(?:changes?|actions?|improvements?)\s+(?:were|was)\s+(?:asked|called)\s+for|"
             r"asked\s+of\s+(?:the\s+)?(?:agencies|board|lscb|partnership|professionals|services)")
# what a review says should happen next ("what did it say needs to happen?" after Sameer's
# story had quoted his story), asked for as its lessons and as its recommendations
# (and what follows from the case: "what did Bradford say needs to happen as a result?" had
# "result" for a topic, and quoted a finding and good practice beside two of its actions)
_NEEDS_TO_HAPPEN = (r"(?:(?:what|says?|said|thinks?|thought)\s+needs?\s+to\s+(?:happen|change)"
                    r"(?:\s+(?:as\s+a\s+(?:result|consequence)|now|next))?|"
                    # ("so what did they want changed after it?" after Alex's)
                    r"want(?:s|ed)?\s+(?:\w+\s+)?changed|want(?:s|ed)?\s+to\s+see\s+(?:\w+\s+)?changed?)")
# a digest entry's "Key issues", asked for by their label ("NE Lincolnshire Child T, the 4 yr
# old with the drugs and head injuries - key issues?" quoted the account's first line alone)
_KEY_ISSUES = r"(?:key|main)\s+issues?"
KEY_ISSUES = re.compile(rf"\b{_KEY_ISSUES}\b", re.I)
LESSONS = re.compile(rf"\b(?:(?:key|main|learning|teaching)\s+(?:messages?|points?)|learning\s+themes?|"
                      rf"{_KEY_ISSUES}|"
                      rf"{_LEARNT}|{_CONSIDER}|{_ASKED_TO}|"
                      r"should\s+(?:have|be)|"
                      rf"{_NEEDS_TO_HAPPEN}|improve\w*|actions?|"
                      # not a search's "find reviews where ...", nor "drugs were found"
                      r"find(?!\s+(?:me\s+)?(?:reviews?|cases?|examples?|reports?)\b)|"
                      # (nor where someone was found: "found hiding there with no clothes on")
                      r"(?<!were\s)found(?!\s+(?:dead|guilty|unresponsive|hiding|lying|alone|naked|"
                      r"undressed|unconscious|collapsed|wandering)\b)|"
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
RECOMMENDS = re.compile(rf"\brecommend\w*|\b{_NEEDS_TO_HAPPEN}\b|"
                         rf"\bwhat\s+should\s+(?:be|have\s+been)\s+done\b|"
                         rf"\b(?:{_CONSIDER}|{_ASKED_TO})\b", re.I)
# Reviews that made none, which is what is asked about, not for their recommendations ("any
# others that made no recommendations at all", after Fenestra's considerations, quoted
# Sunderland's Rachel's recommendations, not Edinburgh's "Makes no recommendations")
_NONE_RECOMMENDED = re.compile(
    r"(?:\b(?:no|without|zero)\s+|(?:\bnot|\b(?:did|does|do|has|have|had)n['’]?t|\bnever)\s+"
    r"(?:\w+\s+)?(?:make|made|making|give|gave|include|included|have|had)\s+(?:any\s+)?)"
    r"(?:recommendations?|recs)\b", re.I)
# What a review found, asked for beside its recommendations ("Surrey Child GG - what went
# wrong, and what did the review recommend?" quoted only its recommendations, and not its
# learning: "lack of recognition among professionals of the risk of CSE as well as 'drift'")
# (not the learning it is for: "so we can check our own practice against the learning, what
# did Sama recommend?")
_FINDINGS_TOO = re.compile(r"(?<!against the )(?<!against its )\b(?:what\s+went\s+wrong|learning|"
                           r"lessons?|learnt|learned|findings?|key\s+issues|issues\s+identified|"
                           r"what\s+(?:did\s+)?(?:it|they|the\s+(?:\w+\s+)?review)\s+(?:find|found))\b",
                           re.I)
# A figure asked for ("I need a stat for my slides on why babies under one are so vulnerable -
# do any of these documents give a figure I can quote?" quoted Baby Sama's "45% of Serious
# Case Reviews ... relate to babies under the age of one year" second, after a line with no
# figure); not a father figure, nor figuring out
FIGURES_ASKED = re.compile(r"\b(?:stats?|statistics?|statistical|percentages?|per\s*cent|"
                           r"(?<!father\s)(?<!mother\s)(?<!parent\s)figures?(?!\s+(?:out|it))|"
                           r"numbers\s+(?:on|of|for|about))\b", re.I)
# What went well: reviews record good practice beside failings ("Good practice identified: ...").
GOOD_PRACTICE = re.compile(r"\bgood\s+(?:practice|work|joint|multi|partnership|examples?)|"
                            # ("what did it say was going well?": the Sameer brief's "What's
                            # going well?", was quoted a failing beside its good practice)
                            r"\b(?:went|do|does|done|did|worked|work|works|working|go|goes|going)\s+"
                            r"(?:(?:really|very|so|quite)\s+)?(?:well|right)\b|\bstrengths?\b|"
                            r"\bpositive\s+(?:practice|examples?)\b|\bwhat\s+worked(?:\s+well)?\b|"
                            # ("anything positive in that one?" after Blackpool's Child BW
                            # quoted its failings; not "a positive drugs test")
                            r"\b(?:anything|something|any|what\s+(?:was|were|is|are))\s+positive\b"
                            r"(?!\s+(?:tests?|results?|drugs?|screens?|toxicology))|\bpositives\b|"
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
                       r"\bshortcomings?\b|\bpoor\b|(?:\bnot|\bnever|n't)(?:\s+\w+){1,3}?\s+well\b|"
                       # what a review's authors were worried about, as the Sameer brief heads
                       # its failings ("What are we worried about?"), asked of nothing else
                       r"\bwhat\s+(?:were|was|are|is)\s+(?:[\w'’-]+\s+){1,2}?(?:most\s+)?worried\s+about\W*$",
                       re.I)  # "what didn't the police do well?"
# Which themes the reviews share: "what are the common themes across these reviews?", "which
# themes come up most?" (answered beside the passages by the reviews' own tags).
_ASKS_THEMES = re.compile(r"\b(?:common|main|recurring|frequent|key|top|biggest)\s+(?:themes?|threads?)\b|"
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
def without_mention(question: str) -> str:
    """The question without the words asking which passages mention something ("reviews
    mentioning hotels": "reviews hotels")."""
    return " ".join(_ASKS_MENTION.sub(" ", question).split())


# A fact the catalogue records of a review the question names, asked outright: "who wrote
# the Baby Sama review?" quoted the family's words on her death, "when was the Sameer review
# published?" the story of his abuse. (Not "what year did Child K die?": when the review was
# published, not when its events happened.)
_REVIEW_NOUN = r"(?:review|report|brief|scr|cspr|lcspr)s?"
# a part of a report, which someone other than its author may have written
_NOT_A_PART = (r"(?!(?:foreword|preface|introduction|letter|statement|response|glossary|appendix|"
               r"appendices|chapter|section|poem|tribute|epilogue|afterword)s?\b)")


def _in_a_word(field: str) -> str:
    """A catalogue fact asked for in a word after a review named or another fact ("2018 –
    Emily: author? and which LSCB", "... author and board?")."""
    return rf"(?:^|[:;,.?!]\s*|\band\s+)(?:the\s+|its\s+)?(?:{field})(?=\s*(?:[?,]|$|and\b|&))"

ASKS_FIELD = {
    # not "who chaired the review panel?": a review's chair is not its author
    # (nor who wrote a part of it: "Who wrote the foreword to the Baby Sama SCR ...?" was told
    # the report's author, not the board's chair who wrote it)
    "authors": re.compile(r"\bwho\s+(?:wrote|authored|led|conducted|carried\s+out|"
                          rf"undertook|did)\s+(?:the\s+|this\s+|that\s+)?(?:{_NOT_A_PART}\S+\s+){{0,5}}?"
                          rf"{_REVIEW_NOUN}\b|\bauthors?\s+of\s+(?:the\s+|this\s+|that\s+)?"
                          rf"(?:{_NOT_A_PART}\S+\s+){{0,5}}?{_REVIEW_NOUN}\b|\b{_REVIEW_NOUN}[’']?s?\s+authors?\b|"
                          r"\bwho\s+(?:was|were|is|are)\s+(?:the\s+|its\s+)?(?:authors?|reviewers?)\b|"
                          # (of a review named before it: "Camden 2016 – Child B: who wrote it?",
                          # a follow-up read with the one review the last answer was about)
                          r"\bwho\s+(?:wrote|authored|conducted|carried\s+out|undertook)\s+(?:it|them)\b|"
                          r"\bwho\s+carried\s+(?:it|them)\s+out\b|"
                          # (not where it says by whom: "Haringey Child R, written by Moira
                          # Murray: what did it recommend?" was told its author)
                          r"\bwritten\s+by\b(?!\s+(?-i:[A-Z][\w'’-]+\s+[A-Z]))|"
                          r"\b(?:was|is)\s+(?:it|this|that)\s+written\s+by\b|"
                          r"\b(?:lead|independent)\s+(?:reviewers?|authors?)\b|"
                          # (typed as in a search box: "Baby Sama author")
                          r"^\W*(?:[\w'’-]+\s+){1,6}authors?\W*$|"
                          + _in_a_word(r"authors?"),
                          re.I),
    "year": re.compile(r"\b(?:when|what\s+year|which\s+year|what\s+date)\b.*\b(?:published|"
                       r"publish|written|completed|released|come\s+out|came\s+out)\b|"
                       r"\b(?:publication|published)\s+(?:date|year)\b|"
                       r"\bdate\s+of\s+publication\b|"
                       + _in_a_word(r"(?:publication\s+)?(?:year|date)"), re.I),
    "type": re.compile(rf"\bwhat\s+(?:kind|type|sort)\s+of\s+{_REVIEW_NOUN}\b|"
                       + _in_a_word(rf"(?:kind|type|sort)(?:\s+of\s+{_REVIEW_NOUN})?"), re.I),
    # ("what year was it published and by which board?" was told its year alone)
    "area": re.compile(r"\b(?:which|what)\s+(?:safeguarding\s+)?(?:board|lscb|lscp|partnership|council|"
                       r"local\s+authority|area)\b|"
                       + _in_a_word(r"board|lscb|lscp|partnership|council|area"), re.I),
    # the keywords its entries carry ("what keywords is it tagged with in the NSPCC list?"
    # after the Greenwich review was searched alone, and quoted Bradford's Jack)
    "keywords": re.compile(r"\b(?:what|which)\s+(?:keywords?|key\s+words|tags?)\s+(?:is|are|was|were|does|"
                           r"did|has|have)\s+(?:it|this|that|they|the\s+(?:\S+\s+){0,3}?(?:review|case|"
                           r"one|entry|brief|report|scr))\b|\bwhat\s+(?:is|are|was|were)\s+(?:it|this|that|they)\s+tagged\b|"
                           r"\b(?:its|the)\s+(?:keywords|key\s+words|tags)\W*$|"
                           r"\b(?:what|which)\s+(?:are|were)\s+(?:the|its)\s+(?:keywords|key\s+words|tags)\s+"
                           r"(?:for|of|on)\s+(?:it|this|that|the\s+(?:\S+\s+){0,4}?(?:review|case|one|entry|"
                           r"brief|report|scr))\b|"
                           + _in_a_word(r"keywords|key\s+words|tags"), re.I),
    # the documents describing it ("is it in both the newsletter and the NSPCC list?" after
    # Harry's review was asked of every review in both)
    # ("which document's that from?" after Blackpool's Child BW quoted the review again;
    # "which version has more detail, the newsletter or the NSPCC list?" had no answer)
    "documents": re.compile(r"\b(?:which|what)\s+(?:of\s+the\s+)?(?:documents?|sources?|files?)(?:\s+"
                            r"(?:is|are|was|were|does|do|did|has|have|mentions?|lists?|covers?|includes?|"
                            r"describes?|summari[sz]es?)\b|['’]s\s+(?:it|that|this)\s+(?:from|in)\b)|"
                            r"\bwhich\s+(?:version|entry|write-?up|summary|account)\s+(?:has|gives|is|says)\s+"
                            r"(?:more|most|less|the\s+most|longer|fuller|shorter)\b|"
                            r"\bis\s+(?:it|this|that|the\s+(?:\S+\s+){0,4}?(?:review|case|one))\s+(?:also\s+)?"
                            r"(?:in|listed\s+in|summari[sz]ed\s+in|included\s+in|covered\s+in|mentioned\s+in)\s+"
                            r"(?:both\s+)?(?:the\s+)?(?:\S+\s+){0,4}?(?:newsletter|list|digest|repository|"
                            r"bulletin|documents?|sources?)\b|"
                            r"\b(?:appears?|listed|summari[sz]ed|included|described)\s+in\s+(?:both|which|what|"
                            r"more\s+than\s+one|several|two|other)\b|"
                            # ("does Child K show up in the newsletter?", "do Jack or Jeanette turn
                            # up in the Torbay one?")
                            r"\b(?:turn|show|crop)s?\s+up\s+(?:anywhere\s+)?in\s+(?:the\s+)?(?:\S+\s+){0,4}?"
                            r"(?:newsletter|list|digest|repository|bulletin|documents?|sources?|one|review)\b|"
                            r"\b(?:appears?|features?)\s+(?:anywhere\s+)?in\s+(?:the\s+)?(?:\S+\s+){0,4}?"
                            r"(?:newsletter|list|digest|repository|bulletin)\b", re.I),
}
# A fact said not to be asked ("Sama SCR - what should the probation report to the ICPC have
# had in it? not asking who wrote it, just what was missing" was told the review's author)
_NOT_ASKED = re.compile(r"\b(?:not|n['’]t|never\s+mind)\s+(?:(?:asking|wanting|interested\s+in|"
                        r"looking\s+for|after|needing|need|want|care\s+about)\s+)?(?:about\s+|"
                        r"to\s+know\s+)?(?=(?:who|when|which|what|the\s+author)\b)[^,;.?!]*", re.I)


def fields_asked(question: str) -> tuple[str, ...]:
    """The catalogue's facts of a review (ASKS_FIELD) that ``question`` asks, not those it
    says it is not asking."""
    asked = _NOT_ASKED.sub(" ", question)
    return tuple(field for field, asks in ASKS_FIELD.items() if asks.search(asked))


# Another question joined to the first by "and" ("who wrote the Baby Sama review and how was
# it carried out?")
AND_ASKS = re.compile(r",?\s+and\s+(?=(?:what|how|why|who|which|where|when|did|does|do|was|were|"
                      r"is|are|has|had)\b)", re.I)


def asked_beside_fields(question: str) -> list[str]:
    """The questions joined by "and" to one asking a review's author, year, type or area (see
    ASKS_FIELD) that ask something else: "how was the review actually carried out?" of "who
    authored the Baby Sama SCR and how was the review actually carried out?"."""
    return [ask for ask in AND_ASKS.split(question)[1:]
            if not any(asking.search(ask) for asking in ASKS_FIELD.values())]


_HAPPENED = re.compile(r"\bwhat\s+happened\b|\bhappened\s+to\b", re.I)  # (the story asked by name)
# (who someone was, asked: not a relative clause, "children who were home schooled", which
# asks of such children across reviews, and quoted the whole of the first one's entry)
_STORY = re.compile(_HAPPENED.pattern + r"|(?:^|[,;:(]\s*|\band\s+)\W*who\s+(?:was|were)\b|"
                    r"\bhow\s+did\b.*\bdie\b|\bbackground\b|\bcircumstances\b|"
                    # (which case came first: "which of the two incidents happened first?"
                    # after two reviews quoted neither's incident)
                    r"\b(?:happened|came|occurred)\s+(?:first|earlier|later|last)\b|"
                    r"\btell\s+me\s+(?:more\s+)?about\b|\bwhat\s+was\s+the\s+(?:story|case)\b|"
                    r"\b(?:summari[sz]e|explain|describe)\s+(?:the\s+(?:\S+\s+){0,4}?(?:review|"
                    r"case|story)\b|what\s+happened)", re.I)
# and, of a review the question names, a summary of it ("a short case summary of the Baby
# Sama review"; not "a summary of what reviews say about neglect", which asks for findings)
_CASE_SUMMARY = re.compile(r"\bsummary\s+of\b|\bcase\s+summary\b|\boverview\s+of\b", re.I)
# A question whose first part asks what happened, or what a case was about, and whose second
# asks something else of it ("What happened to Polly in Derbyshire, and what did the review
# say about professionals' understanding of the supervision order?" quoted the supervision
# order alone, and never said that Polly died)
_STORY_THEN = re.compile(r"^\W*(?:(?:in|of|for)\s+[^,]{0,80},\s*)?"
                         r"(?:what\s+happened\b|what\s+was\s+[^,?]{0,60}?\babout\b)"
                         r"[^?]*?(?:,\s*|\s+)and\s+(?:what|how|why|did|was|were|which)\b|"
                         # ("Tell me about the Hertfordshire Child G review. What did it find
                         # and recommend?" quoted its learning and recommendations, and never
                         # said that the boy had died with seven fractures)
                         r"^\W*tell\s+me\s+(?:more\s+)?about\s+[^.?!]{1,80}[.?!]\s*(?:and\s+)?"
                         r"(?:what|how|why|did|was|were|which)\b", re.I)
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
differences one ones another region area county patch common cause causes
carried conducted undertaken done held written produced commissioned summarised summarized
included contained listed featured etc way thereabouts around round nearby surrounding
january february march april may june july august september october november december
thread threads theme themes kind kinds type types sort sorts share shared
earlier later before after older newer prior here documents docs files other others more further
entry entries part parts
""".split())  # "the latest review in the database", "what's in the Torbay January 2024 digest";
# "what are the common themes in the Birmingham reviews?", "is there a common thread?" and
# "what kinds of cases were in the Torbay digest?" had quoted one review's line;
# "which reviews came from Birmingham?" and "compare the two Swindon reviews" had quoted one;
# ("any serious case reviews published in 2015 or earlier in here?" quoted Martin's 2015)
# ("anything from the north east? durham, sunderland, that way" had no answer: "way")
# ("which Bradford reviews are in the documents?" and "are there other Bradford reviews in
# the documents?" quoted Sameer's brief alone, of Bradford's three)
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


# a bracket telling which review a name means, not what is asked of it: "key findings from
# the siblings W and X review (radicalisation)" quoted its one sentence on radicalisation
_SAID_OF_THE_REVIEW = re.compile(r"\b(review|case|scr|report)\s*\([^()]{1,40}\)", re.I)
# The siblings said beside a named child, who are of the review as its title is ("Philip and
# his brothers Gloucestershire SCR summary" was read for "brothers", and its summary was two
# lines on where the brothers were placed)
_AND_SIBLINGS = re.compile(r"\b(?:and|&)\s+(?:his|her|their)\s+(?:\w+\s+)?(?:brothers?|sisters?|siblings?)\b",
                           re.I)


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
    # and the years what happened to them is said in ("children who died in 2014"): those
    # whose summaries date it to other years are not searched (see children.event_years)
    happened: YearsAsked | None = None
    # Reviews published without their area ("which reviews are anonymous?", "2018-published
    # anonymous reviews": the NSPCC list heads them "Anonymous", the Torbay digest names none):
    # those that name an area are not searched.
    anonymous: bool = False
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
    wants_key_issues: bool = False  # "key issues?": a digest entry's are its learning
    wants_good_practice: bool = False  # "what went well", "good practice", "strengths"
    wants_failings: bool = False  # "what went wrong", "failings", "gaps": and not what went well
    wants_figures: bool = False  # "a stat I can quote", "any figures on", "what percentage"
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
                    or self.died or self.happened or self.anonymous or self.agencies_left_out)

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
    for kind in _KIND_SAID.finditer(question):
        # the one document of its kind ("what does the newsletter say about radicalisation":
        # South Gloucestershire's "News and Research", searched as the word "newsletter"),
        # beside another named otherwise ("do the newsletter and the NSPCC list describe it
        # differently?" searched the NSPCC's list alone); not the word of another's name
        # ("the NSPCC repository")
        titled_so = [source for source in sources
                     if _KIND_TITLES[kind[1].lower()] & set(words(source.title))]
        if len(titled_so) == 1 and titled_so[0] not in [source for source, _ in chosen] and not any(
                kind[1].lower() in name.lower() for _, name in chosen):
            chosen.append((titled_so[0], kind[0]))
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
    if said_type and ((_DEFINES.search(rest) and not says_something(_means_less(rest, said_type)))
                      or _review_types(without_name(rest, said_type), catalogue.types)[0]):
        review_type, said_type, types = None, None, []
    year_from = year_to = None
    rest = _without_titles_spans(rest, catalogue.titles)
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
    if m := _YEAR_OR_EARLIER.search(rest):
        year_from, year_to = (None if year_from == int(m[1]) else year_from), int(m[1])
    if m := _YEAR_OR_LATER.search(rest):
        year_from, year_to = int(m[1]), (None if year_to == int(m[1]) else year_to)
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
    said_as: set[ReviewName] = set()  # reviews named for a place's review holding their name
    if matched:
        # the place says which of a shared title's reviews is meant ("Warwickshire Child T");
        # a review named by a title the place holds none of is asked about too ("...
        # Child T and Baby Sama" had lost Baby Sama), and is searched beside the place's
        in_place = [r for r in named if r.area in matched]
        # (or a review of the place whose title holds the name among others: "the Dudley
        # review of Child P" is Dudley's "Child P and Child H", not Norfolk's Child P, whose
        # recommendations it had quoted)
        holding = {p: r for r in named if r.area not in matched for p in catalogue.reviews
                   if p.area in matched and p not in named and holds_words(p.title, r.title)}
        if holding:
            said_as = set(holding.values())
            named = [r for r in named if r not in said_as] + list(holding)
            at.update({p.id: at[r.id] for p, r in holding.items()})
            in_place = [r for r in named if r.area in matched]
        beside = [r for r in named if not any(holds_words(p.title, r.title)
                                              or set(_title_names(p.title)) & set(_title_names(r.title))
                                              for p in in_place)
                  # ("Waltham Forest Child S" names its Child S and Family, not Swindon's)
                  and (in_place or not _said_with(question, r.title, places_said))]
        named = [r for r in named if r in in_place or r in beside] or named  # (as said)
    named = _of_the_years_said(kept, named)  # (not the year of one left out)
    # a type said is no topic, even of a review named ("the Child A practice review": its
    # "practice" put recommendations for practitioners on the topic)
    type_said = said_type if types or named else None
    # (a review named is the one asked about, whatever age the question gives its child: "the
    # Swindon Child S review, 8 week old on the sofa")
    age, sex = (None, None) if named else (age_asked(rest), sex_asked(rest))
    survived = None if named else survival_asked(rest)
    died = None if named or survived else death_asked(rest)
    happened = None if named else years_asked(rest)
    if happened and happened.death and not (died or survived):
        died = happened.words  # ("a child who died in 2014": a death, in 2014)
    anonymous_said = None if named else _ANONYMOUS.search(rest)  # ("anonymous SCRs")
    anonymous = anonymous_said is not None
    if named:  # the review named is the one asked about, whatever type the question calls it
        review_type, said_type, types = None, None, []  # or year: "the 2017 Child G review"
        year_from = year_to = None                       # picks a title's review, no more
        recent = ""
    # the names the question gives its reviews by (one named for a place's review holding it
    # among them: "Child P" of Dudley's "Child P and Child H")
    names_given = _names_of([*named, *said_as])
    topic = ""
    if named or place or types or chosen or leaving_out or anonymous:  # a type or source,
        topic = question.replace(anonymous_said[0], " ") if anonymous_said else question  # like
        # a place, tells no passage apart
        for words_said in leaving_out:
            topic = topic.replace(words_said, " ")
        if chosen:  # "the ... repository": every passage searched is of it (first: what
            for _, name in chosen:  # names a source holds other names, "Bedford Baby Sama report")
                topic = without_name(topic, name)
            topic = _DOCUMENT_SAID.sub(" ", topic)
        for name in [*names_given, *places_said, *([type_said] if type_said else [])]:
            topic = without_name(topic, name, any_case=name not in question)  # ("baby sama")
        if named:  # "the ... review", "the ... case": every passage of it is of the review
            topic = _REVIEW_WORDS.sub(" ", _SAID_OF_THE_REVIEW.sub(r"\1", _AND_SIBLINGS.sub(" ", topic)))
            # and so is its year, which picked it ("Bedford 2017 – Baby Sama: the GP", a
            # follow-up read with the review it was about, quoted dates of 2015, not the GP)
            for year in {r.year for r in named if r.year}:
                topic = re.sub(rf"\b{year}\b", " ", topic)
        topic = " ".join(topic.split()) if any(ch.isalnum() for ch in topic) else ""
    # (what it leaves out asks for nothing: "did NOT find problems with information sharing")
    # (across reviews, those that made no recommendations are what it asks for, not theirs;
    # of a review named, why it made none is in where its recommendations would be: "why no
    # recs in the isobel one")
    def asking(text: str) -> str:
        return text if named else _NONE_RECOMMENDED.sub(" ", text)

    lessons = bool(LESSONS.search(asking(kept)))
    counts = bool(_COUNTS_REVIEWS.search(question)) and not named
    # a review's name names no theme ("Baby Sama" is not a question about infants), nor do
    # the words leaving a theme or a review out ask about it ("... other than Baby Sama")
    unnamed = question
    for words_said in leaving_out:
        unnamed = unnamed.replace(words_said, " ")
    for name in names_given:
        unnamed = without_name(unnamed, name, any_case=name not in question)
    # "how many reviews from Bradford?" lists as "reviews from Bradford?" does, by number
    # and "what does the Torbay repository say?" as "which reviews does it hold?"
    # and "which reviews were NOT about a child dying?" as the reviews left (it had quoted a
    # death, its words searched)
    scoped = bool(place or year_from or year_to or types or chosen or age or sex or survived
                  or died or happened or anonymous or leaving_out)
    # (a source's publisher said beside its title names it too: "the case reviews published
    # in 2018 in the NSPCC list" quoted one review)
    scope_said = " ".join([*places_said, said_type or "", source_said,
                           *(name for source, _ in chosen for name in source.names),
                           age.words if age else "", sex.words if sex else "", survived or "",
                           # (and "the cause of death": what each summary opens on)
                           f"{died} death deaths" if died else "",
                           happened.year_words if happened else "",
                           anonymous_said[0] if anonymous_said else ""])
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
                     survived=survived, died=died, happened=happened, anonymous=anonymous,
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
                     wants_learnt=bool(_ASKS_LEARNT.search(asking(question))),
                     wants_recommendations=bool(RECOMMENDS.search(asking(question)))
                     and not _FINDINGS_TOO.search(question),
                     wants_key_issues=bool(KEY_ISSUES.search(asking(question))),
                     wants_good_practice=bool(GOOD_PRACTICE.search(question))
                     and not _FAILINGS.search(question),
                     wants_figures=bool(FIGURES_ASKED.search(question)),
                     wants_failings=bool(_FAILINGS.search(question))
                     and not GOOD_PRACTICE.search(question),
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
                     wants_account=bool(named) and (bool(_STORY_THEN.match(question)) or (bool(
                         _STORY.search(question) or _CASE_SUMMARY.search(question)
                         or not set(words(topic)) - STOPWORDS - FRAMING - _VAGUE) and (
                         _asks_only_for_the_story(topic) if not lessons
                         # (and its lessons: "what happened to Polly in Derbyshire and what
                         # went wrong" never said that Polly died)
                         else bool(_HAPPENED.search(question)) and _asks_only_for_the_story(
                             _FAILINGS.sub(" ", LESSONS.sub(" ", topic)))))),
                     lists_reviews=lists,
                     lessons_of_scope=lessons_of_scope,
                     across_reviews=(bool(_ACROSS.search(question))
                                     or _names_only_themes(question)) and not named,
                     topic=topic,
                     asks_fields=fields_asked(question) if named else ())


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
    if source or not said.isdisjoint({"review", "reviews", "case", "cases", "brief", "briefs", "one",
                                      "ones", "entries"}):
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
    # "Torbay's own case reviews", "the Torbay thematic review": the reviews of its document;
    # not "reviews from Torbay", whose place is said to have none)
    said += [m[0] for name in source.names if name.lower() in lowered
             and not any(_one_place(area, name) for area in areas)
             and (m := re.search(rf"(?<!\bfrom\s)(?<!\bin\s)(?<!\w){re.escape(name)}(?:['’]s)?\s+"
                                 r"(?:own\s+)?(?:case\s+)?(?:reviews?|cases?|one)\b", question, re.I))]
    # (the name alone before a review type, which is then the type asked for)
    said += [m[0] for name in source.names if name.lower() in lowered
             and not any(_one_place(area, name) for area in areas)
             and (m := re.search(rf"(?<!\bfrom\s)(?<!\bin\s)(?<!\w){re.escape(name)}(?:['’]s)?"
                                 r"(?=\s+(?:thematic|practice|learning)\s+(?:case\s+)?reviews?\b)",
                                 question, re.I))]
    # its title, unless its publisher names it too: then the title's words say what they
    # say ("list the case reviews published in 2018 in the NSPCC list" asks for 2018's; read
    # as the title, it listed 2017's)
    if title and not said and YEAR_SAID.search(title) and not _as_a_document(question, title):
        # and so where a title that gives a year is not said as a document's: "List all case
        # reviews published in 2018" asks for that year's (read as the NSPCC's list of that
        # title, it listed 7 reviews of 2017 and 1 of 2018)
        return ""
    return title if title and not said else max(said, key=len, default="")


_COMPASS = frozenset({"north", "south", "east", "west"})


def _one_place(area: str, name: str) -> bool:
    """Whether a review's ``area`` and a publisher's place ``name`` are one place, one said
    within the other ("Bedford" and "Bedford Borough"); not a place and the part of a county
    a compass point names ("South Gloucestershire" is not Philip's Gloucestershire: "do
    Rachel or Mark turn up in the South Gloucestershire one?" was told that no review from
    South Gloucestershire is in the index, not searched in its newsletter)."""
    if holds_words(area, name):
        return True
    extra = {w.casefold() for w in words(name)} - {w.casefold() for w in words(area)}
    return holds_words(name, area) and not (extra and extra <= _COMPASS)


def _as_a_document(question: str, title: str) -> bool:
    """Whether ``title``, said in ``question``, is said as a document's: what it says or
    holds, what is in it, or with a word for a document beside the question's opening verb
    ("what does Case reviews published in 2018 say?", "in Case reviews published in 2018",
    "the Case reviews published in 2018 list"; not "List all case reviews published in
    2018")."""
    rest = without_name(question, title)
    return bool(set(words(rest)) & _SAYS_WORDS
                or re.search(rf"\b(?:in|from|of)\s+(?:the\s+)?{re.escape(title)}", question, re.I)
                # (or in quotes, as a title: 'When was the NSPCC "Case reviews published in
                # 2018" page last updated ...?' was searched for 2018's reviews)
                or re.search(rf"[\"“‘']\s*{re.escape(title)}\s*[\"”’']", question, re.I)
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
    """``question`` less ``name`` (and its "'s") as whole words, a comma between two of them
    or not; in its own case only where not ``any_case`` (a review's title or an area, as
    printed: "K" of "Child K" is no "k");
    where ``joined_alike``, a hyphen or a space between two of its words alike ("bed
    sharing" of "bed-sharing"); with ``instead`` in its place."""
    # (a comma between two of its words alike: "Samuel, Shay and Joy" of "Samuel Shay and Joy",
    # whose "Shay and Joy" had stayed a topic, and a recommendations question quoted four lines)
    said = (r"[\s\-]+".join(re.escape(word) for word in re.split(r"[\s\-]+", name))
            if joined_alike else r",?\s+".join(re.escape(word) for word in name.split()))
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
    rest = without_collection(LESSONS.sub(" ", _HOW_THEY_ACTED.sub(" ", question)))
    return rest if says_something(rest) else question


# The reviews a question is asked across, said as where to look ("in these case reviews");
# not the reviews it asks about ("from reviews of babies", "in reviews about neglect")
_IN_THE_COLLECTION = re.compile(r"\b(?:in|across|from|within)\s+"
                                r"(?:(?:all\s+)?(?:these|those|the|your|our)\s+)?(?:serious\s+)?(?:case\s+)?"
                                r"reviews\b(?!\s+(?:of|into|where|about|on|from|in)\b)", re.I)


def without_collection(question: str) -> str:
    """The question without where it says to look when that is every review ("What are the
    lessons for health visitors in these case reviews?" was searched for case reviews too,
    found no passage on health visitors, and quoted Baby Sama's "using the case that is
    being reviewed as a 'window' on the system"); the question itself where nothing else is
    left."""
    rest = " ".join(_IN_THE_COLLECTION.sub(" ", question).split())
    return rest if says_something(rest) else question


# What a question sets aside, in quotes: "(not just 'voice of the child' in general)", "rather
# than 'disguised compliance'"
_SET_ASIDE = re.compile(r"\(?\s*\b(?:but\s+)?(?:not(?:\s+(?:just|only|simply|merely|about))?|rather\s+than|"
                        r"other\s+than|apart\s+from|instead\s+of|beyond)\s+(?:the\s+)?['\"‘“]"
                        r"([^'\"‘’“”]{3,60})['\"’”](?:\s+in\s+general|\s+generally|\s+as\s+such)?\s*\)?",
                        re.I)


# ... or, unquoted, the kind of review it sets aside as it ends: "which of the reviews are
# thematic reviews rather than single-case reviews?" had no answer ("single-case" is in no
# passage), where "which of the reviews are thematic reviews?" lists the two
_KIND_ASIDE = re.compile(r"(?:\s*,?\s*\b(?:rather\s+than|as\s+opposed\s+to|instead\s+of|and\s+not|but\s+not)|"
                         # (or after a comma: "thematic reviews only please, not single-child
                         # SCRs" had no type, and quoted the Baby Sama SCR's panel)
                         r"\s*,\s*not)\s+"
                         r"((?:(?:the|an?|any)\s+)?(?:[\w-]+\s+){0,3}?(?:reviews|cases|ones|briefs|reports|"
                         r"SCRs|CSPRs|LCSPRs))"
                         r"(?=\W*$)", re.I)


def set_aside(question: str) -> tuple[str, list[str]]:
    """The question without the quoted words it sets aside, and those words: a trainer's
    "examples where nobody found out what day to day life was like for the child (not just
    'voice of the child' in general)" led with Alex's "the importance of the voice of the
    child", searched as the theme it names; and without the kind of review it sets aside as
    it ends (:data:`_KIND_ASIDE`)."""
    aside = [m[1] for m in _SET_ASIDE.finditer(question)]
    question = " ".join(_SET_ASIDE.sub(" ", question).split()) if aside else question
    if kind := _KIND_ASIDE.search(question):
        aside.append(kind[1])
        question = f"{question[:kind.start()]}{question[kind.end():]}"
    return question, aside


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
# words a long message quotes ("the plan just says dad will "work with the local authority"")
_QUOTED = re.compile(r"[\"“]([^\"“”]{3,200})[\"”]")
_QUOTED_MIN_WORDS = 3
# a word or a few the question quotes, in single or double quotes ('risk taking', "hidden
# men"); not an apostrophe's ("the father's", "I'm")
_QUOTED_TERM = re.compile(r"(?:(?<=[\s(/])|^)['‘\"“]([A-Za-z][A-Za-z -]{0,40}?[A-Za-z])['’\"”]"
                          r"(?=[\s,.;:?!)/]|$)")


def terms_as_written(question: str) -> list[str]:
    """The words a question asks be found as written: those it quotes (:func:`quoted_terms`)
    and, where it asks for the reviews that made no recommendations, the words reviews say
    it in ("any others that made no recommendations at all" quoted Sunderland's Rachel's
    recommendations: the question's "no" is no word BM25 reads)."""
    return [*quoted_terms(question),
            *(["no recommendations"] if _NONE_RECOMMENDED.search(question) else [])]


def quoted_terms(question: str) -> list[str]:
    """The words or phrases a question quotes, of five words at most, each once, where it
    quotes two or more: a list of words it asks be found as written ("the words professionals
    used about a child ('risk taking', 'consensual', 'self-harm', 'consenting relationship')").
    Empty for one: a term quoted alone is searched as the question's other words are, and
    passages read for it already ("What does 'disguised compliance' mean?")."""
    quoted = list(dict.fromkeys(m[1] for m in _QUOTED_TERM.finditer(question)
                                if len(m[1].split()) <= 5))
    return quoted if len(quoted) > 1 else []


_SENTENCE_END = re.compile(r"[.!?]\s")
CLAUSE_BREAK = re.compile(r"(?<=[.!?;,:])\s+|\s+[-–—]\s+")
_ASKS = re.compile(r"^\W*(?:(?:so|and|but|please)\s+)?(?:(?:what|how|which|why|where|when|who)\b|"
                   r"(?:do|does|did|are|is|were|was|can|could|should|have|has)\s+(?:\S+\s+){0,2}?"
                   r"(?:reviews?|there|any|anything|you)\b)", re.I)


def the_question_asked(question: str) -> str:
    """The part of a long message that asks the question (see FOCUS_MIN_WORDS), or the
    whole of it when no later clause asks one with a topic of its own."""
    n_words = len(question.split())
    if n_words < FOCUS_MIN_WORDS or ASKED_OF_REVIEWS.match(question):
        # (nor one asked of the reviews an answer headed, as a follow-up is read: "Somerset
        # 2017 – Child Sam, 2024 – Babies who sustained injuries, ...: what do they say about
        # fathers?" was searched as "what do they say about fathers? (Child Sam, ...)",
        # the reviews without a child's name in their titles left out)
        return question
    clauses = CLAUSE_BREAK.split(question)
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
        if _ASKS.match(clauses[i]) and names_its_own_topic(asked) and len(words(asked)) >= 5:
            # a case the story names goes with it ("... audit our partnership against the
            # Baby Sama 'areas for consideration' - can you list the questions the review put
            # to the board?" was searched across every review)
            told = " ".join(clauses[:i])
            cases = [_with_place(told, m) for m in _CASE_NAME.finditer(told) if m[0] not in asked]
            # and so do the words it quotes (the plan 'just says dad will "work with the local
            # authority in all assessments" ... how do we know if it's drifting?' was searched
            # as its last clause, and missed Baby Sama's plan, which says them word for word)
            cases += [m[1] for m in _QUOTED.finditer(told) if len(m[1].split()) >= _QUOTED_MIN_WORDS]
            return f"{asked} ({', '.join(dict.fromkeys(cases))})" if cases else asked
    return question


# The sentences of a long message's own story, searched beside its question: a youth
# worker's "16 yr old lad from Eritrea, came over in the back of a lorry 3 weeks ago, out of
# hours team put him in a B&B ... keeps saying 'better to die'. what have reviews said about
# young people in his situation?" was searched as its last clause alone, and missed the one
# review of a boy who entered the country illegally and died the day after his placement.
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
STORY_MIN_WORDS = 4  # a sentence of fewer tells nothing to search by ("PC on nights.")
# each is a search of its own: a message of many short sentences (a pasted chronology) is
# searched by its longest ones (the probes' stories have six at most)
STORY_MAX_SENTENCES = 8
_AS_HEADED = re.compile(r"\b(?:19|20)\d\d\s+–\s")  # "Croydon 2017 – Claire", "2024 – Child V"


def story_told(question: str, asked: str | None = None) -> list[str]:
    """The sentences a long message (:data:`FOCUS_MIN_WORDS` words or more) tells before the
    question it asks, each of :data:`STORY_MIN_WORDS` words or more that says something (the
    :data:`STORY_MAX_SENTENCES` longest of them, in their order);
    none for a shorter message, or one naming reviews as an answer heads them: a follow-up
    read with the reviews of the answer before it ("...: other examples than Croydon 2017 –
    Claire, ...: which of them ended with the child dying?") tells their names, not a case.
    ``asked``: :func:`the_question_asked` of it, where the caller has it already."""
    if len(question.split()) < FOCUS_MIN_WORDS or _AS_HEADED.search(question):
        return []
    sentences = _SENTENCE.split(question.strip())
    asked = the_question_asked(question) if asked is None else asked
    if asked != question:  # the clauses before the one it searches are the story
        start = question.rfind(asked.split(" (")[0].strip())
        told = question[:start] if start > 0 else " ".join(sentences[:-1])
        sentences = _SENTENCE.split(told.strip())
    elif sentences and _asks_in(sentences[-1]):
        sentences = sentences[:-1]
    kept = [s for s in sentences if len(words(s)) >= STORY_MIN_WORDS and says_something(s)]
    longest = set(sorted(range(len(kept)), key=lambda i: -len(words(kept[i])))[:STORY_MAX_SENTENCES])
    return [s for i, s in enumerate(kept) if i in longest]


def _asks_in(sentence: str) -> bool:
    """Whether a sentence asks something: it ends in a question mark, or opens as a question."""
    return sentence.rstrip().endswith("?") or bool(_ASKS.match(sentence))


# Words that say nothing of what a question is about on their own: "Has anything like this
# come up in case reviews?" and "what does the learning say I should look at?" need the
# story before them.
_VAGUE = frozenset("""like come comes came look looks looking happen happens happened similar
relevant anything something say says said think know need needs help helps useful thing things
situation kind sort type same one ones up get got should
warning warnings sign signs signal signals indicator indicators flag flags red picking pick spot
spotting notice noticing thinking consider considering mind aware watch watching ask asking
seen see before ever go goes going went wrong according
report reports document documents paper papers
raise raising bring discuss discussing use using plus real
films film videos video toolkits toolkit resources resource
ring rings bell bells apply applies applicable relate relates here picked
differently handle handled handling deal dealing tackle tackling
""".split())  # ("the warning signs we should be picking up on"; a family nurse's story ending
# "What should I be thinking about?" was searched as that alone, and nothing was found; a
# mother's story ending "what do the reports say?" was searched as that, and quoted Baby
# Sama's "statutory guidance requires that SCR reports provide a sound analysis"; a
# midwife's story ending "what have case reviews said that I should raise?" was searched as
# that, and quoted Baby Sama's "discharge"; a trainer's "... any films or toolkits ... i
# could use, plus a real case to discuss?" lost its session on radicalisation; a housing
# officer's story ending "does this ring any bells?" was told no passage uses "ring" or
# "bells", and a GP's ending "does anything in the reviews apply here?" quoted one passage;
# a health visitor's methadone story ending "what should i be doing differently according
# to the reviews?" was searched as that, and nothing was found)


# A question that points back at the story ("my 17-year-old client met her 28-year-old
# partner at 14 ... what did the Sama review say about this kind of thing?" was searched as
# its last clause, and quoted Sama's conference dates)
_POINTS_BACK = re.compile(
    r"\b(?:this|that|these|those|such)\s+(?:kind|sort|type)s?\s+of\s+(?:thing|case|situation|"
    r"issue|relationship|behaviou?r|family|concern)s?\b|\bsomething\s+like\s+(?:this|that)\b|"
    r"\b(?:about|like|with|on)\s+(?:this|that|it|these|those|them)\s*[?.!]*$|"
    # ("... friends and relatives saw his injuries and said nothing. what did the review say
    # about that and about migrant communities?")
    r"\b(?:about|on)\s+(?:this|that)\s+(?:and|as\s+well|too)\b|"
    r"\b(?:this|that)\s+situation\b|"
    # ("... keeps saying 'better to die'. what have reviews said about young people in his
    # situation?" was searched as its last clause)
    r"\b(?:his|her|their)\s+(?:situation|circumstances|position)\b|"
    # ("... we've had three key workers in a year. is this something reviews have picked up
    # on?" was searched alone, and answered with nothing)
    r"\b(?:is|was|are)\s+(?:this|that|it)\s+(?:something|a\s+thing|an\s+issue|common)\b|"
    # what two things compared have in common ("compare what the Baby Sama review and the
    # Sameer learning brief each say about escalation ... - where do they agree and where do
    # they differ?" was searched as its last clause, and quoted Sama's age gap)
    r"\b(?:they|both|the\s+two)\s+(?:agree|differ|disagree|compare)\b|\bin\s+common\b|"
    # "Are there any case reviews about kids like this and what did they recommend?" (after a
    # pasted referral) was searched alone, and found a 7-year-old's case
    r"\blike\s+(?:this|these|that|those|him|her|them)\b(?!\s+(?:one|review|case)\b)|"
    r"\bsimilar\s+(?:features|cases|circumstances|situations?|issues|concerns|families)\b", re.I)


# "Appendix 4", "appendix B" (not "appendix a ...")
_APPENDIX_ASKED = re.compile(r"\bappendix\s+(\d+|(?-i:[A-Z]))\b", re.I)


def appendix_asked(question: str) -> str | None:
    """The number or letter of the report's appendix a question asks about ("4" of "what
    does Appendix 4 of the Baby Sama report list?"); None where it numbers none."""
    found = _APPENDIX_ASKED.search(question)
    return None if found is None else found[1]


def in_appendix(section: str, label: str) -> bool:
    """Whether a passage's ``section`` heading is the appendix numbered or lettered
    ``label`` ("Appendix 2 - Models of Child Sexual Exploitation" is appendix "2")."""
    return re.match(rf"\W*appendix\s*{re.escape(label)}\b", section, re.I) is not None


def names_its_own_topic(asked: str) -> bool:
    """Whether the clause says what it asks about: an agency alone is whom it asks of ("I'm
    a teacher. a year 10 boy keeps turning up with new trainers and phones ... what do the
    reviews say schools should do?" was searched as its last clause, and led with school
    absences and epilepsy)."""
    said = AGENCY_SAID.sub(" ", LESSONS.sub(" ", asked))
    return bool(set(words(said)) - STOPWORDS - FRAMING - _VAGUE)


def without_praise(question: str) -> str:
    """The question without the words that ask what went well ("good practice", "do well"):
    what is left is what the good practice should be about ("the police")."""
    return GOOD_PRACTICE.sub(" ", question)


# Words a question asking for good practice says beside it that name no topic: "cases where
# professionals got it right", "which reviews identified good practice?"
_PRAISE_FRAME = frozenset("""case cases review reviews professional professionals practitioner
practitioners agency agencies services staff example examples instance instances show showed
shown showing identify identified identifies highlight highlights highlighted record recorded
records note noted find found say said says any some where which what when thing things
want wants wanted need needs looking call calls called flag flags flagged praise praises praised
balance""".split())  # ("I want a case where things went well", "I want to balance my session
# with what went WELL. which reviews actually call out good practice?": Harry's failure "to
# call emergency services" had been searched for)


def asks_only_for_praise(question: str) -> bool:
    """Whether a question asks what went well and about nothing in particular: it is searched
    as the reviews say it, "good practice" ("cases where professionals got it right" found
    the passages on "cases" and "professionals", two of them recording good practice)."""
    return (GOOD_PRACTICE.search(question) is not None
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


# Words for whom a question is about, which name themes (infants, adolescents) without asking
# about them (as in a case's name: "the Baby Sama review")
WHOM_WORDS = (r"bab(?:y|ies)|infants?|newborns?|toddlers?|child(?:ren)?|teenagers?|adolescents?|"
              r"young (?:person|people)|boys?|girls?")


YEAR_SAID = re.compile(r"\b(?:19|20)\d\d\b")


# An agency or practitioner a question names ("the police", "GPs", "health visitors"; a
# follow-up may turn the last question to one: see followup._TURNS_TO)
AGENCY = (r"(?:the\s+)?(?:police|gps?|general\s+practitioners?|schools?|teachers?|nurser(?:y|ies)|"
           r"health\s+visit(?:ors?|ing)|midwi(?:fe|ves|fery)|social\s+workers?|social\s+care|"
           r"children['’]?s\s+(?:social\s+care|services)|probation|housing|nurses?|school\s+nurses?|"
           r"paediatricians?|hospitals?|a\s*&\s*e|ambulance(?:\s+service)?|camhs|mental\s+health\s+"
           r"services|youth\s+offending(?:\s+services?|\s+teams?)?|early\s+help|dsls?|"
           r"designated\s+safeguarding\s+leads?|lados?|health\s+services)")
AGENCY_SAID = re.compile(rf"(?<!\w){AGENCY}(?!\w)", re.I)


# A question asking which reviews say something ("which reviews talk about disguised
# compliance?", "what cases mention taxi drivers"), whose answer names as many as it reads
_WHICH_REVIEWS = re.compile(r"\b(?:which|what)\s+(?:other\s+)?(?:reviews|cases|entries|"
                            r"serious\s+case\s+reviews|scrs|ones)\b"
                            r"(?!\s+(?:say|said|says|recommend\w*|found|find|learn\w*)\b)|"
                            r"\b(?:list|name)\s+(?:all\s+)?(?:the\s+)?(?:reviews|cases)\b", re.I)


# (a question asking which reviews did not do something is no such question)
_NEGATION = re.compile(r"\b(?:no|not|never|without|none|nothing)\b|n['’]t\b", re.I)


def asks_which_reviews(question: str) -> bool:
    """Whether a question asks which reviews say something, not what they say ("which
    reviews talk about it?", not "what reviews say about it")."""
    return _WHICH_REVIEWS.search(question) is not None


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


def thanks(question: str) -> bool:
    """Whether the message only thanks or praises ("thanks, that's really helpful!")."""
    return _THANKS.match(question) is not None and bool(
        re.search(rf"\b(?:thank|{_THANK})\b", question, re.I))


def asks_for_help(question: str) -> bool:
    """Whether the question asks how to use the tool ("help", "what can I ask?"), not the
    reviews: it searched "help" and found nothing."""
    return _HELP.match(question) is not None


def has_topic(question: str) -> bool:
    """Whether a question says what it is about beside asking for lessons or
    recommendations: "what did the recommend?" (a named review taken out) does not."""
    return says_something(LESSONS.sub(" ", _QUOTE_THEM.sub(" ", question)))


# A request to quote or list what follows, which asks nothing of its own ("quote the
# considerations" after Fenestra's answer was searched for the word "quote")
_QUOTE_THEM = re.compile(r"^\W*(?:(?:please|can\s+you|could\s+you)\s+)?(?:quote|list|read\s+out)\b", re.I)


def says_something(text: str) -> bool:
    return bool(set(words(text)) - STOPWORDS)


# The words a request for a case's story is made of, and what a trainer wants it for
_STORY_WORDS = frozenset("""tell told happened happen story case summary summaries summarise
summarize summarising overview outline background short brief quick give read out start
beginning training session sessions slide slides workshop about
incident incidents first earlier earliest later last latest before order two both three""".split())


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
    adjectives = [p for p in named if p.kind == "nation" and p.said not in p.names]  # (not a county's)
    if len(named) > len(adjectives):
        named = [p for p in named if p not in adjectives]
    elif adjectives:
        named = [max(adjectives, key=lambda p: len(p.said))]
    regions_shown = False
    for place in named:
        if any(holds_words(a, place.said) or holds_words(place.said, a) for a in said):
            continue  # an area of the index, read as one
        said.append(place.said)
        # a nation or a region as named ("Scottish reviews" are from Scotland), an authority
        # as said
        name = place_name(place)
        if inside := areas_in(place, areas):
            if len(place.names) > 1 and regions_shown and set(inside) <= set(matched):
                continue  # (a county of a region named before it: "the North West - Greater
                # Manchester, Merseyside, Cheshire" is the North West)
            regions_shown |= place.kind != "authority"
            if place.kind != "authority" or len(place.names) > 1:
                # (not the areas it holds said beside it: "my region, the South West
                # (Somerset, Dorset, Wiltshire, Gloucestershire)" is the South West, and
                # "the Black Country – Dudley, Wolverhampton, ..." the Black Country)
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
    if shown := SHOWN_ALREADY.search(question):  # (see followup.with_last_question: "another example")
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


def without_shown(question: str) -> str:
    """The question less the reviews a follow-up leaves out as already quoted ("... other
    examples than Bradford 2024 – Child A"), which say nothing of what is searched for."""
    return SHOWN_ALREADY.sub("", question)


# The reviews a follow-up asking for more examples leaves out, those the last answer quoted,
# as it headed them: "domestic abuse and babies: other examples than Bedford 2017 – Baby Sama
# and 2024 – C101" (a title may end in a bracket: "... gang associations (Luton)")
SHOWN_ALREADY = re.compile(r":\s+other\s+examples\s+than\s+(.+?)[\s?.!,;:]*$", re.I)
# a question a follow-up asked of reviews as an answer headed them ("Bradford 2018 – Sameer:")
ASKED_OF_REVIEWS = re.compile(r"^[^:]*\s–\s[^:]*:")
# a review's place and year as an answer heads it ("Bedford 2017 – ", "2024 – ")
_HEADING_PLACE_YEAR = re.compile(r"(?:(?<=^)|(?<=, )|(?<= and ))(?:[^,:–]*?\s)?(?:19|20)\d\d\s+–\s+")


def without_headings_places(question: str) -> str:
    """A question asked of reviews as an answer headed them ("Bedford 2017 – Baby Sama: what
    about the GP's contribution?") with their titles alone ("Baby Sama: what about ..."): the
    place and year name no more than the title does, and searched, they are words of many of
    the review's passages ("Bedford" led the GP's question to the report's introduction)."""
    if not (m := ASKED_OF_REVIEWS.match(question)):
        return question
    return _HEADING_PLACE_YEAR.sub("", m[0]) + question[m.end():]


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


_AGENCY_FIRST = re.compile(rf"(?:{AGENCY})(?!\w)", re.I)


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
# the place and year said before a case's name ("Birmingham 2017 Child S")
_BEFORE_CASE = re.compile(r"((?:[A-Z][\w'’-]*\s+(?:and\s+)?){1,3})?((?:19|20)\d\d\s+)?$")


def _with_place(told: str, case: re.Match[str]) -> str:
    """A case's name as a story says it, with the place and year said before it: "Birmingham
    2017 Child S, the toddler left with his half-sister ... what did the review say about
    migrant communities?" was searched with "Child S" alone, and answered from three Child S
    reviews with a note to name a place or year."""
    before = _BEFORE_CASE.search(told[:case.start()])
    if before is None:
        return case[0]
    # (a place said alone is read as one after "in": see followup._asked_beside)
    place = " and ".join(p.said for p in places_named(f"in {before[1]}")) if before[1] else ""
    return " ".join(f"{place} {before[2] or ''} {case[0]}".split())

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


_SPAN_SAID = re.compile(r"\b(?:(?:between|from)\s+)?((?:19|20)\d\d)\s*(?:and|to|-|–|until)\s*"
                        r"((?:19|20)\d\d)\b", re.I)


def _without_titles_spans(question: str, titles: Sequence[str]) -> str:
    """``question`` less each span of years a review's title gives, the span of the cases it
    reviews, not of when reviews were published ("review of all the CSE cases in
    Buckinghamshire from 1998 to 2016" was told that no review from Buckinghamshire
    published in 1998 is in the index: its title is "Child Sexual Exploitation 1998 - 2016")."""
    def kept(m: re.Match[str]) -> str:
        span = re.compile(rf"\b{m[1]}\s*(?:-|–|to)\s*{m[2]}\b")
        return " " if any(span.search(title) for title in titles) else m[0]
    return _SPAN_SAID.sub(kept, question)


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
    return re.search(rf"\b{p}['’]?s?\s*,?\s+{n}\b|\b{n}\s*(?:,|\(|\s|-)\s*(?:(?:in|from|of)\s+)?"
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
    if review.area and _QUOTED_LETTER.match(review.title):
        # (a title of one letter, unquoted right after its area: "brighton & hove A" named
        # Enfield's Child YT alone of the two it asked to compare)
        area = re.escape(review.area).replace(r"\ and\ ", r"\s*(?:\ and\ |&)\s*")
        letter = review.title.strip(" '\u2018\u2019\"\u201c\u201d")
        spans += [m.span(1) for m in re.finditer(rf"(?i:\b{area})\s+({re.escape(letter)})\b(?!['’]\w)",
                                                 question)]
    for name in _title_names(review.title):
        if name in question:  # a substring test first: a catalogue has thousands of titles
            spans += [m.span() for m in re.finditer(rf"(?<!\w){re.escape(name)}{_NAME_END}",
                                                    question)]
        low = name.lower()
        if low not in lowered:
            continue
        parts = name.split()
        if len(parts) == 1 and not _CASE_CODE.match(name):  # a given name alone
            # (or between "the" and "one": "what did the sameer one say about the child's
            # voice?" named no review, and quoted three others beside Sameer's)
            if not (alone or re.search(rf"(?<!\w){re.escape(name)}{_REVIEW_AFTER}", question, re.I)
                    or re.search(rf"\bthe\s+{re.escape(name)}\s+one\b", question, re.I)
                    or re.search(rf"{_PERSON_BEFORE}{re.escape(name)}(?!\w)", question, re.I)
                    or (review.area and _beside(question, name, review.area))):
                continue
        elif (parts[-1].lower() in _CODES_THAT_ARE_WORDS
              or not all(p[:1].isupper() or p[:1].isdigit() or p in _NAME_WORDS for p in parts)
              ) and not re.search(rf"['\"‘“]{re.escape(name)}['\"’”]", question, re.I):
            # (a title in words is read in any case only quoted: "the 2017 anonymous
            # 'considering child sexual exploitation' review" named none)
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
