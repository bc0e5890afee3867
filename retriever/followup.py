"""A follow-up in a conversation, read with the last question and the reviews its answer
quoted: "what did it recommend?", "what about the police?", "only 2017", "tell me more
about the second one" are each written as the question they stand for ("Bradford 2018 –
Sameer: what did it recommend") before :mod:`reviewqa.retriever.query` reads it. Searched
alone, such a message had been searched as its own few words."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reviewqa.corpus.places import places_named
from reviewqa.corpus.taxonomy import theme_spans
from reviewqa.corpus.text import holds_words, said_as_list, words
from reviewqa.settings import MAX_QUERY_CHARS

from .lexical import FRAMING, STOPWORDS
from .methods import method_asked
from .points import asks_only_for_points
from .query import (
    AGENCY,
    AGENCY_SAID,
    ASKED_OF_REVIEWS,
    ASKS_FIELD,
    CLAUSE_BREAK,
    GOOD_PRACTICE,
    LESSONS,
    PUBLISHED_SAID,
    RECOMMENDS,
    SHOWN_ALREADY,
    WHOM_WORDS,
    YEAR_SAID,
    QueryPlan,
    asks_only_for_praise,
    fields_asked,
    has_topic,
    names_its_own_topic,
    says_something,
    thanks,
    without_asks,
    without_name,
)
from .resources import asks_for_resources, topic_of

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
                     r"quotations?|passages?|text|paragraphs?|sentences?)(?:\s+please)?\W*$|"
                     # "can you give me that in 3 bullets for a team briefing" (had no answer)
                     r"^\W*(?:(?:can|could|would)\s+(?:you|i)\s+|please\s+)?(?:give|put|write|turn|make|get|"
                     r"have|do)\s+(?:me\s+|us\s+)?(?:that|this|it|those|them|these|the\s+(?:last\s+)?"
                     r"answer)\s+"
                     r"(?:in|into|as)\s+(?:(?:a|an|some|\d+|two|three|four|five|few|short|simple|plain)\s+){0,2}"
                     r"(?:bullets?|bullet\s+points?|list|paragraphs?|summary|table|plain\s+english|words)\b|"
                     # "can you say that more simply?" (read with the last question, it quoted
                     # Baby Sama's altercation and cultural explanations)
                     r"^\W*(?:(?:can|could|would)\s+(?:you\s+)?|please\s+)?(?:say|put|explain|word|write|"
                     r"tell\s+me)\s+(?:[\w'’-]+\s+){0,6}?(?:(?:a\s+)?(?:bit|little)\s+)?(?:more\s+simply|"
                     r"more\s+plainly|simply|plainly|in\s+(?:simpler|plainer|plain|simple|everyday|layman['’]?s)\s+"
                     r"(?:words|english|terms|language))(?:\s+please)?\W*$",
                     re.I)


_BACK_WORDS = frozenset("more else same only anything continue go then".split())


# what a message says of an earlier answer ("the second one you mentioned", "the last case
# you told me about")
_EARLIER = re.compile(r"\byou\s+(?:just\s+)?(?:mentioned|said|told\s+me|listed|quoted|gave|showed)\b|"
                      r"\b(?:your|the)\s+(?:last|previous)\s+(?:answer|reply)\b|"
                      # ("tell me more about the second one")
                      r"\b(?:about|on|in|from|with)\s+(?:the|that)\s+(?:first|second|third|"
                      r"fourth|fifth|last|other|(?:19|20)\d\d)\s+(?:one|review|case|quote|passage)\s*[?.!]*$|"
                      # ("and the 2017 one?", "and the second one?": the last question of it,
                      # which had been "and it?")
                      r"^\W*and\s+(?:the|that)\s+(?:first|second|third|fourth|fifth|last|(?:19|20)\d\d)"
                      r"\s+(?:one|review|case)\s*[?.!]*$",
                      re.I)


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
_ORDINAL = re.compile(rf"\b({_ORDINAL_WORD}|(?:19|20)\d\d(?=\s+(?:one|review|case)\b))\b"
                      r"(?!\s+(?:answer|reply)\b)", re.I)
# a review of the last answer picked by its year ("what's the most recent one?" after a list
# of neglect deaths had quoted Baby Sama's dates): the newest, or the oldest
_BY_YEAR = {"most recent": max, "latest": max, "newest": max, "oldest": min, "earliest": min}
_BY_YEAR_WORD = r"(?:most\s+recent|latest|newest|oldest|earliest)"
_HEADING_YEAR = re.compile(r"\b((?:19|20)\d\d)\s+–")
# ... asked for alone: "and of those, the newest?" (after "which Bradford reviews are in
# here?" was read as that question again, and answered with the same three reviews)
_BY_YEAR_ALONE = re.compile(rf"^\W*(?:(?:and|so|but|ok|okay)\W+)*(?:(?:of|from)\s+(?:those|these|them)\W+)?"
                            rf"(?:(?:what|which)(?:['’]s|\s+is|\s+was)\s+)?the\s+({_BY_YEAR_WORD})\W*$",
                            re.I)

# a part of the last answer's review pointed at ("the bit about relatives ringing in with
# worries?" after North East Lincolnshire's Child T was searched alone, and quoted Warrington's
# Child 1): asked as "what about relatives ringing in with worries?"
_PART_ABOUT = re.compile(r"^\W*(?:(?:and|but|so|ok|okay)\W+)*(?:what\s+about\s+)?(?:the|that)\s+"
                         r"(?:bit|part|section|passage|line|stuff|paragraph)\s+"
                         r"(?:about|on|re|regarding|around)\s+", re.I)


# What says a message goes on from the last answer though it says something of its own: it
# narrows it ("only Bradford ones", "just 2024 please", "any from London?", "can you narrow
# that to serious case reviews"), or points back at its reviews ("which of those involved
# dads", "what about the police in that one", "what did the first case recommend")
_NARROWS = re.compile(r"\b(?:only|just|any|those|these|them|narrow\w*|ones|filter|limit)\b|"
                      r"^\W*(?:and|but|so|what\s+about|how\s+about|in|from)\b", re.I)  # ("in Bradford?")
_NARROWING_WORDS = frozenset("""only just please ones one any those these them which narrow
narrowed down filter limit published reviews review cases case ok okay since onwards later
earlier newer older publications publication keep lot now same question came come comes out
released issued written""".split())
_PERSON_POINTED = (r"(?:(?:the\s+review\s+(?:into|of)\s+)?(?:her|his)\s+(?:death|case|review)|"
                   r"the\s+little\s+(?:girl|boy|one))")
_PERSON_POINTER = re.compile(_PERSON_POINTED, re.I)
# what "it" or "they" said, found or recommended
# ("who did they want CSE awareness raised with" after Surrey's Child GG was searched alone)
_IT_SAYS = (r"\b(?:it|they)\s+(?:also\s+|ever\s+|even\s+|actually\s+)?((?:recommend|find|found|say|said|"
            r"learn|list|mention|includ|want|suggest|propos|advis|urg|link|cite|signpost)\w*|"
            # ("did it make recs about interpreters specifically?" after Charlie and Sam's
            # learning was searched alone)
            r"(?:make|made|give|gave)\s+(?:any\s+)?(?:recommendations?|learning|lessons?)\b)")
_THAT_ONE = re.compile(r"\b(?:that|this|the\s+same)\s+(?:one|case|review|family|child)\b"
                       # (not a child named by a letter code: "is that the same Child A as
                       # the Hertfordshire review?" was read as "is that it A as ...")
                       r"(?!\s+(?-i:[A-Z0-9]{1,3})\b)|"
                       # the child the last answer was about, as a person ("so what did the
                       # review into her death want changed?", "what age was the little girl
                       # when she died?" were searched alone)
                       rf"\b{_PERSON_POINTED}\b|"
                       rf"\bthe\s+({_ORDINAL_WORD}|{_BY_YEAR_WORD}(?=\s+one\b)|"
                       # (or by its year: "and the 2017 one?" after two FII reviews, one of
                       # 2017, had been asked of 2017's reviews at large)
                       r"(?:19|20)\d\d(?=\s+one\b))\s+(?:one|case|review)\b|"
                       rf"{_IT_SAYS}|"
                       # "anything in there about bruising in babies?", "... in it?" (after the
                       # Sameer brief's answer: searched alone, it quoted five other reviews)
                       r"(?:(?<=\banything\sin\s)|(?<=\bsomething\sin\s)|(?<=\bnothing\sin\s))"
                       r"(?:it|there)\b|(?<=\bin\s)(?:it|there)(?=\W*$)|"
                       # "how old was the child in each?" (after the reviews of special
                       # guardianship orders: searched alone, it quoted a foster placement at 4)
                       r"(?:(?<=\bin\s)|(?<=\bof\s)|(?<=\bfor\s))each(?:\s+(?:one|case|review))?\b|"
                       r"\beach\s+(?:one|case|review)\b|"
                       # "how old was each of them", "were they on CP plans as well?" (set AG,
                       # held-out half: after reviews of children at home under court orders,
                       # each was read with the last question or searched alone)
                       r"\beach\s+of\s+(?:them|those|these|the\s+(?:reviews|cases|children|kids))\b|"
                       r"(?:(?<=\bwere\s)|(?<=\bwas\s)|(?<=\bare\s)|(?<=\bhad\s)|(?<=\bhave\s))"
                       r"(?:they|any\s+of\s+them)(?=\s+(?:all\s+|also\s+|ever\s+|already\s+)?(?:on|in|under|"
                       r"subject\s+to|known\s+to|looked\s+after)\b)", re.I)
_THOSE = re.compile(r"\b(?:of|in|from|with)\s+(?:those|these|them)\b|"
                    # "which of the two kids had social care ever been involved with?", "which
                    # of the 2 actually made recs?" (each searched alone)
                    r"\b(?:of|in|from|with|between)\s+the\s+(?:two|2|three|3)\b|"
                    r"\b(?:those|these)\s+(?:ones|reviews|cases)\b|"
                    # "ones where the parent killed the child" (after "parents with mental
                    # health problems"), "which ones involved alcohol?" (were searched alone)
                    r"^\W*(?:(?:and|but|so|what|how)\s+)?(?:about\s+)?(?:the\s+)?ones\s+"
                    r"(?:where|that|who|with|in\s+which|involving)\b|^\W*(?:and\s+)?which\s+ones\b|"
                    # "any that deal with babies too young to talk?" (after "reviews where the
                    # child's voice got lost", searched alone: a baby's injuries, premature twins)
                    r"^\W*(?:and\s+|but\s+)?(?:are\s+there\s+)?any\s+(?:(?:of\s+)?(?:those|these|them)\s+)?"
                    r"(?:that|which|where|who|involving)\b|"
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
                    # "which one talked about siblings?" (after knife crime in the Torbay list:
                    # searched alone, it quoted Rochdale's Child K; "one" points at those shown)
                    r"^\W*(?:and\s+)?which\s+one\s+(?:talk(?:s|ed)?|sa(?:id|ys)|discuss(?:ed|es)|"
                    r"cover(?:s|ed)|deal(?:s|t)|look(?:s|ed)\s+at|describe[sd]|found|recommended|"
                    r"focus(?:s?ed|es)|includ(?:ed|es)|mentions|involves)\b|"
                    # a fragment going on from it: "involving the dads?" (after "domestic abuse
                    # during pregnancy"), "where the mother was the abuser?"
                    r"^\W*(?:and\s+|but\s+)?(?:involving|including|with|without|where)\s+\w", re.I)
# "of those", "which of them": the reviews the last answer quoted
_OF_THOSE = re.compile(r"\bof\s+(?:those|these|them)\b", re.I)
# a message confining the last question to some of its cases ("narrow it to the ones where
# ..."), and what it confines it to
_NARROW_TO = re.compile(r"^\W*(?:(?:and|so|ok|okay|now|can\s+you|could\s+you|please)\W+)*(?:narrow|filter|"
                        r"limit|cut)\s+(?:it|that|this|them|those|these|the\s+list)\s+(?:down\s+)?to\s+"
                        r"(?:(?:just|only)\s+)?(?:the\s+ones?\s+|those\s+)?(.*?\w.*?)\W*$", re.I)
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
_A_YEAR = re.compile(r"\b(?:(?:only|just|in|from)\s+)+(?:for\s+(?:the\s+)?)?((?:19|20)\d\d)\b"
                     r"(?!\s+reviews?\b)|"
                     r"\b((?:19|20)\d\d)\s+only\b|"
                     r"^\W*(?:(?:and|but|so|also|what|how)\s+(?:about\s+)?)*((?:19|20)\d\d)\W*$|"
                     # "just the 2018 ones" (was searched as "ones", across every year)
                     r"\b(?:(?:only|just)\s+)?(?:the\s+)?((?:19|20)\d\d)\s+(?:ones?|publications?)\b", re.I)
_LAST_YEARS = re.compile(r"\b(?:(?:published|from|in|since|before|after)\s+)?(?:19|20)\d\d\b",
                         re.I)


def _with_years(last: str, addition: str) -> str:
    """The last question and a follow-up's addition, its years in place of the last's:
    "neglect in 2017" and "and 2016?" is "neglect: 2016 reviews" ("in 2017" with "2016"
    had read 2016-2017)."""
    if not YEAR_SAID.search(addition):
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
    if re.search(rf"\b(?:{PUBLISHED_SAID}|reviews?)\s*$", before, re.I):
        return m[0]  # (read as a year already: "which of those were published in 2016?")
    if _GOING_ON.fullmatch(before) or m[0].split()[0].lower() not in ("in", "from"):
        return f"{year} reviews"  # ("what about in 2018?", "just 2024 please")
    return f"{m[0].split()[0]} the {year} reviews"


# A follow-up turning the last question to an agency or practitioner ("and what about the
# police?", "same for midwives", "and for health visitors?"): that one in place of the one
# the last question named ("what lessons for GPs?"), or beside its topic where it named none
_TURNS_TO = re.compile(rf"{_OPENS}(?:(?:what|how)\s+about|(?:and\s+)?"
                       rf"(?:the\s+)?same\s+(?:question\s+|thing\s+|again\s+|but\s+)?(?:for|with)|(?:and\s+)?for|"
                       rf"(?:and\s+)?(?:what|how)\s+about\s+for)?\s*"
                       rf"({AGENCY})\W*$", re.I)


# ... or to a family member, where the last question asked of one: "did anyone listen to her
# brothers and sisters?" then "and the dads?" had been searched as "... sisters: the dads",
# and answered the same
_KIN_WORD = (r"(?:(?:older|younger|birth|biological|step|foster|adoptive|maternal|paternal)\s+)?"
             r"(?:mothers?|mums?|moms?|fathers?|dads?|parents?|siblings?|brothers?|sisters?|"
             r"grandparents?|grandmothers?|grandfathers?|nans?|grans?|grandads?|stepfathers?|"
             r"stepdads?|stepmothers?|stepmums?|partners?|boyfriends?|girlfriends?|uncles?|"
             r"aunts?|aunties?|cousins?)")
_KIN = rf"{_KIN_WORD}(?:\s+(?:and|or|&)\s+(?:(?:her|his|their|the)\s+)?{_KIN_WORD})*"
_TURNS_TO_KIN = re.compile(rf"{_OPENS}(?:(?:what|how)\s+about|and|also)\s+(?:for\s+)?"
                           rf"((?:the\s+)?{_KIN})\W*$", re.I)
_KIN_SAID = re.compile(rf"(?<![’']s )\b(?:(?:her|his|their|the|its)\s+)?{_KIN}\b(?!['’]s)", re.I)
# a question, not a story a message tells ("14 month old died co-sleeping with her mum and
# nan"): what asks of its family members is what a follow-up turns
_KIN_QUESTION_WORDS = 15
_ASKS_OF = re.compile(r"^\W*(?:what|how|why|who|which|when|where|is|are|was|were|did|do|does|"
                      r"can|could|should|would|has|have|had)\b|\?\W*$", re.I)


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


def heading_place(heading: str) -> str:
    """The place a review's heading names before its year ("Nottingham" of "Nottingham 2017 –
    Child J"); "" where it names none ("2024 – C101")."""
    return _HEADING_YEAR_END.sub("", heading.partition(" – ")[0])


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
    """The last question turned to the agency a follow-up names (:data:`_TURNS_TO`), to the
    family member it names where the last question asked of one (:data:`_TURNS_TO_KIN`), or
    to the theme it names (:data:`_TURNS_TO_THEME`); an agency the last question named none
    of is asked of the ``one`` review the last answer quoted, where it quoted one."""
    if (m := _TURNS_TO_SEX.fullmatch(message)) and (other := _OTHER_SEX[m[1].lower()].search(last)):
        # boys where the last question asked of girls ("which reviews are about sexual
        # exploitation of girls", then "what about for boys?", asked of both, quoted girls')
        return f"{last[:other.start()]}{m[1].lower()}{last[other.end():]}"
    if (m := _TURNS_TO.match(message)) and re.match(r"^\W*(?:and|but|so|ok|okay|what|how|"
                                                    r"same|the\s+same|for)\b", message, re.I):
        agency = " ".join(m[1].split())
        if AGENCY_SAID.search(last):
            return AGENCY_SAID.sub(agency, last, count=1)
        return _asked_beside(last, agency, one)
    if kin_named := _TURNS_TO_KIN.match(message):
        asked = ASKED_OF_REVIEWS.match(last)  # (past the reviews' names: "Siblings W and X")
        at = asked.end() if asked else 0
        if (_ASKS_OF.search(last[at:]) and len(words(last[at:])) <= _KIN_QUESTION_WORDS
                and (kin_said := _KIN_SAID.search(last, at))):
            kin = kin_named[1]
            kin = kin if kin.lower().startswith("the ") else f"the {kin}"
            return f"{last[:kin_said.start()]}{kin}{last[kin_said.end():]}"
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


