"""The children a question asks about, read against what the reviews' catalogue entries
state of their own: their ages, their sex, and the year of what happened to them.

Ages, as a question asks for them ("babies under 6 months", "children aged 11 to 15",
"16-year-olds", "toddlers") and as an entry gives them (its child's, "7 weeks", "2 years 4
months", "under 6 months"; each its summary gives, a sibling's too; where it gives none, the
stage its summary names, "babies", "a teenage boy"), are spans of days, so that a question
confines the search to the reviews one of whose ages could fall within what it asks. Ages are
whole units, as people say them: "under 6 months" is younger than six months, so not a
6-month-old; "over 10" is 11 or older, as "children over 10" means; "aged 11 to 15" runs to the
day before the 16th birthday.

Sex, as a question asks for boys or girls ("boys who were sexually exploited"), and as an
entry's summary names its children ("Death of a 7-week-old boy", "three siblings": neither).

The year of what happened, as a question asks for it ("children who died in 2014", "babies
injured between 2013 and 2015"), is not the year a review was published; an entry's is the
years its summary's first sentence gives ("Death of a 14-month old girl in July 2014").

Nothing is guessed: a review whose entry gives no age, or whose summary names neither a boy
nor a girl, is never said to fit, nor not to fit (see ``Retriever._scope``); one whose summary
gives no year of what happened is never said to fit a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewqa.corpus.digests import child_age_span
from reviewqa.corpus.structure import MONTHS
from reviewqa.corpus.text import sentences

DAYS = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}
_UNIT = r"(?P<{}>days?|weeks?|months?|years?|yrs?)"
_NUMBERS = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen".split())}
# ("under a year old"; "a" is one only before a unit: "children under a social worker")
_NUMBER = (r"(?P<{}>\d{{1,2}}|" + "|".join(_NUMBERS)
           + r"|an?(?=[\s-]+(?:days?|weeks?|months?|years?)\b))")
# Whom an age is of: a child, however a question calls them ("a 17-year-old mother" is not)
_CHILD = (r"(?:child(?:ren)?|bab(?:y|ies)|infants?|toddlers?|boys?|girls?|kids?|sons?|daughters?|"
          r"young\s+(?:people|person)|teenagers?|adolescents?|victims?|siblings?|pupils?)")
_BELOW = r"under|below|younger\s+than|less\s+than"
_ABOVE = r"over|above|older\s+than|more\s+than"
# "babies under 6 months", "children who were over 10", "young people aged under 16"
_RELATIVE = re.compile(
    rf"\b(?P<whom>{_CHILD})\s+(?:(?:who|that)\s+(?:were|was|are|is)\s+|(?:were|was|are|is)\s+|aged\s+)?"
    rf"(?:aged\s+)?(?P<rel>{_BELOW}|{_ABOVE})\s+(?:the\s+age\s+of\s+)?{_NUMBER.format('n')}"
    rf"(?:\s*{_UNIT.format('unit')})?(?:[\s-]+old)?\b", re.I)
# "teenagers aged 14 or under", "children 5 and younger", "aged 16 or over"
_OR_BEYOND = re.compile(
    rf"(?:\b(?P<whom>{_CHILD})\s+(?:(?:who|that)\s+(?:were|was|are|is)\s+|(?:were|was|are|is)\s+)?"
    rf"(?:aged\s+)?|\baged\s+){_NUMBER.format('n')}(?:\s*{_UNIT.format('unit')})?(?:[\s-]+old)?"
    r"\s+(?:or|and)\s+(?P<rel>under|younger|below|less|over|older|above)\b", re.I)
# "children aged 11 to 15", "babies between 3 and 6 months", "11-15 year olds", "young people
# aged 16 or 17" (read as 17 alone)
_SPAN = re.compile(
    rf"\b(?:(?P<whom>{_CHILD})\s+(?:(?:who\s+were|were|was)\s+)?(?:aged\s+)?(?:between\s+)?|aged\s+)"
    rf"{_NUMBER.format('n')}\s*(?:-|–|to|and|or)\s*{_NUMBER.format('m')}"
    rf"(?:\s*{_UNIT.format('unit')})?(?:[\s-]+olds?)?\b|"
    rf"\b{_NUMBER.format('n2')}\s*(?:-|–|to|or)\s*{_NUMBER.format('m2')}[\s-]+{_UNIT.format('unit2')}"
    r"[\s-]+olds\b", re.I)
# "16-year-olds", "8 week old babies"; not "a 16-year-old boy", which tells of one case (the
# reviews' own words find it: "Fatal stabbing of a 16-year-old boy" had lost its neighbour,
# a 17-year-old's stabbing)
_CHILDREN = (r"(?:children|babies|infants|toddlers|boys|girls|lads|kids|sons|daughters|young\s+people|"
             r"teenagers|adolescents|victims|siblings|pupils)")
_EXACT = re.compile(
    rf"\b{_NUMBER.format('n')}[\s-]+{_UNIT.format('unit')}[\s-]+old(?:s\b|[\s-]+(?P<whom>{_CHILDREN})\b)",
    re.I)
# "teenagers who took their own life", "teenage girls", "a case study on neglect of a
# teenager" (any one); not "children and teenagers", nor "a teenage mum", nor "a teenager with
# fits" (one case, which its own words find)
_TEENAGERS = re.compile(rf"\b(?<!and\s)(?<!or\s)(?:teenagers\b(?!\s+(?:and|or)\s+{_CHILD})|"
                        rf"teenage\s+{_CHILDREN}\b|"
                        r"\b(?:of|for)\s+an?\s+teenage(?:r\b|d?\s+(?:boy|girl|child|son|daughter)\b))",
                        re.I)
TEEN_YEARS = (13, 19)
# Ages a stage of childhood names, in whole years: a toddler from 1 to 3, primary school from
# 4 (reception) to 11 (year 6), secondary school from 11 to 18 (sixth form)
_STAGES = (
    (re.compile(r"\btoddlers\b", re.I), (1, 3)),
    (re.compile(r"\bprimary[\s-]+(?:school[\s-]+)?(?:age[d]?\s+)?(?:children|pupils|kids)\b|"
                r"\b(?:of\s+)?primary[\s-]+school[\s-]+age[d]?\b", re.I), (4, 11)),
    (re.compile(r"\bsecondary[\s-]+(?:school[\s-]+)?(?:age[d]?\s+)?(?:children|pupils|kids)\b|"
                r"\b(?:of\s+)?secondary[\s-]+school[\s-]+age[d]?\b", re.I), (11, 18)),
)
_BABIES_TOO = re.compile(r"\b(?:bab(?:y|ies)|infants?|newborns?)\b", re.I)
# Babies, as a question asks for them ("babies who were shaken", "reviews where a baby died",
# "baby deaths"): under 2, as a summary naming "babies" is read (_STAGES_SAID); not one baby
# of a case ("the baby's dad", "left looking after a baby": whose child is not the baby)
_BABIES = re.compile(r"\b(?<!after\s)(?<!for\s)(?<!unborn\s)(?:babies|infants)\b|\bbaby\s+deaths?\b|"
                     r"\b(?:an?|the)\s+baby\s+(?:who\s+|that\s+)?(?:died|dies|was\s+killed)\b",
                     re.I)
BABY_YEARS = 2
# "the under-fives", "under 5s", "under-ones"
_UNDER_NS = re.compile(rf"\bunder[\s-]?{_NUMBER.format('n')}(?:s|es)\b", re.I)


@dataclass(frozen=True)
class AgeSpan:
    """Ages from ``low`` days to before ``high`` days (None: no bound above)."""

    low: float
    high: float | None

    def overlaps(self, other: AgeSpan) -> bool:
        return ((other.high is None or self.low < other.high)
                and (self.high is None or other.low < self.high))


def _years(low: int, high: int) -> AgeSpan:
    """From ``low`` whole years to before ``high`` + 1 ("13 to 19": to the 20th birthday)."""
    return AgeSpan(low * DAYS["year"], (high + 1) * DAYS["year"])


@dataclass(frozen=True)
class AgeAsked:
    """An age a question confines its children to, and the words it says it in."""

    span: AgeSpan
    said: str  # as the answer says it: "under 6 months"
    words: str  # as the question says it, with whom it is of: "babies under 6 months"
    whom: str = "children"  # whom it says it of: "babies"

    def left_out_of(self, question: str, *, whom: bool = True) -> str:
        """The question with the age said as whom it is of: "babies under 6 months with head
        injuries" is searched as "babies with head injuries" (its "6 months" had found
        passages saying how long something took); without ``whom``, as nothing ("reviews of
        babies under 1" lists reviews, whatever they say of babies)."""
        return question.replace(self.words, self.whom if whom else " ", 1)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower(), 1)  # (or "a", "an")