# A follow-up turning the last question to the other sex: "what about for boys?", "and girls?"
_TURNS_TO_SEX = re.compile(r"\W*(?:(?:and|but|so|ok|okay)\s+)?(?:(?:what|how)\s+about\s+)?(?:for\s+|with\s+)?"
                           r"(?:the\s+)?(boys|girls)(?:\s+(?:too|then|instead))?\W*", re.I)
_OTHER_SEX = {"boys": re.compile(r"\bgirls\b", re.I), "girls": re.compile(r"\bboys\b", re.I)}


# A review's type as its heading ends with it: "Bradford 2018 – Sameer (learning brief)"
_REVIEW_TYPE_SAID = re.compile(r"\s+\([^()]*\)$")


def headings_said(reviews: Sequence[str]) -> str:
    """The last answer's reviews as it headed them, less their types, said as one list
    ("Bradford 2018 – Sameer and 2024 – Child V")."""
    return said_as_list([_REVIEW_TYPE_SAID.sub("", r) for r in reviews])


def _review_said(ordinal: str | None, reviews: Sequence[str]) -> str | None:
    """The review of the last answer a follow-up points at: by its ``ordinal`` ("the second
    one"), its year ("the 2017 one": the first of that year's) or its place among the years
    ("the most recent one": the first of the newest year's), else the one
    review that answer had; None where it had no such review. It is
    given as the answer headed it, less its type ("Bradford 2018 – Sameer")."""
    if ordinal and ordinal.isdigit():  # ("the 2017 one": the first of that year's)
        place = next((place for place, review in enumerate(reviews)
                      if _heading_year(review) == int(ordinal)), None)
    elif ordinal and (pick := _BY_YEAR.get(" ".join(ordinal.lower().split()))):
        years = [_heading_year(r) for r in reviews]
        known = [y for y in years if y is not None]
        place = years.index(pick(known)) if known else None  # (the first of a year's)
    else:
        place = _ORDINALS[ordinal.lower()] if ordinal else 0 if len(reviews) == 1 else None
    if place is None or not -len(reviews) <= place < len(reviews):
        return None
    return _REVIEW_TYPE_SAID.sub("", reviews[place])