def _unit_name(word: str | None) -> str:
    """A unit as DAYS names it ("yrs": "year"); a number without one is years ("children
    under 5")."""
    name = (word or "year").lower().rstrip("s")
    return "year" if name == "yr" else name


def _unit(word: str | None) -> float:
    """A unit's days."""
    return DAYS[_unit_name(word)]


# A stage of childhood said of one child ("the toddler", "the teenage boy"), as age_asked
# reads it said of several, and the words such a description is made of
_ONE_AT_STAGE = {"toddler": "toddlers", "baby": "babies", "infant": "infants", "teenager": "teenagers",
                 "teenage": "teenagers", "teen": "teenagers"}
_ONE_AT_STAGE_SAID = re.compile(r"\b(?:toddler|baby|infant|teenager|teenage|teen)\b", re.I)
STAGE_WORDS = frozenset([*_ONE_AT_STAGE, "boy", "girl", "lad", "little", "young", "child", "kid"])


def stage_said(text: str) -> AgeAsked | None:
    """The ages the stage of childhood a text says of one child gives ("the toddler": 1 to 3
    years), as :func:`age_asked` reads the stage said of several; None where it says none."""
    return age_asked(_ONE_AT_STAGE_SAID.sub(lambda m: _ONE_AT_STAGE[m[0].lower()], text))


def age_asked(question: str) -> AgeAsked | None:
    """The span of children's ages a question asks about, or None where it names none."""
    if m := _RELATIVE.search(question):
        n, unit = _number(m["n"]), _unit(m["unit"])
        below = not re.match(_ABOVE, m["rel"], re.I)
        span = AgeSpan(0.0, n * unit) if below else AgeSpan((n + 1) * unit, None)
        rel = "under" if below else "over"
        return AgeAsked(span, f"{rel} {n} {_units_said(m['unit'], n)}", m[0], m["whom"])
    if m := _OR_BEYOND.search(question):
        n, unit = _number(m["n"]), _unit(m["unit"])
        below = m["rel"].lower() in ("under", "younger", "below", "less")
        span = AgeSpan(0.0, (n + 1) * unit) if below else AgeSpan(n * unit, None)
        return AgeAsked(span, f"{'up to' if below else 'at least'} {n} {_units_said(m['unit'], n)}",
                        m[0], m["whom"] or "children")
    if m := _SPAN.search(question):
        first, last, unit_word = ((m["n"], m["m"], m["unit"]) if m["n"] is not None
                                  else (m["n2"], m["m2"], m["unit2"]))
        low, high = sorted((_number(first), _number(last)))
        unit = _unit(unit_word)
        if high - low > 0:
            return AgeAsked(AgeSpan(low * unit, (high + 1) * unit),
                            f"{low} to {high} {_units_said(unit_word, high)}", m[0],
                            m["whom"] or "children")
    if m := _EXACT.search(question):
        n, unit = _number(m["n"]), _unit(m["unit"])
        return AgeAsked(AgeSpan(n * unit, (n + 1) * unit), f"{n} {_units_said(m['unit'], n)}", m[0],
                        m["whom"] or "children")
    if m := _TEENAGERS.search(question):
        low, high = TEEN_YEARS
        return AgeAsked(_years(low, high), f"{low} to {high} years", m[0], m[0])  # (searched as said)
    for stage, (low, high) in _STAGES:
        if m := stage.search(question):
            # (searched as whom it names, or as nothing: "children of primary school age")
            whom = re.search(r"(?:toddlers|children|pupils|kids)$", m[0], re.I)
            if low == 1 and _BABIES_TOO.search(question):
                # babies beside toddlers are younger still ("babies or toddlers with fractures"
                # searched only the reviews giving ages of 1 to 3 years, not Child V's 7 months)
                return AgeAsked(_years(0, high), f"under {high + 1} years", m[0],
                                whom[0] if whom else "")
            return AgeAsked(_years(low, high), f"{low} to {high} years", m[0],
                            whom[0] if whom else "")
    if m := _BABIES.search(question):
        baby_word = re.search(r"bab(?:y|ies)|infants", m[0], re.I)
        said = baby_word[0] if baby_word else m[0]
        return AgeAsked(AgeSpan(0.0, BABY_YEARS * DAYS["year"]), f"under {BABY_YEARS} years",
                        said, said)
    if m := _UNDER_NS.search(question):
        n = _number(m[1])
        return AgeAsked(AgeSpan(0.0, n * DAYS["year"]), f"under {n} {_units_said(None, n)}", m[0])
    return None