_SPACE_BEFORE_STOP = re.compile(r"\s+(?=[?.!,])")


# A review's title that is its child's letters ("Child PB", "Baby ON16"), two or more
_CODES = re.compile(r"(?:Child|Baby)\s+([A-Z][A-Z0-9]*)\b")  # each child's of a title ("Child L and Child J")
_LETTER_CODE = re.compile(r"(?:Child|Baby|Young\s+[Pp]erson)\s+([A-Z][A-Z0-9]+)")


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
            rf"\b(?:the|that|this)\s+{re.escape(plan.place)}(?:['’]s)?\s+(?:review|case|one)(?:['’]s)?\b|"
            # ("the one in Staffordshire", after three Child Bs: searched alone, it quoted the
            # review's recommendations, not what happened)
            rf"\b(?:the|that)\s+(?:one|review|case)\s+(?:in|from|of)\s+{re.escape(plan.place)}\b|"
            # (or as the one who wrote it: "what did Bradford say needs to happen?" after
            # Sameer's story was searched in Bradford's three reviews, and quoted his story)
            rf"(?:(?<=\bdid\s)|(?<=\bdoes\s)|(?<=\bhas\s)|(?<=\bhad\s)){re.escape(plan.place)}"
            rf"(?=\s+(?:say|recommend|find|learn|conclude|suggest|propose|want|think)\w*\b)",
            message, re.I)
        by_name = len(plan.named_reviews) > 1 and title and re.search(
            rf"(?<!\w)(?:the\s+)?{re.escape(title)}(?:['’]s)?(?:\s+(?:review|case|one))?(?!\w)",
            message, re.I)
        # or by its letters alone ("for PB specifically, what were agencies told to do?" after
        # Trafford's Child PB had been quoted: searched alone, it led with Child V)
        code = _LETTER_CODE.fullmatch(title)
        by_code = code and not holds_words(message, title) and re.search(
            rf"(?<![\w'’-]){code[1]}(?![\w'’-])", message)
        # or one child of several by its letter ("what happened with L's injury before that?"
        # after Somerset's Child L and Child J was searched alone, and led with Camden's Child
        # B): asked as said, of that review
        codes = [c for c in _CODES.findall(title) if c not in ("A", "I")]
        of_one = len(reviews) == 1 and len(codes) > 1 and any(
            re.search(rf"(?<![\w'’-]){c}(?:['’]s)?(?![\w'’-])", message) for c in codes)
        if said := by_place or by_name or by_code:
            found.append((review, said))
        elif of_one:
            return f"{review}: {message}"
    if len(found) != 1:
        return None
    review, pointer = found[0]
    # ("and the Staffordshire review's recommendations?": its, not "it 's")
    it = "its" if pointer[0].endswith(("'s", "’s")) else "it"
    rest = " ".join(f"{message[:pointer.start()]} {it} {message[pointer.end():]}".split())
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
        review = headings_said(reviews)
        several = True
    if _PERSON_POINTER.fullmatch(that[0]):  # (the child, said as the message says it)
        return f"{review}: {message}"
    # the pointer said as a pronoun, so that the question reads as one ("what did it
    # recommend", "what about the police in it", "tell me more about them")
    before = message[:that.start()]
    if that[2]:
        pointer = f"{'they' if several else 'it'} {that[2]}"
    elif several and that[0].lower().startswith("each of"):
        pointer = "each"  # ("how old was each of them": "how old was each")
    else:
        pointer = ("them" if several and _PREPOSITION_BEFORE.search(before)
                   else "they" if several else "it")
    rest = " ".join(f"{before} {pointer} {message[that.end():]}".split())
    if _ONLY_WHICH.fullmatch(rest) or _POINTER_ONLY.fullmatch(rest):
        # ("what's the most recent one?": "what's it?"; "the second one": "it", which was
        # answered with the review's learning, not its case)
        rest = f"tell me about {'them' if several else 'it'}"
    return f"{review}: {_SPACE_BEFORE_STOP.sub('', rest)}"


_ONLY_WHICH = re.compile(r"\W*(?:what|which|who)(?:['’]s|\s+(?:is|was|are|were))?\s+(?:it|they|them)\W*",
                         re.I)