def _units_said(word: str | None, n: int) -> str:
    """``n``'s unit as an answer says it: "1 year", "6 months"."""
    name = _unit_name(word)
    return name if n == 1 else f"{name}s"


# A catalogue's child_age as digests state it: "7 weeks", "2 years 4 months", "2 1/2 years",
# "under 6 months", "less than 1 year", "18 month"
_STATED_PART = re.compile(r"(\d+)(?:\s+1/2|½)?\s*(day|week|month|year)s?", re.I)


def stated_age(child_age: str | None) -> AgeSpan | None:
    """The span of ages a stated age covers ("7 weeks": from 7 weeks to before 8; "2 years 4
    months": to before 2 years 5 months), or None where it states none that is read."""
    if not child_age:
        return None
    parts = _STATED_PART.findall(child_age)
    if not parts:
        return None
    low = 0.0
    for number, unit in parts:
        low += int(number) * DAYS[unit.lower()]
    half = re.search(r"1/2|½", child_age)
    if half:
        low += DAYS[parts[0][1].lower()] / 2
    smallest = DAYS[parts[-1][1].lower()] / (2 if half else 1)
    if re.match(r"\s*(?:under|less\s+than|below)\b", child_age, re.I):
        return AgeSpan(0.0, low)
    return AgeSpan(low, low + smallest)


def stated_ages(child_age: str | None, summary: str | None) -> tuple[AgeSpan, ...]:
    """Every age a review's entry gives: its child's, each its summary gives as digests state
    a child's ("Death of a 9-year-old mixed heritage girl and her 3-year-old brother": 9 and
    3) or together ("siblings aged 0-1, 5 and 3 years": 0 to 1), or where it gives none, the
    stage of childhood its summary names (babies under 2, teenagers 13 to 19). A review is of
    an age asked where any of them could be it: its entry states the first child's alone."""
    ages = [age] if (age := stated_age(child_age)) else []
    text, start = summary or "", 0
    while found := child_age_span(text, start):
        if (age := stated_age(found[0])) is not None and age not in ages:
            ages.append(age)
        start = found[2]
    # and the ages of several ("siblings aged 0-1, 5 and 3 years", "aged between 13 and 15"),
    # which digests' one age does not read
    for m in _AGED_RANGE.finditer(text):
        unit = _unit(m[3])
        low, high = sorted((int(m[1]), int(m[2])))
        if (age := AgeSpan(low * unit, (high + 1) * unit)) not in ages:
            ages.append(age)
    # else the stage of childhood it names ("Three cases where babies sustained injuries", "A
    # teenage boy, Jack, was sexually abused": neither entry states an age)
    return tuple(ages or [span for said, span in _STAGES_SAID if said.search(text)])


_AGED_RANGE = re.compile(r"\baged\s+(?:between\s+)?(\d{1,2})\s*(?:-|–|to|and)\s*(\d{1,2})\b"
                         r"(?:\s*(days?|weeks?|months?|years?))?", re.I)
_STAGES_SAID = (
    (_BABIES_TOO, AgeSpan(0.0, BABY_YEARS * DAYS["year"])),
    (re.compile(r"\b(?:teenage[dr]?s?|adolescents?)\b", re.I), _years(*TEEN_YEARS)),
)


# A summary's words for its children: "a 7-week-old boy", "a girl and her 3-year-old
# brother" (both), "three siblings" (neither); not a sibling who abused them ("Sexual abuse
# of a 15-year-old adolescent by her older brother")
_BOY_SAID = re.compile(r"\b(?:boys?|brothers?|sons?)\b", re.I)
_GIRL_SAID = re.compile(r"\b(?:girls?|sisters?|daughters?)\b", re.I)
_BY_SIBLING = re.compile(r"\bby\s+(?:her|his|their)\s+(?:older\s+|elder\s+)?(?:brothers?|sisters?)\b",
                         re.I)