_POINTER_ONLY = re.compile(r"\W*(?:it|they|them)\W*", re.I)


_PREPOSITION_BEFORE = re.compile(r"\b(?:about|in|of|from|on|for|with|at|to|by)\s*$", re.I)


# What a message confining the last question says beside what confines it ("keep only the
# 2018 publications from that lot": its "keep" and "lot" searched beside the last question's
# words, Dorset's "involving non-resident fathers" was not quoted)
_FILLER = re.compile(r"\b(?:keep|now|(?:the\s+)?same\s+question(?:\s+but)?|(?:(?:from|of|in)\s+)?"
                     r"(?:that|this|the)\s+lot)\b", re.I)


def _narrows(message: str, plan: QueryPlan) -> bool:
    """Whether the message only confines the last question, to a place, years, a review type
    or a source, saying nothing else (see _NARROWS)."""
    if not _NARROWS.search(message) or not (YEAR_SAID.search(message) or plan.place
                                            or plan.review_types or plan.sources
                                            or plan.areas_left_out or plan.child_age):
        return False
    rest = plan.topic if plan.place or plan.review_types or plan.sources else message
    if plan.child_age:  # ("only the under 5s", "just babies under 6 months")
        rest = plan.child_age.left_out_of(rest, whom=False)
    return not (set(words(YEAR_SAID.sub(" ", rest)))
                - STOPWORDS - _BACK_WORDS - _NARROWING_WORDS - FRAMING)


# A word asked alone ("model?", "charged?", "category?"), as of the case just told, or its
# method asked for in a few words ("what methodology", "what model did it use?": the first
# listed the methods of four reviews)
_A_WORD_ALONE = re.compile(r"^\W*(?:(?:and|so|ok|okay)\W+)?[a-z][\w'’-]*\s*\?\W*$", re.I)
_METHOD_ALONE = re.compile(r"^\W*(?:(?:and|so|ok|okay)\W+)?(?:what|which)\s+(?:review\s+)?(?:model|method|"
                           r"methodology|approach)(?:\s+(?:did\s+(?:it|they)\s+use|was\s+used|was\s+it))?\W*$",
                           re.I)


def _a_word_of_it(message: str, plan: QueryPlan | None) -> bool:
    """Whether a message asks a word alone of the one review the last answer was from
    ("model?" after Hertfordshire's Child A quoted Baby Sama's 'models' of exploitation;
    "charged?" and "category?" after Croydon and Lewisham's Children R, S and W were searched
    alone), not a theme, place or review of its own ("neglect?"), nor thanks."""
    return (plan is not None and (_A_WORD_ALONE.match(message) or _METHOD_ALONE.match(message)) is not None
            and not thanks(message)
            and not (plan.named_reviews or plan.place or plan.themes or plan.year_from
                     or plan.year_to or plan.review_types or plan.sources))


# What a short question points back with ("did that matter?", "was this ever fixed?"), and
# one asking how many of whom ("how many girls?")
_THAT_ALONE = re.compile(r"\b(?:that|this)\b(?!\s+(?:one|review|case|report|brief)\b)", re.I)
_HOW_MANY = re.compile(r"^\W*(?:(?:and|so|ok|okay)\W+)?how\s+many\b", re.I)
# how many of the case's people or events ("how many older siblings had already gone into
# care?" after Shi-Anne's review was searched alone, and quoted four other families)
_HOW_MANY_IN_THE_CASE = re.compile(
    r"^\W*(?:(?:and|so|ok|okay)\W+)?how\s+many\s+(?:[\w'’-]+\s+)?(?:siblings?|brothers?|sisters?|"
    r"children|kids|babies|times|referrals?|visits?|agencies|professionals|workers|injuries|fractures|"
    r"bruises|men|women|girls|boys|victims|people|perpetrators|placements?|moves|schools|"
    r"appointments|meetings|calls|reports|arrests)\b", re.I)
_POINTING_WORDS = frozenset({"that", "this", "how", "many", "ever", "really", "actually"})


def says_of_it(message: str) -> bool:
    """Whether ``message`` asks what "it" or "they" said, found or recommended."""
    return re.search(_IT_SAYS, message, re.I) is not None


def with_last_question(message: str, last: str, reviews: Sequence[str] = (),
                       plan: QueryPlan | None = None, meant: Sequence[str] = (),
                       earlier: Sequence[str] = ()) -> str | None:
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
    close), are those "it" and "that review" point at; an ordinal counts through ``reviews``,
    or through ``earlier``, the reviews of the latest answer before it that quoted several,
    where ``reviews`` has no such one ("and the 2017 one?" after a list of two and then one of
    them alone) or only one review ("and the last one?")."""
    last = " ".join(last.split()).rstrip(" ?.!:")
    message = " ".join(message.split())
    if not last or _REWORK.match(message):
        return None
    if by_year := _BY_YEAR_ALONE.match(message):  # ("and of those, the newest?")
        message = f"what's the {by_year[1]} one?"
    message = _PART_ABOUT.sub("what about ", message)
    if (asked := ASKED_OF_REVIEWS.match(last)) and _HOW_OLD_THEY.match(last[asked.end():]):
        # after the children's ages, the reviews they were asked of ("which ones mention
        # gangs?" is not of their ages)
        last = last[:asked.end() - 1]
    if _MORE_EXAMPLES.match(message) and len(reviews) > 1 and not ASKED_OF_REVIEWS.match(last):
        # "give me another example", "any others?": the last question again, less the
        # reviews its answer quoted and those it had left out so (searched alone, it found
        # nothing); not after an answer from one review, nor a question asked of reviews
        # named ("2017 – Child Y and 2018 – Children F, G and H: what did they recommend")
        before = SHOWN_ALREADY.search(last)
        shown = headings_said(reviews)
        return _other_than(SHOWN_ALREADY.sub("", last), f"{before[1]} and {shown}" if before else shown)
    if (reviews and ((_OTHER_REVIEWS.search(message) and has_topic(message))
                     or _other_of(message)) and not _MORE_EXAMPLES.match(message)
            and not SHOWN_ALREADY.search(message)):
        # a question of its own asking for other reviews than those the last answer quoted
        # ("which other reviews involve a young offender institution?" after Harry's had
        # listed Harry again; "was covid mentioned in any other review?" after Bradford's
        # Child A quoted Child A; "any other reviews about injured babies since 2019?" after
        # the babies thematic review and Child V quoted both again)
        return _other_than(_GOING_ON.sub("", message).rstrip(" ?.!"), headings_said(reviews))
    # one asking only for lessons, after a question ("what was recommended?" after "which
    # were about neglect?" was searched alone), unless of a review it points at ("what did it
    # recommend?": which, of those quoted, is said below)
    that = _THAT_ONE.search(message)  # a review of the last answer it points at
    # (or good practice: "what went well?" after "tell me about the Jack review")
    lessons_only = (that is None and (
        (LESSONS.search(message) is not None and not has_topic(message))
        # (or how far they were acted on; "which of those actions were completed?" is of the
        # lessons the last answer quoted, below)
        or (LESSONS.search(message) is not None and not _THOSE.search(message)
            and not has_topic(_PROGRESS.sub(" ", message)))
        # ("what were the six learning points?" after the Baby Sama review's story: "six"
        # was a topic, and it was searched alone)
        or asks_only_for_points(message) or asks_only_for_praise(message)))
    if (that and reviews and not _EARLIER.search(message)
            and follows_up(message)):  # ("what did that review recommend?")
        pointed = _of_review_pointed_at(message, that, reviews, meant)
        return pointed if pointed and len(pointed) <= MAX_QUERY_CHARS else None
    if (plan is not None and reviews and not that
            and (named := _of_review_named(message, reviews, plan)) is not None):
        return named if len(named) <= MAX_QUERY_CHARS else None
    of = meant or reviews  # (the reviews "it" is of)
    one = _REVIEW_TYPE_SAID.sub("", of[0]) if len(of) == 1 else None
    if one and ((lessons_only and not _GOES_ON.match(message)) or _WORRIED_ABOUT.match(message)
                or _FIELDS_ALONE.match(message) or _a_word_of_it(message, plan) or (
            plan is not None and not plan.named_reviews
            and (_OF_THE_CHILD.search(message) or _THE_FAMILY.search(message)
                 or ((_AFTER_IT.search(message) or _IN_ITS_LESSONS.search(message)) and not plan.place
                     and not (across_reviews(message) or _OTHER_REVIEWS.search(message)))))):
        # after an answer from one review, a question asking only for its lessons, or of a
        # child it does not name, is of that review: "what needs to happen now?" and "why
        # wasn't his voice heard?" after Sameer's had been read with the last question's
        # words ("wasn't his voice heard: what needs to happen now?") or searched alone; so
        # is one of the case's family ("who was calling the shots at home, mum or the
        # stepdad?" after Alex's was searched alone, and quoted four other families)
        return f"{one}: {message}"
    if one and plan is not None and plan.named_reviews and _COMPARED_WITH.match(message):
        # a review named to compare with the last answer's ("compare with C101 on male
        # carers" after the babies thematic review was asked of C101 alone)
        combined = f"{one}: {message}"
        return combined if len(combined) <= MAX_QUERY_CHARS else None
    if one and plan is not None and not plan.named_reviews and "keywords" in fields_asked(message):
        # the keywords its entries carry, in whichever document ("what keywords is it tagged
        # with in the NSPCC list?" after the Greenwich review was searched alone)
        return f"{one}: {message}"
    if one and plan is not None and (_of_the_case(message, plan) or (
            (_THE_REVIEW_ASKED.match(message) or (_THE_REVIEW_SAID.search(message) and not plan.themes))
            and not (plan.named_reviews or plan.place or plan.sources))):
        # and one asking of "the child", "the review" or "anyone" in its case: "what happened
        # to the child?" and "was anyone convicted?" after Wolverhampton's Child G had been
        # quoted on families with no recourse to public funds listed four other children's
        # deaths and convictions; with the last question's words where it named the review
        # ("why was it late?" after "Baby Sama pre-birth assessment" quoted Nolan's late
        # booking)
        title = one.partition(" – ")[2]
        # (not where it names a theme of its own: "did the escalation policy get changed
        # after that?" after Sameer's voice quoted his voice again)
        names_it = title and ":" not in last and holds_words(last, title) and not plan.themes
        # (less what it asked for: "was the dad convicted?" after "Birmingham child D 2017 -
        # 5 month old twin who died, what were the key issues?" quoted learning, not his
        # conviction)
        combined = f"{_less_its_asking(last) if names_it else one}: {message}"
        return combined if len(combined) <= MAX_QUERY_CHARS else None
    documents = bool(of) and ASKS_FIELD["documents"].search(message) is not None
    if ((len(of) > 1 or documents) and plan is not None and not plan.named_reviews
            and (_IT_OR_THEM.search(message) or _FIELDS_ALONE.match(message) or (documents and one))
            and (fields_asked(message) or _FIELDS_ALONE.match(message)
                 or (_ASKS_OF_THE_REVIEW.search(message) and not that))):
        # who wrote them, or when or what they were, after an answer from several reviews:
        # each one's ("and who wrote it?" after Fenestra's and Jack's models was searched
        # alone for "wrote", and found nothing; "what method did they use" after who wrote
        # five CSE reviews, for "method", and found nothing); and which documents describe
        # it after one ("is it in both the newsletter and the NSPCC list?" after Harry's was
        # searched in both, and listed 20 reviews), though the message says no "it" ("which
        # version has more detail, the newsletter or the NSPCC list?" after Staffordshire's
        # Child B searched the NSPCC list's reviews for "version")
        combined = f"{headings_said(of)}: {message}"
        return combined if len(combined) <= MAX_QUERY_CHARS else None
    if (len(of) > 1 and plan is not None and not that and not plan.named_reviews
            and _TELLS_A_CASE.search(last) and not across_reviews(last) and not ASKED_OF_REVIEWS.match(last)
            and (_OF_THE_CHILD.search(message) or _of_the_case(message, plan))):
        # after a question telling of one child's case whose answer quoted several reviews,
        # one of the child or the case is asked of those reviews, the closest first, as "that
        # review" is: "was she caring for her mum?" after a 16-year-old attacked by her
        # mother (Merton's Child B first) had been searched alone and quoted Baby Sama
        combined = f"{headings_said(of)}: {message}"
        return combined if len(combined) <= MAX_QUERY_CHARS else None
    if not follows_up(message) and not lessons_only:
        # one with words of its own, read with the last question where it narrows it or
        # points back at what it found (``plan``: the message's own reading)
        case = None if across_reviews(last) else one  # (the one review it may be asked of)
        if (corrected := _corrected(message, last)) is not None:
            combined = corrected
        elif len(reviews) > 1 and _THOSE.search(message) and method_asked(message) is not None:
            # which of the reviews the last answer quoted were run a way it names ("which of
            # those used SCIE?" after neglect reviews was asked as neglect again)
            combined = f"{headings_said(reviews)}: {message}"
        elif reviews and _HOW_OLD_THEY.match(message):
            # the ages of the children the last answer quoted ("how old were they?" after
            # school exclusions, searched alone, gave the ages of Baby Sama and others)
            combined = f"{headings_said(reviews)}: {message}"
        elif _WHY_ALONE.match(message):
            # ("why?" after "reviews where police decisions were criticised" quoted Baby
            # Sama's "why things can go wrong")
            combined = f"{last}: why?"
        elif (it := _IT_ASKED.search(message)) and (topic := _topic_of(last)):
            # "it" is what the last question asked about ("which reviews mention it" after
            # "what is disguised compliance?" quoted a foreword)
            pronoun = it.lastindex or 1
            combined = f"{message[:it.start(pronoun)]}{topic}{message[it.end(pronoun):]}"
            if it["of_it"]:
                # asked of what the last question asked ("does it point to any research on
                # that?" after what the South Glos newsletter says: of the newsletter, whose
                # scope was lost)
                combined = f"{last}: {combined}"
        elif _EXAMPLES_ALONE.match(message) and (topic := _topic_of(last)):
            combined = f"examples of {topic}"  # ("examples?" had no answer)
        elif (same := _SAME_THING.search(message)) and (topic := _last_topic(last)):
            # "the same thing" is what the last question asked about ("what does the Sameer
            # case say on the same thing?" after the Baby Sama review's escalation policy had
            # been searched as the words "same thing")
            combined = (f"{message[:same.start()]} about {topic} {message[same.end():]}"
                        if message[:same.start()].strip()
                        # ("same problem came up in the Sameer one didnt it?" after
                        # escalation: "escalation came up in ...")
                        else f"{topic} {message[same.end():]}")
            combined = _SPACE_BEFORE_STOP.sub("", " ".join(combined.split()))
        elif one and plan is not None and (another := _another_named(message, one, plan)):
            # another review or place named in place of the one review the last answer was
            # from: the last question asked of it ("what about Jack?" after "what did the
            # Harry review find?" had been asked of Harry, "Thurrock 2017 – Harry: what about
            # Jack?"; "and Trafford?" after the Edinburgh review's recommendations)
            asked = ASKED_OF_REVIEWS.match(last)
            rest = last[asked.end():].strip() if asked else last
            name = one.partition(" – ")[2]
            instead = without_name(rest, name, any_case=False, instead=another)
            if instead == rest and (area := heading_place(one)):
                # (or the place the last question named: "what about Bradford?" after
                # "tell me about neglect cases in Rochdale")
                instead = without_name(rest, area, any_case=False, instead=another)
            combined = (_SPACE_BEFORE_STOP.sub("", " ".join(instead.split())) if instead != rest
                        else f"{another}: {rest}")
        elif (not one and reviews and plan is not None and _INSTEAD.search(message.rstrip(" ?.!"))
              and (asked := ASKED_OF_REVIEWS.match(last))
              and (another := _another_named(message, "", plan))
              and not any(holds_words(heading, another) for heading in reviews)):
            # a review named in place of the several the last question was asked of ("how
            # about Somerset Fenestra instead" after "... and Calderdale 2016 – Jeanette:
            # what did they recommend?" had been asked of all five)
            combined = f"{another}: {last[asked.end():].strip()}"
        elif (turned := _turned_to(message, last, case)) is not None:
            combined = turned
        elif plan is not None and _narrows(message, plan):
            combined = _with_years(last, " ".join(_FILLER.sub(" ", message).split()))
            if (asked := ASKED_OF_REVIEWS.match(last)) and reviews and (plan.year_from or plan.year_to):
                # of a question asked of the reviews the answer before named, those of them
                # from the years it says ("Somerset 2017 – Child Sam, 2024 – Child V ...: what
                # do they say about fathers?" then "any from 2022 or later?" had searched
                # "Somerset – Child Sam", years taken out of every heading)
                if not (kept := _of_years(reviews, plan.year_from, plan.year_to)):
                    return None
                combined = f"{said_as_list(kept)}: {last[asked.end():].strip()}"
            elif (_OF_THOSE.search(message) and plan.year_from and plan.year_from == plan.year_to
                  and (kept := _of_years(reviews, plan.year_from, plan.year_to))):
                # "which of those came out in 2016?" is of the reviews the last answer
                # quoted, where some are of those years (the years' other reviews searched
                # for the last question led with Swindon's sofa death after "a baby being
                # shaken"); where none is, of the years' reviews on it ("which of those were
                # from 2016?" after five CSE reviews of 2017 and 2018 is Calderdale's Jeanette)
                combined = f"{said_as_list(kept)}: {last}"
        elif that and reviews:
            if (pointed := _of_review_pointed_at(message, that, reviews, meant)) is None:
                return None
            combined = pointed
        elif narrowed := _NARROW_TO.match(message):
            # ("narrow it to the ones where the baby was in the adults' bed or on the sofa",
            # after babies who died where the parents had been drinking, was searched alone)
            combined = f"{last}: {narrowed[1]}"
        elif _THOSE.search(message):
            # (of an answer that left out the reviews before it, of its reviews: "which of
            # those used the SCIE model" after "... other examples than Calderdale 2016 –
            # Jeanette, ... and Merton 2017 – Child B" was read as of Merton's, the last
            # review left out)
            combined = (f"{headings_said(reviews)}: {message}" if reviews and SHOWN_ALREADY.search(last)
                        else f"{last}: {message}")
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
        elif AGENCY_SAID.search(message) and not names_its_own_topic(message):
            # of an agency alone ("knife crime", "what should schools do?" led with school
            # absences and epilepsy)
            combined = f"{last}: {message}"
        elif (case and plan is not None and not (plan.named_reviews or plan.place)
              and (_THAT_ALONE.search(message) or _HOW_MANY.match(message))
              and (len(set(words(message)) - STOPWORDS - _POINTING_WORDS) <= 2
                   or (_HOW_MANY_IN_THE_CASE.match(message) and not across_reviews(message)))):
            # after an answer from one review, a short question of what it said ("did that
            # matter?" after the Baby Sama panel's missing domestic abuse specialist had no
            # answer) or of its case ("how many girls?" after a review of three girls' sexual
            # exploitation listed twenty reviews naming a girl) is of that review
            combined = (f"{case}: {message}" if _HOW_MANY.match(message)
                        else f"{last}: {message}" if ASKED_OF_REVIEWS.match(last)
                        else f"{case}: {last}: {message}")
        else:
            return None
        return combined if len(combined) <= MAX_QUERY_CHARS else None
    said = _ORDINAL.search(message)
    if said and not said[1].isdigit() and len(reviews) == 1 and len(earlier) > 1:
        # an ordinal after an answer from one review counts through the list before it ("and
        # the last one?" after the third of a digest's six reviews was that one again)
        review = _review_said(said[1], earlier)
    elif (review := _review_said(said[1] if said else None, reviews)) is None and said and earlier:
        review = _review_said(said[1], earlier)
    if _EARLIER.search(message) and (review is not None or not (said and said[1].isdigit())):
        # (a year no review of the last answer's had: "and the 2016 one?" asks the last
        # question of that year's reviews, below)
        if review is None:
            return None
        # with the kind of passage it asks for ("just the recommendations from the second
        # one you listed")
        wanted = [kind for kind, asking in (("recommendations", RECOMMENDS),
                                            ("lessons", LESSONS), ("good practice", GOOD_PRACTICE))
                  if asking.search(message)][:1]
        if not wanted and (asked := ASKED_OF_REVIEWS.match(last)):
            # of one of the reviews the last question was asked of, that question of it alone
            # ("tell me more about the second one" after "Liverpool – Chris, Birmingham – Child
            # D, ...: what did they recommend?" was asked of all four again)
            combined = f"{review}: {_THEY.sub('it', last[asked.end():].strip())}"
            return combined if len(combined) <= MAX_QUERY_CHARS else None
        addition, asks = " ".join([review, *wanted]), bool(wanted)
    else:
        addition = _GOING_ON.sub("", " ".join(message.split()))
        asks = bool(LESSONS.search(addition) or GOOD_PRACTICE.search(addition))
        if not asks and not set(words(addition)) - STOPWORDS - _BACK_WORDS:
            return None
    if asks:
        rest = _ASKING_OPENS.sub("", " ".join(GOOD_PRACTICE.sub(
            " ", without_asks(last)).split())).rstrip(" ?.!:")
        if (heading := ASKED_OF_REVIEWS.match(rest)) and not (
                set(words(rest[heading.end():])) - STOPWORDS - {"which", "one", "ones"}):
            # of reviews named, and nothing else asked of them but what was taken out ("and
            # the recommendations?" after "Dudley ...: what was the learning?" had been "what
            # was the: the recommendations", and after "Hull 2017 – Baby J: which one was it?"
            # "which one was it: the recommendations")
            rest = rest[:heading.end() - 1]
        last = rest if says_something(rest) else last
    combined = _with_years(last, addition)
    return combined if len(combined) <= MAX_QUERY_CHARS else None


# A child a question speaks of by "he" or "she" before it names anyone ("why wasn't his voice
# heard?", not "when a mother says her partner has changed")
_OF_THE_CHILD = re.compile(r"^(?:(?!\b(?:mother|mum|mom|father|dad|parents?|partner|boyfriend|girlfriend|"
                           r"step\w*|carers?|grand\w+|brother|sister|siblings?|sons?|daughters?|"
                           r"girls?|boys?|child|children|kids?|bab(?:y|ies)|infants?|teenagers?|"
                           r"wom[ae]n|m[ae]n|person|people|someone|worker|officer|nurse|teacher)\b)"
                           r"[^:])*?\b(?:he|him|his|she|her|hers)\b", re.I)


# The review spoken of as "it" after a word that takes it ("how many young people were
# interviewed for it?" after Buckinghamshire's review of CSE was searched alone), or by its own
# actions or recommendations ("anything in the actions aimed at schools?" after the Sameer
# brief was searched across every review's lines on schools)
_IN_ITS_LESSONS = re.compile(r"\b(?:in|from|among|of)\s+(?:the|its|their)\s+(?:actions?|action\s+plan|"
                             r"recommendations?|recs|learning(?:\s+points?)?|findings|key\s+issues|lessons)\b",
                             re.I)
_AFTER_IT = re.compile(r"\b(?:for|in|into|about|from|by|of|on|behind|under|after)\s+it\b(?!['’])", re.I)


# the family of the case the last answer told, spoken of as such ("the stepdad", "the
# parents"; not "her partner" of a mother the question names)
_THE_FAMILY = re.compile(r"\bthe\s+(?:step-?(?:dad|mum|mom|father|mother|parents?)|"
                         r"mum|mom|mother|dad|father|parents|partner|boyfriend|grand(?:mother|father|ma|pa|"
                         r"parents?))\b", re.I)


def child_spoken_of(message: str) -> str | None:
    """"boy" or "girl", where a message speaks of one child as "he" or "she" before it names
    anyone (:data:`_OF_THE_CHILD`: "what went wrong on the day he died?"); else None."""
    if (said := _OF_THE_CHILD.search(message)) is None:
        return None
    return "girl" if said[0].lower().rstrip().endswith(("she", "her", "hers")) else "boy"


# What a short question asks of the case an answer from one review told ("what happened to
# the child?", "was anyone convicted?", "why was it late?", "what was the cause of death?",
# "what methodology was used?"), not of reviews ("which reviews mention it", "other cases")
_THE_CASE = re.compile(r"\b(?:the|this|that)\s+(?:child|baby|infant|boy|girl|young\s+person|"
                       r"teenager|case|review|report|family|mother|mum|father|dad|parents?|"
                       # ("who was calling the shots at home, mum or the stepdad?" after Alex's)
                       r"step-?(?:dad|mum|father|mother|parents?)|partner|boyfriend|"
                       r"carers?|board|lscb|panel|death|injur(?:y|ies)|cause\s+of\s+death|"
                       # ("which of the actions were already done?" after the Sameer brief)
                       r"actions?|action\s+plan|"
                       # ("how many times did police go to the house?" after a baby's case)
                       r"house|home|flat|"
                       # ("what did the inquest decide in the end" after Martin's, searched
                       # alone, led with Bethany's open verdict)
                       r"inquest|coroner|trial|court(?:\s+case)?|verdict|sentencing|post[\s-]?mortem|autopsy|"
                       r"prosecution|investigation)\b|"
                       r"\b(?:anyone|anybody|it)\b|\bwho\s+wrote\b|"
                       # ("who was the author?" after Waltham Forest's Child S listed the 18
                       # authors the index records)
                       r"\bwho\s+(?:was|were|is|are)\s+(?:the\s+|its\s+)?(?:authors?|reviewers?)\b|"
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
# A question telling of one child ("16 year old girl attacked in her sleep by her mum", "baby
# died from a head injury and mum had a murder conviction abroad"), not of a theme ("neglect",
# "voice of the child")
_TELLS_A_CASE = re.compile(r"^\W*(?:(?:a|an|the)\s+)?(?:baby|toddler|infant|newborn|boy|girl|teenager)\b|"
                           r"\b(?:a|an)\s+(?:[\w-]+\s+)?(?:baby|toddler|infant|newborn|boy|girl|teenager|child)\b|"
                           r"\b\d{1,2}[\s-]*(?:years?|yrs?|months?|weeks?)[\s-]*old\b", re.I)


# What a review's authors were worried about, asked of nothing in particular ("and what were
# they worried about", after what the Sameer brief said was going well, was searched alone)
_WORRIED_ABOUT = re.compile(r"^\W*(?:(?:and|but|so|ok|okay)\W+)?what\s+(?:were|was|are|is)\s+(?:they|we|"
                            r"professionals|practitioners|(?:the\s+)?(?:board|review(?:ers)?|authors?|"
                            r"agencies))\s+(?:most\s+)?(?:worried|concerned)\s+(?:about|by)\W*$", re.I)
# How far the lessons asked for have been acted on, which is no topic of its own ("what
# actions are already done and when" after the Sameer brief's summary was searched alone,
# and quoted Baby Sama's meeting minutes)
_PROGRESS = re.compile(r"\b(?:already|yet|so\s+far|since|progress|(?:and\s+)?when|(?:been\s+)?(?:done|"
                       r"completed|carried\s+out|implemented|achieved|put\s+in\s+place))\b", re.I)
_THEY = re.compile(r"\bthey\b")
# the last answer's review compared with another ("compare with C101 on male carers", "how
# does that compare to the Child V review?")
_COMPARED_WITH = re.compile(r"^\W*(?:(?:and|ok|okay|so|now)\W+)?(?:(?:compare|contrast)\s+(?:it|that|this|"
                            r"them|(?:that|this)\s+(?:one|review))?\s*(?:with|to|against)|how\s+does\s+"
                            r"(?:it|that|this)(?:\s+(?:one|review))?\s+compare\s+(?:with|to))\b", re.I)


def compares_with(message: str) -> bool:
    """Whether a message asks to compare the last answer's review with another
    (:data:`_COMPARED_WITH`)."""
    return _COMPARED_WITH.match(message) is not None


_IT_OR_THEM = re.compile(r"\b(?:it|they|them|those|these|that\s+one|each)\b", re.I)
# the catalogue's facts asked for in a word or two, of no review named ("author? and which
# LSCB" after the Emily review was searched alone, and quoted four reviews' lines on LSCBs)
_FIELD_WORD = (r"(?:(?:the\s+|its\s+)?(?:authors?|writers?|lscb|lscp|scb|board|partnership|council|area|"
               r"(?:publication\s+)?(?:year|date)|type|kind)|(?:which|what)\s+(?:lscb|lscp|scb|board|"
               r"partnership|council|area|year|type|kind)|(?:type|kind)\s+of\s+(?:review|report)|who\s+wrote|"
               r"when\s+published)")
_FIELDS_ALONE = re.compile(rf"^\W*(?:(?:and|so|ok|okay)\W+)?{_FIELD_WORD}"
                           rf"(?:\W+(?:and\W+|or\W+)?{_FIELD_WORD})*\W*$", re.I)


def across_reviews(question: str) -> bool:
    """Whether a question asks across reviews ("are there reviews about house fires?"), not
    of reviews it names."""
    return _OF_REVIEWS.search(question) is not None and not ASKED_OF_REVIEWS.match(question)


def _of_the_case(message: str, plan: QueryPlan) -> bool:
    """Whether a question asks only of the case the last answer, from one review, told
    (:data:`_THE_CASE`, or whether something was done in it: :data:`_WAS_IT_DONE`), naming
    no review, place or year, nor a theme unless it asks what was done; short, unless it asks
    the review's area, year, model or author (:data:`_ASKS_OF_THE_REVIEW`)."""
    done = _WAS_IT_DONE.match(message) is not None
    return ((len(words(message)) <= _CASE_QUESTION_WORDS
             or _ASKS_OF_THE_REVIEW.search(message) is not None)
            and (done or _THE_CASE.search(message) is not None
                 # ("which council area was that in? the digest doesnt seem to say" after
                 # Child V's was searched alone)
                 or (_ASKS_OF_THE_REVIEW.search(message) is not None and _THAT.search(message) is not None))
            and not _OF_REVIEWS.search(message) and not _IT_ASKED.search(message)
            and not (plan.named_reviews or plan.place or plan.year_from or plan.year_to
                     or (plan.themes and not done) or plan.review_types or plan.sources))