# Boys or girls a question asks about: not "older boys" (who groom them, in the reviews' lay
# words for exploitation), nor "a girl" (one case, which its own words find); and not both
# ("boys and girls", see sex_asked)
_ASKED = r"\b(?<!older\s)(?:{})\b"
_BOYS_ASKED = re.compile(_ASKED.format(r"boys|sons|lads"), re.I)
_GIRLS_ASKED = re.compile(_ASKED.format(r"girls|daughters"), re.I)
# one child of the other sex, whom the question is then about ("a group of year 10/11 lads
# passing a year 9 girl between them" searched only reviews not naming girls alone), or
# siblings of it ("one of my boys' older brother got stabbed ... what do the reviews say
# about the brothers and sisters in these families?")
_A_BOY = re.compile(r"\b(?:boy|son|lad|brothers?)\b", re.I)
_A_GIRL = re.compile(r"\b(?:girl|daughter|sisters?)\b", re.I)


@dataclass(frozen=True)
class SexAsked:
    """Boys or girls, as a question asks about them (``sex``: "boy" or "girl")."""

    sex: str
    words: str  # as the question says it: "boys"

    @property
    def other(self) -> str:
        return "girl" if self.sex == "boy" else "boy"


# Boys or girls who are no children a question asks about: those who abused ("which reviews
# involved women or girls as the main perpetrators?" searched only reviews not naming boys
# alone, and left out Sameer's), and one child of a group ("one of our reception boys told
# his TA ..." is a boy, as "a boy" is)
_NOT_ASKED_OF = re.compile(
    r"\b(?:boys|sons|lads|girls|daughters)\b(?=[^.?!;]{0,30}\b(?:perpetrat\w*|abusers?|offenders?|"
    r"who\s+(?:harm(?:ed)?|hurt)|(?:who\s+)?(?:abuse[ds]?|abusing)\b(?!\s+(?:by|in|at|as|online|through)\b)))|"
    r"\b(?:perpetrators|abusers|offenders)\s+(?:who\s+(?:were|are)\s+|being\s+)?(?:boys|girls)\b|"
    r"\bone\s+of\s+(?:our|my|the|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:boys|girls|lads|sons|daughters)\b",
    re.I)


# cases chosen by their child's sex, said of one child ("just the ones where the victim was a
# boy", after examples of child sexual exploitation, listed three girls' cases)
_CASES_WHERE = re.compile(
    r"\b(?:ones|cases|reviews|those|examples)\s+(?:where|in\s+which|when)\s+(?:the\s+)?"
    r"(?:victim|child|young\s+person|kid|teenager|baby)\s+(?:was|is)\s+(?:a\s+)?"
    r"(boy|girl|male|female)\b|"
    # ("which of those involved a boy?", after CSE reviews, was asked of every child)
    r"\b(?:which|ones|cases|reviews|those|examples)\b(?:\s+of\s+(?:those|these|them))?\s+"
    r"(?:involved|involve|involving|were\s+about|are\s+about)\s+a\s+(?:teenage\s+|young\s+|little\s+)?"
    r"(boy|girl)\b", re.I)


def sex_asked(question: str) -> SexAsked | None:
    """Whether a question asks about boys or girls alone; None where it names both or neither,
    or a child of the other sex ("lads passing a girl between them"). Not those who abused,
    nor one of a group (see _NOT_ASKED_OF). Cases chosen by their child's sex ask about
    boys or girls too (see _CASES_WHERE)."""
    if (chosen := _CASES_WHERE.search(question)) and len(
            {(m[1] or m[2]).lower() in ("boy", "male") for m in _CASES_WHERE.finditer(question)}) == 1:
        return SexAsked("boy" if (chosen[1] or chosen[2]).lower() in ("boy", "male") else "girl", chosen[0])
    question = _NOT_ASKED_OF.sub(" ", question)
    boys, girls = _BOYS_ASKED.search(question), _GIRLS_ASKED.search(question)
    if boys and not girls and not _A_GIRL.search(question):
        return SexAsked("boy", boys[0])
    if girls and not boys and not _A_BOY.search(question):
        return SexAsked("girl", girls[0])
    return None


@dataclass(frozen=True)
class ChildrenStated:
    """What a review's entry gives of its children: every age (:func:`stated_ages`), the
    sexes its summary names them by (:func:`summary_sexes`), whether its summary tells of
    a death (:func:`tells_of_a_death`), and the years what happened spans (:func:`event_years`)."""

    ages: tuple[AgeSpan, ...]
    sexes: frozenset[str]
    death: bool = False
    years: tuple[int, int] | None = None