# A question of what "the review" did, however long ("did the review look at what happened to
# mum when she was a kid in care?" after the Baby Sama report's panel was searched alone)
_THE_REVIEW_ASKED = re.compile(r"^\W*(?:(?:and|but|so|ok|okay)\W+)?(?:did|does|do|has|had|was|is|"
                               r"why\s+did|why\s+didn['’]?t|how\s+did)\s+(?:the|this|that)\s+"
                               r"(?:review|report|scr|brief|reviewers?|panel)\b", re.I)
# ... or of "the report" ("is there a shorter version of the report than the full overview?"
# after Polly's was searched alone), where it names no theme
_THE_REVIEW_SAID = re.compile(r"\b(?:the|this|that)\s+(?:review|report|scr)\b(?!['’]?s\b)", re.I)
# "that" pointing at the last answer's review ("which council area was that in?")
_THAT = re.compile(r"\b(?:was|is)\s+that\b|\bthat\s+(?:was|is)\b", re.I)
# What a longer follow-up asks of the review itself, its area, year or model ("what area was
# that and what review model did it use?", after an answer from Halton's review alone, was
# searched alone and quoted Baby Sama's method)
_ASKS_OF_THE_REVIEW = re.compile(r"\b(?:what|which)\s+(?:(?:council|local\s+authority)\s+)?(?:area|place|"
                                 r"year|model|method\w*|kind\s+of\s+review|type\s+of\s+review|review\s+model|"
                                 r"council|local\s+authority|lscb|board)\b|\bwhere\s+was\s+(?:it|that)\b|"
                                 r"\bwho\s+(?:wrote|led|carried\s+out)\b", re.I)