def children_stated(child_age: str | None, summary: str | None) -> ChildrenStated:
    """:class:`ChildrenStated` of an entry's child's age and summary."""
    return ChildrenStated(stated_ages(child_age, summary), summary_sexes(summary),
                          tells_of_a_death(summary), event_years(summary))


_YEAR = r"(?:19|20)\d\d"


def event_years(summary: str | None) -> tuple[int, int] | None:
    """The first and last year a summary's first sentence gives, the span of what happened
    ("Death of a 14-month old girl in July 2014": 2014 to 2014; "... by Perpetrators A and B
    between 2010 and 2014": 2010 to 2014), or None where it gives none."""
    first = next(sentences(summary or ""), None)
    years = [int(y) for y in re.findall(rf"\b{_YEAR}\b", first.text)] if first else []
    return (min(years), max(years)) if years else None


@dataclass(frozen=True)
class YearsAsked:
    """The years a question says what happened to its children in ("died in 2014"), and the
    words it says them in."""

    low: int
    high: int
    words: str  # the whole of what it says: "died in 2014"
    year_words: str  # the years alone: "in 2014"
    death: bool  # whether what it says happened is a death

    @property
    def said(self) -> str:
        """As the answer says them: "2014", "2013 to 2015"."""
        return str(self.low) if self.low == self.high else f"{self.low} to {self.high}"

    def overlaps(self, span: tuple[int, int]) -> bool:
        return self.low <= span[1] and span[0] <= self.high


# What happened to a child, then when: "died in 2014", "deaths in 2015", "injured in summer
# 2016", "abused between 2010 and 2014" (not "published in 2017", nor "a review from 2014";
# nor "what happened in 2015 in the Sama case", a date of its chronology)
_HAPPENED_IN = re.compile(
    r"\b(?P<what>(?P<death>died|dying|deaths?|killed|murdered)|injured|injuries|harmed|hurt|"
    r"abused|assaulted|exploited)\s+"
    rf"(?P<when>(?:in|during)\s+(?:(?:early|late|mid|the\s+)?(?:summer|spring|autumn|winter|{MONTHS})"
    rf"\s+(?:of\s+)?)?(?P<low>{_YEAR})(?:\s*(?:-|–|to)\s*(?P<high>{_YEAR}))?"
    rf"|between\s+(?P<from>{_YEAR})\s+and\s+(?P<to>{_YEAR}))\b", re.I)


def years_asked(question: str) -> YearsAsked | None:
    """The years a question says what happened to its children in, or None."""
    m = _HAPPENED_IN.search(question)
    if m is None:
        return None
    low, high = int(m["low"] or m["from"]), int(m["high"] or m["to"] or m["low"] or m["from"])
    return YearsAsked(min(low, high), max(low, high), m[0], m["when"], bool(m["death"]))


# Children who lived, as a question asks for them: "babies who survived", "non-fatal
# injuries", "children who did not die", "near misses"
# (not "survivors", who are those abused, now adults: "which reviews spoke to the child,
# survivors or family members?" searched only reviews not opening on a death; nor "the
# surviving siblings" of a child who died)
_SURVIVED = re.compile(
    r"\b(?:who|that)\s+(?:had\s+)?survived\b|\bsurvived\b|\bnon[-\s]?fatal\b|"
    r"\b(?:who|that)\s+(?:did\s+not|didn['’]t)\s+die\b|\bnear[-\s]miss(?:es)?\b|"
    # ("the one where the child lived?"; not where a child lived: "lived with her gran")
    r"(?:\b(?:where|in\s+which|whose|when)\s+)?\b(?:an?\s+|the\s+)(?:child|baby|infant|young\s+person|toddler|"
    r"teenager|boy|girl|kid)\s+(?:lived|lives|lived\s+on|pulled\s+through)(?=\s*(?:[?.!,;]|$))", re.I)
# A summary's first sentence telling of a death: "Death of a 3-month-old girl ...",
# "Deaths of a 9-year-old ...", "Fatal stabbing of ...", "... who died ...", "Harmful sexual
# behaviour and death of 17-year-old boy"; not a parent's ("Child 1 witnessed mother's death")
_DEATH_TOLD = re.compile(r"^\W*(?:the\s+)?(?:deaths?|murder|killing)\b|(?<!non-)(?<!non )\bfatal(?:ly)?\b|"
                         r"\bdied\b|\bdeaths?\s+of\s+(?:an?|two|three|four|\d+|the\s+child|[\w-]+-old)\b",
                         re.I)


# Children who died, as a question confines its reviews to them: "only the ones where a child
# died", "cases in which the baby died" (not "babies who died", which may be what it asks about)
_DIED = re.compile(
    r"\b(?:where|in\s+which|whose|when)\s+(?:an?\s+|the\s+)?(?:child(?:ren)?|bab(?:y|ies)|infants?|"
    r"young\s+(?:person|people)|toddlers?|teenagers?)\s+(?:had\s+)?(?:died|was\s+killed|were\s+killed)\b|"
    # of the reviews just listed: "which of those died?", "did any of them die?", "only the
    # ones who died" (after "babies with bruising", it quoted babies who lived)
    r"\bwhich\s+(?:of\s+(?:those|these|them)(?:\s+(?:children|bab(?:y|ies)|kids))?|ones?)\s+"
    r"(?:had\s+)?(?:died|were\s+killed)\b|"
    # ("of those, which ones involved a child dying?" after the reviews using one method)
    r"\bwhich\s+(?:of\s+(?:those|these|them)|ones?)\s+(?:involved?|included?|had|(?:were|was|are|is)\s+"
    r"about)\s+(?:an?\s+|the\s+)?(?:(?:child(?:ren)?|bab(?:y|ies)|infants?|young\s+(?:person|people)|"
    r"teenagers?)(?:['’]s)?\s+)?(?:dying|deaths?)\b|"
    r"\b(?:did|had)\s+any\s+(?:of\s+(?:them|those|these)\s+|(?:children|bab(?:y|ies))\s+)(?:die|been\s+killed)\b|"
    r"\b(?:the\s+ones|those)\s+(?:who|that)\s+died\b|"
    # ("out of those, which child didn't survive?" after reviews of children harmed in foster
    # care, "which of those ended with the child dying?", "narrow that down to infants who
    # didn't survive": each quoted children who lived)
    r"\bwhich\s+(?:of\s+(?:those|these|them)\s+|ones?\s+)?(?:(?:child(?:ren)?|bab(?:y|ies)|kids?|infants?|"
    r"young\s+(?:person|people))\s+)?(?:did\s+not|didn['’]t)\s+survive\b|"
    r"\bwhich\s+(?:child(?:ren)?|bab(?:y|ies)|kids?)\s+died\b|"
    r"\bend(?:ed|s)?\s+(?:with|in)\s+(?:the\s+|a\s+)?(?:(?:child|baby)(?:['’]s)?\s+)?(?:dying|death)\b|"
    r"\b(?:narrow|limit|cut)\s+(?:it|that|this|them|those|the\s+list)\s+(?:down\s+)?to\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:who|that|which)\s+(?:died|(?:did\s+not|didn['’]t)\s+survive)\b|"
    # (the narrowing alone, as a follow-up is read: "...: infants who didn't survive")
    r":\s*(?:only\s+|just\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:who|that)\s+"
    r"(?:died|(?:did\s+not|didn['’]t)\s+survive)\W*$",
    re.I)


def death_asked(question: str) -> str | None:
    """The words confining a question to reviews where a child died, or None."""
    m = _DIED.search(question)
    return m[0] if m else None


def survival_asked(question: str) -> str | None:
    """The words asking for children who lived ("who survived", "non-fatal"), or None."""
    m = _SURVIVED.search(question)
    return m[0] if m else None


def tells_of_a_death(summary: str | None) -> bool:
    """Whether a review's summary opens on a death (its first sentence)."""
    first = next(sentences(summary or ""), None)
    return first is not None and tells_a_death(first.text)


def tells_a_death(sentence: str) -> bool:
    """Whether ``sentence`` tells of a death in the words a summary's opening does ("Death
    of a 1-year-old boy, Nolan, ...", "... and died the following day"); whose death, it
    does not ask."""
    return bool(_DEATH_TOLD.search(sentence))


def summary_sexes(summary: str | None) -> frozenset[str]:
    """The sexes a review's summary names its children by: {"boy"}, {"girl"}, both or none."""
    text = _BY_SIBLING.sub(" ", summary or "")
    return frozenset(sex for sex, said in (("boy", _BOY_SAID), ("girl", _GIRL_SAID))
                     if said.search(text))