# A review a follow-up calls "the Greenwich one" (after an answer that quoted it): "one" is
# no topic ("what did the Greenwich one recommend?" had no answer)
_NAMED_ONE = re.compile(r"\b(the\s+(?:[A-Z][\w'’-]*\s+){1,3})one\b")


_SAME_THING = re.compile(r"\b(?:(?:on|about|of|for|with|regarding)\s+)?(?:the\s+same\s+(?:thing|topic|"
                         r"issue|subject|point|question|theme|area|problem|concern)s?|"
                         # ("same problem came up in the Sameer one"; not "same question for
                         # health visitors", the last question asked of them)
                         r"same\s+(?:problem|concern|issue)s?(?!\s+(?:for|with)\b)|"
                         r"that\s+(?:topic|issue|subject))\b",
                         re.I)  # (not "that area", "at that point": where and when)
# what a question asks about, after its last "about" or the colon a follow-up was read with
_ABOUT_WHAT = re.compile(r"(?:\babout|:)\s+(?!what\b|it\b|them\b)([^:]+?)\W*$", re.I)


# "it" or "that" in a follow-up that stands for what the last question asked about ("which
# reviews mention it", "what does that mean", "any cases of it in Bradford?")
_IT_ASKED = re.compile(r"^\W*(?:(?:and|so|ok|okay)\W+)?"
                       # ("does it point to any research on that?" was asked of "that")
                       r"(?P<of_it>(?:does|do|did|can|could)\s+(?:it|they|you)\s+(?:\w+\s+){0,3}?)?"
                       r"(?:which|what|any|are\s+there\s+any)\b[^:]*?"
                       r"\b(?:mention|mentions|mentioned|discuss\w*|cover\w*|talk\s+about|say\s+about|"
                       # (not a review pointed at: "what else came out of that one")
                       r"describe\w*|involve[sd]?|about|of|on)\s+(it|this|that)\b(?![-'’])"
                       r"(?!\s+(?:one|case|review|report)\b)|"
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
    asked = ASKED_OF_REVIEWS.match(last if ":" in last else f"{last}:")
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
    if AGENCY_SAID.fullmatch(said) and (agencies := list(AGENCY_SAID.finditer(last))):
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
    return rest if says_something(rest) else None


def _last_topic(last: str) -> str | None:
    """What the last question asked about, where it says so after "about" or a colon
    ("Bedford 2017 – Baby Sama: what about the escalation policy": "the escalation
    policy")."""
    m = _ABOUT_WHAT.search(last)
    return m[1] if m and says_something(m[1]) else None


def asks_to_rework(message: str) -> bool:
    """Whether a message asks to rework the last answer ("summarise that", "can you shorten
    it"), which no search serves."""
    return _REWORK.match(message) is not None


def _less_its_asking(last: str) -> str:
    """The last question less its last clause where that asks for lessons and nothing else
    ("what were the key issues", a clause as :data:`~.query.CLAUSE_BREAK` parts them): what
    it asked for is not what a follow-up asks."""
    *before, final = CLAUSE_BREAK.split(last)
    if before and LESSONS.search(final) and not says_something(LESSONS.sub(" ", final)):
        return last[:last.rfind(final)].rstrip(" ,;:-–—")
    return last


# a review a follow-up calls by its place in lower case ("compare that with the isle of wight
# one" after Merton's Child B was asked of the Isle of Wight alone; see _NAMED_ONE)
_PLACE_ONE = re.compile(r"\b(the\s+((?:[a-z][\w'’-]*\s+){1,3}))one\b")


def one_as_review(message: str) -> str:
    """A follow-up's "the Greenwich one" (or "the isle of wight one") written as "the
    Greenwich review"."""
    message = _NAMED_ONE.sub(r"\1review", message)
    return _PLACE_ONE.sub(lambda m: f"{m[1]}review" if places_named(f"in {m[2].strip()}") else m[0],
                          message)


def follows_up(question: str) -> bool:
    """Whether the message only makes sense after the last answer (see with_last_question):
    it asks to rework it, picks among what it found, goes on from it with nothing of its own
    ("and the recommendations?"), or asks only of the review it points at ("what did that
    review recommend?", "what did it find?", searched alone)."""
    if _REWORK.match(question) or _EARLIER.search(question):
        return True
    if that := _THAT_ONE.search(question):
        rest = f"{question[:that.start()]} {question[that.end():]}"
        # (nor the resources it lists: "what resources did it list for practitioners?")
        if not has_topic(rest) or (asks_for_resources(question) and not topic_of(rest)):
            return True
    said = {w for w in words(GOOD_PRACTICE.sub(" ", LESSONS.sub(" ", question)))
            if not w.isdigit()}
    # ("and", "also ...?" with nothing of its own: as "and the recommendations?", "and what
    # went well?")
    return ((_BACK.match(question) is not None or _GOES_ON.match(question) is not None)
            and not said - STOPWORDS - _BACK_WORDS)


# A question that opens as if it went on from the last answer ("and what about the
# police?"): answered on its own, and the answer says so ("what about neglect in Rochdale?"
# asks afresh as well as it goes on).
_GOES_ON = re.compile(r"^\W*(?:and|but|also|so)\b", re.I)


def goes_on(question: str) -> bool:
    """Whether a question with its own topic opens as if it followed the last answer."""
    return _GOES_ON.match(question) is not None and not follows_up(question)


def _other_than(asked: str, shown: str) -> str | None:
    """``asked`` with the reviews ``shown`` (as answers head them) left out, as
    :data:`SHOWN_ALREADY` reads them; None where that is longer than a question may be."""
    combined = f"{asked}: other examples than {shown}"
    return combined if len(combined) <= MAX_QUERY_CHARS else None


# another review of a place or a kind the last answer's was ("and the other Surrey review?"
# had been read as "Tell me about the Surrey the other Surrey review review")
_OTHER_OF = re.compile(r"\b(?:an)?other\s+(?P<of>(?:[\w'’-]+\s+){1,3})(?:reviews?|cases?|ones?)\b", re.I)


def _other_of(message: str) -> bool:
    """Whether ``message`` asks for another review of a place or a name (:data:`_OTHER_OF`),
    said in capitals or a place in lower case ("and the other trafford one" had been read
    with the last question as a topic)."""
    return any(other["of"][0].isupper() or places_named(f"in {other['of'].strip()}")
               for other in _OTHER_OF.finditer(message))
# a question asking for reviews other than those the last answer quoted
# (or other children: "have other teenagers in these reviews ended up in secure units or
# custody?" after Harry's review was read as asked of Harry; not the child's own family's)
_OTHER_REVIEWS = re.compile(r"\b(?:other|another)\s+(?:reviews?|cases?|examples?|ones?|(?:(?:children|child|"
                            r"young\s+(?:people|persons?)|teen(?:ager)?s|kids|boys|girls|babies|famil(?:y|ies))"
                            r"\b(?!\s+(?:in|of)\s+(?:the|that|this|his|her|their)\s+(?:family|household|home|house)\b)))"
                            r"\b|\bany\s+others\b", re.I)
# a follow-up asking only for more of the same ("give me another example", "any others?")
# (and "can you find me a few more?", which was read as the last question with its words)
_A_FEW = r"(?:a\s+few|a\s+couple(?:\s+of)?|some|two|three)"
_ASKING_MORE = r"^\W*(?:(?:and|ok|okay|so|please|can\s+you|could\s+you)\W+)*"
_GIVE_ME = r"(?:give|show|find|get)\s+(?:me\s+)?"
_MORE_EXAMPLES = re.compile(rf"{_ASKING_MORE}(?:{_GIVE_ME}|are\s+there|any|i\s+need)?\s*"
                            rf"(?:an\s*other|(?:{_A_FEW}\s+)?more|other|further)"
                            r"\s+(?:examples?|cases?|reviews?|ones?)(?:\s+(?:please|like\s+(?:that|this|those|these)))?"
                            rf"\W*$|{_ASKING_MORE}(?:{_GIVE_ME})?(?:any\s+others|(?:any|{_A_FEW})\s+more)"
                            r"(?:\s+please)?\W*$", re.I)
